//! pgdeck's server tests: one binary, so that a build links the server once
//! for all of them rather than once per file.

mod common;

mod access;
mod accounts;
mod api;
mod approvals;
mod assets;
mod backups;
mod change;
mod cli;
mod crash;
mod estate;
mod gateway;
mod hostile;
mod i18n;
mod integrity;
mod jobs;
mod operations;
mod params;
mod reads;
mod sso;
mod throttle;
mod upgrade;
mod upstream;
