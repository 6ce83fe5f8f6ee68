//! The edge where errors are rendered, once, on stderr, and where a closed pipe is told
//! apart from a failure.

use std::io::{self, Write};

use whomet::printable::escaped;
use whomet::Error;

use super::output;

/// True when the error, or an I/O error it wraps (serde_json and csv wrap theirs), is a
/// broken pipe.
pub fn is_broken_pipe(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return true;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = error.get_ref().map(|e| e as _);
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        if let Some(json) = e.downcast_ref::<serde_json::Error>() {
            if json.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
                return true;
            }
        }
        if let Some(csv) = e.downcast_ref::<csv::Error>() {
            if let csv::ErrorKind::Io(io) = csv.kind() {
                return io.kind() == io::ErrorKind::BrokenPipe;
            }
        }
        cause = e.source();
    }
    false
}

/// Prints an error on stderr, with source snippets for data errors.
pub fn report(error: &Error) {
    let colour = output::colour_stderr();
    let mut stderr = io::stderr().lock();
    let _ = match error {
        Error::Data(load) => write!(stderr, "{}", load.render(colour)),
        // The library says what was refused; how to insist is the command line's business.
        Error::Write(whomet::store::atomic::AtomicError::Exists(_)) => {
            let text = format!("error: {error}; pass --force to overwrite it");
            writeln!(stderr, "{}", escaped(&text))
        }
        // Names and values typed or read may hold control characters; never pass them raw.
        other => writeln!(stderr, "{}", escaped(&format!("error: {other}"))),
    };
}
