//! Sliding date windows for the over-time queries (centrality series, communities over
//! time): where they start and end, and the windows themselves, so both agree on what a
//! window labelled 2016 covers.

use jiff::civil::Date;

use crate::graph::MeetingGraph;
use crate::model::{Period, PeriodUnit};

/// Most windows one request may ask for.
pub const MAX_WINDOWS: usize = 2000;

/// First and last day of the counted meetings, ignoring open date bounds.
fn data_span(graph: &MeetingGraph) -> Option<(Date, Date)> {
    let held = graph
        .data()
        .meetings
        .iter()
        .filter(|m| graph.counting().counts(m));
    let first = held
        .clone()
        .map(|m| m.date.earliest())
        .filter(|&d| d != Date::MIN)
        .min()?;
    let last = held
        .map(|m| m.date.latest())
        .filter(|&d| d != Date::MAX)
        .max()?;
    Some((first, last))
}

/// The span the windows cover: `from` (default: the first held meeting, moved back to a
/// calendar boundary of the step's unit) and `to` (default: the last held meeting).
pub fn covered_span(
    graph: &MeetingGraph,
    from: Option<Date>,
    to: Option<Date>,
    step: Period,
) -> (Option<Date>, Option<Date>) {
    let span = data_span(graph);
    // Without --from, windows start on a calendar boundary of their unit (1 January for
    // years, the 1st for months) so that a window labelled 2016 is the year 2016.
    let aligned = span.map(|(first, _)| match step.unit {
        PeriodUnit::Year => first.first_of_year(),
        PeriodUnit::Month => first.first_of_month(),
        PeriodUnit::Week | PeriodUnit::Day => first,
    });
    (from.or(aligned), to.or(span.map(|s| s.1)))
}

/// Windows `(first day, last day)` of `width` starting every `step` from `start` while the
/// start is not after `end`; `Err(count)` once more than [`MAX_WINDOWS`] would be needed.
///
/// ```
/// use whomet::query::windows::sliding;
/// let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
/// let w = sliding(d("2016-01-01"), d("2017-12-31"), "1y".parse()?, "1y".parse()?).unwrap();
/// assert_eq!(w, [(d("2016-01-01"), d("2016-12-31")), (d("2017-01-01"), d("2017-12-31"))]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sliding(
    start: Date,
    end: Date,
    width: Period,
    step: Period,
) -> Result<Vec<(Date, Date)>, usize> {
    let mut windows: Vec<(Date, Date)> = Vec::new();
    for i in 0.. {
        let Some(from) = step.span(i).and_then(|s| start.checked_add(s).ok()) else {
            break;
        };
        if from > end {
            break;
        }
        let to = width
            .span(1)
            .and_then(|s| from.checked_add(s).ok())
            .and_then(|d| d.yesterday().ok())
            .unwrap_or(Date::MAX);
        windows.push((from, to));
        if windows.len() > MAX_WINDOWS {
            return Err(windows.len());
        }
    }
    Ok(windows)
}
