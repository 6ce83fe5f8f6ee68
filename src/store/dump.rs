//! Conversions from checked records back to the written shapes of [`crate::store::raw`], and
//! the full JSON dump built from them.
//!
//! The RON writer and the JSON dump share these, so both carry every field the loader reads:
//! a dump read back by `whomet import` and exported again gives the same bytes.

use serde::{Deserialize, Serialize};

use crate::model::{Actor, Affiliation, Citation, Dataset, Meeting, Source};
use crate::store::raw::{
    RawActor, RawAffiliation, RawCitation, RawFile, RawMeeting, RawParticipant, RawSide, RawSource,
};

/// The value of a dump's `format` field.
pub const DUMP_FORMAT: &str = "whomet-dump";

/// The dump layout this build writes and reads.
pub const DUMP_VERSION: u32 = 1;

/// A whole data set (or an export's selection of it) as one JSON document: every record in
/// its written shape, so nothing the editors wrote is lost on the way out.
///
/// Optional fields that are absent in the data are left out, as in the RON files.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dump {
    /// Always [`DUMP_FORMAT`]: tells a dump from any other JSON.
    pub format: String,
    /// The layout, [`DUMP_VERSION`].
    pub version: u32,
    /// Actors in id order.
    pub actors: Vec<RawActor>,
    /// Sources in id order.
    pub sources: Vec<RawSource>,
    /// Affiliations in data order.
    pub affiliations: Vec<RawAffiliation>,
    /// Meetings in date order.
    pub meetings: Vec<RawMeeting>,
}

impl Dump {
    /// An empty dump of this build's layout.
    pub fn new() -> Self {
        Dump {
            format: DUMP_FORMAT.to_string(),
            version: DUMP_VERSION,
            actors: Vec::new(),
            sources: Vec::new(),
            affiliations: Vec::new(),
            meetings: Vec::new(),
        }
    }

    /// The records, as one data file holds them.
    pub fn into_raw(self) -> RawFile {
        RawFile {
            actors: self.actors,
            sources: self.sources,
            affiliations: self.affiliations,
            meetings: self.meetings,
        }
    }
}

impl Default for Dump {
    fn default() -> Self {
        Self::new()
    }
}

/// An actor as written.
pub fn raw_actor(actor: &Actor) -> RawActor {
    RawActor {
        id: actor.id.clone(),
        name: actor.name.clone(),
        kind: actor.kind,
        aliases: actor.aliases.clone(),
        native_name: actor.native_name.clone(),
        notes: actor.notes.clone(),
    }
}

/// A source as written.
pub fn raw_source(source: &Source) -> RawSource {
    RawSource {
        id: source.id.clone(),
        publication: source.publication.clone(),
        title: source.title.clone(),
        published: source.published.map(|d| d.to_string()),
        url: source.url.clone(),
        notes: source.notes.clone(),
    }
}

/// An affiliation as written.
pub fn raw_affiliation(data: &Dataset, affiliation: &Affiliation) -> RawAffiliation {
    RawAffiliation {
        actor: data.actor(affiliation.actor).id.clone(),
        of: data.actor(affiliation.of).id.clone(),
        role: affiliation.role.clone(),
        from: affiliation.from.map(|d| d.to_string()),
        to: affiliation.to.map(|d| d.to_string()),
        sources: citations(data, &affiliation.sources),
    }
}

/// The citations as written: source ids and evidence.
pub fn citations(data: &Dataset, list: &[Citation]) -> Vec<RawCitation> {
    list.iter()
        .map(|c| RawCitation {
            source: data.source(c.source).id.clone(),
            evidence: c.evidence.clone(),
        })
        .collect()
}

/// A meeting as written, with its sides as they were given.
pub fn raw_meeting(data: &Dataset, meeting: &Meeting) -> RawMeeting {
    let raw_participant = |p: &crate::model::Participant| RawParticipant {
        actor: data.actor(p.actor).id.clone(),
        role: p.role.clone(),
    };
    // Sides as they were given: each participant a side of its own, or the listed sides.
    let (participants, sides) = if meeting.sides.is_empty() {
        (
            meeting.participants.iter().map(raw_participant).collect(),
            Vec::new(),
        )
    } else {
        let sides = meeting
            .sides
            .iter()
            .enumerate()
            .map(|(i, side)| RawSide {
                name: side.name.clone(),
                members: meeting
                    .participants
                    .iter()
                    .filter(|p| p.side as usize == i)
                    .map(raw_participant)
                    .collect(),
            })
            .collect();
        (Vec::new(), sides)
    };
    RawMeeting {
        id: meeting.id.clone(),
        date: meeting.date.to_string(),
        date_note: meeting.date_note.clone(),
        place: meeting.place.clone(),
        kind: meeting.kind,
        status: meeting.status,
        participants,
        sides,
        sources: citations(data, &meeting.sources),
        notes: meeting.notes.clone(),
    }
}
