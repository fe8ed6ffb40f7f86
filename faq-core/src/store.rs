//! Durable handovers and feedback in a local SQLite file (cargo feature
//! `store`).
//!
//! A handover is a promise to a customer, so a bot writes it here *before*
//! posting anything ([`Store::record_escalation`]), then posts it and
//! records the outcome ([`Store::settle`]). A handover whose post failed is
//! tried again with [`Backoff`] (or after the platform's `Retry-After`);
//! one left pending when the bot stopped is posted after the restart
//! ([`Store::release_all`], then [`Store::post_due`]). The dedupe key (the
//! platform's id of the question) is unique, so a platform delivering the
//! same event twice never creates a second handover.
//!
//! The store also keeps 👍/👎 feedback and unanswered questions, which
//! `faqbot report` reads. [`Retention`] decides whether question texts are
//! kept at all.
//!
//! The store is synchronous (one SQLite connection behind a mutex, WAL
//! journal). [`Store::post_due`] is an `async fn` that needs no particular
//! runtime: the bots own the timers and the HTTP calls, the store owns the
//! decisions and the state transitions.
//!
//! ```
//! use faq_core::store::{Backoff, PostOutcome, Retention, Store};
//! let store = Store::open_in_memory(Retention::Full)?;
//! let id = store.record_escalation("slack", "C1:1.1", "C1:1.1", "U1", Some("주차장은 어디에 있나요?"), "{}")?;
//! let id = id.expect("first time");
//! assert!(store.record_escalation("slack", "C1:1.1", "C1:1.1", "U1", None, "{}")?.is_none(), "duplicate");
//! store.settle(id, PostOutcome::failed("HTTP 500", None), &Backoff::default())?;
//! assert_eq!(store.pending()?[0].attempts, 1);
//! store.settle(id, PostOutcome::Posted { message_ref: "2000.1".into() }, &Backoff::default())?;
//! assert!(store.pending()?.is_empty());
//! # Ok::<(), faq_core::store::StoreError>(())
//! ```

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The store file used when nothing is configured, relative to the
/// working directory.
pub const DEFAULT_PATH: &str = "faqbot.sqlite3";

/// The environment variables [`StoreSettings::apply_env`] reads.
pub const ENV_VARS: &[(&str, &str)] = &[
    ("FAQ_STORE", "SQLite file for handovers and feedback; default ./faqbot.sqlite3"),
    ("FAQ_STORE_RETENTION", "keep question texts in the store: full (default) or none"),
];

/// How long a claimed handover is left to its poster before another
/// [`Store::post_due`] may take it again.
pub const CLAIM_LEASE: Duration = Duration::from_secs(300);

/// The schema version this module writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA_V1: &str = "
CREATE TABLE handovers (
    id              INTEGER PRIMARY KEY,
    platform        TEXT    NOT NULL,
    dedupe_key      TEXT    NOT NULL,
    thread_ref      TEXT    NOT NULL,
    asker           TEXT    NOT NULL,
    question        TEXT,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'posted', 'resolved')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    message_ref     TEXT,
    resolved_by     TEXT,
    created_at      INTEGER NOT NULL,
    posted_at       INTEGER,
    resolved_at     INTEGER,
    UNIQUE (platform, dedupe_key)
);
CREATE INDEX handovers_due ON handovers (state, next_attempt_at);
CREATE INDEX handovers_thread ON handovers (platform, thread_ref);
CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY,
    platform   TEXT    NOT NULL,
    entry_id   TEXT    NOT NULL,
    question   TEXT,
    helpful    INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE unanswered (
    id         INTEGER PRIMARY KEY,
    platform   TEXT    NOT NULL,
    question   TEXT,
    best_entry TEXT,
    confidence REAL    NOT NULL,
    created_at INTEGER NOT NULL
);
";

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("store {path}: {source}")]
    Sqlite {
        /// The store file.
        path: String,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The file was written by a newer version of this program.
    #[error("store {path}: schema version {found} is newer than {SCHEMA_VERSION}; upgrade faqbot")]
    TooNew {
        /// The store file.
        path: String,
        /// The version found in the file.
        found: i64,
    },
}

/// A store result.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Whether question texts are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retention {
    /// Keep question texts (feedback, unanswered questions, handovers).
    #[default]
    Full,
    /// Keep no question text: feedback and unanswered questions are
    /// counted without it, and a handover's text is erased once posted.
    None,
}

impl std::str::FromStr for Retention {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Retention, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(Retention::Full),
            "none" | "off" => Ok(Retention::None),
            other => Err(format!("{other:?} is not full or none")),
        }
    }
}

/// Retry delays for posting handovers: `initial`, then doubling, at most
/// `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Delay after the first failure.
    pub initial: Duration,
    /// Longest delay.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff { initial: Duration::from_secs(1), max: Duration::from_secs(300) }
    }
}

impl Backoff {
    /// The delay after the `failures`-th failure (1-based): 1s, 2s, 4s …
    /// capped at `max`.
    pub fn delay(&self, failures: u32) -> Duration {
        let shift = failures.saturating_sub(1).min(30);
        self.initial.saturating_mul(1u32 << shift).min(self.max)
    }

    /// The delay before the next try: the platform's `Retry-After` when it
    /// gave one (never more than `max`), the schedule otherwise.
    pub fn next(&self, failures: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(after) => after.min(self.max.max(self.initial)),
            None => self.delay(failures),
        }
    }
}

/// Store settings, as the `[store]` table of a bot's configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreSettings {
    /// The SQLite file (`FAQ_STORE`); created when missing.
    pub path: PathBuf,
    /// Whether question texts are kept (`FAQ_STORE_RETENTION`).
    pub retention: Retention,
    /// First retry delay of a failed handover post, in milliseconds.
    pub retry_initial_ms: u64,
    /// Longest retry delay, in milliseconds.
    pub retry_max_ms: u64,
}

impl Default for StoreSettings {
    fn default() -> StoreSettings {
        StoreSettings {
            path: PathBuf::from(DEFAULT_PATH),
            retention: Retention::Full,
            retry_initial_ms: 1_000,
            retry_max_ms: 300_000,
        }
    }
}

impl StoreSettings {
    /// Overrides settings from [`ENV_VARS`], read through `get`; the error
    /// names the variable.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> std::result::Result<(), String> {
        let get = |key: &str| get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if let Some(path) = get("FAQ_STORE") {
            self.path = PathBuf::from(path);
        }
        if let Some(r) = get("FAQ_STORE_RETENTION") {
            self.retention = r.parse().map_err(|e| format!("FAQ_STORE_RETENTION: {e}"))?;
        }
        Ok(())
    }

    /// The retry schedule.
    pub fn backoff(&self) -> Backoff {
        let initial = Duration::from_millis(self.retry_initial_ms);
        Backoff { initial, max: Duration::from_millis(self.retry_max_ms).max(initial) }
    }

    /// Opens (or creates) the store.
    pub fn open(&self) -> Result<Store> {
        Store::open(&self.path, self.retention)
    }
}

/// The id of a handover in the store.
pub type HandoverId = i64;

/// Where a handover is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverState {
    /// Stored, not yet posted to the support team.
    Pending,
    /// Posted; a human has not marked it resolved yet.
    Posted,
    /// A human marked it resolved.
    Resolved,
}

impl HandoverState {
    fn parse(s: &str) -> HandoverState {
        match s {
            "posted" => HandoverState::Posted,
            "resolved" => HandoverState::Resolved,
            _ => HandoverState::Pending,
        }
    }
}

/// A stored handover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HandoverRecord {
    /// Its id.
    pub id: HandoverId,
    /// `slack`, `discord`, …
    pub platform: String,
    /// The platform's id of the question (unique per platform).
    pub dedupe_key: String,
    /// The conversation, in the platform's words (a thread key).
    pub thread_ref: String,
    /// Who asked.
    pub asker: String,
    /// The question, unless retention is off.
    pub question: Option<String>,
    /// What the bot posts, as the bot wrote it (usually JSON); emptied
    /// once posted when retention is off.
    pub payload: String,
    /// Pending, posted or resolved.
    pub state: HandoverState,
    /// Failed posting attempts so far.
    pub attempts: u32,
    /// When the next attempt is due (Unix milliseconds).
    pub next_attempt_at: i64,
    /// The last posting error.
    pub last_error: Option<String>,
    /// The platform's reference of the posted message.
    pub message_ref: Option<String>,
    /// Who resolved it.
    pub resolved_by: Option<String>,
    /// When it was stored (Unix milliseconds).
    pub created_at: i64,
}

/// A handover still to be posted (what [`Store::pending`] and
/// [`Store::post_due`] hand to the bot).
pub type PendingHandover = HandoverRecord;

/// What happened when a bot tried to post a handover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostOutcome {
    /// Posted; the platform's reference of the message.
    Posted {
        /// Message id or timestamp.
        message_ref: String,
    },
    /// Not posted; try again later.
    Failed {
        /// What went wrong (no secrets).
        error: String,
        /// The platform's `Retry-After`, if it gave one.
        retry_after: Option<Duration>,
    },
}

impl PostOutcome {
    /// A failure.
    pub fn failed(error: impl Into<String>, retry_after: Option<Duration>) -> PostOutcome {
        PostOutcome::Failed { error: error.into(), retry_after }
    }
}

/// The state after [`Store::settle`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Marked posted.
    Posted,
    /// Rescheduled after this delay.
    Retry {
        /// Delay before the next attempt.
        after: Duration,
        /// Failed attempts so far.
        attempts: u32,
    },
    /// No such pending handover (already posted or resolved elsewhere).
    Gone,
}

/// What one [`Store::post_due`] pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostReport {
    /// Handovers posted.
    pub posted: usize,
    /// Handovers rescheduled after a failure.
    pub retried: usize,
}

/// A 👍/👎 count for one entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FeedbackCount {
    /// The FAQ entry.
    pub entry_id: String,
    /// 👍 count.
    pub helpful: u64,
    /// 👎 count.
    pub unhelpful: u64,
}

/// A question the bot could not answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnansweredRecord {
    /// `slack`, `discord`, …
    pub platform: String,
    /// The question, unless retention was off.
    pub question: Option<String>,
    /// The matcher's best entry, if any.
    pub best_entry: Option<String>,
    /// Its confidence in [0, 1].
    pub confidence: f32,
    /// When (Unix milliseconds).
    pub created_at: i64,
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// The durable store: handovers, feedback, unanswered questions.
pub struct Store {
    conn: Mutex<Connection>,
    path: String,
    retention: Retention,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("retention", &self.retention).finish()
    }
}

/// A column that identifies handovers to resolve.
#[derive(Clone, Copy)]
enum Column {
    ThreadRef,
    MessageRef,
}

const HANDOVER_COLUMNS: &str = "id, platform, dedupe_key, thread_ref, asker, question, payload, state, attempts, \
                                next_attempt_at, last_error, message_ref, resolved_by, created_at";

fn handover_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<HandoverRecord> {
    let state: String = row.get(7)?;
    let attempts: i64 = row.get(8)?;
    Ok(HandoverRecord {
        id: row.get(0)?,
        platform: row.get(1)?,
        dedupe_key: row.get(2)?,
        thread_ref: row.get(3)?,
        asker: row.get(4)?,
        question: row.get(5)?,
        payload: row.get(6)?,
        state: HandoverState::parse(&state),
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        next_attempt_at: row.get(9)?,
        last_error: row.get(10)?,
        message_ref: row.get(11)?,
        resolved_by: row.get(12)?,
        created_at: row.get(13)?,
    })
}

impl Store {
    /// Opens (or creates) the store at `path`: WAL journal, schema
    /// migrated to [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>, retention: Retention) -> Result<Store> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Sqlite { path: shown.clone(), source })?;
        Store::init(conn, shown, retention)
    }

    /// A store in memory (tests, and runs that must leave no file).
    pub fn open_in_memory(retention: Retention) -> Result<Store> {
        let conn =
            Connection::open_in_memory().map_err(|source| StoreError::Sqlite { path: ":memory:".into(), source })?;
        Store::init(conn, ":memory:".into(), retention)
    }

    fn init(conn: Connection, path: String, retention: Retention) -> Result<Store> {
        let err = |source| StoreError::Sqlite { path: path.clone(), source };
        conn.busy_timeout(Duration::from_secs(5)).map_err(err)?;
        // `journal_mode` answers with the mode; in memory it stays "memory".
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(err)?;
        conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;").map_err(err)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path, found: version });
        }
        if version < 1 {
            conn.execute_batch(&format!("BEGIN; {SCHEMA_V1} PRAGMA user_version = 1; COMMIT;")).map_err(err)?;
        }
        Ok(Store { conn: Mutex::new(conn), path, retention })
    }

    /// The store file (`:memory:` in memory).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether question texts are kept.
    pub fn retention(&self) -> Retention {
        self.retention
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> Result<T> {
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut conn).map_err(|source| StoreError::Sqlite { path: self.path.clone(), source })
    }

    fn kept<'a>(&self, question: Option<&'a str>) -> Option<&'a str> {
        match self.retention {
            Retention::Full => question,
            Retention::None => None,
        }
    }

    /// Stores a handover as pending, before anything is posted. Returns
    /// `None` when this `dedupe_key` was already stored for `platform` (a
    /// duplicate event): the caller then posts nothing.
    ///
    /// The new handover is claimed by the caller for [`CLAIM_LEASE`]: it
    /// should post it at once and call [`Store::settle`]; if the process
    /// stops first, [`Store::release_all`] at the next start makes it due.
    pub fn record_escalation(
        &self,
        platform: &str,
        dedupe_key: &str,
        thread_ref: &str,
        asker: &str,
        question: Option<&str>,
        payload_json: &str,
    ) -> Result<Option<HandoverId>> {
        let question = self.kept(question);
        let now = now_ms();
        self.with(|c| {
            let n = c.execute(
                "INSERT INTO handovers (platform, dedupe_key, thread_ref, asker, question, payload, next_attempt_at, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (platform, dedupe_key) DO NOTHING",
                params![platform, dedupe_key, thread_ref, asker, question, payload_json, now + ms(CLAIM_LEASE), now],
            )?;
            Ok((n == 1).then(|| c.last_insert_rowid()))
        })
    }

    /// Replaces the payload of a pending handover (e.g. once a thread was
    /// opened for it). Returns false when it is no longer pending.
    pub fn update_payload(&self, id: HandoverId, payload_json: &str) -> Result<bool> {
        self.with(|c| {
            c.execute(
                "UPDATE handovers SET payload = ?2 WHERE id = ?1 AND state = 'pending'",
                params![id, payload_json],
            )
            .map(|n| n == 1)
        })
    }

    /// One handover.
    pub fn handover(&self, id: HandoverId) -> Result<Option<HandoverRecord>> {
        self.with(|c| {
            c.query_row(&format!("SELECT {HANDOVER_COLUMNS} FROM handovers WHERE id = ?1"), [id], handover_row)
                .optional()
        })
    }

    /// Every handover, oldest first.
    pub fn handovers(&self) -> Result<Vec<HandoverRecord>> {
        self.with(|c| {
            let mut st = c.prepare(&format!("SELECT {HANDOVER_COLUMNS} FROM handovers ORDER BY id"))?;
            let rows = st.query_map([], handover_row)?;
            rows.collect()
        })
    }

    /// Handovers not posted yet, oldest first.
    pub fn pending(&self) -> Result<Vec<PendingHandover>> {
        self.with(|c| {
            let mut st =
                c.prepare(&format!("SELECT {HANDOVER_COLUMNS} FROM handovers WHERE state = 'pending' ORDER BY id"))?;
            let rows = st.query_map([], handover_row)?;
            rows.collect()
        })
    }

    /// Thread references of handovers not resolved yet, to restore which
    /// conversations wait for a human after a restart.
    pub fn open_threads(&self, platform: &str) -> Result<Vec<(String, String)>> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT thread_ref, dedupe_key FROM handovers WHERE platform = ?1 AND state != 'resolved' ORDER BY id",
            )?;
            let rows = st.query_map([platform], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    /// Makes every pending handover due now (call once at start: claims
    /// of a previous run are void).
    pub fn release_all(&self) -> Result<usize> {
        let now = now_ms();
        self.with(|c| {
            c.execute(
                "UPDATE handovers SET next_attempt_at = ?1 WHERE state = 'pending' AND next_attempt_at > ?1",
                [now],
            )
        })
    }

    /// Takes the pending handovers due at `now` (Unix milliseconds), at
    /// most `limit`, and claims them for [`CLAIM_LEASE`] so that no other
    /// pass posts them meanwhile.
    pub fn claim_due(&self, now: i64, limit: usize) -> Result<Vec<PendingHandover>> {
        self.with(|c| {
            let tx = c.transaction()?;
            let due: Vec<HandoverRecord> = {
                let mut st = tx.prepare(&format!(
                    "SELECT {HANDOVER_COLUMNS} FROM handovers WHERE state = 'pending' AND next_attempt_at <= ?1
                     ORDER BY next_attempt_at, id LIMIT ?2"
                ))?;
                let rows = st.query_map(params![now, limit as i64], handover_row)?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for h in &due {
                tx.execute(
                    "UPDATE handovers SET next_attempt_at = ?2 WHERE id = ?1",
                    params![h.id, now + ms(CLAIM_LEASE)],
                )?;
            }
            tx.commit()?;
            Ok(due)
        })
    }

    /// When the next pending handover is due (Unix milliseconds), if any.
    pub fn next_due(&self) -> Result<Option<i64>> {
        self.with(|c| {
            c.query_row("SELECT MIN(next_attempt_at) FROM handovers WHERE state = 'pending'", [], |r| r.get(0))
        })
    }

    /// Marks a handover posted. Returns false when it was not pending.
    pub fn mark_posted(&self, id: HandoverId, platform_message_ref: &str) -> Result<bool> {
        let forget = self.retention == Retention::None;
        self.with(|c| {
            c.execute(
                "UPDATE handovers SET state = 'posted', message_ref = ?2, posted_at = ?3, last_error = NULL,
                 payload = CASE WHEN ?4 THEN '' ELSE payload END WHERE id = ?1 AND state = 'pending'",
                params![id, platform_message_ref, now_ms(), forget],
            )
            .map(|n| n == 1)
        })
    }

    /// Records a failed attempt: one more attempt, next one after `delay`.
    /// Returns the number of failed attempts, or `None` when the handover
    /// is not pending.
    pub fn reschedule(&self, id: HandoverId, delay: Duration, error: &str) -> Result<Option<u32>> {
        self.with(|c| {
            c.query_row(
                "UPDATE handovers SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3
                 WHERE id = ?1 AND state = 'pending' RETURNING attempts",
                params![id, now_ms() + ms(delay), error],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map(|a| a.map(|a| u32::try_from(a).unwrap_or(u32::MAX)))
        })
    }

    /// Records the outcome of a post: marks it posted, or reschedules it
    /// after the platform's `Retry-After` or the next `backoff` delay.
    pub fn settle(&self, id: HandoverId, outcome: PostOutcome, backoff: &Backoff) -> Result<Settled> {
        match outcome {
            PostOutcome::Posted { message_ref } => {
                Ok(if self.mark_posted(id, &message_ref)? { Settled::Posted } else { Settled::Gone })
            }
            PostOutcome::Failed { error, retry_after } => {
                let failures = self.handover(id)?.map(|h| h.attempts + 1).unwrap_or(1);
                let after = backoff.next(failures, retry_after);
                Ok(match self.reschedule(id, after, &error)? {
                    Some(attempts) => Settled::Retry { after, attempts },
                    None => Settled::Gone,
                })
            }
        }
    }

    /// Posts every handover due now with `post` (the bot's platform call),
    /// one after the other, and records each outcome.
    pub async fn post_due<F, Fut>(&self, backoff: &Backoff, mut post: F) -> Result<PostReport>
    where
        F: FnMut(PendingHandover) -> Fut,
        Fut: Future<Output = PostOutcome>,
    {
        let mut report = PostReport::default();
        loop {
            let due = self.claim_due(now_ms(), 16)?;
            if due.is_empty() {
                return Ok(report);
            }
            for h in due {
                let id = h.id;
                match self.settle(id, post(h).await, backoff)? {
                    Settled::Posted => report.posted += 1,
                    Settled::Retry { .. } => report.retried += 1,
                    Settled::Gone => {}
                }
            }
        }
    }

    /// How long until the next pending handover is due (zero when one is
    /// due now), or `None` when nothing is pending.
    pub fn next_wait(&self) -> Result<Option<Duration>> {
        let now = now_ms();
        Ok(self.next_due()?.map(|at| Duration::from_millis(u64::try_from(at - now).unwrap_or(0))))
    }

    /// Marks a handover resolved by `by`. Returns false when it was
    /// already resolved or does not exist.
    pub fn mark_resolved(&self, id: HandoverId, by: &str) -> Result<bool> {
        self.with(|c| {
            c.execute(
                "UPDATE handovers SET state = 'resolved', resolved_by = ?2, resolved_at = ?3 WHERE id = ?1 AND state != 'resolved'",
                params![id, by, now_ms()],
            )
            .map(|n| n == 1)
        })
    }

    /// Marks resolved every open handover of a conversation; returns how
    /// many.
    pub fn resolve_thread(&self, platform: &str, thread_ref: &str, by: &str) -> Result<usize> {
        self.resolve_where(platform, Column::ThreadRef, thread_ref, by)
    }

    /// Marks resolved the handover posted as message `message_ref` (for
    /// handovers that have no thread, such as replies to a slash command).
    /// Returns the number of handovers changed.
    pub fn resolve_message(&self, platform: &str, message_ref: &str, by: &str) -> Result<usize> {
        self.resolve_where(platform, Column::MessageRef, message_ref, by)
    }

    fn resolve_where(&self, platform: &str, column: Column, value: &str, by: &str) -> Result<usize> {
        let column = match column {
            Column::ThreadRef => "thread_ref",
            Column::MessageRef => "message_ref",
        };
        let sql = format!(
            "UPDATE handovers SET state = 'resolved', resolved_by = ?3, resolved_at = ?4
             WHERE platform = ?1 AND {column} = ?2 AND state != 'resolved'"
        );
        self.with(|c| c.execute(&sql, params![platform, value, by, now_ms()]))
    }

    /// Records 👍 (`helpful`) or 👎 on an entry's answer.
    pub fn record_feedback(&self, platform: &str, entry_id: &str, question: Option<&str>, helpful: bool) -> Result<()> {
        let question = self.kept(question);
        self.with(|c| {
            c.execute(
                "INSERT INTO feedback (platform, entry_id, question, helpful, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![platform, entry_id, question, helpful, now_ms()],
            )
            .map(|_| ())
        })
    }

    /// Records a question the bot could not answer, with the matcher's
    /// best entry and its confidence.
    pub fn record_unanswered(
        &self,
        platform: &str,
        question: Option<&str>,
        best_entry: Option<&str>,
        confidence: f32,
    ) -> Result<()> {
        let question = self.kept(question);
        let confidence = if confidence.is_finite() { confidence.clamp(0.0, 1.0) } else { 0.0 };
        self.with(|c| {
            c.execute(
                "INSERT INTO unanswered (platform, question, best_entry, confidence, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![platform, question, best_entry, f64::from(confidence), now_ms()],
            )
            .map(|_| ())
        })
    }

    /// Every unanswered question, oldest first.
    pub fn unanswered(&self) -> Result<Vec<UnansweredRecord>> {
        self.with(|c| {
            let mut st =
                c.prepare("SELECT platform, question, best_entry, confidence, created_at FROM unanswered ORDER BY id")?;
            let rows = st.query_map([], |r| {
                Ok(UnansweredRecord {
                    platform: r.get(0)?,
                    question: r.get(1)?,
                    best_entry: r.get(2)?,
                    confidence: r.get::<_, f64>(3)? as f32,
                    created_at: r.get(4)?,
                })
            })?;
            rows.collect()
        })
    }

    /// 👍/👎 counts per entry, most 👎 first.
    pub fn feedback_counts(&self) -> Result<Vec<FeedbackCount>> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT entry_id, SUM(helpful != 0), SUM(helpful = 0) FROM feedback GROUP BY entry_id
                 ORDER BY SUM(helpful = 0) DESC, entry_id",
            )?;
            let rows = st.query_map([], |r| {
                Ok(FeedbackCount {
                    entry_id: r.get(0)?,
                    helpful: r.get::<_, i64>(1)?.max(0) as u64,
                    unhelpful: r.get::<_, i64>(2)?.max(0) as u64,
                })
            })?;
            rows.collect()
        })
    }

    /// Questions of 👎 feedback (when kept), with their entry.
    pub fn unhelpful_questions(&self) -> Result<Vec<(String, String)>> {
        self.with(|c| {
            let mut st = c.prepare(
                "SELECT entry_id, question FROM feedback WHERE helpful = 0 AND question IS NOT NULL ORDER BY id",
            )?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new temporary directory, removed when dropped, and the path of the
    /// store file `name` in it.
    fn temp_path(name: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::Builder::new().prefix("faq-core-store-").tempdir().unwrap();
        let path = dir.path().join(format!("{name}.sqlite3"));
        (dir, path)
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let b = Backoff { initial: Duration::from_secs(1), max: Duration::from_secs(5) };
        let delays: Vec<u64> = (1..=5).map(|n| b.delay(n).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4, 5, 5]);
        assert_eq!(b.delay(200), Duration::from_secs(5));
        assert_eq!(b.next(1, Some(Duration::from_millis(1500))), Duration::from_millis(1500));
        assert_eq!(b.next(1, Some(Duration::from_secs(3600))), Duration::from_secs(5));
    }

    #[test]
    fn handover_lifecycle_survives_reopening() {
        let (_dir, path) = temp_path("lifecycle");
        let store = Store::open(&path, Retention::Full).unwrap();
        let mode: String = store.with(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0))).unwrap();
        assert_eq!(mode, "wal");
        let id = store.record_escalation("slack", "ev1", "C1:1.1", "U1", Some("주차"), "{\"a\":1}").unwrap().unwrap();
        assert_eq!(store.record_escalation("slack", "ev1", "C1:1.1", "U1", Some("주차"), "{}").unwrap(), None);
        assert!(store.record_escalation("discord", "ev1", "10", "5", None, "{}").unwrap().is_some(), "per platform");
        // Claimed by the writer: nothing due for another pass.
        assert!(store.claim_due(now_ms(), 10).unwrap().is_empty());
        drop(store);

        // A restart: the claim is void, the handover is posted once.
        let store = Store::open(&path, Retention::Full).unwrap();
        assert_eq!(store.pending().unwrap().len(), 2);
        assert_eq!(store.release_all().unwrap(), 2);
        let due = store.claim_due(now_ms(), 10).unwrap();
        assert_eq!(due.len(), 2);
        assert_eq!(due[0].payload, "{\"a\":1}");
        assert_eq!(due[0].question.as_deref(), Some("주차"));
        assert!(store.claim_due(now_ms(), 10).unwrap().is_empty(), "claimed");
        let fast = Backoff { initial: Duration::ZERO, max: Duration::ZERO };
        assert_eq!(
            store.settle(id, PostOutcome::failed("HTTP 500", None), &fast).unwrap(),
            Settled::Retry { after: Duration::ZERO, attempts: 1 }
        );
        let h = store.handover(id).unwrap().unwrap();
        assert_eq!((h.state, h.attempts, h.last_error.as_deref()), (HandoverState::Pending, 1, Some("HTTP 500")));
        assert_eq!(store.settle(id, PostOutcome::Posted { message_ref: "m1".into() }, &fast).unwrap(), Settled::Posted);
        assert_eq!(store.settle(id, PostOutcome::Posted { message_ref: "m2".into() }, &fast).unwrap(), Settled::Gone);
        let h = store.handover(id).unwrap().unwrap();
        assert_eq!((h.state, h.message_ref.as_deref()), (HandoverState::Posted, Some("m1")));
        assert_eq!(store.open_threads("slack").unwrap(), vec![("C1:1.1".to_string(), "ev1".to_string())]);
        assert_eq!(store.resolve_thread("slack", "C1:1.1", "URES").unwrap(), 1);
        assert!(store.open_threads("slack").unwrap().is_empty());
        assert!(!store.mark_resolved(id, "URES").unwrap());
        assert_eq!(store.handover(id).unwrap().unwrap().resolved_by.as_deref(), Some("URES"));
    }

    #[test]
    fn a_handover_without_a_thread_is_resolved_by_its_message() {
        let store = Store::open_in_memory(Retention::Full).unwrap();
        let id = store.record_escalation("slack", "cmd1", "", "U1", Some("주차"), "{}").unwrap().unwrap();
        let fast = Backoff { initial: Duration::ZERO, max: Duration::ZERO };
        store.settle(id, PostOutcome::Posted { message_ref: "1700.5".into() }, &fast).unwrap();
        assert_eq!(store.resolve_message("slack", "1699.0", "URES").unwrap(), 0);
        assert_eq!(store.resolve_message("slack", "1700.5", "URES").unwrap(), 1);
        assert_eq!(store.handover(id).unwrap().unwrap().state, HandoverState::Resolved);
    }

    #[test]
    fn retry_after_wins_over_the_schedule() {
        let store = Store::open_in_memory(Retention::Full).unwrap();
        let id = store.record_escalation("slack", "k", "t", "u", None, "{}").unwrap().unwrap();
        let b = Backoff { initial: Duration::from_millis(10), max: Duration::from_secs(60) };
        let s = store.settle(id, PostOutcome::failed("429", Some(Duration::from_secs(7))), &b).unwrap();
        assert_eq!(s, Settled::Retry { after: Duration::from_secs(7), attempts: 1 });
        let wait = store.next_wait().unwrap().unwrap();
        assert!(wait > Duration::from_secs(6) && wait <= Duration::from_secs(7), "{wait:?}");
        let s = store.settle(id, PostOutcome::failed("500", None), &b).unwrap();
        assert_eq!(s, Settled::Retry { after: Duration::from_millis(20), attempts: 2 });
    }

    #[test]
    fn post_due_posts_each_handover_once() {
        let store = Store::open_in_memory(Retention::Full).unwrap();
        for k in ["a", "b", "c"] {
            store.record_escalation("discord", k, k, "u", Some(k), k).unwrap();
        }
        store.release_all().unwrap();
        let fast = Backoff { initial: Duration::ZERO, max: Duration::ZERO };
        let mut posted = Vec::new();
        let mut failures = 0;
        // "b" fails twice; each pass retries what is due.
        for _ in 0..5 {
            let report = block_on(store.post_due(&fast, |h| {
                let outcome = if h.payload == "b" && failures < 2 {
                    failures += 1;
                    PostOutcome::failed("HTTP 500", None)
                } else {
                    posted.push(h.payload.clone());
                    PostOutcome::Posted { message_ref: format!("m-{}", h.payload) }
                };
                std::future::ready(outcome)
            }))
            .unwrap();
            if report == PostReport::default() {
                break;
            }
        }
        posted.sort();
        assert_eq!(posted, ["a", "b", "c"]);
        assert!(store.pending().unwrap().is_empty());
        assert_eq!(store.next_wait().unwrap(), None);
    }

    #[test]
    fn retention_none_keeps_no_question_text() {
        let store = Store::open_in_memory(Retention::None).unwrap();
        let id = store
            .record_escalation("slack", "k", "t", "u", Some("비밀 질문"), "{\"text\":\"비밀 질문\"}")
            .unwrap()
            .unwrap();
        assert_eq!(store.handover(id).unwrap().unwrap().question, None);
        assert!(store.mark_posted(id, "m").unwrap());
        assert_eq!(store.handover(id).unwrap().unwrap().payload, "", "payload erased once posted");
        store.record_feedback("slack", "refund", Some("비밀 질문"), false).unwrap();
        store.record_unanswered("slack", Some("비밀 질문"), Some("refund"), 0.4).unwrap();
        assert_eq!(store.unanswered().unwrap()[0].question, None);
        assert!(store.unhelpful_questions().unwrap().is_empty());
        assert_eq!(
            store.feedback_counts().unwrap(),
            [FeedbackCount { entry_id: "refund".into(), helpful: 0, unhelpful: 1 }]
        );
    }

    #[test]
    fn feedback_and_unanswered_are_counted() {
        let store = Store::open_in_memory(Retention::Full).unwrap();
        store.record_feedback("slack", "refund", Some("환불"), true).unwrap();
        store.record_feedback("discord", "refund", Some("환불 안 돼요"), false).unwrap();
        store.record_feedback("discord", "hours", None, false).unwrap();
        store.record_feedback("discord", "hours", None, false).unwrap();
        let counts = store.feedback_counts().unwrap();
        assert_eq!(counts[0], FeedbackCount { entry_id: "hours".into(), helpful: 0, unhelpful: 2 });
        assert_eq!(counts[1], FeedbackCount { entry_id: "refund".into(), helpful: 1, unhelpful: 1 });
        assert_eq!(store.unhelpful_questions().unwrap(), [("refund".to_string(), "환불 안 돼요".to_string())]);
        store.record_unanswered("slack", Some("주차"), None, f32::NAN).unwrap();
        store.record_unanswered("slack", Some("주차권"), Some("parking"), 0.45).unwrap();
        let u = store.unanswered().unwrap();
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].confidence, 0.0);
        assert_eq!(u[1].best_entry.as_deref(), Some("parking"));
    }

    #[test]
    fn settings_from_env_and_newer_schema_refused() {
        let mut s = StoreSettings::default();
        assert_eq!(s.path, PathBuf::from(DEFAULT_PATH));
        s.apply_env(|k| match k {
            "FAQ_STORE" => Some("/tmp/x.sqlite3".into()),
            "FAQ_STORE_RETENTION" => Some("none".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!((s.path.to_str(), s.retention), (Some("/tmp/x.sqlite3"), Retention::None));
        let err = s.apply_env(|k| (k == "FAQ_STORE_RETENTION").then(|| "some".to_string())).unwrap_err();
        assert!(err.contains("FAQ_STORE_RETENTION"), "{err}");
        let (_dir, path) = temp_path("newer");
        Connection::open(&path).unwrap().execute_batch("PRAGMA user_version = 99;").unwrap();
        let err = Store::open(&path, Retention::Full).unwrap_err().to_string();
        assert!(err.contains("schema version 99"), "{err}");
    }

    /// Runs a future that never waits (the test posters are ready at once).
    fn block_on<F: Future>(f: F) -> F::Output {
        use std::task::{Context, Poll, Waker};
        let mut f = std::pin::pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }
}
