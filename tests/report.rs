//! `faqbot report` on a store written like the bots write it.

use faq_core::store::{Retention, Store};

use crate::util::{run, temp_dir};

const FAQ: &str = r#"[[entries]]
id = "refund"
question = "환불은 어떻게 받나요?"
alternates = ["환불 신청 방법", "돈 돌려받고 싶어요"]
answer = "주문 내역에서 환불 신청 버튼을 눌러 주세요."

[[entries]]
id = "hours"
question = "고객센터 운영 시간은 어떻게 되나요?"
alternates = ["몇 시까지 상담해요?", "상담 시간 알려 주세요"]
answer = "평일 오전 9시부터 오후 6시까지 상담합니다."

[[entries]]
id = "shipping-fee"
question = "배송비는 얼마인가요?"
alternates = [
    "택배비 얼마예요?",
]
answer = "3만 원 이상 주문하시면 무료입니다."
"#;

#[test]
fn report_groups_questions_counts_feedback_and_suggests_a_patch() {
    let dir = temp_dir("report");
    let faq = dir.path().join("faq.toml");
    std::fs::write(&faq, FAQ).unwrap();
    let path = dir.path().join("store.sqlite3");
    let _ = std::fs::remove_file(&path);
    {
        let store = Store::open(&path, Retention::Full).unwrap();
        for q in ["주차장은 어디에 있나요?", "주차장은 어디에 있나요", "주차장은 어디 있나요?"]
        {
            store.record_unanswered("slack", Some(q), None, 0.05).unwrap();
        }
        store.record_unanswered("discord", Some("환불 처리 기간 알려주세요"), Some("refund"), 0.41).unwrap();
        store.record_unanswered("discord", Some("환불금 언제 입금돼요"), Some("refund"), 0.41).unwrap();
        store.record_unanswered("slack", Some("택배로 받으면 뭐 더 붙어요?"), Some("shipping-fee"), 0.36).unwrap();
        store.record_unanswered("slack", None, None, 0.0).unwrap();
        let id = store.record_escalation("slack", "q:C1:1.1", "C1:1.1", "U1", Some("주차장 어디에 있나요?"), "{}");
        store.mark_posted(id.unwrap().unwrap(), "2000.1").unwrap();
        store.record_feedback("slack", "refund", Some("환불은 어떻게 받나요?"), false).unwrap();
        store.record_feedback("discord", "refund", None, false).unwrap();
        store.record_feedback("discord", "hours", None, true).unwrap();
    }
    let out = run(&["report", "--store", path.to_str().unwrap(), "--faq", faq.to_str().unwrap()], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("(1 handovers, 0 pending; 7 unanswered questions; 2 entries with feedback)") => "summary",
        |o: &str, _: &str| o.contains("\n   4  주차장은 어디에 있나요?  (also: ") => "the four parking questions grouped first",
        |o: &str, _: &str| o.contains("   2 👎    0 👍  refund\n   0 👎    1 👍  hours\n") => "feedback per entry",
        |o: &str, _: &str| o.contains(&format!("--- {}\n+++ {}\n", faq.display(), faq.display())) => "patch header",
        |o: &str, _: &str| o.contains("+alternates = [\"환불 신청 방법\", \"돈 돌려받고 싶어요\", \"환불 처리 기간 알려주세요\", \"환불금 언제 입금돼요\"]") => "refund alternates",
        |o: &str, _: &str| o.contains("+    \"택배로 받으면 뭐 더 붙어요?\",\n") => "multi-line alternates",
        |o: &str, _: &str| !o.contains("+alternates = [\"주차") => "no entry gets the parking question",
    );

    // The patch applies and the FAQ it makes answers the new phrasings.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let patch = &stdout[stdout.find("--- ").unwrap()..];
    std::fs::write(dir.path().join("alternates.patch"), patch).unwrap();
    let applied = std::process::Command::new("patch").arg(&faq).arg(dir.path().join("alternates.patch")).output();
    if let Ok(applied) = applied {
        assert!(applied.status.success(), "{}", String::from_utf8_lossy(&applied.stdout));
        let out = run(&["ask", "환불금 언제 입금돼요", "--faq", faq.to_str().unwrap()], None);
        assert_output!(out, success = true, |o: &str, _: &str| o.contains("[refund]") => "answered from the new alternate");
        let out = run(&["check", faq.to_str().unwrap()], None);
        assert_output!(out, success = true);
    }
}

#[test]
fn report_without_a_store_says_so() {
    let dir = temp_dir("report-missing");
    let missing = dir.path().join("none.sqlite3");
    let out = run(&["report", "--store", missing.to_str().unwrap()], None);
    assert_output!(out, success = false, |_: &str, e: &str| e.contains("no store at") && e.contains("none.sqlite3") => "names the file");
}
