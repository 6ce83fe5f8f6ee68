//! An SVG line chart of a centrality time series, written as plain text so that no plotting
//! library is needed; every piece of data-set text goes through [`escape`].

use std::fmt::Write;

use crate::export::xml::escape;
use crate::query::centrality::TimeSeries;

/// Line colours (Tableau 10), reused in turn when there are more series.
const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 540.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 260.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 60.0;

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

/// Where values land on the canvas.
struct Frame {
    plot_w: f64,
    plot_h: f64,
    windows: usize,
    top: f64,
}

impl Frame {
    fn new(data: &TimeSeries) -> Self {
        let max = data
            .series
            .iter()
            .flat_map(|s| s.scores.iter().copied())
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        Frame {
            plot_w: WIDTH - LEFT - RIGHT,
            plot_h: HEIGHT - TOP - BOTTOM,
            windows: data.windows.len(),
            top: nice_top(max),
        }
    }

    /// The x of window `i`.
    fn x_at(&self, i: usize) -> f64 {
        if self.windows <= 1 {
            LEFT + self.plot_w / 2.0
        } else {
            LEFT + self.plot_w * i as f64 / (self.windows - 1) as f64
        }
    }

    /// The y of score `v`.
    fn y_at(&self, v: f64) -> f64 {
        TOP + self.plot_h * (1.0 - (v / self.top).clamp(0.0, 1.0))
    }
}

fn write_chart(svg: &mut String, data: &TimeSeries) -> std::fmt::Result {
    let frame = Frame::new(data);
    writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    )?;
    let title = format!(
        "{} centrality{}, {} windows every {}",
        data.measure,
        if data.weighting.is_weighted() {
            " (weighted)"
        } else {
            ""
        },
        data.width,
        data.step
    );
    writeln!(svg, "<title>{}</title>", escape(&title))?;
    writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#)?;
    writeln!(
        svg,
        r#"<text x="{LEFT}" y="{}" font-size="16" font-weight="bold">{}</text>"#,
        TOP - 20.0,
        escape(&title)
    )?;
    write_y_axis(svg, &frame)?;
    write_x_axis(svg, &frame, data)?;
    write_lines(svg, &frame, data)?;
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
    let windows = frame.windows;
    let every = windows.div_ceil(10).max(1);
    for (i, window) in data.windows.iter().enumerate() {
        if i % every != 0 && i + 1 != windows {
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

/// One line per series, with a legend entry.
fn write_lines(svg: &mut String, frame: &Frame, data: &TimeSeries) -> std::fmt::Result {
    for (k, series) in data.series.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let points: Vec<String> = series
            .scores
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                format!(
                    "{:.1},{:.1}",
                    frame.x_at(i),
                    frame.y_at(if v.is_finite() { v } else { 0.0 })
                )
            })
            .collect();
        writeln!(svg, r#"<g><title>{}</title>"#, escape(&series.name))?;
        if points.len() == 1 {
            writeln!(
                svg,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"/>"#,
                frame.x_at(0),
                frame.y_at(series.scores[0])
            )?;
        } else {
            writeln!(
                svg,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
                points.join(" ")
            )?;
        }
        writeln!(svg, "</g>")?;
        let ly = TOP + 10.0 + 20.0 * k as f64;
        let lx = LEFT + frame.plot_w + 20.0;
        writeln!(
            svg,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{colour}" stroke-width="3"/>"#,
            lx + 18.0
        )?;
        writeln!(
            svg,
            r#"<text x="{}" y="{}">{}</text>"#,
            lx + 24.0,
            ly + 4.0,
            escape(&series.name)
        )?;
    }
    Ok(())
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
        assert!(!svg.contains("<Ríos"));
        assert!(svg.contains(">2016</text>"));
        assert_eq!(nice_top(0.7), 1.0);
        assert_eq!(nice_top(0.0834), 0.1);
        assert_eq!(tick_label(0.2), "0.2");
        assert_eq!(tick_label(0.0005), "0.0005");
    }
}
