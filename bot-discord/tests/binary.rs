//! Black-box tests of the built `bot-discord` binary: configuration errors
//! at start, and a run against the fake Discord through `DISCORD_PROXY_URL`.

mod fake;

use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use fake::*;

const BIN: &str = env!("CARGO_BIN_EXE_bot-discord");
const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GsEcRt.do-not-print-this-token";

fn faq_file() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/faq.toml").to_string()
}

#[test]
fn missing_or_malformed_configuration_stops_at_start() {
    let out = Command::new(BIN).env_clear().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DISCORD_TOKEN"), "{err}");

    let out = Command::new(BIN).env_clear().env("DISCORD_TOKEN", TOKEN).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DISCORD_ESCALATION_CHANNEL_ID"), "{err}");
    assert!(!err.contains("do-not-print"), "{err}");

    let out = Command::new(BIN)
        .env_clear()
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_ESCALATION_CHANNEL_ID", "channel-twenty")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("DISCORD_ESCALATION_CHANNEL_ID"));

    let out = Command::new(BIN)
        .env_clear()
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_ESCALATION_CHANNEL_ID", "20")
        .env("FAQ_FILE", "/nonexistent/faq.toml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/faq.toml"), "{err}");

    let out = Command::new(BIN).args(["--config", "/nonexistent/bot.toml"]).env_clear().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/bot.toml"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_answers_through_the_proxy_and_never_logs_the_token() {
    let fake = FakeDiscord::start(0).await;
    let store = store_settings();
    let child = Command::new(BIN)
        .env_clear()
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_PROXY_URL", &fake.base)
        .env("DISCORD_ESCALATION_CHANNEL_ID", ESCALATION.to_string())
        .env("DISCORD_SUPPORT_ROLE_ID", SUPPORT_ROLE.to_string())
        .env("FAQ_FILE", faq_file())
        .env("FAQ_HOURS", "24/7")
        .env("FAQ_STORE", &store.path)
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map(|c| Running(Some(c)))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !fake.calls().iter().any(|c| c.method == "PUT") {
        if Instant::now() > deadline {
            let out = child.stop();
            panic!("no command registration; stderr:\n{}", String::from_utf8_lossy(&out.stderr));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    fake.dispatch(
        "MESSAGE_CREATE",
        message(1, DM_CHANNEL, None, USER, false, "고객센터 전화번호는 어디에서 확인할 수 있나요?", &[]),
    );
    let calls = fake.wait_calls(1).await;
    assert_eq!(calls[0].path, "/channels/40/messages");
    assert!(calls[0].body["content"].as_str().unwrap().contains("홈페이지 하단"));
    let out = child.stop();
    let logs = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(logs.contains("connected to Discord"), "{logs}");
    assert!(!logs.contains("do-not-print") && !logs.contains("GsEcRt"), "the token leaked into the logs:\n{logs}");
}

/// The bot process, stopped when dropped, so a failing test leaves none behind.
struct Running(Option<Child>);

impl Running {
    /// Stops the bot and returns what it printed.
    fn stop(mut self) -> Output {
        let mut child = self.0.take().expect("running");
        let _ = child.kill();
        child.wait_with_output().unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
