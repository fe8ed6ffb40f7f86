//! Integration tests of the `faqbot` binary and of the default FAQ.

#[macro_use]
mod util;

mod cli;
mod default_faq;
mod report;
