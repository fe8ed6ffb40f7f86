//! Durable handovers against the fake Discord: failed posts are retried,
//! pending ones survive a restart, duplicates never make a second handover;
//! feedback and unanswered questions are kept.

mod fake;

use std::time::{Duration, Instant};

use fake::*;
use faq_core::store::{HandoverState, Retention, Store, StoreSettings};
use serde_json::{json, Value};

const ANSWERABLE: &str = "고객센터 전화번호는 어디에서 확인할 수 있나요?";
const UNKNOWN: &str = "우주선 발사 일정이 궁금합니다";

async fn start(store: &StoreSettings) -> FakeDiscord {
    let fake = FakeDiscord::start(0).await;
    let config = config(&fake.base, store);
    tokio::spawn(async move {
        if let Err(e) = bot_discord::run(config).await {
            eprintln!("bot stopped: {e:#}");
        }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while !fake.calls().iter().any(|c| c.method == "PUT") {
        assert!(Instant::now() < deadline, "the bot never registered /faq: {:#?}", fake.calls());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    fake
}

fn mention(id: u64, text: &str) -> Value {
    message(id, CHANNEL, Some(GUILD), USER, false, &format!("<@{BOT_ID}> {text}"), &[BOT_ID])
}

/// Successful handover posts so far.
fn handovers(fake: &FakeDiscord) -> Vec<Call> {
    fake.calls()
        .into_iter()
        .filter(|c| c.method == "POST" && c.path == format!("/channels/{ESCALATION}/messages"))
        .collect()
}

async fn wait_handovers(fake: &FakeDiscord, n: usize) -> Vec<Call> {
    fake.wait_for(&format!("{n} handovers"), |_| handovers(fake).len() >= n).await;
    handovers(fake)
}

fn open(s: &StoreSettings) -> Store {
    Store::open(&s.path, Retention::Full).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_posts_are_retried_and_the_handover_posted_once() {
    let store = store_settings();
    let fake = start(&store).await;
    fake.fail_posts(ESCALATION, &[500, 429]);
    let started = Instant::now();
    fake.dispatch("MESSAGE_CREATE", mention(401, UNKNOWN));
    let posted = wait_handovers(&fake, 1).await;
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 honoured");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(handovers(&fake).len(), 1);
    let failed: Vec<String> = fake.calls().into_iter().map(|c| c.method).filter(|m| m.starts_with("POST (")).collect();
    assert_eq!(failed, ["POST (500)", "POST (429)"]);
    let content = posted[0].body["content"].as_str().unwrap();
    assert!(content.starts_with("**상담원 연결 요청** <@&30>"), "{content}");
    assert!(content.contains("스레드: <#401>"), "the thread is in the stored handover: {content}");
    assert_eq!(
        posted[0].body["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": [SUPPORT_ROLE.to_string()]})
    );

    let s = open(&store);
    let h = &s.handovers().unwrap()[0];
    assert_eq!((h.state, h.attempts, h.dedupe_key.as_str()), (HandoverState::Posted, 2, "ask:401"));
    assert_eq!(s.unanswered().unwrap()[0].question.as_deref(), Some(UNKNOWN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handover_stored_before_a_stop_is_posted_once_after_restart() {
    let store = store_settings();
    let message = json!({"content": "seeded handover", "allowed_mentions": {"parse": []}});
    let payload = bot_discord::outbox::payload(ESCALATION, &message);
    open(&store).record_escalation("discord", "ask:999", "ask:999", "500", Some(UNKNOWN), &payload).unwrap().unwrap();

    let fake = start(&store).await;
    let posted = wait_handovers(&fake, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(handovers(&fake).len(), 1);
    assert_eq!(posted[0].body["content"], "seeded handover");
    assert!(open(&store).pending().unwrap().is_empty());

    // Another start posts nothing again.
    let fake = start(&store).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(handovers(&fake).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_event_never_makes_a_second_handover() {
    let store = store_settings();
    let fake = start(&store).await;
    fake.dispatch("MESSAGE_CREATE", mention(501, UNKNOWN));
    fake.dispatch("MESSAGE_CREATE", mention(501, UNKNOWN));
    wait_handovers(&fake, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(handovers(&fake).len(), 1);

    // The same event reaches a restarted bot.
    let fake = start(&store).await;
    fake.dispatch("MESSAGE_CREATE", mention(501, UNKNOWN));
    fake.wait_calls(1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(handovers(&fake).is_empty(), "{:#?}", fake.bot_calls());
    assert_eq!(open(&store).handovers().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thumbs_up_and_down_are_recorded() {
    let store = store_settings();
    let fake = start(&store).await;
    fake.dispatch("MESSAGE_CREATE", mention(601, ANSWERABLE));
    fake.wait_calls(1).await;
    let answer = bot_message(602, CHANNEL, "answer", false);
    fake.dispatch(
        "INTERACTION_CREATE",
        click(603, CHANNEL, Some(GUILD), USER, &[], "faq:up:601:phone-number", answer.clone()),
    );
    fake.wait_calls(2).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        click(604, CHANNEL, Some(GUILD), USER, &[], "faq:down:601:phone-number", answer),
    );
    wait_handovers(&fake, 1).await;
    let s = open(&store);
    let counts = s.feedback_counts().unwrap();
    assert_eq!((counts[0].entry_id.as_str(), counts[0].helpful, counts[0].unhelpful), ("phone-number", 1, 1));
    assert_eq!(s.unhelpful_questions().unwrap(), [("phone-number".to_string(), ANSWERABLE.to_string())]);
}
