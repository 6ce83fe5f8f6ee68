//! Any bytes as a snapshot: a data set or `None`, never a panic, never an allocation the
//! bytes cannot back; and a real snapshot's records decode to what was written.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whomet::store::snapshot::decode;

fuzz_target!(|bytes: &[u8]| {
    if let Some(data) = decode(bytes) {
        let _ = whomet::MeetingGraph::new(data);
    }
});
