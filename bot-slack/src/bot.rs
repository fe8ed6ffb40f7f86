//! The bot: Slack event -> one faq-core call -> render -> Slack.
//!
//! The `on_*` entry points return at once (so the transport acks within
//! Slack's 3 seconds) and do the work in a spawned task; [`Bot::idle`]
//! waits until that work is done.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use faq_core::conversation::{Deduper, HandoverBook};
use faq_core::reload::LiveMatcher;
use faq_core::{Escalation, EscalationReason, Policy, Reply};
use serde_json::{json, Value};
use tokio::sync::Notify;

use crate::api::Api;
use crate::event::{self, Action, Command, Identity, Incoming, Question};
use crate::render::{self, ActionValue, HandoverContext, Message, ThreadRef};
use crate::texts::SlackTexts;

/// The Slack-side settings the bot acts on (no secrets).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BotOptions {
    /// Channel receiving handovers.
    pub escalation_channel: String,
    /// User group mentioned in handovers.
    pub support_group: Option<String>,
    /// Users allowed to resolve handovers.
    pub resolvers: Vec<String>,
    /// Channels in which every top-level message is answered.
    pub answer_all_channels: Vec<String>,
    /// Slack-specific wording.
    pub texts: SlackTexts,
}

/// A clock, so tests can fix business hours.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The bot's shared state.
pub struct Bot {
    live: Arc<LiveMatcher>,
    policy: Policy,
    options: BotOptions,
    api: Api,
    identity: RwLock<Identity>,
    book: HandoverBook,
    seen: Deduper,
    clock: Clock,
    in_flight: AtomicUsize,
    idle: Notify,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot")
            .field("options", &self.options)
            .field("api", &self.api)
            .field("waiting", &self.book.waiting())
            .finish_non_exhaustive()
    }
}

/// Decrements the in-flight count when a task ends, even by panic.
struct InFlight(Arc<Bot>);

impl Drop for InFlight {
    fn drop(&mut self) {
        if self.0.in_flight.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl Bot {
    /// A bot answering from `live` with `policy`, posting through `api`.
    pub fn new(live: Arc<LiveMatcher>, policy: Policy, options: BotOptions, api: Api) -> Bot {
        Bot {
            live,
            policy,
            options,
            api,
            identity: RwLock::new(Identity::default()),
            book: HandoverBook::new(),
            seen: Deduper::default(),
            clock: Arc::new(Utc::now),
            in_flight: AtomicUsize::new(0),
            idle: Notify::new(),
        }
    }

    /// Replaces the clock (tests).
    pub fn with_clock(mut self, clock: Clock) -> Bot {
        self.clock = clock;
        self
    }

    /// The Web API client.
    pub fn api(&self) -> &Api {
        &self.api
    }

    /// The live matcher (for reloads).
    pub fn live(&self) -> &Arc<LiveMatcher> {
        &self.live
    }

    /// Learns the bot's own ids with `auth.test` (also checks the token).
    pub async fn identify(&self) -> Result<Identity, crate::api::ApiError> {
        let (user_id, bot_id) = self.api.whoami().await?;
        let id = Identity { user_id: Some(user_id), bot_id };
        *self.identity.write().unwrap_or_else(|e| e.into_inner()) = id.clone();
        Ok(id)
    }

    /// Sets the bot's own ids without asking Slack.
    pub fn set_identity(&self, id: Identity) {
        *self.identity.write().unwrap_or_else(|e| e.into_inner()) = id;
    }

    /// Number of threads waiting for a human.
    pub fn waiting(&self) -> usize {
        self.book.waiting()
    }

    /// Waits until every spawned task has finished.
    pub async fn idle(&self) {
        loop {
            let notified = self.idle.notified();
            if self.in_flight.load(Ordering::SeqCst) == 0 {
                return;
            }
            notified.await;
        }
    }

    fn spawn(self: &Arc<Self>, work: impl std::future::Future<Output = ()> + Send + 'static) {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let guard = InFlight(Arc::clone(self));
        tokio::spawn(async move {
            let _guard = guard;
            work.await;
        });
    }

    fn first_time(&self, id: &str) -> bool {
        let first = self.seen.first_time(id);
        if !first {
            tracing::debug!(id, "duplicate delivery dropped");
        }
        first
    }

    /// An Events API `event_callback` payload. Returns at once.
    pub fn on_push(self: &Arc<Self>, payload: Value) {
        if let Some(id) = event::event_id(&payload) {
            if !self.first_time(&format!("event:{id}")) {
                return;
            }
        }
        let me = self.identity.read().unwrap_or_else(|e| e.into_inner()).clone();
        match event::read_event(&payload, &me, &self.options.answer_all_channels) {
            Incoming::Question(q) => {
                let bot = Arc::clone(self);
                self.spawn(async move { bot.answer(q).await });
            }
            Incoming::Ignored(why) => tracing::debug!(why, "event ignored"),
        }
    }

    /// A `/faq` command: returns the private reply to send in the ack; a
    /// handover, if any, is posted afterwards.
    pub fn on_command(self: &Arc<Self>, payload: &Value) -> Value {
        let Some(cmd) = event::read_command(payload) else { return json!({}) };
        if !cmd.trigger_id.is_empty() && !self.first_time(&format!("command:{}", cmd.trigger_id)) {
            return json!({});
        }
        let Command { channel, user, text, .. } = cmd;
        let reply = self.policy.respond(&self.live.current(), &text, (self.clock)());
        let message = render::render_reply(&reply, &text, &self.options.texts, true);
        if let Reply::Escalate(e) = reply {
            let bot = Arc::clone(self);
            let thread = ThreadRef { channel, thread_ts: None, user };
            self.spawn(async move { bot.escalate(thread, None, e, false).await });
        }
        let mut out = message.to_json();
        out["response_type"] = json!("ephemeral");
        out
    }

    /// An interaction payload (`block_actions`). Returns at once.
    pub fn on_interaction(self: &Arc<Self>, payload: &Value) {
        for action in event::read_actions(payload) {
            if !self.first_time(&action.id) {
                continue;
            }
            let bot = Arc::clone(self);
            self.spawn(async move { bot.act(action).await });
        }
    }

    async fn answer(&self, q: Question) {
        let thread = ThreadRef {
            channel: q.channel.clone(),
            thread_ts: Some(q.reply_thread().to_string()),
            user: q.user.clone(),
        };
        if thread.key().is_some_and(|k| self.book.is_waiting(&k)) {
            tracing::debug!("thread waits for a human; staying silent");
            return;
        }
        let reply = self.policy.respond(&self.live.current(), &q.text, (self.clock)());
        match reply {
            Reply::Escalate(e) => self.escalate(thread, Some(q.ts), e, true).await,
            other => {
                self.post_in_thread(&thread, &render::render_reply(&other, &q.text, &self.options.texts, false)).await
            }
        }
    }

    async fn act(&self, a: Action) {
        let value = ActionValue::decode(&a.value);
        let thread = ThreadRef {
            channel: a.channel.clone(),
            thread_ts: if a.ephemeral { None } else { a.thread_ts.clone().or(a.message_ts.clone()) },
            user: a.user.clone(),
        };
        let texts = &self.options.texts;
        match a.action_id.as_str() {
            render::ACTION_HELPFUL => {
                self.post_private(&thread, &Message::plain(&self.policy.texts.feedback_thanks)).await
            }
            render::ACTION_UNHELPFUL | render::ACTION_HUMAN => {
                let reason = if a.action_id == render::ACTION_HUMAN {
                    EscalationReason::UserRequested
                } else {
                    EscalationReason::Unhelpful
                };
                let question = value.question.unwrap_or_default();
                let e = self.policy.escalate(&self.live.current(), &question, reason, (self.clock)());
                let question_ts = thread.thread_ts.clone();
                self.escalate(thread, question_ts, e, true).await;
            }
            render::ACTION_PICK => {
                let matcher = self.live.current();
                let reply = value.entry.as_deref().and_then(|id| self.policy.answer_entry(&matcher, id));
                let question = value.question.unwrap_or_default();
                match reply {
                    Some(reply) if a.ephemeral => {
                        self.post_private(&thread, &render::render_reply(&reply, &question, texts, true)).await
                    }
                    Some(reply) => {
                        self.post_in_thread(&thread, &render::render_reply(&reply, &question, texts, false)).await
                    }
                    None => self.post_private(&thread, &Message::plain(&texts.entry_gone)).await,
                }
            }
            render::ACTION_SHARE => {
                let matcher = self.live.current();
                let reply = value.entry.as_deref().and_then(|id| self.policy.answer_entry(&matcher, id));
                match reply.and_then(|r| render::render_shared(&r, &a.user, texts)) {
                    Some(m) => self.post(&a.channel, None, &m).await,
                    None => self.post_private(&thread, &Message::plain(&texts.entry_gone)).await,
                }
            }
            render::ACTION_RESOLVE => self.resolve(a).await,
            other => tracing::debug!(action_id = other, "unknown action ignored"),
        }
    }

    async fn resolve(&self, a: Action) {
        let texts = &self.options.texts;
        if !self.options.resolvers.iter().any(|r| r == &a.user) {
            tracing::info!(user = %a.user, "resolve refused: user is not a configured resolver");
            let here = ThreadRef { channel: a.channel.clone(), thread_ts: None, user: a.user.clone() };
            self.post_private(&here, &Message::plain(&texts.resolve_refused)).await;
            return;
        }
        let Ok(target) = serde_json::from_str::<ThreadRef>(&a.value) else {
            tracing::warn!("resolve button with an unreadable value");
            return;
        };
        if let Some(key) = target.key() {
            self.book.resolve(&key);
        }
        if let Some(ts) = &a.message_ts {
            let blocks = render::resolved_blocks(&a.message_blocks, &a.user, texts);
            let text = texts.resolved_by.replace("{user}", &render::user_mention(&a.user));
            let body = json!({ "channel": a.channel, "ts": ts, "text": text, "blocks": blocks });
            if let Err(e) = self.api.call("chat.update", &body).await {
                tracing::warn!(error = %e, "could not update the handover message");
            }
        }
        if target.thread_ts.is_some() {
            self.post_in_thread(&target, &Message::plain(&self.policy.texts.resolved)).await;
        }
    }

    /// Tells the user a human was called and posts the handover, once per thread.
    async fn escalate(&self, thread: ThreadRef, question_ts: Option<String>, e: Escalation, notify_user: bool) {
        if let Some(key) = thread.key() {
            if !self.book.open(&key, "") {
                tracing::debug!("thread already handed over");
                return;
            }
        }
        if notify_user {
            let notice = Message::plain(&e.notice);
            if thread.thread_ts.is_some() {
                self.post_in_thread(&thread, &notice).await;
            } else {
                self.post_private(&thread, &notice).await;
            }
        }
        let permalink = match &question_ts {
            Some(ts) => self.api.permalink(&thread.channel, ts).await,
            None => None,
        };
        let ctx = HandoverContext { thread, permalink, support_group: self.options.support_group.clone() };
        let message = render::render_handover(&e.handover, &ctx, &self.options.texts);
        self.post(&self.options.escalation_channel, None, &message).await;
    }

    async fn post_in_thread(&self, thread: &ThreadRef, message: &Message) {
        self.post(&thread.channel, thread.thread_ts.as_deref(), message).await
    }

    async fn post(&self, channel: &str, thread_ts: Option<&str>, message: &Message) {
        let mut body = message.to_json();
        body["channel"] = json!(channel);
        body["unfurl_links"] = json!(false);
        body["unfurl_media"] = json!(false);
        if let Some(ts) = thread_ts {
            body["thread_ts"] = json!(ts);
        }
        if let Err(e) = self.api.call("chat.postMessage", &body).await {
            tracing::error!(error = %e, channel, "could not post a message");
        }
    }

    async fn post_private(&self, thread: &ThreadRef, message: &Message) {
        let mut body = message.to_json();
        body["channel"] = json!(thread.channel);
        body["user"] = json!(thread.user);
        if let Some(ts) = &thread.thread_ts {
            body["thread_ts"] = json!(ts);
        }
        if let Err(e) = self.api.call("chat.postEphemeral", &body).await {
            tracing::error!(error = %e, channel = %thread.channel, "could not post an ephemeral message");
        }
    }
}
