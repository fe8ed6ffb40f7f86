//! Slack-specific wording: button labels and the few sentences that only
//! exist in Slack. Everything else users read comes from faq-core's
//! [`faq_core::Texts`].

use serde::{Deserialize, Serialize};

/// Button labels and Slack-only sentences (`[slack.texts]`).
///
/// Templates may use `{user}` (a user mention) where noted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlackTexts {
    /// Label above the matched FAQ question of an answer.
    pub matched_label: String,
    /// 👍 button.
    pub helpful_button: String,
    /// 👎 button.
    pub unhelpful_button: String,
    /// Button asking for a human.
    pub human_button: String,
    /// Button sharing a private `/faq` answer in the channel.
    pub share_button: String,
    /// Line above an answer shared from `/faq`; `{user}` is who shared it.
    pub shared_by: String,
    /// Button on a handover that marks it resolved.
    pub resolve_button: String,
    /// Shown on a resolved handover; `{user}` is who resolved it.
    pub resolved_by: String,
    /// Polite refusal when someone not allowed presses the resolve button.
    pub resolve_refused: String,
    /// Label of the asker in a handover.
    pub asker_label: String,
    /// Label of the link to the question in a handover.
    pub permalink_label: String,
    /// Reply when a suggestion or shared entry no longer exists (FAQ reloaded).
    pub entry_gone: String,
}

impl Default for SlackTexts {
    fn default() -> SlackTexts {
        SlackTexts {
            matched_label: "이 질문에 대한 답변".into(),
            helpful_button: "👍 도움이 됐어요".into(),
            unhelpful_button: "👎 도움이 안 됐어요".into(),
            human_button: "상담원 연결".into(),
            share_button: "채널에 공유".into(),
            shared_by: "{user} 님이 공유한 답변".into(),
            resolve_button: "해결 완료".into(),
            resolved_by: "✅ {user} 님이 해결 완료로 표시했습니다.".into(),
            resolve_refused: "죄송합니다. 상담 해결 처리는 지정된 담당자만 할 수 있습니다. 담당자에게 요청해 주세요."
                .into(),
            asker_label: "요청자".into(),
            permalink_label: "원문 보기".into(),
            entry_gone: "이 항목은 FAQ에서 바뀌었거나 삭제되었습니다. 질문을 다시 남겨 주세요.".into(),
        }
    }
}
