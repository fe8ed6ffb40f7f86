//! Any bytes as a FAQ file, in each format.
//!
//! Checks: loading never panics (it returns a FAQ or an error); a FAQ that
//! loads can be indexed, and asking it a question neither panics nor gives a
//! confidence outside [0, 1].

#![no_main]

use faq_core::{Faq, Format, Matcher};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Toml, Format::Json, Format::Csv] {
        let Ok(faq) = Faq::from_bytes(data, format) else { continue };
        let first = faq.entries.first().map(|e| e.question.clone());
        let matcher = match Matcher::new(faq) {
            Ok(m) => m,
            Err(e) => panic!("a FAQ that loaded as {format:?} cannot be indexed: {e}"),
        };
        let questions = ["환불"].into_iter().map(str::to_string).chain(first);
        for q in questions {
            for hit in matcher.ask(&q).hits() {
                assert!(
                    (0.0..=1.0).contains(&hit.confidence),
                    "confidence {} of {:?} for {q:?} is outside [0, 1]",
                    hit.confidence,
                    hit.entry_id
                );
            }
        }
    }
});
