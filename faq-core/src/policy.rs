//! The conversation policy both bots share: from a question and the
//! matcher's decision to a [`Reply`] the bots only render.
//!
//! ```
//! use faq_core::{Faq, Format, Matcher, Policy, Reply};
//! let faq = Faq::from_str(r#"
//! [[entries]]
//! id = "hours"
//! question = "고객센터 운영 시간은 어떻게 되나요?"
//! alternates = ["몇 시까지 상담해요?"]
//! answer = "평일 오전 9시부터 오후 6시까지 운영합니다."
//! "#, Format::Toml).unwrap();
//! let matcher = Matcher::new(faq).unwrap();
//! let policy = Policy::default();
//! let now = chrono::Utc::now();
//! assert!(matches!(policy.respond(&matcher, "안녕하세요!", now), Reply::SmallTalk(_)));
//! assert!(matches!(policy.respond(&matcher, "상담 몇시까지 해요?", now), Reply::Answer(_)));
//! assert!(matches!(policy.respond(&matcher, "주차장은 어디에 있나요?", now), Reply::Escalate(_)));
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::decision::{Decision, Hit};
use crate::hours::{Availability, BusinessHours};
use crate::matcher::Matcher;
use crate::text::{Analyzer, Script};

/// Every user-facing sentence, so an operator can change the wording.
///
/// Templates may use `{hours}` (business hours, `평일 09:00–18:00`) and
/// `{next_open}` (`11월 26일(목) 09:00`); `suggest_other_company` uses
/// `{company}`, `suggest_public_matter` uses `{matter}`, and `clock` uses
/// `{now}` (`11월 26일(목) 14:05`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Texts {
    /// Shown above suggestions.
    pub suggest_intro: String,
    /// Shown above suggestions instead, when the question names a company
    /// the FAQ never names (see [`Explanation::other_company`]); `{company}`
    /// is its name.
    ///
    /// [`Explanation::other_company`]: crate::Explanation::other_company
    pub suggest_other_company: String,
    /// Shown above suggestions instead, when what the question names is an
    /// errand of a public office the FAQ never names (여권, 연말정산: see
    /// [`companies::PUBLIC_MATTERS`](crate::companies::PUBLIC_MATTERS));
    /// `{matter}` is its name.
    pub suggest_public_matter: String,
    /// Shown with suggestions: how to reach a human instead.
    pub suggest_footer: String,
    /// Escalation notice when the bot found no answer and a human is on duty.
    pub escalate_open: String,
    /// Escalation notice when the bot found no answer outside business hours.
    pub escalate_closed: String,
    /// Notice when the user asked for a human (button) and one is on duty.
    pub requested_open: String,
    /// Notice when the user asked for a human outside business hours.
    pub requested_closed: String,
    /// Notice after a 👎 on an answer, when a human is on duty.
    pub unhelpful_open: String,
    /// Notice after a 👎 on an answer, outside business hours.
    pub unhelpful_closed: String,
    /// Reply to a greeting.
    pub greeting: String,
    /// Reply to thanks.
    pub thanks: String,
    /// Reply to a goodbye.
    pub goodbye: String,
    /// Reply to an acknowledgement (네 알겠습니다, 넵, ㅇㅋ).
    pub acknowledged: String,
    /// Reply to talk addressed to the bot itself that the FAQ does not
    /// answer (너 이름이 뭐야?, 넌 몇 살이야?).
    pub about_bot: String,
    /// Reply to a question about the time or date now (지금 몇 시예요?,
    /// 오늘 며칠이야?); `{now}` is the date and time in the time zone of
    /// the business hours.
    pub clock: String,
    /// Reply to an empty message, one with nothing to read (emoji only), or
    /// a lone word the FAQ knows nothing of (테스트, 12345).
    pub empty: String,
    /// Reply to 👍.
    pub feedback_thanks: String,
    /// Posted in the user's thread when a human marks the handover resolved.
    pub resolved: String,
    /// Title of the handover message for the support team.
    pub handover_title: String,
}

impl Default for Texts {
    fn default() -> Texts {
        Texts {
            suggest_intro: "혹시 이 질문인가요?".into(),
            suggest_other_company: "{company} 이용에 관한 문의는 {company} 고객센터에서 확인해 주세요. 저희 서비스에 관한 질문이라면 아래에서 골라 주세요.".into(),
            suggest_public_matter: "{matter} 관련 업무는 담당 부서나 기관에서 확인해 주세요. 저희 서비스에 관한 질문이라면 아래에서 골라 주세요.".into(),
            suggest_footer: "원하시는 질문이 없으면 상담원 연결을 눌러 주세요.".into(),
            escalate_open: "정확한 답변을 찾지 못해 상담원을 호출했습니다. 지금은 상담 시간({hours})이라 곧 이 대화에서 답변드리겠습니다.".into(),
            escalate_closed: "정확한 답변을 찾지 못해 상담원을 호출했습니다. 지금은 상담 시간({hours})이 아니어서 {next_open} 이후에 순서대로 답변드리겠습니다.".into(),
            requested_open: "상담원을 호출했습니다. 지금은 상담 시간({hours})이라 곧 이 대화에서 답변드리겠습니다.".into(),
            requested_closed: "상담원을 호출했습니다. 지금은 상담 시간({hours})이 아니어서 {next_open} 이후에 순서대로 답변드리겠습니다.".into(),
            unhelpful_open: "답변이 도움이 되지 않아 죄송합니다. 상담원을 호출했으니 곧 이 대화에서 답변드리겠습니다.".into(),
            unhelpful_closed: "답변이 도움이 되지 않아 죄송합니다. 상담원을 호출했으며, 지금은 상담 시간({hours})이 아니어서 {next_open} 이후에 답변드리겠습니다.".into(),
            greeting: "안녕하세요! 고객센터 안내 봇입니다. 궁금한 점을 편하게 질문해 주세요.".into(),
            thanks: "도움이 되었다니 다행입니다. 더 궁금한 점이 있으면 언제든지 물어봐 주세요.".into(),
            goodbye: "이용해 주셔서 감사합니다. 좋은 하루 보내세요!".into(),
            acknowledged: "네, 더 궁금한 점이 있으면 언제든지 물어봐 주세요.".into(),
            about_bot: "저는 자주 묻는 질문에 답해 드리는 고객센터 안내 봇입니다. 궁금한 점을 질문해 주시면 답을 찾아 드리고, 필요하면 상담원을 연결해 드립니다.".into(),
            clock: "지금은 {now}입니다. 서비스에 관해 궁금한 점이 있으면 질문해 주세요.".into(),
            empty: "질문 내용을 알아보지 못했습니다. 궁금한 점을 글로 적어 주세요. 예: 고객센터 운영 시간이 어떻게 되나요?".into(),
            feedback_thanks: "의견 감사합니다. 더 나은 답변을 위해 참고하겠습니다.".into(),
            resolved: "상담원이 이 문의를 해결 완료로 표시했습니다. 새로운 질문은 언제든지 남겨 주세요.".into(),
            handover_title: "상담원 연결 요청".into(),
        }
    }
}

/// Why a conversation is handed to a human.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationReason {
    /// The matcher was not confident enough.
    LowConfidence,
    /// The user pressed 상담원 연결.
    UserRequested,
    /// The user pressed 👎 on an answer.
    Unhelpful,
}

impl EscalationReason {
    /// A short Korean label for the support team.
    pub fn label(self) -> &'static str {
        match self {
            EscalationReason::LowConfidence => "봇이 답변을 찾지 못함",
            EscalationReason::UserRequested => "사용자가 상담원 연결을 요청함",
            EscalationReason::Unhelpful => "사용자가 봇의 답변이 도움이 안 된다고 표시함",
        }
    }
}

/// An entry the bot considered, for buttons and handovers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The entry's id.
    pub entry_id: String,
    /// The entry's canonical question.
    pub question: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

impl From<&Hit> for Candidate {
    fn from(h: &Hit) -> Candidate {
        Candidate { entry_id: h.entry_id.clone(), question: h.question.clone(), confidence: h.confidence }
    }
}

/// An answer to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerReply {
    /// The entry's id (for feedback buttons).
    pub entry_id: String,
    /// The FAQ question that was matched, shown as "이 질문에 대한 답변".
    pub question: String,
    /// The answer text.
    pub answer: String,
    /// Confidence in [0, 1]; 1.0 for an entry the user picked.
    pub confidence: f32,
}

/// Suggestions to offer as buttons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestReply {
    /// "혹시 이 질문인가요?"
    pub intro: String,
    /// The candidates, best first (at most the configured number).
    pub options: Vec<Candidate>,
    /// How to reach a human instead.
    pub footer: String,
}

/// What the support team receives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Handover {
    /// Title, such as "상담원 연결 요청".
    pub title: String,
    /// The user's question, as typed (the bot must neutralise mentions in it).
    pub question: String,
    /// Why the bot hands over.
    pub reason: EscalationReason,
    /// The bot's best candidates with confidences.
    pub candidates: Vec<Candidate>,
    /// True when a human is on duty now.
    pub on_duty: bool,
    /// The next opening when nobody is on duty.
    pub next_open: Option<String>,
}

impl Handover {
    /// The handover as plain lines of Korean text, for platforms to format:
    /// reason, question, candidates with confidences, duty status.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!("사유: {}", self.reason.label()), format!("질문: {}", self.question)];
        if self.candidates.is_empty() {
            lines.push("봇의 후보: 없음".into());
        } else {
            lines.push("봇의 후보:".into());
            for (i, c) in self.candidates.iter().enumerate() {
                lines.push(format!("{}. {} ({}) — 신뢰도 {:.0}%", i + 1, c.question, c.entry_id, c.confidence * 100.0));
            }
        }
        match &self.next_open {
            None => lines.push("상담 시간: 지금 응대 가능".into()),
            Some(next) => lines.push(format!("상담 시간 외: 사용자에게 {next} 이후 답변을 안내함")),
        }
        lines
    }
}

/// A hand-over to a human: the user's notice and the team's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Escalation {
    /// Why.
    pub reason: EscalationReason,
    /// What to tell the user (when a human will answer).
    pub notice: String,
    /// What to post for the support team.
    pub handover: Handover,
}

/// Greetings, thanks, goodbyes, acknowledgements and talk addressed to the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmallTalkKind {
    /// 안녕하세요, hi.
    Greeting,
    /// 감사합니다, 고마워요.
    Thanks,
    /// 수고하세요, 안녕히 계세요.
    Goodbye,
    /// 네 알겠습니다, 넵, ㅇㅋ, and reactions (와 진짜 빠르네요, 오 신기하다).
    Acknowledgement,
    /// Talk addressed to the bot itself (너 이름이 뭐야?).
    AboutBot,
    /// A question about the time or date now (지금 몇 시예요?, 오늘 무슨
    /// 요일이야?), which no FAQ entry answers and the bot can.
    Clock,
}

/// A polite reply to small talk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SmallTalkReply {
    /// What the user said.
    pub kind: SmallTalkKind,
    /// The reply.
    pub text: String,
}

/// What a bot should say: the only thing a bot needs from the core.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// Answer with an entry.
    Answer(AnswerReply),
    /// Offer candidates ("혹시 이 질문인가요?").
    Suggest(SuggestReply),
    /// Hand over to a human.
    Escalate(Escalation),
    /// Reply politely to small talk.
    SmallTalk(SmallTalkReply),
    /// Nothing to read in the message, or a lone word the FAQ knows nothing
    /// of: ask for a question.
    Prompt {
        /// The prompt.
        text: String,
    },
}

/// The shared conversation policy: texts and business hours.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// User-facing sentences.
    pub texts: Texts,
    /// When humans answer.
    pub hours: BusinessHours,
}

/// How many candidates a handover lists.
pub const HANDOVER_CANDIDATES: usize = 3;

impl Policy {
    /// A policy with these texts and hours.
    pub fn new(texts: Texts, hours: BusinessHours) -> Policy {
        Policy { texts, hours }
    }

    /// The reply to a question asked at `now`: the one call a bot makes.
    pub fn respond(&self, matcher: &Matcher, question: &str, now: DateTime<Utc>) -> Reply {
        let analysis = matcher.analyze(question);
        if analysis.tokens.is_empty() {
            return Reply::Prompt { text: self.texts.empty.clone() };
        }
        if let Some(kind) = small_talk(&analysis) {
            return self.small_talk_reply(kind, now);
        }
        // 상담원 연결해 주세요 typed rather than pressed: the same hand-over,
        // with the matcher's best entries for the human to start from.
        if asks_for_a_human(&analysis) {
            return Reply::Escalate(self.escalate(matcher, question, EscalationReason::UserRequested, now));
        }
        match matcher.decide_analysis(&analysis) {
            Decision::Answer(hit) => self.answer_hit(matcher, &hit),
            Decision::Suggest(hits) => Reply::Suggest(self.suggestion(&hits)),
            // Talk addressed to the bot that the FAQ does not answer (너
            // 이름이 뭐야?): the bot says what it is, no human is called.
            Decision::Escalate(_) if addresses_the_bot(&analysis) => {
                self.small_talk_reply(SmallTalkKind::AboutBot, now)
            }
            // A lone short word the FAQ knows nothing of (테스트, 12345,
            // asdf): ask for a question rather than call a human for it. A
            // question written without spaces is one long word, and does
            // reach a human.
            Decision::Escalate(_) if lone_short_word(&analysis) => Reply::Prompt { text: self.texts.empty.clone() },
            // Another company's or a public office's matter: say where to
            // ask, with this FAQ's nearest entries, rather than call a human
            // who could not help either.
            Decision::Escalate(hits) if hits.first().is_some_and(|h| h.explanation.other_company.is_some()) => {
                Reply::Suggest(self.suggestion(&hits[..hits.len().min(HANDOVER_CANDIDATES)]))
            }
            Decision::Escalate(hits) => {
                let candidates: Vec<Candidate> = hits.iter().take(HANDOVER_CANDIDATES).map(Candidate::from).collect();
                Reply::Escalate(self.escalation(question, EscalationReason::LowConfidence, candidates, now))
            }
        }
    }

    /// A suggestion of these hits, introduced by where to ask when the best
    /// one names another company's or a public office's matter.
    fn suggestion(&self, hits: &[Hit]) -> SuggestReply {
        SuggestReply {
            intro: match hits.first().and_then(|h| h.explanation.other_company.as_deref()) {
                Some(matter) if crate::companies::is_public_matter(matter) => {
                    self.texts.suggest_public_matter.replace("{matter}", matter)
                }
                Some(company) => self.texts.suggest_other_company.replace("{company}", company),
                None => self.texts.suggest_intro.clone(),
            },
            options: hits.iter().map(Candidate::from).collect(),
            footer: self.texts.suggest_footer.clone(),
        }
    }

    /// The reply to small talk of this kind, said at `now`.
    fn small_talk_reply(&self, kind: SmallTalkKind, now: DateTime<Utc>) -> Reply {
        let text = match kind {
            SmallTalkKind::Greeting => self.texts.greeting.clone(),
            SmallTalkKind::Thanks => self.texts.thanks.clone(),
            SmallTalkKind::Goodbye => self.texts.goodbye.clone(),
            SmallTalkKind::Acknowledgement => self.texts.acknowledged.clone(),
            SmallTalkKind::AboutBot => self.texts.about_bot.clone(),
            SmallTalkKind::Clock => self.texts.clock.replace("{now}", &self.hours.local_time(now)),
        };
        Reply::SmallTalk(SmallTalkReply { kind, text })
    }

    /// The answer of an entry the user picked (a suggestion button).
    pub fn answer_entry(&self, matcher: &Matcher, entry_id: &str) -> Option<Reply> {
        let e = matcher.faq().get(entry_id)?;
        Some(Reply::Answer(AnswerReply {
            entry_id: e.id.clone(),
            question: e.question.clone(),
            answer: e.answer.clone(),
            confidence: 1.0,
        }))
    }

    /// A hand-over the user asked for (상담원 연결) or triggered with 👎.
    /// The candidates are the matcher's best entries for the question.
    pub fn escalate(
        &self,
        matcher: &Matcher,
        question: &str,
        reason: EscalationReason,
        now: DateTime<Utc>,
    ) -> Escalation {
        let candidates = matcher.search(question, HANDOVER_CANDIDATES).iter().map(Candidate::from).collect();
        self.escalation(question, reason, candidates, now)
    }

    fn answer_hit(&self, matcher: &Matcher, hit: &Hit) -> Reply {
        let answer = matcher.faq().get(&hit.entry_id).map(|e| e.answer.clone()).unwrap_or_default();
        Reply::Answer(AnswerReply {
            entry_id: hit.entry_id.clone(),
            question: hit.question.clone(),
            answer,
            confidence: hit.confidence,
        })
    }

    fn escalation(
        &self,
        question: &str,
        reason: EscalationReason,
        candidates: Vec<Candidate>,
        now: DateTime<Utc>,
    ) -> Escalation {
        let availability = self.hours.availability(now);
        let (template, next_open) = match (&availability, reason) {
            (Availability::Open, EscalationReason::LowConfidence) => (&self.texts.escalate_open, None),
            (Availability::Open, EscalationReason::UserRequested) => (&self.texts.requested_open, None),
            (Availability::Open, EscalationReason::Unhelpful) => (&self.texts.unhelpful_open, None),
            (Availability::Closed { next_open, .. }, r) => (
                match r {
                    EscalationReason::LowConfidence => &self.texts.escalate_closed,
                    EscalationReason::UserRequested => &self.texts.requested_closed,
                    EscalationReason::Unhelpful => &self.texts.unhelpful_closed,
                },
                Some(next_open.clone()),
            ),
        };
        let notice = template
            .replace("{hours}", &self.hours.describe())
            .replace("{next_open}", next_open.as_deref().unwrap_or(""));
        Escalation {
            reason,
            notice,
            handover: Handover {
                title: self.texts.handover_title.clone(),
                question: question.to_string(),
                reason,
                candidates,
                on_duty: next_open.is_none(),
                next_open,
            },
        }
    }
}

/// Words of small talk, as prefixes of normalized words.
const GREETINGS: &[&str] = &[
    "안녕하",
    "안녕",
    "안뇽",
    "하이",
    "하잉",
    "헬로",
    "hi",
    "hello",
    "hey",
    "반가",
    "반갑",
    "ㅎㅇ",
    "굿모닝",
    "좋은아침",
    "오랜만",
    "좋은 아침",
    "좋은 저녁",
    "좋은 오후",
    "새해",
    // Not 메리 or 해피 alone: 메리츠화재 and 해피포인트 are names.
    "메리크리스마스",
    "메리 크리스마스",
    "merry",
    "해피뉴이어",
    "왔어",
];
const THANKS: &[&str] =
    &["감사", "고마", "고맙", "땡큐", "땡스", "thank", "thx", "ㄱㅅ", "ㄳ", "갑사", "감삼", "감샤", "감솨"];
/// Thanks that end a word written without spaces (답변감사합니다).
const THANKS_ENDINGS: &[&str] = &["감사합니다", "감사해요", "감사드려요", "감사드립니다", "고맙습니다", "고마워요"];
/// Saying that the answer helped (도움 많이 됐어요, 도움이 되었습니다), spaces
/// aside: thanks without the word.
const HELPED: &[&str] = &["도움됐", "도움이됐", "도움되었", "도움이되었", "도움많이됐", "도움이많이됐", "도움많이되었"];
const GOODBYES: &[&str] = &[
    "수고",
    "안녕히",
    "잘 있",
    "bye",
    "바이",
    "들어가세요",
    "좋은 하루",
    // Promises to come back (다음에 또 물어볼게요, 나중에 다시 올게요).
    "물어볼게",
    "물어볼께",
    "여쭤볼게",
    "올게",
    "올께",
    "연락할게",
    "연락할께",
    "연락드릴게",
    "문의할게",
    "문의할께",
    "문의드릴게",
    "찾아올게",
    "들를게",
    "갈게",
    "가볼게",
    "나갈게",
    "빠이",
    "ㅂㅂ",
    "ㅂㅇ",
    "굿밤",
    "좋은 밤",
    "좋은밤",
    "좋은하루",
    "잘 보내세요",
];
/// Words of acknowledgement, as prefixes of normalized words.
const ACKNOWLEDGEMENTS: &[&str] = &[
    "알겠",
    "알았",
    "그렇구나",
    "그렇군",
    "넵",
    "넹",
    "네네",
    "옙",
    "ㅇㅋ",
    "ㅇㅇ",
    "오키",
    "오케이",
    "ok",
    "okay",
    "확인했",
    "이해했",
    "참고할게",
    "참고하겠",
    "확인이요",
    "확인요",
];
/// Stems of an apology or a slip of the finger (죄송해요 잘못 눌렀어요, 앗
/// 오타, 실수로 보냈어요): nothing was asked. Stems, not prefixes: a
/// question written without spaces (잘못결제했는데취소할수있나요) is no slip.
const SLIPS: &[&str] = &[
    "죄송",
    "미안",
    "ㅈㅅ",
    "쏘리",
    "sorry",
    "잘못",
    "실수",
    "오타",
    "착각",
    "미끄러지",
    "잘못누르",
    "잘못침",
    "잘못치",
];
/// Interjections that say nothing to answer (흠, 아하, 헐, 아오), as
/// whole words.
const INTERJECTIONS: &[&str] = &[
    "흠",
    "음",
    "아하",
    "헐",
    "헉",
    "앗",
    "와우",
    "오올",
    "굿",
    "굿굿",
    "에휴",
    "어휴",
    "아오",
    "아놔",
    "에이",
    "아이고",
];
/// Whole messages, spaces and punctuation aside, that take back the last
/// one (취소 취소, 방금 거 취소).
const TAKEN_BACK: &[&str] =
    &["취소취소", "방금거취소", "방금거취소요", "방금메세지취소요", "방금메시지취소요", "아아니에요", "아니에요"];
/// Whole messages, spaces and punctuation aside, that say goodbye (그럼
/// 이만, 다음에 봐요).
const GOODBYE_PHRASES: &[&str] =
    &["이만", "그럼이만", "다음에봐요", "다음에봐", "담에봐요", "담에봐", "또봐요", "또봐", "다음에뵐게요", "또뵐게요"];
/// Stems of a reaction: praise and surprise said in passing (와 진짜
/// 빠르네요, 오 신기하다, 대박), which a bot acknowledges. Stems, not
/// prefixes: 빠른배송 and 최고등급 are things asked about. Complaints
/// (느리네요, 답변이 늦네요) are no reaction.
const REACTIONS: &[&str] = &[
    "똑똑",
    "대단",
    "깔끔",
    "귀엽",
    "웃기",
    "대박",
    "신기",
    "최고",
    "짱",
    "멋지",
    "멋있",
    "훌륭",
    "감동",
    "빠르",
    "좋",
    "친절",
    "편하",
    "편리",
    "재밌",
    "재미있",
    "wow",
    "nice",
    "great",
    "cool",
    "awesome",
];
/// Stems that address the bot itself (not 너희 or 너네, the company).
const THE_BOT: &[&str] = &["너", "넌", "니가", "봇", "챗봇", "로봇", "bot", "chatbot"];

/// The longest word (in characters) [`lone_short_word`] takes for a word
/// rather than a question written without spaces.
const LONE_WORD_CHARS: usize = 5;

/// True when a message holds one short content word at most (테스트,
/// 12345, 바보?).
fn lone_short_word(analysis: &crate::text::Analysis) -> bool {
    let mut content = analysis.tokens.iter().filter(|t| t.is_content());
    match (content.next(), content.next()) {
        (None, _) => true,
        (Some(t), None) => t.text.chars().count() <= LONE_WORD_CHARS,
        _ => false,
    }
}

/// True when a message speaks to the bot itself (너 이름이 뭐야?, 넌 몇
/// 살이야?, 봇이야?).
fn addresses_the_bot(analysis: &crate::text::Analysis) -> bool {
    analysis.tokens.iter().any(|t| THE_BOT.contains(&t.stem.as_str()))
}

/// Stems that may come with small talk, as whole stems: as prefixes they
/// would start words asked about (주말요금, 복구, 애가 아파요).
const FILLER_STEMS: &[&str] = &["손가락", "애가", "이만", "처음", "주말", "아침", "저녁", "오후", "밤", "말투", "복"];

/// Words that may come with small talk without making it a question (an
/// acknowledgement such as 넵 or 알겠어요 is small talk of its own).
const FILLERS: &[&str] = &[
    // What a slip was made with (잘못 눌렀어요, 실수로 보냈어요).
    "눌렀",
    "누름",
    "입력했",
    "보냈",
    "쳤",
    "봤",
    "제가",
    "방금",
    "괜히",
    "귀찮",
    "신경쓰",
    "마세요",
    "와봤",
    "챗봇",
    "생각보다",
    "다음에",
    "담에",
    "나중에",
    "다시",
    "또",
    "그럼",
    "네",
    "예",
    "아",
    "오",
    "와",
    "정말",
    "진짜",
    "너무",
    "많이",
    "매우",
    "대단히",
    "다",
    "님",
    "봇",
    "여러분",
    "요",
    "좋",
    "좋은",
    "하루",
    "되세요",
    "보내세요",
    "계세요",
    "하세요",
    "합니다",
    "해요",
    "드려요",
    "드립니다",
    "잘",
    "도움",
    "됐",
    "되었",
    "덕분",
    "답변",
    "설명",
    "안내",
    "친절",
    "빠른",
    "자세",
    "해결",
    // What was received and from whom (상담 잘 받았어요, 문의 답변 감사해요).
    "상담",
    "문의",
    "받았",
    "the",
    "you",
    "so",
    "much",
    "very",
];

/// Words for a person of the support team, as prefixes of normalized words.
const HUMANS: &[&str] =
    &["상담원", "상담사", "상담직원", "직원", "사람", "담당자", "매니저", "휴먼", "human", "agent", "operator"];
/// Stems of what a user asks such a person for: to be put through, to talk.
const HUMAN_REQUESTS: &[&str] =
    &["연결", "바꾸", "통화", "얘기", "이야기", "대화", "부르", "넘기", "연락", "상담", "connect", "talk", "speak"];
/// Words that make a message a question about the support team (상담원
/// 연결은 몇 시까지 돼요?, 상담사와 통화하는 방법) rather than a request to
/// be put through to them.
const QUESTION_CUES: &[&str] = &[
    "어떻게",
    "어케",
    "어찌",
    "방법",
    "절차",
    "몇",
    "언제",
    "어디",
    "얼마",
    "왜",
    "무엇",
    "뭐",
    "시간",
    "번호",
    "비용",
    "요금",
    "how",
    "when",
    "where",
    "what",
];
/// Endings and words that make a sentence a request (해 주세요, 하고
/// 싶어요, 부탁드립니다), as written in a word.
const REQUEST_FORMS: &[&str] = &[
    "주세요",
    "줘",
    "주실",
    "주시",
    "줄래",
    "주라",
    "싶",
    "원해",
    "원합니다",
    "부탁",
    "바랍니다",
    "할래",
    "가능",
    "please",
    "connect",
    "talk",
    "speak",
];
/// How many words apart a person and a request for them may be (직원분이랑
/// 직접 얘기하고; connect me to an agent).
const NEAR_WORDS: usize = 4;
/// Words after a person that mean not that person (상담원 말고).
const NOT_THAT: &[&str] = &["말고", "말구", "없이", "빼고", "필요없"];

/// Recognises a typed request to be put through to a person (상담원
/// 연결해 주세요, 사람이랑 얘기하고 싶어요, 챗봇 말고 직원 바꿔 주세요), as
/// opposed to a question about the support team (상담원 연결은 몇 시까지
/// 되나요?), which the FAQ may answer.
fn asks_for_a_human(analysis: &crate::text::Analysis) -> bool {
    use crate::text::Token;
    let tokens = &analysis.tokens;
    if tokens.len() > 24 {
        return false;
    }
    // A cue anywhere in a word, as words run together (상담원한테어떻게말해요);
    // 몇, 왜 and 뭐 only where a word starts.
    let cue = |t: &Token| {
        QUESTION_CUES.iter().any(|c| if c.chars().count() > 1 { t.text.contains(c) } else { t.text.starts_with(c) })
    };
    // Trying and failing to get through is a question (상담사 연결이 안
    // 되는데 다른 방법 있나요?), not a request.
    let failing =
        |t: &Token| matches!(t.text.as_str(), "안" | "못") || t.text.contains("안되") || t.text.contains("안돼");
    if tokens.iter().any(|t| cue(t) || failing(t)) {
        return false;
    }
    // 상담원! alone: a word for the support team and nothing else (사람
    // alone is too many other things).
    // So is 상담원 연결 (or 상담원연결), the hand-over button's words typed.
    let content: Vec<&Token> = tokens.iter().filter(|t| t.is_content()).collect();
    let team = |word: &str| word != "사람" && HUMANS.contains(&word);
    let alone_or_connect = match content[..] {
        [only] => team(&only.stem) || HUMANS.iter().any(|h| team(h) && only.text.strip_prefix(h) == Some("연결")),
        [person, what] => team(&person.text) && what.stem == "연결",
        _ => false,
    };
    if alone_or_connect {
        return true;
    }
    if !tokens.iter().any(|t| REQUEST_FORMS.iter().any(|f| t.text.contains(f))) {
        return false;
    }
    let human = |i: usize| {
        starts_with_any(&tokens[i].text, HUMANS)
            && !tokens.get(i + 1).is_some_and(|next| starts_with_any(&next.text, NOT_THAT))
    };
    // What follows a person in the same word counts (상담원연결해주세요),
    // not the person's own letters (상담 of 상담원).
    let request = |t: &Token| match HUMANS.iter().find(|p| t.text.starts_with(*p)) {
        Some(p) => starts_with_any(&t.text[p.len()..], HUMAN_REQUESTS),
        None => starts_with_any(&t.stem, HUMAN_REQUESTS) || starts_with_any(&t.text, HUMAN_REQUESTS),
    };
    // A person and what to do with them, a few words apart.
    (0..tokens.len())
        .filter(|&i| human(i))
        .any(|i| tokens[i.saturating_sub(NEAR_WORDS)..tokens.len().min(i + NEAR_WORDS + 1)].iter().any(request))
}

/// True when the word starts with one of the prefixes.
fn starts_with_any(word: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| word.starts_with(p))
}

/// The kind of small talk a message is, when it is made only of greetings,
/// thanks, goodbyes or acknowledgements (감사합니다, 네 알겠습니다, 답변 감사해요):
/// what [`Policy::respond`] replies to politely without asking the FAQ.
pub fn small_talk_in(question: &str) -> Option<SmallTalkKind> {
    small_talk(&Analyzer::default().analyze(question))
}

/// Words for now that a question about the time or date starts with,
/// with or without a particle (오늘이 며칠이야, 지금은 몇 시야).
const NOW_WORDS: &[&str] = &["지금은", "지금", "현재", "오늘은", "오늘이", "오늘", "금일"];
/// What the time or date is asked with (몇 시, 며칠, 무슨 요일).
const CLOCK_QUESTIONS: &[&str] = &["몇시몇분", "몇시", "몇월며칠", "며칠", "몇일", "몇칠", "무슨요일", "몇요일"];
/// Words for the time or date, asked for with a question word or a
/// request (시간이 몇 시, 날짜 좀 알려줘).
const CLOCK_WORDS: &[&str] = &["시간이", "시간은", "시간", "날짜가", "날짜는", "날짜", "요일이", "요일은"];
/// What closes a question for the time or date: the copula, or a request.
const CLOCK_ENDINGS: &[&str] = &[
    "",
    "야",
    "예요",
    "에요",
    "이에요",
    "이야",
    "임",
    "인가요",
    "인가",
    "이냐",
    "냐",
    "니",
    "요",
    "죠",
    "이죠",
    "이지",
    "지",
    "쯤",
    "쯤이야",
    "쯤이에요",
    "됐어",
    "됐어요",
    "됐나요",
];
/// Requests to be told (알려 줘).
const TELL_ME: &[&str] =
    &["알려줘", "알려줘요", "알려주세요", "알려주실래요", "알려줄래", "좀알려줘", "좀알려주세요", "말해줘"];

/// Recognises a question about the time or date now (지금 몇 시예요?,
/// 오늘 며칠이야?, 지금 시간 좀 알려줘), as opposed to one about the
/// service's hours (지금 몇 시까지 해요?, 오늘 몇 시에 열어요?), in a
/// message's letters and digits.
fn asks_the_time(squeezed: &str) -> bool {
    let text: String = squeezed.chars().filter(|c| crate::text::hangul::is_syllable(*c)).collect();
    let Some(rest) = NOW_WORDS.iter().find_map(|w| text.strip_prefix(w)) else {
        return false;
    };
    let asked = |rest: &str| {
        CLOCK_QUESTIONS.iter().filter_map(|q| rest.strip_prefix(q)).any(|end| {
            CLOCK_ENDINGS.contains(&end)
                || TELL_ME.iter().any(|t| end.strip_suffix(t).is_some_and(|e| e.is_empty() || e == "좀"))
        })
    };
    asked(rest)
        || CLOCK_WORDS.iter().filter_map(|w| rest.strip_prefix(w)).any(|end| asked(end) || TELL_ME.contains(&end))
}

/// Who or what a user may ask the bot it is (상담원이세요?, 봇이야?).
const WHO: &[&str] = &["사람", "상담원", "상담사", "직원", "챗봇", "봇", "로봇", "기계", "ai", "인공지능"];
/// How such a question ends (이세요, 이야, 인가요, 맞죠).
const WHO_ENDINGS: &[&str] = &[
    "이세요",
    "세요",
    "이에요",
    "에요",
    "예요",
    "이야",
    "야",
    "이니",
    "니",
    "인가요",
    "인가",
    "이냐",
    "냐",
    "임",
    "이죠",
    "죠",
    "이지",
    "맞아요",
    "맞죠",
    "맞나요",
    "분이세요",
    "분이에요",
    "분인가요",
    "",
];
/// Messages that check the bot is there (작동하나요?, 여보세요, 대답해 봐),
/// spaces and punctuation aside.
const BOT_CHECKS: &[&str] = &[
    "작동하나요",
    "작동해",
    "작동하니",
    "작동되나요",
    "대답해봐",
    "대답해",
    "대답좀",
    "대답좀해봐",
    "응답하라",
    "응답해",
    "여보세요",
    "아무도없나요",
    "아무도없어요",
    "거기누구있어요",
    "누구있어요",
    "누구세요",
    // Its name (이름이 뭐예요?, 너 이름 뭐야).
    "이름이뭐예요",
    "이름이뭐에요",
    "이름이뭐야",
    "이름이뭐임",
    "이름뭐예요",
    "이름뭐에요",
    "이름뭐야",
    "너이름이뭐야",
    "너이름뭐야",
    "이름이어떻게되세요",
    "이름이머야",
    "내말들려",
    "들려요",
    "들리세요",
    "이거되나요",
    "이거되나",
    "이거되는거임",
    "이거되는거야",
    "되나",
    "되나요",
    "ㅌㅅㅌ",
];

/// Recognises a question about what the bot is (상담원이세요?, 사람이에요
/// 봇이에요?, 챗봇인가요) or a check that it is there (여보세요, 작동하나요?),
/// in a message's letters and digits.
fn asks_what_the_bot_is(squeezed: &str) -> bool {
    if BOT_CHECKS.contains(&squeezed) {
        return true;
    }
    let mut rest =
        ["혹시", "너", "넌", "당신", "거기", "진짜"].iter().find_map(|p| squeezed.strip_prefix(p)).unwrap_or(squeezed);
    let mut asked = false;
    // One question or two (사람이에요 봇이에요), each a word for who and an
    // ending of the copula; a lone 상담원 is a request for one.
    while !rest.is_empty() {
        let next = WHO.iter().filter_map(|w| rest.strip_prefix(w)).find_map(|after| {
            WHO_ENDINGS
                .iter()
                .filter(|e| !e.is_empty() || after.is_empty())
                .filter_map(|e| after.strip_prefix(e))
                .min_by_key(|left| left.len())
        });
        match next {
            Some(left) => {
                rest = left;
                asked = true;
            }
            None => return false,
        }
    }
    asked && !WHO.contains(&squeezed)
}

/// Recognises a message made only of greetings, thanks or goodbyes, or a
/// question about the time now.
fn small_talk(analysis: &crate::text::Analysis) -> Option<SmallTalkKind> {
    if analysis.tokens.len() > 8 {
        return None;
    }
    let squeezed: String = analysis.normalized.chars().filter(|c| c.is_alphanumeric()).collect();
    if asks_the_time(&squeezed) {
        return Some(SmallTalkKind::Clock);
    }
    if asks_what_the_bot_is(&squeezed) {
        return Some(SmallTalkKind::AboutBot);
    }
    if TAKEN_BACK.contains(&squeezed.as_str()) {
        return Some(SmallTalkKind::Acknowledgement);
    }
    if GOODBYE_PHRASES.contains(&squeezed.as_str()) {
        return Some(SmallTalkKind::Goodbye);
    }
    let norm = analysis.normalized.as_str();
    let mut kind = None;
    let mut rank = 0;
    for token in &analysis.tokens {
        let w = token.text.as_str();
        let starts = |list: &[&str]| starts_with_any(w, list);
        // Thanks outrank a goodbye, a goodbye a greeting, and any of them
        // an acknowledgement (네 감사합니다 is thanks).
        let found = if starts(THANKS) || THANKS_ENDINGS.iter().any(|e| w.ends_with(e)) {
            Some((4, SmallTalkKind::Thanks))
        } else if starts(GOODBYES) {
            Some((3, SmallTalkKind::Goodbye))
        } else if starts(GREETINGS) {
            Some((2, SmallTalkKind::Greeting))
        } else if starts(ACKNOWLEDGEMENTS)
            || REACTIONS.contains(&token.stem.as_str())
            || INTERJECTIONS.contains(&w)
            || SLIPS.contains(&token.stem.as_str())
            || w.starts_with("무시해")
            || matches!(w, "네" | "예" | "응")
        {
            Some((1, SmallTalkKind::Acknowledgement))
        } else {
            None
        };
        match found {
            Some((r, k)) if r > rank => {
                rank = r;
                kind = Some(k);
            }
            Some(_) => {}
            None if starts(FILLERS)
                || FILLER_STEMS.contains(&token.stem.as_str())
                || token.script == Script::Number => {}
            None if !token.is_content() => {}
            None => return None,
        }
    }
    // Fillers alone that say the answer helped are thanks.
    if kind.is_none() && HELPED.iter().any(|h| squeezed.contains(h)) {
        return Some(SmallTalkKind::Thanks);
    }
    // Words of a list that have several words are looked for in the whole text.
    let says_a_phrase_of = |list: &[&str]| list.iter().any(|p| p.contains(' ') && norm.contains(p));
    if says_a_phrase_of(GOODBYES) {
        return Some(SmallTalkKind::Goodbye);
    }
    // 좋은 저녁이에요 is a greeting, not praise (좋).
    if rank < 2 && says_a_phrase_of(GREETINGS) {
        return Some(SmallTalkKind::Greeting);
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default FAQ's matcher, the default policy and the time now.
    fn default_faq_policy() -> (Matcher, Policy, DateTime<Utc>) {
        let faq = crate::Faq::from_str(crate::settings::DEFAULT_FAQ, crate::Format::Toml).unwrap();
        (Matcher::new(faq).unwrap(), Policy::default(), Utc::now())
    }

    fn kind(text: &str) -> Option<SmallTalkKind> {
        small_talk(&Analyzer::default().analyze(text))
    }

    #[test]
    fn another_companys_matter_is_told_where_to_ask() {
        let (matcher, policy, now) = default_faq_policy();
        let Reply::Suggest(s) = policy.respond(&matcher, "티빙 고객센터 전화번호 알려주세요", now)
        else {
            panic!("a suggestion was expected");
        };
        assert!(s.intro.starts_with("티빙 이용에 관한 문의는 티빙 고객센터에서"), "{}", s.intro);
        assert_eq!(s.options[0].entry_id, "phone-number");
        // The same question on this FAQ's own center is answered.
        assert!(matches!(policy.respond(&matcher, "고객센터 전화번호 알려주세요", now), Reply::Answer(_)));
    }

    #[test]
    fn another_companys_matter_never_calls_a_human() {
        let (matcher, policy, now) = default_faq_policy();
        for q in
            ["주민등록등본 발급 전화번호 알려주세요", "티빙 고객센터 전화번호 알려주세요", "여권 재발급 서류 뭐예요"]
        {
            let Reply::Suggest(s) = policy.respond(&matcher, q, now) else {
                panic!("{q}: a suggestion was expected");
            };
            assert!(s.intro.contains("에서 확인해 주세요"), "{q}: {}", s.intro);
            assert!(!s.options.is_empty(), "{q}");
        }
    }

    #[test]
    fn a_public_office_s_errand_is_told_where_to_ask() {
        let (matcher, policy, now) = default_faq_policy();
        let Reply::Suggest(s) = policy.respond(&matcher, "주민등록등본 발급 전화번호 알려주세요", now)
        else {
            panic!("a suggestion was expected");
        };
        assert!(s.intro.starts_with("주민등록등본 관련 업무는 담당 부서나 기관에서"), "{}", s.intro);
    }

    #[test]
    fn the_time_now_is_told_in_the_hours_time_zone() {
        let (matcher, policy, _) = default_faq_policy();
        let now = "2026-11-26T05:05:00Z".parse::<DateTime<Utc>>().unwrap();
        let Reply::SmallTalk(r) = policy.respond(&matcher, "지금 몇 시예요?", now) else {
            panic!("no small talk")
        };
        assert_eq!(r.kind, SmallTalkKind::Clock);
        assert_eq!(r.text, "지금은 11월 26일(목) 14:05입니다. 서비스에 관해 궁금한 점이 있으면 질문해 주세요.");
        // The service's hours are the FAQ's.
        assert!(matches!(policy.respond(&matcher, "몇 시까지 상담해요?", now), Reply::Answer(_)));
    }

    #[test]
    fn a_typed_request_for_a_human_is_told_from_a_question_about_them() {
        let asks = |text: &str| asks_for_a_human(&Analyzer::default().analyze(text));
        for text in [
            "상담원 연결해 주세요",
            "상담원!!",
            "사람이랑 얘기하고 싶어요",
            "챗봇 말고 진짜 사람 바꿔 주세요ㅡㅡ",
            "직원 상담으로 넘겨 주시기 바랍니다",
            "자동 응답 말고 직원분이랑 직접 얘기하고 싶어요",
            "결제가 두 번 됐어요. 상담사 연결 부탁드립니다",
            "상담원 불러줘",
            "상담원연결해주세요",
            "connect me to an agent",
            "상담원 연결",
            "상담원연결",
            "상담사 연결요",
            "직원 연결!!",
        ] {
            assert!(asks(text), "{text}");
        }
        for text in [
            "상담원 연결은 몇 시까지 되나요?",
            "상담사와 통화하는 방법 알려주세요",
            "상담원 연결 번호가 뭐예요?",
            "사람 연결",
            "상담원이 불친절했어요",
            "상담원 말고 그냥 답변해 주세요",
            "환불은 어떻게 해요?",
            "사람이 너무 많아요",
            "고객센터 전화번호 알려줘",
            "모르는 사람한테 연락이 와서 결제가 됐어요",
            "다른 사람이랑 통화했는데 요금이 나왔어요",
            "상담사 연결이 도무지 안 되는데 다른 루트로 문의 가능해요?",
            "상담원한테어떻게말해야잘통해요?",
            "보낸 사람 중에서 특수문자가 포함된 메일주소는 넘기지 말고 모아주세요",
            "이 사람이다",
        ] {
            assert!(!asks(text), "{text}");
        }
    }

    #[test]
    fn a_typed_request_for_a_human_hands_over() {
        let (matcher, policy, now) = default_faq_policy();
        let Reply::Escalate(e) = policy.respond(&matcher, "상담원 연결해 주세요", now) else {
            panic!("no hand-over")
        };
        assert_eq!(e.reason, EscalationReason::UserRequested);
        assert!(matches!(policy.respond(&matcher, "고객센터 운영 시간이 어떻게 되나요?", now), Reply::Answer(_)));
    }

    #[test]
    fn talk_to_the_bot_is_answered_by_the_bot() {
        let (matcher, policy, now) = default_faq_policy();
        for text in ["너 이름이 뭐야?", "넌 몇 살이야?", "너 꽤 똑똑하다?", "챗봇이야?"] {
            let Reply::SmallTalk(r) = policy.respond(&matcher, text, now) else { panic!("{text}") };
            assert_eq!(r.kind, SmallTalkKind::AboutBot, "{text}");
        }
        // The company (너희) is no bot: a complaint the FAQ does not answer
        // is no small talk, and a human is offered.
        let r = policy.respond(&matcher, "너희 때문에 돈 날렸어요", now);
        assert!(matches!(r, Reply::Escalate(_) | Reply::Suggest(_)), "{r:?}");
        // What the FAQ answers is answered, whoever it is addressed to.
        assert!(matches!(policy.respond(&matcher, "너네 고객센터 몇 시까지 해?", now), Reply::Answer(_)));
        let Reply::SmallTalk(r) = policy.respond(&matcher, "넵 알겠습니다", now) else { panic!("no small talk") };
        assert_eq!(r.kind, SmallTalkKind::Acknowledgement);
    }

    #[test]
    fn a_lone_unknown_word_is_asked_for_a_question_not_handed_over() {
        let (matcher, policy, now) = default_faq_policy();
        for text in ["테스트", "12345", "asdf", "바보?"] {
            assert!(matches!(policy.respond(&matcher, text, now), Reply::Prompt { .. }), "{text}");
        }
        // A question written without spaces is no lone word.
        assert!(matches!(policy.respond(&matcher, "양자역학교과서추천해주세요", now), Reply::Escalate(_)));
        // A question on a topic the FAQ lacks still reaches a human, and a
        // lone word the FAQ knows is still matched.
        assert!(matches!(policy.respond(&matcher, "양자역학 교과서 추천해 주세요", now), Reply::Escalate(_)));
        assert!(!matches!(policy.respond(&matcher, "운영시간", now), Reply::Prompt { .. }));
    }

    #[test]
    fn small_talk_is_recognised() {
        use SmallTalkKind::*;
        for (text, expected) in [
            ("안녕하세요", Some(Greeting)),
            ("안녕하세요!! 반갑습니다 ㅎㅎ", Some(Greeting)),
            ("hi", Some(Greeting)),
            ("감사합니다", Some(Thanks)),
            ("정말 고마워요~", Some(Thanks)),
            ("네 감사합니다 수고하세요", Some(Thanks)),
            ("수고하세요", Some(Goodbye)),
            ("안녕히 계세요", Some(Goodbye)),
            ("thank you so much", Some(Thanks)),
            ("네 알겠습니다", Some(Acknowledgement)),
            ("아 그렇구나", Some(Acknowledgement)),
            ("넵!", Some(Acknowledgement)),
            ("ㅇㅋ", Some(Acknowledgement)),
            ("네 알겠습니다 감사합니다", Some(Thanks)),
            ("답변 감사합니다 도움 됐어요", Some(Thanks)),
            ("친절한 안내 감사해요!", Some(Thanks)),
            ("상담 잘 받았어요 감사해요", Some(Thanks)),
            ("도움 많이 됐어요", Some(Thanks)),
            ("덕분에 도움이 되었습니다", Some(Thanks)),
            ("환불 도움 됐어요", None),
            ("문의 답변 감사합니다", Some(Thanks)),
            ("환불 잘 받았어요 감사해요", None),
            ("상담 시간 감사합니다", None),
            ("답변이 늦네요", None),
            // Praise and surprise said in passing are acknowledged...
            ("와 진짜 빠르네요", Some(Acknowledgement)),
            ("오 신기하다", Some(Acknowledgement)),
            ("대박ㅋㅋ", Some(Acknowledgement)),
            ("우와 친절하시네요", Some(Acknowledgement)),
            // ...but not when they come with a topic or a complaint.
            ("배송 빠르네요", None),
            ("여기 커피 진짜 맛있어요", None),
            ("와 결제가 두 번 됐네요", None),
            ("느리네요", None),
            ("빠른배송", None),
            ("최고등급", None),
            ("네", Some(Acknowledgement)),
            ("알겠는데 환불은 언제 돼요?", None),
            ("안녕하세요 환불은 어떻게 하나요", None),
            ("감사 인사 카드는 어디서 사요", None),
            ("고객센터 번호 알려주세요", None),
            // Promises to come back are goodbyes...
            ("다음에 또 물어볼게요", Some(Goodbye)),
            ("나중에 다시 올게요~", Some(Goodbye)),
            ("알겠습니다 다음에 다시 문의할게요", Some(Goodbye)),
            ("네 그럼 연락드릴게요", Some(Goodbye)),
            // ...unless they name what for.
            ("다음에 또 주문할게요", None),
            ("환불은 나중에 다시 문의할게요", None),
            ("그럼 이만", Some(Goodbye)),
            ("이만 가볼게요~", Some(Goodbye)),
            ("좋은 밤 되세요", Some(Goodbye)),
            ("좋은 저녁이에요", Some(Greeting)),
            ("답변감사합니다", Some(Thanks)),
            ("갑사합니다", Some(Thanks)),
            ("메리크리스마스~", Some(Greeting)),
            ("메리츠화재", None),
            ("해피포인트", None),
            ("새해 복 많이 받으세요", Some(Greeting)),
            ("안녕하세요 복구요", None),
            ("안녕하세요 주말요금", None),
            // Slips, apologies and interjections ask nothing...
            ("죄송해요 잘못 눌렀어요", Some(Acknowledgement)),
            ("앗 오타", Some(Acknowledgement)),
            ("실수로 보냈어요 ㅠㅠ", Some(Acknowledgement)),
            ("방금 거 무시해 주세요", Some(Acknowledgement)),
            ("취소 취소", Some(Acknowledgement)),
            ("흠...", Some(Acknowledgement)),
            ("아오", Some(Acknowledgement)),
            // ...but a question written without spaces after one does.
            ("잘못결제했는데취소할수있나요", None),
            ("실수로삭제한아이템 복구되나요", None),
            ("죄송한데 환불 되나요", None),
            ("주문을 취소 취소하고 싶어요", None),
            // Who the bot is, and whether it is there, is asked of the bot.
            ("상담원이세요?", Some(AboutBot)),
            ("사람이에요 봇이에요?", Some(AboutBot)),
            ("혹시 챗봇인가요", Some(AboutBot)),
            ("여보세요?", Some(AboutBot)),
            ("이름이 뭐예요?", Some(AboutBot)),
            ("너 이름 뭐야", Some(AboutBot)),
            ("상품 이름이 뭐예요?", None),
            ("작동하나요?", Some(AboutBot)),
            ("상담원", None),
            ("사람이 많아요", None),
            ("상담원이 불친절해요", None),
            // The time or date now is asked of the bot, not the FAQ...
            ("지금 몇 시예요?", Some(Clock)),
            ("지금몇시야??", Some(Clock)),
            ("오늘 며칠이에요", Some(Clock)),
            ("오늘이 무슨 요일이지", Some(Clock)),
            ("지금 시간 좀 알려줘", Some(Clock)),
            ("현재 시간이 몇 시 몇 분이에요?", Some(Clock)),
            // ...but not the service's hours, nor the user's own time.
            ("지금 몇 시까지 해요?", None),
            ("오늘 몇 시에 열어요?", None),
            ("오늘 며칠까지 신청할 수 있어요?", None),
            ("지금 시간 돼요?", None),
            ("몇 시예요?", None),
        ] {
            assert_eq!(kind(text), expected, "{text}");
        }
    }

    #[test]
    fn handover_lines_list_candidates() {
        let h = Handover {
            title: "상담원 연결 요청".into(),
            question: "주차 되나요".into(),
            reason: EscalationReason::LowConfidence,
            candidates: vec![Candidate {
                entry_id: "hours".into(), question: "운영 시간".into(), confidence: 0.25
            }],
            on_duty: false,
            next_open: Some("11월 26일(목) 09:00".into()),
        };
        let lines = h.lines();
        assert_eq!(lines[1], "질문: 주차 되나요");
        assert!(lines[3].contains("운영 시간 (hours) — 신뢰도 25%"), "{lines:?}");
        assert!(lines[4].contains("11월 26일(목) 09:00"));
    }
}
