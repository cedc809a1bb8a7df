//! `annals related`: the articles (or sections) most like one.

use std::path::{Path, PathBuf};

use anyhow::Result;

use annals::index::UpdateOptions;
use annals::output::write_related;
use annals::search::{Engine, MAX_RELATED};
use annals::Error;

use crate::cli::RelatedArgs;

pub fn run(index: &Path, corpus: &dyn Fn() -> PathBuf, args: &RelatedArgs) -> Result<()> {
    if args.limit == 0 || args.limit > MAX_RELATED {
        return Err(Error::option("--limit", format!("must be 1 to {MAX_RELATED}")).into());
    }
    let engine = Engine::new(super::index::open_or_build(index, || {
        UpdateOptions::new(corpus())
    })?)?;
    let related = engine.related(&args.target, args.limit)?;
    super::print(&related, &args.output, |out, related, painter| {
        write_related(out, related, painter)
    })
}
