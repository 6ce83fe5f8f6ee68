//! The one XML text escaper, for everything written as XML or SVG: GraphML, GEXF and the
//! centrality chart.

/// Escapes text for XML content and attribute values: markup characters become entities,
/// line breaks and tabs character references (so attribute values keep them), and control
/// characters XML 1.0 cannot hold are dropped.
///
/// ```
/// use whomet::export::xml::escape;
/// assert_eq!(escape("Kim & \"Ri\" <x>\n"), "Kim &amp; &quot;Ri&quot; &lt;x&gt;&#10;");
/// assert_eq!(escape("O'Neil & \"Sons\" <x>"), "O&apos;Neil &amp; &quot;Sons&quot; &lt;x&gt;");
/// ```
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    let special = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || (c as u32) < 0x20;
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
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
