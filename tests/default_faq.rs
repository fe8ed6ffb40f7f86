//! The default FAQ (`data/faq.toml`) against its labelled questions
//! (`data/eval/cases.tsv`): a regression test of the whole matcher.

use faq_core::{eval, CoreSettings, Decision};

#[test]
fn every_in_scope_question_is_answered_or_suggested_in_the_top_three() {
    let (matcher, _) = CoreSettings::default().load().unwrap();
    let cases = eval::read_cases(std::path::Path::new("data/eval/cases.tsv")).unwrap();
    let mut failures = Vec::new();
    for c in cases.iter().filter(|c| c.expected.is_some()) {
        let id = c.expected.as_deref().unwrap();
        let top3 = matcher.search(&c.query, 3);
        let decision = matcher.ask(&c.query);
        let ok = top3.iter().any(|h| h.entry_id == id)
            && match &decision {
                Decision::Answer(h) => h.entry_id == id,
                Decision::Suggest(hits) => hits.iter().any(|h| h.entry_id == id),
                Decision::Escalate(_) => false,
            };
        if !ok {
            let got: Vec<String> = top3.iter().map(|h| format!("{} {:.2}", h.entry_id, h.confidence)).collect();
            failures.push(format!(
                "line {}: {} (expected {id}; {:?}; top 3: {got:?})",
                c.line,
                c.query,
                decision.kind()
            ));
        }
    }
    assert!(failures.is_empty(), "{} in-scope cases not handled:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn out_of_scope_questions_are_rarely_answered() {
    let (matcher, _) = CoreSettings::default().load().unwrap();
    let cases = eval::read_cases(std::path::Path::new("data/eval/cases.tsv")).unwrap();
    let report = eval::evaluate(&matcher, &cases);
    assert!(report.overall.out_of_scope_held_rate >= 0.9, "{:#?}", report.overall);
    assert!(report.overall.wrong_answer_rate <= 0.05, "{:#?}", report.overall);
    assert!(report.overall.top1_accuracy >= 0.85, "{:#?}", report.overall);
}

#[test]
fn a_long_question_is_answered_when_its_entry_is_far_ahead() {
    let (matcher, _) = CoreSettings::default().load().unwrap();
    // The situation around the request (오전 내내 한참 대기 중, ㅠㅠ) is
    // words no phrasing has, and no other entry comes near the one asked.
    let question = "오전 내내 한참 대기 중이에요ㅠㅠ 전화 말고 방법 없나요??";
    let Decision::Answer(hit) = matcher.ask(question) else { panic!("{:?}", matcher.ask(question)) };
    assert_eq!(hit.entry_id, "phone-unreachable");
    assert!((6..10).contains(&hit.explanation.question_words), "{hit:?}");
    // A situation of several clauses, ten words or more: its entry covers
    // less than half of the question, and is answered for its lead.
    let question = "주문하고 나서 보니 사이즈를 잘못 골랐어요. 아직 배송 전인 것 같은데, 이런 주문 변경도 고객센터에 요청하면 되는 건가요?";
    let Decision::Answer(hit) = matcher.ask(question) else { panic!("{:?}", matcher.ask(question)) };
    assert_eq!(hit.entry_id, "contact-reasons");
    assert!(hit.explanation.query_coverage < 0.5, "{hit:?}");
    assert!(hit.explanation.question_words >= 10, "{hit:?}");
    // The same request said short is answered as before.
    assert!(matches!(matcher.ask("전화 연결이 안 돼요"), Decision::Answer(h) if h.entry_id == "phone-unreachable"));
}
