//! The built `bot-slack` binary, black-box: configuration errors, and a
//! full HTTP-mode run against the fake Slack with every log line checked
//! for secrets.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bot_slack::http::Verifier;
use bot_slack::Secret;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::fake::FakeWeb;
use crate::harness::*;

const BIN: &str = env!("CARGO_BIN_EXE_bot-slack");
const BOT_TOKEN: &str = "xoxb-binary-secret-token";
const SIGNING_SECRET: &str = "binary-signing-secret";

fn run(env: &[(&str, &str)], args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN).args(args).env_clear().envs(env.iter().copied()).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn configuration_errors_name_the_variable() {
    let (code, err) = run(&[], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("SLACK_BOT_TOKEN"), "{err}");
    let base = [("SLACK_BOT_TOKEN", BOT_TOKEN), ("SLACK_APP_TOKEN", "xapp-binary-app-token")];
    let (code, err) = run(&base, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("SLACK_ESCALATION_CHANNEL"), "{err}");
    let mut env = base.to_vec();
    env.extend([("SLACK_ESCALATION_CHANNEL", "C1"), ("FAQ_MIN_MARGIN", "lots")]);
    let (code, err) = run(&env, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("FAQ_MIN_MARGIN"), "{err}");
    let (code, err) = run(&env[..3], &["--http", "127.0.0.1:1"]);
    assert_eq!(code, 2);
    assert!(err.contains("SLACK_SIGNING_SECRET"), "{err}");
    assert!(!err.contains(BOT_TOKEN), "{err}");
    let (code, out) = run(&[], &["--help"]);
    assert_eq!(code, 0, "{out}");
}

async fn http(addr: &str, path: &str, headers: &[(&str, String)], body: &str) -> Option<(u16, String)> {
    let mut s = tokio::net::TcpStream::connect(addr).await.ok()?;
    let method = if body.is_empty() { "GET" } else { "POST" };
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).await.ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).await.ok()?;
    let status = out.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, out))
}

/// Starts the built bot with these arguments and Slack settings, on the
/// test FAQ in `dir`, always on duty, with a fresh store there, logging
/// everything to `log_path`.
fn spawn_bot(dir: &TestDir, args: &[&str], slack: &[(&str, &str)], log_path: &std::path::Path) -> Running {
    let log = std::fs::File::create(log_path).unwrap();
    let faq = dir.faq_file().display().to_string();
    let store = dir.store_file().display().to_string();
    Command::new(BIN)
        .args(args)
        .env_clear()
        .envs(slack.iter().copied())
        .envs([("FAQ_FILE", faq.as_str()), ("FAQ_HOURS", "24/7"), ("FAQ_STORE", store.as_str()), ("RUST_LOG", "trace")])
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .spawn()
        .map(Running)
        .unwrap()
}

/// The bot process, stopped when dropped, so a failing test leaves none behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_mode_binary_answers_and_never_logs_secrets() {
    let web = FakeWeb::start().await;
    web.rate_limit("chat.postMessage", 1);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let dir = test_dir();
    let log_path = dir.path().join("binary-http.log");
    let mut child = spawn_bot(
        &dir,
        &["--http", &addr],
        &[
            ("SLACK_BOT_TOKEN", BOT_TOKEN),
            ("SLACK_SIGNING_SECRET", SIGNING_SECRET),
            ("SLACK_API_URL", &web.api_url()),
            ("SLACK_ESCALATION_CHANNEL", ESCALATION_CHANNEL),
            ("SLACK_SUPPORT_GROUP", SUPPORT_GROUP),
        ],
        &log_path,
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some((200, _)) = http(&addr, "/healthz", &[], "").await {
            break;
        }
        assert!(Instant::now() < deadline, "the binary did not start: {}", std::fs::read_to_string(&log_path).unwrap());
        assert!(
            child.0.try_wait().unwrap().is_none(),
            "the binary exited: {}",
            std::fs::read_to_string(&log_path).unwrap()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let now = chrono::Utc::now().timestamp();
    let sign = |body: &str| {
        vec![
            ("content-type", "application/json".to_string()),
            ("x-slack-request-timestamp", now.to_string()),
            ("x-slack-signature", Verifier::sign(&Secret::new(SIGNING_SECRET), now, body.as_bytes())),
        ]
    };
    let forged = callback(mention("U1", "C1", "10.1", ANSWERED)).to_string();
    let mut headers = sign(&forged);
    headers[2].1 = Verifier::sign(&Secret::new("wrong"), now, forged.as_bytes());
    assert_eq!(http(&addr, "/slack/events", &headers, &forged).await.map(|r| r.0), Some(401));
    for (ts, q) in [("10.2", ANSWERED), ("10.3", UNKNOWN)] {
        let body = callback(mention("U1", "C1", ts, q)).to_string();
        assert_eq!(http(&addr, "/slack/events", &sign(&body), &body).await.map(|r| r.0), Some(200));
    }
    // One answer, one notice, one handover; the first post was rate-limited once.
    let posts = web.wait_for("chat.postMessage", 3, Duration::from_secs(15)).await;
    assert!(posts.iter().all(|p| p["thread_ts"] != "10.1"), "the forged request was answered");
    assert_eq!(web.calls().iter().filter(|c| c.method == "chat.postMessage (429)").count(), 1);
    drop(child);
    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(logs.contains("Slack call failed, retrying"), "{logs}");
    for secret in [BOT_TOKEN, "binary-secret-token", SIGNING_SECRET] {
        assert!(!logs.contains(secret), "{secret} appears in the logs");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_mode_binary_answers_and_never_logs_tokens() {
    let web = crate::fake::FakeWeb::start().await;
    let socket = crate::fake::FakeSocket::start().await;
    web.set_ws_url(&socket.url);
    let app_token = "xapp-binary-secret-app-token";
    let dir = test_dir();
    let log_path = dir.path().join("binary-socket.log");
    let child = spawn_bot(
        &dir,
        &[],
        &[
            ("SLACK_BOT_TOKEN", BOT_TOKEN),
            ("SLACK_APP_TOKEN", app_token),
            ("SLACK_API_URL", &web.api_url()),
            ("SLACK_ESCALATION_CHANNEL", ESCALATION_CHANNEL),
        ],
        &log_path,
    );
    socket.connected().await;
    let id = socket.send("events_api", callback(dm("U1", "20.1", ANSWERED)));
    let ack = socket.ack(&id, Duration::from_secs(10)).await;
    assert!(ack.after < Duration::from_secs(3));
    let posts = web.wait_for("chat.postMessage", 1, Duration::from_secs(10)).await;
    assert_eq!(posts[0]["text"], "주문 내역에서 환불 신청 버튼을 눌러 주세요.");
    let opened = web.calls().into_iter().find(|c| c.method == "apps.connections.open").expect("apps.connections.open");
    assert_eq!(opened.auth.as_deref(), Some(format!("Bearer {app_token}").as_str()));
    drop(child);
    let logs = std::fs::read_to_string(&log_path).unwrap();
    for secret in [BOT_TOKEN, app_token, "binary-secret"] {
        assert!(!logs.contains(secret), "{secret} appears in the logs");
    }
}
