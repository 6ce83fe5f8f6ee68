//! Any bytes as a CSV pair (actors before the first NUL byte, meetings after it), with and
//! without `--skip-bad`: data or listed row errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whomet::store::csv::{parse_pair, CsvInput, CsvOptions};

fuzz_target!(|bytes: &[u8]| {
    let split = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let (actors, meetings) = bytes.split_at(split);
    let meetings = meetings.get(1..).unwrap_or_default();
    for skip_bad in [false, true] {
        let result = parse_pair(
            CsvInput { name: "actors.csv", bytes: actors },
            CsvInput { name: "meetings.csv", bytes: meetings },
            CsvOptions { skip_bad },
        );
        if let Err(error) = result {
            let _ = error.render(false);
        }
    }
});
