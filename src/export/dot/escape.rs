//! Escaping text for DOT: quoted strings, labels (entities protected) and tooltips (whose
//! backslashes Graphviz expands twice). XML text has its own escaper in
//! [`crate::export::xml`].

/// Escapes text for a quoted DOT string: `"` and `\` are backslashed, a line break becomes
/// `\n`, other control characters a space. Graphviz keeps `\\` as two characters when it
/// reads DOT and turns it into one backslash when it expands a label or an `id`, so a name
/// holding `\N` shows as written instead of as the node's id.
///
/// ```
/// use whomet::export::dot::escape;
/// assert_eq!(escape("say \"hi\"\\n\nnext"), r#"say \"hi\"\\n\nnext"#);
/// ```
pub fn escape(text: &str) -> String {
    escape_with(text, "\\\\")
}

/// As [`escape`], writing each backslash as `backslash`.
fn escape_with(text: &str, backslash: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str(backslash),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() || crate::export::xml::forbidden(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a label: as [`escape`], and an `&` that starts something Graphviz would
/// read as an HTML entity (`&amp;`, `&#38;`) becomes `&amp;`, so the entity's letters show.
///
/// ```
/// use whomet::export::dot::escape_label;
/// assert_eq!(escape_label("AT&T &amp; co"), "AT&T &amp;amp; co");
/// ```
pub fn escape_label(text: &str) -> String {
    protect_entities(&escape(text))
}

/// Escapes text for a tooltip. Graphviz expands a tooltip's backslashes twice (once for line
/// breaks, once for `\N`-style names), so each literal backslash is written as four.
///
/// ```
/// use whomet::export::dot::escape_tooltip;
/// assert_eq!(escape_tooltip("a\\N\nb"), r"a\\\\N\nb");
/// ```
pub fn escape_tooltip(text: &str) -> String {
    protect_entities(&escape_with(text, "\\\\\\\\"))
}

/// Turns an `&` that starts an entity into `&amp;`.
fn protect_entities(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    for (i, c) in escaped.char_indices() {
        if c == '&' && looks_like_entity(&escaped[i + 1..]) {
            out.push_str("&amp;");
        } else {
            out.push(c);
        }
    }
    out
}

/// True when `rest` (after an `&`) reads as an entity body and `;`.
fn looks_like_entity(rest: &str) -> bool {
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest[body.len()..].starts_with(';')
}

/// A quoted DOT identifier for any text.
pub(super) fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_names_as_written() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\"b"), "a\\\"b");
        assert_eq!(escape("C:\\N"), "C:\\\\N");
        assert_eq!(escape("one\r\ntwo\nthree"), "one\\ntwo\\nthree");
        assert_eq!(escape("tab\there"), "tab here");
        assert_eq!(escape("김정은 <&>"), "김정은 <&>");
        assert_eq!(escape_tooltip("a\\b \"c\""), "a\\\\\\\\b \\\"c\\\"");
    }

    #[test]
    fn labels_protect_entities_only() {
        assert_eq!(escape_label("A & B"), "A & B");
        assert_eq!(escape_label("&amp;"), "&amp;amp;");
        assert_eq!(escape_label("&#38;x"), "&amp;#38;x");
        assert_eq!(escape_label("&;"), "&;");
    }
}
