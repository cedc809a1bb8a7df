//! End-to-end tests of the `annals` binary, one module per area.

mod util;

#[cfg(feature = "server")]
mod browser;
mod concurrency;
mod dates;
mod documents;
mod ebooks;
mod errors;
mod escapes;
mod fictionbooks;
mod hebrew;
mod historians;
mod hostile;
mod incremental;
mod index;
mod inflections;
mod languages;
mod markup;
mod pdfs;
mod permissions;
mod piped;
mod quality;
mod query;
mod reading;
mod readme;
mod records;
mod relevance;
mod robustness;
mod search;
#[cfg(feature = "server")]
mod server;
mod terminal;
mod timeline;
mod wikis;
