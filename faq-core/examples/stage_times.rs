//! Prints the mean time of the analysis stage and of a whole `ask` over the
//! questions of a case file.
//!
//! ```sh
//! cargo run --release -p faq-core --example stage_times -- FAQ_FILE CASES.tsv [ROUNDS]
//! ```
//!
//! `ROUNDS` (default 20) is how many times each question is asked. The five
//! slowest questions (fastest of their rounds) are listed after the means.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, faq, cases] => Some((faq, cases, 20)),
        [_, faq, cases, rounds] => rounds.parse::<usize>().ok().filter(|&r| r > 0).map(|r| (faq, cases, r)),
        _ => None,
    };
    let Some((faq, cases, rounds)) = parsed else {
        eprintln!("usage: stage_times FAQ_FILE CASES.tsv [ROUNDS]");
        std::process::exit(2);
    };
    let run = || -> Result<(), faq_core::Error> {
        let matcher = faq_core::Matcher::new(faq_core::Faq::from_path(faq)?)?;
        let cases = faq_core::eval::read_cases(std::path::Path::new(cases))?;
        let analyzer = faq_core::text::Analyzer::default();
        let per_question = |start: Instant| start.elapsed().as_secs_f64() * 1e6 / (rounds * cases.len()) as f64;
        let start = Instant::now();
        for _ in 0..rounds {
            for c in &cases {
                std::hint::black_box(analyzer.analyze(&c.query));
            }
        }
        let analyze = per_question(start);
        // The fastest of the rounds for each question, to find the slow ones.
        let mut fastest = vec![f64::INFINITY; cases.len()];
        let start = Instant::now();
        for _ in 0..rounds {
            for (c, best) in cases.iter().zip(&mut fastest) {
                let t = Instant::now();
                std::hint::black_box(matcher.ask(&c.query));
                *best = best.min(t.elapsed().as_secs_f64() * 1e6);
            }
        }
        println!("analyze {analyze:.1} µs, ask {:.1} µs (mean of {} questions)", per_question(start), cases.len());
        let mut slow: Vec<(f64, &str)> = fastest.iter().copied().zip(cases.iter().map(|c| c.query.as_str())).collect();
        slow.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (us, query) in slow.iter().take(5) {
            println!("  slowest: {us:8.1} µs  {query}");
        }
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("stage_times: {e}");
        std::process::exit(2);
    }
}
