//! The inverted index over every phrasing's features, and the vocabulary
//! the query rewriter corrects against.
//!
//! Each phrasing (question, alternate, tags) is one document; an entry's
//! answer is indexed separately and only counts as weaker evidence.
//! Retrieval is BM25 over three kinds of keys (stems, concepts, syllable
//! bigrams), with document frequencies counted per entry so that an
//! entry with many alternates does not make its own words look common.
//!
//! On a large FAQ most keys of a question are common (하나요, 신청), so
//! retrieval does not walk every postings list:
//!
//! 1. the rarest keys' lists are walked whole, scores accumulating in a
//!    per-thread array, until they have brought enough candidates;
//! 2. each remaining (common) key only adds to those candidates: its sorted
//!    list is searched for them in document order, galloping from where the
//!    last search stopped, or, when the list holds more than one document
//!    in 32, read off a bitmap of its documents in one step (the bitmap is
//!    then no bigger than the list);
//! 3. the most valuable common keys go first, and a candidate is dropped as
//!    soon as even every key left could not lift it to the best entries
//!    found so far (max-score pruning), so the entries returned carry their
//!    exact scores; common keys worth little (a bigram most entries share)
//!    are left out.
//!
//! On a small FAQ every list is short and step 1 walks them all.

use rustc_hash::FxHashMap as HashMap;
use std::ops::ControlFlow;
use std::ops::Range;
use std::sync::OnceLock;

use crate::faq::Faq;
use crate::features::{Features, Unit, NO_ID};
use crate::text::{hangul, Analyzer, Script};
use crate::thesaurus::Thesaurus;

const KIND_WORD: u64 = 1 << 56;
const KIND_CONCEPT: u64 = 2 << 56;
const KIND_BIGRAM: u64 = 3 << 56;

/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// Once this many documents are candidates, common keys stop adding new ones.
const MAX_CANDIDATE_DOCS: usize = 200;

/// At most how many times its concept's weight a question's word rarer
/// than its concept weighs ([`Index::question_unit_weight`]).
const OWN_RARITY: f32 = 3.0;

/// Common keys weighing less than this (weight × idf) are not looked up.
const MIN_COMMON_WEIGHT: f32 = 1.0;
/// Postings lists this short are always walked whole.
const SMALL_POSTINGS: usize = 256;
/// A postings list of more than this many of every 32 documents (and
/// longer than [`SMALL_POSTINGS`]) also has a bitmap of its documents,
/// which is then no bigger than the list.
const DENSE_SHARE: usize = 1;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// The entry's question.
    Question,
    /// One of its alternates (its position in `alternates`).
    Alternate(u32),
    /// Its tags, as one phrasing.
    Tags,
}

/// One indexed phrasing.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Index of the entry in the FAQ.
    pub entry: u32,
    /// Which phrasing of the entry.
    pub kind: DocKind,
    /// Its features, unit weights set.
    pub features: Features,
    /// Hash of its normalized text without spaces (see [`squeezed_hash`]).
    pub squeezed: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    id: u32,
    /// Entries whose phrasings have the word.
    df: u32,
    /// Entries whose answers have the word.
    answer_df: u32,
    /// A word typos may be corrected to (used in phrasings, or a thesaurus term).
    suggest: bool,
}

/// The index of a FAQ.
#[derive(Debug, Clone)]
pub struct Index {
    docs: Vec<Doc>,
    /// BM25's term-frequency part of each document (see [`tf_norm`]).
    tf_norm: Vec<f32>,
    /// The largest of `tf_norm`.
    max_tf: f32,
    /// The entry of each document, apart from the documents so that a
    /// scan over many documents touches little memory.
    doc_entry: Vec<u32>,
    entry_docs: Vec<Range<u32>>,
    answers: Vec<Features>,
    /// The words and concepts that at most [`RARE_IN_ANSWERS`] answers say,
    /// with their entries (`u32::MAX` for none): a detail only an answer
    /// mentions brings its entry to be scored (see
    /// [`Index::answer_candidates`]).
    rare_in_answers: HashMap<u64, [u32; RARE_IN_ANSWERS]>,
    /// Where each key's documents are in `postings_docs`, and its idf: one
    /// lookup a key.
    postings: HashMap<u64, KeyPostings>,
    /// Every postings list, one after the other: one allocation, and no
    /// list header or allocator's bookkeeping per key.
    postings_docs: Vec<u32>,
    /// The documents of each dense postings list (see [`DENSE_SHARE`]) as
    /// bits: a candidate is looked up in one step instead of a search.
    dense: HashMap<u64, Vec<u64>>,
    words: Vocabulary,
    concept_df: Vec<u32>,
    /// (squeezed hash, entry) of every phrasing, sorted.
    squeezed: Vec<(u64, u32)>,
    /// The near spellings of the own words, found once at build: the words
    /// a question's words most often are (see [`Index::own_near`]).
    own_near: NearLists,
    entries: u32,
    /// Tells this index (and its clones) apart from every other built in
    /// the process, in what threads remember of it.
    uid: u64,
}

/// The next [`Index::uid`].
static NEXT_INDEX_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A question's built-in words recur (요금, 어떻게, 해지): each thread
/// remembers their near spellings in the index it last resolved against,
/// up to this many words, then starts over. The own words' are found at
/// build.
const REMEMBERED_NEAR: usize = 4_096;

/// Near spellings (id, jamo similarity) of known words, by id.
type NearSpellings = rustc_hash::FxHashMap<u32, Vec<(u32, f32)>>;

/// Near spellings of many words in three flat lists: only the words that
/// have any take room.
#[derive(Debug, Clone, Default)]
struct NearLists {
    /// The words' ids, sorted.
    words: Vec<u32>,
    /// Where each word's spellings start in `spellings`, and then the end.
    starts: Vec<u32>,
    /// (id, jamo similarity), word after word.
    spellings: Vec<(u32, f32)>,
}

thread_local! {
    /// The uid of the index, and its known words' near spellings.
    static NEAR: std::cell::RefCell<(u64, NearSpellings)> =
        std::cell::RefCell::new((u64::MAX, NearSpellings::default()));
}

/// The words of the built-in thesaurus with their spelling keys and 초성:
/// the same for every index whose thesaurus includes the built-in one, so
/// built once per process and shared (see [`builtin_bytes`]).
#[derive(Debug)]
struct BuiltinWords {
    /// Word -> its position in `list`.
    ids: HashMap<String, u32>,
    /// The words, sorted.
    list: Vec<String>,
    /// Spelling keys (see [`push_spelling_keys`]) -> position in `list`, sorted.
    deletions: Vec<(u64, u32)>,
    /// Which spelling keys `deletions` may hold.
    filter: KeyFilter,
    /// 초성 of a word -> positions in `list`.
    choseong: HashMap<String, Vec<u32>>,
}

impl BuiltinWords {
    fn new(thesaurus: &Thesaurus) -> BuiltinWords {
        let mut list: Vec<String> = thesaurus.words().map(str::to_string).collect();
        list.sort_unstable();
        let mut deletions = Vec::new();
        let mut choseong: HashMap<String, Vec<u32>> = HashMap::default();
        for (i, w) in list.iter().enumerate() {
            // Every thesaurus word is one typos may be corrected to.
            if push_spelling_keys(w, i as u32, &mut deletions) {
                choseong.entry(hangul::choseong(w)).or_default().push(i as u32);
            }
        }
        deletions.sort_unstable();
        deletions.dedup();
        deletions.shrink_to_fit();
        let filter = KeyFilter::new(&deletions);
        let ids = list.iter().enumerate().map(|(i, w)| (w.clone(), i as u32)).collect();
        BuiltinWords { ids, list, deletions, filter, choseong }
    }

    fn heap_bytes(&self) -> usize {
        self.list.iter().map(|w| 2 * (w.capacity() + 24) + 4).sum::<usize>()
            + self.deletions.capacity() * 16
            + self.filter.heap_bytes()
            + self.choseong.iter().map(|(k, v)| k.capacity() + 24 + v.capacity() * 4 + 24).sum::<usize>()
    }
}

/// The built-in words, built on first use.
fn builtin_words() -> &'static BuiltinWords {
    static WORDS: OnceLock<BuiltinWords> = OnceLock::new();
    WORDS.get_or_init(|| BuiltinWords::new(&Thesaurus::builtin()))
}

/// Approximate heap memory of the built-in thesaurus' vocabulary (its words,
/// their spelling keys for typo correction and their 초성), in bytes. Every
/// index whose thesaurus includes the built-in one shares these tables,
/// built once per process, so [`Index::heap_bytes`] does not count them.
pub fn builtin_bytes() -> usize {
    builtin_words().heap_bytes()
}

/// A bitmap of hashed spelling keys: a key it does not hold is in no table
/// of spelling keys built with it, so most keys of a misspelled word (that
/// no known word has) are dropped without a search. About 6 % of absent
/// keys pass (two bytes per key).
#[derive(Debug, Clone, Default)]
struct KeyFilter {
    bits: Vec<u64>,
    /// 64 minus the number of bits that pick a position.
    shift: u32,
}

impl KeyFilter {
    /// A filter holding the keys of `table`.
    fn new(table: &[(u64, u32)]) -> KeyFilter {
        let positions = (table.len() * 16).next_power_of_two().max(64);
        let mut filter = KeyFilter { bits: vec![0; positions / 64], shift: 64 - positions.trailing_zeros() };
        for &(key, _) in table {
            let at = filter.position(key);
            filter.bits[at / 64] |= 1 << (at % 64);
        }
        filter
    }

    fn position(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// False when the table the filter was built on surely lacks `key`.
    fn may_hold(&self, key: u64) -> bool {
        if self.bits.is_empty() {
            return true;
        }
        let at = self.position(key);
        self.bits[at / 64] & (1 << (at % 64)) != 0
    }

    fn heap_bytes(&self) -> usize {
        self.bits.capacity() * 8
    }
}

/// Adds the spelling keys of a word of two Hangul syllables or more (hashes
/// of its jamo spelling and of the spellings with one jamo deleted) under
/// `id`, and returns true; other words have none and give false.
fn push_spelling_keys(word: &str, id: u32, out: &mut Vec<(u64, u32)>) -> bool {
    let syllables = word.chars().filter(|c| hangul::is_syllable(*c)).count();
    if syllables < 2 || syllables != word.chars().count() {
        return false;
    }
    let jamo: Vec<char> = hangul::decompose(word).chars().collect();
    out.push((hash_of(&jamo), id));
    let mut del = Vec::with_capacity(jamo.len());
    for i in 0..jamo.len() {
        del.clear();
        del.extend_from_slice(&jamo[..i]);
        del.extend_from_slice(&jamo[i + 1..]);
        out.push((hash_of(&del), id));
    }
    true
}

/// The words an index knows: its own (of phrasings and answers, and the
/// thesaurus words not built in) and, when its thesaurus includes the
/// built-in one, the shared built-in words. Own words have ids from zero
/// in the order they were met; a built-in word that is not also an own
/// word has the id after the own ones given by its place among the
/// built-in words.
#[derive(Debug, Clone, Default)]
struct Vocabulary {
    /// Own word -> id.
    own: HashMap<String, u32>,
    /// The own words, by id.
    list: Vec<String>,
    /// What the index knows of each own word, by id.
    infos: Vec<WordInfo>,
    /// Spelling keys (see [`push_spelling_keys`]) -> id, of the own words, sorted.
    deletions: Vec<(u64, u32)>,
    /// Which spelling keys `deletions` may hold.
    filter: KeyFilter,
    /// 초성 of an own word typos may be corrected to -> ids.
    choseong: HashMap<String, Vec<u32>>,
    builtin: Option<&'static BuiltinWords>,
}

impl Vocabulary {
    /// What the index knows of a word.
    fn get(&self, word: &str) -> Option<WordInfo> {
        if let Some(&id) = self.own.get(word) {
            return Some(self.infos[id as usize]);
        }
        let &at = self.builtin?.ids.get(word)?;
        Some(self.builtin_info(at))
    }

    /// What the index knows of the built-in word at `at` that is not an
    /// own word: an id after the own ones, and no counts.
    fn builtin_info(&self, at: u32) -> WordInfo {
        WordInfo { id: self.list.len() as u32 + at, df: 0, answer_df: 0, suggest: true }
    }

    /// The id of the built-in word at `at`, unless it is an own word
    /// (which has its own id, spelling keys and 초성).
    fn builtin_id(&self, b: &BuiltinWords, at: u32) -> Option<u32> {
        (!self.own.contains_key(&b.list[at as usize])).then(|| self.builtin_info(at).id)
    }

    /// An own word's id and counts, added when new.
    fn own(&mut self, word: &str) -> &mut WordInfo {
        let id = match self.own.get(word) {
            Some(&id) => id,
            None => {
                let id = self.list.len() as u32;
                self.list.push(word.to_string());
                self.own.insert(word.to_string(), id);
                self.infos.push(WordInfo { id, df: 0, answer_df: 0, suggest: false });
                id
            }
        };
        &mut self.infos[id as usize]
    }

    /// What the index knows of the word of an id ([`Vocabulary::get`] of
    /// that word).
    fn info(&self, id: u32) -> Option<WordInfo> {
        match (id as usize).checked_sub(self.list.len()) {
            None => Some(self.infos[id as usize]),
            Some(at) if self.builtin.is_some_and(|b| at < b.list.len()) => Some(self.builtin_info(at as u32)),
            Some(_) => None,
        }
    }

    /// The word of an id.
    fn word(&self, id: u32) -> &str {
        match (id as usize).checked_sub(self.list.len()) {
            None => &self.list[id as usize],
            Some(at) => &self.builtin.expect("ids past the own words are built-in words").list[at],
        }
    }

    /// Adds to `out` the ids of the words with the spelling key `key`.
    fn spelled(&self, key: u64, out: &mut Vec<u32>) {
        if self.filter.may_hold(key) {
            let start = first_hash_at_least(&self.deletions, key);
            out.extend(self.deletions[start..].iter().take_while(|&&(k, _)| k == key).map(|&(_, id)| id));
        }
        if let Some(b) = self.builtin.filter(|b| b.filter.may_hold(key)) {
            let start = first_hash_at_least(&b.deletions, key);
            out.extend(
                b.deletions[start..]
                    .iter()
                    .take_while(|&&(k, _)| k == key)
                    .filter_map(|&(_, at)| self.builtin_id(b, at)),
            );
        }
    }

    /// The ids of the words typos may be corrected to whose 초성 are `code`.
    fn with_choseong(&self, code: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = self.choseong.get(code).cloned().unwrap_or_default();
        if let Some(b) = self.builtin {
            ids.extend(b.choseong.get(code).into_iter().flatten().filter_map(|&at| self.builtin_id(b, at)));
        }
        ids
    }

    /// The words' spelling keys and 초성, once every own word is known.
    fn finish(&mut self, thesaurus: &Thesaurus) {
        for (w, info) in self.list.iter().zip(&mut self.infos) {
            info.suggest = info.df > 0 || thesaurus.contains_word(w);
        }
        let mut vocabulary: Vec<(&String, &WordInfo)> = self.list.iter().zip(&self.infos).collect();
        vocabulary.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (w, info) in vocabulary {
            if push_spelling_keys(w, info.id, &mut self.deletions) && info.suggest {
                self.choseong.entry(hangul::choseong(w)).or_default().push(info.id);
            }
        }
        self.deletions.sort_unstable();
        self.deletions.dedup();
        self.deletions.shrink_to_fit();
        self.filter = KeyFilter::new(&self.deletions);
    }

    /// Approximate heap memory of what this vocabulary owns, in bytes.
    fn heap_bytes(&self) -> usize {
        let words: usize = self.own.keys().map(|k| 2 * (k.capacity() + 24) + 8).sum::<usize>()
            + self.infos.capacity() * std::mem::size_of::<WordInfo>();
        let choseong: usize = self.choseong.iter().map(|(k, v)| k.capacity() + 24 + v.capacity() * 4 + 24).sum();
        words + choseong + self.deletions.capacity() * 16 + self.filter.heap_bytes()
    }
}

/// Entries from which the analysis runs on several threads.
const PARALLEL_FROM: usize = 2_000;

/// The analysed phrasings and answers of a run of entries.
struct Analysed {
    docs: Vec<Doc>,
    entry_docs: Vec<Range<u32>>,
    answers: Vec<Features>,
    /// Their words, numbered.
    words: RunWords,
    /// The phrasings' keys, a word's by its number in `words`.
    keys: Keys,
    /// Per answer, the answer of the run with the same text met first:
    /// only that one is analysed, the others are copies of it once it is
    /// complete.
    answer_of: Vec<u32>,
    /// Per answer, how many answers of the run have its text (zero for
    /// the copies).
    shares: Vec<u32>,
}

/// Analyses entries whose first one is entry number `first`, numbers
/// their words (see [`RunWords`]) and counts their document frequencies
/// and those of the thesaurus' concepts.
fn analyse(entries: &[crate::faq::Entry], first: usize, thesaurus: &Thesaurus, analyzer: &Analyzer) -> Analysed {
    let mut out = Analysed {
        docs: Vec::new(),
        entry_docs: Vec::with_capacity(entries.len()),
        answers: Vec::new(),
        words: RunWords { concept_df: vec![0; thesaurus.len()], ..RunWords::default() },
        keys: Keys { keys: Vec::new(), ends: Vec::new() },
        answer_of: Vec::with_capacity(entries.len()),
        shares: Vec::with_capacity(entries.len()),
    };
    // Many entries often share one answer: each answer text is analysed
    // once, at its first entry.
    let mut answered: HashMap<&str, usize> = HashMap::default();
    let mut numbers: HashMap<String, u32> = HashMap::default();
    let mut last_entry_of_word: Vec<u32> = Vec::new();
    let mut last_entry_of_concept: Vec<u32> = vec![u32::MAX; thesaurus.len()];
    let mut keys: Vec<u64> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let entry = (first + i) as u32;
        let start = out.docs.len() as u32;
        let mut push = |text: &str, kind: DocKind| {
            let (normalized, stems) = analyzer.normalized_content_stems(text);
            let squeezed = squeezed_hash(&normalized);
            if stems.is_empty() {
                return;
            }
            let mut features = Features::extract_indexed(stems, thesaurus);
            // The words are numbered, and the keys listed, while the
            // phrasing is at hand: its ids are its words' numbers until
            // the numbers are given their ids.
            let run = &mut out.words;
            let mut ids = Vec::with_capacity(features.stems.len() + features.units.len());
            keys.clear();
            for s in &features.stems {
                let n = number_of(&mut numbers, &mut run.words, s) as usize;
                if n >= last_entry_of_word.len() {
                    last_entry_of_word.resize(n + 1, u32::MAX);
                    run.df.resize(n + 1, 0);
                }
                if last_entry_of_word[n] != entry {
                    last_entry_of_word[n] = entry;
                    run.df[n] += 1;
                }
                ids.push(n as u32);
                keys.push(KIND_WORD | n as u64);
            }
            // Multi-word units are keys too (몇시까지); a unit that is a
            // stem has its number.
            for u in &mut features.units {
                u.id = match features.stems.binary_search(&u.text) {
                    Ok(i) => ids[i],
                    Err(_) => number_of(&mut numbers, &mut run.words, &u.text),
                };
                ids.push(u.id);
                keys.push(KIND_WORD | u.id as u64);
            }
            for &c in &features.concepts {
                let slot = &mut last_entry_of_concept[c.0 as usize];
                if *slot != entry {
                    *slot = entry;
                    run.concept_df[c.0 as usize] += 1;
                }
                keys.push(KIND_CONCEPT | c.0 as u64);
            }
            keys.extend(features.bigrams.iter().map(|&b| KIND_BIGRAM | b));
            keys.sort_unstable();
            keys.dedup();
            out.keys.keys.extend_from_slice(&keys);
            out.keys.ends.push(out.keys.keys.len());
            // Numbers and ids are one to one: repeats are the same.
            ids.sort_unstable();
            ids.dedup();
            ids.shrink_to_fit();
            features.ids = ids;
            // Ids stand for the stems, and the index stays small.
            features.stems = Vec::new();
            features.bigrams.shrink_to_fit();
            features.stem_starts.shrink_to_fit();
            features.units.shrink_to_fit();
            out.docs.push(Doc { entry, kind, features, squeezed });
        };
        push(&e.question, DocKind::Question);
        for (k, alt) in e.alternates.iter().enumerate() {
            push(alt, DocKind::Alternate(k as u32));
        }
        if !e.tags.is_empty() {
            push(&e.tags.join(" "), DocKind::Tags);
        }
        out.entry_docs.push(start..out.docs.len() as u32);
        match answered.get(e.answer.as_str()) {
            Some(&k) => {
                out.answer_of.push(k as u32);
                out.shares[k] += 1;
                out.shares.push(0);
                out.answers.push(Features::default());
            }
            None => {
                answered.insert(&e.answer, out.answers.len());
                out.answer_of.push(out.answers.len() as u32);
                out.shares.push(1);
                let (_, stems) = analyzer.normalized_content_stems(&e.answer);
                out.answers.push(Features::extract_indexed(stems, thesaurus));
            }
        }
    }
    let run = &mut out.words;
    run.phases[0] = run.words.len();
    // A copy's words are its first answer's: they count once per copy.
    for (a, &shares) in out.answers.iter().zip(&out.shares) {
        for s in &a.stems {
            let n = number_of(&mut numbers, &mut run.words, s) as usize;
            if n >= run.answer_df.len() {
                run.answer_df.resize(n + 1, 0);
            }
            run.answer_df[n] += shares;
            run.numbers.push(n as u32);
        }
    }
    run.phases[1] = run.words.len();
    for u in out.answers.iter().flat_map(|a| &a.units) {
        let n = number_of(&mut numbers, &mut run.words, &u.text);
        run.numbers.push(n);
    }
    run.df.resize(run.words.len(), 0);
    run.answer_df.resize(run.words.len(), 0);
    out
}

/// The words of a run of entries, numbered from zero in the order a count
/// over the run meets them: the phrasings' stems and units first, then the
/// answers' stems, then the answers' units.
#[derive(Debug, Default)]
struct RunWords {
    /// The words, by number.
    words: Vec<String>,
    /// Where the words first met in answers' stems start, and where those
    /// first met in answers' units start.
    phases: [usize; 2],
    /// Per word, the entries whose phrasings have it as a stem.
    df: Vec<u32>,
    /// Per word, the answers that have it as a stem.
    answer_df: Vec<u32>,
    /// The numbers of every answer's stems, then of every answer's units
    /// (a phrasing's numbers are in its features).
    numbers: Vec<u32>,
    /// Per concept, the entries whose phrasings have it.
    concept_df: Vec<u32>,
}

/// The number of a word in a run, new words numbered after the others.
fn number_of(numbers: &mut HashMap<String, u32>, words: &mut Vec<String>, word: &str) -> u32 {
    if let Some(&n) = numbers.get(word) {
        return n;
    }
    let n = words.len() as u32;
    numbers.insert(word.to_string(), n);
    words.push(word.to_string());
    n
}

/// Gives the words of consecutive runs of entries the ids one count over
/// all the entries in order would: the phrasings' words of every run
/// first, then the answers' stems, then the answers' units, each word's id
/// being the next free one where it is first met. Adds the runs' counts to
/// the words'; returns, per run, the id of each of its numbers.
fn merge_words(words: &mut Vocabulary, runs: &[&RunWords]) -> Vec<Vec<u32>> {
    let mut ids: Vec<Vec<u32>> = runs.iter().map(|r| vec![NO_ID; r.words.len()]).collect();
    for phase in 0..3 {
        for (run, ids) in runs.iter().zip(&mut ids) {
            let start = if phase == 0 { 0 } else { run.phases[phase - 1] };
            let end = if phase == 2 { run.words.len() } else { run.phases[phase] };
            let met = run.words[start..end].iter().zip(&run.df[start..end]).zip(&run.answer_df[start..end]);
            for (((word, &df), &answer_df), id) in met.zip(&mut ids[start..end]) {
                let info = words.own(word);
                info.df += df;
                info.answer_df += answer_df;
                *id = info.id;
            }
        }
    }
    ids
}

/// How many answers at most may say a word or concept for it to bring
/// their entries as candidates ([`Index::answer_candidates`]).
pub const RARE_IN_ANSWERS: usize = 2;

/// The words and concepts of the answers that at most [`RARE_IN_ANSWERS`]
/// of them say, with their entries.
fn rare_in_answers(answers: &[Features]) -> HashMap<u64, [u32; RARE_IN_ANSWERS]> {
    // Entries past the last slot mark a key as common.
    let mut keys: HashMap<u64, ([u32; RARE_IN_ANSWERS], bool)> = HashMap::default();
    for (entry, a) in answers.iter().enumerate() {
        let words = a.ids.iter().map(|&id| KIND_WORD | u64::from(id));
        let concepts = a.concepts.iter().map(|c| KIND_CONCEPT | u64::from(c.0));
        for k in words.chain(concepts) {
            let (slots, common) = keys.entry(k).or_insert(([u32::MAX; RARE_IN_ANSWERS], false));
            match slots.iter_mut().find(|e| **e == u32::MAX || **e == entry as u32) {
                Some(slot) => *slot = entry as u32,
                None => *common = true,
            }
        }
    }
    keys.into_iter().filter(|(_, (_, common))| !common).map(|(k, (slots, _))| (k, slots)).collect()
}

/// Completes an answer's features once its ids are set: ids sorted, and
/// its stems and units dropped (an answer is only ever searched for a
/// question's units: its ids, concepts, text and bigrams are enough).
fn finish_answer(a: &mut Features) {
    a.ids.sort_unstable();
    a.ids.dedup();
    a.ids.shrink_to_fit();
    a.stems = Vec::new();
    a.units = Vec::new();
    a.bigrams.shrink_to_fit();
    a.stem_starts.shrink_to_fit();
}

/// Asks the processor to start loading the cache line at `p`: a hint that
/// changes nothing but when memory is read.
#[inline]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing into the program and never faults,
    // whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// [`prefetch`] of every cache line of the `bytes` bytes from `p` on.
fn prefetch_bytes<T>(p: *const T, bytes: usize) {
    let p = p.cast::<u8>();
    for at in (0..bytes).step_by(64) {
        prefetch(p.wrapping_add(at));
    }
}

/// How many threads to build an index of `docs` phrasings with: every core
/// from [`PARALLEL_FROM`] on, one below.
fn threads_for(docs: usize) -> usize {
    if docs >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        1
    }
}

/// Where a key's postings list is in [`Index::postings_docs`] (the
/// documents with the key, sorted), and the key's [`Index::idf`] by the
/// number of entries they belong to, reckoned once at build. A FAQ file of
/// at most [`crate::faq::MAX_FILE_BYTES`] has far fewer than `u32::MAX`
/// postings.
#[derive(Debug, Clone, Copy, PartialEq)]
struct KeyPostings {
    start: u32,
    len: u32,
    idf: f32,
}

/// The postings lists of some keys, the document frequency of each, and
/// the bitmaps of the dense lists (see [`is_dense`]).
struct Postings {
    lists: HashMap<u64, Vec<u32>>,
    df: Vec<(u64, u32)>,
    dense: Vec<(u64, Vec<u64>)>,
}

/// True when a postings list of `len` documents among `docs` also gets a
/// bitmap ([`DENSE_SHARE`]).
fn is_dense(len: usize, docs: usize) -> bool {
    len > SMALL_POSTINGS && len * 32 > docs * DENSE_SHARE
}

/// The shard of `shards` a key's postings are built in.
fn shard_of(key: u64, shards: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize % shards
}

/// The keys of a run of documents, one document's after the other.
struct Keys {
    keys: Vec<u64>,
    /// Where each document's keys end.
    ends: Vec<usize>,
}

/// The postings of the keys of shard `shard` (see [`shard_of`]), from every
/// document's keys (`runs`, the documents of each run numbered after those
/// of the runs before, a word's key by its number in the run, whose id is
/// at that number in the run's ids), with their document frequencies: the
/// number of entries (`entry_of` each document) with the key. An entry's
/// documents are neighbours in each list.
fn postings_shard(runs: &[(&Keys, &[u32])], entry_of: &[u32], shard: usize, shards: usize) -> Postings {
    let mut lists: HashMap<u64, Vec<u32>> = HashMap::default();
    let mut d = 0u32;
    for &(run, ids) in runs {
        let mut start = 0;
        for &end in &run.ends {
            for &k in &run.keys[start..end] {
                let k = if k >> 56 == KIND_WORD >> 56 { KIND_WORD | u64::from(ids[k as u32 as usize]) } else { k };
                if shards == 1 || shard_of(k, shards) == shard {
                    lists.entry(k).or_default().push(d);
                }
            }
            start = end;
            d += 1;
        }
    }
    let mut df = Vec::with_capacity(lists.len());
    let mut dense = Vec::new();
    for (&k, list) in &mut lists {
        // The list is complete: it gives back the room it grew by.
        list.shrink_to_fit();
        if is_dense(list.len(), entry_of.len()) {
            let mut bits = vec![0u64; entry_of.len().div_ceil(64)];
            for &d in list.iter() {
                bits[d as usize / 64] |= 1 << (d % 64);
            }
            dense.push((k, bits));
        }
        let mut entries = 0;
        let mut last = u32::MAX;
        for &d in list.iter() {
            let entry = entry_of[d as usize];
            if entry != last {
                entries += 1;
                last = entry;
            }
        }
        df.push((k, entries));
    }
    Postings { lists, df, dense }
}

thread_local! {
    /// Retrieval's score per document, zero between uses: one per thread, so
    /// an [`Index`] is shared between threads without a lock.
    static SCRATCH: std::cell::RefCell<Scratch> =
        const { std::cell::RefCell::new(Scratch { scores: Vec::new(), seen: Vec::new(), met: Vec::new() }) };
}

/// Retrieval's working memory: a score per document and a bit per
/// document that has one, both cleared after each use, and the documents
/// with a score in the order they were met.
struct Scratch {
    scores: Vec<f32>,
    seen: Vec<u64>,
    met: Vec<u32>,
}

/// The first position at or after `from` of a sorted list whose value is
/// at least `d`, found by galloping: cheap when `d` is near.
fn seek(list: &[u32], from: usize, d: u32) -> usize {
    let mut lo = from;
    let mut step = 1;
    while lo + step < list.len() && list[lo + step] < d {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step + 1).min(list.len());
    if lo >= hi {
        return list.len();
    }
    lo + list[lo..hi].partition_point(|&x| x < d)
}

/// Merges keys whose postings lists are the same (the bigrams of a word
/// found nowhere else, and the word itself, list the same documents) into
/// one key of their summed weight, so each list is walked once. `lists`
/// must be sorted by length; the order is kept.
fn merge_same_lists(lists: &mut Vec<(f32, &[u32])>) {
    let mut merged: Vec<(f32, &[u32])> = Vec::with_capacity(lists.len());
    let mut run = 0;
    for &(weight, list) in lists.iter() {
        if merged.last().is_some_and(|m| m.1.len() != list.len()) {
            run = merged.len();
        }
        match merged[run..].iter_mut().find(|m| m.1 == list) {
            Some(m) => m.0 += weight,
            None => merged.push((weight, list)),
        }
    }
    *lists = merged;
}

/// The first position of a list sorted by hash whose hash is at least `h`.
/// FNV hashes spread evenly over the u64 range, so the search starts where
/// `h` falls in proportion and widens from there until it holds the answer.
fn first_hash_at_least(list: &[(u64, u32)], h: u64) -> usize {
    let n = list.len();
    let guess = ((u128::from(h) * n as u128) >> 64) as usize;
    // Everything before `lo` is below `h`...
    let mut lo = guess;
    let mut step = 1;
    while lo > 0 && list[lo - 1].0 >= h {
        lo = lo.saturating_sub(step);
        step *= 2;
    }
    // ... and everything from `hi` on is not.
    let mut hi = guess;
    step = 1;
    while hi < n && list[hi].0 < h {
        hi = (hi + step).min(n);
        step *= 2;
    }
    lo + list[lo..hi].partition_point(|e| e.0 < h)
}

/// A document's rank as one number: its score first (a score is never
/// negative, so its bits order as it does), then the earlier document.
/// Documents are numbered entry by entry, so between entries the earlier
/// document is of the earlier entry.
fn doc_rank(d: u32, score: f32) -> u64 {
    debug_assert!(score >= 0.0, "{score}");
    u64::from(score.to_bits()) << 32 | u64::from(u32::MAX - d)
}

/// The `limit` best entries of documents' ranks ([`doc_rank`]), best first,
/// an entry's score its best document's: the first `limit` different
/// entries (`doc_entry` of each document) in the ranks sorted, where an
/// entry first comes with its best document. Only the best ranks are
/// sorted, as many as it takes.
fn best_distinct_entries(mut ranks: Vec<u64>, doc_entry: &[u32], limit: usize) -> Vec<(u32, f32)> {
    let mut best: Vec<(u32, f32)> = Vec::with_capacity(limit);
    if limit == 0 {
        return best;
    }
    let mut sorted = limit;
    loop {
        let all = ranks.len() <= sorted;
        let top = if all {
            &mut ranks[..]
        } else {
            ranks.select_nth_unstable_by(sorted - 1, |a, b| b.cmp(a));
            &mut ranks[..sorted]
        };
        top.sort_unstable_by(|a, b| b.cmp(a));
        best.clear();
        for &r in top.iter() {
            let entry = doc_entry[(u32::MAX - r as u32) as usize];
            if best.iter().all(|b| b.0 != entry) {
                best.push((entry, f32::from_bits((r >> 32) as u32)));
                if best.len() == limit {
                    return best;
                }
            }
        }
        if all {
            return best;
        }
        sorted *= 2;
    }
}

/// Adds an entry's final score to the `limit` best so far and returns the
/// lowest of them once there are `limit`, else zero.
fn push_best(best: &mut std::collections::BinaryHeap<std::cmp::Reverse<u32>>, score: f32, limit: usize) -> f32 {
    best.push(std::cmp::Reverse(score.max(0.0).to_bits()));
    if best.len() > limit {
        best.pop();
    }
    match best.peek() {
        Some(low) if best.len() >= limit => f32::from_bits(low.0),
        _ => 0.0,
    }
}

/// BM25's term-frequency part for a key present once in a document of
/// `len` keys.
fn tf_norm(len: f32, avg_len: f32) -> f32 {
    let norm = K1 * (1.0 - B + B * len / avg_len);
    (K1 + 1.0) / (1.0 + norm)
}

/// A hash of a normalized text with its spaces removed: two texts that
/// differ only in spacing, punctuation, case or chat noise hash the same.
pub fn squeezed_hash(normalized: &str) -> u64 {
    hash_chars(normalized.chars().filter(|c| !c.is_whitespace()))
}

/// FNV-1a over the chars: deletion keys are short and need no DoS
/// resistance.
fn hash_of(chars: &[char]) -> u64 {
    hash_on(FNV_OFFSET, chars)
}

/// FNV-1a's starting state.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues an FNV-1a hash from state `h` over more chars: the hash of a
/// text is the hash of its end continued from the state its start left.
fn hash_on(h: u64, chars: &[char]) -> u64 {
    hash_chars_from(h, chars.iter().copied())
}

/// [`hash_of`] over chars as they come.
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    hash_chars_from(FNV_OFFSET, chars)
}

/// [`hash_on`] over chars as they come.
fn hash_chars_from(mut h: u64, chars: impl Iterator<Item = char>) -> u64 {
    for c in chars {
        for b in (c as u32).to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Index {
    /// Indexes every phrasing and answer of a FAQ.
    pub fn build(faq: &Faq, thesaurus: &Thesaurus, analyzer: &Analyzer) -> Index {
        // Analysing the texts is most of the work: large FAQs are analysed
        // on every core, in chunks of entries, then put back in order.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = if faq.entries.len() >= PARALLEL_FROM && threads > 1 {
            faq.entries.len().div_ceil(threads)
        } else {
            faq.entries.len().max(1)
        };
        Index::build_in_chunks(faq, thesaurus, analyzer, chunk)
    }

    /// [`Index::build`] with the entries analysed in runs of `chunk`, each
    /// run on its own thread: the index is the same whatever the runs.
    fn build_in_chunks(faq: &Faq, thesaurus: &Thesaurus, analyzer: &Analyzer, chunk: usize) -> Index {
        // Each run numbers its own words; the runs' words then get the
        // index's ids in order, as one count over every entry would give them.
        let mut parts: Vec<Analysed> = std::thread::scope(|scope| {
            let handles: Vec<_> = faq
                .entries
                .chunks(chunk)
                .enumerate()
                .map(|(n, entries)| scope.spawn(move || analyse(entries, n * chunk, thesaurus, analyzer)))
                .collect();
            handles.into_iter().map(|h| h.join().expect("analysis does not panic")).collect()
        });

        let mut index = Index {
            docs: Vec::new(),
            tf_norm: Vec::new(),
            max_tf: 0.0,
            doc_entry: Vec::new(),
            entry_docs: Vec::new(),
            answers: Vec::new(),
            rare_in_answers: HashMap::default(),
            postings: HashMap::default(),
            postings_docs: Vec::new(),
            dense: HashMap::default(),
            words: Vocabulary { builtin: thesaurus.includes_builtin().then(builtin_words), ..Vocabulary::default() },
            concept_df: vec![0; thesaurus.len()],
            squeezed: Vec::new(),
            own_near: NearLists::default(),
            entries: faq.entries.len() as u32,
            uid: NEXT_INDEX_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        let runs: Vec<&RunWords> = parts.iter().map(|p| &p.words).collect();
        let ids = merge_words(&mut index.words, &runs);
        for run in runs {
            for (df, n) in index.concept_df.iter_mut().zip(&run.concept_df) {
                *df += n;
            }
        }

        // Every unit of every phrasing and answer gets its id, and the
        // phrasings' units their weights, run by run.
        let this = &index;
        std::thread::scope(|scope| {
            for (part, ids) in parts.iter_mut().zip(&ids) {
                scope.spawn(move || this.finish_part(part, ids));
            }
        });

        let doc_count: usize = parts.iter().map(|p| p.docs.len()).sum();
        let mut docs: Vec<Doc> = Vec::new();
        let mut entry_docs = Vec::with_capacity(faq.entries.len());
        let mut answers: Vec<Features> = Vec::new();
        let mut keyed: Vec<Keys> = Vec::with_capacity(parts.len());
        for part in parts {
            keyed.push(part.keys);
            let offset = docs.len() as u32;
            entry_docs.extend(part.entry_docs.into_iter().map(|r| r.start + offset..r.end + offset));
            // The first run's lists are grown, not copied.
            if docs.is_empty() {
                docs = part.docs;
            } else {
                docs.reserve_exact(doc_count - docs.len());
                docs.extend(part.docs);
            }
            if answers.is_empty() {
                answers = part.answers;
            } else {
                answers.reserve_exact(faq.entries.len() - answers.len());
                answers.extend(part.answers);
            }
        }
        docs.shrink_to_fit();
        answers.shrink_to_fit();
        index.docs = docs;
        index.entry_docs = entry_docs;
        index.answers = answers;
        index.rare_in_answers = rare_in_answers(&index.answers);
        index.squeezed = index.docs.iter().map(|d| (d.squeezed, d.entry)).collect();
        index.squeezed.sort_unstable();
        index.squeezed.dedup();
        let keyed: Vec<(&Keys, &[u32])> = keyed.iter().zip(&ids).map(|(k, ids)| (k, ids.as_slice())).collect();
        index.count(thesaurus, &keyed);
        index.own_near = index.spell_own_near(threads_for(index.docs.len()));
        index
    }

    /// [`Index::near`] of every own word of Hangul with four jamo or more
    /// that phrasings use, but itself: what [`Index::resolve`] looks up for
    /// a question's known words, in `runs` runs of words on threads of
    /// their own.
    fn spell_own_near(&self, runs: usize) -> NearLists {
        let words = self.words.list.len();
        let run = |ids: std::ops::Range<u32>| {
            let mut lists = NearLists::default();
            let mut spelled = String::new();
            let mut jamo: Vec<char> = Vec::new();
            for id in ids {
                let word = self.words.word(id);
                if !self.spells_near_at_build(id) || !word.chars().next().is_some_and(hangul::is_syllable) {
                    continue;
                }
                spelled.clear();
                hangul::decompose_into(word, &mut spelled);
                jamo.clear();
                jamo.extend(spelled.chars());
                if jamo.len() < 4 {
                    continue;
                }
                let near = self.near(&jamo, |other| other != id);
                if !near.is_empty() {
                    lists.words.push(id);
                    lists.starts.push(lists.spellings.len() as u32);
                    lists.spellings.extend(near);
                }
            }
            lists
        };
        let step = words.div_ceil(runs.max(1)).max(1);
        let ranges: Vec<std::ops::Range<u32>> =
            (0..words).step_by(step).map(|at| at as u32..(at + step).min(words) as u32).collect();
        let parts: Vec<NearLists> = if ranges.len() <= 1 {
            ranges.into_iter().map(run).collect()
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = ranges.into_iter().map(|r| scope.spawn(move || run(r))).collect();
                handles.into_iter().map(|h| h.join().expect("near spellings are found")).collect()
            })
        };
        let mut all = NearLists::default();
        for part in parts {
            let offset = all.spellings.len() as u32;
            all.words.extend(part.words);
            all.starts.extend(part.starts.into_iter().map(|s| s + offset));
            all.spellings.extend(part.spellings);
        }
        all.starts.push(all.spellings.len() as u32);
        all.words.shrink_to_fit();
        all.starts.shrink_to_fit();
        all.spellings.shrink_to_fit();
        all
    }

    /// True for the words whose near spellings are found at build: the own
    /// words phrasings use. Words only answers use come up in questions less
    /// often, and built-in ones are shared: the thread finds theirs when asked.
    fn spells_near_at_build(&self, id: u32) -> bool {
        self.words.infos.get(id as usize).is_some_and(|i| i.df > 0)
    }

    /// The near spellings [`Index::spell_own_near`] found for own word
    /// `id`; `None` when it did not look for them.
    fn own_near(&self, id: u32) -> Option<&[(u32, f32)]> {
        if !self.spells_near_at_build(id) {
            return None;
        }
        let lists = &self.own_near;
        Some(match lists.words.binary_search(&id) {
            Ok(k) => &lists.spellings[lists.starts[k] as usize..lists.starts[k + 1] as usize],
            Err(_) => &[],
        })
    }

    fn word_id(&mut self, word: &str) -> u32 {
        self.words.own(word).id
    }

    /// Gives the phrasings and answers of a run of entries the ids of their
    /// words (`ids`, by the run's numbers) and the phrasings' units their
    /// weights.
    fn finish_part(&self, part: &mut Analysed, ids: &[u32]) {
        for doc in &mut part.docs {
            self.finish_doc(&mut doc.features, ids);
        }
        let mut next = part.words.numbers.iter().map(|&n| ids[n as usize]);
        let mut next_id = || next.next().expect("every word is numbered");
        for a in &mut part.answers {
            a.ids.reserve_exact(a.stems.len() + a.units.len());
            a.ids.extend(a.stems.iter().map(|_| next_id()));
        }
        for a in &mut part.answers {
            a.ids.extend(a.units.iter().map(|_| next_id()));
            finish_answer(a);
        }
        for (i, &k) in part.answer_of.iter().enumerate() {
            if k as usize != i {
                part.answers[i] = part.answers[k as usize].clone();
            }
        }
    }

    /// Builds the postings lists from every document's keys (run by run,
    /// with the ids of each run's word numbers),
    /// counts their document frequencies, and completes the vocabulary.
    fn count(&mut self, thesaurus: &Thesaurus, keyed: &[(&Keys, &[u32])]) {
        let mut total_len = 0.0;
        let mut doc_len: Vec<f32> = Vec::with_capacity(self.docs.len());
        for (run, _) in keyed {
            let mut start = 0;
            for &end in &run.ends {
                let len = (end - start) as f32;
                total_len += len;
                doc_len.push(len);
                start = end;
            }
        }
        let entry_of: Vec<u32> = self.docs.iter().map(|d| d.entry).collect();
        let shards = threads_for(self.docs.len());
        let build = |shard: usize| postings_shard(keyed, &entry_of, shard, shards);
        let parts: Vec<Postings> = if shards == 1 {
            vec![build(0)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..shards).map(|shard| scope.spawn(move || build(shard))).collect();
                handles.into_iter().map(|h| h.join().expect("postings are built")).collect()
            })
        };
        let keys = parts.iter().map(|p| p.lists.len()).sum();
        self.postings.reserve(keys);
        self.postings_docs.reserve_exact(parts.iter().flat_map(|p| p.lists.values()).map(Vec::len).sum());
        for mut part in parts {
            for (k, entries) in part.df {
                let docs = part.lists.remove(&k).expect("every counted key has a list");
                let start = self.postings_docs.len() as u32;
                self.postings_docs.extend_from_slice(&docs);
                let idf = self.idf(entries);
                self.postings.insert(k, KeyPostings { start, len: docs.len() as u32, idf });
            }
            self.dense.extend(part.dense);
        }
        let avg_len = if self.docs.is_empty() { 1.0 } else { total_len / self.docs.len() as f32 };
        self.tf_norm = doc_len.iter().map(|&len| tf_norm(len, avg_len)).collect();
        self.max_tf = self.tf_norm.iter().copied().fold(0.0, f32::max);
        self.doc_entry = self.docs.iter().map(|d| d.entry).collect();

        // Typos are corrected to, and 초성 expanded to, the words of
        // phrasings and of the thesaurus: the words users are likely to mean.
        // Answer words only count as near spellings of the question's words.
        // Built-in words are shared; the thesaurus' other words are the index's own.
        let mut extra: Vec<&str> =
            thesaurus.words().filter(|w| !self.words.builtin.is_some_and(|b| b.ids.contains_key(*w))).collect();
        extra.sort_unstable();
        for w in extra {
            self.word_id(w);
        }
        self.words.finish(thesaurus);
    }

    /// Completes a phrasing's features once every word is counted: its ids
    /// and its units' (their words' numbers in its run until then) become
    /// the ids of `ids` at those numbers, its ids sorted, and its units
    /// weighed.
    fn finish_doc(&self, f: &mut Features, ids: &[u32]) {
        for id in &mut f.ids {
            *id = ids[*id as usize];
        }
        f.ids.sort_unstable();
        for u in &mut f.units {
            u.id = ids[u.id as usize];
            let info = self.words.infos[u.id as usize];
            u.weight = self.weight_with(Some(info), u, false).0;
            u.jamo = Vec::new();
        }
    }

    /// The index id of a word, if any phrasing, answer or thesaurus term has it.
    pub fn id_of(&self, word: &str) -> Option<u32> {
        self.words.get(word).map(|i| i.id)
    }

    /// Gives a question's features the index's ids, and each Hangul unit
    /// its near spellings among the indexed words.
    pub fn resolve(&self, f: &mut Features) {
        let mut ids: Vec<u32> = Vec::with_capacity(f.stems.len() + f.units.len());
        for u in &mut f.units {
            u.id = self.id_of(&u.text).unwrap_or(NO_ID);
            if u.id != NO_ID {
                ids.push(u.id);
            }
            let near = if u.script == Script::Hangul && u.jamo.len() >= 4 {
                let own = u.id;
                if crate::text::korean::is_common_word(&u.text) {
                    // An everyday word (공고, 출근) is what the user wrote,
                    // not a misspelling of a FAQ word (광고, 출금).
                    Vec::new()
                } else if own == NO_ID {
                    self.near(&u.jamo, |_| true)
                } else {
                    self.remembered_near(own, &u.jamo)
                }
            } else {
                Vec::new()
            };
            u.neighbours = Some(near);
        }
        // Most stems are units too: their ids are known already.
        for s in &f.stems {
            let id = match f.units.iter().find(|u| u.text == *s) {
                Some(u) => (u.id != NO_ID).then_some(u.id),
                None => self.id_of(s),
            };
            ids.extend(id);
        }
        ids.sort_unstable();
        ids.dedup();
        f.ids = ids;
        // Best similarity per near id, highest first within an id, then one per id.
        let mut near: Vec<(u32, f32)> = f.units.iter().flat_map(|u| u.neighbours.iter().flatten().copied()).collect();
        near.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        near.dedup_by_key(|n| n.0);
        f.near = near;
    }

    /// [`Index::near`] of the known word `id` spelled `jamo`, but itself:
    /// found at build for an own word, remembered by the thread for a
    /// built-in one.
    fn remembered_near(&self, id: u32, jamo: &[char]) -> Vec<(u32, f32)> {
        if let Some(near) = self.own_near(id) {
            return near.to_vec();
        }
        NEAR.with_borrow_mut(|(uid, words)| {
            if *uid != self.uid || words.len() >= REMEMBERED_NEAR {
                *uid = self.uid;
                words.clear();
            }
            words.entry(id).or_insert_with(|| self.near(jamo, |other| other != id)).clone()
        })
    }

    /// Indexed words within one jamo edit (found by deletion lookup) whose
    /// jamo similarity is at least 0.8, with that similarity.
    /// Only words whose id `keep` accepts are compared.
    fn near(&self, jamo: &[char], keep: impl Fn(u32) -> bool) -> Vec<(u32, f32)> {
        let mut candidates: Vec<u32> = Vec::new();
        let mut probe = |h: u64| self.words.spelled(h, &mut candidates);
        probe(hash_of(jamo));
        // The spelling without jamo i: the state after the jamo before it,
        // continued over the jamo after it.
        let mut before = FNV_OFFSET;
        for i in 0..jamo.len() {
            probe(hash_on(before, &jamo[i + 1..]));
            before = hash_on(before, &jamo[i..=i]);
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut spelled = String::new();
        let mut cj: Vec<char> = Vec::new();
        candidates
            .into_iter()
            .filter_map(|id| {
                if !keep(id) {
                    return None;
                }
                let word = self.words.word(id);
                spelled.clear();
                hangul::decompose_into(word, &mut spelled);
                cj.clear();
                cj.extend(spelled.chars());
                let sim = crate::features::jamo_similarity(jamo, &cj);
                (sim >= 0.8).then_some((id, sim))
            })
            .collect()
    }

    /// Inverse document frequency over entries.
    pub fn idf(&self, df: u32) -> f32 {
        let n = self.entries as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.05)
    }

    /// Number of entries whose phrasings have a word.
    pub fn word_df(&self, word: &str) -> u32 {
        self.words.get(word).map_or(0, |i| i.df)
    }

    /// The weight of a phrasing's unit in coverage: the idf of the rarest
    /// way it can match (its stem, or the most common of its concepts). A
    /// word no phrasing has weighs like a word of one entry.
    pub fn unit_weight(&self, u: &Unit) -> f32 {
        self.weight_with(self.words.get(&u.text), u, false).0
    }

    /// The weight of a question's unit [`Index::resolve`] gave its id, and
    /// its [`Unit::concept_share`].
    ///
    /// A word the phrasings use (or, if they do not, the answers) that is
    /// rarer than its concept (자기부담금 among the insurance words every
    /// entry of a car-insurance FAQ uses) tells entries apart by itself: it
    /// weighs its own rarity, up to [`OWN_RARITY`] times the concept's
    /// weight, and another word of the concept matches it for what the
    /// concept tells. Any other word weighs as in [`Index::unit_weight`].
    pub(crate) fn question_unit_weight(&self, u: &Unit) -> (f32, f32) {
        let info = if u.id == NO_ID { None } else { self.words.info(u.id) };
        debug_assert_eq!(
            info.map(|i| (i.id, i.df, i.answer_df)),
            self.words.get(&u.text).map(|i| (i.id, i.df, i.answer_df))
        );
        self.weight_with(info, u, true)
    }

    /// The weight and concept share of a unit whose word the index knows
    /// as `info`, in a question or in a phrasing.
    fn weight_with(&self, info: Option<WordInfo>, u: &Unit, question: bool) -> (f32, f32) {
        // A word only answers use counts as common as the answers make it
        // (the company's name in every answer tells nothing apart).
        let own = info.map_or(0, |i| if i.df > 0 { i.df } else { i.answer_df });
        // A word the FAQ uses is as common as the commonest of its
        // concepts. One it never writes stands for the rarest of its
        // concepts the FAQ speaks of, its narrowest sense there (민증: an
        // identity card, of all the documents a district office names).
        let concept_dfs = u.concepts.iter().map(|c| self.concept_df.get(c.0 as usize).copied().unwrap_or(0));
        let df =
            if own > 0 { concept_dfs.fold(own, u32::max) } else { concept_dfs.filter(|&d| d > 0).min().unwrap_or(0) };
        // A word phrasings and answers do not use (as `knows` tells).
        if df == 0 && !info.is_some_and(|i| i.df > 0 || i.answer_df > 0) {
            return (self.idf(1) * crate::matcher::UNKNOWN_WORD, 1.0);
        }
        let whole = self.idf(df.max(1));
        if question && own > 0 && own < df {
            let weight = self.idf(own).min(OWN_RARITY * whole);
            return (weight, whole / weight);
        }
        (whole, 1.0)
    }

    /// True when no phrasing uses any of these concepts.
    pub fn concepts_unused(&self, concepts: impl IntoIterator<Item = crate::thesaurus::ConceptId>) -> bool {
        concepts.into_iter().all(|c| self.concept_df.get(c.0 as usize).copied().unwrap_or(0) == 0)
    }

    /// True when phrasings or answers use this word.
    pub fn knows(&self, word: &str) -> bool {
        self.words.get(word).is_some_and(|i| i.df > 0 || i.answer_df > 0)
    }

    /// The words this index owns: those of its phrasings and answers, and
    /// the thesaurus words not built in.
    pub fn own_words(&self) -> impl Iterator<Item = &str> {
        self.words.list.iter().map(String::as_str)
    }

    /// True when phrasings use this word.
    pub fn in_phrasings(&self, word: &str) -> bool {
        self.word_df(word) > 0
    }

    /// The known word within one jamo edit of `word` (two for long words),
    /// preferring words used by more entries. `None` when there is none or
    /// when two words are equally likely.
    pub fn correct(&self, word: &str) -> Option<&str> {
        let jamo: Vec<char> = hangul::decompose(word).chars().collect();
        if jamo.len() < 4 {
            return None;
        }
        let mut best: Option<(f32, &str)> = None;
        let mut tie = false;
        // The word itself is no correction.
        let other_suggestion = |id: u32| self.words.word(id) != word && self.words.info(id).is_some_and(|i| i.suggest);
        for (id, sim) in self.near(&jamo, other_suggestion) {
            let cand = self.words.word(id);
            let df = self.words.info(id).map_or(0, |i| i.df);
            let score = sim + 0.01 * (df.min(10) as f32);
            match best {
                Some((b, _)) if (score - b).abs() < 1e-6 => tie = true,
                Some((b, _)) if score < b => {}
                _ => {
                    best = Some((score, cand));
                    tie = false;
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(_, w)| w)
    }

    /// The word whose 초성 are `code`, preferring words of more entries.
    pub fn expand_choseong(&self, code: &str) -> Option<&str> {
        self.words
            .with_choseong(code)
            .into_iter()
            .map(|id| (self.words.info(id).map_or(0, |i| i.df), self.words.word(id)))
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, w)| w)
    }

    /// The best entries for a query by BM25, best first, at most `limit`.
    pub fn retrieve(&self, query: &Features, limit: usize) -> Vec<(u32, f32)> {
        let mut keys: Vec<(u64, f32)> = Vec::new();
        if query.ids.is_empty() {
            let words = query.units.iter().map(|u| u.text.as_str()).chain(query.stems.iter().map(String::as_str));
            keys.extend(words.filter_map(|w| self.words.get(w)).map(|info| (KIND_WORD | info.id as u64, 1.0)));
        } else {
            // Resolved: the ids are those of its units and stems.
            keys.extend(query.ids.iter().filter(|&&id| id != NO_ID).map(|&id| (KIND_WORD | id as u64, 1.0)));
        }
        for c in &query.concepts {
            keys.push((KIND_CONCEPT | c.0 as u64, 0.8));
        }
        for b in &query.bigrams {
            keys.push((KIND_BIGRAM | b, 0.3));
        }
        keys.sort_by_key(|k| k.0);
        keys.dedup_by_key(|k| k.0);

        // Rarest keys first: they bring the candidates. Once there are
        // enough, a common key only adds to documents already found.
        let mut lists: Vec<(f32, &[u32])> = Vec::with_capacity(keys.len());
        let mut dense: Vec<(&[u32], &[u64])> = Vec::new();
        for &(k, w) in &keys {
            let Some(&p) = self.postings.get(&k) else { continue };
            let list = self.postings_list(p);
            lists.push((w * p.idf, list));
            // Only a list this long has bits: most keys need no second lookup.
            if is_dense(list.len(), self.docs.len()) {
                if let Some(bits) = self.dense.get(&k) {
                    dense.push((list, bits.as_slice()));
                }
            }
        }
        lists.sort_by_key(|(_, l)| l.len());
        merge_same_lists(&mut lists);
        // The candidates' scores and where the common keys start, or the
        // best entries when no common key is left to search.
        let retrieved = SCRATCH.with_borrow_mut(|scratch| {
            let Scratch { scores: acc, seen, met } = scratch;
            if acc.len() < self.docs.len() {
                acc.resize(self.docs.len(), 0.0);
                seen.resize(self.docs.len().div_ceil(64), 0);
            }
            met.clear();
            let mut common = lists.len();
            for (n, &(weight, list)) in lists.iter().enumerate() {
                if met.len() >= MAX_CANDIDATE_DOCS && list.len() > SMALL_POSTINGS {
                    // This list and the longer ones after it are common keys.
                    common = n;
                    break;
                }
                // Each document is written down and kept only if new: no
                // branch the processor would have to guess.
                let mut len = met.len();
                met.resize(len + list.len(), 0);
                for &d in list {
                    let bit = &mut seen[d as usize / 64];
                    let mask = 1u64 << (d % 64);
                    met[len] = d;
                    len += usize::from(*bit & mask == 0);
                    *bit |= mask;
                    acc[d as usize] += weight * self.tf_norm[d as usize];
                }
                met.truncate(len);
            }
            // Both arrays are left cleared.
            if lists[common..].iter().all(|c| c.0 < MIN_COMMON_WEIGHT) {
                // No common key will be looked up: the candidates' scores
                // are final, read in the order they were met.
                let mut ranks: Vec<u64> = Vec::with_capacity(met.len());
                for &d in met.iter() {
                    seen[d as usize / 64] = 0;
                    ranks.push(doc_rank(d, std::mem::take(&mut acc[d as usize])));
                }
                return ControlFlow::Break(best_distinct_entries(ranks, &self.doc_entry, limit));
            }
            // The common keys are searched in document order: the
            // candidates read off the bits.
            let mut scores: Vec<(u32, f32)> = Vec::with_capacity(met.len());
            for (w, word) in seen[..self.docs.len().div_ceil(64)].iter_mut().enumerate() {
                let mut bits = std::mem::take(word);
                while bits != 0 {
                    let d = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    scores.push((d as u32, std::mem::take(&mut acc[d])));
                }
            }
            ControlFlow::Continue((scores, common))
        });
        let (mut scores, common) = match retrieved {
            ControlFlow::Continue(scores) => scores,
            ControlFlow::Break(best) => return best,
        };
        // A common key only adds to the candidates: its long postings list
        // is searched for them, in document order, each search starting
        // where the last one stopped. The most valuable keys go first, and
        // a candidate stops being looked up as soon as even every key left
        // could not lift it to the `limit` best entries (max-score pruning).
        let mut common: Vec<(f32, &[u32])> = lists.split_off(common);
        // A common key worth little (a bigram or a concept most entries
        // share) would cost a long search and move no candidate far.
        common.retain(|c| c.0 >= MIN_COMMON_WEIGHT);
        if !common.is_empty() {
            common.sort_by(|a, b| b.0.total_cmp(&a.0));
            // left[i]: the weights of keys i.. together.
            let mut left: Vec<f32> = common
                .iter()
                .rev()
                .scan(0.0, |sum, c| {
                    *sum += c.0;
                    Some(*sum)
                })
                .collect();
            left.reverse();
            let mut at = vec![0usize; common.len()];
            // The bits of the dense lists: one step per lookup.
            let bits: Vec<Option<&[u64]>> = common
                .iter()
                .map(|&(_, list)| dense.iter().find(|(l, _)| std::ptr::eq(*l, list)).map(|&(_, b)| b))
                .collect();
            let mut floor = self.entry_floor(&scores, limit);
            // The final scores of the best entries finished so far (a min-heap
            // of non-negative floats' bits, which order as the floats).
            let mut best = std::collections::BinaryHeap::new();
            let mut current: Option<(u32, f32)> = None;
            let mut kept = Vec::with_capacity(scores.len());
            for &(d, mut s) in &scores {
                let tf = self.tf_norm[d as usize];
                let mut dropped = false;
                for (i, &(weight, list)) in common.iter().enumerate() {
                    // A little slack for rounding: never drop a candidate that ties.
                    if s + left[i] * tf * 1.001 < floor {
                        dropped = true;
                        break;
                    }
                    let found = match bits[i] {
                        Some(bits) => bits[d as usize / 64] >> (d % 64) & 1 == 1,
                        None => {
                            at[i] = seek(list, at[i], d);
                            list.get(at[i]) == Some(&d)
                        }
                    };
                    if found {
                        s += weight * tf;
                    }
                }
                if dropped {
                    continue;
                }
                kept.push((d, s));
                let entry = self.doc_entry[d as usize];
                match current {
                    Some((e, ref mut b)) if e == entry => *b = b.max(s),
                    _ => {
                        if let Some((_, b)) = current.replace((entry, s)) {
                            floor = floor.max(push_best(&mut best, b, limit));
                        }
                    }
                }
            }
            scores = kept;
        }
        self.best_entries(&scores, limit)
    }

    /// The score of the `limit`-th best entry among documents' scores (in
    /// any order), or zero when fewer entries have one.
    fn entry_floor(&self, scores: &[(u32, f32)], limit: usize) -> f32 {
        let best = self.best_entries(scores, limit);
        match best.last() {
            Some(&(_, s)) if limit > 0 && best.len() == limit => s,
            _ => 0.0,
        }
    }

    /// The `limit` best entries among documents' scores, in any order,
    /// best first (equal scores: the earlier entry). An entry scores as its
    /// best phrasing.
    fn best_entries(&self, scores: &[(u32, f32)], limit: usize) -> Vec<(u32, f32)> {
        let ranks: Vec<u64> = scores.iter().map(|&(d, s)| doc_rank(d, s)).collect();
        best_distinct_entries(ranks, &self.doc_entry, limit)
    }

    /// A key's postings list.
    fn postings_list(&self, p: KeyPostings) -> &[u32] {
        &self.postings_docs[p.start as usize..(p.start + p.len) as usize]
    }

    /// Entries with a phrasing whose [`squeezed_hash`] is `hash`.
    pub fn exact(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let start = self.squeezed.partition_point(|&(h, _)| h < hash);
        self.squeezed[start..].iter().take_while(move |&&(h, _)| h == hash).map(|&(_, e)| e)
    }

    /// The documents (phrasings) of an entry.
    pub fn docs_of(&self, entry: u32) -> &[Doc] {
        let r = &self.entry_docs[entry as usize];
        &self.docs[r.start as usize..r.end as usize]
    }

    /// Asks the processor to start loading what scoring these entries
    /// reads, so that while one is scored the next ones come into cache. It
    /// goes in steps, each for every entry, so that the loads of one step
    /// come in together: where each entry's phrasings are and its answer,
    /// then its phrasings, then the lists the matching reads first. A hint:
    /// nothing changes but when memory is read.
    pub(crate) fn prefetch_entries(&self, entries: impl Iterator<Item = u32> + Clone) {
        for entry in entries.clone() {
            prefetch(self.entry_docs.as_ptr().wrapping_add(entry as usize));
            prefetch_bytes(self.answers.as_ptr().wrapping_add(entry as usize), std::mem::size_of::<Features>());
        }
        for entry in entries.clone() {
            let docs = self.docs_of(entry);
            prefetch_bytes(docs.as_ptr(), std::mem::size_of_val(docs));
        }
        // The first line of each list the matching searches, and the units
        // (up to 16 lines), whose weights are all read.
        let lists = |f: &Features| {
            prefetch(f.ids.as_ptr());
            prefetch(f.concepts.as_ptr());
            prefetch(f.bigrams.as_ptr());
            prefetch(f.compact.as_ptr());
            prefetch_bytes(f.units.as_ptr(), std::mem::size_of_val(f.units.as_slice()).min(16 * 64));
        };
        for entry in entries {
            for d in self.docs_of(entry) {
                lists(&d.features);
            }
            lists(self.answer_of(entry));
        }
    }

    /// The entries whose answers alone, of at most [`RARE_IN_ANSWERS`],
    /// say a word or concept of the question: users ask about details that
    /// only an answer mentions (무통장입금 in an answer on ways to pay). The
    /// phrasings' postings would not find them.
    pub fn answer_candidates<'a>(&'a self, query: &'a Features) -> impl Iterator<Item = u32> + 'a {
        let words = query.ids.iter().filter(|&&id| id != NO_ID).map(|&id| KIND_WORD | u64::from(id));
        let concepts = query.concepts.iter().map(|c| KIND_CONCEPT | u64::from(c.0));
        words
            .chain(concepts)
            .filter_map(|k| self.rare_in_answers.get(&k))
            .flat_map(|entries| entries.iter().copied().filter(|&e| e != u32::MAX))
    }

    /// The features of an entry's answer.
    pub fn answer_of(&self, entry: u32) -> &Features {
        &self.answers[entry as usize]
    }

    /// Number of indexed phrasings.
    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }

    /// Approximate heap memory the index owns, in bytes. The built-in
    /// thesaurus' vocabulary, which every index built with the built-in
    /// thesaurus shares, is not counted: [`builtin_bytes`] gives its size.
    pub fn heap_bytes(&self) -> usize {
        // What a text's features hold outside their own struct.
        let features = |f: &Features| {
            f.units
                .iter()
                .map(|u| {
                    std::mem::size_of::<Unit>() + u.text.capacity() + u.jamo.capacity() * 4 + u.concepts.capacity() * 4
                })
                .sum::<usize>()
                + f.concepts.capacity() * 4
                + f.stems.iter().map(|s| s.capacity() + 24).sum::<usize>()
                + f.compact.capacity()
                + f.bigrams.capacity() * 8
                + f.stem_starts.capacity() * 2
                + f.ids.capacity() * 4
                + f.near.capacity() * 8
        };
        let docs: usize = self.docs.iter().map(|d| std::mem::size_of::<Doc>() + features(&d.features)).sum();
        let answers: usize = self.answers.iter().map(|a| std::mem::size_of::<Features>() + features(a)).sum();
        let postings =
            self.postings.capacity() * (8 + std::mem::size_of::<KeyPostings>() + 1) + self.postings_docs.capacity() * 4;
        let dense: usize = self.dense.values().map(|v| v.capacity() * 8 + 8 + 24 + 8).sum();
        let rare = self.rare_in_answers.capacity() * (8 + 4 * RARE_IN_ANSWERS + 1);
        docs + answers
            + rare
            + postings
            + dense
            + self.words.heap_bytes()
            + self.tf_norm.capacity() * 4
            + self.doc_entry.capacity() * 4
            + self.entry_docs.capacity() * 8
            + self.squeezed.capacity() * 16
            + self.own_near.words.capacity() * 4
            + self.own_near.starts.capacity() * 4
            + self.own_near.spellings.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::Format;

    /// The index of a FAQ written in TOML, with the built-in thesaurus.
    fn index_of(toml: &str) -> Index {
        Index::build(&Faq::from_str(toml, Format::Toml).unwrap(), &Thesaurus::builtin(), &Analyzer::default())
    }

    fn index() -> Index {
        index_of(
            r#"
[[entries]]
id = "refund"
question = "환불은 어떻게 받나요?"
alternates = ["환불 신청 방법"]
answer = "주문 내역에서 환불을 신청하세요."

[[entries]]
id = "tracking"
question = "배송 조회는 어디서 해요?"
answer = "앱의 주문 내역에서 배송 상태를 볼 수 있습니다."
"#,
        )
    }

    #[test]
    fn own_words_near_spellings_are_found_at_build_as_near_finds_them() {
        let index = index_of(
            r#"
[[entries]]
id = "refund"
question = "환불은 어떻게 받나요?"
alternates = ["환불 신청 방법", "환급 신청은 어디서", "배송비 환불"]
answer = "주문 내역에서 환불을 신청하세요. 배상은 배송 담당이 합니다."

[[entries]]
id = "password"
question = "비밀번호 변경은 어디서 해요?"
alternates = ["비빌번호를 바꾸고 싶어요"]
answer = "설정에서 비밀번호를 바꾸세요."
"#,
        );
        let mut with_near = 0;
        for (id, word) in index.words.list.iter().enumerate() {
            let id = id as u32;
            let jamo: Vec<char> = hangul::decompose(word).chars().collect();
            let fresh = if word.chars().next().is_some_and(hangul::is_syllable) && jamo.len() >= 4 {
                index.near(&jamo, |other| other != id)
            } else {
                Vec::new()
            };
            if index.in_phrasings(word) {
                assert_eq!(index.own_near(id), Some(fresh.as_slice()), "{word}");
                with_near += usize::from(!fresh.is_empty());
            } else {
                // An answer's word: the thread finds its spellings.
                assert_eq!(index.own_near(id), None, "{word}");
                assert_eq!(index.remembered_near(id, &jamo), fresh, "{word}");
            }
        }
        assert!(with_near >= 3, "{with_near}");
        // Only the phrasings' words take room.
        assert!(index.own_near.words.iter().all(|&id| index.words.infos[id as usize].df > 0));
        // The same lists whether the words are split between threads or not.
        let (one, three) = (index.spell_own_near(1), index.spell_own_near(3));
        assert_eq!((&one.words, &one.starts, &one.spellings), (&three.words, &three.starts, &three.spellings));
        // A built-in word is no own word: the thread finds its spellings.
        let builtin = index.id_of("영업시간").unwrap();
        assert!(builtin as usize >= index.words.list.len());
        assert_eq!(index.own_near(builtin), None);
    }

    #[test]
    fn remembered_near_spellings_are_the_index_own() {
        // The same ids name other words in the second index: what a thread
        // remembers of one index must not leak into the other.
        let other = index_of(
            "[[entries]]\nid = \"pw\"\nquestion = \"비밀번호 변경은 어디서 해요?\"\nanswer = \"설정에서 비밀번호를 바꾸세요. 배상은 배송 담당이 합니다.\"\n",
        );
        let first = index();
        for round in 0..3 {
            for index in [&first, &other, &first.clone()] {
                for word in ["환불", "배송", "주문내역", "비밀번호", "변경", "어디서"] {
                    let Some(id) = index.id_of(word) else { continue };
                    let jamo: Vec<char> = hangul::decompose(word).chars().collect();
                    let fresh = index.near(&jamo, |other| other != id);
                    assert_eq!(index.remembered_near(id, &jamo), fresh, "round {round}: {word}");
                }
            }
        }
        let id = other.id_of("배송").unwrap();
        let near = other.remembered_near(id, &hangul::decompose("배송").chars().collect::<Vec<_>>());
        assert!(near.iter().any(|&(n, _)| other.words.word(n) == "배상"), "{near:?}");
        assert_ne!(first.uid, other.uid);
        assert_eq!(first.uid, first.clone().uid);
    }

    #[test]
    fn keys_with_the_same_postings_are_walked_once() {
        let (a, b, c): (Vec<u32>, Vec<u32>, Vec<u32>) = (vec![1, 5, 9], vec![2, 5, 9], vec![0, 3, 4, 8]);
        // a and its copy are the same list, b has the same length only.
        let a2 = a.clone();
        let mut lists: Vec<(f32, &[u32])> = vec![(1.0, &a), (0.5, &b), (0.25, &a2), (2.0, &c), (0.5, &c)];
        merge_same_lists(&mut lists);
        assert_eq!(lists, vec![(1.25, &a[..]), (0.5, &b[..]), (2.5, &c[..])]);
        let mut none: Vec<(f32, &[u32])> = Vec::new();
        merge_same_lists(&mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn the_best_entries_are_those_of_a_full_sort_in_any_order() {
        let mut toml = String::new();
        for i in 0..30 {
            let alternates: Vec<String> = (0..i % 3).map(|k| format!("\"질문 {i} 다른 {k}\"")).collect();
            toml.push_str(&format!(
                "[[entries]]\nid = \"e{i}\"\nquestion = \"질문 {i}\"\nalternates = [{}]\nanswer = \"답 {i}\"\n\n",
                alternates.join(", ")
            ));
        }
        let ix = index_of(&toml);
        let mut seed = 7u32;
        for round in 0..20 {
            // Some documents, in document order, with scores that often tie.
            let mut scores = Vec::new();
            for d in 0..ix.docs.len() as u32 {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                if (seed >> 16) % 3 != 0 {
                    scores.push((d, ((seed >> 8) % 8) as f32 * 0.5));
                }
            }
            let mut entries: Vec<(u32, f32)> = Vec::new();
            for &(d, s) in &scores {
                let e = ix.docs[d as usize].entry;
                match entries.iter_mut().find(|x| x.0 == e) {
                    Some(x) => x.1 = x.1.max(s),
                    None => entries.push((e, s)),
                }
            }
            entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            // The same scores in another order (as retrieval meets them).
            let mut shuffled = scores.clone();
            for i in (1..shuffled.len()).rev() {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                shuffled.swap(i, (seed >> 8) as usize % (i + 1));
            }
            for limit in [0, 1, 3, 12, 100] {
                let expected: Vec<(u32, f32)> = entries.iter().copied().take(limit).collect();
                assert_eq!(ix.best_entries(&scores, limit), expected, "round {round}, limit {limit}");
                assert_eq!(ix.best_entries(&shuffled, limit), expected, "round {round}, limit {limit}, shuffled");
                let floor = if limit > 0 && entries.len() >= limit { entries[limit - 1].1 } else { 0.0 };
                assert_eq!(ix.entry_floor(&scores, limit), floor, "round {round}, limit {limit}");
            }
        }
    }

    #[test]
    fn the_first_hash_at_least_is_found_from_where_it_falls() {
        let mut seed = 1u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            // Random hashes with repeats, and a crowded run of small ones.
            let mut list: Vec<(u64, u32)> = (0..n).map(|i| (next() >> (i % 3 * 20), i as u32)).collect();
            list.extend((0..n as u32 / 2).map(|i| (u64::from(i % 7), i)));
            list.sort_unstable();
            let mut probes: Vec<u64> = list.iter().map(|e| e.0).collect();
            probes.extend(list.iter().map(|e| e.0.wrapping_add(1)));
            probes.extend([0, 1, u64::MAX, u64::MAX - 1]);
            probes.extend((0..200).map(|_| next()));
            for h in probes {
                assert_eq!(first_hash_at_least(&list, h), list.partition_point(|e| e.0 < h), "n {n}, h {h}");
            }
        }
    }

    #[test]
    fn the_key_filter_holds_every_key_and_drops_most_others() {
        let mut table = Vec::new();
        for (i, w) in ["환불", "배송조회", "상담원", "비밀번호", "영업시간"].iter().enumerate() {
            push_spelling_keys(w, i as u32, &mut table);
        }
        table.sort_unstable();
        let filter = KeyFilter::new(&table);
        assert!(table.iter().all(|&(k, _)| filter.may_hold(k)));
        let absent = (0..10_000u32).map(|i| hash_of(&[char::from_u32(0xAC00 + i).unwrap()]));
        let passed = absent.filter(|&k| filter.may_hold(k) && !table.iter().any(|e| e.0 == k)).count();
        assert!(passed < 1_000, "{passed} of 10000 absent keys passed");
        assert!(KeyFilter::default().may_hold(42));
    }

    #[test]
    fn a_hash_continued_from_a_prefix_is_the_hash_of_the_whole() {
        for word in ["", "환불", "배송조회", "횐불", "abc", "ㅂㅅㅈㅎ"] {
            let jamo: Vec<char> = hangul::decompose(word).chars().collect();
            let mut before = FNV_OFFSET;
            for i in 0..jamo.len() {
                let mut deleted = jamo[..i].to_vec();
                deleted.extend_from_slice(&jamo[i + 1..]);
                assert_eq!(hash_on(before, &jamo[i + 1..]), hash_of(&deleted), "{word} without {i}");
                before = hash_on(before, &jamo[i..=i]);
            }
            assert_eq!(before, hash_of(&jamo), "{word}");
        }
    }

    #[test]
    fn squeezed_hashes_ignore_spaces_only() {
        let squeezed: Vec<char> = "환불신청방법".chars().collect();
        assert_eq!(squeezed_hash("환불 신청  방법"), hash_of(&squeezed));
        assert_eq!(squeezed_hash("환불 신청 방법"), squeezed_hash("환불신청방법"));
        assert_ne!(squeezed_hash("환불 신청"), squeezed_hash("신청 환불"));
        assert_eq!(squeezed_hash(""), hash_of(&[]));
    }

    #[test]
    fn postings_shards_split_the_keys_and_count_entries() {
        // Documents 0 and 1 are entry 0's, document 2 entry 1's.
        let all_keys = vec![1u64, 2, 1, 3, 1, 3];
        let key_ends = vec![2, 4, 6];
        let entry_of = [0, 0, 1];
        let one = Keys { keys: all_keys.clone(), ends: key_ends.clone() };
        let whole = postings_shard(&[(&one, &[])], &entry_of, 0, 1);
        assert_eq!(whole.lists[&1], [0, 1, 2]);
        assert_eq!(whole.lists[&2], [0]);
        assert_eq!(whole.lists[&3], [1, 2]);
        let mut df = whole.df.clone();
        df.sort_unstable();
        assert_eq!(df, [(1, 2), (2, 1), (3, 2)]);
        let mut keys: Vec<u64> = Vec::new();
        for shard in 0..3 {
            let part = postings_shard(&[(&one, &[])], &entry_of, shard, 3);
            for (k, list) in &part.lists {
                assert_eq!(shard_of(*k, 3), shard);
                assert_eq!(list, &whole.lists[k]);
            }
            keys.extend(part.lists.keys());
        }
        keys.sort_unstable();
        assert_eq!(keys, [1, 2, 3]);
        // The same documents in runs of one and two.
        let runs = [Keys { keys: vec![1, 2], ends: vec![2] }, Keys { keys: vec![1, 3, 1, 3], ends: vec![2, 4] }];
        let split = postings_shard(&[(&runs[0], &[]), (&runs[1], &[])], &entry_of, 0, 1);
        assert_eq!(split.lists, whole.lists);
        assert_eq!(split.df.len(), whole.df.len());
        // Words' keys are by number in their run: run 0 numbers words 7 and
        // 9 as 0 and 1, run 1 word 9 as 0.
        let word = |n: u64| KIND_WORD | n;
        let runs =
            [Keys { keys: vec![word(0), word(1), 5], ends: vec![3] }, Keys { keys: vec![word(0), 5], ends: vec![2] }];
        let words = postings_shard(&[(&runs[0], &[7, 9]), (&runs[1], &[9])], &entry_of, 0, 1);
        assert_eq!(words.lists[&word(7)], [0]);
        assert_eq!(words.lists[&word(9)], [0, 1]);
        assert_eq!(words.lists[&5], [0, 1]);
        assert_eq!(words.lists.len(), 3);
    }

    #[test]
    fn seek_finds_the_first_value_not_below() {
        let list = [2u32, 3, 5, 8, 13, 21, 34, 55, 89];
        for from in 0..list.len() {
            for d in 0..100 {
                let expected = from + list[from..].partition_point(|&x| x < d);
                assert_eq!(seek(&list, from, d), expected, "from {from}, d {d}");
            }
        }
        assert_eq!(seek(&[], 0, 7), 0);
    }

    #[test]
    fn spelling_keys_are_the_jamo_spelling_and_each_one_deletion() {
        let mut keys = Vec::new();
        assert!(push_spelling_keys("환불", 7, &mut keys));
        // The whole spelling, then each jamo deleted in turn.
        let jamo: Vec<char> = hangul::decompose("환불").chars().collect();
        assert_eq!(keys.len(), jamo.len() + 1);
        assert!(keys.iter().all(|&(_, id)| id == 7));
        assert_eq!(keys[0].0, hash_of(&jamo));
        assert_eq!(keys[1].0, hash_of(&jamo[1..]));
        assert_eq!(keys[jamo.len()].0, hash_of(&jamo[..jamo.len() - 1]));
        for word in ["환", "esim", "a환불", ""] {
            assert!(!push_spelling_keys(word, 1, &mut keys), "{word}");
        }
        assert_eq!(keys.len(), jamo.len() + 1);
    }

    #[test]
    fn built_in_words_are_shared_and_known_as_if_the_index_owned_them() {
        let faq = Faq::from_str(
            r#"
[[entries]]
id = "refund"
question = "환불 연락처 알려주세요"
answer = "고객센터로 문의하세요."
"#,
            Format::Toml,
        )
        .unwrap();
        let shared = Index::build(&faq, &Thesaurus::builtin(), &Analyzer::default());
        let other = Index::build(&faq, &Thesaurus::builtin(), &Analyzer::default());
        assert!(std::ptr::eq(shared.words.builtin.unwrap(), other.words.builtin.unwrap()));
        // The same words, built into the index itself.
        let mut copy = Thesaurus::empty();
        copy.add_text(crate::thesaurus::BUILTIN).unwrap();
        assert!(!copy.includes_builtin());
        let owned = Index::build(&faq, &copy, &Analyzer::default());
        assert!(owned.words.builtin.is_none());
        assert!(owned.heap_bytes() > shared.heap_bytes() + builtin_bytes() / 2);
        for w in Thesaurus::builtin().words() {
            let id = shared.id_of(w).unwrap_or_else(|| panic!("{w}"));
            assert_eq!(shared.words.word(id), w);
            assert_eq!(shared.word_df(w), owned.word_df(w), "{w}");
            assert_eq!(shared.knows(w), owned.knows(w), "{w}");
        }
        // 연락처 is the FAQ's own word; 전화번호 only the thesaurus'.
        assert!(shared.id_of("연락처").unwrap() < shared.words.list.len() as u32);
        assert!(shared.id_of("전화번호").unwrap() >= shared.words.list.len() as u32);
        for typo in ["연락쳐", "전화번허", "횐불", "고갱센터"] {
            assert_eq!(shared.correct(typo), owned.correct(typo), "{typo}");
        }
        assert_eq!(shared.correct("전화번허"), Some("전화번호"));
        for code in ["ㅇㄹㅊ", "ㅈㅎㅂㅎ", "ㅎㅂ", "ㄱㄱㅅㅌ"] {
            assert_eq!(shared.expand_choseong(code), owned.expand_choseong(code), "{code}");
        }
        assert_eq!(shared.expand_choseong("ㅈㅎㅂㅎ"), Some("전화번호"));
    }

    /// The features of an indexed phrasing with the ids of its words
    /// ([`Index::id_of`]) and its units' weights ([`Index::unit_weight`]).
    fn expected_features(ix: &Index, text: &str) -> Features {
        let (_, stems) = Analyzer::default().normalized_content_stems(text);
        let mut f = Features::extract_indexed(stems, &Thesaurus::builtin());
        let mut ids: Vec<u32> = f.stems.iter().map(|s| ix.id_of(s).unwrap()).collect();
        for u in &mut f.units {
            u.id = ix.id_of(&u.text).unwrap();
            u.weight = ix.unit_weight(u);
            ids.push(u.id);
        }
        ids.sort_unstable();
        ids.dedup();
        f.ids = ids;
        f.stems = Vec::new();
        f
    }

    #[test]
    fn phrasings_have_the_ids_and_weights_of_their_words() {
        let ix = index();
        let texts = ["환불은 어떻게 받나요?", "환불 신청 방법", "배송 조회는 어디서 해요?"];
        for (text, doc) in texts.iter().zip(&ix.docs) {
            assert_eq!(doc.features, expected_features(&ix, text), "{text}");
            assert!(!doc.features.ids.is_empty());
        }
    }

    #[test]
    fn a_word_the_faq_never_writes_weighs_as_its_rarest_concept_there() {
        let ix = index_of(
            r#"
[[entries]]
id = "copy"
question = "등본 발급에 필요한 서류는 뭔가요?"
answer = "신분증을 가져오세요."

[[entries]]
id = "passport"
question = "여권 신청 서류는 뭔가요?"
answer = "사진 한 장이 필요합니다."

[[entries]]
id = "id-card"
question = "주민등록증을 잃어버렸어요"
answer = "가까운 주민센터에서 재발급하세요."
"#,
        );
        let t = Thesaurus::builtin();
        let unit = |word: &str| {
            let mut f = Features::extract(&[word.to_string()], &t);
            ix.resolve(&mut f);
            f.units.remove(0)
        };
        // 민증 is a document, as 서류, 여권 and 주민등록증 are, and an
        // identity card, which only one phrasing names.
        let (weight, share) = ix.question_unit_weight(&unit("민증"));
        assert_eq!((weight, share), (ix.idf(1), 1.0));
        // A word the FAQ writes is as common as its commonest concept.
        let (written, _) = ix.question_unit_weight(&unit("주민등록증"));
        assert!(written < weight, "{written} {weight}");
    }

    #[test]
    fn typos_are_corrected_against_the_vocabulary() {
        let ix = index();
        assert_eq!(ix.correct("횐불"), Some("환불"));
        assert_eq!(ix.correct("배숑"), Some("배송"));
        assert_eq!(ix.correct("주차장"), None);
    }

    #[test]
    fn choseong_expands_to_known_words() {
        let ix = index();
        assert_eq!(ix.expand_choseong("ㅂㅅ"), Some("배송"));
        assert_eq!(ix.expand_choseong("ㅎㅂ"), Some("환불"));
    }

    #[test]
    fn a_resolved_question_retrieves_by_its_ids_as_by_its_words() {
        let ix = index();
        let t = Thesaurus::builtin();
        let analyzer = Analyzer::default();
        for question in ["배송 조회", "환불 신청 방법", "환불은 어디서 해요", "주문 내역", "모르는 단어"]
        {
            let mut q = Features::extract(&Features::content_stems(&analyzer.analyze(question)), &t);
            let by_words = ix.retrieve(&q, 10);
            ix.resolve(&mut q);
            assert_eq!(ix.retrieve(&q, 10), by_words, "{question}");
        }
    }

    #[test]
    fn retrieval_ranks_the_entry_sharing_rare_words() {
        let ix = index();
        let t = Thesaurus::builtin();
        let q = Features::extract(&["배송".to_string(), "조회".to_string()], &t);
        let ranked = ix.retrieve(&q, 10);
        assert_eq!(ranked[0].0, 1);
        assert!(ix.heap_bytes() > 0);
    }

    /// The BM25 score of one document for a query, key by key; with
    /// `light` false, without the long lists' keys that weigh less than
    /// [`MIN_COMMON_WEIGHT`].
    fn naive_score(ix: &Index, query: &Features, d: u32, light: bool) -> f32 {
        let mut keys: Vec<(u64, f32)> = Vec::new();
        for word in query.units.iter().map(|u| &u.text).chain(&query.stems) {
            if let Some(id) = ix.id_of(word) {
                keys.push((KIND_WORD | id as u64, 1.0));
            }
        }
        keys.extend(query.concepts.iter().map(|c| (KIND_CONCEPT | c.0 as u64, 0.8)));
        keys.extend(query.bigrams.iter().map(|b| (KIND_BIGRAM | b, 0.3)));
        keys.sort_by_key(|k| k.0);
        keys.dedup_by_key(|k| k.0);
        keys.iter()
            .filter(|(k, _)| ix.postings.get(k).is_some_and(|&p| ix.postings_list(p).binary_search(&d).is_ok()))
            .filter(|&&(k, w)| {
                light || ix.postings[&k].len as usize <= SMALL_POSTINGS || w * ix.postings[&k].idf >= MIN_COMMON_WEIGHT
            })
            .map(|&(k, w)| w * ix.postings[&k].idf * ix.tf_norm[d as usize])
            .sum()
    }

    #[test]
    fn retrieval_on_a_large_index_scores_what_it_returns_by_every_key_that_weighs() {
        // Common words in every entry make long postings lists: candidates
        // come from the rare keys and the common ones are looked up.
        let nouns = ["환불", "배송", "주문", "결제", "쿠폰", "포인트", "회원", "카드"];
        let actions = ["신청", "취소", "변경", "조회"];
        let entries: Vec<crate::faq::Entry> = (0..3_000)
            .map(|i| crate::faq::Entry {
                id: format!("e{i}"),
                question: format!("{} {} 방법 {}호", nouns[i % 8], actions[(i / 8) % 4], i),
                alternates: vec![format!("{}{} 어떻게 하나요", nouns[(i / 3) % 8], actions[i % 4])],
                answer: format!("안내 {i}"),
                category: None,
                tags: Vec::new(),
            })
            .collect();
        let faq = Faq::new(entries).unwrap();
        let t = Thesaurus::builtin();
        let analyzer = Analyzer::default();
        let ix = Index::build(&faq, &t, &analyzer);
        // The common nouns' lists are dense: their bits hold the same
        // documents, and looking candidates up in them ranks as searching
        // the lists does.
        assert!(!ix.dense.is_empty());
        for (k, bits) in &ix.dense {
            let from_bits: Vec<u32> =
                (0..ix.docs.len() as u32).filter(|&d| bits[d as usize / 64] >> (d % 64) & 1 == 1).collect();
            assert_eq!(from_bits, ix.postings_list(ix.postings[k]));
        }
        let mut searched = ix.clone();
        searched.dense.clear();
        for q in ["환불 신청 방법", "쿠폰 변경 어떻게 하나요", "배송조회 방법 17호", "카드 취소"]
        {
            let features = Features::extract(&Features::content_stems(&analyzer.analyze(q)), &t);
            let ranked = ix.retrieve(&features, 12);
            assert_eq!(ranked, searched.retrieve(&features, 12), "{q}");
            assert_eq!(ranked.len(), 12, "{q}");
            assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1), "{q}: {ranked:?}");
            for &(entry, score) in &ranked {
                let range = ix.entry_docs[entry as usize].clone();
                // Every key that weighs is counted; light common ones may not be.
                let full = range.clone().map(|d| naive_score(&ix, &features, d, true)).fold(0.0, f32::max);
                let weighty = range.map(|d| naive_score(&ix, &features, d, false)).fold(0.0, f32::max);
                assert!(
                    score >= weighty - 1e-3 && score <= full + 1e-3,
                    "{q}: entry {entry} scored {score}, between {weighty} and {full}"
                );
            }
        }
    }

    #[test]
    fn a_thread_that_searched_a_large_index_searches_a_small_one_alike() {
        let t = Thesaurus::builtin();
        let analyzer = Analyzer::default();
        let entries: Vec<crate::faq::Entry> = (0..3_000)
            .map(|i| crate::faq::Entry {
                id: format!("e{i}"),
                question: format!("환불 배송 주문 {i}번"),
                alternates: Vec::new(),
                answer: format!("안내 {i}"),
                category: None,
                tags: Vec::new(),
            })
            .collect();
        let large = Index::build(&Faq::new(entries).unwrap(), &t, &analyzer);
        let small = index();
        let q = Features::extract(&["배송".to_string(), "조회".to_string()], &t);
        let fresh = std::thread::scope(|s| s.spawn(|| small.retrieve(&q, 10)).join().unwrap());
        assert_eq!(large.retrieve(&q, 10).len(), 10);
        assert_eq!(small.retrieve(&q, 10), fresh);
    }

    /// The vocabulary one count over every entry in order gives: each word
    /// its id where it is first met (phrasings' stems and units, then
    /// answers' stems, then answers' units), with its counts.
    fn counted_in_order(faq: &Faq) -> Vec<(String, u32, u32)> {
        let analyzer = Analyzer::default();
        let t = Thesaurus::builtin();
        let mut words: Vec<(String, u32, u32)> = Vec::new();
        let id = |w: &str, words: &mut Vec<(String, u32, u32)>| match words.iter().position(|x| x.0 == w) {
            Some(i) => i,
            None => {
                words.push((w.to_string(), 0, 0));
                words.len() - 1
            }
        };
        let mut answers = Vec::new();
        for e in &faq.entries {
            let mut texts = vec![e.question.clone()];
            texts.extend(e.alternates.iter().cloned());
            if !e.tags.is_empty() {
                texts.push(e.tags.join(" "));
            }
            let mut in_entry: Vec<usize> = Vec::new();
            for text in texts {
                let f = Features::extract_indexed(analyzer.normalized_content_stems(&text).1, &t);
                if f.stems.is_empty() {
                    continue;
                }
                for s in &f.stems {
                    let i = id(s, &mut words);
                    if !in_entry.contains(&i) {
                        in_entry.push(i);
                        words[i].1 += 1;
                    }
                }
                for u in &f.units {
                    id(&u.text, &mut words);
                }
            }
            answers.push(Features::extract_indexed(analyzer.normalized_content_stems(&e.answer).1, &t));
        }
        for s in answers.iter().flat_map(|a| &a.stems) {
            let i = id(s, &mut words);
            words[i].2 += 1;
        }
        for u in answers.iter().flat_map(|a| &a.units) {
            id(&u.text, &mut words);
        }
        words
    }

    #[test]
    fn word_ids_are_those_of_one_count_in_order_whatever_the_runs() {
        // Words shared across entries, phrases of several stems (몇시까지),
        // words only answers have, and answer words phrasings have later.
        let questions =
            ["환불 신청 방법", "배송 조회", "몇시까지 영업해요", "쿠폰 환불", "포인트 적립", "영업시간 문의"];
        let entries: Vec<crate::faq::Entry> = (0..23)
            .map(|i| crate::faq::Entry {
                id: format!("e{i}"),
                question: format!("{} {}번", questions[i % 6], i % 5),
                alternates: (0..i % 3).map(|k| format!("{} 어떻게 하나요 {k}", questions[(i + k + 1) % 6])).collect(),
                answer: format!("{} 고객센터 {}호 안내", questions[(i + 4) % 6], i % 7),
                category: None,
                tags: if i % 4 == 0 { vec![format!("태그{}", i % 3)] } else { Vec::new() },
            })
            .collect();
        let faq = Faq::new(entries).unwrap();
        let expected = counted_in_order(&faq);
        let t = Thesaurus::builtin();
        let analyzer = Analyzer::default();
        let whole = Index::build_in_chunks(&faq, &t, &analyzer, faq.entries.len());
        for chunk in [1, 2, 3, 5, 7, 11, 22, 23, 100] {
            let ix = Index::build_in_chunks(&faq, &t, &analyzer, chunk);
            let counted: Vec<(String, u32, u32)> = expected
                .iter()
                .map(|(w, _, _)| (w.clone(), ix.word_df(w), ix.words.get(w).unwrap().answer_df))
                .collect();
            assert_eq!(counted, expected, "runs of {chunk}");
            let own: Vec<&str> = ix.words.list.iter().map(String::as_str).take(expected.len()).collect();
            assert_eq!(own, expected.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(), "runs of {chunk}");
            assert_eq!(ix.words.list, whole.words.list, "runs of {chunk}");
            assert_eq!(ix.concept_df, whole.concept_df, "runs of {chunk}");
            assert_eq!(ix.entry_docs, whole.entry_docs, "runs of {chunk}");
            assert_eq!(ix.tf_norm, whole.tf_norm, "runs of {chunk}");
            for (a, b) in ix.docs.iter().zip(&whole.docs) {
                assert_eq!((a.entry, a.kind, &a.features), (b.entry, b.kind, &b.features), "runs of {chunk}");
            }
            assert_eq!(ix.docs.len(), whole.docs.len());
            assert_eq!(ix.answers, whole.answers, "runs of {chunk}");
            assert_eq!(ix.postings.len(), whole.postings.len(), "runs of {chunk}");
            for (k, &p) in &ix.postings {
                let q = whole.postings[k];
                assert_eq!(ix.postings_list(p), whole.postings_list(q), "runs of {chunk}");
                assert_eq!(p.idf, q.idf, "runs of {chunk}");
            }
            assert_eq!(ix.postings_docs.len(), whole.postings_docs.len(), "runs of {chunk}");
        }
    }

    #[test]
    fn merged_runs_number_words_where_they_are_first_met() {
        let run = |words: &[&str], phases: [usize; 2]| RunWords {
            words: words.iter().map(|w| w.to_string()).collect(),
            phases,
            df: vec![1; words.len()],
            answer_df: vec![2; words.len()],
            ..RunWords::default()
        };
        // Run 1 meets 배송 in its phrasings, run 0 only in its answers.
        let runs = [run(&["환불", "신청", "배송", "고객센터"], [2, 3]), run(&["배송", "환불", "안내"], [2, 3])];
        let mut words = Vocabulary::default();
        let ids = merge_words(&mut words, &[&runs[0], &runs[1]]);
        assert_eq!(words.list, ["환불", "신청", "배송", "안내", "고객센터"]);
        assert_eq!(ids, [vec![0, 1, 2, 4], vec![2, 0, 3]]);
        let df: Vec<(u32, u32)> = words.infos.iter().map(|i| (i.df, i.answer_df)).collect();
        assert_eq!(df, [(2, 4), (1, 2), (2, 4), (1, 2), (1, 2)]);
    }

    #[test]
    fn a_shared_answer_is_indexed_as_if_each_entry_had_its_own() {
        let faq_with = |answers: [&str; 4]| {
            let entries: Vec<crate::faq::Entry> = answers
                .iter()
                .enumerate()
                .map(|(i, a)| crate::faq::Entry {
                    id: format!("e{i}"),
                    question: format!("환불 신청 방법 {i}"),
                    alternates: Vec::new(),
                    answer: a.to_string(),
                    category: None,
                    tags: Vec::new(),
                })
                .collect();
            Faq::new(entries).unwrap()
        };
        let shared = "고객센터로 환불 신청해 주세요.";
        let faq = faq_with([shared, "배송 조회는 마이페이지에서", shared, shared]);
        // The same answers, each a text of its own.
        let own = faq_with([shared, "배송 조회는 마이페이지에서", &format!("{shared} "), &format!(" {shared}")]);
        let t = Thesaurus::builtin();
        let analyzer = Analyzer::default();
        let ix = Index::build(&faq, &t, &analyzer);
        let separate = Index::build(&own, &t, &analyzer);
        assert_eq!(ix.answers, separate.answers);
        assert_eq!(ix.answers[0], ix.answers[3]);
        assert_ne!(ix.answers[0], ix.answers[1]);
        assert!(ix.knows("고객센터") && ix.word_df("고객센터") == 0);
        assert_eq!(ix.words.get("고객센터").unwrap().answer_df, 3);
    }

    #[test]
    fn large_faqs_are_analysed_in_parallel_and_kept_in_order() {
        let entries: Vec<crate::faq::Entry> = (0..PARALLEL_FROM + 500)
            .map(|i| crate::faq::Entry {
                id: format!("e{i}"),
                question: format!("상품{i}번 환불 방법"),
                alternates: vec![format!("제품{i} 반품")],
                answer: format!("답변 {i}"),
                category: None,
                tags: Vec::new(),
            })
            .collect();
        let faq = Faq::new(entries).unwrap();
        let ix = Index::build(&faq, &Thesaurus::builtin(), &Analyzer::default());
        assert_eq!(ix.doc_count(), 2 * (PARALLEL_FROM + 500));
        for entry in [0u32, 1_999, 2_000, 2_499] {
            let docs = ix.docs_of(entry);
            assert_eq!(docs.len(), 2);
            assert!(docs.iter().all(|d| d.entry == entry));
            assert_eq!(docs[0].features, expected_features(&ix, &format!("상품{entry}번 환불 방법")));
            assert_eq!(docs[1].features, expected_features(&ix, &format!("제품{entry} 반품")));
        }
    }
}
