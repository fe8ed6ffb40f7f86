//! Rendering: faq-core's reply values to Slack Block Kit, as pure
//! functions without network.
//!
//! Each function returns a [`Message`] (fallback `text` plus `blocks`)
//! that the bot sends as is. Text typed by users goes through
//! [`escape_text`]; FAQ text written by the operator has only `&`, `<`
//! and `>` escaped.

use faq_core::{Handover, Reply};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::escape::{escape_text, truncate};
use crate::texts::SlackTexts;

/// `action_id` of 👍 on an answer.
pub const ACTION_HELPFUL: &str = "faq_helpful";
/// `action_id` of 👎 on an answer.
pub const ACTION_UNHELPFUL: &str = "faq_unhelpful";
/// `action_id` of 상담원 연결.
pub const ACTION_HUMAN: &str = "faq_human";
/// `action_id` of a suggestion button.
pub const ACTION_PICK: &str = "faq_pick";
/// `action_id` of the share button of a private answer.
pub const ACTION_SHARE: &str = "faq_share";
/// `action_id` of the resolve button of a handover.
pub const ACTION_RESOLVE: &str = "faq_resolve";

/// Longest question kept in a button value (Slack allows 2000 characters).
pub const VALUE_QUESTION_CHARS: usize = 500;
/// Longest text in one section block (Slack allows 3000 characters).
pub const SECTION_CHARS: usize = 2900;
/// Longest button label (Slack allows 75 characters).
pub const BUTTON_CHARS: usize = 75;
/// Longest user question quoted in a handover.
pub const HANDOVER_QUESTION_CHARS: usize = 1000;

/// A message to post: fallback text (notifications, screen readers) and blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Fallback text.
    pub text: String,
    /// Block Kit blocks.
    pub blocks: Vec<Value>,
}

impl Message {
    /// `{"text": .., "blocks": [..]}`, to merge into an API request.
    pub fn to_json(&self) -> Value {
        json!({ "text": self.text, "blocks": self.blocks })
    }

    /// A message with one section of plain sentences (operator text).
    pub fn plain(text: &str) -> Message {
        let t = escape_trusted(text);
        Message { text: t.clone(), blocks: vec![section(&t)] }
    }
}

/// What a button carries: the entry and the user's question, so a click
/// can be handled without server-side state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionValue {
    /// FAQ entry id.
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// The user's question (cut to [`VALUE_QUESTION_CHARS`]).
    #[serde(rename = "q", default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

impl ActionValue {
    /// Encodes the value for a button.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Decodes a button value; unknown shapes give an empty value.
    pub fn decode(value: &str) -> ActionValue {
        serde_json::from_str(value).unwrap_or_default()
    }
}

/// Where a handed-over conversation lives, carried by the resolve button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadRef {
    /// Channel of the user's conversation.
    #[serde(rename = "c")]
    pub channel: String,
    /// Thread timestamp; `None` for a private (`/faq`) conversation.
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub thread_ts: Option<String>,
    /// The asker.
    #[serde(rename = "u")]
    pub user: String,
}

impl ThreadRef {
    /// The key of the thread in the handover book.
    pub fn key(&self) -> Option<String> {
        self.thread_ts.as_ref().map(|t| thread_key(&self.channel, t))
    }
}

/// The handover-book key of a thread.
pub fn thread_key(channel: &str, thread_ts: &str) -> String {
    format!("{channel}:{thread_ts}")
}

/// Escapes operator text (FAQ answers, configured sentences): `&`, `<`, `>`.
pub fn escape_trusted(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn section(mrkdwn: &str) -> Value {
    json!({ "type": "section", "text": { "type": "mrkdwn", "text": truncate(mrkdwn, SECTION_CHARS) } })
}

fn context(mrkdwn: &str) -> Value {
    json!({ "type": "context", "elements": [ { "type": "mrkdwn", "text": truncate(mrkdwn, SECTION_CHARS) } ] })
}

fn button(label: &str, action_id: &str, value: String, style: Option<&str>) -> Value {
    let mut b = json!({
        "type": "button",
        "action_id": action_id,
        "text": { "type": "plain_text", "text": truncate(label, BUTTON_CHARS), "emoji": true },
        "value": value,
    });
    if let Some(style) = style {
        b["style"] = json!(style);
    }
    b
}

fn actions(block_id: &str, elements: Vec<Value>) -> Value {
    json!({ "type": "actions", "block_id": block_id, "elements": elements })
}

fn question_value(question: &str) -> Option<String> {
    Some(truncate(question, VALUE_QUESTION_CHARS))
}

/// Renders the reply to `question`. `private` marks a `/faq` answer only
/// the asker sees: it gets a share button.
pub fn render_reply(reply: &Reply, question: &str, texts: &SlackTexts, private: bool) -> Message {
    match reply {
        Reply::Answer(a) => {
            let answer = escape_trusted(&a.answer);
            let matched = format!("{}: *{}*", escape_trusted(&texts.matched_label), escape_trusted(&a.question));
            let entry = ActionValue { entry: Some(a.entry_id.clone()), question: None };
            let with_question = ActionValue { entry: Some(a.entry_id.clone()), question: question_value(question) };
            let mut buttons = vec![
                button(&texts.helpful_button, ACTION_HELPFUL, entry.encode(), None),
                button(&texts.unhelpful_button, ACTION_UNHELPFUL, with_question.encode(), None),
                button(&texts.human_button, ACTION_HUMAN, with_question.encode(), None),
            ];
            if private {
                buttons.push(button(&texts.share_button, ACTION_SHARE, entry.encode(), Some("primary")));
            }
            Message {
                text: answer.clone(),
                blocks: vec![section(&answer), context(&matched), actions("faq_answer", buttons)],
            }
        }
        Reply::Suggest(s) => {
            let intro = escape_trusted(&s.intro);
            let mut buttons: Vec<Value> = s
                .options
                .iter()
                .take(3)
                .map(|c| {
                    let v = ActionValue { entry: Some(c.entry_id.clone()), question: question_value(question) };
                    button(&c.question, ACTION_PICK, v.encode(), None)
                })
                .collect();
            let human = ActionValue { entry: None, question: question_value(question) };
            buttons.push(button(&texts.human_button, ACTION_HUMAN, human.encode(), None));
            Message {
                text: intro.clone(),
                blocks: vec![section(&intro), actions("faq_suggest", buttons), context(&escape_trusted(&s.footer))],
            }
        }
        Reply::Escalate(e) => Message::plain(&e.notice),
        Reply::SmallTalk(t) => Message::plain(&t.text),
        Reply::Prompt { text } => Message::plain(text),
    }
}

/// An answer shared in the channel from a private `/faq` reply.
pub fn render_shared(reply: &Reply, user: &str, texts: &SlackTexts) -> Option<Message> {
    let Reply::Answer(a) = reply else { return None };
    let by = texts.shared_by.replace("{user}", &user_mention(user));
    let answer = escape_trusted(&a.answer);
    let matched = format!("{}: *{}*", escape_trusted(&texts.matched_label), escape_trusted(&a.question));
    Some(Message { text: answer.clone(), blocks: vec![context(&by), section(&answer), context(&matched)] })
}

/// `<@U123>` for a Slack user id; anything that is not an id is escaped.
pub fn user_mention(user: &str) -> String {
    if is_slack_id(user) {
        format!("<@{user}>")
    } else {
        escape_text(user)
    }
}

fn is_slack_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Who asked, where, and how to find it, for a handover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverContext {
    /// The user's conversation.
    pub thread: ThreadRef,
    /// Link to the question message, from `chat.getPermalink`.
    pub permalink: Option<String>,
    /// User group to mention.
    pub support_group: Option<String>,
}

/// The handover posted in the escalation channel: group mention, asker,
/// link, faq-core's summary lines, and the resolve button.
pub fn render_handover(h: &Handover, ctx: &HandoverContext, texts: &SlackTexts) -> Message {
    let mut h = h.clone();
    h.question = truncate(&h.question, HANDOVER_QUESTION_CHARS);
    let title = escape_trusted(&h.title);
    let group = ctx.support_group.as_deref().filter(|g| is_slack_id(g)).map(|g| format!("<!subteam^{g}> "));
    let mut who = format!(
        "{}{}: {} · <#{}>",
        group.clone().unwrap_or_default(),
        escape_trusted(&texts.asker_label),
        user_mention(&ctx.thread.user),
        if is_slack_id(&ctx.thread.channel) { ctx.thread.channel.as_str() } else { "?" }
    );
    if let Some(link) = ctx.permalink.as_deref().filter(|l| is_safe_url(l)) {
        who.push_str(&format!(" · <{link}|{}>", escape_trusted(&texts.permalink_label)));
    }
    let body: Vec<String> = h.lines().iter().map(|l| escape_text(l)).collect();
    let value = serde_json::to_string(&ctx.thread).unwrap_or_default();
    let question = escape_text(&truncate(&h.question, 200));
    Message {
        text: format!("{}{title}: {question}", group.unwrap_or_default()),
        blocks: vec![
            json!({ "type": "header", "text": { "type": "plain_text", "text": truncate(&h.title, 150), "emoji": true } }),
            section(&who),
            section(&body.join("\n")),
            actions("faq_handover", vec![button(&texts.resolve_button, ACTION_RESOLVE, value, Some("primary"))]),
        ],
    }
}

fn is_safe_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| matches!(c, '<' | '>' | '|' | ' ' | '\n'))
}

/// The blocks of a handover once resolved: the buttons replaced by who
/// resolved it.
pub fn resolved_blocks(original: &[Value], resolver: &str, texts: &SlackTexts) -> Vec<Value> {
    let mut blocks: Vec<Value> = original.iter().filter(|b| b["type"] != "actions").cloned().collect();
    blocks.push(context(&texts.resolved_by.replace("{user}", &user_mention(resolver))));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use faq_core::{AnswerReply, Candidate, EscalationReason, SuggestReply};

    fn answer() -> Reply {
        Reply::Answer(AnswerReply {
            entry_id: "refund".into(),
            question: "환불은 어떻게 받나요?".into(),
            answer: "주문 내역에서 <환불 신청>을 눌러 주세요.".into(),
            confidence: 0.9,
        })
    }

    #[test]
    fn answer_has_matched_question_and_three_buttons() {
        let m = render_reply(&answer(), "환불 <!channel>", &SlackTexts::default(), false);
        assert_eq!(m.text, "주문 내역에서 &lt;환불 신청&gt;을 눌러 주세요.");
        assert_eq!(m.blocks[1]["elements"][0]["text"], "이 질문에 대한 답변: *환불은 어떻게 받나요?*");
        let buttons = m.blocks[2]["elements"].as_array().unwrap();
        let ids: Vec<&str> = buttons.iter().map(|b| b["action_id"].as_str().unwrap()).collect();
        assert_eq!(ids, [ACTION_HELPFUL, ACTION_UNHELPFUL, ACTION_HUMAN]);
        assert_eq!(buttons[0]["value"], r#"{"e":"refund"}"#);
        assert_eq!(buttons[1]["value"], r#"{"e":"refund","q":"환불 <!channel>"}"#);
        let private = render_reply(&answer(), "환불", &SlackTexts::default(), true);
        assert_eq!(private.blocks[2]["elements"][3]["action_id"], ACTION_SHARE);
    }

    #[test]
    fn suggestions_are_at_most_three_plus_human() {
        let options = (0..5)
            .map(|i| Candidate { entry_id: format!("e{i}"), question: format!("질문 {i}"), confidence: 0.5 })
            .collect();
        let reply =
            Reply::Suggest(SuggestReply { intro: "혹시 이 질문인가요?".into(), options, footer: "f".into() });
        let m = render_reply(&reply, "q", &SlackTexts::default(), false);
        assert_eq!(m.text, "혹시 이 질문인가요?");
        let buttons = m.blocks[1]["elements"].as_array().unwrap();
        assert_eq!(buttons.len(), 4);
        assert_eq!(buttons[0]["text"]["text"], "질문 0");
        assert_eq!(ActionValue::decode(buttons[2]["value"].as_str().unwrap()).entry.as_deref(), Some("e2"));
        assert_eq!(buttons[3]["action_id"], ACTION_HUMAN);
    }

    #[test]
    fn handover_mentions_the_group_and_nobody_else() {
        let h = Handover {
            title: "상담원 연결 요청".into(),
            question: "<!channel> 주차 <@U999> 되나요 @everyone".into(),
            reason: EscalationReason::LowConfidence,
            candidates: vec![Candidate {
                entry_id: "hours".into(), question: "운영 시간".into(), confidence: 0.25
            }],
            on_duty: true,
            next_open: None,
        };
        let ctx = HandoverContext {
            thread: ThreadRef { channel: "C1".into(), thread_ts: Some("1.2".into()), user: "U1".into() },
            permalink: Some("https://x.slack.com/archives/C1/p12".into()),
            support_group: Some("S1".into()),
        };
        let m = render_handover(&h, &ctx, &SlackTexts::default());
        assert_eq!(
            m.text,
            "<!subteam^S1> 상담원 연결 요청: &lt;!channel&gt; 주차 &lt;@\u{2060}U999&gt; 되나요 @\u{2060}everyone"
        );
        assert_eq!(
            m.blocks[1]["text"]["text"],
            "<!subteam^S1> 요청자: <@U1> · <#C1> · <https://x.slack.com/archives/C1/p12|원문 보기>"
        );
        assert_eq!(
            m.blocks[2]["text"]["text"],
            "사유: 봇이 답변을 찾지 못함\n질문: &lt;!channel&gt; 주차 &lt;@\u{2060}U999&gt; 되나요 @\u{2060}everyone\n봇의 후보:\n\
             1. 운영 시간 (hours) — 신뢰도 25%\n상담 시간: 지금 응대 가능"
        );
        assert_eq!(m.blocks[3]["elements"][0]["value"], r#"{"c":"C1","t":"1.2","u":"U1"}"#);
        let resolved = resolved_blocks(&m.blocks, "U7", &SlackTexts::default());
        assert_eq!(resolved.len(), 4);
        assert_eq!(resolved[3]["elements"][0]["text"], "✅ <@U7> 님이 해결 완료로 표시했습니다.");
    }

    #[test]
    fn plain_replies_escape_markup() {
        let m = render_reply(&Reply::Prompt { text: "a <b> & c".into() }, "", &SlackTexts::default(), false);
        assert_eq!(
            m.to_json(),
            json!({"text": "a &lt;b&gt; &amp; c", "blocks": [{"type":"section","text":{"type":"mrkdwn","text":"a &lt;b&gt; &amp; c"}}]})
        );
    }
}
