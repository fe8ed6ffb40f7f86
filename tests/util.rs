//! Helpers: run the built `faqbot` binary and show its output in full on failure.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Path of the `faqbot` binary Cargo built for these tests.
pub fn faqbot() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faqbot"));
    for (k, _) in faq_core::settings::ENV_VARS {
        cmd.env_remove(k);
    }
    cmd
}

/// Runs `faqbot` with arguments and optional stdin.
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = faqbot();
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("faqbot runs");
    if let Some(input) = stdin {
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("faqbot finishes")
}

/// A temporary directory for one test, inside a directory that is new on
/// every run, so a file an earlier run left never mixes in.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    static RUN: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| tempfile::Builder::new().prefix("faqbot-it-").tempdir().expect("temp dir"));
    let dir = run.path().join(name);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Asserts on a finished command, printing stdout and stderr in full when it fails.
macro_rules! assert_output {
    ($out:expr, success = $ok:expr $(, $check:expr => $what:expr)* $(,)?) => {{
        let out = &$out;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.success(), $ok, "status {:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}", out.status);
        $( assert!(($check)(&stdout, &stderr), "{}\n--- stdout\n{stdout}\n--- stderr\n{stderr}", $what); )*
    }};
}
