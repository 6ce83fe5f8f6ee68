//! Any bytes as a data file beside the curated actors: the loader returns data or located
//! errors, never panics, and a clean load builds a graph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whomet::store::{embedded_files, load_files, DataFile};

fuzz_target!(|bytes: &[u8]| {
    let mut files: Vec<DataFile> = embedded_files()
        .into_iter()
        .filter(|f| f.name.ends_with("actors.ron") || f.name.ends_with("sources.ron"))
        .collect();
    files.push(DataFile {
        name: "fuzz.ron".into(),
        bytes: bytes.to_vec(),
    });
    match load_files(&files) {
        Ok(data) => {
            let _ = whomet::MeetingGraph::new(data);
        }
        Err(error) => {
            let _ = error.render(false);
        }
    }
});
