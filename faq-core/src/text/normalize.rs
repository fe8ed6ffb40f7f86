//! Normalization stages. Each rewrites text grapheme by grapheme and keeps,
//! for every output character, the byte offset in the user's original text.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::hangul;

/// Text after some normalization stages, with the origin of each character.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NormText {
    /// The normalized text.
    pub text: String,
    /// For each `char` of `text`, its byte offset in the original text.
    pub origins: Vec<usize>,
}

impl NormText {
    /// Wraps original text: every character is its own origin.
    pub fn new(text: &str) -> NormText {
        let mut origins = Vec::with_capacity(text.len());
        origins.extend(text.char_indices().map(|(i, _)| i));
        NormText { text: text.to_string(), origins }
    }

    /// The original byte offset of the `char` at byte `byte` of `text`
    /// (or `end` when `byte` is the end of the text).
    pub fn origin_of(&self, byte: usize, end: usize) -> usize {
        let idx = self.text[..byte.min(self.text.len())].chars().count();
        self.origins.get(idx).copied().unwrap_or(end)
    }
}

/// One normalization stage.
pub trait Normalizer: Send + Sync {
    /// Rewrites one grapheme cluster into `out`.
    fn normalize_grapheme(&self, grapheme: &str, out: &mut String);

    /// Rewrites a printable ASCII char or a Hangul syllable (a grapheme of
    /// its own) when it becomes exactly one char, as `normalize_grapheme`
    /// would: the fast path of most text. `None` falls back to
    /// `normalize_grapheme`.
    fn normalize_simple(&self, c: char) -> Option<char> {
        let _ = c;
        None
    }

    /// Runs the stage over a whole text, carrying origins along.
    fn normalize(&self, input: &NormText) -> NormText {
        let mut out = NormText {
            text: String::with_capacity(input.text.len()),
            origins: Vec::with_capacity(input.origins.len()),
        };
        let mut buf = String::new();
        // Text of Hangul syllables and printable ASCII only (most
        // questions): every char is a grapheme of its own.
        if input.text.chars().all(is_simple) {
            let mut utf8 = [0u8; 4];
            for (c, &origin) in input.text.chars().zip(&input.origins) {
                if let Some(n) = self.normalize_simple(c) {
                    out.text.push(n);
                    out.origins.push(origin);
                    continue;
                }
                buf.clear();
                self.normalize_grapheme(c.encode_utf8(&mut utf8), &mut buf);
                out.text.push_str(&buf);
                out.origins.extend(std::iter::repeat_n(origin, buf.chars().count()));
            }
            return out;
        }
        let mut char_idx = 0;
        for g in input.text.graphemes(true) {
            let origin = input.origins.get(char_idx).copied().unwrap_or(0);
            char_idx += g.chars().count();
            buf.clear();
            self.normalize_grapheme(g, &mut buf);
            out.text.push_str(&buf);
            out.origins.extend(std::iter::repeat_n(origin, buf.chars().count()));
        }
        out
    }
}

/// Every stage of [`crate::text::NORMALIZERS`] in one pass, for a text of
/// Hangul syllables and printable ASCII only (most texts): each char goes
/// through the stages' [`Normalizer::normalize_simple`] and spaces are
/// collapsed as [`SpaceCollapser`] does. `None` for any other text, which
/// takes the stage-by-stage path.
pub fn normalize_simple_text(text: &str) -> Option<NormText> {
    let mut out = SpaceCollapsing::with_capacity(text.len());
    for (origin, c) in text.char_indices() {
        // Links, mentions and chat markup take the stages' path too.
        if !is_simple(c) || (c.is_ascii() && starts_markup(text, origin, c as u8)) {
            return None;
        }
        // Chat noise is written with jamo, which no simple text has.
        let c = UnicodeComposer
            .normalize_simple(c)
            .and_then(|c| CaseFolder.normalize_simple(c))
            .and_then(|c| SymbolRemover.normalize_simple(c))?;
        out.push(c, origin);
    }
    Some(out.text)
}

/// Writes chars with their origins, runs of whitespace as one space,
/// without a space at either end.
struct SpaceCollapsing {
    text: NormText,
    pending_space: bool,
}

impl SpaceCollapsing {
    fn with_capacity(n: usize) -> SpaceCollapsing {
        SpaceCollapsing {
            text: NormText { text: String::with_capacity(n), origins: Vec::with_capacity(n) },
            pending_space: false,
        }
    }

    fn push(&mut self, c: char, origin: usize) {
        let out = &mut self.text;
        if c.is_whitespace() {
            self.pending_space = !out.text.is_empty();
            return;
        }
        if self.pending_space {
            out.text.push(' ');
            out.origins.push(origin);
            self.pending_space = false;
        }
        out.text.push(c);
        out.origins.push(origin);
    }
}

/// A Hangul syllable or printable ASCII: a grapheme on its own whatever
/// follows it among such chars, and left as it is by NFKC.
fn is_simple(c: char) -> bool {
    (' '..='~').contains(&c) || hangul::is_syllable(c)
}

/// The grapheme when it is one [`is_simple`] char.
fn simple_char(grapheme: &str) -> Option<char> {
    let mut chars = grapheme.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_simple(c) => Some(c),
        _ => None,
    }
}

/// NFKC (which also folds full-width and half-width forms), then any
/// conjoining jamo left alone becomes a compatibility jamo, so Hangul is
/// always precomposed syllables or compatibility jamo.
#[derive(Debug, Default, Clone, Copy)]
pub struct UnicodeComposer;

impl Normalizer for UnicodeComposer {
    fn normalize_simple(&self, c: char) -> Option<char> {
        Some(c)
    }

    fn normalize_grapheme(&self, grapheme: &str, out: &mut String) {
        if let Some(c) = simple_char(grapheme) {
            out.push(c);
            return;
        }
        // A compatibility jamo is already in the form this stage gives
        // (NFKC would turn ㅀ into an archaic conjoining jamo that has no
        // way back).
        if grapheme.chars().any(hangul::is_compat_jamo) {
            let mut utf8 = [0u8; 4];
            for c in grapheme.chars() {
                if hangul::is_compat_jamo(c) {
                    out.push(c);
                } else {
                    out.extend(c.encode_utf8(&mut utf8).nfkc().map(conjoining_to_compat));
                }
            }
            return;
        }
        for c in grapheme.nfkc() {
            out.push(conjoining_to_compat(c));
        }
    }
}

/// Maps a leftover conjoining jamo (U+1100..U+11FF) to its compatibility form.
fn conjoining_to_compat(c: char) -> char {
    let s = match c {
        '\u{1100}'..='\u{1112}' => {
            const CHO: &str = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
            CHO.chars().nth(c as usize - 0x1100)
        }
        '\u{1161}'..='\u{1175}' => char::from_u32(0x314F + (c as u32 - 0x1161)),
        '\u{11A8}'..='\u{11C2}' => {
            const JONG: &str = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
            JONG.chars().nth(c as usize - 0x11A8)
        }
        _ => None,
    };
    s.unwrap_or(c)
}

/// Lower-cases letters (Unicode case folding for the scripts users type).
#[derive(Debug, Default, Clone, Copy)]
pub struct CaseFolder;

impl Normalizer for CaseFolder {
    fn normalize_simple(&self, c: char) -> Option<char> {
        Some(c.to_ascii_lowercase())
    }

    fn normalize_grapheme(&self, grapheme: &str, out: &mut String) {
        if let Some(c) = simple_char(grapheme) {
            out.push(c.to_ascii_lowercase());
            return;
        }
        for c in grapheme.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// Turns punctuation, symbols, emoji and control characters into spaces and
/// drops invisible format characters (zero-width space and joiner, BOM).
#[derive(Debug, Default, Clone, Copy)]
pub struct SymbolRemover;

impl Normalizer for SymbolRemover {
    fn normalize_simple(&self, c: char) -> Option<char> {
        Some(if c.is_ascii_alphanumeric() || hangul::is_syllable(c) { c } else { ' ' })
    }

    fn normalize_grapheme(&self, grapheme: &str, out: &mut String) {
        if let Some(c) = simple_char(grapheme) {
            out.push(if c.is_ascii_alphanumeric() || hangul::is_syllable(c) { c } else { ' ' });
            return;
        }
        let first = grapheme.chars().next().unwrap_or(' ');
        // A combining mark with no base letter (after a control character
        // or at the start) would attach to the space this stage leaves
        // before it and vanish on a second pass: drop it now.
        if super::disguise::is_invisible(first) || unicode_normalization::char::is_combining_mark(first) {
            return;
        }
        if first.is_alphanumeric() || hangul::is_compat_jamo(first) {
            // Keep letters and digits, but not the emoji modifiers or
            // variation selectors that may trail them.
            // Combining marks go too: after NFKC, Hangul and Latin letters
            // are composed, and a mark left on a jamo would outlive the jamo
            // when chat noise is removed.
            out.extend(grapheme.chars().filter(|c| {
                (c.is_alphanumeric() || hangul::is_compat_jamo(*c))
                    && !unicode_normalization::char::is_combining_mark(*c)
            }));
        } else {
            out.push(' ');
        }
    }
}

impl Normalizer for ChatNoiseRemover {
    fn normalize_grapheme(&self, grapheme: &str, out: &mut String) {
        out.push_str(grapheme);
    }

    fn normalize(&self, input: &NormText) -> NormText {
        self.remove(input)
    }
}

/// Collapses runs of whitespace to one space and trims both ends.
#[derive(Debug, Default, Clone, Copy)]
pub struct SpaceCollapser;

impl Normalizer for SpaceCollapser {
    fn normalize_grapheme(&self, grapheme: &str, out: &mut String) {
        out.push_str(grapheme);
    }

    fn normalize(&self, input: &NormText) -> NormText {
        collapse_spaces(input)
    }
}

/// Removes what chat apps put into a message besides the question: links
/// (`https://…`, `www.…`), mentions (`@everyone`, `@홍길동`), emoji by
/// their short names (`:sob:`) and the markup of Slack and Discord for
/// mentions, channels, links and custom emoji (`<@U123>`, `<#C1|general>`,
/// `<!here>`, `<https://…|label>`, `<:ok:123>`).
/// Each becomes a space. An e-mail address (`me@example.com`) stays.
#[derive(Debug, Default, Clone, Copy)]
pub struct MarkupRemover;

impl MarkupRemover {
    /// Runs the stage; it looks at whole spans, not single graphemes.
    pub fn remove(&self, input: &NormText) -> NormText {
        if !has_markup(&input.text) {
            return input.clone();
        }
        let chars: Vec<char> = input.text.chars().collect();
        let mut out =
            NormText { text: String::with_capacity(input.text.len()), origins: Vec::with_capacity(chars.len()) };
        let mut i = 0;
        while i < chars.len() {
            let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
            let end = if word_start { markup_end(&chars[i..]).map(|n| i + n) } else { None };
            match end {
                Some(end) => {
                    out.text.push(' ');
                    out.origins.push(input.origins[i]);
                    i = end;
                }
                None => {
                    out.text.push(chars[i]);
                    out.origins.push(input.origins[i]);
                    i += 1;
                }
            }
        }
        out
    }
}

impl Normalizer for MarkupRemover {
    fn normalize_grapheme(&self, grapheme: &str, out: &mut String) {
        out.push_str(grapheme);
    }

    fn normalize(&self, input: &NormText) -> NormText {
        self.remove(input)
    }
}

/// True when a text may hold a link, a mention or chat markup: the fast
/// path of [`normalize_simple_text`] leaves such a text to the stages.
pub(crate) fn has_markup(text: &str) -> bool {
    text.bytes().enumerate().any(|(i, c)| starts_markup(text, i, c))
}

/// True when the byte `c` at `i` of `text` may start a link, a mention or
/// chat markup.
fn starts_markup(text: &str, i: usize, c: u8) -> bool {
    match c {
        b'@' | b'<' => true,
        // A link's ://, or an emoji's name (not a time: 09:30).
        b':' => text
            .as_bytes()
            .get(i + 1)
            .is_some_and(|&n| n.is_ascii_lowercase() || matches!(n, b'/' | b'_' | b'+' | b'-')),
        b'w' | b'W' => text.as_bytes().get(i..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"www.")),
        _ => false,
    }
}

/// The length in chars of the link, mention or markup that `rest` starts
/// with, if it starts with one.
fn markup_end(rest: &[char]) -> Option<usize> {
    let starts = |p: &str| rest.len() > p.chars().count() && rest.iter().zip(p.chars()).all(|(a, b)| *a == b);
    let until_space = || rest.iter().position(|c| c.is_whitespace()).unwrap_or(rest.len());
    match rest.first()? {
        '<' => {
            // Markup has no space inside: <@U1>, <#C1|general>, <!here>.
            let close = rest.iter().take_while(|c| !c.is_whitespace()).position(|c| *c == '>')?;
            let inner: String = rest[1..close].iter().collect();
            let markup = inner.starts_with(['@', '#', '!', ':'])
                || inner.starts_with("a:")
                || inner.starts_with("http")
                || inner.starts_with("mailto:")
                || inner.starts_with("tel:");
            (markup && close > 1).then_some(close + 1)
        }
        '@' => {
            let name = rest[1..].iter().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-')).count();
            (name > 0).then_some(1 + name)
        }
        // An emoji by its short name, as Slack writes it (:sob:, :+1:).
        ':' => {
            let name = rest[1..]
                .iter()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-'))
                .count();
            let named = &rest[1..=name];
            let emoji = named.iter().any(|c| c.is_ascii_lowercase()) || named == ['+', '1'] || named == ['-', '1'];
            (emoji && rest.get(1 + name) == Some(&':')).then_some(name + 2)
        }
        _ if starts("http://") || starts("https://") || starts("www.") => Some(until_space()),
        _ => None,
    }
}

/// Removes chat noise written with lone jamo: laughter and crying (ㅋㅋ,
/// ㅎㅎ, ㅠㅠ, ㅜㅜ, ㄷㄷ) and any lone vowel jamo, but keeps 초성 queries
/// such as `ㅂㅅㅈㅎ` (two or more consonants, not all laughter).
#[derive(Debug, Default, Clone, Copy)]
pub struct ChatNoiseRemover;

impl ChatNoiseRemover {
    /// Runs the stage; it looks at runs of jamo, not single graphemes.
    pub fn remove(&self, input: &NormText) -> NormText {
        if !input.text.chars().any(hangul::is_compat_jamo) {
            return input.clone();
        }
        let chars: Vec<char> = input.text.chars().collect();
        let mut out = NormText {
            text: String::with_capacity(input.text.len() + 8),
            origins: Vec::with_capacity(input.origins.len() + 8),
        };
        let mut i = 0;
        while i < chars.len() {
            if !hangul::is_compat_jamo(chars[i]) {
                out.text.push(chars[i]);
                out.origins.push(input.origins[i]);
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && hangul::is_compat_jamo(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            if is_noise_run(run) {
                // Laughter begun inside the last syllable (해주세욬ㅋㅋ,
                // 감사합니닼ㅋ) takes its ㅋ back out of it: 해주세요. Not
                // 부엌 and 녘, which end in ㅋ.
                if run[0] == 'ㅋ' {
                    if let Some(last) = out.text.pop() {
                        let bare = match hangul::split(last) {
                            Some((_, _, hangul::JONG_KIEUK)) if !matches!(last, '엌' | '녘') => {
                                hangul::with_final(last, 0)
                            }
                            _ => last,
                        };
                        out.text.push(bare);
                    }
                }
                out.text.push(' ');
                out.origins.push(input.origins[start]);
            } else {
                // A 초성 run glued to syllables still stands on its own.
                out.text.push(' ');
                out.origins.push(input.origins[start]);
                for (k, c) in run.iter().enumerate() {
                    out.text.push(*c);
                    out.origins.push(input.origins[start + k]);
                }
                out.text.push(' ');
                out.origins.push(input.origins[i - 1]);
            }
        }
        out
    }
}

fn is_noise_run(run: &[char]) -> bool {
    const LAUGH_CRY: [char; 5] = ['ㅋ', 'ㅎ', 'ㄷ', 'ㅠ', 'ㅜ'];
    run.len() < 2 || run.iter().any(|c| !hangul::is_compat_consonant(*c)) || run.iter().all(|c| LAUGH_CRY.contains(c))
}

/// Collapses runs of whitespace to one space and trims both ends.
pub fn collapse_spaces(input: &NormText) -> NormText {
    let mut out = SpaceCollapsing::with_capacity(input.text.len());
    for (c, &o) in input.text.chars().zip(input.origins.iter()) {
        out.push(c, o);
    }
    out.text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage run grapheme by grapheme, without the fast path.
    fn by_graphemes(stage: &dyn Normalizer, text: &str) -> String {
        let mut out = String::new();
        for g in text.graphemes(true) {
            stage.normalize_grapheme(g, &mut out);
        }
        out
    }

    #[test]
    fn compatibility_jamo_stay_as_they_are() {
        // Conjoining final jamo become compatibility jamo, which a second
        // pass leaves alone (ㅀ is not NFKC'd into an archaic initial).
        let once = UnicodeComposer.normalize(&NormText::new("\u{11B6}\u{11A8}"));
        assert_eq!(once.text, "ㅀㄱ");
        assert_eq!(UnicodeComposer.normalize(&once).text, "ㅀㄱ");
        assert_eq!(UnicodeComposer.normalize(&NormText::new("ㅂㅅ ㅈㅎ")).text, "ㅂㅅ ㅈㅎ");
    }

    #[test]
    fn the_fast_path_agrees_with_the_grapheme_path() {
        let stages: [&dyn Normalizer; 3] = [&UnicodeComposer, &CaseFolder, &SymbolRemover];
        // Every text of up to four chars over ASCII letters, digits,
        // punctuation and spaces and Hangul syllables.
        let alphabet = ['A', 'z', '7', '?', ' ', '~', '가', '힣', '뷁'];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            for text in &texts {
                for stage in stages {
                    let fast = stage.normalize(&NormText::new(text));
                    assert_eq!(fast.text, by_graphemes(stage, text), "{text:?}");
                    assert_eq!(fast.text.chars().count(), fast.origins.len(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn the_one_pass_path_agrees_with_every_stage_in_turn() {
        let by_stages = |text: &str| {
            let mut norm = NormText::new(text);
            for stage in crate::text::NORMALIZERS {
                norm = stage.normalize(&norm);
            }
            norm
        };
        // Every text of up to five chars over upper and lower case letters,
        // digits, punctuation, spaces and Hangul syllables.
        let alphabet = ['A', 'z', '7', '?', ' ', '~', '가', '힣'];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            texts = texts.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            for text in &texts {
                assert_eq!(normalize_simple_text(text), Some(by_stages(text)), "{text:?}");
            }
        }
        assert_eq!(normalize_simple_text(" ＡＳ 센터 ").map(|n| n.text), None);
        assert_eq!(normalize_simple_text("환불ㅋㅋ"), None);
        assert_eq!(normalize_simple_text("a\tb"), None);
        // Links, mentions and chat markup go through the stages.
        for text in ["<@U1> 환불", "@here 환불", "https://x.io 환불", "WWW.x.io"] {
            assert_eq!(normalize_simple_text(text), None, "{text}");
        }
        assert_eq!(normalize_simple_text("09:00 w 환불").map(|n| n.text), Some("09 00 w 환불".to_string()));
        let n = normalize_simple_text("  Wifi?! 안돼요  ").unwrap();
        assert_eq!(n.text, "wifi 안돼요");
        assert_eq!(n.origins, [2, 3, 4, 5, 9, 9, 12, 15]);
    }

    /// Runs a stage (or a chain) and compares the bytes of the result.
    macro_rules! test_normalizer {
        ($run:expr, [$(($input:expr, $expected:expr)),+ $(,)?]) => {
            $(
                let got: NormText = $run(&NormText::new($input));
                assert_eq!(got.text.as_bytes(), $expected.as_bytes(), "input {:?} gave {:?}", $input, got.text);
                assert_eq!(got.text.chars().count(), got.origins.len(), "origins for {:?}", $input);
            )+
        };
    }

    #[test]
    fn composer_keeps_hangul_composed() {
        // 한 as conjoining jamo (what NFKD produces) comes back as one syllable.
        test_normalizer!(
            |t| UnicodeComposer.normalize(t),
            [
                ("\u{1112}\u{1161}\u{11AB}", "한"),
                ("환불", "환불"),
                ("ＡＳ　센터", "AS 센터"),
                ("ﾡ", "ㄱ"),
                ("\u{1112}", "ㅎ"),
                ("①", "1"),
            ]
        );
    }

    #[test]
    fn case_and_symbols() {
        test_normalizer!(|t| CaseFolder.normalize(t), [("eSIM Wifi", "esim wifi"), ("환불", "환불")]);
        test_normalizer!(
            |t| SymbolRemover.normalize(t),
            [
                ("환불?!~", "환불   "),
                ("배송😀조회", "배송 조회"),
                ("a\u{200B}b", "ab"),
                ("x\u{0007}y", "x y"),
                ("👍🏽", " "),
                // Regression (found by fuzzing): a mark after a control
                // character must not survive one pass and vanish on the next.
                ("1\u{0000}\u{05B1}", "1 "),
                ("환불\n\u{064E}", "환불 "),
                ("e\u{0301}", "e"),
            ]
        );
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        let a = crate::text::Analyzer::default();
        for text in [
            "1\u{0000}\u{05B1}",
            "환불\t\u{093F}",
            "\u{0301}환불",
            "ＡＳ　센터ㅋㅋ",
            "배송😀조회?!",
            "u\u{651}신 q ㅂ\u{651}신",
        ] {
            let once = a.normalize(text);
            assert_eq!(a.normalize(&once), once, "{text:?}");
        }
    }

    #[test]
    fn chat_noise() {
        test_normalizer!(
            |t| collapse_spaces(&ChatNoiseRemover.remove(t)),
            [
                ("환불ㅠㅠ 해주세요ㅋㅋㅋ", "환불 해주세요"),
                ("ㅎㅎ 감사", "감사"),
                ("ㅂㅅㅈㅎ", "ㅂㅅㅈㅎ"),
                ("ㄱㄱㅅㅌ 번호", "ㄱㄱㅅㅌ 번호"),
                ("ㅇ", ""),
                ("ㄷㄷㄷ 요금", "요금"),
                ("환불해주세욬ㅋㅋ", "환불해주세요"),
                ("감사합니닼ㅋ 또 올게요", "감사합니다 또 올게요"),
                ("부엌ㅋㅋ 수리", "부엌 수리"),
                ("새벽녘ㅋㅋ", "새벽녘"),
            ]
        );
    }

    #[test]
    fn links_mentions_and_chat_markup() {
        test_normalizer!(
            |t| collapse_spaces(&MarkupRemover.remove(t)),
            [
                ("<@U123> 상담 몇시까지", "상담 몇시까지"),
                ("<@!123456> 환불 <#C1|general>", "환불"),
                ("<!channel> 전화번호", "전화번호"),
                ("@everyone @here 전화번호", "전화번호"),
                ("@홍길동 님 환불 돼요?", "님 환불 돼요?"),
                ("https://example.com/a?b=1 결제가 안 돼요", "결제가 안 돼요"),
                ("<https://example.com|링크> 결제", "결제"),
                ("www.example.com 접속이 안 돼요", "접속이 안 돼요"),
                ("<:ok:123> 감사", "감사"),
                ("환불 언제 돼요 :sob: :+1:", "환불 언제 돼요"),
                // A time is no emoji.
                ("09:30:00 이후", "09:30:00 이후"),
                // An e-mail address, a comparison and a lone sign stay.
                ("me@example.com 으로 가입", "me@example.com 으로 가입"),
                ("3 < 5", "3 < 5"),
                ("@ 환불", "@ 환불"),
            ]
        );
        assert_eq!(crate::text::Analyzer::default().analyze("<@U1> 환불 https://x.io").normalized, "환불");
    }

    #[test]
    fn origins_point_into_the_original() {
        let original = "ＡＢ 환불";
        let t = UnicodeComposer.normalize(&NormText::new(original));
        assert_eq!(t.text, "AB 환불");
        let at = t.text.find('환').unwrap();
        assert_eq!(&original[t.origin_of(at, original.len())..], "환불");
    }
}
