//! The event handler: Discord event -> one core call -> render -> Discord.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use faq_core::conversation::{Deduper, HandoverBook};
use faq_core::reload::LiveMatcher;
use faq_core::store::{PostOutcome, Store};
use faq_core::{Escalation, EscalationReason, Policy, Reply};
use serenity::all::{
    AutoArchiveDuration, ChannelId, Command, CommandInteraction, ComponentInteraction, Context, CreateAllowedMentions,
    CreateInteractionResponse, CreateThread, EventHandler, GuildId, Interaction, Message, MessageFlags, MessageId,
    Ready, UserId,
};
use tracing::{debug, info, warn};

use crate::command;
use crate::config::DiscordSettings;
use crate::outbox::{self, Poster, PLATFORM};
use crate::render::{self, Action, HandoverContext, Notify, Rendered, ReplyOptions};
use crate::sanitize::strip_bot_mention;

/// After this long without a reply, an interaction is deferred (Discord
/// wants an answer within 3 seconds).
pub const DEFER_AFTER: Duration = Duration::from_millis(2000);

/// How many questions the bot remembers for its buttons.
pub const REMEMBERED_QUESTIONS: usize = 10_000;

/// A question the bot answered, remembered for the buttons on its reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    /// Id of the message or interaction that asked.
    pub qid: u64,
    /// The question, as typed (bot mention removed).
    pub question: String,
    /// Who asked.
    pub asker: UserId,
    /// Where.
    pub channel: ChannelId,
    /// The server, `None` in direct messages.
    pub guild: Option<GuildId>,
    /// The message, `None` for `/faq`.
    pub message: Option<MessageId>,
}

/// The last [`REMEMBERED_QUESTIONS`] questions, by id.
#[derive(Debug, Default)]
pub struct Asks {
    inner: Mutex<(HashMap<u64, Ask>, VecDeque<u64>)>,
}

impl Asks {
    /// Remembers a question.
    pub fn insert(&self, ask: Ask) {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (map, order) = &mut *guard;
        if map.insert(ask.qid, ask.clone()).is_none() {
            order.push_back(ask.qid);
        }
        while order.len() > REMEMBERED_QUESTIONS {
            if let Some(old) = order.pop_front() {
                map.remove(&old);
            }
        }
    }

    /// A remembered question.
    pub fn get(&self, qid: u64) -> Option<Ask> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).0.get(&qid).cloned()
    }
}

/// Everything the handler shares between events.
#[derive(Debug)]
pub struct Bot {
    /// Discord settings.
    pub settings: DiscordSettings,
    /// The FAQ matcher, reloadable.
    pub live: Arc<LiveMatcher>,
    /// Texts and business hours.
    pub policy: Policy,
    /// Threads waiting for a human, and questions already handed over (`ask:<qid>`).
    pub book: HandoverBook,
    /// Event ids already handled.
    pub seen: Deduper,
    /// Questions, for buttons.
    pub asks: Asks,
    /// Answer every message in `settings.answer_channel_ids` (the
    /// MESSAGE_CONTENT intent was granted).
    pub answer_channels: bool,
    /// Handovers, feedback and unanswered questions, kept on disk.
    pub store: Arc<Store>,
    /// Posts stored handovers and retries them.
    pub poster: Poster,
    me: AtomicU64,
}

impl Bot {
    /// A bot; questions handed over and not resolved in a previous run
    /// (read from `store`) stay handed over.
    pub fn new(
        settings: DiscordSettings,
        live: Arc<LiveMatcher>,
        policy: Policy,
        answer_channels: bool,
        store: Arc<Store>,
        poster: Poster,
    ) -> Bot {
        let book = HandoverBook::new();
        match store.open_threads(PLATFORM) {
            Ok(open) => {
                for (thread, key) in open {
                    book.open(&thread, &key);
                }
            }
            Err(e) => warn!(error = %e, "cannot read open handovers"),
        }
        Bot {
            settings,
            live,
            policy,
            store,
            poster,
            book,
            seen: Deduper::default(),
            asks: Asks::default(),
            answer_channels,
            me: AtomicU64::new(0),
        }
    }

    /// The bot's own user id, once connected (0 before).
    pub fn me(&self) -> u64 {
        self.me.load(Ordering::Relaxed)
    }

    fn respond(&self, question: &str) -> Reply {
        self.policy.respond(&self.live.current(), question, Utc::now())
    }

    /// 👍/👎 on an entry's answer to question `qid`.
    fn feedback(&self, qid: u64, entry: &str, helpful: bool) {
        let question = self.asks.get(qid).map(|a| a.question);
        if let Err(e) = self.store.record_feedback(PLATFORM, entry, question.as_deref(), helpful) {
            warn!(error = %e, "cannot record feedback");
        }
    }

    /// A question handed over because no entry matched well enough.
    fn note_unanswered(&self, question: &str, esc: &Escalation) {
        if esc.reason != EscalationReason::LowConfidence {
            return;
        }
        let best = esc.handover.candidates.first();
        let (entry, confidence) = best.map_or((None, 0.0), |c| (Some(c.entry_id.as_str()), c.confidence));
        if let Err(e) = self.store.record_unanswered(PLATFORM, Some(question), entry, confidence) {
            warn!(error = %e, "cannot record an unanswered question");
        }
    }
}

/// serenity's event handler.
#[derive(Debug, Clone)]
pub struct Handler {
    bot: Arc<Bot>,
}

/// How the user is told about a handover.
enum Notice<'a> {
    Reply(&'a Message),
    Command { cmd: &'a CommandInteraction, ephemeral: bool, deferred: bool },
    Component { comp: &'a ComponentInteraction, ephemeral: bool },
}

fn mentions_user(user: UserId) -> CreateAllowedMentions {
    CreateAllowedMentions::new().users([user])
}

impl Handler {
    /// A handler for this bot.
    pub fn new(bot: Arc<Bot>) -> Handler {
        Handler { bot }
    }

    /// Should this message get an answer? Returns the question.
    fn question_of(&self, msg: &Message, me: u64) -> Option<String> {
        let bot = &self.bot;
        if msg.author.bot || msg.author.id.get() == me || msg.webhook_id.is_some() {
            return None;
        }
        let dm = msg.guild_id.is_none();
        let mentioned = me != 0 && msg.mentions.iter().any(|u| u.id.get() == me);
        let everywhere = bot.answer_channels && bot.settings.answer_channel_ids.contains(&msg.channel_id.get());
        if !(dm || mentioned || everywhere) {
            return None;
        }
        if bot.book.is_waiting(&msg.channel_id.to_string()) {
            debug!(channel = %msg.channel_id, "thread waits for a human; staying silent");
            return None;
        }
        let question = strip_bot_mention(&msg.content, me);
        if question.is_empty() && everywhere && !dm && !mentioned {
            return None;
        }
        Some(question)
    }

    async fn on_message(&self, ctx: &Context, msg: &Message) {
        let me = match self.bot.me() {
            0 => ctx.cache.current_user().id.get(),
            id => id,
        };
        let Some(question) = self.question_of(msg, me) else {
            return;
        };
        if !self.bot.seen.first_time(&format!("m{}", msg.id)) {
            return;
        }
        let ask = Ask {
            qid: msg.id.get(),
            question,
            asker: msg.author.id,
            channel: msg.channel_id,
            guild: msg.guild_id,
            message: Some(msg.id),
        };
        self.bot.asks.insert(ask.clone());
        let reply = self.bot.respond(&ask.question);
        if let Reply::Escalate(esc) = reply {
            self.bot.note_unanswered(&ask.question, &esc);
            self.escalate(ctx, &ask, esc, Notice::Reply(msg)).await;
            return;
        }
        let rendered = render::reply(&reply, &self.bot.settings.texts, ReplyOptions { qid: ask.qid, share: false });
        self.send_reply(ctx, msg, &rendered).await;
    }

    async fn send_reply(&self, ctx: &Context, msg: &Message, rendered: &Rendered) {
        let builder =
            render::to_message(rendered, render::mentions_asker(msg.author.id), Some((msg.channel_id.get(), msg.id)));
        if let Err(e) = msg.channel_id.send_message(&ctx.http, builder).await {
            warn!(channel = %msg.channel_id, error = %e, "could not send a reply");
        }
    }

    async fn on_command(&self, ctx: &Context, cmd: &CommandInteraction) {
        if cmd.data.name != command::NAME || !self.bot.seen.first_time(&format!("i{}", cmd.id)) {
            return;
        }
        let question = command::question(&cmd.data.options()).unwrap_or_default();
        let ask = Ask {
            qid: cmd.id.get(),
            question: question.clone(),
            asker: cmd.user.id,
            channel: cmd.channel_id,
            guild: cmd.guild_id,
            message: None,
        };
        self.bot.asks.insert(ask.clone());
        let ephemeral = self.bot.settings.ephemeral;
        let bot = Arc::clone(&self.bot);
        let mut job =
            tokio::task::spawn_blocking(move || command::run(&bot.policy, &bot.live.current(), &question, Utc::now()));
        let (reply, deferred) = match tokio::time::timeout(DEFER_AFTER, &mut job).await {
            Ok(r) => (r, false),
            Err(_) => {
                let defer = CreateInteractionResponse::Defer(
                    serenity::all::CreateInteractionResponseMessage::new().ephemeral(ephemeral),
                );
                if let Err(e) = cmd.create_response(&ctx.http, defer).await {
                    warn!(error = %e, "could not defer /faq");
                }
                (job.await, true)
            }
        };
        let reply = match reply {
            Ok(r) => r,
            Err(e) => {
                warn!(error = %e, "answering /faq failed");
                return;
            }
        };
        if let Reply::Escalate(esc) = reply {
            self.bot.note_unanswered(&ask.question, &esc);
            self.escalate(ctx, &ask, esc, Notice::Command { cmd, ephemeral, deferred }).await;
            return;
        }
        let rendered = render::reply(&reply, &self.bot.settings.texts, ReplyOptions { qid: ask.qid, share: ephemeral });
        self.respond_command(ctx, cmd, &rendered, ephemeral, deferred).await;
    }

    async fn respond_command(
        &self,
        ctx: &Context,
        cmd: &CommandInteraction,
        rendered: &Rendered,
        ephemeral: bool,
        deferred: bool,
    ) {
        let mentions = mentions_user(cmd.user.id);
        let result = if deferred {
            cmd.edit_response(&ctx.http, render::to_edit(rendered, mentions)).await.map(|_| ())
        } else {
            let message = render::to_response(rendered, mentions, ephemeral);
            cmd.create_response(&ctx.http, CreateInteractionResponse::Message(message)).await
        };
        if let Err(e) = result {
            warn!(error = %e, "could not answer /faq");
        }
    }

    async fn respond_component(
        &self,
        ctx: &Context,
        comp: &ComponentInteraction,
        rendered: &Rendered,
        ephemeral: bool,
    ) {
        let message = render::to_response(rendered, mentions_user(comp.user.id), ephemeral);
        if let Err(e) = comp.create_response(&ctx.http, CreateInteractionResponse::Message(message)).await {
            warn!(error = %e, "could not answer a button");
        }
    }

    async fn refuse(&self, ctx: &Context, comp: &ComponentInteraction, text: &str) {
        let rendered = Rendered { content: text.to_string(), rows: Vec::new() };
        let message = render::to_response(&rendered, render::mentions_nobody(), true);
        if let Err(e) = comp.create_response(&ctx.http, CreateInteractionResponse::Message(message)).await {
            warn!(error = %e, "could not send a refusal");
        }
    }

    async fn on_component(&self, ctx: &Context, comp: &ComponentInteraction) {
        if !self.bot.seen.first_time(&format!("i{}", comp.id)) {
            return;
        }
        let texts = &self.bot.settings.texts;
        let Some(action) = Action::parse(&comp.data.custom_id) else {
            self.refuse(ctx, comp, &texts.expired).await;
            return;
        };
        let ephemeral = comp.message.flags.is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
        let matcher = self.bot.live.current();
        match action {
            Action::Helpful { qid, entry } => {
                info!(qid, entry = %entry, feedback = "helpful", "feedback");
                self.bot.feedback(qid, &entry, true);
                let rendered = Rendered { content: self.bot.policy.texts.feedback_thanks.clone(), rows: Vec::new() };
                self.respond_component(ctx, comp, &rendered, true).await;
            }
            Action::Unhelpful { qid, .. } | Action::Human { qid } => {
                let reason = match action {
                    Action::Human { .. } => EscalationReason::UserRequested,
                    _ => EscalationReason::Unhelpful,
                };
                if let Action::Unhelpful { entry, .. } = &action {
                    info!(qid, entry = %entry, feedback = "unhelpful", "feedback");
                    self.bot.feedback(qid, entry, false);
                }
                let Some(ask) = self.bot.asks.get(qid) else {
                    self.refuse(ctx, comp, &texts.expired).await;
                    return;
                };
                if ask.asker != comp.user.id {
                    self.refuse(ctx, comp, &texts.not_asker).await;
                    return;
                }
                let esc = self.bot.policy.escalate(&matcher, &ask.question, reason, Utc::now());
                self.escalate(ctx, &ask, esc, Notice::Component { comp, ephemeral }).await;
            }
            Action::Pick { qid, entry } => match self.bot.policy.answer_entry(&matcher, &entry) {
                Some(reply) => {
                    let rendered = render::reply(&reply, texts, ReplyOptions { qid, share: ephemeral });
                    self.respond_component(ctx, comp, &rendered, ephemeral).await;
                }
                None => self.refuse(ctx, comp, &texts.expired).await,
            },
            Action::Share { entry, .. } => match self.bot.policy.answer_entry(&matcher, &entry) {
                Some(reply) => {
                    let rendered = render::shared(&reply, texts, comp.user.id);
                    let message = render::to_response(&rendered, render::mentions_nobody(), false);
                    if let Err(e) = comp.create_response(&ctx.http, CreateInteractionResponse::Message(message)).await {
                        warn!(error = %e, "could not share an answer");
                    }
                }
                None => self.refuse(ctx, comp, &texts.expired).await,
            },
            Action::Resolve { qid, notify, channel, asker } => {
                let roles: Vec<u64> =
                    comp.member.as_ref().map(|m| m.roles.iter().map(|r| r.get()).collect()).unwrap_or_default();
                if !self.bot.settings.may_resolve(comp.user.id.get(), &roles) {
                    info!(user = %comp.user.id, qid, "refused to resolve: not a resolver");
                    self.refuse(ctx, comp, &texts.not_allowed).await;
                    return;
                }
                self.bot.book.resolve(&format!("ask:{qid}"));
                if let Err(e) =
                    self.bot.store.resolve_thread(PLATFORM, &format!("ask:{qid}"), &comp.user.id.to_string())
                {
                    warn!(error = %e, "cannot mark the handover resolved in the store");
                }
                if notify == Notify::Thread {
                    self.bot.book.resolve(&channel.to_string());
                }
                let done = render::resolved_handover(&comp.message.content, comp.user.id, texts);
                let update = render::to_response(&done, render::mentions_nobody(), false);
                if let Err(e) = comp.create_response(&ctx.http, CreateInteractionResponse::UpdateMessage(update)).await
                {
                    warn!(error = %e, "could not update a handover");
                }
                info!(qid, resolver = %comp.user.id, "handover resolved");
                if notify != Notify::None && channel != 0 && asker != 0 {
                    let asker = UserId::new(asker);
                    let notice = render::resolved_notice(asker, &self.bot.policy.texts.resolved);
                    let builder = render::to_message(&notice, mentions_user(asker), None);
                    if let Err(e) = ChannelId::new(channel).send_message(&ctx.http, builder).await {
                        warn!(error = %e, "could not tell the asker the handover is resolved");
                    }
                }
            }
        }
    }

    /// Stores the handover, tells the user, opens a thread on their message
    /// where possible and posts the handover; at most once per question.
    async fn escalate(&self, ctx: &Context, ask: &Ask, esc: Escalation, notice: Notice<'_>) {
        let bot = &self.bot;
        let texts = &bot.settings.texts;
        let key = format!("ask:{}", ask.qid);
        let escalation_channel = bot.settings.escalation_channel_id.unwrap_or(1);
        let handover_payload = |thread: Option<u64>| {
            let context = HandoverContext {
                qid: ask.qid,
                asker: ask.asker,
                channel: ask.channel.get(),
                guild: ask.guild.map(|g| g.get()),
                message: ask.message.map(|m| m.get()),
                thread,
                support_role: bot.settings.support_role_id,
            };
            let rendered = render::handover(&esc.handover, &context, texts);
            let builder = render::to_message(&rendered, render::mentions_role(bot.settings.support_role_id), None);
            outbox::payload(escalation_channel, &builder)
        };
        let mut stored = None;
        let first = bot.book.open(&key, &key)
            && match bot.store.record_escalation(
                PLATFORM,
                &key,
                &key,
                &ask.asker.to_string(),
                Some(&ask.question),
                &handover_payload(None),
            ) {
                Ok(Some(id)) => {
                    stored = Some(id);
                    true
                }
                Ok(None) => false,
                Err(e) => {
                    warn!(qid = ask.qid, error = %e, "cannot store the handover; posting it without a retry");
                    true
                }
            };
        if !first {
            let already = Rendered { content: texts.already_escalated.clone(), rows: Vec::new() };
            match notice {
                Notice::Reply(msg) => self.send_reply(ctx, msg, &already).await,
                Notice::Command { cmd, ephemeral, deferred } => {
                    self.respond_command(ctx, cmd, &already, ephemeral, deferred).await
                }
                Notice::Component { comp, .. } => self.refuse(ctx, comp, &already.content).await,
            }
            return;
        }
        info!(qid = ask.qid, reason = ?esc.reason, "handing over to a human");
        let told = render::reply(&Reply::Escalate(esc.clone()), texts, ReplyOptions { qid: ask.qid, share: false });
        match notice {
            Notice::Reply(msg) => self.send_reply(ctx, msg, &told).await,
            Notice::Command { cmd, ephemeral, deferred } => {
                self.respond_command(ctx, cmd, &told, ephemeral, deferred).await
            }
            Notice::Component { comp, ephemeral } => self.respond_component(ctx, comp, &told, ephemeral).await,
        }
        let mut thread = None;
        if let (Some(_), Some(message)) = (ask.guild, ask.message) {
            let builder = CreateThread::new(render::thread_name(&ask.question, texts))
                .auto_archive_duration(AutoArchiveDuration::OneDay);
            match ask.channel.create_thread_from_message(&ctx.http, message, builder).await {
                Ok(t) => {
                    bot.book.open(&t.id.to_string(), &key);
                    thread = Some(t.id.get());
                }
                Err(e) => info!(channel = %ask.channel, error = %e, "no thread for the handover"),
            }
        }
        let payload = handover_payload(thread);
        match stored {
            Some(id) => {
                if thread.is_some() {
                    if let Err(e) = bot.store.update_payload(id, &payload) {
                        warn!(qid = ask.qid, error = %e, "cannot store the handover's thread");
                    }
                }
                bot.poster.deliver(&bot.store, id, &payload).await;
            }
            None => {
                if let PostOutcome::Failed { error, .. } = bot.poster.post(&payload).await {
                    warn!(qid = ask.qid, error, "could not post the handover");
                }
            }
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        self.bot.me.store(ready.user.id.get(), Ordering::Relaxed);
        let shard = ready.shard.map(|s| s.id.0).unwrap_or(0);
        info!(user = %ready.user.name, shard, guilds = ready.guilds.len(), "connected to Discord");
        if shard == 0 && self.bot.settings.register_commands {
            match Command::set_global_commands(&ctx.http, vec![command::register(&self.bot.settings.texts)]).await {
                Ok(_) => info!("registered /{}", command::NAME),
                Err(e) => warn!(error = %e, "could not register /{}", command::NAME),
            }
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        self.on_message(&ctx, &msg).await;
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(cmd) => self.on_command(&ctx, &cmd).await,
            Interaction::Component(comp) => self.on_component(&ctx, &comp).await,
            _ => {}
        }
    }
}
