//! Durable handovers: each is written to the [`Store`] before anything is
//! posted, posted once with [`Poster`], retried with backoff (Discord's
//! `Retry-After` honoured) and posted after a restart if the bot stopped
//! in between.
//!
//! Handovers are posted with a plain REST call rather than serenity's
//! builders so that a `429` and its `Retry-After` reach the store's retry
//! schedule (through a proxy, serenity does not see rate limits).

use std::sync::Arc;
use std::time::Duration;

use faq_core::store::{Backoff, HandoverId, PendingHandover, PostOutcome, Settled, Store};
use serde_json::{json, Value};
use tracing::{error, info, warn};

use crate::config::Secret;
use crate::handler::Bot;

/// The platform name of this bot's rows in the store.
pub const PLATFORM: &str = "discord";

/// The outbox looks for due handovers at least this often.
pub const OUTBOX_POLL: Duration = Duration::from_secs(30);

/// Posts stored handovers to Discord's REST API (or the proxy).
pub struct Poster {
    client: reqwest::Client,
    base: String,
    token: Secret,
    /// Retry schedule of failed posts.
    pub backoff: Backoff,
    wake: Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for Poster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Poster").field("base", &self.base).field("token", &self.token).finish_non_exhaustive()
    }
}

/// The stored form of a handover: the channel and the message body.
pub fn payload(channel: u64, message: &impl serde::Serialize) -> String {
    json!({ "channel_id": channel, "message": message }).to_string()
}

impl Poster {
    /// A poster through `proxy_url` when set, otherwise to discord.com.
    pub fn new(proxy_url: Option<&str>, token: &Secret, backoff: Backoff) -> Poster {
        let base = proxy_url.unwrap_or("https://discord.com").trim_end_matches('/').to_string();
        let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap_or_default();
        Poster { client, base, token: token.clone(), backoff, wake: Arc::new(tokio::sync::Notify::new()) }
    }

    /// One attempt to post a stored payload (see [`payload`]).
    pub async fn post(&self, stored: &str) -> PostOutcome {
        let Ok(v) = serde_json::from_str::<Value>(stored) else {
            return PostOutcome::failed("stored handover is not JSON", None);
        };
        let channel = v["channel_id"].as_u64().unwrap_or(0);
        let url = format!("{}/api/v10/channels/{channel}/messages", self.base);
        let token = self.token.expose();
        let auth = if token.starts_with("Bot ") { token.to_string() } else { format!("Bot {token}") };
        let body = serde_json::to_vec(&v["message"]).unwrap_or_default();
        let sent = self
            .client
            .post(url)
            .header("authorization", auth)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => {
                return PostOutcome::failed(format!("POST /channels/{channel}/messages: {}", e.without_url()), None)
            }
        };
        let status = response.status();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|h| h.to_str().ok())
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(Duration::from_secs_f64);
        let text = response.text().await.unwrap_or_default();
        if status.is_success() {
            let id = serde_json::from_str::<Value>(&text).ok().and_then(|m| m["id"].as_str().map(str::to_string));
            return PostOutcome::Posted { message_ref: id.unwrap_or_default() };
        }
        PostOutcome::failed(format!("POST /channels/{channel}/messages: HTTP {}", status.as_u16()), retry_after)
    }

    /// Posts a handover just stored and records the outcome; a failure is
    /// left to the outbox task.
    pub async fn deliver(&self, store: &Store, id: HandoverId, stored: &str) {
        let outcome = self.post(stored).await;
        match store.settle(id, outcome, &self.backoff) {
            Ok(Settled::Retry { after, attempts }) => {
                warn!(id, attempts, retry_ms = after.as_millis() as u64, "handover not posted yet; will retry");
                self.wake.notify_one();
            }
            Ok(_) => {}
            Err(e) => error!(error = %e, "cannot record the handover post"),
        }
    }

    async fn flush(&self, store: &Store) -> Option<Duration> {
        let post = |h: PendingHandover| async move { self.post(&h.payload).await };
        match store.post_due(&self.backoff, post).await {
            Ok(r) if r.posted + r.retried > 0 => info!(posted = r.posted, retried = r.retried, "outbox"),
            Ok(_) => {}
            Err(e) => error!(error = %e, "outbox failed"),
        }
        store.next_wait().unwrap_or_else(|e| {
            error!(error = %e, "outbox failed");
            None
        })
    }
}

/// Starts the outbox task of `bot`: posts the handovers left pending by a
/// previous run, then every handover whose retry is due. It ends when the
/// bot is dropped.
pub fn start(bot: &Arc<Bot>) -> tokio::task::JoinHandle<()> {
    match bot.store.release_all() {
        Ok(0) => {}
        Ok(n) => info!(pending = n, "posting handovers left pending"),
        Err(e) => error!(error = %e, "cannot read pending handovers"),
    }
    let weak = Arc::downgrade(bot);
    let wake = Arc::clone(&bot.poster.wake);
    tokio::spawn(async move {
        loop {
            let wait = match weak.upgrade() {
                Some(bot) => bot.poster.flush(&bot.store).await,
                None => return,
            };
            tokio::select! {
                _ = tokio::time::sleep(wait.unwrap_or(OUTBOX_POLL).min(OUTBOX_POLL)) => {}
                _ = wake.notified() => {}
            }
        }
    })
}
