//! What every command shares at run time: the output format and stream, how names match,
//! name resolution with its note, and notes on stderr that never fail a command.

use std::io::{self, Write};
use std::path::PathBuf;

use whomet::names::{Match, Matching};
use whomet::{Error, MeetingGraph};

use super::output::Format;

/// Shared context for commands: the format and where to print.
pub struct Context<'a> {
    /// Output format.
    pub format: Format,
    /// Results go here.
    pub out: &'a mut dyn Write,
    /// How loosely typed actor names may match.
    pub matching: Matching,
}

/// Wraps an output error as a library error.
pub fn io_error(source: io::Error) -> Error {
    Error::Io {
        path: PathBuf::from("<stdout>"),
        source,
    }
}

/// Prints `note: …` on stderr. A closed or full stderr is ignored: a note must never turn a
/// query that ran into a failure (or a panic, as `eprintln!` would).
pub fn note(message: std::fmt::Arguments<'_>) {
    say(format_args!("note: {message}"));
}

/// Prints one line on stderr, ignoring a closed or full stderr (see [`note`]).
pub fn say(line: std::fmt::Arguments<'_>) {
    let line = line.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", whomet::printable::escaped(&line));
}

/// Resolves a typed actor name, telling on stderr when it was an id prefix or (with `--fuzzy`)
/// a loose match.
pub fn resolve_actor(
    graph: &MeetingGraph,
    matching: Matching,
    name: &str,
) -> Result<whomet::model::ActorIndex, Error> {
    let resolved = graph.names().resolve(graph.data(), name, matching)?;
    let actor = graph.actor(resolved.actor);
    match &resolved.how {
        Match::Exact => {}
        Match::IdPrefix(key) | Match::Prefix(key) | Match::Fuzzy(key) => {
            note(format_args!(
                "\"{name}\" taken as {} ({}), matching \"{key}\"",
                actor.id, actor.name
            ));
        }
    }
    Ok(resolved.actor)
}
