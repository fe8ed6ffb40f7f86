//! Configuration: environment variables and an optional TOML file.
//!
//! Every setting can come from the file (`--config FILE` or
//! `BOT_SLACK_CONFIG`) and most from an environment variable, which wins.
//! The file has a `[slack]` table ([`SlackSection`]), a `[faq]` table
//! (faq-core's [`CoreSettings`]) and a `[store]` table (faq-core's
//! [`StoreSettings`]: where handovers and feedback are kept). Tokens are wrapped in [`Secret`], whose
//! `Debug` and `Display` never show the value.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use faq_core::store::StoreSettings;
use faq_core::CoreSettings;
use serde::{Deserialize, Serialize};

use crate::texts::SlackTexts;

/// The default Web API base URL.
pub const DEFAULT_API_URL: &str = "https://slack.com/api";

/// The environment variables this bot reads, besides faq-core's
/// [`faq_core::settings::ENV_VARS`].
pub const ENV_VARS: &[(&str, &str)] = &[
    ("SLACK_BOT_TOKEN", "bot token (xoxb-...); required"),
    ("SLACK_APP_TOKEN", "app-level token (xapp-...) with connections:write; required in Socket Mode"),
    ("SLACK_SIGNING_SECRET", "signing secret; required in HTTP mode"),
    ("SLACK_HTTP_ADDR", "serve the Events API over HTTP on this address (e.g. 0.0.0.0:3000) instead of Socket Mode"),
    ("SLACK_API_URL", "Web API base URL; default https://slack.com/api"),
    ("SLACK_ESCALATION_CHANNEL", "channel id (C...) where handovers are posted; required"),
    ("SLACK_SUPPORT_GROUP", "user group id (S...) mentioned in each handover"),
    ("SLACK_RESOLVERS", "user ids (U...), comma-separated, allowed to mark handovers resolved"),
    ("SLACK_ANSWER_ALL_CHANNELS", "channel ids, comma-separated, where every top-level message is answered"),
    ("BOT_SLACK_CONFIG", "TOML configuration file (same as --config)"),
];

pub use faq_core::settings::Secret;

/// The `[slack]` table of the configuration file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SlackSection {
    /// Bot token (`SLACK_BOT_TOKEN`).
    pub bot_token: Option<Secret>,
    /// App-level token for Socket Mode (`SLACK_APP_TOKEN`).
    pub app_token: Option<Secret>,
    /// Signing secret for HTTP mode (`SLACK_SIGNING_SECRET`).
    pub signing_secret: Option<Secret>,
    /// HTTP listen address; when set the bot serves the Events API
    /// (`SLACK_HTTP_ADDR`, `--http`).
    pub http: Option<String>,
    /// Web API base URL (`SLACK_API_URL`).
    pub api_url: Option<String>,
    /// Channel receiving handovers (`SLACK_ESCALATION_CHANNEL`).
    pub escalation_channel: Option<String>,
    /// User group mentioned in handovers (`SLACK_SUPPORT_GROUP`).
    pub support_group: Option<String>,
    /// Users allowed to resolve handovers (`SLACK_RESOLVERS`).
    pub resolvers: Vec<String>,
    /// Channels in which every top-level message is answered
    /// (`SLACK_ANSWER_ALL_CHANNELS`).
    pub answer_all_channels: Vec<String>,
    /// Labels of buttons and other Slack-specific wording.
    pub texts: SlackTexts,
}

/// The whole configuration file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FileConfig {
    /// The `[slack]` table.
    pub slack: SlackSection,
    /// The `[faq]` table: FAQ file, thresholds, business hours, texts.
    pub faq: CoreSettings,
    /// The `[store]` table: the SQLite file of handovers and feedback.
    pub store: StoreSettings,
}

/// How the bot receives events.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// Socket Mode, with the app-level token.
    Socket {
        /// `xapp-...`
        app_token: Secret,
    },
    /// Events API over HTTP, requests verified with the signing secret.
    Http {
        /// The signing secret.
        signing_secret: Secret,
        /// Where to listen.
        addr: SocketAddr,
    },
}

/// Everything the bot needs, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// `xoxb-...`
    pub bot_token: Secret,
    /// Socket Mode or HTTP.
    pub mode: Mode,
    /// Web API base URL, without a trailing slash.
    pub api_url: String,
    /// Channel receiving handovers.
    pub escalation_channel: String,
    /// User group mentioned in handovers.
    pub support_group: Option<String>,
    /// Users allowed to resolve handovers.
    pub resolvers: Vec<String>,
    /// Channels in which every top-level message is answered.
    pub answer_all_channels: Vec<String>,
    /// Slack-specific wording.
    pub texts: SlackTexts,
    /// faq-core settings.
    pub faq: CoreSettings,
    /// Where handovers and feedback are kept.
    pub store: StoreSettings,
}

/// A configuration problem; the message names the variable or key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(String);

impl ConfigError {
    fn new(msg: impl Into<String>) -> ConfigError {
        ConfigError(msg.into())
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Command-line options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cli {
    /// `--config FILE`
    pub config: Option<PathBuf>,
    /// `--http ADDR`
    pub http: Option<String>,
    /// `--help`
    pub help: bool,
}

impl Cli {
    /// Parses arguments (without the program name).
    pub fn parse(args: &[String]) -> Result<Cli, ConfigError> {
        let mut cli = Cli::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (arg.as_str(), None),
            };
            let mut value = |flag: &str| {
                inline
                    .clone()
                    .or_else(|| it.next().cloned())
                    .ok_or_else(|| ConfigError::new(format!("{flag} needs a value")))
            };
            match name {
                "--config" | "-c" => cli.config = Some(value("--config")?.into()),
                "--http" => cli.http = Some(value("--http")?),
                "--help" | "-h" => cli.help = true,
                other => return Err(ConfigError::new(format!("unknown argument {other:?}; see --help"))),
            }
        }
        Ok(cli)
    }
}

/// The `--help` text.
pub fn usage() -> String {
    let mut s = String::from(
        "bot-slack: answer FAQ questions in Slack and hand over to a human\n\n\
         usage: bot-slack [--config FILE] [--http ADDR]\n\n\
         Socket Mode by default (SLACK_BOT_TOKEN + SLACK_APP_TOKEN); with --http ADDR\n\
         (and SLACK_SIGNING_SECRET) it serves the Events API over HTTP instead.\n\n\
         environment:\n",
    );
    for (k, v) in ENV_VARS.iter().chain(faq_core::settings::ENV_VARS).chain(faq_core::store::ENV_VARS) {
        s.push_str(&format!("  {k:<26} {v}\n"));
    }
    s
}

fn list(v: &str) -> Vec<String> {
    v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

impl Settings {
    /// Builds the settings from the command line, the environment (read
    /// through `env`, so tests need not touch the process) and the file.
    pub fn load(cli: &Cli, env: impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
        let env = |k: &str| env(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let path = cli.config.clone().or_else(|| env("BOT_SLACK_CONFIG").map(PathBuf::from));
        let mut file = match &path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| ConfigError::new(format!("cannot read configuration file {}: {e}", path.display())))?;
                toml::from_str::<FileConfig>(&text)
                    .map_err(|e| ConfigError::new(format!("configuration file {}: {e}", path.display())))?
            }
            None => FileConfig::default(),
        };
        file.faq.apply_env(env).map_err(|e| ConfigError::new(e.to_string()))?;
        file.store.apply_env(env).map_err(ConfigError::new)?;
        let s = file.slack;

        let secret = |var: &str, from_file: Option<Secret>| env(var).map(Secret::new).or(from_file);
        let bot_token = secret("SLACK_BOT_TOKEN", s.bot_token)
            .ok_or_else(|| ConfigError::new("SLACK_BOT_TOKEN is not set (bot token, xoxb-...; or slack.bot_token)"))?;
        if !bot_token.expose().starts_with("xoxb-") {
            return Err(ConfigError::new("SLACK_BOT_TOKEN must be a bot token starting with xoxb-"));
        }
        let http = cli.http.clone().or_else(|| env("SLACK_HTTP_ADDR")).or(s.http);
        let mode = match http {
            Some(addr) => {
                let addr: SocketAddr = addr.parse().map_err(|_| {
                    ConfigError::new(format!(
                        "SLACK_HTTP_ADDR (--http, slack.http): {addr:?} is not an address like 0.0.0.0:3000"
                    ))
                })?;
                let signing_secret = secret("SLACK_SIGNING_SECRET", s.signing_secret).ok_or_else(|| {
                    ConfigError::new("SLACK_SIGNING_SECRET is not set (required in HTTP mode; or slack.signing_secret)")
                })?;
                Mode::Http { signing_secret, addr }
            }
            None => {
                let app_token = secret("SLACK_APP_TOKEN", s.app_token).ok_or_else(|| {
                    ConfigError::new(
                        "SLACK_APP_TOKEN is not set (app-level token, xapp-..., for Socket Mode; or slack.app_token)",
                    )
                })?;
                if !app_token.expose().starts_with("xapp-") {
                    return Err(ConfigError::new("SLACK_APP_TOKEN must be an app-level token starting with xapp-"));
                }
                Mode::Socket { app_token }
            }
        };
        let api_url = env("SLACK_API_URL").or(s.api_url).unwrap_or_else(|| DEFAULT_API_URL.to_string());
        if !(api_url.starts_with("https://") || api_url.starts_with("http://")) {
            return Err(ConfigError::new(format!("SLACK_API_URL (slack.api_url): {api_url:?} is not an http(s) URL")));
        }
        let api_url = api_url.trim_end_matches('/').to_string();
        let escalation_channel = env("SLACK_ESCALATION_CHANNEL").or(s.escalation_channel).ok_or_else(|| {
            ConfigError::new(
                "SLACK_ESCALATION_CHANNEL is not set (channel id C... for handovers; or slack.escalation_channel)",
            )
        })?;
        check_id("SLACK_ESCALATION_CHANNEL", &escalation_channel, &['C', 'G'])?;
        let support_group = env("SLACK_SUPPORT_GROUP").or(s.support_group);
        if let Some(g) = &support_group {
            check_id("SLACK_SUPPORT_GROUP", g, &['S'])?;
        }
        let resolvers = env("SLACK_RESOLVERS").map(|v| list(&v)).unwrap_or(s.resolvers);
        for r in &resolvers {
            check_id("SLACK_RESOLVERS", r, &['U', 'W'])?;
        }
        let answer_all_channels = env("SLACK_ANSWER_ALL_CHANNELS").map(|v| list(&v)).unwrap_or(s.answer_all_channels);
        for c in &answer_all_channels {
            check_id("SLACK_ANSWER_ALL_CHANNELS", c, &['C', 'G'])?;
        }
        Ok(Settings {
            bot_token,
            mode,
            api_url,
            escalation_channel,
            support_group,
            resolvers,
            answer_all_channels,
            texts: s.texts,
            faq: file.faq,
            store: file.store,
        })
    }
}

/// Slack ids are upper-case letters and digits with a known first letter;
/// checking them keeps configuration typos (and markup) out of messages.
fn check_id(var: &str, id: &str, first: &[char]) -> Result<(), ConfigError> {
    let ok = id.len() >= 2 && id.starts_with(first) && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        let firsts: Vec<String> = first.iter().map(|c| c.to_string()).collect();
        Err(ConfigError::new(format!("{var}: {id:?} is not a Slack id (expected {}...)", firsts.join("... or "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    const BASE: &[(&str, &str)] = &[
        ("SLACK_BOT_TOKEN", "xoxb-1-secret"),
        ("SLACK_APP_TOKEN", "xapp-1-secret"),
        ("SLACK_ESCALATION_CHANNEL", "C0ESC"),
    ];

    #[test]
    fn socket_mode_from_env() {
        let s = Settings::load(&Cli::default(), env(BASE)).unwrap();
        assert!(matches!(s.mode, Mode::Socket { .. }));
        assert_eq!(s.api_url, DEFAULT_API_URL);
        let debug = format!("{s:?}");
        assert!(!debug.contains("secret"), "{debug}");
    }

    #[test]
    fn errors_name_the_variable() {
        for (missing, var) in [
            ("SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN"),
            ("SLACK_APP_TOKEN", "SLACK_APP_TOKEN"),
            ("SLACK_ESCALATION_CHANNEL", "SLACK_ESCALATION_CHANNEL"),
        ] {
            let pairs: Vec<_> = BASE.iter().copied().filter(|(k, _)| *k != missing).collect();
            let err = Settings::load(&Cli::default(), env(&pairs)).unwrap_err().to_string();
            assert!(err.contains(var), "{err}");
        }
        let mut pairs = BASE.to_vec();
        pairs.push(("FAQ_ANSWER_THRESHOLD", "high"));
        let err = Settings::load(&Cli::default(), env(&pairs)).unwrap_err().to_string();
        assert!(err.contains("FAQ_ANSWER_THRESHOLD"), "{err}");
        let cli = Cli { http: Some("0.0.0.0:3000".into()), ..Cli::default() };
        let err = Settings::load(&cli, env(BASE)).unwrap_err().to_string();
        assert!(err.contains("SLACK_SIGNING_SECRET"), "{err}");
        let mut pairs = BASE.to_vec();
        pairs.push(("SLACK_RESOLVERS", "U1, <!channel>"));
        let err = Settings::load(&Cli::default(), env(&pairs)).unwrap_err().to_string();
        assert!(err.contains("SLACK_RESOLVERS"), "{err}");
        let bad_token = [("SLACK_BOT_TOKEN", "xoxp-user"), BASE[1], BASE[2]];
        let err = Settings::load(&Cli::default(), env(&bad_token)).unwrap_err().to_string();
        assert!(err.contains("SLACK_BOT_TOKEN") && !err.contains("xoxp-user"), "{err}");
    }

    #[test]
    fn file_and_env_combine() {
        let dir = tempfile::Builder::new().prefix("bot-slack-config-").tempdir().unwrap();
        let path = dir.path().join("bot.toml");
        std::fs::write(
            &path,
            "[slack]\nbot_token = \"xoxb-file\"\nsigning_secret = \"s3cr3t\"\nhttp = \"127.0.0.1:3000\"\n\
             escalation_channel = \"C0FILE\"\nresolvers = [\"U1\"]\n[slack.texts]\nhuman_button = \"사람\"\n\
             [faq]\nanswer_threshold = 0.7\n[faq.hours]\nschedule = \"24/7\"\n",
        )
        .unwrap();
        let cli = Cli { config: Some(path.clone()), ..Cli::default() };
        let s = Settings::load(
            &cli,
            env(&[("SLACK_ESCALATION_CHANNEL", "C0ENV"), ("SLACK_API_URL", "http://127.0.0.1:9/api/")]),
        )
        .unwrap();
        assert_eq!(s.escalation_channel, "C0ENV");
        assert_eq!(s.api_url, "http://127.0.0.1:9/api");
        assert_eq!(s.resolvers, vec!["U1".to_string()]);
        assert_eq!(s.texts.human_button, "사람");
        assert_eq!(s.faq.answer_threshold, Some(0.7));
        assert!(matches!(s.mode, Mode::Http { .. }));
        assert!(!format!("{s:?}").contains("s3cr3t"));
        std::fs::write(&path, "[slack]\nbot_tokn = \"x\"\n").unwrap();
        let err = Settings::load(&cli, env(&[])).unwrap_err().to_string();
        assert!(err.contains("bot_tokn") && err.contains("bot.toml"), "{err}");
    }

    #[test]
    fn cli_parses() {
        let args: Vec<String> = ["--config", "a.toml", "--http=0.0.0.0:1"].iter().map(|s| s.to_string()).collect();
        let cli = Cli::parse(&args).unwrap();
        assert_eq!(cli.config, Some(PathBuf::from("a.toml")));
        assert_eq!(cli.http.as_deref(), Some("0.0.0.0:1"));
        assert!(Cli::parse(&["--nope".to_string()]).is_err());
    }
}
