//! `faqbot`: try, check and measure a Korean FAQ from the terminal.

/// mimalloc: building an index and answering a question allocate many small
/// strings and vectors, which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use faq_core::reload::LiveMatcher;
use faq_core::{eval, CoreSettings, Decision, Hit, Matcher, Policy, Reply};

/// Writes a line to standard output (see [`written`]).
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        $crate::written(writeln!(std::io::stdout(), $($arg)*))
    }};
}

/// Writes to standard output (see [`written`]).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        $crate::written(write!(std::io::stdout(), $($arg)*))
    }};
}

mod report;

/// Ends the program when output could not be written: quietly when its
/// reader went away (`faqbot eval --misses | head`, `faqbot chat <
/// questions | head`), as the end of the output would, and with a message
/// otherwise.
fn written(result: std::io::Result<()>) {
    if let Err(e) = result {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("faqbot: cannot write the output: {e}");
        std::process::exit(2);
    }
}

#[derive(Parser)]
#[command(name = "faqbot", version, about = "Answer Korean questions from a FAQ file, or hand them to a human.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct FaqArgs {
    /// FAQ file (.toml, .json or .csv); default: FAQ_FILE, else the embedded data/faq.toml.
    #[arg(long, value_name = "FILE")]
    faq: Option<PathBuf>,
    /// Answer threshold (0-1), overriding FAQ_ANSWER_THRESHOLD and the default.
    #[arg(long, value_name = "X")]
    answer_threshold: Option<f32>,
    /// Suggest threshold (0-1).
    #[arg(long, value_name = "X")]
    suggest_threshold: Option<f32>,
    /// Margin to the runner-up needed to answer (0-1).
    #[arg(long, value_name = "X")]
    min_margin: Option<f32>,
}

impl FaqArgs {
    fn settings(&self) -> Result<CoreSettings> {
        let mut s = CoreSettings::default();
        s.apply_env(|k| std::env::var(k).ok())?;
        if let Some(f) = &self.faq {
            s.file = Some(f.clone());
        }
        s.answer_threshold = self.answer_threshold.or(s.answer_threshold);
        s.suggest_threshold = self.suggest_threshold.or(s.suggest_threshold);
        s.min_margin = self.min_margin.or(s.min_margin);
        Ok(s)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Chat in the terminal: each line is a question, answered as a bot would.
    Chat {
        #[command(flatten)]
        faq: FaqArgs,
    },
    /// Decide one question and print the decision.
    Ask {
        /// The question.
        question: String,
        #[command(flatten)]
        faq: FaqArgs,
        /// Print the decision as JSON.
        #[arg(long)]
        json: bool,
        /// Show why: matched phrasing, coverage, features, rewrites.
        #[arg(long)]
        explain: bool,
    },
    /// Validate a FAQ file and list entries that are easy to confuse.
    Check {
        /// The FAQ file.
        file: PathBuf,
    },
    /// Measure the matcher on labelled questions (TSV: query, expected id or -, style).
    Eval {
        #[command(flatten)]
        faq: FaqArgs,
        /// The labelled questions.
        #[arg(long, value_name = "FILE.tsv")]
        cases: PathBuf,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// Print figures for a range of thresholds.
        #[arg(long)]
        sweep: bool,
        /// List the cases not handled right.
        #[arg(long)]
        misses: bool,
    },
    /// Summarise the bots' store: frequent unanswered questions, 👎 per
    /// entry, and suggested alternates as a patch to the FAQ file.
    Report {
        /// The store; default: FAQ_STORE, else ./faqbot.sqlite3.
        #[arg(long, value_name = "FILE")]
        store: Option<PathBuf>,
        #[command(flatten)]
        faq: FaqArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Chat { faq } => chat(&faq),
        Command::Ask { question, faq, json, explain } => ask(&question, &faq, json, explain),
        Command::Check { file } => check(&file),
        Command::Eval { faq, cases, json, sweep, misses } => run_eval(&faq, &cases, json, sweep, misses),
        Command::Report { store, faq } => {
            report::store_path(store).and_then(|store| report::run(&store, &faq.settings()?))
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("faqbot: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn load(args: &FaqArgs) -> Result<(Matcher, Policy, CoreSettings)> {
    let settings = args.settings()?;
    let (matcher, policy) = settings.load()?;
    Ok((matcher, policy, settings))
}

fn chat(args: &FaqArgs) -> Result<ExitCode> {
    let settings = args.settings()?;
    let policy = settings.policy()?;
    let live = Arc::new(LiveMatcher::load(settings.clone())?);
    let _watch = match settings.file {
        Some(_) => Some(live.watch(|outcome| match outcome {
            Ok(r) => eprintln!("(FAQ reloaded: {} entries in {:.0} ms)", r.entries, r.build_ms),
            Err(e) => eprintln!("(FAQ not reloaded, the previous one keeps serving: {e})"),
        })?),
        None => None,
    };
    if settings.file.is_some() {
        reload_on_sighup(Arc::clone(&live))?;
    }
    let interactive = std::io::stdin().is_terminal();
    let mut out = std::io::stdout().lock();
    if interactive {
        written(writeln!(
            out,
            "faqbot chat: {} entries. Type a question; a number picks a suggestion; Ctrl-D quits.",
            live.current().faq().len()
        ));
    }
    let mut last_suggestions: Vec<String> = Vec::new();
    let mut last_question = String::new();
    let mut line = String::new();
    let mut stdin = std::io::stdin().lock();
    loop {
        if interactive {
            written(write!(out, "> "));
            written(out.flush());
        }
        line.clear();
        if stdin.read_line(&mut line)? == 0 {
            break;
        }
        let question = line.trim_end_matches(['\r', '\n']);
        let matcher = live.current();
        let now = chrono_now();
        let reply = match question.trim().parse::<usize>() {
            Ok(n) if n >= 1 && n <= last_suggestions.len() => {
                policy.answer_entry(&matcher, &last_suggestions[n - 1]).expect("suggested entries exist")
            }
            Ok(0) if !last_suggestions.is_empty() => Reply::Escalate(policy.escalate(
                &matcher,
                &last_question,
                faq_core::EscalationReason::UserRequested,
                now,
            )),
            _ => {
                last_question = question.to_string();
                policy.respond(&matcher, question, now)
            }
        };
        last_suggestions = match &reply {
            Reply::Suggest(s) => s.options.iter().map(|c| c.entry_id.clone()).collect(),
            _ => Vec::new(),
        };
        written(writeln!(out, "{}", render_reply(&reply)));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reloads the FAQ file on SIGHUP, from a thread of its own.
#[cfg(unix)]
fn reload_on_sighup(live: Arc<LiveMatcher>) -> Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([signal_hook::consts::SIGHUP])?;
    std::thread::Builder::new().name("sighup".into()).spawn(move || {
        for _ in signals.forever() {
            match live.reload() {
                Ok(r) => eprintln!("(SIGHUP: FAQ reloaded, {} entries in {:.0} ms)", r.entries, r.build_ms),
                Err(e) => eprintln!("(SIGHUP: FAQ not reloaded, the previous one keeps serving: {e})"),
            }
        }
    })?;
    Ok(())
}

#[cfg(not(unix))]
fn reload_on_sighup(_live: Arc<LiveMatcher>) -> Result<()> {
    Ok(())
}

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// The reply as the terminal shows it.
fn render_reply(reply: &Reply) -> String {
    match reply {
        Reply::Answer(a) => {
            format!("[답변] {}\n  (질문: {} · 신뢰도 {:.0}%)", a.answer, a.question, a.confidence * 100.0)
        }
        Reply::Suggest(s) => {
            let mut text = format!("[제안] {}", s.intro);
            for (i, c) in s.options.iter().enumerate() {
                text.push_str(&format!("\n  {}. {} ({:.0}%)", i + 1, c.question, c.confidence * 100.0));
            }
            text.push_str(&format!("\n  0. 상담원 연결\n  {}", s.footer));
            text
        }
        Reply::Escalate(e) => {
            let mut text = format!("[상담원 연결] {}", e.notice);
            for l in e.handover.lines() {
                text.push_str(&format!("\n  | {l}"));
            }
            text
        }
        Reply::SmallTalk(s) if matches!(s.kind, faq_core::SmallTalkKind::AboutBot | faq_core::SmallTalkKind::Clock) => {
            format!("[안내] {}", s.text)
        }
        Reply::SmallTalk(s) => format!("[인사] {}", s.text),
        Reply::Prompt { text } => format!("[안내] {text}"),
    }
}

fn ask(question: &str, args: &FaqArgs, json: bool, explain: bool) -> Result<ExitCode> {
    if question.trim().is_empty() {
        bail!("the question is empty");
    }
    let (matcher, policy, _) = load(args)?;
    let analysis_capped = question.len() > faq_core::text::MAX_ANALYZED_BYTES;
    if analysis_capped {
        eprintln!(
            "faqbot: the question is {} bytes; only the first {} are read",
            question.len(),
            faq_core::text::MAX_ANALYZED_BYTES
        );
    }
    let decision = matcher.ask(question);
    if json {
        let reply = policy.respond(&matcher, question, chrono_now());
        let value = serde_json::json!({ "question": question, "decision": decision, "reply": reply, "truncated": analysis_capped });
        outln!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    let kind = match &decision {
        Decision::Answer(_) => "answer",
        Decision::Suggest(_) => "suggest",
        Decision::Escalate(_) => "escalate",
    };
    outln!("decision: {kind}");
    for (i, hit) in decision.hits().iter().enumerate() {
        outln!("{}. {} [{}] confidence {:.2}", i + 1, hit.question, hit.entry_id, hit.confidence);
        if explain {
            print_explanation(hit);
        }
    }
    if let Decision::Answer(hit) = &decision {
        if let Some(e) = matcher.faq().get(&hit.entry_id) {
            outln!("\n{}", e.answer);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_explanation(hit: &Hit) {
    let x = &hit.explanation;
    outln!("   matched phrasing: {}", hit.matched);
    outln!(
        "   query coverage {:.2} · phrasing coverage {:.2} · similarity {:.2} · margin {:.2} · bm25 {:.2}",
        x.query_coverage,
        x.phrasing_coverage,
        x.similarity,
        x.margin,
        x.score
    );
    if x.covers_runner_up {
        outln!("   covers the runner-up: matches all it matches of the question, and more");
    }
    if let Some(name) = &x.other_company {
        let what = if faq_core::companies::is_public_matter(name) { "a public office's errand" } else { "a company" };
        outln!("   names {name}, {what} the FAQ never names: suggested, not answered");
    }
    if let Some(r) = &x.request {
        outln!(
            "   request alone: confidence {:.2} · margin {:.2} (the best entry for the question's request sentence too)",
            r.confidence,
            r.margin
        );
    }
    if !x.features.is_empty() {
        let f: Vec<String> = x.features.iter().map(|f| format!("{} {:.2}", f.feature, f.weight)).collect();
        outln!("   features: {}", f.join(", "));
    }
    if !x.rewrites.is_empty() {
        outln!("   rewrites: {}", x.rewrites.join(", "));
    }
}

fn check(file: &std::path::Path) -> Result<ExitCode> {
    let settings = CoreSettings { file: Some(file.to_path_buf()), ..CoreSettings::default() };
    let faq = settings.read_faq()?;
    let phrasings: usize = faq.entries.iter().map(|e| e.phrasings().count()).sum();
    let matcher = settings.matcher_for(faq)?;
    outln!("{}: {} entries, {} phrasings: OK", file.display(), matcher.faq().len(), phrasings);
    // Synonyms are matched on their content words: say when some are lost.
    for term in matcher.faq().synonyms.iter().flatten() {
        let words = term.split_whitespace().count();
        let stems = faq_core::Thesaurus::matched_stems(term);
        if stems.is_empty() {
            outln!("synonym \"{term}\" matches nothing: it is only particles, endings or stop words");
        } else if stems.len() < words {
            outln!("synonym \"{term}\" stands for \"{}\" alone: its other words are stop words", stems.join(" "));
        }
    }
    let own = matcher.own_companies();
    if own.is_empty() {
        outln!(
            "names no company or public errand of the built-in lists: a question naming one gets suggestions, not an answer"
        );
    } else {
        outln!(
            "names these companies or public errands as its own (a question naming another gets suggestions): {}",
            own.join(", ")
        );
    }
    let threshold = matcher.config().suggest_threshold;
    let mut pairs: Vec<(String, String, f32, String)> = Vec::new();
    for e in &matcher.faq().entries {
        for p in e.phrasings() {
            for hit in matcher.search(p, 3) {
                if hit.entry_id != e.id && hit.confidence >= threshold {
                    pairs.push((e.id.clone(), hit.entry_id.clone(), hit.confidence, p.to_string()));
                }
            }
        }
    }
    if pairs.is_empty() {
        outln!("no confusable entries");
        return Ok(ExitCode::SUCCESS);
    }
    outln!("confusable entries (a phrasing of the first matches the second above the suggest threshold {threshold}):");
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2));
    for (a, b, c, p) in &pairs {
        outln!("  {a} ~ {b}  {:.2}  \"{p}\"", c);
    }
    Ok(ExitCode::SUCCESS)
}

fn run_eval(args: &FaqArgs, cases_path: &std::path::Path, json: bool, sweep: bool, misses: bool) -> Result<ExitCode> {
    let settings = args.settings()?;
    let faq = settings.read_faq()?;
    let start = Instant::now();
    let matcher = settings.matcher_for(faq)?;
    let build_ms = start.elapsed().as_secs_f64() * 1000.0;
    let cases = eval::read_cases(cases_path).with_context(|| "cannot read the cases")?;
    if cases.is_empty() {
        bail!("{}: no cases", cases_path.display());
    }
    let outcomes = eval::run(&matcher, &cases);
    let mut report = eval::report(&matcher, &cases, &outcomes, matcher.config());
    report.index_build_ms = build_ms;
    if !misses {
        report.misses.clear();
    }
    let rows = sweep.then(|| eval::sweep(&cases, &outcomes, matcher.config()));
    if json {
        let mut value = serde_json::to_value(&report)?;
        if let Some(rows) = &rows {
            value["sweep"] = serde_json::to_value(rows)?;
        }
        outln!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    let o = &report.overall;
    outln!("cases {} (in scope {}, out of scope {})", o.cases, o.in_scope, o.out_of_scope);
    outln!("top-1 accuracy        {:.3}", o.top1_accuracy);
    outln!("top-3 accuracy        {:.3}", o.top3_accuracy);
    outln!("answered correct      {:.3}", o.answered_correct_rate);
    outln!("suggested correct     {:.3}", o.suggested_correct_rate);
    outln!("wrong answers         {:.3}", o.wrong_answer_rate);
    outln!("out of scope held     {:.3}", o.out_of_scope_held_rate);
    outln!("handled right         {:.3}", o.handled_right_rate);
    outln!("latency p50 / p99     {:.1} / {:.1} µs", report.latency_us_p50, report.latency_us_p99);
    outln!(
        "index                 {:.1} ms, {} bytes (and {} bytes of shared built-in tables)",
        report.index_build_ms,
        report.index_bytes,
        report.shared_index_bytes
    );
    outln!("\n{:<12} {:>5} {:>6} {:>8} {:>6} {:>6}", "style", "cases", "top-1", "answered", "wrong", "held");
    for (style, f) in &report.by_style {
        outln!(
            "{style:<12} {:>5} {:>6.3} {:>8.3} {:>6.3} {:>6.3}",
            f.cases,
            f.top1_accuracy,
            f.answered_correct_rate,
            f.wrong_answer_rate,
            f.out_of_scope_held_rate
        );
    }
    if let Some(rows) = rows {
        outln!("\n{:>6} {:>6} {:>9} {:>7} {:>7}", "answer", "margin", "answered", "wrong", "handled");
        for r in rows {
            outln!(
                "{:>6.2} {:>6.2} {:>9.3} {:>7.3} {:>7.3}",
                r.thresholds.answer_threshold,
                r.thresholds.min_margin,
                r.figures.answered_correct_rate,
                r.figures.wrong_answer_rate,
                r.figures.handled_right_rate
            );
        }
    }
    if !report.misses.is_empty() {
        outln!("\nnot handled right:");
        for m in &report.misses {
            let best = m.best.as_ref().map(|(id, c)| format!("{id} {c:.2}")).unwrap_or_else(|| "-".into());
            outln!("  {:>4}  {}  expected {}  got {} ({best})", m.line, m.query, m.expected, m.decision);
        }
    }
    Ok(ExitCode::SUCCESS)
}
