//! Conversation state both bots keep: which threads wait for a human, and
//! which platform events were already handled.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Mutex;

/// Threads handed to a human. While a thread is here the bot stays silent
/// in it; a human's "resolved" removes it.
///
/// Keys are opaque strings chosen by the bot (such as `channel:thread_ts`).
#[derive(Debug, Default)]
pub struct HandoverBook {
    open: Mutex<HashMap<String, String>>,
}

impl HandoverBook {
    /// An empty book.
    pub fn new() -> HandoverBook {
        HandoverBook::default()
    }

    /// Marks a thread as handed over; `handover_ref` identifies the handover
    /// message. Returns false when the thread was already handed over (so the
    /// caller must not post a second handover).
    pub fn open(&self, thread: &str, handover_ref: &str) -> bool {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if open.contains_key(thread) {
            return false;
        }
        open.insert(thread.to_string(), handover_ref.to_string());
        true
    }

    /// True while the thread waits for a human: the bot must stay silent there.
    pub fn is_waiting(&self, thread: &str) -> bool {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).contains_key(thread)
    }

    /// Marks a thread resolved; returns its handover reference, or `None` if
    /// it was not waiting.
    pub fn resolve(&self, thread: &str) -> Option<String> {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).remove(thread)
    }

    /// Number of threads waiting for a human.
    pub fn waiting(&self) -> usize {
        self.open.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// Remembers the last `capacity` event ids, to drop redeliveries.
#[derive(Debug)]
pub struct Deduper {
    inner: Mutex<(HashSet<String>, VecDeque<String>)>,
    capacity: usize,
}

impl Deduper {
    /// Remembers up to `capacity` ids (at least 1).
    pub fn new(capacity: usize) -> Deduper {
        Deduper { inner: Mutex::new((HashSet::new(), VecDeque::new())), capacity: capacity.max(1) }
    }

    /// True the first time an id is seen, false for a repeat.
    pub fn first_time(&self, id: &str) -> bool {
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let (set, order) = &mut *guard;
        if set.contains(id) {
            return false;
        }
        set.insert(id.to_string());
        order.push_back(id.to_string());
        while order.len() > self.capacity {
            if let Some(old) = order.pop_front() {
                set.remove(&old);
            }
        }
        true
    }
}

impl Default for Deduper {
    fn default() -> Deduper {
        Deduper::new(10_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handover_book_silences_until_resolved() {
        let book = HandoverBook::new();
        assert!(!book.is_waiting("C1:1"));
        assert!(book.open("C1:1", "H1"));
        assert!(!book.open("C1:1", "H2"), "a second handover for one thread is refused");
        assert!(book.is_waiting("C1:1"));
        assert_eq!(book.waiting(), 1);
        assert_eq!(book.resolve("C1:1").as_deref(), Some("H1"));
        assert!(!book.is_waiting("C1:1"));
        assert_eq!(book.resolve("C1:1"), None);
    }

    #[test]
    fn deduper_forgets_oldest() {
        let d = Deduper::new(2);
        assert!(d.first_time("a"));
        assert!(!d.first_time("a"));
        assert!(d.first_time("b"));
        assert!(d.first_time("c"));
        assert!(d.first_time("a"), "a was evicted");
        assert!(!d.first_time("c"));
    }
}
