//! The one integration-test binary: each module tests one area through the public API or the
//! `whomet` binary; `support` holds what they share.

mod centrality;
mod cli;
mod communities;
mod dot;
mod dump;
mod examples;
mod expected;
mod hostile_csv;
mod hostile_fs;
mod hostile_output;
mod hostile_ron;
mod interchange;
mod loader;
mod parquet;
mod paths;
mod pictures;
mod regression;
mod seed_questions;
mod serve;
mod support;
mod temporal;
