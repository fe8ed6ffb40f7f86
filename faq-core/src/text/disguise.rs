//! Undoing the disguises hostile text uses to slip a mention or a link past
//! a filter: invisible characters inside a word (`@ev\u{200B}eryone`) and
//! look-alikes of the characters mentions are made of (`＠here`, `＜!channel＞`).
//!
//! Both bots escape user text their own way before echoing it; they first
//! run it through [`unmask`] so that the escaping sees what the platform
//! would render.
//!
//! ```
//! use faq_core::text::disguise::unmask;
//! assert_eq!(unmask("＠ev\u{200B}eryone ＜!here＞").collect::<String>(), "@everyone <!here>");
//! ```

/// True for a character that renders as nothing (or reorders text) and can
/// hide inside a word: zero-width spaces and joiners, word joiner, BOM, soft
/// hyphen, Mongolian vowel separator, Hangul fillers, variation selectors,
/// bidirectional controls.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0E}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

/// Folds a look-alike of a character that mentions, links or Markdown are
/// made of (`＠`, `＜`, `﹤`, `〈`, `＃`, `［`, ...) to its ASCII form; other
/// characters are returned as they are.
pub fn fold_lookalike(c: char) -> char {
    match c {
        '＠' | '﹫' => '@',
        '＜' | '﹤' | '‹' | '〈' | '⟨' => '<',
        '＞' | '﹥' | '›' | '〉' | '⟩' => '>',
        '＆' | '﹠' => '&',
        '＃' | '﹟' => '#',
        '！' | '﹗' => '!',
        '［' => '[',
        '］' => ']',
        '（' => '(',
        '）' => ')',
        c => c,
    }
}

/// The characters of `text` with invisible ones dropped and look-alikes
/// folded.
pub fn unmask(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !is_invisible(*c)).map(fold_lookalike)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguised_mentions_are_unmasked() {
        for (input, expected) in [
            ("<!chan\u{200B}nel>", "<!channel>"),
            ("\u{FF20}here", "@here"),
            ("\u{FE64}@\u{2060}U123\u{FE65}", "<@U123>"),
            ("〈!subteam^S1〉", "<!subteam^S1>"),
            ("［link］（https://evil.example）", "[link](https://evil.example)"),
            ("환불 문의", "환불 문의"),
        ] {
            assert_eq!(unmask(input).collect::<String>(), expected, "{input:?}");
        }
    }
}
