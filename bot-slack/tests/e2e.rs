//! End-to-end tests of bot-slack against a fake Slack on 127.0.0.1.

#[path = "e2e/binary.rs"]
mod binary;
#[path = "e2e/fake.rs"]
mod fake;
#[path = "e2e/harness.rs"]
mod harness;
#[path = "e2e/hostile.rs"]
mod hostile;
#[path = "e2e/http_mode.rs"]
mod http_mode;
#[path = "e2e/socket_mode.rs"]
mod socket_mode;
#[path = "e2e/store.rs"]
mod store;
