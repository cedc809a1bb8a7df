//! End-to-end tests of the `annals` binary, one module per area.

mod util;

mod concurrency;
mod errors;
mod incremental;
mod index;
mod quality;
mod relevance;
mod search;
mod server;
