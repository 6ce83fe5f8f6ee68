//! Writing a data set as snapshot bytes: lists in blocks encoded in parallel.

use rayon::prelude::*;

use super::BLOCK;
use crate::model::*;

/// Appends a list as `count, blocks, (records, byte length, bytes) per block` to `out`, in
/// pieces: the snapshot is written piece by piece, never joined into one buffer.
pub(super) fn encode_list<T: Sync>(
    out: &mut Vec<Vec<u8>>,
    items: &[T],
    encode: fn(&mut Vec<u8>, &T) -> Result<(), ()>,
) -> std::io::Result<()> {
    let blocks: Vec<Vec<u8>> = items
        .par_chunks(BLOCK)
        .map(|block| {
            let mut bytes = Vec::new();
            for item in block {
                encode(&mut bytes, item)?;
            }
            Ok(bytes)
        })
        .collect::<Result<_, ()>>()
        .map_err(|()| std::io::Error::other("a record does not fit the snapshot format"))?;
    let mut head = Vec::with_capacity(8);
    put_u32(&mut head, items.len() as u32);
    put_u32(&mut head, blocks.len() as u32);
    out.push(head);
    for (block, bytes) in items.chunks(BLOCK).zip(blocks) {
        let mut head = Vec::with_capacity(12);
        put_u32(&mut head, block.len() as u32);
        head.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.push(head);
        out.push(bytes);
    }
    Ok(())
}

pub(super) fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

pub(super) fn put_str(out: &mut Vec<u8>, text: &str) {
    put_u32(out, text.len() as u32);
    out.extend_from_slice(text.as_bytes());
}

pub(super) fn put_opt(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.push(1);
            put_str(out, text);
        }
        None => out.push(0),
    }
}

pub(super) fn put_date(out: &mut Vec<u8>, date: Option<FuzzyDate>) {
    put_opt(out, date.map(|d| d.to_string()).as_deref());
}

pub(super) fn put_citations(out: &mut Vec<u8>, citations: &[Citation]) {
    put_u32(out, citations.len() as u32);
    for c in citations {
        put_u32(out, c.source.0);
        put_opt(out, c.evidence.as_deref());
    }
}

pub(super) fn encode_actor(out: &mut Vec<u8>, a: &Actor) -> Result<(), ()> {
    put_str(out, &a.id);
    put_str(out, &a.name);
    out.push(ActorKind::ALL.iter().position(|&k| k == a.kind).ok_or(())? as u8);
    put_u32(out, a.aliases.len() as u32);
    for alias in &a.aliases {
        put_str(out, alias);
    }
    put_opt(out, a.native_name.as_deref());
    put_opt(out, a.notes.as_deref());
    Ok(())
}

pub(super) fn encode_source(out: &mut Vec<u8>, s: &Source) -> Result<(), ()> {
    put_str(out, &s.id);
    put_str(out, &s.publication);
    put_opt(out, s.title.as_deref());
    put_date(out, s.published);
    put_opt(out, s.url.as_deref());
    put_opt(out, s.notes.as_deref());
    Ok(())
}

pub(super) fn encode_affiliation(out: &mut Vec<u8>, a: &Affiliation) -> Result<(), ()> {
    put_u32(out, a.actor.0);
    put_u32(out, a.of.0);
    put_str(out, &a.role);
    put_date(out, a.from);
    put_date(out, a.to);
    put_citations(out, &a.sources);
    Ok(())
}

pub(super) fn encode_meeting(out: &mut Vec<u8>, m: &Meeting) -> Result<(), ()> {
    put_str(out, &m.id);
    put_str(out, &m.date.to_string());
    put_opt(out, m.date_note.as_deref());
    put_opt(out, m.place.as_deref());
    out.push(
        MeetingKind::ALL
            .iter()
            .position(|&k| k == m.kind)
            .ok_or(())? as u8,
    );
    out.push(Status::ALL.iter().position(|&s| s == m.status).ok_or(())? as u8);
    put_u32(out, m.participants.len() as u32);
    for p in &m.participants {
        put_u32(out, p.actor.0);
        put_opt(out, p.role.as_deref());
        put_u32(out, p.side);
    }
    put_u32(out, m.sides.len() as u32);
    for side in &m.sides {
        put_opt(out, side.name.as_deref());
    }
    put_citations(out, &m.sources);
    put_opt(out, m.notes.as_deref());
    Ok(())
}
