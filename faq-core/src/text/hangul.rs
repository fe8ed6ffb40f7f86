//! Hangul syllable arithmetic: jamo decomposition, 초성 extraction and the
//! 두벌식 keyboard layout (for text typed with the IME in English mode).

const SYLLABLE_BASE: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;
const JUNG_COUNT: u32 = 21;
const JONG_COUNT: u32 = 28;

/// Initial consonants (초성) as compatibility jamo, in Unicode order.
const CHO: [char; 19] =
    ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
/// Medial vowels (중성) as compatibility jamo, in Unicode order.
const JUNG: [char; 21] = [
    'ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ',
    'ㅢ', 'ㅣ',
];
/// Final consonants (종성) as compatibility jamo; index 0 is "none".
const JONG: [char; 28] = [
    '\0', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ',
    'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
];

/// True for a precomposed Hangul syllable (가..힣).
pub fn is_syllable(c: char) -> bool {
    (SYLLABLE_BASE..=SYLLABLE_LAST).contains(&(c as u32))
}

/// True for a Hangul compatibility jamo (ㄱ..ㅣ).
pub fn is_compat_jamo(c: char) -> bool {
    ('\u{3131}'..='\u{3163}').contains(&c)
}

/// True for a compatibility consonant (ㄱ..ㅎ).
pub fn is_compat_consonant(c: char) -> bool {
    ('\u{3131}'..='\u{314E}').contains(&c)
}

/// Splits a syllable into (초성, 중성, 종성) indexes; `None` for other chars.
pub fn split(c: char) -> Option<(usize, usize, usize)> {
    if !is_syllable(c) {
        return None;
    }
    let s = c as u32 - SYLLABLE_BASE;
    Some((
        (s / (JUNG_COUNT * JONG_COUNT)) as usize,
        ((s / JONG_COUNT) % JUNG_COUNT) as usize,
        (s % JONG_COUNT) as usize,
    ))
}

/// Builds a syllable from (초성, 중성, 종성) indexes.
pub fn join(cho: usize, jung: usize, jong: usize) -> Option<char> {
    if cho >= CHO.len() || jung >= JUNG.len() || jong >= JONG.len() {
        return None;
    }
    char::from_u32(SYLLABLE_BASE + ((cho as u32 * JUNG_COUNT) + jung as u32) * JONG_COUNT + jong as u32)
}

/// True when the syllable has a final consonant (받침). Non-syllables: false.
pub fn has_final(c: char) -> bool {
    matches!(split(c), Some((_, _, jong)) if jong != 0)
}

/// The final consonant index (0 = none) of a syllable.
pub fn final_index(c: char) -> usize {
    split(c).map_or(0, |(_, _, j)| j)
}

/// The 종성 index of ㄹ.
pub const JONG_RIEUL: usize = 8;
/// The 종성 index of ㅆ.
pub const JONG_SSANG_SIOS: usize = 20;
/// The 종성 index of ㄴ.
pub const JONG_NIEUN: usize = 4;
/// The 종성 index of ㅁ.
pub const JONG_MIEUM: usize = 16;
/// The 종성 index of ㅂ.
pub const JONG_BIEUP: usize = 17;
/// The 종성 index of ㅎ.
pub const JONG_HIEUH: usize = 27;
/// The 종성 index of ㅅ.
pub const JONG_SIOS: usize = 19;
/// The 종성 index of ㅋ.
pub const JONG_KIEUK: usize = 24;

/// Replaces the final consonant of a syllable.
pub fn with_final(c: char, jong: usize) -> char {
    match split(c) {
        Some((cho, jung, _)) => join(cho, jung, jong).unwrap_or(c),
        None => c,
    }
}

/// Decomposes text into compatibility jamo, splitting compound vowels and
/// finals into their parts (ㅘ -> ㅗㅏ, ㄳ -> ㄱㅅ) so that one mistyped key
/// costs one edit. Other characters pass through.
///
/// ```
/// assert_eq!(faq_core::text::hangul::decompose("환불"), "ㅎㅗㅏㄴㅂㅜㄹ");
/// ```
pub fn decompose(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    decompose_into(text, &mut out);
    out
}

/// The number of chars [`decompose`] gives for `text`, without building it.
pub fn spelling_len(text: &str) -> usize {
    let parts = |c: char| if compound_parts(c).is_some() { 2 } else { 1 };
    text.chars()
        .map(|c| match split(c) {
            Some((_, jung, jong)) => 1 + parts(JUNG[jung]) + if jong != 0 { parts(JONG[jong]) } else { 0 },
            None if is_compat_jamo(c) => parts(c),
            None => 1,
        })
        .sum()
}

/// Like [`decompose`], appending to `out`.
pub fn decompose_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match split(c) {
            Some((cho, jung, jong)) => {
                out.push(CHO[cho]);
                push_parts(JUNG[jung], out);
                if jong != 0 {
                    push_parts(JONG[jong], out);
                }
            }
            None if is_compat_jamo(c) => push_parts(c, out),
            None => out.push(c),
        }
    }
}

fn push_parts(c: char, out: &mut String) {
    match compound_parts(c) {
        Some((a, b)) => {
            out.push(a);
            out.push(b);
        }
        None => out.push(c),
    }
}

fn compound_parts(c: char) -> Option<(char, char)> {
    Some(match c {
        'ㅘ' => ('ㅗ', 'ㅏ'),
        'ㅙ' => ('ㅗ', 'ㅐ'),
        'ㅚ' => ('ㅗ', 'ㅣ'),
        'ㅝ' => ('ㅜ', 'ㅓ'),
        'ㅞ' => ('ㅜ', 'ㅔ'),
        'ㅟ' => ('ㅜ', 'ㅣ'),
        'ㅢ' => ('ㅡ', 'ㅣ'),
        'ㄳ' => ('ㄱ', 'ㅅ'),
        'ㄵ' => ('ㄴ', 'ㅈ'),
        'ㄶ' => ('ㄴ', 'ㅎ'),
        'ㄺ' => ('ㄹ', 'ㄱ'),
        'ㄻ' => ('ㄹ', 'ㅁ'),
        'ㄼ' => ('ㄹ', 'ㅂ'),
        'ㄽ' => ('ㄹ', 'ㅅ'),
        'ㄾ' => ('ㄹ', 'ㅌ'),
        'ㄿ' => ('ㄹ', 'ㅍ'),
        'ㅀ' => ('ㄹ', 'ㅎ'),
        'ㅄ' => ('ㅂ', 'ㅅ'),
        _ => return None,
    })
}

/// The 초성 of each syllable; other characters pass through.
///
/// ```
/// assert_eq!(faq_core::text::hangul::choseong("배송 조회"), "ㅂㅅ ㅈㅎ");
/// ```
pub fn choseong(text: &str) -> String {
    text.chars().map(|c| split(c).map_or(c, |(cho, _, _)| CHO[cho])).collect()
}

/// True when the text is two or more compatibility consonants and nothing
/// else: a 초성 query such as `ㅂㅅㅈㅎ`.
pub fn is_choseong_query(text: &str) -> bool {
    text.chars().count() >= 2 && text.chars().all(is_compat_consonant)
}

/// Maps a key of the 두벌식 layout (as typed with the IME off) to its jamo.
fn key_jamo(key: char) -> Option<char> {
    Some(match key {
        'q' => 'ㅂ',
        'w' => 'ㅈ',
        'e' => 'ㄷ',
        'r' => 'ㄱ',
        't' => 'ㅅ',
        'y' => 'ㅛ',
        'u' => 'ㅕ',
        'i' => 'ㅑ',
        'o' => 'ㅐ',
        'p' => 'ㅔ',
        'a' => 'ㅁ',
        's' => 'ㄴ',
        'd' => 'ㅇ',
        'f' => 'ㄹ',
        'g' => 'ㅎ',
        'h' => 'ㅗ',
        'j' => 'ㅓ',
        'k' => 'ㅏ',
        'l' => 'ㅣ',
        'z' => 'ㅋ',
        'x' => 'ㅌ',
        'c' => 'ㅊ',
        'v' => 'ㅍ',
        'b' => 'ㅠ',
        'n' => 'ㅜ',
        'm' => 'ㅡ',
        'Q' => 'ㅃ',
        'W' => 'ㅉ',
        'E' => 'ㄸ',
        'R' => 'ㄲ',
        'T' => 'ㅆ',
        'O' => 'ㅒ',
        'P' => 'ㅖ',
        _ => return None,
    })
}

fn cho_index(c: char) -> Option<usize> {
    CHO.iter().position(|&x| x == c)
}
fn jung_index(c: char) -> Option<usize> {
    JUNG.iter().position(|&x| x == c)
}
fn jong_index(c: char) -> Option<usize> {
    JONG.iter().skip(1).position(|&x| x == c).map(|i| i + 1)
}
fn combine_vowel(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('ㅗ', 'ㅏ') => 'ㅘ',
        ('ㅗ', 'ㅐ') => 'ㅙ',
        ('ㅗ', 'ㅣ') => 'ㅚ',
        ('ㅜ', 'ㅓ') => 'ㅝ',
        ('ㅜ', 'ㅔ') => 'ㅞ',
        ('ㅜ', 'ㅣ') => 'ㅟ',
        ('ㅡ', 'ㅣ') => 'ㅢ',
        _ => return None,
    })
}
fn combine_final(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('ㄱ', 'ㅅ') => 'ㄳ',
        ('ㄴ', 'ㅈ') => 'ㄵ',
        ('ㄴ', 'ㅎ') => 'ㄶ',
        ('ㄹ', 'ㄱ') => 'ㄺ',
        ('ㄹ', 'ㅁ') => 'ㄻ',
        ('ㄹ', 'ㅂ') => 'ㄼ',
        ('ㄹ', 'ㅅ') => 'ㄽ',
        ('ㄹ', 'ㅌ') => 'ㄾ',
        ('ㄹ', 'ㅍ') => 'ㄿ',
        ('ㄹ', 'ㅎ') => 'ㅀ',
        ('ㅂ', 'ㅅ') => 'ㅄ',
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    ('ㅏ'..='ㅣ').contains(&c)
}

/// Reads Latin letters as keys of the 두벌식 layout and composes the
/// syllables they would have produced with the Korean IME on.
///
/// Returns `None` unless every key maps to a jamo and every jamo ends up in
/// a complete syllable, so real English words (`refund`, `app`) are left
/// alone.
///
/// ```
/// use faq_core::text::hangul::from_keyboard;
/// assert_eq!(from_keyboard("qothd").as_deref(), Some("배송"));
/// assert_eq!(from_keyboard("refund"), None);
/// ```
pub fn from_keyboard(keys: &str) -> Option<String> {
    let mut jamo = Vec::with_capacity(keys.len());
    for k in keys.chars() {
        let key = if k.is_ascii_uppercase() && key_jamo(k).is_none() { k.to_ascii_lowercase() } else { k };
        jamo.push(key_jamo(key)?);
    }
    compose(&jamo)
}

/// The Korean names of the Latin letters, the usual one first: TV is 티비
/// as often as 티브이.
const LETTER_NAMES: [&[&str]; 26] = [
    &["에이"],
    &["비"],
    &["씨", "시"],
    &["디"],
    &["이"],
    &["에프"],
    &["지", "쥐"],
    &["에이치", "에치"],
    &["아이"],
    &["제이"],
    &["케이"],
    &["엘"],
    &["엠"],
    &["엔"],
    &["오"],
    &["피"],
    &["큐"],
    &["알"],
    &["에스"],
    &["티"],
    &["유"],
    &["브이", "비"],
    &["더블유"],
    &["엑스"],
    &["와이"],
    &["제트", "지"],
];

/// How an acronym of two to five Latin letters is said letter by letter in
/// Korean (qr -> 큐알, tv -> 티비 and 티브이, usb -> 유에스비): users write
/// it so. None for other words.
///
/// ```
/// use faq_core::text::hangul::letter_names;
/// assert_eq!(letter_names("qr"), vec!["큐알"]);
/// assert!(letter_names("TV").contains(&"티비".to_string()));
/// assert!(letter_names("refund").is_empty());
/// ```
pub fn letter_names(word: &str) -> Vec<String> {
    if !(2..=5).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let mut spellings = vec![String::new()];
    for b in word.bytes() {
        let names = LETTER_NAMES[(b.to_ascii_lowercase() - b'a') as usize];
        spellings = spellings.iter().flat_map(|s| names.iter().map(move |n| format!("{s}{n}"))).collect();
    }
    spellings
}

/// Composes a jamo sequence into syllables with the IME's automaton;
/// `None` if any jamo is left alone.
fn compose(jamo: &[char]) -> Option<String> {
    let mut out = String::new();
    let mut i = 0;
    while i < jamo.len() {
        // Every syllable starts with a consonant followed by a vowel.
        let cho = cho_index(jamo[i])?;
        i += 1;
        let mut v = *jamo.get(i).filter(|c| is_vowel(**c))?;
        i += 1;
        if let Some(&next) = jamo.get(i) {
            if let Some(cv) = combine_vowel(v, next) {
                v = cv;
                i += 1;
            }
        }
        let jung = jung_index(v)?;
        // A final consonant is taken unless the next consonant starts a syllable.
        let mut jong = 0;
        let starts_syllable = |k: usize| jamo.get(k + 1).is_some_and(|c| is_vowel(*c));
        if let Some(&c1) = jamo.get(i) {
            if !is_vowel(c1) && !starts_syllable(i) {
                if let Some(&c2) = jamo.get(i + 1) {
                    if let Some(pair) = combine_final(c1, c2).filter(|_| !starts_syllable(i + 1)) {
                        jong = jong_index(pair)?;
                        i += 2;
                    }
                }
                if jong == 0 {
                    jong = jong_index(c1)?;
                    i += 1;
                }
            }
        }
        out.push(join(cho, jung, jong)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! cases {
        ($f:expr, [$(($input:expr, $expected:expr)),+ $(,)?]) => {
            $( assert_eq!($f($input), $expected, "input {:?}", $input); )+
        };
    }

    #[test]
    fn spelling_len_counts_what_decompose_gives() {
        for text in ["", "환불", "괜찮아요", "읽었는데", "값", "ㅘㄳ", "ㅂㅅ", "a1 환불?", "뷁쒧", "의자와 회의"]
        {
            assert_eq!(spelling_len(text), decompose(text).chars().count(), "{text}");
        }
        let every: String = ('가'..='힣').collect();
        assert_eq!(spelling_len(&every), decompose(&every).chars().count());
    }

    #[test]
    fn decompose_splits_compounds() {
        cases!(
            decompose,
            [("환불", "ㅎㅗㅏㄴㅂㅜㄹ"), ("횐불", "ㅎㅗㅣㄴㅂㅜㄹ"), ("값", "ㄱㅏㅂㅅ"), ("a1", "a1"), ("ㅘ", "ㅗㅏ"),]
        );
    }

    #[test]
    fn choseong_of_words() {
        cases!(choseong, [("고객센터", "ㄱㄱㅅㅌ"), ("배송 조회", "ㅂㅅ ㅈㅎ"), ("app", "app")]);
        assert!(is_choseong_query("ㅂㅅㅈㅎ"));
        assert!(!is_choseong_query("ㅂ"));
        assert!(!is_choseong_query("ㅠㅠ"));
    }

    #[test]
    fn keyboard_slips() {
        cases!(
            from_keyboard,
            [
                ("qothd", Some("배송".to_string())),
                ("ghksqnf", Some("환불".to_string())),
                ("dkssud", Some("안녕".to_string())),
                ("rhror", Some("고객".to_string())),
                ("tpsxj", Some("센터".to_string())),
                ("dlfrdjqhk", Some("읽어봐".to_string())),
                ("refund", None),
                ("app", None),
                ("", Some(String::new())),
            ]
        );
    }

    #[test]
    fn join_and_split_round_trip() {
        for c in ['가', '힣', '환', '뷁'] {
            let (a, b, d) = split(c).unwrap();
            assert_eq!(join(a, b, d), Some(c));
        }
        assert_eq!(with_final('했', 0), '해');
        assert!(has_final('앱'));
        assert!(!has_final('사'));
    }
}
