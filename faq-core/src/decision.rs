//! The matcher's verdict: answer, suggest or escalate, as a plain value.

use serde::Serialize;

/// Why a candidate scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Retrieval score (BM25 over the pipeline's features), unbounded.
    pub score: f32,
    /// Share of the question's weighted features found in the entry, in [0, 1].
    pub query_coverage: f32,
    /// Share of the matched phrasing's weighted features found in the
    /// question, in [0, 1]. Confidence counts it at most 0.4 above
    /// `query_coverage`.
    pub phrasing_coverage: f32,
    /// Character similarity of the question's and the phrasing's stems, in [0, 1].
    pub similarity: f32,
    /// Confidence minus the runner-up entry's confidence (0 when alone).
    pub margin: f32,
    /// How many words of content the question has (its stems after the
    /// rewriter, each as often as it is written, not the thesaurus'
    /// phrases over them): a question of many words is a long one (see
    /// [`MatcherConfig`](crate::MatcherConfig)).
    pub question_words: usize,
    /// How many of those words the entry matches that say what the
    /// question is about or asks: all but light words (가, 오, 다음) and
    /// words of circumstance (오늘, 저녁), and none of a question whose only
    /// word of content is a verb or an adjective (힘들어, 뭘 바꿔야 할까),
    /// which says what is done or felt but not what about. An entry that
    /// matches none (다음에 또 올게, 오늘 저녁 뭐 먹지?) is never the answer,
    /// only a suggestion.
    pub content_words: usize,
    /// True for the best hit when it matches every word of the question
    /// that the runner-up matches, at least as strongly, and more words
    /// besides (see [`MatcherConfig`](crate::MatcherConfig)): the lead is
    /// then no toss-up between two readings of the question.
    pub covers_runner_up: bool,
    /// A company or service the question names that the FAQ never names
    /// (카카오뱅크, 티빙), or an errand of a public office (연말정산: see
    /// [`companies`](crate::companies)). A question of
    /// fewer than eight words that names one is only ever suggested an
    /// entry: it is most likely about that company's matter, and so is a
    /// single sentence of fewer than ten. In a longer question that tells
    /// its situation first the name is more often part of that situation
    /// (아마존에서 직구를 자주 하는데 ...).
    pub other_company: Option<String>,
    /// The features shared with the entry, heaviest first, with their weights.
    pub features: Vec<FeatureWeight>,
    /// Words of the question that were corrected or expanded (typo, 초성,
    /// keyboard layout), as `original -> replacement`.
    pub rewrites: Vec<String>,
    /// For the best hit of a question of several sentences: how the entry
    /// fares on the question's request alone, when it is the best entry
    /// for the request too (see [`RequestMatch`]). `None` otherwise.
    pub request: Option<RequestMatch>,
}

/// How the best entry of a question of several sentences fares on its
/// request alone: the last sentence that asks with a question word, else
/// the last that ends with a question mark, else the last sentence (접종
/// 얼마예요?? 병원마다 달라서ㅋㅋ asks 접종 얼마예요). The other sentences
/// tell a situation or an afterthought that no phrasing has, and lower the
/// confidence of the entry asked for. When the same entry is the best for
/// the request alone and is answered for it, the question is answered with
/// it (see [`MatcherConfig`](crate::MatcherConfig)).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RequestMatch {
    /// The entry's confidence for the request alone.
    pub confidence: f32,
    /// Its lead over the runner-up for the request alone.
    pub margin: f32,
    /// How many words of content the request has (see
    /// [`Explanation::question_words`]).
    pub question_words: usize,
    /// How many of those the entry matches that say what the request is
    /// about or asks (see [`Explanation::content_words`]).
    pub content_words: usize,
    /// Whether the entry covers the runner-up for the request alone (see
    /// [`Explanation::covers_runner_up`]).
    pub covers_runner_up: bool,
}

/// One feature's contribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureWeight {
    /// Readable feature name, such as `word:환불`, `concept:refund`, `bigram:배송`.
    pub feature: String,
    /// Its weight in the coverage (kind weight x idf x query weight).
    pub weight: f32,
}

/// One candidate entry for a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The entry's id.
    pub entry_id: String,
    /// The entry's canonical question.
    pub question: String,
    /// The phrasing (question or alternate) that matched best.
    pub matched: String,
    /// Confidence in [0, 1]: 1.0 means the question says what the phrasing
    /// says; around 0.5 means it shares the main content words; below 0.3 the
    /// entry is most likely not what was asked.
    pub confidence: f32,
    /// Why.
    pub explanation: Explanation,
}

/// What to do with a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "decision", content = "hits", rename_all = "snake_case")]
pub enum Decision {
    /// Confident and clearly ahead of the runner-up: answer with this entry.
    Answer(Hit),
    /// Plausible entries, none certain: ask "혹시 이 질문인가요?". Never empty.
    Suggest(Vec<Hit>),
    /// Nothing good enough: hand over to a human. The best candidates (maybe
    /// none) are given for the human's summary.
    Escalate(Vec<Hit>),
}

/// The kind of a [`Decision`], without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// [`Decision::Answer`].
    Answer,
    /// [`Decision::Suggest`].
    Suggest,
    /// [`Decision::Escalate`].
    Escalate,
}

impl Decision {
    /// The kind of decision.
    pub fn kind(&self) -> DecisionKind {
        match self {
            Decision::Answer(_) => DecisionKind::Answer,
            Decision::Suggest(_) => DecisionKind::Suggest,
            Decision::Escalate(_) => DecisionKind::Escalate,
        }
    }

    /// Every candidate carried by the decision, best first.
    pub fn hits(&self) -> &[Hit] {
        match self {
            Decision::Answer(hit) => std::slice::from_ref(hit),
            Decision::Suggest(hits) | Decision::Escalate(hits) => hits,
        }
    }

    /// The best candidate, if any.
    pub fn best(&self) -> Option<&Hit> {
        self.hits().first()
    }

    /// The answered entry's id, for [`Decision::Answer`] only.
    pub fn answered_id(&self) -> Option<&str> {
        match self {
            Decision::Answer(hit) => Some(&hit.entry_id),
            _ => None,
        }
    }
}
