//! Match Korean questions to FAQ entries, and know when not to.
//!
//! `faq-core` is the engine of the faqbot project: it reads a FAQ
//! ([`Faq`]), indexes every phrasing ([`Matcher`]) and decides, for each
//! question, whether to answer, to suggest a few entries, or to hand the
//! conversation to a human ([`Decision`]). The conversation [`Policy`]
//! turns that decision into the reply both chat bots render (answer,
//! suggestions, escalation notice with business hours, handover summary).
//!
//! The crate is synchronous and knows nothing of Slack, Discord or async
//! runtimes. Its text pipeline runs in this order:
//!
//! 1. [`text::normalize`]: NFKC with Hangul kept composed, case and width
//!    folding, symbols, emoji and chat noise (ㅋㅋ, ㅠㅠ) removed, 초성 kept;
//! 2. [`text::segment`]: UAX#29 words, split where the script changes;
//! 3. [`text::korean`]: particles and endings stripped to stems;
//! 4. [`features`]: thesaurus concepts ([`Thesaurus`]), jamo spellings and
//!    space-insensitive syllable bigrams.
//!
//! The [`index`] retrieves candidates by BM25 and the [`matcher`] reranks
//! them; see [`matcher`] for how confidence is computed. A short question
//! that names a company the FAQ never names ([`companies`]) is only given
//! suggestions.
//!
//! # Example
//!
//! ```
//! use faq_core::{Decision, Faq, Format, Matcher};
//!
//! let faq = Faq::from_str(r#"
//! [[entries]]
//! id = "refund"
//! question = "환불은 어떻게 받나요?"
//! alternates = ["환불 신청 방법"]
//! answer = "주문 내역에서 환불 신청 버튼을 눌러 주세요."
//!
//! [[entries]]
//! id = "hours"
//! question = "고객센터 운영 시간은 어떻게 되나요?"
//! answer = "평일 오전 9시부터 오후 6시까지 상담합니다."
//! "#, Format::Toml)?;
//! let matcher = Matcher::new(faq)?;
//!
//! // No spaces, another ending, a typo inside a syllable: still 환불.
//! match matcher.ask("횐불받고싶어요ㅠㅠ") {
//!     Decision::Answer(hit) => assert_eq!(hit.entry_id, "refund"),
//!     other => panic!("expected an answer, got {other:?}"),
//! }
//! // A topic the FAQ does not cover is not answered.
//! assert!(matcher.ask("주차장은 어디에 있나요?").answered_id().is_none());
//! # Ok::<(), faq_core::Error>(())
//! ```

#![deny(missing_docs)]

pub mod companies;
pub mod conversation;
pub mod decision;
pub mod error;
pub mod eval;
pub mod faq;
pub mod features;
pub mod hours;
pub mod index;
pub mod matcher;
pub mod policy;
pub mod reload;
pub mod settings;
#[cfg(feature = "store")]
pub mod store;
pub mod text;
pub mod thesaurus;

pub use decision::{Decision, DecisionKind, Explanation, FeatureWeight, Hit, RequestMatch};
pub use error::{Error, ErrorKind, Result};
pub use faq::{Entry, Faq, Format};
pub use hours::{Availability, BusinessHours, HoursConfig};
pub use matcher::{Matcher, MatcherConfig};
pub use policy::{
    AnswerReply, Candidate, Escalation, EscalationReason, Handover, Policy, Reply, SmallTalkKind, SmallTalkReply,
    SuggestReply, Texts,
};
pub use settings::CoreSettings;
pub use thesaurus::Thesaurus;

/// The Rust examples of the project's README, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
