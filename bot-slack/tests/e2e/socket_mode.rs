//! Socket Mode: events, commands and clicks delivered over the fake
//! websocket; posts recorded by the fake Web API.

use std::time::{Duration, Instant};

use bot_slack::render::{ACTION_HELPFUL, ACTION_HUMAN, ACTION_PICK, ACTION_RESOLVE, ACTION_SHARE, ACTION_UNHELPFUL};
use serde_json::{json, Value};

use crate::harness::*;

const NOTICE: &str =
    "정확한 답변을 찾지 못해 상담원을 호출했습니다. 지금은 상담 시간(매일 24시간)이라 곧 이 대화에서 답변드리겠습니다.";

fn button_ids(body: &Value) -> Vec<String> {
    body["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().unwrap().iter().map(|e| e["action_id"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test]
async fn mention_is_answered_in_its_thread_with_buttons() {
    let t = SocketBot::start().await;
    let ack = t.deliver("events_api", callback(mention("U1", "C1", "100.1", ANSWERED))).await;
    assert!(ack.after < Duration::from_secs(3), "{ack:?}");
    assert_eq!(ack.frame.as_object().unwrap().keys().collect::<Vec<_>>(), ["envelope_id"]);
    let posts = t.web.posts();
    assert_eq!(posts.len(), 1, "{posts:#?}");
    let body = &posts[0].body;
    assert_eq!(posts[0].method, "chat.postMessage");
    assert_eq!(posts[0].auth.as_deref(), Some("Bearer xoxb-test-bot-token"));
    assert_eq!((body["channel"].as_str(), body["thread_ts"].as_str()), (Some("C1"), Some("100.1")));
    assert_eq!(body["text"], "주문 내역에서 환불 신청 버튼을 눌러 주세요.");
    assert_eq!(body["blocks"][1]["elements"][0]["text"], "이 질문에 대한 답변: *환불은 어떻게 받나요?*");
    assert_eq!(button_ids(body), [ACTION_HELPFUL, ACTION_UNHELPFUL, ACTION_HUMAN]);
    t.stop().await;
}

#[tokio::test]
async fn direct_message_is_answered_and_bots_are_ignored() {
    let t = SocketBot::start().await;
    t.deliver("events_api", callback(dm("U1", "200.1", "몇 시까지 상담해요?"))).await;
    let posts = t.web.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 1);
    assert_eq!((posts[0]["channel"].as_str(), posts[0]["thread_ts"].as_str()), (Some("D1"), Some("200.1")));
    assert_eq!(posts[0]["text"], "평일 오전 9시부터 오후 6시까지 상담합니다.");
    t.web.clear();
    for event in [
        dm("UBOT", "200.2", ANSWERED),
        json!({"type": "message", "channel": "D1", "channel_type": "im", "user": "U2", "bot_id": "B2", "ts": "200.3", "text": ANSWERED}),
        json!({"type": "message", "subtype": "bot_message", "channel": "D1", "channel_type": "im", "bot_id": "B2", "ts": "200.4", "text": ANSWERED}),
        json!({"type": "message", "subtype": "message_changed", "channel": "D1", "channel_type": "im", "ts": "200.5",
               "message": {"user": "U1", "text": ANSWERED, "ts": "200.1"}}),
        json!({"type": "message", "subtype": "message_deleted", "channel": "D1", "channel_type": "im", "ts": "200.6", "deleted_ts": "200.1"}),
        json!({"type": "message", "channel": "C5", "channel_type": "channel", "user": "U1", "ts": "200.7", "text": ANSWERED}),
    ] {
        t.deliver("events_api", callback(event)).await;
    }
    assert!(t.web.posts().is_empty(), "{:#?}", t.web.posts());
    t.stop().await;
}

#[tokio::test]
async fn answer_everything_channel_is_opt_in() {
    let t = SocketBot::start_with(&[("SLACK_ANSWER_ALL_CHANNELS", "CALL")]).await;
    let msg = |ts: &str, text: &str| json!({"type": "message", "channel": "CALL", "channel_type": "channel", "user": "U1", "ts": ts, "text": text});
    t.deliver("events_api", callback(msg("300.1", ANSWERED))).await;
    assert_eq!(t.web.calls_of("chat.postMessage").len(), 1);
    // A mention arrives twice (message and app_mention): answered once.
    t.deliver("events_api", callback(msg("300.2", &format!("<@UBOT> {ANSWERED}")))).await;
    t.deliver("events_api", callback(mention("U1", "CALL", "300.2", ANSWERED))).await;
    assert_eq!(t.web.calls_of("chat.postMessage").len(), 2);
    t.stop().await;
}

#[tokio::test]
async fn low_confidence_hands_over_then_stays_silent_until_resolved() {
    let t = SocketBot::start().await;
    t.deliver("events_api", callback(mention("U1", "C1", "400.1", UNKNOWN))).await;
    let posts = t.web.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 2, "{posts:#?}");
    assert_eq!((posts[0]["channel"].as_str(), posts[0]["thread_ts"].as_str()), (Some("C1"), Some("400.1")));
    assert_eq!(posts[0]["text"], NOTICE);
    let permalink = t.web.calls_of("chat.getPermalink");
    assert_eq!(permalink.len(), 1);
    assert_eq!((permalink[0]["channel"].as_str(), permalink[0]["message_ts"].as_str()), (Some("C1"), Some("400.1")));
    let handover = &posts[1];
    assert_eq!(handover["channel"], ESCALATION_CHANNEL);
    assert!(handover.get("thread_ts").is_none());
    assert_eq!(handover["text"], format!("<!subteam^{SUPPORT_GROUP}> 상담원 연결 요청: {UNKNOWN}"));
    assert_eq!(
        handover["blocks"][1]["text"]["text"],
        format!(
            "<!subteam^{SUPPORT_GROUP}> 요청자: <@U1> · <#C1> · <https://fake.slack.com/archives/C1/p4001|원문 보기>"
        )
    );
    let summary = handover["blocks"][2]["text"]["text"].as_str().unwrap();
    assert!(summary.starts_with(&format!("사유: 봇이 답변을 찾지 못함\n질문: {UNKNOWN}\n봇의 후보")), "{summary}");
    assert_eq!(button_ids(handover), [ACTION_RESOLVE]);
    assert_eq!(t.bot.waiting(), 1);

    // The user writes again in the thread: the bot stays silent.
    t.web.clear();
    let mut follow_up = mention("U1", "C1", "400.2", ANSWERED);
    follow_up["thread_ts"] = json!("400.1");
    t.deliver("events_api", callback(follow_up.clone())).await;
    assert!(t.web.posts().is_empty(), "{:#?}", t.web.posts());

    // Someone who is not a resolver is refused politely.
    t.deliver("interactive", click("U9", handover, "2000.000009", ACTION_RESOLVE)).await;
    let refused = t.web.calls_of("chat.postEphemeral");
    assert_eq!(refused.len(), 1);
    assert_eq!((refused[0]["channel"].as_str(), refused[0]["user"].as_str()), (Some(ESCALATION_CHANNEL), Some("U9")));
    assert_eq!(
        refused[0]["text"],
        "죄송합니다. 상담 해결 처리는 지정된 담당자만 할 수 있습니다. 담당자에게 요청해 주세요."
    );
    assert_eq!(t.web.posts().len(), 1);
    assert_eq!(t.bot.waiting(), 1);

    // A resolver marks it resolved.
    t.web.clear();
    t.deliver("interactive", click(RESOLVER, handover, "2000.000009", ACTION_RESOLVE)).await;
    let update = t.web.calls_of("chat.update");
    assert_eq!(update.len(), 1);
    assert_eq!(
        (update[0]["channel"].as_str(), update[0]["ts"].as_str()),
        (Some(ESCALATION_CHANNEL), Some("2000.000009"))
    );
    let blocks = update[0]["blocks"].as_array().unwrap();
    assert!(blocks.iter().all(|b| b["type"] != "actions"));
    assert_eq!(
        blocks.last().unwrap()["elements"][0]["text"],
        format!("✅ <@{RESOLVER}> 님이 해결 완료로 표시했습니다.")
    );
    let resolved = t.web.calls_of("chat.postMessage");
    assert_eq!(resolved.len(), 1);
    assert_eq!((resolved[0]["channel"].as_str(), resolved[0]["thread_ts"].as_str()), (Some("C1"), Some("400.1")));
    assert_eq!(resolved[0]["text"], "상담원이 이 문의를 해결 완료로 표시했습니다. 새로운 질문은 언제든지 남겨 주세요.");
    assert_eq!(t.bot.waiting(), 0);

    // The bot answers in the thread again.
    t.web.clear();
    follow_up["ts"] = json!("400.3");
    t.deliver("events_api", callback(follow_up)).await;
    assert_eq!(t.web.calls_of("chat.postMessage")[0]["text"], "주문 내역에서 환불 신청 버튼을 눌러 주세요.");
    t.stop().await;
}

#[tokio::test]
async fn a_typed_request_for_a_person_hands_over_as_the_button_does() {
    let t = SocketBot::start().await;
    let asked = "챗봇 말고 상담원 연결해 주세요";
    t.deliver("events_api", callback(mention("U1", "C1", "450.1", asked))).await;
    let posts = t.web.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 2, "{posts:#?}");
    assert_eq!((posts[0]["channel"].as_str(), posts[0]["thread_ts"].as_str()), (Some("C1"), Some("450.1")));
    assert_eq!(
        posts[0]["text"],
        "상담원을 호출했습니다. 지금은 상담 시간(매일 24시간)이라 곧 이 대화에서 답변드리겠습니다."
    );
    assert_eq!(posts[1]["channel"], ESCALATION_CHANNEL);
    let summary = posts[1]["blocks"][2]["text"]["text"].as_str().unwrap();
    assert!(summary.starts_with(&format!("사유: 사용자가 상담원 연결을 요청함\n질문: {asked}")), "{summary}");
    assert_eq!(t.bot.waiting(), 1);
    t.stop().await;
}

#[tokio::test]
async fn a_lone_unknown_word_is_asked_for_a_question_without_a_hand_over() {
    let t = SocketBot::start().await;
    t.deliver("events_api", callback(mention("U1", "C1", "460.1", "테스트"))).await;
    let posts = t.web.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 1, "{posts:#?}");
    assert_eq!((posts[0]["channel"].as_str(), posts[0]["thread_ts"].as_str()), (Some("C1"), Some("460.1")));
    assert!(posts[0]["text"].as_str().unwrap().starts_with("질문 내용을 알아보지 못했습니다."), "{}", posts[0]["text"]);
    assert_eq!(t.bot.waiting(), 0);
    t.stop().await;
}

#[tokio::test]
async fn suggestion_click_posts_that_answer_in_the_thread() {
    let t = SocketBot::start().await;
    t.deliver("events_api", callback(mention("U1", "C1", "500.1", "배송"))).await;
    let posts = t.web.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["text"], "혹시 이 질문인가요?");
    assert_eq!(button_ids(&posts[0]), [ACTION_PICK, ACTION_PICK, ACTION_PICK, ACTION_HUMAN]);
    let first = posts[0]["blocks"][1]["elements"][0].clone();
    assert_eq!(first["text"]["text"], "배송은 얼마나 걸리나요?");
    t.web.clear();
    t.deliver("interactive", click("U1", &posts[0], "2000.000001", ACTION_PICK)).await;
    let answer = t.web.calls_of("chat.postMessage");
    assert_eq!(answer.len(), 1);
    assert_eq!((answer[0]["channel"].as_str(), answer[0]["thread_ts"].as_str()), (Some("C1"), Some("500.1")));
    assert_eq!(answer[0]["text"], "보통 2~3일 안에 도착합니다.");
    t.stop().await;
}

#[tokio::test]
async fn thumbs_up_thanks_and_thumbs_down_or_human_hand_over() {
    let t = SocketBot::start().await;
    for (ts, action, reason) in [
        ("600.1", ACTION_UNHELPFUL, "사용자가 봇의 답변이 도움이 안 된다고 표시함"),
        ("600.2", ACTION_HUMAN, "사용자가 상담원 연결을 요청함"),
    ] {
        t.web.clear();
        t.deliver("events_api", callback(mention("U1", "C1", ts, ANSWERED))).await;
        let answer = t.web.calls_of("chat.postMessage").remove(0);
        t.web.clear();
        t.deliver("interactive", click("U1", &answer, "2000.000002", ACTION_HELPFUL)).await;
        let thanks = t.web.calls_of("chat.postEphemeral");
        assert_eq!(thanks.len(), 1);
        assert_eq!(thanks[0]["text"], "의견 감사합니다. 더 나은 답변을 위해 참고하겠습니다.");
        assert_eq!((thanks[0]["user"].as_str(), thanks[0]["thread_ts"].as_str()), (Some("U1"), Some(ts)));
        t.web.clear();
        t.deliver("interactive", click("U1", &answer, "2000.000002", action)).await;
        let posts = t.web.calls_of("chat.postMessage");
        assert_eq!(posts.len(), 2, "{posts:#?}");
        assert_eq!(posts[0]["thread_ts"], ts);
        assert!(posts[0]["text"].as_str().unwrap().contains("상담원을 호출했"), "{}", posts[0]["text"]);
        assert_eq!(posts[1]["channel"], ESCALATION_CHANNEL);
        let summary = posts[1]["blocks"][2]["text"]["text"].as_str().unwrap();
        assert!(summary.starts_with(&format!("사유: {reason}\n질문: {ANSWERED}\n")), "{summary}");
        assert!(summary.contains("1. 환불은 어떻게 받나요? (refund) — 신뢰도 "), "{summary}");
        // A second click in the same thread does not hand over twice.
        t.web.clear();
        t.deliver("interactive", click("U1", &answer, "2000.000002", ACTION_HUMAN)).await;
        assert!(t.web.posts().is_empty());
    }
    t.stop().await;
}

#[tokio::test]
async fn slash_command_replies_privately_and_shares_on_click() {
    let t = SocketBot::start().await;
    let ack = t.deliver("slash_commands", command("U1", "C7", ANSWERED)).await;
    assert!(t.web.posts().is_empty(), "the reply travels in the ack");
    let payload = &ack.frame["payload"];
    assert_eq!(payload["response_type"], "ephemeral");
    assert_eq!(payload["text"], "주문 내역에서 환불 신청 버튼을 눌러 주세요.");
    let mut reply = payload.clone();
    reply["channel"] = json!("C7");
    assert_eq!(button_ids(&reply), [ACTION_HELPFUL, ACTION_UNHELPFUL, ACTION_HUMAN, ACTION_SHARE]);
    let share = reply["blocks"][2]["elements"][3]["value"].as_str().unwrap().to_string();
    t.deliver("interactive", click_value("U1", &reply, "2000.000003", ACTION_SHARE, &share, true)).await;
    let shared = t.web.calls_of("chat.postMessage");
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0]["channel"], "C7");
    assert!(shared[0].get("thread_ts").is_none());
    assert_eq!(shared[0]["blocks"][0]["elements"][0]["text"], "<@U1> 님이 공유한 답변");
    assert_eq!(shared[0]["text"], "주문 내역에서 환불 신청 버튼을 눌러 주세요.");

    // An unanswerable command: the notice in the ack, the handover posted.
    t.web.clear();
    let ack = t.deliver("slash_commands", command("U1", "C7", UNKNOWN)).await;
    assert_eq!(ack.frame["payload"]["text"], NOTICE);
    let posts = t.web.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["channel"], ESCALATION_CHANNEL);
    assert!(t.web.calls_of("chat.getPermalink").is_empty());
    t.stop().await;
}

#[tokio::test]
async fn redelivered_events_are_answered_once() {
    let t = SocketBot::start().await;
    let event = callback(mention("U1", "C1", "700.1", ANSWERED));
    t.socket.send_with_id("env-a", "events_api", event.clone(), 0);
    t.socket.ack("env-a", Duration::from_secs(5)).await;
    t.socket.send_with_id("env-a", "events_api", event.clone(), 1);
    t.socket.send_with_id("env-b", "events_api", event, 2);
    t.socket.ack("env-b", Duration::from_secs(5)).await;
    t.bot.idle().await;
    assert_eq!(t.web.calls_of("chat.postMessage").len(), 1);
    // A redelivered click too.
    let answer = t.web.calls_of("chat.postMessage").remove(0);
    t.web.clear();
    let click = click("U1", &answer, "2000.000004", ACTION_HELPFUL);
    t.deliver("interactive", click.clone()).await;
    t.deliver("interactive", click).await;
    assert_eq!(t.web.calls_of("chat.postEphemeral").len(), 1);
    t.stop().await;
}

#[tokio::test]
async fn rate_limited_post_waits_for_retry_after() {
    let t = SocketBot::start().await;
    t.web.rate_limit("chat.postMessage", 1);
    let start = Instant::now();
    t.deliver("events_api", callback(mention("U1", "C1", "800.1", ANSWERED))).await;
    let elapsed = start.elapsed();
    let methods: Vec<String> = t.web.calls().into_iter().map(|c| c.method).collect();
    assert_eq!(methods, ["chat.postMessage (429)", "chat.postMessage"]);
    assert!(elapsed >= Duration::from_millis(950), "Retry-After: 1 was not honoured ({elapsed:?})");
    t.stop().await;
}

#[tokio::test]
async fn envelope_is_acked_within_three_seconds_when_the_api_is_slow() {
    let t = SocketBot::start().await;
    t.web.set_delay(Duration::from_millis(3200));
    let id = t.socket.send("events_api", callback(mention("U1", "C1", "900.1", ANSWERED)));
    let ack = t.socket.ack(&id, Duration::from_secs(3)).await;
    assert!(ack.after < Duration::from_secs(1), "{ack:?}");
    assert!(t.web.calls_of("chat.postMessage").is_empty(), "the post is still in flight");
    t.bot.idle().await;
    assert_eq!(t.web.calls_of("chat.postMessage").len(), 1);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_of_200_events_is_drained() {
    let t = SocketBot::start().await;
    let questions = [ANSWERED, "몇 시까지 상담해요?", "배송", UNKNOWN, "택배비 얼마예요?"];
    let start = Instant::now();
    for i in 0..200 {
        let q = questions[i % questions.len()];
        t.socket.send("events_api", callback(dm(&format!("U{}", i % 7 + 1), &format!("1000.{i:04}"), q)));
    }
    // 200 replies, plus one handover per unanswerable question.
    let expected = 200 + 200 / questions.len();
    t.web.wait_for("chat.postMessage", expected, Duration::from_secs(30)).await;
    t.bot.idle().await;
    let elapsed = start.elapsed();
    println!("burst: 200 Socket Mode events drained in {:.0} ms ({} posts)", elapsed.as_secs_f64() * 1000.0, expected);
    assert_eq!(t.web.calls_of("chat.postMessage").len(), expected);
    t.stop().await;
}

#[tokio::test]
async fn debug_output_hides_tokens() {
    let t = SocketBot::start().await;
    let debug = format!("{:?} {:?}", t.bot, t.dir.settings("http://127.0.0.1:9/api", &[]));
    assert!(!debug.contains("xoxb-test") && !debug.contains("xapp-test"), "{debug}");
    t.stop().await;
}
