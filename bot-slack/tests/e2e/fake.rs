//! A fake Slack on 127.0.0.1: the Web API (recording every call) and a
//! Socket Mode websocket server (recording every envelope ack).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// One recorded Web API call.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    pub auth: Option<String>,
}

#[derive(Default)]
struct WebState {
    calls: Mutex<Vec<Call>>,
    ws_url: Mutex<String>,
    rate_limited: Mutex<HashMap<String, usize>>,
    failing: Mutex<HashMap<String, Vec<u16>>>,
    delay: Mutex<Option<Duration>>,
    ts: AtomicU64,
    changed: Notify,
}

/// The fake Web API.
#[derive(Clone)]
pub struct FakeWeb {
    pub addr: SocketAddr,
    state: Arc<WebState>,
}

impl FakeWeb {
    pub async fn start() -> FakeWeb {
        let state = Arc::new(WebState::default());
        let app = Router::new().route("/api/{method}", any(web_handler)).with_state(Arc::clone(&state));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        FakeWeb { addr, state }
    }

    pub fn api_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    pub fn set_ws_url(&self, url: &str) {
        *self.state.ws_url.lock().unwrap() = url.to_string();
    }

    /// The next `n` calls of `method` answer 429 with `Retry-After: 1`.
    pub fn rate_limit(&self, method: &str, n: usize) {
        self.state.rate_limited.lock().unwrap().insert(method.to_string(), n);
    }

    /// The next `chat.postMessage` calls to `channel` fail with these
    /// statuses in order (429 comes with `Retry-After: 1`).
    pub fn fail_posts_to(&self, channel: &str, statuses: &[u16]) {
        self.state.failing.lock().unwrap().insert(channel.to_string(), statuses.iter().rev().copied().collect());
    }

    /// Successful `chat.postMessage` calls to `channel`.
    pub fn posts_to(&self, channel: &str) -> Vec<Value> {
        self.calls_of("chat.postMessage").into_iter().filter(|b| b["channel"] == channel).collect()
    }

    /// Every `chat.*` call waits this long before answering.
    pub fn set_delay(&self, delay: Duration) {
        *self.state.delay.lock().unwrap() = Some(delay);
    }

    pub fn calls(&self) -> Vec<Call> {
        self.state.calls.lock().unwrap().clone()
    }

    /// Recorded calls of `method`, without connection and identity calls.
    pub fn calls_of(&self, method: &str) -> Vec<Value> {
        self.calls().into_iter().filter(|c| c.method == method).map(|c| c.body).collect()
    }

    /// Calls that post something (what a user or the support team sees).
    pub fn posts(&self) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| matches!(c.method.as_str(), "chat.postMessage" | "chat.postEphemeral" | "chat.update"))
            .collect()
    }

    pub fn clear(&self) {
        self.state.calls.lock().unwrap().clear();
    }

    /// Waits until `n` calls of `method` were recorded.
    pub async fn wait_for(&self, method: &str, n: usize, timeout: Duration) -> Vec<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.state.changed.notified();
            let calls = self.calls_of(method);
            if calls.len() >= n {
                return calls;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || tokio::time::timeout(left, notified).await.is_err() {
                panic!("expected {n} {method} calls, got {}: {:#?}", calls.len(), self.calls());
            }
        }
    }
}

async fn web_handler(
    State(st): State<Arc<WebState>>,
    Path(method): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body: Value = if body.first() == Some(&b'{') {
        serde_json::from_slice(&body).unwrap_or(Value::Null)
    } else if !body.is_empty() {
        Value::Object(form_urlencoded::parse(&body).into_owned().map(|(k, v)| (k, Value::String(v))).collect())
    } else {
        Value::Object(query.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
    };
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string);
    {
        let mut limited = st.rate_limited.lock().unwrap();
        if let Some(n) = limited.get_mut(&method) {
            if *n > 0 {
                *n -= 1;
                st.calls.lock().unwrap().push(Call { method: format!("{method} (429)"), body, auth });
                st.changed.notify_waiters();
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [("retry-after", "1")],
                    Json(json!({"ok": false, "error": "ratelimited"})),
                )
                    .into_response();
            }
        }
    }
    if method == "chat.postMessage" {
        let channel = body.get("channel").and_then(Value::as_str).unwrap_or("").to_string();
        let status = st.failing.lock().unwrap().get_mut(&channel).and_then(Vec::pop);
        if let Some(status) = status {
            st.calls.lock().unwrap().push(Call { method: format!("{method} ({status})"), body, auth });
            st.changed.notify_waiters();
            let status = StatusCode::from_u16(status).unwrap();
            let body = Json(json!({"ok": false, "error": "fake failure"}));
            return if status == StatusCode::TOO_MANY_REQUESTS {
                (status, [("retry-after", "1")], body).into_response()
            } else {
                (status, body).into_response()
            };
        }
    }
    let delay = *st.delay.lock().unwrap();
    if let (Some(d), true) = (delay, method.starts_with("chat.")) {
        tokio::time::sleep(d).await;
    }
    let n = st.ts.fetch_add(1, Ordering::SeqCst) + 1;
    let channel = body.get("channel").cloned().unwrap_or(json!("C0"));
    let reply = match method.as_str() {
        "auth.test" => json!({"ok": true, "url": "https://fake.slack.com/", "team": "Fake", "user": "faqbot",
                              "team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT"}),
        "apps.connections.open" => json!({"ok": true, "url": *st.ws_url.lock().unwrap()}),
        "chat.postMessage" => json!({"ok": true, "channel": channel, "ts": format!("2000.{n:06}")}),
        "chat.postEphemeral" => json!({"ok": true, "message_ts": format!("2000.{n:06}")}),
        "chat.getPermalink" => {
            let ts = body.get("message_ts").and_then(Value::as_str).unwrap_or("0").replace('.', "");
            json!({"ok": true, "channel": channel, "permalink": format!("https://fake.slack.com/archives/{}/p{ts}", channel.as_str().unwrap_or(""))})
        }
        _ => json!({"ok": true}),
    };
    st.calls.lock().unwrap().push(Call { method, body, auth });
    st.changed.notify_waiters();
    Json(reply).into_response()
}

/// One acknowledged envelope.
#[derive(Debug, Clone)]
pub struct Ack {
    pub frame: Value,
    pub after: Duration,
}

#[derive(Default)]
struct SocketState {
    sent: Mutex<HashMap<String, Instant>>,
    acks: Mutex<HashMap<String, Ack>>,
    connections: AtomicU64,
    changed: Notify,
    outbox: Mutex<Option<mpsc::UnboundedReceiver<String>>>,
}

/// The fake Socket Mode server.
pub struct FakeSocket {
    pub url: String,
    state: Arc<SocketState>,
    tx: mpsc::UnboundedSender<String>,
    next: AtomicU64,
}

impl FakeSocket {
    pub async fn start() -> FakeSocket {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("ws://{}/link", listener.local_addr().unwrap());
        let (tx, rx) = mpsc::unbounded_channel();
        let state = Arc::new(SocketState { outbox: Mutex::new(Some(rx)), ..SocketState::default() });
        let st = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let st = Arc::clone(&st);
                tokio::spawn(async move { serve_socket(stream, st).await });
            }
        });
        FakeSocket { url, state, tx, next: AtomicU64::new(0) }
    }

    /// Waits until the bot has connected.
    pub async fn connected(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.state.changed.notified();
            if self.state.connections.load(Ordering::SeqCst) > 0 {
                return;
            }
            assert!(Instant::now() < deadline, "the bot did not connect to the fake Socket Mode server");
            let _ = tokio::time::timeout(Duration::from_millis(100), notified).await;
        }
    }

    /// Sends an envelope and returns its id.
    pub fn send(&self, kind: &str, payload: Value) -> String {
        let id = format!("env-{}", self.next.fetch_add(1, Ordering::SeqCst));
        self.send_with_id(&id, kind, payload, 0);
        id
    }

    /// Sends an envelope with a given id (a redelivery reuses one).
    pub fn send_with_id(&self, id: &str, kind: &str, payload: Value, retry_attempt: u32) {
        let frame = json!({
            "type": kind, "envelope_id": id, "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt, "retry_reason": if retry_attempt > 0 { "timeout" } else { "" },
        });
        self.state.sent.lock().unwrap().insert(id.to_string(), Instant::now());
        self.tx.send(frame.to_string()).unwrap();
    }

    /// Waits for the ack of an envelope.
    pub async fn ack(&self, id: &str, timeout: Duration) -> Ack {
        let deadline = Instant::now() + timeout;
        loop {
            let notified = self.state.changed.notified();
            if let Some(a) = self.state.acks.lock().unwrap().get(id) {
                return a.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || tokio::time::timeout(left, notified).await.is_err() {
                panic!("no ack for envelope {id} within {timeout:?}");
            }
        }
    }
}

async fn serve_socket(stream: tokio::net::TcpStream, st: Arc<SocketState>) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else { return };
    let (mut sink, mut source) = ws.split();
    let hello = json!({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"},
                       "debug_info": {"host": "fake", "approximate_connection_time": 3600}});
    if sink.send(WsMessage::Text(hello.to_string())).await.is_err() {
        return;
    }
    let Some(mut outbox) = st.outbox.lock().unwrap().take() else { return };
    st.connections.fetch_add(1, Ordering::SeqCst);
    st.changed.notify_waiters();
    loop {
        tokio::select! {
            frame = outbox.recv() => match frame {
                Some(f) => if sink.send(WsMessage::Text(f)).await.is_err() { break },
                None => break,
            },
            msg = source.next() => match msg {
                Some(Ok(WsMessage::Text(t))) => {
                    let frame: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                    if let Some(id) = frame.get("envelope_id").and_then(Value::as_str) {
                        let sent = st.sent.lock().unwrap().get(id).copied().unwrap_or_else(Instant::now);
                        st.acks.lock().unwrap().insert(id.to_string(), Ack { frame: frame.clone(), after: sent.elapsed() });
                        st.changed.notify_waiters();
                    }
                }
                Some(Ok(WsMessage::Ping(p))) => { let _ = sink.send(WsMessage::Pong(p)).await; }
                Some(Ok(_)) => {}
                _ => break,
            },
        }
    }
    *st.outbox.lock().unwrap() = Some(outbox);
    st.connections.fetch_sub(1, Ordering::SeqCst);
}
