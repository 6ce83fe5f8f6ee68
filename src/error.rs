//! The library's one error type; the binary renders it once and picks the exit code.

use std::path::PathBuf;

use crate::algo::centrality::CentralityError;
use crate::names::ResolveError;
use crate::store::atomic::AtomicError;
use crate::store::write::WriteError;
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
    /// Writing a file atomically failed, or would have overwritten one.
    #[error(transparent)]
    Write(#[from] AtomicError),
    /// Writing a data folder failed, or would have overwritten one.
    #[error(transparent)]
    WriteFolder(#[from] WriteError),
    /// A centrality computation failed or was asked for in a way it cannot run.
    #[error(transparent)]
    Centrality(#[from] CentralityError),
    /// A fault of whomet itself, not of the data or the request (a DOT encoding bug, a layout
    /// engine failure); the message says where.
    #[error("internal error: {0}")]
    Internal(String),
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
    /// The process exit code for this error: 1 for data, file and internal errors (and a
    /// measure that does not converge on this data), 2 for usage and names (including a
    /// refusal to overwrite).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Data(_) | Error::Io { .. } | Error::Internal(_) => 1,
            Error::Name(_) | Error::Usage(_) => 2,
            Error::Write(AtomicError::Exists(_) | AtomicError::Link(_)) => 2,
            Error::Write(AtomicError::Io { .. }) => 1,
            Error::WriteFolder(WriteError::Io { .. }) => 1,
            Error::WriteFolder(_) => 2,
            Error::Centrality(error) => error.exit_code(),
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
