//! Korean analysis without a dictionary: particles (조사) and endings (어미)
//! come off each eojeol, contracted verb forms are undone, and light verbs
//! (하다, 되다, 받다) are dropped, so that 환불은 / 환불해요 / 환불되나요 /
//! 환불받았는데 all give the stem 환불.

use std::sync::LazyLock;

use super::hangul;

/// Verbal endings, with what they require of the syllable before them.
/// A leading jamo (ㄹ, ㄴ, ㅂ, ㅁ) is fused into that syllable's 받침.
const ENDINGS: &[&str] = &[
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
    "는데요",
    "은데요",
    "ㄴ데요",
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
    "ㄹ래요",
    "을래요",
    "ㄹ래",
    "을래",
    // statements and requests
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
    "거든요",
    "거든",
    "래요",
    "해",
    "대요",
    "고요",
    "네요",
    "군요",
    "구나",
    "잖아요",
    "잖아",
    "ㅁ",
    "음",
    "임",
    // connectives and modifiers
    "려면",
    "으려면",
    "ㄹ려면",
    "려고",
    "으려고",
    "ㄹ려고",
    "면",
    "으면",
    "면은",
    "니까",
    "으니까",
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
    "막",
    "근데",
    "그런데",
    "그래서",
    "그럼",
    "아",
    "어",
    "음",
    "저기",
    "여기",
    "거기",
    "이거",
    "그거",
    "저거",
    "이런",
    "그런",
    "저런",
    "어떤",
    "무슨",
    "어느",
    "알리",
    "받",
    "해주",
    "같",
    "인가",
    "건가",
];

static ENDINGS_SORTED: LazyLock<AffixTable> = LazyLock::new(|| AffixTable::new(sorted_affixes(ENDINGS)));
static PARTICLES_SORTED: LazyLock<AffixTable> = LazyLock::new(|| AffixTable::new(sorted_affixes(PARTICLES)));
static LONG_PARTICLE_CHARS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| LONG_PARTICLES.iter().map(|p| p.chars().collect()).collect());
static INNER_PARTICLE_CHARS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| INNER_PARTICLES.iter().map(|p| p.chars().collect()).collect());
static STOPS: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| STOP_STEMS.iter().copied().collect());

struct Affix {
    /// Syllables that must end the word.
    tail: Vec<char>,
    /// A 종성 index fused into the syllable before `tail`, if any.
    fused: Option<usize>,
}

/// Affixes, longest first, found by the last syllable of a word: only
/// those ending with that syllable (or with no syllable at all, a bare
/// fused consonant) can match it.
struct AffixTable {
    affixes: Vec<Affix>,
    /// Last syllable -> positions in `affixes`, in order (bare ones included).
    by_last: rustc_hash::FxHashMap<char, Vec<u16>>,
    /// Positions of the affixes with no syllable.
    bare: Vec<u16>,
}

impl AffixTable {
    fn new(affixes: Vec<Affix>) -> AffixTable {
        let mut by_last: rustc_hash::FxHashMap<char, Vec<u16>> = rustc_hash::FxHashMap::default();
        let mut bare = Vec::new();
        for (i, a) in affixes.iter().enumerate() {
            match a.tail.last() {
                Some(&c) => by_last.entry(c).or_default().push(i as u16),
                None => bare.push(i as u16),
            }
        }
        // Bare affixes come after every longer one (the list is sorted
        // longest first): merge them in that order.
        for list in by_last.values_mut() {
            list.extend_from_slice(&bare);
            list.sort_unstable();
        }
        AffixTable { affixes, by_last, bare }
    }

    /// The affixes that may end a word whose last syllable is `last`,
    /// longest first.
    fn ending_with(&self, last: char) -> impl Iterator<Item = &Affix> {
        self.by_last.get(&last).unwrap_or(&self.bare).iter().map(|&i| &self.affixes[i as usize])
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

/// True for a stem that carries no content (하, 되, 것, 좀, ...).
pub fn is_stop_stem(stem: &str) -> bool {
    stem.is_empty() || STOPS.contains(stem)
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
    let mut w: Vec<char> = Vec::with_capacity(word.len() / 3 + 1);
    w.extend(word.chars());
    if w.is_empty() || !w.iter().all(|c| hangul::is_syllable(*c)) {
        return word.to_string();
    }
    // 까지, 에서, 부터...: particles that endings would cut in the middle
    // (시까지 is not 시까 + 지).
    if strip_long_particle(&mut w) {
        strip_inner_particle(&mut w);
        return syllables_to_string(&w);
    }
    if strip_honorific(&mut w) {
        return syllables_to_string(&w);
    }
    let verbal = strip_ending(&mut w);
    if verbal {
        strip_prefinal(&mut w);
        uncontract(&mut w);
        strip_auxiliary(&mut w);
        strip_light_verb(&mut w);
    } else if strip_particle(&mut w) {
        strip_honorific(&mut w);
        // 에는, 으로도, 와만: a particle may follow one of these (but 기가만
        // is 기가 + 만, not 기 + 가 + 만).
        strip_inner_particle(&mut w);
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
    for a in ENDINGS_SORTED.ending_with(last) {
        let n = a.tail.len();
        if w.len() < n || (n > 0 && a.tail[n - 1] != last) {
            continue;
        }
        if w[w.len() - n..] != a.tail[..] {
            continue;
        }
        let rest = w.len() - n;
        match a.fused {
            Some(jong) => {
                if rest == 0 || hangul::final_index(w[rest - 1]) != jong {
                    continue;
                }
                // 할까요 -> 하, 한데 -> 하: the stem keeps its syllable.
                if n == 0 {
                    // A bare fused consonant (함, 한, 할) needs a longer word
                    // and a verb-like syllable: 신청함 -> 신청하, but 시간,
                    // 할인 and 센터는 are not verbs.
                    let bare = hangul::with_final(w[rest - 1], 0);
                    if rest < 2 || !matches!(bare, '하' | '되' | '주' | '보' | '시') {
                        continue;
                    }
                }
                w.truncate(rest);
                let last = w.len() - 1;
                w[last] = hangul::with_final(w[last], 0);
                return true;
            }
            None => {
                // One-syllable endings other than 요 need a stem of two
                // syllables: 해지 and 사고 are nouns, not 해+지 and 사+고.
                let min_rest = if n == 1 && a.tail[0] != '요' { 2 } else { 1 };
                // ...unless the rest is a common one-syllable verb (쓰고,
                // 받음, 있어, 하죠).
                let short_verb = rest == 1 && is_short_verb(w[0]);
                if rest < min_rest && !short_verb {
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
                    && matches!(a.tail[0], '은' | '을' | '는' | '게' | '기' | '고' | '서' | '면' | '다')
                    && !looks_verbal(w[rest - 1])
                {
                    continue;
                }
                w.truncate(rest);
                return true;
            }
        }
    }
    false
}

/// True when a syllable often ends a verb stem (하, 되, 받, 바꾸, 넘어오,
/// past tense, ...).
fn looks_verbal(c: char) -> bool {
    matches!(
        c,
        '하' | '되'
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
    ) || is_short_verb(c)
}

/// Common verbs of one syllable, whose endings may be taken off even though
/// the stem is that short.
fn is_short_verb(c: char) -> bool {
    matches!(
        c,
        '하' | '되'
            | '받'
            | '있'
            | '없'
            | '보'
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
    )
}

/// Removes past tense and honorific markers: 었/았/였, 셨, 겠, and a ㅆ
/// fused into the stem's last syllable (했 -> 해).
fn strip_prefinal(w: &mut Vec<char>) {
    while w.len() >= 2 {
        let last = *w.last().unwrap_or(&' ');
        if matches!(last, '었' | '았' | '였' | '겠' | '셨' | '시') {
            w.pop();
            continue;
        }
        break;
    }
    if let Some(last) = w.last_mut() {
        // 했, 됐, 봤 carry a past ㅆ; 있 is a verb of its own.
        let is_iss = hangul::split(*last).is_some_and(|(_, jung, _)| jung == 20);
        if hangul::final_index(*last) == hangul::JONG_SSANG_SIOS && !is_iss {
            *last = hangul::with_final(*last, 0);
        }
    }
}

/// Undoes a vowel contraction in the last syllable: 해 -> 하, 돼 -> 되,
/// 봐 -> 보, 줘 -> 주, 바꿔 -> 바꾸, 알려 -> 알리.
fn uncontract(w: &mut [char]) {
    let Some(last) = w.last_mut() else { return };
    let Some((cho, jung, 0)) = hangul::split(*last) else { return };
    const HIEUH: usize = 18;
    let base = match jung {
        1 if cho == HIEUH => Some(0), // ㅐ -> ㅏ (해 -> 하)
        10 => Some(11),               // ㅙ -> ㅚ (돼 -> 되)
        9 => Some(8),                 // ㅘ -> ㅗ (봐 -> 보)
        14 => Some(13),               // ㅝ -> ㅜ (줘 -> 주)
        6 if cho != 11 => Some(20),   // ㅕ -> ㅣ (려 -> 리), not 여
        _ => None,
    };
    if let Some(jung) = base {
        *last = hangul::join(cho, jung, 0).unwrap_or(*last);
    }
}

/// Drops an auxiliary verb after a connective: 알려주 -> 알려, 확인해보 -> 확인해.
fn strip_auxiliary(w: &mut Vec<char>) {
    // -고 싶다 written without a space: 환불받고싶 -> 환불받.
    if w.len() >= 3 && w[w.len() - 2..] == ['고', '싶'] {
        w.truncate(w.len() - 2);
    }
    if w.len() < 3 {
        return;
    }
    let last = w[w.len() - 1];
    let before = w[w.len() - 2];
    let connective = matches!(hangul::split(before), Some((_, jung, 0)) if matches!(jung, 0 | 1 | 4 | 6 | 9 | 14));
    if matches!(last, '주' | '보' | '드') && connective {
        w.pop();
        uncontract(w);
    } else if w.len() >= 4 && w[w.len() - 2..] == ['드', '리'] {
        w.truncate(w.len() - 2);
        uncontract(w);
    }
}

/// Drops a light verb after a noun of two syllables or more: 환불하 -> 환불.
fn strip_light_verb(w: &mut Vec<char>) {
    if w.len() >= 3 && matches!(w[w.len() - 1], '하' | '되' | '받' | '당') {
        w.pop();
    } else if w.len() >= 4 && w[w.len() - 2..] == ['시', '키'] {
        w.truncate(w.len() - 2);
    }
}

/// Particles of two syllables or more that no ending ends with.
const LONG_PARTICLES: &[&str] =
    &["까지", "에서", "부터", "에게", "한테", "처럼", "보다", "마다", "밖에", "에게서", "한테서", "께서"];

fn strip_long_particle(w: &mut Vec<char>) -> bool {
    for tail in LONG_PARTICLE_CHARS.iter() {
        if w.len() > tail.len() && w[w.len() - tail.len()..] == tail[..] {
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
    let mut w: Vec<char> = stem.chars().collect();
    if w.is_empty() || !w.iter().all(|c| hangul::is_syllable(*c)) {
        return stem.to_string();
    }
    uncontract(&mut w);
    strip_auxiliary(&mut w);
    strip_light_verb(&mut w);
    w.into_iter().collect()
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
const INNER_PARTICLES: &[&str] =
    &["에서", "에게", "한테", "까지", "부터", "으로", "하고", "에", "로", "와", "과", "께"];

/// Removes one particle that may precede another; true when one was removed.
fn strip_inner_particle(w: &mut Vec<char>) -> bool {
    for (p, tail) in INNER_PARTICLES.iter().zip(INNER_PARTICLE_CHARS.iter()) {
        if w.len() <= tail.len() || w[w.len() - tail.len()..] != tail[..] {
            continue;
        }
        let rest = w.len() - tail.len();
        let prev = w[rest - 1];
        let ok = match *p {
            "으로" | "과" => hangul::has_final(prev),
            "로" => !hangul::has_final(prev) || hangul::final_index(prev) == hangul::JONG_RIEUL,
            "와" => !hangul::has_final(prev),
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

/// Removes one particle; true when one was removed.
fn strip_particle(w: &mut Vec<char>) -> bool {
    let last = *w.last().unwrap_or(&' ');
    for a in PARTICLES_SORTED.ending_with(last) {
        let n = a.tail.len();
        if w.len() <= n || a.tail.last() != Some(&last) || w[w.len() - n..] != a.tail[..] {
            continue;
        }
        let prev = w[w.len() - n - 1];
        let rest = w.len() - n;
        let batchim = hangul::has_final(prev);
        let ok = match a.tail.as_slice() {
            ['은'] | ['이'] | ['을'] | ['과'] | ['으', '로'] | ['이', '랑'] | ['이', '나'] | ['이', '요'] => {
                batchim
            }
            ['는'] | ['가'] | ['를'] | ['와'] | ['랑'] | ['나'] => !batchim && rest >= 1,
            ['로'] => !batchim || hangul::final_index(prev) == hangul::JONG_RIEUL,
            ['에'] => rest >= 2 || batchim,
            [_] => rest >= 2,
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
            ("상담사님께", "상담사"),
            ("말씀드리면", "말씀"),
            ("고객센터에서는", "고객센터"),
            ("싶어요", "싶"),
            ("환불받고싶어요", "환불"),
        );
    }

    #[test]
    fn stop_stems() {
        assert!(is_stop_stem("하"));
        assert!(is_stop_stem(""));
        assert!(!is_stop_stem("환불"));
    }

    #[test]
    fn non_hangul_passes_through() {
        test_stems!(("refund", "refund"), ("", ""), ("ㅂㅅ", "ㅂㅅ"));
    }
}
