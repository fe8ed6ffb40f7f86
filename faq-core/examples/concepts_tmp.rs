fn main() {
    let t = faq_core::Thesaurus::builtin();
    let a = faq_core::text::Analyzer::default();
    for w in std::env::args().skip(1) {
        let an = a.analyze(&w);
        let stems: Vec<&str> = an.content_stems().collect();
        let spans = t.spans_in(stems.iter().copied());
        let names: Vec<String> =
            spans.iter().map(|(c, x, y)| format!("{}[{}]", t.name(*c), stems[*x..*y].join(" "))).collect();
        println!("{w}: {stems:?} {}", names.join(" "));
    }
}
