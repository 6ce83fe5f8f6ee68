//! A small RON tokenizer for locating things in a data file without a second parse: where each
//! record of each top-level list starts and ends (the outline), and every string literal with
//! its unescaped value. One pass each, so that locating every record is linear in the file.

use std::borrow::Cow;
use std::ops::Range;

/// The four record lists a data file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    /// `actors: [...]`
    Actors,
    /// `sources: [...]`
    Sources,
    /// `affiliations: [...]`
    Affiliations,
    /// `meetings: [...]`
    Meetings,
}

impl List {
    /// Every list, in the order of [`List::slot`].
    pub(super) const ALL: [List; 4] = [
        List::Actors,
        List::Sources,
        List::Affiliations,
        List::Meetings,
    ];

    /// The list a top-level field name holds, if it is one of the four.
    pub(super) fn from_name(name: &str) -> Option<List> {
        List::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The field name as written in a data file.
    pub(super) fn name(self) -> &'static str {
        match self {
            List::Actors => "actors",
            List::Sources => "sources",
            List::Affiliations => "affiliations",
            List::Meetings => "meetings",
        }
    }

    /// Index into per-list arrays.
    pub(super) fn slot(self) -> usize {
        self as usize
    }
}

/// One top-level field of a data file: its name and the byte ranges of its list's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Field {
    /// Where the field name is.
    pub(super) name: Range<usize>,
    /// Which list it is, or `None` for a name that is none of the four.
    pub(super) list: Option<List>,
    /// Each item, from its first token to its last (the separating comma left out).
    pub(super) items: Vec<Range<usize>>,
}

/// The top-level shape of a data file, as far as it could be followed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Outline {
    /// The fields, in file order.
    pub(super) fields: Vec<Field>,
    /// Where and why the scan stopped before the file's end, if it did.
    pub(super) stopped: Option<(usize, String)>,
    /// Whether the file starts with `#![enable(...)]` attributes, which change how the records
    /// parse.
    pub(super) has_attributes: bool,
    /// Whether a struct name comes before the file's record, which the parser checks.
    pub(super) named: bool,
}

/// A string literal: where it is and its value once unescaped (`None` for byte strings and
/// escapes that do not decode, which no record value can equal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Literal<'a> {
    /// Byte range of the literal, quotes included.
    pub(super) span: Range<usize>,
    /// The text it stands for.
    pub(super) value: Option<Cow<'a, str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    /// A string or char literal; `raw_hashes` is `Some` for raw strings.
    Str {
        byte: bool,
        raw_hashes: Option<usize>,
    },
    /// An identifier, number or any other run of plain characters.
    Word,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Why a token could not be read, and where.
type LexError = (usize, String);

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer { text, pos: 0 }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// Skips whitespace and comments (block comments nest, as in RON).
    fn skip_trivia(&mut self) -> Result<(), LexError> {
        loop {
            let rest = &self.text[self.pos..];
            let trimmed = rest.trim_start_matches(is_whitespace);
            self.pos += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.pos = memchr::memchr(b'\n', &self.bytes()[self.pos..])
                    .map_or(self.text.len(), |i| self.pos + i);
            } else if trimmed.starts_with("/*") {
                let start = self.pos;
                self.pos += 2;
                let mut level = 1;
                while level > 0 {
                    let rest = &self.bytes()[self.pos..];
                    let Some(i) = memchr::memchr2(b'/', b'*', rest) else {
                        return Err((start, "a block comment is not closed".to_string()));
                    };
                    self.pos += i;
                    let rest = &self.bytes()[self.pos..];
                    if rest.starts_with(b"/*") {
                        level += 1;
                        self.pos += 2;
                    } else if rest.starts_with(b"*/") {
                        level -= 1;
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                    }
                }
            } else {
                return Ok(());
            }
        }
    }

    fn next(&mut self) -> Result<Option<Token>, LexError> {
        self.skip_trivia()?;
        let start = self.pos;
        let bytes = self.bytes();
        let Some(&first) = bytes.get(start) else {
            return Ok(None);
        };
        let kind = match first {
            b'(' | b'[' | b'{' => {
                self.pos += 1;
                Kind::Open(first)
            }
            b')' | b']' | b'}' => {
                self.pos += 1;
                Kind::Close(first)
            }
            b',' => {
                self.pos += 1;
                Kind::Comma
            }
            b':' => {
                self.pos += 1;
                Kind::Colon
            }
            b'"' | b'\'' => self.quoted(start, first, false)?,
            b'b' if matches!(bytes.get(start + 1), Some(b'"' | b'\'')) => {
                self.quoted(start + 1, bytes[start + 1], true)?
            }
            b'r' if raw_start(&bytes[start + 1..]).is_some() => {
                self.raw(start, start + 1, false)?
            }
            b'b' if bytes.get(start + 1) == Some(&b'r')
                && raw_start(&bytes[start + 2..]).is_some() =>
            {
                self.raw(start, start + 2, true)?
            }
            _ => {
                let rest = &self.text[start..];
                let len = rest
                    .find(|c: char| is_whitespace(c) || "()[]{},:\"'/".contains(c))
                    .unwrap_or(rest.len());
                // A lone '/' that starts no comment is still a token, so the scan moves on.
                self.pos += len.max(1);
                Kind::Word
            }
        };
        Ok(Some(Token {
            kind,
            start,
            end: self.pos,
        }))
    }

    /// A `"…"` string or `'…'` char whose opening quote is at `open`.
    fn quoted(&mut self, open: usize, quote: u8, byte: bool) -> Result<Kind, LexError> {
        let bytes = self.bytes();
        let mut i = open + 1;
        loop {
            match memchr::memchr2(quote, b'\\', &bytes[i..]) {
                Some(j) if bytes[i + j] == b'\\' => i += j + 2,
                Some(j) => {
                    self.pos = i + j + 1;
                    return Ok(Kind::Str {
                        byte,
                        raw_hashes: None,
                    });
                }
                None => break,
            }
            if i >= bytes.len() {
                break;
            }
        }
        let what = if quote == b'"' { "string" } else { "char" };
        Err((
            open,
            format!("a {what} is not closed before the end of the file"),
        ))
    }

    /// A raw string `r#"…"#`; `after_r` is the offset just past the `r`.
    fn raw(&mut self, start: usize, after_r: usize, byte: bool) -> Result<Kind, LexError> {
        let bytes = self.bytes();
        let hashes = raw_start(&bytes[after_r..]).unwrap_or(0);
        let body = after_r + hashes + 1;
        let mut close = vec![b'"'];
        close.extend(std::iter::repeat_n(b'#', hashes));
        match memchr::memmem::find(&bytes[body..], &close) {
            Some(j) => {
                self.pos = body + j + close.len();
                Ok(Kind::Str {
                    byte,
                    raw_hashes: Some(hashes),
                })
            }
            None => Err((
                start,
                "a raw string is not closed before the end of the file".to_string(),
            )),
        }
    }
}

/// For the text after an `r`: the number of `#` before the opening quote of a raw string.
fn raw_start(after_r: &[u8]) -> Option<usize> {
    let hashes = after_r.iter().take_while(|&&b| b == b'#').count();
    (after_r.get(hashes) == Some(&b'"')).then_some(hashes)
}

/// RON's whitespace.
fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Whether any text follows the token at `at` (an unclosed string or comment there runs to
/// the end, so nothing does).
pub(super) fn more_after(text: &str, at: usize) -> bool {
    let mut lexer = Lexer { text, pos: at };
    matches!(lexer.next(), Ok(Some(_))) && !matches!(lexer.next(), Ok(None))
}

/// Every string literal of `text` in order, up to the first token that cannot be read.
pub(super) fn literals(text: &str) -> Vec<Literal<'_>> {
    let mut lexer = Lexer::new(text);
    let mut out = Vec::new();
    while let Ok(Some(token)) = lexer.next() {
        if let Kind::Str { byte, raw_hashes } = token.kind {
            let span = token.start..token.end;
            let value = if byte || text.as_bytes()[token.start] == b'\'' {
                None
            } else {
                literal_value(&text[span.clone()], raw_hashes)
            };
            out.push(Literal { span, value });
        }
    }
    out
}

/// The value of one string literal, unescaped by RON itself so that it equals what the
/// records hold.
fn literal_value(literal: &str, raw_hashes: Option<usize>) -> Option<Cow<'_, str>> {
    match raw_hashes {
        Some(hashes) => literal
            .get(2 + hashes..literal.len() - 1 - hashes)
            .map(Cow::Borrowed),
        None if !literal.contains('\\') => literal.get(1..literal.len() - 1).map(Cow::Borrowed),
        None => ron::from_str::<String>(literal).ok().map(Cow::Owned),
    }
}

/// The top-level shape of `text`: `(name: [item, …], …)`, each item's range, and where the
/// scan stopped if the text does not have that shape.
pub(super) fn outline(text: &str) -> Outline {
    let mut lexer = Lexer::new(text);
    let mut outline = Outline::default();
    if let Err(stop) = follow(&mut lexer, &mut outline) {
        outline.stopped = Some(stop);
    }
    outline
}

fn follow(lexer: &mut Lexer<'_>, outline: &mut Outline) -> Result<(), LexError> {
    let text = lexer.text;
    let word = |t: &Token| &text[t.start..t.end];
    let mut token = expect_some(lexer)?;
    // `#![enable(…)]` attributes.
    while token.kind == Kind::Word && word(&token).starts_with('#') {
        outline.has_attributes = true;
        let open = expect_some(lexer)?;
        let open = if open.kind == Kind::Word && word(&open) == "!" {
            expect_some(lexer)?
        } else {
            open
        };
        if open.kind != Kind::Open(b'[') {
            return Err((open.start, "expected `[` after `#!`".to_string()));
        }
        balanced(lexer, b'[')?;
        token = expect_some(lexer)?;
    }
    // An optional struct name before the record.
    if token.kind == Kind::Word {
        outline.named = true;
        token = expect_some(lexer)?;
    }
    if token.kind != Kind::Open(b'(') {
        return Err((
            token.start,
            "expected `(` to open the file's record".to_string(),
        ));
    }
    loop {
        let name = expect_some(lexer)?;
        match name.kind {
            Kind::Close(b')') => break,
            Kind::Word => {}
            _ => {
                return Err((
                    name.start,
                    "expected a list name (actors, sources, affiliations or meetings)".to_string(),
                ))
            }
        }
        let colon = expect_some(lexer)?;
        if colon.kind != Kind::Colon {
            return Err((colon.start, "expected `:` after the list name".to_string()));
        }
        let open = expect_some(lexer)?;
        if open.kind != Kind::Open(b'[') {
            return Err((open.start, "expected `[` to open the list".to_string()));
        }
        let mut field = Field {
            name: name.start..name.end,
            list: List::from_name(word(&name)),
            items: Vec::new(),
        };
        let result = items(lexer, &mut field.items);
        outline.fields.push(field);
        result?;
        let after = expect_some(lexer)?;
        match after.kind {
            Kind::Comma => {}
            Kind::Close(b')') => break,
            _ => {
                return Err((
                    after.start,
                    "expected `,` or `)` after the list".to_string(),
                ))
            }
        }
    }
    match lexer.next()? {
        None => Ok(()),
        Some(extra) => Err((extra.start, "text after the file's closing `)`".to_string())),
    }
}

/// The record ranges of a JSON dump (`{"format": …, "actors": [...], …}`), per list, as far
/// as the text can be followed: the same tokens serve, since JSON's strings, brackets, commas
/// and colons are RON's too.
pub(super) fn json_records(text: &str) -> [Vec<Range<usize>>; 4] {
    let mut found: [Vec<Range<usize>>; 4] = Default::default();
    let mut lexer = Lexer::new(text);
    let _ = follow_json(&mut lexer, &mut found);
    found
}

fn follow_json(lexer: &mut Lexer<'_>, found: &mut [Vec<Range<usize>>; 4]) -> Result<(), LexError> {
    let text = lexer.text;
    if expect_some(lexer)?.kind != Kind::Open(b'{') {
        return Ok(());
    }
    loop {
        let key = expect_some(lexer)?;
        let list = match key.kind {
            Kind::Str { .. } => List::from_name(text[key.start..key.end].trim_matches('"')),
            _ => return Ok(()),
        };
        if expect_some(lexer)?.kind != Kind::Colon {
            return Ok(());
        }
        let value = expect_some(lexer)?;
        match (list, value.kind) {
            (Some(list), Kind::Open(b'[')) => items(lexer, &mut found[list.slot()])?,
            (_, Kind::Open(open)) => {
                balanced(lexer, open)?;
            }
            _ => {}
        }
        if expect_some(lexer)?.kind != Kind::Comma {
            return Ok(());
        }
    }
}

/// The items of a list whose `[` was just read, up to and including its `]`.
fn items(lexer: &mut Lexer<'_>, items: &mut Vec<Range<usize>>) -> Result<(), LexError> {
    loop {
        let first = expect_some(lexer)?;
        if first.kind == Kind::Close(b']') {
            return Ok(());
        }
        let mut end = first.end;
        let mut token = first;
        loop {
            if let Kind::Open(open) = token.kind {
                match balanced(lexer, open) {
                    Ok(past) => end = past,
                    Err(stop) => {
                        // The broken item is still an item, so that its own error is found.
                        items.push(first.start..stop.0.max(end));
                        return Err(stop);
                    }
                }
            } else if let Kind::Close(_) = token.kind {
                return Err((
                    token.start,
                    "a bracket closes nothing that is open".to_string(),
                ));
            }
            token = match lexer.next()? {
                Some(t) => t,
                None => {
                    items.push(first.start..end);
                    return Err((lexer.text.len(), "the file ends inside a list".to_string()));
                }
            };
            match token.kind {
                Kind::Comma | Kind::Close(b']') => break,
                _ => end = token.end,
            }
        }
        items.push(first.start..end);
        if token.kind == Kind::Close(b']') {
            return Ok(());
        }
    }
}

/// Reads to the bracket that closes `open` (just read); returns the offset past it.
fn balanced(lexer: &mut Lexer<'_>, open: u8) -> Result<usize, LexError> {
    let mut stack = vec![open];
    while let Some(&top) = stack.last() {
        let Some(token) = lexer.next()? else {
            return Err((
                lexer.text.len(),
                format!("the file ends before `{}` is closed", top as char),
            ));
        };
        match token.kind {
            Kind::Open(b) => stack.push(b),
            Kind::Close(b) if b == closing(top) => {
                stack.pop();
                if stack.is_empty() {
                    return Ok(token.end);
                }
            }
            Kind::Close(b) => {
                return Err((
                    token.start,
                    format!(
                        "`{}` where `{}` was expected",
                        b as char,
                        closing(top) as char
                    ),
                ))
            }
            _ => {}
        }
    }
    Ok(lexer.pos)
}

fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn expect_some(lexer: &mut Lexer<'_>) -> Result<Token, LexError> {
    lexer.next()?.ok_or_else(|| {
        (
            lexer.text.len(),
            "the file ends before its record is closed".to_string(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_items_of_each_list() {
        let text = "// c\n(\n actors: [A(id: \"a,]\"), /* ) */ A(id: \"b\"),],\n sources: [],\n)\n";
        let outline = outline(text);
        assert_eq!(outline.stopped, None);
        assert_eq!(outline.fields.len(), 2);
        let items: Vec<&str> = outline.fields[0]
            .items
            .iter()
            .map(|r| &text[r.clone()])
            .collect();
        assert_eq!(items, ["A(id: \"a,]\")", "A(id: \"b\")"]);
        assert_eq!(outline.fields[1].list, Some(List::Sources));
    }

    #[test]
    fn stops_at_a_truncated_list() {
        let text = "(sources: [S(id: \"a\"), S(id: \"b";
        let outline = outline(text);
        // The broken item is kept, up to where the scan stopped.
        assert_eq!(outline.fields[0].items.len(), 2);
        let stop = outline.stopped.as_ref().unwrap().0;
        assert_eq!(&text[stop..], "\"b");
    }

    #[test]
    fn unescapes_strings_and_reads_raw_strings() {
        let text = r####"(a: ["dp\u{72}k", r#"x"y"#, b"z", 'c', "plain"])"####;
        let values: Vec<Option<String>> = literals(text)
            .into_iter()
            .map(|l| l.value.map(Cow::into_owned))
            .collect();
        assert_eq!(
            values,
            [
                Some("dprk".to_string()),
                Some("x\"y".to_string()),
                None,
                None,
                Some("plain".to_string())
            ]
        );
    }
}
