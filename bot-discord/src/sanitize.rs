//! Making user text safe to echo: no pings, no fake formatting.
//!
//! Allowed mentions already stop Discord from pinging anyone the bot did not
//! name; [`neutralize`] also changes the text itself, so a copy of it (a
//! quote, a thread title, a log) cannot ping or mislead either.
//!
//! ```
//! use bot_discord::sanitize::neutralize;
//! assert_eq!(neutralize("@everyone 환불"), "@\u{200b}everyone 환불");
//! assert_eq!(neutralize("<@&123> 도와주세요"), "\\<@\u{200b}&123\\> 도와주세요");
//! ```

use faq_core::text::disguise::unmask;

/// Zero-width space, put after every `@`.
pub const ZWSP: char = '\u{200b}';

/// Markdown characters that are escaped with a backslash.
const MARKDOWN: &[char] = &['\\', '*', '_', '~', '`', '|', '[', ']', '(', ')', '<', '>', '#', ':'];

/// Makes user text inert for Discord: invisible characters removed,
/// full-width look-alikes folded, line breaks turned into spaces, a
/// zero-width space after every `@` (so `@everyone`, `@here`, `<@id>` and
/// `<@&role>` are no longer mentions) and Markdown characters escaped (so
/// masked links, headings and code blocks show as typed). URLs lose their
/// `:` so they do not become links or previews.
pub fn neutralize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in unmask(text) {
        match c {
            '@' => {
                out.push('@');
                out.push(ZWSP);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c if MARKDOWN.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// [`neutralize`], then cut to at most `max` characters (with `…`).
pub fn neutralize_short(text: &str, max: usize) -> String {
    let safe = neutralize(text.trim());
    if safe.chars().count() <= max {
        return safe;
    }
    let mut cut: String = safe.chars().take(max.saturating_sub(1)).collect();
    // Do not leave a dangling escape.
    if cut.ends_with('\\') {
        cut.pop();
    }
    cut.push('…');
    cut
}

/// Removes mentions of the bot (`<@id>`, `<@!id>`) from a message.
pub fn strip_bot_mention(content: &str, bot_id: u64) -> String {
    let plain = format!("<@{bot_id}>");
    let nick = format!("<@!{bot_id}>");
    content.replace(&plain, " ").replace(&nick, " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The corpus of hostile strings the tests echo through the bot: each must
/// ping nobody once neutralized and sent with explicit allowed mentions.
pub const HOSTILE_CORPUS: &[&str] = &[
    "@everyone",
    "@here",
    "@everyone 환불 어떻게 해요?",
    "환불 @here 빨리",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&987654321098765432>",
    "<@&987654321098765432> 운영 시간 알려줘",
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<!subteam^S1>",
    "@\u{200b}everyone",
    "@\u{200d}here",
    "@e\u{200b}veryone",
    "@\u{2060}everyone",
    "@\u{feff}here",
    "＠everyone",
    "＠here",
    "﹫everyone",
    "＜@123456789012345678＞",
    "<\u{200b}@&987654321098765432>",
    "<@\u{200c}123456789012345678>",
    "@everyone\n@here\n<@&1>",
    "[고객센터](https://evil.example/phish)",
    "[@everyone](https://evil.example)",
    "https://evil.example/@everyone",
    "`@everyone`",
    "```@here```",
    "||@everyone||",
    "# @everyone 공지",
    "> @here 인용",
    "\u{202e}enoyreve@",
    "@@everyone",
    "\\@everyone",
    "<@&123><@456><#789> @everyone @here",
];

/// True when `text` would still ping someone if sent without allowed
/// mentions: a user, role, `@everyone` or `@here` mention survives.
pub fn has_live_mention(text: &str) -> bool {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('@') {
        let rest = &text[i + 1..];
        if rest.starts_with("everyone") || rest.starts_with("here") {
            return true;
        }
        if i > 0 && bytes[i - 1] == b'<' {
            let after = rest.trim_start_matches(['!', '&']);
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (input, expected) in [
            ("@here", "@\u{200b}here"),
            ("＠everyone", "@\u{200b}everyone"),
            ("@\u{200b}everyone", "@\u{200b}everyone"),
            ("@e\u{200d}veryone", "@\u{200b}everyone"),
            ("<@123>", "\\<@\u{200b}123\\>"),
            ("[a](https://x.y)", "\\[a\\]\\(https\\://x.y\\)"),
            ("줄1\n줄2", "줄1 줄2"),
            ("환불은 어떻게 받나요?", "환불은 어떻게 받나요?"),
        ] {
            assert_eq!(neutralize(input), expected, "{input:?}");
        }
    }

    #[test]
    fn the_corpus_is_inert() {
        assert!(HOSTILE_CORPUS.len() >= 30);
        for s in HOSTILE_CORPUS {
            let safe = neutralize(s);
            assert!(!has_live_mention(&safe), "{s:?} -> {safe:?}");
            assert!(!safe.contains("](http"), "{s:?} -> {safe:?}");
            assert_eq!(neutralize(&safe).replace('\\', ""), safe.replace('\\', ""), "stable on {s:?}");
        }
        assert!(has_live_mention("hi @everyone"));
        assert!(has_live_mention("<@&12>"));
    }

    #[test]
    fn short_and_stripped() {
        assert_eq!(neutralize_short("가나다라마바사", 4), "가나다…");
        assert_eq!(neutralize_short("a:b:c", 3), "a…");
        assert_eq!(strip_bot_mention("<@42> 환불 <@!42>  문의", 42), "환불 문의");
    }
}
