//! Events API over HTTP: the router is driven request by request; every
//! refused request must leave the fake Slack untouched.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use bot_slack::http::{router_with_clock, Verifier};
use bot_slack::{Bot, Secret};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::fake::FakeWeb;
use crate::harness::*;

const SECRET: &str = "test-signing-secret";
const NOW: i64 = 1_750_000_000;

struct HttpBot {
    web: FakeWeb,
    bot: Arc<Bot>,
    app: axum::Router,
    _dir: TestDir,
}

async fn start() -> HttpBot {
    let web = FakeWeb::start().await;
    let dir = test_dir();
    let settings =
        dir.settings(&web.api_url(), &[("SLACK_HTTP_ADDR", "127.0.0.1:0"), ("SLACK_SIGNING_SECRET", SECRET)]);
    let bot = bot_slack::build(&settings).await.unwrap();
    let app = router_with_clock(Arc::clone(&bot), &Secret::new(SECRET), Arc::new(|| NOW));
    web.clear();
    HttpBot { web, bot, app, _dir: dir }
}

fn signed(path: &str, body: &str, ts: i64, content_type: &str) -> Request<Body> {
    let sig = Verifier::sign(&Secret::new(SECRET), ts, body.as_bytes());
    Request::post(path)
        .header("content-type", content_type)
        .header("x-slack-request-timestamp", ts.to_string())
        .header("x-slack-signature", sig)
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).to_string())
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

#[tokio::test]
async fn url_verification_and_events_are_answered_once() {
    let h = start().await;
    let body = json!({"type": "url_verification", "token": "x", "challenge": "chal-123"}).to_string();
    let (status, text) = send(&h.app, signed("/slack/events", &body, NOW, "application/json")).await;
    assert_eq!(
        (status, serde_json::from_str::<Value>(&text).unwrap()),
        (StatusCode::OK, json!({"challenge": "chal-123"}))
    );

    let event = callback(mention("U1", "C1", "100.1", ANSWERED)).to_string();
    let (status, _) = send(&h.app, signed("/slack/events", &event, NOW, "application/json")).await;
    assert_eq!(status, StatusCode::OK);
    h.bot.idle().await;
    let posts = h.web.calls_of("chat.postMessage");
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["thread_ts"], "100.1");
    // Slack retries with a new signature and X-Slack-Retry-Num.
    let mut retry = signed("/slack/events", &event, NOW + 60, "application/json");
    retry.headers_mut().insert("x-slack-retry-num", "1".parse().unwrap());
    retry.headers_mut().insert("x-slack-retry-reason", "http_timeout".parse().unwrap());
    assert_eq!(send(&h.app, retry).await.0, StatusCode::OK);
    h.bot.idle().await;
    assert_eq!(h.web.calls_of("chat.postMessage").len(), 1);
}

#[tokio::test]
async fn commands_and_clicks_over_http() {
    let h = start().await;
    let body = form(&[
        ("token", "x"),
        ("team_id", "T1"),
        ("channel_id", "C7"),
        ("user_id", "U1"),
        ("command", "/faq"),
        ("text", ANSWERED),
        ("response_url", "http://127.0.0.1:9/r"),
        ("trigger_id", "trig-http-1"),
    ]);
    let (status, text) = send(&h.app, signed("/slack/commands", &body, NOW, "application/x-www-form-urlencoded")).await;
    assert_eq!(status, StatusCode::OK);
    let reply: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(reply["response_type"], "ephemeral");
    assert_eq!(reply["text"], "주문 내역에서 환불 신청 버튼을 눌러 주세요.");

    let mut posted = reply.clone();
    posted["channel"] = json!("C7");
    let payload = click("U1", &posted, "2000.1", bot_slack::render::ACTION_HELPFUL).to_string();
    let body = form(&[("payload", &payload)]);
    let (status, _) = send(&h.app, signed("/slack/actions", &body, NOW, "application/x-www-form-urlencoded")).await;
    assert_eq!(status, StatusCode::OK);
    h.bot.idle().await;
    assert_eq!(h.web.calls_of("chat.postEphemeral").len(), 1);
}

#[tokio::test]
async fn forged_stale_replayed_and_malformed_requests_are_refused() {
    let h = start().await;
    let event = callback(mention("U1", "C1", "100.1", ANSWERED)).to_string();
    let good_sig = Verifier::sign(&Secret::new(SECRET), NOW, event.as_bytes());
    let forged_sig = Verifier::sign(&Secret::new("another-secret"), NOW, event.as_bytes());
    let tampered = event.replace("100.1", "100.2");
    let req = |ts: Option<&str>, sig: Option<&str>, body: &str| {
        let mut r = Request::post("/slack/events").header("content-type", "application/json");
        if let Some(ts) = ts {
            r = r.header("x-slack-request-timestamp", ts);
        }
        if let Some(sig) = sig {
            r = r.header("x-slack-signature", sig);
        }
        r.body(Body::from(body.to_string())).unwrap()
    };
    let now = NOW.to_string();
    let stale = (NOW - 301).to_string();
    let future = (NOW + 301).to_string();
    let stale_sig = Verifier::sign(&Secret::new(SECRET), NOW - 301, event.as_bytes());
    let future_sig = Verifier::sign(&Secret::new(SECRET), NOW + 301, event.as_bytes());
    let upper = good_sig.to_uppercase().replace("V0=", "v0=");
    let corpus: Vec<(&str, Request<Body>)> = vec![
        ("no headers", req(None, None, &event)),
        ("no timestamp", req(None, Some(&good_sig), &event)),
        ("no signature", req(Some(&now), None, &event)),
        ("forged with another secret", req(Some(&now), Some(&forged_sig), &event)),
        ("body tampered after signing", req(Some(&now), Some(&good_sig), &tampered)),
        ("stale timestamp", req(Some(&stale), Some(&stale_sig), &event)),
        ("timestamp from the future", req(Some(&future), Some(&future_sig), &event)),
        ("timestamp changed after signing", req(Some(&(NOW + 1).to_string()), Some(&good_sig), &event)),
        ("malformed timestamp", req(Some("yesterday"), Some(&good_sig), &event)),
        ("empty timestamp", req(Some(""), Some(&good_sig), &event)),
        ("wrong version", req(Some(&now), Some(&good_sig.replace("v0=", "v1=")), &event)),
        ("no version", req(Some(&now), Some(good_sig.trim_start_matches("v0=")), &event)),
        ("not hex", req(Some(&now), Some(&format!("v0={}", "zz".repeat(32))), &event)),
        ("truncated", req(Some(&now), Some(&good_sig[..40]), &event)),
        ("empty signature", req(Some(&now), Some(""), &event)),
        ("all zeros", req(Some(&now), Some(&format!("v0={}", "0".repeat(64))), &event)),
        ("signature with extra bytes", req(Some(&now), Some(&format!("{good_sig}00")), &event)),
        ("upper-case hex of another body", req(Some(&now), Some(&upper), &tampered)),
    ];
    for (name, request) in corpus {
        let (status, _) = send(&h.app, request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
    }
    h.bot.idle().await;
    assert!(h.web.calls().is_empty(), "a refused request reached the bot: {:#?}", h.web.calls());

    // The genuine request is accepted once; replaying it byte for byte is refused.
    assert_eq!(send(&h.app, req(Some(&now), Some(&good_sig), &event)).await.0, StatusCode::OK);
    assert_eq!(send(&h.app, req(Some(&now), Some(&good_sig), &event)).await.0, StatusCode::UNAUTHORIZED);
    h.bot.idle().await;
    assert_eq!(h.web.calls_of("chat.postMessage").len(), 1);

    // Signed but malformed bodies are refused before the bot.
    h.web.clear();
    for body in ["{not json", "payload=%7Bnot+json", "neither=json"] {
        let ct = if body.starts_with('{') { "application/json" } else { "application/x-www-form-urlencoded" };
        assert_eq!(send(&h.app, signed("/slack/events", body, NOW, ct)).await.0, StatusCode::BAD_REQUEST, "{body}");
    }
    h.bot.idle().await;
    assert!(h.web.calls().is_empty());
}

#[tokio::test]
async fn ssl_check_is_acknowledged() {
    let h = start().await;
    let body = form(&[("ssl_check", "1"), ("token", "x")]);
    assert_eq!(
        send(&h.app, signed("/slack/commands", &body, NOW, "application/x-www-form-urlencoded")).await.0,
        StatusCode::OK
    );
    assert!(h.web.calls().is_empty());
}

#[test]
fn manifest_lists_the_events_and_scopes_used() {
    let manifest = include_str!("../../manifest.yaml");
    let listed = |section: &str| -> Vec<String> {
        let start = manifest.find(section).unwrap_or_else(|| panic!("no {section}"));
        manifest[start + section.len()..]
            .lines()
            .skip(1)
            .take_while(|l| l.trim_start().starts_with('-') || l.trim_start().starts_with('#'))
            .filter_map(|l| l.trim().strip_prefix("- ").map(str::to_string))
            .collect()
    };
    let mut scopes = listed("bot:");
    scopes.sort();
    assert_eq!(
        scopes,
        ["app_mentions:read", "channels:history", "chat:write", "commands", "groups:history", "im:history"]
    );
    let mut events = listed("bot_events:");
    events.sort();
    assert_eq!(events, ["app_mention", "message.channels", "message.groups", "message.im"]);
    assert!(manifest.contains("command: /faq") && manifest.contains("socket_mode_enabled: true"));
}
