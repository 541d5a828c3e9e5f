//! The pgdeck server as a library: the binary's pieces, reusable by tests.

pub mod api_v1;
pub mod assets;
pub mod cli;
pub mod config;
pub mod metrics;
pub mod proxies;
pub mod sessions;
pub mod sso;
pub mod web;
