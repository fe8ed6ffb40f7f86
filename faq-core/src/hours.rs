//! Business hours: when a human is on duty, and when they will be next.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// When humans answer. The default is weekdays 09:00–18:00, Asia/Seoul.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessHours {
    tz: Tz,
    days: [bool; 7],
    open: NaiveTime,
    close: NaiveTime,
    holidays: Vec<NaiveDate>,
    always: bool,
}

/// Whether a human is on duty at a given moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Availability {
    /// A human is on duty now.
    Open,
    /// Nobody is on duty; `next_open` is when someone will be, in the
    /// configured time zone, written for users (`11월 26일(목) 09:00`).
    Closed {
        /// The next opening, formatted in Korean.
        next_open: String,
        /// The next opening as an RFC 3339 timestamp.
        next_open_rfc3339: String,
    },
}

/// Business hours as written in a configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HoursConfig {
    /// IANA time zone name.
    pub timezone: String,
    /// Days and hours, such as `mon-fri 09:00-18:00`, `mon-sat 10:00-19:00`
    /// or `24/7`.
    pub schedule: String,
    /// Days off (YYYY-MM-DD), such as public holidays.
    pub holidays: Vec<String>,
}

impl Default for HoursConfig {
    fn default() -> HoursConfig {
        HoursConfig { timezone: "Asia/Seoul".into(), schedule: "mon-fri 09:00-18:00".into(), holidays: Vec::new() }
    }
}

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_KO: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];

impl Default for BusinessHours {
    fn default() -> BusinessHours {
        BusinessHours::from_config(&HoursConfig::default()).expect("the default hours are valid")
    }
}

impl BusinessHours {
    /// Reads a configuration; errors name the key.
    pub fn from_config(cfg: &HoursConfig) -> Result<BusinessHours> {
        let tz: Tz = cfg
            .timezone
            .parse()
            .map_err(|_| Error::config("hours.timezone", format!("unknown time zone {:?}", cfg.timezone)))?;
        let mut holidays = Vec::new();
        for h in &cfg.holidays {
            holidays.push(
                NaiveDate::parse_from_str(h.trim(), "%Y-%m-%d")
                    .map_err(|_| Error::config("hours.holidays", format!("{h:?} is not a date (YYYY-MM-DD)")))?,
            );
        }
        let schedule = cfg.schedule.trim().to_ascii_lowercase();
        let bad = |why: &str| {
            Error::config(
                "hours.schedule",
                format!("{:?}: {why}; write e.g. \"mon-fri 09:00-18:00\" or \"24/7\"", cfg.schedule),
            )
        };
        if schedule == "24/7" || schedule == "always" {
            let midnight = NaiveTime::MIN;
            return Ok(BusinessHours { tz, days: [true; 7], open: midnight, close: midnight, holidays, always: true });
        }
        let (days_part, time_part) = schedule.split_once(' ').ok_or_else(|| bad("days and hours are needed"))?;
        let mut days = [false; 7];
        for range in days_part.split(',') {
            let day = |s: &str| DAY_NAMES.iter().position(|d| *d == s.trim()).ok_or_else(|| bad("unknown day"));
            match range.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (day(a)?, day(b)?);
                    let mut d = a;
                    loop {
                        days[d] = true;
                        if d == b {
                            break;
                        }
                        d = (d + 1) % 7;
                    }
                }
                None => days[day(range)?] = true,
            }
        }
        let (open, close) = time_part.trim().split_once('-').ok_or_else(|| bad("hours need a start and an end"))?;
        let time = |s: &str| NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| bad("hours are HH:MM"));
        let (open, close) = (time(open)?, time(close)?);
        if open >= close {
            return Err(bad("the end must be after the start"));
        }
        Ok(BusinessHours { tz, days, open, close, holidays, always: false })
    }

    /// Whether a human is on duty at `now`.
    pub fn availability(&self, now: DateTime<Utc>) -> Availability {
        if self.is_open(now) {
            return Availability::Open;
        }
        let local = now.with_timezone(&self.tz);
        let mut date = local.date_naive();
        for _ in 0..370 {
            if self.works_on(date) {
                if let Some(start) = self.tz.from_local_datetime(&date.and_time(self.open)).earliest() {
                    if start > local {
                        return Availability::Closed {
                            next_open: written_ko(&start),
                            next_open_rfc3339: start.to_rfc3339(),
                        };
                    }
                }
            }
            date += Duration::days(1);
        }
        Availability::Closed { next_open: "다음 상담 시간".into(), next_open_rfc3339: String::new() }
    }

    /// The date and time `now` in the support team's time zone, as
    /// written for users: `11월 26일(목) 14:05`.
    pub fn local_time(&self, now: DateTime<Utc>) -> String {
        written_ko(&now.with_timezone(&self.tz))
    }

    /// True when a human is on duty at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        if self.always {
            return true;
        }
        let local = now.with_timezone(&self.tz);
        self.works_on(local.date_naive()) && local.time() >= self.open && local.time() < self.close
    }

    fn works_on(&self, date: NaiveDate) -> bool {
        self.days[date.weekday().num_days_from_monday() as usize] && !self.holidays.contains(&date)
    }

    /// The hours written for users: `평일 09:00–18:00`, `매일 24시간`.
    pub fn describe(&self) -> String {
        if self.always {
            return "매일 24시간".into();
        }
        let days = match self.days {
            [true, true, true, true, true, false, false] => "평일".to_string(),
            [true, true, true, true, true, true, true] => "매일".to_string(),
            d => {
                let names: Vec<&str> = (0..7).filter(|&i| d[i]).map(|i| DAY_KO[i]).collect();
                names.join("·")
            }
        };
        format!("{days} {}–{}", self.open.format("%H:%M"), self.close.format("%H:%M"))
    }
}

/// A date and time as written for users: `11월 26일(목) 09:00`.
fn written_ko(t: &DateTime<Tz>) -> String {
    format!(
        "{}월 {}일({}) {}",
        t.month(),
        t.day(),
        DAY_KO[t.weekday().num_days_from_monday() as usize],
        t.format("%H:%M")
    )
}

/// The weekday of a date, for tests and callers that format their own text.
pub fn weekday_ko(day: Weekday) -> &'static str {
    DAY_KO[day.num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn default_is_weekdays_in_seoul() {
        let h = BusinessHours::default();
        assert_eq!(h.describe(), "평일 09:00–18:00");
        // Wed 2026-11-25 10:00 KST = 01:00 UTC.
        assert_eq!(h.availability(at("2026-11-25T01:00:00Z")), Availability::Open);
        // Wed 19:00 KST -> Thu 09:00.
        match h.availability(at("2026-11-25T10:00:00Z")) {
            Availability::Closed { next_open, next_open_rfc3339 } => {
                assert_eq!(next_open, "11월 26일(목) 09:00");
                assert_eq!(next_open_rfc3339, "2026-11-26T09:00:00+09:00");
            }
            other => panic!("{other:?}"),
        }
        // Fri 18:00 KST -> Mon 09:00.
        assert!(matches!(h.availability(at("2026-11-27T09:00:00Z")),
            Availability::Closed { ref next_open, .. } if next_open == "11월 30일(월) 09:00"));
    }

    #[test]
    fn holidays_and_24_7() {
        let cfg = HoursConfig { holidays: vec!["2026-11-26".into()], ..HoursConfig::default() };
        let h = BusinessHours::from_config(&cfg).unwrap();
        assert!(matches!(h.availability(at("2026-11-25T10:00:00Z")),
            Availability::Closed { ref next_open, .. } if next_open == "11월 27일(금) 09:00"));
        let always =
            BusinessHours::from_config(&HoursConfig { schedule: "24/7".into(), ..HoursConfig::default() }).unwrap();
        assert!(always.is_open(at("2026-11-29T20:00:00Z")));
        assert_eq!(always.describe(), "매일 24시간");
    }

    #[test]
    fn bad_config_names_the_key() {
        for (tz, schedule, key) in [
            ("Mars/Olympus", "mon-fri 09:00-18:00", "hours.timezone"),
            ("Asia/Seoul", "weekdays", "hours.schedule"),
            ("Asia/Seoul", "mon-fri 18:00-09:00", "hours.schedule"),
            ("Asia/Seoul", "mon-xyz 09:00-18:00", "hours.schedule"),
        ] {
            let cfg = HoursConfig { timezone: tz.into(), schedule: schedule.into(), holidays: vec![] };
            let err = BusinessHours::from_config(&cfg).unwrap_err().to_string();
            assert!(err.starts_with(key), "{err}");
        }
        let mixed = HoursConfig { schedule: "mon,wed,sat 10:00-17:00".into(), ..HoursConfig::default() };
        assert_eq!(BusinessHours::from_config(&mixed).unwrap().describe(), "월·수·토 10:00–17:00");
    }
}
