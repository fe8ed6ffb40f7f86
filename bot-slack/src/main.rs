//! `bot-slack`: see the crate README for setup.

/// mimalloc: building an index and answering a question allocate many small
/// strings and vectors, which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use bot_slack::{Cli, Settings};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,slack_morphism=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cli = match Cli::parse(&args) {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("bot-slack: {e}");
            return ExitCode::from(2);
        }
    };
    if cli.help {
        print!("{}", bot_slack::config::usage());
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::load(&cli, |k| std::env::var(k).ok()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("bot-slack: configuration: {e}");
            return ExitCode::from(2);
        }
    };
    match bot_slack::run(settings).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bot-slack: {e:#}");
            ExitCode::FAILURE
        }
    }
}
