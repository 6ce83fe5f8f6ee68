//! `whomet reach`.

use whomet::{Error, MeetingGraph};

use super::Context;

/// Arguments of `whomet reach`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_graph: &MeetingGraph, _args: &Args, _context: &mut Context<'_>) -> Result<(), Error> {
    Err(Error::Usage("`whomet reach` is being built".into()))
}
