//! The text pipeline: normalize -> segment -> Korean analysis.
//!
//! The stages run in the order of [`NORMALIZERS`], then [`WordSegmenter`],
//! then Korean analysis: an auxiliary verb written against its verb
//! becomes a word of its own ([`korean::auxiliary_at`]), and
//! [`korean::stem`] runs on each word. Every [`Token`] keeps its byte range
//! in the user's original text, so explanations can quote the user's words.
//!
//! ```
//! use faq_core::text::Analyzer;
//! let a = Analyzer::default().analyze("환불은 어떻게 하나요?? ㅠㅠ");
//! let stems: Vec<&str> = a.tokens.iter().map(|t| t.stem.as_str()).collect();
//! assert_eq!(stems, ["환불", "어떻게", "하"]);
//! assert_eq!(a.normalized, "환불은 어떻게 하나요");
//! ```

pub mod disguise;
pub mod hangul;
pub mod korean;
pub mod normalize;
pub mod segment;

pub use normalize::{NormText, Normalizer};
pub use segment::{Script, Segment, Segmenter, WordSegmenter};

use normalize::{CaseFolder, ChatNoiseRemover, MarkupRemover, SpaceCollapser, SymbolRemover, UnicodeComposer};

/// The normalization stages, in the order they run.
pub const NORMALIZERS: &[&dyn Normalizer] =
    &[&UnicodeComposer, &CaseFolder, &MarkupRemover, &SymbolRemover, &ChatNoiseRemover, &SpaceCollapser];

/// Longest text analysed, in bytes; the rest of a longer text is ignored
/// (and [`Analysis::truncated`] says so).
pub const MAX_ANALYZED_BYTES: usize = 2_000;

/// A word of the user's text after analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalized word (`환불은`).
    pub text: String,
    /// Its stem (`환불`): particles and endings removed. Empty for a
    /// particle written against a number or a Latin word (the 에 of `TV에`).
    pub stem: String,
    /// What the word is made of.
    pub script: Script,
    /// Byte offset of the word's start in the original text.
    pub offset_from: usize,
    /// Byte offset just past the word's end in the original text.
    pub offset_to: usize,
    /// Position of the word among the tokens (0-based).
    pub position: usize,
    /// The sentence the word is in (0-based): a `.`, `?`, `!`, a line
    /// break or a chat emoticon (ㅠㅠ, ㅋㅋ, ;;) between two words starts a
    /// new one.
    pub sentence: usize,
    /// True when a question mark follows the word, before the next word:
    /// the word ends a sentence that asks (주차 되나요?? 자리가 없었어요).
    pub asks: bool,
}

impl Token {
    /// True when the stem carries content (not a particle, auxiliary or filler).
    pub fn is_content(&self) -> bool {
        !korean::is_stop_stem(&self.stem)
    }
}

/// The result of analysing one text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    /// The text after every normalization stage.
    pub normalized: String,
    /// The words, in order.
    pub tokens: Vec<Token>,
    /// True when the text was longer than [`MAX_ANALYZED_BYTES`] and cut.
    pub truncated: bool,
}

impl Analysis {
    /// The stems of content tokens, in order.
    pub fn content_stems(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().filter(|t| t.is_content()).map(|t| t.stem.as_str())
    }
}

/// Runs the whole text pipeline.
#[derive(Debug, Default, Clone)]
pub struct Analyzer {
    segmenter: WordSegmenter,
    /// Nouns kept whole where the stemmer would cut them (see
    /// [`Analyzer::keeping_nouns_of`]).
    whole_nouns: Option<std::sync::Arc<rustc_hash::FxHashSet<String>>>,
}

impl Analyzer {
    /// This analyzer, keeping whole the nouns that `texts` write before a
    /// particle where the stemmer would cut their bare form: 바가지를 and
    /// 토네이도가 say that 바가지 and 토네이도 are nouns, which alone read as
    /// 바가 + 지 and 토네이 + 도 (an ending, a particle). A FAQ's
    /// phrasings and the questions asked of it then read them alike, with a
    /// particle or without. The nouns in 이 that `texts` write alone or
    /// before a particle (어린이, 고양이도) stay whole too before the
    /// copula, which drops its own 이 after them (어린이면, 고양이라서).
    ///
    /// ```
    /// use faq_core::text::Analyzer;
    /// let stems = |a: &Analyzer, text: &str| a.analyze(text).content_stems().map(String::from).collect::<Vec<_>>();
    /// let plain = Analyzer::default();
    /// assert_eq!(stems(&plain, "바가지 썼어요"), ["바가", "쓰"]);
    /// let market = Analyzer::default().keeping_nouns_of(["바가지를 씌우면 신고해요"]);
    /// assert_eq!(stems(&market, "바가지 썼어요"), ["바가지", "쓰"]);
    /// ```
    pub fn keeping_nouns_of<'a>(mut self, texts: impl IntoIterator<Item = &'a str>) -> Analyzer {
        let nouns = nouns_before_particles(texts);
        self.whole_nouns = (!nouns.is_empty()).then(|| std::sync::Arc::new(nouns));
        self
    }

    /// Analyses a text. Never panics, whatever the input.
    pub fn analyze(&self, text: &str) -> Analysis {
        let (text, truncated) = cap(text, MAX_ANALYZED_BYTES);
        let norm = normalized(text);
        let segments = split_auxiliaries(self.segmenter.segment(&norm.text));
        let stems = stems_of(&segments, self.whole_nouns.as_deref());
        let mut origins = OriginCursor::new(&norm);
        let mut sentence = 0;
        let mut tokens: Vec<Token> = Vec::with_capacity(segments.len());
        for (position, (seg, stem)) in segments.iter().zip(stems).enumerate() {
            let offset_from = origins.origin_of(seg.start, text.len());
            let offset_to = end_origin(&mut origins, seg.start + seg.text.len(), text);
            // What lies between the previous word and this one tells whether
            // the previous word asks and whether a sentence ends.
            if let Some(previous) = tokens.last_mut() {
                let between = gap(text, previous.offset_to, offset_from);
                previous.asks = asks(&between);
                if ends_sentence(text, previous.offset_to, offset_from, &between) {
                    sentence += 1;
                }
            }
            tokens.push(Token {
                text: seg.text.to_string(),
                stem,
                script: seg.script,
                offset_from,
                offset_to,
                position,
                sentence,
                asks: false,
            });
        }
        if let Some(last) = tokens.last_mut() {
            last.asks = asks(&gap(text, last.offset_to, text.len()));
        }
        Analysis { normalized: norm.text, tokens, truncated }
    }

    /// The normalized text and the stems of its content tokens, in order:
    /// what [`Analyzer::analyze`] gives as [`Analysis::normalized`] and
    /// [`Analysis::content_stems`], without the tokens' words and offsets.
    pub fn normalized_content_stems(&self, text: &str) -> (String, Vec<String>) {
        let (text, _) = cap(text, MAX_ANALYZED_BYTES);
        let norm = normalized(text);
        let mut stems = stems_of(&split_auxiliaries(self.segmenter.segment(&norm.text)), self.whole_nouns.as_deref());
        stems.retain(|s| !korean::is_stop_stem(s));
        (norm.text, stems)
    }

    /// Normalizes a text without segmenting it.
    pub fn normalize(&self, text: &str) -> String {
        self.analyze(text).normalized
    }
}

/// What lies between two words (`text[end..start]`), without the links,
/// mentions and chat markup the normalizer took out: their points and
/// question marks (www.example.com/?q=1) end no sentence and ask nothing.
fn gap(text: &str, end: usize, start: usize) -> std::borrow::Cow<'_, str> {
    let between = text.get(end..start).unwrap_or("");
    if normalize::has_markup(between) {
        MarkupRemover.remove(&NormText::new(between)).text.into()
    } else {
        between.into()
    }
}

/// True when a question mark lies between two words (their [`gap`]): the
/// first ends a sentence that asks.
fn asks(between: &str) -> bool {
    between.contains(['?', '？'])
}

/// Jamo that chat emoticons are made of (ㅠㅠ, ㅜㅜ, ㅋㅋ, ㅎㅎ).
const EMOTICON_JAMO: [char; 4] = ['ㅠ', 'ㅜ', 'ㅋ', 'ㅎ'];

/// True when what lies between two words (`between`, the [`gap`] of
/// `text[end..start]`) ends a sentence: a `.`, `?`, `!` or line break, but
/// not a point between letters or digits (5.5); or a chat emoticon (ㅠㅠ,
/// ㅋ, ;;), which users write where a full stop would be (현금 없는데ㅠㅠ
/// 카드 되죠?).
fn ends_sentence(text: &str, end: usize, start: usize, between: &str) -> bool {
    if between.contains(EMOTICON_JAMO) || between.contains(";;") {
        return true;
    }
    if !between.contains(['.', '?', '!', '\n', '。', '？', '！']) {
        return false;
    }
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    !(between == "." && joined(text[..end].chars().next_back()) && joined(text[start..].chars().next()))
}

/// A text after every normalization stage.
fn normalized(text: &str) -> NormText {
    normalize::normalize_simple_text(text).unwrap_or_else(|| {
        let mut norm = NormText::new(text);
        for stage in NORMALIZERS {
            norm = stage.normalize(&norm);
        }
        norm
    })
}

/// Segments with every auxiliary verb written against the verb it negates
/// or guesses about (쓰지마, 하면안돼, 됐나봐요) made a segment of its own
/// ([`korean::auxiliary_at`]), and so 안 and 못 written against a verb
/// (안보여요: [`korean::negation_at`]), 말고 against a noun (카드말고:
/// [`korean::rather_than_at`]) and 없다 against one (필요없어요:
/// [`korean::absence_at`]).
fn split_auxiliaries(segments: Vec<Segment<'_>>) -> Vec<Segment<'_>> {
    let at = |s: &Segment| {
        if s.script == Script::Hangul {
            korean::negation_at(s.text)
                .or_else(|| korean::auxiliary_at(s.text))
                .or_else(|| korean::rather_than_at(s.text))
                .or_else(|| korean::absence_at(s.text))
        } else {
            None
        }
    };
    if !segments.iter().any(|s| at(s).is_some()) {
        return segments;
    }
    let mut out = Vec::with_capacity(segments.len() + 2);
    for seg in segments {
        let mut rest = seg;
        while let Some(i) = at(&rest) {
            out.push(Segment { text: &rest.text[..i], start: rest.start, script: rest.script });
            rest = Segment { text: &rest.text[i..], start: rest.start + i, script: rest.script };
        }
        out.push(rest);
    }
    out
}

/// The particles after which [`nouns_before_particles`] takes a word for a
/// noun: those no verb's ending is written as (는, 도 and 만 end verbs too:
/// 붙이는, 먹어도, 좋지만; 까지 and 로 follow a verb's 기 or 게: 늦게까지).
const NOUN_PARTICLES: &[&str] = &["을", "를", "가", "에", "의", "와", "과", "에서", "에게", "한테", "랑", "이랑"];

/// The nouns of two syllables or more that `texts` write before a particle
/// of [`NOUN_PARTICLES`] and that [`korean::stem`] cuts when they stand
/// alone (바가지를: 바가지, alone 바가).
fn nouns_before_particles<'a>(texts: impl IntoIterator<Item = &'a str>) -> rustc_hash::FxHashSet<String> {
    let mut words: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for text in texts {
        words.extend(text.split(|c: char| !hangul::is_syllable(c)).filter(|w| w.chars().nth(2).is_some()));
    }
    let mut nouns = rustc_hash::FxHashSet::default();
    for word in words {
        // A noun in 이 (어린이, 고양이, 와이파이), which the stemmer keeps
        // whole alone or before a particle but cuts before the copula it
        // takes without its own 이 (어린이면, 고양이라서).
        let stem = remembered_stem(word);
        let particle = word.strip_prefix(stem.as_str());
        if stem.ends_with('이')
            && stem.chars().nth(1).is_some()
            && particle.is_some_and(|p| p.is_empty() || NOUN_PARTICLES.contains(&p) || matches!(p, "도" | "만"))
        {
            nouns.insert(stem);
        }
        for particle in NOUN_PARTICLES {
            let Some(noun) = word.strip_suffix(particle) else { continue };
            if noun.chars().nth(1).is_some() && remembered_stem(word) == noun && remembered_stem(noun) != noun {
                nouns.insert(noun.to_string());
            }
        }
    }
    nouns
}

/// The copula's forms after a noun that ends in a vowel, without its 이
/// (어린이면, 고양이라서, 와이파이예요), and the particles that stand in its
/// place (어린이랑, 어린이나).
const COPULA_AFTER_VOWEL: &[&str] = &[
    "면",
    "고",
    "라",
    "라서",
    "라고",
    "라도",
    "라면",
    "라니",
    "라는",
    "라던",
    "란",
    "랑",
    "예요",
    "에요",
    "였어요",
    "였는데",
    "였다",
    "였고",
    "여서",
    "여도",
    "야",
    "지만",
    "니까",
    "던데",
    "든",
    "든지",
    "나",
    "냐",
    "죠",
    "잖아요",
    "네요",
];

/// The noun of `nouns` that `word` starts with, when `stem`, what the
/// stemmer made of the word, is a shorter start of that noun and the rest
/// of the word is the copula after it (어린이면: 어린이, not 어린).
fn noun_before_copula<'a>(word: &str, stem: &str, nouns: &'a rustc_hash::FxHashSet<String>) -> Option<&'a str> {
    if stem.is_empty() || !word.starts_with(stem) {
        return None;
    }
    COPULA_AFTER_VOWEL
        .iter()
        .filter_map(|rest| word.strip_suffix(rest))
        .filter(|noun| noun.len() > stem.len())
        .filter_map(|noun| nouns.get(noun))
        .max_by_key(|noun| noun.len())
        .map(String::as_str)
}

/// The stems of segments, in order, negated light verbs joined. A
/// particle written against a number or a Latin word (TV에, 5G로), or one
/// of two syllables or more alone (80%까지), has an empty stem: it is no
/// word, nor is a bound after an amount (3만원 이상). A word said short
/// has its written form (딴: 다른), and a few words are read by the next
/// or the previous one (가게 됐어요, 카드 말고, 맡길 데).
fn stems_of(segments: &[Segment], whole_nouns: Option<&rustc_hash::FxHashSet<String>>) -> Vec<String> {
    let mut stems: Vec<String> = Vec::with_capacity(segments.len());
    for (i, seg) in segments.iter().enumerate() {
        let stem = match seg.script {
            Script::Hangul => {
                let after_other = i > 0 && {
                    let prev = &segments[i - 1];
                    matches!(prev.script, Script::Latin | Script::Number) && prev.start + prev.text.len() == seg.start
                };
                // A particle alone is no word either: after a number or a
                // Latin word (TV에, 5G로), or standing apart when it has two
                // syllables or more (80%까지, [메뉴]에서, 10시 까지).
                // Nor is an interjection (오 신기하다, 우와, 와 대박): 오 and 와
                // first, before other words, are oh and wow, not come (택배
                // 언제 와).
                let interjection = matches!(seg.text, "우와" | "와우" | "오오")
                    || (matches!(seg.text, "오" | "와") && i == 0 && segments.len() > 1);
                if (after_other && korean::is_particle(seg.text)) || korean::is_long_particle(seg.text) || interjection
                {
                    String::new()
                } else {
                    let stem = match whole_nouns {
                        Some(nouns) if nouns.contains(seg.text) => seg.text.to_string(),
                        Some(nouns) => {
                            let stem = remembered_stem(seg.text);
                            noun_before_copula(seg.text, &stem, nouns).map_or(stem, str::to_string)
                        }
                        None => remembered_stem(seg.text),
                    };
                    korean::written_form(&stem).map_or(stem, str::to_string)
                }
            }
            _ => seg.text.to_string(),
        };
        stems.push(stem);
    }
    read_pay(segments, &mut stems);
    negate_verbs(segments, &mut stems);
    // An amount's bound after a number (3만원 이상, 30분 이내, 5kg 초과)
    // compares; 이상 alone is something wrong.
    let amount = |i: usize| {
        segments[i].script == Script::Number
            || (i > 0
                && segments[i - 1].script == Script::Number
                && segments[i - 1].start + segments[i - 1].text.len() == segments[i].start)
    };
    for (i, stem) in stems.iter_mut().enumerate().skip(1) {
        if matches!(stem.as_str(), "이상" | "이하" | "미만" | "초과" | "이내") && amount(i - 1) {
            stem.clear();
        }
    }
    // 없던 걸로 하다, 없던 것으로: cancel, as 없던 일로 하다 says (the
    // thesaurus has 없던 일); 걸 and 것 alone say nothing.
    for i in 1..stems.len() {
        if matches!(segments[i - 1].text, "없던" | "없었던")
            && ["걸로", "거로", "것으로"].iter().any(|w| segments[i].text.starts_with(w))
        {
            stems[i] = "일".to_string();
        }
    }
    // 어떻게 됐어요, 어디까지 된 거예요, 한참 됐는데: what became of
    // something, its status, or how long it has been (the thesaurus has
    // 어떻게 됐 and 한참 됐), where 되 alone is a light verb that says
    // nothing (어떻게 돼요: how does it go).
    for i in 1..stems.len() {
        if matches!(stems[i - 1].as_str(), "어떻게" | "어디" | "어찌" | "한참")
            && (segments[i].text.starts_with('됐') || segments[i].text == "된" || segments[i].text.starts_with("된거"))
        {
            stems[i] = "됐".to_string();
        }
    }
    // A native numeral before a counter is its number (두 달 밀렸어요, 한
    // 시간 걸려요), as a FAQ writes it in digits (2개월, 1시간); months
    // counted so are 개월.
    for i in 0..stems.len().saturating_sub(1) {
        let Some(number) = korean::native_number(segments[i].text) else { continue };
        // The counter as written, with a particle at most (두 달이나), not a
        // verb (네 달라고요).
        if segments[i + 1].script != Script::Hangul || !segments[i + 1].text.starts_with(stems[i + 1].as_str()) {
            continue;
        }
        let counter = match stems[i + 1].as_str() {
            "달" => "개월",
            "시간" => "시간",
            "개" => "개",
            "명" => "명",
            "장" => "장",
            "권" => "권",
            "살" => "살",
            "주" => "주",
            "대" => "대",
            "박" => "박",
            _ => continue,
        };
        stems[i] = number.to_string();
        stems[i + 1] = counter.to_string();
    }
    // 취소할 수도 있나요, 갈 수만 있다면: the bound noun 수 with a
    // particle, between a verb's ㄹ and 있다 or 없다, not 수도 (water
    // supply) or 수만 (tens of thousands).
    for i in 1..stems.len().saturating_sub(1) {
        if matches!(segments[i].text, "수도" | "수만")
            && segments[i - 1].text.chars().next_back().is_some_and(|c| hangul::final_index(c) == hangul::JONG_RIEUL)
            && matches!(stems[i + 1].as_str(), "있" | "없")
        {
            stems[i] = "수".to_string();
        }
    }
    // Words read by their neighbour: 가게 before 되다 is 가다 with the
    // ending 게 (이사를 가게 됐어요: I came to move), not a shop; 말고 after
    // a noun says "rather than" (카드 말고 현금), a word of its own, and only
    // after a verb's 지 is it 말다, don't (쓰지 말고).
    for i in 0..stems.len() {
        let before = i.checked_sub(1).map(|b| segments[b].text);
        if before == Some("가게") && stems[i] == "되" {
            stems[i - 1] = "가".to_string();
        }
        // A word of two syllables the stemmer kept whole, in 고 before 싶다,
        // is a verb of one syllable and its ending: 더 사고 싶어요 is to
        // buy, not an accident.
        if let Some(verb) = stems.get(i + 1).and_then(|next| verb_before_sipda(segments[i].text, &stems[i], next)) {
            stems[i] = verb;
        }
        if matches!(segments[i].text, "말고" | "말구" | "말고요") && !before.is_some_and(|b| b.ends_with('지'))
        {
            stems[i] = "말고".to_string();
        }
        // Before the long negation (입지도 않았는데, 보지는 못했어요), a
        // word in 지 and a particle is a verb and its 지: 입다, not 입지 (a
        // site), as 입지 않았어요 reads.
        if stems.get(i + 1).is_some_and(|next| matches!(next.as_str(), "않" | "못하")) {
            if let Some(verb) = verb_before_negation(segments[i].text, &stems[i]) {
                stems[i] = verb;
            }
        }
        // Before a bound noun (맡길 데, 줄일 수, 옮길 곳), a word the
        // stemmer left whole that ends in a verb's suffix with ㄹ is that
        // verb (맡기다): 요일 and 산길 end so too, so only there.
        // 수 is that bound noun only before 있다 or 없다 (줄일 수 있어요);
        // otherwise it counts (메일 수가 많아: the number of mails).
        // 때 too (옮길 때, 켤 때), and 적 after the past modifier before
        // 있다 or 없다 (맡긴 적 있어요: ever left it).
        let then = || stems.get(i + 2).is_some_and(|after| matches!(after.as_str(), "있" | "없"));
        let bound = match stems.get(i + 1).map(String::as_str) {
            Some("수") => then().then_some(hangul::JONG_RIEUL),
            Some("적") => then().then_some(hangul::JONG_NIEUN),
            Some("데" | "거" | "것" | "곳" | "줄" | "때") => Some(hangul::JONG_RIEUL),
            _ => None,
        };
        if let Some(verb) = bound.and_then(|modifier| verb_before_bound_noun(segments[i].text, &stems[i], modifier)) {
            stems[i] = verb;
        } else if stems
            .get(i + 1)
            .is_some_and(|next| matches!(next.as_str(), "데" | "거" | "것" | "곳" | "후" | "뒤" | "다음"))
        {
            // ...and 거, 것, 데 and 곳 the past one too (시킨 거, 맡긴 데), as
            // 후, 뒤 and 다음 do (옮긴 후에), after verbs in 기, 리 and 히
            // (사진 거 and 치킨 거 are nouns).
            let verb = verb_before_bound_noun(segments[i].text, &stems[i], hangul::JONG_NIEUN)
                .filter(|v| v == "시키" || v.ends_with(['기', '리', '히']));
            if let Some(verb) = verb {
                stems[i] = verb;
            }
        }
        // 주기 after a verb's 아/어 is 주다 made a noun (보여 주기가
        // 번거로워요), an auxiliary; elsewhere a cycle (교체 주기).
        if stems[i] == "주기" && before.is_some_and(korean::ends_in_a_eo) {
            stems[i].clear();
        }
    }
    stems
}

/// The verb of a word of two syllables in 고 that the stemmer kept whole
/// (`word` is `stem`), before 싶다 (`next_stem`). A word in 지 before 않다
/// or 마 (사지 마세요) stays whole: what one must not do is another
/// question than what one wants to do, and one stem would make them one.
fn verb_before_sipda(word: &str, stem: &str, next_stem: &str) -> Option<String> {
    let mut chars = word.chars();
    let (Some(first), Some('고'), None) = (chars.next(), chars.next(), chars.next()) else { return None };
    (word == stem && hangul::is_syllable(first) && next_stem == "싶").then(|| first.to_string())
}

/// The verb of a word before 않다 or 못하다, given as written and as
/// stemmed: a word in 지 and the particle 도, 는, 만, 를 or 가 (입지도, 보지는, 되지가),
/// stemmed as the word without its particle, which the stemmer reads as a
/// verb and its 지 (입지 -> 입). `None` for other words.
fn verb_before_negation(word: &str, stem: &str) -> Option<String> {
    let bare = ["지도", "지는", "지만", "지를", "지가"].iter().find_map(|p| word.strip_suffix(p))?;
    if bare.is_empty() || !stem.ends_with('지') {
        return None;
    }
    let verb = remembered_stem(&format!("{bare}지"));
    (verb.len() < stem.len()).then_some(verb)
}

/// The verb of a word before a bound noun, given as written and as
/// stemmed, and the 받침 of the modifier the bound noun takes (ㄹ before
/// 수, ㄴ before 적): a word the stemmer left whole in 기, 리, 히, 키 or 지
/// (or 이, 우, 나, 가 or 오 with ㄹ) with that ending (맡길: 맡기, 줄일: 줄이,
/// 옮긴: 옮기, 깨질: 깨지, 고장날: 고장나, 가져갈: 가져가), of two syllables or more, or a verb in
/// 추 (멈출: 멈추); before ㄹ also 살 (사다), 탈 (타다), 뺄 (빼다), 뗄 (떼다)
/// and 켤 (켜다), and a verb in 르 with ㄹ (고를: 고르, 누를: 누르), not a
/// word of one syllable and its particle 를, which no bound noun follows.
fn verb_before_bound_noun(word: &str, stem: &str, modifier: usize) -> Option<String> {
    let mut chars = word.chars();
    if let (Some(first), Some('를'), None, true) =
        (chars.next(), chars.next(), chars.next(), modifier == hangul::JONG_RIEUL)
    {
        let verb = hangul::is_syllable(first) && !hangul::has_final(first) && stem.chars().eq([first]);
        return verb.then(|| format!("{first}르"));
    }
    if word != stem {
        return None;
    }
    let last = word.chars().next_back()?;
    let base = &word[..word.len() - last.len_utf8()];
    if !hangul::is_syllable(last) || hangul::final_index(last) != modifier {
        return None;
    }
    let bare = hangul::with_final(last, 0);
    if base.is_empty() && modifier == hangul::JONG_RIEUL {
        // 살 수 있나요, 탈 데: 사다 and 타다, not an age (몇 살).
        return matches!(bare, '사' | '타' | '빼' | '떼' | '켜').then(|| bare.to_string());
    }
    // 추 of the verbs in 추 (멈추, 맞추, 낮추), not of the nouns in 출
    // (지출, 제출).
    let chu = bare == '추' && matches!(base, "멈" | "맞" | "낮" | "늦" | "갖" | "감");
    // 인 ends nouns (할인, 확인, 본인), 일 seldom (요일 is kept out by the
    // bound nouns it never precedes).
    // 지, 우, 나, 가 and 오 end verbs too (깨질, 비울, 고장날, 가져갈), but
    // 난 and 운 nouns (재난, 행운).
    let rieul = modifier == hangul::JONG_RIEUL;
    let suffix =
        matches!(bare, '기' | '리' | '히' | '키' | '지') || (matches!(bare, '이' | '우' | '나' | '가' | '오') && rieul);
    (suffix || chu).then(|| format!("{base}{bare}"))
}

/// Most words recur (환불, 하나요, 어떻게): each thread remembers the stems
/// it found in up to this many slots, a word's slot chosen by its hash. A
/// word takes the place of the one that had its slot, so remembering
/// allocates nothing and forgetting frees nothing.
const REMEMBERED_STEMS: usize = 16_384;
/// The word of a verb's negation (the 않 of 열리지 않아요), which 안 and 못
/// standing before a verb become too.
const NEGATION: &str = "않";
/// The word of the verb 내다 (to pay, to hand in), whose stem 내 is also
/// the word for 'my'.
const PAY: &str = "내다";

/// A thread starts with this many slots (64 KB), so that the many short
/// threads of a busy bot take little memory, and doubles them each time it
/// has stemmed as many new words as it has slots.
const FIRST_STEM_SLOTS: usize = 1_024;

/// One remembered word and its stem, written in the slot itself (a word of
/// up to ten syllables): looking a word up reads one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct StemSlot {
    word: [u8; SLOT_BYTES],
    word_len: u8,
    stem: [u8; SLOT_BYTES],
    stem_len: u8,
}

/// Bytes of a word or stem a slot holds: longer ones are stemmed each time.
const SLOT_BYTES: usize = 31;

impl StemSlot {
    /// An empty slot says "" stems to "", which is true.
    const EMPTY: StemSlot = StemSlot { word: [0; SLOT_BYTES], word_len: 0, stem: [0; SLOT_BYTES], stem_len: 0 };

    fn word(&self) -> &[u8] {
        &self.word[..self.word_len as usize]
    }

    fn stem(&self) -> &str {
        std::str::from_utf8(&self.stem[..self.stem_len as usize]).expect("a slot holds a whole stem")
    }
}

/// A thread's slots, and how many words it stemmed since they last grew.
struct StemSlots {
    slots: Vec<StemSlot>,
    filled: usize,
}

thread_local! {
    /// The slots, empty until first used.
    static STEMS: std::cell::RefCell<StemSlots> =
        const { std::cell::RefCell::new(StemSlots { slots: Vec::new(), filled: 0 }) };
}

/// [`korean::stem`] of a word, remembered by the thread.
pub(crate) fn remembered_stem(word: &str) -> String {
    with_remembered_stem(word, str::to_string)
}

/// `f` of [`korean::stem`] of a word, remembered by the thread, without
/// copying the stem. `f` must not ask for a remembered stem itself.
pub(crate) fn with_remembered_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if word.len() > SLOT_BYTES {
        return f(&korean::stem(word));
    }
    STEMS.with_borrow_mut(|StemSlots { slots, filled }| {
        if slots.is_empty() || (*filled >= slots.len() && slots.len() < REMEMBERED_STEMS) {
            // Grown, the slots start empty: a word's slot depends on their number.
            let len = (slots.len() * 2).clamp(FIRST_STEM_SLOTS, REMEMBERED_STEMS);
            *slots = vec![StemSlot::EMPTY; len];
            *filled = 0;
        }
        let hash = std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, word);
        // The high bits: Fx hashes mix them best.
        let bits = slots.len().trailing_zeros();
        let slot = &mut slots[(hash >> (64 - bits)) as usize];
        if slot.word() != word.as_bytes() {
            let stem = korean::stem(word);
            if stem.len() > SLOT_BYTES {
                return f(&stem);
            }
            *filled += 1;
            slot.word[..word.len()].copy_from_slice(word.as_bytes());
            slot.word_len = word.len() as u8;
            slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
            slot.stem_len = stem.len() as u8;
        }
        f(slot.stem())
    })
}

/// Makes the stem 내 [`PAY`] where it is the verb 내다 (to pay, to hand in:
/// 요금 내야 돼요, 언제 냈는지, 얼마 내): inflected, or bare at the end of
/// the text or before an auxiliary (결론 내 주세요). Bare before a word, and
/// with a particle (내가, 내 꺼), it is 'my'.
fn read_pay(segments: &[Segment], stems: &mut [String]) {
    for i in 0..stems.len() {
        if stems[i] != "내" {
            continue;
        }
        let pays = match segments[i].text {
            "내" => stems.get(i + 1).is_none_or(|next| matches!(next.as_str(), "주" | "드리" | "보")),
            text => !matches!(text, "내가" | "내게" | "내꺼" | "내거" | "내것" | "내껀" | "내꺼는" | "내거는"),
        };
        if pays {
            stems[i] = PAY.to_string();
        }
    }
}

/// 안 and 못 before the light verbs 하 and 되 (안 돼요, 못 해요, 안 될 때)
/// and before 오 (안 와요) join them: the words alone carry little, together
/// they say that something does not work or has not come, as 안돼요 and
/// 안와요 written without a space do.
///
/// Before another verb (문이 안 열려요, 할인이 안 들어가요), the word
/// standing alone is the short negation, and stands for what the long one
/// says (열리지 않아요, 들어가지 않아요): 않, a word of its own. A question
/// that says something does not happen is not one on how to make it
/// happen.
fn negate_verbs(segments: &[Segment], stems: &mut [String]) {
    for i in 1..stems.len() {
        let (before, after) = stems.split_at_mut(i);
        let (neg, verb) = (&mut before[i - 1], &mut after[0]);
        if !matches!(neg.as_str(), "안" | "못") {
            continue;
        }
        if matches!(verb.as_str(), "하" | "되" | "오" | "와" | "해") {
            let verb_stem = match verb.as_str() {
                "와" => "오",
                "해" => "하",
                v => v,
            };
            *verb = format!("{neg}{verb_stem}");
        } else if segments[i - 1].text == neg.as_str()
            && segments[i].script == Script::Hangul
            && !korean::is_stop_stem(verb)
            && !verb.starts_with(['안', '못'])
        {
            *neg = NEGATION.to_string();
        }
    }
}

/// [`NormText::origin_of`] for offsets that mostly come in increasing
/// order (the tokens' starts and ends): the chars before an offset are
/// counted from the previous one.
struct OriginCursor<'a> {
    norm: &'a NormText,
    /// The last offset looked up, and the number of chars before it.
    byte: usize,
    chars: usize,
}

impl<'a> OriginCursor<'a> {
    fn new(norm: &'a NormText) -> OriginCursor<'a> {
        OriginCursor { norm, byte: 0, chars: 0 }
    }

    /// As [`NormText::origin_of`].
    fn origin_of(&mut self, byte: usize, end: usize) -> usize {
        let byte = byte.min(self.norm.text.len());
        if byte < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        self.chars += self.norm.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.norm.origins.get(self.chars).copied().unwrap_or(end)
    }
}

/// The original offset just past the normalized char ending at `byte`.
fn end_origin(origins: &mut OriginCursor, byte: usize, original: &str) -> usize {
    let Some(last) = origins.norm.text[..byte].chars().next_back() else { return 0 };
    let start = origins.origin_of(byte - last.len_utf8(), original.len());
    original[start..].chars().next().map_or(original.len(), |c| start + c.len_utf8())
}

/// Cuts text to at most `max` bytes at a char boundary.
pub fn cap(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_before_particles_are_nouns_the_stemmer_would_cut() {
        let nouns = nouns_before_particles([
            "바가지를 씌우면 신고해요",
            "토네이도가 오면 어떻게 해요",
            // Words that take a particle but stand alone the same (환불을),
            // and verbs in endings written as particles (붙이는, 늦게까지).
            "환불을 받으려면",
            "스티커 붙이는 방법",
            "늦게까지 해요",
        ]);
        let mut nouns: Vec<&str> = nouns.iter().map(String::as_str).collect();
        nouns.sort_unstable();
        assert_eq!(nouns, ["바가지", "토네이도"]);
        // Alone, each is kept whole where the FAQ writes it so.
        let a = Analyzer::default().keeping_nouns_of(["토네이도가 오면"]);
        assert_eq!(a.analyze("토네이도 대비").content_stems().collect::<Vec<_>>(), ["토네이도", "대비"]);
        assert_eq!(Analyzer::default().analyze("토네이도 대비").content_stems().next(), Some("토네이"));
    }

    #[test]
    fn a_noun_in_i_before_the_copula_is_the_noun() {
        let stems = |a: &Analyzer, text: &str| a.analyze(text).content_stems().map(String::from).collect::<Vec<_>>();
        let faq = Analyzer::default().keeping_nouns_of(["어린이 요금은 얼마인가요?", "고양이도 같이 탈 수 있나요?"]);
        for (text, noun) in [
            ("어린이면 할인돼요?", "어린이"),
            ("어린이라서 반값이에요?", "어린이"),
            ("고양이예요", "고양이"),
            ("고양이라도 되나요", "고양이"),
            ("어린이는 얼마예요", "어린이"),
        ] {
            assert_eq!(stems(&faq, text)[0], noun, "{text}");
        }
        // Without the FAQ's word, or after a consonant, the copula comes off.
        assert_eq!(stems(&Analyzer::default(), "어린이면 할인돼요?")[0], "어린");
        assert_eq!(stems(&faq, "학생이면 할인돼요?")[0], "학생");
    }

    #[test]
    fn words_know_their_sentence() {
        let a = Analyzer::default()
            .analyze("요금이 많이 나왔어요. 왜 그런가요?\n5.5G 요금제 www.example.com 보고 물어봐요!!");
        let sentences: Vec<(&str, usize)> = a.tokens.iter().map(|t| (t.text.as_str(), t.sentence)).collect();
        assert_eq!(&sentences[..5], [("요금이", 0), ("많이", 0), ("나왔어요", 0), ("왜", 1), ("그런가요", 1)]);
        // A point inside a number or an address ends nothing.
        assert!(sentences[5..].iter().all(|&(_, s)| s == 2), "{sentences:?}");
        assert!(Analyzer::default().analyze("환불 문의").tokens.iter().all(|t| t.sentence == 0));
        // A chat emoticon between two words ends a sentence too.
        for text in [
            "현금 없는데ㅠㅠ 카드 되죠",
            "현금 없는데 ㅋㅋ 카드 되죠",
            "현금 없는데;; 카드 되죠",
            "현금 없는데ㅜ 카드 되죠",
        ] {
            let sentences: Vec<usize> = Analyzer::default().analyze(text).tokens.iter().map(|t| t.sentence).collect();
            assert_eq!(sentences, [0, 0, 1, 1], "{text}");
        }
        // At the start or the end it ends nothing; 초성 words are words.
        for text in ["ㅋㅋ 카드 되죠ㅠㅠ", "ㅎㅇ ㄹㅁ 신청", "카드; 되죠"] {
            assert!(Analyzer::default().analyze(text).tokens.iter().all(|t| t.sentence == 0), "{text}");
        }
        // The last word of a sentence that ends with a question mark asks.
        let a = Analyzer::default().analyze("주차 되나요?? 자리가 없었어요ㅠㅠ 다음엔 어떡해요？");
        let asks: Vec<bool> = a.tokens.iter().map(|t| t.asks).collect();
        assert_eq!(asks, [false, true, false, false, false, true]);
        // A question mark inside a link the normalizer took out asks nothing.
        let a = Analyzer::default().analyze("환불 https://example.com/?q=1 문의");
        assert!(a.tokens.iter().all(|t| !t.asks && t.sentence == 0), "{a:?}");
    }

    #[test]
    fn tokens_point_at_the_users_words() {
        let text = "ＡＳ 센터는 어디예요?";
        let a = Analyzer::default().analyze(text);
        let words: Vec<&str> = a.tokens.iter().map(|t| &text[t.offset_from..t.offset_to]).collect();
        assert_eq!(words, ["ＡＳ", "센터는", "어디예요"]);
        assert_eq!(a.tokens[1].stem, "센터");
        assert_eq!(a.tokens[2].position, 2);
    }

    #[test]
    fn the_origin_cursor_agrees_with_origin_of_in_any_order() {
        let norm = normalize::collapse_spaces(&NormText::new("  환불 a  신청ㅋ "));
        let mut cursor = OriginCursor::new(&norm);
        let offsets: Vec<usize> = (0..=norm.text.len()).filter(|&b| norm.text.is_char_boundary(b)).collect();
        for &byte in offsets.iter().chain(offsets.iter().rev()).chain([&usize::MAX, &3]) {
            assert_eq!(cursor.origin_of(byte, 99), norm.origin_of(byte, 99), "{byte}");
        }
    }

    #[test]
    fn remembered_stems_are_the_stemmers_even_once_forgotten() {
        let syllable = |i: usize| char::from_u32(0xAC00 + (i % 11_172) as u32).unwrap();
        let words: Vec<String> =
            (0..REMEMBERED_STEMS + 10).map(|i| format!("{}{}하나요", syllable(i), syllable(i / 7))).collect();
        for word in ["환불은", "환불해요", "어떻게", "환불은"].iter().copied().chain(words.iter().map(String::as_str))
        {
            assert_eq!(remembered_stem(word), korean::stem(word), "{word}");
            assert_eq!(remembered_stem(word), korean::stem(word), "{word}");
        }
        STEMS.with_borrow(|s| assert_eq!(s.slots.len(), REMEMBERED_STEMS));
        // A thread that stems a few words keeps a few slots.
        let few = std::thread::spawn(|| {
            for word in ["환불은", "배송", "어떻게"] {
                assert_eq!(remembered_stem(word), korean::stem(word), "{word}");
            }
            STEMS.with_borrow(|s| s.slots.len())
        });
        assert_eq!(few.join().unwrap(), FIRST_STEM_SLOTS);
        // A word of ten syllables is remembered; a longer one is stemmed
        // each time.
        let held = |word: &str| STEMS.with_borrow(|s| s.slots.iter().any(|s| s.word() == word.as_bytes()));
        for (word, kept) in
            [("가나다라마바사아에서", true), ("가나다라마바사아자에서", false), ("환불해주실수있나요", true)]
        {
            assert_eq!(remembered_stem(word), korean::stem(word), "{word}");
            assert_eq!(remembered_stem(word), korean::stem(word), "{word}");
            assert_eq!(held(word), kept, "{word}");
        }
        assert_eq!(std::mem::size_of::<StemSlot>(), 64);
    }

    #[test]
    fn long_text_is_capped() {
        let text = "환불 ".repeat(10_000);
        let a = Analyzer::default().analyze(&text);
        assert!(a.truncated);
        assert!(a.normalized.len() <= MAX_ANALYZED_BYTES);
        assert!(!Analyzer::default().analyze("환불").truncated);
    }

    #[test]
    fn a_particle_after_a_latin_word_or_a_number_or_alone_is_no_word() {
        for (text, expected) in [
            ("TV에 신호 없음", vec!["tv", "신호", "없"]),
            ("SKT에서는 어때요", vec!["skt", "어떻"]),
            ("114로 전화", vec!["114", "전화"]),
            ("tv 에 나와요", vec!["tv", "에", "나오"]),
            // What a symbol leaves of a word: 80%까지, [결제 내역]에서.
            ("최대 80%까지 빌려요", vec!["최대", "80", "빌리"]),
            ("[결제 내역]에서는 안 보여요", vec!["결제", "내역", "않", "보이"]),
            ("밤 10시 까지 해요", vec!["밤", "10", "시"]),
            // A particle of one syllable alone may be a word: 안 와요 is to come.
            ("음식이 안 와요", vec!["음식", "안오"]),
        ] {
            let a = Analyzer::default().analyze(text);
            assert_eq!(a.content_stems().collect::<Vec<_>>(), expected, "{text}");
        }
    }

    /// The content stems of a text.
    fn content_stems(text: &str) -> Vec<String> {
        Analyzer::default().analyze(text).content_stems().map(str::to_string).collect()
    }

    #[test]
    fn nothing_that_was_is_a_cancellation() {
        for text in ["주문 없던 걸로 해 주세요", "주문 없던 것으로 할게요", "주문 없던 일로 해 주세요"]
        {
            assert_eq!(content_stems(text), ["주문", "없", "일"], "{text}");
        }
        let t = crate::Thesaurus::builtin();
        let a = Analyzer::default().analyze("예약 없던 걸로 하고 싶어요");
        let concepts = t.concepts_in(a.content_stems());
        assert!(concepts.iter().any(|&c| t.name(c) == "cancel"), "{concepts:?}");
    }

    #[test]
    fn what_became_of_something_asks_its_status() {
        let t = crate::Thesaurus::builtin();
        let status = |text: &str| {
            let a = Analyzer::default().analyze(text);
            t.concepts_in(a.content_stems()).iter().any(|&c| t.name(c) == "status")
        };
        for text in [
            "하자 신청한 거 어떻게 됐어?",
            "환불 어떻게 됐나요",
            "주문이 어떻게 된 거예요",
            "배송이 어떻게 된 건지 알려 주세요",
            "수리가 어디까지 됐는지 궁금해요",
        ] {
            assert!(status(text), "{text}");
        }
        // 되 in the present, or after another word, stays a light verb.
        for text in ["환불 어떻게 돼요?", "환불 어떻게 되나요", "환불이 됐어요", "어떻게 해요"]
        {
            assert!(!status(text), "{text}");
        }
        assert_eq!(content_stems("환불 어떻게 돼요?"), ["환불", "어떻게"]);
    }

    #[test]
    fn a_native_numeral_before_a_counter_is_its_number() {
        for (text, expected) in [
            ("요금 두 달 밀렸는데", vec!["요금", "2", "개월", "밀리"]),
            ("석 달 전 고지서", vec!["3", "개월", "전", "고지서"]),
            ("한 시간째 기다려요", vec!["1", "시간", "기다리"]),
            ("1개월 이용권", vec!["1", "개월", "이용권"]),
            // Not a counter: 이번 달, or yes before a verb.
            ("이번 달 요금", vec!["이번", "달", "요금"]),
            ("네 달라요", vec!["다르"]),
        ] {
            assert_eq!(content_stems(text), expected, "{text}");
        }
    }

    #[test]
    fn a_bound_after_an_amount_is_no_word() {
        let stems = content_stems;
        assert_eq!(stems("3만원 이상 결제하면"), ["3", "만원", "결제"]);
        assert_eq!(stems("5kg 초과 짐"), ["5", "kg", "짐"]);
        // Without an amount, 이상 is something wrong.
        assert_eq!(stems("화면이 이상해요"), ["화면", "이상"]);
    }

    #[test]
    fn juggi_is_a_cycle_but_after_a_verbs_a_eo() {
        let stems = content_stems;
        assert_eq!(stems("필터 교체 주기가 어떻게 돼요"), ["필터", "교체", "주기", "어떻게"]);
        assert_eq!(stems("정기배송 주기 바꿀 수 있어"), ["정기배송", "주기", "바꾸"]);
        assert_eq!(stems("카드 보여 주기가 번거로워요"), ["카드", "보이", "번거롭"]);
        assert_eq!(stems("축가를 해 주기로 했어요"), ["축가"]);
    }

    #[test]
    fn a_verb_in_l_before_a_bound_noun_is_that_verb() {
        let stems = content_stems;
        assert_eq!(stems("짐 맡길 데가 없어요"), ["짐", "맡기", "없"]);
        assert_eq!(stems("요금을 줄일 수 있나요"), ["요금", "줄이"]);
        assert_eq!(stems("구독 잠깐 멈출 수 있나요"), ["구독", "잠깐", "멈추"]);
        assert_eq!(stems("짐 뺄 수 있나요"), ["짐", "빼"]);
        assert_eq!(stems("서류 제출 곳이 어디예요"), ["서류", "제출", "곳", "어디"]);
        // Elsewhere a word in 일 or 길 is a noun.
        assert_eq!(stems("요일 바꿀 수 있나요"), ["요일", "바꾸"]);
        assert_eq!(stems("출근길 교통"), ["출근길", "교통"]);
        // A verb in 르 before one keeps its 르.
        assert_eq!(stems("색상 고를 수 있나요"), ["색상", "고르"]);
        assert_eq!(stems("표 무를 수 있나요"), ["표", "무르"]);
        assert_eq!(stems("표를 사요"), ["표", "사"]);
        // 살 and 탈 before one are 사다 and 타다; elsewhere 살 is an age.
        assert_eq!(stems("데이터 더 살 수 있나요"), ["데이터", "사"]);
        assert_eq!(stems("몇 살부터 가입돼요"), ["몇", "살", "가입"]);
        // 수 is that bound noun before 있다 or 없다; elsewhere it counts.
        assert_eq!(stems("메일 수가 많아요"), ["메일", "많"]);
        // With a particle it is still the bound noun there (수도, 수만),
        // not water supply or tens of thousands.
        assert_eq!(stems("예약을 옮길 수도 있나요"), ["예약", "옮기"]);
        assert_eq!(stems("갈 수만 있다면"), ["가"]);
        assert_eq!(stems("수도 요금 얼마예요"), ["수도", "요금", "얼마"]);
        // 때 is one too, and 적 after the modifier ㄴ before 있다 or 없다.
        assert_eq!(stems("짐 옮길 때"), ["짐", "옮기"]);
        assert_eq!(stems("짐 맡긴 적 없어요"), ["짐", "맡기", "적", "없"]);
        assert_eq!(stems("할인 적용돼요"), ["할인", "적용"]);
        assert_eq!(stems("할인 적 없어요"), ["할인", "적", "없"]);
        assert_eq!(stems("화면 깨질 때"), ["화면", "깨지"]);
        assert_eq!(stems("스티커 뗄 수 있나요"), ["스티커", "떼"]);
        assert_eq!(stems("재난 때 연락"), ["재난", "연락"]);
        assert_eq!(stems("공유기 가져갈 수 있나요"), ["공유기", "가져가"]);
        assert_eq!(stems("어제 시킨 거 취소"), ["어제", "시키", "취소"]);
        assert_eq!(stems("짐 옮긴 후에"), ["짐", "옮기", "후"]);
        assert_eq!(stems("치킨 거 언제 와요"), ["치킨", "언제", "오"]);
    }

    #[test]
    fn an_and_mot_against_a_verb_read_as_written_apart() {
        let stems = content_stems;
        for (together, apart) in [
            ("화면이 안보여요", "화면이 안 보여요"),
            ("문이 안열려요", "문이 안 열려요"),
            ("사이트에 못들어가요", "사이트에 못 들어가요"),
            ("사이즈가 안맞아요", "사이즈가 안 맞아요"),
        ] {
            assert_eq!(stems(together), stems(apart), "{together}");
        }
        assert_eq!(stems("화면이 안보여요"), ["화면", "않", "보이"]);
        // Nouns in 안 stay whole.
        assert_eq!(stems("안내해 주세요"), ["안내"]);
        assert_eq!(stems("안전한가요"), ["안전"]);
        assert_eq!(stems("안보 문제"), ["안보", "문제"]);
    }

    #[test]
    fn an_adjective_that_became_so_is_the_adjective() {
        let stems = content_stems;
        assert_eq!(stems("언제 가능해져요?"), ["언제", "가능"]);
        assert_eq!(stems("갑자기 필요해졌는데"), ["갑자기", "필요"]);
        assert_eq!(stems("계약해지하려면"), ["계약해지"]);
    }

    #[test]
    fn a_verb_before_an_auxiliary_is_no_noun() {
        let stems = content_stems;
        assert_eq!(stems("데이터 더 사고 싶어요"), ["데이터", "사"]);
        assert_eq!(stems("사고 났어요"), ["사고"]);
        assert_eq!(stems("여기 살고 싶어요"), ["살"]);
        assert_eq!(stems("충동적으로 사지 마세요"), ["충동적", "사지", "말"]);
        assert_eq!(stems("공지 말고 메일로"), ["공지", "말", "메일"]);
        assert_eq!(stems("하루 종일 켜고 싶어요"), ["하루", "종일", "켜"]);
    }

    #[test]
    fn malgo_after_a_noun_is_rather_than() {
        let stems = content_stems;
        assert_eq!(stems("카드 말고 현금으로 결제돼요?"), ["카드", "말고", "현금", "결제"]);
        // ...written against the noun too.
        assert_eq!(stems("카드말고 현금으로 결제돼요?"), ["카드", "말고", "현금", "결제"]);
        assert_eq!(stems("알림 보내지 말고 메일로 주세요"), ["알림", "보내", "말", "메일"]);
    }

    #[test]
    fn gage_before_doeda_is_going_not_a_shop() {
        let stems =
            |text: &str| Analyzer::default().analyze(text).tokens.iter().map(|t| t.stem.clone()).collect::<Vec<_>>();
        assert_eq!(stems("이사를 가게 됐어요"), ["이사", "가", "되"]);
        assert_eq!(stems("가게 문 닫았어요"), ["가게", "문", "닫"]);
    }

    #[test]
    fn a_word_said_short_is_read_as_written() {
        let a = Analyzer::default().analyze("완전 딴 메뉴 왔어요");
        assert_eq!(a.content_stems().collect::<Vec<_>>(), ["완전", "다른", "메뉴", "오"]);
    }

    #[test]
    fn an_interjection_is_no_word() {
        for (text, stems) in [
            ("오 신기하다", vec!["신기"]),
            ("와 대박", vec!["대박"]),
            ("우와 빠르네요", vec!["빠르"]),
            // Come, where it is not the first word or stands alone.
            ("택배 언제 와", vec!["택배", "언제", "와"]),
            ("메일 안 오", vec!["메일", "안오"]),
        ] {
            assert_eq!(content_stems(text), stems, "{text}");
        }
    }

    #[test]
    fn the_verb_to_pay_is_no_pronoun() {
        for (text, expected) in [
            ("요금 내야 돼요", vec!["요금", "내다"]),
            ("돈 냈는데", vec!["돈", "내다"]),
            ("언제 낼 수 있어요", vec!["언제", "내다"]),
            ("얼마 내", vec!["얼마", "내다"]),
            ("결론 내 주세요", vec!["결론", "내다"]),
            // 'my'
            ("내 정보 바꿀래요", vec!["정보", "바꾸"]),
            ("내가 주문한 거", vec!["주문"]),
        ] {
            assert_eq!(content_stems(text), expected, "{text}");
        }
    }

    #[test]
    fn negated_light_verbs_carry_content() {
        for (text, expected) in [
            ("결제가 안 돼요", vec!["결제", "안되"]),
            ("결제가 안돼요", vec!["결제", "안되"]),
            ("로그인 못 해요", vec!["로그인", "못하"]),
            ("안 될 때", vec!["안되"]),
            ("택배가 안 와요", vec!["택배", "안오"]),
            ("택배 안와요", vec!["택배", "안오"]),
            // ...bare, at the end, as chat writes them
            ("잠이 또 안와", vec!["잠", "안오"]),
            ("숙제 안 해", vec!["숙제", "안하"]),
            ("운동 못 해요", vec!["운동", "못하"]),
            // before other verbs, the negation is the word 않, as in the
            // long form
            ("안 가요", vec!["않", "가"]),
            ("문이 안 열려요", vec!["문", "않", "열리"]),
            ("문이 열리지 않아요", vec!["문", "열리", "않"]),
            // ...with a particle after its 지
            ("입지도 않았는데", vec!["입", "않"]),
            ("열어 보지도 않았어요", vec!["열", "보", "않"]),
            ("시키지도 않은 택배", vec!["시키", "않", "택배"]),
            ("먹지는 못했어요", vec!["먹", "못하"]),
            ("결제가 되지가 않아요", vec!["결제", "않"]),
            ("마일리지도 확인돼요", vec!["마일리지", "확인"]),
            ("할인이 안 들어가요", vec!["할인", "않", "들어가"]),
            ("쿠폰을 못 찾겠어요", vec!["쿠폰", "않", "찾"]),
            // not before a light word the stemmer keeps out (받), nor
            // joined to one already
            ("환불 못 받았어요", vec!["환불"]),
        ] {
            let a = Analyzer::default().analyze(text);
            assert_eq!(a.content_stems().collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn an_auxiliary_written_against_its_verb_is_a_word_as_when_spaced() {
        let a = Analyzer::default();
        for (fused, spaced) in [
            ("알림 보내지마세요", "알림 보내지 마세요"),
            ("메일 삭제하지말고 둬", "메일 삭제하지 말고 둬"),
            ("문자 받지않으려면", "문자 받지 않으려면"),
            ("로그인하지못해요", "로그인하지 못해요"),
            ("해지하면안돼요", "해지하면 안 돼요"),
            // 없다 after the noun it says is missing
            ("추가 비용은 필요없어요", "추가 비용은 필요 없어요"),
            ("수수료 상관없이 되나요", "수수료 상관 없이 되나요"),
            // 보다 of a guess (-나 보다, -ㄴ가 보다)
            ("결제가 안 됐나봐요", "결제가 안 됐나 봐요"),
            ("배송이 늦나봐요", "배송이 늦나 봐요"),
            ("주문이 없는가봐요", "주문이 없는가 봐요"),
        ] {
            assert_eq!(content_stems(fused), content_stems(spaced), "{fused}");
        }
        // Words that merely hold the syllables keep them.
        for (word, stem) in [("지마켓", "지마켓"), ("라면", "라면")] {
            assert_eq!(a.analyze(word).content_stems().collect::<Vec<_>>(), [stem], "{word}");
        }
        let tokens = a.analyze("쓰지마").tokens;
        assert_eq!(tokens.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["쓰지", "마"]);
        assert_eq!((tokens[1].offset_from, tokens[1].offset_to), (6, 9));
    }

    #[test]
    fn normalized_content_stems_are_the_analysis_ones() {
        let a = Analyzer::default();
        let long = "환불 안 돼요 ".repeat(400);
        for text in [
            "환불은 어떻게 하나요?? ㅠㅠ",
            "ＡＳ 센터는 어디예요?",
            "결제가 안 돼요",
            "택배 안와요 ㅂㅅㅈㅎ",
            "eSIM이 안돼요 😀",
            "",
            "ㅋㅋㅋ",
            long.as_str(),
        ] {
            let analysis = a.analyze(text);
            let (normalized, stems) = a.normalized_content_stems(text);
            assert_eq!(normalized, analysis.normalized, "{text}");
            assert_eq!(stems, analysis.content_stems().collect::<Vec<_>>(), "{text}");
        }
    }

    #[test]
    fn noise_only_gives_no_tokens() {
        for text in ["", "   ", "ㅋㅋㅋ", "😀😀", "?!~", "\u{0000}\u{0007}"] {
            assert!(Analyzer::default().analyze(text).tokens.is_empty(), "{text:?}");
        }
    }
}
