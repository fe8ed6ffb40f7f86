//! Prints what the text pipeline makes of each argument: every word, its
//! stem, and whether it carries content.
//!
//! ```sh
//! cargo run -p faq-core --example stems -- "환불받고싶어요ㅠㅠ" "배송조회 어디서 해요?"
//! ```

fn main() {
    let analyzer = faq_core::text::Analyzer::default();
    for text in std::env::args().skip(1) {
        let analysis = analyzer.analyze(&text);
        let words: Vec<String> = analysis
            .tokens
            .iter()
            .map(|t| format!("{}→{}{}", t.text, t.stem, if t.is_content() { "" } else { "(stop)" }))
            .collect();
        println!("{text}: {}", words.join(" "));
    }
}
