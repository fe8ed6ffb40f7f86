//! Socket Mode: events arrive over a websocket opened with the app-level
//! token. Each callback hands the payload to the [`Bot`] and returns, so
//! the envelope is acknowledged at once.

use std::future::Future;
use std::sync::Arc;

use slack_morphism::prelude::*;

use crate::bot::Bot;
use crate::config::Secret;

/// Socket Mode connection options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketOptions {
    /// Websocket connections kept open (Slack spreads events over them).
    pub connections: u32,
}

impl Default for SocketOptions {
    fn default() -> SocketOptions {
        SocketOptions { connections: 2 }
    }
}

async fn bot_of(state: &SlackClientEventsUserState) -> Option<Arc<Bot>> {
    state.read().await.get_user_state::<Arc<Bot>>().cloned()
}

async fn on_push(
    ev: SlackPushEventCallback,
    _client: Arc<SlackHyperClient>,
    state: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    if let Some(bot) = bot_of(&state).await {
        bot.on_push(serde_json::to_value(&ev)?);
    }
    Ok(())
}

async fn on_command(
    ev: SlackCommandEvent,
    _client: Arc<SlackHyperClient>,
    state: SlackClientEventsUserState,
) -> UserCallbackResult<SlackCommandEventResponse> {
    let reply = match bot_of(&state).await {
        Some(bot) => bot.on_command(&serde_json::to_value(&ev)?),
        None => serde_json::json!({}),
    };
    let content: SlackMessageContent = serde_json::from_value(reply)?;
    Ok(SlackCommandEventResponse::new(content).with_response_type(SlackMessageResponseType::Ephemeral))
}

async fn on_interaction(
    ev: SlackInteractionEvent,
    _client: Arc<SlackHyperClient>,
    state: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    if let Some(bot) = bot_of(&state).await {
        bot.on_interaction(&serde_json::to_value(&ev)?);
    }
    Ok(())
}

fn on_error(
    err: Box<dyn std::error::Error + Send + Sync>,
    _client: Arc<SlackHyperClient>,
    _state: SlackClientEventsUserState,
) -> HttpStatusCode {
    tracing::warn!(error = %err, "Socket Mode event failed");
    // Acknowledge anyway: a redelivery would fail the same way.
    HttpStatusCode::OK
}

/// Connects with the app-level token and serves until `shutdown` completes.
pub async fn run(
    bot: Arc<Bot>,
    app_token: &Secret,
    options: SocketOptions,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let env = Arc::new(
        SlackClientEventsListenerEnvironment::new(bot.api().client())
            .with_error_handler(on_error)
            .with_user_state(Arc::clone(&bot)),
    );
    let callbacks = SlackSocketModeListenerCallbacks::new()
        .with_push_events(on_push)
        .with_command_events(on_command)
        .with_interaction_events(on_interaction);
    let config = SlackClientSocketModeConfig::new().with_max_connections_count(options.connections.max(1));
    let listener = SlackClientSocketModeListener::new(&config, env, callbacks);
    let token = SlackApiToken::new(SlackApiTokenValue(app_token.expose().to_string()));
    listener.listen_for(&token).await.map_err(|e| anyhow::anyhow!("Socket Mode: {e}"))?;
    listener.start().await;
    tracing::info!("Socket Mode started");
    shutdown.await;
    listener.shutdown().await;
    bot.idle().await;
    Ok(())
}
