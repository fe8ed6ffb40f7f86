//! Durable handovers: failed posts are retried, pending ones survive a
//! restart, duplicates never make a second handover; feedback is kept.

use std::time::{Duration, Instant};

use bot_slack::render::{ACTION_HELPFUL, ACTION_UNHELPFUL};
use faq_core::store::{HandoverState, Retention, Store};
use serde_json::{json, Value};

use crate::fake::FakeWeb;
use crate::harness::*;

/// Waits until `n` handovers reached the escalation channel.
async fn handovers(web: &FakeWeb, n: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let posts = web.posts_to(ESCALATION_CHANNEL);
        if posts.len() >= n {
            return posts;
        }
        assert!(Instant::now() < deadline, "expected {n} handovers: {:#?}", web.calls());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn open(path: &str) -> Store {
    Store::open(path, Retention::Full).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_posts_are_retried_and_the_handover_posted_once() {
    let dir = test_dir();
    let store = dir.store_file().display().to_string();
    let t = SocketBot::start_with(&[("FAQ_STORE", &store)]).await;
    t.web.fail_posts_to(ESCALATION_CHANNEL, &[500, 429]);
    let started = Instant::now();
    t.deliver("events_api", callback(mention("U1", "C1", "800.1", UNKNOWN))).await;
    let posted = handovers(&t.web, 1).await;
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 honoured");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(t.web.posts_to(ESCALATION_CHANNEL).len(), 1);
    let failed: Vec<String> =
        t.web.calls().into_iter().map(|c| c.method).filter(|m| m.starts_with("chat.postMessage (")).collect();
    assert_eq!(failed, ["chat.postMessage (500)", "chat.postMessage (429)"]);
    assert_eq!(posted[0]["text"], format!("<!subteam^{SUPPORT_GROUP}> 상담원 연결 요청: {UNKNOWN}"));
    // The user was told once.
    assert_eq!(t.web.posts_to("C1").len(), 1);

    let s = open(&store);
    let h = &s.handovers().unwrap()[0];
    assert_eq!((h.state, h.attempts, h.dedupe_key.as_str()), (HandoverState::Posted, 2, "q:C1:800.1"));
    let unanswered = s.unanswered().unwrap();
    assert_eq!(unanswered.len(), 1);
    assert_eq!(unanswered[0].question.as_deref(), Some(UNKNOWN));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handover_stored_before_a_stop_is_posted_once_after_restart() {
    let dir = test_dir();
    let store = dir.store_file().display().to_string();
    // The first bot stores the handover but cannot post it before it stops.
    let t = SocketBot::start_with(&[("FAQ_STORE", &store)]).await;
    t.web.fail_posts_to(ESCALATION_CHANNEL, &[500; 100]);
    t.deliver("events_api", callback(mention("U1", "C1", "810.1", UNKNOWN))).await;
    t.stop().await;
    assert!(t_posts_none(&store));

    // A handover written by a run that died before posting anything.
    let payload = json!({"channel": ESCALATION_CHANNEL, "text": "seeded handover"}).to_string();
    open(&store).record_escalation("slack", "q:C2:1.1", "C2:1.1", "U2", Some(UNKNOWN), &payload).unwrap().unwrap();

    // The restart: the outbox posts what is pending before any event arrives.
    let web = FakeWeb::start().await;
    let bot = bot_slack::build(&dir.settings(&web.api_url(), &[("FAQ_STORE", &store)])).await.unwrap();
    let posted = handovers(&web, 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(web.posts_to(ESCALATION_CHANNEL).len(), 2, "each handover posted once");
    let mut texts: Vec<&str> = posted.iter().map(|p| p["text"].as_str().unwrap()).collect();
    texts.sort();
    assert_eq!(texts, [&format!("<!subteam^{SUPPORT_GROUP}> 상담원 연결 요청: {UNKNOWN}"), "seeded handover"]);
    // The thread handed over before the stop still waits for a human.
    assert_eq!(bot.waiting(), 2);
    drop(bot);

    // A third start posts nothing again.
    let web = FakeWeb::start().await;
    let _bot = bot_slack::build(&dir.settings(&web.api_url(), &[("FAQ_STORE", &store)])).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(web.posts_to(ESCALATION_CHANNEL).is_empty());
    assert!(open(&store).pending().unwrap().is_empty());
}

fn t_posts_none(store: &str) -> bool {
    let s = open(store);
    s.pending().unwrap().len() == 1 && s.handovers().unwrap().len() == 1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_event_never_makes_a_second_handover() {
    let dir = test_dir();
    let store = dir.store_file().display().to_string();
    let event = callback(mention("U1", "C1", "820.1", UNKNOWN));
    let t = SocketBot::start_with(&[("FAQ_STORE", &store)]).await;
    t.deliver("events_api", event.clone()).await;
    t.deliver("events_api", event.clone()).await;
    handovers(&t.web, 1).await;
    t.stop().await;
    // Slack redelivers the event to a restarted bot.
    let t = SocketBot::start_with(&[("FAQ_STORE", &store)]).await;
    t.deliver("events_api", event).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(t.web.posts().is_empty(), "{:#?}", t.web.posts());
    assert_eq!(open(&store).handovers().unwrap().len(), 1);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thumbs_up_and_down_are_recorded() {
    let dir = test_dir();
    let store = dir.store_file().display().to_string();
    let t = SocketBot::start_with(&[("FAQ_STORE", &store)]).await;
    t.deliver("events_api", callback(mention("U1", "C1", "830.1", ANSWERED))).await;
    let answer = t.web.calls_of("chat.postMessage").remove(0);
    t.deliver("interactive", click("U1", &answer, "2000.000001", ACTION_HELPFUL)).await;
    t.deliver("events_api", callback(mention("U1", "C1", "831.1", ANSWERED))).await;
    let answer = t.web.calls_of("chat.postMessage").pop().unwrap();
    t.deliver("interactive", click("U1", &answer, "2000.000002", ACTION_UNHELPFUL)).await;
    handovers(&t.web, 1).await;
    let s = open(&store);
    let counts = s.feedback_counts().unwrap();
    assert_eq!((counts[0].entry_id.as_str(), counts[0].helpful, counts[0].unhelpful), ("refund", 1, 1));
    assert_eq!(s.unhelpful_questions().unwrap(), [("refund".to_string(), ANSWERED.to_string())]);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slash_command_handover_is_resolved_in_the_store() {
    let dir = test_dir();
    let store = dir.store_file().display().to_string();
    let t = SocketBot::start_with(&[("FAQ_STORE", &store)]).await;
    t.deliver("slash_commands", command("U1", "C7", UNKNOWN)).await;
    let handover = handovers(&t.web, 1).await.remove(0);
    let posted_as = open(&store).handovers().unwrap()[0].message_ref.clone().expect("posted");
    t.deliver("interactive", click(RESOLVER, &handover, &posted_as, bot_slack::render::ACTION_RESOLVE)).await;
    let deadline = Instant::now() + Duration::from_secs(5);
    while open(&store).handovers().unwrap()[0].state != HandoverState::Resolved {
        assert!(Instant::now() < deadline, "{:#?}", open(&store).handovers().unwrap());
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(open(&store).handovers().unwrap()[0].resolved_by.as_deref(), Some(RESOLVER));
    t.stop().await;
}
