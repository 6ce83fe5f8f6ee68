//! Any text as a date: parsed or refused, and a parsed date prints as notation that parses
//! back to the same date, with its earliest day no later than its latest.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whomet::model::FuzzyDate;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(date) = text.parse::<FuzzyDate>() {
        assert!(date.earliest() <= date.latest(), "{text:?}");
        let again: FuzzyDate = date.to_string().parse().expect("printed notation parses");
        assert_eq!(again, date, "{text:?}");
    }
    let _ = FuzzyDate::parse_ymd(bytes);
});
