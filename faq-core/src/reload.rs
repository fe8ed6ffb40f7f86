//! Hot reload: a matcher that can be replaced while questions are being
//! answered.
//!
//! [`LiveMatcher`] holds the current [`Matcher`] behind an atomic pointer.
//! A reload builds the new index off to the side and swaps it in one store;
//! questions in flight keep the matcher they started with, and a FAQ file
//! that fails validation is refused while the old one keeps serving.
//! [`LiveMatcher::watch`] reloads when the file changes on disk.
//!
//! ```
//! use faq_core::{reload::LiveMatcher, CoreSettings};
//! let live = LiveMatcher::load(CoreSettings::default()).unwrap();
//! let before = live.current();
//! assert!(before.faq().len() > 5);
//! ```

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;

use crate::error::{Error, ErrorKind, Result};
use crate::matcher::Matcher;
use crate::settings::CoreSettings;

/// How a reload went.
#[derive(Debug, Clone, PartialEq)]
pub struct Reloaded {
    /// Entries in the new FAQ.
    pub entries: usize,
    /// Time spent building the new index, in milliseconds.
    pub build_ms: f64,
}

/// A matcher that can be swapped atomically. `Send + Sync`; share it in an `Arc`.
#[derive(Debug)]
pub struct LiveMatcher {
    current: ArcSwap<Matcher>,
    settings: CoreSettings,
}

impl LiveMatcher {
    /// Loads the FAQ named by the settings (or the embedded default).
    pub fn load(settings: CoreSettings) -> Result<LiveMatcher> {
        let matcher = settings.matcher_for(settings.read_faq()?)?;
        Ok(LiveMatcher { current: ArcSwap::from_pointee(matcher), settings })
    }

    /// Serves a matcher built elsewhere; [`LiveMatcher::reload`] then reads
    /// the file of `settings`.
    pub fn new(matcher: Matcher, settings: CoreSettings) -> LiveMatcher {
        LiveMatcher { current: ArcSwap::from_pointee(matcher), settings }
    }

    /// The matcher to answer one question with.
    pub fn current(&self) -> Arc<Matcher> {
        self.current.load_full()
    }

    /// The settings the matcher is built from.
    pub fn settings(&self) -> &CoreSettings {
        &self.settings
    }

    /// Reads and indexes the FAQ file again and swaps it in. On error the
    /// current matcher keeps serving and the error says why.
    pub fn reload(&self) -> Result<Reloaded> {
        let start = std::time::Instant::now();
        let matcher = self.settings.matcher_for(self.settings.read_faq()?)?;
        let entries = matcher.faq().len();
        self.current.store(Arc::new(matcher));
        Ok(Reloaded { entries, build_ms: start.elapsed().as_secs_f64() * 1000.0 })
    }

    /// Watches the FAQ file and reloads when it changes (several quick
    /// writes cause one reload). `report` is called with each outcome, from
    /// the watcher's thread. Dropping the returned [`Watch`] stops watching.
    pub fn watch(self: &Arc<Self>, report: impl Fn(Result<Reloaded>) + Send + 'static) -> Result<Watch> {
        use notify::{RecursiveMode, Watcher};
        let Some(path) = self.settings.file.clone() else {
            return Err(Error::config("file", "the embedded default FAQ cannot be watched; set a FAQ file"));
        };
        let path =
            std::fs::canonicalize(&path).map_err(|e| Error::new(ErrorKind::Io(e.to_string())).with_path(&path))?;
        let dir: PathBuf = path.parent().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let file = path.clone();
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            if let Ok(ev) = ev {
                let touches = ev.paths.iter().any(|p| p == &file || p.file_name() == file.file_name());
                let changes = ev.kind.is_modify() || ev.kind.is_create() || ev.kind.is_remove();
                if touches && changes {
                    let _ = tx.send(());
                }
            }
        })
        .map_err(|e| Error::new(ErrorKind::Io(e.to_string())).with_path(&dir))?;
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| Error::new(ErrorKind::Io(e.to_string())).with_path(&dir))?;
        let live = Arc::clone(self);
        std::thread::Builder::new()
            .name("faq-reload".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    // Let an editor finish writing (and renaming) first.
                    std::thread::sleep(DEBOUNCE);
                    while rx.try_recv().is_ok() {}
                    report(live.reload());
                }
            })
            .map_err(|e| Error::new(ErrorKind::Io(e.to_string())))?;
        Ok(Watch { _watcher: Box::new(watcher) })
    }
}

/// How long a burst of file events is collected before one reload.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// Keeps a file watch alive; dropping it stops watching.
pub struct Watch {
    _watcher: Box<dyn notify::Watcher + Send>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    const GOOD: &str =
        "[[entries]]\nid = \"hours\"\nquestion = \"운영 시간은 언제예요?\"\nanswer = \"평일 9시부터 6시까지입니다.\"\n";
    const GOOD2: &str =
        "[[entries]]\nid = \"refund\"\nquestion = \"환불은 어떻게 하나요?\"\nanswer = \"주문 내역에서 신청하세요.\"\n";

    /// A new temporary directory, removed when dropped, and the path of the
    /// FAQ file in it, written with `text`.
    fn temp_faq(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::Builder::new().prefix(&format!("faq-core-reload-{name}-")).tempdir().unwrap();
        let path = dir.path().join("faq.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn a_bad_file_is_refused_and_the_old_faq_keeps_serving() {
        let (_dir, path) = temp_faq("refuse", GOOD);
        let settings = CoreSettings { file: Some(path.clone()), ..CoreSettings::default() };
        let live = LiveMatcher::load(settings).unwrap();
        std::fs::write(&path, "[[entries]]\nid = \"x\"\nquestion = \"\"\nanswer = \"a\"\n").unwrap();
        let err = live.reload().unwrap_err().to_string();
        assert!(err.contains("`question` is empty"), "{err}");
        assert_eq!(live.current().faq().entries[0].id, "hours");
        std::fs::write(&path, GOOD2).unwrap();
        assert_eq!(live.reload().unwrap().entries, 1);
        assert_eq!(live.current().faq().entries[0].id, "refund");
    }

    #[test]
    fn questions_in_flight_keep_their_matcher() {
        let (_dir, path) = temp_faq("inflight", GOOD);
        let live =
            Arc::new(LiveMatcher::load(CoreSettings { file: Some(path.clone()), ..CoreSettings::default() }).unwrap());
        let held = live.current();
        std::fs::write(&path, GOOD2).unwrap();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let live = Arc::clone(&live);
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        let m = live.current();
                        let d = m.ask("운영 시간 알려주세요");
                        assert!(d.hits().iter().all(|h| h.confidence <= 1.0));
                    }
                })
            })
            .collect();
        live.reload().unwrap();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(held.faq().entries[0].id, "hours");
        assert_eq!(live.current().faq().entries[0].id, "refund");
    }

    #[test]
    fn the_watcher_reloads_on_change() {
        let (_dir, path) = temp_faq("watch", GOOD);
        let live =
            Arc::new(LiveMatcher::load(CoreSettings { file: Some(path.clone()), ..CoreSettings::default() }).unwrap());
        let (tx, rx) = mpsc::channel();
        let _watch = live.watch(move |r| tx.send(r.map(|r| r.entries).map_err(|e| e.to_string())).unwrap()).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(&path, GOOD2).unwrap();
        let outcome = rx.recv_timeout(Duration::from_secs(10)).expect("a reload");
        assert_eq!(outcome, Ok(1));
        assert_eq!(live.current().faq().entries[0].id, "refund");
        std::fs::write(&path, "not toml [").unwrap();
        let outcome = rx.recv_timeout(Duration::from_secs(10)).expect("a reload attempt");
        assert!(outcome.unwrap_err().contains("invalid toml"));
        assert_eq!(live.current().faq().entries[0].id, "refund");
    }
}
