//! The human-readable form of a [`BenchReport`].

use std::io::{self, Write};

use super::{BenchReport, LatencyStats};

/// Print the latency table, throughput, and the quality table when there is one.
pub fn write_report(out: &mut impl Write, r: &BenchReport) -> io::Result<()> {
    writeln!(
        out,
        "{} queries × {} run{} (after a warm-up pass), {} hits each, {} documents",
        r.queries - r.failed.len(),
        r.runs,
        if r.runs == 1 { "" } else { "s" },
        r.limit,
        r.documents
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<8}{:>10}{:>10}{:>10}{:>10}{:>10}",
        "ms", "p50", "p95", "p99", "max", "mean"
    )?;
    let row = |out: &mut dyn Write, name: &str, s: &LatencyStats| {
        writeln!(
            out,
            "{:<8}{:>10.3}{:>10.3}{:>10.3}{:>10.3}{:>10.3}",
            name, s.p50, s.p95, s.p99, s.max, s.mean
        )
    };
    row(out, "total", &r.latency_ms.total)?;
    row(out, "parse", &r.latency_ms.parse)?;
    row(out, "search", &r.latency_ms.search)?;
    row(out, "fetch", &r.latency_ms.fetch)?;
    writeln!(out)?;
    writeln!(
        out,
        "{:.0} queries per second (one thread)",
        r.queries_per_second
    )?;
    if let Some(q) = &r.quality {
        writeln!(out)?;
        writeln!(
            out,
            "Quality over {} judged queries (hits grouped per article):",
            q.judged_queries
        )?;
        writeln!(out, "  nDCG@10     {:.4}", q.ndcg_at_10)?;
        writeln!(out, "  Recall@100  {:.4}", q.recall_at_100)?;
        writeln!(out, "  MRR@10      {:.4}", q.mrr_at_10)?;
        if q.queries_not_given > 0 {
            writeln!(
                out,
                "  ({} judged queries are not in the queries file and count as 0)",
                q.queries_not_given
            )?;
        }
        let without = q.queries_without_results - q.queries_not_given;
        if without > 0 {
            writeln!(
                out,
                "  ({without} judged queries had no results and count as 0)"
            )?;
        }
    }
    if !r.failed.is_empty() {
        writeln!(out)?;
        writeln!(out, "{} queries could not run:", r.failed.len())?;
        for f in r.failed.iter().take(10) {
            writeln!(out, "  {}: {}", f.id, f.error)?;
        }
        if r.failed.len() > 10 {
            writeln!(out, "  … and {} more", r.failed.len() - 10)?;
        }
    }
    Ok(())
}
