//! The library's one error type; the binary renders it once and picks the exit code.

use std::path::PathBuf;

use crate::names::ResolveError;
use crate::store::LoadError;

/// Everything that can go wrong in a whomet call.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data has problems (every one is listed).
    #[error("{0}")]
    Data(#[from] LoadError),
    /// A name on the command line does not pick out one actor.
    #[error(transparent)]
    Name(#[from] ResolveError),
    /// A request that cannot be carried out as asked (bad date, contradictory options).
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl Error {
    /// The process exit code for this error: 1 for data and file errors, 2 for usage and names.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Data(_) | Error::Io { .. } => 1,
            Error::Name(_) | Error::Usage(_) => 2,
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
