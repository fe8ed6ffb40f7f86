//! The last stage of the text pipeline: from an [`Analysis`] to the
//! features the index and the scorer compare.
//!
//! A text becomes a list of [`Unit`]s (content stems, or several stems that
//! together form one thesaurus term such as `몇 시까지`), each with the
//! concepts it stands for and its jamo spelling, plus two space-insensitive
//! views: the stems written without spaces (`compact`) and its syllable
//! bigrams. Comparing two texts unit by unit ([`unit_match`]) is what lets
//! 연락처 match 전화번호 (a shared concept), 배송조회 match 배송 조회
//! (bigrams), and 횐불 match 환불 (jamo).

use crate::text::{hangul, korean, Analysis, Script};
use crate::thesaurus::{ConceptId, Thesaurus};

/// One unit of meaning in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The stem (or the stems of a multi-word term, without spaces).
    pub text: String,
    /// The concepts it stands for, sorted.
    pub concepts: Vec<ConceptId>,
    /// True when every concept is a question-intent cue (어디, 언제, 얼마...).
    pub intent: bool,
    /// Bit `i` set: `concepts[i]` is only that of a term inside the stem
    /// (조회 in 배송조회), while another term covers the stem whole (배송조회,
    /// delivery tracking). Matching by such a part is partial. Only a
    /// question's units have such bits; all are set for a kind of a thing
    /// the FAQ names only in general (체크카드 where it says 카드).
    pub inner: u8,
    /// The stem decomposed into compatibility jamo, for typo-tolerant comparison.
    pub jamo: Vec<char>,
    /// Number of chars of `text`.
    pub chars: u32,
    /// The script of the stem.
    pub script: Script,
    /// Weight of the unit in coverage (an idf), set by the index.
    pub weight: f32,
    /// What a match by one of its concepts is worth, as a share of a match
    /// by the word itself. Below 1 for a question's word rarer than its
    /// concept: the word is weighed by its own rarity, and another word of
    /// the concept is worth only what the concept is (set by the index).
    pub concept_share: f32,
    /// The index's id of `text`, or [`NO_ID`] when the index does not know it.
    pub id: u32,
    /// True when the rewriter guessed the word (typo correction, 초성): its
    /// matches count for less.
    pub guessed: bool,
    /// True for an unknown noun that names the question's topic (주차장은,
    /// 넷플릭스 요금제): an entry that never mentions it is not answered.
    pub topic: bool,
    /// Known words spelled almost the same (id, jamo similarity), when the
    /// index looked them up; `None` means "compare jamo spellings directly".
    pub neighbours: Option<Vec<(u32, f32)>>,
}

/// The id of a word the index does not know.
pub const NO_ID: u32 = u32::MAX;

/// What a match by a concept is worth, against 1 for the same word.
pub const CONCEPT: f32 = 0.9;

/// What a match by the concept of a part of a stem is worth (조회 in
/// 배송조회 against 확인): half a concept match.
pub const INNER_CONCEPT: f32 = 0.45;

impl Unit {
    /// True when `concepts[i]` is only that of a part of the stem.
    pub fn is_inner(&self, i: usize) -> bool {
        i < 8 && self.inner >> i & 1 == 1
    }

    /// The concepts of the unit as a whole, not of its parts.
    pub fn own_concepts(&self) -> impl Iterator<Item = ConceptId> + '_ {
        self.concepts.iter().enumerate().filter(|&(i, _)| !self.is_inner(i)).map(|(_, &c)| c)
    }
}

/// The features of one text (a question or a phrasing).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Features {
    /// Content units, in text order.
    pub units: Vec<Unit>,
    /// Every concept of the text, sorted.
    pub concepts: Vec<ConceptId>,
    /// Content stems, sorted, without repeats.
    pub stems: Vec<String>,
    /// The content stems written together, without spaces.
    pub compact: String,
    /// Number of chars of `compact`.
    pub compact_chars: usize,
    /// Where in `compact` each stem but the first starts (byte offsets,
    /// ascending, those of the first 64 KiB only): a word found inside
    /// `compact` across two stems ends or starts with one of them.
    pub stem_starts: Vec<u16>,
    /// Syllable bigrams of `compact`, packed, sorted, without repeats.
    pub bigrams: Vec<u64>,
    /// Index ids of the stems and units, sorted (empty until the index sets them).
    pub ids: Vec<u32>,
    /// The units' near spellings (id, best jamo similarity), sorted by id:
    /// set by the index for a question, empty for indexed texts.
    pub near: Vec<(u32, f32)>,
}

/// Packs two chars into one bigram key.
pub fn bigram_key(a: char, b: char) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// Bigrams of a string's chars, packed (not deduplicated).
pub fn bigrams_of(text: &str) -> impl Iterator<Item = u64> + '_ {
    let mut prev: Option<char> = None;
    text.chars().filter_map(move |c| {
        let key = prev.map(|p| bigram_key(p, c));
        prev = Some(c);
        key
    })
}

impl Features {
    /// Extracts the features of an analysed text. `stems` may replace the
    /// analysis' stems (after query rewriting); when `None`, the analysis'
    /// content stems are used.
    pub fn extract(stems: &[String], thesaurus: &Thesaurus) -> Features {
        Features::extract_owned(stems.to_vec(), thesaurus)
    }

    /// [`Features::extract`] of stems the caller gives away.
    pub(crate) fn extract_owned(stems: Vec<String>, thesaurus: &Thesaurus) -> Features {
        Features::extract_from(stems, thesaurus, true)
    }

    /// Like [`Features::extract`], for an indexed text: without the units'
    /// jamo spellings (an indexed text is compared by ids, and only a
    /// question needs them), and with the concepts of the parts of a word
    /// as its own when the word is no term itself. A phrasing that says
    /// 환불신청 speaks of refunds and of applying; one that says 요금제
    /// speaks of plans, not of fees, and 외국인 of foreigners, not of going
    /// abroad. A question that says 배송조회 asks about tracking, not about
    /// any check, and its parts count by half ([`Unit::inner`]).
    pub(crate) fn extract_indexed(stems: Vec<String>, thesaurus: &Thesaurus) -> Features {
        Features::extract_from(stems, thesaurus, false)
    }

    /// The features of stems, their sorted stems included; `question` asks
    /// for the units' jamo spellings and marks the concepts of their parts
    /// ([`Unit::inner`]).
    fn extract_from(stems: Vec<String>, thesaurus: &Thesaurus, question: bool) -> Features {
        let mut f = Features::extract_with(&stems, thesaurus, question);
        f.stems = sorted_unique(stems);
        f
    }

    /// The features of a text but its sorted stems, which the callers set.
    fn extract_with(stems: &[String], thesaurus: &Thesaurus, question: bool) -> Features {
        let spans = thesaurus.term_spans(stems.iter().map(String::as_str), question);
        // Each stem's own concepts, and whether a phrase absorbed it.
        let mut own: Vec<(Vec<ConceptId>, bool)> = vec![(Vec::new(), false); stems.len()];
        // The stems (of the first 128) a term covers whole, and the
        // concepts of terms only inside a stem.
        let mut whole_term: u128 = 0;
        let mut inside: Vec<(usize, ConceptId)> = Vec::new();
        let mut phrases: Vec<(usize, usize, ConceptId)> = Vec::new();
        for &(c, first, end, whole) in &spans {
            // An everyday word stands for no concept of a term inside it
            // (아이폰 is no 아이, child).
            if end - first == 1 && !whole && korean::is_common_word(&stems[first]) {
                continue;
            }
            if end - first == 1 {
                own[first].0.push(c);
                if whole {
                    whole_term |= 1u128.checked_shl(first as u32).unwrap_or(0);
                } else {
                    inside.push((first, c));
                }
            } else {
                phrases.push((first, end, c));
            }
        }
        // In a phrasing, a stem that is a term whole (외국인) stands for its
        // own concept, not for those of terms inside it (외국, abroad).
        let mut hidden: Vec<(usize, ConceptId)> = Vec::new();
        if !question {
            for &(i, c) in &inside {
                if i < 128 && whole_term >> i & 1 == 1 {
                    let whole =
                        spans.iter().any(|&(w, first, end, whole)| w == c && whole && first == i && end == i + 1);
                    if !whole {
                        own[i].0.retain(|&o| o != c);
                        hidden.push((i, c));
                    }
                }
            }
        }
        // A stem inside a phrase adds nothing when it stands for no concept
        // of its own, or only for the phrase's (몇 in 몇 번).
        for &(first, end, c) in &phrases {
            for (concepts, absorbed) in &mut own[first..end] {
                if concepts.iter().all(|&own| own == c) {
                    *absorbed = true;
                }
            }
        }
        // In text order: at each stem, the phrases that start there, then
        // the stem itself unless a phrase absorbed it. The same unit twice
        // (환불 ... 환불) counts once.
        let mut units: Vec<Unit> = Vec::with_capacity(phrases.len() + stems.len());
        let mut push = |text: String, concepts: Vec<ConceptId>, inner: u8| {
            if !units.iter().any(|v| v.text == text) {
                let mut u = unit(text, concepts, thesaurus, question);
                u.inner = inner;
                units.push(u);
            }
        };
        for (i, (stem, (concepts, absorbed))) in stems.iter().zip(&mut own).enumerate() {
            // Terms of several concepts on the same words (몇 시까지: when,
            // and hours) make one unit of all of them.
            let mut at: Vec<(usize, Vec<ConceptId>)> = Vec::new();
            for &(_, end, c) in phrases.iter().filter(|p| p.0 == i) {
                match at.iter_mut().find(|(e, _)| *e == end) {
                    Some((_, cs)) => cs.push(c),
                    None => at.push((end, vec![c])),
                }
            }
            for (end, mut cs) in at {
                cs.sort_unstable();
                cs.dedup();
                push(stems[i..end].concat(), cs, 0);
            }
            if *absorbed {
                continue;
            }
            let mut concepts = std::mem::take(concepts);
            concepts.sort_unstable();
            concepts.dedup();
            // Parts count as parts only in a question, beside a term of the
            // whole stem.
            let covered = question && i < 128 && whole_term >> i & 1 == 1;
            let inner = if covered { inner_mask(&concepts, &inside, i) } else { 0 };
            push(stem.clone(), concepts, inner);
        }

        let mut concepts: Vec<ConceptId> = spans
            .iter()
            .filter(|&&(c, first, end, whole)| whole || end - first > 1 || !hidden.contains(&(first, c)))
            .map(|s| s.0)
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        let compact: String = stems.concat();
        let mut stem_starts = Vec::with_capacity(stems.len().saturating_sub(1));
        let mut at = 0;
        for s in stems.iter().filter(|s| !s.is_empty()) {
            match u16::try_from(at) {
                Ok(0) => {}
                Ok(start) => stem_starts.push(start),
                Err(_) => break,
            }
            at += s.len();
        }
        let compact_chars = compact.chars().count();
        let mut bigrams: Vec<u64> = Vec::with_capacity(compact_chars.saturating_sub(1));
        bigrams.extend(bigrams_of(&compact));
        bigrams.sort_unstable();
        bigrams.dedup();
        Features {
            units,
            concepts,
            stems: Vec::new(),
            compact,
            compact_chars,
            stem_starts,
            bigrams,
            ids: Vec::new(),
            near: Vec::new(),
        }
    }

    /// The content stems of an analysis.
    pub fn content_stems(analysis: &Analysis) -> Vec<String> {
        analysis.content_stems().map(str::to_string).collect()
    }

    /// True when the text has this stem.
    pub fn has_stem(&self, stem: &str) -> bool {
        self.stems.binary_search_by(|s| s.as_str().cmp(stem)).is_ok()
    }

    /// True when the text has a stem or unit with this index id.
    pub fn has_id(&self, id: u32) -> bool {
        id != NO_ID && self.ids.binary_search(&id).is_ok()
    }

    /// True when the text has this concept.
    pub fn has_concept(&self, c: ConceptId) -> bool {
        self.concepts.binary_search(&c).is_ok()
    }

    /// Sum of the units' weights.
    pub fn total_weight(&self) -> f32 {
        self.units.iter().map(|u| u.weight).sum()
    }
}

/// The bits of the `concepts` (sorted) of stem `stem` found only inside it
/// (`inside`: stem and concept of each term inside a stem).
fn inner_mask(concepts: &[ConceptId], inside: &[(usize, ConceptId)], stem: usize) -> u8 {
    concepts.iter().take(8).enumerate().filter(|&(_, &c)| inside.contains(&(stem, c))).fold(0, |m, (i, _)| m | 1 << i)
}

fn sorted_unique(mut stems: Vec<String>) -> Vec<String> {
    stems.sort_unstable();
    stems.dedup();
    stems
}

fn unit(text: String, concepts: Vec<ConceptId>, thesaurus: &Thesaurus, with_jamo: bool) -> Unit {
    let intent = !concepts.is_empty() && concepts.iter().all(|&c| thesaurus.is_intent(c));
    let jamo: Vec<char> = if with_jamo {
        // Up to five jamo of three bytes for a syllable of three.
        let mut spelled = String::with_capacity(text.len() * 5);
        hangul::decompose_into(&text, &mut spelled);
        let mut jamo = Vec::with_capacity(spelled.chars().count());
        jamo.extend(spelled.chars());
        jamo
    } else {
        Vec::new()
    };
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    let script = script_of(&text);
    Unit {
        text,
        concepts,
        intent,
        inner: 0,
        jamo,
        chars,
        script,
        weight: 1.0,
        concept_share: 1.0,
        id: NO_ID,
        guessed: false,
        topic: false,
        neighbours: None,
    }
}

fn script_of(text: &str) -> Script {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if hangul::is_syllable(c) => Script::Hangul,
        Some(c) if hangul::is_compat_jamo(c) => Script::Choseong,
        Some(c) if c.is_ascii_digit() => Script::Number,
        _ => Script::Latin,
    }
}

/// How a unit matched a text, from the strongest to the weakest evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The same stem.
    Word,
    /// A shared thesaurus concept.
    Concept,
    /// The stem appears inside the other text written without spaces.
    Inside,
    /// Most of the stem's syllable bigrams appear in the other text.
    Bigram,
    /// A stem of the other text is spelled almost the same (jamo distance).
    Jamo,
}

impl MatchKind {
    /// Short name used in explanations.
    pub fn label(self) -> &'static str {
        match self {
            MatchKind::Word => "word",
            MatchKind::Concept => "concept",
            MatchKind::Inside => "inside",
            MatchKind::Bigram => "bigram",
            MatchKind::Jamo => "jamo",
        }
    }
}

/// How much of `u` the text `other` contains, in [0, 1], and how.
pub fn unit_match(u: &Unit, other: &Features) -> Option<(f32, MatchKind)> {
    match_with_bigrams(u, bigrams_of(&u.text), other)
}

/// A unit prepared to be matched against many texts: [`unit_match`] with
/// the unit's bigrams read once.
#[derive(Debug, Clone)]
pub struct Probe<'a> {
    unit: &'a Unit,
    /// The bigrams of the unit's text, in order, with repeats.
    bigrams: Vec<u64>,
}

impl<'a> Probe<'a> {
    /// Prepares a unit.
    pub fn new(unit: &'a Unit) -> Probe<'a> {
        Probe { unit, bigrams: bigrams_of(&unit.text).collect() }
    }

    /// The unit.
    pub fn unit(&self) -> &'a Unit {
        self.unit
    }

    /// What [`unit_match`] says of the unit and `other`.
    pub fn matches(&self, other: &Features) -> Option<(f32, MatchKind)> {
        match_with_bigrams(self.unit, self.bigrams.iter().copied(), other)
    }
}

/// True when `text` is found inside `other`'s stems written without
/// spaces: within one stem (조회 in 배송조회), or across stems from the
/// start of one or to the end of one (배송조회 in 배송 조회하기, 카드분실 in
/// 신용카드 분실), but not from the middle of one stem to the middle of the
/// next (신환 in 받으신 환자).
fn inside(text: &str, other: &Features) -> bool {
    let starts = &other.stem_starts;
    // Beyond the offsets kept, a word reads as within one stem.
    let is_start = |at: usize| {
        at == 0 || at == other.compact.len() || u16::try_from(at).is_ok_and(|at| starts.binary_search(&at).is_ok())
    };
    other.compact.match_indices(text).any(|(at, found)| {
        let end = at + found.len();
        let across = starts.iter().any(|&b| usize::from(b) > at && usize::from(b) < end);
        !across || is_start(at) || is_start(end)
    })
}

/// [`unit_match`], given the bigrams of the unit's text.
fn match_with_bigrams(u: &Unit, mut bigrams: impl Iterator<Item = u64>, other: &Features) -> Option<(f32, MatchKind)> {
    let same = if u.id != NO_ID && !other.ids.is_empty() { other.has_id(u.id) } else { other.has_stem(&u.text) };
    if same {
        return Some((1.0, MatchKind::Word));
    }
    let mut by_part = false;
    for (i, &c) in u.concepts.iter().enumerate() {
        if other.has_concept(c) {
            if !u.is_inner(i) {
                return Some((CONCEPT * u.concept_share, MatchKind::Concept));
            }
            by_part = true;
        }
    }
    let long_enough = match u.script {
        Script::Hangul => u.chars >= 2,
        _ => u.chars >= 3,
    };
    // A part's concept: half the whole's.
    let part = by_part.then_some((INNER_CONCEPT, MatchKind::Concept));
    if !long_enough {
        return part;
    }
    // Inside the other text only if its first bigram is there (a cheap
    // test before the substring search).
    let first = bigrams.next().map(|b| other.bigrams.binary_search(&b).is_ok());
    if first != Some(false) && inside(&u.text, other) {
        return Some((0.95, MatchKind::Inside));
    }
    let mut best: Option<(f32, MatchKind)> = part;
    if u.chars >= 3 {
        // A text of n chars has n - 1 bigrams, two thirds of which must be
        // found: the search stops once more than a third are missing.
        let total = u.chars as usize - 1;
        let mut hit = usize::from(first == Some(true));
        let mut missed = usize::from(first == Some(false));
        for b in bigrams {
            if missed * 3 > total {
                break;
            }
            if other.bigrams.binary_search(&b).is_ok() {
                hit += 1;
            } else {
                missed += 1;
            }
        }
        let share = 0.8 * hit as f32 / total as f32;
        if missed * 3 <= total && hit * 3 >= total * 2 && best.is_none_or(|(b, _)| share > b) {
            best = Some((share, MatchKind::Bigram));
        }
    }
    if let (Some(neighbours), false) = (&u.neighbours, other.ids.is_empty()) {
        for &(id, sim) in neighbours {
            if other.has_id(id) && best.is_none_or(|(b, _)| 0.85 * sim > b) {
                best = Some((0.85 * sim, MatchKind::Jamo));
            }
        }
    } else if u.neighbours.is_none() && u.id != NO_ID && other.units.iter().any(|w| w.neighbours.is_some()) {
        // An indexed unit against a question: the question's units carry
        // their near spellings, so look this unit up among them.
        if let Ok(k) = other.near.binary_search_by_key(&u.id, |n| n.0) {
            let sim = other.near[k].1;
            if best.is_none_or(|(b, _)| 0.85 * sim > b) {
                best = Some((0.85 * sim, MatchKind::Jamo));
            }
        }
    } else if u.script == Script::Hangul && u.jamo.len() >= 4 {
        for v in &other.units {
            if v.script != Script::Hangul || v.chars < 2 || v.jamo.len().abs_diff(u.jamo.len()) > 1 {
                continue;
            }
            // With a different first jamo a short word cannot reach 0.8.
            if u.jamo.first() != v.jamo.first() && u.jamo.len() < 10 {
                continue;
            }
            let sim = jamo_similarity(&u.jamo, &v.jamo);
            if sim >= 0.8 && best.is_none_or(|(b, _)| 0.85 * sim > b) {
                best = Some((0.85 * sim, MatchKind::Jamo));
            }
        }
    }
    best
}

/// True for a plain consonant and its tense pair (ㅅ/ㅆ, ㄱ/ㄲ, ㄷ/ㄸ, ㅂ/ㅃ, ㅈ/ㅉ).
fn tense_pair(x: char, y: char) -> bool {
    let pair = |a, b| (x == a && y == b) || (x == b && y == a);
    pair('ㅅ', 'ㅆ') || pair('ㄱ', 'ㄲ') || pair('ㄷ', 'ㄸ') || pair('ㅂ', 'ㅃ') || pair('ㅈ', 'ㅉ')
}

/// Similarity of two jamo spellings: 1 - distance / longest, where the
/// distance is the optimal-string-alignment distance (a swap of two
/// neighbouring jamo costs one), and a vowel written for a close one costs
/// half: one that sounds the same (ㅐ/ㅔ: 헤지 for 해지, ㅒ/ㅖ), the same
/// vowel with or without its y (ㅏ/ㅑ: 샤고 for 사고, ㅓ/ㅕ, ㅗ/ㅛ, ㅜ/ㅠ),
/// whose keys lie side by side, or one typed on the same key with or
/// without Shift (ㅐ/ㅒ: 햬지 for 해지, ㅔ/ㅖ: 교쳬 for 교체). (Compound
/// vowels such as ㅚ and ㅙ are compared by their parts, ㅗ+ㅣ and ㅗ+ㅐ: one
/// jamo apart.)
pub fn jamo_similarity(a: &[char], b: &[char]) -> f32 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    // In half jamo: a close vowel costs 1, any other edit 2.
    let sub = |x: char, y: char| {
        if x == y {
            0
        } else if close_vowels(x, y) {
            1
        } else {
            2
        }
    };
    let half = osa_distance_by(a, b, sub, 2);
    // A word's first jamo is rarely mistyped; a difference there usually
    // means another word (방 / 상). A plain consonant and its tense pair
    // are how loanwords are spelled either way (싸이즈 / 사이즈, 써비스).
    let first_differs = match (a.first(), b.first()) {
        (Some(&x), Some(&y)) => x != y && !tense_pair(x, y),
        (x, y) => x != y,
    };
    let d = half as f32 / 2.0 + f32::from(u8::from(first_differs));
    1.0 - (d / longest as f32).min(1.0)
}

/// True for two simple vowels typed for each other: ones most speakers no
/// longer tell apart (ㅐ/ㅔ, ㅒ/ㅖ), a vowel and its y-form (ㅏ/ㅑ, ㅓ/ㅕ,
/// ㅗ/ㅛ, ㅜ/ㅠ), neighbours on the keyboard, and the two vowels of one key
/// (ㅐ/ㅒ, ㅔ/ㅖ), a Shift held or missed.
fn close_vowels(x: char, y: char) -> bool {
    let pair = |a, b| (x == a && y == b) || (x == b && y == a);
    pair('ㅐ', 'ㅔ')
        || pair('ㅒ', 'ㅖ')
        || pair('ㅏ', 'ㅑ')
        || pair('ㅓ', 'ㅕ')
        || pair('ㅗ', 'ㅛ')
        || pair('ㅜ', 'ㅠ')
        || pair('ㅐ', 'ㅒ')
        || pair('ㅔ', 'ㅖ')
}

/// Optimal-string-alignment distance, without allocation for words of up
/// to 63 jamo.
#[cfg(test)]
fn osa_distance(a: &[char], b: &[char]) -> usize {
    osa_distance_by(a, b, |x, y| usize::from(x != y), 1)
}

/// Optimal-string-alignment distance where substituting `x` by `y` costs
/// `sub(x, y)` and inserting, deleting or swapping costs `edit`, without
/// allocation for words of up to 63 jamo.
fn osa_distance_by(a: &[char], b: &[char], sub: impl Fn(char, char) -> usize, edit: usize) -> usize {
    const MAX: usize = 64;
    if a.len() >= MAX || b.len() >= MAX {
        return edit * strsim::generic_damerau_levenshtein(a, b);
    }
    let (n, m) = (a.len(), b.len());
    // Three rows: the one before the previous, the previous, the current.
    let mut rows = [[0usize; MAX]; 3];
    // Row i lives in rows[i % 3]: row 0 is the distance from the empty prefix.
    for (j, cell) in rows[0].iter_mut().enumerate().take(m + 1) {
        *cell = j * edit;
    }
    for i in 1..=n {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i * edit;
        for j in 1..=m {
            let cost = sub(a[i - 1], b[j - 1]);
            let mut d = (rows[prev][j] + edit).min(rows[cur][j - 1] + edit).min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + edit);
            }
            rows[cur][j] = d;
        }
    }
    if n == 0 {
        m * edit
    } else {
        rows[n % 3][m]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn features(text: &str) -> Features {
        let t = Thesaurus::builtin();
        let a = Analyzer::default().analyze(text);
        Features::extract(&Features::content_stems(&a), &t)
    }

    #[test]
    fn multi_word_terms_become_one_unit() {
        let f = features("몇 시까지 상담해요");
        let texts: Vec<&str> = f.units.iter().map(|u| u.text.as_str()).collect();
        assert!(texts.contains(&"몇시"), "{texts:?}");
        assert!(texts.contains(&"상담"), "{texts:?}");
    }

    #[test]
    fn terms_of_several_concepts_on_the_same_words_make_one_unit_of_all() {
        // 몇 시까지 asks when, and about opening hours: a FAQ entry on
        // 영업시간 answers it as one that says 언제 does.
        let t = Thesaurus::builtin();
        let f = features("몇 시까지 해요?");
        let unit = f.units.iter().find(|u| u.text == "몇시").expect("몇시");
        let names: Vec<&str> = unit.concepts.iter().map(|&c| t.name(c)).collect();
        assert!(names.contains(&"when") && names.contains(&"hours"), "{names:?}");
        assert!(!unit.intent);
        assert!(features("매장 영업시간").concepts.iter().any(|c| unit.concepts.contains(c)));
    }

    #[test]
    fn a_word_saying_only_what_its_phrase_says_is_not_counted_twice() {
        // 몇 is a how-many cue on its own, and so is 몇 번: one unit.
        let f = features("몇 번으로 걸어야 해요");
        let texts: Vec<&str> = f.units.iter().map(|u| u.text.as_str()).collect();
        assert!(texts.contains(&"몇번") && !texts.contains(&"몇"), "{texts:?}");
        // A word with a concept of its own stays next to the phrase.
        let f = features("고객센터 번호 알려 주세요");
        let texts: Vec<&str> = f.units.iter().map(|u| u.text.as_str()).collect();
        assert!(texts.contains(&"고객센터"), "{texts:?}");
    }

    #[test]
    fn a_part_of_a_whole_term_matches_by_half() {
        let t = Thesaurus::builtin();
        let named = |u: &Unit| -> (Vec<String>, Vec<String>) {
            let own = u.own_concepts().map(|c| t.name(c).to_string()).collect();
            let parts = (0..u.concepts.len()).filter(|&i| u.is_inner(i)).map(|i| t.name(u.concepts[i]).to_string());
            (own, parts.collect())
        };
        // 배송조회 is delivery tracking; 배송 and 조회 inside it are parts.
        let f = features("배송조회");
        let (own, parts) = named(&f.units[0]);
        assert_eq!(own, ["tracking"]);
        assert!(parts.contains(&"check".to_string()) && parts.contains(&"delivery".to_string()), "{parts:?}");
        // An everyday word stands for no concept of a term inside it: 아이폰
        // is no child (아이), while 아이 alone is one.
        assert!(!features("아이").units[0].concepts.is_empty());
        assert!(features("아이폰").units[0].concepts.is_empty());
        // A stem no term covers whole keeps every concept as its own.
        let f = features("환불신청");
        assert_eq!(f.units[0].inner, 0);
        // In an indexed text, a word that is a term whole stands for its own
        // concept only: 외국인 is not 외국 (abroad), 요금제 is no fee.
        let indexed = |w: &str| Features::extract_indexed(vec![w.to_string()], &t);
        for (word, concept) in [("배송조회", "tracking"), ("외국인", "foreigner"), ("요금제", "plan")] {
            let f = indexed(word);
            let names: Vec<&str> = f.concepts.iter().map(|&c| t.name(c)).collect();
            assert_eq!(names, [concept], "{word}");
            assert_eq!(f.units[0].concepts.len(), 1, "{word}");
            assert_eq!(f.units[0].inner, 0, "{word}");
        }
        // A word no term covers whole speaks of what its parts do.
        let names: Vec<&str> = indexed("환불신청").concepts.iter().map(|&c| t.name(c)).collect();
        assert!(names.contains(&"refund") && names.len() >= 2, "{names:?}");
        // 조회 matches 확인 whole, 배송조회 by half.
        let doc = features("번호 확인 방법");
        assert_eq!(unit_match(&features("조회").units[0], &doc), Some((0.9, MatchKind::Concept)));
        assert_eq!(unit_match(&features("배송조회").units[0], &doc), Some((INNER_CONCEPT, MatchKind::Concept)));
    }

    #[test]
    fn units_match_in_each_way() {
        let doc = features("고객센터 전화번호 배송 조회 방법");
        for (query, kind) in [
            ("전화번호", MatchKind::Word),
            ("연락처", MatchKind::Concept),
            ("배송조회", MatchKind::Concept),
            ("센터", MatchKind::Inside),
            ("횐불", MatchKind::Jamo),
        ] {
            let q = features(query);
            let doc = if query == "횐불" { features("환불 방법") } else { doc.clone() };
            let got = unit_match(&q.units[0], &doc).map(|m| m.1);
            assert_eq!(got, Some(kind), "{query}");
        }
        let q = features("주차장");
        assert_eq!(unit_match(&q.units[0], &doc), None);
    }

    #[test]
    fn a_word_inside_another_text_starts_or_ends_with_one_of_its_stems() {
        let t = Thesaurus::builtin();
        let stems = |words: &[&str]| Features::extract(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>(), &t);
        for (word, other, inside) in [
            ("조회", &["배송조회", "방법"][..], true),
            ("배송조회", &["배송", "조회"][..], true),
            ("카드분실", &["신용카드", "분실"][..], true),
            ("분실신고", &["분실", "신고서"][..], true),
            // From the last syllable of one stem to the first of the next.
            ("신환", &["받으신", "환자"][..], false),
            ("드분", &["신용카드", "분실"][..], false),
        ] {
            let u = unit(word.to_string(), Vec::new(), &t, true);
            let found = unit_match(&u, &stems(other)).filter(|m| m.1 == MatchKind::Inside);
            assert_eq!(found.is_some(), inside, "{word} in {other:?}");
        }
    }

    #[test]
    fn the_bigram_test_needs_two_thirds_of_a_units_bigrams() {
        let t = Thesaurus::builtin();
        let text_of = |compact: &str| {
            let mut bigrams: Vec<u64> = bigrams_of(compact).collect();
            bigrams.sort_unstable();
            bigrams.dedup();
            Features {
                compact: compact.to_string(),
                compact_chars: compact.chars().count(),
                bigrams,
                ..Features::default()
            }
        };
        for (word, other) in [
            ("abcdefg", "abcdxefg"),
            ("abcdefg", "abxcdxefg"),
            ("abcdefg", "axbcxdexfg"),
            ("abcabc", "abcxbca"),
            ("abc", "abxbc"),
            ("abc", "xbcab"),
            ("배송조회기록", "배송조가회기록"),
            ("배송조회기록", "배송 회기 록"),
            ("환불신청", "신청 환불"),
        ] {
            let u = unit(word.to_string(), Vec::new(), &t, true);
            let other = text_of(&other.replace(' ', ""));
            let found: Vec<bool> = bigrams_of(word).map(|b| other.bigrams.binary_search(&b).is_ok()).collect();
            let hit = found.iter().filter(|&&f| f).count();
            let expected =
                (hit * 3 >= found.len() * 2).then(|| (0.8 * hit as f32 / found.len() as f32, MatchKind::Bigram));
            assert_eq!(unit_match(&u, &other), expected, "{word} in {}", other.compact);
            assert_eq!(Probe::new(&u).matches(&other), expected, "{word} in {}", other.compact);
        }
    }

    #[test]
    fn a_probe_matches_as_unit_match() {
        let texts = ["고객센터 전화번호 배송 조회 방법", "환불 방법", "배송조회 어디서", "택배 언제 와요", "abc 카드"];
        let docs: Vec<Features> = texts.iter().map(|t| features(t)).collect();
        for query in ["전화번호", "연락처", "배송조회", "센터", "횐불", "주차장", "배송 조회 방법", "abcd", "카드값"]
        {
            for u in &features(query).units {
                let probe = Probe::new(u);
                assert_eq!(probe.unit(), u);
                for doc in &docs {
                    assert_eq!(probe.matches(doc), unit_match(u, doc), "{query}: {}", u.text);
                }
            }
        }
    }

    #[test]
    fn jamo_similarity_keeps_unrelated_words_apart() {
        let j = |s: &str| -> Vec<char> { hangul::decompose(s).chars().collect() };
        assert!(jamo_similarity(&j("횐불"), &j("환불")) >= 0.8);
        assert!(jamo_similarity(&j("배숑"), &j("배송")) >= 0.8);
        assert!(jamo_similarity(&j("방법"), &j("상법")) < 0.8);
        // A plain first consonant for its tense pair is a spelling, not another word.
        assert!(jamo_similarity(&j("싸이즈"), &j("사이즈")) >= 0.8);
        assert!(jamo_similarity(&j("써비스"), &j("서비스")) >= 0.8);
        assert!(jamo_similarity(&j("사이즈"), &j("타이즈")) < 0.8);
        assert!(jamo_similarity(&j("요금"), &j("교환")) < 0.5);
        // A vowel written for one that sounds the same costs half (ㅐ/ㅔ):
        // 헤지 is 해지 misspelled, 하지 another word.
        assert!(jamo_similarity(&j("헤지"), &j("해지")) >= 0.8);
        assert!(jamo_similarity(&j("얘기"), &j("예기")) >= 0.8);
        assert!(jamo_similarity(&j("하지"), &j("해지")) < 0.8);
        // ...and so does a vowel for its y-form (샤고 for 사고), but no other.
        assert!(jamo_similarity(&j("샤고"), &j("사고")) >= 0.8);
        assert!(jamo_similarity(&j("서고"), &j("사고")) < 0.8);
        // ...and a vowel of the same key, Shift held or missed (햬지, 교쳬),
        // but not both a Shift and another vowel (ㅐ for ㅖ).
        assert!(jamo_similarity(&j("햬지"), &j("해지")) >= 0.8);
        assert!(jamo_similarity(&j("교쳬"), &j("교체")) >= 0.8);
        assert!(jamo_similarity(&j("해지"), &j("혜지")) < 0.8);
        assert_eq!(jamo_similarity(&j("헤지"), &j("해지")), jamo_similarity(&j("해지"), &j("헤지")));
        for (a, b) in [
            ("환불", "환불"),
            ("횐불", "환불"),
            ("배송조회", "배숑조회"),
            ("", "환불"),
            ("ㄱㄴ", "ㄴㄱ"),
            // Leading chars of either side cost as much as any others.
            ("b", "ab"),
            ("x", "abcx"),
            ("환불", "고객환불"),
            ("ab", "ba"),
            ("", ""),
        ] {
            let expected = strsim::osa_distance(&hangul::decompose(a), &hangul::decompose(b));
            let (a, b) = (j(a), j(b));
            assert_eq!(osa_distance(&a, &b), expected);
            assert_eq!(osa_distance(&b, &a), expected);
        }
    }
}
