//! Flags shared by several commands: dates and windows, statuses, kinds, spans.

use jiff::civil::Date;
use whomet::graph::MeetingFilter;
use whomet::model::{ActorKind, Certainty, PartialDate, Period, Status};

/// A date on the command line: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy)]
pub struct DateArg(PartialDate);

impl DateArg {
    /// The first day the argument stands for (for `--from`).
    pub fn first(self) -> Date {
        self.0.first_day()
    }

    /// The last day the argument stands for (for `--to`).
    pub fn last(self) -> Date {
        self.0.last_day()
    }
}

impl std::str::FromStr for DateArg {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        text.parse::<PartialDate>()
            .map(DateArg)
            .map_err(|e| e.to_string())
    }
}

/// The `--from`/`--to` window shared by queries.
#[derive(Debug, Clone, clap::Args)]
pub struct Window {
    /// Only meetings on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<DateArg>,
    /// Only meetings on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<DateArg>,
    /// A meeting whose date range overlaps the window is `possible` (marked as such); with
    /// `certain` only meetings wholly inside it count [default: possible for listings,
    /// certain for centrality]
    #[arg(long, value_enum, value_name = "CERTAINTY")]
    pub within: Option<CertaintyArg>,
}

/// `possible` or `certain`, for windows and time-ordered chains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CertaintyArg {
    /// The date range may fall inside
    Possible,
    /// The date range lies wholly inside
    Certain,
}

impl Window {
    /// The window's first day.
    pub fn first_day(&self) -> Option<Date> {
        self.from.map(DateArg::first)
    }

    /// The window's last day.
    pub fn last_day(&self) -> Option<Date> {
        self.to.map(DateArg::last)
    }

    /// The `--within` choice, or the command's default.
    pub fn certainty(&self, default: Certainty) -> Certainty {
        match self.within {
            Some(CertaintyArg::Possible) => Certainty::Possible,
            Some(CertaintyArg::Certain) => Certainty::Certain,
            None => default,
        }
    }

    /// The meeting filter of this window, a status, and the command's default certainty.
    pub fn filter(&self, status: Option<Status>, default: Certainty) -> MeetingFilter {
        MeetingFilter {
            from: self.first_day(),
            to: self.last_day(),
            status,
            window: self.certainty(default),
        }
    }
}

/// Which statuses a query shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum StatusArg {
    /// Meetings that took place
    #[default]
    Held,
    /// Announced, not reported as held
    Scheduled,
    /// Called off
    Cancelled,
    /// Refused or snubbed
    Declined,
    /// Every status
    All,
}

impl StatusArg {
    /// The status filter, `None` for all.
    pub fn status(self) -> Option<Status> {
        match self {
            StatusArg::Held => Some(Status::Held),
            StatusArg::Scheduled => Some(Status::Scheduled),
            StatusArg::Cancelled => Some(Status::Cancelled),
            StatusArg::Declined => Some(Status::Declined),
            StatusArg::All => None,
        }
    }
}

/// Parses `person`, `party`, `state` or `organization`.
pub fn parse_kind(text: &str) -> Result<ActorKind, String> {
    ActorKind::parse(text)
        .ok_or_else(|| format!("expected person, party, state or organization, not \"{text}\""))
}

/// Parses `30d`, `4w`, `6m` (30 days each) or `1y` (365 days) into days, by
/// [`Period::parse`] and [`Period::days`].
pub fn parse_gap(text: &str) -> Result<i32, String> {
    Period::parse(text)?
        .days()
        .ok_or_else(|| format!("span \"{}\" is too long", text.trim()))
}

/// `--over-time --window W --step S`, on the queries that can slide a window through time.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Sliding {
    /// One result per sliding window instead of one for the whole period
    #[arg(long)]
    pub over_time: bool,
    /// Width of each window with --over-time: a count and y, m, w or d
    #[arg(
        long = "window",
        value_name = "PERIOD",
        default_value = "1y",
        requires = "over_time"
    )]
    pub width: Period,
    /// Step between window starts with --over-time
    #[arg(
        long,
        value_name = "PERIOD",
        default_value = "1y",
        requires = "over_time"
    )]
    pub step: Period,
}

/// `--format`, on the commands whose results it shapes.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct FormatArg {
    /// Output format
    #[arg(long, value_enum, default_value_t = super::Format::Table)]
    pub format: super::Format,
}
