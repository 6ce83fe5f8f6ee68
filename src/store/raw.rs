//! The shapes of records as written in `graph/*.ron`, before ids are checked.
//!
//! Every file holds one `(actors: [...], sources: [...], affiliations: [...], meetings: [...])`
//! record; each list may be left out. Dates stay strings here so that a bad one is reported
//! with its position instead of failing the whole file.

use serde::{Deserialize, Serialize};

use crate::model::{Actor, ActorKind, MeetingKind, Status};

/// One data file.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawFile {
    /// Actor records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<RawActor>,
    /// Source records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawSource>,
    /// Affiliation records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<RawAffiliation>,
    /// Meeting records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<RawMeeting>,
}

/// An actor as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Actor", deny_unknown_fields)]
pub struct RawActor {
    /// Stable slug id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `person`, `party`, `state` or `organization`.
    pub kind: ActorKind,
    /// Other spellings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Name in its own script.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native_name: Option<String>,
    /// Editors' notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// An actor record needs no checking beyond its id, which the loader checks before this
/// move: every field carries over as it is.
impl From<RawActor> for Actor {
    fn from(raw: RawActor) -> Self {
        Actor {
            id: raw.id,
            name: raw.name,
            kind: raw.kind,
            aliases: raw.aliases,
            native_name: raw.native_name,
            notes: raw.notes,
        }
    }
}

/// A source as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Source", deny_unknown_fields)]
pub struct RawSource {
    /// Stable id.
    pub id: String,
    /// The outlet.
    pub publication: String,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date in date notation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Address, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Editors' notes, e.g. how the publication date was derived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A citation as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Cite", deny_unknown_fields)]
pub struct RawCitation {
    /// Source id.
    pub source: String,
    /// What the source says, in the editors' words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// An affiliation as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Affiliation", deny_unknown_fields)]
pub struct RawAffiliation {
    /// Member actor id.
    pub actor: String,
    /// Party, state or organisation id.
    pub of: String,
    /// Office or role.
    pub role: String,
    /// Start, in date notation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// End, in date notation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Where the role is attested.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawCitation>,
}

/// A participant as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "P", deny_unknown_fields)]
pub struct RawParticipant {
    /// Actor id.
    pub actor: String,
    /// Part played.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A side of a meeting as written: a delegation, the hosts, an audience.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Side", deny_unknown_fields)]
pub struct RawSide {
    /// What the editors call the side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// One or more actors.
    pub members: Vec<RawParticipant>,
}

/// A meeting as written.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename = "Meeting", deny_unknown_fields)]
pub struct RawMeeting {
    /// Stable id.
    pub id: String,
    /// Date notation.
    pub date: String,
    /// How the date was derived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    /// Place, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Sort of encounter.
    #[serde(default)]
    pub kind: MeetingKind,
    /// Whether it took place.
    #[serde(default)]
    pub status: Status,
    /// Two or more actors, each a side of its own; leave out when `sides` is given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<RawParticipant>,
    /// The sides of the meeting, each with its members; one side alone records presence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<RawSide>,
    /// One or more citations.
    pub sources: Vec<RawCitation>,
    /// Editors' notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}
