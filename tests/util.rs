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

/// A new, empty temporary directory for one test, named after `name`. It is
/// removed when dropped, so the test keeps it while it uses the files in it.
pub fn temp_dir(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("faqbot-it-{name}-")).tempdir().expect("temp dir")
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
