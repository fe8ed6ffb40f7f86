//! A Slack bot that answers Korean FAQ questions with `faq-core` and hands
//! the conversation to a human when it cannot.
//!
//! The flow is one way and thin: a Slack payload is read into a
//! [`event::Question`], [`event::Command`] or [`event::Action`]; the
//! [`bot::Bot`] makes one faq-core call ([`faq_core::Policy::respond`]);
//! [`render`] turns the [`faq_core::Reply`] into Block Kit (pure functions);
//! [`api::Api`] posts it. Events arrive over Socket Mode ([`socket`]) or the
//! Events API over HTTP ([`http`], signatures verified). Every text typed
//! by a user is neutralized by [`escape::escape_text`] before it is echoed.
//!
//! ```
//! use bot_slack::render::render_reply;
//! use bot_slack::texts::SlackTexts;
//! use faq_core::Reply;
//! let m = render_reply(&Reply::Prompt { text: "질문을 적어 주세요.".into() }, "", &SlackTexts::default(), false);
//! assert_eq!(m.text, "질문을 적어 주세요.");
//! ```

#![deny(missing_docs)]

pub mod api;
pub mod bot;
pub mod config;
pub mod escape;
pub mod event;
pub mod http;
pub mod render;
pub mod socket;
pub mod texts;

use std::sync::Arc;

use faq_core::reload::LiveMatcher;

pub use bot::{Bot, BotOptions};
pub use config::{Cli, Mode, Secret, Settings};

/// Builds the bot from validated settings: loads the FAQ, opens the store,
/// checks the bot token with `auth.test` and starts the outbox (which
/// posts handovers left pending by a previous run).
pub async fn build(settings: &Settings) -> anyhow::Result<Arc<Bot>> {
    let live = Arc::new(LiveMatcher::load(settings.faq.clone()).map_err(|e| anyhow::anyhow!("FAQ: {e}"))?);
    let policy = settings.faq.policy().map_err(|e| anyhow::anyhow!("{e}"))?;
    let api = api::Api::new(&settings.api_url, &settings.bot_token)?;
    let options = BotOptions {
        escalation_channel: settings.escalation_channel.clone(),
        support_group: settings.support_group.clone(),
        resolvers: settings.resolvers.clone(),
        answer_all_channels: settings.answer_all_channels.clone(),
        texts: settings.texts.clone(),
        retry: settings.store.backoff(),
    };
    let store = settings.store.open().map_err(|e| anyhow::anyhow!("FAQ_STORE (store.path): {e}"))?;
    let bot = Arc::new(Bot::new(live, policy, options, api, Arc::new(store)));
    let id = bot
        .identify()
        .await
        .map_err(|e| anyhow::anyhow!("SLACK_BOT_TOKEN was not accepted by Slack ({}): {e}", settings.api_url))?;
    tracing::info!(user_id = ?id.user_id, entries = bot.live().current().faq().len(), store = bot.store().path(), "bot ready");
    bot.start_outbox();
    if settings.resolvers.is_empty() {
        tracing::warn!("SLACK_RESOLVERS is empty: nobody can mark handovers resolved");
    }
    Ok(bot)
}

/// Runs the bot until Ctrl-C or SIGTERM; reloads the FAQ when its file
/// changes and on SIGHUP.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let bot = build(&settings).await?;
    let live = Arc::clone(bot.live());
    let _watch = if settings.faq.file.is_some() {
        let watch = live.watch(|r| match r {
            Ok(r) => tracing::info!(entries = r.entries, build_ms = r.build_ms, "FAQ reloaded"),
            Err(e) => tracing::error!(error = %e, "FAQ reload refused; the previous FAQ keeps serving"),
        });
        match watch {
            Ok(w) => Some(w),
            Err(e) => {
                tracing::warn!(error = %e, "cannot watch the FAQ file; reload with SIGHUP");
                None
            }
        }
    } else {
        None
    };
    #[cfg(unix)]
    {
        let live = Arc::clone(&live);
        let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?;
        tokio::spawn(async move {
            while hup.recv().await.is_some() {
                match live.reload() {
                    Ok(r) => tracing::info!(entries = r.entries, "FAQ reloaded (SIGHUP)"),
                    Err(e) => tracing::error!(error = %e, "FAQ reload refused; the previous FAQ keeps serving"),
                }
            }
        });
    }
    match &settings.mode {
        Mode::Socket { app_token } => {
            socket::run(bot, app_token, socket::SocketOptions::default(), shutdown_signal()).await
        }
        Mode::Http { signing_secret, addr } => {
            let app = http::router(Arc::clone(&bot), signing_secret);
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!(%addr, "Events API over HTTP");
            axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
            bot.idle().await;
            Ok(())
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
