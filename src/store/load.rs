//! Reads `graph/*.ron` (from a folder or from the copy compiled into the binary), checks every
//! record, and builds a [`Dataset`] whose ids all resolve.

use std::collections::HashMap;
use std::path::Path;

use crate::model::{
    Actor, ActorIndex, ActorKind, Affiliation, Citation, Dataset, FuzzyDate, Meeting, Participant,
    Source, SourceIndex,
};
use crate::names::{closest, did_you_mean};
use crate::store::diagnostic::{line_column, offset_of, LoadError, Problem};
use crate::store::raw::{RawCitation, RawFile};
use crate::store::walk::ron_files;

/// One data file's name and raw bytes, before decoding.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Name shown in errors, e.g. `graph/meetings/2016.ron`.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Lists every `*.ron` file under `dir`, recursively, sorted by path so loading is deterministic.
pub fn read_ron_dir(dir: &Path) -> Result<Vec<DataFile>, LoadError> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(LoadError::single(
            shown,
            "data folder not found (expected a folder of .ron files, or actors.csv and meetings.csv)",
        ));
    }
    let paths = ron_files(dir)
        .map_err(|e| LoadError::single(&shown, format!("cannot read folder: {e}")))?;
    let mut files = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => files.push(DataFile { name, bytes }),
            Err(e) => problems.push(Problem {
                file: name,
                line: None,
                column: None,
                message: format!("cannot read file: {e}"),
                span: None,
            }),
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::from_parts(problems, Vec::new()));
    }
    if files.is_empty() {
        return Err(LoadError::single(
            shown,
            "the data folder holds no .ron files (expected actors.ron, sources.ron, meetings/<year>.ron, …)",
        ));
    }
    Ok(files)
}

/// Where a record sits: its file and the byte offset where its text starts.
#[derive(Debug, Clone, Copy)]
struct Origin {
    file: usize,
    offset: usize,
}

/// A decoded file with its text, for locating values in it.
struct Decoded<'a> {
    name: &'a str,
    text: &'a str,
    raw: RawFile,
}

/// Collects problems and locates offending values in the file texts.
struct Checker<'a> {
    files: &'a [Decoded<'a>],
    problems: Vec<Problem>,
}

impl Checker<'_> {
    /// Reports `message` at the first occurrence of the quoted `value` at or after `origin`.
    fn at_value(&mut self, origin: Origin, value: &str, message: String) {
        let file = &self.files[origin.file];
        let needle = format!("{value:?}");
        let start = file.text[origin.offset.min(file.text.len())..]
            .find(&needle)
            .map(|i| origin.offset + i)
            .unwrap_or(origin.offset);
        let end = (start + needle.len()).min(file.text.len());
        let (line, column) = line_column(file.text, start);
        self.problems.push(Problem {
            file: file.name.to_string(),
            line: Some(line),
            column: Some(column),
            message,
            span: Some(start..end.max(start)),
        });
    }
}

/// Finds where each record starts: the offset of `key: "value"` for records with ids, searched
/// forward from the previous record so repeated values land on the right one.
fn record_offsets<'a>(text: &str, key: &str, values: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut cursor = 0;
    values
        .map(|value| {
            let needle = format!("{value:?}");
            let mut search = cursor;
            while let Some(i) = text[search..].find(&needle) {
                let at = search + i;
                let before = text[..at].trim_end();
                if before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with(key) {
                    cursor = at + needle.len();
                    return line_start(text, at);
                }
                search = at + needle.len();
            }
            cursor
        })
        .collect()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Decodes and checks data files into a [`Dataset`], listing every problem when any is found.
pub fn load_files(files: &[DataFile]) -> Result<Dataset, LoadError> {
    let mut problems = Vec::new();
    let mut decoded = Vec::with_capacity(files.len());
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    for file in files {
        // Borrow the text: a million-meeting folder is too large to copy.
        let text = match std::str::from_utf8(&file.bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.valid_up_to();
                let prefix = String::from_utf8_lossy(&file.bytes[..valid]);
                let (line, column) = line_column(&prefix, valid);
                problems.push(Problem {
                    file: file.name.clone(),
                    line: Some(line),
                    column: Some(column),
                    message: format!(
                        "the file is not valid UTF-8 (byte 0x{:02x} at offset {valid}); save it as UTF-8",
                        file.bytes[valid]
                    ),
                    span: None,
                });
                continue;
            }
        };
        match options.from_str::<RawFile>(text) {
            Ok(raw) => decoded.push(Decoded {
                name: &file.name,
                text,
                raw,
            }),
            Err(e) => {
                let start = offset_of(text, e.span.start.line, e.span.start.col);
                let end = offset_of(text, e.span.end.line, e.span.end.col).max(start);
                problems.push(Problem {
                    file: file.name.clone(),
                    line: Some(e.span.start.line),
                    column: Some(e.span.start.col),
                    message: describe_ron_error(&e.code),
                    span: Some(start..end.max(start + 1).min(text.len().max(start))),
                });
                decoded.push(Decoded {
                    name: &file.name,
                    text,
                    raw: RawFile::default(),
                });
            }
        }
    }
    let mut checker = Checker {
        files: &decoded,
        problems,
    };
    let dataset = check(&mut checker);
    if checker.problems.is_empty() {
        Ok(dataset)
    } else {
        // Only a failed load keeps the texts, for the snippets.
        let texts = decoded
            .iter()
            .map(|d| (d.name.to_string(), d.text.to_string()))
            .collect();
        Err(LoadError::from_parts(checker.problems, texts))
    }
}

fn describe_ron_error(code: &ron::Error) -> String {
    let text = code.to_string();
    let text = text.trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("malformed RON: {}{}", first.to_lowercase(), chars.as_str()),
        None => "malformed RON".to_string(),
    }
}

fn check(checker: &mut Checker<'_>) -> Dataset {
    let files = checker.files;
    let mut dataset = Dataset::default();

    // Actors first, so that every later reference can be resolved and suggested against.
    let mut actor_ids: HashMap<&str, (ActorIndex, Origin)> = HashMap::new();
    for (file_index, file) in files.iter().enumerate() {
        let offsets = record_offsets(
            file.text,
            "id",
            file.raw.actors.iter().map(|a| a.id.as_str()),
        );
        for (raw, offset) in file.raw.actors.iter().zip(offsets) {
            let origin = Origin {
                file: file_index,
                offset,
            };
            if let Some(message) = invalid_id(&raw.id) {
                checker.at_value(
                    origin,
                    &raw.id,
                    format!("actor id \"{}\" {message}", raw.id),
                );
            }
            if let Some((_, first)) = actor_ids.get(raw.id.as_str()) {
                let place = describe_origin(files, *first);
                checker.at_value(
                    origin,
                    &raw.id,
                    format!(
                        "duplicate actor id \"{}\" (first defined at {place})",
                        raw.id
                    ),
                );
                continue;
            }
            let index = ActorIndex(dataset.actors.len() as u32);
            actor_ids.insert(raw.id.as_str(), (index, origin));
            dataset.actors.push(Actor {
                id: raw.id.clone(),
                name: raw.name.clone(),
                kind: raw.kind,
                aliases: raw.aliases.clone(),
                native_name: raw.native_name.clone(),
                notes: raw.notes.clone(),
            });
        }
    }
    let mut sorted_actor_ids: Vec<&str> = actor_ids.keys().copied().collect();
    sorted_actor_ids.sort_unstable();

    let mut source_ids: HashMap<&str, (SourceIndex, Origin)> = HashMap::new();
    for (file_index, file) in files.iter().enumerate() {
        let offsets = record_offsets(
            file.text,
            "id",
            file.raw.sources.iter().map(|s| s.id.as_str()),
        );
        for (raw, offset) in file.raw.sources.iter().zip(offsets) {
            let origin = Origin {
                file: file_index,
                offset,
            };
            if let Some((_, first)) = source_ids.get(raw.id.as_str()) {
                let place = describe_origin(files, *first);
                checker.at_value(
                    origin,
                    &raw.id,
                    format!(
                        "duplicate source id \"{}\" (first defined at {place})",
                        raw.id
                    ),
                );
                continue;
            }
            let published = raw.published.as_deref().and_then(|text| {
                parse_date(checker, origin, text, &format!("source \"{}\"", raw.id))
            });
            source_ids.insert(
                raw.id.as_str(),
                (SourceIndex(dataset.sources.len() as u32), origin),
            );
            dataset.sources.push(Source {
                id: raw.id.clone(),
                publication: raw.publication.clone(),
                title: raw.title.clone(),
                published,
                url: raw.url.clone(),
                notes: raw.notes.clone(),
            });
        }
    }
    let mut sorted_source_ids: Vec<&str> = source_ids.keys().copied().collect();
    sorted_source_ids.sort_unstable();

    let resolve_actor =
        |checker: &mut Checker<'_>, origin: Origin, id: &str, what: &str| -> Option<ActorIndex> {
            match actor_ids.get(id) {
                Some((index, _)) => Some(*index),
                None => {
                    let hint = did_you_mean(&closest(id, sorted_actor_ids.iter().copied(), 3));
                    checker.at_value(
                        origin,
                        id,
                        format!("{what} names unknown actor \"{id}\"{hint}"),
                    );
                    None
                }
            }
        };
    let resolve_citations = |checker: &mut Checker<'_>,
                             origin: Origin,
                             raw: &[RawCitation],
                             what: &str|
     -> Vec<Citation> {
        raw.iter()
            .filter_map(|c| match source_ids.get(c.source.as_str()) {
                Some((index, _)) => Some(Citation {
                    source: *index,
                    evidence: c.evidence.clone(),
                }),
                None => {
                    let hint =
                        did_you_mean(&closest(&c.source, sorted_source_ids.iter().copied(), 3));
                    checker.at_value(
                        origin,
                        &c.source,
                        format!("{what} cites unknown source \"{}\"{hint}", c.source),
                    );
                    None
                }
            })
            .collect()
    };

    for (file_index, file) in files.iter().enumerate() {
        let offsets = record_offsets(
            file.text,
            "actor",
            file.raw.affiliations.iter().map(|a| a.actor.as_str()),
        );
        for (raw, offset) in file.raw.affiliations.iter().zip(offsets) {
            let origin = Origin {
                file: file_index,
                offset,
            };
            let what = format!("affiliation of \"{}\"", raw.actor);
            let actor = resolve_actor(checker, origin, &raw.actor, &what);
            let of = resolve_actor(checker, origin, &raw.of, &what);
            if let Some(of) = of {
                let kind = dataset.actor(of).kind;
                if kind == ActorKind::Person {
                    checker.at_value(
                        origin,
                        &raw.of,
                        format!("{what} is to \"{}\", a person; expected a party, state or organization", raw.of),
                    );
                }
            }
            let from = raw
                .from
                .as_deref()
                .and_then(|t| parse_date(checker, origin, t, &what));
            let to = raw
                .to
                .as_deref()
                .and_then(|t| parse_date(checker, origin, t, &what));
            if let (Some(f), Some(t)) = (from, to) {
                if t.latest() < f.earliest() {
                    checker.at_value(
                        origin,
                        raw.to.as_deref().unwrap_or_default(),
                        format!("{what} ends ({t}) before it starts ({f})"),
                    );
                }
            }
            let sources = resolve_citations(checker, origin, &raw.sources, &what);
            if let (Some(actor), Some(of)) = (actor, of) {
                dataset.affiliations.push(Affiliation {
                    actor,
                    of,
                    role: raw.role.clone(),
                    from,
                    to,
                    sources,
                });
            }
        }
    }

    let mut meeting_ids: HashMap<&str, Origin> = HashMap::new();
    for (file_index, file) in files.iter().enumerate() {
        let offsets = record_offsets(
            file.text,
            "id",
            file.raw.meetings.iter().map(|m| m.id.as_str()),
        );
        for (raw, offset) in file.raw.meetings.iter().zip(offsets) {
            let origin = Origin {
                file: file_index,
                offset,
            };
            let what = format!("meeting \"{}\"", raw.id);
            if let Some(first) = meeting_ids.get(raw.id.as_str()) {
                let place = describe_origin(files, *first);
                checker.at_value(
                    origin,
                    &raw.id,
                    format!(
                        "duplicate meeting id \"{}\" (first defined at {place})",
                        raw.id
                    ),
                );
                continue;
            }
            meeting_ids.insert(raw.id.as_str(), origin);
            let date = parse_date(checker, origin, &raw.date, &what);
            let mut participants: Vec<Participant> = Vec::with_capacity(raw.participants.len());
            let mut all_known = true;
            for p in &raw.participants {
                match resolve_actor(checker, origin, &p.actor, &what) {
                    Some(actor) if participants.iter().any(|q| q.actor == actor) => {
                        all_known = false;
                        let start = offset
                            + file.text[offset..]
                                .find(&format!("{:?}", p.actor))
                                .unwrap_or(0)
                            + 1;
                        checker.at_value(
                            Origin {
                                file: file_index,
                                offset: start,
                            },
                            &p.actor,
                            format!(
                                "{what} lists participant \"{}\" twice; list each actor once",
                                p.actor
                            ),
                        );
                    }
                    Some(actor) => participants.push(Participant {
                        actor,
                        role: p.role.clone(),
                    }),
                    None => all_known = false,
                }
            }
            if all_known && participants.len() < 2 {
                checker.at_value(
                    origin,
                    &raw.id,
                    format!(
                        "{what} has {} participant{}; a meeting needs two or more distinct actors",
                        participants.len(),
                        if participants.len() == 1 { "" } else { "s" }
                    ),
                );
            }
            if raw.sources.is_empty() {
                checker.at_value(
                    origin,
                    &raw.id,
                    format!("{what} cites no source; every meeting needs at least one"),
                );
            }
            let sources = resolve_citations(checker, origin, &raw.sources, &what);
            if let Some(date) = date {
                dataset.meetings.push(Meeting {
                    id: raw.id.clone(),
                    date,
                    date_note: raw.date_note.clone(),
                    place: raw.place.clone(),
                    kind: raw.kind,
                    status: raw.status,
                    participants,
                    sources,
                    notes: raw.notes.clone(),
                });
            }
        }
    }
    dataset
}

fn parse_date(
    checker: &mut Checker<'_>,
    origin: Origin,
    text: &str,
    what: &str,
) -> Option<FuzzyDate> {
    match text.parse::<FuzzyDate>() {
        Ok(date) => Some(date),
        Err(e) => {
            checker.at_value(
                origin,
                text,
                format!(
                    "{what} has {e} (expected YYYY, YYYY-MM, YYYY-MM-DD or a range START..END)"
                ),
            );
            None
        }
    }
}

fn invalid_id(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("is empty")
    } else if id.chars().any(|c| c.is_whitespace()) {
        Some("contains whitespace; use a slug such as \"kim-jong-un\"")
    } else {
        None
    }
}

fn describe_origin(files: &[Decoded<'_>], origin: Origin) -> String {
    let file = &files[origin.file];
    let (line, _) = line_column(file.text, origin.offset);
    format!("{}:{line}", file.name)
}
