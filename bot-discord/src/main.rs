//! `bot-discord`: answers FAQ questions in Discord. See the crate README.

/// mimalloc: building an index and answering a question allocate many small
/// strings and vectors, which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use bot_discord::config::{Config, ENV_VARS};

const USAGE: &str = "usage: bot-discord [--config FILE]

Answers Korean FAQ questions in Discord and hands over to a human.
Configuration: a TOML file (--config FILE or BOT_DISCORD_CONFIG) and environment variables.";

fn usage() -> String {
    let mut text = format!("{USAGE}\n\nEnvironment variables:\n");
    for (key, what) in ENV_VARS.iter().chain(faq_core::settings::ENV_VARS).chain(faq_core::store::ENV_VARS) {
        text.push_str(&format!("  {key:<32} {what}\n"));
    }
    text
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut config_file: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--config" | "-c" => match args.next() {
                Some(path) => config_file = Some(path.into()),
                None => {
                    eprintln!("bot-discord: --config needs a file\n\n{}", usage());
                    return ExitCode::from(2);
                }
            },
            "--help" | "-h" => {
                println!("{}", usage());
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("bot-discord: unknown argument {other:?}\n\n{}", usage());
                return ExitCode::from(2);
            }
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,serenity=warn")),
        )
        .init();
    let config = match Config::from_sources(config_file.as_deref(), |key| std::env::var(key).ok()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bot-discord: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bot-discord: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(bot_discord::run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bot-discord: {e:#}");
            ExitCode::FAILURE
        }
    }
}
