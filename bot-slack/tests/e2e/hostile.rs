//! Hostile text echoed through the bot pings nobody.

use bot_slack::render::ACTION_HUMAN;
use serde_json::Value;

use crate::harness::*;

/// Mentions, broadcasts and links, plain and disguised.
pub const HOSTILE: &[&str] = &[
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!channel|channel>",
    "<!here|here>",
    "<@U123>",
    "<@U123|admin>",
    "<@W123>",
    "<!subteam^S1>",
    "<!subteam^S1|@support>",
    "<#C123>",
    "<#C123|general>",
    "<@&123>",
    "<!date^1392734382^{date}|Feb 18>",
    "@channel",
    "@here",
    "@everyone",
    "@\u{200B}everyone",
    "@\u{200D}here",
    "<!chan\u{200B}nel>",
    "<\u{200D}!here>",
    "<!ev\u{2060}eryone>",
    "＠everyone",
    "＠here",
    "＜!channel＞",
    "﹤!here﹥",
    "﹫channel",
    "&lt;!channel&gt;",
    "&#60;!here&#62;",
    "[구글](https://evil.example.com)",
    "<https://evil.example.com|https://google.com>",
    "<mailto:a@evil.example.com|고객센터>",
    "<!channel> <!here> <@U1> 전부",
    "\u{FEFF}<!everyone>\u{200E}",
    "<<!channel>>",
];

/// The live tokens a message may contain: the bot's own, nothing from users.
fn check(body: &Value, asker: &str) {
    for text in texts_of(body) {
        let mut rest = text.as_str();
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').map(|e| start + e + 1).unwrap_or(rest.len());
            let token = &rest[start..end];
            let allowed = token == format!("<!subteam^{SUPPORT_GROUP}>")
                || token == format!("<@{asker}>")
                || token.starts_with("<#C")
                || token.starts_with("<https://fake.slack.com/archives/");
            assert!(allowed, "live token {token:?} in {text:?}");
            rest = &rest[end..];
        }
        for word in ["@channel", "@here", "@everyone", "＠", "﹫", "＜", "﹤", "\u{200B}", "\u{200D}", "\u{FEFF}"] {
            assert!(!text.contains(word), "{word:?} in {text:?}");
        }
    }
}

#[tokio::test]
async fn hostile_mentions_ping_nobody() {
    assert!(HOSTILE.len() >= 30);
    let t = SocketBot::start().await;
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let ts = format!("1500.{i:04}");
        let question = format!("주차장 {hostile} 어디예요");
        t.web.clear();
        t.deliver("events_api", callback(mention("U1", "C1", &ts, &question))).await;
        let posts = t.web.posts();
        assert!(!posts.is_empty(), "{hostile:?}");
        // Whatever the reply, 상담원 연결 from it echoes the question in a handover.
        if posts.len() == 1 {
            let reply = posts[0].body.clone();
            if reply.to_string().contains(ACTION_HUMAN) {
                t.deliver("interactive", click("U1", &reply, "2000.5", ACTION_HUMAN)).await;
            }
        }
        let posts = t.web.posts();
        let handover = posts.iter().find(|p| p.body["channel"] == ESCALATION_CHANNEL);
        assert!(handover.is_some(), "{hostile:?}: no handover in {posts:#?}");
        for p in &posts {
            check(&p.body, "U1");
        }
    }
    t.stop().await;
}

#[tokio::test]
async fn exact_payload_of_a_hostile_handover() {
    let t = SocketBot::start().await;
    let question = "주차장 <!channel> ＠everyone <@U123> <!subteam^S1> 어디예요?";
    t.deliver("events_api", callback(mention("U1", "C1", "1600.1", question))).await;
    let posts = t.web.calls_of("chat.postMessage");
    let handover = posts.iter().find(|p| p["channel"] == ESCALATION_CHANNEL).expect("a handover");
    let echoed = "주차장 &lt;!channel&gt; @\u{2060}everyone &lt;@\u{2060}U123&gt; &lt;!subteam^S1&gt; 어디예요?";
    assert_eq!(handover["text"], format!("<!subteam^{SUPPORT_GROUP}> 상담원 연결 요청: {echoed}"));
    let summary = handover["blocks"][2]["text"]["text"].as_str().unwrap();
    assert!(summary.starts_with(&format!("사유: 봇이 답변을 찾지 못함\n질문: {echoed}\n")), "{summary}");
    assert_eq!(handover["unfurl_links"], false);
    t.stop().await;
}
