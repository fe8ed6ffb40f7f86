//! Segmentation: UAX#29 words, split again where the script changes
//! (`eSIM이` -> `esim`, `이`), so particles glued to English or digits come off.

use unicode_segmentation::UnicodeSegmentation;

use super::hangul;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Hangul syllables.
    Hangul,
    /// Compatibility consonants only: a 초성 query.
    Choseong,
    /// Latin letters (and other alphabets).
    Latin,
    /// Digits.
    Number,
}

/// A word of normalized text, with its byte range in the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The word.
    pub text: &'a str,
    /// Byte offset of the word in the normalized text.
    pub start: usize,
    /// What the word is made of.
    pub script: Script,
}

/// Splits normalized text into segments.
pub trait Segmenter: Send + Sync {
    /// The words of `text`, in order; never adds or changes text.
    fn segment<'a>(&self, text: &'a str) -> Vec<Segment<'a>>;
}

/// UAX#29 word boundaries, then script changes.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordSegmenter;

fn script_of(c: char) -> Option<Script> {
    if hangul::is_syllable(c) {
        Some(Script::Hangul)
    } else if hangul::is_compat_jamo(c) {
        Some(Script::Choseong)
    } else if c.is_numeric() {
        Some(Script::Number)
    } else if c.is_alphabetic() {
        Some(Script::Latin)
    } else {
        None
    }
}

/// Chars between which UAX #29 puts no word boundary, and which no word
/// boundary separates from a space: on text of these and spaces only,
/// words are the runs between spaces.
fn splits_on_spaces(c: char) -> bool {
    c == ' ' || c.is_ascii_alphanumeric() || hangul::is_syllable(c)
}

impl Segmenter for WordSegmenter {
    fn segment<'a>(&self, text: &'a str) -> Vec<Segment<'a>> {
        // Room for the words of most questions and phrasings.
        let mut out = Vec::with_capacity(16);
        if text.chars().all(splits_on_spaces) {
            // A space is no script: splitting the whole text by script
            // splits it at spaces too.
            split_scripts(0, text, &mut out);
        } else {
            for (start, word) in text.split_word_bound_indices() {
                split_scripts(start, word, &mut out);
            }
        }
        out
    }
}

/// Splits one UAX #29 word (starting at byte `start` of the text) into runs
/// of one script, dropping what is no letter or digit.
fn split_scripts<'a>(start: usize, word: &'a str, out: &mut Vec<Segment<'a>>) {
    let mut run: Option<(usize, Script)> = None;
    for (i, c) in word.char_indices() {
        let script = script_of(c);
        match (run, script) {
            (Some((_, s)), Some(t)) if s == t => {}
            (Some((from, s)), _) => {
                out.push(Segment { text: &word[from..i], start: start + from, script: s });
                run = script.map(|t| (i, t));
            }
            (None, Some(t)) => run = Some((i, t)),
            (None, None) => {}
        }
    }
    if let Some((from, s)) = run {
        out.push(Segment { text: &word[from..], start: start + from, script: s });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_space_split_fast_path_agrees_with_uax29() {
        let slow = |text: &str| -> Vec<(usize, String)> {
            let mut out = Vec::new();
            for (start, word) in text.split_word_bound_indices() {
                split_scripts(start, word, &mut out);
            }
            out.into_iter().map(|s| (s.start, s.text.to_string())).collect()
        };
        for text in [
            "환불 신청 방법",
            "3개월 약정 해지",
            "abc123 환불asap 9시",
            "  두 칸  띄어쓰기 ",
            "a",
            "",
            "SKT5G요금제 변경",
        ] {
            let fast: Vec<(usize, String)> =
                WordSegmenter.segment(text).into_iter().map(|s| (s.start, s.text.to_string())).collect();
            assert_eq!(fast, slow(text), "{text:?}");
        }
        // Every text of up to five chars over letters, digits, syllables and spaces.
        let alphabet = ['a', 'Z', '1', '가', '힣', ' '];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            texts = texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            for text in &texts {
                let fast: Vec<(usize, String)> =
                    WordSegmenter.segment(text).into_iter().map(|s| (s.start, s.text.to_string())).collect();
                assert_eq!(fast, slow(text), "{text:?}");
            }
        }
    }

    macro_rules! test_segmenter {
        ($([$input:expr, $expected:expr]),+ $(,)?) => {
            $(
                let got: Vec<&str> = WordSegmenter.segment($input).iter().map(|s| s.text).collect();
                let expected: Vec<&str> = $expected;
                assert_eq!(got, expected, "input {:?}", $input);
                for s in WordSegmenter.segment($input) {
                    assert_eq!(&$input[s.start..s.start + s.text.len()], s.text);
                }
            )+
        };
    }

    #[test]
    fn words_and_scripts() {
        test_segmenter!(
            ["배송 조회 어떻게 해요", vec!["배송", "조회", "어떻게", "해요"]],
            ["esim이 안돼요", vec!["esim", "이", "안돼요"]],
            ["24시간 상담", vec!["24", "시간", "상담"]],
            ["ㄱㄱㅅㅌ 번호", vec!["ㄱㄱㅅㅌ", "번호"]],
            ["a/s 센터", vec!["a", "s", "센터"]],
            ["", vec![]],
        );
    }

    #[test]
    fn scripts_are_reported() {
        let s = WordSegmenter.segment("wifi 9시 ㅂㅅ");
        let scripts: Vec<Script> = s.iter().map(|s| s.script).collect();
        assert_eq!(scripts, vec![Script::Latin, Script::Number, Script::Hangul, Script::Choseong]);
    }
}
