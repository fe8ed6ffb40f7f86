//! Prints the built-in thesaurus concepts each argument names, with the
//! stems each is found on: what a question or a phrasing stands for
//! besides its words, and a check of a synonym group before it goes into a
//! FAQ file.
//!
//! ```sh
//! cargo run -p faq-core --example concepts -- "비번 까먹었어요" "택배가 안 와요"
//! ```

fn main() {
    let thesaurus = faq_core::Thesaurus::builtin();
    let analyzer = faq_core::text::Analyzer::default();
    for text in std::env::args().skip(1) {
        let analysis = analyzer.analyze(&text);
        let stems: Vec<&str> = analysis.content_stems().collect();
        let concepts: Vec<String> = thesaurus
            .spans_in(stems.iter().copied())
            .into_iter()
            .map(|(concept, first, end)| format!("{}[{}]", thesaurus.name(concept), stems[first..end].join(" ")))
            .collect();
        println!("{text}: {stems:?} {}", concepts.join(" "));
    }
}
