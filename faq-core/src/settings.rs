//! Settings shared by every binary: where the FAQ is, thresholds, business
//! hours and reply texts, read from a TOML table and environment variables.
//!
//! Each binary embeds [`CoreSettings`] as its `[faq]` table and calls
//! [`CoreSettings::apply_env`] so that `FAQ_FILE=...` and friends override
//! the file. [`CoreSettings::load`] then builds the [`Matcher`] and the
//! [`Policy`]; every error names the key or the file at fault.
//!
//! ```
//! use faq_core::settings::CoreSettings;
//! let mut s: CoreSettings = toml::from_str(r#"
//! answer_threshold = 0.7
//! [hours]
//! schedule = "mon-sat 10:00-19:00"
//! "#).unwrap();
//! s.apply_env(|key| (key == "FAQ_MIN_MARGIN").then(|| "0.1".to_string())).unwrap();
//! assert_eq!(s.matcher().min_margin, 0.1);
//! let (matcher, policy) = s.load().unwrap(); // the embedded default FAQ
//! assert!(matcher.faq().len() > 5);
//! assert!(policy.hours.describe().contains("10:00–19:00"));
//! ```

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::faq::{Faq, Format};
use crate::hours::{BusinessHours, HoursConfig};
use crate::matcher::{Matcher, MatcherConfig};
use crate::policy::{Policy, Texts};
use crate::thesaurus::Thesaurus;

/// The default FAQ (`data/faq.toml`), embedded so every binary works
/// without a file.
pub const DEFAULT_FAQ: &str = include_str!("../../data/faq.toml");

/// The environment variables [`CoreSettings::apply_env`] reads.
pub const ENV_VARS: &[(&str, &str)] = &[
    ("FAQ_FILE", "FAQ file (.toml, .json or .csv); default: the embedded data/faq.toml"),
    ("FAQ_THESAURUS_FILE", "extra thesaurus file (`concept: term, term` per line)"),
    ("FAQ_ANSWER_THRESHOLD", "answer when confidence is at least this (0-1)"),
    ("FAQ_SUGGEST_THRESHOLD", "suggest entries at least this confident (0-1)"),
    ("FAQ_MIN_MARGIN", "answer only with this lead over the runner-up (0-1)"),
    ("FAQ_MAX_SUGGESTIONS", "at most this many suggestions (1-10)"),
    ("FAQ_TIMEZONE", "business-hours time zone, e.g. Asia/Seoul"),
    ("FAQ_HOURS", "business hours, e.g. `mon-fri 09:00-18:00` or `24/7`"),
    ("FAQ_HOLIDAYS", "days off, comma-separated YYYY-MM-DD"),
];

/// A token or signing secret. `Debug` and `Display` print `[redacted]`, so
/// a secret never reaches a log by accident; [`Secret::expose`] is for the
/// one place that sends it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Core settings, as the `[faq]` table of a binary's configuration file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoreSettings {
    /// The FAQ file; `None` uses the embedded default FAQ.
    pub file: Option<PathBuf>,
    /// An extra thesaurus file.
    pub thesaurus_file: Option<PathBuf>,
    /// See [`MatcherConfig::answer_threshold`].
    pub answer_threshold: Option<f32>,
    /// See [`MatcherConfig::suggest_threshold`].
    pub suggest_threshold: Option<f32>,
    /// See [`MatcherConfig::min_margin`].
    pub min_margin: Option<f32>,
    /// See [`MatcherConfig::max_suggestions`].
    pub max_suggestions: Option<usize>,
    /// Business hours.
    pub hours: HoursConfig,
    /// Reply texts.
    pub texts: Texts,
}

impl CoreSettings {
    /// Overrides settings from environment variables (see [`ENV_VARS`]),
    /// read through `get` so tests need not touch the process environment.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<()> {
        let get = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        fn num<T: std::str::FromStr>(key: &str, v: &str) -> Result<T> {
            v.parse().map_err(|_| Error::config(key, format!("{v:?} is not a number")))
        }
        if let Some(v) = get("FAQ_FILE") {
            self.file = Some(v.into());
        }
        if let Some(v) = get("FAQ_THESAURUS_FILE") {
            self.thesaurus_file = Some(v.into());
        }
        if let Some(v) = get("FAQ_ANSWER_THRESHOLD") {
            self.answer_threshold = Some(num("FAQ_ANSWER_THRESHOLD", &v)?);
        }
        if let Some(v) = get("FAQ_SUGGEST_THRESHOLD") {
            self.suggest_threshold = Some(num("FAQ_SUGGEST_THRESHOLD", &v)?);
        }
        if let Some(v) = get("FAQ_MIN_MARGIN") {
            self.min_margin = Some(num("FAQ_MIN_MARGIN", &v)?);
        }
        if let Some(v) = get("FAQ_MAX_SUGGESTIONS") {
            self.max_suggestions = Some(num("FAQ_MAX_SUGGESTIONS", &v)?);
        }
        if let Some(v) = get("FAQ_TIMEZONE") {
            self.hours.timezone = v;
        }
        if let Some(v) = get("FAQ_HOURS") {
            self.hours.schedule = v;
        }
        if let Some(v) = get("FAQ_HOLIDAYS") {
            self.hours.holidays = v.split(',').map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect();
        }
        Ok(())
    }

    /// The thresholds, defaults filled in.
    pub fn matcher(&self) -> MatcherConfig {
        let d = MatcherConfig::default();
        MatcherConfig {
            answer_threshold: self.answer_threshold.unwrap_or(d.answer_threshold),
            suggest_threshold: self.suggest_threshold.unwrap_or(d.suggest_threshold),
            min_margin: self.min_margin.unwrap_or(d.min_margin),
            max_suggestions: self.max_suggestions.unwrap_or(d.max_suggestions),
        }
    }

    /// Reads the FAQ (the file, or the embedded default).
    pub fn read_faq(&self) -> Result<Faq> {
        match &self.file {
            Some(path) => Faq::from_path(path),
            None => Faq::from_str(DEFAULT_FAQ, Format::Toml),
        }
    }

    /// The thesaurus: built-in, plus the extra file if any.
    pub fn thesaurus(&self) -> Result<Thesaurus> {
        let mut t = Thesaurus::builtin();
        if let Some(path) = &self.thesaurus_file {
            t.add_file(path)?;
        }
        Ok(t)
    }

    /// Builds a matcher from these settings and a FAQ.
    pub fn matcher_for(&self, faq: Faq) -> Result<Matcher> {
        Matcher::with_config(faq, self.matcher(), self.thesaurus()?)
    }

    /// Builds the matcher and the policy.
    pub fn load(&self) -> Result<(Matcher, Policy)> {
        let matcher = self.matcher_for(self.read_faq()?)?;
        Ok((matcher, self.policy()?))
    }

    /// Builds the policy (texts and business hours).
    pub fn policy(&self) -> Result<Policy> {
        Ok(Policy::new(self.texts.clone(), BusinessHours::from_config(&self.hours)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_and_errors_name_the_variable() {
        let mut s = CoreSettings::default();
        s.apply_env(|k| match k {
            "FAQ_ANSWER_THRESHOLD" => Some("0.8".into()),
            "FAQ_HOLIDAYS" => Some("2026-12-25, 2027-01-01".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(s.matcher().answer_threshold, 0.8);
        assert_eq!(s.hours.holidays.len(), 2);
        let err = CoreSettings::default()
            .apply_env(|k| (k == "FAQ_MIN_MARGIN").then(|| "lots".to_string()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("FAQ_MIN_MARGIN"), "{err}");
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("xoxb-123");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        assert_eq!(s.expose(), "xoxb-123");
        let read: Secret = serde_json::from_str("\"xoxb-123\"").unwrap();
        assert_eq!(read, s);
    }

    #[test]
    fn bad_values_fail_at_load() {
        let s = CoreSettings { answer_threshold: Some(2.0), ..CoreSettings::default() };
        assert!(s.load().unwrap_err().to_string().contains("answer_threshold"));
        let s = CoreSettings { file: Some("/nonexistent/faq.toml".into()), ..CoreSettings::default() };
        assert!(s.load().unwrap_err().to_string().contains("/nonexistent/faq.toml"));
        let s: std::result::Result<CoreSettings, _> = toml::from_str("answer_treshold = 0.5");
        assert!(s.is_err());
    }
}
