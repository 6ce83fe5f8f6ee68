//! Where things are in a data file, built once per file and only for files with problems: a
//! line index, each record's byte range, and each string value's places. Searching the text
//! afresh for every problem was quadratic.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::scan::{literals, outline, List};
use crate::store::diagnostic::Lines;

/// Everything needed to place problems in one file.
pub(super) struct Located<'a> {
    /// The file's line index.
    pub(super) lines: Lines,
    /// Each record's byte range, per list, in the order the records were decoded.
    records: [Vec<Range<usize>>; 4],
    /// Where each string value occurs, in file order.
    places: HashMap<Cow<'a, str>, Vec<Range<usize>>>,
}

impl<'a> Located<'a> {
    /// Indexes `text`; `records` are the record ranges when the caller already knows them (a
    /// file recovered record by record), else they come from the file's outline.
    pub(super) fn new(text: &'a str, records: Option<&[Vec<Range<usize>>; 4]>) -> Self {
        let records = match records {
            Some(known) => known.clone(),
            None => {
                let mut found: [Vec<Range<usize>>; 4] = Default::default();
                for field in outline(text).fields {
                    if let Some(list) = field.list {
                        found[list.slot()].extend(field.items);
                    }
                }
                found
            }
        };
        let mut places: HashMap<Cow<'a, str>, Vec<Range<usize>>> = HashMap::new();
        for literal in literals(text) {
            if let Some(value) = literal.value {
                places.entry(value).or_default().push(literal.span);
            }
        }
        Located {
            lines: Lines::new(text),
            records,
            places,
        }
    }

    /// The byte range of record `index` of `list`, or the whole text when it is not known.
    pub(super) fn record(&self, list: List, index: usize, len: usize) -> Range<usize> {
        self.records[list.slot()]
            .get(index)
            .cloned()
            .unwrap_or(0..len)
    }

    /// The first place at or after `from` and before `until` where a string literal holds
    /// `value`.
    pub(super) fn find(&self, value: &str, from: usize, until: usize) -> Option<Range<usize>> {
        let places = self.places.get(value)?;
        let i = places.partition_point(|p| p.start < from);
        places.get(i).filter(|p| p.start < until).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_escaped_values_at_their_place() {
        let text = "(actors: [A(id: \"x\"), A(id: \"dp\\u{72}k\", of: \"dprk\")])";
        let located = Located::new(text, None);
        let second = located.record(List::Actors, 1, text.len());
        let place = located.find("dprk", second.start, second.end).unwrap();
        assert_eq!(&text[place.clone()], "\"dp\\u{72}k\"");
        let later = located.find("dprk", place.end, second.end).unwrap();
        assert_eq!(&text[later], "\"dprk\"");
    }
}
