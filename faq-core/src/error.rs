//! The one error type of `faq-core`.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error from loading a FAQ, a thesaurus or a configuration value.
///
/// The message says what went wrong and where: the file, the entry id and,
/// where the parser knows it, the line.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<usize>,
}

/// What went wrong. Use [`Error::kind`] to inspect it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io(String),
    /// The file's extension names no supported format.
    UnknownFormat(String),
    /// The text is not valid TOML, JSON or CSV.
    Parse {
        /// The format being parsed ("toml", "json", "csv").
        format: &'static str,
        /// The parser's message.
        message: String,
    },
    /// Two entries share an id.
    DuplicateId {
        /// The repeated id.
        id: String,
        /// 0-based indexes of both entries.
        first: usize,
        /// 0-based index of the second entry.
        second: usize,
    },
    /// A required field is empty.
    EmptyField {
        /// Entry id, or `#N` (1-based position) when the id itself is empty.
        entry: String,
        /// The empty field.
        field: &'static str,
    },
    /// A field or the file exceeds a limit.
    TooLarge {
        /// Entry id, or `file` for the whole file.
        entry: String,
        /// What exceeded the limit.
        what: &'static str,
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The FAQ has no entries.
    NoEntries,
    /// The text is not UTF-8.
    Encoding {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A configuration value is missing or invalid.
    Config {
        /// Name of the key or environment variable.
        key: String,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind, path: None, line: None }
    }

    pub(crate) fn parse(format: &'static str, line: Option<usize>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Parse { format, message: message.into() }).at_line(line)
    }

    pub(crate) fn at_line(mut self, line: Option<usize>) -> Error {
        if self.line.is_none() {
            self.line = line;
        }
        self
    }

    pub(crate) fn config(key: impl Into<String>, message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Config { key: key.into(), message: message.into() })
    }

    pub(crate) fn with_path(mut self, path: &Path) -> Error {
        if self.path.is_none() {
            self.path = Some(path.to_path_buf());
        }
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The 1-based line the error is about, when known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(path), Some(line)) => write!(f, "{}:{line}: ", path.display())?,
            (Some(path), None) => write!(f, "{}: ", path.display())?,
            (None, Some(line)) => write!(f, "line {line}: ")?,
            (None, None) => {}
        }
        match &self.kind {
            ErrorKind::Io(msg) => write!(f, "cannot read file: {msg}"),
            ErrorKind::UnknownFormat(ext) => write!(f, "unknown FAQ format {ext:?}: use a .toml, .json or .csv file"),
            ErrorKind::Parse { format, message } => write!(f, "invalid {format}: {message}"),
            ErrorKind::DuplicateId { id, first, second } => {
                write!(f, "duplicate entry id {id:?} (entries #{} and #{})", first + 1, second + 1)
            }
            ErrorKind::EmptyField { entry, field } => {
                write!(f, "entry {entry}: field `{field}` is empty")
            }
            ErrorKind::TooLarge { entry, what, size, limit } => {
                write!(f, "entry {entry}: {what} is {size} bytes, the limit is {limit}")
            }
            ErrorKind::NoEntries => write!(f, "the FAQ has no entries"),
            ErrorKind::Encoding { offset } => {
                write!(f, "not UTF-8 text (invalid byte at offset {offset})")
            }
            ErrorKind::Config { key, message } => write!(f, "{key}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// A `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
