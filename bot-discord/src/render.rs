//! From a core [`Reply`] to a Discord message: pure functions, no network.
//!
//! [`reply`] renders what the user sees, [`handover`] what the support team
//! sees; [`Action`] is the state a button carries in its `custom_id`. The
//! `to_*` functions turn a [`Rendered`] into serenity builders with explicit
//! allowed mentions ([`mentions_asker`], [`mentions_role`], [`mentions_nobody`]).

use faq_core::{Handover, Reply};
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateInteractionResponseMessage, CreateMessage,
    EditInteractionResponse, MessageId, ReactionType, RoleId, UserId,
};

use crate::config::DiscordTexts;
use crate::sanitize::neutralize_short;

/// Discord's limit on a message's length, in characters.
pub const MAX_CONTENT: usize = 2000;
/// Discord's limit on a button label, in characters.
pub const MAX_LABEL: usize = 80;
/// Discord's limit on a `custom_id`, in characters.
pub const MAX_CUSTOM_ID: usize = 100;
/// How much of a question a handover quotes.
pub const MAX_QUOTED_QUESTION: usize = 1000;

/// Where a resolved handover is announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notify {
    /// In the thread opened on the question.
    Thread,
    /// In the direct-message channel the question came from.
    Dm,
    /// Nowhere (the question came from `/faq` in a server channel).
    None,
}

impl Notify {
    fn code(self) -> &'static str {
        match self {
            Notify::Thread => "t",
            Notify::Dm => "d",
            Notify::None => "n",
        }
    }

    fn parse(code: &str) -> Option<Notify> {
        match code {
            "t" => Some(Notify::Thread),
            "d" => Some(Notify::Dm),
            "n" => Some(Notify::None),
            _ => None,
        }
    }
}

/// What a button does, encoded in its `custom_id` (`faq:<verb>:...`).
///
/// `qid` is the id of the message or interaction that asked the question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// 👍 on an answer.
    Helpful {
        /// The question.
        qid: u64,
        /// The entry answered.
        entry: String,
    },
    /// 👎 on an answer: hand over.
    Unhelpful {
        /// The question.
        qid: u64,
        /// The entry answered.
        entry: String,
    },
    /// 상담원 연결.
    Human {
        /// The question.
        qid: u64,
    },
    /// A suggestion: show that entry's answer.
    Pick {
        /// The question.
        qid: u64,
        /// The entry picked.
        entry: String,
    },
    /// Post an ephemeral answer in the channel.
    Share {
        /// The question.
        qid: u64,
        /// The entry to share.
        entry: String,
    },
    /// Mark a handover resolved.
    Resolve {
        /// The question.
        qid: u64,
        /// Where to tell the asker.
        notify: Notify,
        /// The thread or DM channel (0 when `notify` is `None`).
        channel: u64,
        /// The asker.
        asker: u64,
    },
}

impl Action {
    /// The `custom_id`; `None` when it would exceed Discord's 100 characters
    /// (a very long entry id).
    pub fn custom_id(&self) -> Option<String> {
        let id = match self {
            Action::Helpful { qid, entry } => format!("faq:up:{qid}:{entry}"),
            Action::Unhelpful { qid, entry } => format!("faq:down:{qid}:{entry}"),
            Action::Human { qid } => format!("faq:human:{qid}"),
            Action::Pick { qid, entry } => format!("faq:pick:{qid}:{entry}"),
            Action::Share { qid, entry } => format!("faq:share:{qid}:{entry}"),
            Action::Resolve { qid, notify, channel, asker } => {
                format!("faq:resolve:{qid}:{}:{channel}:{asker}", notify.code())
            }
        };
        (id.chars().count() <= MAX_CUSTOM_ID).then_some(id)
    }

    /// Reads a `custom_id`; `None` for anything this bot did not make.
    pub fn parse(custom_id: &str) -> Option<Action> {
        let rest = custom_id.strip_prefix("faq:")?;
        let (verb, rest) = rest.split_once(':')?;
        let (qid, rest) = match rest.split_once(':') {
            Some((q, r)) => (q, Some(r)),
            None => (rest, None),
        };
        let qid: u64 = qid.parse().ok()?;
        let entry = || rest.filter(|e| !e.is_empty()).map(str::to_string);
        Some(match verb {
            "up" => Action::Helpful { qid, entry: entry()? },
            "down" => Action::Unhelpful { qid, entry: entry()? },
            "human" => Action::Human { qid },
            "pick" => Action::Pick { qid, entry: entry()? },
            "share" => Action::Share { qid, entry: entry()? },
            "resolve" => {
                let mut parts = rest?.split(':');
                let notify = Notify::parse(parts.next()?)?;
                let channel = parts.next()?.parse().ok()?;
                let asker = parts.next()?.parse().ok()?;
                if parts.next().is_some() {
                    return None;
                }
                Action::Resolve { qid, notify, channel, asker }
            }
            _ => return None,
        })
    }
}

/// A button with a fixed look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// What it does.
    pub action: Action,
    /// Its label (may be empty when it has an emoji).
    pub label: String,
    /// Its emoji.
    pub emoji: Option<char>,
    /// Its colour.
    pub style: ButtonStyle,
}

/// A rendered message: text and rows of buttons.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// The text (at most [`MAX_CONTENT`] characters).
    pub content: String,
    /// Rows of buttons (at most 5 per row).
    pub rows: Vec<Vec<Button>>,
}

/// How a reply is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyOptions {
    /// The id of the message or interaction that asked (`qid`).
    pub qid: u64,
    /// Add a "share in channel" button to answers (ephemeral replies).
    pub share: bool,
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// The user's view of a reply. An `Escalate` reply renders its notice only;
/// the handover is [`handover`].
pub fn reply(reply: &Reply, texts: &DiscordTexts, opts: ReplyOptions) -> Rendered {
    let qid = opts.qid;
    match reply {
        Reply::Answer(a) => {
            let heading = texts.answer_heading.replace("{question}", &a.question);
            let mut row = vec![
                Button {
                    action: Action::Helpful { qid, entry: a.entry_id.clone() },
                    label: String::new(),
                    emoji: Some('👍'),
                    style: ButtonStyle::Secondary,
                },
                Button {
                    action: Action::Unhelpful { qid, entry: a.entry_id.clone() },
                    label: String::new(),
                    emoji: Some('👎'),
                    style: ButtonStyle::Secondary,
                },
                Button {
                    action: Action::Human { qid },
                    label: texts.human_button.clone(),
                    emoji: None,
                    style: ButtonStyle::Primary,
                },
            ];
            if opts.share {
                row.push(Button {
                    action: Action::Share { qid, entry: a.entry_id.clone() },
                    label: texts.share_button.clone(),
                    emoji: None,
                    style: ButtonStyle::Success,
                });
            }
            Rendered { content: clip(&format!("{heading}\n{}", a.answer), MAX_CONTENT), rows: vec![row] }
        }
        Reply::Suggest(s) => {
            let options: Vec<Button> = s
                .options
                .iter()
                .take(3)
                .map(|c| Button {
                    action: Action::Pick { qid, entry: c.entry_id.clone() },
                    label: clip(&c.question, MAX_LABEL),
                    emoji: None,
                    style: ButtonStyle::Secondary,
                })
                .collect();
            let human = Button {
                action: Action::Human { qid },
                label: texts.human_button.clone(),
                emoji: None,
                style: ButtonStyle::Primary,
            };
            let mut rows = Vec::new();
            if !options.is_empty() {
                rows.push(options);
            }
            rows.push(vec![human]);
            Rendered { content: clip(&format!("{}\n{}", s.intro, s.footer), MAX_CONTENT), rows }
        }
        Reply::Escalate(e) => Rendered { content: clip(&e.notice, MAX_CONTENT), rows: Vec::new() },
        Reply::SmallTalk(t) => Rendered { content: clip(&t.text, MAX_CONTENT), rows: Vec::new() },
        Reply::Prompt { text } => Rendered { content: clip(text, MAX_CONTENT), rows: Vec::new() },
    }
}

/// An answer shared in the channel by `user` (no buttons).
pub fn shared(reply: &Reply, texts: &DiscordTexts, user: UserId) -> Rendered {
    let mut r = self::reply(reply, texts, ReplyOptions { qid: 0, share: false });
    r.rows.clear();
    r.content = clip(&format!("{}\n{}", texts.shared_by.replace("{user}", &user.mention()), r.content), MAX_CONTENT);
    r
}

trait MentionExt {
    fn mention(&self) -> String;
}

impl MentionExt for UserId {
    fn mention(&self) -> String {
        format!("<@{}>", self.get())
    }
}

/// Where a question was asked, for the handover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverContext {
    /// The question's id.
    pub qid: u64,
    /// The asker.
    pub asker: UserId,
    /// The channel asked in.
    pub channel: u64,
    /// The server, `None` for a direct message.
    pub guild: Option<u64>,
    /// The message asked in, when there is one (not for `/faq`).
    pub message: Option<u64>,
    /// The thread opened on the question, if any.
    pub thread: Option<u64>,
    /// The support role to mention.
    pub support_role: Option<u64>,
}

impl HandoverContext {
    /// A link that opens the question in Discord.
    pub fn jump_link(&self) -> Option<String> {
        let guild = self.guild.map_or_else(|| "@me".to_string(), |g| g.to_string());
        let message = self.message?;
        Some(format!("https://discord.com/channels/{guild}/{}/{message}", self.channel))
    }

    /// Where the asker will be told the handover is resolved.
    pub fn notify(&self) -> (Notify, u64) {
        match (self.thread, self.guild) {
            (Some(t), _) => (Notify::Thread, t),
            (None, None) => (Notify::Dm, self.channel),
            (None, Some(_)) => (Notify::None, 0),
        }
    }
}

/// The support team's view of a handover: title and role mention, asker,
/// place, jump link, thread, then the core's lines (reason, question,
/// candidates with confidences, duty), with the question neutralized; a
/// "resolved" button.
pub fn handover(h: &Handover, ctx: &HandoverContext, texts: &DiscordTexts) -> Rendered {
    let mut lines = Vec::new();
    let mut title = format!("**{}**", h.title);
    if let Some(role) = ctx.support_role {
        title.push_str(&format!(" <@&{role}>"));
    }
    lines.push(title);
    let place = match ctx.guild {
        Some(_) => format!("<#{}>", ctx.channel),
        None => "DM".to_string(),
    };
    lines.push(texts.handover_asker.replace("{user}", &ctx.asker.mention()).replace("{place}", &place));
    if let Some(link) = ctx.jump_link() {
        lines.push(texts.handover_link.replace("{link}", &link));
    }
    if let Some(thread) = ctx.thread {
        lines.push(texts.handover_thread.replace("{thread}", &format!("<#{thread}>")));
    }
    let safe = Handover { question: neutralize_short(&h.question, MAX_QUOTED_QUESTION), ..h.clone() };
    lines.extend(safe.lines());
    let (notify, channel) = ctx.notify();
    let resolve = Button {
        action: Action::Resolve { qid: ctx.qid, notify, channel, asker: ctx.asker.get() },
        label: texts.resolve_button.clone(),
        emoji: None,
        style: ButtonStyle::Success,
    };
    Rendered { content: clip(&lines.join("\n"), MAX_CONTENT), rows: vec![vec![resolve]] }
}

/// The name of the thread opened on a handed-over question.
pub fn thread_name(question: &str, texts: &DiscordTexts) -> String {
    let name = texts.thread_name.replace("{question}", &neutralize_short(question, 60).replace('\\', ""));
    clip(&name, 100)
}

/// A handover after it was resolved by `user`: the same text with a line
/// added, and no buttons.
pub fn resolved_handover(previous: &str, user: UserId, texts: &DiscordTexts) -> Rendered {
    let line = texts.resolved_by.replace("{user}", &user.mention());
    Rendered { content: clip(&format!("{previous}\n{line}"), MAX_CONTENT), rows: Vec::new() }
}

/// What the asker is told once resolved: a mention and the core's text.
pub fn resolved_notice(asker: UserId, text: &str) -> Rendered {
    Rendered { content: clip(&format!("{} {text}", asker.mention()), MAX_CONTENT), rows: Vec::new() }
}

/// Allowed mentions for replies: the asker (also as the replied-to user), nobody else.
pub fn mentions_asker(asker: UserId) -> CreateAllowedMentions {
    CreateAllowedMentions::new().users([asker]).replied_user(true)
}

/// Allowed mentions for handovers: the support role only.
pub fn mentions_role(role: Option<u64>) -> CreateAllowedMentions {
    CreateAllowedMentions::new().roles(role.map(RoleId::new))
}

/// Allowed mentions that ping nobody.
pub fn mentions_nobody() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// The button rows as serenity components; buttons whose `custom_id` would
/// be too long are left out.
pub fn components(rows: &[Vec<Button>]) -> Vec<CreateActionRow> {
    rows.iter()
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .filter_map(|b| {
                        let mut button = CreateButton::new(b.action.custom_id()?).style(b.style);
                        if !b.label.is_empty() {
                            button = button.label(b.label.clone());
                        }
                        if let Some(e) = b.emoji {
                            button = button.emoji(ReactionType::Unicode(e.to_string()));
                        }
                        Some(button)
                    })
                    .collect(),
            )
        })
        .filter(|row| !matches!(row, CreateActionRow::Buttons(b) if b.is_empty()))
        .collect()
}

/// A channel message; `reply_to` makes it a reply (without failing when the
/// original was deleted).
pub fn to_message(r: &Rendered, mentions: CreateAllowedMentions, reply_to: Option<(u64, MessageId)>) -> CreateMessage {
    let mut m = CreateMessage::new().content(r.content.clone()).allowed_mentions(mentions);
    if !r.rows.is_empty() {
        m = m.components(components(&r.rows));
    }
    if let Some((channel, message)) = reply_to {
        let reference = serenity::all::MessageReference::from((serenity::all::ChannelId::new(channel), message));
        m = m.reference_message(reference);
    }
    m
}

/// An interaction response message.
pub fn to_response(r: &Rendered, mentions: CreateAllowedMentions, ephemeral: bool) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .content(r.content.clone())
        .allowed_mentions(mentions)
        .components(components(&r.rows))
        .ephemeral(ephemeral)
}

/// An edit of a deferred interaction response.
pub fn to_edit(r: &Rendered, mentions: CreateAllowedMentions) -> EditInteractionResponse {
    EditInteractionResponse::new().content(r.content.clone()).allowed_mentions(mentions).components(components(&r.rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use faq_core::{AnswerReply, Candidate, EscalationReason, SuggestReply};
    use serde_json::{json, Value};

    fn answer() -> Reply {
        Reply::Answer(AnswerReply {
            entry_id: "refund".into(),
            question: "환불은 어떻게 받나요?".into(),
            answer: "주문 내역에서 환불 신청 버튼을 눌러 주세요.".into(),
            confidence: 0.9,
        })
    }

    fn json_of(m: &CreateMessage) -> Value {
        serde_json::to_value(m).unwrap()
    }

    #[test]
    fn custom_ids_round_trip() {
        for a in [
            Action::Helpful { qid: 1, entry: "refund".into() },
            Action::Unhelpful { qid: 2, entry: "a:b".into() },
            Action::Human { qid: 3 },
            Action::Pick { qid: 4, entry: "hours".into() },
            Action::Share { qid: 5, entry: "x".into() },
            Action::Resolve { qid: 6, notify: Notify::Thread, channel: 7, asker: 8 },
            Action::Resolve { qid: u64::MAX, notify: Notify::None, channel: 0, asker: u64::MAX },
        ] {
            let id = a.custom_id().unwrap();
            assert_eq!(Action::parse(&id), Some(a), "{id}");
        }
        for bad in ["", "faq:", "faq:up:1", "faq:up:x:e", "faq:zzz:1", "other:human:1", "faq:resolve:1:q:2:3"] {
            assert_eq!(Action::parse(bad), None, "{bad}");
        }
        assert_eq!(Action::Pick { qid: 1, entry: "e".repeat(100) }.custom_id(), None);
    }

    #[test]
    fn answer_has_question_text_and_three_buttons() {
        let r = reply(&answer(), &DiscordTexts::default(), ReplyOptions { qid: 42, share: false });
        let m = to_message(&r, mentions_asker(UserId::new(7)), Some((3, MessageId::new(42))));
        let v = json_of(&m);
        assert_eq!(v["content"], "**Q. 환불은 어떻게 받나요?**\n주문 내역에서 환불 신청 버튼을 눌러 주세요.");
        assert_eq!(v["allowed_mentions"], json!({"parse": [], "users": ["7"], "roles": [], "replied_user": true}));
        assert_eq!(v["message_reference"]["message_id"], "42");
        let buttons = &v["components"][0]["components"];
        assert_eq!(buttons.as_array().unwrap().len(), 3);
        assert_eq!(buttons[0]["custom_id"], "faq:up:42:refund");
        assert_eq!(buttons[0]["emoji"]["name"], "👍");
        assert_eq!(buttons[1]["custom_id"], "faq:down:42:refund");
        assert_eq!(buttons[2]["custom_id"], "faq:human:42");
        assert_eq!(buttons[2]["label"], "상담원 연결");
        let shared = reply(&answer(), &DiscordTexts::default(), ReplyOptions { qid: 42, share: true });
        assert_eq!(shared.rows[0][3].action, Action::Share { qid: 42, entry: "refund".into() });
    }

    #[test]
    fn suggest_has_at_most_three_choices_and_a_human_button() {
        let options = (0..5)
            .map(|i| Candidate { entry_id: format!("e{i}"), question: format!("질문 {i}"), confidence: 0.5 })
            .collect();
        let s =
            Reply::Suggest(SuggestReply { intro: "혹시 이 질문인가요?".into(), options, footer: "f".into() });
        let r = reply(&s, &DiscordTexts::default(), ReplyOptions { qid: 9, share: false });
        assert_eq!(r.content, "혹시 이 질문인가요?\nf");
        assert_eq!(r.rows[0].len(), 3);
        assert_eq!(r.rows[0][2].action, Action::Pick { qid: 9, entry: "e2".into() });
        assert_eq!(r.rows[0][2].label, "질문 2");
        assert_eq!(r.rows[1][0].action, Action::Human { qid: 9 });
    }

    #[test]
    fn handover_mentions_the_role_and_quotes_safely() {
        let policy = faq_core::Policy::default();
        let matcher = faq_core::Matcher::new(
            faq_core::Faq::from_str(faq_core::settings::DEFAULT_FAQ, faq_core::Format::Toml).unwrap(),
        )
        .unwrap();
        let q = "@everyone <@&55> 고객센터 전화번호";
        let esc = policy.escalate(&matcher, q, EscalationReason::UserRequested, chrono::Utc::now());
        let ctx = HandoverContext {
            qid: 100,
            asker: UserId::new(7),
            channel: 3,
            guild: Some(1),
            message: Some(100),
            thread: Some(100),
            support_role: Some(99),
        };
        let r = handover(&esc.handover, &ctx, &DiscordTexts::default());
        let lines: Vec<&str> = r.content.lines().collect();
        assert_eq!(lines[0], "**상담원 연결 요청** <@&99>");
        assert_eq!(lines[1], "문의자: <@7> (<#3>)");
        assert_eq!(lines[2], "원본 메시지: https://discord.com/channels/1/3/100");
        assert_eq!(lines[3], "스레드: <#100>");
        assert_eq!(lines[4], "사유: 사용자가 상담원 연결을 요청함");
        assert_eq!(lines[5], "질문: @\u{200b}everyone \\<@\u{200b}&55\\> 고객센터 전화번호");
        assert!(r.content.contains("신뢰도"), "{}", r.content);
        assert_eq!(r.rows[0][0].action, Action::Resolve { qid: 100, notify: Notify::Thread, channel: 100, asker: 7 });
        let v = json_of(&to_message(&r, mentions_role(Some(99)), None));
        assert_eq!(v["allowed_mentions"], json!({"parse": [], "users": [], "roles": ["99"]}));
        assert!(!crate::sanitize::has_live_mention(&lines[5..].join("\n")));
    }

    #[test]
    fn dm_and_command_handover_targets() {
        let mut ctx = HandoverContext {
            qid: 1,
            asker: UserId::new(2),
            channel: 3,
            guild: None,
            message: Some(1),
            thread: None,
            support_role: None,
        };
        assert_eq!(ctx.notify(), (Notify::Dm, 3));
        assert_eq!(ctx.jump_link().unwrap(), "https://discord.com/channels/@me/3/1");
        ctx.guild = Some(4);
        ctx.message = None;
        assert_eq!(ctx.notify(), (Notify::None, 0));
        assert_eq!(ctx.jump_link(), None);
    }

    #[test]
    fn small_replies_and_resolution() {
        let t = DiscordTexts::default();
        let r = reply(&Reply::Prompt { text: "질문을 적어 주세요".into() }, &t, ReplyOptions { qid: 1, share: true });
        assert_eq!(r, Rendered { content: "질문을 적어 주세요".into(), rows: vec![] });
        let done = resolved_handover("**상담원 연결 요청**", UserId::new(5), &t);
        assert_eq!(done.content, "**상담원 연결 요청**\n✅ <@5> 님이 해결 완료로 표시했습니다.");
        assert_eq!(thread_name("@here 환불\n문의", &t), "상담: @\u{200b}here 환불 문의");
        let long = "가".repeat(3000);
        assert_eq!(clip(&long, MAX_CONTENT).chars().count(), MAX_CONTENT);
    }
}
