//! A file that does not parse as a whole is parsed again record by record, so that every
//! broken record in it is reported, not only the first, and its good records are still
//! checked. The top-level lists are split into records by the bracket- and string-aware
//! [`outline`]; where even that cannot follow the file, the rest of it is said to be unchecked.

use std::ops::Range;

use ron::error::SpannedError;

use super::describe_ron_error;
use super::scan::{more_after, outline, Field, List};
use crate::store::diagnostic::{offset_of, Lines, Problem};
use crate::store::raw::RawFile;

/// What could be read from a file that failed to parse.
pub(super) struct Recovered {
    /// The records that parse on their own.
    pub(super) raw: RawFile,
    /// The byte range of each record in `raw`, per list.
    pub(super) records: [Vec<Range<usize>>; 4],
    /// The first error (as the whole-file parse found it), then every later one.
    pub(super) problems: Vec<Problem>,
    /// Which lists may be missing records (ids defined there cannot be relied on).
    pub(super) incomplete: [bool; 4],
}

/// One thing the outline found: a record of a list, or a list name that is none of the four.
struct Unit<'a> {
    span: Range<usize>,
    list: Option<List>,
    field: &'a Field,
}

/// Parses `text` record by record after the whole-file parse failed with `first`.
pub(super) fn recover(
    name: &str,
    text: &str,
    first: &SpannedError,
    options: &ron::Options,
) -> Recovered {
    let lines = Lines::new(text);
    let at = |start: usize, end: usize, message: String| {
        let (line, column) = lines.line_column(text, start);
        Problem {
            file: name.to_string(),
            line: Some(line),
            column: Some(column),
            message,
            span: Some(start..end.max(start + 1).min(text.len()).max(start)),
        }
    };
    let first_at = offset_of(text, first.span.start.line, first.span.start.col);
    let first_end = offset_of(text, first.span.end.line, first.span.end.col);
    let mut first_message = describe_ron_error(&first.code);
    let mut recovered = Recovered {
        raw: RawFile::default(),
        records: Default::default(),
        problems: Vec::new(),
        incomplete: [false; 4],
    };
    let outline = outline(text);
    if outline.has_attributes {
        // The attributes change how records parse; a record read alone would not honour them.
        recovered.incomplete = [true; 4];
        first_message.push_str("; the rest of this file is not checked");
        recovered
            .problems
            .push(at(first_at, first_end, first_message));
        return recovered;
    }
    let units: Vec<Unit<'_>> = outline
        .fields
        .iter()
        .flat_map(|field| -> Vec<Unit<'_>> {
            match field.list {
                None => vec![Unit {
                    span: field.name.clone(),
                    list: None,
                    field,
                }],
                Some(list) => field
                    .items
                    .iter()
                    .map(|item| Unit {
                        span: item.clone(),
                        list: Some(list),
                        field,
                    })
                    .collect(),
            }
        })
        .collect();
    // The unit the first error is in: its own error is the first one, already reported.
    let first_unit = units.iter().rposition(|u| u.span.start <= first_at);
    let first_unit_end = first_unit.map_or(first_at, |i| units[i].span.end.max(first_at));
    match first_unit.and_then(|i| units[i].list) {
        Some(list) => recovered.incomplete[list.slot()] = true,
        None => recovered.incomplete = [true; 4],
    }
    for (i, unit) in units.iter().enumerate() {
        let reported = Some(i) == first_unit;
        let Some(list) = unit.list else {
            recovered.incomplete = [true; 4];
            if !reported {
                let name = &text[unit.field.name.clone()];
                recovered.problems.push(at(
                    unit.span.start,
                    unit.span.end,
                    format!(
                        "malformed RON: unknown list `{name}`; expected actors, sources, affiliations or meetings"
                    ),
                ));
            }
            continue;
        };
        let item = &text[unit.span.clone()];
        match parse_item(options, list, item, &mut recovered.raw) {
            Ok(()) => recovered.records[list.slot()].push(unit.span.clone()),
            Err(e) => {
                recovered.incomplete[list.slot()] = true;
                if !reported {
                    let start =
                        unit.span.start + offset_of(item, e.span.start.line, e.span.start.col);
                    let end = unit.span.start + offset_of(item, e.span.end.line, e.span.end.col);
                    recovered
                        .problems
                        .push(at(start, end, describe_ron_error(&e.code)));
                }
            }
        }
    }
    if let Some((stop, why)) = outline.stopped {
        let rest_unchecked = more_after(text, stop);
        if rest_unchecked {
            recovered.incomplete = [true; 4];
        }
        let note = if rest_unchecked {
            "; the rest of this file is not checked"
        } else {
            ""
        };
        let first_is_at_end = first_at >= text.trim_end().len();
        if stop > first_unit_end && !first_is_at_end {
            recovered
                .problems
                .push(at(stop, stop + 1, format!("malformed RON: {why}{note}")));
        } else {
            first_message.push_str(note);
        }
    }
    recovered
        .problems
        .insert(0, at(first_at, first_end, first_message));
    recovered
}

/// Parses one record of `list` and appends it to its list in `raw`.
fn parse_item(
    options: &ron::Options,
    list: List,
    item: &str,
    raw: &mut RawFile,
) -> Result<(), SpannedError> {
    match list {
        List::Actors => raw.actors.push(options.from_str(item)?),
        List::Sources => raw.sources.push(options.from_str(item)?),
        List::Affiliations => raw.affiliations.push(options.from_str(item)?),
        List::Meetings => raw.meetings.push(options.from_str(item)?),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recovered(text: &str) -> Recovered {
        let options = ron::Options::default();
        let first = options.from_str::<RawFile>(text).unwrap_err();
        recover("f.ron", text, &first, &options)
    }

    #[test]
    fn reports_every_broken_record_and_keeps_the_good_ones() {
        let text = "(\n  actors: [\n    Actor(id: \"a\", name: \"A\", kind: person),\n    Actor(id: \"b\", name: \"B\", kind: wizard),\n    Actor(id: \"c\", name: \"C\", kind: person),\n    Actor(id: \"d\", nme: \"D\", kind: person),\n  ],\n)\n";
        let r = recovered(text);
        let lines: Vec<Option<usize>> = r.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(4), Some(6)], "{:?}", r.problems);
        let ids: Vec<&str> = r.raw.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(r.incomplete, [true, false, false, false]);
    }

    #[test]
    fn a_truncated_file_gives_one_error() {
        let text = "(\n  sources: [\n    Source(id: \"a\", publication: \"P\"),\n    Source(id: \"b\", publ";
        let r = recovered(text);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].line, Some(4));
        assert_eq!(r.raw.sources.len(), 1);
        assert_eq!(r.incomplete, [false, true, false, false]);
    }

    #[test]
    fn an_unclosed_bracket_leaves_the_rest_unchecked() {
        let text = "(\n  actors: [\n    Actor(id: \"a\", name: \"A\", kind: person],\n    Actor(id: \"b\"),\n  ],\n)\n";
        let r = recovered(text);
        assert!(
            r.problems[0]
                .message
                .ends_with("the rest of this file is not checked"),
            "{:?}",
            r.problems
        );
        assert_eq!(r.incomplete, [true; 4]);
    }
}
