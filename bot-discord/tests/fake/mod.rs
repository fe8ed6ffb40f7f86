//! A fake Discord on 127.0.0.1: the REST API (every call recorded) and a
//! gateway that says HELLO, accepts IDENTIFY, sends READY and then whatever
//! dispatches a test pushes.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// The bot's user and application id.
pub const BOT_ID: u64 = 900;
/// The server.
pub const GUILD: u64 = 1;
/// A server channel.
pub const CHANNEL: u64 = 10;
/// The escalation channel.
pub const ESCALATION: u64 = 20;
/// The support role.
pub const SUPPORT_ROLE: u64 = 30;
/// A DM channel.
pub const DM_CHANNEL: u64 = 40;
/// A channel where threads cannot be created.
pub const NO_THREADS: u64 = 50;
/// The asking user.
pub const USER: u64 = 500;
/// A support agent (has the support role).
pub const AGENT: u64 = 600;
/// Another bot.
pub const OTHER_BOT: u64 = 700;

/// One recorded REST call.
#[derive(Debug, Clone)]
pub struct Call {
    /// HTTP method.
    pub method: String,
    /// Path without `/api/v10`.
    pub path: String,
    /// JSON body (`null` when none).
    pub body: Value,
}

/// The bot's settings against a fake Discord at `base`: the test FAQ,
/// always on duty, handovers kept in `store`.
pub fn config(base: &str, store: &faq_core::store::StoreSettings) -> bot_discord::config::Config {
    use bot_discord::config::{Config, DiscordSettings, Secret};
    use faq_core::{CoreSettings, HoursConfig};
    Config {
        token: Secret::new("fake-token"),
        proxy_url: Some(base.to_string()),
        discord: DiscordSettings {
            escalation_channel_id: Some(ESCALATION),
            support_role_id: Some(SUPPORT_ROLE),
            ..DiscordSettings::default()
        },
        faq: CoreSettings {
            file: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/faq.toml").into()),
            hours: HoursConfig { schedule: "24/7".into(), ..HoursConfig::default() },
            ..CoreSettings::default()
        },
        store: store.clone(),
    }
}

/// Settings of a fresh store file in a new temporary directory, with
/// handover retries from 20 ms.
pub fn store_settings() -> TestStore {
    let dir = tempfile::Builder::new().prefix("bot-discord-tests-").tempdir().unwrap();
    let settings = faq_core::store::StoreSettings {
        path: dir.path().join("store.sqlite3"),
        retry_initial_ms: 20,
        retry_max_ms: 2_000,
        ..Default::default()
    };
    TestStore { settings, _dir: dir }
}

/// A store's settings and the temporary directory of its file. The
/// directory is removed when dropped, so a test keeps this while its bots
/// run; it derefs to the settings.
pub struct TestStore {
    settings: faq_core::store::StoreSettings,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for TestStore {
    type Target = faq_core::store::StoreSettings;

    fn deref(&self) -> &Self::Target {
        &self.settings
    }
}

struct Shared {
    calls: Mutex<Vec<Call>>,
    failing: Mutex<std::collections::HashMap<String, Vec<u16>>>,
    changed: Notify,
    ws_url: String,
    next_id: AtomicU64,
    app_flags: u64,
}

/// A running fake Discord.
pub struct FakeDiscord {
    /// `http://127.0.0.1:PORT`, for `DISCORD_PROXY_URL`.
    pub base: String,
    shared: Arc<Shared>,
    events: mpsc::UnboundedSender<(String, Value)>,
}

impl FakeDiscord {
    /// Starts the fake; `app_flags` are the application's flags.
    pub async fn start(app_flags: u64) -> FakeDiscord {
        let gateway = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gateway_addr = gateway.local_addr().unwrap();
        let rest = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let rest_addr: SocketAddr = rest.local_addr().unwrap();
        let shared = Arc::new(Shared {
            calls: Mutex::new(Vec::new()),
            failing: Mutex::new(std::collections::HashMap::new()),
            changed: Notify::new(),
            ws_url: format!("ws://{gateway_addr}"),
            next_id: AtomicU64::new(1_000_000),
            app_flags,
        });
        let app = Router::new().fallback(rest_handler).with_state(Arc::clone(&shared));
        tokio::spawn(async move { axum::serve(rest, app).await.unwrap() });
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(gateway_loop(gateway, rx));
        FakeDiscord { base: format!("http://{rest_addr}"), shared, events: tx }
    }

    /// Sends a dispatch (op 0) with this event name and data.
    pub fn dispatch(&self, name: &str, data: Value) {
        self.events.send((name.to_string(), data)).unwrap();
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.lock().unwrap().clone()
    }

    /// Calls other than start-up ones (command registration, app info).
    pub fn bot_calls(&self) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| !c.path.starts_with("/applications/") && !c.path.starts_with("/oauth2/"))
            .collect()
    }

    /// Waits until `pred` holds for the bot calls, or panics after 10 s.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&[Call]) -> bool) -> Vec<Call> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let changed = self.shared.changed.notified();
            let calls = self.bot_calls();
            if pred(&calls) {
                return calls;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || tokio::time::timeout(left, changed).await.is_err() {
                panic!("timed out waiting for {what}; calls so far:\n{calls:#?}");
            }
        }
    }

    /// Waits for `n` bot calls and returns them.
    pub async fn wait_calls(&self, n: usize) -> Vec<Call> {
        self.wait_for(&format!("{n} calls"), |c| c.len() >= n).await
    }

    /// The next message posts to `channel` fail with these statuses in
    /// order (429 comes with `Retry-After: 1`); they are recorded with the
    /// status after the method, e.g. `POST (500)`.
    pub fn fail_posts(&self, channel: u64, statuses: &[u16]) {
        self.shared.failing.lock().unwrap().insert(channel.to_string(), statuses.iter().rev().copied().collect());
    }

    /// Forgets the calls so far.
    pub fn clear(&self) {
        self.shared.calls.lock().unwrap().clear();
    }
}

fn user(id: u64, bot: bool) -> Value {
    json!({"id": id.to_string(), "username": format!("user{id}"), "discriminator": "0", "global_name": null,
           "avatar": null, "bot": bot})
}

fn message_json(id: u64, channel: &str, body: &Value) -> Value {
    json!({
        "id": id.to_string(), "channel_id": channel, "author": user(BOT_ID, true),
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2025-01-01T00:00:00.000000+00:00", "edited_timestamp": null, "tts": false,
        "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
        "pinned": false, "type": 0, "flags": body.get("flags").cloned().unwrap_or(json!(0)),
        "components": []
    })
}

async fn rest_handler(State(s): State<Arc<Shared>>, method: Method, uri: Uri, body: Bytes) -> Response {
    let path = uri.path().trim_start_matches("/api/v10").to_string();
    let body: Value = if body.is_empty() { Value::Null } else { serde_json::from_slice(&body).unwrap_or(Value::Null) };
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let m = method.as_str();
    match (m, parts.as_slice()) {
        ("GET", ["gateway"]) => return axum::Json(json!({"url": s.ws_url})).into_response(),
        ("GET", ["gateway", "bot"]) => {
            return axum::Json(json!({"url": s.ws_url, "shards": 1, "session_start_limit":
                {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}))
            .into_response()
        }
        _ => {}
    }
    if let ("POST", ["channels", channel, "messages"]) = (m, parts.as_slice()) {
        let status = s.failing.lock().unwrap().get_mut(*channel).and_then(Vec::pop);
        if let Some(status) = status {
            s.calls.lock().unwrap().push(Call { method: format!("POST ({status})"), path: path.clone(), body });
            s.changed.notify_waiters();
            let status = StatusCode::from_u16(status).unwrap();
            return if status == StatusCode::TOO_MANY_REQUESTS {
                let body = json!({"message": "You are being rate limited.", "retry_after": 1.0, "global": false});
                (status, [("retry-after", "1")], axum::Json(body)).into_response()
            } else {
                (status, axum::Json(json!({"code": 0, "message": "fake failure"}))).into_response()
            };
        }
    }
    {
        let mut calls = s.calls.lock().unwrap();
        calls.push(Call { method: m.to_string(), path: path.clone(), body: body.clone() });
    }
    s.changed.notify_waiters();
    let id = s.next_id.fetch_add(1, Ordering::Relaxed);
    match (m, parts.as_slice()) {
        ("GET", ["oauth2", "applications", "@me"]) => axum::Json(json!({
            "id": BOT_ID.to_string(), "name": "faq", "icon": null, "description": "", "bot_public": true,
            "bot_require_code_grant": false, "verify_key": "k", "team": null, "owner": null, "flags": s.app_flags
        }))
        .into_response(),
        ("PUT", ["applications", _, "commands"]) => axum::Json(json!([])).into_response(),
        ("POST", ["channels", channel, "messages"]) => axum::Json(message_json(id, channel, &body)).into_response(),
        ("POST", ["channels", channel, "messages", message, "threads"]) => {
            if *channel == NO_THREADS.to_string() {
                return (StatusCode::FORBIDDEN, axum::Json(json!({"code": 50013, "message": "Missing Permissions"})))
                    .into_response();
            }
            axum::Json(json!({"id": message, "type": 11, "guild_id": GUILD.to_string(), "parent_id": channel,
                              "name": body["name"]}))
            .into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            axum::Json(message_json(id, &CHANNEL.to_string(), &body)).into_response()
        }
        _ => {
            (StatusCode::NOT_FOUND, axum::Json(json!({"code": 0, "message": "unknown route in fake"}))).into_response()
        }
    }
}

async fn gateway_loop(listener: TcpListener, rx: mpsc::UnboundedReceiver<(String, Value)>) {
    let rx = Arc::new(tokio::sync::Mutex::new(rx));
    loop {
        let Ok((stream, _)) = listener.accept().await else { return };
        let rx = Arc::clone(&rx);
        tokio::spawn(async move {
            let Ok(ws) = tokio_tungstenite::accept_async(stream).await else { return };
            let (mut tx_ws, mut rx_ws) = ws.split();
            let hello = json!({"op": 10, "d": {"heartbeat_interval": 45000}, "s": null, "t": null});
            if tx_ws.send(WsMessage::Text(hello.to_string())).await.is_err() {
                return;
            }
            // Wait for IDENTIFY.
            loop {
                match rx_ws.next().await {
                    Some(Ok(WsMessage::Text(t))) => {
                        let v: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                        if v["op"] == 2 {
                            break;
                        }
                    }
                    Some(Ok(_)) => {}
                    _ => return,
                }
            }
            let ready_event = json!({"op": 0, "s": 1, "t": "READY", "d": {
                "v": 10, "user": user(BOT_ID, true), "guilds": [], "session_id": "fake-session",
                "resume_gateway_url": "ws://127.0.0.1:1", "shard": [0, 1],
                "application": {"id": BOT_ID.to_string(), "flags": 0}
            }});
            if tx_ws.send(WsMessage::Text(ready_event.to_string())).await.is_err() {
                return;
            }
            let mut seq = 1u64;
            let mut events = rx.lock().await;
            loop {
                tokio::select! {
                    ev = events.recv() => {
                        let Some((name, data)) = ev else { return };
                        seq += 1;
                        let frame = json!({"op": 0, "s": seq, "t": name, "d": data});
                        if tx_ws.send(WsMessage::Text(frame.to_string())).await.is_err() {
                            return;
                        }
                    }
                    msg = rx_ws.next() => match msg {
                        Some(Ok(WsMessage::Text(t))) => {
                            let v: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                            if v["op"] == 1 {
                                let ack = json!({"op": 11, "d": null, "s": null, "t": null});
                                let _ = tx_ws.send(WsMessage::Text(ack.to_string())).await;
                            }
                        }
                        Some(Ok(_)) => {}
                        _ => return,
                    }
                }
            }
        });
    }
}

/// A MESSAGE_CREATE payload.
pub fn message(
    id: u64,
    channel: u64,
    guild: Option<u64>,
    author: u64,
    bot: bool,
    content: &str,
    mentions: &[u64],
) -> Value {
    let mut v = json!({
        "id": id.to_string(), "channel_id": channel.to_string(), "author": user(author, bot), "content": content,
        "timestamp": "2025-01-01T00:00:00.000000+00:00", "edited_timestamp": null, "tts": false,
        "mention_everyone": false, "mentions": mentions.iter().map(|m| user(*m, *m == BOT_ID)).collect::<Vec<_>>(),
        "mention_roles": [], "attachments": [], "embeds": [], "pinned": false, "type": 0
    });
    if let Some(g) = guild {
        v["guild_id"] = json!(g.to_string());
        v["member"] = json!({"roles": [], "joined_at": "2024-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false,
                             "flags": 0});
    }
    v
}

fn member(id: u64, roles: &[u64]) -> Value {
    json!({"user": user(id, false), "roles": roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
           "joined_at": "2024-01-01T00:00:00.000000+00:00", "deaf": false, "mute": false, "flags": 0,
           "permissions": "0"})
}

fn interaction_base(id: u64, kind: u8, channel: u64, guild: Option<u64>, who: u64, roles: &[u64]) -> Value {
    let mut v = json!({
        "id": id.to_string(), "application_id": BOT_ID.to_string(), "type": kind, "channel_id": channel.to_string(),
        "channel": {"id": channel.to_string(), "type": if guild.is_some() { 0 } else { 1 }},
        "token": format!("tok{id}"), "version": 1, "app_permissions": "0", "locale": "ko",
        "entitlements": [], "authorizing_integration_owners": {}, "context": 0, "attachment_size_limit": 8388608
    });
    match guild {
        Some(g) => {
            v["guild_id"] = json!(g.to_string());
            v["guild_locale"] = json!("ko");
            v["member"] = member(who, roles);
        }
        None => v["user"] = user(who, false),
    }
    v
}

/// An INTERACTION_CREATE payload for `/faq 질문:<question>`.
pub fn slash(id: u64, channel: u64, guild: Option<u64>, who: u64, question: &str) -> Value {
    let mut v = interaction_base(id, 2, channel, guild, who, &[]);
    v["data"] = json!({"id": "777", "name": "faq", "type": 1,
                       "options": [{"name": "질문", "type": 3, "value": question}]});
    v
}

/// An INTERACTION_CREATE payload for a button click on `message`.
pub fn click(
    id: u64,
    channel: u64,
    guild: Option<u64>,
    who: u64,
    roles: &[u64],
    custom_id: &str,
    message: Value,
) -> Value {
    let mut v = interaction_base(id, 3, channel, guild, who, roles);
    v["data"] = json!({"custom_id": custom_id, "component_type": 2});
    v["message"] = message;
    v
}

/// A bot message as Discord would send it back in an interaction.
pub fn bot_message(id: u64, channel: u64, content: &str, ephemeral: bool) -> Value {
    message_json(id, &channel.to_string(), &json!({"content": content, "flags": if ephemeral { 64 } else { 0 }}))
}
