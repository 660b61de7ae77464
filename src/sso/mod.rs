//! The wire: clients for the OIDC and portal APIs, where they are (endpoints), and the one HTTP client.

pub mod assignments;
pub mod endpoint;
pub mod error;
pub mod federation;
pub mod http;
pub mod oidc;
pub mod pace;
pub mod portal;
pub mod resolve;
