//! Actor rows: reading and checking `actors.csv`, and the id table meetings resolve against.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::header::{check_header, offset_of, pieces, reader, text, wrong_width, ACTOR_COLUMNS};
use super::validate::{not_utf8, subject, ProblemLog, Tail};
use super::CsvInput;
use crate::model::{Actor, ActorIndex, ActorKind};
use crate::names::{closest, did_you_mean};
use crate::store::diagnostic::LoadError;

/// Ids mapped to their positions. Each table entry carries the id's length and first 16
/// bytes, so a lookup of a short id touches only the table (three million participant
/// lookups are cache misses otherwise); longer ids are checked against a contiguous arena.
#[derive(Default)]
struct IdArena {
    /// (hash, position, length, first bytes) of every id.
    table: HashTable<(u64, u32, u32, [u8; 16])>,
    bytes: Vec<u8>,
    /// Id `i` is `bytes[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<usize>,
}

fn head(id: &[u8]) -> [u8; 16] {
    let mut head = [0u8; 16];
    let n = id.len().min(16);
    head[..n].copy_from_slice(&id[..n]);
    head
}

impl IdArena {
    fn id(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }

    fn get(&self, hasher: &DefaultHashBuilder, id: &[u8]) -> Option<u32> {
        let hash = hasher.hash_one(id);
        let first = head(id);
        self.table
            .find(hash, |&(h, i, len, start)| {
                h == hash
                    && len as usize == id.len()
                    && start == first
                    && (id.len() <= 16 || self.id(i) == id)
            })
            .map(|&(_, i, _, _)| i)
    }

    /// Adds an id not yet present; its position is the number of ids before it.
    fn insert(&mut self, hasher: &DefaultHashBuilder, id: &[u8]) {
        let index = self.ends.len() as u32;
        self.bytes.extend_from_slice(id);
        self.ends.push(self.bytes.len());
        let hash = hasher.hash_one(id);
        self.table
            .insert_unique(hash, (hash, index, id.len() as u32, head(id)), |e| e.0);
    }
}

/// The actors, with a table from id to position.
pub(super) struct ActorPart {
    pub(super) actors: Vec<Actor>,
    ids: IdArena,
    pub(super) rows: usize,
    pub(super) log: ProblemLog,
    /// Ids in sorted order for suggestions, built on the first unknown id.
    sorted: OnceLock<Vec<String>>,
}

impl ActorPart {
    /// The actor with this id.
    pub(super) fn find(&self, hasher: &DefaultHashBuilder, id: &[u8]) -> Option<ActorIndex> {
        self.ids.get(hasher, id).map(ActorIndex)
    }

    /// A " (did you mean …?)" hint for an unknown id, or nothing.
    pub(super) fn suggest(&self, id: &str) -> String {
        let sorted = self.sorted.get_or_init(|| {
            let mut ids: Vec<String> = self.actors.iter().map(|a| a.id.clone()).collect();
            ids.sort_unstable();
            ids
        });
        did_you_mean(&closest(id, sorted.iter().map(String::as_str), 3))
    }

    /// Checks one row against the actors before it: the actor, nothing (a row that cannot
    /// be read but has no problem of its own), or the row's problems. `first_offsets` are
    /// where the parser began reading each actor's record.
    fn check_row(
        &self,
        record: &csv::ByteRecord,
        first_offsets: &[u64],
        hasher: &DefaultHashBuilder,
    ) -> Result<Option<Actor>, Vec<(String, Tail)>> {
        if record.len() != ACTOR_COLUMNS.len() {
            return Err(vec![(
                wrong_width(&ACTOR_COLUMNS, record.len()),
                Tail::None,
            )]);
        }
        let mut row: Vec<String> = Vec::new();
        let raw_id = record[0].trim_ascii();
        let mut fields = [None; 4];
        for (i, column) in ACTOR_COLUMNS.iter().enumerate() {
            fields[i] = text(&record[i]);
            if fields[i].is_none() {
                row.push(not_utf8("actor", b"", column));
            }
        }
        let id = fields[0].map(str::trim).unwrap_or_default();
        if fields[0].is_some() {
            row.extend(id_problem(id, raw_id));
        }
        let kind = fields[2].map(str::trim).and_then(|k| {
            let kind = ActorKind::parse(k);
            if kind.is_none() {
                row.push(format!(
                    "{}: unknown kind \"{k}\" (expected person, party, state or organization)",
                    subject("actor", raw_id, "kind")
                ));
            }
            kind
        });
        let name = fields[1].map(str::trim).unwrap_or_default();
        if fields[1].is_some() && name.is_empty() {
            row.push(format!(
                "{}: the name is empty",
                subject("actor", raw_id, "name")
            ));
        }
        let mut problems: Vec<(String, Tail)> = row.into_iter().map(|m| (m, Tail::None)).collect();
        let known = self.ids.get(hasher, id.as_bytes());
        if let Some(first) = known.filter(|_| !id.is_empty()) {
            problems.push((
                format!(
                    "{}: duplicate actor id \"{id}\"",
                    subject("actor", raw_id, "id")
                ),
                Tail::FirstDefined(first_offsets[first as usize]),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(kind), Some(aliases)) = (kind, fields[3]) else {
            return Ok(None);
        };
        Ok(Some(Actor {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases: pieces(aliases.as_bytes())
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect(),
            native_name: None,
            notes: None,
        }))
    }
}

/// What is wrong with an actor id, if anything.
fn id_problem(id: &str, raw_id: &[u8]) -> Option<String> {
    if id.is_empty() {
        return Some("actor without id, column \"id\": the id is empty".to_string());
    }
    crate::model::id_flaw(id)
        .map(|flaw| format!("{}: the id {id:?} {flaw}", subject("actor", raw_id, "id")))
}

/// Reads and checks the actors file.
pub(super) fn parse_actors(
    input: CsvInput<'_>,
    hasher: &DefaultHashBuilder,
) -> Result<ActorPart, LoadError> {
    let bytes = input.bytes;
    let start = check_header(input.name, || Ok(bytes), &ACTOR_COLUMNS)?;
    let mut part = ActorPart {
        actors: Vec::new(),
        ids: IdArena::default(),
        rows: 0,
        log: ProblemLog::default(),
        sorted: OnceLock::new(),
    };
    let mut reader = reader(&bytes[start as usize..]);
    let mut record = csv::ByteRecord::new();
    let mut first_offsets: Vec<u64> = Vec::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| LoadError::single(input.name, format!("cannot read CSV: {e}")))?
    {
        part.rows += 1;
        let at = offset_of(&record, start);
        match part.check_row(&record, &first_offsets, hasher) {
            Ok(Some(actor)) => {
                part.ids.insert(hasher, actor.id.as_bytes());
                first_offsets.push(at);
                part.actors.push(actor);
            }
            Ok(None) => {}
            Err(problems) => {
                part.log.bad_rows += 1;
                for (message, tail) in problems {
                    part.log.push(Some(at), message, tail);
                }
            }
        }
    }
    Ok(part)
}
