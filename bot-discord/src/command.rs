//! The `/faq 질문:<text>` slash command.

use chrono::{DateTime, Utc};
use faq_core::{Matcher, Policy, Reply};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption, ResolvedOption, ResolvedValue};

use crate::config::DiscordTexts;

/// The command's name.
pub const NAME: &str = "faq";
/// The name of its one option.
pub const OPTION: &str = "질문";
/// Longest question the option accepts.
pub const MAX_QUESTION: u16 = 500;

/// The command as registered with Discord.
pub fn register(texts: &DiscordTexts) -> CreateCommand {
    CreateCommand::new(NAME).description(texts.command_description.clone()).add_option(
        CreateCommandOption::new(CommandOptionType::String, OPTION, texts.option_description.clone())
            .required(true)
            .max_length(MAX_QUESTION),
    )
}

/// The question typed into the option, if any.
pub fn question(options: &[ResolvedOption<'_>]) -> Option<String> {
    options.iter().find_map(|o| match (o.name, &o.value) {
        (OPTION, ResolvedValue::String(s)) => Some(s.to_string()),
        _ => None,
    })
}

/// The reply to a question asked with the command: one core call.
pub fn run(policy: &Policy, matcher: &Matcher, question: &str, now: DateTime<Utc>) -> Reply {
    policy.respond(matcher, question, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_payload() {
        let v = serde_json::to_value(register(&DiscordTexts::default())).unwrap();
        assert_eq!(v["name"], "faq");
        assert_eq!(v["options"][0]["name"], "질문");
        assert_eq!(v["options"][0]["type"], 3);
        assert_eq!(v["options"][0]["required"], true);
    }
}
