//! `whomet import`.

use whomet::Error;

use super::Context;

/// Arguments of `whomet import`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: &Args, _context: &mut Context<'_>) -> Result<(), Error> {
    Err(Error::Usage("`whomet import` is being built".into()))
}
