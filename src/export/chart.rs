//! An SVG line chart of a centrality time series, written as plain text so that no plotting
//! library is needed; every piece of data-set text goes through [`escape`].

use std::fmt::Write;

use crate::export::xml::escape;
use crate::query::centrality::{Series, TimeSeries};

/// Line colours: the Okabe–Ito palette, told apart also by colour-blind readers, with its
/// yellow (unreadable on white) swapped for grey. One colour per line: at most this many lines.
const PALETTE: [&str; 8] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#999999",
];

/// Most lines drawn; more would need colours a reader cannot tell apart.
pub const MAX_LINES: usize = PALETTE.len();

const WIDTH: f64 = 1040.0;
const HEIGHT: f64 = 540.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 300.0;
const TOP: f64 = 70.0;
const BOTTOM: f64 = 60.0;
/// Longest name at a line's end, in characters; longer ones end in "…" (the tooltip has all).
const NAME_CHARS: usize = 32;
/// Least vertical room between two end-of-line labels.
const LABEL_GAP: f64 = 15.0;

/// A tick label with at most 3 significant digits.
fn tick_label(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    let text = format!("{:.*}", decimals(value), value);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn decimals(value: f64) -> usize {
    let magnitude = value.abs().log10().floor() as i32;
    (2 - magnitude).clamp(0, 12) as usize
}

/// A rounded top for the y axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`.
fn nice_top(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|&t| t >= max)
        .unwrap_or(10.0 * power)
}

/// The chart of every series in `series`: one line per actor, x = window start, y = score.
///
/// ```
/// use whomet::algo::centrality::Measure;
/// use whomet::export::chart;
/// use whomet::query::centrality::{over_time, RankingQuery};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let query = RankingQuery { measures: vec![Measure::Degree], top: Some(3), ..RankingQuery::default() };
/// let series = over_time(&graph, &query, "1y".parse()?, "1y".parse()?)?;
/// let svg = chart::line_chart(&series);
/// assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn line_chart(series: &TimeSeries) -> String {
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write_chart(&mut svg, series);
    svg
}

/// Where values land on the canvas: windows `first..=last` across, scores up.
struct Frame {
    plot_w: f64,
    plot_h: f64,
    first: usize,
    last: usize,
    top: f64,
}

impl Frame {
    fn new(data: &TimeSeries, lines: &[&Series]) -> Self {
        let max = lines
            .iter()
            .flat_map(|s| s.scores.iter().copied())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let (first, last) = span(data.windows.len(), lines);
        Frame {
            plot_w: WIDTH - LEFT - RIGHT,
            plot_h: HEIGHT - TOP - BOTTOM,
            first,
            last,
            top: nice_top(max),
        }
    }

    /// The x of window `i`.
    fn x_at(&self, i: usize) -> f64 {
        if self.last <= self.first {
            LEFT + self.plot_w / 2.0
        } else {
            let along = i.saturating_sub(self.first) as f64;
            LEFT + self.plot_w * along / (self.last - self.first) as f64
        }
    }

    /// The y of score `v`.
    fn y_at(&self, v: f64) -> f64 {
        TOP + self.plot_h * (1.0 - (finite(v) / self.top).clamp(0.0, 1.0))
    }
}

/// A score to plot: 0 for one that is not a number.
fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// The windows worth showing: from one before the first change to one after the last, so
/// decades of zeros before the first meeting do not squeeze the years that matter.
fn span(windows: usize, lines: &[&Series]) -> (usize, usize) {
    let last_window = windows.saturating_sub(1);
    let changes = |i: usize| {
        lines.iter().any(|s| {
            let at = |j: usize| s.scores.get(j).copied().map_or(0.0, finite);
            at(i) != at(i + 1)
        })
    };
    let moving: Vec<usize> = (0..last_window).filter(|&i| changes(i)).collect();
    match (moving.first(), moving.last()) {
        (Some(&a), Some(&b)) => (a, (b + 1).min(last_window)),
        _ => (0, last_window),
    }
}

/// The series to draw: the first [`MAX_LINES`] that are ever above zero (the series come
/// ranked).
fn lines(data: &TimeSeries) -> Vec<&Series> {
    data.series
        .iter()
        .filter(|s| s.scores.iter().any(|&v| finite(v) > 0.0))
        .take(MAX_LINES)
        .collect()
}

fn write_chart(svg: &mut String, data: &TimeSeries) -> std::fmt::Result {
    let lines = lines(data);
    let frame = Frame::new(data, &lines);
    writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Arial, Helvetica, sans-serif" font-size="13">"#
    )?;
    let title = format!(
        "{} centrality{} over time",
        data.measure,
        if data.weighting.is_weighted() {
            " (weighted)"
        } else {
            ""
        }
    );
    let drawn = data
        .series
        .iter()
        .filter(|s| s.scores.iter().any(|&v| finite(v) > 0.0))
        .count();
    let subtitle = format!(
        "{} windows every {}; {}",
        data.width,
        data.step,
        if drawn > lines.len() {
            format!("the top {} of {drawn} actors who ever score", lines.len())
        } else {
            format!("the {drawn} actors who ever score")
        }
    );
    writeln!(svg, "<title>{}</title>", escape(&title))?;
    writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#)?;
    writeln!(
        svg,
        r#"<text x="{LEFT}" y="28" font-size="18" font-weight="bold">{}</text>"#,
        escape(&title)
    )?;
    writeln!(
        svg,
        r##"<text x="{LEFT}" y="48" fill="#555">{}</text>"##,
        escape(&subtitle)
    )?;
    write_y_axis(svg, &frame)?;
    write_x_axis(svg, &frame, data)?;
    write_lines(svg, &frame, &lines)?;
    writeln!(svg, "</svg>")
}

/// The y axis with five gridlines, and the x axis line.
fn write_y_axis(svg: &mut String, frame: &Frame) -> std::fmt::Result {
    let (plot_w, plot_h) = (frame.plot_w, frame.plot_h);
    for k in 0..=5 {
        let value = frame.top * f64::from(k) / 5.0;
        let y = frame.y_at(value);
        writeln!(
            svg,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e0e0e0"/>"##,
            LEFT + plot_w
        )?;
        writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            y + 4.0,
            escape(&tick_label(value))
        )?;
    }
    writeln!(
        svg,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.1}" stroke="#333"/>"##,
        TOP + plot_h
    )?;
    writeln!(
        svg,
        r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333"/>"##,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    )
}

/// X axis labels: window start dates (years for yearly windows), at most about ten.
fn write_x_axis(svg: &mut String, frame: &Frame, data: &TimeSeries) -> std::fmt::Result {
    let shown = frame.last - frame.first + 1;
    let every = shown.div_ceil(10).max(1);
    for (i, window) in data.windows.iter().enumerate() {
        if i < frame.first || i > frame.last {
            continue;
        }
        if (i - frame.first) % every != 0 && i != frame.last {
            continue;
        }
        let label = window.from.as_deref().unwrap_or("");
        let label = if data.width.ends_with('y') && data.step.ends_with('y') {
            label.get(..4).unwrap_or(label)
        } else {
            label
        };
        writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            frame.x_at(i),
            TOP + frame.plot_h + 18.0,
            escape(label)
        )?;
    }
    writeln!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">window start</text>"#,
        LEFT + frame.plot_w / 2.0,
        HEIGHT - 16.0
    )
}

/// One line per series, named at its right end; names pushed apart where lines end close
/// together, with a thin leader back to the line.
fn write_lines(svg: &mut String, frame: &Frame, lines: &[&Series]) -> std::fmt::Result {
    let end_x = frame.x_at(frame.last);
    let mut ends: Vec<(usize, f64)> = lines
        .iter()
        .enumerate()
        .map(|(k, s)| {
            (
                k,
                frame.y_at(s.scores.get(frame.last).copied().unwrap_or(0.0)),
            )
        })
        .collect();
    ends.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let labels = spread(&ends.iter().map(|e| e.1).collect::<Vec<_>>());
    for (k, series) in lines.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let points: Vec<String> = (frame.first..=frame.last)
            .map(|i| {
                let v = series.scores.get(i).copied().unwrap_or(0.0);
                format!("{:.1},{:.1}", frame.x_at(i), frame.y_at(v))
            })
            .collect();
        writeln!(svg, r#"<g><title>{}</title>"#, escape(&series.name))?;
        if points.len() == 1 {
            writeln!(
                svg,
                r#"<circle cx="{end_x:.1}" cy="{:.1}" r="4" fill="{colour}"/>"#,
                frame.y_at(series.scores.get(frame.last).copied().unwrap_or(0.0))
            )?;
        } else {
            writeln!(
                svg,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2.5" stroke-linejoin="round" points="{}"/>"#,
                points.join(" ")
            )?;
        }
        writeln!(svg, "</g>")?;
    }
    for (place, &(k, y)) in ends.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let ly = labels[place];
        writeln!(
            svg,
            r#"<path fill="none" stroke="{colour}" stroke-width="1" d="M{:.1},{y:.1} L{:.1},{ly:.1} L{:.1},{ly:.1}"/>"#,
            end_x + 3.0,
            end_x + 14.0,
            end_x + 20.0
        )?;
        writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" fill="{colour}" font-weight="bold">{}</text>"#,
            end_x + 24.0,
            ly + 4.5,
            escape(&short_name(&lines[k].name))
        )?;
    }
    Ok(())
}

/// A name cut to [`NAME_CHARS`] characters.
fn short_name(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        let kept: String = name.chars().take(NAME_CHARS - 1).collect();
        format!("{}…", kept.trim_end())
    }
}

/// Label heights for line ends at `ys` (sorted top to bottom): each as near its line as it
/// can be while [`LABEL_GAP`] apart, kept inside the plot where there is room.
fn spread(ys: &[f64]) -> Vec<f64> {
    let mut out = ys.to_vec();
    for i in 1..out.len() {
        out[i] = out[i].max(out[i - 1] + LABEL_GAP);
    }
    // Pushed below the plot: move the stack back up as far as the top allows.
    let bottom = HEIGHT - BOTTOM;
    if let Some(&last) = out.last() {
        let over = last - bottom;
        if over > 0.0 {
            for i in (0..out.len()).rev() {
                let limit = if i + 1 < out.len() {
                    out[i + 1] - LABEL_GAP
                } else {
                    bottom
                };
                out[i] = out[i].min(limit).max(TOP - 20.0 + LABEL_GAP * i as f64);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::algo::centrality::Weighting;
    use crate::query::centrality::{Series, WindowBounds};

    #[test]
    fn names_are_escaped_and_ticks_are_round() {
        let data = TimeSeries {
            measure: "degree".into(),
            window: WindowBounds {
                from: None,
                to: None,
            },
            width: "1y".into(),
            step: "1y".into(),
            weighting: Weighting::Unweighted,
            sampled: None,
            by: None,
            windows: vec![
                WindowBounds {
                    from: Some("2015-01-01".into()),
                    to: Some("2015-12-31".into()),
                },
                WindowBounds {
                    from: Some("2016-01-01".into()),
                    to: Some("2016-12-31".into()),
                },
            ],
            series: vec![Series {
                actor: "x".into(),
                name: "<Ríos & \"Co\">".into(),
                scores: vec![0.3, 0.7],
            }],
        };
        let svg = line_chart(&data);
        assert!(svg.contains("&lt;Ríos &amp; &quot;Co&quot;&gt;"));
        assert!(svg.contains(">2015</text>"));
        assert!(!svg.contains("<Ríos"));
        assert!(svg.contains(">2016</text>"));
        assert_eq!(nice_top(0.7), 1.0);
        assert_eq!(nice_top(0.0834), 0.1);
        assert_eq!(tick_label(0.2), "0.2");
        assert_eq!(tick_label(0.0005), "0.0005");
    }
}
