//! The FAQ model and its loaders (TOML, JSON, CSV).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// Largest FAQ file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Largest number of entries accepted.
pub const MAX_ENTRIES: usize = 200_000;
/// Largest question or alternate accepted, in bytes.
pub const MAX_PHRASING_BYTES: usize = 2_000;
/// Largest answer accepted, in bytes.
pub const MAX_ANSWER_BYTES: usize = 16 * 1024;

/// One FAQ entry: a question, its other phrasings and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Unique, stable identifier (used in buttons, logs and evaluation files).
    pub id: String,
    /// The canonical question, shown to users as "the question this answers".
    pub question: String,
    /// Other ways users ask the same thing.
    #[serde(default)]
    pub alternates: Vec<String>,
    /// The answer shown to users.
    pub answer: String,
    /// Optional category, for operators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Optional free-form tags; they are indexed like alternates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Entry {
    /// The question followed by every alternate.
    pub fn phrasings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.question.as_str()).chain(self.alternates.iter().map(String::as_str))
    }
}

/// A whole FAQ: its entries and optional extra synonym groups.
///
/// Build one with [`Faq::from_path`], [`Faq::from_str`] or [`Faq::new`]; every
/// constructor validates the entries (unique ids, nothing empty, sizes within
/// limits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// Extra synonym groups that extend the built-in thesaurus, e.g.
    /// `[["멤버십", "회원제"]]`. Each group's words are treated as one concept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
}

/// The file formats a FAQ can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `[[entries]]` tables.
    Toml,
    /// `{"entries": [...]}`.
    Json,
    /// Header `id,question,answer,alternates,category` (plus optional `tags`);
    /// alternates and tags separated by `|`.
    Csv,
}

impl Format {
    /// The format named by a file's extension, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

impl Faq {
    /// Builds a validated FAQ from entries.
    pub fn new(entries: Vec<Entry>) -> Result<Faq> {
        let faq = Faq { entries, synonyms: Vec::new() };
        faq.validate(None)?;
        Ok(faq)
    }

    /// Reads and validates a FAQ file; the format comes from its extension.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Faq> {
        let path = path.as_ref();
        let format = Format::from_path(path).ok_or_else(|| {
            let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            Error::new(ErrorKind::UnknownFormat(ext)).with_path(path)
        })?;
        let meta = std::fs::metadata(path).map_err(|e| Error::new(ErrorKind::Io(e.to_string())).with_path(path))?;
        if meta.len() > MAX_FILE_BYTES as u64 {
            return Err(Error::new(ErrorKind::TooLarge {
                entry: "file".into(),
                what: "the file",
                size: meta.len() as usize,
                limit: MAX_FILE_BYTES,
            })
            .with_path(path));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::new(ErrorKind::Io(e.to_string())).with_path(path))?;
        Faq::from_bytes(&bytes, format).map_err(|e| e.with_path(path))
    }

    /// Parses and validates FAQ bytes: they must be UTF-8 (a BOM is allowed).
    pub fn from_bytes(bytes: &[u8], format: Format) -> Result<Faq> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Error::parse(format.name(), None, "the file is UTF-16; save it as UTF-8"));
        }
        let text =
            std::str::from_utf8(bytes).map_err(|e| Error::new(ErrorKind::Encoding { offset: e.valid_up_to() }))?;
        Faq::from_str(text, format)
    }

    /// Parses and validates FAQ text in the given format. A leading BOM is ignored.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str, format: Format) -> Result<Faq> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > MAX_FILE_BYTES {
            return Err(Error::new(ErrorKind::TooLarge {
                entry: "file".into(),
                what: "the text",
                size: text.len(),
                limit: MAX_FILE_BYTES,
            }));
        }
        let faq = match format {
            Format::Toml => parse_toml(text)?,
            Format::Json => parse_json(text)?,
            Format::Csv => parse_csv(text)?,
        };
        faq.validate(Some(text))?;
        Ok(faq)
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries (never the case for a validated FAQ).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn validate(&self, source: Option<&str>) -> Result<()> {
        if self.entries.is_empty() {
            return Err(Error::new(ErrorKind::NoEntries));
        }
        if self.entries.len() > MAX_ENTRIES {
            return Err(Error::new(ErrorKind::TooLarge {
                entry: "file".into(),
                what: "the number of entries",
                size: self.entries.len(),
                limit: MAX_ENTRIES,
            }));
        }
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(self.entries.len());
        for (i, e) in self.entries.iter().enumerate() {
            let name = if e.id.trim().is_empty() { format!("#{}", i + 1) } else { format!("{:?}", e.id) };
            let occurrence = if seen.contains_key(e.id.as_str()) { 2 } else { 1 };
            let at = |err: Error| locate(err, source, &e.id, occurrence);
            if e.id.trim().is_empty() {
                return Err(at(Error::new(ErrorKind::EmptyField { entry: name, field: "id" })));
            }
            if e.question.trim().is_empty() {
                return Err(at(Error::new(ErrorKind::EmptyField { entry: name, field: "question" })));
            }
            if e.answer.trim().is_empty() {
                return Err(at(Error::new(ErrorKind::EmptyField { entry: name, field: "answer" })));
            }
            if e.alternates.iter().any(|a| a.trim().is_empty()) {
                return Err(at(Error::new(ErrorKind::EmptyField { entry: name, field: "alternates" })));
            }
            for p in e.phrasings() {
                if p.len() > MAX_PHRASING_BYTES {
                    return Err(at(Error::new(ErrorKind::TooLarge {
                        entry: name,
                        what: "a question or alternate",
                        size: p.len(),
                        limit: MAX_PHRASING_BYTES,
                    })));
                }
            }
            if e.answer.len() > MAX_ANSWER_BYTES {
                return Err(at(Error::new(ErrorKind::TooLarge {
                    entry: name,
                    what: "the answer",
                    size: e.answer.len(),
                    limit: MAX_ANSWER_BYTES,
                })));
            }
            if let Some(first) = seen.insert(e.id.as_str(), i) {
                return Err(at(Error::new(ErrorKind::DuplicateId { id: e.id.clone(), first, second: i })));
            }
        }
        Ok(())
    }
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// Adds to a validation error the line where the entry's id appears
/// (its `occurrence`-th appearance, 1-based), when the source is known.
fn locate(err: Error, source: Option<&str>, id: &str, occurrence: usize) -> Error {
    let (Some(src), false) = (source, id.is_empty()) else { return err };
    let quoted = format!("\"{id}\"");
    let needle = if src.contains(&quoted) { quoted.as_str() } else { id };
    let line = src.match_indices(needle).nth(occurrence - 1).map(|(pos, _)| line_of(src, pos));
    err.at_line(line)
}

fn line_of(src: &str, byte: usize) -> usize {
    src[..byte.min(src.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

fn parse_toml(text: &str) -> Result<Faq> {
    toml::from_str::<Faq>(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        Error::parse("toml", line, e.message())
    })
}

fn parse_json(text: &str) -> Result<Faq> {
    serde_json::from_str::<Faq>(text).map_err(|e| {
        let line = if e.line() > 0 { Some(e.line()) } else { None };
        let mut message = e.to_string();
        if let Some(pos) = message.rfind(" at line ") {
            message.truncate(pos);
        }
        Error::parse("json", line, message)
    })
}

const CSV_COLUMNS: [&str; 6] = ["id", "question", "answer", "alternates", "category", "tags"];

fn parse_csv(text: &str) -> Result<Faq> {
    let csv_err = |line: Option<usize>, message: String| Error::parse("csv", line, message);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_err(Some(1), e.to_string()))?.clone();
    let mut col = [None; 6];
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim();
        match CSV_COLUMNS.iter().position(|c| *c == h) {
            Some(k) if col[k].is_none() => col[k] = Some(i),
            Some(_) => return Err(csv_err(Some(1), format!("column `{h}` appears twice"))),
            None => {
                return Err(csv_err(
                    Some(1),
                    format!("unknown column `{h}`; expected id, question, answer, alternates, category, tags"),
                ))
            }
        }
    }
    for (k, name) in CSV_COLUMNS.iter().enumerate().take(3) {
        if col[k].is_none() {
            return Err(csv_err(Some(1), format!("missing column `{name}`")));
        }
    }
    let split =
        |s: &str| -> Vec<String> { s.split('|').map(str::trim).filter(|p| !p.is_empty()).map(String::from).collect() };
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            csv_err(line, e.to_string())
        })?;
        let get = |k: usize| col[k].and_then(|i| record.get(i)).unwrap_or("").to_string();
        let category = get(4);
        entries.push(Entry {
            id: get(0).trim().to_string(),
            question: get(1),
            answer: get(2),
            alternates: split(&get(3)),
            category: if category.trim().is_empty() { None } else { Some(category) },
            tags: split(&get(5)),
        });
        if entries.len() > MAX_ENTRIES {
            break;
        }
    }
    Ok(Faq { entries, synonyms: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
[[entries]]
id = "hours"
question = "고객센터는 몇 시까지 하나요?"
alternates = ["운영 시간이 어떻게 되나요?"]
answer = "평일 오전 9시부터 오후 6시까지 운영합니다."
category = "이용 안내"

[[entries]]
id = "phone"
question = "전화번호는 어디서 봐요?"
answer = "홈페이지 고객센터 페이지에 있습니다."
"#;

    #[test]
    fn loads_toml() {
        let faq = Faq::from_str(TOML, Format::Toml).unwrap();
        assert_eq!(faq.len(), 2);
        assert_eq!(faq.entries[0].alternates, vec!["운영 시간이 어떻게 되나요?"]);
        assert_eq!(faq.get("phone").unwrap().category, None);
    }

    #[test]
    fn loads_json_and_csv() {
        let json = r#"{"entries":[{"id":"a","question":"환불은 어떻게 하나요?","alternates":["돈 돌려받고 싶어요"],"answer":"앱에서 신청하세요.","tags":["환불"]}]}"#;
        let faq = Faq::from_str(json, Format::Json).unwrap();
        assert_eq!(faq.entries[0].tags, vec!["환불"]);
        let csv = "id,question,answer,alternates,category\na,환불은 어떻게 하나요?,앱에서 신청하세요.,돈 돌려받고 싶어요|환불 방법,결제\n";
        let faq = Faq::from_str(csv, Format::Csv).unwrap();
        assert_eq!(faq.entries[0].alternates, vec!["돈 돌려받고 싶어요", "환불 방법"]);
        assert_eq!(faq.entries[0].category.as_deref(), Some("결제"));
    }

    #[test]
    fn bom_is_ignored() {
        let text = format!("\u{feff}{TOML}");
        assert_eq!(Faq::from_str(&text, Format::Toml).unwrap().len(), 2);
    }

    macro_rules! assert_err {
        ($text:expr, $format:expr, $($needle:expr),+) => {{
            let err = Faq::from_str($text, $format).unwrap_err().to_string();
            $( assert!(err.contains($needle), "error {err:?} should contain {:?}", $needle); )+
        }};
    }

    #[test]
    fn errors_name_the_place() {
        let dup = format!("{TOML}\n[[entries]]\nid = \"hours\"\nquestion = \"q\"\nanswer = \"a\"\n");
        assert_err!(&dup, Format::Toml, "duplicate entry id \"hours\"", "line 15");
        assert_err!(
            "[[entries]]\nid = \"x\"\nquestion = \"\"\nanswer = \"a\"\n",
            Format::Toml,
            "entry \"x\"",
            "`question` is empty",
            "line 2"
        );
        assert_err!(
            "[[entries]]\nid = \"x\"\nquestion = \"q\"\nanswer = \"a\"\ncolour = 1\n",
            Format::Toml,
            "line 5",
            "unknown field `colour`"
        );
        assert_err!("[[entries]\nid=1", Format::Toml, "invalid toml", "line 1");
        assert_err!("{\"entries\": [\n{\"id\": 1}]}", Format::Json, "invalid json", "line 2");
        assert_err!("id,question,answer,colour\n", Format::Csv, "unknown column `colour`");
        assert_err!("id,question,answer\na,b\n", Format::Csv, "line 2");
        assert_err!("entries = []", Format::Toml, "no entries");
    }

    #[test]
    fn huge_answer_is_refused() {
        let big = "가".repeat(MAX_ANSWER_BYTES);
        let text = format!("[[entries]]\nid = \"x\"\nquestion = \"q\"\nanswer = \"{big}\"\n");
        assert_err!(&text, Format::Toml, "the answer is", "the limit is");
    }

    #[test]
    fn a_ten_megabyte_answer_in_a_file_names_the_file_entry_and_line() {
        let file = tempfile::Builder::new().prefix("faq-core-big-").suffix(".toml").tempfile().unwrap();
        let path = file.path();
        let big = "가".repeat(10 * 1024 * 1024 / 3);
        std::fs::write(path, format!("[[entries]]\nid = \"big\"\nquestion = \"q\"\nanswer = \"{big}\"\n")).unwrap();
        let err = Faq::from_path(path).unwrap_err().to_string();
        assert!(err.contains(path.to_str().unwrap()), "{err}");
        assert!(err.contains("entry \"big\"") && err.contains("the limit is"), "{err}");
        assert!(err.contains(":2:"), "{err}");
    }

    #[test]
    fn files_and_faqs_beyond_the_limits_are_refused_before_reading() {
        let file = tempfile::Builder::new().prefix("faq-core-huge-").suffix(".json").tempfile().unwrap();
        let path = file.path();
        // A sparse file: its size is checked before anything is read.
        file.as_file().set_len(MAX_FILE_BYTES as u64 + 1).unwrap();
        let err = Faq::from_path(path).unwrap_err().to_string();
        assert!(err.contains(path.to_str().unwrap()) && err.contains("the limit is"), "{err}");

        let entry = |i: usize| Entry {
            id: i.to_string(),
            question: "q".into(),
            alternates: Vec::new(),
            answer: "a".into(),
            category: None,
            tags: Vec::new(),
        };
        let err = Faq::new((0..=MAX_ENTRIES).map(entry).collect()).unwrap_err().to_string();
        assert!(err.contains(&MAX_ENTRIES.to_string()), "{err}");
    }

    #[test]
    fn invalid_utf8_and_utf16_are_refused() {
        let err = Faq::from_bytes(b"id,question\n\xff\xfe", Format::Csv).unwrap_err();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
        let err = Faq::from_bytes(b"\xff\xfei\x00d\x00", Format::Csv).unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
    }
}
