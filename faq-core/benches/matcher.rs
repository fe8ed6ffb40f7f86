//! Benchmarks of the matcher on generated Korean FAQ sets (issue 6).
//!
//! A deterministic generator builds FAQ sets of 40, 1k, 10k and 100k entries
//! from a shared customer-service vocabulary, so postings lists look like a
//! real help center's: a few very common terms (환불, 배송, 변경, 하나요) and
//! many rarer ones (product names, contexts). Queries are phrasings of the
//! set changed the way users change them: spaces removed, particles and
//! endings swapped, a one-jamo typo, a thesaurus synonym.
//!
//! Per size the run prints index build time, index bytes (total and per
//! phrasing) and `ask` p50/p99 from a manual loop, then criterion measures
//! build and `ask`. At 1k and 10k a naive baseline, a linear scan computing
//! `strsim::normalized_levenshtein` against every phrasing, is measured in
//! the same run and its ratio to `ask` printed.
//!
//! Run with `cargo bench -p faq-core --bench matcher`; `FAQ_BENCH_SIZES=40,10000`
//! runs only some sizes, and `FAQ_BENCH_EXPORT=DIR` also writes each set to
//! `DIR` as a FAQ file and labelled questions for `faqbot eval`.
//!
//! The bench allocates with mimalloc, as the `faqbot` and bot binaries do.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use faq_core::text::hangul;
use faq_core::{Entry, Faq, Matcher};

/// Sizes of the generated FAQ sets, in entries.
const SIZES: [usize; 4] = [40, 1_000, 10_000, 100_000];
/// Sizes at which the linear strsim baseline is measured.
const BASELINE_SIZES: [usize; 2] = [1_000, 10_000];
/// Questions in the manual latency loop.
const MANUAL_ASKS: usize = 2_000;
/// Distinct queries generated per size.
const QUERIES: usize = 512;

/// xorshift64*: small, deterministic, good enough to pick words.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Things a customer asks about.
const NOUNS: &[&str] = &[
    "환불",
    "배송",
    "주문",
    "결제",
    "비밀번호",
    "요금제",
    "회원가입",
    "포인트",
    "쿠폰",
    "영수증",
    "주소",
    "카드",
    "계좌",
    "교환",
    "반품",
    "적립금",
    "멤버십",
    "이메일",
    "휴대폰 번호",
    "배송지",
    "택배",
    "상품",
    "예약",
    "청구서",
    "자동이체",
    "아이디",
    "알림",
    "구독",
    "기프티콘",
    "상품권",
    "할인",
    "세금계산서",
    "현금영수증",
    "무통장입금",
    "사은품",
    "등급",
    "리뷰",
    "장바구니",
    "위시리스트",
    "보증기간",
    "수리",
    "설치",
    "약정",
    "위약금",
    "데이터",
    "로밍",
    "유심",
    "번호이동",
    "명의",
    "가족결합",
    "인터넷",
    "정기결제",
];

/// Words that narrow the topic (해외 배송, 정기 결제).
const MODIFIERS: &[&str] = &[
    "해외",
    "당일",
    "정기",
    "부분",
    "무료",
    "모바일",
    "선물",
    "첫",
    "추가",
    "예약",
    "기존",
    "새",
    "법인",
    "미성년자",
    "외국인",
    "가족",
    "중고",
    "대량",
    "긴급",
    "야간",
    "주말",
    "현장",
    "온라인",
    "매장",
];

/// Actions, as 하다-nouns.
const ACTIONS: &[&str] = &[
    "변경",
    "조회",
    "신청",
    "취소",
    "확인",
    "등록",
    "재발급",
    "발급",
    "연장",
    "해제",
    "수정",
    "삭제",
    "해지",
    "적용",
    "사용",
    "환급",
    "연동",
    "인증",
    "초기화",
    "재설정",
    "접수",
    "전환",
    "충전",
    "이용",
];

/// Question endings that follow an action noun.
const ENDINGS: &[&str] = &[
    "하나요",
    "되나요",
    "할 수 있나요",
    "해야 하나요",
    "하려면요",
    "하고 싶어요",
    "가능한가요",
    "하면 되나요",
    "할까요",
    "해 주세요",
    "하는 방법 알려주세요",
];

/// Question words placed before the action.
const INTENTS: &[&str] = &["", "", "어떻게", "언제", "어디서", "왜", "얼마나 걸려서", "바로", "다시"];

/// Context clauses users put in front of the question.
const CONTEXTS: &[&str] = &[
    "",
    "",
    "",
    "어제 주문했는데",
    "앱에서 보니까",
    "일주일이 지났는데",
    "고객센터 연결이 안 돼서",
    "처음 이용하는데",
    "해외에 있는데",
    "회사 명의로 가입했는데",
    "문자를 받았는데",
    "홈페이지에서 안 보여서",
];

/// Syllables for product and plan names (rare terms in the postings).
const NAME_SYLLABLES: &[&str] = &[
    "스", "마", "트", "플", "러", "스", "프", "리", "미", "엄", "베", "이", "직", "라", "이", "트", "골", "드", "실",
    "버", "오", "렌", "지", "블", "루", "하", "늘", "바", "다", "별", "빛", "나", "래",
];

/// Thesaurus synonyms a user may say instead (from the built-in thesaurus).
const SYNONYMS: &[(&str, &str)] = &[
    ("환불", "환급"),
    ("비밀번호", "비번"),
    ("주문", "구매"),
    ("결제", "지불"),
    ("변경", "수정"),
    ("신청", "접수"),
    ("취소", "철회"),
    ("조회", "확인"),
    ("해지", "해약"),
    ("상품", "제품"),
];

/// 을/를 and 은/는 chosen by the last syllable, as a writer would.
fn object_particle(word: &str) -> &'static str {
    match word.chars().last() {
        Some(c) if hangul::has_final(c) => "을",
        _ => "를",
    }
}

fn topic_particle(word: &str) -> &'static str {
    match word.chars().last() {
        Some(c) if hangul::has_final(c) => "은",
        _ => "는",
    }
}

fn syllables(text: &str) -> usize {
    text.chars().filter(|&c| hangul::is_syllable(c)).count()
}

/// The topic of one entry: what it is about and what the user wants to do.
struct Topic {
    name: Option<String>,
    modifier: Option<&'static str>,
    noun: &'static str,
    second: Option<&'static str>,
    action: &'static str,
}

fn topic(rng: &mut Rng) -> Topic {
    let name = rng.chance(50).then(|| {
        let n = 2 + rng.below(3);
        (0..n).map(|_| rng.pick(NAME_SYLLABLES)).collect::<String>()
    });
    Topic {
        name,
        modifier: rng.chance(40).then(|| rng.pick(MODIFIERS)),
        noun: rng.pick(NOUNS),
        second: rng.chance(30).then(|| rng.pick(NOUNS)),
        action: rng.pick(ACTIONS),
    }
}

/// One phrasing of a topic, 8 to 40 syllables.
fn phrasing(rng: &mut Rng, t: &Topic) -> String {
    loop {
        let mut words: Vec<String> = Vec::new();
        let context = rng.pick(CONTEXTS);
        if !context.is_empty() {
            words.push(context.to_string());
        }
        if let Some(name) = &t.name {
            words.push(name.clone());
        }
        if let Some(m) = t.modifier {
            words.push(m.to_string());
        }
        let head = match t.second {
            Some(second) => {
                words.push(format!("{}의", t.noun));
                second
            }
            None => t.noun,
        };
        let particle = if rng.chance(50) { object_particle(head) } else { topic_particle(head) };
        words.push(format!("{head}{particle}"));
        let intent = rng.pick(INTENTS);
        if !intent.is_empty() {
            words.push(intent.to_string());
        }
        let ending = rng.pick(ENDINGS);
        words.push(format!("{}{}", t.action, ending));
        let mut text = words.join(" ");
        if syllables(&text) < 8 {
            text = format!("{} 관련해서 {text}", t.noun);
        }
        let n = syllables(&text);
        if (8..=40).contains(&n) {
            return text + "?";
        }
    }
}

/// A deterministic FAQ of `size` entries with 2–4 phrasings each.
fn generate_faq(size: usize, seed: u64) -> Faq {
    let mut rng = Rng::new(seed);
    let entries = (0..size)
        .map(|i| {
            let t = topic(&mut rng);
            let count = 2 + rng.below(3);
            let question = phrasing(&mut rng, &t);
            let alternates = (1..count).map(|_| phrasing(&mut rng, &t)).collect();
            Entry {
                id: format!("e{i}"),
                question,
                alternates,
                answer: format!("{} {} 안내입니다. 자세한 내용은 고객센터로 문의해 주세요.", t.noun, t.action),
                category: None,
                tags: vec![],
            }
        })
        .collect();
    Faq::new(entries).expect("the generated FAQ is valid")
}

/// A one-jamo typo: the vowel of one syllable moves to a neighbouring vowel.
fn jamo_typo(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let positions: Vec<usize> = (0..chars.len()).filter(|&i| hangul::is_syllable(chars[i])).collect();
    if positions.is_empty() {
        return text.to_string();
    }
    let at = rng.pick(&positions);
    if let Some((cho, jung, jong)) = hangul::split(chars[at]) {
        let jung = if jung + 1 < 21 { jung + 1 } else { jung - 1 };
        if let Some(c) = hangul::join(cho, jung, jong) {
            chars[at] = c;
        }
    }
    chars.into_iter().collect()
}

/// A question a user would type for one of the FAQ's phrasings.
fn vary(rng: &mut Rng, text: &str) -> String {
    let mut q = text.trim_end_matches('?').to_string();
    // Swap the ending for another one.
    if rng.chance(50) {
        if let Some(ending) = ENDINGS.iter().filter(|e| q.ends_with(*e)).max_by_key(|e| e.len()) {
            q.truncate(q.len() - ending.len());
            q.push_str(rng.pick(ENDINGS));
        }
    }
    // Swap particles (을↔은, 를↔는) or drop them.
    if rng.chance(30) {
        q = q.replace("을 ", "은 ").replace("를 ", "는 ");
    }
    // A thesaurus synonym.
    if rng.chance(30) {
        let (from, to) = rng.pick(SYNONYMS);
        q = q.replacen(from, to, 1);
    }
    // A one-jamo typo.
    if rng.chance(30) {
        q = jamo_typo(rng, &q);
    }
    // No spaces at all, as on a phone.
    if rng.chance(30) {
        q.retain(|c| c != ' ');
    }
    q
}

/// Questions for the FAQ, with the id of the entry each was made from.
fn generate_queries(faq: &Faq, count: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| {
            let entry = &faq.entries[rng.below(faq.entries.len())];
            let phrasings: Vec<&str> = entry.phrasings().collect();
            let text = rng.pick(&phrasings);
            (vary(&mut rng, text), entry.id.clone())
        })
        .collect()
}

/// Writes a generated set as `faq-SIZE.json` and `queries-SIZE.tsv` (the
/// format of `faqbot eval`) when `FAQ_BENCH_EXPORT` names a directory, so
/// the same set can be measured with `faqbot eval` or profiled.
fn export(size: usize, faq: &Faq, queries: &[(String, String)]) {
    let Ok(dir) = std::env::var("FAQ_BENCH_EXPORT") else { return };
    let dir = std::path::Path::new(&dir);
    let json = serde_json::to_string(faq).expect("a FAQ serializes");
    let mut tsv = String::from("query\texpected\tstyle\n");
    for (q, id) in queries {
        tsv.push_str(&format!("{q}\t{id}\tgenerated\n"));
    }
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(dir.join(format!("faq-{size}.json")), json))
        .and_then(|()| std::fs::write(dir.join(format!("queries-{size}.tsv")), tsv))
        .expect("FAQ_BENCH_EXPORT is a writable directory");
}

/// The naive baseline: the best `normalized_levenshtein` over every phrasing.
fn linear_scan<'a>(phrasings: &[(&'a str, &'a str)], query: &str) -> Option<(&'a str, f64)> {
    let mut best: Option<(&str, f64)> = None;
    for &(id, text) in phrasings {
        let score = strsim::normalized_levenshtein(query, text);
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((id, score));
        }
    }
    best
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Times `f` over `queries` for `n` calls and returns sorted durations.
fn manual_latencies(queries: &[String], n: usize, mut f: impl FnMut(&str)) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..n)
        .map(|i| {
            let q = &queries[i % queries.len()];
            let start = Instant::now();
            f(q);
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn bench_size(c: &mut Criterion, size: usize) {
    let faq = generate_faq(size, size as u64);
    let labelled = generate_queries(&faq, QUERIES, size as u64 + 7);
    export(size, &faq, &labelled);
    let queries: Vec<String> = labelled.into_iter().map(|(q, _)| q).collect();

    // Build time: a few manual builds so the figure shows in one run.
    let builds = if size >= 100_000 { 3 } else { 5 };
    let mut build_times: Vec<Duration> = (0..builds)
        .map(|_| {
            let faq = faq.clone();
            let start = Instant::now();
            let m = Matcher::new(faq).expect("the generated FAQ builds");
            let elapsed = start.elapsed();
            drop(black_box(m));
            elapsed
        })
        .collect();
    build_times.sort();
    let matcher = Matcher::new(faq.clone()).expect("the generated FAQ builds");
    let bytes = matcher.index_bytes();
    let phrasings = matcher.phrasing_count();

    // Warm up, then the manual latency loop.
    for q in &queries {
        black_box(matcher.ask(q));
    }
    let ask_times = manual_latencies(&queries, MANUAL_ASKS, |q| {
        black_box(matcher.ask(q));
    });
    let ask_p50 = percentile(&ask_times, 0.50);
    let ask_p99 = percentile(&ask_times, 0.99);
    let answered = queries.iter().filter(|q| matcher.ask(q).answered_id().is_some()).count();

    println!(
        "[faq-core bench] size={size} entries, phrasings={phrasings}, build median={:.1} ms (min {:.1} ms), \
         index_bytes={bytes} ({:.0} B/phrasing), ask p50={:.1} us p99={:.1} us (n={MANUAL_ASKS}), \
         answered {answered}/{} queries",
        build_times[build_times.len() / 2].as_secs_f64() * 1e3,
        build_times[0].as_secs_f64() * 1e3,
        bytes as f64 / phrasings as f64,
        micros(ask_p50),
        micros(ask_p99),
        queries.len(),
    );

    let mut group = c.benchmark_group(format!("matcher/{size}"));
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));

    // At 100k the build is timed by the manual loop above only.
    if size < 100_000 {
        group.bench_function("build", |b| {
            b.iter_batched(|| faq.clone(), |faq| Matcher::new(faq).expect("builds"), BatchSize::LargeInput)
        });
    }

    let mut i = 0;
    group.bench_function("ask", |b| {
        b.iter(|| {
            i = (i + 1) % queries.len();
            matcher.ask(black_box(&queries[i]))
        })
    });

    if BASELINE_SIZES.contains(&size) {
        let flat: Vec<(&str, &str)> =
            faq.entries.iter().flat_map(|e| e.phrasings().map(move |p| (e.id.as_str(), p))).collect();
        let n = if size >= 10_000 { 40 } else { 200 };
        let scan_times = manual_latencies(&queries, n, |q| {
            black_box(linear_scan(&flat, q));
        });
        let scan_p50 = percentile(&scan_times, 0.50);
        let scan_p99 = percentile(&scan_times, 0.99);
        println!(
            "[faq-core bench] size={size} baseline linear strsim scan p50={:.1} us p99={:.1} us (n={n}); \
             ask is {:.0}x faster at p50",
            micros(scan_p50),
            micros(scan_p99),
            micros(scan_p50) / micros(ask_p50).max(1e-3),
        );
        let mut j = 0;
        group.bench_function("baseline_strsim_scan", |b| {
            b.iter(|| {
                j = (j + 1) % queries.len();
                linear_scan(&flat, black_box(&queries[j]))
            })
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    // FAQ_BENCH_SIZES=40,10000 runs only these sizes.
    let sizes: Vec<usize> = match std::env::var("FAQ_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
        Err(_) => SIZES.to_vec(),
    };
    for size in sizes {
        bench_size(c, size);
    }
}

criterion_group!(matcher_benches, benches);
criterion_main!(matcher_benches);
