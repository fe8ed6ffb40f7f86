//! Measuring a matcher on labelled questions: the figures `faqbot eval`
//! prints.
//!
//! A case file is TSV with a header: `query<TAB>expected[<TAB>style]`, where
//! `expected` is an entry id or `-` for a question that must not be
//! answered. Definitions of the figures are on [`Report`].

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::decision::{Decision, Hit};
use crate::error::{Error, ErrorKind, Result};
use crate::matcher::{Matcher, MatcherConfig};

/// One labelled question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// What the user wrote.
    pub query: String,
    /// The entry that answers it; `None` when it must not be answered.
    pub expected: Option<String>,
    /// Optional style label (typo, spacing, casual, ...).
    pub style: Option<String>,
    /// Line in the case file.
    pub line: usize,
}

/// Reads a case file. Errors name the file and the line.
pub fn read_cases(path: &Path) -> Result<Vec<Case>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::new(ErrorKind::Io(e.to_string())).with_path(path))?;
    parse_cases(&text).map_err(|e| e.with_path(path))
}

/// Parses case TSV text (with its header line).
pub fn parse_cases(text: &str) -> Result<Vec<Case>> {
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let query = cols.next().unwrap_or_default().trim();
        let Some(expected) = cols.next().map(str::trim) else {
            return Err(Error::parse("tsv", Some(i + 1), "expected `query<TAB>expected[<TAB>style]`"));
        };
        if query.is_empty() || expected.is_empty() {
            return Err(Error::parse("tsv", Some(i + 1), "the query and the expected id must not be empty"));
        }
        let style = cols.next().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        cases.push(Case {
            query: query.to_string(),
            expected: (expected != "-").then(|| expected.to_string()),
            style,
            line: i + 1,
        });
    }
    Ok(cases)
}

/// Figures for a group of cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Number of cases.
    pub cases: usize,
    /// Cases with an expected entry.
    pub in_scope: usize,
    /// Cases that must not be answered.
    pub out_of_scope: usize,
    /// Share of in-scope cases whose best entry is the expected one.
    pub top1_accuracy: f64,
    /// Share of in-scope cases with the expected entry among the best three.
    pub top3_accuracy: f64,
    /// Share of in-scope cases decided `Answer` with the expected entry.
    pub answered_correct_rate: f64,
    /// Share of in-scope cases decided `Suggest` with the expected entry among the suggestions.
    pub suggested_correct_rate: f64,
    /// Share of all cases decided `Answer` with another entry than expected
    /// (every answer to an out-of-scope case is wrong).
    pub wrong_answer_rate: f64,
    /// Share of out-of-scope cases not decided `Answer`.
    pub out_of_scope_held_rate: f64,
    /// (in-scope answered correctly + out-of-scope held) / all cases.
    pub handled_right_rate: f64,
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Figures over every case.
    #[serde(flatten)]
    pub overall: Figures,
    /// Median time of one `ask`, in microseconds.
    pub latency_us_p50: f64,
    /// 99th percentile time of one `ask`, in microseconds.
    pub latency_us_p99: f64,
    /// Time to build the index, in milliseconds (when measured).
    pub index_build_ms: f64,
    /// Approximate heap memory of the index, in bytes: what it owns, not
    /// the built-in thesaurus' tables it shares (`shared_index_bytes`).
    pub index_bytes: usize,
    /// Approximate heap memory of the built-in thesaurus' vocabulary tables,
    /// built once per process and shared by every index, in bytes.
    pub shared_index_bytes: usize,
    /// Figures per style.
    pub by_style: BTreeMap<String, Figures>,
    /// The thresholds used.
    pub thresholds: MatcherConfig,
    /// Cases not handled right, for reading.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Miss>,
}

/// A case the matcher did not handle right.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Line in the case file.
    pub line: usize,
    /// The question.
    pub query: String,
    /// The expected entry, or `-`.
    pub expected: String,
    /// The decision's kind.
    pub decision: String,
    /// The best entry and its confidence.
    pub best: Option<(String, f32)>,
}

/// One case's outcome: the ranked hits.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// Time of the `ask`, in microseconds.
    pub micros: f64,
    /// True when the question is small talk (see
    /// [`crate::policy::small_talk_in`]): the bots reply to it politely
    /// and never answer it from the FAQ, so it counts as not answered.
    pub small_talk: bool,
}

impl Outcome {
    /// The decision under thresholds `config`: `None` for small talk, which
    /// the bots never match.
    fn decide(&self, config: &MatcherConfig) -> Option<Decision> {
        (!self.small_talk).then(|| config.decide(self.hits.clone()))
    }
}

/// Ranks every case once (the expensive part); thresholds are applied later.
pub fn run(matcher: &Matcher, cases: &[Case]) -> Vec<Outcome> {
    // One warm-up pass so the first timings are not cold caches.
    for c in cases.iter().take(20) {
        std::hint::black_box(matcher.ask(&c.query));
    }
    // The time is that of `ask` itself, asked first so that it meets the
    // caches as a bot's question does; the hits, which thresholds other
    // than the matcher's need, come from a `search` after it, not timed.
    let k = 3.max(matcher.config().max_suggestions);
    cases
        .iter()
        .map(|c| {
            let start = Instant::now();
            std::hint::black_box(matcher.ask(&c.query));
            let micros = start.elapsed().as_secs_f64() * 1e6;
            let hits = matcher.search(&c.query, k);
            Outcome { hits, micros, small_talk: crate::policy::small_talk_in(&c.query).is_some() }
        })
        .collect()
}

/// Figures for these cases and outcomes under thresholds `config`.
pub fn figures(cases: &[&Case], outcomes: &[&Outcome], config: &MatcherConfig) -> Figures {
    let mut f = Figures { cases: cases.len(), ..Figures::default() };
    let (mut top1, mut top3, mut answered, mut suggested, mut wrong, mut held) = (0, 0, 0, 0, 0, 0);
    for (c, o) in cases.iter().zip(outcomes) {
        let decision = o.decide(config);
        match &c.expected {
            Some(id) => {
                f.in_scope += 1;
                if o.hits.first().is_some_and(|h| &h.entry_id == id) {
                    top1 += 1;
                }
                if o.hits.iter().take(3).any(|h| &h.entry_id == id) {
                    top3 += 1;
                }
                match &decision {
                    Some(Decision::Answer(h)) if &h.entry_id == id => answered += 1,
                    Some(Decision::Answer(_)) => wrong += 1,
                    Some(Decision::Suggest(hits)) if hits.iter().any(|h| &h.entry_id == id) => suggested += 1,
                    _ => {}
                }
            }
            None => {
                f.out_of_scope += 1;
                match decision {
                    Some(Decision::Answer(_)) => wrong += 1,
                    _ => held += 1,
                }
            }
        }
    }
    let rate = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    f.top1_accuracy = rate(top1, f.in_scope);
    f.top3_accuracy = rate(top3, f.in_scope);
    f.answered_correct_rate = rate(answered, f.in_scope);
    f.suggested_correct_rate = rate(suggested, f.in_scope);
    f.wrong_answer_rate = rate(wrong, f.cases);
    f.out_of_scope_held_rate = rate(held, f.out_of_scope);
    f.handled_right_rate = rate(answered + held, f.cases);
    f
}

/// Evaluates a matcher on cases with its own thresholds.
pub fn evaluate(matcher: &Matcher, cases: &[Case]) -> Report {
    let outcomes = run(matcher, cases);
    report(matcher, cases, &outcomes, matcher.config())
}

/// Builds the report from outcomes already computed.
pub fn report(matcher: &Matcher, cases: &[Case], outcomes: &[Outcome], config: &MatcherConfig) -> Report {
    let all_cases: Vec<&Case> = cases.iter().collect();
    let all_outcomes: Vec<&Outcome> = outcomes.iter().collect();
    let overall = figures(&all_cases, &all_outcomes, config);
    let mut groups: BTreeMap<String, (Vec<&Case>, Vec<&Outcome>)> = BTreeMap::new();
    for (c, o) in cases.iter().zip(outcomes) {
        if let Some(style) = &c.style {
            let g = groups.entry(style.clone()).or_default();
            g.0.push(c);
            g.1.push(o);
        }
    }
    let by_style = groups.into_iter().map(|(k, (c, o))| (k, figures(&c, &o, config))).collect();
    let mut micros: Vec<f64> = outcomes.iter().map(|o| o.micros).collect();
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if micros.is_empty() {
            0.0
        } else {
            micros[((micros.len() - 1) as f64 * p).round() as usize]
        }
    };
    let misses = cases
        .iter()
        .zip(outcomes)
        .filter_map(|(c, o)| {
            let decision = o.decide(config);
            let right = match (&c.expected, &decision) {
                (Some(id), Some(Decision::Answer(h))) => &h.entry_id == id,
                (Some(_), _) => false,
                (None, Some(Decision::Answer(_))) => false,
                (None, _) => true,
            };
            (!right).then(|| Miss {
                line: c.line,
                query: c.query.clone(),
                expected: c.expected.clone().unwrap_or_else(|| "-".into()),
                decision: decision.map_or("small talk".into(), |d| format!("{:?}", d.kind()).to_lowercase()),
                best: o.hits.first().map(|h| (h.entry_id.clone(), h.confidence)),
            })
        })
        .collect();
    Report {
        overall,
        latency_us_p50: pct(0.5),
        latency_us_p99: pct(0.99),
        index_build_ms: 0.0,
        index_bytes: matcher.index_bytes(),
        shared_index_bytes: crate::index::builtin_bytes(),
        by_style,
        thresholds: *config,
        misses,
    }
}

/// One row of a threshold sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepRow {
    /// The thresholds.
    pub thresholds: MatcherConfig,
    /// The figures under them.
    #[serde(flatten)]
    pub figures: Figures,
}

/// Figures for a grid of answer thresholds and margins (suggest threshold
/// kept), from outcomes already computed.
pub fn sweep(cases: &[Case], outcomes: &[Outcome], base: &MatcherConfig) -> Vec<SweepRow> {
    let all_cases: Vec<&Case> = cases.iter().collect();
    let all_outcomes: Vec<&Outcome> = outcomes.iter().collect();
    let mut rows = Vec::new();
    for a in (40..=90).step_by(5) {
        for m in [0.0, 0.03, 0.05, 0.07, 0.09, 0.11, 0.13] {
            let answer_threshold = a as f32 / 100.0;
            let thresholds = MatcherConfig {
                answer_threshold,
                suggest_threshold: base.suggest_threshold.min(answer_threshold),
                min_margin: m,
                ..*base
            };
            rows.push(SweepRow { thresholds, figures: figures(&all_cases, &all_outcomes, &thresholds) });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::{Faq, Format};

    #[test]
    fn figures_follow_their_definitions() {
        let faq = Faq::from_str(
            "[[entries]]\nid = \"refund\"\nquestion = \"환불은 어떻게 하나요?\"\nanswer = \"주문 내역에서 신청하세요.\"\n\n[[entries]]\nid = \"hours\"\nquestion = \"고객센터 운영 시간은 언제예요?\"\nanswer = \"평일 9시부터입니다.\"\n",
            Format::Toml,
        )
        .unwrap();
        let m = Matcher::new(faq).unwrap();
        let cases = parse_cases("query\texpected\tstyle\n환불 어떻게 해요\trefund\tcasual\n운영 시간 언제예요\thours\tparaphrase\n주차장 어디예요\t-\tnearmiss\n").unwrap();
        let r = evaluate(&m, &cases);
        assert_eq!((r.overall.cases, r.overall.in_scope, r.overall.out_of_scope), (3, 2, 1));
        assert_eq!(r.overall.top1_accuracy, 1.0);
        assert_eq!(r.overall.wrong_answer_rate, 0.0);
        assert_eq!(r.overall.handled_right_rate, 1.0);
        assert_eq!(r.by_style["nearmiss"].out_of_scope_held_rate, 1.0);
        let json = serde_json::to_value(&r).unwrap();
        for key in ["cases", "in_scope", "top1_accuracy", "handled_right_rate", "latency_us_p50", "by_style"] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn small_talk_counts_as_not_answered_as_the_bots_treat_it() {
        let faq = crate::faq::Faq::from_str(
            "[[entries]]\nid = \"reply\"\nquestion = \"문의 답변은 언제 오나요?\"\nanswer = \"하루 안에 답변드립니다.\"\n",
            crate::faq::Format::Toml,
        )
        .unwrap();
        // At a threshold this low, the matcher alone would answer the thanks
        // for its word 답변; the bots reply to it as small talk.
        let low = MatcherConfig { answer_threshold: 0.4, ..MatcherConfig::default() };
        let m = Matcher::with_config(faq, low, crate::Thesaurus::builtin()).unwrap();
        assert!(matches!(m.ask("답변 감사합니다"), Decision::Answer(_)));
        let cases = parse_cases("query\texpected\n답변 감사합니다\t-\n답변 언제 와요\treply\n").unwrap();
        let r = evaluate(&m, &cases);
        assert_eq!(r.overall.wrong_answer_rate, 0.0, "{r:?}");
        assert_eq!(r.overall.handled_right_rate, 1.0, "{r:?}");
        // An in-scope question taken for small talk is not answered.
        let cases = parse_cases("query\texpected\n답변 감사합니다\treply\n").unwrap();
        let r = evaluate(&m, &cases);
        assert_eq!(r.overall.answered_correct_rate, 0.0);
        assert_eq!(r.misses[0].decision, "small talk");
    }

    #[test]
    fn malformed_case_files_name_the_line() {
        let err = parse_cases("query\texpected\nno tab here\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
