//! Laying out DOT and drawing it as SVG or PNG with graphviz-pure, so no system Graphviz is
//! needed; plus the atomic file write the image and DOT commands share.
//!
//! PNG is graphviz-pure's own SVG rasterised by graphviz-pure-raster (resvg with bundled
//! Tinos/Arimo/Cousine fonts). Those fonts have no Hangul or Han glyphs, so names in those
//! scripts show in SVG (drawn with the viewer's fonts) but not in PNG.

use std::fmt;
use std::path::Path;

use crate::error::Error;

/// Above this many actors a picture is unreadable and slow to lay out, so rendering refuses
/// unless forced.
pub const NODE_LIMIT: usize = 2_000;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Engine {
    /// Layered drawing; reads best for a path.
    Dot,
    /// Spring model (stress majorisation); the default for small networks; no clusters.
    Neato,
    /// Force-directed; draws clusters.
    Fdp,
    /// Multiscale force-directed; the default for large networks.
    Sfdp,
    /// Radial, in rings around a centre: `--around`, else the actor with the most meetings.
    Twopi,
}

impl Engine {
    /// Every engine, in display order.
    pub const ALL: [Engine; 5] = [
        Engine::Dot,
        Engine::Neato,
        Engine::Fdp,
        Engine::Sfdp,
        Engine::Twopi,
    ];

    /// Graphviz's name for the engine.
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
            Engine::Sfdp => "sfdp",
            Engine::Twopi => "twopi",
        }
    }

    /// Parses Graphviz's name for the engine.
    pub fn parse(text: &str) -> Option<Self> {
        Engine::ALL.into_iter().find(|e| e.as_str() == text)
    }

    /// The engine that suits a picture: `dot` to draw a path or boxes of clustered actors
    /// (its clusters are the tidiest), `neato` for a small network, `sfdp` above a few
    /// hundred actors.
    pub fn choose(actors: usize, has_path: bool, has_clusters: bool) -> Self {
        if has_path || (has_clusters && actors <= 300) {
            Engine::Dot
        } else if actors > 300 {
            Engine::Sfdp
        } else {
            Engine::Neato
        }
    }

    /// True when the engine draws `subgraph cluster_*` as boxes.
    pub fn draws_clusters(self) -> bool {
        matches!(self, Engine::Dot | Engine::Fdp)
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An image format `whomet render` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    /// Scalable vector graphics, with tooltips.
    Svg,
    /// A raster image at 96 dpi.
    Png,
}

impl ImageFormat {
    /// The format named by a file's extension (`.svg` or `.png`, any case).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            _ => None,
        }
    }
}

/// How to draw DOT text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// The layout engine.
    pub engine: Engine,
    /// SVG or PNG.
    pub format: ImageFormat,
    /// Draw even above [`NODE_LIMIT`] actors.
    pub any_size: bool,
}

/// Refuses a picture of more than [`NODE_LIMIT`] actors unless `any_size`, with advice on
/// narrowing it.
pub fn check_size(actors: usize, any_size: bool) -> Result<(), Error> {
    if actors > NODE_LIMIT && !any_size {
        return Err(Error::Usage(format!(
            "the picture would have {actors} actors, more than {NODE_LIMIT} can be read or laid \
             out quickly; narrow it with --around ACTOR --depth N, --top N --by MEASURE, \
             --min-meetings N, --kind or --from/--to, or pass --any-size to draw it anyway"
        )));
    }
    Ok(())
}

/// Lays out `dot` (a graph of `actors` nodes) and draws it.
///
/// # Errors
/// [`Error::Usage`] above [`NODE_LIMIT`] actors without `any_size`; [`Error::Io`] (path
/// `<graphviz>`) when graphviz-pure rejects the text, which would be a bug in the writer.
///
/// ```
/// use whomet::export::render::{render, Engine, ImageFormat, RenderOptions};
/// let options = RenderOptions { engine: Engine::Dot, format: ImageFormat::Svg, any_size: false };
/// let svg = render("graph { a -- b }", 2, &options)?;
/// assert!(String::from_utf8_lossy(&svg).contains("<svg"));
/// # Ok::<(), whomet::Error>(())
/// ```
pub fn render(dot: &str, actors: usize, options: &RenderOptions) -> Result<Vec<u8>, Error> {
    render_with_legend(dot, None, actors, options, &mut |_| {})
}

/// Lays out `drawing` (a graph of `actors` nodes) and draws it, with `legend` (a DOT graph of
/// its own) drawn beside it on the right, so the key never lands on the picture. `stage` hears
/// each step as it starts ("laying out", "rasterising"), for a progress display.
///
/// # Errors
/// As [`render`].
pub fn render_with_legend(
    drawing: &str,
    legend: Option<&str>,
    actors: usize,
    options: &RenderOptions,
    stage: &mut dyn FnMut(&str),
) -> Result<Vec<u8>, Error> {
    check_size(actors, options.any_size)?;
    stage("laying out");
    let mut svg = layout(drawing, options.engine)?;
    if let Some(legend) = legend {
        let key = layout(legend, Engine::Dot)?;
        svg = side_by_side(&svg, &key)?;
    }
    match options.format {
        ImageFormat::Svg => Ok(svg.into_bytes()),
        ImageFormat::Png => {
            stage("rasterising");
            svg_to_png(&svg)
        }
    }
}

/// Rasterises SVG text as PNG at 96 dpi with the bundled fonts.
///
/// # Errors
/// [`Error::Internal`] when the SVG cannot be read.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, Error> {
    Ok(
        graphviz_pure_raster::rasterize(svg, graphviz_pure_raster::RasterFormat::Png, false)
            .map_err(graphviz_error)?
            .into_output(),
    )
}

/// graphviz-pure's SVG for `dot`.
fn layout(dot: &str, engine: Engine) -> Result<String, Error> {
    Ok(graphviz_pure::render_dot(dot, engine.as_str(), "svg")
        .map_err(graphviz_error)?
        .into_output())
}

/// Space between the picture and its legend, in points.
const LEGEND_GAP: f64 = 16.0;

/// One SVG holding `main` and, to its right and top-aligned, `side`.
fn side_by_side(main: &str, side: &str) -> Result<String, Error> {
    let (main_w, main_h, main_body) = svg_parts(main)?;
    let (side_w, side_h, side_body) = svg_parts(side)?;
    let width = main_w + LEGEND_GAP + side_w;
    let height = main_h.max(side_h);
    let nested = |x: f64, w: f64, h: f64, body: &str| {
        format!(
            "<svg x=\"{x:.2}\" y=\"0\" width=\"{w:.2}\" height=\"{h:.2}\" \
             viewBox=\"0 0 {w:.2} {h:.2}\">\n{body}</svg>\n"
        )
    };
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n\
         <svg width=\"{width:.2}pt\" height=\"{height:.2}pt\" viewBox=\"0 0 {width:.2} {height:.2}\" \
         xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{}{}</svg>\n",
        nested(0.0, main_w, main_h, main_body),
        nested(main_w + LEGEND_GAP, side_w, side_h, side_body),
    ))
}

/// The width and height (points) of a graphviz-pure SVG and what its root element holds.
fn svg_parts(svg: &str) -> Result<(f64, f64, &str), Error> {
    let bad = || Error::Internal("the layout engine wrote SVG without a sized root".into());
    let start = svg.find("<svg").ok_or_else(bad)?;
    let open_end = start + svg[start..].find('>').ok_or_else(bad)?;
    let close = svg.rfind("</svg>").ok_or_else(bad)?;
    let tag = &svg[start..open_end];
    let number = |name: &str| -> Option<f64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value = &tag[at..at + tag[at..].find('"')?];
        value.trim_end_matches("pt").parse().ok()
    };
    let (w, h) = (
        number("width").ok_or_else(bad)?,
        number("height").ok_or_else(bad)?,
    );
    if close < open_end {
        return Err(bad());
    }
    Ok((w, h, &svg[open_end + 1..close]))
}

fn graphviz_error(error: impl fmt::Display) -> Error {
    Error::Internal(format!("the layout engine failed: {error}"))
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same folder, then renamed
/// into place, so a reader never sees half a file. Refuses to replace an existing file unless
/// `overwrite`.
///
/// # Errors
/// [`Error::Usage`] when the file exists and `overwrite` is false; [`Error::Io`] otherwise.
pub fn write_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), Error> {
    Ok(crate::store::atomic::write_atomic(path, bytes, overwrite)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_round_trip_their_names() {
        for engine in Engine::ALL {
            assert_eq!(Engine::parse(engine.as_str()), Some(engine));
        }
        assert_eq!(Engine::parse("osage"), None);
        assert_eq!(Engine::parse("circo"), None);
    }

    #[test]
    fn the_default_engine_follows_size_and_path() {
        assert_eq!(Engine::choose(40, false, false), Engine::Neato);
        assert_eq!(Engine::choose(40, true, false), Engine::Dot);
        assert_eq!(Engine::choose(40, false, true), Engine::Dot);
        assert_eq!(Engine::choose(301, false, false), Engine::Sfdp);
        assert_eq!(Engine::choose(301, false, true), Engine::Sfdp);
    }

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(
            ImageFormat::from_path(Path::new("a/b.SVG")),
            Some(ImageFormat::Svg)
        );
        assert_eq!(
            ImageFormat::from_path(Path::new("b.png")),
            Some(ImageFormat::Png)
        );
        assert_eq!(ImageFormat::from_path(Path::new("b.pdf")), None);
        assert_eq!(ImageFormat::from_path(Path::new("b")), None);
    }

    #[test]
    fn too_many_actors_is_refused_unless_forced() {
        assert!(matches!(
            check_size(NODE_LIMIT + 1, false),
            Err(Error::Usage(m)) if m.contains("--around")
        ));
        assert!(check_size(NODE_LIMIT + 1, true).is_ok());
        assert!(check_size(NODE_LIMIT, false).is_ok());
    }

    #[test]
    fn png_starts_with_the_magic_bytes() {
        let options = RenderOptions {
            engine: Engine::Neato,
            format: ImageFormat::Png,
            any_size: false,
        };
        let png = render("graph { a -- b }", 2, &options).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn write_file_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.dot");
        write_file(&path, b"one", false).unwrap();
        assert!(matches!(
            write_file(&path, b"two", false),
            Err(Error::Write(crate::store::atomic::AtomicError::Exists(_)))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }
}
