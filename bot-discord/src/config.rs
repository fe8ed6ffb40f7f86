//! Configuration: a TOML file and environment variables, checked at start.
//!
//! The file has a `[discord]` table ([`DiscordSettings`]), a `[faq]`
//! table ([`CoreSettings`]) and a `[store]` table ([`StoreSettings`]: where
//! handovers and feedback are kept); environment variables override both (see
//! [`ENV_VARS`] and [`faq_core::settings::ENV_VARS`]). The bot token comes
//! from `DISCORD_TOKEN` only and is held in a [`Secret`] that never prints.
//!
//! ```
//! use bot_discord::config::Config;
//! let env = |key: &str| match key {
//!     "DISCORD_TOKEN" => Some("token".to_string()),
//!     "DISCORD_ESCALATION_CHANNEL_ID" => Some("1000".to_string()),
//!     _ => None,
//! };
//! let config = Config::from_sources(None, env).unwrap();
//! assert_eq!(config.discord.escalation_channel_id, Some(1000));
//! assert!(!format!("{config:?}").contains("token\""));
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use faq_core::store::StoreSettings;
use faq_core::CoreSettings;
use serde::{Deserialize, Serialize};

/// The environment variables this bot reads, besides the `FAQ_*` ones.
pub const ENV_VARS: &[(&str, &str)] = &[
    ("DISCORD_TOKEN", "bot token (required; never logged)"),
    ("BOT_DISCORD_CONFIG", "TOML configuration file (same as `--config FILE`)"),
    ("DISCORD_PROXY_URL", "send REST calls through this HTTP proxy, e.g. http://127.0.0.1:3000"),
    ("DISCORD_ESCALATION_CHANNEL_ID", "channel receiving handovers (required)"),
    ("DISCORD_SUPPORT_ROLE_ID", "role mentioned in handovers"),
    ("DISCORD_RESOLVER_ROLE_IDS", "roles allowed to mark handovers resolved, comma-separated"),
    ("DISCORD_RESOLVER_USER_IDS", "users allowed to mark handovers resolved, comma-separated"),
    ("DISCORD_ANSWER_CHANNEL_IDS", "channels where every message is answered (needs MESSAGE_CONTENT)"),
    ("DISCORD_EPHEMERAL", "`/faq` replies only visible to the asker: true (default) or false"),
];

pub use faq_core::settings::Secret;

/// Labels and sentences only the Discord bot shows (button labels,
/// refusals); the answers and notices themselves come from [`faq_core::Texts`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordTexts {
    /// Heading above an answer; `{question}` is the matched FAQ question.
    pub answer_heading: String,
    /// Label of the button that asks for a human.
    pub human_button: String,
    /// Label of the button that posts an ephemeral answer in the channel.
    pub share_button: String,
    /// Label of the button on a handover that marks it resolved.
    pub resolve_button: String,
    /// Line added to a handover once resolved; `{user}` is who resolved it.
    pub resolved_by: String,
    /// Heading of an answer shared in the channel; `{user}` is who shared it.
    pub shared_by: String,
    /// Refusal when someone not allowed presses "resolved".
    pub not_allowed: String,
    /// Refusal when someone presses a button on another user's question.
    pub not_asker: String,
    /// Reply when a human was already called for this question.
    pub already_escalated: String,
    /// Reply when a button refers to a question the bot no longer remembers.
    pub expired: String,
    /// Name of the thread opened on a handed-over question; `{question}` is
    /// the start of the question.
    pub thread_name: String,
    /// Description of the `/faq` command.
    pub command_description: String,
    /// Description of the `질문` option of `/faq`.
    pub option_description: String,
    /// Handover line naming the asker; `{user}` and `{place}`.
    pub handover_asker: String,
    /// Handover line with the jump link; `{link}`.
    pub handover_link: String,
    /// Handover line naming the thread; `{thread}`.
    pub handover_thread: String,
}

impl Default for DiscordTexts {
    fn default() -> DiscordTexts {
        DiscordTexts {
            answer_heading: "**Q. {question}**".into(),
            human_button: "상담원 연결".into(),
            share_button: "채널에 공유".into(),
            resolve_button: "해결 완료".into(),
            resolved_by: "✅ {user} 님이 해결 완료로 표시했습니다.".into(),
            shared_by: "{user} 님이 공유한 답변입니다.".into(),
            not_allowed: "죄송합니다. 이 작업은 지정된 상담원만 할 수 있습니다.".into(),
            not_asker: "죄송합니다. 이 버튼은 질문하신 분만 누를 수 있습니다.".into(),
            already_escalated: "이미 상담원을 호출했습니다. 조금만 기다려 주세요.".into(),
            expired: "이 버튼은 더 이상 사용할 수 없습니다. 질문을 다시 입력해 주세요.".into(),
            thread_name: "상담: {question}".into(),
            command_description: "자주 묻는 질문에서 답변을 찾습니다".into(),
            option_description: "궁금한 내용을 입력해 주세요".into(),
            handover_asker: "문의자: {user} ({place})".into(),
            handover_link: "원본 메시지: {link}".into(),
            handover_thread: "스레드: {thread}".into(),
        }
    }
}

/// The `[discord]` table of the configuration file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordSettings {
    /// Channel receiving handovers (required).
    pub escalation_channel_id: Option<u64>,
    /// Role mentioned in handovers.
    pub support_role_id: Option<u64>,
    /// Roles allowed to mark handovers resolved. When this and
    /// `resolver_user_ids` are both empty, the support role may.
    pub resolver_role_ids: Vec<u64>,
    /// Users allowed to mark handovers resolved.
    pub resolver_user_ids: Vec<u64>,
    /// Channels where every message is answered, not only mentions. Needs
    /// the privileged MESSAGE_CONTENT intent.
    pub answer_channel_ids: Vec<u64>,
    /// `/faq` replies are ephemeral (with a share button).
    pub ephemeral: bool,
    /// Register the `/faq` command at start.
    pub register_commands: bool,
    /// Discord-only labels and refusals.
    pub texts: DiscordTexts,
}

impl Default for DiscordSettings {
    fn default() -> DiscordSettings {
        DiscordSettings {
            escalation_channel_id: None,
            support_role_id: None,
            resolver_role_ids: Vec::new(),
            resolver_user_ids: Vec::new(),
            answer_channel_ids: Vec::new(),
            ephemeral: true,
            register_commands: true,
            texts: DiscordTexts::default(),
        }
    }
}

impl DiscordSettings {
    /// True when `user` with these guild `roles` may resolve handovers.
    pub fn may_resolve(&self, user: u64, roles: &[u64]) -> bool {
        if self.resolver_user_ids.contains(&user) {
            return true;
        }
        let fallback = self.resolver_role_ids.is_empty() && self.resolver_user_ids.is_empty();
        roles.iter().any(|r| self.resolver_role_ids.contains(r) || (fallback && Some(*r) == self.support_role_id))
    }
}

/// The configuration file as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FileConfig {
    /// Discord settings.
    pub discord: DiscordSettings,
    /// FAQ, thresholds, business hours and reply texts.
    pub faq: CoreSettings,
    /// The store of handovers and feedback.
    pub store: StoreSettings,
}

/// Everything the bot needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// The bot token.
    pub token: Secret,
    /// REST proxy (`DISCORD_PROXY_URL`); the proxy then owns rate limiting.
    pub proxy_url: Option<String>,
    /// Discord settings.
    pub discord: DiscordSettings,
    /// Core settings.
    pub faq: CoreSettings,
    /// The store of handovers and feedback.
    pub store: StoreSettings,
}

/// A configuration problem, naming the variable or key at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    key: String,
    message: String,
}

impl ConfigError {
    /// An error about `key`.
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> ConfigError {
        ConfigError { key: key.into(), message: message.into() }
    }

    /// The variable or key at fault.
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "configuration error in {}: {}", self.key, self.message)
    }
}

impl std::error::Error for ConfigError {}

fn parse_id(key: &str, value: &str) -> Result<u64, ConfigError> {
    match value.trim().parse::<u64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(ConfigError::new(key, format!("{value:?} is not a Discord id (a positive number)"))),
    }
}

fn parse_ids(key: &str, value: &str) -> Result<Vec<u64>, ConfigError> {
    value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(|v| parse_id(key, v)).collect()
}

impl Config {
    /// Reads the file (if any; `BOT_DISCORD_CONFIG` when `file` is `None`)
    /// and the environment through `env`, then checks the result.
    pub fn from_sources(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let env = |key: &str| env(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let path: Option<PathBuf> =
            file.map(Path::to_path_buf).or_else(|| env("BOT_DISCORD_CONFIG").map(PathBuf::from));
        let mut parsed = match &path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| ConfigError::new(path.display().to_string(), format!("cannot read: {e}")))?;
                toml::from_str::<FileConfig>(&text)
                    .map_err(|e| ConfigError::new(path.display().to_string(), e.to_string().trim().to_string()))?
            }
            None => FileConfig::default(),
        };
        parsed.faq.apply_env(|k| env(k)).map_err(|e| ConfigError::new("FAQ_*", e.to_string()))?;
        parsed.store.apply_env(|k| env(k)).map_err(|e| ConfigError::new("FAQ_STORE*", e))?;
        let d = &mut parsed.discord;
        if let Some(v) = env("DISCORD_ESCALATION_CHANNEL_ID") {
            d.escalation_channel_id = Some(parse_id("DISCORD_ESCALATION_CHANNEL_ID", &v)?);
        }
        if let Some(v) = env("DISCORD_SUPPORT_ROLE_ID") {
            d.support_role_id = Some(parse_id("DISCORD_SUPPORT_ROLE_ID", &v)?);
        }
        if let Some(v) = env("DISCORD_RESOLVER_ROLE_IDS") {
            d.resolver_role_ids = parse_ids("DISCORD_RESOLVER_ROLE_IDS", &v)?;
        }
        if let Some(v) = env("DISCORD_RESOLVER_USER_IDS") {
            d.resolver_user_ids = parse_ids("DISCORD_RESOLVER_USER_IDS", &v)?;
        }
        if let Some(v) = env("DISCORD_ANSWER_CHANNEL_IDS") {
            d.answer_channel_ids = parse_ids("DISCORD_ANSWER_CHANNEL_IDS", &v)?;
        }
        if let Some(v) = env("DISCORD_EPHEMERAL") {
            d.ephemeral = match v.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" => false,
                _ => return Err(ConfigError::new("DISCORD_EPHEMERAL", format!("{v:?} is not true or false"))),
            };
        }
        let token = env("DISCORD_TOKEN").ok_or_else(|| {
            ConfigError::new("DISCORD_TOKEN", "not set; copy the bot token from the Developer Portal")
        })?;
        if token.chars().any(char::is_whitespace) {
            return Err(ConfigError::new("DISCORD_TOKEN", "contains whitespace"));
        }
        let proxy_url = env("DISCORD_PROXY_URL");
        if let Some(url) = &proxy_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ConfigError::new(
                    "DISCORD_PROXY_URL",
                    format!("{url:?} must start with http:// or https://"),
                ));
            }
        }
        let config = Config {
            token: Secret::new(token),
            proxy_url,
            discord: parsed.discord,
            faq: parsed.faq,
            store: parsed.store,
        };
        config.check()?;
        Ok(config)
    }

    /// Checks settings that have no usable default.
    pub fn check(&self) -> Result<(), ConfigError> {
        if self.discord.escalation_channel_id.unwrap_or(0) == 0 {
            return Err(ConfigError::new(
                "DISCORD_ESCALATION_CHANNEL_ID (or discord.escalation_channel_id)",
                "not set; handovers need a channel",
            ));
        }
        if self.discord.support_role_id == Some(0) {
            return Err(ConfigError::new("discord.support_role_id", "must be a positive id"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn missing_values_name_the_variable() {
        let err = Config::from_sources(None, env(&[("DISCORD_ESCALATION_CHANNEL_ID", "1")])).unwrap_err();
        assert_eq!(err.key(), "DISCORD_TOKEN");
        let err = Config::from_sources(None, env(&[("DISCORD_TOKEN", "t")])).unwrap_err();
        assert!(err.to_string().contains("DISCORD_ESCALATION_CHANNEL_ID"), "{err}");
        let err = Config::from_sources(
            None,
            env(&[("DISCORD_TOKEN", "t"), ("DISCORD_ESCALATION_CHANNEL_ID", "1"), ("DISCORD_SUPPORT_ROLE_ID", "abc")]),
        )
        .unwrap_err();
        assert_eq!(err.key(), "DISCORD_SUPPORT_ROLE_ID");
        let err = Config::from_sources(
            None,
            env(&[("DISCORD_TOKEN", "t"), ("DISCORD_ESCALATION_CHANNEL_ID", "1"), ("FAQ_MIN_MARGIN", "x")]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("FAQ_MIN_MARGIN"), "{err}");
    }

    #[test]
    fn file_then_env() {
        let dir = tempfile::Builder::new().prefix("bot-discord-config-").tempdir().unwrap();
        let path = dir.path().join("bot.toml");
        std::fs::write(
            &path,
            "[discord]\nescalation_channel_id = 10\nsupport_role_id = 20\nresolver_user_ids = [30]\n[faq]\nanswer_threshold = 0.7\n[faq.hours]\nschedule = \"24/7\"\n",
        )
        .unwrap();
        let c = Config::from_sources(Some(&path), env(&[("DISCORD_TOKEN", "t"), ("DISCORD_SUPPORT_ROLE_ID", "21")]))
            .unwrap();
        assert_eq!(c.discord.escalation_channel_id, Some(10));
        assert_eq!(c.discord.support_role_id, Some(21));
        assert_eq!(c.faq.answer_threshold, Some(0.7));
        assert!(c.discord.may_resolve(30, &[]));
        assert!(!c.discord.may_resolve(31, &[21]), "explicit resolvers replace the support role");
        std::fs::write(&path, "[discord]\nescalation_chanel_id = 10\n").unwrap();
        let err = Config::from_sources(Some(&path), env(&[("DISCORD_TOKEN", "t")])).unwrap_err();
        assert!(err.to_string().contains("bot.toml") && err.to_string().contains("escalation_chanel_id"), "{err}");
    }

    #[test]
    fn support_role_resolves_by_default() {
        let d = DiscordSettings { support_role_id: Some(5), ..DiscordSettings::default() };
        assert!(d.may_resolve(1, &[5]));
        assert!(!d.may_resolve(1, &[6]));
    }

    #[test]
    fn the_token_never_prints() {
        let token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.very-secret-part";
        let c = Config::from_sources(None, env(&[("DISCORD_TOKEN", token), ("DISCORD_ESCALATION_CHANNEL_ID", "1")]))
            .unwrap();
        assert_eq!(c.token.expose(), token);
        let shown = format!("{c:?} {c:#?} {} {:?}", c.token, c.token);
        assert!(!shown.contains("very-secret-part") && !shown.contains("MTIz"), "{shown}");
        assert!(shown.contains("[redacted]"));
    }
}
