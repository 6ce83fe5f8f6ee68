//! `whomet met`: everyone an actor met.

use clap::ValueEnum;
use whomet::model::Certainty;
use whomet::query::contacts::{met, ContactOrder};
use whomet::{Error, MeetingGraph};

use super::StatusArg;
use super::{emit, io_error, resolve_actor, Context, Table, Window};

/// Orders for `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SortArg {
    /// Most held meetings first, then most recent, then id
    #[default]
    Frequent,
    /// Most recent meeting first, then most meetings, then id
    Recent,
    /// By counterpart id
    Id,
}

/// Arguments of `whomet met`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet met \"Kim Jong-un\"\n  whomet met kim-jong-un --from 2016 --sort recent --format json"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// The actor (id, name or alias)
    actor: String,
    #[command(flatten)]
    window: Window,
    /// Which meetings count; with `all`, non-held ones are listed and marked
    #[arg(long, value_enum, default_value_t = StatusArg::Held)]
    status: StatusArg,
    /// Order of counterparts
    #[arg(long, value_enum, default_value_t = SortArg::Frequent)]
    sort: SortArg,
}

/// Lists counterparts with their meetings.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let actor = resolve_actor(graph, context.matching, &args.actor)?;
    let filter = args
        .window
        .filter(args.status.status(), Certainty::Possible);
    let order = match args.sort {
        SortArg::Frequent => ContactOrder::Frequent,
        SortArg::Recent => ContactOrder::Recent,
        SortArg::Id => ContactOrder::Id,
    };
    let report = met(graph, actor, &filter, order);
    let mut table = Table::new(&["actor", "name", "held", "meetings"]);
    for contact in &report.met {
        let meetings: Vec<String> = contact
            .meetings
            .iter()
            .map(|m| {
                let date = super::date_cell(&m.date, m.inside);
                match m.status {
                    whomet::model::Status::Held => format!("{date} {}", m.id),
                    other => format!("{date} {} [{other}]", m.id),
                }
            })
            .collect();
        table.push(vec![
            contact.actor.clone(),
            contact.name.clone(),
            contact.held.to_string(),
            meetings.join("; "),
        ]);
    }
    emit(context.out, context.format, &table, &report).map_err(io_error)?;
    if context.format == super::Format::Table {
        let order = match args.sort {
            SortArg::Frequent => "most held meetings first, then most recent",
            SortArg::Recent => "most recent meeting first, then most held meetings",
            SortArg::Id => "by id",
        };
        let line = format!(
            "{} counterparts, {order} (--sort frequent|recent|id)",
            report.met.len()
        );
        super::output::prose(context.out, &line).map_err(io_error)?;
        let possible = report
            .met
            .iter()
            .flat_map(|c| &c.meetings)
            .filter(|m| m.inside == Some(Certainty::Possible))
            .count();
        super::possible_note(context.out, possible)?;
    }
    Ok(())
}
