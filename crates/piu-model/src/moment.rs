//! Local date and optional time, as carriers send them: schedules are in local time
//! of the airport or port, and some segments carry a date without a time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month, Time};

/// A local date with an optional time of day (minutes precision).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime {
    pub date: Date,
    pub time: Option<Time>,
}

impl LocalDateTime {
    pub fn new(date: Date, time: Option<Time>) -> Self {
        LocalDateTime { date, time }
    }

    /// Builds from numbers; `None` if they name no real date or time.
    pub fn from_parts(year: i32, month: u8, day: u8, hm: Option<(u8, u8)>) -> Option<Self> {
        let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
        let time = match hm {
            Some((h, m)) => Some(Time::from_hms(h, m, 0).ok()?),
            None => None,
        };
        Some(LocalDateTime { date, time })
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}", t.hour(), t.minute())?;
        }
        Ok(())
    }
}

impl FromStr for LocalDateTime {
    type Err = String;

    /// Reads `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad =
            || format!("{s:?} is not a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM)");
        let (d, t) = match s.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (s, None),
        };
        let mut dp = d.splitn(3, '-').map(|p| p.parse::<u32>());
        let (Some(Ok(y)), Some(Ok(m)), Some(Ok(day))) = (dp.next(), dp.next(), dp.next()) else {
            return Err(bad());
        };
        let hm = match t {
            Some(t) => {
                let mut tp = t.split(':').map(|p| p.parse::<u8>());
                match (tp.next(), tp.next()) {
                    (Some(Ok(h)), Some(Ok(m))) => Some((h, m)),
                    _ => return Err(bad()),
                }
            }
            None => None,
        };
        LocalDateTime::from_parts(y as i32, m as u8, day as u8, hm).ok_or_else(bad)
    }
}

impl Serialize for LocalDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Serde for `Option<Date>` as `YYYY-MM-DD`.
pub(crate) mod opt_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(&format_args!(
                "{:04}-{:02}-{:02}",
                d.year(),
                d.month() as u8,
                d.day()
            )),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        match s {
            None => Ok(None),
            Some(s) => {
                let v: super::LocalDateTime = s.parse().map_err(serde::de::Error::custom)?;
                Ok(Some(v.date))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip() {
        for s in ["2026-11-21", "2026-11-21T07:05"] {
            let v: LocalDateTime = s.parse().unwrap();
            assert_eq!(v.to_string(), s);
        }
        assert!("2026-02-30".parse::<LocalDateTime>().is_err());
        assert!("2026-11-21T25:00".parse::<LocalDateTime>().is_err());
    }
}
