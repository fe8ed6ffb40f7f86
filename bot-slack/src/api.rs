//! The Slack Web API calls the bot makes, with 429 `Retry-After` honoured.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;

use crate::config::Secret;

/// How many times a rate-limited or failed call is tried again.
pub const MAX_RETRIES: usize = 5;
/// The longest `Retry-After` the bot waits for.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Wait before retrying a failed call that gave no `Retry-After`.
pub const RETRY_BACKOFF: Duration = Duration::from_millis(250);

/// A Web API client with the bot token.
#[derive(Clone)]
pub struct Api {
    client: Arc<SlackHyperClient>,
    token: SlackApiToken,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api").field("token", &"[redacted]").finish_non_exhaustive()
    }
}

/// A failed call; the message never contains a token.
#[derive(Debug)]
pub struct ApiError(String);

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ApiError {}

/// A failed single call ([`Api::call_once`]).
#[derive(Debug)]
pub struct CallFailure {
    /// What went wrong.
    pub error: ApiError,
    /// Slack's `Retry-After` when it answered 429.
    pub retry_after: Option<Duration>,
}

impl Api {
    /// A client for `api_url` (`https://slack.com/api`, or `http://` for a
    /// local fake) with the bot token.
    pub fn new(api_url: &str, bot_token: &Secret) -> std::io::Result<Api> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()?
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .build();
        let connector =
            SlackClientHyperConnector::with_connector(https).with_slack_api_url(api_url.trim_end_matches('/'));
        let token = SlackApiToken::new(SlackApiTokenValue(bot_token.expose().to_string()));
        Ok(Api { client: Arc::new(SlackClient::new(connector)), token })
    }

    /// The underlying slack-morphism client (Socket Mode uses it).
    pub fn client(&self) -> Arc<SlackHyperClient> {
        Arc::clone(&self.client)
    }

    /// Calls a method with a JSON body; retries after 429 (waiting
    /// `Retry-After`) and after transport or 5xx failures.
    pub async fn call(&self, method: &str, body: &Value) -> Result<Value, ApiError> {
        let mut attempt = 0;
        loop {
            let session = self.client.open_session(&self.token);
            let result: ClientResult<Value> = session.http_session_api.http_post(method, body, None).await;
            let wait = match &result {
                Ok(v) => return Ok(v.clone()),
                Err(SlackClientError::RateLimitError(e)) => {
                    e.retry_after.unwrap_or(Duration::from_secs(1)).min(MAX_RETRY_AFTER)
                }
                Err(SlackClientError::HttpError(e)) if e.status_code.is_server_error() => {
                    RETRY_BACKOFF * (1 << attempt)
                }
                Err(SlackClientError::HttpProtocolError(_)) => RETRY_BACKOFF * (1 << attempt),
                Err(e) => return Err(ApiError(format!("{method}: {}", describe(e)))),
            };
            attempt += 1;
            if attempt > MAX_RETRIES {
                let e = result.err().map(|e| describe(&e)).unwrap_or_default();
                return Err(ApiError(format!("{method}: gave up after {MAX_RETRIES} retries: {e}")));
            }
            tracing::warn!(method, attempt, wait_ms = wait.as_millis() as u64, "Slack call failed, retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// Calls a method once, without retrying: the durable outbox retries
    /// handovers itself. A failure carries Slack's `Retry-After`, if any.
    pub async fn call_once(&self, method: &str, body: &Value) -> Result<Value, CallFailure> {
        let session = self.client.open_session(&self.token);
        let result: ClientResult<Value> = session.http_session_api.http_post(method, body, None).await;
        result.map_err(|e| CallFailure {
            retry_after: match &e {
                SlackClientError::RateLimitError(r) => Some(r.retry_after.unwrap_or(Duration::from_secs(1))),
                _ => None,
            },
            error: ApiError(format!("{method}: {}", describe(&e))),
        })
    }

    /// The permalink of a message, or `None` if Slack does not give one.
    pub async fn permalink(&self, channel: &str, ts: &str) -> Option<String> {
        let req = SlackApiChatGetPermalinkRequest::new(channel.into(), ts.into());
        let mut attempt = 0;
        loop {
            let session = self.client.open_session(&self.token);
            match session.chat_get_permalink(&req).await {
                Ok(res) => return Some(res.permalink.to_string()),
                Err(SlackClientError::RateLimitError(e)) if attempt < MAX_RETRIES => {
                    attempt += 1;
                    tokio::time::sleep(e.retry_after.unwrap_or(Duration::from_secs(1)).min(MAX_RETRY_AFTER)).await;
                }
                Err(e) => {
                    tracing::warn!(error = %describe(&e), "chat.getPermalink failed");
                    return None;
                }
            }
        }
    }

    /// The bot's user id and bot id (`auth.test`), which also checks the token.
    pub async fn whoami(&self) -> Result<(String, Option<String>), ApiError> {
        let session = self.client.open_session(&self.token);
        let res = session.auth_test().await.map_err(|e| ApiError(format!("auth.test: {}", describe(&e))))?;
        Ok((res.user_id.to_string(), res.bot_id.map(|b| b.to_string())))
    }
}

/// A short description of a client error (never includes a token).
fn describe(e: &SlackClientError) -> String {
    match e {
        SlackClientError::ApiError(e) => format!("Slack error {}", e.code),
        SlackClientError::HttpError(e) => format!("HTTP {}", e.status_code),
        SlackClientError::RateLimitError(e) => format!("rate limited (retry after {:?})", e.retry_after),
        other => {
            let s = other.to_string();
            if s.contains("xox") || s.contains("xapp") {
                "client error".to_string()
            } else {
                s
            }
        }
    }
}
