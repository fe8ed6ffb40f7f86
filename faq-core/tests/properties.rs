//! Property tests: whatever the input, the pipeline and the matcher behave.

use std::sync::LazyLock;

use faq_core::text::Analyzer;
use faq_core::{CoreSettings, Decision, Matcher};
use proptest::prelude::*;

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| CoreSettings::default().load().expect("default FAQ").0);

/// Text mixing Hangul syllables, jamo, Latin, digits, symbols, emoji,
/// control and zero-width characters, chat markup, links and mentions, and
/// any other char.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[가-힣]{1,6}",
        2 => "[ㄱ-ㅎㅏ-ㅣ]{1,4}",
        2 => "[a-zA-Z0-9]{1,6}",
        1 => "[ \t\n!?.~@#<>&*ㅋㅎㅠ]{1,4}",
        1 => "<[@#!:][A-Za-z0-9|:]{0,5}>|@[a-z가-힣]{1,4}|https?://[a-z./]{0,8}|www\\.[a-z]{1,4}|:[a-z+_-]{1,4}:|[가-힣]{1,3}[ㅋㅎ]{1,3}",
        1 => "[\u{1F600}-\u{1F64F}\u{200B}\u{200D}\u{FEFF}\u{0000}-\u{001F}\u{1100}-\u{11FF}\u{FF01}-\u{FF5E}]{1,3}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn normalization_is_idempotent(text in messy_text()) {
        let a = Analyzer::default();
        let once = a.normalize(&text);
        prop_assert_eq!(a.normalize(&once), once);
    }

    #[test]
    fn tokens_point_inside_the_text(text in messy_text()) {
        let analysis = Analyzer::default().analyze(&text);
        for t in &analysis.tokens {
            prop_assert!(t.offset_from <= t.offset_to && t.offset_to <= text.len());
            prop_assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
        }
    }

    #[test]
    fn confidence_stays_in_range_and_decisions_repeat(text in messy_text()) {
        let first = MATCHER.ask(&text);
        for hit in first.hits() {
            prop_assert!((0.0..=1.0).contains(&hit.confidence), "{hit:?}");
        }
        if let Decision::Suggest(hits) = &first {
            prop_assert!(!hits.is_empty());
        }
        prop_assert_eq!(MATCHER.ask(&text), first);
    }
}

#[test]
fn huge_and_binary_input_is_handled() {
    let huge = "배송조회어떻게해요".repeat(200_000);
    let d = MATCHER.ask(&huge);
    assert!(d.hits().iter().all(|h| (0.0..=1.0).contains(&h.confidence)));
    let binary: String = (0u8..=255).map(char::from).collect();
    MATCHER.ask(&binary);
    MATCHER.ask(&"\u{0000}".repeat(10_000));
    MATCHER.ask(&"ㅋ".repeat(100_000));
}
