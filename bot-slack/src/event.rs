//! Reading Slack payloads (Events API callbacks, slash commands, block
//! actions) into the few facts the bot acts on. Both Socket Mode and HTTP
//! mode feed the same JSON here, so there is one reading of each payload.

use serde_json::Value;

/// How a question reached the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// `app_mention` in a channel.
    Mention,
    /// A direct message (`message.im`).
    Direct,
    /// A top-level message in a channel in "answer everything" mode.
    Channel,
}

/// A question to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Mention, DM or channel message.
    pub kind: QuestionKind,
    /// Channel id.
    pub channel: String,
    /// Asker.
    pub user: String,
    /// The text, the bot's own mention removed.
    pub text: String,
    /// The message's timestamp.
    pub ts: String,
    /// The thread the message is in, if any.
    pub thread_ts: Option<String>,
}

impl Question {
    /// The thread the bot answers in: the message's thread, or a new one
    /// under the message.
    pub fn reply_thread(&self) -> &str {
        self.thread_ts.as_deref().unwrap_or(&self.ts)
    }
}

/// What an Events API callback means to the bot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A question to answer.
    Question(Question),
    /// Nothing to do, and why (for debug logs).
    Ignored(&'static str),
}

/// Who the bot is, to recognise its own messages and mentions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The bot's user id (`U...`), from `auth.test`.
    pub user_id: Option<String>,
    /// The bot id (`B...`), from `auth.test`.
    pub bot_id: Option<String>,
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The `event_id` of an `event_callback` payload.
pub fn event_id(payload: &Value) -> Option<&str> {
    str_of(payload, "event_id")
}

/// Reads an `event_callback` payload.
pub fn read_event(payload: &Value, me: &Identity, answer_all: &[String]) -> Incoming {
    let Some(ev) = payload.get("event") else { return Incoming::Ignored("no event") };
    let kind = match str_of(ev, "type") {
        Some("app_mention") => QuestionKind::Mention,
        Some("message") => match str_of(ev, "channel_type") {
            Some("im") => QuestionKind::Direct,
            _ => QuestionKind::Channel,
        },
        _ => return Incoming::Ignored("event type not handled"),
    };
    if ev.get("subtype").is_some_and(|s| !s.is_null()) {
        return Incoming::Ignored("edits, deletions, joins and bot messages are not questions");
    }
    if ev.get("bot_id").is_some_and(|s| !s.is_null()) || ev.get("bot_profile").is_some_and(|s| !s.is_null()) {
        return Incoming::Ignored("message from a bot");
    }
    let Some(user) = str_of(ev, "user") else { return Incoming::Ignored("no user") };
    if me.user_id.as_deref() == Some(user) {
        return Incoming::Ignored("the bot's own message");
    }
    let (Some(channel), Some(ts)) = (str_of(ev, "channel"), str_of(ev, "ts")) else {
        return Incoming::Ignored("no channel or ts");
    };
    let thread_ts = str_of(ev, "thread_ts").map(str::to_string);
    let raw = str_of(ev, "text").unwrap_or("");
    if kind == QuestionKind::Channel {
        if !answer_all.iter().any(|c| c == channel) {
            return Incoming::Ignored("channel not in answer-everything mode");
        }
        if thread_ts.as_deref().is_some_and(|t| t != ts) {
            return Incoming::Ignored("thread reply in answer-everything mode");
        }
        if mentions(raw, me) {
            return Incoming::Ignored("mention: answered through app_mention");
        }
    }
    let text = if kind == QuestionKind::Direct { raw.trim().to_string() } else { strip_mention(raw, me) };
    let text = crate::escape::unescape_text(&text);
    Incoming::Question(Question {
        kind,
        channel: channel.to_string(),
        user: user.to_string(),
        text,
        ts: ts.to_string(),
        thread_ts,
    })
}

fn mentions(text: &str, me: &Identity) -> bool {
    match &me.user_id {
        Some(id) => text.contains(&format!("<@{id}>")) || text.contains(&format!("<@{id}|")),
        None => false,
    }
}

/// Removes the bot's own mention (`<@UBOT>` or `<@UBOT|name>`); when the
/// bot's id is unknown, removes a mention at the start of the text.
pub fn strip_mention(text: &str, me: &Identity) -> String {
    let mut out = text.to_string();
    match &me.user_id {
        Some(id) => {
            for pattern in [format!("<@{id}>"), format!("<@{id}|")] {
                while let Some(start) = out.find(&pattern) {
                    let end = out[start..].find('>').map(|e| start + e + 1).unwrap_or(out.len());
                    out.replace_range(start..end, " ");
                }
            }
        }
        None => {
            let trimmed = out.trim_start();
            if trimmed.starts_with("<@") {
                if let Some(end) = trimmed.find('>') {
                    out = trimmed[end + 1..].to_string();
                }
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `/faq` slash command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Channel it was typed in.
    pub channel: String,
    /// Who typed it.
    pub user: String,
    /// The question.
    pub text: String,
    /// Unique per invocation.
    pub trigger_id: String,
}

/// Reads a slash command payload (form fields, or the JSON Socket Mode gives).
pub fn read_command(payload: &Value) -> Option<Command> {
    Some(Command {
        channel: str_of(payload, "channel_id")?.to_string(),
        user: str_of(payload, "user_id")?.to_string(),
        text: crate::escape::unescape_text(str_of(payload, "text").unwrap_or("").trim()),
        trigger_id: str_of(payload, "trigger_id").unwrap_or("").to_string(),
    })
}

/// A button click.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Which button.
    pub action_id: String,
    /// Its value.
    pub value: String,
    /// Who clicked.
    pub user: String,
    /// Channel of the message.
    pub channel: String,
    /// The message carrying the button.
    pub message_ts: Option<String>,
    /// The thread of that message.
    pub thread_ts: Option<String>,
    /// True when the message was ephemeral (a `/faq` reply).
    pub ephemeral: bool,
    /// The message's blocks, as Slack sent them.
    pub message_blocks: Vec<Value>,
    /// Identifies the click, for dedupe.
    pub id: String,
}

/// Reads a `block_actions` payload; other interaction types give nothing.
pub fn read_actions(payload: &Value) -> Vec<Action> {
    if str_of(payload, "type") != Some("block_actions") {
        return Vec::new();
    }
    let user = payload.get("user").and_then(|u| str_of(u, "id")).unwrap_or("").to_string();
    let container = payload.get("container").cloned().unwrap_or(Value::Null);
    let channel = payload
        .get("channel")
        .and_then(|c| str_of(c, "id"))
        .or_else(|| str_of(&container, "channel_id"))
        .unwrap_or("")
        .to_string();
    let message = payload.get("message").cloned().unwrap_or(Value::Null);
    let message_ts = str_of(&container, "message_ts").or_else(|| str_of(&message, "ts")).map(str::to_string);
    let thread_ts = str_of(&message, "thread_ts").map(str::to_string);
    let ephemeral = container.get("is_ephemeral").and_then(Value::as_bool).unwrap_or(false);
    let blocks = message.get("blocks").and_then(Value::as_array).cloned().unwrap_or_default();
    let trigger = str_of(payload, "trigger_id").unwrap_or("");
    let Some(actions) = payload.get("actions").and_then(Value::as_array) else { return Vec::new() };
    actions
        .iter()
        .filter_map(|a| {
            let action_id = str_of(a, "action_id")?.to_string();
            let action_ts = str_of(a, "action_ts").unwrap_or("");
            Some(Action {
                id: format!("action:{trigger}:{action_ts}:{action_id}:{user}"),
                action_id,
                value: str_of(a, "value").unwrap_or("").to_string(),
                user: user.clone(),
                channel: channel.clone(),
                message_ts: message_ts.clone(),
                thread_ts: thread_ts.clone(),
                ephemeral,
                message_blocks: blocks.clone(),
            })
        })
        .filter(|a| !a.user.is_empty() && !a.channel.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn me() -> Identity {
        Identity { user_id: Some("UBOT".into()), bot_id: Some("BBOT".into()) }
    }

    fn cb(event: Value) -> Value {
        json!({ "type": "event_callback", "event_id": "Ev1", "event": event })
    }

    #[test]
    fn mentions_dms_and_channel_messages() {
        let q = read_event(
            &cb(json!({"type":"app_mention","user":"U1","channel":"C1","ts":"1.1","text":"<@UBOT> 환불 문의"})),
            &me(),
            &[],
        );
        let Incoming::Question(q) = q else { panic!("{q:?}") };
        assert_eq!((q.kind, q.text.as_str(), q.reply_thread()), (QuestionKind::Mention, "환불 문의", "1.1"));
        // What the user typed, not Slack's escapes of it.
        let q = read_event(
            &cb(
                json!({"type":"app_mention","user":"U1","channel":"C1","ts":"1.2","text":"<@UBOT> Q&amp;A 게시판 &lt;공지&gt;"}),
            ),
            &me(),
            &[],
        );
        let Incoming::Question(q) = q else { panic!("{q:?}") };
        assert_eq!(q.text, "Q&A 게시판 <공지>");
        let dm = read_event(
            &cb(
                json!({"type":"message","channel_type":"im","user":"U1","channel":"D1","ts":"2.2","thread_ts":"1.0","text":" 운영시간 "}),
            ),
            &me(),
            &[],
        );
        let Incoming::Question(dm) = dm else { panic!("{dm:?}") };
        assert_eq!((dm.kind, dm.text.as_str(), dm.reply_thread()), (QuestionKind::Direct, "운영시간", "1.0"));
        let chan =
            json!({"type":"message","channel_type":"channel","user":"U1","channel":"C9","ts":"3.3","text":"질문"});
        assert!(matches!(read_event(&cb(chan.clone()), &me(), &[]), Incoming::Ignored(_)));
        assert!(matches!(read_event(&cb(chan), &me(), &["C9".into()]), Incoming::Question(_)));
    }

    #[test]
    fn bots_edits_and_self_are_ignored() {
        for ev in [
            json!({"type":"message","channel_type":"im","user":"UBOT","channel":"D1","ts":"1","text":"x"}),
            json!({"type":"message","channel_type":"im","user":"U2","bot_id":"B2","channel":"D1","ts":"1","text":"x"}),
            json!({"type":"message","channel_type":"im","subtype":"bot_message","bot_id":"B2","channel":"D1","ts":"1","text":"x"}),
            json!({"type":"message","channel_type":"im","subtype":"message_changed","channel":"D1","ts":"1","message":{"text":"x"}}),
            json!({"type":"message","channel_type":"im","subtype":"message_deleted","channel":"D1","ts":"1","deleted_ts":"0.5"}),
            json!({"type":"app_mention","user":"U2","bot_id":"B2","channel":"C1","ts":"1","text":"<@UBOT> hi"}),
            json!({"type":"reaction_added","user":"U2"}),
        ] {
            assert!(matches!(read_event(&cb(ev.clone()), &me(), &[]), Incoming::Ignored(_)), "{ev}");
        }
    }

    #[test]
    fn mention_stripping() {
        assert_eq!(strip_mention("<@UBOT|faqbot>  환불  <@UBOT>", &me()), "환불");
        assert_eq!(strip_mention("<@U1> 환불", &Identity::default()), "환불");
        assert_eq!(strip_mention("환불 <@U2>", &me()), "환불 <@U2>");
    }

    #[test]
    fn block_actions_are_read() {
        let payload = json!({
            "type": "block_actions", "trigger_id": "T1", "user": {"id": "U1"},
            "container": {"type": "message", "message_ts": "5.5", "channel_id": "C1", "is_ephemeral": false},
            "channel": {"id": "C1"}, "message": {"ts": "5.5", "thread_ts": "1.1", "blocks": [{"type":"divider"}]},
            "actions": [{"type": "button", "action_id": "faq_helpful", "value": "{}", "action_ts": "6.6"}]
        });
        let a = read_actions(&payload);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].thread_ts.as_deref(), Some("1.1"));
        assert_eq!(a[0].message_blocks.len(), 1);
        assert!(read_actions(&json!({"type": "view_submission"})).is_empty());
    }
}
