//! The `faqbot` commands, run as a user runs them.

use std::io::{Read, Write};
use std::process::Stdio;

use crate::util::{faqbot, run, temp_dir};

#[test]
fn chat_answers_suggests_greets_and_escalates() {
    let input = "안녕하세요\n고객센터 전화번호 어디서 봐요?\n양자역학 교과서 추천해 주세요\n감사합니다\n";
    let out = run(&["chat"], Some(input));
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("[인사]") => "greeting answered",
        |o: &str, _: &str| o.contains("[답변]") && o.contains("홈페이지") => "phone-number answered",
        |o: &str, _: &str| o.contains("[상담원 연결]") && o.contains("상담원") => "unknown topic escalated",
    );
}

#[test]
fn chat_picks_a_suggestion_by_number() {
    let dir = temp_dir("pick");
    let faq = dir.path().join("faq.toml");
    std::fs::write(
        &faq,
        "[[entries]]\nid = \"a\"\nquestion = \"반품 비용은 얼마인가요?\"\nanswer = \"왕복 6000원입니다.\"\n\n[[entries]]\nid = \"b\"\nquestion = \"반품 신청은 어떻게 하나요?\"\nanswer = \"주문 내역에서 신청하세요.\"\n",
    )
    .unwrap();
    let out = run(&["chat", "--faq", faq.to_str().unwrap(), "--answer-threshold", "0.99"], Some("반품\n1\n"));
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("[제안]") => "suggestions shown",
        |o: &str, _: &str| o.contains("[답변]") => "picked suggestion answered",
    );
}

#[test]
fn ask_json_carries_the_decision_and_explanation() {
    let out = run(&["ask", "--json", "고객센터 몇시까지 해요?"], None);
    assert_output!(out, success = true);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["decision"]["decision"], "answer", "{v:#}");
    assert_eq!(v["decision"]["hits"]["entry_id"], "operating-hours", "{v:#}");
    assert!(v["decision"]["hits"]["explanation"]["features"].as_array().is_some_and(|f| !f.is_empty()));
    assert_eq!(v["reply"]["type"], "answer", "{v:#}");
}

#[test]
fn ask_explain_prints_why() {
    let out = run(&["ask", "--explain", "고객쎈터 전화번호"], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("matched phrasing") && o.contains("query coverage") => "explanation printed",
    );
    // The runner-up says 고객센터 and 몇 of this question; the best says them and 몇 시 too.
    let out = run(&["ask", "--explain", "고객센터 몇 시에 시작해요?? 🙏"], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("covers the runner-up") => "covering told",
    );
    // A question of several sentences: how the best entry fares on its request alone.
    let out = run(&["ask", "--explain", "몇 시까지 상담해요?? 퇴근하고 전화하려는데 늦을까 봐요ㅠㅠ"], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("request alone: confidence") => "request alone told",
    );
    let out = run(&["ask", "--explain", "몇 시까지 상담해요?"], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("query coverage") && !o.contains("request alone") => "no request apart",
    );
}

#[test]
fn bad_input_gets_a_clear_message_not_a_panic() {
    let out = run(&["ask", "   "], None);
    assert_output!(out, success = false, |_: &str, e: &str| e.contains("empty") => "empty question refused");
    // Command-line arguments are limited to 128 KiB on Linux; 1 MB goes through chat.
    let long = "환불 ".repeat(15_000);
    let out = run(&["ask", &long], None);
    assert_output!(out, success = true, |_: &str, e: &str| e.contains("only the first") => "long question capped");
    let huge = format!("{}\n", "환불 ".repeat(150_000));
    let out = run(&["chat"], Some(&huge));
    assert_output!(out, success = true, |o: &str, _: &str| o.starts_with("[") => "1 MB question gets a reply");
    for q in ["😀😀😀", "\u{0007}\u{001b}ㅋㅋ", "@everyone <!channel>"] {
        let out = run(&["ask", q], None);
        assert_output!(out, success = true, |o: &str, _: &str| o.contains("decision:") => "decision printed");
    }
    let out = run(&["ask", "--faq", "/nonexistent/faq.toml", "환불"], None);
    assert_output!(out, success = false, |_: &str, e: &str| e.contains("/nonexistent/faq.toml") => "file named");
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    // As `faqbot chat < questions.txt | head -1`: the reader goes away
    // after the first bytes of far more replies than a pipe holds, and
    // faqbot stops writing without a panic.
    let mut child = faqbot()
        .arg("chat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("faqbot runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        // The writes fail once faqbot has stopped: that is expected.
        let _ = stdin.write_all("고객센터 몇 시까지 해요?\n".repeat(3_000).as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("faqbot finishes");
    writer.join().expect("writer thread");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
}

#[test]
fn check_validates_and_lists_confusable_entries() {
    let dir = temp_dir("check");
    let good = dir.path().join("good.toml");
    std::fs::write(
        &good,
        "[[entries]]\nid = \"a\"\nquestion = \"환불은 어떻게 하나요?\"\nanswer = \"x\"\n\n[[entries]]\nid = \"b\"\nquestion = \"환불은 어떻게 받나요?\"\nanswer = \"y\"\n",
    )
    .unwrap();
    let out = run(&["check", good.to_str().unwrap()], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("2 entries") => "entries counted",
        |o: &str, _: &str| o.contains("a ~ b") => "confusable pair listed",
        |o: &str, _: &str| o.contains("names no company or public errand of the built-in lists") => "no company named",
    );
    // The companies a FAQ names are its own.
    let named = dir.path().join("named.toml");
    std::fs::write(
        &named,
        "synonyms = [[\"스타벅스\", \"스벅\"]]\n\n[[entries]]\nid = \"pay\"\nquestion = \"티빙으로 결제할 수 있나요?\"\nanswer = \"x\"\n",
    )
    .unwrap();
    let out = run(&["check", named.to_str().unwrap()], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("as its own (a question naming another gets suggestions): 스벅, 스타벅스, 티빙") => "own companies listed, 벅스 not in 스타벅스",
    );
    // Synonyms that lose words to the analysis are named.
    let synonyms = dir.path().join("synonyms.toml");
    std::fs::write(
        &synonyms,
        "synonyms = [[\"수선\", \"고쳐 주\", \"더 쓰\", \"수 있\"]]\n\n[[entries]]\nid = \"a\"\nquestion = \"수선 신청은 어떻게 하나요?\"\nanswer = \"x\"\n",
    )
    .unwrap();
    let out = run(&["check", synonyms.to_str().unwrap()], None);
    assert_output!(out, success = true,
        |o: &str, _: &str| o.contains("synonym \"더 쓰\" stands for \"쓰\" alone") => "weakened synonym named",
        |o: &str, _: &str| o.contains("synonym \"수 있\" matches nothing") => "empty synonym named",
        |o: &str, _: &str| !o.contains("synonym \"수선\"") => "whole synonym not named",
    );
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[entries]]\nid = \"a\"\nquestion = \"q\"\nanswer = \"x\"\n\n[[entries]]\nid = \"a\"\nquestion = \"q2\"\nanswer = \"y\"\n").unwrap();
    let out = run(&["check", bad.to_str().unwrap()], None);
    assert_output!(out, success = false,
        |_: &str, e: &str| e.contains("bad.toml:7") && e.contains("duplicate entry id") => "file, line and problem named",
    );
    let binary = dir.path().join("binary.json");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41, 0x00, 0x00, 0xc3]).unwrap();
    let out = run(&["check", binary.to_str().unwrap()], None);
    assert_output!(out, success = false, |_: &str, e: &str| e.contains("binary.json") => "file named");
}

#[test]
fn eval_json_keeps_its_contract() {
    let out = run(&["eval", "--cases", "data/eval/cases.tsv", "--json", "--sweep"], None);
    assert_output!(out, success = true);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "cases",
        "in_scope",
        "out_of_scope",
        "top1_accuracy",
        "answered_correct_rate",
        "wrong_answer_rate",
        "out_of_scope_held_rate",
        "handled_right_rate",
        "latency_us_p50",
        "latency_us_p99",
        "by_style",
        "index_build_ms",
        "index_bytes",
        "shared_index_bytes",
        "sweep",
    ] {
        assert!(v.get(key).is_some(), "missing {key} in {v:#}");
    }
    assert!(v["by_style"]["typo"]["cases"].as_u64().unwrap() > 0);
    assert!(v["sweep"].as_array().unwrap().len() > 10);
}

#[cfg(unix)]
#[test]
fn chat_reloads_the_faq_on_sighup_and_keeps_the_old_one_when_the_new_is_bad() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;

    let dir = temp_dir("sighup");
    let faq = dir.path().join("faq.toml");
    std::fs::write(
        &faq,
        "[[entries]]\nid = \"hours\"\nquestion = \"운영 시간은 언제예요?\"\nanswer = \"평일 9시부터 6시까지입니다.\"\n",
    )
    .unwrap();
    let mut child = crate::util::faqbot()
        .args(["chat", "--faq", faq.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut ask = |q: &str| {
        writeln!(stdin, "{q}").unwrap();
        let mut reply = String::new();
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            reply.push_str(&line);
            if line.starts_with('[') {
                // The reply's first line; the rest (if any) is indented.
                break reply;
            }
        }
    };
    assert!(ask("운영 시간 언제예요").contains("평일 9시"));
    let mut wait_for = |needle: &str| loop {
        let mut line = String::new();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "faqbot ended before {needle:?}");
        if line.contains(needle) {
            break;
        }
    };
    let hup = |pid: u32| {
        std::process::Command::new("kill").args(["-HUP", &pid.to_string()]).status().unwrap();
    };
    std::fs::write(
        &faq,
        "[[entries]]\nid = \"hours\"\nquestion = \"운영 시간은 언제예요?\"\nanswer = \"24시간 운영합니다.\"\n",
    )
    .unwrap();
    hup(child.id());
    wait_for("SIGHUP: FAQ reloaded");
    assert!(ask("운영 시간 언제예요").contains("24시간"));
    std::fs::write(&faq, "[[entries]]\nid = \"hours\"\nquestion = \"\"\nanswer = \"x\"\n").unwrap();
    hup(child.id());
    wait_for("SIGHUP: FAQ not reloaded");
    assert!(ask("운영 시간 언제예요").contains("24시간"));
    child.kill().unwrap();
    child.wait().unwrap();
}
