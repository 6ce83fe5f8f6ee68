//! The filters shared by `affiliations` and `sources`.

use whomet::names::Matching;
use whomet::query::profile::RecordFilter;
use whomet::{Error, MeetingGraph};

use super::{resolve_actor, DateArg};

/// `--actor`, `--of`, `--from`, `--to`.
#[derive(Debug, Clone, clap::Args)]
pub struct RecordArgs {
    /// Only records about this actor (id, name or alias)
    #[arg(long, value_name = "ACTOR")]
    actor: Option<String>,
    /// Only records about this party, state or organisation, or its members
    #[arg(long, value_name = "ACTOR")]
    of: Option<String>,
    /// Only roles that may have run on or after this date; for sources, published on or after
    #[arg(long, value_name = "DATE")]
    from: Option<DateArg>,
    /// Only roles that may have run on or before this date; for sources, published on or before
    #[arg(long, value_name = "DATE")]
    to: Option<DateArg>,
}

impl RecordArgs {
    /// The filter, with names resolved (an unknown or ambiguous name is an error).
    pub fn filter(&self, graph: &MeetingGraph, matching: Matching) -> Result<RecordFilter, Error> {
        let resolve = |name: &Option<String>| {
            name.as_deref()
                .map(|n| resolve_actor(graph, matching, n))
                .transpose()
        };
        Ok(RecordFilter {
            actor: resolve(&self.actor)?,
            of: resolve(&self.of)?,
            from: self.from.map(DateArg::first),
            to: self.to.map(DateArg::last),
        })
    }
}
