//! Dates that say what is known and no more: a day, a month, a year, a range, open bounds.
//!
//! The notation follows EDTF (ISO 8601-2) where it can: `2016-06-28`, `2016-06`, `2016`,
//! a range `2016-06-28..2016-07-01` (EDTF's `/` is accepted too), an open bound
//! `..2016-07-05` ("on or before") or `2016-07-05..` ("on or after"), and the qualifiers
//! `?` (uncertain), `~` (approximate) and `%` (both) at the end.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How precisely one end of a [`FuzzyDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A month of a year.
    Month,
    /// A year.
    Year,
}

/// One calendar point known to a day, a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

impl PartialDate {
    /// The precision this point is known to.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day this point may stand for.
    pub fn first_day(&self) -> Date {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        Date::new(self.year, month, day).expect("validated on construction")
    }

    /// The last day this point may stand for.
    pub fn last_day(&self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).expect("validated on construction"),
            (Some(m), None) => Date::new(self.year, m, 1)
                .expect("validated on construction")
                .last_of_month(),
            _ => Date::new(self.year, 12, 31).expect("validated on construction"),
        }
    }

    /// Year, month and day of [`PartialDate::first_day`], without building a calendar date:
    /// the graph build asks for a million of them.
    pub(crate) fn first_ymd(&self) -> (i16, i8, i8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Year, month and day of [`PartialDate::last_day`], without building a calendar date.
    pub(crate) fn last_ymd(&self) -> (i16, i8, i8) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => (self.year, m, d),
            (Some(m), None) => {
                let days = Date::new(self.year, m, 1)
                    .expect("validated on construction")
                    .days_in_month();
                (self.year, m, days)
            }
            _ => (self.year, 12, 31),
        }
    }

    /// The point as a whole day, if it is known to the day.
    pub fn day(&self) -> Option<Date> {
        (self.precision() == Precision::Day).then(|| self.first_day())
    }

    /// A point known to the day.
    pub fn from_date(date: Date) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let bad = |reason: &str| DateError::new(text, reason);
        let mut parts = text.split('-');
        let year_text = parts.next().unwrap_or_default();
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(
                "expected a four-digit year, as in 2016, 2016-06 or 2016-06-28",
            ));
        }
        let year: i16 = year_text.parse().map_err(|_| bad("year out of range"))?;
        let month = match parts.next() {
            None => None,
            Some(m) => {
                let month: i8 = two_digits(m).ok_or_else(|| bad("expected a two-digit month"))?;
                if !(1..=12).contains(&month) {
                    return Err(bad("month must be 01 to 12"));
                }
                Some(month)
            }
        };
        let day = match parts.next() {
            None => None,
            Some(d) => {
                let day: i8 = two_digits(d).ok_or_else(|| bad("expected a two-digit day"))?;
                let month = month.expect("a day follows a month");
                let last = Date::new(year, month, 1)
                    .map_err(|_| bad("no such month"))?
                    .days_in_month();
                if day < 1 || day > last {
                    return Err(bad(&format!(
                        "day {day} does not exist in {year:04}-{month:02}, which has {last} days"
                    )));
                }
                Some(day)
            }
        };
        if parts.next().is_some() {
            return Err(bad("expected at most year-month-day"));
        }
        Ok(PartialDate { year, month, day })
    }
}

fn two_digits(text: &str) -> Option<i8> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// How sure the source is of a date (EDTF's `?`, `~`, `%`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Qualifier {
    /// As stated.
    #[default]
    Exact,
    /// `?`: the source is unsure.
    Uncertain,
    /// `~`: about then.
    Approximate,
    /// `%`: unsure and approximate.
    UncertainApproximate,
}

/// A date as precisely as it is known: a point, a range, or a half-open bound.
///
/// ```
/// use whomet::model::FuzzyDate;
/// let date: FuzzyDate = "2016-06-28..2016-07-01".parse()?;
/// assert_eq!(date.earliest().to_string(), "2016-06-28");
/// assert_eq!(date.latest().to_string(), "2016-07-01");
/// let month: FuzzyDate = "2015-10".parse()?;
/// assert_eq!(month.latest().to_string(), "2015-10-31");
/// # Ok::<(), whomet::model::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    range: bool,
    qualifier: Qualifier,
}

impl FuzzyDate {
    /// A date known to the day.
    pub fn day(date: Date) -> Self {
        FuzzyDate {
            start: Some(PartialDate::from_date(date)),
            end: None,
            range: false,
            qualifier: Qualifier::Exact,
        }
    }

    /// Parses exactly `YYYY-MM-DD` from bytes without allocating, the fast path for the
    /// common whole day in bulk data (CSV rows, snapshots); `None` for any other form or a day
    /// that does not exist, which the general parser (`str::parse`) then handles or explains.
    ///
    /// ```
    /// use whomet::model::FuzzyDate;
    /// assert_eq!(FuzzyDate::parse_ymd(b"2016-06-28"), "2016-06-28".parse().ok());
    /// assert_eq!(FuzzyDate::parse_ymd(b"2015-02-29"), None);
    /// assert_eq!(FuzzyDate::parse_ymd(b"2016-06"), None);
    /// ```
    pub fn parse_ymd(text: &[u8]) -> Option<Self> {
        let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text else {
            return None;
        };
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = |i: usize| i32::from(digits[i] - b'0');
        let year = n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3);
        let month = n(4) * 10 + n(5);
        let day = n(6) * 10 + n(7);
        Date::new(year as i16, month as i8, day as i8)
            .ok()
            .map(FuzzyDate::day)
    }

    /// The earliest day the date may be; `Date::MIN` when open.
    pub fn earliest(&self) -> Date {
        self.bound_points().0.map_or(Date::MIN, |p| p.first_day())
    }

    /// The latest day the date may be; `Date::MAX` when open.
    pub fn latest(&self) -> Date {
        self.bound_points().1.map_or(Date::MAX, |p| p.last_day())
    }

    /// The points whose first and last days are [`FuzzyDate::earliest`] and
    /// [`FuzzyDate::latest`]; `None` for an open bound.
    pub(crate) fn bound_points(&self) -> (Option<PartialDate>, Option<PartialDate>) {
        let latest = match (self.range, self.start, self.end) {
            (false, Some(p), _) | (true, _, Some(p)) => Some(p),
            _ => None,
        };
        (self.start, latest)
    }

    /// The form of the notation (range or not, qualifier, precision of each end) as one
    /// number: two dates with the same earliest and latest days and the same form are equal,
    /// so that sorting a million of them needs to compare whole dates only where forms differ.
    pub(crate) fn form(&self) -> u8 {
        let precision = |p: Option<PartialDate>| match p.map(|p| p.precision()) {
            None => 0,
            Some(Precision::Year) => 1,
            Some(Precision::Month) => 2,
            Some(Precision::Day) => 3,
        };
        (u8::from(self.range) << 6)
            | ((self.qualifier as u8) << 4)
            | (precision(self.start) << 2)
            | precision(self.end)
    }

    /// True when the date is a single day, exactly known.
    pub fn is_exact_day(&self) -> bool {
        !self.range
            && self.qualifier == Qualifier::Exact
            && self.start.is_some_and(|p| p.precision() == Precision::Day)
    }

    /// How sure the source is.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// True when the date may fall on some day in `from..=to` (either end open with `None`).
    pub fn overlaps(&self, from: Option<Date>, to: Option<Date>) -> bool {
        from.is_none_or(|f| self.latest() >= f) && to.is_none_or(|t| self.earliest() <= t)
    }

    /// True when the whole date lies in `from..=to`.
    pub fn within(&self, from: Option<Date>, to: Option<Date>) -> bool {
        from.is_none_or(|f| self.earliest() >= f) && to.is_none_or(|t| self.latest() <= t)
    }

    /// The year shown for the date in short labels (its earliest known year).
    pub fn year(&self) -> Option<i16> {
        self.start.or(self.end).map(|p| p.year)
    }
}

impl Ord for FuzzyDate {
    /// Chronological by earliest day, then latest day; then by notation so the order is total.
    fn cmp(&self, other: &Self) -> Ordering {
        self.earliest()
            .cmp(&other.earliest())
            .then_with(|| self.latest().cmp(&other.latest()))
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(start) = self.start {
            write!(f, "{start}")?;
        }
        if self.range {
            f.write_str("..")?;
            if let Some(end) = self.end {
                write!(f, "{end}")?;
            }
        }
        match self.qualifier {
            Qualifier::Exact => Ok(()),
            Qualifier::Uncertain => f.write_str("?"),
            Qualifier::Approximate => f.write_str("~"),
            Qualifier::UncertainApproximate => f.write_str("%"),
        }
    }
}

impl FromStr for FuzzyDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        let (body, qualifier) = match trimmed.chars().last() {
            Some('?') => (&trimmed[..trimmed.len() - 1], Qualifier::Uncertain),
            Some('~') => (&trimmed[..trimmed.len() - 1], Qualifier::Approximate),
            Some('%') => (
                &trimmed[..trimmed.len() - 1],
                Qualifier::UncertainApproximate,
            ),
            _ => (trimmed, Qualifier::Exact),
        };
        let split = body.split_once("..").or_else(|| body.split_once('/'));
        let rewrap = |e: DateError| DateError::new(text, &e.reason);
        let date = match split {
            None => {
                if body.is_empty() {
                    return Err(DateError::new(text, "empty date"));
                }
                FuzzyDate {
                    start: Some(body.parse().map_err(rewrap)?),
                    end: None,
                    range: false,
                    qualifier,
                }
            }
            Some((a, b)) => {
                let parse_end = |s: &str| -> Result<Option<PartialDate>, DateError> {
                    if s.is_empty() || s == ".." {
                        Ok(None)
                    } else {
                        s.parse().map(Some).map_err(rewrap)
                    }
                };
                let start = parse_end(a)?;
                let end = parse_end(b)?;
                if start.is_none() && end.is_none() {
                    return Err(DateError::new(text, "a range needs at least one end"));
                }
                if let (Some(s), Some(e)) = (start, end) {
                    if e.last_day() < s.first_day() {
                        return Err(DateError::new(
                            text,
                            &format!("the range ends ({e}) before it starts ({s})"),
                        ));
                    }
                }
                FuzzyDate {
                    start,
                    end,
                    range: true,
                    qualifier,
                }
            }
        };
        Ok(date)
    }
}

impl Serialize for FuzzyDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FuzzyDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Parses a whole day `YYYY-MM-DD`, as command-line windows take it; a month or year
/// stands for its first day (for `--from`) or last day (for `--to`) through [`FuzzyDate`].
pub fn parse_day(text: &str) -> Result<Date, DateError> {
    let point: PartialDate = text.trim().parse()?;
    Ok(point.first_day())
}

/// A date that could not be read, with the text and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date \"{text}\": {reason}")]
pub struct DateError {
    /// The offending text.
    pub text: String,
    /// What was expected instead.
    pub reason: String,
}

impl DateError {
    fn new(text: &str, reason: &str) -> Self {
        DateError {
            text: text.to_string(),
            reason: reason.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> FuzzyDate {
        text.parse().unwrap()
    }

    #[test]
    fn bounds_follow_precision() {
        assert_eq!(d("2016").earliest().to_string(), "2016-01-01");
        assert_eq!(d("2016").latest().to_string(), "2016-12-31");
        assert_eq!(d("2016-02").latest().to_string(), "2016-02-29");
        assert_eq!(d("2016-06-28").latest().to_string(), "2016-06-28");
        assert_eq!(d("..2016-07-05").earliest(), Date::MIN);
        assert_eq!(d("..2016-07-05").latest().to_string(), "2016-07-05");
        assert_eq!(d("2016-07..").latest(), Date::MAX);
        assert_eq!(d("2016-06/2016-07").latest().to_string(), "2016-07-31");
    }

    #[test]
    fn round_trips_notation() {
        for text in [
            "2016",
            "2016-06",
            "2016-06-28",
            "2016-06-28..2016-07-01",
            "..2016-07-05",
            "2016-07..",
            "2015-10?",
            "1959~",
            "2013%",
        ] {
            assert_eq!(d(text).to_string(), text);
        }
        assert_eq!(
            d("2016-06-28/2016-07-01").to_string(),
            "2016-06-28..2016-07-01"
        );
    }

    #[test]
    fn fast_date_path_agrees_with_the_parser() {
        for text in ["2016-06-28", "2016-02-29", "0001-01-01"] {
            assert_eq!(
                FuzzyDate::parse_ymd(text.as_bytes()).unwrap(),
                text.parse::<FuzzyDate>().unwrap()
            );
        }
        for text in [
            "2015-02-29",
            "28/06/2016",
            "2016-06",
            "2016-06-28..",
            "+016-06-28",
        ] {
            assert_eq!(FuzzyDate::parse_ymd(text.as_bytes()), None, "{text}");
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        let err = "2016-02-30".parse::<FuzzyDate>().unwrap_err();
        assert!(
            err.to_string().contains("day 30 does not exist in 2016-02"),
            "{err}"
        );
        let err = "2016-13".parse::<FuzzyDate>().unwrap_err();
        assert!(err.to_string().contains("month must be 01 to 12"), "{err}");
        let err = "2016-07-01..2016-06-28".parse::<FuzzyDate>().unwrap_err();
        assert!(
            err.to_string()
                .contains("ends (2016-06-28) before it starts (2016-07-01)"),
            "{err}"
        );
        assert!("16-06-01".parse::<FuzzyDate>().is_err());
        assert!("..".parse::<FuzzyDate>().is_err());
        assert!("".parse::<FuzzyDate>().is_err());
        assert!("2015-02-29".parse::<FuzzyDate>().is_err());
    }

    #[test]
    fn window_overlap_uses_bounds() {
        let day = |s: &str| Some(parse_day(s).unwrap());
        let june = d("2016-06");
        assert!(june.overlaps(day("2016-06-30"), None));
        assert!(!june.overlaps(day("2016-07-01"), None));
        assert!(june.overlaps(None, day("2016-06-01")));
        assert!(!june.within(day("2016-06-02"), None));
        assert!(d("..2016-07-05").overlaps(day("1900-01-01"), day("1900-01-02")));
    }

    #[test]
    fn orders_chronologically() {
        let mut dates = [d("2016-07"), d("2016-06-28"), d("2016"), d("..2016-07-05")];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(|x| x.to_string()).collect();
        assert_eq!(shown, ["..2016-07-05", "2016", "2016-06-28", "2016-07"]);
    }
}
