//! Reverse indexes over the records, built on first use: which records cite each source, and
//! which affiliations name each actor, so that a profile on a million-meeting set reads only
//! what concerns its actor.

use crate::model::{Dataset, MeetingIndex};

/// Lists of record numbers per key, as offsets into one flat list.
#[derive(Debug, Default)]
struct Lists {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// Flattens one list per key.
    fn new(per_key: Vec<Vec<u32>>) -> Self {
        let mut offsets = Vec::with_capacity(per_key.len() + 1);
        offsets.push(0);
        let mut items = Vec::new();
        for list in per_key {
            items.extend(list);
            offsets.push(items.len() as u32);
        }
        Lists { offsets, items }
    }

    fn get(&self, key: usize) -> &[u32] {
        match (self.offsets.get(key), self.offsets.get(key + 1)) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// The reverse indexes of one data set.
#[derive(Debug, Default)]
pub(super) struct RecordIndex {
    meetings_citing: Lists,
    affiliations_citing: Lists,
    affiliations_of: Lists,
}

impl RecordIndex {
    /// Builds the indexes; `by_date` gives the meetings in date order, which each source's
    /// list keeps.
    pub(super) fn new(data: &Dataset, by_date: &[MeetingIndex]) -> Self {
        let mut meetings = vec![Vec::new(); data.sources.len()];
        for &m in by_date {
            for citation in &data.meetings[m.index()].sources {
                let list: &mut Vec<u32> = &mut meetings[citation.source.index()];
                if list.last() != Some(&m.0) {
                    list.push(m.0);
                }
            }
        }
        let mut citing = vec![Vec::new(); data.sources.len()];
        let mut of = vec![Vec::new(); data.actors.len()];
        for (i, a) in data.affiliations.iter().enumerate() {
            let i = i as u32;
            for citation in &a.sources {
                let list: &mut Vec<u32> = &mut citing[citation.source.index()];
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            of[a.actor.index()].push(i);
            if a.of != a.actor {
                of[a.of.index()].push(i);
            }
        }
        RecordIndex {
            meetings_citing: Lists::new(meetings),
            affiliations_citing: Lists::new(citing),
            affiliations_of: Lists::new(of),
        }
    }

    /// Meetings citing source `s`, in date order.
    pub(super) fn meetings_citing(&self, s: usize) -> &[u32] {
        self.meetings_citing.get(s)
    }

    /// Affiliations (indexes into `Dataset::affiliations`) citing source `s`, in order.
    pub(super) fn affiliations_citing(&self, s: usize) -> &[u32] {
        self.affiliations_citing.get(s)
    }

    /// Affiliations naming actor `a` as member or as party, state or body, in order.
    pub(super) fn affiliations_of(&self, a: usize) -> &[u32] {
        self.affiliations_of.get(a)
    }
}
