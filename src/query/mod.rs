//! Queries over a [`MeetingGraph`](crate::graph::MeetingGraph): listings, contacts, timelines,
//! paths and reachability. Each returns plain data that serialises to the documented JSON.

pub mod contacts;
pub mod listing;
pub mod path;
pub mod temporal;
