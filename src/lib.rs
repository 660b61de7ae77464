//! ssoenv: AWS IAM Identity Center logins and short-term credentials for the shell.
//! The layout is described in design.md: each module owns one layer and only looks down.
#![forbid(unsafe_code)]

pub mod auth;
pub mod cache;
pub mod cli;
pub mod cmd;
pub mod complete;
pub mod config;
pub mod emulator;
pub mod env;
pub mod logger;
pub mod prompt;
pub mod secret;
pub mod shell;
pub mod sso;
