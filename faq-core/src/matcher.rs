//! The matcher: question in, [`Decision`] out.
//!
//! A question goes through the text pipeline ([`Analyzer`]), then the query
//! rewriter (words the FAQ does not know are split where spaces are
//! missing, corrected at the jamo level, read as 초성, as Korean typed
//! with the English layout or as acronyms said in Korean), then
//! [`Features`]. The index retrieves candidate entries by BM25 and the
//! scorer reranks each candidate's phrasings unit by unit:
//!
//! ```text
//! confidence = 0.55 * query coverage + 0.30 * phrasing coverage + 0.15 * similarity
//! ```
//!
//! where phrasing coverage counts up to 0.4 above query coverage.
//!
//! *Query coverage* is the idf-weighted share of the question's units that
//! the phrasing (or, more weakly, the entry's answer) contains, where an
//! entry is excused half of the everyday words it lacks (가, 보, 지금:
//! `korean::LIGHT_WORDS`); *phrasing
//! coverage* is the same the other way round; *similarity* is the
//! normalized Levenshtein similarity of the two texts' stems written
//! without spaces. A question whose rare words the entry lacks (a topic the
//! FAQ does not cover) thus gets a low confidence even when it shares
//! common words with an entry.

use rapidfuzz::distance::levenshtein;
use serde::{Deserialize, Serialize};

use crate::companies::OwnCompanies;
use crate::decision::{Decision, Explanation, FeatureWeight, Hit, RequestMatch};
use crate::error::{Error, Result};
use crate::faq::Faq;
use crate::features::{unit_match, Features, MatchKind, Probe, Unit, INNER_CONCEPT, NO_ID};
use crate::index::{Doc, DocKind, Index};
use crate::text::{hangul, korean, Analysis, Analyzer, Script, Token};
use crate::thesaurus::{ConceptId, Thesaurus};

/// How strongly the entry's answer counts next to its phrasings.
const ANSWER_EVIDENCE: f32 = 0.7;
/// How strongly the entry's other phrasings count next to the one scored.
const SIBLING_EVIDENCE: f32 = 1.0;
// The scorer takes a phrasing's own matches as part of what the whole
// entry says (one query coverage per entry), which holds only while the
// other phrasings count in full.
const _: () = assert!(SIBLING_EVIDENCE >= 1.0);
/// Weight factor of an unknown bare noun that narrows a known word.
const MODIFIER: f32 = 3.0;
/// Weight of a question-intent cue of the question (어디, 언제, 얼마), as a
/// share of its idf: the cue tells neighbours apart, the topic tells which
/// entry. A FAQ that seldom says 어디 would otherwise let 어디 outweigh the
/// topic (쿠폰 어디다 넣어 is about coupons, wherever they go).
const INTENT: f32 = 0.5;
/// The share of a light word's weight (가, 보, 지금: see
/// `korean::LIGHT_WORDS`) that an entry without it is excused: 다음 달에
/// 일본 가는데 폰 쓰려면 is about roaming abroad, whether or not the roaming
/// entry says 가다 or 쓰다.
const LIGHT: f32 = 0.5;
/// Weight factor of a known word marked as topic, subject or object (유심을).
const MARKED: f32 = 1.3;
/// Factor on the matches of words the rewriter guessed (typo, 초성).
const GUESS_TRUST: f32 = 0.8;
/// Weight factor of a word only the clauses before a question's request
/// say (its circumstances).
const CIRCUMSTANCES: f32 = 0.8;
/// Factor on the confidence of an entry that never mentions the question's topic.
const TOPIC_PENALTY: f32 = 0.8;
/// Weight of query coverage in confidence.
const W_QUERY: f32 = 0.55;
/// Weight of phrasing coverage in confidence (similarity gets the rest).
const W_PHRASING: f32 = 0.30;
/// Phrasing coverage counts in confidence up to this much above query
/// coverage: a short phrasing that the question's topic word covers whole
/// (포인트 적립률) says little of a question about something else of that
/// topic (포인트를 현금으로 바꿀 수 있나요).
const PHRASING_OVER_QUERY: f32 = 0.4;
/// Weight factor of a word neither the FAQ nor the thesaurus knows.
pub(crate) const UNKNOWN_WORD: f32 = 0.5;
/// Confidence from which the best entry of a question of two words or more
/// needs only part of the margin.
const SURE: f32 = 0.65;
/// The part of the margin a best entry that sure still needs.
const SURE_MARGIN_SHARE: f32 = 0.6;
/// Confidence from which the part of the margin a best entry needs falls
/// in proportion to the confidence left to 1, to nothing at 1.
const SURER: f32 = 0.8;
/// A question of this many words or more is a long one: the situation it
/// tells around its request is words no phrasing has, so even its own
/// entry covers less of it than of a short question.
const LONG_QUESTION_WORDS: usize = 6;
/// A long question is answered from this share of the answer threshold...
const LONG_THRESHOLD_SHARE: f32 = 0.8;
/// ...when its best entry leads the runner-up by this many minimum margins.
const LONG_MARGIN_FACTOR: f32 = 1.5;
/// A question of this many words or more is a very long one: a situation
/// of several clauses around its request, which its own entry covers
/// still less, while a lead over so many words is a clearer sign.
const VERY_LONG_QUESTION_WORDS: usize = 10;
/// A very long question is answered from this share of the answer threshold...
const VERY_LONG_THRESHOLD_SHARE: f32 = 0.65;
/// ...when its best entry leads the runner-up by this share of the minimum margin.
const VERY_LONG_MARGIN_SHARE: f32 = 0.6;
/// The share of the margin a best entry needs when it covers the
/// runner-up (matches every word the runner-up matches, at least as
/// strongly, and more)...
const COVERING_MARGIN_SHARE: f32 = 0.45;
/// ...where the words only it matches weigh at least this share of the
/// question.
const COVERING_EXTRA: f32 = 0.1;
/// From this many phrasings on, the index is larger than a core's cache:
/// the scorer asks for its candidates' phrasings ahead (see
/// `Index::prefetch_entries`).
const PREFETCH_FROM_DOCS: usize = 1_000;
/// A question of fewer words that names a company the FAQ never names is
/// never answered (see [`Explanation::other_company`]).
const OTHER_COMPANY_WORDS: usize = 8;
/// Nor is one of fewer words than this, unless it has several sentences
/// and its best entry is the best for its request alone (see
/// [`RequestMatch`]): a single sentence of eight or nine words naming one
/// still asks about its matter (카카오뱅크 비밀번호 5번 틀려서 잠겼는데 어떻게
/// 풀어요?).
const OTHER_COMPANY_STORY_WORDS: usize = 10;
/// What a best entry that matches a single word of content of a question
/// of several words needs above the answer threshold.
const ONE_WORD_EXTRA: f32 = 0.04;
/// How many entries the scorer reranks.
const RERANK: usize = 12;
/// The word a cost suffix (비, 료, 값) stands for: the thesaurus's word
/// for a cost and a fee.
const COST_WORD: &str = "비용";
/// Longest piece (in syllables) the word splitter tries.
const MAX_PIECE_SYLLABLES: usize = 10;
/// Longest word (in syllables) the word splitter looks into.
const MAX_SPLIT_SYLLABLES: usize = 24;
/// The longest word the splitter reads as one compound (운전면허, not 운 +
/// 전면 + 허); a longer one is a sentence written without spaces.
const MAX_COMPOUND_SYLLABLES: usize = 8;

/// Thresholds of the decision.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MatcherConfig {
    /// Answer when the best confidence is at least this (and the margin holds).
    pub answer_threshold: f32,
    /// Suggest entries whose confidence is at least this.
    pub suggest_threshold: f32,
    /// Answer only when the best entry leads the runner-up by this much
    /// (by 60% of it from a confidence of 0.65, by a share that falls from
    /// 60% at 0.8 to any lead at all at 1; a question of one word needs all
    /// of it below 1).
    ///
    /// A question of six words or more is also answered from 80% of
    /// `answer_threshold` when its best entry leads by 1.5 times this
    /// margin, and one of ten words or more from 65% of it when its best
    /// entry leads by 60% of this margin: a long question tells its
    /// situation in words no phrasing has, so its own entry's confidence
    /// is lower, while the lead still tells it apart.
    ///
    /// A best entry that covers the runner-up (matches every word of the
    /// question the runner-up matches, at least as strongly, and words of
    /// a tenth of the question's weight besides) needs 45% of this margin.
    ///
    /// A best entry that matches a single word of content of a question of
    /// several words needs `answer_threshold` plus 0.04, and the rules of
    /// long questions do not apply to it.
    ///
    /// A question of several sentences is also answered with its best
    /// entry when that entry is the best for the question's request alone
    /// and these rules answer the request with it (see
    /// [`RequestMatch`]).
    pub min_margin: f32,
    /// At most this many suggestions.
    pub max_suggestions: usize,
}

impl Default for MatcherConfig {
    fn default() -> MatcherConfig {
        MatcherConfig { answer_threshold: 0.46, suggest_threshold: 0.3, min_margin: 0.11, max_suggestions: 3 }
    }
}

impl MatcherConfig {
    /// Applies these thresholds to hits ranked best first (as
    /// [`Matcher::search`] returns them): `Answer` when the best is confident
    /// enough and leads the runner-up by the margin (and matches a word of
    /// the question other than light words and words of circumstance: see
    /// [`Explanation::content_words`]),
    /// `Suggest` when some hits reach the suggest threshold, `Escalate`
    /// otherwise.
    pub fn decide(&self, hits: Vec<Hit>) -> Decision {
        let best = hits.first().map(|h| Leader {
            confidence: h.confidence,
            lead: h.explanation.margin,
            words: h.explanation.question_words,
            content_words: h.explanation.content_words,
            covers_runner_up: h.explanation.covers_runner_up,
            other_company: h.explanation.other_company.is_some(),
            request: h.explanation.request,
        });
        match self.verdict(best) {
            Verdict::Answer => Decision::Answer(hits.into_iter().next().expect("hits is not empty")),
            Verdict::Suggest => Decision::Suggest(
                hits.into_iter()
                    .filter(|h| h.confidence >= self.suggest_threshold)
                    .take(self.max_suggestions)
                    .collect(),
            ),
            Verdict::Escalate => Decision::Escalate(hits),
        }
    }

    /// What to do given the best hit (`None` without hits).
    fn verdict(&self, best: Option<Leader>) -> Verdict {
        let Some(leader) = best else {
            return Verdict::Escalate;
        };
        // A question of several sentences whose best entry is also the best
        // for its request alone, and answered for it, is answered: the
        // other sentences tell a situation or an afterthought (접종
        // 얼마예요?? 병원마다 달라서ㅋㅋ).
        let for_request = || {
            leader.request.is_some_and(|r| {
                self.answers(&Leader {
                    confidence: r.confidence,
                    lead: r.margin,
                    words: r.question_words,
                    content_words: r.content_words,
                    covers_runner_up: r.covers_runner_up,
                    request: None,
                    ..leader
                })
            })
        };
        if self.answers(&leader) || for_request() {
            Verdict::Answer
        } else if leader.confidence >= self.suggest_threshold {
            Verdict::Suggest
        } else {
            Verdict::Escalate
        }
    }

    /// True when the best hit is confident enough, and far enough ahead,
    /// to be the answer.
    fn answers(&self, leader: &Leader) -> bool {
        let Leader { confidence, lead, words, content_words, covers_runner_up, other_company, request } = *leader;
        // A best entry that is sure enough needs a smaller lead, the
        // smaller the surer it is; one that says all the question says and
        // nothing else (confidence 1) only needs to be alone in doing so.
        // A question of one word (배송) that several entries say needs the
        // whole lead, however sure each is.
        let margin = if confidence >= 1.0 {
            f32::MIN_POSITIVE
        } else if confidence >= SURE && words >= 2 {
            let doubt = ((1.0 - confidence) / (1.0 - SURER)).clamp(0.0, 1.0);
            (self.min_margin * SURE_MARGIN_SHARE * doubt).max(f32::MIN_POSITIVE)
        } else {
            self.min_margin
        };
        // A best entry that says all the runner-up says of the question,
        // and more, leads for what it adds: no toss-up between two readings.
        let margin = if covers_runner_up { margin.min(self.min_margin * COVERING_MARGIN_SHARE) } else { margin };
        // A best entry that matches one word of content of a question of
        // several words stands on that word alone (바비큐장에서 불꽃놀이 해도
        // 돼요?): it needs a higher bar, and never a long question's.
        let one_word = content_words == 1 && words >= 2;
        let bar = if one_word { self.answer_threshold + ONE_WORD_EXTRA } else { self.answer_threshold };
        let long_and_ahead = !one_word
            && ((words >= LONG_QUESTION_WORDS
                && confidence >= self.answer_threshold * LONG_THRESHOLD_SHARE
                && lead >= self.min_margin * LONG_MARGIN_FACTOR)
                || (words >= VERY_LONG_QUESTION_WORDS
                    && confidence >= self.answer_threshold * VERY_LONG_THRESHOLD_SHARE
                    && lead >= self.min_margin * VERY_LONG_MARGIN_SHARE));
        // An entry that matches only the question's light words and words
        // of circumstance (다음에 또 올게, 오늘 저녁 뭐 먹지) matches
        // nothing it is about.
        // A short question naming a company the FAQ never names asks about
        // that company's matter.
        let about_other_company =
            other_company && (words < OTHER_COMPANY_WORDS || (words < OTHER_COMPANY_STORY_WORDS && request.is_none()));
        let answerable = content_words > 0 && !about_other_company;
        answerable && ((confidence >= bar && lead >= margin) || long_and_ahead)
    }

    /// Checks that the thresholds make sense.
    pub fn validate(&self) -> Result<()> {
        let in_unit = |v: f32| (0.0..=1.0).contains(&v);
        if !in_unit(self.answer_threshold) {
            return Err(Error::config("answer_threshold", "must be between 0 and 1"));
        }
        if !in_unit(self.suggest_threshold) || self.suggest_threshold > self.answer_threshold {
            return Err(Error::config("suggest_threshold", "must be between 0 and answer_threshold"));
        }
        if !in_unit(self.min_margin) {
            return Err(Error::config("min_margin", "must be between 0 and 1"));
        }
        if self.max_suggestions == 0 || self.max_suggestions > 10 {
            return Err(Error::config("max_suggestions", "must be between 1 and 10"));
        }
        Ok(())
    }
}

/// What the decision looks at: the best hit's confidence and lead over the
/// runner-up, and the question's words.
#[derive(Debug, Clone, Copy)]
struct Leader {
    confidence: f32,
    lead: f32,
    words: usize,
    content_words: usize,
    covers_runner_up: bool,
    other_company: bool,
    /// How the best entry fares on the question's request alone.
    request: Option<RequestMatch>,
}

/// The words of a question that say what it is about or what it asks,
/// and that an entry matches (`evidence`, per unit): all but light words,
/// words of circumstance (오늘, 저녁), which say when, not what, and bare
/// numbers (1 alone asks nothing).
fn content_words(q: &Features, evidence: &[f32]) -> usize {
    q.units
        .iter()
        .zip(evidence)
        .filter(|&(u, &e)| {
            e > INNER_CONCEPT
                && !u.text.bytes().all(|b| b.is_ascii_digit())
                && (u.intent || !(korean::is_light_word(&u.text) || korean::is_circumstance_word(&u.text)))
        })
        .count()
}

/// True when sentence `request` of a question names a thing: a word of
/// content that is no question word, verb or light word.
fn request_names_a_thing(analysis: &Analysis, request: usize) -> bool {
    analysis.tokens.iter().filter(|t| t.sentence == request && t.is_content()).any(|t| {
        !korean::is_question_word(&t.stem) && !korean::is_verb_form(&t.text, &t.stem) && !korean::is_light_word(&t.stem)
    })
}

/// True when an entry whose `evidence` (per unit of `features`) is given
/// matches a unit of content of the question that its sentence `request`
/// does not say.
fn matches_beyond_request(analysis: &Analysis, request: usize, features: &Features, evidence: &[f32]) -> bool {
    let in_request = |text: &str| analysis.tokens.iter().any(|t| t.sentence == request && t.stem == text);
    features
        .units
        .iter()
        .zip(evidence)
        .any(|(u, &e)| e > INNER_CONCEPT && !u.intent && !korean::is_light_word(&u.text) && !in_request(&u.text))
}

/// The kind of decision, before its hits are chosen.
enum Verdict {
    /// Answer with the best hit.
    Answer,
    /// Suggest the hits that reach the suggest threshold.
    Suggest,
    /// Hand over with every hit.
    Escalate,
}

/// A FAQ, its index and the decision thresholds. Cheap to share between
/// threads (`Send + Sync`, no interior mutability).
#[derive(Debug, Clone)]
pub struct Matcher {
    faq: Faq,
    index: Index,
    thesaurus: Thesaurus,
    analyzer: Analyzer,
    config: MatcherConfig,
    /// The [`korean::start_key`] of every word the splitter may take a
    /// piece for: the index's words, the thesaurus words, stop stems,
    /// everyday words and the acronyms' Korean spellings.
    starts: rustc_hash::FxHashSet<u64>,
    /// Jamo in the spelling of the longest word the index or the
    /// thesaurus knows: [`Index::correct`] finds nothing for a word two
    /// jamo longer.
    longest_spelling: usize,
    /// Acronyms the FAQ or the thesaurus uses, by how they are said in
    /// Korean (큐알 -> qr, 유에스비 -> usb): see [`hangul::letter_names`].
    acronyms: rustc_hash::FxHashMap<String, String>,
    /// The companies of the built-in list the FAQ names itself.
    own_companies: OwnCompanies,
}

/// The acronyms among the index's and the thesaurus's words, by each
/// Korean spelling that is no word of theirs.
fn acronyms(index: &Index, thesaurus: &Thesaurus) -> rustc_hash::FxHashMap<String, String> {
    // The built-in thesaurus' acronyms and their spellings, found once.
    static BUILTIN: std::sync::LazyLock<Vec<(String, String)>> = std::sync::LazyLock::new(|| {
        let builtin = Thesaurus::builtin();
        builtin.words().flat_map(|w| hangul::letter_names(w).into_iter().map(move |s| (s, w.to_string()))).collect()
    });
    let mut found = rustc_hash::FxHashMap::default();
    let builtin = thesaurus.includes_builtin().then(|| BUILTIN.iter().cloned()).into_iter().flatten();
    // The index's own words are its phrasings' and answers' and the
    // thesaurus words not built in.
    let own = index.own_words().flat_map(|w| hangul::letter_names(w).into_iter().map(move |s| (s, w.to_string())));
    for (spelled, latin) in builtin.chain(own) {
        if !index.knows(&spelled) && !thesaurus.contains_word(&spelled) {
            found.entry(spelled).or_insert(latin);
        }
    }
    found
}

/// A question after the pipeline and the rewriter.
struct Query {
    features: Features,
    rewrites: Vec<String>,
    /// See [`crate::index::squeezed_hash`].
    squeezed: u64,
    /// The question's compact text, ready to be compared with many
    /// phrasings (a bit-parallel Levenshtein).
    compact: Compact,
    /// Number of chars of the question's compact text.
    compact_chars: usize,
    /// Per unit: the part of its weight an entry without it is excused in
    /// the question's coverage ([`LIGHT`] of a light word's, none of
    /// others'); empty, and no allocation, when the question has none.
    waived: Vec<f32>,
    /// A company the question names and the FAQ does not.
    other_company: Option<&'static str>,
    /// For a question of several sentences, the sentence that is its
    /// request ([`request_part`]).
    request: Option<usize>,
    /// The question's only word of content is a verb or an adjective
    /// (힘들어, 뭘 바꿔야 할까): it says what is done or felt, not what
    /// about, so it names nothing an entry is about.
    lone_verb: bool,
    /// How many words the question has (its stems after the rewriter, not
    /// the thesaurus' phrases over them).
    words: usize,
}

impl Query {
    /// [`content_words`] of the question, none for a lone verb.
    fn content_words(&self, evidence: &[f32]) -> usize {
        if self.lone_verb {
            0
        } else {
            content_words(&self.features, evidence)
        }
    }
}

/// The working memory of ranking the candidates for one question.
struct Scratch<'q> {
    /// The question's units, in order, prepared for matching.
    probes: Vec<Probe<'q>>,
    coverage: CoverageMemo<'q>,
    /// What each scored entry says about each unit of the question (see
    /// [`entry_evidence`]), one run of values per entry.
    evidence: Vec<f32>,
}

/// The best entries for a question, best first, whose hits are written out
/// on demand.
struct Ranking<'a> {
    matcher: &'a Matcher,
    query: &'a Query,
    probes: &'a [Probe<'a>],
    scored: &'a [Scored],
    /// What each scored entry says about each unit of the question.
    evidence: &'a [f32],
    /// The confidence of the runner-up, zero without one.
    second: f32,
    /// Whether the best entry covers the runner-up, once worked out.
    covers: std::cell::OnceCell<bool>,
    /// How the best entry fares on the question's request alone (see
    /// [`Matcher::request_match`]).
    request: Option<RequestMatch>,
}

impl Ranking<'_> {
    /// The lead of entry `i` over the one ranked above it (for the best,
    /// over the runner-up).
    fn margin(&self, i: usize) -> f32 {
        let above = if i == 0 { self.second } else { self.scored[i - 1].confidence };
        self.scored[i].confidence - above
    }

    /// The best entry's confidence and margin, and the question's words,
    /// for a decision under `config` (whether the best entry covers the
    /// runner-up is only worked out where it can change that decision).
    fn best(&self, config: &MatcherConfig) -> Option<Leader> {
        self.scored.first().map(|s| {
            let lead = self.margin(0);
            let may_matter = s.confidence >= config.answer_threshold
                && lead < config.min_margin
                && lead >= config.min_margin * COVERING_MARGIN_SHARE;
            Leader {
                confidence: s.confidence,
                lead,
                words: self.query.words,
                content_words: self.query.content_words(self.evidence_of(s)),
                covers_runner_up: may_matter && self.covers_runner_up(),
                other_company: self.query.other_company.is_some(),
                request: self.request,
            }
        })
    }

    /// True when the best entry matches every unit of the question the
    /// runner-up matches, at least as strongly, and units of at least
    /// [`COVERING_EXTRA`] of the question's weight that it does not.
    fn covers_runner_up(&self) -> bool {
        *self.covers.get_or_init(|| self.work_out_covers())
    }

    /// [`Ranking::covers_runner_up`], worked out.
    fn work_out_covers(&self) -> bool {
        let (Some(best), Some(runner_up)) = (self.scored.first(), self.scored.get(1)) else { return false };
        let (Some(best_doc), Some(runner_up_doc)) = (self.best_phrasing(best), self.best_phrasing(runner_up)) else {
            return false;
        };
        let (best_elsewhere, runner_up_elsewhere) = (self.evidence_of(best), self.evidence_of(runner_up));
        let total = self.query.features.total_weight();
        let mut extra = 0.0;
        for (i, p) in self.probes.iter().enumerate() {
            let share = |doc, elsewhere: &[f32]| unit_share(total, p, doc, elsewhere[i]).map_or(0.0, |(s, _)| s);
            let (b, r) = (share(best_doc, best_elsewhere), share(runner_up_doc, runner_up_elsewhere));
            if b < r {
                return false;
            }
            if r == 0.0 {
                extra += b;
            }
        }
        extra >= COVERING_EXTRA
    }

    /// The best phrasing of a scored entry, `None` when none was scored in full.
    fn best_phrasing(&self, s: &Scored) -> Option<&Doc> {
        s.best.as_ref().map(|b| &self.matcher.index.docs_of(s.entry)[b.doc])
    }

    /// What entry `s` says about each unit of the question.
    fn evidence_of(&self, s: &Scored) -> &[f32] {
        let n = self.probes.len();
        self.evidence.get(s.evidence * n..(s.evidence + 1) * n).unwrap_or(&[])
    }

    /// The hit of entry `i`.
    fn hit(&self, i: usize) -> Hit {
        let s = &self.scored[i];
        let mut hit = self.matcher.hit(self.query, self.probes, s, self.evidence_of(s), self.margin(i));
        hit.explanation.covers_runner_up = i == 0 && self.covers_runner_up();
        if i == 0 {
            hit.explanation.request = self.request;
        }
        hit
    }

    /// Every hit, best first.
    fn hits(&self) -> Vec<Hit> {
        (0..self.scored.len()).map(|i| self.hit(i)).collect()
    }
}

/// A scored candidate entry, before its [`Hit`] is written out (only the
/// best few are).
struct Scored {
    entry: u32,
    /// Its retrieval score.
    bm25: f32,
    confidence: f32,
    /// Which run of the ranking's evidence (one value per question unit)
    /// is this entry's.
    evidence: usize,
    /// Its best phrasing, `None` when no phrasing was scored in full.
    best: Option<Best>,
}

/// The best phrasing of a scored entry.
struct Best {
    /// Its position among the entry's phrasings.
    doc: usize,
    query_coverage: f32,
    phrasing_coverage: f32,
    similarity: f32,
}

impl Scored {
    /// The similarity of the best phrasing, zero without one.
    fn similarity(&self) -> f32 {
        self.best.as_ref().map_or(0.0, |b| b.similarity)
    }
}

/// The highest normalized Levenshtein similarity two texts of `a` and `b`
/// chars can have (as rapidfuzz computes it): they differ by at least the
/// difference of their lengths.
fn most_similar(a: usize, b: usize) -> f32 {
    let longest = a.max(b);
    if longest == 0 {
        return 1.0;
    }
    (1.0 - a.abs_diff(b) as f64 / longest as f64) as f32
}

/// The share of a question's weight (`total`) that a unit's match
/// carries, with its label: its match in phrasing `doc`, or what the rest
/// of the entry says of it (`elsewhere`) when that is more. `None` when
/// neither matches.
fn unit_share(total: f32, p: &Probe, doc: &Doc, elsewhere: f32) -> Option<(f32, &'static str)> {
    let u = p.unit();
    let (value, label) = match trusted(u, p.matches(&doc.features)) {
        Some((v, kind)) if v >= elsewhere => (v, kind.label()),
        _ if elsewhere > 0.0 => (elsewhere, "entry"),
        _ => return None,
    };
    Some((u.weight * value / total.max(f32::EPSILON), label))
}

/// A match of a question unit, discounted when the rewriter guessed the unit.
fn trusted(u: &Unit, m: Option<(f32, MatchKind)>) -> Option<(f32, MatchKind)> {
    m.map(|(v, k)| (if u.guessed { v * GUESS_TRUST } else { v }, k))
}

/// A question's compact text, prepared for the normalized Levenshtein
/// similarity (`1 - distance / longer length`) to many texts.
enum Compact {
    /// A text of 1 to 64 chars, as the bit vectors of Myers' algorithm
    /// (in Hyyrö's form): the positions of each of its distinct chars.
    Short {
        /// Each distinct char with its mask (bit i set when char i of the
        /// text is that char), in an open-addressing table of
        /// [`MASK_SLOTS`] slots; an empty slot has no bit set.
        masks: Box<[(char, u64); MASK_SLOTS]>,
        /// Number of chars of the text.
        len: usize,
    },
    /// Any other text.
    Long(levenshtein::BatchComparator<char>),
}

impl Compact {
    /// Prepares `text`, which has `len` chars.
    fn new(text: &str, len: usize) -> Compact {
        if !(1..=64).contains(&len) {
            return Compact::Long(levenshtein::BatchComparator::new(text.chars()));
        }
        let mut masks = Box::new([('\0', 0u64); MASK_SLOTS]);
        for (i, c) in text.chars().enumerate().take(64) {
            let mut slot = mask_slot(c);
            while masks[slot].1 != 0 && masks[slot].0 != c {
                slot = (slot + 1) % MASK_SLOTS;
            }
            masks[slot] = (c, masks[slot].1 | 1 << i);
        }
        Compact::Short { masks, len }
    }

    /// The normalized Levenshtein similarity of the question to `text`,
    /// which has `len` chars: the same as `rapidfuzz`'s.
    fn similarity(&self, text: &str, len: usize) -> f64 {
        match self {
            Compact::Short { masks, len: m } => {
                let distance = bit_vector_distance(masks, *m, text);
                1.0 - distance as f64 / (*m).max(len) as f64
            }
            Compact::Long(compact) => compact.normalized_similarity(Counted::new(text, len)),
        }
    }
}

/// What the word splitter scores a known piece of `piece` syllables whose
/// stem has `stem` of them: the stem's length squared, so that few long
/// words beat many short ones, and a little for its particle or ending,
/// so that a particle stays with its word (신청은 is not 신청 + 은) but
/// never takes a syllable a longer word needs (인터넷이전 is 인터넷 +
/// 이전, not 인터넷이 + 전). Scores are doubled to stay integers.
fn known_piece_score(piece: usize, stem: usize) -> i32 {
    (2 * stem * stem + 3 * (piece - stem)) as i32
}

/// The Levenshtein distance from a text of `m` chars (1 to 64), given as the
/// masks of its chars (see [`Compact::Short`]), to `text`: Myers' bit-vector
/// algorithm in Hyyrö's form, one column of the distance matrix per char of
/// `text`.
fn bit_vector_distance(masks: &[(char, u64); MASK_SLOTS], m: usize, text: &str) -> usize {
    // Vertical deltas of the column as bit vectors (positive, negative), and
    // the distance at its bottom.
    let (mut vp, mut vn, mut distance) = (u64::MAX, 0u64, m);
    let last = 1u64 << (m - 1);
    for c in text.chars() {
        let eq = {
            let mut slot = mask_slot(c);
            loop {
                let (d, mask) = masks[slot];
                if mask == 0 || d == c {
                    break mask;
                }
                slot = (slot + 1) % MASK_SLOTS;
            }
        };
        let xv = eq | vn;
        let xh = ((eq & vp).wrapping_add(vp) ^ vp) | eq;
        let mut hp = vn | !(xh | vp);
        let mut hn = vp & xh;
        if hp & last != 0 {
            distance += 1;
        } else if hn & last != 0 {
            distance -= 1;
        }
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | !(xv | hp);
        vn = hp & xv;
    }
    distance
}

/// Slots of the table of a short question's chars: twice the most chars it
/// can have, so probes stay short.
const MASK_SLOTS: usize = 128;

/// The first slot to try for a char.
fn mask_slot(c: char) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B1) >> 25) as usize
}

/// The chars of a text whose number is known: the edit distance counts
/// its second text's chars, and these need not be counted again.
#[derive(Clone)]
struct Counted<'a> {
    chars: std::str::Chars<'a>,
    left: usize,
}

impl<'a> Counted<'a> {
    /// The chars of `text`, which has `chars` of them.
    fn new(text: &'a str, chars: usize) -> Counted<'a> {
        debug_assert_eq!(text.chars().count(), chars);
        Counted { chars: text.chars(), left: chars }
    }
}

impl Iterator for Counted<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        self.left -= 1;
        Some(c)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }

    fn count(self) -> usize {
        self.left
    }
}

impl DoubleEndedIterator for Counted<'_> {
    fn next_back(&mut self) -> Option<char> {
        let c = self.chars.next_back()?;
        self.left -= 1;
        Some(c)
    }
}

impl ExactSizeIterator for Counted<'_> {}

/// What an entry says about a question unit: its best match among the
/// entry's phrasings, or in the answer (weaker), whichever is stronger.
fn entry_evidence(p: &Probe, docs: &[Doc], answer: &Features) -> f32 {
    let u = p.unit();
    // No match is stronger than the same word: once a phrasing has it,
    // the other phrasings and the answer cannot add anything.
    let strongest = trusted(u, Some((1.0, MatchKind::Word))).map_or(0.0, |m| m.0);
    let mut in_siblings: f32 = 0.0;
    for d in docs {
        if let Some((v, _)) = trusted(u, p.matches(&d.features)) {
            in_siblings = in_siblings.max(v);
        }
        if in_siblings >= strongest {
            return in_siblings * SIBLING_EVIDENCE;
        }
    }
    // Nor can the answer add to a match as strong as the same word there.
    if in_siblings * SIBLING_EVIDENCE >= strongest * ANSWER_EVIDENCE {
        return in_siblings * SIBLING_EVIDENCE;
    }
    let in_answer = trusted(u, p.matches(answer)).map_or(0.0, |m| m.0 * ANSWER_EVIDENCE);
    in_answer.max(in_siblings * SIBLING_EVIDENCE)
}

/// How much of an indexed unit the question contains
/// ([`unit_match`]'s value), remembered by unit id for one question: the
/// candidates' phrasings share many words.
struct CoverageMemo<'a> {
    values: rustc_hash::FxHashMap<u32, (&'a [ConceptId], f32)>,
}

impl<'a> CoverageMemo<'a> {
    /// A memo with room for this many words.
    fn with_capacity(words: usize) -> CoverageMemo<'a> {
        CoverageMemo { values: rustc_hash::FxHashMap::with_capacity_and_hasher(words, Default::default()) }
    }

    /// `unit_match(v, q)`'s value, zero when it does not match. `q` must be
    /// the same question at every call.
    fn value(&mut self, v: &'a Unit, q: &Features) -> f32 {
        let compute = || unit_match(v, q).map_or(0.0, |m| m.0);
        if v.id == NO_ID {
            return compute();
        }
        // Two units of one word have the same concepts unless one is a
        // thesaurus phrase; the concepts are checked too.
        match self.values.entry(v.id) {
            std::collections::hash_map::Entry::Occupied(e) => match *e.get() {
                (concepts, value) if concepts == v.concepts.as_slice() => value,
                _ => compute(),
            },
            std::collections::hash_map::Entry::Vacant(e) => e.insert((&v.concepts, compute())).1,
        }
    }
}

/// The clause of each token, counted from 0: a sentence or a connective
/// ending ([`korean::ends_clause`]) closes one.
fn clauses(tokens: &[Token]) -> Vec<usize> {
    let mut clause = 0;
    let mut clauses = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 && t.sentence != tokens[i - 1].sentence {
            clause += 1;
        }
        clauses.push(clause);
        if t.script == Script::Hangul && korean::ends_clause(&t.text, &t.stem) {
            clause += 1;
        }
    }
    clauses
}

/// The stems that only the parts of a text other than its request say,
/// given the part of each token (its sentence or its clause, never
/// decreasing) and the request part ([`request_part`]): a question may end
/// in an afterthought (어디서 바꿔요? 급해요ㅠㅠ).
fn said_only_outside_request<'a>(
    tokens: &'a [Token],
    parts: &[usize],
    request: Option<usize>,
) -> rustc_hash::FxHashSet<&'a str> {
    let mut said = rustc_hash::FxHashSet::default();
    let Some(request) = request else { return said };
    said.extend(tokens.iter().zip(parts).filter(|&(_, &p)| p != request).map(|(t, _)| t.stem.as_str()));
    for (t, _) in tokens.iter().zip(parts).filter(|&(_, &p)| p == request) {
        said.remove(t.stem.as_str());
    }
    said
}

/// X 말고 Y: the question asks about Y, set against X. Y is its topic, and
/// no longer the synonym of X it may be in the thesaurus (체크카드 말고
/// 신용카드: a credit card, which an entry on debit cards does not answer).
fn contrast(tokens: &[Token], units: &mut [Unit]) {
    for (i, t) in tokens.iter().enumerate() {
        if !matches!(t.text.as_str(), "말고" | "말구" | "말고요") || i == 0 {
            continue;
        }
        let x = &tokens[i - 1];
        let Some(y) = tokens.get(i + 1) else { continue };
        if !x.is_content()
            || !y.is_content()
            || x.sentence != t.sentence
            || y.sentence != t.sentence
            || korean::is_light_word(&y.stem)
            || korean::is_circumstance_word(&y.stem)
            || korean::is_common_word(&y.stem)
            || korean::is_question_word(&y.stem)
            || matches!(y.stem.as_str(), "다른" | "딴" | "타" | "기타" | "다른거" | "딴거")
        {
            continue;
        }
        let against: Vec<ConceptId> =
            units.iter().find(|u| u.text == x.stem).map(|u| u.concepts.clone()).unwrap_or_default();
        if let Some(u) = units.iter_mut().find(|u| u.text == y.stem) {
            let mut inner = 0u8;
            let mut kept = Vec::with_capacity(u.concepts.len());
            for (k, &c) in u.concepts.iter().enumerate() {
                if !against.contains(&c) {
                    if u.is_inner(k) && kept.len() < 8 {
                        inner |= 1 << kept.len();
                    }
                    kept.push(c);
                }
            }
            u.concepts = kept;
            u.inner = inner;
            u.topic = true;
        }
    }
}

/// The part of a text that is its request, given the part of each token
/// (its sentence or its clause, never decreasing): the last part that asks,
/// with a question word ([`korean::is_question_word`]) or a question mark
/// (주차 되나요?? 자리가 없었어요ㅠㅠ; 가입 가능한가요? 나이 제한 있어요?
/// asks about an age limit), else the last part. `None` for a text of one
/// part.
fn request_part(tokens: &[Token], parts: &[usize]) -> Option<usize> {
    let &last = parts.last().filter(|&&p| p > 0)?;
    // Parts never decrease: the last question word's part is the last part that asks.
    let mut asking = tokens.iter().zip(parts).filter(|(t, _)| korean::is_question_word(&t.stem)).map(|(_, &p)| p);
    let mut marked = tokens.iter().zip(parts).filter(|(t, _)| t.asks).map(|(_, &p)| p);
    Some(asking.next_back().max(marked.next_back()).unwrap_or(last))
}

/// The [`korean::start_key`] of every Hangul word the splitter may take a
/// piece for: a word the index or the thesaurus knows, a stop stem, an
/// everyday word or an acronym's Korean spelling, but of one syllable only
/// a stop stem or a word of phrasings.
fn start_keys(
    index: &Index,
    thesaurus: &Thesaurus,
    acronyms: &rustc_hash::FxHashMap<String, String>,
) -> rustc_hash::FxHashSet<u64> {
    let mut chars = Vec::new();
    let mut keys = rustc_hash::FxHashSet::default();
    let stops = korean::stop_stems().map(|w| -> &str { w });
    let common = korean::common_words().map(|w| -> &str { w });
    let spelled = acronyms.keys().map(String::as_str);
    for w in index.own_words().chain(thesaurus.words()).chain(stops).chain(common).chain(spelled) {
        chars.clear();
        chars.extend(w.chars());
        // A piece of one syllable is a word for the splitter only when
        // phrasings use it or it is a stop stem.
        let taken = match chars.len() {
            0 => false,
            1 => index.in_phrasings(w) || korean::is_stop_stem(w),
            _ => true,
        };
        if taken && chars.iter().all(|&c| hangul::is_syllable(c)) {
            keys.insert(korean::start_key(&chars));
        }
    }
    keys
}

impl Matcher {
    /// Indexes a FAQ with the built-in thesaurus (plus the FAQ's own
    /// synonyms) and the default thresholds.
    pub fn new(faq: Faq) -> Result<Matcher> {
        Matcher::with_config(faq, MatcherConfig::default(), Thesaurus::builtin())
    }

    /// Indexes a FAQ with these thresholds and this thesaurus; the FAQ's
    /// own `synonyms` are added to it.
    pub fn with_config(faq: Faq, config: MatcherConfig, mut thesaurus: Thesaurus) -> Result<Matcher> {
        config.validate()?;
        if !faq.synonyms.is_empty() {
            thesaurus.add_groups(&faq.synonyms);
        }
        let texts = faq.entries.iter().flat_map(|e| e.phrasings().chain([e.answer.as_str()]));
        let analyzer = Analyzer::default().keeping_nouns_of(texts);
        let index = Index::build(&faq, &thesaurus, &analyzer);
        let acronyms = acronyms(&index, &thesaurus);
        let starts = start_keys(&index, &thesaurus, &acronyms);
        let longest_spelling = index.own_words().chain(thesaurus.words()).map(hangul::spelling_len).max().unwrap_or(0);
        let own_companies = OwnCompanies::of(&faq);
        Ok(Matcher { faq, index, thesaurus, analyzer, config, starts, longest_spelling, acronyms, own_companies })
    }

    /// The FAQ.
    pub fn faq(&self) -> &Faq {
        &self.faq
    }

    /// The companies of the built-in list ([`companies`](crate::companies))
    /// that the FAQ names itself, sorted: a question naming one of them is
    /// a question on this FAQ, one naming another company is only given
    /// suggestions.
    pub fn own_companies(&self) -> Vec<&'static str> {
        self.own_companies.names()
    }

    /// The thresholds.
    pub fn config(&self) -> &MatcherConfig {
        &self.config
    }

    /// The same FAQ and index with other thresholds.
    pub fn with_thresholds(&self, config: MatcherConfig) -> Result<Matcher> {
        config.validate()?;
        Ok(Matcher { config, ..self.clone() })
    }

    /// Approximate heap memory the index owns, in bytes. The built-in
    /// thesaurus' tables, built once per process and shared by every
    /// index, are not counted: [`crate::index::builtin_bytes`] gives their
    /// size.
    pub fn index_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Number of indexed phrasings.
    pub fn phrasing_count(&self) -> usize {
        self.index.doc_count()
    }

    /// Analyses a text as this matcher reads its questions: with the
    /// nouns its FAQ writes before particles kept whole
    /// ([`Analyzer::keeping_nouns_of`]). [`Matcher::decide_analysis`]
    /// expects such an analysis.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyzer.analyze(text)
    }

    /// Decides what to do with a question.
    pub fn ask(&self, question: &str) -> Decision {
        self.decide_analysis(&self.analyze(question))
    }

    /// Decides from an analysis already made by [`Matcher::analyze`] (the
    /// policy analyses first to recognise greetings).
    pub fn decide_analysis(&self, analysis: &Analysis) -> Decision {
        let config = &self.config;
        // As `config.decide` on the ranked hits, writing out only the hits
        // the decision keeps.
        self.rank(analysis, config.max_suggestions.max(3), |r| match config.verdict(r.best(config)) {
            Verdict::Answer => Decision::Answer(r.hit(0)),
            Verdict::Suggest => Decision::Suggest(
                (0..r.scored.len())
                    .filter(|&i| r.scored[i].confidence >= config.suggest_threshold)
                    .take(config.max_suggestions)
                    .map(|i| r.hit(i))
                    .collect(),
            ),
            Verdict::Escalate => Decision::Escalate(r.hits()),
        })
    }

    /// The best `k` entries for a question, best first, whatever their
    /// confidence.
    pub fn search(&self, question: &str, k: usize) -> Vec<Hit> {
        self.rank(&self.analyzer.analyze(question), k, |r| r.hits())
    }

    /// Ranks the best `k` entries for a question and hands the ranking to
    /// `finish`.
    fn rank<R>(&self, analysis: &Analysis, k: usize, finish: impl FnOnce(&Ranking) -> R) -> R {
        let query = self.rewrite(analysis);
        if query.features.units.is_empty() || k == 0 {
            return finish(&Ranking {
                matcher: self,
                query: &query,
                probes: &[],
                scored: &[],
                evidence: &[],
                second: 0.0,
                covers: std::cell::OnceCell::new(),
                request: None,
            });
        }
        let mut candidates = self.index.retrieve(&query.features, RERANK);
        // So is an entry whose answer alone says a rare word or concept of
        // the question: it is scored on all its text like any other.
        for entry in self.index.answer_candidates(&query.features) {
            if !candidates.iter().any(|c| c.0 == entry) {
                candidates.push((entry, 0.0));
            }
        }
        // A phrasing written exactly as asked is always a candidate.
        let exact: Vec<u32> = self.index.exact(query.squeezed).collect();
        for &entry in &exact {
            if !candidates.iter().any(|c| c.0 == entry) {
                candidates.push((entry, 0.0));
            }
        }
        // Only the best `keep` confidences are reported (and the margin of
        // the best needs the second): an entry that cannot reach the
        // `keep`-th best so far is not scored in full.
        let keep = k.max(2);
        let mut best: Vec<f32> = Vec::with_capacity(keep + 1);
        let mut scored: Vec<Scored> = Vec::with_capacity(candidates.len());
        let n = query.features.units.len();
        let mut scratch = Scratch {
            probes: query.features.units.iter().map(Probe::new).collect(),
            coverage: CoverageMemo::with_capacity(64),
            evidence: Vec::with_capacity(candidates.len() * n),
        };
        // A small index stays in cache; a large one's candidates are read
        // from memory, all at once rather than one after the other (the
        // first is scored at once).
        if self.index.doc_count() >= PREFETCH_FROM_DOCS {
            self.index.prefetch_entries(candidates.iter().skip(1).map(|c| c.0));
        }
        for &(entry, bm25) in &candidates {
            let floor = if best.len() >= keep { best[keep - 1] } else { 0.0 };
            let at = scratch.evidence.len();
            let Some(s) = self.score(&query, entry, bm25, floor, &mut scratch) else {
                scratch.evidence.truncate(at);
                continue;
            };
            let at = best.partition_point(|&c| c >= s.confidence);
            best.insert(at, s.confidence);
            best.truncate(keep);
            scored.push(s);
        }
        // Equal confidence (1.0 is reached by more than the very phrasing):
        // a phrasing written as asked comes first, then the closer stems,
        // then the entry written first in the FAQ (but see below).
        scored.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then_with(|| exact.contains(&b.entry).cmp(&exact.contains(&a.entry)))
                .then_with(|| b.similarity().total_cmp(&a.similarity()))
                .then(a.entry.cmp(&b.entry))
        });
        // Entries tied with the best (the same confidence and closeness of
        // stems) rank by how close their phrasing is written to the
        // question (미치겠어: 미치겠네 before 미쳐).
        let tied = scored
            .iter()
            .take_while(|s| {
                scored.first().is_some_and(|f| s.confidence == f.confidence && s.similarity() == f.similarity())
            })
            .count();
        if tied > 1 {
            // Letters and digits only, as written (the question normalized,
            // the phrasings as the FAQ has them, in lower case).
            let written =
                levenshtein::BatchComparator::new(analysis.normalized.chars().filter(|c| c.is_alphanumeric()));
            let closeness = |s: &Scored| {
                s.best.as_ref().map_or(0.0, |b| {
                    let text = self.phrasing_text(&self.index.docs_of(s.entry)[b.doc]);
                    written.normalized_similarity(
                        text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase),
                    )
                })
            };
            let mut group: Vec<(f64, Scored)> = scored.drain(..tied).map(|s| (closeness(&s), s)).collect();
            group.sort_by(|a, b| {
                exact
                    .contains(&b.1.entry)
                    .cmp(&exact.contains(&a.1.entry))
                    .then_with(|| b.0.total_cmp(&a.0))
                    .then(a.1.entry.cmp(&b.1.entry))
            });
            scored.splice(0..0, group.into_iter().map(|(_, s)| s));
        }
        let second = scored.get(1).map_or(0.0, |s| s.confidence);
        scored.truncate(k);
        let request =
            query.request.zip(scored.first()).and_then(|(r, best)| self.request_match(analysis, r, best.entry));
        // A request that names nothing (어디서 고치면 되나요?) leans on the
        // sentences before it: it stands for the question only with an
        // entry that matches some of what they say.
        let request = request.filter(|_| {
            let (Some(best), Some(r)) = (scored.first(), query.request) else { return true };
            let n = query.features.units.len();
            let evidence = scratch.evidence.get(best.evidence * n..(best.evidence + 1) * n).unwrap_or(&[]);
            request_names_a_thing(analysis, r) || matches_beyond_request(analysis, r, &query.features, evidence)
        });
        finish(&Ranking {
            matcher: self,
            query: &query,
            probes: &scratch.probes,
            scored: &scored,
            evidence: &scratch.evidence,
            second,
            covers: std::cell::OnceCell::new(),
            request,
        })
    }

    /// How `entry`, the best for a question of several sentences, fares on
    /// the question's request sentence alone (`request`, see
    /// [`Query::request`]), when it is the best entry for the request too
    /// (see [`RequestMatch`]).
    fn request_match(&self, analysis: &Analysis, request: usize, entry: u32) -> Option<RequestMatch> {
        let tokens: Vec<Token> = analysis
            .tokens
            .iter()
            .filter(|t| t.sentence == request)
            .enumerate()
            .map(|(position, t)| Token { position, sentence: 0, ..t.clone() })
            .collect();
        let normalized = tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ");
        let alone = Analysis { normalized, tokens, truncated: false };
        self.rank(&alone, 2, |r| {
            let best = r.scored.first().filter(|s| s.entry == entry)?;
            Some(RequestMatch {
                confidence: best.confidence,
                margin: r.margin(0),
                question_words: r.query.words,
                // Not `Query::content_words`: a request of one verb (바꿀 수
                // 있나요?) leans on the sentences before it.
                content_words: content_words(&r.query.features, r.evidence_of(best)),
                covers_runner_up: r.covers_runner_up(),
            })
        })
    }

    /// Scores one entry: its best phrasing, with the answer as extra
    /// evidence. `None` when its confidence is surely below `floor`.
    /// What the whole entry says about each unit of the question is
    /// appended to the scratch's evidence.
    fn score<'q>(
        &'q self,
        query: &Query,
        entry: u32,
        bm25: f32,
        floor: f32,
        scratch: &mut Scratch<'q>,
    ) -> Option<Scored> {
        let Scratch { probes, coverage, evidence } = scratch;
        let q = &query.features;
        let total: f32 = q.total_weight().max(f32::EPSILON);
        let answer = self.index.answer_of(entry);
        let docs = self.index.docs_of(entry);
        // What the entry (its phrasings, more weakly its answer) says about
        // each unit of the question: an entry's phrasings together describe
        // it. A phrasing's own match is one of them, so the coverage of the
        // question is the same for each phrasing of the entry.
        let start = evidence.len();
        for p in probes {
            evidence.push(entry_evidence(p, docs, answer));
        }
        let elsewhere = &evidence[start..];
        let covered: f32 = q.units.iter().zip(elsewhere).map(|(u, e)| u.weight * e).sum();
        // An entry is excused part of the light words it lacks.
        let excused: f32 = query.waived.iter().zip(elsewhere).map(|(w, e)| w * (1.0 - e.min(1.0))).sum();
        let query_coverage = covered / (total - excused).max(f32::EPSILON);
        // A topic the entry never mentions: at most a suggestion. Naming a
        // part of it (조회 of 배송조회) is not mentioning it.
        let missing_topic = q.units.iter().zip(elsewhere).any(|(u, e)| u.topic && *e <= INNER_CONCEPT);
        let penalty = if missing_topic { TOPIC_PENALTY } else { 1.0 };
        let w_similarity = 1.0 - W_QUERY - W_PHRASING;
        // Even full phrasing coverage and similarity would stay below the
        // floor: only a phrasing written as asked can matter.
        let reach = (W_QUERY * query_coverage + W_PHRASING + w_similarity).clamp(0.0, 1.0) * penalty;
        let mut best: Option<(f32, usize, f32, f32)> = None;
        for (k, doc) in docs.iter().enumerate() {
            let d = &doc.features;
            // The question is the phrasing itself, but for spaces,
            // punctuation or chat noise (이길이맞을까 / 이 길이 맞을까?).
            let exact = doc.squeezed == query.squeezed;
            if !exact && reach < floor {
                continue;
            }
            let d_total = d.total_weight().max(f32::EPSILON);
            let d_covered: f32 = d.units.iter().map(|v| v.weight * coverage.value(v, q)).sum();
            let phrasing_coverage = d_covered / d_total;
            // A phrasing the question says all of (포인트 적립률 in 포인트를
            // 현금으로 바꿀 수 있나요) vouches for no more of it than the
            // question's own coverage allows.
            let vouched = phrasing_coverage.min(query_coverage + PHRASING_OVER_QUERY);
            let partial = W_QUERY * query_coverage + W_PHRASING * vouched;
            // Even a perfect similarity would not beat the entry's best
            // phrasing so far, or reach the floor: skip the edit distance.
            let bound = (partial + w_similarity).clamp(0.0, 1.0) * penalty;
            if !exact && (bound < floor || best.is_some_and(|b| bound <= b.0)) {
                continue;
            }
            // Nor would the best similarity texts of these lengths can have.
            let most = most_similar(query.compact_chars, d.compact_chars);
            let bound = (partial + w_similarity * most).clamp(0.0, 1.0) * penalty;
            if !exact && (bound < floor || best.is_some_and(|b| bound <= b.0)) {
                continue;
            }
            let similarity = query.compact.similarity(&d.compact, d.compact_chars) as f32;
            let mut confidence = (partial + w_similarity * similarity).clamp(0.0, 1.0) * penalty;
            if exact {
                confidence = 1.0;
            }
            if best.is_none_or(|b| confidence > b.0) {
                best = Some((confidence, k, phrasing_coverage, similarity));
            }
        }
        if floor > 0.0 && best.is_none_or(|b| b.0 < floor) {
            return None;
        }
        let evidence = start / q.units.len();
        Some(match best {
            Some((confidence, doc, phrasing_coverage, similarity)) => Scored {
                entry,
                bm25,
                confidence,
                evidence,
                best: Some(Best { doc, query_coverage, phrasing_coverage, similarity }),
            },
            None => Scored { entry, bm25, confidence: 0.0, evidence, best: None },
        })
    }

    /// The hit of a scored entry; `probes` are the question's units and
    /// `elsewhere` what the entry says about each (see [`Matcher::score`]).
    fn hit(&self, query: &Query, probes: &[Probe], s: &Scored, elsewhere: &[f32], margin: f32) -> Hit {
        let q = &query.features;
        let e = &self.faq.entries[s.entry as usize];
        let mut explanation = Explanation {
            score: s.bm25,
            query_coverage: 0.0,
            phrasing_coverage: 0.0,
            similarity: 0.0,
            margin,
            question_words: query.words,
            content_words: query.content_words(elsewhere),
            covers_runner_up: false,
            other_company: query.other_company.map(String::from),
            features: Vec::new(),
            rewrites: query.rewrites.clone(),
            request: None,
        };
        let Some(best) = &s.best else {
            return Hit {
                entry_id: e.id.clone(),
                question: e.question.clone(),
                matched: e.question.clone(),
                confidence: s.confidence,
                explanation,
            };
        };
        let doc = &self.index.docs_of(s.entry)[best.doc];
        let total = q.total_weight();
        let mut features: Vec<FeatureWeight> = probes
            .iter()
            .zip(elsewhere)
            .filter_map(|(p, e)| {
                let u = p.unit();
                let (share, label) = unit_share(total, p, doc, *e)?;
                let mut feature = String::with_capacity(label.len() + 1 + u.text.len());
                feature.push_str(label);
                feature.push(':');
                feature.push_str(&u.text);
                Some(FeatureWeight { feature, weight: share })
            })
            .collect();
        features.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        explanation.query_coverage = best.query_coverage;
        explanation.phrasing_coverage = best.phrasing_coverage;
        explanation.similarity = best.similarity;
        explanation.features = features;
        Hit {
            entry_id: e.id.clone(),
            question: e.question.clone(),
            matched: self.phrasing(doc),
            confidence: s.confidence,
            explanation,
        }
    }

    /// The text of an indexed phrasing, borrowed where the FAQ has it whole.
    fn phrasing_text(&self, doc: &Doc) -> std::borrow::Cow<'_, str> {
        let e = &self.faq.entries[doc.entry as usize];
        match doc.kind {
            DocKind::Question => e.question.as_str().into(),
            DocKind::Alternate(i) => e.alternates.get(i as usize).map_or("", String::as_str).into(),
            DocKind::Tags => e.tags.join(" ").into(),
        }
    }

    /// The text of an indexed phrasing.
    fn phrasing(&self, doc: &Doc) -> String {
        self.phrasing_text(doc).into_owned()
    }

    /// True when the FAQ or the thesaurus knows a stem.
    fn known(&self, stem: &str) -> bool {
        self.index.knows(stem) || self.thesaurus.contains_word(stem)
    }

    /// The query rewriter: splits, corrects and expands words the FAQ does
    /// not know.
    fn rewrite(&self, analysis: &Analysis) -> Query {
        let mut stems = Vec::new();
        let mut rewrites = Vec::new();
        let mut guessed = rustc_hash::FxHashSet::default();
        // The words the rewriter made of words the FAQ does not know.
        let mut rewritten = rustc_hash::FxHashSet::default();
        // Two consonants alone (ㅎㅇ, ㄱㄱ) are chat shorthand more often
        // than a word: expand 초성 only from three consonants on.
        let choseong_chars: usize =
            analysis.tokens.iter().filter(|t| t.script == Script::Choseong).map(|t| t.text.chars().count()).sum();
        let mut joined_next = false;
        // The unknown first part of a word split before a known one, both
        // of two syllables or more (삼성카드 -> 삼성 카드, 주택담보대출 ->
        // 주택담보 대출): a bare noun too. Shorter parts are as often pieces
        // of one word the FAQ does not know (동영상 -> 동 영상).
        let mut heads = rustc_hash::FxHashSet::default();
        for (i, t) in analysis.tokens.iter().enumerate() {
            if std::mem::take(&mut joined_next) {
                continue;
            }
            if let Some((text, words)) = analysis.tokens.get(i + 1).and_then(|next| self.rejoin(t, next)) {
                rewrites.push(format!("{} {} -> {}", t.text, analysis.tokens[i + 1].text, words.join(" ")));
                guessed.extend(words.iter().filter(|w| !text.contains(w.as_str())).cloned());
                stems.extend(words);
                joined_next = true;
                continue;
            }
            match t.script {
                Script::Choseong if choseong_chars < 3 => {}
                Script::Choseong => {
                    if let Some(words) = self.expand_choseong(&t.text) {
                        rewrites.push(format!("{} -> {}", t.text, words.join(" ")));
                        guessed.extend(words.iter().cloned());
                        stems.extend(words);
                    }
                }
                // A Latin word the thesaurus has only inside longer terms
                // (usb in usb charger) means nothing alone here. An English
                // word of grammar (do, to, my) is no slip of the keyboard.
                Script::Latin
                    if t.is_content()
                        && !korean::is_light_word(&t.stem)
                        && !korean::is_common_word(&t.stem)
                        && !self.index.knows(&t.stem)
                        && self.thesaurus.concepts_in(std::iter::once(t.stem.as_str())).is_empty() =>
                {
                    let korean = hangul::from_keyboard(&t.text)
                        .map(|h| self.analyzer.analyze(&h))
                        .map(|a| a.content_stems().map(str::to_string).collect::<Vec<_>>())
                        .filter(|s| !s.is_empty() && s.iter().all(|w| self.known(w)));
                    // An acronym the FAQ writes in Hangul (usb -> 유에스비).
                    let korean = korean
                        .or_else(|| hangul::letter_names(&t.stem).into_iter().find(|w| self.known(w)).map(|w| vec![w]));
                    match korean {
                        Some(words) => {
                            rewrites.push(format!("{} -> {}", t.text, words.join(" ")));
                            stems.extend(words);
                        }
                        None => stems.push(t.stem.clone()),
                    }
                }
                Script::Hangul if t.is_content() && !self.known(&t.stem) => {
                    // The last word of a sentence (빠뜨림, 들어옴?) may be a
                    // verb's noun form, as chat ends sentences.
                    let last = t.asks || analysis.tokens.get(i + 1).is_none_or(|n| n.sentence != t.sentence);
                    let words = self.split_or_correct(&t.text, &t.stem, last);
                    if words.len() != 1 || words[0] != t.stem {
                        rewrites.push(format!("{} -> {}", t.text, words.join(" ")));
                        rewritten.extend(words.iter().cloned());
                    }
                    guessed.extend(words.iter().filter(|w| !t.text.contains(w.as_str())).cloned());
                    heads.extend(
                        words
                            .windows(2)
                            .filter(|p| {
                                p.iter().all(|w| w.chars().count() >= 2)
                                    && t.text.starts_with(p[0].as_str())
                                    && !self.known(&p[0])
                                    && self.known(&p[1])
                            })
                            .map(|p| p[0].clone()),
                    );
                    stems.extend(words);
                }
                _ if t.is_content() => stems.push(t.stem.clone()),
                _ => {}
            }
        }
        stems.retain(|s| !korean::is_stop_stem(s));
        // An unknown bare noun right before a known word narrows its topic
        // (넷플릭스 요금제, 헬스장 멤버십): the entry must say it too. A word
        // that reads as a verb the stemmer kept whole (아깝고, 세워), a verb
        // of one syllable (산 물건) and a light word (다음 학기) are no such
        // nouns.
        let bare: rustc_hash::FxHashSet<&str> = analysis
            .tokens
            .iter()
            .filter(|t| t.script == Script::Hangul && t.text == t.stem)
            .map(|t| t.stem.as_str())
            .collect();
        let mut modifiers = rustc_hash::FxHashSet::default();
        let mut marked = rustc_hash::FxHashSet::default();
        // So does an unknown noun marked as topic, subject or object
        // (주차장은, 배당금이): it is what the question is about. A known
        // one so marked weighs a little more than the question's other
        // words (유심을 잃어버렸는데 다시 받을 수 있나요 is about the SIM).
        for t in &analysis.tokens {
            if t.script == Script::Hangul
                && !t.stem.is_empty()
                && t.text.len() > t.stem.len()
                && t.text.starts_with(&t.stem)
            {
                let particle = &t.text[t.stem.len()..];
                if matches!(particle, "은" | "는" | "이" | "가" | "을" | "를")
                    && !korean::is_circumstance_word(&t.stem)
                    && !korean::is_verb_syllable(&t.stem)
                {
                    if self.known(&t.stem) {
                        marked.insert(t.stem.clone());
                    } else if !korean::is_light_word(&t.stem) {
                        // Light words so marked tell the situation (기억이 안
                        // 나요, 일이 생겨서): no topic.
                        modifiers.insert(t.stem.clone());
                    }
                }
            }
        }
        for pair in stems.windows(2) {
            if (bare.contains(pair[0].as_str()) || heads.contains(&pair[0]))
                && !self.known(&pair[0])
                && self.known(&pair[1])
                && korean::looser_stems(&pair[0]).is_empty()
                && (korean::is_circumstance_word(&pair[0]) || !korean::is_light_word(&pair[0]))
                && !korean::is_verb_syllable(&pair[0])
            {
                modifiers.insert(pair[0].clone());
            }
        }
        // A question of several sentences tells its situation first and its
        // request last (출장 와서 핫스팟을 켜 놨더니 다 썼어요. 더 살 수
        // 있을까요?): what only the situation names is not its topic. The
        // request is not always the last sentence (필터 언제 갈아야 돼요?
        // 기억이 안 나요ㅋㅋ): see `request_part`.
        let sentences: Vec<usize> = analysis.tokens.iter().map(|t| t.sentence).collect();
        let request = request_part(&analysis.tokens, &sentences);
        let situation = said_only_outside_request(&analysis.tokens, &sentences, request);
        // Within a sentence too, the clauses before the request tell the
        // circumstances (새로 샀는데 유심이 안 맞아서, 어떻게 해요?):
        // what only they say weighs less than the request, but for a noun
        // marked as topic, subject or object, which is what the question
        // is about (카드를 잃어버렸는데 다시 받을 수 있나요).
        let clauses = clauses(&analysis.tokens);
        let circumstances =
            said_only_outside_request(&analysis.tokens, &clauses, request_part(&analysis.tokens, &clauses));
        let words = stems.iter().filter(|s| !s.is_empty()).count();
        let mut features = Features::extract_owned(stems, &self.thesaurus);
        self.index.resolve(&mut features);
        for u in &mut features.units {
            (u.weight, u.concept_share) = self.index.question_unit_weight(u);
            if u.intent {
                u.weight *= INTENT;
            } else if marked.contains(&u.text) {
                u.weight *= MARKED;
            }
            if modifiers.contains(&u.text) {
                u.weight *= MODIFIER;
                // A word of circumstance so placed (내일 출국인데, 아직 배송이)
                // weighs as much, but says when, not what: an entry without
                // it is not held back.
                u.topic = !korean::is_circumstance_word(&u.text);
            }
            u.guessed = guessed.contains(&u.text);
            // Service vocabulary this FAQ never uses (택배 in a FAQ without
            // deliveries) names a topic the FAQ does not cover; everyday
            // words (지금, 엄마) do not, whatever concept they stand for, nor
            // a syllable the rewriter cut from an unknown word (방 of 방어).
            let cut_syllable = u.chars == 1 && rewritten.contains(&u.text);
            if !u.intent
                && !cut_syllable
                && !u.concepts.is_empty()
                && !self.index.knows(&u.text)
                && self.index.concepts_unused(u.own_concepts())
                && !korean::is_light_word(&u.text)
                && !korean::is_common_word(&u.text)
            {
                u.topic = true;
            }
            // A kind of a thing the FAQ names only in general (체크카드
            // where it says 카드): the general word says part of it.
            if self.is_unnamed_kind(u) {
                u.inner = u8::MAX;
            }
            if situation.contains(u.text.as_str()) {
                u.topic = false;
            }
            if circumstances.contains(u.text.as_str()) && !marked.contains(&u.text) {
                u.weight *= CIRCUMSTANCES;
            }
        }
        contrast(&analysis.tokens, &mut features.units);
        let light: Vec<bool> = features.units.iter().map(|u| korean::is_light_word(&u.text)).collect();
        // A light word (보, 새, 많) weighs at most what the question's
        // heaviest word of content weighs, however rare it is in the FAQ:
        // 볼 수 있어 never says more than what is to be seen.
        let heaviest = features
            .units
            .iter()
            .zip(&light)
            .filter(|&(u, &l)| !u.intent && !l)
            .map(|(u, _)| u.weight)
            .fold(0.0f32, f32::max);
        if heaviest > 0.0 {
            for (u, _) in features.units.iter_mut().zip(&light).filter(|(u, &l)| !u.intent && l) {
                u.weight = u.weight.min(heaviest);
            }
        }
        let compact = Compact::new(&features.compact, features.compact_chars);
        let compact_chars = features.compact_chars;
        // A question of one verb or adjective (힘들어, 뭘 바꿔야 할까) names
        // nothing an entry is about: at most a suggestion. The request of a
        // question of several sentences may be one (바꿀 수 있나요?), its
        // situation says what about (see `request_match`).
        let lone_verb = {
            let mut content = analysis.tokens.iter().filter(|t| t.is_content());
            content.next().is_some_and(|t| t.script == Script::Hangul && korean::is_verb_form(&t.text, &t.stem))
                && content.next().is_none()
        };
        // An entry without a light word (가, 보, 지금) is excused part of it.
        let waived = if light.contains(&true) {
            features.units.iter().zip(&light).map(|(u, &l)| if l { u.weight * LIGHT } else { 0.0 }).collect()
        } else {
            Vec::new()
        };
        Query {
            features,
            rewrites,
            squeezed: crate::index::squeezed_hash(&analysis.normalized),
            compact,
            compact_chars,
            waived,
            other_company: self.own_companies.other_in(analysis),
            request,
            lone_verb,
            words,
        }
    }

    /// True for a word of the thesaurus the FAQ never writes that names a
    /// kind of something the FAQ's phrasings name: a word of its concept
    /// after a word that narrows it, which the FAQ never writes either and
    /// which is no word of that concept itself (체크카드, 여행자보험 where
    /// the FAQ says 카드, 보험; but not 영업시간 where it says 시간, since
    /// 영업 alone says business hours).
    fn is_unnamed_kind(&self, u: &Unit) -> bool {
        if u.intent || u.concepts.is_empty() || u.script != Script::Hangul || u.chars < 4 || self.index.knows(&u.text) {
            return false;
        }
        let shares_a_concept =
            |word: &str| self.thesaurus.concepts_in([word]).iter().any(|c| u.own_concepts().any(|o| o == *c));
        // Both parts of two chars or more.
        u.text.char_indices().skip(2).take(u.chars as usize - 3).any(|(at, _)| {
            let (narrower, general) = u.text.split_at(at);
            self.index.in_phrasings(general)
                && !self.index.knows(narrower)
                && !korean::is_light_word(narrower)
                && shares_a_concept(general)
                && !shares_a_concept(narrower)
        })
    }

    /// Two words a misplaced space cut one syllable off a word (환 불,
    /// 등록 금환불, 환불신 청): their text written together and its words,
    /// when one of the two is unknown and a known word takes the syllable
    /// across the space. `None` otherwise.
    fn rejoin(&self, first: &Token, second: &Token) -> Option<(String, Vec<String>)> {
        let hangul = |t: &Token| t.script == Script::Hangul && t.is_content();
        if !hangul(first) || !hangul(second) {
            return None;
        }
        let (first_known, second_known) = (self.known(&first.stem), self.known(&second.stem));
        if first_known && second_known {
            return None;
        }
        // One space apart, as the user wrote them.
        if second.offset_from != first.offset_to + 1 {
            return None;
        }
        // A known word across the space starts as some piece across it
        // does (see `korean::start_key`), one syllable on one side: when
        // none does, nothing is split.
        let chars: Vec<char> = first.text.chars().chain(second.text.chars()).collect();
        let (n, at) = (chars.len(), first.text.chars().count());
        if n > MAX_SPLIT_SYLLABLES || !chars.iter().all(|&c| hangul::is_syllable(c)) {
            return None;
        }
        let starts_word = |i: usize, j: usize| self.starts.contains(&korean::start_key(&chars[i..j]));
        let last_syllable_on = (at + 1..=n.min(at - 1 + MAX_PIECE_SYLLABLES)).any(|j| starts_word(at - 1, j));
        let first_syllable_on = (at.saturating_sub(MAX_PIECE_SYLLABLES - 1)..at - 1).any(|i| starts_word(i, at + 1));
        if !last_syllable_on && !first_syllable_on {
            return None;
        }
        let text = format!("{}{}", first.text, second.text);
        let cut = first.text.len();
        let stem = crate::text::remembered_stem(&text);
        let words = if self.known(&stem) && stem.len() > cut { vec![stem] } else { self.split(&text, &stem)? };
        // Written together, the two are known words of two syllables or
        // more only (환불 언제), not words and leftovers (가방이 사라졌는데
        // is not 가방 이사 라지, nor 통해 소개 통 해소 개).
        if !words.iter().all(|w| self.known(w) && w.chars().nth(1).is_some()) {
            return None;
        }
        // The known word across the space has one syllable on one side. A
        // word it takes whole must mean nothing alone (몇 시에 stays), and
        // when it takes part of each, neither may mean anything alone
        // (굳이 전화 is not 굳 이전 화).
        let across = words.iter().any(|w| {
            text.match_indices(w.as_str()).any(|(at, _)| {
                let end = at + w.len();
                let (first_whole, second_whole) = (at == 0, end == text.len());
                at < cut
                    && end > cut
                    && (at + 3 == cut || end == cut + 3)
                    && !(first_whole && first_known)
                    && !(second_whole && second_known)
                    && (first_whole || second_whole || !(first_known || second_known))
            })
        });
        across.then_some((text, words))
    }

    /// A 초성 word as known words: one word (ㅂㅅ -> 배송) or several
    /// written together (ㅂㅅㅈㅎ -> 배송 조회).
    fn expand_choseong(&self, code: &str) -> Option<Vec<String>> {
        if let Some(w) = self.index.expand_choseong(code) {
            return Some(vec![w.to_string()]);
        }
        let chars: Vec<char> = code.chars().collect();
        let n = chars.len();
        if n > MAX_SPLIT_SYLLABLES {
            return None;
        }
        // Fewest pieces, each a known word's 초성.
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
        best[0] = Some((0, 0));
        for j in 1..=n {
            for i in (0..j.saturating_sub(1)).rev() {
                let Some((count, _)) = best[i] else { continue };
                let piece: String = chars[i..j].iter().collect();
                if self.index.expand_choseong(&piece).is_some() && best[j].is_none_or(|(c, _)| count + 1 < c) {
                    best[j] = Some((count + 1, i));
                }
            }
        }
        let mut words = Vec::new();
        let mut j = n;
        while j > 0 {
            let (_, i) = best[j]?;
            let piece: String = chars[i..j].iter().collect();
            words.push(self.index.expand_choseong(&piece)?.to_string());
            j = i;
        }
        words.reverse();
        // A word said twice is chat shorthand repeated (ㅎㅇㅎㅇ: hi hi),
        // not 초성 of a question (해외 해외).
        let repeated = words.iter().enumerate().any(|(i, w)| words[..i].contains(w));
        (!repeated).then_some(words)
    }

    /// An unknown Hangul word: split into known words where spaces are
    /// missing (배송조회어떻게해요 -> 배송 조회 어떻게), or corrected at
    /// the jamo level (횐불 -> 환불), or left as it is.
    fn split_or_correct(&self, word: &str, stem: &str, last: bool) -> Vec<String> {
        // An everyday word (요즘, 어제, 자동차, 제대로) is what the user wrote.
        // So is a light word (경우 is no 경유).
        if korean::is_common_word(stem) || korean::is_common_word(word) || korean::is_light_word(stem) {
            return vec![stem.to_string()];
        }
        // So is one with its particle (딸도 is no 따로), and an everyday verb
        // whose modifier's ㄴ or ㄹ went into its last syllable (헤어진:
        // 헤어지, not 헤어 + 진).
        if let Some(w) = korean::common_word_with_particle(word) {
            return vec![w.to_string()];
        }
        if let Some(verb) =
            korean::without_fused_modifier(stem).filter(|v| v.chars().count() >= 2 && korean::is_common_word(v))
        {
            return vec![verb];
        }
        // An adjective in -스럽다 is its noun (부담스러워요: 부담, not 부담 +
        // 시럽), and so is a word in -적 the FAQ or everyday Korean knows the
        // noun of (정상적으로: 정상, not 정상석).
        if let Some(noun) = stem.strip_suffix("스럽").filter(|n| n.chars().count() >= 2) {
            return vec![noun.to_string()];
        }
        if let Some(noun) =
            stem.strip_suffix('적').filter(|n| n.chars().count() >= 2 && (self.known(n) || korean::is_common_word(n)))
        {
            return vec![noun.to_string()];
        }
        // A sentence that ends in a verb's noun form (폰 물에 빠뜨림, 카드
        // 들어옴): the verb, when the FAQ or everyday Korean knows it. Only
        // at the end: 입굼 in 입굼 확인 is a typo of 입금, not 입구.
        if let Some(verb) = korean::without_noun_form(stem).filter(|v| {
            last && (korean::is_stop_stem(v) || self.known(v) || korean::is_common_word(v) || korean::is_light_word(v))
        }) {
            return vec![verb];
        }
        // An acronym said in Korean (큐알 -> qr).
        if let Some(latin) = self.acronyms.get(stem) {
            return vec![latin.clone()];
        }
        // A verb the stemmer left whole, as the FAQ writes it (쌓는 -> 쌓).
        if let Some(w) = korean::looser_stems(word).into_iter().find(|w| self.known(w)) {
            return vec![w];
        }
        // A noun the stemmer cut where it ends like an ending, as the FAQ
        // writes it (메시지만 -> 메시지, not 메).
        if let Some(w) = korean::particle_readings(word).into_iter().find(|w| self.known(w)) {
            return vec![w];
        }
        // What something costs, said with a suffix the FAQ may not write
        // (가스비, 연체료, 가스값 for 가스요금, 연체 요금): the known thing
        // and its cost.
        if let Some(base) = stem.strip_suffix(['비', '료', '값']).filter(|b| b.chars().count() >= 2 && self.known(b))
        {
            return vec![base.to_string(), COST_WORD.to_string()];
        }
        if let Some(w) = self.correct(stem) {
            return vec![w.to_string()];
        }
        self.split(word, stem).unwrap_or_else(|| vec![stem.to_string()])
    }

    /// [`Index::correct`], not asked for words longer than any it could
    /// correct to: a near spelling and the word's are the same once at most
    /// one jamo is taken out of each, so it is at most one jamo shorter.
    fn correct(&self, stem: &str) -> Option<&str> {
        if hangul::spelling_len(stem) > self.longest_spelling + 1 || korean::is_common_word(stem) {
            return None;
        }
        self.index.correct(stem)
    }

    /// `stem` is the word's own stem.
    fn split(&self, word: &str, stem: &str) -> Option<Vec<String>> {
        let n = word.chars().count();
        if !(3..=MAX_SPLIT_SYLLABLES).contains(&n) || !word.chars().all(hangul::is_syllable) {
            return None;
        }
        // Syllables are three bytes each: piece i..j is word[3 * i..3 * j].
        let piece_of = |i: usize, j: usize| &word[3 * i..3 * j];
        // best[j] = (score, start of the last piece, kind of the last piece)
        #[derive(Clone, Copy, PartialEq)]
        enum Piece {
            Known,
            Function,
            Unknown,
        }
        let mut best: Vec<Option<(i32, usize, Piece)>> = vec![None; n + 1];
        best[0] = Some((0, 0, Piece::Function));
        let stem_syllables = stem.chars().count();
        // A syllable nobody knows that is a particle or an ending (서, 이)
        // after a known word ends it: inside the stem it is no piece of its
        // own, so 전자고지서신청 is 전자 + 고지서 + 신청, not 전자고지 + 서 +
        // 신청 (which the affix rule below would refuse).
        let unknown = |score: i32, after: Piece, i: usize, j: usize| {
            let ending = after == Piece::Known && j < stem_syllables && korean::is_affix(piece_of(i, j));
            (!ending).then_some((score - 2, Piece::Unknown))
        };
        let mut chars = ['\0'; MAX_SPLIT_SYLLABLES];
        for (slot, c) in chars.iter_mut().zip(word.chars()) {
            *slot = c;
        }
        // Bit `len` of starts[i]: some word the splitter may take starts as
        // the piece of `len` syllables from i does (see `korean::start_key`).
        let mut starts = [None::<u16>; MAX_SPLIT_SYLLABLES];
        // kept[j]: one past the last syllable before j the stemmer cannot cut.
        let mut kept = [0; MAX_SPLIT_SYLLABLES + 1];
        for (k, &c) in chars[..n].iter().enumerate() {
            kept[k + 1] = if korean::may_cut(c) { kept[k] } else { k + 1 };
        }
        for j in 1..=n {
            // A word and its particles or ending rarely exceed 10 syllables.
            for i in j.saturating_sub(MAX_PIECE_SYLLABLES)..j {
                let Some((score, _, after)) = best[i] else { continue };
                // Even as a known word this piece would not beat the best
                // way found to end at j: no need to stem it.
                let most = score + known_piece_score(j - i, j - i);
                if best[j].is_some_and(|(b, _, _)| most <= b) {
                    continue;
                }
                // The piece stems to its first `len` syllables only when the
                // stemmer can cut all the others, and to such a word only
                // when it starts as the word does: when it cannot, its stem
                // is none of them.
                let start = *starts[i].get_or_insert_with(|| {
                    (1..=MAX_PIECE_SYLLABLES.min(n - i))
                        .filter(|&len| self.starts.contains(&korean::start_key(&chars[i..i + len])))
                        .fold(0, |bits, len| bits | 1 << len)
                });
                let shortest = kept[j].saturating_sub(i).max(1);
                let candidate = if (start & ((2 << (j - i)) - 1)) >> shortest == 0 {
                    if j - i >= 2 {
                        continue;
                    }
                    unknown(score, after, i, j)
                } else {
                    crate::text::with_remembered_stem(piece_of(i, j), |st| {
                        let st_len = st.chars().count();
                        if st_len >= 2
                            && (self.known(st) || korean::is_common_word(st) || self.acronyms.contains_key(st))
                        {
                            Some((score + known_piece_score(j - i, st_len), Piece::Known))
                        } else if st_len == 1 && !korean::is_stop_stem(st) && self.index.in_phrasings(st) {
                            Some((score + 2, Piece::Known))
                        } else if korean::is_stop_stem(st) && i > 0 {
                            Some((score, Piece::Function))
                        } else if j - i == 1 {
                            unknown(score, after, i, j)
                        } else {
                            None
                        }
                    })
                };
                if let Some((sc, kind)) = candidate {
                    if best[j].is_none_or(|(b, _, _)| sc > b) {
                        best[j] = Some((sc, i, kind));
                    }
                }
            }
        }
        let mut pieces = Vec::new();
        let mut j = n;
        while j > 0 {
            let (_, i, kind) = best[j]?;
            pieces.push((i, j, kind));
            j = i;
        }
        pieces.reverse();
        let known = pieces.iter().filter(|p| p.2 == Piece::Known).count();
        let known_syllables: usize = pieces.iter().filter(|p| p.2 == Piece::Known).map(|p| p.1 - p.0).sum();
        // A word of two syllables is not two words of one (가방 is not 가 + 방).
        // Nor is a word cut into pieces of one syllable each (미술관 is not
        // 미 + 술 + 관).
        let all_single = pieces.iter().all(|p| p.1 - p.0 == 1);
        // Nor is a stem of two syllables cut by a piece that runs on into
        // its particle (분양도 is 분양 + 도, not 분 + 양도).
        let across =
            pieces.iter().any(|&(i, j, kind)| kind == Piece::Known && i < stem_syllables && j > stem_syllables);
        if known == 0
            || known_syllables < 2
            || (stem_syllables <= 2 && known >= 2)
            || (stem_syllables == 2 && across)
            || pieces.len() == 1
            || all_single
        {
            return None;
        }
        // Nor is a word split into an everyday word and a rest nobody
        // knows (충전기 is not 충 + 전기) when the FAQ says no piece of it;
        // everyday words together still are (여름휴가: 여름 휴가).
        let said = |&(i, j, kind): &(usize, usize, Piece)| {
            kind == Piece::Known && self.known(&crate::text::remembered_stem(piece_of(i, j)))
        };
        if pieces.iter().any(|p| p.2 == Piece::Unknown) && !pieces.iter().any(said) {
            return None;
        }
        // Nor is a known word found between two unknown runs, one of them a
        // single syllable, a piece of it (운전면허 is not 운 + 전면 + 허).
        let mut runs = Vec::new();
        for p in &pieces {
            match (p.2, runs.last_mut()) {
                (Piece::Unknown, Some((end, len))) if *end == p.0 => {
                    *end = p.1;
                    *len += p.1 - p.0;
                }
                (Piece::Unknown, _) => runs.push((p.1, p.1 - p.0)),
                _ => {}
            }
        }
        // A longer word is a sentence written without spaces
        // (결제금액이예상보다많이나왔어요왜그래요), whose unknown runs are
        // its particles and endings.
        if runs.len() >= 2 && runs.iter().any(|&(_, len)| len == 1) && n <= MAX_COMPOUND_SYLLABLES {
            return None;
        }
        // Join runs of unknown syllables back into words. A run that is a
        // particle or an ending after the stem (아이폰을, 문의하기전에) is
        // no word; inside the stem it is part of a word the FAQ does not
        // know (페이지 is not 페이 + 지), so the word is not split.
        let mut words: Vec<String> = Vec::new();
        let mut unknown = String::new();
        let mut run_start = 0;
        let flush = |unknown: &mut String, run_start: usize, words: &mut Vec<String>| -> Option<()> {
            if korean::is_affix(unknown) {
                if run_start < stem_syllables {
                    return None;
                }
                unknown.clear();
            }
            if !unknown.is_empty() {
                let st = korean::stem(unknown);
                let w = match self.correct(&st) {
                    Some(c) => c.to_string(),
                    None => st,
                };
                words.push(w);
                unknown.clear();
            }
            Some(())
        };
        for (i, j, kind) in pieces {
            let piece = piece_of(i, j);
            match kind {
                Piece::Unknown => {
                    if unknown.is_empty() {
                        run_start = i;
                    }
                    unknown.push_str(piece);
                }
                Piece::Known => {
                    flush(&mut unknown, run_start, &mut words)?;
                    // Remembered since the pass above, unless another word
                    // took its slot meanwhile.
                    let st = crate::text::remembered_stem(piece);
                    words.push(self.acronyms.get(&st).cloned().unwrap_or(st));
                }
                Piece::Function => flush(&mut unknown, run_start, &mut words)?,
            }
        }
        flush(&mut unknown, run_start, &mut words)?;
        words.retain(|w| !korean::is_stop_stem(w));
        Some(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::DecisionKind;
    use crate::faq::Format;

    /// A matcher over a FAQ written in TOML.
    fn matcher_of(toml: &str) -> Matcher {
        Matcher::new(Faq::from_str(toml, Format::Toml).unwrap()).unwrap()
    }

    /// What the rewriter changed in a question.
    fn rewrites_of(m: &Matcher, question: &str) -> Vec<String> {
        m.rewrite(&m.analyzer.analyze(question)).rewrites
    }

    /// A matcher over a FAQ of one entry.
    fn one_entry_matcher(id: &str, question: &str, answer: &str) -> Matcher {
        matcher_of(&format!("[[entries]]\nid = \"{id}\"\nquestion = \"{question}\"\nanswer = \"{answer}\"\n"))
    }

    fn matcher() -> Matcher {
        matcher_of(
            r#"
[[entries]]
id = "refund"
question = "환불은 어떻게 받나요?"
alternates = ["환불 신청 방법", "돈 돌려받고 싶어요"]
answer = "주문 내역에서 환불을 신청하세요. 카드 취소는 3영업일이 걸립니다."

[[entries]]
id = "tracking"
question = "배송 조회는 어디서 해요?"
alternates = ["택배 언제 와요?", "주문한 물건 어디쯤 왔나요"]
answer = "앱의 주문 내역에서 배송 상태를 볼 수 있습니다."

[[entries]]
id = "return-cost"
question = "반품 비용은 얼마인가요?"
alternates = ["반품 배송비 누가 내요"]
answer = "단순 변심 반품은 왕복 배송비 6,000원입니다."

[[entries]]
id = "return-how"
question = "반품 신청은 어떻게 하나요?"
alternates = ["반품하고 싶어요"]
answer = "주문 내역에서 반품 신청 버튼을 누르세요."

[[entries]]
id = "hours"
question = "고객센터 운영 시간은 어떻게 되나요?"
alternates = ["상담 몇 시까지 해요?", "주말에도 상담하나요"]
answer = "평일 09:00-18:00에 운영합니다."
"#,
        )
    }

    #[test]
    fn answers_casual_korean() {
        let m = matcher();
        for (q, id) in [
            ("환불 어떻게 해요", "refund"),
            ("환불받고싶은데요", "refund"),
            ("횐불 하려면요?", "refund"),
            ("배송조회어디서해요", "tracking"),
            ("배숑 조회", "tracking"),
            ("ㅂㅅ ㅈㅎ", "tracking"),
            ("qothd whghl", "tracking"),
            ("반품 비용 얼마예요", "return-cost"),
            ("반품 신청 어떻게 해요", "return-how"),
            ("상담 몇시까지 하나요??ㅠㅠ", "hours"),
        ] {
            let d = m.ask(q);
            assert_eq!(d.best().map(|h| h.entry_id.as_str()), Some(id), "{q}: {d:?}");
            assert_ne!(d.kind(), DecisionKind::Escalate, "{q}: {d:?}");
        }
    }

    #[test]
    fn a_detail_only_answers_mention_finds_their_entries() {
        let m = matcher_of(
            r#"
[[entries]]
id = "reserve"
question = "예약은 어떻게 하나요?"
answer = "앱에서 날짜와 인원을 고르면 됩니다."

[[entries]]
id = "refund"
question = "환불은 어떻게 받나요?"
answer = "카드 결제는 승인을 취소하고, 계좌 이체는 3영업일 안에 돌려드립니다."

[[entries]]
id = "points"
question = "포인트는 언제 쌓이나요?"
answer = "카드로 결제하면 다음 날 쌓입니다. 카드사 사정에 따라 늦을 수 있습니다."

[[entries]]
id = "hours"
question = "상담 시간은 언제인가요?"
answer = "평일 9시부터 6시까지입니다. 카드 분실 신고는 카드사로 해 주세요."
"#,
        );
        // No phrasing says 승인 취소: the refund entry's answer does.
        let hits = m.search("승인 취소 며칠 걸려요", 3);
        assert_eq!(hits[0].entry_id, "refund", "{hits:?}");
        assert!(hits[0].explanation.features.iter().any(|f| f.feature.starts_with("entry:")), "{hits:?}");
        // 카드사 is in two answers: both entries are scored.
        let mut ids: Vec<String> = m.search("카드사", 3).into_iter().map(|h| h.entry_id).collect();
        ids.sort();
        assert_eq!(ids, ["hours", "points"]);
        // 카드 is in three: a word that common in answers tells no entry.
        assert!(m.search("카드", 3).is_empty());
    }

    #[test]
    fn links_and_mentions_are_no_part_of_the_question() {
        let m = matcher();
        let plain = m.search("상담 몇 시까지 해요?", 1)[0].confidence;
        for q in [
            "<@U123> 상담 몇 시까지 해요?",
            "@everyone 상담 몇 시까지 해요?",
            "<!here> 상담 몇 시까지 해요? https://example.com/faq",
        ] {
            let hit = &m.search(q, 1)[0];
            assert_eq!((hit.entry_id.as_str(), hit.confidence), ("hours", plain), "{q}");
        }
    }

    #[test]
    fn questions_in_english_keep_their_words() {
        let m = matcher();
        // Do, is and the are grammar; I, my and to are light words. None is
        // read as Korean typed on an English keyboard (do -> 애, to -> 새).
        for (q, id) in [
            ("how do I get a refund?", "refund"),
            ("how do i get my refund", "refund"),
            ("what are your business hours", "hours"),
        ] {
            let d = m.ask(q);
            let best = d.best().expect(q);
            assert_eq!(best.entry_id, id, "{q}: {d:?}");
            assert!(matches!(d, Decision::Answer(_)), "{q}: {d:?}");
            assert!(best.explanation.rewrites.is_empty(), "{q}: {:?}", best.explanation.rewrites);
        }
        assert!(m.search("i want to get a refund", 1)[0].explanation.rewrites.is_empty());
        // Nor is an everyday word written in Latin letters: sns typed on a
        // Korean keyboard would be 눈 (snow), but it means social media.
        let snow = one_entry_matcher("snow", "눈이 오면 배송이 늦어지나요?", "폭설 때는 하루 늦어질 수 있습니다.");
        assert_eq!(rewrites_of(&snow, "sns 계정 있어요?"), Vec::<String>::new());
        // A slip of the keyboard is still read as Korean.
        assert_eq!(m.search("qothd whghl", 1)[0].entry_id, "tracking");
    }

    #[test]
    fn chat_shorthand_light_words_and_circumstance_alone_are_not_answered() {
        let m = matcher_of(
            r#"
[[entries]]
id = "abroad"
question = "해외로 택배를 보낼 수 있나요?"
answer = "해외 배송은 앱에서 접수합니다."

[[entries]]
id = "pickup"
question = "기사님이 언제 오시나요?"
answer = "예약한 날 오후에 방문합니다."
"#,
        );
        // ㅎㅇ is 해외 as 초성, but ㅎㅇㅎㅇ is hi twice, not 해외 해외.
        assert_eq!(m.search("ㅎㅇ ㅂㄴ", 1)[0].explanation.rewrites, ["ㅎㅇ -> 해외", "ㅂㄴ -> 보내"]);
        assert_eq!(m.rewrite(&m.analyzer.analyze("ㅎㅇㅎㅇ")).rewrites, Vec::<String>::new());
        // 다음에 또 올게 (see you next time) is only light words: whatever
        // entry says 오다, no answer.
        let hit = &m.search("잘 있어 다음에 또 올게", 1)[0];
        assert_eq!(hit.explanation.content_words, 0, "{hit:?}");
        assert!(!matches!(m.ask("잘 있어 다음에 또 올게"), Decision::Answer(_)));
        assert!(matches!(m.ask("기사님 언제 와요?"), Decision::Answer(_)));
        // Nor is an entry that matches only words of circumstance (오늘
        // 저녁: when, not what).
        let m = one_entry_matcher("hours", "오늘 저녁에도 상담하나요?", "평일 저녁 9시까지 상담합니다.");
        let hit = &m.search("오늘 저녁 뭐 먹지", 1)[0];
        assert_eq!(hit.explanation.content_words, 0, "{hit:?}");
        assert!(!matches!(m.ask("오늘 저녁 뭐 먹지"), Decision::Answer(_)));
        assert!(matches!(m.ask("오늘 저녁 상담 돼요?"), Decision::Answer(_)));
        // 서비스 alone says no service: a complaint about the service in
        // general is no question about one the FAQ names.
        let m =
            one_entry_matcher("wheelchair", "휠체어 도움 서비스를 신청할 수 있나요?", "출발 48시간 전까지 신청하세요.");
        let hit = &m.search("서비스 최악이에요", 1)[0];
        assert_eq!(hit.explanation.content_words, 0, "{hit:?}");
        assert!(!matches!(m.ask("서비스 최악이에요"), Decision::Answer(_)));
        assert!(matches!(m.ask("휠체어 서비스 신청 돼요?"), Decision::Answer(_)));
    }

    #[test]
    fn acronyms_are_matched_as_said_in_korean() {
        let m = matcher_of(
            r#"
[[entries]]
id = "esim"
question = "eSIM은 QR 코드로 개통하나요?"
answer = "앱에서 QR 코드를 스캔하세요."

[[entries]]
id = "usb"
question = "유에스비 케이블은 어디서 사나요?"
answer = "매장에서 판매합니다."

[[entries]]
id = "refund"
question = "환불은 어떻게 하나요?"
answer = "앱에서 신청하세요."
"#,
        );
        for (q, id, rewrite) in [
            ("큐알 코드 개통", "esim", "큐알 -> qr"),
            ("큐알코드로개통하는거 어떻게 해요", "esim", "qr 코드 개통"),
            // The thesaurus has usb only inside a longer term (usb charger).
            ("USB 케이블 어디서 사요", "usb", "usb -> 유에스비"),
        ] {
            let hits = m.search(q, 2);
            assert_eq!(hits.first().map(|h| h.entry_id.as_str()), Some(id), "{q}: {hits:?}");
            let rewrites = &hits[0].explanation.rewrites;
            assert!(rewrites.iter().any(|r| r.contains(rewrite)), "{q}: {rewrites:?}");
        }
        // An acronym nobody here uses stays as written.
        let hits = m.search("큐브 환불", 1);
        assert!(hits[0].explanation.rewrites.iter().all(|r| !r.contains("qr")), "{hits:?}");
    }

    #[test]
    fn a_phrasing_written_without_spaces_is_an_exact_match() {
        let m = matcher();
        for q in ["반품배송비누가내요", "반품 배송비, 누가 내요?!", "반품배송비 누가내요ㅠㅠ"]
        {
            let d = m.ask(q);
            assert_eq!(d.answered_id(), Some("return-cost"), "{q}: {d:?}");
            assert_eq!(d.best().map(|h| h.confidence), Some(1.0), "{q}");
        }
    }

    #[test]
    fn a_tie_goes_to_the_phrasing_written_as_or_closest_to_the_question() {
        // Both phrasings of each pair reach the same confidence (the same
        // stems); the second is written as asked, or nearer to it, and ranks
        // first though the other comes first in the FAQ.
        for (first, second, asked, then) in [
            ("환불은?", "환불", "환불", "환불은"),
            // 미치겠네 is written as 미치겠어 nearly is.
            ("미쳐", "미치겠네", "미치겠어", "미쳐요"),
        ] {
            let m = matcher_of(&format!(
                "[[entries]]\nid = \"first\"\nquestion = \"{first}\"\nanswer = \"a\"\n\n\
                 [[entries]]\nid = \"second\"\nquestion = \"{second}\"\nanswer = \"b\"\n"
            ));
            let hits = m.search(asked, 2);
            assert_eq!(hits[0].confidence, hits[1].confidence, "{hits:?}");
            assert_eq!(hits[0].entry_id, "second", "{asked}: {hits:?}");
            assert_eq!(m.search(then, 1)[0].entry_id, "first", "{then}");
        }
    }

    #[test]
    fn how_late_asks_for_the_opening_hours() {
        // 몇 시까지 says when and opening hours: the entry on 영업시간 is the
        // one, though it never says 언제 and another entry counts 몇 잔.
        let m = matcher_of(
            r#"
[[entries]]
id = "store-hours"
question = "매장 영업시간은 어디서 확인하나요?"
alternates = ["매장 운영 시간"]
answer = "앱의 매장 찾기에서 매장별 영업시간을 볼 수 있습니다."

[[entries]]
id = "stamp-earn"
question = "스탬프는 어떻게 적립되나요?"
alternates = ["음료를 몇 잔 사야 스탬프가 쌓이나요?"]
answer = "음료 한 잔에 스탬프 하나가 적립됩니다."

[[entries]]
id = "refund-period"
question = "취소한 주문의 환불은 언제 되나요?"
answer = "카드사에 따라 3~5영업일이 걸립니다."
"#,
        );
        assert_eq!(m.search("몇 시까지 해?", 1)[0].entry_id, "store-hours");
        assert_eq!(m.search("몇시까지 하나요", 1)[0].entry_id, "store-hours");
    }

    #[test]
    fn a_company_the_faq_never_names_is_another_companys_matter() {
        let m = matcher_of(
            r#"
[[entries]]
id = "cert-issue"
question = "인증서는 어떻게 발급받나요?"
alternates = ["공동인증서 발급 방법"]
answer = "앱의 인증센터에서 인증서를 발급받을 수 있습니다. 카카오뱅크 계좌로도 본인 확인이 됩니다."

[[entries]]
id = "transfer-limit"
question = "이체 한도는 얼마인가요?"
answer = "하루 이체 한도는 5천만 원입니다."
"#,
        );
        let decide = |q: &str| m.ask(q);
        assert!(matches!(decide("인증서 발급받는 법 알려주세요"), Decision::Answer(h) if h.entry_id == "cert-issue"));
        // Another bank's matter: suggested, never answered, and told.
        let d = decide("토스뱅크에서 인증서 발급받는 법 알려주세요");
        assert!(matches!(&d, Decision::Suggest(h) if h[0].entry_id == "cert-issue"), "{d:?}");
        assert_eq!(
            m.search("토스뱅크에서 인증서 발급받는 법 알려주세요", 1)[0].explanation.other_company.as_deref(),
            Some("토스뱅크")
        );
        // A company the FAQ names is one of its own.
        let d = decide("카카오뱅크 이체 한도는 얼마예요?");
        assert!(matches!(&d, Decision::Answer(h) if h.entry_id == "transfer-limit"), "{d:?}");
        assert_eq!(m.search("카카오뱅크 이체 한도는 얼마예요?", 1)[0].explanation.other_company, None);
        // In a long question the name is the situation told around the request.
        let long = "연말정산 때문에 홈택스에 들어가야 하는데 인증서가 없어요. 앱에서 인증서 새로 발급받을 수 있나요?";
        assert!(matches!(decide(long), Decision::Answer(h) if h.entry_id == "cert-issue"));
        // A single sentence of eight or nine words tells no such story: it
        // asks about the other bank's certificate.
        let single = "토스뱅크 인증서 비밀번호 잠겼는데 새로 어떻게 발급받아요?";
        assert_eq!(m.search(single, 1)[0].explanation.question_words, 8);
        assert!(matches!(decide(single), Decision::Suggest(_)), "{:?}", decide(single));
        let own = "인증서 비밀번호 잠겼는데 새로 어떻게 발급받아요?";
        assert!(matches!(decide(own), Decision::Answer(h) if h.entry_id == "cert-issue"), "{:?}", decide(own));
    }

    #[test]
    fn holds_back_on_other_topics() {
        let m = matcher();
        for q in ["주차장은 어디에 있나요", "비밀번호를 잊어버렸어요", "오늘 날씨 어때요"] {
            let d = m.ask(q);
            assert_ne!(d.kind(), DecisionKind::Answer, "{q}: {d:?}");
        }
    }

    #[test]
    fn the_word_after_malgo_is_asked_about_not_its_synonym_before() {
        let m = one_entry_matcher(
            "debit-card",
            "체크카드 발급 조건은 어떻게 되나요?",
            "만 14세 이상이면 앱에서 체크카드를 발급받을 수 있습니다.",
        );
        // A credit card set against a debit card is no synonym of it, and
        // is what the question is about.
        let q = "체크카드 말고 신용카드 발급 조건은 어떻게 되나요?";
        let unit = question_unit(&m, q, "신용카드");
        assert!(unit.topic && unit.concepts.is_empty(), "{unit:?}");
        let plain = question_unit(&m, "신용카드 발급 조건은 어떻게 되나요?", "신용카드");
        assert!(!plain.topic && !plain.concepts.is_empty(), "{plain:?}");
        assert!(m.search(q, 1)[0].confidence < m.search("신용카드 발급 조건은 어떻게 되나요?", 1)[0].confidence);
        // The word set against is the one the entry says: answered.
        assert!(matches!(m.ask("신용카드 말고 체크카드 발급 조건은 어떻게 되나요?"), Decision::Answer(_)));
        // 다른 after 말고 names nothing to set against it; nor does a verb
        // of another sentence.
        assert!(!question_unit(&m, "카드 말고 다른 걸로 발급돼요?", "다른").topic);
        assert!(!question_unit(&m, "체크카드 말고. 신용카드는요?", "신용카드").topic);
    }

    #[test]
    fn a_bare_number_or_an_interjection_asks_nothing() {
        let m = matcher_of(
            r#"
[[entries]]
id = "limit"
question = "1인당 몇 장까지 살 수 있나요?"
answer = "1인당 4장까지 구매하실 수 있습니다."

[[entries]]
id = "late"
question = "택배가 안 오면 어떻게 하나요?"
answer = "배송 조회 후 고객센터로 문의해 주세요."
"#,
        );
        // 1 alone is no question, and 아오 (an interjection) is no 안 오.
        for q in ["1", "아오", "흠..."] {
            assert_ne!(m.ask(q).kind(), DecisionKind::Answer, "{q}");
        }
        assert_eq!(m.ask("1인당 몇 장까지 돼요?").kind(), DecisionKind::Answer);
        assert_eq!(m.ask("택배가 안 와요 어떻게 해요").kind(), DecisionKind::Answer);
    }

    #[test]
    fn confidence_stays_in_range_and_explains() {
        let m = matcher();
        let hits = m.search("환불 신청 방법", 3);
        assert_eq!(hits[0].entry_id, "refund");
        assert!(hits.iter().all(|h| (0.0..=1.0).contains(&h.confidence)));
        assert!(hits[0].explanation.features.iter().any(|f| f.feature == "word:환불"));
        assert!(hits[0].explanation.margin > 0.0);
    }

    #[test]
    fn start_keys_hold_every_word_the_splitter_takes_for_a_piece() {
        let m = matcher();
        let stops = korean::stop_stems().map(|w| -> &str { w });
        let mut taken = 0;
        let common = korean::common_words().map(|w| -> &str { w });
        for w in m.index.own_words().chain(m.thesaurus.words()).chain(stops).chain(common) {
            let chars: Vec<char> = w.chars().collect();
            if chars.is_empty() || !chars.iter().all(|&c| hangul::is_syllable(c)) {
                continue;
            }
            // What `Matcher::split` takes a piece's stem for.
            let known = chars.len() >= 2 && (m.known(w) || korean::is_common_word(w));
            let one = chars.len() == 1 && !korean::is_stop_stem(w) && m.index.in_phrasings(w);
            if known || one || korean::is_stop_stem(w) {
                assert!(m.starts.contains(&korean::start_key(&chars)), "{w}");
                taken += 1;
            }
        }
        assert!(taken > 100);
        // Words of one syllable only answers use are not taken.
        let answer_only: Vec<char> = m
            .index
            .own_words()
            .filter(|w| w.chars().count() == 1 && !korean::is_stop_stem(w))
            .filter(|w| m.index.knows(w) && !m.index.in_phrasings(w))
            .flat_map(|w| w.chars())
            .filter(|&c| hangul::is_syllable(c))
            .collect();
        assert!(answer_only.iter().any(|&c| !m.starts.contains(&korean::start_key(&[c]))), "{answer_only:?}");
    }

    #[test]
    fn corrections_skip_only_words_too_long_for_any() {
        let m = matcher();
        let mut words: Vec<String> = Vec::new();
        for w in m.index.own_words().filter(|w| w.chars().all(hangul::is_syllable)) {
            let chars: Vec<char> = w.chars().collect();
            words.push(w.to_string());
            words.push(chars[..chars.len() - 1].iter().collect());
            for tail in ["가", "각", "가나", "가나다", "가나다라마"] {
                words.push(format!("{w}{tail}"));
                words.push(format!("{}{tail}", &chars[..chars.len() - 1].iter().collect::<String>()));
            }
        }
        let mut skipped = 0;
        for w in &words {
            // Everyday words are never corrected (see `korean::COMMON_WORDS`).
            let expected = if korean::is_common_word(w) { None } else { m.index.correct(w) };
            assert_eq!(m.correct(w), expected, "{w}");
            skipped += usize::from(hangul::spelling_len(w) > m.longest_spelling + 1);
        }
        assert!(words.iter().any(|w| m.correct(w).is_some()));
        assert!(skipped > 0);
    }

    #[test]
    fn rewrites_are_reported() {
        let m = matcher();
        let hits = m.search("횐불", 1);
        assert_eq!(hits[0].explanation.rewrites, ["횐불 -> 환불"]);
    }

    #[test]
    fn a_vowel_that_sounds_the_same_is_a_typo() {
        let m = one_entry_matcher("cancel", "해지는 어떻게 신청하나요?", "앱에서 신청하세요.");
        let hits = m.search("헤지하려면 어디서 신청해요", 1);
        assert_eq!(hits[0].explanation.rewrites, ["헤지하려면 -> 해지"]);
    }

    #[test]
    fn a_shift_held_or_missed_on_a_vowel_is_a_typo() {
        let m = matcher_of(
            r#"
[[entries]]
id = "cancel"
question = "정기권 해지는 어떻게 하나요?"
answer = "앱에서 해지하세요."

[[entries]]
id = "buy"
question = "정기권 구매는 어떻게 하나요?"
answer = "앱에서 구매하세요."

[[entries]]
id = "swap"
question = "기기 교체가 되나요?"
answer = "매장에서 교체해 드립니다."
"#,
        );
        // ㅒ for ㅐ and ㅖ for ㅔ are one key, with Shift.
        for (q, rewrite, id) in
            [("정기권 햬지 어떻게 해요?", "햬지 -> 해지", "cancel"), ("기기 교쳬 돼요?", "교쳬 -> 교체", "swap")]
        {
            let hits = m.search(q, 1);
            assert_eq!(hits[0].explanation.rewrites, [rewrite], "{q}");
            assert_eq!(hits[0].entry_id, id, "{q}");
            assert_eq!(m.ask(q).kind(), DecisionKind::Answer, "{q}");
        }
    }

    #[test]
    fn a_lone_verb_names_nothing_to_answer() {
        let m = matcher_of(
            r#"
[[entries]]
id = "unreachable"
question = "전화 연결이 너무 힘들어요"
answer = "점심시간을 피해 다시 걸어 주세요."

[[entries]]
id = "change-date"
question = "예약 날짜를 바꿀 수 있나요?"
answer = "예약 내역에서 날짜를 바꾸세요."
"#,
        );
        // What is felt or done, without what about: at most a suggestion.
        for q in ["너무 힘들어", "힘드네 정말", "뭘 바꿔야 할까"] {
            let d = m.ask(q);
            assert_ne!(d.kind(), DecisionKind::Answer, "{q}: {d:?}");
            assert_eq!(m.search(q, 1)[0].explanation.content_words, 0, "{q}");
        }
        // With what about, it is a question.
        let d = m.ask("전화 연결이 힘들어요");
        assert!(matches!(&d, Decision::Answer(h) if h.entry_id == "unreachable"), "{d:?}");
        // A request of one verb after a sentence that says what about.
        let d = m.ask("예약 날짜를 잘못 골랐어요ㅠㅠ 바꿀 수 있나요??");
        assert!(matches!(&d, Decision::Answer(h) if h.entry_id == "change-date"), "{d:?}");
        // A noun with the copula or a light verb is no verb.
        assert!(!korean::is_verb_form("날짜예요", "날짜"));
        assert!(!korean::is_verb_form("연결됐어요", "연결"));
        assert!(korean::is_verb_form("바꿀", "바꾸"));
    }

    #[test]
    fn a_cost_suffix_is_the_thing_and_its_cost() {
        let m = one_entry_matcher("gas-bill", "가스 요금은 어떻게 확인하나요?", "앱에서 확인하세요.");
        let rewrites = |q: &str| rewrites_of(&m, q);
        assert_eq!(rewrites("이번 달 가스비 얼마 나왔어?"), ["가스비 -> 가스 비용"]);
        assert_eq!(m.search("이번 달 가스비 얼마 나왔어?", 1)[0].entry_id, "gas-bill");
        // Only after a thing of two syllables or more the FAQ knows.
        assert!(rewrites("준비 어떻게 해요").is_empty());
        assert!(rewrites("택시비 나와요").is_empty());
        assert_eq!(rewrites("가스값 비싸요"), ["가스값 -> 가스 비용"]);
    }

    #[test]
    fn a_noun_cut_like_a_verb_is_read_as_the_faq_writes_it() {
        let m = one_entry_matcher("wifi", "와이파이 비밀번호를 알려 주세요", "공유기 뒷면에 있습니다.");
        let rewrites = |q: &str| rewrites_of(&m, q);
        // 와이파이예요 alone would be 와이파 and the copula: the analysis
        // keeps the FAQ's noun whole, with nothing left to rewrite.
        assert_eq!(m.analyze("비밀번호 와이파이예요").content_stems().collect::<Vec<_>>(), ["비밀번호", "와이파이"]);
        assert!(rewrites("비밀번호 와이파이예요").is_empty());
        assert_eq!(m.search("비밀번호 와이파이예요", 1)[0].entry_id, "wifi");
    }

    #[test]
    fn a_word_split_keeps_each_known_stem_whole() {
        let m = matcher_of(
            r#"
[[entries]]
id = "cancel"
question = "인터넷 해지는 어떻게 하나요?"
answer = "앱에서 신청하세요."

[[entries]]
id = "move"
question = "인터넷 이전 설치는 어떻게 하나요?"
answer = "앱에서 신청하세요."
"#,
        );
        // 인터넷이 and 인터넷해 stem to 인터넷 too, but take the syllable
        // 이전 and 해지 start with; a particle still stays with its word.
        for (q, rewrite) in [
            ("인터넷이전 신청", "인터넷이전 -> 인터넷 이전"),
            ("인터넷해지 신청", "인터넷해지 -> 인터넷 해지"),
            ("인터넷해지는어떻게", "인터넷해지는어떻게 -> 인터넷 해지 어떻게"),
        ] {
            assert_eq!(m.search(q, 1)[0].explanation.rewrites, [rewrite], "{q}");
        }
        // An ending after a known word inside the stem is no piece: 전자고지서
        // is 전자 + 고지서, not 전자고지 + 서.
        let m = matcher_of(
            r#"
[[entries]]
id = "ebill"
question = "전자고지 신청 방법을 알려주세요"
answer = "앱에서 신청하세요."

[[entries]]
id = "bill"
question = "고지서를 다시 받을 수 있나요?"
answer = "네."
"#,
        );
        let rewrites = m.rewrite(&m.analyzer.analyze("전자고지서신청 어디서 해요")).rewrites;
        assert_eq!(rewrites, ["전자고지서신청 -> 전자 고지서 신청"]);
        // A stem of two syllables is not cut by a known word that runs on
        // into its particle: 분양도 is 분양 + 도, not 분 + 양도.
        let m = one_entry_matcher("transfer", "명의 양도는 어떻게 하나요?", "서류를 내 주세요.");
        assert_eq!(m.rewrite(&m.analyzer.analyze("강아지 분양도 하나요")).rewrites, Vec::<String>::new());
    }

    #[test]
    fn unknown_words_are_not_split_into_single_syllables() {
        let m = matcher_of(
            r#"
[[entries]]
id = "room"
question = "방 예약은 어디서 해요?"
answer = "앱에서 예약하세요."

[[entries]]
id = "visit"
question = "매장에 가 보려면 어떻게 해요?"
answer = "지도에서 찾아보세요."
"#,
        );
        assert_splits(&m, &[("가방은 어디서 사요", false), ("방예약은 어디서 해요", true)]);
        // Nor into three of them, each a word of some phrasing (술미관 is
        // not 술 + 미 + 관).
        let m = matcher_of(
            r#"
[[entries]]
id = "drinks"
question = "술 마셔도 돼요?"
answer = "안 됩니다."

[[entries]]
id = "rooms"
question = "관 예약은 어디서 해요?"
answer = "앱에서 예약하세요."

[[entries]]
id = "rice"
question = "미 포장도 돼요?"
answer = "네."
"#,
        );
        assert_splits(&m, &[("술미관 예약은 어디서 해요", false), ("관예약은 어디서 해요", true)]);
    }

    #[test]
    fn a_word_a_misplaced_space_cut_is_joined_again() {
        let m = matcher_of(
            r#"
[[entries]]
id = "refund"
question = "환불은 언제 되나요?"
answer = "3일 안에 됩니다."

[[entries]]
id = "number"
question = "고객센터 전화번호 알려 주세요"
answer = "1588-0000입니다."

[[entries]]
id = "hours"
question = "몇 시까지 상담해요?"
answer = "18시까지입니다."

[[entries]]
id = "move"
question = "이사 가면 주소 변경은 어떻게 해요?"
answer = "앱에서 바꾸세요."
"#,
        );
        for (q, rewrite, id) in [
            ("환 불언제돼요", "환 불언제돼요 -> 환불 언제", "refund"),
            ("고객센터전 화번호", "고객센터전 화번호 -> 고객센터 전화번호", "number"),
            ("언제 환불되나요 환 불", "환 불 -> 환불", "refund"),
        ] {
            let hits = m.search(q, 1);
            assert!(hits[0].explanation.rewrites.iter().any(|r| r == rewrite), "{q}: {hits:?}");
            assert_eq!(hits[0].entry_id, id, "{q}");
        }
        // Words rightly spaced stay apart, known or not: 몇 is a word,
        // and 가방이 사라졌는데 is not 가방 이사 라지.
        assert_splits(&m, &[("몇 시에 상담해요", false), ("가방이 사라졌는데", false)]);
    }

    #[test]
    fn the_topic_outweighs_a_rare_intent_cue() {
        let m = matcher_of(
            r#"
[[entries]]
id = "buy"
question = "물건 구매는 어디서 하나요?"
answer = "앱에서 하세요."

[[entries]]
id = "coupon"
question = "쿠폰은 어떻게 사용하나요?"
alternates = ["쿠폰 등록 방법", "할인 쿠폰이 적용되지 않아요"]
answer = "결제 화면에서 쿠폰을 고르세요."

[[entries]]
id = "coupon-expiry"
question = "쿠폰 유효기간은 얼마나 되나요?"
answer = "발급일부터 30일입니다."

[[entries]]
id = "gift"
question = "상품을 친구에게 선물할 수 있나요?"
answer = "선물하기 메뉴를 쓰세요."

[[entries]]
id = "points"
question = "적립금은 언제 쌓이나요?"
answer = "구매 확정 뒤에 쌓입니다."

[[entries]]
id = "return"
question = "반품은 어떻게 신청하나요?"
answer = "주문 내역에서 신청하세요."
"#,
        );
        // 어디 is rare in this FAQ, 쿠폰 common: still a coupon question.
        let hits = m.search("쿠폰 어디다 넣어?", 2);
        assert!(hits[0].entry_id.starts_with("coupon"), "{hits:?}");
    }

    #[test]
    fn a_marked_noun_is_what_the_question_is_about() {
        let m = matcher_of(
            r#"
[[entries]]
id = "receipt"
question = "영수증을 다시 받을 수 있나요?"
answer = "앱에서 다시 받으세요."

[[entries]]
id = "card"
question = "카드 재발급은 어떻게 하나요?"
answer = "지점에서 하세요."

[[entries]]
id = "hours"
question = "상담 시간은 언제예요?"
answer = "9시부터 6시까지입니다."
"#,
        );
        let hits = m.search("카드를 잃어버렸는데 다시 받을 수 있나요?", 2);
        assert_eq!(hits[0].entry_id, "card", "{hits:?}");
    }

    #[test]
    fn a_question_about_a_topic_the_faq_lacks_is_not_answered_for_a_shared_part() {
        let m = matcher_of(
            r#"
[[entries]]
id = "number"
question = "콜센터 번호 확인하는 방법이 궁금해요"
answer = "홈페이지 하단에 있습니다."

[[entries]]
id = "hours"
question = "상담 시간은 언제예요?"
answer = "9시부터 6시까지입니다."
"#,
        );
        // Delivery tracking is no topic of this FAQ: 조회 (check) inside
        // 배송조회 is not enough to answer with the number entry.
        for q in ["배송조회어떻게해요", "배송조회 어떻게 해요"] {
            assert!(!matches!(m.ask(q), Decision::Answer(_)), "{q}: {:?}", m.ask(q));
        }
        assert!(matches!(m.ask("콜센터 번호 확인 어떻게 해요"), Decision::Answer(_)));
    }

    /// Asserts, per question, whether the rewriter split or changed a word.
    fn assert_splits(m: &Matcher, cases: &[(&str, bool)]) {
        for &(q, split) in cases {
            let hits = m.search(q, 1);
            let rewrites = hits.first().map(|h| h.explanation.rewrites.clone()).unwrap_or_default();
            assert_eq!(!rewrites.is_empty(), split, "{q}: {rewrites:?}");
        }
    }

    #[test]
    fn a_chat_sentence_may_end_in_a_verbs_noun_form() {
        let m = matcher_of(
            r#"
[[entries]]
id = "coupon"
question = "쿠폰이 사라졌어요"
answer = "유효기간을 확인해 주세요."

[[entries]]
id = "points"
question = "포인트는 언제 들어오나요?"
answer = "구매 확정 다음 날 들어옵니다."

[[entries]]
id = "deposit"
question = "입금 확인은 어디서 하나요?"
answer = "앱의 입출금 내역에서 확인하세요."

[[entries]]
id = "gate"
question = "입구는 어디인가요?"
answer = "정문 옆입니다."
"#,
        );
        // 음슴체: the noun form ends the sentence, before a mark or not.
        assert_eq!(rewrites_of(&m, "쿠폰 사라짐"), ["사라짐 -> 사라지"]);
        assert_eq!(rewrites_of(&m, "포인트 아직 안 들어옴?? 언제 줘요"), ["들어옴 -> 들어오"]);
        assert_eq!(m.search("쿠폰 사라짐", 1)[0].entry_id, "coupon");
        // ...with its auxiliary (가버림: 가 + 버리), for a verb of everyday
        // Korean the FAQ need not say.
        assert_eq!(rewrites_of(&m, "기사님이 그냥 가버림"), ["가버림 -> 가"]);
        // Elsewhere a word in ㅁ is a typo or a noun: 입굼 is no 입구.
        assert!(rewrites_of(&m, "입굼 확인 어디서 해요").iter().all(|r| !r.contains("입구")));
        // -렴 bids, it is no noun form.
        assert!(rewrites_of(&m, "쿠폰 꼭 쓰렴").iter().all(|r| !r.starts_with("쓰렴")));
    }

    #[test]
    fn everyday_words_are_not_typos_of_the_faq_words() {
        let m = matcher_of(
            r#"
[[entries]]
id = "fee"
question = "요금은 언제 나가요?"
answer = "매달 25일에 출금됩니다."

[[entries]]
id = "mail"
question = "메일로 상담 받을 수 있나요?"
answer = "문의 메일을 보내 주세요."

[[entries]]
id = "checkup"
question = "검사 결과는 언제 나와요?"
answer = "검사 후 3일 뒤에 나옵니다."

[[entries]]
id = "breakfast"
question = "조식은 몇 시까지 먹을 수 있나요?"
answer = "조식은 10시까지 제공됩니다."

[[entries]]
id = "closed"
question = "휴진하는 날이 있나요?"
answer = "일요일은 휴진합니다."

[[entries]]
id = "ipin"
question = "아이핀으로 본인 인증을 할 수 있나요?"
answer = "아이핀 인증을 지원합니다."
"#,
        );
        // 요즘 / 요금, 어제 / 언제, 매일 / 메일, 상당 / 상담, 감사 / 검사
        // are one jamo apart; 자동차 is not 자동 + 차.
        // Nor are 주식 / 조식, 후진 / 휴진, 아이폰 / 아이핀, 아까워 / 아삽,
        // 제곱 / 제공.
        for q in [
            "요즘 인터넷이 느려요",
            "어제 주문했어요",
            "매일 와요",
            "상당히 늦네요",
            "자동차 보험",
            "감사합니다!",
            "주식 시장",
            "후진 주차",
            "아이폰 배터리",
            "너무 아까워요",
            "2의 10제곱이 얼마야?",
        ] {
            let hits = m.search(q, 3);
            assert!(hits.iter().all(|h| h.explanation.rewrites.is_empty()), "{q}: {hits:?}");
        }
        // A misspelling of a FAQ word is still corrected.
        let hits = m.search("요굼 언제 나가요", 1);
        assert_eq!(hits[0].explanation.rewrites, ["요굼 -> 요금"]);
        // An everyday word is a piece of a word written without spaces
        // (전기요금 is 전기 + 요금, not 전 + 기 + 요금).
        let hits = m.search("전기요금 언제 나가요", 1);
        assert_eq!(hits[0].explanation.rewrites, ["전기요금 -> 전기 요금"]);
        // ...but not into an everyday word and a rest nobody knows when the
        // FAQ says no piece of it (충전기 is not 충 + 전기).
        let rewrites = |q: &str| rewrites_of(&m, q);
        assert_eq!(rewrites("충전기 놓고 왔어요"), Vec::<String>::new());
        // Nor into a known word between two unknown runs, one of a single
        // syllable (운전면허 is not 운 + 전면 + 허).
        let owner = one_entry_matcher("owner", "명의변경은 어떻게 하나요?", "신분증을 지참해 방문하세요.");
        assert_eq!(rewrites_of(&owner, "운전면허 갱신은 어떻게 해요?"), Vec::<String>::new());
        // ...which a sentence written without spaces has between its words.
        let price =
            one_entry_matcher("final-price", "최종 결제 금액은 언제 확정되나요?", "수거 후 검수하고 확정됩니다.");
        let split = rewrites_of(&price, "결제금액이예상보다많이나왔어요왜그래요");
        assert!(split.len() == 1 && split[0].contains("-> 결제금액 "), "{split:?}");
        // Nor is an app everybody uses cut where its end is a known word
        // (유튜브 is not 유 + 튜브).
        let tube = one_entry_matcher("tube", "튜브 대여는 얼마예요?", "튜브는 하루 5천 원입니다.");
        let cut = rewrites_of(&tube, "유튜브 영상이 자꾸 끊겨요");
        assert!(cut.iter().all(|r| !r.starts_with("유튜브")), "{cut:?}");
        assert_eq!(rewrites("여름휴가 요금"), ["여름휴가 -> 여름 휴가"]);
        // What is left of such a word is its particle, not a word of its own.
        let hits = m.search("전기요금을 언제 내요", 1);
        assert_eq!(hits[0].explanation.rewrites, ["전기요금을 -> 전기 요금"]);
        // ...but an ending inside the word's stem is part of a word the FAQ
        // does not know: 페이지 is not 페이 (pay) + 지.
        let hits = m.search("메일 페이지 어디 있어요", 1);
        assert!(hits[0].explanation.rewrites.is_empty(), "{hits:?}");
        // Nor does the scorer match them by their spelling: 공고 (a notice)
        // is not 광고 (an advertisement) of an answer.
        let m =
            one_entry_matcher("plans", "요금제에는 어떤 것이 있나요?", "모든 요금제에서 광고 없이 보실 수 있습니다.");
        let hits = m.search("요금제 공고 어디서 봐요", 1);
        assert!(hits[0].explanation.features.iter().all(|f| !f.feature.contains("공고")), "{hits:?}");
        // Words of feelings, people and days are what the user wrote:
        // 신기하다 is no 신고, 좋아하는 no 조항, 고백 no 고객, 재회 no 조회.
        let m = matcher_of(
            r#"
[[entries]]
id = "report"
question = "비매너 유저는 어떻게 신고하나요?"
answer = "프로필에서 신고 버튼을 누르세요."

[[entries]]
id = "terms"
question = "약관 조항은 어디서 보나요?"
answer = "설정의 약관에서 볼 수 있습니다."

[[entries]]
id = "center"
question = "고객센터 전화번호가 뭐예요?"
answer = "1588-0000입니다."

[[entries]]
id = "lookup"
question = "주문 조회는 어디서 하나요?"
answer = "마이페이지에서 조회하세요."
"#,
        );
        for q in ["와 이거 신기하네요", "좋아하는 사람한테 고백하고 싶어", "재회하고 싶어"]
        {
            let hits = m.search(q, 3);
            assert!(hits.iter().all(|h| h.explanation.rewrites.is_empty()), "{q}: {hits:?}");
            assert_ne!(m.ask(q).kind(), DecisionKind::Answer, "{q}");
        }
        // Nor are pronouns, numbers, places and words of written Korean
        // (당신 is no 답신, 권합니다 no 권한, 오십 no 이십, 강릉 no 강등), light
        // words (경우 is no 경유), nor a verb that must be done (사야될까요:
        // 사다, not 사양).
        let m = matcher_of(
            r#"
[[entries]]
id = "reply"
question = "답신은 언제 오나요?"
answer = "영업일 기준 하루 안에 보내 드립니다."

[[entries]]
id = "admin"
question = "관리자 권한은 어떻게 받나요?"
answer = "관리자에게 요청하세요."

[[entries]]
id = "discount"
question = "이십 퍼센트 할인은 언제까지예요?"
answer = "이번 달 말까지입니다."

[[entries]]
id = "diesel"
question = "경유 차량도 할인되나요?"
answer = "경유 차량도 같은 할인을 받습니다."

[[entries]]
id = "grade"
question = "등급 강등 기준이 뭐예요?"
answer = "석 달 동안 이용이 없으면 한 등급 내려갑니다."

[[entries]]
id = "syrup"
question = "시럽은 따로 받을 수 있나요?"
answer = "주문할 때 요청하세요."

[[entries]]
id = "hair"
question = "헤어 드라이어를 빌릴 수 있나요?"
answer = "프런트에서 빌려 드립니다."
"#,
        );
        for q in [
            "당신이 추천하는 건 뭐예요?",
            "이 방법을 권합니다",
            "오십 퍼센트 할인도 있어요?",
            "할인권은 꼭 사야될까요?",
            "이런 경우에는 할인 안 되나요?",
            "강릉 지점도 있나요?",
        ] {
            assert_eq!(rewrites_of(&m, q), Vec::<String>::new(), "{q}");
        }
        // An everyday word with its particle is the word (딸도 is no 따로),
        // and an adjective in -스럽다 its noun (부담스러워요 is no 부담 + 시럽).
        assert_eq!(rewrites_of(&m, "딸도 할인되나요?"), ["딸도 -> 딸"]);
        assert_eq!(rewrites_of(&m, "가격이 좀 부담스러워요"), ["부담스러워요 -> 부담"]);
        // So is an everyday verb whose modifier's ㄴ went into its last
        // syllable (헤어진: 헤어지다, not 헤어 + 진).
        assert_eq!(rewrites_of(&m, "헤어진 사람한테 연락해도 될까"), ["헤어진 -> 헤어지"]);
        // A word in -적 is its noun (정상적으로: 정상).
        let normal = one_entry_matcher("normal", "결제가 정상 처리됐는지 어디서 봐요?", "주문 내역에서 확인하세요.");
        assert_eq!(rewrites_of(&normal, "정상적으로 결제됐나요?"), ["정상적으로 -> 정상"]);
    }

    #[test]
    fn a_sure_best_entry_needs_a_smaller_lead() {
        // Thresholds the figures below are worked out for.
        let cfg = MatcherConfig { answer_threshold: 0.45, min_margin: 0.11, ..MatcherConfig::default() };
        for (confidence, margin, kind) in [
            (0.5, 0.12, DecisionKind::Answer),
            (0.5, 0.07, DecisionKind::Suggest),
            (0.7, 0.07, DecisionKind::Answer),
            (0.7, 0.04, DecisionKind::Suggest),
            // From 0.8 on, the surer, the smaller the lead: 60% of the
            // margin up to 0.8, 24% of it at 0.92.
            (0.65, 0.055, DecisionKind::Suggest),
            (0.78, 0.055, DecisionKind::Suggest),
            (0.92, 0.03, DecisionKind::Answer),
            (0.92, 0.02, DecisionKind::Suggest),
            (0.4, 0.3, DecisionKind::Suggest),
            // An entry saying all the question says, and only it.
            (1.0, 0.02, DecisionKind::Answer),
            (1.0, 0.0, DecisionKind::Suggest),
        ] {
            assert_eq!(cfg.decide(vec![decided_hit(confidence, margin, 3)]).kind(), kind, "{confidence} {margin}");
        }
        // One word that several entries say needs the whole margin however sure.
        assert_eq!(cfg.decide(vec![decided_hit(0.92, 0.07, 1)]).kind(), DecisionKind::Suggest);
        assert_eq!(cfg.decide(vec![decided_hit(0.92, 0.11, 1)]).kind(), DecisionKind::Answer);
    }

    #[test]
    fn a_best_entry_that_covers_the_runner_up_needs_less_of_the_margin() {
        let cfg = MatcherConfig::default();
        let hit = |confidence: f32, margin: f32, covers: bool| {
            let mut h = decided_hit(confidence, margin, 4);
            h.explanation.covers_runner_up = covers;
            cfg.decide(vec![h]).kind()
        };
        // 45% of the margin: 0.0495 of 0.11.
        assert_eq!(hit(0.5, 0.05, true), DecisionKind::Answer);
        assert_eq!(hit(0.5, 0.05, false), DecisionKind::Suggest);
        assert_eq!(hit(0.5, 0.04, true), DecisionKind::Suggest);
        // The threshold still holds.
        assert_eq!(hit(0.44, 0.3, true), DecisionKind::Suggest);

        let m = matcher_of(
            r#"
[[entries]]
id = "refund-apply"
question = "환불 신청은 어떻게 하나요?"
answer = "마이페이지에서 신청합니다."
[[entries]]
id = "refund-policy"
question = "환불 규정이 궁금해요"
answer = "7일 안에 환불됩니다."
[[entries]]
id = "exchange"
question = "교환 신청은 어디서 하나요?"
answer = "고객센터에서 접수합니다."
"#,
        );
        let covers = |q: &str| {
            let hits = m.search(q, 3);
            (hits[0].entry_id.clone(), hits[0].explanation.covers_runner_up)
        };
        // The runner-up says 환불 only; the best says it and 신청 too.
        assert_eq!(covers("환불 신청 방법"), ("refund-apply".to_string(), true));
        // The runner-up says 규정, which the best does not: two readings.
        assert_eq!(covers("환불 신청 어떻게 해요 규정도"), ("refund-apply".to_string(), false));
        // Only the best hit carries it.
        assert!(m.search("환불 신청 방법", 3)[1..].iter().all(|h| !h.explanation.covers_runner_up));
        // The ask path decides as `decide` on the same hits.
        for q in ["환불 신청 방법", "환불 신청 어떻게 해요 규정도", "환불"] {
            assert_eq!(m.ask(q).kind(), m.config().decide(m.search(q, 3)).kind(), "{q}");
        }
    }

    #[test]
    fn a_long_question_far_ahead_is_answered_at_a_lower_confidence() {
        // Thresholds the figures below are worked out for.
        let cfg = MatcherConfig { answer_threshold: 0.45, min_margin: 0.11, ..MatcherConfig::default() };
        for (confidence, margin, words, kind) in [
            // Six words or more, 80% of the threshold, 1.5 margins ahead.
            (0.37, 0.17, 6, DecisionKind::Answer),
            (0.37, 0.17, 12, DecisionKind::Answer),
            // Fewer words: a short question's bar.
            (0.37, 0.17, 5, DecisionKind::Suggest),
            // Not far enough ahead, or too unsure.
            (0.37, 0.16, 8, DecisionKind::Suggest),
            (0.44, 0.16, 8, DecisionKind::Suggest),
            (0.34, 0.30, 8, DecisionKind::Suggest),
            (0.25, 0.20, 8, DecisionKind::Escalate),
            // Ten words or more, 65% of the threshold, 60% of the margin ahead.
            (0.30, 0.07, 10, DecisionKind::Answer),
            (0.30, 0.07, 9, DecisionKind::Suggest),
            (0.30, 0.06, 10, DecisionKind::Suggest),
            (0.29, 0.30, 12, DecisionKind::Escalate),
            // Above the threshold the usual margin holds.
            (0.5, 0.11, 8, DecisionKind::Answer),
        ] {
            let decided = cfg.decide(vec![decided_hit(confidence, margin, words)]).kind();
            assert_eq!(decided, kind, "{confidence} {margin} {words}");
        }
        // The thresholds move the long questions' bar too.
        let strict = MatcherConfig { answer_threshold: 0.6, min_margin: 0.2, ..MatcherConfig::default() };
        assert_eq!(strict.decide(vec![decided_hit(0.45, 0.25, 8)]).kind(), DecisionKind::Suggest);
        assert_eq!(strict.decide(vec![decided_hit(0.49, 0.31, 8)]).kind(), DecisionKind::Answer);
    }

    #[test]
    fn a_best_entry_matching_one_word_of_several_needs_a_higher_bar() {
        let cfg = MatcherConfig { answer_threshold: 0.45, min_margin: 0.11, ..MatcherConfig::default() };
        let one_word = |confidence: f32, margin: f32, words: usize| {
            let mut hit = decided_hit(confidence, margin, words);
            hit.explanation.content_words = 1;
            cfg.decide(vec![hit]).kind()
        };
        // The threshold and 0.04.
        assert_eq!(one_word(0.47, 0.2, 3), DecisionKind::Suggest);
        assert_eq!(one_word(0.49, 0.2, 3), DecisionKind::Answer);
        assert_eq!(cfg.decide(vec![decided_hit(0.47, 0.2, 3)]).kind(), DecisionKind::Answer);
        // A question of that one word: the usual bar.
        assert_eq!(one_word(0.47, 0.2, 1), DecisionKind::Answer);
        // No long question's bar.
        assert_eq!(one_word(0.37, 0.3, 8), DecisionKind::Suggest);
        assert_eq!(one_word(0.31, 0.3, 12), DecisionKind::Suggest);
        assert_eq!(cfg.decide(vec![decided_hit(0.37, 0.3, 8)]).kind(), DecisionKind::Answer);
    }

    /// A hit with only what the decision reads.
    fn decided_hit(confidence: f32, margin: f32, question_words: usize) -> Hit {
        Hit {
            entry_id: "a".into(),
            question: String::new(),
            matched: String::new(),
            confidence,
            explanation: Explanation {
                score: 0.0,
                query_coverage: 0.0,
                phrasing_coverage: 0.0,
                similarity: 0.0,
                margin,
                question_words,
                content_words: question_words,
                covers_runner_up: false,
                other_company: None,
                features: Vec::new(),
                rewrites: Vec::new(),
                request: None,
            },
        }
    }

    #[test]
    fn the_request_alone_may_answer_a_question_of_several_sentences() {
        let cfg = MatcherConfig { answer_threshold: 0.45, min_margin: 0.11, ..MatcherConfig::default() };
        let request = |confidence: f32, margin: f32, content_words: usize| RequestMatch {
            confidence,
            margin,
            question_words: 2,
            content_words,
            covers_runner_up: false,
        };
        let with_request = |r: Option<RequestMatch>| {
            let mut h = decided_hit(0.40, 0.05, 5);
            h.explanation.request = r;
            cfg.decide(vec![h]).kind()
        };
        assert_eq!(with_request(None), DecisionKind::Suggest);
        // The request alone clears the bar: answered.
        assert_eq!(with_request(Some(request(0.8, 0.3, 2))), DecisionKind::Answer);
        // The request alone is under the bar, or matches no word of content.
        assert_eq!(with_request(Some(request(0.44, 0.3, 2))), DecisionKind::Suggest);
        assert_eq!(with_request(Some(request(0.8, 0.05, 2))), DecisionKind::Suggest);
        assert_eq!(with_request(Some(request(0.8, 0.3, 0))), DecisionKind::Suggest);
        // A company the FAQ never names, in a short question, holds it back still.
        let mut h = decided_hit(0.40, 0.05, 5);
        h.explanation.request = Some(request(0.8, 0.3, 2));
        h.explanation.other_company = Some("카카오뱅크".into());
        assert_eq!(cfg.decide(vec![h]).kind(), DecisionKind::Suggest);
    }

    #[test]
    fn the_request_is_the_last_sentence_that_asks() {
        for (text, request) in [
            ("필터 언제 갈아야 돼요? 기억이 안 나요ㅋㅋ", Some(0)),
            ("주차 되나요?? 자리가 없었어요ㅠㅠ", Some(0)),
            // A question mark asks as a question word does.
            ("가입 가능한가요? 나이 제한 있어요?", Some(1)),
            ("이사를 가요. 인터넷 옮기는 비용 얼마예요", Some(1)),
            ("배송 언제 와요", None),
        ] {
            let a = Analyzer::default().analyze(text);
            let parts: Vec<usize> = a.tokens.iter().map(|t| t.sentence).collect();
            assert_eq!(request_part(&a.tokens, &parts), request, "{text}");
        }
    }

    #[test]
    fn a_question_of_several_sentences_is_answered_for_its_request() {
        let m = matcher_of(
            r#"
[[entries]]
id = "vaccine-cost"
question = "예방접종 비용은 얼마인가요?"
answer = "종합백신은 3만 원입니다."

[[entries]]
id = "hours"
question = "진료 시간은 언제인가요?"
answer = "평일 9시부터 6시까지 진료합니다."

[[entries]]
id = "parking"
question = "병원에 주차할 수 있나요?"
answer = "건물 지하 주차장을 2시간 무료로 이용하실 수 있습니다."

[[entries]]
id = "booking-check"
question = "예약 내역은 어디서 확인하나요?"
answer = "앱의 예약 메뉴에서 확인하실 수 있습니다."
"#,
        );
        // A request that names nothing (어디서 고치면 되나요?) leans on the
        // sentences before it: the entry that says 어디서 says nothing of
        // the mail the question is about.
        let q = "이사를 가서 우편물 받을 곳이 달라졌어요. 어디서 고치면 되나요?";
        let hits = m.search(q, 1);
        assert_eq!(hits[0].explanation.request, None, "{hits:?}");
        assert!(!matches!(m.ask(q), Decision::Answer(_)));
        // An afterthought after the request: its words are no phrasing's,
        // and the entry asked for is under the bar for the whole question.
        let q = "접종 얼마예요?? 병원마다 진료비가 다 달라서 걱정이에요ㅋㅋ";
        let hits = m.search(q, 3);
        assert_eq!(hits[0].entry_id, "vaccine-cost");
        let mut whole = hits.clone();
        whole[0].explanation.request = None;
        assert_eq!(m.config().decide(whole).kind(), DecisionKind::Suggest, "{hits:?}");
        // For its request alone, it is the answer.
        let alone = &m.search("접종 얼마예요??", 1)[0];
        let request = hits[0].explanation.request.expect("a request");
        assert!((request.confidence - alone.confidence).abs() < 1e-6, "{request:?} {alone:?}");
        assert!(matches!(m.ask(q), Decision::Answer(h) if h.entry_id == "vaccine-cost"));
        // A chat emoticon ends the request as a question mark does.
        let q = "접종 얼마예요ㅠㅠ 병원마다 진료비가 다 달라서 걱정이에요";
        assert!(matches!(m.ask(q), Decision::Answer(h) if h.entry_id == "vaccine-cost"));
        // Without a question word, the request is the last sentence that
        // ends with a question mark...
        let q = "주차 되나요?? 지난번에 진료 끝나고 자리 없어서 헤맸어요ㅠㅠ";
        assert_eq!(m.search(q, 1)[0].entry_id, "parking");
        assert!(m.search(q, 1)[0].explanation.request.is_some());
        // ...or, without one, the last sentence: here the best entry for it
        // is another.
        let q = "주차 돼요. 지난번에 진료 끝나고 자리 없어서 헤맸어요ㅠㅠ";
        assert_eq!(m.search(q, 1)[0].entry_id, "parking");
        assert_eq!(m.search("지난번에 진료 끝나고 자리 없어서 헤맸어요ㅠㅠ", 1)[0].entry_id, "hours");
        assert_eq!(m.search(q, 1)[0].explanation.request, None);
        // A question of one sentence has no request apart, nor the other hits.
        assert_eq!(m.search("접종 얼마예요?", 1)[0].explanation.request, None);
        assert!(hits[1..].iter().all(|h| h.explanation.request.is_none()));
    }

    #[test]
    fn bad_thresholds_are_refused() {
        let cfg = MatcherConfig { answer_threshold: 0.3, suggest_threshold: 0.5, ..MatcherConfig::default() };
        assert!(cfg.validate().is_err());
        let m = matcher();
        assert!(m.with_thresholds(cfg).is_err());
    }

    /// Each phrasing of the test FAQ's entries, and the answers.
    fn indexed(m: &Matcher) -> Vec<(u32, &[Doc], &Features)> {
        (0..m.faq.entries.len() as u32).map(|e| (e, m.index.docs_of(e), m.index.answer_of(e))).collect()
    }

    #[test]
    fn entry_evidence_is_the_best_match_anywhere_in_the_entry() {
        let m = matcher();
        for question in ["환불 어떻게 해요", "배숑 조회", "반품 배송비 얼마", "상담 몇시까지", "주차장 어디"]
        {
            let query = m.rewrite(&m.analyzer.analyze(question));
            for (_, docs, answer) in indexed(&m) {
                for u in &query.features.units {
                    let in_answer = trusted(u, unit_match(u, answer)).map_or(0.0, |m| m.0 * ANSWER_EVIDENCE);
                    let in_siblings = docs
                        .iter()
                        .filter_map(|d| trusted(u, unit_match(u, &d.features)))
                        .map(|m| m.0)
                        .fold(0.0, f32::max);
                    let expected = in_answer.max(in_siblings * SIBLING_EVIDENCE);
                    assert_eq!(entry_evidence(&Probe::new(u), docs, answer), expected, "{question}: {}", u.text);
                }
            }
        }
    }

    #[test]
    fn compact_similarity_is_rapidfuzz_levenshtein() {
        let long: String = (0..80).map(|i| char::from_u32(0xAC00 + i * 7).unwrap()).collect();
        let texts = [
            "",
            "환불",
            "환불신청방법",
            "배송조회어디서",
            "eSIM개통",
            "조회배송",
            "ㅋㅋ환불",
            "환",
            "aaaa",
            "abab",
            &long[..64 * 3],
            &long[..63 * 3],
            &long,
            "불환신청",
            "환불환불환불",
        ];
        for a in texts {
            let compact = Compact::new(a, a.chars().count());
            let plain = levenshtein::BatchComparator::new(a.chars());
            for b in texts {
                let expected = plain.normalized_similarity(b.chars());
                assert_eq!(compact.similarity(b, b.chars().count()), expected, "{a} / {b}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn compact_similarity_is_rapidfuzz_levenshtein_on_any_text(a in "[가나다라마a-c]{0,70}", b in "[가나다라마a-c]{0,70}") {
            let compact = Compact::new(&a, a.chars().count());
            let expected = levenshtein::BatchComparator::new(a.chars()).normalized_similarity(b.chars());
            proptest::prop_assert_eq!(compact.similarity(&b, b.chars().count()), expected);
        }
    }

    #[test]
    fn counted_chars_are_the_text_chars_with_their_number() {
        for text in ["", "환불", "배송조회abc", "eSIM개통"] {
            let n = text.chars().count();
            assert_eq!(Counted::new(text, n).count(), n);
            assert_eq!(Counted::new(text, n).collect::<String>(), text);
            assert_eq!(Counted::new(text, n).rev().collect::<String>(), text.chars().rev().collect::<String>());
            let mut both = Counted::new(text, n);
            both.next();
            both.next_back();
            assert_eq!(both.len(), n.saturating_sub(2));
            assert_eq!(both.clone().count(), both.collect::<Vec<_>>().len());
            let compact = levenshtein::BatchComparator::new("배송 조회".chars());
            assert_eq!(
                compact.normalized_similarity(Counted::new(text, n)),
                compact.normalized_similarity(text.chars())
            );
        }
    }

    #[test]
    fn the_coverage_memo_answers_as_unit_match() {
        let m = matcher();
        for question in ["환불 어떻게 해요", "반품배송비 누가 내요", "배숑 조회", "상담 몇시까지 해요"]
        {
            let query = m.rewrite(&m.analyzer.analyze(question));
            let mut memo = CoverageMemo::with_capacity(4);
            // Twice over every phrasing: the second time from the memo.
            for _ in 0..2 {
                for (_, docs, _) in indexed(&m) {
                    for v in docs.iter().flat_map(|d| &d.features.units) {
                        let expected = unit_match(v, &query.features).map_or(0.0, |m| m.0);
                        assert_eq!(memo.value(v, &query.features), expected, "{question}: {}", v.text);
                    }
                }
            }
            assert!(!memo.values.is_empty());
        }
    }

    #[test]
    fn no_text_is_more_similar_than_its_length_allows() {
        let texts = ["", "환불", "환불방법", "배송조회어디서해요", "반품배송비누가내요", "abc", "배송", "조회배송"];
        for a in texts {
            let compact = levenshtein::BatchComparator::new(a.chars());
            for b in texts {
                let similarity = compact.normalized_similarity(b.chars()) as f32;
                let most = most_similar(a.chars().count(), b.chars().count());
                assert!(similarity <= most, "{a} / {b}: {similarity} > {most}");
                // A text that starts the other reaches the bound.
                if b.starts_with(a) {
                    assert_eq!(similarity, most, "{a} / {b}");
                }
            }
        }
    }

    #[test]
    fn asking_decides_as_the_thresholds_decide_on_the_ranked_hits() {
        for config in [
            MatcherConfig::default(),
            MatcherConfig { answer_threshold: 0.9, suggest_threshold: 0.2, min_margin: 0.3, max_suggestions: 2 },
            MatcherConfig { answer_threshold: 0.99, suggest_threshold: 0.99, min_margin: 0.5, max_suggestions: 5 },
        ] {
            let m = matcher().with_thresholds(config).unwrap();
            for q in [
                "환불 어떻게 해요",
                "반품",
                "배송",
                "상담 몇시까지",
                "주차장은 어디에 있나요",
                "ㅋㅋ",
                "반품배송비누가내요",
            ] {
                let ranked = m.search(q, config.max_suggestions.max(3));
                assert_eq!(m.ask(q), config.decide(ranked), "{q}");
            }
        }
    }

    #[test]
    fn matcher_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }

    #[test]
    fn a_large_index_answers_with_its_candidates_read_ahead() {
        // Past PREFETCH_FROM_DOCS phrasings the scorer reads its candidates
        // ahead of scoring them.
        let products = ["노트북", "냉장고", "세탁기", "청소기", "모니터"];
        let topics = [("환불", "환불 신청"), ("배송", "배송 조회"), ("교환", "교환 접수"), ("수리", "수리 예약")];
        let mut toml = String::new();
        for i in 0..PREFETCH_FROM_DOCS {
            let (topic, act) = topics[i % 4];
            let product = products[(i / 4) % 5];
            toml.push_str(&format!(
                "[[entries]]\nid = \"e{i}\"\nquestion = \"{product} {act} {i}호\"\nalternates = [\"{product}{topic} 문의 {i}\"]\nanswer = \"{product} {topic} 안내 {i}\"\n\n"
            ));
        }
        let large = matcher_of(&toml);
        assert!(large.index.doc_count() >= PREFETCH_FROM_DOCS);
        for (question, id) in
            [("노트북 배송 조회 21호", "e21"), ("냉장고교환 문의 846", "e846"), ("세탁기 수리 예약 511호", "e511")]
        {
            let hits = large.search(question, 3);
            assert_eq!(hits[0].entry_id, id, "{question}: {hits:?}");
            assert_eq!(large.ask(question).kind(), DecisionKind::Answer, "{question}");
        }
    }

    /// A small FAQ of a telecom's customer center, for the tests of how a
    /// question's words are read and weighed.
    fn telecom() -> Matcher {
        matcher_of(
            r#"
[[entries]]
id = "roaming"
question = "해외 로밍은 어떻게 신청하나요?"
alternates = ["로밍 신청 방법"]
answer = "출국 전에 앱이나 고객센터에서 로밍을 신청하세요."

[[entries]]
id = "data-gift"
question = "남은 데이터를 가족에게 선물할 수 있나요?"
alternates = ["데이터 선물하기"]
answer = "앱의 데이터 선물하기 메뉴에서 보낼 수 있습니다."

[[entries]]
id = "plan"
question = "요금제는 어떻게 바꾸나요?"
alternates = ["요금제 변경"]
answer = "앱에서 요금제를 바꿀 수 있습니다."
"#,
        )
    }

    #[test]
    fn words_of_circumstance_name_no_topic() {
        // 내일 and 아직 say when, not what: an entry without them is not held
        // back as one without the question's topic is (넷플릭스 요금제).
        let m = telecom();
        assert!(!is_topic(&m, "내일 출국인데 로밍 아직 신청 안 했어요", "내일"));
        assert!(!is_topic(&m, "벌써 요금제 바꿨어요", "벌써"));
        assert!(is_topic(&m, "넷플릭스 요금제 변경은 어디서 해요?", "넷플릭스"));
        let plain = &m.search("요금제 변경은 어디서 해요?", 1)[0];
        let netflix = &m.search("넷플릭스 요금제 변경은 어디서 해요?", 1)[0];
        assert!(netflix.confidence <= TOPIC_PENALTY * plain.confidence, "{netflix:?}");
    }

    #[test]
    fn a_verb_the_stemmer_keeps_whole_is_read_as_the_faq_writes_it() {
        let stamps = matcher_of(
            r#"
[[entries]]
id = "stamp"
question = "스탬프는 어떻게 쌓나요?"
answer = "음료 한 잔에 스탬프 하나가 적립됩니다."

[[entries]]
id = "refund"
question = "환불은 어떻게 받나요?"
answer = "주문 내역에서 신청하세요."
"#,
        );
        let hit = &stamps.search("스탬프 쌓는 법", 1)[0];
        assert_eq!(hit.entry_id, "stamp");
        assert!(hit.explanation.rewrites.iter().any(|r| r == "쌓는 -> 쌓"), "{hit:?}");
        let m = telecom();
        // A word the FAQ does not know in any reading stays as written.
        let hit = &m.search("로밍 신청 아깝고", 1)[0];
        assert!(hit.explanation.rewrites.iter().all(|r| !r.starts_with("아깝고")), "{hit:?}");
    }

    #[test]
    fn a_light_word_weighs_no_more_than_the_heaviest_word_of_content() {
        // 보상 is in every entry, 보 (see) in one: rare as it is, 볼 says
        // no more than what is to be seen.
        let m = matcher_of(
            r#"
[[entries]]
id = "status"
question = "보상 진행 상황은 어떻게 확인해 볼 수 있나요?"
answer = "앱에서 확인하세요."

[[entries]]
id = "claim"
question = "보상 청구는 어떻게 하나요?"
answer = "앱에서 청구하세요."

[[entries]]
id = "docs"
question = "보상 서류는 무엇인가요?"
answer = "진단서가 필요합니다."
"#,
        );
        let query = m.rewrite(&m.analyzer.analyze("보상 볼 수 있어?"));
        let unit = |word: &str| query.features.units.iter().find(|u| u.text == word).expect(word);
        assert!(m.index.question_unit_weight(unit("보")).0 > unit("보상").weight);
        assert_eq!(unit("보").weight, unit("보상").weight);
    }

    #[test]
    fn an_entry_is_excused_half_of_the_light_words_it_lacks() {
        let m = telecom();
        let q = "지금 쓰는 요금제 좀 싼 걸로 바꾸고 싶어요";
        let query = m.rewrite(&m.analyzer.analyze(q));
        let units = &query.features.units;
        for (word, light) in [("지금", true), ("쓰", true), ("요금제", false), ("바꾸", false)] {
            let i = units.iter().position(|u| u.text == word).expect(word);
            assert_eq!(query.waived[i], if light { LIGHT * units[i].weight } else { 0.0 }, "{word}");
        }
        // The plan entry says neither 지금 nor 쓰: its coverage of the
        // question counts their weight half.
        let hit = &m.search(q, 1)[0];
        assert_eq!(hit.entry_id, "plan");
        let total: f32 = units.iter().map(|u| u.weight).sum();
        let covered: f32 = hit.explanation.features.iter().map(|f| f.weight).sum::<f32>() * total;
        let excused: f32 = query.waived.iter().sum();
        let expected = covered / (total - excused);
        assert!((hit.explanation.query_coverage - expected).abs() < 1e-4, "{hit:?}");
        assert!(hit.explanation.query_coverage > covered / total + 0.05, "{hit:?}");
    }

    #[test]
    fn a_phrasing_vouches_for_no_more_than_the_question_says() {
        let m = matcher_of(
            r#"
[[entries]]
id = "points"
question = "포인트는 어떻게 적립하나요?"
alternates = ["포인트 적립률"]
answer = "결제 금액의 1%가 포인트로 적립됩니다."

[[entries]]
id = "coupon"
question = "쿠폰은 어디서 받나요?"
answer = "앱의 쿠폰함에서 받을 수 있습니다."
"#,
        );
        // The question names the points entry's topic and much else: the
        // entry's phrasings are nearly all in it, but it is about cash.
        let q = "모은 포인트 현금 전환 통장 입금 되나요";
        let hit = &m.search(q, 1)[0];
        let e = &hit.explanation;
        assert_eq!(hit.entry_id, "points");
        assert!(e.phrasing_coverage > e.query_coverage + PHRASING_OVER_QUERY, "{hit:?}");
        let w_similarity = 1.0 - W_QUERY - W_PHRASING;
        let expected = W_QUERY * e.query_coverage
            + W_PHRASING * (e.query_coverage + PHRASING_OVER_QUERY)
            + w_similarity * e.similarity;
        // (An entry that never mentions the question's topic, 현금 here,
        // loses a fifth of it besides.)
        let ratio = hit.confidence / expected;
        assert!((ratio - TOPIC_PENALTY).abs() < 1e-3 || (ratio - 1.0).abs() < 1e-3, "{hit:?} {expected}");
        assert!(!matches!(m.ask(q), Decision::Answer(_)));
        // A question the entry says all of is answered as before.
        assert!(matches!(m.ask("포인트 적립은 어떻게 해요?"), Decision::Answer(h) if h.entry_id == "points"));
    }

    #[test]
    fn a_kind_the_faq_never_names_matches_its_general_word_by_half() {
        let m = matcher_of(
            r#"
[[entries]]
id = "family-card"
question = "가족카드는 어떻게 발급받나요?"
answer = "앱의 카드 신청 메뉴에서 가족카드를 신청하세요."

[[entries]]
id = "lost-card"
question = "카드를 잃어버렸어요"
answer = "앱에서 분실 신고를 해 주세요."

[[entries]]
id = "hours"
question = "상담 시간은 언제인가요?"
answer = "평일 9시부터 6시까지입니다."
"#,
        );
        // 체크카드 is a kind of 카드 the FAQ never names: 카드 says part of
        // it, as 조회 says part of 배송조회.
        let check_card = question_unit(&m, "체크카드도 발급받을 수 있나요?", "체크카드");
        assert_eq!(check_card.inner, u8::MAX);
        let card = m.rewrite(&m.analyzer.analyze("카드를 잃어버렸어요")).features;
        assert_eq!(unit_match(&check_card, &card), Some((INNER_CONCEPT, MatchKind::Concept)));
        let lost = m.search("체크카드를 잃어버렸어요", 1);
        assert_eq!(lost[0].entry_id, "lost-card");
        // 영업 alone says business hours: 영업시간 is no kind of 시간.
        assert_ne!(question_unit(&m, "영업시간 알려 주세요", "영업시간").inner, u8::MAX);
        // The FAQ's own words are what they are.
        assert_ne!(question_unit(&m, "가족카드 신청", "가족카드").inner, u8::MAX);
        assert!(matches!(m.ask("가족카드 발급 방법"), Decision::Answer(h) if h.entry_id == "family-card"));
    }

    #[test]
    fn a_word_rarer_than_its_concept_weighs_its_own_rarity() {
        // Every entry speaks of insurance (보험료, 보험금, 보장, 특약 and
        // 자기부담금 are all words of it); one says 자기부담금.
        let m = matcher_of(
            r#"
[[entries]]
id = "deductible"
question = "자기부담금은 얼마인가요?"
answer = "사고 한 건에 20만 원입니다. 손해사정 결과에 따라 달라집니다."

[[entries]]
id = "premium"
question = "보험료는 얼마인가요?"
answer = "차종과 나이에 따라 다릅니다."

[[entries]]
id = "claim"
question = "보험금 청구는 어떻게 하나요?"
answer = "앱에서 사고 접수 후 청구하세요."

[[entries]]
id = "coverage"
question = "보장 범위가 어떻게 되나요?"
answer = "대인, 대물, 자차를 보장합니다."

[[entries]]
id = "rider"
question = "특약은 언제 가입하나요?"
answer = "계약할 때나 갱신할 때 가입할 수 있습니다."
"#,
        );
        let asked = question_unit(&m, "자기부담금 궁금해요", "자기부담금");
        // In a phrasing the word weighs what the concept does; in a
        // question, its own rarity, up to three times that.
        let said = indexed(&m)
            .into_iter()
            .flat_map(|(_, docs, _)| docs.iter().flat_map(|d| &d.features.units))
            .find(|u| u.text == "자기부담금")
            .unwrap();
        assert!(asked.weight > said.weight * 2.0 && asked.weight <= said.weight * 3.0 + 1e-6);
        assert!((asked.weight * asked.concept_share - said.weight).abs() < 1e-6);
        // Another word of the concept matches it for what the concept tells.
        let premium = m.rewrite(&m.analyzer.analyze("보험료는 얼마인가요?")).features;
        let (value, kind) = unit_match(&asked, &premium).unwrap();
        assert_eq!(kind, MatchKind::Concept);
        assert!((asked.weight * value - crate::features::CONCEPT * said.weight).abs() < 1e-6);
        // A word of the concept only an answer says weighs its rarity there.
        let in_answer = question_unit(&m, "손해사정 궁금해요", "손해사정");
        assert!(in_answer.weight > said.weight * 2.0 && in_answer.weight <= said.weight * 3.0 + 1e-6);
        // So the entry that says it leads the others by far: by 0.16 when
        // the word weighed what its concept does.
        let hits = m.search("자기부담금 궁금해요", 2);
        assert_eq!(hits[0].entry_id, "deductible");
        assert!(hits[0].explanation.margin > 0.4, "{hits:?}");
    }

    #[test]
    fn what_only_the_circumstances_say_weighs_less_than_the_request() {
        let m = matcher();
        let weight_of = |q: &str, word: &str| question_unit(&m, q, word).weight;
        let plain = weight_of("반품 배송 조회는 어디서 해요?", "반품");
        // A clause closed by a connective ending, or a sentence, before the
        // request tells the circumstances.
        for q in [
            "반품했는데 배송 조회는 어디서 해요?",
            "반품 했어요. 배송 조회는 어디서 해요?",
            "반품하니까 배송 조회는 어디서 해요?",
        ] {
            assert!(weight_of(q, "반품") < plain * 0.9, "{q}");
            assert!((weight_of(q, "반품") - plain * CIRCUMSTANCES).abs() < 1e-6, "{q}");
            assert!((weight_of(q, "배송") - weight_of("반품 배송 조회는 어디서 해요?", "배송")).abs() < 1e-6, "{q}");
        }
        // A noun marked as topic, subject or object there is what the
        // question is about (카드를 잃어버렸는데 다시 받을 수 있나요).
        assert!(weight_of("반품을 했는데 배송 조회는 어디서 해요?", "반품") > plain);
        // A word the request says again is the request's.
        assert!((weight_of("반품했는데 반품 배송 조회는 어디서 해요?", "반품") - plain).abs() < 1e-6);
        // The request is the last clause: a question that ends in a
        // connective ending (배송 조회 어디서 하는데) has one clause.
        assert!((weight_of("반품 배송 조회 어디서 하는데", "반품") - plain).abs() < 1e-6);
        // ...or the last that asks with a question word, before an
        // afterthought.
        for q in ["반품 배송 조회는 어디서 해요? 급해요ㅠㅠ", "반품 배송 조회는 어디서 해요? 기억이 안 나요"]
        {
            assert!((weight_of(q, "반품") - plain).abs() < 1e-6, "{q}");
            assert!(is_topic(&m, q, "반품") == is_topic(&m, "반품 배송 조회는 어디서 해요?", "반품"), "{q}");
        }
        // ...or, without a question word, the last that ends with a question
        // mark.
        let asked = weight_of("반품 배송 조회 되나요?", "반품");
        assert!((weight_of("반품 배송 조회 되나요?? 급해요ㅠㅠ", "반품") - asked).abs() < 1e-6);
        assert!((weight_of("반품 배송 조회 돼요. 급해요ㅠㅠ", "반품") - asked * CIRCUMSTANCES).abs() < 1e-6);
        assert!(
            matches!(m.ask("반품했는데 배송 조회는 어디서 해요?"), Decision::Answer(h) if h.entry_id == "tracking")
        );
    }

    #[test]
    fn a_question_that_something_does_not_happen_is_not_one_on_how_to_do_it() {
        let m = matcher_of(
            r#"
[[entries]]
id = "coupon-use"
question = "할인 쿠폰은 어떻게 쓰나요?"
answer = "결제 화면에서 쿠폰을 고르세요."

[[entries]]
id = "coupon-not-applied"
question = "쿠폰이 적용되지 않아요"
answer = "최소 주문 금액을 확인해 주세요."

[[entries]]
id = "door"
question = "보관함 문은 어떻게 여나요?"
answer = "앱의 열기 버튼을 누르세요."

[[entries]]
id = "door-stuck"
question = "보관함 문이 열리지 않아요"
answer = "고객센터로 연락해 주세요."
"#,
        );
        // 안 and 못 before a verb say what 지 않 says.
        for (q, id) in [
            ("쿠폰이 안 들어가요", "coupon-not-applied"),
            ("쿠폰 못 써요", "coupon-not-applied"),
            ("보관함 문이 안 열려요", "door-stuck"),
            ("보관함 문 어떻게 열어요", "door"),
            ("할인 쿠폰 어떻게 써요", "coupon-use"),
        ] {
            assert_eq!(m.search(q, 1)[0].entry_id, id, "{q}");
        }
    }

    /// Whether the rewriter takes `word` of question `q` for its topic.
    fn is_topic(m: &Matcher, q: &str, word: &str) -> bool {
        question_unit(m, q, word).topic
    }

    /// The unit `word` of question `q` as the rewriter makes it.
    fn question_unit(m: &Matcher, q: &str, word: &str) -> Unit {
        let query = m.rewrite(&m.analyzer.analyze(q));
        let units: Vec<&str> = query.features.units.iter().map(|u| u.text.as_str()).collect();
        let found = query.features.units.iter().find(|u| u.text == word).cloned();
        found.unwrap_or_else(|| panic!("{word} in {units:?}"))
    }

    #[test]
    fn a_syllable_cut_from_an_unknown_word_names_no_topic() {
        let m = one_entry_matcher("cancel", "해지는 어떻게 신청하나요?", "앱에서 해지를 신청하세요.");
        let q = "해지 방어 전화 너무 길어요 그냥 해지만 하고 싶어요";
        assert!(rewrites_of(&m, q).contains(&"방어 -> 방".to_string()), "{:?}", rewrites_of(&m, q));
        assert!(!is_topic(&m, q, "방"));
        // The word itself, which this FAQ never uses, is one.
        assert!(is_topic(&m, "방 예약은 어디서 해요?", "방"));
    }

    #[test]
    fn a_narrower_word_before_a_word_of_the_faq_is_the_topic() {
        let m = telecom();
        assert!(is_topic(&m, "에어컨 설치 기사님 방문 일정은 어디서 확인해요?", "에어컨"));
    }

    #[test]
    fn what_only_the_situation_names_is_not_the_topic() {
        let m = telecom();
        // Told in the request, an unknown noun before a known word is the topic...
        assert!(is_topic(&m, "핫스팟 데이터 선물하려면 어떻게 해요?", "핫스팟"));
        // ...told in a sentence before it, it is the situation.
        assert!(!is_topic(&m, "출장 중에 핫스팟 데이터를 다 썼어요. 데이터 선물하려면 어떻게 해요?", "핫스팟"));
        // Named again in the request, it is the topic again.
        assert!(is_topic(&m, "핫스팟을 켜 놨어요. 핫스팟 데이터 선물하려면 어떻게 해요?", "핫스팟"));
    }

    #[test]
    fn an_everyday_word_of_an_unused_concept_is_no_topic() {
        let m = one_entry_matcher("refund", "환불은 어떻게 받나요?", "주문 내역에서 신청하세요.");
        // 지금 stands for 'now', a concept this FAQ never uses, and says
        // when; 택배 names deliveries, which this FAQ does not cover.
        assert!(!is_topic(&m, "지금 택배 환불 돼요?", "지금"));
        assert!(is_topic(&m, "지금 택배 환불 돼요?", "택배"));
        // Nor does a light word narrow the word after it (다음 환불).
        assert!(!is_topic(&m, "다음 환불 언제 돼요?", "다음"));
    }

    #[test]
    fn a_verb_kept_whole_before_a_known_word_is_no_topic() {
        let m = telecom();
        assert!(!is_topic(&m, "너무 그립고 요금제 바꾸고 싶어요", "그립고"));
        assert!(!is_topic(&m, "너무 아깝고 요금제 바꾸고 싶어요", "아깝"));
        assert!(is_topic(&m, "넷플릭스 요금제 바꾸고 싶어요", "넷플릭스"));
    }

    #[test]
    fn the_unknown_first_part_of_a_compound_is_its_topic() {
        let m = telecom();
        // Written against the known word it narrows, the unknown part is
        // the topic as it is with a space (another company's plan).
        assert!(is_topic(&m, "넷플릭스요금제 바꾸고 싶어요", "넷플릭스"));
        let confidence = |q: &str| m.search(q, 1)[0].confidence;
        let joined = confidence("넷플릭스요금제 바꾸고 싶어요");
        assert_eq!(joined, confidence("넷플릭스 요금제 바꾸고 싶어요"));
        assert!(joined < confidence("요금제 바꾸고 싶어요") - 0.2, "{joined}");
        // A part of one syllable is as often a piece of a word the FAQ
        // does not know: no topic.
        assert!(!is_topic(&m, "무통장요금제 바꾸고 싶어요", "무"));
    }

    #[test]
    fn a_light_word_marked_as_subject_is_no_topic() {
        let m = telecom();
        // 기억이 안 나요 says what happened, not what the question is about...
        assert!(!is_topic(&m, "비밀번호 기억이 안 나요", "기억"));
        // ...and a verb before a noun (넣은 주문) is no noun with a particle...
        assert!(!is_topic(&m, "방금 넣은 주문 취소할래요", "넣"));
        // ...nor is where on the screen the user looked (버튼이 안 보여요)...
        assert!(!is_topic(&m, "요금제 바꾸는 버튼이 안 보여요", "버튼"));
        // ...while an unknown noun so marked is the topic.
        assert!(is_topic(&m, "갤탭이 안 켜져요", "갤탭"));
    }
}
