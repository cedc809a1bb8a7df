//! annals: full-text search for collections of history articles.
//!
//! The pipeline: [`corpus`] reads a folder of articles (plain text, Markdown, HTML, JSON
//! Lines) into [`corpus::Article`]s; [`index`] turns them into a tantivy index of sections
//! and reading-list entries (see [`schema`]) and keeps it in step with the folder;
//! [`search`] answers ranked queries with highlighted snippets; [`output`] renders them;
//! [`bench`] times query sets and measures ranking quality against judgments.
//!
//! ```no_run
//! use annals::index::{update, UpdateOptions};
//! use annals::search::{Engine, SearchOptions};
//!
//! # fn main() -> annals::Result<()> {
//! let index = std::path::Path::new("index");
//! update(index, &UpdateOptions::new("corpus"), &mut |_| {})?;
//! let results = Engine::open(index)?.search("rapallo", &SearchOptions::default())?;
//! for hit in results.hits {
//!     println!("{} › {}", hit.title, hit.heading);
//! }
//! # Ok(())
//! # }
//! ```

pub mod analyzer;
pub mod bench;
pub mod corpus;
pub mod dates;
pub mod dictionary;
pub mod error;
pub mod index;
mod json;
pub mod language;
pub mod output;
mod prefetch;
pub mod schema;
pub mod search;
#[cfg(feature = "server")]
pub mod serve;
mod stemming;
mod word_years;

pub use error::{Error, Result};
