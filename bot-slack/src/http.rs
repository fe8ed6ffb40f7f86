//! Events API over HTTP: every request's signature is checked before the
//! bot sees it.
//!
//! Slack signs `v0:{timestamp}:{body}` with HMAC-SHA256 and the signing
//! secret; [`Verifier`] recomputes it and compares in constant time
//! (`ring::hmac::verify`), refuses timestamps more than five minutes away,
//! and refuses a signature it has already accepted (a replay).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::bot::Bot;
use crate::config::Secret;

/// Requests older or newer than this many seconds are refused.
pub const MAX_SKEW_SECS: i64 = 300;

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// No `X-Slack-Request-Timestamp`.
    MissingTimestamp,
    /// No `X-Slack-Signature`.
    MissingSignature,
    /// The timestamp is not a number.
    MalformedTimestamp,
    /// The signature is not `v0=` and 64 hex digits.
    MalformedSignature,
    /// The timestamp is more than [`MAX_SKEW_SECS`] away from now.
    Stale,
    /// The signature does not match.
    BadSignature,
    /// This signature was already accepted.
    Replayed,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Rejection::MissingTimestamp => "missing X-Slack-Request-Timestamp",
            Rejection::MissingSignature => "missing X-Slack-Signature",
            Rejection::MalformedTimestamp => "malformed timestamp",
            Rejection::MalformedSignature => "malformed signature",
            Rejection::Stale => "timestamp outside the five-minute window",
            Rejection::BadSignature => "signature does not match",
            Rejection::Replayed => "request replayed",
        })
    }
}

/// Checks Slack request signatures.
pub struct Verifier {
    key: ring::hmac::Key,
    accepted: Mutex<HashMap<Vec<u8>, i64>>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Verifier([redacted])")
    }
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

impl Verifier {
    /// A verifier for this signing secret.
    pub fn new(signing_secret: &Secret) -> Verifier {
        Verifier {
            key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, signing_secret.expose().as_bytes()),
            accepted: Mutex::new(HashMap::new()),
        }
    }

    /// The signature Slack would send for this body at this timestamp.
    pub fn sign(signing_secret: &Secret, timestamp: i64, body: &[u8]) -> String {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, signing_secret.expose().as_bytes());
        let mut msg = format!("v0:{timestamp}:").into_bytes();
        msg.extend_from_slice(body);
        let tag = ring::hmac::sign(&key, &msg);
        let hex: String = tag.as_ref().iter().map(|b| format!("{b:02x}")).collect();
        format!("v0={hex}")
    }

    /// Checks a request received at `now` (Unix seconds).
    pub fn verify(
        &self,
        timestamp: Option<&str>,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<(), Rejection> {
        let timestamp = timestamp.ok_or(Rejection::MissingTimestamp)?;
        let signature = signature.ok_or(Rejection::MissingSignature)?;
        let ts: i64 = timestamp.trim().parse().map_err(|_| Rejection::MalformedTimestamp)?;
        if (now - ts).abs() > MAX_SKEW_SECS {
            return Err(Rejection::Stale);
        }
        let hex = signature.strip_prefix("v0=").ok_or(Rejection::MalformedSignature)?;
        let tag = unhex(hex).filter(|t| t.len() == 32).ok_or(Rejection::MalformedSignature)?;
        let mut msg = format!("v0:{ts}:").into_bytes();
        msg.extend_from_slice(body);
        ring::hmac::verify(&self.key, &msg, &tag).map_err(|_| Rejection::BadSignature)?;
        let mut accepted = self.accepted.lock().unwrap_or_else(|e| e.into_inner());
        accepted.retain(|_, seen| (now - *seen).abs() <= MAX_SKEW_SECS);
        if accepted.insert(tag, ts).is_some() {
            return Err(Rejection::Replayed);
        }
        Ok(())
    }
}

#[derive(Clone)]
struct HttpState {
    bot: Arc<Bot>,
    verifier: Arc<Verifier>,
    now: Arc<dyn Fn() -> i64 + Send + Sync>,
}

/// The HTTP routes: `POST /slack/events` (events, commands and
/// interactions alike; `/slack/commands` and `/slack/actions` are
/// aliases) and `GET /healthz`.
pub fn router(bot: Arc<Bot>, signing_secret: &Secret) -> Router {
    router_with_clock(bot, signing_secret, Arc::new(|| chrono::Utc::now().timestamp()))
}

/// [`router`] with a clock giving Unix seconds (tests).
pub fn router_with_clock(bot: Arc<Bot>, signing_secret: &Secret, now: Arc<dyn Fn() -> i64 + Send + Sync>) -> Router {
    let state = HttpState { bot, verifier: Arc::new(Verifier::new(signing_secret)), now };
    Router::new()
        .route("/slack/events", post(handle))
        .route("/slack/commands", post(handle))
        .route("/slack/actions", post(handle))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn handle(State(st): State<HttpState>, headers: HeaderMap, body: Bytes) -> Response {
    let ts = header(&headers, "x-slack-request-timestamp");
    let sig = header(&headers, "x-slack-signature");
    if let Err(why) = st.verifier.verify(ts, sig, &body, (st.now)()) {
        tracing::warn!(reason = %why, "request refused");
        return (StatusCode::UNAUTHORIZED, why.to_string()).into_response();
    }
    if let Some(retry) = header(&headers, "x-slack-retry-num") {
        tracing::debug!(retry, reason = header(&headers, "x-slack-retry-reason"), "Slack retry");
    }
    let trimmed = body.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &body[i..]).unwrap_or(&[]);
    if trimmed.first() == Some(&b'{') {
        let Ok(payload) = serde_json::from_slice::<Value>(trimmed) else {
            return (StatusCode::BAD_REQUEST, "malformed JSON").into_response();
        };
        return match payload.get("type").and_then(Value::as_str) {
            Some("url_verification") => {
                let challenge = payload.get("challenge").and_then(Value::as_str).unwrap_or("");
                Json(json!({ "challenge": challenge })).into_response()
            }
            Some("event_callback") => {
                st.bot.on_push(payload);
                StatusCode::OK.into_response()
            }
            _ => StatusCode::OK.into_response(),
        };
    }
    let form: HashMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    if let Some(payload) = form.get("payload") {
        let Ok(payload) = serde_json::from_str::<Value>(payload) else {
            return (StatusCode::BAD_REQUEST, "malformed payload").into_response();
        };
        st.bot.on_interaction(&payload);
        return StatusCode::OK.into_response();
    }
    if form.contains_key("ssl_check") {
        return StatusCode::OK.into_response();
    }
    if form.contains_key("command") {
        let payload: Value =
            form.into_iter().map(|(k, v)| (k, Value::String(v))).collect::<serde_json::Map<_, _>>().into();
        return Json(st.bot.on_command(&payload)).into_response();
    }
    (StatusCode::BAD_REQUEST, "unknown request").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_documented_example_verifies() {
        // The example from Slack's "Verifying requests from Slack" page.
        let secret = Secret::new("8f742231b10e8888abcd99yyyzzz85a5");
        let body = b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        let sig = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assert_eq!(Verifier::sign(&secret, 1531420618, body), sig);
        let v = Verifier::new(&secret);
        assert_eq!(v.verify(Some("1531420618"), Some(sig), body, 1531420618 + 10), Ok(()));
        assert_eq!(v.verify(Some("1531420618"), Some(sig), body, 1531420618 + 11), Err(Rejection::Replayed));
        assert_eq!(v.verify(Some("1531420618"), Some(sig), body, 1531420618 + 301), Err(Rejection::Stale));
    }

    #[test]
    fn debug_hides_the_secret() {
        assert_eq!(format!("{:?}", Verifier::new(&Secret::new("topsecret"))), "Verifier([redacted])");
    }
}
