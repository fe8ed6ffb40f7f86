//! Other companies: the companies and services a user may name in a
//! question (`faq-core/data/companies.txt`), and which of them a FAQ names.
//!
//! A question that names a company its FAQ never names (토스에서 인증서
//! 발급받는 법, 티빙 요금제 가격) is most likely about that company's
//! matter. Its words match this FAQ's entries all the same, so the matcher
//! is told the name (see [`Explanation::other_company`]) and the decision
//! only suggests.
//!
//! [`Explanation::other_company`]: crate::Explanation::other_company

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::faq::Faq;
use crate::text::{korean, Analysis};

/// The built-in list of company and service names, one or more per line,
/// `#` comments.
pub const COMPANY_NAMES: &str = include_str!("../data/companies.txt");

static NAMES: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    COMPANY_NAMES.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(str::split_whitespace).collect()
});

/// True when a stem (lower case) is a name of [`COMPANY_NAMES`].
pub fn is_company_name(stem: &str) -> bool {
    NAMES.contains(stem)
}

/// The names of [`COMPANY_NAMES`] a FAQ names itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnCompanies {
    names: FxHashSet<&'static str>,
}

impl OwnCompanies {
    /// The names a FAQ's questions, alternates, answers, tags, categories or
    /// synonyms contain (see [`names_in`]).
    pub(crate) fn of(faq: &Faq) -> OwnCompanies {
        let mut text = String::new();
        for e in &faq.entries {
            for part in std::iter::once(&e.question)
                .chain(&e.alternates)
                .chain(std::iter::once(&e.answer))
                .chain(&e.tags)
                .chain(e.category.as_ref())
            {
                text.push_str(&part.to_lowercase());
                text.push('\n');
            }
        }
        for word in faq.synonyms.iter().flatten() {
            text.push_str(&word.to_lowercase());
            text.push('\n');
        }
        let names = NAMES.iter().copied().filter(|name| names_in(&text, name)).collect();
        OwnCompanies { names }
    }

    /// The names the FAQ names, in sorted order.
    pub(crate) fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.names.iter().copied().collect();
        names.sort_unstable();
        names
    }

    /// The first company a question names that the FAQ does not.
    pub(crate) fn other_in(&self, analysis: &Analysis) -> Option<&'static str> {
        analysis
            .tokens
            .iter()
            .filter(|t| t.is_content())
            .find_map(|t| name_of(&t.stem, &t.text.to_lowercase()).filter(|name| !self.names.contains(name)))
    }
}

/// The company a word names: its stem, or the word itself or what comes
/// before a particle (a name's last syllable may read as an ending: 이디야
/// is no 이디 with 야).
fn name_of(stem: &str, word: &str) -> Option<&'static str> {
    if let Some(name) = NAMES.get(stem) {
        return Some(name);
    }
    word.char_indices().skip(1).map(|(at, _)| at).chain(std::iter::once(word.len())).find_map(|at| {
        let (head, rest) = word.split_at(at);
        NAMES.get(head).copied().filter(|_| rest.is_empty() || korean::is_particle(rest))
    })
}

/// True when `text` contains `name` at the start of a word (벅스 is not in
/// 스타벅스); a name without Hangul must end its word too (kt is not in
/// ktx), while a particle or a noun may follow a Hangul one (토스로,
/// 토스뱅크).
fn names_in(text: &str, name: &str) -> bool {
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(name).any(|(at, _)| {
        edge(text[..at].chars().next_back()) && (!name.is_ascii() || edge(text[at + name.len()..].chars().next()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn faq(toml: &str) -> Faq {
        Faq::from_str(toml, crate::Format::Toml).unwrap()
    }

    const CARDS: &str = r#"
[[entries]]
id = "pay"
question = "결제 수단은 무엇이 있나요?"
answer = "신용카드와 토스로 결제할 수 있습니다. KTX 할인은 없습니다."
"#;

    #[test]
    fn the_list_holds_names_not_everyday_words() {
        for name in ["토스", "티빙", "카카오뱅크", "skt", "쏘카", "정부24"] {
            assert!(is_company_name(name), "{name}");
        }
        for word in ["당근", "우리", "하나", "타다", "알리", "카카오페이", "아이폰", "삼성", "카드"]
        {
            assert!(!is_company_name(word), "{word}");
        }
    }

    #[test]
    fn a_faq_owns_the_names_it_writes() {
        let own = OwnCompanies::of(&faq(CARDS));
        let an = Analyzer::default();
        let other = |q: &str| own.other_in(&an.analyze(q));
        assert_eq!(other("토스로 결제돼요?"), None);
        assert_eq!(other("티빙 요금제 얼마예요?"), Some("티빙"));
        assert_eq!(other("카카오뱅크랑 연동돼요?"), Some("카카오뱅크"));
        // A name whose last syllable reads as an ending.
        assert_eq!(other("이디야 앱 비밀번호"), Some("이디야"));
        assert_eq!(other("이디야에서도 되나요"), Some("이디야"));
        // kt only as a word of its own: KTX is no mention of kt.
        assert_eq!(other("KT에서 넘어가려면"), Some("kt"));
        // A word that begins as a name is not the name.
        assert_eq!(other("토스트 메뉴 있어요?"), None);
        assert!(names_in("스타벅스 카드", "스타벅스") && !names_in("스타벅스 카드", "벅스"));
        assert!(names_in("토스뱅크로", "토스") && !names_in("ktx 할인", "kt") && names_in("(kt)", "kt"));
        assert_eq!(other("결제 수단 알려주세요"), None);
    }

    #[test]
    fn synonyms_make_a_name_the_faqs_own() {
        let own = OwnCompanies::of(&faq(&format!("synonyms = [[\"티빙\", \"tving\"]]\n{CARDS}")));
        assert_eq!(own.other_in(&Analyzer::default().analyze("티빙 요금제 얼마예요?")), None);
    }
}
