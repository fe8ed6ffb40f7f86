//! Starting the bot against the fake Slack, and building Slack payloads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bot_slack::socket::SocketOptions;
use bot_slack::{Bot, Cli, Secret, Settings};
use serde_json::{json, Value};
use tokio::sync::oneshot;

use crate::fake::{Ack, FakeSocket, FakeWeb};

/// A small FAQ, so the tests do not depend on the shipped one.
pub const FAQ: &str = r#"
[[entries]]
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
id = "shipping-time"
question = "배송은 얼마나 걸리나요?"
alternates = ["배송 기간이 궁금해요", "언제 도착하나요?"]
answer = "보통 2~3일 안에 도착합니다."

[[entries]]
id = "shipping-fee"
question = "배송비는 얼마인가요?"
alternates = ["택배비 얼마예요?"]
answer = "3만 원 이상 주문하시면 무료입니다."

[[entries]]
id = "shipping-address"
question = "배송지를 변경하고 싶어요"
alternates = ["주소 바꾸기", "배송 주소 수정"]
answer = "출고 전이면 주문 상세에서 배송지를 바꿀 수 있습니다."
"#;

pub const ANSWERED: &str = "환불은 어떻게 받나요?";
pub const UNKNOWN: &str = "주차장은 어디에 있나요?";
pub const ESCALATION_CHANNEL: &str = "CESC";
pub const SUPPORT_GROUP: &str = "SSUP";
pub const RESOLVER: &str = "URES";

/// A new temporary directory holding the test FAQ, where one test's bots
/// keep their stores and logs.
pub fn test_dir() -> TestDir {
    let dir = tempfile::Builder::new().prefix("bot-slack-e2e-").tempdir().unwrap();
    std::fs::write(dir.path().join("faq.toml"), FAQ).unwrap();
    TestDir(dir)
}

/// A test's temporary directory. It is removed when dropped, so a test keeps
/// it while its bots run.
pub struct TestDir(tempfile::TempDir);

impl TestDir {
    /// The directory.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// The test FAQ.
    pub fn faq_file(&self) -> PathBuf {
        self.path().join("faq.toml")
    }

    /// A fresh store file for one bot.
    pub fn store_file(&self) -> PathBuf {
        self.path().join(format!("store-{}.sqlite3", next_id()))
    }

    /// Settings for a bot against the fake, on the test FAQ; each bot gets its
    /// own store unless `FAQ_STORE` is in `extra`. Handover retries start at
    /// 20 ms.
    pub fn settings(&self, api_url: &str, extra: &[(&str, &str)]) -> Settings {
        let faq = self.faq_file();
        let mut env: HashMap<String, String> = [
            ("SLACK_BOT_TOKEN", "xoxb-test-bot-token"),
            ("SLACK_APP_TOKEN", "xapp-test-app-token"),
            ("SLACK_ESCALATION_CHANNEL", ESCALATION_CHANNEL),
            ("SLACK_SUPPORT_GROUP", SUPPORT_GROUP),
            ("SLACK_RESOLVERS", RESOLVER),
            ("FAQ_HOURS", "24/7"),
            ("SLACK_API_URL", api_url),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        env.insert("FAQ_FILE".into(), faq.display().to_string());
        env.insert("FAQ_STORE".into(), self.store_file().display().to_string());
        for (k, v) in extra {
            env.insert(k.to_string(), v.to_string());
        }
        let mut settings = Settings::load(&Cli::default(), |k| env.get(k).cloned()).expect("test settings");
        settings.store.retry_initial_ms = 20;
        settings.store.retry_max_ms = 2_000;
        settings
    }
}

/// The bot in Socket Mode against a fake Slack.
pub struct SocketBot {
    pub web: FakeWeb,
    pub socket: FakeSocket,
    pub bot: Arc<Bot>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    /// The directory of the bot's FAQ and store, removed with the bot.
    pub dir: TestDir,
}

impl SocketBot {
    pub async fn start() -> SocketBot {
        SocketBot::start_with(&[]).await
    }

    pub async fn start_with(extra: &[(&str, &str)]) -> SocketBot {
        let web = FakeWeb::start().await;
        let socket = FakeSocket::start().await;
        web.set_ws_url(&socket.url);
        let dir = test_dir();
        let settings = dir.settings(&web.api_url(), extra);
        let bot = bot_slack::build(&settings).await.expect("bot starts");
        let (stop, stopped) = oneshot::channel::<()>();
        let app_token = Secret::new("xapp-test-app-token");
        let b = Arc::clone(&bot);
        let task = tokio::spawn(async move {
            bot_slack::socket::run(b, &app_token, SocketOptions { connections: 1 }, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        socket.connected().await;
        web.clear();
        SocketBot { web, socket, bot, stop: Some(stop), task: Some(task), dir }
    }

    /// Sends an envelope, waits for its ack and for the bot to finish the work.
    pub async fn deliver(&self, kind: &str, payload: Value) -> Ack {
        let id = self.socket.send(kind, payload);
        let ack = self.socket.ack(&id, Duration::from_secs(5)).await;
        self.bot.idle().await;
        ack
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }
}

static NEXT: AtomicU64 = AtomicU64::new(1);

pub fn next_id() -> u64 {
    NEXT.fetch_add(1, Ordering::SeqCst)
}

pub fn callback(event: Value) -> Value {
    json!({
        "token": "unused", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
        "event_id": format!("Ev{}", next_id()), "event_time": 1_700_000_000, "event": event,
    })
}

pub fn mention(user: &str, channel: &str, ts: &str, text: &str) -> Value {
    json!({"type": "app_mention", "user": user, "channel": channel, "ts": ts, "event_ts": ts, "text": format!("<@UBOT> {text}")})
}

pub fn dm(user: &str, ts: &str, text: &str) -> Value {
    json!({"type": "message", "channel": "D1", "channel_type": "im", "user": user, "ts": ts, "event_ts": ts, "text": text})
}

pub fn command(user: &str, channel: &str, text: &str) -> Value {
    json!({
        "team_id": "T1", "channel_id": channel, "user_id": user, "command": "/faq", "text": text,
        "response_url": "http://127.0.0.1:9/response", "trigger_id": format!("trig{}", next_id()),
    })
}

/// A click on a button of a message the bot posted (`posted` is the
/// recorded `chat.postMessage` body, `ts` the message's ts).
pub fn click(user: &str, posted: &Value, ts: &str, action_id: &str) -> Value {
    let blocks = posted["blocks"].as_array().cloned().unwrap_or_default();
    let value = blocks
        .iter()
        .filter(|b| b["type"] == "actions")
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .find(|e| e["action_id"] == action_id)
        .unwrap_or_else(|| panic!("no {action_id} button in {posted}"))["value"]
        .clone();
    click_value(user, posted, ts, action_id, value.as_str().unwrap(), false)
}

pub fn click_value(user: &str, posted: &Value, ts: &str, action_id: &str, value: &str, ephemeral: bool) -> Value {
    let channel = posted["channel"].as_str().unwrap_or("C1");
    let mut message = json!({"type": "message", "ts": ts, "text": posted["text"], "blocks": posted["blocks"]});
    if let Some(t) = posted.get("thread_ts") {
        message["thread_ts"] = t.clone();
    }
    json!({
        "type": "block_actions", "team": {"id": "T1", "domain": "fake"},
        "user": {"id": user, "team_id": "T1", "username": "someone"}, "api_app_id": "A1",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral},
        "trigger_id": format!("trig{}", next_id()), "channel": {"id": channel, "name": "general"},
        "message": message,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value,
                     "action_ts": format!("3000.{}", next_id())}],
    })
}

/// Every piece of text in a posted message: fallback and all block texts.
pub fn texts_of(body: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    if k == "text" {
                        if let Some(s) = v.as_str() {
                            out.push(s.to_string());
                        }
                    }
                    if k != "value" {
                        walk(v, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(body, &mut out);
    out
}
