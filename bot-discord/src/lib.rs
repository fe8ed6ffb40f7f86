//! A Discord bot that answers Korean FAQ questions with `faq-core` and hands
//! the conversation to a human when it cannot.
//!
//! The bot is thin: each Discord event becomes one core call
//! ([`faq_core::Policy::respond`]), the core's [`faq_core::Reply`] is rendered by
//! pure functions in [`render`], and the result is sent with explicit
//! allowed mentions. The pieces:
//!
//! - [`config`]: the TOML file and environment variables, checked at start;
//! - [`handler`]: the serenity [`EventHandler`](serenity::all::EventHandler)
//!   (mentions, direct messages, `/faq`, buttons, handovers);
//! - [`command`]: the `/faq 질문:<text>` slash command;
//! - [`render`]: replies and handovers as Discord messages and buttons;
//! - [`sanitize`]: user text made inert before it is echoed;
//! - [`outbox`]: handovers stored before they are posted, retried and
//!   posted after a restart.
//!
//! [`run`] connects with serenity's autosharding and serves until stopped.

#![deny(missing_docs)]

pub mod command;
pub mod config;
pub mod handler;
pub mod outbox;
pub mod render;
pub mod sanitize;

use std::sync::Arc;

use anyhow::Context as _;
use faq_core::reload::LiveMatcher;
use serenity::all::{ApplicationFlags, ClientBuilder, GatewayIntents, Http, HttpBuilder};
use tracing::{error, info, warn};

use crate::config::Config;
use crate::handler::{Bot, Handler};

/// The gateway intents the bot asks for: servers, server messages and
/// direct messages, plus MESSAGE_CONTENT when `answer_everywhere` is on.
pub fn intents(answer_everywhere: bool) -> GatewayIntents {
    let base = GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if answer_everywhere {
        base | GatewayIntents::MESSAGE_CONTENT
    } else {
        base
    }
}

/// The permissions the bot needs in a server: view channels, send messages,
/// send messages in threads, create public threads, read message history
/// (to reply to a message).
pub const PERMISSIONS: u64 = (1 << 10) // VIEW_CHANNEL
    | (1 << 11) // SEND_MESSAGES
    | (1 << 16) // READ_MESSAGE_HISTORY
    | (1 << 35) // CREATE_PUBLIC_THREADS
    | (1 << 38); // SEND_MESSAGES_IN_THREADS

/// The invite URL for an application id: the bot with [`PERMISSIONS`] and
/// the `applications.commands` scope.
pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot%20applications.commands&permissions={PERMISSIONS}"
    )
}

/// The REST client: through `DISCORD_PROXY_URL` when set (the proxy then
/// owns rate limiting, as twilight-http-proxy does), otherwise straight to
/// Discord with serenity's rate limiter on.
pub fn http(config: &Config) -> Http {
    let builder = HttpBuilder::new(config.token.expose());
    match &config.proxy_url {
        Some(proxy) => builder.proxy(proxy.trim_end_matches('/')).ratelimiter_disabled(true).build(),
        None => builder.build(),
    }
}

/// Whether the application may receive message content (the privileged
/// MESSAGE_CONTENT intent is enabled in the Developer Portal).
async fn message_content_granted(http: &Http) -> anyhow::Result<bool> {
    let info = http.get_current_application_info().await?;
    let flags = info.flags.unwrap_or_default();
    Ok(flags.intersects(ApplicationFlags::GATEWAY_MESSAGE_CONTENT | ApplicationFlags::GATEWAY_MESSAGE_CONTENT_LIMITED))
}

/// Loads the FAQ, connects to Discord (autosharded) and answers until the
/// connection ends. Configuration problems stop here, before connecting.
pub async fn run(config: Config) -> anyhow::Result<()> {
    config.check()?;
    let live = Arc::new(LiveMatcher::load(config.faq.clone()).context("cannot load the FAQ")?);
    let policy = config.faq.policy().context("invalid [faq] settings")?;
    info!(entries = live.current().faq().len(), "FAQ loaded");
    let _watch = match &config.faq.file {
        Some(_) => Some(
            live.watch(|outcome| match outcome {
                Ok(r) => info!(entries = r.entries, build_ms = r.build_ms, "FAQ reloaded"),
                Err(e) => error!(error = %e, "FAQ reload refused; the previous FAQ keeps serving"),
            })
            .context("cannot watch the FAQ file")?,
        ),
        None => None,
    };
    spawn_sighup_reload(Arc::clone(&live));

    let http = http(&config);
    let mut answer_everywhere = !config.discord.answer_channel_ids.is_empty();
    if answer_everywhere {
        match message_content_granted(&http).await {
            Ok(true) => {
                info!("MESSAGE_CONTENT granted: answering every message in the answer channels")
            }
            Ok(false) => {
                error!(
                    "answer_channel_ids needs the privileged MESSAGE_CONTENT intent, which this application has not \
                     been granted (Developer Portal > Bot > Message Content Intent); answering mentions, DMs and /faq only"
                );
                answer_everywhere = false;
            }
            Err(e) => {
                warn!(error = %e, "could not check the MESSAGE_CONTENT intent; asking for it anyway")
            }
        }
    }
    let store = config.store.open().context("cannot open the store (FAQ_STORE, store.path)")?;
    let poster = outbox::Poster::new(config.proxy_url.as_deref(), &config.token, config.store.backoff());
    let bot = Arc::new(Bot::new(config.discord.clone(), live, policy, answer_everywhere, Arc::new(store), poster));
    info!(store = bot.store.path(), "store opened");
    outbox::start(&bot);
    let mut client = ClientBuilder::new_with_http(http, intents(answer_everywhere))
        .event_handler(Handler::new(bot))
        .await
        .context("cannot build the Discord client")?;
    client.start_autosharded().await.map_err(|e| match e {
        serenity::Error::Gateway(serenity::gateway::GatewayError::DisallowedGatewayIntents) => anyhow::anyhow!(
            "Discord refused the MESSAGE_CONTENT intent: enable it in the Developer Portal or remove answer_channel_ids"
        ),
        e => anyhow::Error::new(e).context("Discord connection failed"),
    })
}

#[cfg(unix)]
fn spawn_sighup_reload(live: Arc<LiveMatcher>) {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::hangup()) {
        Ok(mut hup) => {
            tokio::spawn(async move {
                while hup.recv().await.is_some() {
                    let live = Arc::clone(&live);
                    match tokio::task::spawn_blocking(move || live.reload()).await {
                        Ok(Ok(r)) => info!(entries = r.entries, "FAQ reloaded on SIGHUP"),
                        Ok(Err(e)) => {
                            error!(error = %e, "FAQ reload refused; the previous FAQ keeps serving")
                        }
                        Err(e) => error!(error = %e, "FAQ reload failed"),
                    }
                }
            });
        }
        Err(e) => warn!(error = %e, "cannot listen for SIGHUP"),
    }
}

#[cfg(not(unix))]
fn spawn_sighup_reload(_live: Arc<LiveMatcher>) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_and_invite() {
        assert_eq!(PERMISSIONS, 309_237_713_920);
        assert_eq!(
            invite_url(1),
            format!("https://discord.com/oauth2/authorize?client_id=1&scope=bot%20applications.commands&permissions={PERMISSIONS}")
        );
        assert!(!intents(false).contains(GatewayIntents::MESSAGE_CONTENT));
        assert!(intents(true).contains(GatewayIntents::MESSAGE_CONTENT));
    }
}
