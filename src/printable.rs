//! Text from the data made safe for a terminal: control characters (which could move the
//! cursor, clear the screen or recolour what follows) are shown as escapes instead.

use std::borrow::Cow;

/// True for characters a terminal would act on rather than show.
fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `text` with each control character other than newline and tab written as `\u{…}`.
///
/// ```
/// use whomet::printable::escaped;
/// assert_eq!(escaped("Kim\u{1b}[2J"), "Kim\\u{1b}[2J");
/// assert_eq!(escaped("plain"), "plain");
/// ```
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with each control character other than newline, tab and the carriage return of a
/// CRLF replaced by `?` repeated to the character's UTF-8 length, so that byte offsets into
/// the text (the spans of error snippets) stay valid.
pub fn masked(text: &str) -> Cow<'_, str> {
    let unsafe_at =
        |i: usize, c: char| is_unsafe(c) && !(c == '\r' && text[i + 1..].starts_with('\n'));
    if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if unsafe_at(i, c) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_every_byte_offset() {
        let text = "a\u{7}b\u{85}c\r\nd\re";
        let masked = masked(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, "a?b??c\r\nd?e");
        assert_eq!(escaped(text), "a\\u{7}b\\u{85}c\\u{d}\nd\\u{d}e");
    }
}
