//! Reading snapshot bytes back: a cursor that checks every length against what remains
//! before allocating, and lists decoded block by block in parallel.

use rayon::prelude::*;

use crate::model::*;

/// Reads snapshot bytes front to back, refusing any read past their end.
pub(super) struct Cursor<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    pub(super) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(super) fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    }

    pub(super) fn str(&mut self) -> Option<&'a str> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).ok()
    }

    pub(super) fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    pub(super) fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }

    pub(super) fn date(&mut self) -> Option<FuzzyDate> {
        let text = self.str()?;
        // The common whole day without the general parser.
        if let Some(date) = FuzzyDate::parse_ymd(text.as_bytes()) {
            return Some(date);
        }
        text.parse().ok()
    }

    pub(super) fn opt_date(&mut self) -> Option<Option<FuzzyDate>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.date().map(Some),
            _ => None,
        }
    }

    pub(super) fn citations(&mut self) -> Option<Vec<Citation>> {
        let n = self.u32()? as usize;
        let mut out = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            out.push(Citation {
                source: SourceIndex(self.u32()?),
                evidence: self.opt()?,
            });
        }
        Some(out)
    }
}

/// Reads a list written by [`encode_list`], decoding its blocks in parallel into place.
pub(super) fn decode_list<T: Send>(
    cursor: &mut Cursor<'_>,
    placeholder: fn() -> T,
    decode: fn(&mut Cursor<'_>) -> Option<T>,
) -> Option<Vec<T>> {
    let count = cursor.u32()? as usize;
    let block_count = cursor.u32()? as usize;
    let mut blocks = Vec::with_capacity(block_count.min(1 << 16));
    let mut records = 0usize;
    for _ in 0..block_count {
        let n = cursor.u32()? as usize;
        let len = usize::try_from(cursor.u64()?).ok()?;
        // Every record starts with a length-prefixed string, so it takes 4 bytes or more:
        // a block claiming more records than that is damaged, and is refused before
        // `count` placeholders are allocated.
        if n.checked_mul(4)? > len {
            return None;
        }
        blocks.push((n, cursor.take(len)?));
        records = records.checked_add(n)?;
    }
    if records != count {
        return None;
    }
    let mut items: Vec<T> = Vec::with_capacity(count);
    items.par_extend((0..count).into_par_iter().map(|_| placeholder()));
    let mut rest = items.as_mut_slice();
    let mut parts = Vec::with_capacity(blocks.len());
    for &(n, bytes) in &blocks {
        let (part, tail) = std::mem::take(&mut rest).split_at_mut(n);
        parts.push((part, bytes));
        rest = tail;
    }
    let ok = parts.into_par_iter().all(|(part, bytes)| {
        let mut cursor = Cursor { bytes, at: 0 };
        for slot in part.iter_mut() {
            match decode(&mut cursor) {
                Some(item) => *slot = item,
                None => return false,
            }
        }
        cursor.at == bytes.len()
    });
    ok.then_some(items)
}

pub(super) fn placeholder_actor() -> Actor {
    Actor {
        id: String::new(),
        name: String::new(),
        kind: ActorKind::Person,
        aliases: Vec::new(),
        native_name: None,
        notes: None,
    }
}

pub(super) fn placeholder_affiliation() -> Affiliation {
    Affiliation {
        actor: ActorIndex(0),
        of: ActorIndex(0),
        role: String::new(),
        from: None,
        to: None,
        sources: Vec::new(),
    }
}
pub(super) fn decode_actor(c: &mut Cursor<'_>) -> Option<Actor> {
    let id = c.string()?;
    let name = c.string()?;
    let kind = *ActorKind::ALL.get(c.u8()? as usize)?;
    let n = c.u32()? as usize;
    let mut aliases = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        aliases.push(c.string()?);
    }
    Some(Actor {
        id,
        name,
        kind,
        aliases,
        native_name: c.opt()?,
        notes: c.opt()?,
    })
}

pub(super) fn decode_source(c: &mut Cursor<'_>) -> Option<Source> {
    Some(Source {
        id: c.string()?,
        publication: c.string()?,
        title: c.opt()?,
        published: c.opt_date()?,
        url: c.opt()?,
        notes: c.opt()?,
    })
}

pub(super) fn decode_affiliation(c: &mut Cursor<'_>) -> Option<Affiliation> {
    Some(Affiliation {
        actor: ActorIndex(c.u32()?),
        of: ActorIndex(c.u32()?),
        role: c.string()?,
        from: c.opt_date()?,
        to: c.opt_date()?,
        sources: c.citations()?,
    })
}

pub(super) fn decode_meeting(c: &mut Cursor<'_>) -> Option<Meeting> {
    let id = c.string()?;
    let date = c.date()?;
    let date_note = c.opt()?;
    let place = c.opt()?;
    let kind = *MeetingKind::ALL.get(c.u8()? as usize)?;
    let status = *Status::ALL.get(c.u8()? as usize)?;
    let n = c.u32()? as usize;
    let mut participants = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        participants.push(Participant {
            actor: ActorIndex(c.u32()?),
            role: c.opt()?,
            side: c.u32()?,
        });
    }
    let n = c.u32()? as usize;
    let mut sides = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        sides.push(Side { name: c.opt()? });
    }
    Some(Meeting {
        id,
        date,
        date_note,
        place,
        kind,
        status,
        participants,
        sides,
        sources: c.citations()?,
        notes: c.opt()?,
    })
}
