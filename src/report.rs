//! `faqbot report`: what the bots could not answer, read from the store.
//!
//! Prints the most frequent unanswered and escalated questions grouped by
//! similarity, 👎/👍 counts per entry, and new alternates suggested for
//! existing entries (an unanswered question whose best entry had a
//! moderate confidence) as a patch to the FAQ file for an operator to
//! review and apply.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use faq_core::store::{Retention, Store, StoreSettings};
use faq_core::text::{hangul, Analyzer};
use faq_core::{CoreSettings, Matcher};

/// Questions at least this similar (normalized, jamo-level) are grouped.
pub const GROUP_SIMILARITY: f64 = 0.75;
/// An unanswered question whose best entry reaches this confidence is
/// suggested as a new alternate of that entry.
pub const SUGGEST_FROM: f32 = 0.2;
/// Groups listed.
pub const TOP_GROUPS: usize = 20;

/// One group of similar questions.
struct Group {
    key: String,
    questions: Vec<String>,
}

fn similarity_key(analyzer: &Analyzer, q: &str) -> String {
    let normalized: String = analyzer.normalize(q).chars().filter(|c| !c.is_whitespace()).collect();
    hangul::decompose(&normalized)
}

fn group(questions: &[String]) -> Vec<Group> {
    let analyzer = Analyzer::default();
    let mut groups: Vec<Group> = Vec::new();
    for q in questions {
        let key = similarity_key(&analyzer, q);
        if key.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|g| strsim::normalized_levenshtein(&g.key, &key) >= GROUP_SIMILARITY) {
            Some(g) => g.questions.push(q.clone()),
            None => groups.push(Group { key, questions: vec![q.clone()] }),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.questions.len()));
    groups
}

/// The store path: `--store`, else `FAQ_STORE`, else `./faqbot.sqlite3`.
pub fn store_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    let mut s = StoreSettings::default();
    s.apply_env(|k| std::env::var(k).ok()).map_err(anyhow::Error::msg)?;
    Ok(flag.unwrap_or(s.path))
}

/// Runs the report.
pub fn run(store: &Path, settings: &CoreSettings) -> Result<ExitCode> {
    if !store.exists() {
        anyhow::bail!("no store at {} (set --store or FAQ_STORE)", store.display());
    }
    let db = Store::open(store, Retention::Full).with_context(|| format!("cannot open {}", store.display()))?;
    let (matcher, _) = settings.load().context("cannot load the FAQ")?;
    let handovers = db.handovers()?;
    let unanswered = db.unanswered()?;
    let feedback = db.feedback_counts()?;
    out!("{}", render(store, settings.file.as_deref(), &matcher, &handovers, &unanswered, &feedback));
    Ok(ExitCode::SUCCESS)
}

fn render(
    store: &Path,
    faq_file: Option<&Path>,
    matcher: &Matcher,
    handovers: &[faq_core::store::HandoverRecord],
    unanswered: &[faq_core::store::UnansweredRecord],
    feedback: &[faq_core::store::FeedbackCount],
) -> String {
    let mut out = String::new();
    let pending = handovers.iter().filter(|h| h.state == faq_core::store::HandoverState::Pending).count();
    let _ = writeln!(
        out,
        "store: {} ({} handovers, {} pending; {} unanswered questions; {} entries with feedback)",
        store.display(),
        handovers.len(),
        pending,
        unanswered.len(),
        feedback.len()
    );

    // Unanswered and escalated questions, grouped.
    let mut questions: Vec<String> = unanswered.iter().filter_map(|u| u.question.clone()).collect();
    questions.extend(
        handovers
            .iter()
            .filter(|h| !unanswered.iter().any(|u| u.question.is_some() && u.question == h.question))
            .filter_map(|h| h.question.clone()),
    );
    let _ = writeln!(out, "\n== Most frequent unanswered or escalated questions ==");
    let groups = group(&questions);
    if groups.is_empty() {
        let _ = writeln!(out, "(none recorded, or question texts are not kept)");
    }
    for g in groups.iter().take(TOP_GROUPS) {
        let _ = write!(out, "{:>4}  {}", g.questions.len(), g.questions[0]);
        let mut others: Vec<&String> = g.questions[1..].iter().filter(|q| **q != g.questions[0]).collect();
        others.dedup();
        if !others.is_empty() {
            let shown: Vec<&str> = others.iter().take(3).map(|s| s.as_str()).collect();
            let _ = write!(out, "  (also: {})", shown.join(" / "));
        }
        out.push('\n');
    }

    // Feedback.
    let _ = writeln!(out, "\n== Feedback per entry (👎 first) ==");
    if feedback.is_empty() {
        let _ = writeln!(out, "(none recorded)");
    }
    for f in feedback {
        let _ = writeln!(out, "{:>4} 👎 {:>4} 👍  {}", f.unhelpful, f.helpful, f.entry_id);
    }

    // Suggested alternates.
    let analyzer = Analyzer::default();
    let mut suggestions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for q in &questions {
        if matcher.ask(q).answered_id().is_some() {
            continue;
        }
        let Some(best) = matcher.search(q, 1).into_iter().next() else { continue };
        if best.confidence < SUGGEST_FROM {
            continue;
        }
        let Some(entry) = matcher.faq().get(&best.entry_id) else { continue };
        let key = similarity_key(&analyzer, q);
        let known = entry.phrasings().any(|p| similarity_key(&analyzer, p) == key);
        let list = suggestions.entry(entry.id.clone()).or_default();
        if !known && !list.iter().any(|s| similarity_key(&analyzer, s) == key) {
            list.push(q.trim().to_string());
        }
    }
    suggestions.retain(|_, v| !v.is_empty());
    let _ = writeln!(out, "\n== Suggested alternates ==");
    if suggestions.is_empty() {
        let _ = writeln!(out, "(none)");
        return out;
    }
    let text = faq_file.and_then(|p| std::fs::read_to_string(p).ok());
    let is_toml = faq_file.is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml")));
    match (faq_file, text) {
        (Some(path), Some(text)) if is_toml => out.push_str(&toml_patch(path, &text, &suggestions)),
        _ => {
            for (entry, qs) in &suggestions {
                for q in qs {
                    let _ = writeln!(out, "{entry}: add alternate {}", quote(q));
                }
            }
        }
    }
    out
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A unified diff adding `suggestions` (entry id -> new alternates) to the
/// `alternates` of each entry of a TOML FAQ.
fn toml_patch(path: &Path, text: &str, suggestions: &BTreeMap<String, Vec<String>>) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> =
        lines.iter().enumerate().filter(|(_, l)| l.trim() == "[[entries]]").map(|(i, _)| i).collect();
    let mut hunks: Vec<(usize, Vec<String>, Vec<String>)> = Vec::new(); // (first line, removed, added)
    let mut unplaced = Vec::new();
    for (id, qs) in suggestions {
        let block = starts.iter().enumerate().find_map(|(n, &s)| {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            let has_id = lines[s..end].iter().any(|l| {
                let l = l.trim();
                l.starts_with("id") && l.split_once('=').is_some_and(|(k, v)| k.trim() == "id" && v.trim() == quote(id))
            });
            has_id.then_some((s, end))
        });
        let Some((s, end)) = block else {
            unplaced.extend(qs.iter().map(|q| format!("{id}: add alternate {}", quote(q))));
            continue;
        };
        let new: Vec<String> = qs.iter().map(|q| quote(q)).collect();
        let alt = (s..end).find(|&i| lines[i].trim_start().starts_with("alternates"));
        match alt {
            Some(a) if lines[a].trim_end().ends_with(']') => {
                let old = lines[a].trim_end();
                let inner = old[..old.len() - 1].trim_end();
                let sep = if inner.ends_with('[') { "" } else { ", " };
                hunks.push((a, vec![lines[a].to_string()], vec![format!("{inner}{sep}{}]", new.join(", "))]));
            }
            Some(a) => {
                let close = (a + 1..end).find(|&i| lines[i].trim_start().starts_with(']')).unwrap_or(a);
                let added = new.iter().map(|q| format!("    {q},")).collect();
                hunks.push((close, Vec::new(), added));
            }
            None => {
                let q = (s..end).find(|&i| lines[i].trim_start().starts_with("question")).unwrap_or(s);
                hunks.push((q + 1, Vec::new(), vec![format!("alternates = [{}]", new.join(", "))]));
            }
        }
    }
    hunks.sort_by_key(|h| h.0);
    let mut out = String::new();
    let name = path.display();
    let _ = writeln!(out, "--- {name}\n+++ {name}");
    let mut offset: isize = 0;
    for (at, removed, added) in &hunks {
        // One line of context before, as `patch` likes.
        let ctx = at.checked_sub(1).map(|c| lines[c]);
        let old_start = at + 1 - usize::from(ctx.is_some());
        let old_len = removed.len() + usize::from(ctx.is_some());
        let new_len = added.len() + usize::from(ctx.is_some());
        let new_start = (old_start as isize + offset).max(0);
        let _ = writeln!(out, "@@ -{old_start},{old_len} +{new_start},{new_len} @@");
        if let Some(c) = ctx {
            let _ = writeln!(out, " {c}");
        }
        for r in removed {
            let _ = writeln!(out, "-{r}");
        }
        for a in added {
            let _ = writeln!(out, "+{a}");
        }
        offset += added.len() as isize - removed.len() as isize;
    }
    for u in unplaced {
        let _ = writeln!(out, "# {u}");
    }
    out
}
