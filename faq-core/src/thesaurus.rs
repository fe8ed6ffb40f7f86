//! Synonym groups (concepts) and question-intent cues.
//!
//! The built-in thesaurus (`faq-core/data/thesaurus.txt`) holds general
//! Korean customer-service vocabulary; operators extend it from the FAQ
//! file (`synonyms = [[...]]`) or a file of their own.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::{Error, ErrorKind, Result};
use crate::text::{hangul, Analyzer};

/// The built-in thesaurus text.
pub const BUILTIN: &str = include_str!("../data/thesaurus.txt");

/// A concept found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConceptId(pub u32);

#[derive(Debug, Clone)]
struct Concept {
    name: String,
    intent: bool,
}

#[derive(Debug, Clone)]
struct Term {
    compact: String,
    concept: ConceptId,
    syllables: usize,
    /// True for a term of one word (차박, 배송조회).
    one_word: bool,
    /// True when some of its words are stop words, left out of `compact`
    /// (결제가 안 is matched on 결제).
    reduced: bool,
    /// True when it is `reduced` to the text of an unreduced term of another
    /// concept (결제가 안, a payment error, to 결제, a payment).
    shadowed: bool,
}

/// Concepts and their terms, with a matcher over stem sequences.
#[derive(Debug, Clone)]
pub struct Thesaurus {
    concepts: Vec<Concept>,
    terms: Vec<Term>,
    words: HashSet<String>,
    automaton: Option<AhoCorasick>,
    /// True when made by [`Thesaurus::builtin`]: every built-in term is in.
    builtin: bool,
}

impl Default for Thesaurus {
    fn default() -> Thesaurus {
        Thesaurus::builtin()
    }
}

impl Thesaurus {
    /// A thesaurus with no concepts.
    pub fn empty() -> Thesaurus {
        Thesaurus { concepts: Vec::new(), terms: Vec::new(), words: HashSet::new(), automaton: None, builtin: false }
    }

    /// The built-in Korean customer-service thesaurus (analysed once per
    /// process, then copied).
    pub fn builtin() -> Thesaurus {
        static BUILT: OnceLock<Thesaurus> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                let mut t = Thesaurus::empty();
                t.add_text(BUILTIN).expect("the built-in thesaurus is valid");
                t.builtin = true;
                t
            })
            .clone()
    }

    /// True when every term of the built-in thesaurus is in (it was made by
    /// [`Thesaurus::builtin`], then maybe extended).
    pub fn includes_builtin(&self) -> bool {
        self.builtin
    }

    /// Adds the groups of a thesaurus file (`concept: term, term` per line,
    /// `#` comments). Errors name the line.
    pub fn add_text(&mut self, text: &str) -> Result<()> {
        let analyzer = Analyzer::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((name, terms)) = line.split_once(':') else {
                return Err(Error::parse("thesaurus", Some(i + 1), "expected `concept: term, term, ...`"));
            };
            let name = name.trim();
            if name.is_empty() || name == "?" {
                return Err(Error::parse("thesaurus", Some(i + 1), "the concept name is empty"));
            }
            let terms: Vec<&str> = terms.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
            if terms.is_empty() {
                return Err(Error::parse("thesaurus", Some(i + 1), format!("concept {name:?} has no terms")));
            }
            self.push_group(&analyzer, name, &terms);
        }
        self.rebuild();
        Ok(())
    }

    /// Adds the groups of a thesaurus file.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::new(ErrorKind::Io(e.to_string())).with_path(path))?;
        self.add_text(&text).map_err(|e| e.with_path(path))
    }

    /// Adds synonym groups such as the FAQ file's `synonyms`; each group
    /// becomes a concept named after its first word. Terms already in a
    /// built-in concept join that concept too.
    pub fn add_groups(&mut self, groups: &[Vec<String>]) {
        let analyzer = Analyzer::default();
        for group in groups {
            let terms: Vec<&str> = group.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
            if let Some(first) = terms.first() {
                let name = format!("user:{first}");
                self.push_group(&analyzer, &name, &terms);
            }
        }
        self.rebuild();
    }

    fn push_group(&mut self, analyzer: &Analyzer, name: &str, terms: &[&str]) {
        let (intent, name) = match name.strip_prefix('?') {
            Some(rest) => (true, rest),
            None => (false, name),
        };
        let id = match self.concepts.iter().position(|c| c.name == name) {
            Some(i) => ConceptId(i as u32),
            None => {
                self.concepts.push(Concept { name: name.to_string(), intent });
                ConceptId(self.concepts.len() as u32 - 1)
            }
        };
        for term in terms {
            // A term written in the past without an ending (없어졌, 고장났,
            // 연체됐) reads as users write it, with one (없어졌어요): the
            // stemmer takes a word in 었 alone for a noun. Not when the verb
            // is then a light one the analysis drops (어디까지 됐, 답변
            // 받았): the term would be its other words alone.
            let mut analysis = analyzer.analyze(term);
            let one_word = analysis.tokens.len() == 1;
            if let Some(last) = analysis.tokens.last_mut().filter(|t| t.stem == t.text && ends_in_past(&t.text)) {
                let read = crate::text::korean::stem(&format!("{}어", last.text));
                if !crate::text::korean::is_stop_stem(&read) {
                    last.stem = read;
                }
            }
            // Texts are matched on their content stems, so terms are too.
            let mut compact = String::with_capacity(term.len());
            let mut reduced = false;
            for t in &analysis.tokens {
                if t.is_content() {
                    compact.push_str(&t.stem);
                } else {
                    reduced = true;
                }
            }
            if compact.is_empty() {
                continue;
            }
            // A term ending in a verb also stands for what the stemmer makes
            // of that verb's inflected forms, after the term's other words.
            if let Some((last, before)) =
                analysis.tokens.split_last().filter(|(t, _)| t.script == crate::text::Script::Hangul)
            {
                let mut readings = Vec::new();
                // A bare verb stem (돌려받: 돌려받고 -> 돌려). After other
                // words, a last word in a contracted form is a verb (정보가
                // 달라); alone, it is one only when it ends in one (달러 is no
                // 다르).
                let (base, verb_taken) =
                    crate::text::korean::reduce_verb(&last.stem).unwrap_or_else(|| (last.stem.clone(), false));
                if (!before.is_empty() || verb_taken) && base != last.stem && base.chars().count() >= 2 {
                    readings.push(base);
                }
                // A bare stem in 지 or 기 (깨지, 켜지, 끊기), which alone reads
                // as a shorter verb and an ending (깨지 않게, 끊기 전에), while
                // its inflected forms keep it (깨졌어요, 깨지고 -> 깨지).
                let text = last.text.as_str();
                if last.stem != text
                    && (text.chars().count() >= 2 || !before.is_empty())
                    && crate::text::korean::stem(&format!("{text}고")) == text
                {
                    self.words.insert(text.to_string());
                    readings.push(text.to_string());
                }
                let prefix: String = before.iter().filter(|t| t.is_content()).map(|t| t.stem.as_str()).collect();
                for reading in readings {
                    let compact = format!("{prefix}{reading}");
                    self.terms.push(Term {
                        syllables: compact.chars().count().max(1),
                        compact,
                        concept: id,
                        one_word,
                        reduced: false,
                        shadowed: false,
                    });
                }
            }
            for t in &analysis.tokens {
                if t.is_content() {
                    self.words.insert(t.stem.clone());
                }
            }
            let syllables = compact.chars().filter(|c| hangul::is_syllable(*c)).count().max(
                // A Latin term counts as long enough to match inside words
                // only when it is long.
                if compact.len() >= 4 { 2 } else { 1 },
            );
            self.terms.push(Term { compact, concept: id, syllables, one_word, reduced, shadowed: false });
        }
    }

    fn rebuild(&mut self) {
        // The concept of each unreduced term's text, or `None` for a text
        // terms of several concepts share.
        let mut whole_terms: rustc_hash::FxHashMap<&str, Option<ConceptId>> = rustc_hash::FxHashMap::default();
        for t in self.terms.iter().filter(|t| !t.reduced) {
            whole_terms
                .entry(t.compact.as_str())
                .and_modify(|c| {
                    if *c != Some(t.concept) {
                        *c = None
                    }
                })
                .or_insert(Some(t.concept));
        }
        let shadowed: Vec<bool> = self
            .terms
            .iter()
            .map(|t| t.reduced && whole_terms.get(t.compact.as_str()).is_some_and(|&c| c != Some(t.concept)))
            .collect();
        for (t, shadowed) in self.terms.iter_mut().zip(shadowed) {
            t.shadowed = shadowed;
        }
        self.automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(self.terms.iter().map(|t| t.compact.as_str()))
            .ok();
    }

    /// True when a word (a stem) is a term of some concept.
    pub fn contains_word(&self, stem: &str) -> bool {
        self.words.contains(stem)
    }

    /// What a term is matched on: the stems of its content words. A term
    /// of particles, endings and stop words only (`수 있`) gives none and
    /// matches nothing; one whose other words are such (`더 쓰`) stands for
    /// what is left (`쓰`).
    ///
    /// ```
    /// use faq_core::Thesaurus;
    /// assert_eq!(Thesaurus::matched_stems("배송 조회"), ["배송", "조회"]);
    /// assert_eq!(Thesaurus::matched_stems("더 쓰"), ["쓰"]);
    /// assert!(Thesaurus::matched_stems("수 있").is_empty());
    /// ```
    pub fn matched_stems(term: &str) -> Vec<String> {
        Analyzer::default().analyze(term).content_stems().map(str::to_string).collect()
    }

    /// Every word of the thesaurus (content stems of its terms).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// The concept's name (without the `?` of intents).
    pub fn name(&self, id: ConceptId) -> &str {
        &self.concepts[id.0 as usize].name
    }

    /// True for a question-intent cue (where, when, how much, ...).
    pub fn is_intent(&self, id: ConceptId) -> bool {
        self.concepts[id.0 as usize].intent
    }

    /// Number of concepts.
    pub fn len(&self) -> usize {
        self.concepts.len()
    }

    /// True when there are no concepts.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// Where concepts occur in a sequence of stems: `(concept, first, end)`
    /// with `first..end` the range of stems the term covers. The same rules
    /// as [`Thesaurus::concepts_in`] apply, and the stems are read as a
    /// question's: a term its stop words reduce to another concept's word
    /// (결제가 안 to 결제) is found too.
    pub fn spans_in<'a>(&self, stems: impl IntoIterator<Item = &'a str>) -> Vec<(ConceptId, usize, usize)> {
        self.term_spans(stems, true).into_iter().map(|(c, first, end, _)| (c, first, end)).collect()
    }

    /// [`Thesaurus::spans_in`], each span with whether a term covers its
    /// stems whole (`배송조회` in `배송조회`) rather than lying inside one
    /// (`조회` in `배송조회`); a span found both ways is whole.
    ///
    /// A question's stems are matched by every term. An indexed text's are
    /// not matched by a term its stop words reduce to another concept's
    /// word: a question loses 안 from 결제안됨 as the term 결제가 안 does,
    /// but a phrasing that says 결제 내역 (payment history) speaks of no
    /// payment error.
    pub(crate) fn term_spans<'a>(
        &self,
        stems: impl IntoIterator<Item = &'a str>,
        question: bool,
    ) -> Vec<(ConceptId, usize, usize, bool)> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        // Room for a question's or a phrasing's stems, grown once if ever.
        let mut compact = String::with_capacity(64);
        let mut bounds = Vec::with_capacity(16);
        bounds.push(0usize);
        for s in stems {
            compact.push_str(s);
            bounds.push(compact.len());
        }
        let stem_at = |byte: usize| match bounds.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let mut found: Vec<(ConceptId, usize, usize, bool)> = Vec::with_capacity(16);
        found.extend(ac.find_overlapping_iter(&compact).filter_map(|m| {
            let term = &self.terms[m.pattern().as_usize()];
            if term.shadowed && !question {
                return None;
            }
            let aligned = bounds.binary_search(&m.start()).is_ok();
            let whole = aligned && bounds.binary_search(&m.end()).is_ok();
            let first = stem_at(m.start());
            let end = stem_at(m.end() - 1) + 1;
            // A Latin term inside a word starts it (subtitles), never lies
            // within it (edit is not in credit).
            let latin = term.compact.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric);
            if !(whole || (term.syllables >= 2 && (aligned || (end - first == 1 && !latin)))) {
                return None;
            }
            // A word is not found in words of one syllable each: 차랑
            // 박았는데 (hit a car) is no 차박 (sleeping in the car).
            if term.one_word
                && end - first > 1
                && (first..end).all(|i| compact[bounds[i]..bounds[i + 1]].chars().nth(1).is_none())
            {
                return None;
            }
            // A term over several words that ends inside the last one ends
            // there with a word of two syllables (몇시 in 몇 시에 is whole
            // but for the particle): 스마트폰 사 (buy) is not in 스마트폰
            // 사진.
            if aligned && !whole && end - first > 1 {
                let last_part = &compact[bounds[end - 1]..m.end()];
                let rest = &compact[m.end()..bounds[end]];
                if last_part.chars().count() < 2 && !crate::text::korean::is_particle(rest) {
                    return None;
                }
            }
            // A term after one syllable of its word is part of another word
            // (해지 in 정해지다, 연장 in 공연장) unless that syllable is a
            // prefix (재가입, 미납, 무통장).
            if !aligned && end - first == 1 {
                let before = &compact[bounds[first]..m.start()];
                if before.chars().count() == 1 && !before.chars().next().is_some_and(is_prefix) {
                    return None;
                }
            }
            Some((term.concept, first, end, whole))
        }));
        // Whole before inside, so that the whole one is kept.
        found.sort_unstable_by_key(|&(c, first, end, whole)| (c, first, end, !whole));
        found.dedup_by_key(|&mut (c, first, end, _)| (c, first, end));
        found
    }

    /// The concepts in a sequence of stems, space-insensitive: a term matches
    /// whole stems (`몇 시` in `몇시까지`), or, when it has two syllables or
    /// more, anywhere inside a stem (`배송` in `배송조회`) or from a stem's
    /// start on (`몇시` in `몇` `시에`), but never from inside one stem into
    /// the next (`이사` is not in `오토바이` `사고`). Sorted, without repeats.
    pub fn concepts_in<'a>(&self, stems: impl IntoIterator<Item = &'a str>) -> Vec<ConceptId> {
        let mut found: Vec<ConceptId> = self.spans_in(stems).into_iter().map(|(c, _, _)| c).collect();
        found.dedup();
        found
    }
}

/// Syllables that begin words as prefixes or as short first parts
/// (재발급, 미납, 무료, 타사, 신규, 폰요금, 월요금).
fn is_prefix(c: char) -> bool {
    const PREFIXES: &str = "재미무비타본총전신구당익선후첫새헌반역초최고저소대중폰앱월연일주현과불부실가준내외";
    PREFIXES.contains(c)
}

/// True for a word in the past tense (없어졌, 연체됐, 샀): Hangul whose
/// last syllable ends in ㅆ.
fn ends_in_past(word: &str) -> bool {
    word.chars()
        .next_back()
        .is_some_and(|c| hangul::is_syllable(c) && hangul::final_index(c) == hangul::JONG_SSANG_SIOS)
        && word.chars().all(hangul::is_syllable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &Thesaurus, text: &str) -> Vec<String> {
        let a = Analyzer::default().analyze(text);
        t.concepts_in(a.tokens.iter().map(|t| t.stem.as_str())).into_iter().map(|c| t.name(c).to_string()).collect()
    }

    #[test]
    fn synonyms_share_a_concept() {
        let t = Thesaurus::builtin();
        for (text, concept) in [
            ("연락처 알려줘", "contact"),
            // What gyms and resorts offer, as users name it.
            ("수건 주나요", "towel"),
            ("헬스복 빌려 입을 수 있어요", "sportswear"),
            ("풀장 몇 시에 열어요", "pool"),
            ("바베큐 되나요", "barbecue"),
            ("피티 얼마예요", "personal_training"),
            ("개인 레슨 받고 싶어요", "personal_training"),
            ("오티 언제 받아요", "orientation"),
            ("민증 잃어버렸어요", "resident_id"),
            ("방에 수건 있어요", "guest_room"),
            ("보배 들고 타도 돼?", "power_bank"),
            ("카드 하나 추천해 주세요", "recommend"),
            ("대리점 창업하려면 비용이 얼마나 들어요", "franchise"),
            ("매트리스 어디 브랜드예요", "brand"),
            // 떼다 a document is to have it issued.
            ("진단서 어떻게 떼요", "issuance"),
            ("등본 떼려면 어디로 가요", "issuance"),
            // A term that ends in a verb's bare stem in 지 or 기 names its
            // inflected forms.
            ("화면이 깨졌어요", "defect"),
            ("전원이 안 켜져요", "power_on"),
            ("전기 끊겼어요", "outage"),
            ("글자 깨져요", "error"),
            // Everyday words, slang and written words of many errands.
            ("포장이 훼손돼서 왔어요", "defect"),
            ("비번이 생각 안 나요", "forget"),
            ("친구랑 같이 앉을 수 있나요", "seat"),
            ("단순 변심도 반품돼요", "return"),
            ("14세 미만도 가입돼요", "child"),
            ("처음 상태로 되돌리고 싶어요", "reset"),
            ("약 타러 가야 해요", "prescription"),
            ("월욜에 가도 돼요", "weekday"),
            ("광고성 문자 그만 받고 싶어요", "marketing"),
            // A request told in plain words, without its key word.
            ("매물로 올리고 싶어요", "sell"),
            ("앞에 몇 명 남았어요", "waitlist"),
            ("잠깐 멈춰 두고 싶어요", "hold"),
            ("색상 고를 수 있어요", "choose"),
            // 몇 typed with ㅅ for ㅊ
            ("몃 개까지 돼요", "howmany"),
            ("강아지 데려가도 돼요", "companion"),
            // Giving away, anonymity and hiding; a trade partner who never
            // came; an account closed; a screen frozen.
            ("무료 드림 글 올리고 싶어요", "giveaway"),
            ("이름 안 밝히고 보낼 수 있어요", "anonymous"),
            ("이력서 비공개로 돌리고 싶어요", "hide"),
            ("즐겨찾기 해 둔 방 어디서 봐요", "favorite"),
            // Points that vanish expire; a price that gets lower; a rate.
            ("적립금 날아갔어요", "expire"),
            ("두 마리 같이 들면 싸지나요", "cheap"),
            ("포인트 몇 프로 쌓여요", "percent"),
            ("고친 데가 또 말썽이에요", "defect"),
            // Who may apply; a charge that looks wrong; a booking moved a day.
            ("제가 신청 자격이 되나요", "eligibility"),
            ("결제 금액이 이상해요", "overcharged"),
            ("예약 하루 미루고 싶어요", "postpone"),
            ("거래 상대가 바람맞혔어요", "no_show"),
            ("증권 통장 닫으려면", "terminate"),
            ("화면이 얼어붙었어요", "crash"),
            ("단체 수업 신청은 어디서 해요", "group_class"),
            ("병문안 가능한 시간대가 언제예요", "patient_visit"),
            ("도장 빠졌는데 받을 수 있나요", "stamp_card"),
            ("취소하면 돈 떼이나요", "penalty"),
            ("탈의실에 두고 나온 것 같아요", "lose"),
            ("가스비를 두 번 냈어요", "paymenterror"),
            ("오토차지 해제하려면", "auto_topup"),
            ("타 센터도 출입 가능한가요", "other_branch"),
            ("음성 도서도 있나요", "narrated_books"),
            ("차에 영상 기록 장치를 달았어요", "dashcam"),
            ("towing 비용 내야 해요?", "towing_impound"),
            ("원화를 dollar로 바꾸려면", "exchange_rate"),
            ("가스 개통 free인가요?", "cost"),
            ("online으로 신청돼요?", "website"),
            ("보관 period 얼마나 돼요?", "when"),
            ("증명서 떼는 process 알려주세요", "how"),
            ("late entry 가능한가요?", "admission"),
            // An everyday word and its English.
            ("coupon code 어디다 넣어요", "code"),
            ("return zone 어디예요", "zone"),
            ("가격 difference 얼마나 나요", "difference"),
            ("device 몇 대까지 돼요", "device"),
            ("filter 교체 주기", "spare_parts"),
            ("사진기 챙겨가도 돼요", "camera"),
            ("speed camera 찍혔는데 fine 어떻게 내요", "traffic_violation"),
            ("전화번호가 뭐예요", "contact"),
            ("상담사랑 통화하고 싶어요", "agent"),
            ("직원 연결해 주세요", "agent"),
            ("돈 돌려받고 싶어요", "refund"),
            ("하나 물어봐도 돼요", "consult"),
            ("이것 좀 도와주세요", "consult"),
            ("요금 알아보려면", "check"),
            ("refund 해주세요", "refund"),
            ("몇시까지 해요", "hours"),
            ("영업시간 알려주세요", "hours"),
            ("택배 언제 와요", "delivery"),
            ("배송조회", "tracking"),
            ("어플 안 열려요", "app"),
            ("비번 까먹었어요", "password"),
            ("캔슬하고 싶어요", "cancel"),
            ("책은 언제 와요", "book"),
            ("몇살부터 빌릴 수 있어요", "age"),
            ("짐 맡길 데 있나요", "storage"),
            ("회원권 hold 되나요", "hold"),
            ("렌탈 가격", "rent"),
            ("킥보드 다 타고 어디에 갖다 놓아요", "give_back"),
            ("대여한 우산 반납은 어디서 해요", "give_back"),
            ("안전모 꼭 써야 돼요", "helmet"),
            ("민증 가져가야 해요", "document"),
            ("빨래 맡기면 며칠 걸려요", "laundry"),
            ("요금은 언제까지 내야 돼요", "payment"),
            // Terms written in the past without an ending (없어졌, 터졌).
            ("포인트가 없어졌어요", "lose"),
            ("서버 터졌어요", "outage"),
            ("주차 딱지 떼였어요", "penalty"),
            ("받은 옷이 마음에 안 들어요", "return"),
            ("강아지 데려가도 돼요", "pet"),
            ("이용권 환불", "pass"),
            ("휠체어 좌석 있나요", "disabled"),
            ("층간소음 신고", "noise"),
            ("어르신 할인", "senior"),
            ("어린이 요금", "child"),
            ("주민등록등본은 어디서 떼요", "document"),
            ("강의 다운받아서 볼 수 있나요", "download"),
            ("subtitle 켜는 법", "subtitle"),
            ("이수증 출력돼요", "completion"),
            ("30키로짜리도 보내져요", "weight"),
            // Said in English, cancel is also ending a service (해지).
            ("보험 cancel 하고 싶어요", "terminate"),
            ("주문 cancel 해 주세요", "cancel"),
            ("사용하지 마세요", "prohibit"),
            ("반입 금지인가요", "prohibit"),
            ("흡연은 삼가 주세요", "prohibit"),
            ("쿠폰 유효기간 지났어요", "expire"),
            ("구독 기간 늘리고 싶어요", "extend"),
            ("남은 금액 확인", "balance"),
            ("한도 올려 주세요", "limit"),
            ("챗봇 말고 사람", "bot"),
            ("상담원이랑 얘기하고 싶어요", "consult"),
            ("문의 답변이 안 와요", "reply"),
            ("보증금 반환돼요?", "refund"),
            ("차 댈 곳 있어요?", "parking"),
            ("진료 날짜 잡으려면", "reservation"),
            ("잔액 인출하고 싶어요", "cash_out"),
            ("회원 특전이 뭐예요", "benefit"),
            ("중간에 끊으면 물어내야 해요?", "penalty"),
            ("별점 고칠 수 있나요", "review"),
            ("할인 번호 넣는 곳", "coupon"),
            ("없던 일로 하고 싶어요", "cancel"),
            ("새 집으로 옮기면", "move_house"),
            ("다시 판단해 주세요", "appeal"),
            ("식구랑 같이 써요", "family"),
            ("중고로 팔 수 있나요", "sell"),
            ("미리 잡아 둔 날짜", "reservation"),
            ("관리비 늦게 내면", "overdue"),
            ("착불로 보내도 돼요", "shipping_fee"),
            ("계정 생성은 어디서", "signup"),
            ("우편번호가 틀렸어요", "address"),
            ("설날에도 하나요", "holiday"),
            ("두 번 결제됐어요", "paymenterror"),
            ("점장님 바꿔 주세요", "supervisor"),
            ("잔액 withdraw 하려면", "cash_out"),
            ("auto payment 신청", "autopay"),
            ("보험 coverage 확인", "insurance"),
            ("추천인 코드 어디에 넣어요", "referral"),
            ("매장에서 직접 수령할게요", "pickup"),
            ("우산을 택시에 두고 왔어요", "lose"),
            ("공유기 바꾸고 싶어요", "wifi"),
            ("서버 점검 언제 끝나요", "maintenance"),
            ("마이페이지 어디 있어요", "website"),
            ("스미싱 문자를 받았어요", "fraud"),
            // Everyday descriptions without the key word
            ("취소했는데 돈이 돌아오나요", "refund"),
            ("물건 언제 와요", "delivery"),
            ("계속 기다리고 있어요", "long_wait"),
            ("예약을 다른 날로 바꾸고 싶어요", "postpone"),
            ("누가 제 계정에 몰래 로그인했어요", "hacked"),
            ("매달 빠져나가는 돈", "fee"),
            ("비밀번호가 기억이 안 나요", "forget"),
            ("가짜 문자를 받았어요", "fraud"),
            ("장바구니에 담아 둔 거", "cart"),
            ("와이파이 신호가 약해요", "slow"),
            ("coupon code 어디에 넣어요", "coupon"),
            ("기기변경 하고 싶어요", "phone_device"),
            ("스크린샷 보내도 되나요", "attach"),
            ("비번 재설정", "reset"),
            ("로그아웃이 안 돼요", "logout"),
            ("장기 미사용 계정", "dormant"),
            ("앱 업데이트 했는데", "update"),
            ("약정 기간 남았는데", "contract"),
            ("contract 끝나면", "contract"),
            ("위약금 얼마예요", "penalty"),
            ("penalty 있나요", "penalty"),
            ("이심 활성화", "activate"),
            ("콜백 예약", "callback"),
            ("핸드폰 바꿨어요", "phone_device"),
            ("와이파이 비밀번호", "wifi"),
            ("와파 연결이 안 돼요", "wifi"),
            ("등록금 분납 되나요", "installment"),
            ("두 번에 나눠 내도 돼요?", "installment"),
            ("가방이 사라졌어요", "lose"),
            ("계정 밴 당했어요", "block"),
            ("계정 만들고 싶어요", "signup"),
            ("기숙사 보증금 언제 돌려줘요", "deposit"),
            ("deposit 환불", "deposit"),
            ("성적 이의신청 기간", "appeal"),
            ("재심 요청하고 싶어요", "appeal"),
            ("아이디 도용당했어요", "hacked"),
            ("계정 털렸어요", "hacked"),
            ("주문한 수량보다 덜 왔어요", "missing"),
            ("상품이 누락됐어요", "missing"),
            ("욕하는 사람 신고할래요", "report"),
            ("영수증 뽑으려면", "print"),
            ("공항 창구는 언제 닫아요", "counter"),
            ("게임이 자꾸 튕겨요", "crash"),
            ("겜 접속이 안 돼요", "game"),
            ("캐릭 삭제하고 싶어요", "character"),
            ("택배비 누가 내요", "shipping_fee"),
            ("상품평 쓰면 적립금 줘요?", "review"),
            ("박스 버려도 돼요?", "packaging"),
            ("현금으로 내도 되나요", "cash"),
            ("이용약관 어디서 봐요", "terms"),
            ("점심시간에도 받아요?", "lunch"),
            ("휴무일 알려 주세요", "holiday"),
            ("나이 제한 있어요?", "age"),
            ("대출 한도 조회", "loan"),
            ("금리 얼마예요", "interest"),
            ("적금 해지하고 싶어요", "savings"),
            ("비행기표 환불", "ticket"),
            ("짐 몇 개까지 부쳐요", "baggage"),
            ("탑승 수속 언제 해요", "checkin"),
            ("항공편 바뀌었어요", "flight"),
            ("강의 환불 돼요?", "class"),
            ("진료 예약 바꾸고 싶어요", "treatment"),
            ("처방전 다시 받을 수 있어요?", "prescription"),
            ("일본 가서도 폰 써요?", "abroad"),
            ("베트남에서 로밍 돼요?", "abroad"),
            ("명의 양도하고 싶어요", "hand_over"),
            ("이사 가면 인터넷 옮겨요?", "move_house"),
            ("주소지 변경 신청", "move_house"),
            ("과금 기준이 뭐예요", "fee"),
            ("외국인도 가입돼요?", "foreigner"),
            ("산 거 물리고 싶어요", "cancel"),
            ("예약 날짜 미루고 싶어요", "postpone"),
            ("카드가 부러졌어요", "defect"),
            ("탈퇴한 계정 되살리고 싶어요", "unblock"),
            ("재학증명서 떼려면", "print"),
            ("무슨 요일에 와요", "date"),
            ("앱 깔았는데 안 열려요", "install"),
            ("고쳐 주실 수 있나요", "repair"),
            ("주문 내역 지우고 싶어요", "delete"),
            ("비번 까먹었어요", "forget"),
            ("포인트 적립 언제 돼요", "point"),
            ("치킨 시켰는데 안 와요", "order"),
            ("돈을 엉뚱한 사람한테 보냈어요", "mistake"),
            ("실수로 두 번 결제했어요", "mistake"),
            ("데이터가 바닥났어요", "run_out"),
            ("자동결제 카드 바꾸고 싶어요", "autopay"),
            ("다른 색깔 있나요", "color"),
            ("처리 상태 확인", "status"),
            ("텔레비전이 안 나와요", "tv"),
            ("플랜 바꾸고 싶어요", "plan"),
            ("택배 기사가 안 와요", "courier"),
            ("퇴실 시간이 언제예요", "checkout"),
            ("숙소 예약 취소", "stay"),
            ("검침은 언제 해요", "meter"),
            ("사은품 언제 와요", "gift"),
            ("contact 어디로 해요", "contact"),
            ("요금이 빠져나가는 통장", "autopay"),
            ("포인트 다 썼어요", "run_out"),
            // English words and chat forms.
            ("double charged 됐어요", "paymenterror"),
            ("환불좀 해 주세요", "refund"),
            // Everyday words of errands: a car that broke down, a blurry
            // picture, a bill split, a cancellation taken back.
            ("고속도로에서 차 퍼졌어요", "roadside_assistance"),
            ("타이어 펑크 났어요", "roadside_assistance"),
            ("화면이 뿌옇게 나와요", "video_quality"),
            ("친구랑 따로따로 계산해도 돼요", "split_bill"),
            ("취소한 주문 되살리고 싶어요", "undo_cancellation"),
            ("예약 펑크 내면 어떻게 돼요", "no_show"),
            ("음식물 봉투 어디서 사요", "food_waste"),
            ("사용설명서 잃어버렸어요", "manual"),
            ("예약 인원 변경돼요", "headcount_change"),
            // Verbs of a request.
            ("신청 접수는 어디서 해요", "apply"),
        ] {
            let found = names(&t, text);
            assert!(found.iter().any(|n| n == concept), "{text}: {found:?}");
        }
        // A country's name is matched as a whole word: 일본 is not 일보,
        // found inside 메일보내. Nor does a term run from inside one word
        // into the next.
        assert_not_found(
            &t,
            &[
                ("메일 보내 주세요", "abroad"),
                ("오토바이 사고 싶어", "move_house"),
                ("요금 지금 낼게요", "prohibit"),
                // A word a phrase needs is no term alone: 몇 명 is no change
                // of headcount, 각자 no split bill, a flat tyre no no-show.
                ("몇 명까지 예약돼요", "headcount_change"),
                ("각자 다른 주소로 보내요", "split_bill"),
                ("타이어 펑크 났어요", "no_show"),
                // A button one cannot see or find is not hidden on purpose.
                ("취소 버튼이 안 보여요", "hide"),
                ("탈퇴 버튼 어디 숨겨 놨어요", "hide"),
            ],
        );
    }

    /// Checks that no text stands for its concept.
    fn assert_not_found(t: &Thesaurus, cases: &[(&str, &str)]) {
        for (text, concept) in cases {
            let found = names(t, text);
            assert!(!found.iter().any(|n| n == concept), "{text}: {found:?}");
        }
    }

    #[test]
    fn intents_are_flagged() {
        let t = Thesaurus::builtin();
        for (text, intent) in [
            ("반품 비용은 얼마예요", "cost"),
            ("어디서 신청해요", "where"),
            ("언제 와요", "when"),
            ("어떻게 해요", "how"),
            ("location 확인", "where"),
            ("얼마나 기다려야 해요", "when"),
            ("매장 어디로 가요", "where"),
            ("왜이렇게 느려요", "why"),
            ("서류 제출은 필수인가요", "must"),
            ("꼭 해야 하나요", "must"),
        ] {
            let a = Analyzer::default().analyze(text);
            let ids = t.concepts_in(a.tokens.iter().map(|t| t.stem.as_str()));
            assert!(ids.iter().any(|&c| t.is_intent(c) && t.name(c) == intent), "{text}");
        }
    }

    #[test]
    fn generic_words_stand_for_no_narrow_concept() {
        let t = Thesaurus::builtin();
        // 조회 looks anything up (요금 조회, 위약금 조회): only 배송 조회 is
        // delivery tracking. 위치 추적 finds a phone, not a parcel.
        // A term is matched on its content stems: 더 쓰 or 같이 쓰 would
        // stand for 쓰 alone, 내 정보 for 정보, so no term is written so.
        assert_not_found(
            &t,
            &[
                ("위약금은 어디서 조회하나요", "tracking"),
                ("폰 위치 추적 되나요", "tracking"),
                ("앱을 쓰고 있어요", "buy_more"),
                ("앱을 쓰고 있어요", "share"),
                ("비밀번호 바꾸고 싶어요", "connect"),
                ("다시 전화해도 되나요", "reissue"),
                ("배송 정보 확인", "personal"),
                ("쓸 수 있는 곳", "address"),
                // 물어보다 asks; 물 is water.
                ("폰을 물에 빠뜨렸어요", "consult"),
                // A Latin term starts a word it lies in: no 'order' in border.
                ("border 지역 배송", "order"),
                // A claim (청구) is no insurance: 청구서 is a bill.
                ("청구서 다시 보내 주세요", "insurance"),
                // A term after one syllable of another word lies in that
                // word: 정해지다 ends nothing, a concert hall (공연장)
                // extends nothing.
                ("수량이 정해져 있어요", "terminate"),
                ("공연장 위치", "extend"),
                // A term whose other words are all stop words is its one
                // word alone: 안 들어가져 would make every 들다 a login,
                // 입고 every 입다 a restock, 내가 안 산 every 산 a hack,
                // 좋은 거 있 every 좋다 a benefit, 궁금한 점 every 점 a
                // question.
                ("무거운 상자도 들 수 있나요", "login"),
                // 들어가 is a verb of its own, not 들어 (contained) and 가.
                ("콜라가 안 들어 있어요", "login"),
                ("옷을 입고 가도 되나요", "stock"),
                ("산에서 길을 잃었어요", "hacked"),
                ("좋은 하루 보내세요", "benefit"),
                ("이 점 참고해 주세요", "consult"),
                // A word alone that ends as a contracted verb would is a
                // word: 달러 is no 다르 (강의마다 다르며), 캐셔 no 캐시.
                ("강의마다 다르며", "exchange_rate"),
                ("요금이 달라요", "exchange_rate"),
            ],
        );
        // A term over two words ends inside the second with two syllables
        // or a particle: 스마트폰 사 (buy) is not in 스마트폰 사진.
        let spans =
            |stems: &[&str]| t.spans_in(stems.iter().copied()).into_iter().map(|(_, a, b)| (a, b)).collect::<Vec<_>>();
        assert!(!spans(&["스마트폰", "사진"]).contains(&(0, 2)));
        assert!(spans(&["스마트폰", "사"]).contains(&(0, 2)));
        assert!(spans(&["몇", "시에"]).contains(&(0, 2)));
        // A narrower word before a word that names the concept alone stays
        // a word of its own: 에어컨 설치 is an installation, but of what a
        // FAQ about internet lines never installs.
        for pair in [["에어컨", "설치"], ["투자", "상품"], ["골프", "부킹"], ["조조", "할인"]] {
            assert!(!spans(&pair).contains(&(0, 2)), "{pair:?}");
            assert!(spans(&pair).contains(&(1, 2)), "{pair:?}");
        }
        // After a prefix it is the term: 재가입 is signing up again.
        assert!(names(&t, "재가입 되나요").contains(&"signup".to_string()));
        assert!(names(&t, "미납요금 조회").contains(&"fee".to_string()));
        assert!(names(&t, "실비 청구 어떻게 해요").contains(&"insurance".to_string()));
        assert!(names(&t, "실비 청구 어떻게 해요").contains(&"claim".to_string()));
        assert!(names(&t, "택배 조회 어디서 해요").contains(&"tracking".to_string()));
        // A verb taken off a term written as a stem leaves its base (돌려받 ->
        // 돌려); a verb after other words is one in a contracted form too.
        assert!(names(&t, "달러로 결제").contains(&"exchange_rate".to_string()));
        assert!(names(&t, "서둘러서 처리해 주세요").contains(&"urgent".to_string()));
        assert!(names(&t, "이름이 달라서 안 돼요").contains(&"info_mismatch".to_string()));
    }

    #[test]
    fn every_built_in_term_matches_something() {
        // A term of particles, endings and stop words alone (수 있, 뭐) would
        // be skipped without a word: the built-in file has none.
        for line in BUILTIN.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let (concept, terms) = line.split_once(':').unwrap();
            for term in terms.split(',').map(str::trim) {
                assert!(!Thesaurus::matched_stems(term).is_empty(), "{concept}: {term:?}");
            }
        }
    }

    #[test]
    fn a_word_is_found_across_spaces_but_not_in_words_of_one_syllable_each() {
        let mut t = Thesaurus::empty();
        t.add_text("carcamp: 차박\ntracking: 배송조회\nphone: 휴대폰\nparking: 차 대").unwrap();
        let found = |stems: &[&str]| -> Vec<String> {
            t.spans_in(stems.iter().copied()).into_iter().map(|(c, _, _)| t.name(c).to_string()).collect()
        };
        // 차랑 박았는데: a car and a hit, not a night in the car.
        assert!(found(&["차", "박"]).is_empty());
        // Written apart, a word is still the word.
        assert_eq!(found(&["배송", "조회"]), ["tracking"]);
        assert_eq!(found(&["휴대", "폰"]), ["phone"]);
        assert_eq!(found(&["차박"]), ["carcamp"]);
        // A term of several words is found in them, however short.
        assert_eq!(found(&["차", "대"]), ["parking"]);
    }

    #[test]
    fn changing_a_plan_is_the_plan_and_the_change() {
        // 요금제 바꾸 as one term of plans made an entry on plan prices, which
        // says 요금제 alone, as good an answer to 요금제 바꿀 수 있어 as the
        // entry on changing the plan.
        let t = Thesaurus::builtin();
        for stems in [["요금제", "바꾸"], ["플랜", "변경"], ["요금제", "낮추"]] {
            let spans: Vec<(String, usize, usize)> =
                t.spans_in(stems).into_iter().map(|(c, i, j)| (t.name(c).to_string(), i, j)).collect();
            assert!(spans.contains(&("plan".to_string(), 0, 1)), "{stems:?}: {spans:?}");
            assert!(spans.iter().any(|(_, i, j)| (*i, *j) == (1, 2)), "{stems:?}: {spans:?}");
            assert!(!spans.iter().any(|(_, i, j)| (*i, *j) == (0, 2)), "{stems:?}: {spans:?}");
        }
    }

    #[test]
    fn a_term_reduced_to_another_concepts_word_matches_questions_only() {
        let mut t = Thesaurus::empty();
        t.add_text("pay: 결제\npayerror: 결제 오류, 결제가 안\nmore: 더 쓰").unwrap();
        let names = |text: &str, question: bool| -> Vec<String> {
            let a = Analyzer::default().analyze(text);
            let stems: Vec<&str> = a.content_stems().collect();
            let mut n: Vec<String> = t
                .term_spans(stems.iter().copied(), question)
                .into_iter()
                .map(|(c, ..)| t.name(c).to_string())
                .collect();
            n.dedup();
            n
        };
        // A question loses 안 from 결제안됨 as the term does: both are 결제.
        assert_eq!(names("결제안됨", true), ["pay", "payerror"]);
        // A phrasing that says 결제 speaks of payments only, and one that
        // says the term whole speaks of the error.
        assert_eq!(names("결제 내역", false), ["pay"]);
        assert_eq!(names("결제 오류 문의", false), ["pay", "payerror"]);
        // A term reduced to a word no other concept has stands for it.
        assert_eq!(names("많이 쓰", false), ["more"]);
        // The built-in terms of payment errors written with 안 or 됐는데
        // leave a phrasing on payment history alone.
        let t = Thesaurus::builtin();
        let a = Analyzer::default().analyze("결제 내역");
        let spans = t.term_spans(a.content_stems(), false);
        assert!(spans.iter().all(|&(c, ..)| t.name(c) != "paymenterror"), "{spans:?}");
        assert!(spans.iter().any(|&(c, ..)| t.name(c) == "payment"), "{spans:?}");
    }

    #[test]
    fn short_terms_match_whole_words_only() {
        let t = Thesaurus::builtin();
        // 앱 is a one-syllable term: not inside 앱스토어's neighbour words like 냅킨.
        assert!(!names(&t, "냅킨").contains(&"app".to_string()));
        assert!(names(&t, "앱 로그인").contains(&"app".to_string()));
    }

    #[test]
    fn the_built_in_thesaurus_is_known_as_such_once_extended() {
        let mut t = Thesaurus::builtin();
        assert!(t.includes_builtin());
        t.add_groups(&[vec!["꿀벌단".into(), "벌떼".into()]]);
        assert!(t.includes_builtin());
        assert!(t.contains_word("꿀벌단") && t.contains_word("연락처"));
        assert!(!Thesaurus::builtin().contains_word("꿀벌단"));
        assert!(!Thesaurus::empty().includes_builtin());
    }

    #[test]
    fn user_groups_and_errors() {
        let mut t = Thesaurus::empty();
        t.add_groups(&[vec!["멤버십".into(), "회원제".into()]]);
        assert_eq!(names(&t, "회원제 가입"), vec!["user:멤버십"]);
        let err = Thesaurus::empty().add_text("ok: a\nbroken line\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn no_builtin_term_is_everyday_verbs_alone() {
        // A pickup said with 들러서 받 or 가서 받아 오 is, without its stop
        // words, 들르 or 가 + 오: any visit, or 비가 오 (rain).
        let t = Thesaurus::builtin();
        for text in ["서점에 들렀어", "비가오니 그런가", "학교에 가서 오래 있었어"] {
            let a = Analyzer::default().analyze(text);
            let spans = t.term_spans(a.content_stems(), true);
            assert!(spans.iter().all(|&(c, ..)| t.name(c) != "pickup"), "{text}: {spans:?}");
        }
    }
}
