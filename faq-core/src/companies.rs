//! Other companies: the companies and services a user may name in a
//! question (`faq-core/data/companies.txt`), the errands of public offices
//! (`faq-core/data/public_matters.txt`: 여권, 연말정산, 과태료), and which of
//! them a FAQ names.
//!
//! A question that names a company its FAQ never names (카카오뱅크에서
//! 인증서 발급받는 법, 티빙 요금제 가격), or such an errand (연말정산 언제
//! 해요?), is most likely about that company's or office's matter. Its
//! words match this FAQ's entries all the same, so the matcher is told the
//! name (see [`Explanation::other_company`]) and the decision only
//! suggests.
//!
//! [`Explanation::other_company`]: crate::Explanation::other_company

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashSet;

use crate::faq::Faq;
use crate::text::{korean, Analysis};

/// The built-in list of company and service names, one or more per line,
/// `#` comments.
pub const COMPANY_NAMES: &str = include_str!("../data/companies.txt");

/// The built-in list of public errands (여권, 연말정산, 과태료), in the
/// format of [`COMPANY_NAMES`]: a question naming one that the FAQ never
/// names is that office's matter as another company's would be.
pub const PUBLIC_MATTERS: &str = include_str!("../data/public_matters.txt");

/// The names of the list, and what finds them in a text.
struct Names {
    /// Each name as it is shown, with its spaces (밀리의 서재): those of
    /// [`COMPANY_NAMES`], then from `first_public` on those of
    /// [`PUBLIC_MATTERS`].
    list: Vec<String>,
    first_public: usize,
    /// What the automaton looks for: every name, and a name of several
    /// words also written without its spaces (밀리의서재).
    patterns: Vec<String>,
    /// The name of each pattern, by its index in `list`.
    name_of: Vec<usize>,
    /// Leftmost-longest: 쿠팡이츠 is found, not the 쿠팡 in it.
    automaton: AhoCorasick,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    // In the files, `_` stands for the space of a name of several words.
    let names = |file: &'static str| {
        file.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(|name| name.replace('_', " "))
    };
    let mut list: Vec<String> = names(COMPANY_NAMES).collect();
    let first_public = list.len();
    list.extend(names(PUBLIC_MATTERS));
    let (mut patterns, mut name_of) = (Vec::new(), Vec::new());
    for (i, name) in list.iter().enumerate() {
        patterns.push(name.clone());
        name_of.push(i);
        if name.contains(' ') {
            patterns.push(name.replace(' ', ""));
            name_of.push(i);
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&patterns)
        .expect("the company names make an automaton");
    Names { list, first_public, patterns, name_of, automaton }
});

/// True when a word (lower case) is a name of [`COMPANY_NAMES`] or
/// [`PUBLIC_MATTERS`], written with or without its spaces.
pub fn is_company_name(word: &str) -> bool {
    NAMES.patterns.iter().any(|p| p == word)
}

/// True when a name (as [`crate::Explanation::other_company`] gives it) is
/// one of [`PUBLIC_MATTERS`], an errand of a public office, not a company.
pub fn is_public_matter(name: &str) -> bool {
    NAMES.list[NAMES.first_public..].iter().any(|n| n == name)
}

/// The names of [`COMPANY_NAMES`] and [`PUBLIC_MATTERS`] that `text` (lower
/// case) writes at the start of a word (벅스 is not in 스타벅스), each with
/// the rest of its word and what follows that word.
fn names_at_word_starts(text: &str) -> impl Iterator<Item = (&'static str, &str, &str)> {
    NAMES.automaton.find_iter(text).filter_map(move |m| {
        if text[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let after = &text[m.end()..];
        let (rest, following) = after.split_at(after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len()));
        Some((NAMES.list[NAMES.name_of[m.pattern().as_usize()]].as_str(), rest, following))
    })
}

/// Particles after an errand that make it what the question is for
/// (연말정산에 넣으려면, 여권으로 인증).
const FOR_PARTICLES: &[&str] = &["에", "에는", "에도", "때", "때는", "용", "용으로", "으로", "로", "때문에"];
/// How the word after an errand makes it a need or a condition (주민등록증
/// 있어야, 운전면허증 없으면, 연말정산 때, 연말정산 해야 되는데).
const NEED_WORDS: &[&str] =
    &["있어야", "있으면", "없으면", "없이", "없어도", "필요", "때", "때문", "해야", "지참", "챙겨", "가져가"];

/// True when an errand of a public office, followed by `rest` in its word
/// and by `following` after it, is said as a need, a condition or a
/// purpose.
fn in_passing(rest: &str, following: &str) -> bool {
    let next = following.split_whitespace().next().unwrap_or("");
    FOR_PARTICLES.contains(&rest) || NEED_WORDS.iter().any(|w| next.starts_with(w) || rest.starts_with(w))
}

/// True when what follows a Latin name in its word leaves the name whole:
/// nothing, or what is not a Latin letter or digit (kt에서, not ktx).
fn latin_name_ends(name: &str, rest: &str) -> bool {
    !name.is_ascii() || !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// The names of [`COMPANY_NAMES`] a FAQ names itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnCompanies {
    names: FxHashSet<&'static str>,
}

impl OwnCompanies {
    /// The names a FAQ's questions, alternates, answers, tags, categories or
    /// synonyms write at the start of a word. Anything may follow a Hangul
    /// name there, a particle or another noun (쿠팡으로, 쿠팡이츠): the name is
    /// the FAQ's own all the same.
    pub(crate) fn of(faq: &Faq) -> OwnCompanies {
        let mut names = FxHashSet::default();
        let texts = faq.entries.iter().flat_map(|e| {
            std::iter::once(&e.question)
                .chain(&e.alternates)
                .chain(std::iter::once(&e.answer))
                .chain(&e.tags)
                .chain(e.category.as_ref())
        });
        // One text at a time: a FAQ of many entries is never copied whole.
        let mut lower = String::new();
        for text in texts.chain(faq.synonyms.iter().flatten()) {
            // Hangul has no case: most texts are read as they are.
            let text = if text.chars().any(char::is_uppercase) {
                lower.clear();
                lower.extend(text.chars().flat_map(char::to_lowercase));
                lower.as_str()
            } else {
                text.as_str()
            };
            names.extend(
                names_at_word_starts(text).filter(|(name, rest, _)| latin_name_ends(name, rest)).map(|(name, ..)| name),
            );
        }
        OwnCompanies { names }
    }

    /// The names the FAQ names, in sorted order.
    pub(crate) fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.names.iter().copied().collect();
        names.sort_unstable();
        names
    }

    /// The first company a question names that the FAQ does not: a name
    /// written as a word of its own or before a particle (티빙에서,
    /// 이디야도), not at the start of another word (컬리플라워).
    ///
    /// An errand of a public office said as what the question needs or is
    /// for (주민등록증 있어야 돼요?, 연말정산 때 쓰게, 연말정산에 넣으려면,
    /// 운전면허증 없으면) is part of a question on this FAQ's matter: it does
    /// not count.
    pub(crate) fn other_in(&self, analysis: &Analysis) -> Option<&'static str> {
        names_at_word_starts(&analysis.normalized)
            .find(|(name, rest, following)| {
                (rest.is_empty()
                    || korean::is_particle(rest)
                    || (name.is_ascii() && latin_name_ends(name, rest))
                    // An errand said as a verb (채용하나요, 연말정산해야).
                    || (is_public_matter(name) && rest.starts_with(['하', '해', '되', '돼'])))
                    && !self.names.contains(name)
                    && !(is_public_matter(name) && in_passing(rest, following))
            })
            .map(|(name, ..)| name)
    }
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
answer = "신용카드와 쿠팡 계좌로 결제할 수 있습니다. KTX 할인은 없습니다."
"#;

    #[test]
    fn the_list_holds_names_not_everyday_words() {
        // 우체국 alone too, as users write 우체국 택배 apart.
        for name in ["토스뱅크", "티빙", "카카오뱅크", "skt", "쏘카", "정부24", "우체국택배", "우체국"]
        {
            assert!(is_company_name(name), "{name}");
        }
        for word in ["당근", "우리", "하나", "타다", "알리", "카카오페이", "토스", "아이폰", "삼성", "카드"]
        {
            assert!(!is_company_name(word), "{word}");
        }
    }

    #[test]
    fn a_faq_owns_the_names_it_writes() {
        let own = OwnCompanies::of(&faq(CARDS));
        let an = Analyzer::default();
        let other = |q: &str| own.other_in(&an.analyze(q));
        assert_eq!(other("쿠팡으로 결제돼요?"), None);
        assert_eq!(other("티빙 요금제 얼마예요?"), Some("티빙"));
        assert_eq!(other("카카오뱅크랑 연동돼요?"), Some("카카오뱅크"));
        // A name whose last syllable reads as an ending.
        assert_eq!(other("이디야 앱 비밀번호"), Some("이디야"));
        assert_eq!(other("이디야에서도 되나요"), Some("이디야"));
        // kt only as a word of its own: KTX is no mention of kt.
        assert_eq!(other("KT에서 넘어가려면"), Some("kt"));
        // A word that begins as a name is not the name (컬리 is a shop).
        assert_eq!(other("컬리플라워 샐러드 있어요?"), None);
        let owned = |text: &str| {
            OwnCompanies::of(&faq(&format!("[[entries]]\nid = \"a\"\nquestion = \"q\"\nanswer = \"{text}\"\n"))).names()
        };
        assert_eq!(owned("스타벅스 카드"), ["스타벅스"]);
        assert_eq!(owned("ktv 방송, (kt) 제휴, kb국민카드로"), ["kb국민카드", "kt"]);
        assert_eq!(other("KB국민카드로 결제돼요?"), Some("kb국민카드"));
        assert_eq!(other("쿠팡이츠도 돼요?"), Some("쿠팡이츠"));
        assert_eq!(other("결제 수단 알려주세요"), None);
    }

    #[test]
    fn a_name_of_several_words_is_found_with_or_without_its_spaces() {
        let own = OwnCompanies::of(&faq(CARDS));
        let an = Analyzer::default();
        let other = |q: &str| own.other_in(&an.analyze(q));
        assert_eq!(other("밀리의 서재 구독 해지는 어떻게 해요?"), Some("밀리의 서재"));
        assert_eq!(other("밀리의서재 해지"), Some("밀리의 서재"));
        assert_eq!(other("유튜브 프리미엄 가족 요금제 얼마예요?"), Some("유튜브 프리미엄"));
        // Its first word alone is no name (유튜브 보다가 궁금해서요).
        assert_eq!(other("유튜브 보고 왔는데 가입 어떻게 해요?"), None);
        assert!(is_company_name("밀리의서재") && is_company_name("밀리의 서재"));
        // A FAQ that writes it either way owns it.
        let owned = OwnCompanies::of(&faq(
            "[[entries]]\nid = \"a\"\nquestion = \"q\"\nanswer = \"밀리의서재와 제휴 중입니다\"\n",
        ));
        assert_eq!(owned.names(), ["밀리의 서재"]);
        assert_eq!(owned.other_in(&an.analyze("밀리의 서재 구독 해지")), None);
    }

    #[test]
    fn errands_of_public_offices_are_another_office_s_matter() {
        let an = Analyzer::default();
        let none = OwnCompanies::default();
        assert_eq!(none.other_in(&an.analyze("연말정산 언제 해요?")), Some("연말정산"));
        assert_eq!(none.other_in(&an.analyze("주민등록등본 어디서 떼요?")), Some("주민등록등본"));
        assert!(is_public_matter("여권") && is_public_matter("과태료"));
        // Said as what the question needs or is for, it is part of a question
        // on this FAQ's matter.
        for q in [
            "처음 진료 받을 때 주민등록증 있어야 돼요?",
            "운전면허증 없으면 못 빌려요?",
            "연말정산에 넣으려면 영수증 어떻게 받아요?",
            "연말정산 때 쓰게 영수증 받을 수 있어요?",
            "현금영수증 안 나왔어요 연말정산 해야 되는데",
        ] {
            assert_eq!(none.other_in(&an.analyze(q)), None, "{q}");
        }
        assert_eq!(none.other_in(&an.analyze("운전면허증 잃어버렸는데 재발급은 어디서 해요?")), Some("운전면허증"));
        assert!(!is_public_matter("티빙") && !is_public_matter("환불"));
        // So are the company's own jobs and shares, said as a noun or a verb.
        assert_eq!(none.other_in(&an.analyze("상담원 채용하나요?")), Some("채용"));
        assert_eq!(none.other_in(&an.analyze("올해 배당금은 언제 나와요?")), Some("배당금"));
        assert_eq!(none.other_in(&an.analyze("연말정산하는 법 알려 주세요")), Some("연말정산"));
        // ...but not as a need, written together as apart.
        assert_eq!(none.other_in(&an.analyze("현금영수증 안 나왔어요 연말정산해야 되는데")), None);
        // A FAQ that writes the errand makes it its own (a district office's
        // FAQ answers about passports).
        let own = OwnCompanies::of(&faq(
            "[[entries]]\nid = \"p\"\nquestion = \"여권 발급은 어디서 하나요?\"\nanswer = \"민원실에서 합니다.\"\n",
        ));
        assert_eq!(own.other_in(&an.analyze("여권 재발급 서류가 뭐예요?")), None);
    }

    #[test]
    fn trains_and_chains_are_other_companies() {
        let own = OwnCompanies::of(&faq(CARDS));
        let an = Analyzer::default();
        let other = |q: &str| own.other_in(&an.analyze(q));
        // A FAQ of cinemas or buses that never names the train: a question
        // on its tickets is for the railway (KTX 승차권 취소 수수료).
        let none = OwnCompanies::default();
        assert_eq!(none.other_in(&an.analyze("KTX 승차권 취소 수수료는 얼마예요?")), Some("ktx"));
        assert_eq!(other("이케아에서 산 책장 조립 설명서"), Some("이케아"));
        assert_eq!(other("FedEx 통관 서류 양식"), Some("fedex"));
        // The FAQ of the card test writes KTX: its own.
        assert_eq!(other("KTX 할인 되나요?"), None);
    }

    #[test]
    fn synonyms_make_a_name_the_faqs_own() {
        let own = OwnCompanies::of(&faq(&format!("synonyms = [[\"티빙\", \"tving\"]]\n{CARDS}")));
        assert_eq!(own.other_in(&Analyzer::default().analyze("티빙 요금제 얼마예요?")), None);
    }
}
