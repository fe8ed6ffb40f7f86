//! Neutralizing user text before the bot echoes it.
//!
//! Slack turns `<!channel>`, `<!here>`, `<!everyone>`, `<@U123>`,
//! `<!subteam^S1>`, `<#C1>` and `<https://site|label>` into live mentions
//! and links. [`escape_text`] makes any text inert: it folds look-alike
//! characters (full-width and small forms of `< > & @`) to ASCII, drops
//! invisible characters that could hide a word from filters (zero-width
//! space, joiners, word joiner, BOM, soft hyphen, bidi controls), escapes
//! `&`, `<` and `>` as Slack requires, and breaks bare `@word` mentions
//! with a word joiner after the `@` (shown as nothing, never parsed).

use faq_core::text::disguise::unmask;

/// The invisible mark placed after `@` so that `@here` stays text.
pub const MENTION_BREAK: char = '\u{2060}';

/// Makes user text safe to embed in any Slack `mrkdwn` or plain text:
/// no mention, broadcast, channel link or hyperlink survives.
///
/// ```
/// use bot_slack::escape::escape_text;
/// assert_eq!(escape_text("<!channel> 환불"), "&lt;!channel&gt; 환불");
/// assert_eq!(escape_text("@here"), "@\u{2060}here");
/// ```
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = unmask(text).peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => {
                out.push('@');
                if chars.peek().is_some_and(|n| !n.is_whitespace()) {
                    out.push(MENTION_BREAK);
                }
            }
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// What the user typed, from a message's text as Slack sends it: Slack
/// writes the `&`, `<` and `>` a user types as `&amp;`, `&lt;` and `&gt;`
/// (its own markup, such as `<@U123>`, stays as it is).
///
/// ```
/// use bot_slack::escape::unescape_text;
/// assert_eq!(unescape_text("Q&amp;A 게시판 &lt;공지&gt;"), "Q&A 게시판 <공지>");
/// ```
pub fn unescape_text(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// Cuts text to at most `max` characters, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_slack_escapes_is_read_back_and_escaped_again_the_same() {
        // &amp; last, so that a typed &lt; (sent as &amp;lt;) stays &lt;.
        assert_eq!(unescape_text("&amp;lt;!here&amp;gt;"), "&lt;!here&gt;");
        assert_eq!(unescape_text("<@U1> R&amp;D"), "<@U1> R&D");
        for typed in ["Q&A", "a < b > c", "&lt;", "환불"] {
            let sent = typed.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
            assert_eq!(unescape_text(&sent), typed);
            assert_eq!(escape_text(&unescape_text(&sent)), sent);
        }
    }

    #[test]
    fn markup_is_escaped() {
        for (input, expected) in [
            ("환불 문의", "환불 문의"),
            ("<!channel>", "&lt;!channel&gt;"),
            ("<@U123|bob>", "&lt;@\u{2060}U123|bob&gt;"),
            ("a & b", "a &amp; b"),
            ("&lt;!here&gt;", "&amp;lt;!here&amp;gt;"),
            ("＜!everyone＞", "&lt;!everyone&gt;"),
            ("<!chan\u{200B}nel>", "&lt;!channel&gt;"),
            ("@\u{200D}everyone", "@\u{2060}everyone"),
            ("＠here", "@\u{2060}here"),
            ("메일 a@b.com", "메일 a@\u{2060}b.com"),
            ("@ 혼자", "@ 혼자"),
            ("줄\n바꿈", "줄\n바꿈"),
            ("bell\u{7}", "bell"),
        ] {
            assert_eq!(escape_text(input), expected, "{input:?}");
        }
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("가나다라", 4), "가나다라");
        assert_eq!(truncate("가나다라마", 4), "가나다…");
    }
}
