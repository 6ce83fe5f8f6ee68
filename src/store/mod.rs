//! Where data comes from: a folder of RON files, a CSV pair, or the curated copy compiled
//! into the binary. Only this module touches the disk for reading data.

pub mod atomic;
pub mod csv;
mod diagnostic;
pub mod dump;
pub mod import;
mod load;
pub mod raw;
pub mod snapshot;
mod walk;
pub mod write;

pub use diagnostic::{line_column, LoadError, Problem};
pub use load::{load_dir, load_files, read_ron_dir, DataFile};
pub use walk::ron_files;

use std::path::{Path, PathBuf};

use crate::graph::MeetingGraph;
use crate::model::Dataset;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_graph.rs"));
}

/// Where to load data from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataLocation {
    /// A folder of `*.ron` files (searched recursively) or holding `actors.csv` and `meetings.csv`.
    Dir(PathBuf),
    /// The curated `graph/` folder as it was when the binary was built.
    Embedded,
}

impl DataLocation {
    /// The location a command uses: `--data` or `WHOMET_DATA` if given, else `./graph` if it
    /// exists, else the embedded copy.
    pub fn choose(explicit: Option<PathBuf>) -> Self {
        match explicit {
            Some(dir) => DataLocation::Dir(dir),
            None if Path::new("graph").is_dir() => DataLocation::Dir(PathBuf::from("graph")),
            None => DataLocation::Embedded,
        }
    }

    /// How the location is shown to users.
    pub fn describe(&self) -> String {
        match self {
            DataLocation::Dir(dir) => dir.display().to_string(),
            DataLocation::Embedded => "the curated data built into whomet".to_string(),
        }
    }
}

/// The curated data files compiled into the binary, as `(name, bytes)`.
pub fn embedded_files() -> Vec<DataFile> {
    embedded::FILES
        .iter()
        .map(|(name, bytes)| DataFile {
            name: name.to_string(),
            bytes: bytes.to_vec(),
        })
        .collect()
}

/// Loads and checks a data set.
pub fn load_dataset(location: &DataLocation) -> Result<Dataset, LoadError> {
    match location {
        DataLocation::Embedded => load_files(&embedded_files()),
        DataLocation::Dir(dir) if self::csv::is_csv_dir(dir) => self::csv::load_dir(dir),
        DataLocation::Dir(dir) => self::snapshot::load_ron_dir(dir),
    }
}

/// Loads, checks and builds the graph.
///
/// ```
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// assert!(graph.actor_by_id("kim-jong-un").is_some());
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn load(location: &DataLocation) -> Result<MeetingGraph, LoadError> {
    Ok(MeetingGraph::new(load_dataset(location)?))
}

/// Loads, checks and builds the graph with `counting` deciding which records are edges
/// (e.g. state visits as the visitor meeting the state).
pub fn load_counting(
    location: &DataLocation,
    counting: crate::model::Counting,
) -> Result<MeetingGraph, LoadError> {
    Ok(MeetingGraph::with_counting(
        load_dataset(location)?,
        counting,
    ))
}
