//! The one XML text escaper, for everything written as XML or SVG: GraphML, GEXF and the
//! centrality chart.

/// True for a character XML 1.0 cannot hold at all, even as a reference: C0 controls other
/// than tab and line breaks, and the non-characters U+FFFE and U+FFFF (surrogates cannot
/// occur in a Rust `str`).
pub fn forbidden(c: char) -> bool {
    matches!(c as u32, 0..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0xFFFE | 0xFFFF)
}

/// Escapes text for XML content and attribute values: markup characters become entities,
/// line breaks and tabs character references (so attribute values keep them), and the
/// characters XML 1.0 cannot hold ([`forbidden`]) become U+FFFD, so the file stays valid
/// and shows where something was.
///
/// ```
/// use whomet::export::xml::escape;
/// assert_eq!(escape("Kim & \"Ri\" <x>\n"), "Kim &amp; &quot;Ri&quot; &lt;x&gt;&#10;");
/// assert_eq!(escape("O'Neil & \"Sons\" <x>"), "O&apos;Neil &amp; &quot;Sons&quot; &lt;x&gt;");
/// assert_eq!(escape("bad\u{1}\u{FFFE}"), "bad\u{FFFD}\u{FFFD}");
/// ```
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    let special =
        |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || (c as u32) < 0x20 || forbidden(c);
    if !text.contains(special) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
