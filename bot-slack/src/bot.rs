//! The bot: Slack event -> one faq-core call -> render -> Slack.
//!
//! The `on_*` entry points return at once (so the transport acks within
//! Slack's 3 seconds) and do the work in a spawned task; [`Bot::idle`]
//! waits until that work is done.
//!
//! Handovers go through the durable [`Store`]: written as pending before
//! anything is posted, posted once, retried with backoff (Slack's
//! `Retry-After` honoured) by the outbox task [`Bot::start_outbox`], and
//! posted after a restart if the bot stopped in between.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use faq_core::conversation::{Deduper, HandoverBook};
use faq_core::reload::LiveMatcher;
use faq_core::store::{Backoff, PendingHandover, PostOutcome, Settled, Store};
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
    /// Retry schedule of handover posts.
    pub retry: Backoff,
}

/// The platform name of this bot's rows in the store.
pub const PLATFORM: &str = "slack";

/// The outbox looks for due handovers at least this often.
pub const OUTBOX_POLL: Duration = Duration::from_secs(30);

/// A clock, so tests can fix business hours.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The bot's shared state.
pub struct Bot {
    live: Arc<LiveMatcher>,
    policy: Policy,
    options: BotOptions,
    api: Api,
    store: Arc<Store>,
    outbox: Arc<Notify>,
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
    /// A bot answering from `live` with `policy`, posting through `api`
    /// and keeping handovers and feedback in `store`.
    pub fn new(live: Arc<LiveMatcher>, policy: Policy, options: BotOptions, api: Api, store: Arc<Store>) -> Bot {
        let book = HandoverBook::new();
        match store.open_threads(PLATFORM) {
            Ok(open) => {
                for (thread, key) in open {
                    book.open(&thread, &key);
                }
            }
            Err(e) => tracing::error!(error = %e, "cannot read open handovers"),
        }
        Bot {
            live,
            policy,
            options,
            api,
            store,
            outbox: Arc::new(Notify::new()),
            identity: RwLock::new(Identity::default()),
            book,
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

    /// The store of handovers and feedback.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Starts the outbox task: posts the handovers left pending by a
    /// previous run, then every handover whose retry is due. The task ends
    /// when the bot is dropped.
    pub fn start_outbox(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        match self.store.release_all() {
            Ok(0) => {}
            Ok(n) => tracing::info!(pending = n, "posting handovers left pending"),
            Err(e) => tracing::error!(error = %e, "cannot read pending handovers"),
        }
        let bot = Arc::downgrade(self);
        let wake = Arc::clone(&self.outbox);
        tokio::spawn(async move {
            loop {
                let wait = match bot.upgrade() {
                    Some(bot) => bot.flush_outbox().await,
                    None => return,
                };
                tokio::select! {
                    _ = tokio::time::sleep(wait.unwrap_or(OUTBOX_POLL).min(OUTBOX_POLL)) => {}
                    _ = wake.notified() => {}
                }
            }
        })
    }

    /// Posts every due handover; returns the wait until the next one.
    async fn flush_outbox(&self) -> Option<Duration> {
        match self.store.post_due(&self.options.retry, |h| self.post_stored(h)).await {
            Ok(r) if r.posted + r.retried > 0 => tracing::info!(posted = r.posted, retried = r.retried, "outbox"),
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox failed"),
        }
        self.store.next_wait().unwrap_or_else(|e| {
            tracing::error!(error = %e, "outbox failed");
            None
        })
    }

    /// One attempt to post a stored handover.
    async fn post_stored(&self, h: PendingHandover) -> PostOutcome {
        let Ok(body) = serde_json::from_str::<Value>(&h.payload) else {
            return PostOutcome::failed("stored handover is not JSON", None);
        };
        match self.api.call_once("chat.postMessage", &body).await {
            Ok(v) => PostOutcome::Posted { message_ref: v["ts"].as_str().unwrap_or_default().to_string() },
            Err(f) => PostOutcome::failed(f.error.to_string(), f.retry_after),
        }
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
        let Command { channel, user, text, trigger_id } = cmd;
        let reply = self.policy.respond(&self.live.current(), &text, (self.clock)());
        let message = render::render_reply(&reply, &text, &self.options.texts, true);
        if let Reply::Escalate(e) = reply {
            self.note_unanswered(&text, &e);
            let bot = Arc::clone(self);
            let dedupe = if trigger_id.is_empty() {
                format!("command:{channel}:{user}:{}", (self.clock)().timestamp_millis())
            } else {
                format!("command:{trigger_id}")
            };
            let thread = ThreadRef { channel, thread_ts: None, user };
            self.spawn(async move { bot.escalate(thread, None, e, false, dedupe).await });
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
            Reply::Escalate(e) => {
                self.note_unanswered(&q.text, &e);
                let dedupe = format!("q:{}:{}", q.channel, q.ts);
                self.escalate(thread, Some(q.ts), e, true, dedupe).await
            }
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
                self.feedback(&value, true);
                self.post_private(&thread, &Message::plain(&self.policy.texts.feedback_thanks)).await
            }
            render::ACTION_UNHELPFUL | render::ACTION_HUMAN => {
                let reason = if a.action_id == render::ACTION_HUMAN {
                    EscalationReason::UserRequested
                } else {
                    EscalationReason::Unhelpful
                };
                if reason == EscalationReason::Unhelpful {
                    self.feedback(&value, false);
                }
                let question = value.question.unwrap_or_default();
                let e = self.policy.escalate(&self.live.current(), &question, reason, (self.clock)());
                let question_ts = thread.thread_ts.clone();
                let dedupe = match &question_ts {
                    Some(ts) => format!("q:{}:{ts}", thread.channel),
                    None => format!("action:{}", a.id),
                };
                self.escalate(thread, question_ts, e, true, dedupe).await;
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
            if let Err(e) = self.store.resolve_thread(PLATFORM, &key, &a.user) {
                tracing::error!(error = %e, "cannot mark the handover resolved in the store");
            }
        } else if let Some(ts) = &a.message_ts {
            // A handover without a thread (from /faq) is known by its message.
            if let Err(e) = self.store.resolve_message(PLATFORM, ts, &a.user) {
                tracing::error!(error = %e, "cannot mark the handover resolved in the store");
            }
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

    /// 👍/👎 on an answer.
    fn feedback(&self, value: &ActionValue, helpful: bool) {
        let Some(entry) = &value.entry else { return };
        if let Err(e) = self.store.record_feedback(PLATFORM, entry, value.question.as_deref(), helpful) {
            tracing::error!(error = %e, "cannot record feedback");
        }
    }

    /// A question handed over because the bot found no answer.
    fn note_unanswered(&self, question: &str, e: &Escalation) {
        if e.reason != EscalationReason::LowConfidence {
            return;
        }
        let best = e.handover.candidates.first();
        let (entry, confidence) = best.map_or((None, 0.0), |c| (Some(c.entry_id.as_str()), c.confidence));
        if let Err(e) = self.store.record_unanswered(PLATFORM, Some(question), entry, confidence) {
            tracing::error!(error = %e, "cannot record an unanswered question");
        }
    }

    /// Stores the handover, tells the user a human was called and posts
    /// it; once per thread and once per `dedupe` key (the question).
    async fn escalate(
        &self,
        thread: ThreadRef,
        question_ts: Option<String>,
        e: Escalation,
        notify_user: bool,
        dedupe: String,
    ) {
        if let Some(key) = thread.key() {
            if !self.book.open(&key, &dedupe) {
                tracing::debug!("thread already handed over");
                return;
            }
        }
        let permalink = match &question_ts {
            Some(ts) => self.api.permalink(&thread.channel, ts).await,
            None => None,
        };
        let thread_ref = thread.key().unwrap_or_else(|| dedupe.clone());
        let ctx =
            HandoverContext { thread: thread.clone(), permalink, support_group: self.options.support_group.clone() };
        let message = render::render_handover(&e.handover, &ctx, &self.options.texts);
        let body = post_body(&self.options.escalation_channel, None, &message);
        let stored = self.store.record_escalation(
            PLATFORM,
            &dedupe,
            &thread_ref,
            &thread.user,
            Some(&e.handover.question),
            &body.to_string(),
        );
        let id = match stored {
            Ok(Some(id)) => Some(id),
            Ok(None) => {
                tracing::info!(dedupe, "handover already stored; not posting it again");
                return;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot store the handover; posting it without a retry");
                None
            }
        };
        if notify_user {
            let notice = Message::plain(&e.notice);
            if thread.thread_ts.is_some() {
                self.post_in_thread(&thread, &notice).await;
            } else {
                self.post_private(&thread, &notice).await;
            }
        }
        let Some(id) = id else {
            self.post(&self.options.escalation_channel, None, &message).await;
            return;
        };
        let outcome = match self.api.call_once("chat.postMessage", &body).await {
            Ok(v) => PostOutcome::Posted { message_ref: v["ts"].as_str().unwrap_or_default().to_string() },
            Err(f) => PostOutcome::failed(f.error.to_string(), f.retry_after),
        };
        match self.store.settle(id, outcome, &self.options.retry) {
            Ok(Settled::Retry { after, attempts }) => {
                tracing::warn!(
                    id,
                    attempts,
                    retry_ms = after.as_millis() as u64,
                    "handover not posted yet; will retry"
                );
                self.outbox.notify_one();
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "cannot record the handover post"),
        }
    }

    async fn post_in_thread(&self, thread: &ThreadRef, message: &Message) {
        self.post(&thread.channel, thread.thread_ts.as_deref(), message).await
    }

    async fn post(&self, channel: &str, thread_ts: Option<&str>, message: &Message) {
        let body = post_body(channel, thread_ts, message);
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

/// The `chat.postMessage` body of a message.
fn post_body(channel: &str, thread_ts: Option<&str>, message: &Message) -> Value {
    let mut body = message.to_json();
    body["channel"] = json!(channel);
    body["unfurl_links"] = json!(false);
    body["unfurl_media"] = json!(false);
    if let Some(ts) = thread_ts {
        body["thread_ts"] = json!(ts);
    }
    body
}
