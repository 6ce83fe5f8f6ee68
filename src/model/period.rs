//! Lengths of time written as a count and a unit (`30d`, `4w`, `6m`, `1y`): sliding-window
//! widths and steps of the centrality series, and the longest wait of a time-ordered chain.

use std::fmt;
use std::str::FromStr;

/// A length of time: `1y`, `6m`, `2w`, `30d`.
///
/// Text rules ([`Period::parse`]): surrounding whitespace is ignored; then decimal digits and
/// an optional unit `y` (calendar years), `m` (calendar months), `w` (weeks of 7 days) or `d`
/// (days), the default. [`FromStr`] also refuses a zero count, as window widths and steps need;
/// [`Period::days`] gives the fixed-length reading used for waits (a month 30 days, a year 365).
///
/// ```
/// use whomet::model::{Period, PeriodUnit};
/// let p: Period = "18m".parse()?;
/// assert_eq!(p, Period { count: 18, unit: PeriodUnit::Month });
/// assert_eq!(Period::parse(" 30 ")?.days(), Some(30));
/// assert_eq!(Period::parse("1y")?.days(), Some(365));
/// assert!("0y".parse::<Period>().is_err() && Period::parse("0d").is_ok());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// The unit.
    pub unit: PeriodUnit,
}

/// Unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
    /// Weeks of 7 days.
    Week,
    /// Days.
    Day,
}

impl PeriodUnit {
    /// The unit's letter: `y`, `m`, `w` or `d`.
    pub fn letter(self) -> char {
        match self {
            PeriodUnit::Year => 'y',
            PeriodUnit::Month => 'm',
            PeriodUnit::Week => 'w',
            PeriodUnit::Day => 'd',
        }
    }

    /// Days in one unit when a length must be fixed: 365, 30, 7 or 1.
    pub fn fixed_days(self) -> i32 {
        match self {
            PeriodUnit::Year => 365,
            PeriodUnit::Month => 30,
            PeriodUnit::Week => 7,
            PeriodUnit::Day => 1,
        }
    }
}

impl Period {
    /// Parses `<count>[unit]` (see the type's rules); a zero count is accepted.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let bad = || {
            format!("expected a count and a unit y, m, w or d (e.g. 30d, 4w, 6m, 1y), got {text:?}")
        };
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (digits, unit) = text.split_at(split);
        let unit = match unit {
            "y" => PeriodUnit::Year,
            "m" => PeriodUnit::Month,
            "w" => PeriodUnit::Week,
            "d" | "" => PeriodUnit::Day,
            _ => return Err(bad()),
        };
        if digits.is_empty() {
            return Err(bad());
        }
        let count: u32 = digits
            .parse()
            .map_err(|_| format!("the period {text:?} is too long"))?;
        Ok(Period { count, unit })
    }

    /// The length in days with fixed-length units ([`PeriodUnit::fixed_days`]); `None` when it
    /// does not fit an `i32`.
    pub fn days(self) -> Option<i32> {
        i32::try_from(self.count)
            .ok()?
            .checked_mul(self.unit.fixed_days())
    }

    /// The calendar span of `times` periods, `None` when it is out of range.
    pub fn span(self, times: i64) -> Option<jiff::Span> {
        let n = i64::from(self.count).checked_mul(times)?;
        let span = jiff::Span::new();
        match self.unit {
            PeriodUnit::Year => span.try_years(n).ok(),
            PeriodUnit::Month => span.try_months(n).ok(),
            PeriodUnit::Week => span.try_weeks(n).ok(),
            PeriodUnit::Day => span.try_days(n).ok(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.count, self.unit.letter())
    }
}

impl FromStr for Period {
    type Err = String;

    /// As [`Period::parse`], refusing a zero count.
    fn from_str(text: &str) -> Result<Self, String> {
        let period = Period::parse(text)?;
        if period.count == 0 {
            return Err(format!("the period must be positive, got {text:?}"));
        }
        Ok(period)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_print() {
        let p: Period = "18m".parse().expect("valid");
        assert_eq!(
            p,
            Period {
                count: 18,
                unit: PeriodUnit::Month
            }
        );
        assert_eq!(p.to_string(), "18m");
        assert!("0y".parse::<Period>().is_err());
        assert!("y".parse::<Period>().is_err());
        assert!("1x".parse::<Period>().is_err());
    }

    #[test]
    fn waits_read_as_days() {
        let days = |t: &str| Period::parse(t).ok().and_then(Period::days);
        assert_eq!(days("30d"), Some(30));
        assert_eq!(days("30"), Some(30));
        assert_eq!(days("4w"), Some(28));
        assert_eq!(days("6m"), Some(180));
        assert_eq!(days("1y"), Some(365));
        assert_eq!(days("0d"), Some(0));
        assert_eq!(days("9999999999y"), None);
        assert!(Period::parse("3x").is_err());
        assert!(Period::parse("-3d").is_err());
    }
}
