//! The optional meeting columns (`status`, `kind`, `roles`, `notes`): each value checked, and
//! a located problem for anything that is not one of the allowed values.

use super::header::text;
use super::validate::{not_utf8, subject, Tail};

/// The row's problems, as the chunk reader collects them.
type Problems = Vec<(String, Tail)>;

/// One of `all` by its name in `field`; `None` when the field is empty (the column's
/// default applies) or names nothing, which is then a problem listing the names.
pub(super) fn named<T: Copy>(
    problems: &mut Problems,
    raw_id: &[u8],
    column: &str,
    field: &[u8],
    all: &[T],
    name: fn(T) -> &'static str,
) -> Option<T> {
    let value = field.trim_ascii();
    if value.is_empty() {
        return None;
    }
    let found = all.iter().copied().find(|&v| name(v).as_bytes() == value);
    if found.is_none() {
        let names: Vec<&str> = all.iter().map(|&v| name(v)).collect();
        problems.push((
            format!(
                "{}: unknown {column} \"{}\" (expected {})",
                subject("meeting", raw_id, column),
                String::from_utf8_lossy(value),
                names.join(", ")
            ),
            Tail::None,
        ));
    }
    found
}

/// The `roles` column: empty, or one entry per listed participant, in the same order,
/// separated by `|` (an empty entry for a participant without a role).
pub(super) fn roles(
    problems: &mut Problems,
    raw_id: &[u8],
    field: &[u8],
    participants: usize,
) -> Vec<Option<String>> {
    let Some(value) = text(field.trim_ascii()) else {
        problems.push((not_utf8("meeting", raw_id, "roles"), Tail::None));
        return Vec::new();
    };
    if value.is_empty() {
        return Vec::new();
    }
    let roles: Vec<Option<String>> = value
        .split('|')
        .map(|r| Some(r.trim().to_string()).filter(|r| !r.is_empty()))
        .collect();
    // A row whose participants are already wrong gets no count problem on top.
    if roles.len() != participants && problems.is_empty() {
        problems.push((
            format!(
                "{}: {} roles for {participants} participants; give one per participant, in the same order, separated by | (empty for none)",
                subject("meeting", raw_id, "roles"),
                roles.len(),
            ),
            Tail::None,
        ));
    }
    roles
}

/// An optional text column, `None` when empty.
pub(super) fn text_column(
    problems: &mut Problems,
    raw_id: &[u8],
    column: &str,
    field: &[u8],
) -> Option<String> {
    match text(field.trim_ascii()) {
        Some("") => None,
        Some(value) => Some(value.to_string()),
        None => {
            problems.push((not_utf8("meeting", raw_id, column), Tail::None));
            None
        }
    }
}
