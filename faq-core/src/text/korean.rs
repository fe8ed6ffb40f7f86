//! Korean analysis without a dictionary: particles (조사) and endings (어미)
//! come off each eojeol, contracted verb forms are undone, and light verbs
//! (하다, 되다, 받다) are dropped, so that 환불은 / 환불해요 / 환불되나요 /
//! 환불받았는데 all give the stem 환불.

use std::sync::LazyLock;

use super::hangul;

/// Verbal endings, with what they require of the syllable before them.
/// A leading jamo (ㄹ, ㄴ, ㅂ, ㅁ) is fused into that syllable's 받침.
const ENDINGS: &[&str] = &[
    // -느라고 (while busy doing) before the quote's 라고
    "느라고",
    // questions
    "나요",
    "나여",
    "나용",
    "는가요",
    "은가요",
    "ㄴ가요",
    "인가요",
    "던가요",
    "을까요",
    "ㄹ까요",
    "을까",
    "ㄹ까",
    "습니까",
    "ㅂ니까",
    // 있는지도, 될지도: 지 with 도
    "는지도",
    "은지도",
    "ㄴ지도",
    "을지도",
    "ㄹ지도",
    "는지요",
    "은지요",
    "ㄴ지요",
    "을지요",
    "ㄹ지요",
    "는지",
    "은지",
    "ㄴ지",
    "을지",
    "ㄹ지",
    "냐",
    "니",
    "나",
    "남",
    "느라",
    "는데요",
    "은데요",
    "ㄴ데요",
    "눈데요",
    "눈데",
    "는데",
    "은데",
    "ㄴ데",
    "던데",
    "던데요",
    "죠",
    "지요",
    "지",
    "까",
    "려나요",
    "으려나요",
    "려나",
    "으려나",
    // chat and dialect forms: 되쥬, 하고파, 하셈, 해주삼
    "쥬",
    "고파",
    "고파요",
    "셈",
    "삼",
    "ㄴ가",
    "는가",
    "은가",
    // the bound noun 거 (것) with the copula: 할거야, 하는건가요
    "ㄹ거야",
    "을거야",
    "ㄹ꺼야",
    "을꺼야",
    "ㄹ거예요",
    "ㄹ꺼예요",
    "을꺼예요",
    "ㄹ꺼에요",
    "을꺼에요",
    "을거예요",
    "ㄹ거에요",
    "을거에요",
    "ㄹ겁니다",
    "을겁니다",
    "ㄹ겁니까",
    "을겁니까",
    "ㄹ건가요",
    "을건가요",
    "ㄹ건가",
    "을건가",
    "ㄹ건지",
    "을건지",
    "ㄹ건데",
    "을건데",
    "ㄹ거니",
    "ㄹ거죠",
    "는거야",
    "는거예요",
    "는거에요",
    "는건가요",
    "는건가",
    "는건지",
    "는건데",
    "는거죠",
    "는거",
    "는게",
    "는걸",
    "ㄴ거야",
    "ㄴ거예요",
    "ㄴ거에요",
    "은거예요",
    "은거에요",
    "ㄴ건가요",
    "ㄴ건가",
    "ㄴ건지",
    "ㄴ거죠",
    "ㄴ거",
    "ㄴ게",
    "ㄴ건",
    "는건",
    "ㄹ건",
    "ㄴ걸",
    "ㄴ거요",
    "는거요",
    "ㄹ거요",
    // hearsay: 취소된대요, 된다네요, 된답니다
    "ㄴ대요",
    "는대요",
    "ㄴ대",
    "는대",
    "ㄴ다네요",
    "는다네요",
    "ㄴ답니다",
    "는답니다",
    "ㄴ다던데",
    "는다던데",
    "ㄴ다는데",
    "다는데",
    "다던데",
    "다더니",
    "ㄴ다더니",
    "는다더니",
    // insisting: 안된다니까, 했다니까
    "다니까",
    "ㄴ다니까",
    "는다니까",
    "는다는데",
    "습니다만",
    "ㅂ니다만",
    "다가",
    "은거",
    "은게",
    "ㄹ거",
    "을거",
    "ㄹ래요",
    "을래요",
    "ㄹ래",
    "을래",
    // statements, promises, requests and suggestions
    "ㄹ게요",
    "을게요",
    "ㄹ께요",
    "을께요",
    "ㄹ게",
    "을게",
    "ㄹ께",
    "을께",
    // guessing and regretting: 될걸요, 할걸
    "ㄹ걸요",
    "을걸요",
    "ㄹ걸",
    "을걸",
    "십시오",
    "으십시오",
    "시오",
    "으시오",
    "ㅂ시다",
    "읍시다",
    "자",
    "어라",
    "아라",
    "여라",
    "거라",
    "라",
    "렴",
    "으렴",
    "습니다",
    "ㅂ니다",
    "어요",
    "아요",
    "여요",
    "에요",
    "예요",
    "이에요",
    "이예요",
    "세요",
    "으세요",
    "셔요",
    "시나요",
    "십니까",
    "셨나요",
    "셨어요",
    "셨는데",
    "셨는데요",
    "주세요",
    "해주세요",
    "해줘",
    "해줘요",
    "어용",
    "아용",
    "여용",
    "해용",
    "요",
    "용",
    "여",
    "어",
    "아",
    "다",
    "는다",
    "ㄴ다",
    // quoting and supposing: 된다고, 있다면, 하자고
    "다고",
    "ㄴ다고",
    "는다고",
    "다면",
    "ㄴ다면",
    "는다면",
    "다는",
    "ㄴ다는",
    "는다는",
    "냐고",
    "냐고요",
    "냐구요",
    "냐는",
    "다고요",
    "ㄴ다고요",
    "는다고요",
    "자고",
    // reasons: 안되길래, 하기에
    "길래",
    "기에",
    // recalling and guessing: 언제더라, 될듯, 할텐데
    // 했더니, 가봤더니: what followed
    "더니",
    "더라",
    "더라고",
    "더라고요",
    "더라구",
    "더라구요",
    "ㄹ듯",
    "을듯",
    "는듯",
    "ㄴ듯",
    "은듯",
    "ㄹ텐데",
    "을텐데",
    "ㄹ텐데요",
    "ㄹ테니",
    "을테니",
    "거든요",
    "거든",
    // 막거나 풀거나: 'or'
    "거나",
    // 받자마자 (as soon as), 하게끔 (so that), 해지래서 (because, they
    // say), 하더라도 (even if), 하고자 (in order to), 될까봐 (for fear)
    "자마자",
    "게끔",
    "래서",
    "더라도",
    "고자",
    "ㄹ까봐",
    "ㄹ까봐요",
    "을까봐",
    "을까봐요",
    "래요",
    "해",
    "대요",
    "고요",
    "네요",
    "네",
    "군요",
    "구나",
    "잖아요",
    "잖아",
    "ㅁ",
    "음",
    "임",
    // connectives and modifiers
    "러",
    "으러",
    // 결제할때, 바꿀때: 때 written against the verb, with its particle
    // too (결제할때마다, 이용할땐)
    "ㄹ때",
    "을때",
    "ㄹ때마다",
    "을때마다",
    "ㄹ때는",
    "을때는",
    "ㄹ땐",
    "을땐",
    "ㄹ때도",
    "을때도",
    "ㄹ때요",
    "을때요",
    "ㄹ때만",
    "을때만",
    "려",
    "려면",
    "으려면",
    "ㄹ려면",
    "려고",
    "으려고",
    "ㄹ려고",
    "려니까",
    "으려니까",
    "려고요",
    "으려고요",
    "려다가",
    "으려다가",
    "려다",
    "으려다",
    "려구",
    "으려구",
    "려구요",
    "으려구요",
    "려는데",
    "으려는데",
    "려는데요",
    "으려는데요",
    "려는",
    "으려는",
    // quoting: 조회하라는 문자, 오류라고 떠요
    "라는",
    "라고",
    "면",
    "으면",
    "면은",
    "니까",
    "으니까",
    "므로",
    "으므로",
    "는데도",
    "어서",
    "아서",
    "여서",
    "서",
    "고",
    "며",
    "면서",
    "으며",
    "지만",
    "도록",
    "게",
    "기",
    "는",
    "은",
    "ㄴ",
    "을",
    "ㄹ",
    "던",
    "어도",
    "아도",
    "도",
    "여도",
    "야",
    "어야",
    "아야",
    "여야",
    "야지",
    "어야지",
    "야되",
    "야돼",
];

/// Particles (조사), longest first at run time. Agreement particles (은/는,
/// 이/가, 을/를, 과/와, 으로/로) are only stripped when they agree with
/// the 받침 before them.
const PARTICLES: &[&str] = &[
    "에서는",
    "에서나",
    "에다가",
    "에다",
    "만큼",
    "조차",
    "마저",
    "이나마",
    "에게서",
    "한테서",
    "으로는",
    "으로도",
    "이라도",
    "까지는",
    "까지도",
    "부터는",
    "에서도",
    "에서",
    "에게",
    "한테",
    "께서",
    "으로",
    "이랑",
    "하고",
    "까지",
    "부터",
    "처럼",
    "보다",
    "마다",
    "밖에",
    "이나",
    "이든",
    "이요",
    "에는",
    "에도",
    "로는",
    "뿐",
    "쯤",
    "씩",
    "째",
    "짜리",
    // contracted: 밤엔 (에는)
    "엔",
    "로도",
    "라도",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "과",
    "와",
    "로",
    "랑",
    "에",
    "의",
    "도",
    "만",
    "나",
    "요",
    "께",
    "든",
];

/// Stems that carry no content: auxiliary verbs, pronouns, fillers.
const STOP_STEMS: &[&str] = &[
    "하",
    "되",
    "있",
    "수",
    "것",
    "거",
    "게",
    "걸",
    "건",
    "좀",
    "저",
    "제",
    "나",
    "내",
    "그",
    "이",
    "저희",
    "우리",
    "뭐",
    "혹시",
    "통해",
    // -ㄹ 수록 (the more) written apart
    "수록",
    "당신",
    "그대",
    "자네",
    "그냥",
    "요",
    "네",
    "예",
    "싶",
    "주",
    "드리",
    "알",
    "궁금",
    "및",
    "등",
    "때",
    "더",
    "잘",
    "또",
    "데",
    "분",
    "님",
    "해",
    "한",
    "할",
    "함",
    "했",
    "됨",
    "돼",
    "안",
    "못",
    "너무",
    "진짜",
    "정말",
    // 하시기 바랍니다: a polite request, no topic
    "바라",
    // 환불에 대한, 문의를 위한, 배송에 관한, 약관에 의한: postpositions
    "대하",
    "위하",
    "관하",
    "의하",
    "근데",
    "그런데",
    "그래서",
    "그럼",
    "아",
    "어",
    "음",
    // interjections of chat (헐, 아니 진짜, 헉), and 아니라 (not ... but)
    "헐",
    "아니",
    "헉",
    "앗",
    "엥",
    "아이고",
    "아니라",
    // greetings typed short (하이, 헬로, 방가): 안녕 is an everyday word
    "하이",
    "헬로",
    "방가",
    // the bound nouns 거 and 데 with the copula or a particle (나가는 거라,
    // 다른 데서), here and there (여기서), and 그러다 (그러는데, 그런가)
    "거라",
    "거라서",
    "데서",
    "여기서",
    "거기서",
    "저기서",
    "그러",
    "그런가",
    // 있 typed without its double ㅅ (잇나요), 좀 with 요
    "잇",
    "좀요",
    "저기",
    "여기",
    "거기",
    "이거",
    "그거",
    "저거",
    "이런",
    "그런",
    "저런",
    // 왜 그래요, 한 번도 (not once), 볼 만한 (worth seeing)
    "그래",
    "번도",
    "만하",
    "어떤",
    "무슨",
    "어느",
    "알리",
    "받",
    "해주",
    "같",
    "인가",
    "건가",
    // the bound noun 거 with the copula, written apart (할 거야, 하는 건지)
    "거야",
    "건지",
    "거면",
    "건데",
    "거지",
    "거죠",
    "뭘까",
    "뭔가",
    // contracted pronouns and 때 (뭘 = 뭐를, 땐 = 때는)
    "뭘",
    "뭔",
    "뭐라",
    "뭐야",
    "뭐지",
    "뭐니",
    "뭐냐",
    "땐",
    "이건",
    "그건",
    "저건",
    "이걸",
    "그걸",
    "이게",
    "그게",
    "어떤게",
    "어떤걸",
    "어떤건",
    // English articles, the copula, do and please: the grammar of a
    // question in English (what is the fee, how do I pay), no topic. Each
    // term of the thesaurus that has one keeps a word of its concept
    // (where is -> where, place an order -> place order). Not a: a grade,
    // a size or A/S.
    "an",
    "the",
    "is",
    "are",
    "am",
    "was",
    "were",
    "be",
    "do",
    "does",
    "did",
    "please",
    "pls",
    "plz",
];

static ENDINGS_SORTED: LazyLock<AffixTable> = LazyLock::new(|| AffixTable::new(sorted_affixes(ENDINGS)));
static PARTICLES_SORTED: LazyLock<AffixTable> = LazyLock::new(|| AffixTable::new(sorted_affixes(PARTICLES)));
static LONG_PARTICLE_CHARS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| LONG_PARTICLES.iter().map(|p| p.chars().collect()).collect());
static INNER_PARTICLE_CHARS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| INNER_PARTICLES.iter().map(|p| p.chars().collect()).collect());
static STOPS: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| stop_stems().collect());

struct Affix {
    /// Syllables that must end the word.
    tail: Vec<char>,
    /// A 종성 index fused into the syllable before `tail`, if any.
    fused: Option<usize>,
}

/// Affixes, longest first, found by the last two syllables of a word:
/// only those ending with them (or shorter ones ending with its last
/// syllable, or bare fused consonants) can match it.
struct AffixTable {
    affixes: Vec<Affix>,
    /// Last two syllables -> positions in `affixes` of the affixes that may
    /// end a word ending so, in order.
    by_pair: rustc_hash::FxHashMap<(char, char), Vec<u16>>,
    /// Last syllable -> positions of the affixes of one syllable ending so,
    /// and of the bare ones, in order.
    by_last: rustc_hash::FxHashMap<char, Vec<u16>>,
    /// Positions of the affixes with no syllable.
    bare: Vec<u16>,
}

impl AffixTable {
    fn new(affixes: Vec<Affix>) -> AffixTable {
        let mut by_pair: rustc_hash::FxHashMap<(char, char), Vec<u16>> = rustc_hash::FxHashMap::default();
        let mut by_last: rustc_hash::FxHashMap<char, Vec<u16>> = rustc_hash::FxHashMap::default();
        let mut bare = Vec::new();
        for (i, a) in affixes.iter().enumerate() {
            match a.tail[..] {
                [] => bare.push(i as u16),
                [c] => by_last.entry(c).or_default().push(i as u16),
                [.., b, c] => by_pair.entry((b, c)).or_default().push(i as u16),
            }
        }
        // A word ending in (b, c) may take the longer affixes ending so, the
        // one-syllable ones ending in c and the bare ones: merged in the
        // order of the list (longest first).
        for (&(_, c), list) in by_pair.iter_mut() {
            list.extend(by_last.get(&c).into_iter().flatten().copied());
            list.extend_from_slice(&bare);
            list.sort_unstable();
        }
        for list in by_last.values_mut() {
            list.extend_from_slice(&bare);
            list.sort_unstable();
        }
        AffixTable { affixes, by_pair, by_last, bare }
    }

    /// The affixes that may end the word `w`, longest first.
    fn ending(&self, w: &[char]) -> impl Iterator<Item = &Affix> {
        let pair = match w {
            [.., b, c] => self.by_pair.get(&(*b, *c)),
            _ => None,
        };
        let list = match (pair, w.last()) {
            (Some(list), _) => list,
            (None, Some(c)) => self.by_last.get(c).unwrap_or(&self.bare),
            (None, None) => &self.bare,
        };
        list.iter().map(|&i| &self.affixes[i as usize])
    }
}

fn sorted_affixes(list: &[&str]) -> Vec<Affix> {
    let mut v: Vec<Affix> = list
        .iter()
        .map(|s| {
            let mut chars: Vec<char> = s.chars().collect();
            let fused = match chars.first() {
                Some(&c) if hangul::is_compat_consonant(c) => {
                    chars.remove(0);
                    Some(jong_of(c))
                }
                _ => None,
            };
            Affix { tail: chars, fused }
        })
        .collect();
    // Longest first; fused forms count one more.
    v.sort_by_key(|a| std::cmp::Reverse(a.tail.len() * 2 + a.fused.is_some() as usize));
    v
}

fn jong_of(c: char) -> usize {
    match c {
        'ㄴ' => hangul::JONG_NIEUN,
        'ㄹ' => hangul::JONG_RIEUL,
        'ㅁ' => 16,
        'ㅂ' => 17,
        _ => 0,
    }
}

/// Question words made 'any' with 든(지), 나 or 라도: 언제든지 (any time),
/// 얼마든지 (as much as you like), 어디서나 (anywhere). Not 얼마나 (how
/// much) or 몇이나 (how many), which still ask.
const FREE_CHOICE: &[&str] = &[
    "언제든",
    "언제든지",
    "언제라도",
    "언제나",
    "어디든",
    "어디든지",
    "어디서든",
    "어디서든지",
    "어디서나",
    "어디에서나",
    "어디에서든",
    "어디라도",
    "어디나",
    "얼마든",
    "얼마든지",
    "얼마라도",
    "어떻게든",
    "어떻게든지",
    "어떻게라도",
    "무엇이든",
    "무엇이든지",
    "무엇이나",
    "뭐든",
    "뭐든지",
    "뭐라도",
    "누구든",
    "누구든지",
    "누구나",
    "누구라도",
];

/// 뭐 as chat spells it, before the copula or a question ending (번호
/// 머에요, 이거 머임, 머야): stop stems, as 뭐예요 is. Not 머리 or 머그, nor 머
/// alone, which a typo may have made of another word.
const CHAT_WHAT: &[&str] = &["머에요", "머예요", "머에여", "머예여", "머여", "머야", "머임", "머지", "머냐", "머죠"];

/// The stop stems the stemmer keeps whole.
fn kept_whole_stops() -> impl Iterator<Item = &'static str> {
    FREE_CHOICE.iter().chain(CHAT_WHAT).copied()
}

/// True when `word` (its syllables `w`) is one of [`kept_whole_stops`]:
/// the first syllable tells most words apart before any comparison.
fn is_kept_whole_stop(w: &[char], word: &str) -> bool {
    matches!(w.first(), Some('언' | '어' | '얼' | '무' | '뭐' | '누' | '머')) && kept_whole_stops().any(|s| s == word)
}

/// True for a stem that carries no content (하, 되, 것, 좀, ...).
pub fn is_stop_stem(stem: &str) -> bool {
    stem.is_empty() || STOPS.contains(stem)
}

/// Everyday Korean words that are words in their own right, not typos of
/// another word (`faq-core/data/common_words.txt`): 요즘 is not 요금, nor
/// 어제 언제. The query rewriter neither corrects nor splits them.
pub const COMMON_WORDS: &str = include_str!("../../data/common_words.txt");

/// Everyday words that tell a question's circumstances, when, how often or
/// how far along (`faq-core/data/circumstance_words.txt`): 내일 출국인데
/// 로밍 is about roaming, never about 내일. They are everyday words too
/// ([`is_common_word`] holds for each).
pub const CIRCUMSTANCE_WORDS: &str = include_str!("../../data/circumstance_words.txt");

/// The words of a word list: what is not a `#` comment, split at spaces.
fn word_list(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(str::split_whitespace)
}

static CIRCUMSTANCE: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(CIRCUMSTANCE_WORDS).collect());
static COMMON: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| word_list(COMMON_WORDS).chain(word_list(CIRCUMSTANCE_WORDS)).collect());

/// True when a stem is an everyday word of [`COMMON_WORDS`] or
/// [`CIRCUMSTANCE_WORDS`].
pub fn is_common_word(stem: &str) -> bool {
    COMMON.contains(stem)
}

/// True when a word of one syllable is a verb's stem (넣, 먹, 받) or that
/// stem with ㄴ or ㄹ before a noun (산 물건, 준 쿠폰): 넣은 and 먹을 are the
/// verb before a noun, not a noun with the particle 은 or 을.
pub fn is_verb_syllable(word: &str) -> bool {
    let mut chars = word.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    let verb = |c: char| is_short_verb(c) || matches!(c, '사' | '나' | '두' | '주');
    is_short_verb(c)
        || (matches!(hangul::final_index(c), hangul::JONG_NIEUN | hangul::JONG_RIEUL) && verb(hangul::with_final(c, 0)))
}

/// The written form of a word said short in chat, when it has one: 딴 is
/// 다른 (딴 메뉴 왔어요: another dish came).
pub fn written_form(stem: &str) -> Option<&'static str> {
    match stem {
        "딴" => Some("다른"),
        _ => None,
    }
}

/// The adjective of a stem in 해지 that says it became so (가능해지다,
/// 불편해지다: 언제 가능해져요), not a compound of 해지, cancellation
/// (계약해지, 중도해지): only adjectives of this short list.
fn became(stem: &str) -> Option<&str> {
    const ADJECTIVES: &[&str] = &[
        "가능",
        "불가능",
        "필요",
        "불필요",
        "불편",
        "편",
        "편리",
        "복잡",
        "간단",
        "심",
        "심각",
        "피곤",
        "불안",
        "궁금",
        "익숙",
        "친",
        "유명",
        "저렴",
        "깨끗",
        "조용",
        "중요",
        "급",
        "확실",
        "정확",
        "부족",
        "충분",
        "느긋",
        "원활",
        "이상",
        "답답",
        "불리",
        "유리",
    ];
    let root = stem.strip_suffix("해지")?;
    ADJECTIVES.contains(&root).then_some(root)
}

/// Question words (의문사) and 가능, as the stems they start: what a part of
/// a question that asks says (어디, 어딨어요, 언제, 얼마, 어떻게, 어케,
/// 어떡해, 왜, 몇, 무엇, 무슨, 가능한가요).
const QUESTION_WORDS: &[&str] =
    &["어디", "어딨", "언제", "얼마", "어떻", "어케", "어떡", "왜", "몇", "무엇", "무슨", "가능"];

/// True when a stem is, or starts as, a question word (어디, 언제, 얼마,
/// 어떻게, 왜, 몇, ...) or 가능: the part of a question that has one asks.
pub fn is_question_word(stem: &str) -> bool {
    QUESTION_WORDS.iter().any(|w| stem.starts_with(w))
}

/// Connective endings after which a question goes on to what it asks:
/// what comes before tells the circumstances (주문했는데, 급해서,
/// 급하니까, 샀지만).
const CLAUSE_ENDINGS: &[&str] =
    &["는데", "은데", "인데", "는데도", "해서", "어서", "아서", "여서", "니까", "더니", "지만", "길래", "면서"];

/// True when a word (`text`, whose stem is `stem`) ends in a connective
/// ending (는데, 아서/어서/해서, 니까, 지만, ...), closing a clause of
/// circumstance. A word the stemmer left whole is no such word (번데기 ends
/// in no 데).
pub fn ends_clause(text: &str, stem: &str) -> bool {
    text != stem && CLAUSE_ENDINGS.iter().any(|e| text.ends_with(e))
}

/// True when a stem is a word of [`CIRCUMSTANCE_WORDS`]: never what a
/// question is about.
pub fn is_circumstance_word(stem: &str) -> bool {
    CIRCUMSTANCE.contains(stem)
}

/// Everyday words that carry little of what a question is about (가, 오,
/// 보, 쓰, 많, 일, 지금, 다음: `faq-core/data/light_words.txt`). A FAQ's
/// phrasings seldom say them, so its idf alone would weigh them as rare
/// topics.
pub const LIGHT_WORDS: &str = include_str!("../../data/light_words.txt");

static LIGHT: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| word_list(LIGHT_WORDS).collect());

/// True when a stem is a word of [`LIGHT_WORDS`].
pub fn is_light_word(stem: &str) -> bool {
    LIGHT.contains(stem)
}

/// Every particle, as a word alone could be one.
static ALONE: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| PARTICLES.iter().chain(LONG_PARTICLES).chain(INNER_PARTICLES).copied().collect());

/// True when a word is a particle alone (에, 로, 에서는, 까지): what follows
/// a number or a Latin word written against it (5G로, TV에서).
pub fn is_particle(word: &str) -> bool {
    ALONE.contains(word)
        || INNER_PARTICLES
            .iter()
            .chain(LONG_PARTICLES)
            .any(|inner| word.strip_prefix(inner).is_some_and(|rest| ALONE.contains(rest)))
}

/// What follows a noun in a word whose stem is that noun and that is no
/// verb's ending: a light verb (환불해요, 취소됐어요, 안내받, 변경함), the
/// copula (카드예요, 환불이에요, 문의요, 예약인데), a suffix of persons and
/// of the plural (기사님, 상담원분, 기사들).
const NOUN_VERB_STARTS: &[&str] = &[
    "하", "해", "했", "할", "한", "함", "합", "되", "돼", "됐", "될", "된", "됨", "받", "시키", "당", "이", "인", "일",
    "임", "입", "예", "에", "야", "요", "님", "분", "들",
];

/// True when a word is a verb or an adjective with its ending, its stem a
/// short native one (힘들어, 바꿔야, 잊고, 없어): not a noun with a particle
/// (카드는), with a light verb (환불해요) or with the copula (카드예요),
/// and not a word written without spaces, whose stem is long.
///
/// ```
/// use faq_core::text::korean::is_verb_form;
/// assert!(is_verb_form("힘들어", "힘들"));
/// assert!(is_verb_form("바꿔야", "바꾸"));
/// assert!(!is_verb_form("환불해요", "환불"));
/// assert!(!is_verb_form("카드는", "카드"));
/// assert!(!is_verb_form("기사님", "기사"));
/// ```
pub fn is_verb_form(word: &str, stem: &str) -> bool {
    if stem.is_empty() || stem.chars().count() > 3 || !stem.chars().all(hangul::is_syllable) {
        return false;
    }
    match word.strip_prefix(stem) {
        // 바꿔 (바꾸), 힘드네 (힘들): only a verb's stem changes so.
        None => true,
        Some("") => false,
        Some(rest) => !is_particle(rest) && !NOUN_VERB_STARTS.iter().any(|p| rest.starts_with(p)),
    }
}

/// A word's readings as a noun of two syllables or more and one particle
/// or the copula after it (메시지만, 신용카드요, 정수기에, 고양이예요,
/// 담당자이신가요),
/// longest particle first: what [`stem`] may cut wrongly when the noun
/// ends in letters of an ending. The query rewriter takes the first that
/// the FAQ knows.
///
/// ```
/// use faq_core::text::korean::particle_readings;
/// assert!(particle_readings("메시지만").contains(&"메시지".to_string()));
/// assert!(particle_readings("고양이예요").contains(&"고양이".to_string()));
/// assert!(particle_readings("담당자이신가요").contains(&"담당자".to_string()));
/// ```
pub fn particle_readings(word: &str) -> Vec<String> {
    static TAILS: LazyLock<Vec<&str>> = LazyLock::new(|| {
        const COPULA: &[&str] = &[
            "이에요",
            "이예요",
            "예요",
            "에요",
            "인데",
            "이야",
            "야",
            // honorific: 회원이세요, 언제이십니까, 담당자이신가요
            "이세요",
            "이신가요",
            "이십니까",
            "이신지",
            "이신데",
            "이셨",
            "이시면",
        ];
        let mut tails: Vec<&str> = PARTICLES.iter().chain(LONG_PARTICLES).chain(COPULA).copied().collect();
        tails.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        tails.dedup();
        tails
    });
    let mut out: Vec<String> = Vec::new();
    for tail in TAILS.iter() {
        if let Some(noun) = word.strip_suffix(tail) {
            if noun.chars().count() >= 2 && noun.chars().all(hangul::is_syllable) && !out.iter().any(|o| o == noun) {
                out.push(noun.to_string());
            }
        }
    }
    out
}

/// The everyday word ([`is_common_word`]) a word is with a particle after
/// it (딸도: 딸, 옷도: 옷), if any: the stemmer leaves a particle after one
/// syllable, as 도 or 가 may be part of a word (포도, 고가).
pub fn common_word_with_particle(word: &str) -> Option<&str> {
    PARTICLES.iter().filter_map(|p| word.strip_suffix(p)).find(|noun| !noun.is_empty() && is_common_word(noun))
}

/// True when a word standing alone is a particle of two syllables or more,
/// maybe followed by another one (까지, 에서는, 부터도): what is left of
/// 80%까지 or \[메뉴\]에서 once the symbol is gone, never a word of its own.
/// A particle of one syllable alone (가, 도, 만), or two of them (와요:
/// come), may be a word.
pub fn is_long_particle(word: &str) -> bool {
    // Every such word, written out once: a word is looked up, not
    // compared with each particle.
    static LONG: LazyLock<rustc_hash::FxHashSet<String>> = LazyLock::new(|| {
        let mut set = rustc_hash::FxHashSet::default();
        for p in PARTICLES.iter().chain(LONG_PARTICLES).filter(|p| p.len() > 3) {
            set.insert(p.to_string());
            set.extend(ALONE.iter().map(|q| format!("{p}{q}")));
        }
        set
    });
    word.len() > 3 && LONG.contains(word)
}

/// Where an auxiliary verb written against the verb it negates starts:
/// 쓰지마 and 하지않아 say what 쓰지 마 and 하지 않아 say, and 하면안돼 what
/// 하면 안 돼 says, so the auxiliary (말다, 않다, 못하다, 안 되다) is a word of
/// its own either way; so is 보다 of a guess (됐나봐요, 아닌가봐요). `None`
/// when the word holds no such auxiliary.
/// `word` is a word of Hangul syllables, as the segmenter gives them.
pub fn auxiliary_at(word: &str) -> Option<usize> {
    // Most words hold none of 지, 면, 나 and 가: their bytes tell (a Hangul
    // syllable is three bytes).
    let holds =
        |c: &[u8]| matches!(c, [0xEC, 0xA7, 0x80] | [0xEB, 0xA9, 0xB4] | [0xEB, 0x82, 0x98] | [0xEA, 0xB0, 0x80]);
    if !word.as_bytes().chunks(3).any(holds) {
        return None;
    }
    let mut before = None;
    let mut prev = word.chars().next()?;
    for (i, c) in word.char_indices().skip(1) {
        let joins = match prev {
            '지' => matches!(c, '마' | '말' | '맙' | '않' | '못'),
            '면' => c == '안',
            // 보다 of a guess: 됐나봐요, 아닌가봐요 (-나 보다, -ㄴ가 보다).
            '나' => matches!(c, '봐' | '보' | '봅'),
            '가' => {
                matches!(c, '봐' | '보' | '봅')
                    && before.is_some_and(|b: char| hangul::final_index(b) == hangul::JONG_NIEUN)
            }
            _ => false,
        };
        // The verb before the ending has a syllable at least (가지마, not 지마켓).
        if joins && i > prev.len_utf8() {
            let rest = &word[i..];
            let auxiliary = match prev {
                '나' | '가' => stem(rest) == "보",
                _ => matches!(stem(rest).as_str(), "말" | "않" | "못하" | "안되"),
            };
            if auxiliary {
                return Some(i);
            }
        }
        before = Some(prev);
        prev = c;
    }
    None
}

/// Where 없다 written against the noun it says is missing starts:
/// 필요없어요, 상관없이 and 맛없어 say what 필요 없어요, 상관 없이 and 맛
/// 없어 say (없 begins no word but 없다's). `None` for a word that does
/// not hold 없 after a syllable at least.
/// `word` is a word of Hangul syllables, as the segmenter gives them.
///
/// ```
/// use faq_core::text::korean::absence_at;
/// assert_eq!(absence_at("필요없어요"), Some("필요".len()));
/// assert_eq!(absence_at("없어요"), None);
/// assert_eq!(absence_at("환불"), None);
/// ```
pub fn absence_at(word: &str) -> Option<usize> {
    word.char_indices().skip(1).find(|&(_, c)| c == '없').map(|(i, _)| i)
}

/// Where 말고 (rather than) written against the noun before it starts:
/// 카드말고 현금으로 says what 카드 말고 현금으로 says. `None` for a word
/// not ending in 말고 (말구, 말고요) after two syllables or more, and after
/// 지, where it is the verb's prohibition (하지말고: see [`auxiliary_at`]).
/// `word` is a word of Hangul syllables, as the segmenter gives them.
///
/// ```
/// use faq_core::text::korean::rather_than_at;
/// assert_eq!(rather_than_at("카드말고"), Some("카드".len()));
/// assert_eq!(rather_than_at("택배말고요"), Some("택배".len()));
/// assert_eq!(rather_than_at("하지말고"), None);
/// assert_eq!(rather_than_at("말고"), None);
/// ```
pub fn rather_than_at(word: &str) -> Option<usize> {
    let before = ["말고", "말구", "말고요"].iter().find_map(|t| word.strip_suffix(t))?;
    let last = before.chars().next_back()?;
    (before.chars().nth(1).is_some() && last != '지').then_some(before.len())
}

/// Verbs that 안 and 못 written against them negate (안보여요, 안열려요,
/// 못들어가요): with an ending, no noun in 안 or 못 reads as one of them.
const NEGATED_VERBS: &[&str] = &[
    "보이",
    "나오",
    "나가",
    "들리",
    "열리",
    "켜지",
    "꺼지",
    "넘어가",
    "넘어오",
    "들어가",
    "들어오",
    "먹히",
    "잡히",
    "읽히",
    "눌리",
    "풀리",
    "바뀌",
    "움직이",
    "울리",
    "보내지",
    "찍히",
    "터지",
    "닫히",
    "깔리",
    "써지",
    "걸리",
    "끊기",
    "뜨",
    "맞",
    "붙",
    "빠지",
    "생기",
    "지워지",
    "돌아오",
    "돌아가",
];

/// Where the verb starts in a word that is 안 or 못 written against it
/// (안보여요 says what 안 보여요 says): `Some(3)`, the negation a word of
/// its own. `None` for other words, nouns in 안 (안내, 안전, 안보) among
/// them: the rest must be a verb of a short list, with an ending.
pub fn negation_at(word: &str) -> Option<usize> {
    let rest = word.strip_prefix('안').or_else(|| word.strip_prefix('못'))?;
    if rest.chars().count() < 2 {
        return None;
    }
    let st = stem(rest);
    (st != rest && NEGATED_VERBS.contains(&st.as_str())).then_some(word.len() - rest.len())
}

/// True when a run of syllables is a particle or an ending as written
/// (을, 에서도, 려, 씩): what is left of a word once the words in it are
/// taken, not a word.
pub fn is_affix(run: &str) -> bool {
    static AFFIXES: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
        PARTICLES
            .iter()
            .chain(LONG_PARTICLES)
            .chain(ENDINGS)
            .chain(["씩", "히", "셔", "래", "려"].iter())
            .copied()
            .collect()
    });
    AFFIXES.contains(run)
}

/// Endings of one syllable that [`looser_stems`] takes off.
/// Only those that seldom end a noun: not 지 (페이지), 서 (신청서), 면
/// (화면) or 다 (바다).
const LOOSE_ENDINGS: &[char] = &['는', '은', '고', '던', '아', '어'];
/// Endings of two syllables that [`looser_stems`] takes off.
const LOOSE_ENDINGS_2: &[[char; 2]] = &[
    ['느', '라'],
    ['는', '데'],
    ['은', '데'],
    ['는', '지'],
    ['은', '지'],
    ['려', '고'],
    ['으', '면'],
    ['어', '서'],
    ['아', '서'],
    ['다', '가'],
    ['니', '까'],
    ['더', '니'],
];

/// A stem with the ㄴ or ㄹ of a modifier taken out of its last syllable
/// (헤어진 -> 헤어지, 만날 -> 만나), when its last syllable has one: the verb,
/// if the stem is one whose modifier went into its last syllable.
///
/// ```
/// use faq_core::text::korean::without_fused_modifier;
/// assert_eq!(without_fused_modifier("헤어진").as_deref(), Some("헤어지"));
/// // Any last ㄴ or ㄹ is taken out: the caller asks whether the reading is a word.
/// assert_eq!(without_fused_modifier("환불").as_deref(), Some("환부"));
/// assert_eq!(without_fused_modifier("카드"), None);
/// ```
pub fn without_fused_modifier(stem: &str) -> Option<String> {
    without_last_final(stem, |f| f == hangul::JONG_NIEUN || f == hangul::JONG_RIEUL)
}

/// `stem` with the 받침 of its last syllable taken out, when `fused` says
/// that 받침 (its 종성 index) may be an ending fused into the syllable.
fn without_last_final(stem: &str, fused: impl Fn(usize) -> bool) -> Option<String> {
    let last = stem.chars().next_back()?;
    if !hangul::is_syllable(last) || !fused(hangul::final_index(last)) {
        return None;
    }
    let mut base = stem[..stem.len() - last.len_utf8()].to_string();
    base.push(hangul::with_final(last, 0));
    Some(base)
}

/// The stem of a verb whose noun form ends a sentence of chat (빠뜨림,
/// 들어옴, 가버림: the 음슴체 of 빠뜨렸어요), for a stem of two syllables or
/// more whose last one closes with ㅁ: the verb without it, as [`stem`] cuts
/// it (가버리다 -> 가). `None` for other stems; nouns end so too (다음,
/// 보험), so the query rewriter takes the reading only where the FAQ's
/// words make it likely.
///
/// ```
/// use faq_core::text::korean::without_noun_form;
/// assert_eq!(without_noun_form("빠뜨림").as_deref(), Some("빠뜨리"));
/// assert_eq!(without_noun_form("들어옴").as_deref(), Some("들어오"));
/// assert_eq!(without_noun_form("가버림").as_deref(), Some("가"));
/// assert_eq!(without_noun_form("봄"), None);
/// assert_eq!(without_noun_form("끼렴"), None);
/// assert_eq!(without_noun_form("환불"), None);
/// ```
pub fn without_noun_form(stem: &str) -> Option<String> {
    // -렴 bids (끼렴: wear them), it names nothing.
    if stem.chars().nth(1).is_none() || stem.ends_with('렴') {
        return None;
    }
    let mut verb = without_last_final(stem, |f| f == hangul::JONG_MIEUM)?;
    verb.push('다');
    Some(self::stem(&verb))
}

/// Stems a word may have that [`stem`] does not cut, because the same
/// letters also make nouns: 남는 (남다, or a noun 남는), 남아, 줄여 (줄이다),
/// 아깝고, 다니느라. The query rewriter takes the first that the FAQ knows,
/// so a reading is only taken where the FAQ's words make it likely.
/// Longest ending first; empty for a word that is not all Hangul syllables.
///
/// ```
/// use faq_core::text::korean::looser_stems;
/// assert!(looser_stems("남는").contains(&"남".to_string()));
/// assert!(looser_stems("줄여").contains(&"줄이".to_string()));
/// assert!(looser_stems("다니느라").contains(&"다니".to_string()));
/// ```
pub fn looser_stems(word: &str) -> Vec<String> {
    fn add(out: &mut Vec<String>, stem: String) {
        if !is_stop_stem(&stem) && !out.contains(&stem) {
            out.push(stem);
        }
    }
    let w: Vec<char> = word.chars().collect();
    let n = w.len();
    let mut out: Vec<String> = Vec::new();
    if n < 2 || !w.iter().all(|c| hangul::is_syllable(*c)) {
        return out;
    }
    // The stem as cut, then with the ending's vowel taken back out of its
    // last syllable (나와 -> 나오, 배워 -> 배우).
    let mut cut = |stem: &[char]| {
        let mut bare = stem.to_vec();
        uncontract(&mut bare);
        add(&mut out, stem.iter().collect());
        add(&mut out, bare.into_iter().collect());
    };
    if n >= 3 && LOOSE_ENDINGS_2.iter().any(|e| w[n - 2..] == e[..]) {
        cut(&w[..n - 2]);
    }
    if LOOSE_ENDINGS.contains(&w[n - 1]) {
        cut(&w[..n - 1]);
    }
    // 서, 도 and 야 after a stem whose last vowel took in 아/어 (와서,
    // 빼도, 세워야), not after a noun (신청서, 정도).
    if matches!(w[n - 1], '서' | '도' | '야') && after_a_eo(w[n - 2]) {
        cut(&w[..n - 1]);
    }
    // The ending fused into the stem's last vowel, with nothing after it:
    // 줄여 (줄이 + 어), 바꿔 (바꾸 + 어), 봐 (보 + 아).
    if let Some((cho, jung, 0)) = hangul::split(w[n - 1]) {
        let bare = match jung {
            6 => Some(20),  // ㅕ -> ㅣ
            14 => Some(13), // ㅝ -> ㅜ
            9 => Some(8),   // ㅘ -> ㅗ
            _ => None,
        };
        if let Some(c) = bare.and_then(|j| hangul::join(cho, j, 0)) {
            add(&mut out, w[..n - 1].iter().copied().chain([c]).collect());
        }
    }
    // A 르 verb before 아/어 (눌러, 골라): 누르, 고르.
    if ends_reu_contracted(&w) {
        let mut bare = w.clone();
        uncontract(&mut bare);
        add(&mut out, bare.into_iter().collect());
    }
    out
}

/// The everyday words of [`COMMON_WORDS`] and [`CIRCUMSTANCE_WORDS`].
pub fn common_words() -> impl Iterator<Item = &'static str> {
    COMMON.iter().copied()
}

/// The stop stems ([`is_stop_stem`] is true for each).
pub fn stop_stems() -> impl Iterator<Item = &'static str> {
    STOP_STEMS.iter().copied().chain(kept_whole_stops())
}

/// A key of how a Hangul word starts, which [`stem`] keeps: the stem of a
/// word of Hangul syllables, `n` syllables long, has the key of the word's
/// first `n` syllables. [`stem`] only cuts syllables off the end and
/// rewrites the last two it keeps: the one before the last only by
/// dropping its final consonant (몰라 -> 모르), the last one by dropping
/// its 받침, undoing a contraction or the spoken 요 (see `last_form`), or
/// adding the ㄹ of 말다. The key of `n` syllables is that of the first
/// `n - 2`, the 받침-less next one and the `last_form` of the last. Thus a
/// word none of whose starts has the key of a word cannot stem to it.
pub fn start_key(w: &[char]) -> u64 {
    let n = w.len();
    let mut h = mix(0, n as u64);
    for &c in &w[..n.saturating_sub(2)] {
        h = mix(h, c as u64);
    }
    if n >= 2 {
        h = mix(h, hangul::with_final(w[n - 2], 0) as u64);
    }
    if n >= 1 {
        h = mix(h, last_form(w[n - 1]) as u64);
    }
    h
}

/// The [`bare_form`] of a syllable, with 라 and 러 taken for the 르 of 르
/// verbs (몰라 -> 모르) and 요 for the 여 and 용 it is spoken as.
fn last_form(c: char) -> usize {
    const RIEUL: usize = 5;
    const IEUNG: usize = 11;
    match hangul::split(c) {
        Some((RIEUL, 0 | 4, _)) => bare_form('르'),
        Some((IEUNG, 12, _)) => bare_form('이'),
        _ => bare_form(c),
    }
}

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// A syllable without its 받침 and with the vowel of a verb stem contracted
/// with 아/어 undone (했 -> 하, 돼 -> 되, 봐 -> 보, 줘 -> 주, 려 -> 리,
/// 꺼 -> 끄, 떠 -> 뜨, 파 -> 프, 빠 -> 쁘), as (초성, 중성) in
/// `0..19 * 21`; other chars give their code.
fn bare_form(c: char) -> usize {
    const HIEUH: usize = 18;
    let Some((cho, jung, _)) = hangul::split(c) else { return c as usize };
    let jung = match jung {
        1 if cho == HIEUH => 0,
        10 => 11,
        9 => 8,
        14 => 13,
        6 => 20,
        4 if matches!(cho, 1 | 4 | 10 | 15) => 18,
        // 파, 빠, 퍼, 뻐 -> 프, 쁘 (아파 -> 아프, 바빠 -> 바쁘).
        0 | 4 if matches!(cho, 8 | 17) => 18,
        j => j,
    };
    cho * 21 + jung
}

/// True when [`stem`] may cut the syllable off the end of a word: as part
/// of a particle, an ending or the copula, as written; as a tense marker,
/// the copula's 이, or a light or auxiliary verb, in any form (see
/// `bare_form`: 했, 한, 봐 and 줬 go as 하, 보 and 주). A word stems to
/// its first `n` syllables (rewritten) only when it goes on with such
/// syllables alone.
pub fn may_cut(c: char) -> bool {
    c == '좀' || (hangul::is_syllable(c) && (CUTS.affixes[c as usize - 0xAC00] || CUTS.forms[bare_form(c)]))
}

/// The syllables, besides those of the affix lists, [`stem`] takes off a
/// word once it may have rewritten them: spoken 요, 말다, the joining 으,
/// 수 있다, tense and honorific markers, 안 되다 and 못 하다, auxiliary and
/// light verbs (두다, 놓다, 버리다 too), the copula, 님, the 우 of verbs in ㅂ
/// (어려워 -> 어렵), the 르 of verbs in 르 (빠른 -> 빠르); and 좀 (please)
/// written against a word, which [`may_cut`] allows alone (not 조 or 족).
const OTHER_CUTS: &str = "용염여요지말아마으수있없었았였겠셨시안되못하돼고싶주보드리어당받키야도님이우두노버르";

/// What [`may_cut`] looks up.
struct Cuts {
    /// By syllable: one of the affix lists has it.
    affixes: Vec<bool>,
    /// By [`bare_form`]: one of [`OTHER_CUTS`] has it.
    forms: Vec<bool>,
}

static CUTS: LazyLock<Cuts> = LazyLock::new(|| {
    let mut affixes = vec![false; 11_172];
    let lists =
        [ENDINGS, PARTICLES, COPULA_AFTER_CONSONANT, COPULA_SAID, COPULA_AFTER_VOWEL, LONG_PARTICLES, INNER_PARTICLES];
    for c in lists.iter().flat_map(|l| l.iter()).flat_map(|a| a.chars()) {
        if hangul::is_syllable(c) {
            affixes[c as usize - 0xAC00] = true;
        }
    }
    let mut forms = vec![false; 19 * 21];
    for c in OTHER_CUTS.chars() {
        forms[bare_form(c)] = true;
    }
    Cuts { affixes, forms }
});

/// True when a syllable is how a verb ends once 아/어 joined it (가, 해, 봐,
/// 켜, 줘, 돼): a vowel of the a/eo family and no 받침, as before 서 (가서)
/// or 주다 (해준).
fn after_a_eo(c: char) -> bool {
    // ㅏ ㅐ ㅓ ㅔ ㅕ ㅘ ㅙ ㅝ ㅞ
    matches!(hangul::split(c), Some((_, 0 | 1 | 4 | 5 | 6 | 9 | 10 | 14 | 15, 0)))
}

/// True when `w` ends with `tail`: the short slices of a stem compared in
/// place, without a call to `memcmp`.
#[inline]
fn ends_with(w: &[char], tail: &[char]) -> bool {
    w.len() >= tail.len() && w.iter().rev().zip(tail.iter().rev()).all(|(a, b)| a == b)
}

/// True when a word's last syllables look like a particle or an ending
/// but are the word's own, so that it stems to itself:
/// - adverbs in 로: 제대로 is not 제대 (discharge from service), 스스로 not
///   스스, 별로 not 별 (a star); but 새로 (anew) is rightly 새 (new);
/// - nouns in 과: 결과 and 학과 are not 결 and 학 with 'and';
/// - nouns in 니, 지, 게 and 데: 장바구니, 마일리지, 가게 and 가운데 are not
///   장바구, 마일리, 가 and 가운 with an ending;
/// - nouns in 이: 종이 and 고양이 are not 종 and 고양 with the subject's 이;
/// - compounds of [`COMPOUND_TAILS`] (이체한도, 메일함, 장바구니);
/// - 들어가 without an ending is not 들어 with the subject's 가.
fn is_whole_word(w: &[char]) -> bool {
    let Some(&last) = w.last() else { return false };
    if compound_tail(w) == Some(w.len()) {
        return true;
    }
    // 아 follows a verb whose last vowel is ㅏ or ㅗ (나아, 보아); after an
    // open syllable of any other vowel it is the word's own (치아, 유아,
    // 아시아: 치다 + 어 is 쳐).
    if last == '아' && w.len() >= 2 && matches!(hangul::split(w[w.len() - 2]), Some((_, j, 0)) if j != 0 && j != 8) {
        return true;
    }
    let words: &[&str] = match last {
        '로' => &[
            "별로",
            "서로",
            "따로",
            "스스로",
            "제대로",
            "그대로",
            "마음대로",
            "맘대로",
            "멋대로",
            "함부로",
            "절대로",
            "저절로",
            "대체로",
            "주로",
            "홀로",
            "때로",
            "날로",
            "똑바로",
            "곧바로",
            // kilograms said short
            "키로",
            "킬로",
            "헬로",
        ],
        '이' => &["종이", "어린이", "곰팡이"],
        // 전혀 (not at all) is no 전히다 said short.
        '혀' => &["전혀"],
        // Languages: 한국어 alone as before a particle (한국어로), not 한국 and 어.
        '어' => &[
            "한국어",
            "중국어",
            "일본어",
            "외국어",
            "태국어",
            "독일어",
            "스페인어",
            "베트남어",
            "러시아어",
            "프랑스어",
            "모국어",
            "다국어",
        ],
        '대' => &["시간대", "가격대", "연령대"],
        '과' => &["결과", "통과", "학과", "성과", "경과", "일과"],
        '게' => &["가게"],
        // 들어가 written without an ending (a thesaurus term, 안 들어가?):
        // not 들어 and the subject's 가.
        '가' => &["들어가", "최저가", "최고가", "비인가"],
        '고' => &["재입고"],
        '한' => &["무제한", "최대한", "최소한"],
        '친' => &["남친", "여친", "남사친", "여사친", "전남친", "전여친", "절친"],
        // 크기 is a size, not 크다 made a noun, and 주기 a cycle (교체
        // 주기), which 주다 made a noun follows only a verb's 아/어 (알려
        // 주기: see `text::stems_of`); no verb is 기다 or 시다 (crawl and
        // sour are seldom asked about), so 기기에 and 시기에 are nouns and
        // 에.
        '기' => &["단말기", "크기", "기기", "시기", "주기"],
        // Nouns of 시 after a syllable no verb of one syllable shares: 표시는
        // and 게시해 are not 표 and 게 with the honorific.
        '시' => &["표시", "게시", "예시", "제시", "지시", "교시", "도시", "무시", "개시", "다시", "수시", "고시"],
        // Rooms (관리실 is no 관리하실).
        '실' => &["입실", "관리실", "대기실"],
        '남' => &["베트남"],
        '써' => &["벌써"],
        // 질의 (an inquiry) is no 질 (quality) and 의; 캐셔 no 캐 and 셔.
        '의' => &["질의"],
        '셔' => &["캐셔"],
        // 포함 and 결함 are nouns, not 포하다 and 결하다 said short (as 확인함).
        '함' => &["포함", "결함", "고함", "명함"],
        // Loanwords, countries and nouns whose last syllable reads as an
        // ending or a particle.
        '임' => &["닉네임", "클레임"],
        '신' => &["어르신"],
        // Teeth: 사랑니 is no 사랑 asked with 니.
        '니' => &["사랑니", "어금니", "틀니", "송곳니", "덧니", "젖니", "윗니", "아랫니", "앞니"],
        '워' => &["팔로워"],
        '힐' => &["하이힐"],
        '꾼' => &["사기꾼"],
        '나' => &["세미나", "웨비나"],
        '아' => &["신생아", "영유아", "동남아", "말레이시아", "인도네시아", "이탈리아"],
        '본' => &["제본", "인쇄본", "캡처본", "캡쳐본"],
        '지' => &["몇가지", "감열지", "일간지", "콜키지"],
        '데' => &["가운데"],
        '째' => &["며칠째", "통째"],
        // -용 (for): not the 용 of 좋아용 (좋아요 said cute).
        '용' => &["유아용", "영유아용"],
        '도' => &[
            "개인지도",
            "어느정도",
            "얼마정도",
            "만족도",
            "신용도",
            "난이도",
            "해상도",
            "선호도",
            "인지도",
            "혼잡도",
            "완성도",
            "중요도",
            "선명도",
            "신뢰도",
            // Provinces and islands.
            "제주도",
            "경기도",
            "강원도",
            "충청도",
            "전라도",
            "경상도",
            "울릉도",
            "강화도",
            "거제도",
            "진도",
        ],
        '칠' => &["며칠"],
        _ => return false,
    };
    words.iter().any(|word| word.chars().eq(w.iter().copied()))
}

/// Nouns that end compounds, which endings and the particle 도 would cut
/// (이체한도: not 이체한 and 도; 가스레인지: not 가스레 and -ㄴ지; 메일함: not
/// 메일 and the 함 of 결제함, paid), with the syllables a compound needs
/// before them: after one syllable, 약속도 and 일정도 are an appointment and a
/// plan, too.
const COMPOUND_TAILS: &[(&str, usize)] = &[
    ("한도", 2),
    ("속도", 2),
    ("온도", 2),
    ("만족도", 2),
    ("신용도", 2),
    ("난이도", 2),
    ("해상도", 1),
    ("선호도", 2),
    ("혼잡도", 2),
    ("완성도", 2),
    ("중요도", 2),
    ("선명도", 2),
    ("신뢰도", 2),
    ("기한", 2),
    ("제한", 2),
    ("동의", 2),
    ("기기", 2),
    ("년도", 1),
    ("레인지", 1),
    ("메일함", 0),
    ("편지함", 0),
    ("보관함", 0),
    ("택배함", 0),
    ("우편함", 0),
    ("사물함", 0),
    ("수거함", 0),
    ("쿠폰함", 0),
    ("모임", 1),
    ("어머니", 0),
    ("할머니", 0),
    ("바구니", 0),
    ("게임", 1),
    ("타임", 1),
    ("머니", 1),
    ("권한", 1),
    ("분할", 2),
    ("책임", 1),
    ("문의", 2),
    ("강의", 2),
    ("영어", 1),
    ("네임", 1),
    ("포함", 1),
    ("놀이", 1),
    ("고양이", 0),
    ("스크린", 0),
    ("라운지", 0),
    ("거주지", 0),
    ("마일리지", 0),
    ("카트리지", 0),
    ("사본", 0),
];

/// Nouns in 면 (화면, 라면), which 은 follows as 면은 follows a verb (하면은).
const NOUNS_IN_MYEON: &[&str] = &[
    "화면",
    "라면",
    "장면",
    "측면",
    "표면",
    "정면",
    "전면",
    "후면",
    "방면",
    "평면",
    "대면",
    "비대면",
    "서면",
    "앞면",
    "뒷면",
    "양면",
];

/// A noun of [`COMPOUND_TAILS`] as syllables, and the syllables a compound
/// needs before it.
type Tail = (Vec<char>, usize);

/// The nouns of [`COMPOUND_TAILS`] by their last syllable: most words end
/// in none of them.
static TAILS_BY_END: LazyLock<rustc_hash::FxHashMap<char, Vec<Tail>>> = LazyLock::new(|| {
    let mut by_end: rustc_hash::FxHashMap<char, Vec<Tail>> = rustc_hash::FxHashMap::default();
    for &(noun, before) in COMPOUND_TAILS {
        let chars: Vec<char> = noun.chars().collect();
        by_end.entry(chars[chars.len() - 1]).or_default().push((chars, before));
    }
    by_end
});

/// The length of the compound a word is, when it ends in a noun of
/// [`COMPOUND_TAILS`] after as many syllables as that noun needs, perhaps
/// with the particle 도 after it: the whole word, or all of it but that 도.
fn compound_tail(w: &[char]) -> Option<usize> {
    let ends = |w: &[char]| {
        w.last().and_then(|c| TAILS_BY_END.get(c)).is_some_and(|tails| {
            tails.iter().any(|(noun, before)| w.len() >= noun.len() + before && ends_with(w, noun))
        })
    };
    if ends(w) {
        Some(w.len())
    } else if w.last() == Some(&'도') && ends(&w[..w.len() - 1]) {
        Some(w.len() - 1)
    } else {
        None
    }
}

/// Reduces one Hangul eojeol to its stem.
///
/// ```
/// use faq_core::text::korean::stem;
/// for word in ["환불은", "환불해요", "환불되나요", "환불받았는데", "환불받을", "환불하려면"] {
///     assert_eq!(stem(word), "환불", "{word}");
/// }
/// ```
pub fn stem(word: &str) -> String {
    let stem = strip_to_stem(word);
    // An adjective that became so is the adjective (가능해져요: 가능).
    match became(&stem) {
        Some(adjective) => adjective.to_string(),
        None => stem,
    }
}

/// [`stem`] but for adjectives that became so.
fn strip_to_stem(word: &str) -> String {
    let mut w: Vec<char> = Vec::with_capacity(word.len() / 3 + 1);
    w.extend(word.chars());
    if w.is_empty() || !w.iter().all(|c| hangul::is_syllable(*c)) {
        return word.to_string();
    }
    // 배고파요 is hungry (배고프다), not 배 with the 고파 of wanting
    // (하고파요).
    if w.len() >= 3 && w[0] == '배' && w[1] == '고' && matches!(w[2], '파' | '팠') {
        return "배고프".to_string();
    }
    // 좀 written against a word (환불좀 해주세요, 확인좀, 어떤지좀): please,
    // as when spaced.
    if w.len() >= 2 && w[w.len() - 1] == '좀' {
        let rest = word.trim_end_matches('좀');
        return if rest.is_empty() { "좀".to_string() } else { strip_to_stem(rest) };
    }
    // 어때요, 어떤가요, 어떤지, 어떨까요, 어땠어요: 어떻다 (how is it), one
    // stem whatever its ending; 어떤 alone is 'which'.
    // (어떻게, 어떻해 and 어떠케 ask how to, 어떤게 which one).
    let how_is = match w[..] {
        ['어', '때', ..] | ['어', '떨', ..] | ['어', '땠', ..] => true,
        ['어', '떠', third, ..] => third != '케',
        ['어', '떻', third, ..] => !matches!(third, '게' | '해' | '하' | '케'),
        ['어', '떤', third, ..] => matches!(third, '지' | '데' | '가'),
        _ => false,
    };
    if how_is {
        return "어떻".to_string();
    }
    // 막 alone is an adverb (막 눌렀어요: just, carelessly) and carries
    // nothing; with an ending it is 막다, to block (막아 주세요).
    if w == ['막'] {
        return String::new();
    }
    // 하자 alone is a defect (상품 하자); 'let us do' would carry nothing.
    if w == ['하', '자'] {
        return word.to_string();
    }
    // 할인가 (a discount price, or a discount and 가) is no 할 and 인가.
    if word == "할인가" {
        return "할인".to_string();
    }
    // 모자라다 (잔액이 모자라요, 모자란데), not 모자 (a hat) and its copula.
    if w.len() >= 3 && w[0] == '모' && w[1] == '자' && matches!(w[2], '라' | '란' | '랄' | '랐' | '람') {
        return "모자라".to_string();
    }
    // 왜 with the endings a chat puts on it (왜죠, 왜지, 왜냐고, 왜여):
    // why, as 왜요 is.
    if matches!(word, "왜죠" | "왜지" | "왜지요" | "왜냐" | "왜냐고" | "왜여" | "왜용" | "왜임") {
        return "왜".to_string();
    }
    // 대해, 대하여 (요금에 대해: about the fee) are 대하다, as 대해서 and
    // 대한 are, never 대행 misspelled.
    if matches!(word, "대해" | "대하여" | "대해요") {
        return "대하".to_string();
    }
    // A question word made 'any' (언제든지 문의하세요, 얼마든지, 어디서나,
    // 누구나): no question, so no intent, and no topic either. Nor is 뭐
    // as chat spells it (번호 머에요).
    if is_kept_whole_stop(&w, word) {
        return word.to_string();
    }
    // 사도 돼요: 사다 with the 도 of permission.
    if word == "사도" {
        return "사".to_string();
    }
    // 들어와, 돌아와도, 내려가서, 나와도: 오다 and 가다 after a verb's
    // 아/어, not the particles 와 and 가 (나와 is also 'with me').
    {
        let tail = match w[..] {
            [.., '도' | '서' | '야'] => 1,
            _ => 0,
        };
        let n = w.len() - tail;
        // The 아/어 forms of verbs of motion (들어오다, 가져가다): nouns end
        // in 어, 라 or 러 too (에러가, 영어와, 카메라가).
        let after_a_eo = n == 3
            && matches!(
                w[..2],
                ['들', '어']
                    | ['돌', '아']
                    | ['올', '라']
                    | ['내', '려']
                    | ['넘', '어']
                    | ['걸', '어']
                    | ['뛰', '어']
                    | ['찾', '아']
                    | ['데', '려']
                    | ['가', '져']
                    | ['따', '라']
                    | ['다', '녀']
                    | ['건', '너']
                    | ['들', '러']
                    | ['놀', '러']
                    | ['쫓', '아']
                    | ['날', '아']
            );
        let na = n == 2 && w[0] == '나' && tail == 1;
        if n >= 2 && matches!(w[n - 1], '와' | '가') && (after_a_eo || na) {
            let mut verb: String = w[..n - 1].iter().collect();
            verb.push(if w[n - 1] == '와' { '오' } else { '가' });
            return verb;
        }
    }
    // 사줘, 타줘요, 재줘서: a verb of one syllable whose 아/어 it took in,
    // and 주다 after it; 줘 follows only a verb (사주 and 자주 are nouns
    // and an adverb).
    if w.len() >= 2
        && w[1] == '줘'
        && matches!(
            w[0],
            '사' | '서' | '자' | '싸' | '타' | '차' | '짜' | '펴' | '세' | '내' | '재' | '깨' | '떼' | '매'
        )
        && matches!(w[2..], [] | ['요'] | ['서'] | ['도'] | ['야'] | ['서', '요'] | ['야', '돼'] | ['야', '해'])
    {
        return w[0].to_string();
    }
    // 불러, 골라, 눌러 without an ending (택시 불러, 하나 골라 주세요):
    // verbs in 르 whose 어 form is no noun, unlike 달러, 콜라 or 빌라.
    if w.len() == 2 && ends_reu_contracted(&w) {
        let mut verb = w.clone();
        uncontract(&mut verb);
        if BARE_REU_VERBS.iter().any(|v| v[..] == verb[..]) {
            return verb.into_iter().collect();
        }
    }
    // 골라도, 몰라도, 달라도: a verb in 르 and the ending 아도/어도, not a
    // noun and the particle 라도 (커피라도, 달러라도: `uncontract` keeps the
    // 러 that follows ㅏ).
    if w.len() == 3 && w[2] == '도' && ends_reu_contracted(&w[..2]) {
        let mut verb = w[..2].to_vec();
        uncontract(&mut verb);
        if BARE_REU_VERBS.iter().chain(REU_VERBS_BEFORE_DO).any(|v| v[..] == verb[..]) {
            return verb.into_iter().collect();
        }
    }
    // 안해, 안해줘, 못해 주세요 written together: 'does not do', as 안 해 (줘)
    // gives; the auxiliary would otherwise take 해 along and leave 안.
    if let ['안' | '못', '해', ref rest @ ..] = w[..] {
        if matches!(rest, [] | ['줘', ..] | ['주', ..]) {
            return format!("{}하", w[0]);
        }
    }
    // 어디다, 어디다가: 어디에다(가) said short (어디다 내요).
    if matches!(w.as_slice(), ['어', '디', '다'] | ['어', '디', '다', '가']) {
        return "어디".to_string();
    }
    if is_whole_word(&w) {
        return word.to_string();
    }
    // A whole word with a particle of one syllable is that word, whatever
    // ending the rest might read as (유아도 is no 유 + 아도), if the
    // particle is one that follows its last syllable (에이아이 is no 에이아
    // + 이: 이 follows a 받침).
    if w.len() >= 3 {
        let mut noun = w.clone();
        if strip_particle(&mut noun) && noun.len() + 1 == w.len() && is_whole_word(&noun) {
            return syllables_to_string(&noun);
        }
    }
    // 이체한도도: a compound of [`COMPOUND_TAILS`] and the particle 도 (the
    // compound alone is a whole word).
    if w.last() == Some(&'도') {
        if let Some(n) = compound_tail(&w) {
            return syllables_to_string(&w[..n]);
        }
    }
    // 휠체어, 타이어, 스킨케어, 소프트웨어: a loanword in 어 after a vowel
    // (of 체, 이, 케, 웨, 토...) keeps it, as 휠체어를 does; a verb says 어
    // after such a vowel only short (세어, 이어) or in other vowels
    // (바뀌어, 나누어).
    if w.len() >= 3
        && w[w.len() - 1] == '어'
        && matches!(hangul::split(w[w.len() - 2]), Some((_, 1 | 5 | 8 | 15 | 20, 0)))
    {
        return word.to_string();
    }
    // 화면은, 라면은: a noun in 면 and its 은, not the 면은 of 하면은 (if).
    if w.len() >= 3 && w[w.len() - 2..] == ['면', '은'] {
        let noun = &w[..w.len() - 1];
        if NOUNS_IN_MYEON.iter().any(|n| n.chars().eq(noun.iter().copied())) {
            return syllables_to_string(noun);
        }
    }
    // 보이다 (is shown: 안 보여요, 보이게, 보이는데) in all its forms, told
    // from 보다 (look: 어디서 보나요); not 보이스피싱, 보이콧.
    if w.len() >= 2 && w[0] == '보' && (w[1] == '여' || (w[1] == '이' && !matches!(w.get(2), Some('스' | '콧' | '저'))))
    {
        return "보이".to_string();
    }
    // 모으다 and 모이다 (포인트 모으기, 모아서, 모였는데) in all their forms,
    // as one word: collecting.
    if w.len() >= 2 && w[0] == '모' && matches!(w[1], '으' | '아' | '았' | '은' | '을' | '여' | '였' | '인' | '일')
        || (w.len() >= 3 && w[0] == '모' && w[1] == '이' && !matches!(w[2], '스' | '크'))
    {
        return "모으".to_string();
    }
    // 가게요, 결과요: the polite 요 after such a word.
    if w.len() >= 3 && w[w.len() - 1] == '요' && is_whole_word(&w[..w.len() - 1]) {
        return syllables_to_string(&w[..w.len() - 1]);
    }
    // 도와 (도와 드릴게요, 도와 주세요): 돕다, as 도와주세요 gives.
    if w == ['도', '와'] {
        return "돕".to_string();
    }
    // 몇 시에 여나요, 여는 시간: 열다 without its ㄹ, before endings that
    // other words in 여 do not take (여러, 여자 are words); so too 팔다,
    // 풀다, 걸다, 틀다 and 놀다 (파는 곳, 잠금 푸는 법, 전화 거는 법).
    if matches!(w[..], ['엽', '니', '다'] | ['엽', '니', '까']) {
        return "열".to_string();
    }
    let l_verb = match w[0] {
        '여' => Some("열"),
        '파' => Some("팔"),
        '푸' => Some("풀"),
        '거' => Some("걸"),
        '트' => Some("틀"),
        '노' => Some("놀"),
        _ => None,
    };
    if let Some(verb) = l_verb {
        let dropped = matches!(
            &w[1..],
            ['나', '요']
                | ['는']
                | ['는', '데']
                | ['는', '지']
                | ['세', '요']
                | ['시', '나', '요']
                | ['시', '는']
                | ['니']
                | ['니', '까']
                | ['냐']
        ) || (w[1..] == ['나'] && w[0] != '거');
        if dropped {
            return verb.to_string();
        }
    }
    // 해주세용, 하는데염, 있나여: 요 written cutely after an ending (not
    // 비용, 폭염, 참여).
    let n = w.len();
    // So too after the copula (얼마예여, 뭐에용) and 가 (가능한가여, not
    // 가용).
    if n >= 2
        && matches!(w[n - 1], '용' | '염' | '여')
        && (matches!(
            w[n - 2],
            '세' | '데' | '까' | '네' | '게' | '래' | '죠' | '나' | '되' | '돼' | '해' | '봐' | '줘' | '예' | '에'
        ) || (w[n - 2] == '가' && w[n - 1] == '여' && n >= 3))
    {
        w[n - 1] = '요';
    }
    // 주새요, 하새요: 세요 typed with ㅐ, as it sounds (not 냄새요).
    if n >= 3
        && w[n - 1] == '요'
        && w[n - 2] == '새'
        && matches!(w[n - 3], '주' | '하' | '보' | '오' | '가' | '드' | '내')
    {
        w[n - 2] = '세';
    }
    // 했는뎅, 좋은뎅: 데 said cutely (not 오뎅).
    if n >= 2
        && w[n - 1] == '뎅'
        && (matches!(w[n - 2], '는' | '은') || hangul::final_index(w[n - 2]) == hangul::JONG_NIEUN)
    {
        w[n - 1] = '데';
    }
    // 까지, 에서, 부터...: particles that endings would cut in the middle
    // (시까지 is not 시까 + 지).
    if strip_long_particle(&mut w) {
        if !is_whole_word(&w) {
            strip_inner_particle(&mut w);
        }
        // 기사님한테, 고객님께서: the honorific before the particle.
        strip_honorific(&mut w);
        return syllables_to_string(&w);
    }
    if strip_honorific(&mut w) {
        return syllables_to_string(&w);
    }
    if strip_copula(&mut w) {
        return w.into_iter().collect();
    }

    // 카드로요, 환불이요, 신청은요: a particle with the polite 요.
    if let Some(noun) = particle_with_yo(&w) {
        return stem(&noun);
    }
    let before_ending = w.len();
    // 안와, 못와: 오다 and its 아 after the negation (잠이 안와), which the
    // particle 와 of `ends_contracted` leaves out.
    let verbal = strip_ending(&mut w)
        || ends_contracted(&w)
        || strip_prohibitive(&mut w)
        || matches!(w[..], ['안' | '못', '와']);
    // 궁금해서요, 안돼서요: 요 after a connective ending.
    if verbal
        && w.len() + 1 == before_ending
        && word.ends_with('요')
        && matches!(w.last(), Some('서' | '고' | '데' | '면' | '지' | '까' | '게'))
    {
        strip_ending(&mut w);
    }
    if verbal {
        // 잡으시나요, 많으면: the 으 that joins an ending to a consonant;
        // 읽어주세요, 넣어 주세요: the 어/아 that joins it to 주다.
        if w.len() >= 2 && matches!(w.last(), Some('으' | '어' | '아')) && hangul::has_final(w[w.len() - 2]) {
            w.pop();
        }
        // 신청할수있, 볼수없, 해주실수있: 'can' written without spaces.
        let n = w.len();
        if n >= 3
            && matches!(w[n - 2..], ['수', '있'] | ['수', '없'])
            && hangul::final_index(w[n - 3]) == hangul::JONG_RIEUL
        {
            w.truncate(n - 2);
            w[n - 3] = hangul::with_final(w[n - 3], 0);
        }
        strip_prefinal(&mut w);
        uncontract(&mut w);
        // 확인하셔서, 오셔야: the honorific 시 fused with 어 (셔) is the
        // verb's once the 어 is out.
        let honorific = word.contains('셔');
        if honorific {
            strip_prefinal(&mut w);
        }
        // 결제안되, 로그인이안되, 접속못하: a noun and 'does not work'
        // written without spaces (not 제안되, 보안되).
        let n = w.len();
        if n >= 4 && matches!(w[n - 2..], ['안', '되'] | ['못', '하'] | ['안', '돼']) {
            let mut noun = w[..n - 2].to_vec();
            strip_particle(&mut noun);
            return noun.into_iter().collect();
        }
        strip_auxiliary(&mut w);
        if strip_prohibitive(&mut w) {
            uncontract(&mut w);
            strip_auxiliary(&mut w);
        }
        strip_light_verb(&mut w);
        // 사용해야 (해), 가야 (돼), 있어야: 야 of obligation before a light
        // verb; 여쭤봐도, 써도: 도 of permission.
        if strip_obligation(&mut w) || strip_permission(&mut w) {
            uncontract(&mut w);
            if honorific {
                strip_prefinal(&mut w);
            }
            strip_light_verb(&mut w);
        }
        // 마세요, 마라, 맙시다, 말아 주세요: the verb 말다 (don't); not
        // 마셨어요 (마시다).
        let honorific_past = honorific || word.contains('셨');
        if (w == ['마'] && !honorific_past) || w == ['말', '아'] {
            w = vec!['말'];
        } else if honorific_past && matches!(w[..], ['마' | '모']) {
            // 마셨어요, 모셨는데: the 시 of 마시다 and 모시다 went with 셨.
            w.push('시');
        }
        restore_irregular(&mut w);
    } else if w == ['마'] {
        w[0] = '말';
    } else if !is_whole_word(&w) && strip_particle(&mut w) {
        // (The copula may have left a word that only looks like a noun and
        // a particle: 결과예요, 학과인데 keep 결과 and 학과.)
        if is_whole_word(&w) {
            return syllables_to_string(&w);
        }
        // 을, 를, 이 and 가 follow no other case particle (첫사랑을 is
        // 첫사랑 + 을, not 첫사 + 랑 + 을), though they follow 까지 or 만.
        const CASE_PARTICLES: [&[char]; 8] =
            [&['랑'], &['와'], &['과'], &['로'], &['에'], &['하', '고'], &['한', '테'], &['에', '게']];
        let case = word.ends_with(['을', '를', '이', '가'])
            && word.chars().count() == w.len() + 1
            && CASE_PARTICLES.iter().any(|p| ends_with(&w, p));
        strip_honorific(&mut w);
        // 에는, 으로도, 와만: a particle may follow one of these (but 기가만
        // is 기가 + 만, not 기 + 가 + 만).
        if !case && strip_inner_particle(&mut w) {
            strip_honorific(&mut w);
        }
        // 즐겨찾기로, 밝기는: the noun made with 기 has the stem 즐겨찾기
        // and 밝기 would give alone.
        let n = w.len();
        if n >= 2 && w[n - 1] == '기' && looks_verbal(w[n - 2]) && (n >= 3 || is_short_verb(w[0])) {
            let mut bare = w.clone();
            if strip_ending(&mut bare) {
                return stem(&w.iter().collect::<String>());
            }
        }
    }
    syllables_to_string(&w)
}

/// Hangul syllables (three bytes each in UTF-8) as a string, allocated once.
fn syllables_to_string(w: &[char]) -> String {
    let mut s = String::with_capacity(w.len() * 3);
    s.extend(w);
    s
}

/// Removes the longest verbal ending; true when one was removed.
fn strip_ending(w: &mut Vec<char>) -> bool {
    let last = *w.last().unwrap_or(&' ');
    for a in ENDINGS_SORTED.ending(w) {
        let n = a.tail.len();
        if w.len() < n || (n > 0 && a.tail[n - 1] != last) {
            continue;
        }
        if !ends_with(w, &a.tail) {
            continue;
        }
        let rest = w.len() - n;
        match a.fused {
            Some(jong) => {
                if rest == 0 || hangul::final_index(w[rest - 1]) != jong {
                    continue;
                }
                // 할까요 -> 하, 한데 -> 하: the stem keeps its syllable.
                let bare = hangul::with_final(w[rest - 1], 0);
                if n == 0 {
                    // A bare fused consonant (함, 한, 할) needs a verb-like
                    // syllable: 신청함 -> 신청하, but 시간, 할인 and 센터는
                    // are not verbs.
                    if !bare_fused_verb(&w[..rest]) {
                        continue;
                    }
                } else if n == 1 && !looks_verbal(bare) && bare != '이' {
                    // 먼지, 편지, 베란다 are nouns, not 머+ㄴ지, 펴+ㄴ지, 베라+ㄴ다.
                    continue;
                } else if n == 1 && rest == 1 && a.tail[0] == '지' && jong == hangul::JONG_NIEUN && !is_short_verb(bare)
                {
                    // 현지, 반지 are nouns; 한지, 된지, 본지 are verbs of one
                    // syllable with ㄴ지.
                    continue;
                } else if jong == hangul::JONG_RIEUL
                    && is_l_verb(w[rest - 1])
                    && (a.tail[0] == '려' || (matches!(a.tail[0], '까' | '게' | '래') && rest == 1 && w[0] != '들'))
                {
                    // 풀려면, 열려면, 만들려면: a verb in ㄹ with 려면, not
                    // 푸, 여, 만드 with the spoken ㄹ려면 of 할려면; so too
                    // 열까요, 팔게요, 걸래요 (열다, 팔다, 걸다), but not 들까요,
                    // whose 드 `restore_irregular` reads, nor 도울게요 (돕다).
                    continue;
                }
                w.truncate(rest);
                let last = w.len() - 1;
                w[last] = bare;
                // The copula after a noun (언제인지, 예정인가요, 무엇일까요,
                // 정상입니다) leaves the noun.
                let copula = match a.tail.first() {
                    Some(&next @ ('지' | '가' | '데' | '까' | '니')) => bare == '이' && is_copula_stem(w, next),
                    _ => false,
                };
                if copula {
                    w.pop();
                    return false;
                }
                return true;
            }
            None => {
                // 서 alone joins a verb whose last vowel took in 아/어 (가서,
                // 해서, 봐서, 켜서): 고지서 and 신청서 are nouns.
                if a.tail[..] == ['서'] && (rest == 0 || !after_a_eo(w[rest - 1])) {
                    continue;
                }
                // 려 alone (신청하려 했는데, 추가하려 해요) only after 하:
                // 배려, 고려 and 우려 are nouns.
                if a.tail[..] == ['려'] && (rest < 2 || w[rest - 1] != '하') {
                    continue;
                }
                // A quote (오류라는, 조회하라고) follows a noun or a verb of
                // two syllables or 하: 바라는 and 자라는 are verbs in 라.
                // So does a common verb of one syllable (사라고, 내라고,
                // 보라고: told to buy, pay, see), not 자라고 (grow).
                if matches!(a.tail[..], ['라', '는'] | ['라', '고'])
                    && rest < 2
                    && !matches!(w[0], '하' | '사' | '내' | '보' | '가' | '오' | '쓰' | '주' | '타')
                {
                    continue;
                }
                // One-syllable endings other than 요 need a stem of two
                // syllables: 해지 and 사고 are nouns, not 해+지 and 사+고.
                let min_rest = if n == 1 && a.tail[0] != '요' { 2 } else { 1 };
                // ...unless the rest is a common one-syllable verb (쓰고,
                // 받음, 있어, 하죠).
                // 사다 (buy) too, but 사고, 사기, 사지 and 사자 are nouns.
                let short_verb = rest == 1
                    && (is_short_verb(w[0])
                        || short_verb_alone_with(w[0], &a.tail)
                        || (w[0] == '사' && !matches!(a.tail[0], '고' | '기' | '지' | '자'))
                        || (matches!(a.tail[0], '라' | '야' | '서' | '도')
                            && (matches!(w[0], '해' | '마') || ends_contracted(&w[..1])))
                        || (a.tail[..] == ['서'] && w[0] == '와')
                        // 나다 (사고가 나면, 고장 나서); 나도 is the pronoun.
                        || (matches!(a.tail[..], ['면'] | ['서']) && w[0] == '나'));
                // 사고요, 해지요: a two-syllable noun and 요, not 사 + 고요.
                let noun_yo = rest == 1
                    && n == 2
                    && a.tail[n - 1] == '요'
                    && !short_verb
                    && !ends_contracted(&w[..1])
                    && !matches!(w[0], '마' | '뭐' | '거')
                    // 뒤예요, 차예요: a noun of one syllable and the copula
                    // (공예요 and 명예요 are nouns in 예 and 요).
                    && (a.tail[..] != ['예', '요'] || hangul::has_final(w[0]));
                // 내용, 참여: 용 and 여 (요) only after an ending.
                let noun_yong = n == 1
                    && rest >= 1
                    && matches!(a.tail[0], '용' | '여')
                    && !(matches!(w[rest - 1], '해' | '어' | '아') || contracted_syllable(w[rest - 1]));
                // 필요, 중요, 소요: a two-syllable noun in 요. A verb's 요 of
                // one syllable follows its 아/어, so no 받침.
                let noun_in_yo = n == 1
                    && a.tail[0] == '요'
                    && rest == 1
                    && (hangul::has_final(w[0]) || matches!(w[0], '소' | '수' | '주' | '개'));
                if (rest < min_rest && !short_verb) || noun_yo || noun_yong || noun_in_yo {
                    continue;
                }
                // 은 and 을 follow a closed syllable; after an open one the
                // modifier is ㄴ or ㄹ in it (간, 갈): 가을 is no 가 + 을.
                // (나은 and 지은 are 낫다 and 짓다 without their ㅅ.)
                if n == 1
                    && matches!(a.tail[0], '은' | '을')
                    && rest == 1
                    && !hangul::has_final(w[0])
                    && !matches!(w[0], '나' | '지' | '부' | '그' | '저' | '이')
                {
                    continue;
                }
                // The copula (뭐예요, 어디예요) leaves a noun, not a verb.
                if matches!(
                    a.tail[..],
                    ['예', '요']
                        | ['에', '요']
                        | ['이', '에', '요']
                        | ['이', '예', '요']
                        | ['인', '가', '요']
                        | ['입', '니', '다']
                        | ['입', '니', '까']
                ) {
                    w.truncate(rest);
                    return false;
                }
                // 은/을/는 as endings are the same letters as particles: only
                // take them after a verb-looking syllable.
                if n == 1
                    && matches!(
                        a.tail[0],
                        '은' | '을'
                            | '는'
                            | '게'
                            | '기'
                            | '고'
                            | '서'
                            | '면'
                            | '다'
                            | '지'
                            | '네'
                            | '러'
                            | '나'
                            | '음'
                            | '셈'
                            | '삼'
                    )
                    && !looks_verbal(w[rest - 1])
                    && !(w[rest - 1] == '이' && rest >= 2 && takes_passive_i(w[rest - 2]))
                    && !(a.tail[0] == '게' && adverb_of_adjective(w[rest - 1]))
                    && !(rest == 1 && short_verb_alone_with(w[0], &a.tail))
                    // 사면: if one buys (몇 개 사면), far more often asked
                    // than the noun (amnesty).
                    && !(rest == 1 && w[0] == '사' && a.tail[..] == ['면'])
                    && !(a.tail[0] == '서'
                        && (matches!(w[rest - 1], '해' | '와')
                            || ends_contracted(&w[..rest])
                            || ends_reu_contracted(&w[..rest])))
                    || (n == 1 && matches!(a.tail[0], '은' | '는' | '을') && w[rest - 1] == '기')
                {
                    continue;
                }
                // 했다가, 하다가, 갈다가, 걷다가, but not 바다가.
                if a.tail[..] == ['다', '가']
                    && !(looks_verbal(w[rest - 1]) || is_l_verb(w[rest - 1]) || matches!(w[rest - 1], '갈' | '걷'))
                {
                    continue;
                }
                // 좋구나, 하는구나, 그렇구나, 했구나, but not 친구나.
                if a.tail[..] == ['구', '나'] && {
                    let prev = w[rest - 1];
                    let fin = hangul::final_index(prev);
                    !(looks_verbal(prev) || prev == '는' || fin == hangul::JONG_SSANG_SIOS || fin == hangul::JONG_HIEUH)
                } {
                    continue;
                }
                // 메시지, 패키지, 강아지 are nouns (메시지만, 강아지요), and
                // no ending in 지 follows 해 or 돼 (해지만 is 해지 + 만).
                if a.tail[0] == '지'
                    && (matches!(w[rest - 1], '시' | '해' | '돼')
                        || (rest >= 2 && matches!(w[rest - 2..rest], ['패', '키'] | ['강', '아'])))
                {
                    continue;
                }
                // 기에 (하기에, 보기에) follows a verb: 정수기에, 게임기에,
                // 후기에 are a noun in 기 and the particle 에.
                if a.tail[..] == ['기', '에'] && !(looks_verbal(w[rest - 1]) || is_short_verb(w[rest - 1])) {
                    continue;
                }
                // 하자, 보자, 말자, but not 남자, 문자, 관리자; 해라, 지켜라,
                // but not 카메라.
                if n == 1 && a.tail[0] == '자' && !(is_short_verb(w[rest - 1]) || w[rest - 1] == '하') {
                    continue;
                }
                if n == 1
                    && a.tail[0] == '라'
                    && !(matches!(w[rest - 1], '해' | '마' | '주') || ends_contracted(&w[..rest]))
                {
                    continue;
                }
                // 해도, 봐도, 바꿔도, but not 속도, 정도, 에도.
                if n == 1 && a.tail[0] == '도' && !(w[rest - 1] == '해' || ends_contracted(&w[..rest])) {
                    continue;
                }
                // 여서, 여도 after a consonant hold a passive's or
                // causative's 이 (쌓여서, 줄여도): it stays.
                let passive = a.tail[0] == '여' && takes_passive_i(w[rest - 1]);
                w.truncate(rest);
                if passive {
                    w.push('이');
                }
                return true;
            }
        }
    }
    false
}

/// Forms of the copula after a consonant (요일이면, 아침이었니, 평일이라서).
const COPULA_AFTER_CONSONANT: &[&str] = &[
    "이냐",
    "이니",
    "이면",
    "이라면",
    "이라고",
    "이라서",
    "이라",
    "이고",
    "이며",
    "이야",
    "이었어",
    "이었어요",
    "이었니",
    "이었나",
    "이었나요",
    "이었던가",
    "이었던가요",
    "이었지",
    "이었는데",
    "이니까",
    "이니깐",
    "이지만",
    "이므로",
    "이어서",
];
/// Forms of the copula that say something of a noun after a consonant
/// (불량이네요, 품절이래요, 파손이거든요, 금요일이다). Verbs end so too (줄이네요,
/// 높이래), so the noun before them has two syllables or more.
const COPULA_SAID: &[&str] = &[
    "이다",
    "이었다",
    "이네요",
    "이네",
    "이래요",
    "이래",
    "이래서",
    "이잖아요",
    "이잖아",
    "이거든요",
    "이거든",
    "이던데",
    "이던데요",
    "이더라고요",
    "이더라",
];
/// ... and after a vowel (모레였니, 언제였던가요, 무료이며, 카드이고).
const COPULA_AFTER_VOWEL: &[&str] = &[
    "이며",
    "이고",
    "이면",
    "이지만",
    "이므로",
    "이니까",
    "이니",
    "이어서",
    "였어",
    "였어요",
    "였니",
    "였나",
    "였나요",
    "였던가",
    "였던가요",
    "였지",
    "였는데",
    "였던",
    "라면",
    "라서",
    "라고",
];

/// Nouns in 이 that the copula's 이 could be taken from (나이며 is 나이 and
/// the copula said short, not 나 and 이며).
fn is_noun_in_i(w: &[char]) -> bool {
    ["나이", "차이", "아이", "사이", "놀이", "길이", "높이", "넓이", "깊이", "종이", "어린이", "고양이", "오이", "데이"]
        .iter()
        .any(|n| {
            let m = n.chars().count();
            m <= w.len() && n.chars().eq(w[w.len() - m..].iter().copied())
        })
}

/// Removes the copula and its ending after a noun of two syllables or more;
/// true when it did. The noun must end as the copula form requires, so
/// nouns in 이 (나이야) and verbs (높이고, 하였니, 하라고) keep their 이.
fn strip_copula(w: &mut Vec<char>) -> bool {
    let Some(&last) = w.last() else { return false };
    for &(ref tail, after_consonant, min_noun) in COPULA_TAILS.iter() {
        let n = tail.len();
        if tail[n - 1] != last || w.len() < n + min_noun || !ends_with(w, tail) {
            continue;
        }
        let prev = w[w.len() - n - 1];
        if hangul::has_final(prev) != after_consonant || (!after_consonant && looks_verbal(prev)) {
            continue;
        }
        // 하느라고: the ending -느라고, not a noun 하느 and the copula.
        if !after_consonant && prev == '느' {
            continue;
        }
        // 나이며, 차이고: a noun in 이 and the copula said short.
        if !after_consonant && tail[0] == '이' && is_noun_in_i(&w[..w.len() - n + 1]) {
            continue;
        }
        w.truncate(w.len() - n);
        return true;
    }
    false
}

/// The copula's forms as syllables, in the order [`strip_copula`] tries
/// them: (form, after a consonant, shortest noun before it).
static COPULA_TAILS: LazyLock<Vec<(Vec<char>, bool, usize)>> = LazyLock::new(|| {
    let mut tails = Vec::new();
    for (list, after_consonant) in [(COPULA_AFTER_CONSONANT, true), (COPULA_AFTER_VOWEL, false)] {
        for tail in list {
            // 이고, 이면, 이니까 and the like also end verbs (높이고, 줄이면,
            // 붙이니까): a noun of one syllable before them is too often a
            // verb stem.
            let verbs_too = matches!(*tail, "이고" | "이면" | "이니까" | "이니깐" | "이지만" | "이므로" | "이어서");
            let min_noun = if verbs_too || !after_consonant { 2 } else { 1 };
            tails.push((tail.chars().collect(), after_consonant, min_noun));
        }
    }
    tails.extend(COPULA_SAID.iter().map(|tail| (tail.chars().collect(), true, 2)));
    tails
});

/// Removes the 도 of 봐도, 해도, 써도 left before 되 that came off
/// (여쭤봐도되 -> 여쭤봐도 -> 여쭤봐); true when it did.
fn strip_permission(w: &mut Vec<char>) -> bool {
    let n = w.len();
    if n >= 2 && w[n - 1] == '도' && (w[n - 2] == '해' || contracted_syllable(w[n - 2]) || ends_contracted(&w[..n - 1]))
    {
        w.pop();
        strip_auxiliary(w);
        return true;
    }
    false
}

/// Removes the 야 of 해야 (하다), 가야, 있어야 left before a light verb that
/// came off (사용해야해 -> 사용해야 -> 사용해); true when it did.
fn strip_obligation(w: &mut Vec<char>) -> bool {
    let n = w.len();
    if n < 2 || w[n - 1] != '야' {
        return false;
    }
    let before = w[n - 2];
    if before == '해' || contracted_syllable(before) || is_short_verb(before) || fuses_with_a(before) {
        w.pop();
        return true;
    }
    if matches!(before, '어' | '아') && n >= 3 {
        w.truncate(n - 2);
        return true;
    }
    false
}

/// Last syllables of verbs whose 아 or 어 fuses with their vowel (사야 for
/// 사아야, 써야 for 쓰어야, 와야 for 오아야), unlike 해, 봐 or 줘 never
/// read as contracted on their own (사 and 자 are nouns too): only before
/// 야 and a light verb (사야 돼요, 써야 될까요) or before 보다 and 놓다
/// (사봤는데, 사놨어요).
fn fuses_with_a(c: char) -> bool {
    matches!(c, '사' | '와' | '써' | '자' | '서' | '꺼' | '커' | '떠' | '펴' | '차' | '파' | '까' | '세' | '깨' | '매')
}

/// The noun of a word made of a noun, a particle and 요 (카드로요, 환불이요,
/// 신청은요, 다음에요), or `None`.
fn particle_with_yo(w: &[char]) -> Option<String> {
    let n = w.len();
    if n < 3 || w[n - 1] != '요' {
        return None;
    }
    let rest = &w[..n - 1];
    // 환불이요, but not 높이요.
    if rest[rest.len() - 1] == '이' && rest.len() >= 3 && hangul::has_final(rest[rest.len() - 2]) {
        return Some(rest.iter().collect());
    }
    // 몇번이에요, 얼마짜리예요: the copula after a noun, not the particle 에.
    let k = rest.len();
    if k >= 3 && rest[k - 1] == '에' && rest[k - 2] == '이' && hangul::has_final(rest[k - 3]) {
        return None;
    }
    // 할거에요, 한거에요: the bound noun 거 with the copula, an ending.
    if k >= 3 && rest[k - 1] == '에' && matches!(rest[k - 2], '거' | '꺼') {
        return None;
    }
    let mut noun = rest.to_vec();
    if !strip_particle(&mut noun) {
        return None;
    }
    let particle: String = rest[noun.len()..].iter().collect();
    matches!(
        particle.as_str(),
        "으로" | "로" | "은" | "는" | "을" | "를" | "에서" | "에" | "까지" | "부터" | "만" | "이랑" | "랑" | "에는"
    )
    .then(|| rest.iter().collect())
}

/// Removes 말다 (don't) written after a verb without a space, once its
/// ending is off: 사용하지마 -> 사용하, 늦지말 -> 늦, 끄지말아 -> 끄.
fn strip_prohibitive(w: &mut Vec<char>) -> bool {
    for tail in [&['지', '말', '아'][..], &['지', '마'], &['지', '말']] {
        if w.len() > tail.len() && ends_with(w, tail) {
            w.truncate(w.len() - tail.len());
            return true;
        }
    }
    false
}

/// The number a native Korean numeral before a counter says (한 달, 두
/// 시간, 석 장), as digits; `None` for other words.
///
/// ```
/// use faq_core::text::korean::native_number;
/// assert_eq!(native_number("두"), Some("2"));
/// assert_eq!(native_number("석"), Some("3"));
/// assert_eq!(native_number("두번"), None);
/// ```
pub fn native_number(word: &str) -> Option<&'static str> {
    Some(match word {
        "한" => "1",
        "두" => "2",
        "세" | "석" => "3",
        "네" | "넉" => "4",
        "다섯" => "5",
        "여섯" => "6",
        "일곱" => "7",
        "여덟" => "8",
        "아홉" => "9",
        "열" => "10",
        _ => return None,
    })
}

/// True when a word ends in a verb's 아/어 (알려, 보여, 해, 바꿔), which an
/// auxiliary written apart follows (알려 주기).
///
/// ```
/// use faq_core::text::korean::ends_in_a_eo;
/// assert!(ends_in_a_eo("알려"));
/// assert!(ends_in_a_eo("해"));
/// assert!(!ends_in_a_eo("교체"));
/// assert!(!ends_in_a_eo("세차"));
/// ```
pub fn ends_in_a_eo(word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    matches!(word, "해" | "봐" | "줘" | "써")
        || (w.len() >= 2 && (matches!(w.last(), Some('아' | '어' | '여')) || ends_contracted(&w)))
}

/// True when the word ends with a verb stem fused with the ending 아/어
/// (알려줘, 봐, 안돼, 바꿔, 옮겨): the contraction is the whole ending.
/// Syllables that also end common nouns (해: 올해, 워: 샤워, 쳐: 캡쳐,
/// 와: the particle) are left out.
fn ends_contracted(w: &[char]) -> bool {
    if eu_adjective_contracted(w).is_some() {
        return true;
    }
    let Some(&last) = w.last() else { return false };
    let Some((cho, jung, 0)) = hangul::split(last) else { return false };
    const GIYEOK: usize = 0;
    const SSANG_GIYEOK: usize = 1;
    const NIEUN: usize = 2;
    const DIGEUT: usize = 3;
    const RIEUL: usize = 5;
    const BIEUP: usize = 7;
    const SIOS: usize = 9;
    const SSANG_SIOS: usize = 10;
    const JIEUT: usize = 12;
    const CHIEUT: usize = 14;
    const KIEUK: usize = 15;
    const HIEUH: usize = 18;
    match jung {
        // 봐, 놔
        9 => matches!(cho, BIEUP | NIEUN),
        // 돼, 봬
        10 => matches!(cho, DIGEUT | BIEUP),
        // 줘, 둬, 꿔, 춰, 눠, 뤄
        14 => {
            matches!(cho, JIEUT | DIGEUT | SSANG_GIYEOK | CHIEUT | NIEUN | RIEUL)
                // 더워, 어려워, 무서워, but not 샤워, 타워
                || (cho == 11 && w.len() >= 2 && before_irregular_b(&w[..w.len() - 1]))
                // 채워, 세워, 배워, 비워: verbs in 우
                || (cho == 11 && w.len() >= 2 && before_u_verb(w[w.len() - 2]))
        }
        // 져, 겨, 셔, 혀, 켜 (지켜); 쳐 (지쳐, 고쳐) but not 캡쳐; 려 after a ㄹ
        // (알려, 올려, 걸려) or a few syllables (내려, 기다려, 버려, 느려),
        // not in nouns (우려, 고려, 배려).
        6 => match cho {
            JIEUT | GIYEOK | SIOS | HIEUH | KIEUK => w.len() >= 2,
            CHIEUT => w.len() >= 2 && w[w.len() - 2] != '캡',
            // 다녀 (다니다), 견뎌 (견디다)
            NIEUN => w.len() >= 2 && w[w.len() - 2] == '다',
            DIGEUT => w.len() >= 2 && w[w.len() - 2] == '견',
            RIEUL => {
                w.len() >= 2 && {
                    let before = w[w.len() - 2];
                    matches!(before, '내' | '다' | '버' | '드' | '그' | '누' | '뿌' | '느' | '시' | '부')
                        || hangul::final_index(before) == hangul::JONG_RIEUL
                }
            }
            _ => false,
        },
        // 써 (잘못써: 쓰다); 꺼 and 커 alone (끄다, 크다), not 내꺼 (mine)
        // nor 스티커.
        4 => cho == SSANG_SIOS || (w.len() == 1 && matches!(cho, SSANG_GIYEOK | KIEUK)),
        _ => false,
    }
}

/// Adjectives whose 으 goes before 아/어 (아프다: 아파요, 바쁘다: 바빠서,
/// 슬프다: 슬퍼요): the syllable before, the stem's last syllable, and its
/// form with 아/어. A short list: nouns end in 파, 빠 and 퍼 too (소파,
/// 아빠, 오빠, 슈퍼).
const EU_ADJECTIVES: &[(char, char, char)] = &[
    ('아', '프', '파'),
    ('고', '프', '파'),
    ('슬', '프', '퍼'),
    ('바', '쁘', '빠'),
    ('나', '쁘', '빠'),
    ('기', '쁘', '뻐'),
    ('예', '쁘', '뻐'),
    // 잠그다 (잠가 주세요, 잠갔어요) is a verb in 그 so too (상담가 is a
    // counselor, not 담그다).
    ('잠', '그', '가'),
];

/// The stem's last syllable when `w` ends with an adjective of
/// [`EU_ADJECTIVES`] fused with 아/어 (아파 -> 프).
fn eu_adjective_contracted(w: &[char]) -> Option<char> {
    let [.., before, last] = w else { return None };
    EU_ADJECTIVES.iter().find(|&&(b, _, fused)| b == *before && fused == *last).map(|&(_, stem, _)| stem)
}

/// Gives back the ㅂ and the ㄹ that some verbs lose before endings, so
/// that all forms of a verb share one stem: 어려워요, 어려운 and 어렵나요
/// give 어렵, 추워서 gives 춥, 만드는 and 만든 give 만들, as 만들어요
/// does. 싸우다 and 지우다 keep their 우; of the verbs in ㄹ, only 만들다,
/// 힘들다 and 들다 (돈이 드는) take theirs back: 사는 and 파는 are as
/// likely 사다 and 파다.
fn restore_irregular(w: &mut Vec<char>) {
    let n = w.len();
    // 도와주세요, 도울게요: 돕다, whose 우 went into 와 (도와 -> 도오).
    if matches!(w[..], ['도', '오'] | ['도', '우']) {
        *w = vec!['돕'];
    } else if n >= 2 && w[n - 1] == '우' && !matches!(w[n - 2], '지' | '싸') && before_irregular_b(&w[..n - 1]) {
        w.pop();
        w[n - 2] = hangul::with_final(w[n - 2], hangul::JONG_BIEUP);
    } else if matches!(w[..], ['만', '드'] | ['힘', '드'] | ['드']) {
        let last = w.len() - 1;
        w[last] = hangul::with_final(w[last], hangul::JONG_RIEUL);
    }
}

/// Verbs in 르 read as such in their 어 form without an ending (불러, 골라):
/// nouns end in 라 and 러 after a ㄹ too (달러, 콜라, 빌라, 컬러).
const BARE_REU_VERBS: &[[char; 2]] =
    &[['부', '르'], ['고', '르'], ['누', '르'], ['자', '르'], ['흐', '르'], ['찌', '르'], ['바', '르']];

/// Verbs in 르 whose 아/어 form alone is a word of chat too (몰라: I don't
/// know; 달라: give me), read as the verb before 도 only (몰라도, 달라도).
const REU_VERBS_BEFORE_DO: &[[char; 2]] = &[['모', '르'], ['다', '르'], ['빠', '르'], ['오', '르'], ['마', '르']];

/// True when the word ends with a 르 verb fused with 아/어 (몰라, 달라,
/// 눌러): 라 or 러 after a syllable in ㄹ. Only taken before 서, as nouns
/// end so too (달러, 컬러, 콜라).
fn ends_reu_contracted(w: &[char]) -> bool {
    const RIEUL: usize = 5;
    let n = w.len();
    n >= 2
        && matches!(hangul::split(w[n - 1]), Some((RIEUL, 0 | 4, 0)))
        && hangul::final_index(w[n - 2]) == hangul::JONG_RIEUL
}

/// True when `w`, whose last syllable carries a fused ㄴ, ㄹ or ㅁ with no
/// ending after it, is a verb form (신청한, 보낼, 바꾼, 알린, 볼) rather than
/// a noun (시간, 할인, 메일, 분실, 유심).
fn bare_fused_verb(w: &[char]) -> bool {
    let n = w.len();
    let bare = hangul::with_final(w[n - 1], 0);
    let before = if n >= 2 { Some(w[n - 2]) } else { None };
    // A fused ㅁ makes nouns (알림, 바꿈, 감, 봄) but in 함 and 됨 (신청함,
    // 완료됨), notes written in the verb.
    if hangul::final_index(w[n - 1]) == hangul::JONG_MIEUM {
        return matches!(bare, '하' | '되');
    }
    match (bare, before) {
        // 볼, 쓸, 갈, 될, 한, 댈 (차 댈 곳): a one-syllable verb alone.
        // 낼, 낸 (내다: 낼 수 있는); 난 (나다: 고장 난), not 날 (a day).
        (_, None) => {
            matches!(bare, '하' | '되' | '보' | '쓰' | '가' | '오' | '크' | '뜨' | '두' | '타' | '내' | '대' | '싸')
                || (bare == '나' && hangul::final_index(w[n - 1]) == hangul::JONG_NIEUN)
        }
        // 제한, 기한, 권한 are nouns, not 제하다 and 기하다 (but 결제한).
        ('하', Some(b)) => !(n == 2 && matches!(b, '제' | '기' | '권' | '상' | '무' | '시' | '유')),
        ('되' | '내' | '꾸' | '리' | '치' | '뀌' | '니' | '히', Some(_)) => true,
        // 끝난, 비싼 (끝나다, 비싸다).
        ('나', Some('끝')) | ('싸', Some('비')) => true,
        // 미룰, 다룬: verbs of two syllables in 루 (not 비밀번호룰, a rule).
        ('루', Some(_)) => n == 2,
        // 쌓일, 줄인, 높일: verbs in 이 after a verb's syllable (not 할인,
        // 확인, 요일).
        ('이', Some(b)) => matches!(b, '쌓' | '높' | '줄' | '놓' | '붙' | '끓' | '녹' | '섞' | '깎' | '닫' | '먹'),
        // 잡아둔, 넣어둘, 해둔: 두다 after a verb's 아/어.
        ('두', Some(b)) => after_a_eo(b),
        // 해준, 보내줄, 알려준: 주다 after a verb's 아/어 (not 기준, 수준);
        // 찾아본, 해볼: 보다 too (not 일본, 기본, 사본).
        // 스케줄 is no 스케 + 줄.
        ('주' | '보', Some(b)) => after_a_eo(b) && !(bare == '주' && b == '케'),
        // 더운, 어려울, 무서운: adjectives in ㅂ (not 서울, 거울, 다운).
        ('우', Some(_)) => before_irregular_b(&w[..n - 1]),
        // 하신, 바꾸실, 보신: the honorific 시 after a verb, not 분실, 거실, 유심;
        // 받으신, 읽으실: after a stem's consonant, with the 으 that joins it.
        ('시', Some(b)) => looks_verbal(b) || (b == '으' && n >= 3 && hangul::has_final(w[n - 3])),
        // 나온, 들어올, 나간: not 기온, 보온.
        // 내려갈, 올라간 too.
        ('오' | '가', Some(b)) => matches!(b, '나' | '어' | '아' | '려' | '라'),
        // 만든, 힘든 (만들다, 힘들다), not 가든.
        ('드', Some(b)) => matches!(b, '만' | '힘'),
        // 아픈, 바쁠, 슬픈 (not 샘플, 커플, 오픈).
        ('프' | '쁘', Some(b)) => EU_ADJECTIVES.iter().any(|&(before, stem, _)| before == b && stem == bare),
        // 빠른, 모른, 고른: verbs and adjectives in 르 before a noun (not
        // 어른, 서른); 를 is the object particle. 다른 (other: 다른 방법) is
        // a word of its own, not 다르다 (to differ: 달라요).
        ('르', Some(b)) => hangul::final_index(w[n - 1]) == hangul::JONG_NIEUN && !matches!(b, '어' | '서' | '다'),
        _ => false,
    }
}

/// True when `w` ends with what comes before the 우 of an adjective in ㅂ
/// (더운, 추울, 어려운, 무거울, 쉬운, 가까운, 새로운): a short list, as
/// nouns end in 운 and 울 too (서울, 거울, 기운, 다운).
fn before_irregular_b(w: &[char]) -> bool {
    let n = w.len();
    match w.last() {
        Some('서') => n >= 2 && w[n - 2] == '무',
        Some('거') => n >= 2,
        Some(&c) => {
            matches!(
                c,
                '더' | '추'
                    | '러'
                    | '려'
                    | '벼'
                    | '쉬'
                    | '까'
                    | '로'
                    | '두'
                    | '여'
                    | '마'
                    | '차'
                    | '가'
                    | '지'
                    | '싸'
            )
        }
        None => false,
    }
}

/// True when `c` comes before the 우 of a verb that fuses it with 어
/// into 워 (채워, 세워, 배워, 비워, 키워, 치워, 태워, 데워, 띄워, 외워,
/// 깨워, 피워); nouns end in 워 too (샤워, 타워, 파워).
fn before_u_verb(c: char) -> bool {
    matches!(c, '채' | '세' | '배' | '비' | '키' | '치' | '태' | '데' | '띄' | '외' | '깨' | '피')
}

/// True when a stem ending in 이 is a noun followed by the copula before
/// the ending's first syllable `next`: the noun has two syllables or more,
/// or ends in a vowel (언제이, 예정이, 무엇이), or the ending is one verbs in
/// 이 seldom take (중인데, 집인가요, 폰인지), not 높일까요 and 줄이니.
fn is_copula_stem(w: &[char], next: char) -> bool {
    let n = w.len();
    n >= 3 || (n == 2 && (!hangul::has_final(w[0]) || matches!(next, '데' | '가' | '지')))
}

/// True when a syllable often ends a verb stem (하, 되, 받, 바꾸, 넘어오,
/// past tense, ...).
fn looks_verbal(c: char) -> bool {
    matches!(
        c,
        '겁' | '렵'
            | '그'
            | '찮'
            | '롭'
            | '볍'
            | '깝'
            | '럽'
            | '겹'
            | '하'
            | '되'
            | '받'
            | '했'
            | '됐'
            | '있'
            | '없'
            | '였'
            | '었'
            | '았'
            | '시'
            | '셨'
            | '주'
            | '드'
            | '보'
            | '봤'
            | '줬'
            | '겠'
            | '꾸'
            | '오'
            | '우'
            | '추'
            | '르'
            | '치'
            | '키'
            | '내'
            | '쓰'
            | '끊'
            | '막'
            | '풀'
            | '찾'
            | '잃'
            | '걸'
            | '놓'
            | '켜'
            | '끄'
            | '남'
            | '읽'
            | '빼'
            | '리'
            | '나'
            | '니'
            | '루'
            | '지'
            | '귀'
            | '뀌'
            | '들'
            | '기'
            | '히'
            | '프'
            | '쁘'
            | '싸'
    ) || is_short_verb(c)
        || contracted_syllable(c)
}

/// A syllable that is a verb stem fused with 아/어 (봐, 줘, 돼, 꿔, 춰, 져,
/// 겨, 쳐, 혀), whatever comes before it.
fn contracted_syllable(c: char) -> bool {
    match hangul::split(c) {
        Some((cho, 9, 0)) => matches!(cho, 7 | 2),
        Some((cho, 10, 0)) => matches!(cho, 3 | 7),
        Some((cho, 14, 0)) => matches!(cho, 12 | 3 | 1 | 14 | 2 | 5),
        Some((cho, 6, 0)) => matches!(cho, 12 | 0 | 9 | 18 | 14 | 5),
        _ => false,
    }
}

/// True when `c` ends an adjective that 게 makes an adverb of (어렵게,
/// 가깝게, 귀엽게: the ㅂ of the adjectives that lose it; 싸게, 비싸게,
/// 짧게, 작게, 넓게): a noun seldom ends so before 게.
fn adverb_of_adjective(c: char) -> bool {
    hangul::final_index(c) == hangul::JONG_BIEUP || matches!(c, '싸' | '짧' | '작' | '넓' | '좁' | '높' | '낮' | '얇')
}

/// Last syllables of verbs in ㄹ (알다, 열다, 팔다, 만들다), which take 려면
/// and 려고 straight after the ㄹ. None is a verb without its ㄹ, as 갈 (가),
/// 살 (사), 줄 (주) and 끌 (끄) may be in 갈려면 for 가려면.
fn is_l_verb(c: char) -> bool {
    matches!(
        c,
        '알' | '열'
            | '팔'
            | '풀'
            | '걸'
            | '놀'
            | '밀'
            | '빌'
            | '벌'
            | '들'
            | '울'
            | '털'
            | '틀'
            | '돌'
            | '물'
            | '길'
            | '멀'
            | '불'
            | '졸'
    )
}

/// Verbs of one syllable whose endings may be taken off after them alone
/// (갚고, 남는, 깔면, 몰면), though the syllable ends nouns too (상담,
/// 쇼핑몰, 색깔): they do not make a longer word look verbal.
fn is_short_verb_alone(c: char) -> bool {
    matches!(c, '갚' | '붙' | '맡' | '닳' | '꽂' | '앉' | '넘' | '남' | '담' | '깔' | '몰')
}

/// True when `c` alone is a verb of [`is_short_verb_alone`] and `tail` one
/// of its endings (갚고, 남는, 깔면), not what makes a noun of it (남자,
/// 남해, 담임) or a verb of its own (남기, 맡기, 넘기: leave, entrust,
/// hand over).
fn short_verb_alone_with(c: char, tail: &[char]) -> bool {
    is_short_verb_alone(c) && !(c == '남' && tail == ['자']) && !matches!(tail, ['기'] | ['임'] | ['해'])
}

/// Common verbs of one syllable, whose endings may be taken off even though
/// the stem is that short.
fn is_short_verb(c: char) -> bool {
    matches!(
        c,
        '하' | '되'
            | '돕'
            | '받'
            | '있'
            | '없'
            | '보'
            | '드'
            | '팔'
            | '주'
            | '쓰'
            | '가'
            | '오'
            | '알'
            | '내'
            | '걸'
            | '찾'
            | '막'
            | '풀'
            | '끊'
            | '놓'
            | '두'
            | '켜'
            | '끄'
            | '말'
            | '먹'
            | '읽'
            | '닫'
            | '열'
            | '넣'
            | '잊'
            | '늦'
            | '좋'
            | '싫'
            | '많'
            | '같'
            | '맞'
            | '입'
            | '크'
            | '높'
            | '낮'
            | '밝'
            | '쉽'
            | '싸'
            | '찍'
            | '씻'
            | '싶'
            | '않'
            | '잡'
            | '놀'
            | '갖'
            | '타'
            | '쉬'
            | '듣'
            | '길'
            | '젖'
            | '참'
            | '빼'
            | '떼'
            | '뜨'
            | '잇'
            | '벌'
            | '틀'
            | '짜'
            | '새'
            | '깨'
            | '뛰'
            | '치'
            | '끌'
            | '돌'
            | '벗'
            // adjectives of size and feeling (작고, 짧지, 춥네요)
            | '작'
            | '짧'
            | '넓'
            | '좁'
            | '얇'
            | '깊'
            | '얕'
            | '굵'
            | '춥'
            | '덥'
            | '적'
    ) || hangul::final_index(c) == hangul::JONG_SSANG_SIOS
}

/// Removes past tense and honorific markers: 었/았/였, 셨, 겠, and a ㅆ
/// fused into the stem's last syllable (했 -> 해).
fn strip_prefinal(w: &mut Vec<char>) {
    while w.len() >= 2 {
        let last = *w.last().unwrap_or(&' ');
        // 엇, 앗, 엿: the past tense typed with ㅅ for ㅆ (받앗어요).
        if matches!(last, '었' | '았' | '였' | '겠' | '셨' | '시' | '엇' | '앗' | '엿') {
            // 마시 (drink) and 모시 (take along) keep their 시; after 셨
            // it comes back in `stem`.
            if matches!(w[..], ['마' | '모', '시']) {
                break;
            }
            // The honorific 시 follows a vowel (하시, 보내시, 받으시): after
            // a final consonant it ends a noun (택시는, 즉시는, 서울시는), as
            // it does in the nouns of 시 of [`is_whole_word`] (표시해).
            if last == '시' && (hangul::has_final(w[w.len() - 2]) || is_whole_word(w)) {
                break;
            }
            // 였 after a consonant is a passive's or causative's 이 and 었
            // (쌓였, 줄였): the 이 stays.
            if matches!(last, '였' | '엿') && takes_passive_i(w[w.len() - 2]) {
                if let Some(l) = w.last_mut() {
                    *l = '이';
                }
                break;
            }
            w.pop();
            // 잡으시, 많으셨: the 으 before the honorific goes with it.
            if matches!(last, '셨' | '시') && w.len() >= 2 && w.last() == Some(&'으') {
                w.pop();
            }
            continue;
        }
        break;
    }
    if let Some(last) = w.last_mut() {
        // 했, 됐, 봤 carry a past ㅆ; 있 is a verb of its own. 햇, 됫 and
        // 봣 are the same typed with ㅅ.
        let is_iss = hangul::split(*last).is_some_and(|(_, jung, _)| jung == 20);
        // 와, 워, 왜 with ㅅ (왓, 바꿧, 놧) are contractions only verbs make
        // (오+았, 바꾸+었), typed with ㅅ for ㅆ.
        // So are 졌, 켰, 쳤 (지+었, 켜+었, 치+었) typed 졋, 켯, 쳣, and
        // 했 typed 헀.
        if *last == '헀' {
            *last = '했';
        }
        let contracted_sios = hangul::split(*last).is_some_and(|(cho, jung, jong)| {
            jong == hangul::JONG_SIOS
                && (matches!(jung, 9 | 10 | 14) || (jung == 6 && matches!(cho, 0 | 5 | 12 | 14 | 15 | 18)))
        });
        if (hangul::final_index(*last) == hangul::JONG_SSANG_SIOS && !is_iss)
            || matches!(*last, '햇' | '됫' | '됏' | '봣')
            || contracted_sios
        {
            *last = hangul::with_final(*last, 0);
        }
    }
}

/// Undoes a vowel contraction in the last syllable: 해 -> 하, 돼 -> 되,
/// 봐 -> 보, 줘 -> 주, 바꿔 -> 바꾸, 알려 -> 알리.
fn uncontract(w: &mut [char]) {
    let n = w.len();
    // 아파, 바빠, 슬퍼: 아프다, 바쁘다, 슬프다.
    if let Some(stem) = eu_adjective_contracted(w) {
        w[n - 1] = stem;
        return;
    }
    // 몰라, 골라, 눌러, 흘러, 들러: a 르 verb before 아/어 (모르, 고르,
    // 누르, 흐르, and 들르, which keeps its ㄹ); not 말라 (말다, don't).
    // The 아 of 라 follows ㅏ or ㅗ, the 어 of 러 other vowels: 달러요 and
    // 빌라요 are nouns.
    if n >= 2 && w[n - 2] != '말' {
        if let (Some((5, a @ (0 | 4), 0)), Some((cho, jung, hangul::JONG_RIEUL))) =
            (hangul::split(w[n - 1]), hangul::split(w[n - 2]))
        {
            if matches!(jung, 0 | 8) != (a == 0) {
                return;
            }
            w[n - 1] = '르';
            if w[n - 2] != '들' {
                w[n - 2] = hangul::join(cho, jung, 0).unwrap_or(w[n - 2]);
            }
            return;
        }
    }
    // 로써 (by means of) is a particle, not 로 and 쓰다.
    let after_ro = n >= 2 && w[n - 2] == '로';
    let w_prev = if n >= 2 { w[n - 2] } else { ' ' };
    let Some(last) = w.last_mut() else { return };
    let Some((cho, jung, 0)) = hangul::split(*last) else { return };
    const HIEUH: usize = 18;
    let base = match jung {
        1 if cho == HIEUH => Some(0), // ㅐ -> ㅏ (해 -> 하)
        // ㅙ -> ㅚ (돼 -> 되), not 왜 (why) alone
        10 if !(n == 1 && cho == 11) => Some(11),
        // 놔 is 놓다 with 아 (놔두다, 해 놨어요): no verb 노다 takes it.
        9 if cho == 2 => {
            *last = hangul::join(cho, 8, hangul::JONG_HIEUH).unwrap_or(*last);
            None
        }
        // ㅘ -> ㅗ (봐, 와, 쏴, 꽈), not 화 and 과 (전화요, 사과요)
        9 if matches!(cho, 7 | 11 | 10 | 1) => Some(8),
        14 if cho != 6 => Some(13), // ㅝ -> ㅜ (줘 -> 주), not 뭐
        // ㅕ -> ㅣ (려 -> 리), not 여, nor 켜 and 펴 alone (verbs of their own)
        6 if cho != 11 && !(n == 1 && matches!(cho, 15 | 17)) => Some(20),
        // 여 -> 이 after a passive or causative stem's consonant (쌓여,
        // 섞여, 붙여, 높여), not after those nouns in 여 end in (급여, 잔여,
        // 관여, 결여).
        6 if n >= 2 && cho == 11 && takes_passive_i(w_prev) => Some(20),
        // 써 -> 쓰 (잘못써요), and alone 꺼 -> 끄, 커 -> 크, 떠 -> 뜨 (오류가
        // 떠요): 스티커 is no 스티크, nor 내꺼 (mine) 내끄.
        4 if (cho == 10 && !after_ro) || (n == 1 && matches!(cho, 1 | 15 | 4)) => Some(18),
        _ => None,
    };
    if let Some(jung) = base {
        *last = hangul::join(cho, jung, 0).unwrap_or(*last);
    }
}

/// True when `c` ends in a consonant that the passive or causative 이 of a
/// verb follows as 여 (쌓여, 놓여, 덮여, 섞여, 먹여, 붙여, 끓여): ㄱ, ㄲ, ㅌ,
/// ㅍ, ㅎ and the clusters ㄶ, ㄺ, ㅀ. Nouns in 여 follow ㄴ, ㄹ, ㅂ (잔여,
/// 결여, 급여) or no consonant (참여).
fn passive_i_before(c: char) -> bool {
    matches!(hangul::final_index(c), 1 | 2 | 6 | 9 | 15 | 25 | 26 | 27)
}

/// True when `c` may be followed by a passive's or causative's 이 written
/// as 여 (쌓여, 줄여): [`passive_i_before`], and 줄 and 늘.
fn takes_passive_i(c: char) -> bool {
    passive_i_before(c) || matches!(c, '줄' | '늘')
}

/// Drops an auxiliary verb after a connective: 알려주 -> 알려, 확인해보 -> 확인해.
fn strip_auxiliary(w: &mut Vec<char>) {
    // -고 싶다 written without a space: 환불받고싶 -> 환불받.
    if w.len() >= 3 && matches!(w[w.len() - 2..], ['고', '싶'] | ['구', '싶']) {
        w.truncate(w.len() - 2);
    }
    // -면 되다 written without a space (하면되나요, 신청하면돼요): the
    // condition is the verb's, 하려면되 and 찾으면되 too.
    if w.len() >= 3 && matches!(w[w.len() - 2..], ['면', '되'] | ['면', '돼']) {
        w.truncate(w.len() - 2);
        if w.len() >= 2 && (w[w.len() - 1] == '려' || (w[w.len() - 1] == '으' && hangul::has_final(w[w.len() - 2]))) {
            w.pop();
        }
        return;
    }
    // A verb of one syllable before the auxiliary: 봐주, 꺼주, 켜주, 해보,
    // 빼주, 와주, 가줘 (not 매주, every week). 와 and 가 alone are no verb
    // (와 is 'and', 가 a particle), before 주다 they are 오다 and 가다.
    let short = w.len() == 2
        && (ends_contracted(&w[..1])
            || matches!(w[0], '해' | '켜' | '빼')
            || (matches!(w[0], '와' | '가') && w[1] == '주')
            || ((fuses_with_a(w[0]) || matches!(w[0], '가' | '타')) && matches!(w[1], '보' | '놓')));
    if w.len() < 3 && !short {
        return;
    }
    let last = w[w.len() - 1];
    let before = w[w.len() - 2];
    let connective = matches!(hangul::split(before), Some((_, jung, 0)) if matches!(jung, 0 | 1 | 4 | 6 | 9 | 14));
    // 물어보다 and 알아보다 are verbs of their own (ask, find out), not 물
    // (water) and 알 (know) with 보다.
    if ends_with(w, &['물', '어', '보']) || ends_with(w, &['알', '아', '보']) {
        return;
    }
    // 해버렸어요, 취소해가지고: 버리다 (done for good) and 가지다 (having
    // done it) after a verb's 아/어 are the verb's; 잃어버리다 and 잊어버리다
    // are verbs of their own, as the thesaurus has them.
    let n = w.len();
    if n >= 3
        && matches!(w[n - 2..], ['버', '리'] | ['가', '지'])
        && matches!(hangul::split(w[n - 3]), Some((_, jung, 0)) if matches!(jung, 0 | 1 | 4 | 6 | 9 | 14))
        && !(n == 4 && w[1] == '어' && matches!(w[0], '잃' | '잊'))
    {
        w.truncate(n - 2);
        // 까먹어버리: the 어 that joins a stem in a 받침, as 찾아보 below.
        let n = w.len();
        if n >= 2 && matches!(w[n - 1], '아' | '어') && hangul::has_final(w[n - 2]) {
            w.pop();
        }
        uncontract(w);
        return;
    }
    // 해 달라고, 보내 달래요: 달다 (give me) after a verb's 아/어 asks as
    // 주다 does; its 달라 was read as 다르 (달라요 alone is 다르다).
    // Not 마다 다르 (회사마다 다르지): the 아/어 must be a verb's (해, 봐,
    // 바꿔, 보내, 찾아).
    if n >= 3
        && matches!(w[n - 2..], ['다', '르'])
        && (matches!(w[n - 3], '아' | '어') || matches!(hangul::split(w[n - 3]), Some((_, 1 | 5 | 6 | 9 | 10 | 14, 0))))
    {
        w.truncate(n - 2);
        uncontract(w);
        return;
    }
    // 해놨어요, 해둘게요: 놓다 and 두다 (done ahead) too.
    // 신용카드, 교통카드: no verb ends in 카.
    if matches!(last, '주' | '보' | '드' | '노' | '놓' | '두' | '달') && connective && before != '카' {
        w.pop();
        // 찾아보, 만들어주, 읽어주: the 아/어 that joins a stem ending in a
        // 받침 to the auxiliary is the stem's ending.
        let n = w.len();
        if n >= 2 && matches!(w[n - 1], '아' | '어') && hangul::has_final(w[n - 2]) {
            w.pop();
        }
        uncontract(w);
    } else if last == '있' && connective {
        // 켜져있, 비어있, 되어있: a state (켜져 있다) is the verb's.
        w.pop();
        if w.len() >= 2 && matches!(w.last(), Some('어' | '아')) {
            w.pop();
        }
        uncontract(w);
    } else if last == '있' && before == '고' && w.len() >= 3 {
        // 사용하고있: the progressive.
        w.truncate(w.len() - 2);
    } else if w.len() >= 4 && w[w.len() - 2..] == ['드', '리'] {
        w.truncate(w.len() - 2);
        uncontract(w);
    }
}

/// Drops a light verb after a noun of two syllables or more: 환불하 -> 환불.
fn strip_light_verb(w: &mut Vec<char>) {
    if w.len() >= 3 && matches!(w[w.len() - 1], '하' | '되' | '받' | '당') {
        let light = w.pop();
        // 도난당하다, 해킹당하다: 당하다 (not 해당하다, 적당하다).
        if light == Some('하') && w.len() >= 3 && w.last() == Some(&'당') {
            w.pop();
        }
    } else if w.len() >= 4 && w[w.len() - 2..] == ['시', '키'] {
        w.truncate(w.len() - 2);
    }
}

/// Particles of two syllables or more that no ending ends with.
const LONG_PARTICLES: &[&str] = &[
    "까지",
    "에서",
    "부터",
    "에게",
    "한테",
    "든지",
    "라든가",
    "처럼",
    "보다",
    "마다",
    "밖에",
    "에게서",
    "한테서",
    "께서",
    "에선",
    "에겐",
    "한텐",
    "보단",
    "까진",
    "부턴",
];

fn strip_long_particle(w: &mut Vec<char>) -> bool {
    for tail in LONG_PARTICLE_CHARS.iter() {
        if w.len() > tail.len() && ends_with(w, tail) {
            w.truncate(w.len() - tail.len());
            return true;
        }
    }
    false
}

/// The base of a verb stem written without an ending, as thesaurus terms
/// are (돌려받 -> 돌려, 물어보 -> 물어): the same reduction [`stem`]
/// applies after it removes an ending.
pub fn verb_base(stem: &str) -> String {
    reduce_verb(stem).map_or_else(|| stem.to_string(), |(base, _)| base)
}

/// What [`verb_base`] makes of a stem of syllables, and whether a verb
/// came off its end (돌려받, 환불해주) rather than a contraction only being
/// undone: a word alone that merely ends as a contracted verb would (달러
/// as 다르 + 어, 피해 as 피하 + 여) is a word of its own. `None` for other
/// text.
pub(crate) fn reduce_verb(stem: &str) -> Option<(String, bool)> {
    let mut w: Vec<char> = stem.chars().collect();
    if w.is_empty() || !w.iter().all(|c| hangul::is_syllable(*c)) {
        return None;
    }
    uncontract(&mut w);
    let uncontracted = w.len();
    strip_auxiliary(&mut w);
    strip_light_verb(&mut w);
    let verb_taken = w.len() < uncontracted;
    Some((w.into_iter().collect(), verb_taken))
}

/// Removes the honorific suffix 님 of a noun (기사님, 고객님, 상담사님).
fn strip_honorific(w: &mut Vec<char>) -> bool {
    if w.len() >= 3 && w.last() == Some(&'님') {
        w.pop();
        return true;
    }
    false
}

/// Particles another particle may follow.
const INNER_PARTICLES: &[&str] = &[
    "에서", "에게", "한테", "까지", "부터", "으로", "하고", "이랑", "에", "로", "와", "과", "께", "랑", "쯤", "씩",
    "짜리",
];

/// Removes one particle that may precede another; true when one was removed.
fn strip_inner_particle(w: &mut Vec<char>) -> bool {
    for (p, tail) in INNER_PARTICLES.iter().zip(INNER_PARTICLE_CHARS.iter()) {
        if w.len() <= tail.len() || !ends_with(w, tail) {
            continue;
        }
        let rest = w.len() - tail.len();
        let prev = w[rest - 1];
        let ok = match *p {
            "으로" | "과" => hangul::has_final(prev),
            "로" => {
                (!hangul::has_final(prev) && after_word(rest, prev)) || hangul::final_index(prev) == hangul::JONG_RIEUL
            }
            // 사랑을 is 사랑 + 을, not 사 + 랑 + 을.
            "와" | "랑" => !hangul::has_final(prev) && after_word(rest, prev),
            "이랑" => hangul::has_final(prev),
            "에" => rest >= 2 || hangul::has_final(prev),
            _ => true,
        };
        if ok {
            w.truncate(rest);
            return true;
        }
    }
    false
}

/// True when a particle such as 가, 로 or 랑 may follow `rest` syllables
/// ending in `prev` (no 받침): a word of two syllables or more, or a short
/// noun or pronoun; 추가, 바로 and 사랑 are words of their own.
fn after_word(rest: usize, prev: char) -> bool {
    rest >= 2 || short_noun(prev)
}

/// True when `c` and 의 make a word of their own (문의, 명의, 강의,
/// 동의, 합의, 편의, 협의, 정의, 논의, 결의, 건의, 성의, 항의).
fn is_syllable_before_ui(c: char) -> bool {
    "문명강동합편협정논결건신성민탈항심용창발설상".contains(c)
}

/// Nouns and pronouns of one syllable without a 받침 that take particles
/// (내가, 차로, 표가, 뭐나, 애가).
fn short_noun(c: char) -> bool {
    matches!(
        c,
        '내' | '제'
            | '네'
            | '뭐'
            | '이'
            | '그'
            | '저'
            | '거'
            | '나'
            | '너'
            | '차'
            | '배'
            | '비'
            | '표'
            | '키'
            | '코'
            | '피'
            | '새'
            | '해'
            | '때'
            | '개'
            | '소'
            | '무'
            | '파'
            | '세'
            | '위'
            | '뒤'
            | '어'
            | '쪽'
            | '데'
            | '주'
            | '수'
            | '시'
            | '후'
            | '애'
            | '얘'
            | '걔'
    )
}

/// Removes one particle; true when one was removed.
fn strip_particle(w: &mut Vec<char>) -> bool {
    let last = *w.last().unwrap_or(&' ');
    for a in PARTICLES_SORTED.ending(w) {
        let n = a.tail.len();
        if w.len() <= n || a.tail.last() != Some(&last) || !ends_with(w, &a.tail) {
            continue;
        }
        let prev = w[w.len() - n - 1];
        let rest = w.len() - n;
        let batchim = hangul::has_final(prev);
        let ok = match a.tail.as_slice() {
            ['은'] | ['이'] | ['을'] | ['과'] | ['으', '로'] | ['이', '랑'] | ['이', '나'] | ['이', '요'] => {
                batchim
            }
            // 추가, 휴가, 누나 and 바로 are words, not 추, 휴, 누 and 바
            // with a particle: after one syllable only a short noun or a
            // pronoun takes one (제가, 차로, 뭐나).
            ['가'] | ['와'] | ['랑'] | ['나'] => !batchim && after_word(rest, prev),
            ['는'] | ['를'] => !batchim && rest >= 1,
            ['로'] => (!batchim && after_word(rest, prev)) || hangul::final_index(prev) == hangul::JONG_RIEUL,
            ['에'] => rest >= 2 || batchim || short_noun(prev),
            // 7시쯤, 하나씩, 3년째: after numbers' units of one syllable.
            ['엔'] | ['쯤'] | ['씩'] | ['째'] => true,
            // 앱의, 옆의: 의 after a noun of one syllable, but not the 의 of
            // 문의, 명의, 강의, 동의...
            ['의'] => rest >= 2 || (batchim && !is_syllable_before_ui(prev)),
            // 것도, 것만: the bound noun 것; 내도, 가도 (되나요): 도 of
            // permission after a verb of one syllable.
            [_] => rest >= 2 || prev == '것' || (a.tail[0] == '도' && rest == 1 && is_short_verb(prev)),
            _ => true,
        };
        if ok {
            w.truncate(rest);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_base_comes_of_a_verb_taken_off() {
        for (stem, base, verb) in [
            ("돌려받", "돌려", true),
            ("환불해주", "환불", true),
            ("사기당", "사기", true),
            ("넘겨주", "넘기", true),
            ("눌러", "누르", false),
            ("골라", "고르", false),
            ("피해", "피하", false),
            ("환불", "환불", false),
        ] {
            assert_eq!(verb_base(stem), base, "{stem}");
            assert_eq!(reduce_verb(stem), Some((base.to_string(), verb)), "{stem}");
        }
        // 라 after ㅏ or ㅗ, 러 after other vowels: 달러 and 빌라 are nouns.
        for noun in ["달러", "빌라"] {
            assert_eq!(verb_base(noun), noun);
        }
    }

    #[test]
    fn looser_stems_take_off_what_stem_keeps() {
        let table: &[(&str, &[&str])] = &[
            ("남는", &["남"]),
            ("남아", &["남"]),
            ("줄여", &["줄이"]),
            ("바꿔", &["바꾸"]),
            ("아깝고", &["아깝"]),
            ("떼어", &["떼"]),
            ("다니느라", &["다니"]),
            ("떨어졌는데", &["떨어졌"]),
            ("나와서", &["나와", "나오"]),
            ("배워야", &["배워", "배우"]),
            ("빼서", &["빼"]),
            ("눌러", &["누르"]),
        ];
        for (word, expected) in table {
            assert_eq!(looser_stems(word), expected.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{word}");
        }
        // Not Hangul, one syllable, or a stop stem left: nothing to try.
        for word in ["ok", "남", "하고", "eSIM은", "신청서", "정도"] {
            assert!(looser_stems(word).is_empty(), "{word}: {:?}", looser_stems(word));
        }
    }

    #[test]
    fn connective_endings_close_a_clause_of_circumstance() {
        for (text, ends) in [
            ("주문했는데", true),
            ("급해서", true),
            ("급하니까", true),
            ("샀지만", true),
            ("학생인데", true),
            ("기다렸는데도", true),
            ("보면서", true),
            ("주문했어요", false),
            ("환불은", false),
            ("번데기", false),
            ("배송", false),
        ] {
            let word = text.split(' ').next_back().unwrap();
            assert_eq!(ends_clause(word, &stem(word)), ends, "{text}");
        }
    }

    #[test]
    fn question_words_are_told_from_other_words() {
        for w in ["어디", "어딨", "언제", "얼마", "어떻", "어케", "왜", "몇", "무슨", "가능"] {
            assert!(is_question_word(w), "{w}");
        }
        for w in ["환불", "배송", "기억", "안나", "급하", "어제"] {
            assert!(!is_question_word(w), "{w}");
        }
    }

    #[test]
    fn light_words_are_everyday_words_of_little_topic() {
        for w in [
            "가", "오", "보", "쓰", "많", "지금", "다음", "경우", "기억", "가지", "버튼", "메뉴", "처음", "너네",
            "급하", "큰일", "내다",
        ] {
            assert!(is_light_word(w), "{w}");
        }
        // Words that tell neighbours apart are not light: 동안 asks how
        // long, 다른 방법 for another way, 환불 is a topic.
        for w in ["동안", "다른", "환불", "요금", "받", "찾"] {
            assert!(!is_light_word(w), "{w}");
        }
    }

    #[test]
    fn words_of_circumstance_are_everyday_words() {
        for w in ["내일", "아직", "벌써", "요즘", "매달", "이렇게", "대체", "도대체"] {
            assert!(is_circumstance_word(w) && is_common_word(w), "{w}");
        }
        // People and things can be what a question is about (친구 연락처, 지하철 우산).
        for w in ["친구", "지하철", "우산", "요금", "배송"] {
            assert!(!is_circumstance_word(w), "{w}");
        }
    }

    #[test]
    fn everyday_words_are_listed_and_service_words_are_not() {
        for w in [
            "요즘",
            "어제",
            "매일",
            "기분",
            "사랑",
            "그리고",
            "자동차",
            "정도",
            "가장",
            "영어",
            "최소",
            "아깝",
            "콜라",
            "주식",
            "아이폰",
            "고백",
            "신기",
            "생신",
            "시골",
            "전남",
            "권하",
            "오십",
            "여러분",
            "실업",
            "소름",
            "이래",
            "잘하",
        ] {
            assert!(is_common_word(w), "{w}");
        }
        for w in ["환불", "요금", "언제", "메일", "상담", "", "#"] {
            assert!(!is_common_word(w), "{w}");
        }
        for a in ["을", "에서도", "려", "씩", "는데요"] {
            assert!(is_affix(a), "{a}");
        }
        for w in ["환불", "전기", "폰", ""] {
            assert!(!is_affix(w), "{w}");
        }
    }

    #[test]
    fn affix_tables_offer_every_affix_that_ends_a_word() {
        for table in [&*ENDINGS_SORTED, &*PARTICLES_SORTED] {
            // A noun, then any affix, then any affix: every way two
            // affixes' syllables can end a word.
            let words: Vec<Vec<char>> = table
                .affixes
                .iter()
                .flat_map(|x| table.affixes.iter().map(move |y| [&['가'][..], &x.tail, &y.tail].concat()))
                .collect();
            for w in &words {
                let offered: Vec<*const Affix> = table.ending(w).map(|a| a as *const Affix).collect();
                let expected: Vec<*const Affix> = table
                    .affixes
                    .iter()
                    .filter(|a| a.tail.is_empty() || ends_with(w, &a.tail))
                    .map(|a| a as *const Affix)
                    .collect();
                // In the list's order, and every affix that can match.
                assert!(offered.windows(2).all(|p| p[0] < p[1]));
                assert!(expected.iter().all(|e| offered.contains(e)), "{w:?}");
            }
        }
    }

    /// Checks on every piece (of up to ten syllables) of the Hangul runs of
    /// `text`, spaces taken out, that the stem is the piece's first
    /// syllables with their [`start_key`], followed only by syllables
    /// [`may_cut`] allows.
    fn check_stems_keep_starts(text: &str) -> usize {
        let mut pieces = 0;
        for line in text.lines() {
            let joined: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            for run in joined.split(|c: char| !hangul::is_syllable(c)) {
                let w: Vec<char> = run.chars().collect();
                for i in 0..w.len() {
                    for j in i + 1..=w.len().min(i + 10) {
                        let piece = &w[i..j];
                        let st: Vec<char> = stem(&piece.iter().collect::<String>()).chars().collect();
                        let n = st.len();
                        assert!((1..=piece.len()).contains(&n), "{piece:?} -> {st:?}");
                        assert_eq!(start_key(&st), start_key(&piece[..n]), "{piece:?} -> {st:?}");
                        assert!(piece[n..].iter().all(|&c| may_cut(c)), "{piece:?} -> {st:?}");
                        pieces += 1;
                    }
                }
            }
        }
        pieces
    }

    #[test]
    fn stems_keep_the_start_of_every_piece_of_questions() {
        let cases = include_str!("../../../data/eval/cases.tsv");
        let faq = include_str!("../../../data/faq.toml");
        assert!(check_stems_keep_starts(cases) + check_stems_keep_starts(faq) > 10_000);
    }

    #[test]
    fn stems_keep_the_start_of_words_with_every_affix() {
        let stems =
            ["환불", "하", "되", "보내", "받", "몰", "마", "이", "해", "봐", "줘", "켜", "알려", "다운", "여쭤봐"];
        let lists = [
            ENDINGS,
            PARTICLES,
            COPULA_AFTER_CONSONANT,
            COPULA_SAID,
            COPULA_AFTER_VOWEL,
            LONG_PARTICLES,
            INNER_PARTICLES,
        ];
        let mut text = String::new();
        for stem in stems {
            for affix in lists.iter().flat_map(|l| l.iter()) {
                // A fused jamo joins the stem's last syllable.
                let word = match affix.chars().next() {
                    Some(c) if hangul::is_compat_consonant(c) => {
                        let mut w: Vec<char> = stem.chars().collect();
                        let last = w.len() - 1;
                        w[last] = hangul::with_final(w[last], jong_of(c));
                        w.into_iter().chain(affix.chars().skip(1)).collect::<String>()
                    }
                    _ => format!("{stem}{affix}"),
                };
                text.push_str(&word);
                text.push('\n');
                text.push_str(&format!("{word}요\n{word}주세요\n{word}있나요\n"));
            }
        }
        check_stems_keep_starts(&text);
    }

    #[test]
    fn start_keys_compare_the_start_up_to_what_stems_rewrite() {
        // The stem's last syllable keeps its initial consonant; the one
        // before may lose its 받침; a stem of one syllable may lose its
        // 받침 and a contraction.
        assert_eq!(start_key(&['모', '르']), start_key(&['몰', '라']));
        assert_eq!(start_key(&['환', '불']), start_key(&['환', '부']));
        assert_eq!(start_key(&['하']), start_key(&['했']));
        assert_eq!(start_key(&['보']), start_key(&['봐']));
        assert_eq!(start_key(&['나', '요']), start_key(&['나', '여']));
        assert_ne!(start_key(&['배', '송']), start_key(&['배', '달']));
        assert_ne!(start_key(&['배', '송']), start_key(&['배', '상']));
        assert_ne!(start_key(&['배', '송', '비']), start_key(&['배', '달', '비']));
        assert_ne!(start_key(&['배']), start_key(&['바']));
        assert_ne!(start_key(&['환']), start_key(&['환', '불']));
        assert!(may_cut('요') && may_cut('했') && may_cut('줘') && may_cut('는'));
        assert!(!may_cut('환') && !may_cut('송') && !may_cut('각') && !may_cut('a'));
    }

    macro_rules! test_stems {
        ($(($input:expr, $expected:expr)),+ $(,)?) => {
            $( assert_eq!(stem($input), $expected, "stem of {:?}", $input); )+
        };
    }

    #[test]
    fn particles() {
        test_stems!(
            ("환불은", "환불"),
            ("환불을", "환불"),
            ("배송이", "배송"),
            ("회사가", "회사"),
            ("번호를", "번호"),
            ("앱이", "앱"),
            ("앱에서", "앱"),
            ("고객센터에서는", "고객센터"),
            ("전화로", "전화"),
            ("이메일로", "이메일"),
            ("서울로", "서울"),
            ("직원한테", "직원"),
            ("카드랑", "카드"),
            ("배송요", "배송"),
            ("주문번호나", "주문번호"),
        );
    }

    #[test]
    fn nouns_that_look_inflected_are_kept() {
        test_stems!(
            ("해지", "해지"),
            ("사고", "사고"),
            ("나이", "나이"),
            ("회의", "회의"),
            ("속도", "속도"),
            ("바다", "바다"),
            ("정보", "정보"),
            ("고객센터", "고객센터"),
            ("시간", "시간"),
            ("요금", "요금"),
        );
    }

    #[test]
    fn endings_and_contractions() {
        test_stems!(
            ("환불해요", "환불"),
            // A verb's stem with the ㄹ or ㄴ of a noun after it.
            ("미룰", "미루"),
            ("미룬", "미루"),
            ("쌓일", "쌓이"),
            // The passive 이 as 여 after a consonant, not the nouns in 여.
            ("쌓여요", "쌓이"),
            ("쌓였어요", "쌓이"),
            ("쌓여서", "쌓이"),
            ("쌓이면", "쌓이"),
            ("붙이면", "붙이"),
            ("줄였어요", "줄이"),
            ("섞여요", "섞이"),
            ("끓여요", "끓이"),
            ("학생이었어요", "학생"),
            ("친구였어요", "친구"),
            // 왜 (why) with the endings chat gives it, not 외.
            ("왜요", "왜"),
            ("왜죠", "왜"),
            ("돼요", "되"),
            // 싸다 (cheap) alone and in 비싸다.
            ("싸면", "싸"),
            ("싸게", "싸"),
            ("비싸면", "비싸"),
            ("비싸서", "비싸"),
            ("급여는", "급여"),
            ("잔여", "잔여"),
            ("참여해요", "참여"),
            ("줄인", "줄이"),
            ("내려갈", "내려가"),
            ("올라간", "올라가"),
            ("넣어둔", "넣"),
            ("빼주나요", "빼"),
            ("매주", "매주"),
            // Verbs of one syllable that end nouns too.
            ("갚고", "갚"),
            ("남는", "남"),
            ("깔면", "깔"),
            ("몰면", "몰"),
            ("사면", "사"),
            ("사고", "사고"),
            ("남자", "남자"),
            ("남기", "남기"),
            ("맡기", "맡기"),
            ("넘기", "넘기"),
            ("담임", "담임"),
            ("남해", "남해"),
            ("비밀번호룰", "비밀번호룰"),
            ("쇼핑몰은", "쇼핑몰"),
            ("바뀌면", "바뀌"),
            ("할인", "할인"),
            ("확인", "확인"),
            ("요일", "요일"),
            // 오다 fused with 아서 (출장 와서), not the particle 와.
            ("와서", "오"),
            ("와서요", "오"),
            ("나와서", "나오"),
            ("들어와서", "들어오"),
            ("친구와", "친구"),
            // A verb in ㄹ with 려면 keeps its ㄹ; 할려면 is 하려면 said.
            ("풀려면", "풀"),
            ("틀려고", "틀"),
            ("열까요", "열"),
            ("팔게요", "팔"),
            ("들까요", "들"),
            ("갈까요", "가"),
            ("틀려요", "틀리"),
            ("만들려니까", "만들"),
            ("열려면", "열"),
            ("팔려면", "팔"),
            ("만들려면", "만들"),
            ("할려면", "하"),
            ("바꿀려면", "바꾸"),
            ("갈려면", "가"),
            // 모으다 and 모이다 as one word.
            ("모으려면", "모으"),
            ("모아서", "모으"),
            ("모은", "모으"),
            ("모였는데", "모으"),
            ("모이면", "모으"),
            ("모음", "모음"),
            ("모집", "모집"),
            // 들어가 without an ending, and nouns in 어 with 가.
            ("들어가", "들어가"),
            ("영어가", "영어"),
            // 놔 and 놨 are 놓다 with 아 (no verb 노다 takes it).
            ("놨어요", "놓"),
            ("놔두고", "놓"),
            ("놓고", "놓"),
            ("봐요", "보"),
            // 모시다 keeps its 시: it is no honorific.
            ("모시고", "모시"),
            ("모셔서", "모시"),
            ("마셨어요", "마시"),
            // 달다 (give me) after a verb asks as 주다 does; 달라요 alone
            // is 다르다.
            ("해달라고요", "하"),
            ("보내달라고", "보내"),
            ("바꿔달라고요", "바꾸"),
            ("달라요", "다르"),
            // 모자라다 is no hat.
            ("모자라서", "모자라"),
            ("모자란데", "모자라"),
            ("모자랐어요", "모자라"),
            ("모자", "모자"),
            // A compound ending in a noun in 도 keeps it; after one syllable
            // 도 is the particle.
            ("이체한도", "이체한도"),
            ("이체한도도", "이체한도"),
            ("인터넷속도", "인터넷속도"),
            ("난이도", "난이도"),
            ("고객만족도", "고객만족도"),
            ("약속도", "약속"),
            ("일정도", "일정"),
            ("한도도", "한도"),
            // Loanwords in 어 after a vowel, languages and other nouns the
            // endings 어, 이, 대, 가, 고 would cut.
            ("휠체어", "휠체어"),
            ("타이어", "타이어"),
            ("스킨케어", "스킨케어"),
            ("소프트웨어", "소프트웨어"),
            ("아웃도어", "아웃도어"),
            ("바뀌어", "바뀌"),
            ("나누어", "나누"),
            ("한국어", "한국어"),
            ("어린이", "어린이"),
            ("시간대", "시간대"),
            ("재입고", "재입고"),
            ("최저가", "최저가"),
            // The copula after a vowel, but not the 이 of a noun in 이.
            ("무료이며", "무료"),
            ("배송비이고", "배송비"),
            ("무료이면", "무료"),
            ("나이며", "나이"),
            ("보이며", "보이"),
            // Nouns endings would cut, alone and in compounds.
            ("무제한", "무제한"),
            ("납부기한", "납부기한"),
            ("가스레인지", "가스레인지"),
            ("가스레인지요", "가스레인지"),
            ("메일함", "메일함"),
            ("스팸메일함", "스팸메일함"),
            ("결제함", "결제"),
            ("사본", "사본"),
            ("남친", "남친"),
            ("단말기", "단말기"),
            ("크기가", "크기"),
            // 애 (a child) with a particle, as 차가 and 표가 are.
            ("애가", "애"),
            ("얘가", "얘"),
            ("주기가", "주기"),
            ("주기는", "주기"),
            ("전혀", "전혀"),
            ("막혀", "막히"),
            ("나이제한", "나이제한"),
            ("이용제한이", "이용제한"),
            ("삭제한", "삭제"),
            ("약관동의", "약관동의"),
            ("휴대기기", "휴대기기"),
            ("이기기", "이기"),
            ("출생년도", "출생년도"),
            ("다국어", "다국어"),
            ("크기", "크기"),
            ("키우기", "키우"),
            ("닉네임", "닉네임"),
            ("어느정도", "어느정도"),
            ("제주도", "제주도"),
            ("경기도", "경기도"),
            ("입실", "입실"),
            ("관리실", "관리실"),
            ("기다리실", "기다리"),
            ("가족모임", "가족모임"),
            ("시어머니", "시어머니"),
            ("꽃바구니", "꽃바구니"),
            ("베트남", "베트남"),
            // 써 of 쓰다 after other syllables, and 다녀, 견뎌.
            ("잘못썼어요", "잘못쓰"),
            ("얼마인지도", "얼마"),
            ("흘러요", "흐르"),
            ("달러요", "달러"),
            ("빌라요", "빌라"),
            ("안해", "안하"),
            ("안해줘", "안하"),
            ("안해주세요", "안하"),
            ("못해줘", "못하"),
            ("안해요", "안하"),
            ("불러", "부르"),
            ("사도", "사"),
            ("참여", "참여"),
            ("급여", "급여"),
            ("끝난", "끝나"),
            ("비싼", "비싸"),
            ("싼", "싸"),
            // Adjectives in 으 (아프다, 바쁘다, 슬프다), not nouns in 파, 빠, 퍼 and 플.
            ("아파서", "아프"),
            ("아파요", "아프"),
            ("아프면", "아프"),
            ("아픈데", "아프"),
            ("아플", "아프"),
            ("아팠는데", "아프"),
            ("바빠서", "바쁘"),
            ("바쁜데", "바쁘"),
            ("슬퍼요", "슬프"),
            ("예뻐요", "예쁘"),
            ("소파에서", "소파"),
            ("아빠가", "아빠"),
            ("오빠한테", "오빠"),
            ("슈퍼에서", "슈퍼"),
            ("샘플", "샘플"),
            ("커플", "커플"),
            ("아파트에", "아파트"),
            ("골라", "고르"),
            ("달러", "달러"),
            ("콜라", "콜라"),
            ("개인지도", "개인지도"),
            ("질의", "질의"),
            ("캐셔", "캐셔"),
            ("포함", "포함"),
            // Compound tails and nouns whose last syllable reads as an ending.
            ("모바일게임", "모바일게임"),
            ("브레이크타임", "브레이크타임"),
            ("게임머니", "게임머니"),
            ("연휴가", "연휴"),
            ("운전면허가", "운전면허"),
            ("결제한", "결제"),
            ("배송문의", "배송문의"),
            ("주문의", "주문"),
            ("전화영어", "전화영어"),
            ("부가세포함", "부가세포함"),
            ("블루스크린", "블루스크린"),
            ("스크린", "스크린"),
            ("통장사본", "통장사본"),
            ("클레임", "클레임"),
            ("어르신", "어르신"),
            ("사랑니가", "사랑니"),
            ("어금니", "어금니"),
            ("괜찮니", "괜찮"),
            ("말레이시아", "말레이시아"),
            ("몇가지", "몇가지"),
            ("물놀이", "물놀이"),
            ("제본", "제본"),
            ("결함", "결함"),
            ("확인함", "확인"),
            ("할인가", "할인"),
            ("대해", "대하"),
            ("대하여", "대하"),
            ("들러요", "들르"),
            ("내꺼", "내꺼"),
            // -느라(고): while busy doing.
            ("출근하느라", "출근"),
            ("자느라", "자"),
            ("받느라고", "받"),
            ("벌써", "벌써"),
            ("스티커", "스티커"),
            ("다녀서", "다니"),
            ("견뎌서", "견디"),
            // A noun in 면 and its 은, and the 면은 of a verb.
            ("화면은", "화면"),
            ("라면은", "라면"),
            ("가면은", "가"),
            ("유아용", "유아용"),
            ("좋아용", "좋"),
            ("모자가", "모자"),
            // 다가 after verbs in ㄹ and ㄷ (갈다가, 걷다가), not 바다가.
            ("갈다가", "갈"),
            ("걷다가", "걷"),
            ("열다가", "열"),
            // A noun of two syllables in ㄴ지, not a verb of one.
            ("현지", "현지"),
            ("반지", "반지"),
            ("본지", "보"),
            // The copula after a noun of one syllable.
            ("뒤예요", "뒤"),
            ("차예요", "차"),
            ("공예요", "공예"),
            // 지 with 도 (있는지도 모르겠어요).
            ("사라지는지도", "사라지"),
            ("될지도", "되"),
            // 나다 (happen) with 면 and 서, not a word 나면.
            ("나면", "나"),
            ("나서", "나"),
            // 며칠 is a word, not 며치 with the ending ㄹ.
            ("며칠", "며칠"),
            // 보이다 (is shown) in every form, apart from 보다 (look).
            ("보여요", "보이"),
            ("보여", "보이"),
            ("보이게", "보이"),
            ("보이는데", "보이"),
            ("보나요", "보"),
            ("보이스피싱", "보이스피싱"),
            ("환불되나요", "환불"),
            ("환불받았는데", "환불"),
            ("환불받을", "환불"),
            ("환불받다", "환불"),
            ("환불하려면", "환불"),
            ("환불해여", "환불"),
            ("변경하나여", "변경"),
            ("취소됨", "취소"),
            ("취소되냐", "취소"),
            ("취소됐는데요", "취소"),
            ("변경하고", "변경"),
            ("확인할까요", "확인"),
            ("확인합니다", "확인"),
            ("확인합니까", "확인"),
            ("연결해주세요", "연결"),
            ("알려주세요", "알리"),
            ("바꿔요", "바꾸"),
            ("바꿨는데", "바꾸"),
            ("돼요", "되"),
            ("해요", "하"),
            ("했는데", "하"),
            ("되나요", "되"),
            ("가능한가요", "가능"),
            ("가능한지", "가능"),
            ("문의하고", "문의"),
            ("받고", "받"),
            ("필요해", "필요"),
            ("뭐예요", "뭐"),
            ("받음", "받"),
            ("있어", "있"),
            ("하죠", "하"),
            ("쓰고", "쓰"),
            ("바꾸고", "바꾸"),
            ("넘어오고", "넘어오"),
            ("기가만", "기가"),
            ("기사님은", "기사"),
            ("기사님한테", "기사"),
            ("고객님께서", "고객"),
            ("상담사님한테", "상담사"),
            ("손님한테", "손님"),
            ("상담사님께", "상담사"),
            ("말씀드리면", "말씀"),
            ("고객센터에서는", "고객센터"),
            ("싶어요", "싶"),
            ("환불받고싶어요", "환불"),
            // -면 되다 written together: not a noun 하면 (화면).
            ("하면되나요", "하"),
            ("신청하면되나요", "신청"),
            ("신청하면돼요", "신청"),
            ("찾으면되나요", "찾"),
            ("하려면되나요", "하"),
            // -려는데, -려구요, and quotes in 라는 / 라고
            ("바꾸려는데", "바꾸"),
            ("해지하려는데요", "해지"),
            ("신청하려구요", "신청"),
            // -려 alone, before 하다 (추가하려 했는데): only after 하
            ("추가하려", "추가"),
            ("이용하려", "이용"),
            ("조회하라는", "조회"),
            ("오류라고", "오류"),
            ("바라는", "바라"),
            ("자라는", "자라"),
            ("가려고요", "가"),
            ("전화하려다가", "전화"),
            // 서 alone follows a contracted 아/어: 고지서 is a noun.
            ("고지서", "고지서"),
            ("고지서가", "고지서"),
            ("가서", "가"),
            ("봐서", "보"),
            // the copula 이에요 is no particle 에 with 요; a long ending in 요
            // after a one-syllable verb is the verb's
            ("몇번이에요", "몇번"),
            // 주다 after a verb's 아/어 only: 기준 is a noun
            ("기준", "기준"),
            ("해준", "하"),
            ("보내줄", "보내"),
            // so is 보다: 일본, 기본, 원본 are nouns
            ("일본", "일본"),
            ("기본", "기본"),
            ("원본", "원본"),
            ("찾아본", "찾"),
            // ...or after a verb whose 아 fused with its vowel (가 + 아 + 본)
            ("가본", "가"),
            // the 아/어 joining a stem in a 받침 to 주다 or 보다
            ("찾아보세요", "찾"),
            ("만들어준", "만들"),
            ("읽어주세요", "읽"),
            ("넣어주세요", "넣"),
            ("괜찮아요", "괜찮"),
            ("집에요", "집"),
            ("남더라고요", "남"),
            ("사고요", "사고"),
        );
    }

    #[test]
    fn nouns_ending_like_verb_forms_are_kept() {
        test_stems!(
            ("분실", "분실"),
            ("거실", "거실"),
            ("유심", "유심"),
            ("당신", "당신"),
            ("먼지", "먼지"),
            ("편지", "편지"),
            ("베란다", "베란다"),
            ("기온", "기온"),
            ("남자", "남자"),
            ("관리자", "관리자"),
            ("카메라", "카메라"),
            ("해지", "해지"),
            ("신고", "신고"),
            ("할인", "할인"),
            ("메일", "메일"),
        );
    }

    #[test]
    fn modifiers_of_verbs() {
        test_stems!(
            ("보낸", "보내"),
            ("보낼", "보내"),
            ("바꾼", "바꾸"),
            ("바꾸실", "바꾸"),
            ("볼", "보"),
            ("쓸", "쓰"),
            ("나온", "나오"),
            ("하신", "하"),
        );
    }

    #[test]
    fn copula_after_nouns() {
        test_stems!(
            ("언제인지", "언제"),
            ("예정인가요", "예정"),
            ("무엇일까요", "무엇"),
            ("정상입니다", "정상"),
            ("주말인가", "주말"),
            ("금요일이다", "금요일"),
            ("휴무일이었다", "휴무일"),
            // verbs in 이 keep it
            ("높일까요", "높이"),
        );
    }

    #[test]
    fn promises_suggestions_commands() {
        test_stems!(
            ("할게요", "하"),
            ("보낼게", "보내"),
            ("확인해주십시오", "확인"),
            ("사용하자", "사용"),
            ("보자", "보"),
            ("먹어라", "먹"),
            ("해라", "하"),
            ("기다리렴", "기다리"),
            ("변경합시다", "변경"),
            ("하는건가요", "하"),
            ("받을거야", "받"),
            ("신청할건지", "신청"),
            ("늦게", "늦"),
            ("좋아", "좋"),
            ("늦지", "늦"),
        );
    }

    #[test]
    fn dont() {
        test_stems!(
            ("사용하지마", "사용"),
            ("삭제하지마세요", "삭제"),
            ("늦지말고", "늦"),
            ("마세요", "말"),
            ("마", "말"),
            ("말고", "말"),
            ("맙시다", "말"),
        );
    }

    #[test]
    fn contracted_verb_endings() {
        test_stems!(
            ("바꿔", "바꾸"),
            ("바꿔줘", "바꾸"),
            ("골라도", "고르"),
            ("몰라도", "모르"),
            ("달러도", "달러"),
            ("무겁고", "무겁"),
            ("작게", "작"),
            ("짧지", "짧"),
            ("귀찮고", "귀찮"),
            ("번거롭고", "번거롭"),
            ("들어와", "들어오"),
            ("돌아와도", "돌아오"),
            ("나와도", "나오"),
            ("에러가", "에러"),
            ("영어와", "영어"),
            ("사줘", "사"),
            ("타줘요", "타"),
            ("자주", "자주"),
            ("옮겨", "옮기"),
            ("없어져", "없어지"),
            ("내려", "내리"),
            ("안돼", "안되"),
            ("봐줘", "보"),
            ("꺼줘", "끄"),
            ("꺼", "끄"),
            ("켜줘", "켜"),
            ("켜고", "켜"),
            ("지켜줘", "지키"),
            ("나눠", "나누"),
            // nouns that end like contractions
            ("고려", "고려"),
            ("우려", "우려"),
            ("샤워", "샤워"),
            ("캡쳐", "캡쳐"),
            ("올해", "올해"),
        );
        for word in ["알려줘", "해줘", "돼", "뭔가요"] {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
    }

    #[test]
    fn past_tense_quotes_and_adjectives() {
        test_stems!(
            ("왔어", "오"),
            ("보냈지", "보내"),
            ("샀어", "사"),
            ("바꿔도", "바꾸"),
            ("봐도", "보"),
            ("만나서", "만나"),
            ("끝나고", "끝나"),
            ("미루지", "미루"),
            ("없네", "없"),
            ("된다고", "되"),
            ("취소된다고", "취소"),
            ("만나자고", "만나"),
            ("아닌데", "아니"),
            ("막힌", "막히"),
            ("맞춰서", "맞추"),
            // verbs in ㅂ get their ㅂ back, whatever the ending
            ("더운", "덥"),
            ("더워", "덥"),
            ("어려운", "어렵"),
            ("어려워", "어렵"),
            ("어려워서", "어렵"),
            ("어렵나요", "어렵"),
            ("무서운", "무섭"),
            ("추워서", "춥"),
            // 싸우다 and 지우다 are no verbs in ㅂ
            ("싸워요", "싸우"),
            ("지운", "지우"),
            // and verbs in ㄹ their ㄹ, for the common ones
            ("만드는", "만들"),
            ("만든", "만들"),
            ("만들어요", "만들"),
            ("힘든", "힘들"),
            ("드나요", "들"),
            ("드는", "들"),
            // 르 verbs before 서
            ("몰라서", "모르"),
            ("달라서", "다르"),
            ("눌러서", "누르"),
            ("달러", "달러"),
            // and before a noun (빠른 배송, 고른 옵션), but 어른 and 서른
            // are nouns, and 다른 (other) is no 다르다 (to differ)
            ("다른", "다른"),
            ("빠른", "빠르"),
            ("고른", "고르"),
            ("올바른", "올바르"),
            ("어른", "어른"),
            ("서른", "서른"),
            ("카드를", "카드"),
            ("컬러", "컬러"),
            // 사다 (buy), but 사고 and 사기 are nouns, and so is 하자
            ("하자", "하자"),
            ("하자가", "하자"),
            // nouns in 한
            ("제한", "제한"),
            ("제한이", "제한"),
            ("기한", "기한"),
            ("결제한", "결제"),
            // nouns in 요
            ("필요", "필요"),
            ("중요", "중요"),
            ("소요", "소요"),
            ("필요해", "필요"),
            ("가요", "가"),
            // a particle after one syllable only after a short noun
            ("추가", "추가"),
            ("휴가", "휴가"),
            ("바로", "바로"),
            // the copula saying something of a noun, not of a verb in 이
            ("불량이네요", "불량"),
            ("품절이래요", "품절"),
            ("파손이거든요", "파손"),
            ("고장이던데", "고장"),
            ("줄이네요", "줄이"),
            // the bound noun 거 with the copula; 더니; 때 against the verb
            ("취소할거에요", "취소"),
            ("취소할꺼에요", "취소"),
            ("주문한거에요", "주문"),
            ("주문했더니", "주문"),
            ("결제할때", "결제"),
            ("주문할때요", "주문"),
            // 은게, 는게: the bound noun 거 with the subject's 이 said short
            ("좋은게", "좋"),
            ("작은게", "작"),
            // 게 makes adverbs of adjectives; a noun seldom ends so before it
            ("어렵게", "어렵"),
            ("비싸게", "비싸"),
            ("집게", "집게"),
            ("이용할땐", "이용"),
            ("쓸때도", "쓰"),
            ("바꿀때", "바꾸"),
            ("대리점에요", "대리점"),
            // 뜨다 before 아/어 (오류가 떠요), not 떠나다
            ("떠요", "뜨"),
            ("떴는데", "뜨"),
            ("떠나요", "떠나"),
            // 돕다, whose 우 goes into 와
            ("도와주세요", "돕"),
            ("도와", "돕"),
            ("도울게요", "돕"),
            ("돕고", "돕"),
            // 열다 without its ㄹ
            ("여나요", "열"),
            ("여는", "열"),
            // ...and 팔다, 풀다, 틀다, 놀다
            ("파나요", "팔"),
            ("푸는", "풀"),
            ("트니까", "틀"),
            ("노는", "놀"),
            ("여러", "여러"),
            // 버리다, 가지다, 놓다 and 두다 after a verb
            ("환불해놨어요", "환불"),
            ("신청해버렸어요", "신청"),
            ("취소해가지고", "취소"),
            ("예약해둘게요", "예약"),
            ("잃어버렸어요", "잃어버리"),
            ("버렸어요", "버리"),
            ("가지고", "가지"),
            // 물어보다 and 알아보다, verbs of their own
            ("물어봐도", "물어보"),
            ("물어보려고요", "물어보"),
            ("알아보려면", "알아보"),
            ("물에", "물"),
            // nouns whose last syllable looks like a particle or an ending
            ("결과가", "결과"),
            ("학과에서", "학과"),
            ("장바구니", "장바구니"),
            ("마일리지", "마일리지"),
            ("가게", "가게"),
            ("종이로", "종이"),
            ("치아", "치아"),
            ("가을", "가을"),
            ("기기에", "기기"),
            ("시기에", "시기"),
            ("크기에", "크기"),
            // 시 of nouns after an open syllable, not the honorific
            ("표시는", "표시"),
            ("게시해", "게시"),
            ("보시는", "보"),
            ("보기에", "보"),
            ("유아", "유아"),
            // ...and so with a particle, whatever ending the rest reads as
            ("유아도", "유아"),
            ("한국어도", "한국어"),
            // ...when the particle follows its last syllable (이 follows a 받침)
            ("에이아이", "에이아이"),
            ("환불과", "환불"),
            // adverbs in 로, whole, but 새로 (anew), which is 새 (new)
            ("제대로", "제대로"),
            ("스스로", "스스로"),
            ("새로", "새"),
            ("별로", "별로"),
            ("그대로", "그대로"),
            ("마음대로", "마음대로"),
            ("제가", "제"),
            ("차로", "차"),
            ("표가", "표"),
            ("추가로", "추가"),
            ("사랑을", "사랑"),
            ("친구나", "친구"),
            ("전화요", "전화"),
            ("영화요", "영화"),
            ("봐요", "보"),
            ("와요", "오"),
            // 당하다 after a noun of two syllables or more
            ("도난당했어요", "도난"),
            ("해킹당한", "해킹"),
            ("해당하는", "해당"),
            ("적당한", "적당"),
            // chat forms
            ("환불하셈", "환불"),
            ("환불해주삼", "환불"),
            ("환불되려나", "환불"),
            ("환불되쥬", "환불"),
            ("환불하고파", "환불"),
            ("배고파요", "배고프"),
            ("환불하구싶어", "환불"),
            ("환불햇어요", "환불"),
            ("받앗어요", "받"),
            // ㅅ for ㅆ in a contraction only verbs make (오+았, 바꾸+었)
            ("왓어요", "오"),
            ("나왓는데", "나오"),
            ("바꿧는데", "바꾸"),
            ("찢어졋는데", "찢어지"),
            ("켯는데", "켜"),
            ("헀더니", "하"),
            ("엿", "엿"),
            ("켜놧는데", "켜"),
            // ㅜ for ㅡ, its neighbour key, in 는데
            ("왔눈데", "오"),
            ("잊어버렸눈데요", "잊어버리"),
            // 오다 and 가다 before 주다 (come, go for me)
            ("와줘", "오"),
            ("와줄", "오"),
            ("가줘", "가"),
            ("매주", "매주"),
            ("환불했는뎅", "환불"),
            ("환불되용", "환불"),
            ("환불해주라", "환불"),
            ("홍삼", "홍삼"),
            ("오뎅", "오뎅"),
            // a fused ㅁ makes a noun, but after 하 and 되
            ("알림", "알림"),
            ("푸시알림", "푸시알림"),
            ("신청함", "신청"),
            ("완료됨", "완료"),
            ("사나요", "사"),
            ("사세요", "사"),
            ("사고", "사고"),
            ("사기", "사기"),
            ("큰", "크"),
            // nouns that look alike
            ("서울", "서울"),
            ("거울", "거울"),
            ("다운", "다운"),
            ("기운", "기운"),
            ("샤워", "샤워"),
            ("속도", "속도"),
            ("정도", "정도"),
            ("동네", "동네"),
            ("메시지", "메시지"),
            ("패키지", "패키지"),
            ("새벽에도", "새벽"),
        );
        for word in ["싶어", "싶다", "했어", "해도"] {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
    }

    #[test]
    fn copula_with_endings() {
        test_stems!(
            ("요일이면", "요일"),
            ("주말이야", "주말"),
            ("평일이라서", "평일"),
            ("주말이니까", "주말"),
            ("학생이지만", "학생"),
            ("처음이어서", "처음"),
            // ...but a verb in 이 of one syllable keeps it (줄이다).
            ("줄이니까", "줄이"),
            ("아침이었니", "아침"),
            ("모레였던가요", "모레"),
            ("언제였지", "언제"),
            ("기울이고", "기울"),
            // nouns and verbs in 이 keep it
            ("나이야", "나이"),
            ("높이고", "높이"),
            ("라면", "라면"),
        );
        test_stems!(("말아주세요", "말"), ("말아", "말"));
    }

    #[test]
    fn honorific_obligation_and_nominal_forms() {
        test_stems!(
            ("잡으시나요", "잡"),
            ("받으신", "받"),
            ("읽으실", "읽"),
            ("넣으신", "넣"),
            ("많으시죠", "많"),
            ("읽으시면", "읽"),
            ("보내시는", "보내"),
            // 의 after a noun of one syllable, not in 문의 or 주의
            ("앱의", "앱"),
            ("옆의", "옆"),
            ("문의", "문의"),
            ("주의", "주의"),
            // the copula in writing: 3,000원이며
            ("원이며", "원"),
            // 셔: the honorific fused with 어 (확인하셔야 합니다)
            ("확인하셔야", "확인"),
            ("방문하셔서", "방문"),
            ("신청하셔도", "신청"),
            ("마셔도", "마시"),
            // 시 after a final consonant ends a noun
            ("택시는", "택시"),
            ("서울시는", "서울시"),
            // nouns that end like an ending, before a particle
            ("결과예요", "결과"),
            ("학과인데", "학과"),
            ("가게요", "가게"),
            ("신용카드는", "신용카드"),
            ("교통카드요", "교통카드"),
            ("정수기에", "정수기"),
            ("후기에", "후기"),
            ("보기에", "보"),
            ("메시지만", "메시지"),
            ("강아지요", "강아지"),
            ("해지만", "해지"),
            ("사용해야해", "사용"),
            ("세탁해야할까", "세탁"),
            ("가야", "가"),
            // a verb whose 아 or 어 fused with its vowel, before a light verb
            ("사야될", "사"),
            ("사야하나요", "사"),
            ("써야될까요", "쓰"),
            ("와야돼요", "오"),
            ("꺼야돼", "끄"),
            ("사야", "사"),
            ("자야", "자야"),
            // ...and before 보다 and 놓다 (tried, done ahead)
            ("사봤는데", "사"),
            ("사놨는데", "사"),
            ("가봤는데", "가"),
            ("와봤는데", "오"),
            ("자두", "자두"),
            // 을, 를, 이 and 가 after no other case particle, but after 까지
            ("첫사랑을", "첫사랑"),
            ("여기까지가", "여기"),
            ("주소로도", "주소"),
            // insisting: -다니까
            ("안된다니까", "안되"),
            ("없다니까", "없"),
            // a noun made with 기 has one stem with or without a particle
            ("즐겨찾기", "즐겨찾"),
            ("즐겨찾기로", "즐겨찾"),
            ("밝기는", "밝"),
            ("신청하기가", "신청"),
            ("세탁기는", "세탁기"),
            ("전기가", "전기"),
            ("분야", "분야"),
            // the copula after nouns of one syllable
            ("달이야", "달"),
            ("방이냐", "방"),
        );
    }

    #[test]
    fn purpose_recall_guess() {
        test_stems!(
            ("보러", "보"),
            ("먹으러", "먹"),
            ("언제더라", "언제"),
            ("먹었더라고요", "먹"),
            ("좋을듯", "좋"),
            ("느려지는듯", "느려지"),
            ("좋을텐데", "좋"),
            ("달러", "달러"),
            ("에러", "에러"),
        );
        for word in ["해서", "거야", "건지", "뭘까", "될듯"] {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
    }

    #[test]
    fn states_and_progressive() {
        test_stems!(("켜져있니", "켜지"), ("비어있는", "비"), ("사용하고있어", "사용"), ("변경되어있어요", "변경"),);
        assert!(is_stop_stem(&stem("있어")));
    }

    #[test]
    fn more_particles_and_spoken_forms() {
        test_stems!(
            ("사장님과의", "사장"),
            ("친구랑은", "친구"),
            ("학교로부터", "학교"),
            ("주문만큼", "주문"),
            ("배송조차", "배송"),
            ("카드뿐", "카드"),
            ("카드든지", "카드"),
            ("쿠폰이라든가", "쿠폰이"),
            ("홈페이지에서나", "홈페이지"),
            ("매장이나", "매장"),
            ("메일에다가", "메일"),
            ("바다가", "바다"),
            // a particle with the polite 요
            ("카드로요", "카드"),
            ("환불이요", "환불"),
            ("배송은요", "배송"),
            ("다음에요", "다음"),
            ("높이요", "높이"),
            // the bound noun 거, hearsay, 습니다만, 다가
            ("주문한건", "주문"),
            ("결제한거요", "결제"),
            ("취소된대요", "취소"),
            ("환불된답니다", "환불"),
            ("수령했습니다만", "수령"),
            ("신청했다가", "신청"),
            // can and does not work, written without spaces
            ("신청할수있나요", "신청"),
            ("결제안됨", "결제"),
            ("로그인이안돼요", "로그인"),
            ("접속못해요", "접속"),
            ("제안돼요", "제안"),
            ("보안되나요", "보안"),
        );
        for word in ["하나요", "있나", "하고요"] {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
    }

    #[test]
    fn verbs_in_reu_drop_their_eu() {
        test_stems!(
            ("몰라요", "모르"),
            ("몰랐는데", "모르"),
            ("모르는데", "모르"),
            ("골라주세요", "고르"),
            ("고르는", "고르"),
            ("불러줘", "부르"),
            ("빨라요", "빠르"),
            ("들르면", "들르"),
            // 말다 (don't), and nouns
            ("말라", "말라"),
            ("달러로", "달러"),
        );
    }

    #[test]
    fn drink_is_not_dont_and_noise_is_a_noun() {
        test_stems!(
            ("마실래", "마시"),
            ("마셔", "마시"),
            ("마셨어요", "마시"),
            ("마세요", "말"),
            ("층간소음", "층간소음"),
            ("없음", "없"),
        );
    }

    #[test]
    fn more_contractions_and_short_verbs() {
        test_stems!(
            ("싸워", "싸우"),
            ("지워", "지우"),
            // verbs in 우 fuse it with 어 (채워 주세요, 세워서)
            ("채워", "채우"),
            ("채워서", "채우"),
            ("세워", "세우"),
            ("배워", "배우"),
            ("비워", "비우"),
            ("기다려", "기다리"),
            ("버려", "버리"),
            ("느려", "느리"),
            ("지쳐", "지치"),
            ("고쳐", "고치"),
            ("떨려서", "떨리"),
            ("생기면", "생기"),
            ("끊긴지", "끊기"),
            ("막힌다", "막히"),
            ("길어", "길"),
            ("참지", "참"),
            ("틀고", "틀"),
            ("깨면", "깨"),
            ("시키지", "시키"),
            // nouns
            ("캡쳐", "캡쳐"),
            ("샤워", "샤워"),
            ("타워", "타워"),
            ("스케줄", "스케줄"),
            ("배려", "배려"),
            ("패키지", "패키지"),
            ("세탁기는", "세탁기"),
            ("기지", "기지"),
        );
    }

    #[test]
    fn customer_service_spellings() {
        test_stems!(
            ("하는데용", "하"),
            ("해주세용", "하"),
            ("얼마예여", "얼마"),
            ("환불좀", "환불"),
            ("끌고", "끌"),
            ("사라고", "사"),
            ("바꿀걸요", "바꾸"),
            ("줄이고", "줄이"),
            ("줄이면", "줄이"),
            ("할인이고", "할인"),
            ("잠가", "잠그"),
            ("잠그고", "잠그"),
            ("블로그는", "블로그"),
            ("상담가", "상담가"),
            ("신청하냐고요", "신청"),
            ("자라고", "자라고"),
            ("좀비", "좀비"),
            ("어떤지좀", "어떻"),
            ("어때요", "어떻"),
            ("어떻게", "어떻게"),
            ("가능한가여", "가능"),
            ("가용", "가용"),
            ("있나염", "있"),
            ("취소해주실수있나요", "취소"),
            ("알려주실수있나요", "알리"),
            ("여쭤봐도될까요", "여쭤보"),
            ("써도돼요", "쓰"),
            ("궁금해서요", "궁금"),
            ("안돼서요", "안되"),
            ("안되길래", "안되"),
            ("언제쯤", "언제"),
            // nouns that end like these
            ("비용", "비용"),
            ("내용", "내용"),
            ("참여", "참여"),
            ("폭염", "폭염"),
            ("사고요", "사고"),
            ("해지요", "해지"),
            ("용", "용"),
        );
    }

    #[test]
    fn contracted_particles() {
        test_stems!(
            ("밤엔", "밤"),
            ("주말엔", "주말"),
            ("매장에선", "매장"),
            ("친구한텐", "친구"),
            ("어제보단", "어제"),
            ("오늘까진", "오늘"),
            // 어디에다 said short
            ("어디다", "어디"),
            ("어디다가", "어디"),
        );
        for word in ["뭘", "땐", "어떤게", "그건", "그래요", "번도", "만한"] {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
    }

    #[test]
    fn stop_stems() {
        assert!(is_stop_stem("하"));
        assert!(is_stop_stem(""));
        // 당신 speaks to the bot as 저 and 제 speak of the user; 통해 (메일을
        // 통해: by mail) says how, as 으로 does.
        assert!(is_stop_stem(&stem("당신이")));
        assert!(is_stop_stem(&stem("통해")));
        assert!(is_stop_stem(&stem("수록")));
        assert!(is_circumstance_word("이젠"));
        assert!(!is_stop_stem("환불"));
    }

    #[test]
    fn mak_alone_is_an_adverb_and_with_an_ending_to_block() {
        // 막 눌렀어요 (just pressed) says nothing; 막아 주세요 asks to block.
        assert!(is_stop_stem(&stem("막")));
        test_stems!(("막아", "막"), ("막으려면", "막"), ("막거나", "막"), ("막혔어요", "막히"));
        // -거나 (or) comes off any verb.
        test_stems!(("바꾸거나", "바꾸"), ("취소하거나", "취소"));
    }

    #[test]
    fn connective_endings_of_time_purpose_and_fear_come_off() {
        test_stems!(
            ("떨어지므로", "떨어지"),
            ("환불받자마자", "환불"),
            ("결제하게끔", "결제"),
            ("해지래서", "해지"),
            ("변경하더라도", "변경"),
            ("취소하고자", "취소"),
            ("취소될까봐요", "취소"),
            ("해지할까봐", "해지")
        );
    }

    #[test]
    fn particles_after_a_one_syllable_noun_come_off() {
        test_stems!(
            // 에 after a short noun without 받침: 다음 주에, 차에 두고
            ("주에", "주"),
            ("차에", "차"),
            ("뒤에", "뒤"),
            ("후에", "후"),
            // units after numbers and amounts: 7시쯤, 얼마씩, 3년째
            ("시쯤", "시"),
            ("얼마씩", "얼마"),
            ("년째", "년"),
            ("며칠째", "며칠째"),
            // the bound noun 것 and 거 with the copula
            ("것도", "것"),
            ("거예요", "거"),
            ("거에요", "거"),
            // 빼다 and 떼다 are verbs of one syllable
            ("빼고", "빼"),
            ("떼고", "떼"),
            // 뜨다, 두다 and 타다 before a noun (못 뜬 경우, 모아 둔, 탈 편)
            ("뜬", "뜨"),
            ("둔", "두"),
            ("탈", "타"),
            ("뜨나요", "뜨"),
            // 도 of permission after a verb of one syllable (내도 돼요)
            ("내도", "내"),
            ("빼도", "빼"),
            // 있 typed without its double ㅅ
            ("잇나요", "잇"),
            // 내다 and 나다 before a noun (낼 수 있는, 고장 난), not 날
            ("낼", "내"),
            ("난", "나"),
            // 대다 before a noun (차 댈 곳), not 댄스
            ("댈", "대"),
            ("댄스", "댄스"),
            ("날", "날"),
            // the copula after a noun of one syllable: 가는 중인데
            ("중인데", "중"),
            ("집인가요", "집"),
            // a particle after 쯤 and 씩: 20일쯤으로, 3개씩은
            ("일쯤으로", "일"),
            // 짜리 (worth, sized): 얼마짜리예요, 30키로짜리도
            ("얼마짜리예요", "얼마"),
            ("키로짜리도", "키로"),
            // 세요 typed with ㅐ: 연결해 주새요, 확인하새요 (냄새요 is a smell)
            ("주새요", "주"),
            ("확인하새요", "확인"),
            ("냄새요", "냄새"),
            ("개씩은", "개")
        );
        // Nouns that end in the same letters keep them.
        test_stems!(("속도", "속도"), ("한도", "한도"));
    }

    #[test]
    fn interjections_carry_nothing() {
        for word in
            ["헐", "아니", "헉", "아이고", "아니라", "거라", "데서", "여기서", "거기서도", "그러는데", "하이", "헬로"]
        {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
    }

    #[test]
    fn chat_spellings_of_what_carry_nothing() {
        // 머 for 뭐 before the copula or a question ending.
        for word in ["머에요", "머예요", "머에여", "머야", "머임", "머지", "머냐", "머죠"] {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
        // Nouns in 머 stay nouns: 머니 is money, 머리 a head.
        for (word, expected) in [("머니", "머니"), ("머리가", "머리"), ("머그", "머그"), ("머신은", "머신")]
        {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn question_words_made_any_ask_nothing() {
        // 언제든지 문의하세요 (any time) is no question of when.
        for word in [
            "언제든지",
            "언제든",
            "언제나",
            "얼마든지",
            "어디서나",
            "어디서든",
            "어떻게든",
            "뭐든",
            "무엇이든",
            "누구나",
        ] {
            assert!(is_stop_stem(&stem(word)), "{word}");
        }
        // Each is told by its first syllable, then compared.
        for word in kept_whole_stops() {
            let w: Vec<char> = word.chars().collect();
            assert!(is_kept_whole_stop(&w, word) && stem(word) == word, "{word}");
        }
        // 얼마나 and 몇이나 still ask.
        for (word, expected) in [("얼마나", "얼마"), ("언제", "언제"), ("어디서", "어디서"), ("어떻게", "어떻게")]
        {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn english_grammar_words_carry_nothing() {
        for word in ["the", "an", "is", "are", "do", "does", "did", "please", "plz"] {
            assert!(is_stop_stem(word), "{word}");
        }
        // A is a grade, a size or the A of A/S.
        assert!(!is_stop_stem("a"));
        // Pronouns and prepositions are light: thesaurus terms need them
        // (call me back, my page).
        for word in ["i", "my", "me", "you", "to", "for"] {
            assert!(!is_stop_stem(word) && is_light_word(word), "{word}");
        }
    }

    #[test]
    fn verbs_of_one_syllable_are_told_from_nouns() {
        for stem in ["넣", "먹", "받", "쓰", "산", "준"] {
            assert!(is_verb_syllable(stem), "{stem}");
        }
        for stem in ["돈", "밥", "너", "차", "넣다", ""] {
            assert!(!is_verb_syllable(stem), "{stem}");
        }
    }

    #[test]
    fn words_said_short_have_a_written_form() {
        assert_eq!(written_form("딴"), Some("다른"));
        assert_eq!(written_form("다른"), None);
    }

    #[test]
    fn non_hangul_passes_through() {
        test_stems!(("refund", "refund"), ("", ""), ("ㅂㅅ", "ㅂㅅ"));
    }
}
