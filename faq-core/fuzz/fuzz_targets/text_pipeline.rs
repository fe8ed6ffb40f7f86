//! Any bytes through the text pipeline and the matcher.
//!
//! Checks: no panic; every token's byte range lies inside the input and on
//! char boundaries; normalization is idempotent; every hit's confidence is
//! in [0, 1].

#![no_main]

use std::sync::LazyLock;

use faq_core::text::{Analyzer, MAX_ANALYZED_BYTES};
use faq_core::{CoreSettings, Matcher};
use libfuzzer_sys::fuzz_target;

/// The matcher over the embedded default FAQ, built once.
static MATCHER: LazyLock<Matcher> = LazyLock::new(|| CoreSettings::default().load().expect("the default FAQ loads").0);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let analyzer = Analyzer::default();

    let analysis = analyzer.analyze(text);
    for t in &analysis.tokens {
        assert!(
            t.offset_from <= t.offset_to && t.offset_to <= text.len(),
            "token {:?} has range {}..{} in a text of {} bytes",
            t.text,
            t.offset_from,
            t.offset_to,
            text.len()
        );
        assert!(
            text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to),
            "token {:?} has range {}..{}, not on char boundaries",
            t.text,
            t.offset_from,
            t.offset_to
        );
    }

    // The analyzer reads at most MAX_ANALYZED_BYTES; when NFKC makes the
    // normalized text longer than that, normalizing it again cuts it, which
    // is the documented cap and not a normalization bug.
    let once = analysis.normalized;
    if once.len() <= MAX_ANALYZED_BYTES {
        let twice = analyzer.normalize(&once);
        assert_eq!(twice, once, "normalization is not idempotent");
    }

    let decision = MATCHER.ask(text);
    for hit in decision.hits() {
        assert!(
            (0.0..=1.0).contains(&hit.confidence),
            "confidence {} of {:?} is outside [0, 1]",
            hit.confidence,
            hit.entry_id
        );
    }
});
