//! Turn `wiki-history.jsonl.gz` (one `{"id","title","sections":[{"heading","text"}]}` per
//! line) into a folder of `.txt` articles in annals' plain-text format, for measuring speed
//! on real text.
//!
//! ```sh
//! cargo run --release --example wiki_corpus -- ../shared/corpora/wiki-history.jsonl.gz /tmp/wiki [LIMIT]
//! ```

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

use serde::Deserialize;

#[derive(Deserialize)]
struct Record {
    id: serde_json::Value,
    title: String,
    sections: Vec<Section>,
}

#[derive(Deserialize)]
struct Section {
    heading: String,
    text: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output, rest @ ..] = args.as_slice() else {
        eprintln!("usage: wiki_corpus INPUT.jsonl.gz OUTPUT_DIR [LIMIT]");
        std::process::exit(2);
    };
    let limit: usize = rest.first().map_or(Ok(usize::MAX), |l| l.parse())?;
    let output = PathBuf::from(output);
    fs::create_dir_all(&output)?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(fs::File::open(input)?));
    let mut written = 0;
    for line in reader.lines().take(limit) {
        let record: Record = serde_json::from_str(&line?)?;
        let id = match &record.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let name: String = id
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let mut text = format!("{}\n", record.title.trim());
        for section in &record.sections {
            let heading = section.heading.trim();
            if !heading.is_empty() {
                text.push_str(heading);
                text.push('\n');
            }
            for paragraph in section
                .text
                .lines()
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                text.push_str(paragraph);
                text.push('\n');
            }
        }
        fs::write(output.join(format!("{name}.txt")), text)?;
        written += 1;
    }
    eprintln!("wrote {written} articles to {}", output.display());
    Ok(())
}
