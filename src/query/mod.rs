//! Queries over a [`MeetingGraph`](crate::graph::MeetingGraph): listings, contacts, timelines,
//! paths, reachability, and centrality rankings and series. Each returns plain data that
//! serialises to the documented JSON; actor constraints shared by the path searches are in
//! [`constraints`].

pub mod centrality;
pub mod communities;
pub mod constraints;
pub mod contacts;
pub mod listing;
pub mod path;
pub mod profile;
pub mod temporal;
pub mod windows;
