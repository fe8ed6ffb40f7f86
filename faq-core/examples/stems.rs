fn main() {
    for w in std::env::args().skip(1) {
        let a = faq_core::text::Analyzer::default().analyze(&w);
        let s: Vec<String> = a
            .tokens
            .iter()
            .map(|t| format!("{}→{}{}", t.text, t.stem, if t.is_content() { "" } else { "(stop)" }))
            .collect();
        println!("{w}: {}", s.join(" "));
    }
}
