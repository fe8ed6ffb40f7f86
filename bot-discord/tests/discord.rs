//! End-to-end tests against a fake Discord on 127.0.0.1 (REST + gateway).

mod fake;

use std::time::{Duration, Instant};

use bot_discord::config::Config;
use bot_discord::sanitize::{has_live_mention, HOSTILE_CORPUS};
use fake::*;
use faq_core::store::StoreSettings;
use serde_json::{json, Value};

/// Starts a bot with the configuration `config_of` makes from the fake's
/// base URL and a fresh store. The store is removed when the returned
/// [`TestStore`] is dropped, so a test keeps it while the bot runs.
async fn start_with(config_of: impl FnOnce(&str, &StoreSettings) -> Config, flags: u64) -> (FakeDiscord, TestStore) {
    let fake = FakeDiscord::start(flags).await;
    let store = store_settings();
    let config = config_of(&fake.base, &store);
    tokio::spawn(async move {
        if let Err(e) = bot_discord::run(config).await {
            eprintln!("bot stopped: {e:#}");
        }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while !fake.calls().iter().any(|c| c.method == "PUT" && c.path == format!("/applications/{BOT_ID}/commands")) {
        assert!(Instant::now() < deadline, "the bot never registered /faq: {:#?}", fake.calls());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    (fake, store)
}

async fn start() -> (FakeDiscord, TestStore) {
    start_with(config, 0).await
}

fn mention(id: u64, channel: u64, text: &str) -> Value {
    message(id, channel, Some(GUILD), USER, false, &format!("<@{BOT_ID}> {text}"), &[BOT_ID])
}

const ANSWERABLE: &str = "고객센터 전화번호는 어디에서 확인할 수 있나요?";
const UNKNOWN: &str = "우주선 발사 일정이 궁금합니다";

fn asker_mentions() -> Value {
    json!({"parse": [], "users": [USER.to_string()], "roles": [], "replied_user": true})
}

fn role_mentions() -> Value {
    json!({"parse": [], "users": [], "roles": [SUPPORT_ROLE.to_string()]})
}

fn button_ids(body: &Value) -> Vec<String> {
    body["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| b["custom_id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn is_post(c: &Call, path: &str) -> bool {
    c.method == "POST" && c.path == path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mention_gets_a_reply_with_the_answer_and_buttons() {
    let (fake, _store) = start().await;
    fake.dispatch("MESSAGE_CREATE", mention(101, CHANNEL, ANSWERABLE));
    let calls = fake.wait_calls(1).await;
    let c = &calls[0];
    assert!(is_post(c, "/channels/10/messages"), "{c:#?}");
    let content = c.body["content"].as_str().unwrap();
    assert!(content.starts_with("**Q. 고객센터 전화번호는 어디에서 확인할 수 있나요?**\n"), "{content}");
    assert_eq!(c.body["allowed_mentions"], asker_mentions());
    assert_eq!(c.body["message_reference"]["message_id"], "101");
    assert_eq!(button_ids(&c.body), ["faq:up:101:phone-number", "faq:down:101:phone-number", "faq:human:101"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_other_bots_and_unmentioned_messages_get_nothing() {
    let (fake, _store) = start().await;
    fake.dispatch("MESSAGE_CREATE", message(201, CHANNEL, Some(GUILD), BOT_ID, true, ANSWERABLE, &[BOT_ID]));
    fake.dispatch("MESSAGE_CREATE", message(202, CHANNEL, Some(GUILD), OTHER_BOT, true, ANSWERABLE, &[BOT_ID]));
    fake.dispatch("MESSAGE_CREATE", message(203, DM_CHANNEL, None, OTHER_BOT, true, ANSWERABLE, &[]));
    fake.dispatch("MESSAGE_CREATE", message(204, CHANNEL, Some(GUILD), USER, false, ANSWERABLE, &[]));
    // A DM from a person is answered: once its reply is there, the others had their chance.
    fake.dispatch("MESSAGE_CREATE", message(205, DM_CHANNEL, None, USER, false, ANSWERABLE, &[]));
    let calls = fake.wait_calls(1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let calls_after = fake.bot_calls();
    assert_eq!(calls_after.len(), 1, "{calls_after:#?}");
    assert!(is_post(&calls[0], "/channels/40/messages"));
    assert_eq!(calls[0].body["message_reference"]["message_id"], "205");
    assert_eq!(button_ids(&calls[0].body).len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_command_replies_ephemerally_with_a_share_button() {
    let (fake, _store) = start().await;
    fake.dispatch("INTERACTION_CREATE", slash(301, CHANNEL, Some(GUILD), USER, ANSWERABLE));
    let calls = fake.wait_calls(1).await;
    let c = &calls[0];
    assert!(is_post(c, "/interactions/301/tok301/callback"), "{c:#?}");
    assert_eq!(c.body["type"], 4);
    assert_eq!(c.body["data"]["flags"], 64, "ephemeral");
    assert!(c.body["data"]["content"].as_str().unwrap().contains("고객센터 전화번호"));
    assert_eq!(c.body["data"]["allowed_mentions"], json!({"parse": [], "users": [USER.to_string()], "roles": []}));
    let ids = button_ids(&c.body["data"]);
    assert_eq!(ids[3], "faq:share:301:phone-number", "{ids:?}");

    // Share: a public message with the answer, pinging nobody.
    fake.clear();
    let ephemeral = bot_message(302, CHANNEL, "x", true);
    fake.dispatch("INTERACTION_CREATE", click(303, CHANNEL, Some(GUILD), USER, &[], &ids[3], ephemeral));
    let calls = fake.wait_calls(1).await;
    assert_eq!(calls[0].body["type"], 4);
    assert_eq!(calls[0].body["data"]["flags"], 0);
    assert!(calls[0].body["data"]["content"].as_str().unwrap().starts_with("<@500> 님이 공유한 답변입니다.\n**Q. "));
    assert_eq!(calls[0].body["data"]["allowed_mentions"], json!({"parse": [], "users": [], "roles": []}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_request_for_a_person_hands_over_as_the_button_does() {
    let (fake, _store) = start().await;
    fake.dispatch("MESSAGE_CREATE", mention(451, CHANNEL, "챗봇 말고 상담원 연결해 주세요"));
    let calls = fake.wait_calls(3).await;
    assert!(is_post(&calls[0], "/channels/10/messages"), "{calls:#?}");
    assert!(calls[0].body["content"].as_str().unwrap().starts_with("상담원을 호출했습니다."), "{calls:#?}");
    assert!(is_post(&calls[2], "/channels/20/messages"), "{calls:#?}");
    let text = calls[2].body["content"].as_str().unwrap();
    assert!(text.contains("사유: 사용자가 상담원 연결을 요청함\n질문: 챗봇 말고 상담원 연결해 주세요"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn low_confidence_hands_over_and_stays_silent_until_resolved() {
    let (fake, _store) = start().await;
    fake.dispatch("MESSAGE_CREATE", mention(401, CHANNEL, UNKNOWN));
    let calls = fake.wait_calls(3).await;
    // 1. the notice, as a reply to the asker
    assert!(is_post(&calls[0], "/channels/10/messages"), "{calls:#?}");
    assert!(calls[0].body["content"].as_str().unwrap().contains("상담원을 호출했습니다"));
    assert_eq!(calls[0].body["allowed_mentions"], asker_mentions());
    assert!(calls[0].body.get("components").is_none() || button_ids(&calls[0].body).is_empty());
    // 2. a thread on the question
    assert!(is_post(&calls[1], "/channels/10/messages/401/threads"), "{calls:#?}");
    assert_eq!(calls[1].body["name"], "상담: 우주선 발사 일정이 궁금합니다");
    // 3. the handover, mentioning only the support role
    let h = &calls[2];
    assert!(is_post(h, "/channels/20/messages"), "{h:#?}");
    assert_eq!(h.body["allowed_mentions"], role_mentions());
    let text = h.body["content"].as_str().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "**상담원 연결 요청** <@&30>");
    assert_eq!(lines[1], "문의자: <@500> (<#10>)");
    assert_eq!(lines[2], "원본 메시지: https://discord.com/channels/1/10/401");
    assert_eq!(lines[3], "스레드: <#401>");
    assert_eq!(lines[4], "사유: 봇이 답변을 찾지 못함");
    assert_eq!(lines[5], "질문: 우주선 발사 일정이 궁금합니다");
    assert!(text.contains("상담 시간: 지금 응대 가능"), "{text}");
    assert_eq!(button_ids(&h.body), ["faq:resolve:401:t:401:500"]);

    // Silent in the thread while a human handles it.
    fake.clear();
    fake.dispatch("MESSAGE_CREATE", mention(402, 401, ANSWERABLE));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(fake.bot_calls().is_empty(), "{:#?}", fake.bot_calls());

    // Someone without a resolver role is politely refused.
    let handover = bot_message(403, ESCALATION, text, false);
    fake.dispatch(
        "INTERACTION_CREATE",
        click(404, ESCALATION, Some(GUILD), USER, &[], "faq:resolve:401:t:401:500", handover.clone()),
    );
    let calls = fake.wait_calls(1).await;
    assert!(is_post(&calls[0], "/interactions/404/tok404/callback"));
    assert_eq!(calls[0].body["type"], 4);
    assert_eq!(calls[0].body["data"]["flags"], 64);
    assert_eq!(calls[0].body["data"]["content"], "죄송합니다. 이 작업은 지정된 상담원만 할 수 있습니다.");
    fake.clear();
    fake.dispatch("MESSAGE_CREATE", mention(405, 401, ANSWERABLE));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(fake.bot_calls().is_empty(), "still silent after a refused resolve");

    // The support role resolves: the handover is updated, the asker told in the thread.
    fake.dispatch(
        "INTERACTION_CREATE",
        click(406, ESCALATION, Some(GUILD), AGENT, &[SUPPORT_ROLE], "faq:resolve:401:t:401:500", handover),
    );
    let calls = fake.wait_calls(2).await;
    let update = calls.iter().find(|c| c.path == "/interactions/406/tok406/callback").expect("update");
    assert_eq!(update.body["type"], 7);
    assert!(update.body["data"]["content"].as_str().unwrap().ends_with("\n✅ <@600> 님이 해결 완료로 표시했습니다."));
    assert_eq!(update.body["data"]["components"], json!([]));
    assert_eq!(update.body["data"]["allowed_mentions"], json!({"parse": [], "users": [], "roles": []}));
    let told = calls.iter().find(|c| is_post(c, "/channels/401/messages")).expect("resolved notice");
    assert_eq!(
        told.body["content"],
        "<@500> 상담원이 이 문의를 해결 완료로 표시했습니다. 새로운 질문은 언제든지 남겨 주세요."
    );
    assert_eq!(told.body["allowed_mentions"], json!({"parse": [], "users": [USER.to_string()], "roles": []}));

    // Answering again in the thread.
    fake.clear();
    fake.dispatch("MESSAGE_CREATE", mention(407, 401, ANSWERABLE));
    let calls = fake.wait_calls(1).await;
    assert!(is_post(&calls[0], "/channels/401/messages"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buttons_do_what_they_say() {
    let (fake, _store) = start().await;
    fake.dispatch("MESSAGE_CREATE", mention(501, NO_THREADS, ANSWERABLE));
    let calls = fake.wait_calls(1).await;
    let answer = bot_message(502, NO_THREADS, calls[0].body["content"].as_str().unwrap(), false);

    // 👍: thanks, only to the clicker.
    fake.clear();
    fake.dispatch(
        "INTERACTION_CREATE",
        click(503, NO_THREADS, Some(GUILD), USER, &[], "faq:up:501:phone-number", answer.clone()),
    );
    let calls = fake.wait_calls(1).await;
    assert_eq!(calls[0].body["data"]["flags"], 64);
    assert_eq!(calls[0].body["data"]["content"], "의견 감사합니다. 더 나은 답변을 위해 참고하겠습니다.");

    // A suggestion: that entry's answer.
    fake.clear();
    fake.dispatch(
        "INTERACTION_CREATE",
        click(504, NO_THREADS, Some(GUILD), USER, &[], "faq:pick:501:operating-hours", answer.clone()),
    );
    let calls = fake.wait_calls(1).await;
    assert_eq!(calls[0].body["type"], 4);
    assert!(calls[0].body["data"]["content"]
        .as_str()
        .unwrap()
        .starts_with("**Q. 고객센터 운영 시간은 어떻게 되나요?**"));
    assert_eq!(button_ids(&calls[0].body["data"])[0], "faq:up:501:operating-hours");

    // Another user cannot escalate someone else's question.
    fake.clear();
    fake.dispatch(
        "INTERACTION_CREATE",
        click(505, NO_THREADS, Some(GUILD), AGENT, &[], "faq:down:501:phone-number", answer.clone()),
    );
    let calls = fake.wait_calls(1).await;
    assert_eq!(calls[0].body["data"]["content"], "죄송합니다. 이 버튼은 질문하신 분만 누를 수 있습니다.");

    // 👎 by the asker: notice, no thread possible here, handover with the reason.
    fake.clear();
    fake.dispatch(
        "INTERACTION_CREATE",
        click(506, NO_THREADS, Some(GUILD), USER, &[], "faq:down:501:phone-number", answer.clone()),
    );
    let calls = fake.wait_calls(3).await;
    assert_eq!(calls[0].path, "/interactions/506/tok506/callback");
    assert!(calls[0].body["data"]["content"].as_str().unwrap().starts_with("답변이 도움이 되지 않아 죄송합니다."));
    assert_eq!(calls[1].path, "/channels/50/messages/501/threads");
    let h = &calls[2];
    assert!(is_post(h, "/channels/20/messages"));
    assert_eq!(h.body["allowed_mentions"], role_mentions());
    let text = h.body["content"].as_str().unwrap();
    assert!(text.contains("사유: 사용자가 봇의 답변이 도움이 안 된다고 표시함"), "{text}");
    assert!(text.contains("phone-number"), "candidates listed: {text}");
    assert!(text.contains("신뢰도"), "{text}");
    assert!(!text.contains("스레드:"), "{text}");
    assert_eq!(button_ids(&h.body), ["faq:resolve:501:n:0:500"]);

    // 상담원 연결 on the same question: no second handover.
    fake.clear();
    fake.dispatch("INTERACTION_CREATE", click(507, NO_THREADS, Some(GUILD), USER, &[], "faq:human:501", answer));
    let calls = fake.wait_calls(1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(fake.bot_calls().len(), 1);
    assert_eq!(calls[0].body["data"]["content"], "이미 상담원을 호출했습니다. 조금만 기다려 주세요.");

    // 상담원 연결 from a fresh DM question.
    fake.clear();
    fake.dispatch("MESSAGE_CREATE", message(508, DM_CHANNEL, None, USER, false, ANSWERABLE, &[]));
    let calls = fake.wait_calls(1).await;
    let answer = bot_message(509, DM_CHANNEL, calls[0].body["content"].as_str().unwrap(), false);
    fake.clear();
    fake.dispatch("INTERACTION_CREATE", click(510, DM_CHANNEL, None, USER, &[], "faq:human:508", answer));
    let calls = fake.wait_calls(2).await;
    assert!(calls[0].body["data"]["content"].as_str().unwrap().starts_with("상담원을 호출했습니다."));
    let text = calls[1].body["content"].as_str().unwrap();
    assert!(text.contains("사유: 사용자가 상담원 연결을 요청함") && text.contains("(DM)"), "{text}");
    assert_eq!(button_ids(&calls[1].body), ["faq:resolve:508:d:40:500"]);

    // A button the bot does not know.
    fake.clear();
    let stale = bot_message(511, CHANNEL, "x", false);
    fake.dispatch("INTERACTION_CREATE", click(512, CHANNEL, Some(GUILD), USER, &[], "faq:human:999", stale));
    let calls = fake.wait_calls(1).await;
    assert_eq!(calls[0].body["data"]["content"], "이 버튼은 더 이상 사용할 수 없습니다. 질문을 다시 입력해 주세요.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_command_escalation_is_ephemeral_and_handed_over() {
    let (fake, _store) = start().await;
    fake.dispatch("INTERACTION_CREATE", slash(601, CHANNEL, Some(GUILD), USER, UNKNOWN));
    let calls = fake.wait_calls(2).await;
    assert_eq!(calls[0].path, "/interactions/601/tok601/callback");
    assert_eq!(calls[0].body["data"]["flags"], 64);
    assert!(is_post(&calls[1], "/channels/20/messages"));
    assert_eq!(calls[1].body["allowed_mentions"], role_mentions());
    assert!(!calls[1].body["content"].as_str().unwrap().contains("원본 메시지"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_mentions_ping_nobody() {
    let (fake, _store) = start().await;
    for (i, hostile) in HOSTILE_CORPUS.iter().enumerate() {
        fake.dispatch("MESSAGE_CREATE", mention(10_000 + i as u64, NO_THREADS, hostile));
        fake.dispatch("INTERACTION_CREATE", slash(20_000 + i as u64, CHANNEL, Some(GUILD), USER, hostile));
    }
    // Every question gets at least its reply; escalations add a handover.
    let n = HOSTILE_CORPUS.len();
    let calls = fake
        .wait_for("replies to the whole corpus", |calls| {
            let replies = calls.iter().filter(|c| is_post(c, "/channels/50/messages")).count();
            let answers = calls.iter().filter(|c| c.path.starts_with("/interactions/")).count();
            replies >= n && answers >= n
        })
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let calls = if fake.bot_calls().len() > calls.len() { fake.bot_calls() } else { calls };
    let mut handovers = 0;
    for c in &calls {
        let (body, reply) =
            if c.path.starts_with("/interactions/") { (&c.body["data"], false) } else { (&c.body, true) };
        if body.get("content").is_none() {
            continue;
        }
        let allowed = &body["allowed_mentions"];
        assert_eq!(allowed["parse"], json!([]), "{c:#?}");
        if c.path == "/channels/20/messages" {
            handovers += 1;
            assert_eq!(*allowed, role_mentions());
            let text = body["content"].as_str().unwrap();
            // Beyond the header (role and asker, both intended), nothing can ping.
            let quoted = text.lines().skip(2).collect::<Vec<_>>().join("\n");
            assert!(!has_live_mention(&quoted), "{text}");
            assert!(!quoted.contains("](http"), "{text}");
        } else if c.path.ends_with("/threads") {
            assert!(!has_live_mention(body["name"].as_str().unwrap_or_default()));
        } else if reply {
            assert_eq!(*allowed, asker_mentions(), "{c:#?}");
        } else {
            assert_eq!(allowed["roles"], json!([]), "{c:#?}");
            assert_eq!(allowed["users"], json!([USER.to_string()]), "{c:#?}");
        }
    }
    assert!(handovers > 0, "the corpus produced no handover: {calls:#?}");

    // One exact payload: the question line of a hostile handover.
    fake.clear();
    fake.dispatch(
        "MESSAGE_CREATE",
        mention(
            30_000,
            NO_THREADS,
            "@everyone <@&987654321098765432> ＠here 우주선 발사 일정 [링크](https://evil.example)",
        ),
    );
    let calls = fake.wait_for("a handover", |c| c.iter().any(|c| c.path == "/channels/20/messages")).await;
    let h = calls.iter().find(|c| c.path == "/channels/20/messages").unwrap();
    assert_eq!(h.body["allowed_mentions"], role_mentions());
    let line = h.body["content"].as_str().unwrap().lines().find(|l| l.starts_with("질문: ")).unwrap().to_string();
    assert_eq!(
        line,
        "질문: @\u{200b}everyone \\<@\u{200b}&987654321098765432\\> @\u{200b}here 우주선 발사 일정 \\[링크\\]\\(https\\://evil.example\\)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_channels_need_the_message_content_intent() {
    // Not granted: the mode is off, so an unmentioned message gets nothing.
    let (fake, _store) = start_with(
        |base, store| {
            let mut c = config(base, store);
            c.discord.answer_channel_ids = vec![CHANNEL];
            c
        },
        0,
    )
    .await;
    assert!(fake.calls().iter().any(|c| c.path == "/oauth2/applications/@me"));
    fake.dispatch("MESSAGE_CREATE", message(701, CHANNEL, Some(GUILD), USER, false, ANSWERABLE, &[]));
    fake.dispatch("MESSAGE_CREATE", message(702, DM_CHANNEL, None, USER, false, ANSWERABLE, &[]));
    let calls = fake.wait_calls(1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(fake.bot_calls().len(), 1);
    assert_eq!(calls[0].path, "/channels/40/messages");

    // Granted (GATEWAY_MESSAGE_CONTENT): every message there is answered.
    let (fake, _store) = start_with(
        |base, store| {
            let mut c = config(base, store);
            c.discord.answer_channel_ids = vec![CHANNEL];
            c
        },
        1 << 18,
    )
    .await;
    fake.dispatch("MESSAGE_CREATE", message(703, CHANNEL, Some(GUILD), USER, false, ANSWERABLE, &[]));
    let calls = fake.wait_calls(1).await;
    assert_eq!(calls[0].path, "/channels/10/messages");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burst_of_200_messages_is_drained() {
    let (fake, _store) = start().await;
    let started = Instant::now();
    for i in 0..200u64 {
        fake.dispatch("MESSAGE_CREATE", message(50_000 + i, DM_CHANNEL, None, USER, false, ANSWERABLE, &[]));
    }
    let calls = fake.wait_for("200 replies", |c| c.len() >= 200).await;
    let elapsed = started.elapsed();
    println!("bot-discord burst: 200 MESSAGE_CREATE drained (200 replies recorded) in {elapsed:?}");
    assert!(calls.iter().all(|c| is_post(c, "/channels/40/messages")));
    let mut replied: Vec<&str> =
        calls.iter().map(|c| c.body["message_reference"]["message_id"].as_str().unwrap()).collect();
    replied.sort();
    replied.dedup();
    assert_eq!(replied.len(), 200, "each message answered once");
}
