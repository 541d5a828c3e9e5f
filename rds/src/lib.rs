//! The NHN Cloud RDS for PostgreSQL API (v1.0) in Rust.
//!
//! * [`types`]: the request and answer of every endpoint, camelCase on the wire.
//!   Enums keep values they do not know ([`open_enum!`]); date-times keep their
//!   raw text and parse leniently ([`Timestamp`]).
//! * [`ids`] and [`validate`]: typed identifiers and values checked against every
//!   limit the guide states, failing with the field's name and the reason.
//! * [`endpoints`]: the table of all 93 endpoints.
//! * `client` (feature `client`): one HTTP client with token exchange and retries.
//!
//! Everything except `client` compiles for `wasm32-unknown-unknown`.

#![recursion_limit = "256"]

pub mod calls;
pub mod check;
pub mod datetime;
pub mod endpoints;
pub mod enums;
pub mod error;
pub mod ids;
pub mod params;
pub mod secret;
pub mod types;
pub mod validate;
pub mod versions;

#[cfg(feature = "client")]
pub mod budget;
#[cfg(feature = "client")]
pub mod client;

pub use calls::{Call, Sent};
pub use datetime::Timestamp;
pub use enums::*;
pub use ids::*;
pub use secret::Secret;
pub use validate::{Refusal, ValidationError};
