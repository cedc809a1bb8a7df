//! Writes a deterministic synthetic corpus for benchmarks: N articles in the sample's `.txt`
//! format (title, lead, headed sections, a nested fun fact, a reading list), about 3.5 KB
//! each. Words follow a Zipf distribution over a real vocabulary (the 8,000 most frequent
//! words of the wiki-history collection, `examples/data/vocabulary.txt`); named entities,
//! years, headings and book titles are drawn from the same sources.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- DIR N [--seed S]
//! ```
//!
//! The same N and seed always give the same files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const VOCABULARY: &str = include_str!("data/vocabulary.txt");
const ENTITIES: &str = include_str!("data/entities.txt");

/// Articles per sub-folder, so that no folder gets huge.
const PER_FOLDER: usize = 1000;

/// Target article size in bytes.
const ARTICLE_BYTES: usize = 3500;

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Draws word ranks with probability proportional to 1 / rank (Zipf, s = 1).
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        self.cumulative.partition_point(|&c| c < target)
    }
}

struct Generator {
    rng: Rng,
    words: Vec<&'static str>,
    entities: Vec<&'static str>,
    zipf: Zipf,
    /// Content words (rank 100 and below): for titles, headings and book titles.
    content: Zipf,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        let words: Vec<&str> = VOCABULARY.lines().filter(|w| !w.is_empty()).collect();
        let entities = ENTITIES.lines().filter(|w| !w.is_empty()).collect();
        Generator {
            rng: Rng(seed),
            zipf: Zipf::new(words.len()),
            content: Zipf::new(words.len() - 100),
            words,
            entities,
        }
    }

    fn word(&mut self) -> &'static str {
        self.words[self.zipf.sample(&mut self.rng)]
    }

    fn content_word(&mut self) -> &'static str {
        self.words[100 + self.content.sample(&mut self.rng)]
    }

    fn entity(&mut self) -> &'static str {
        self.entities[self.rng.below(self.entities.len())]
    }

    fn year(&mut self) -> u32 {
        1400 + self.rng.below(620) as u32
    }

    /// A few capitalised content words, optionally with an entity: a title or heading.
    fn heading(&mut self) -> String {
        let n = 2 + self.rng.below(4);
        let mut parts: Vec<String> = (0..n).map(|_| capitalise(self.content_word())).collect();
        if self.rng.below(3) == 0 {
            let at = self.rng.below(parts.len() + 1);
            parts.insert(at, self.entity().to_string());
        }
        parts.join(" ")
    }

    fn sentence(&mut self) -> String {
        let n = 8 + self.rng.below(18);
        let mut words: Vec<String> = Vec::with_capacity(n + 2);
        for i in 0..n {
            let roll = self.rng.below(100);
            words.push(if roll < 6 {
                self.entity().to_string()
            } else if roll < 8 {
                self.year().to_string()
            } else if i == 0 {
                capitalise(self.word())
            } else {
                self.word().to_string()
            });
        }
        format!("{}.", words.join(" "))
    }

    fn paragraph(&mut self, bytes: usize) -> String {
        let mut text = String::new();
        while text.len() < bytes {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&self.sentence());
        }
        text
    }

    fn book(&mut self) -> String {
        let title = self.heading();
        let author = format!("{} {}", self.entity(), self.entity());
        format!("- \"{title}\" by {author} ({})", self.year())
    }

    fn article(&mut self) -> String {
        let mut out = String::with_capacity(ARTICLE_BYTES + 512);
        let year = self.year();
        out.push_str(&self.heading());
        out.push('\n');
        out.push_str(&format!(
            "In {year}, {}",
            lowercase_first(&self.paragraph(350))
        ));
        out.push('\n');
        let sections = 3 + self.rng.below(4);
        let budget = (ARTICLE_BYTES - 900) / sections;
        for _ in 0..sections {
            out.push_str(&self.heading());
            out.push('\n');
            out.push_str(&self.paragraph(budget.saturating_sub(40)));
            out.push('\n');
        }
        if self.rng.below(2) == 0 {
            out.push_str("Fun Fact\n");
            out.push_str(&self.heading());
            out.push('\n');
            out.push_str(&self.paragraph(200));
            out.push('\n');
        }
        if self.rng.below(4) != 0 {
            out.push_str("Further Reading\n");
            for _ in 0..1 + self.rng.below(4) {
                out.push_str(&self.book());
                out.push('\n');
            }
        }
        out
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus DIR N [--seed S]";
    let (Some(dir), Some(n)) = (
        args.first(),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let seed = match args.iter().position(|a| a == "--seed") {
        Some(i) => match args.get(i + 1).and_then(|s| s.parse().ok()) {
            Some(seed) => seed,
            None => {
                eprintln!("--seed needs a number; {usage}");
                std::process::exit(2);
            }
        },
        None => 42,
    };
    if let Err(e) = generate(Path::new(dir), n, seed) {
        eprintln!("gen_corpus: {e}");
        std::process::exit(1);
    }
}

/// Write `n` articles generated from `seed` into `dir`.
pub fn generate(dir: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let mut generator = Generator::new(seed);
    let mut bytes = 0;
    for i in 0..n {
        let folder: PathBuf = dir.join(format!("{:03}", i / PER_FOLDER));
        if i % PER_FOLDER == 0 {
            fs::create_dir_all(&folder)?;
        }
        let article = generator.article();
        bytes += article.len();
        let mut file = fs::File::create(folder.join(format!("article_{i:06}.txt")))?;
        file.write_all(article.as_bytes())?;
    }
    println!(
        "{n} articles, {:.1} MB, {:.0} bytes each on average, in {}",
        bytes as f64 / 1e6,
        bytes as f64 / n.max(1) as f64,
        dir.display()
    );
    Ok(())
}
