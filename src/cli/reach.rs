//! `whomet reach`: everyone who could have heard from an actor through meetings in time order.

use whomet::query::temporal::{reach, ActorConstraints, Certainty, JourneyRow, TemporalOptions};
use whomet::{Error, MeetingGraph};

use super::output::Format;
use super::{emit, io_error, resolve_actor, Context, Table, Window};
use super::{journey_table, parse_gap};

/// Arguments of `whomet reach`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet reach xi-jinping --from 2016-06-01\n  whomet reach kim-jong-un --format csv"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// The actor the word starts from (id, name or alias)
    actor: String,
    #[command(flatten)]
    window: Window,
    /// Longest wait between hops, e.g. 30d, 4w, 6m, 1y
    #[arg(long, value_parser = parse_gap, value_name = "SPAN")]
    max_gap: Option<i32>,
    /// Only chains ordered whatever the true dates
    #[arg(long)]
    certain: bool,
    /// Print the chain that reaches this actor earliest
    #[arg(long, value_name = "ACTOR")]
    chain: Option<String>,
}

/// Lists reached actors with earliest arrival, or one chain with `--chain`.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let source = resolve_actor(graph, context.matching, &args.actor)?;
    let options = TemporalOptions {
        from: args.window.first_day(),
        to: args.window.last_day(),
        max_gap: args.max_gap,
        certainty: if args.certain {
            Certainty::Certain
        } else {
            Certainty::Possible
        },
        actors: ActorConstraints::default(),
    };
    let (report, arrivals) = reach(graph, source, &options);
    if let Some(name) = &args.chain {
        let target = resolve_actor(graph, context.matching, name)?;
        let Some(journey) = arrivals.journey(graph, target) else {
            let message = format!(
                "{} is not reached from {} in time order under these conditions",
                graph.actor(target).id,
                report.actor
            );
            if context.format == Format::Json {
                // `null`, so that the shape is the chain or nothing.
                let none: Option<JourneyRow> = None;
                return emit(context.out, Format::Json, &Table::default(), &none).map_err(io_error);
            }
            super::output::prose(context.out, &message).map_err(io_error)?;
            return Ok(());
        };
        let row = JourneyRow::new(graph, &journey, &options);
        let table = journey_table(&row);
        return emit(context.out, context.format, &table, &row).map_err(io_error);
    }
    let mut table = Table::new(&["actor", "name", "earliest", "hops", "last meeting"]);
    for r in &report.reached {
        table.push(vec![
            r.actor.clone(),
            r.name.clone(),
            r.earliest_text.clone(),
            r.hops.to_string(),
            r.via.clone(),
        ]);
    }
    emit(context.out, context.format, &table, &report).map_err(io_error)
}
