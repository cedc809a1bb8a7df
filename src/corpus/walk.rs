//! Listing the corpus folder: every article file under the root, hidden entries skipped,
//! in a stable order; opening a listed file (through gzip when it is compressed); and
//! telling whether files came or went since a moment, from the folders alone.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::text::without_suffix;
use super::Format;
use crate::error::{Error, Result};

/// One article file found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Path relative to the corpus root, with `/` separators.
    pub rel: String,
    /// Path to open.
    pub abs: PathBuf,
    pub format: Format,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: u64,
    /// Another file of the listing with the same path but for its extension (`a.md` beside
    /// `a.txt`), when there is one: the article ids of both then keep their extension
    /// (`a.txt`, `a.md`), so that the two stay apart.
    pub same_name: Option<String>,
}

impl CorpusFile {
    /// The file at `abs`, listed as `rel`, of `format`, whose metadata is `meta`.
    fn new(rel: String, abs: PathBuf, format: Format, meta: &std::fs::Metadata) -> CorpusFile {
        CorpusFile {
            rel,
            abs,
            format,
            size: meta.len(),
            mtime_ns: (meta.modified().ok())
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64),
            same_name: None,
        }
    }

    /// The file's path without its extension: what its article id is, unless another file
    /// has the same (see [`CorpusFile::same_name`]).
    pub fn stem(&self) -> &str {
        stem(&self.rel)
    }

    /// Whether the file is gzip-compressed (`dump.jsonl.gz`): it is read through gzip.
    pub fn gzipped(&self) -> bool {
        gz_inner(&self.rel).is_some()
    }

    /// How many bytes reading the file gives: its size, or for a gzipped file the size
    /// gzip's trailer records of what it holds (modulo 4 GiB, so never taken below the
    /// file's own size; `size` when the trailer cannot be read).
    pub fn content_size(&self) -> u64 {
        use std::io::{Read, Seek, SeekFrom};
        if !self.gzipped() || self.size < 18 {
            return self.size;
        }
        let mut trailer = [0u8; 4];
        let read = std::fs::File::open(&self.abs).and_then(|mut f| {
            f.seek(SeekFrom::End(-4))?;
            f.read_exact(&mut trailer)
        });
        match read {
            Ok(()) => u64::from(u32::from_le_bytes(trailer)).max(self.size),
            Err(_) => self.size,
        }
    }

    /// The file's bytes, decompressed when it is [gzipped](CorpusFile::gzipped): the one
    /// place a corpus file is opened for reading.
    pub fn open(&self) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        let file = std::fs::File::open(&self.abs)?;
        Ok(match self.gzipped() {
            true => Box::new(super::gzip::Members::new(file)),
            false => Box::new(file),
        })
    }
}

/// `rel` without a final `.gz` (any case), when it has one.
fn gz_inner(rel: &str) -> Option<&str> {
    without_suffix(rel, ".gz")
}

/// The format of the file at `path`, by its extension; a gzip-compressed file is of the
/// format its name gives inside (`dump.jsonl.gz`, `notes.txt.gz`), and a zipped FictionBook
/// (`.fb2.zip`) is one. `Err` holds the extension annals does not read (`(none)` for a name
/// without one), as the listing counts them.
fn format_of(path: &Path) -> std::result::Result<Format, String> {
    let extension = path.extension().and_then(|e| e.to_str());
    let inner = || {
        path.file_stem()
            .map(Path::new)
            .and_then(|stem| stem.extension())
            .and_then(|e| e.to_str())
    };
    match extension {
        Some(e) if e.eq_ignore_ascii_case("gz") => inner()
            .and_then(Format::from_extension)
            .ok_or_else(|| ".gz".to_string()),
        Some(e) if e.eq_ignore_ascii_case("zip") => {
            match inner().and_then(Format::from_extension) {
                Some(Format::Fb2) => Ok(Format::Fb2),
                _ => Err(".zip".to_string()),
            }
        }
        Some(e) => Format::from_extension(e).ok_or_else(|| format!(".{}", e.to_lowercase())),
        None => Err("(none)".to_string()),
    }
}

/// `rel` without its extension (both of a compressed file's: `dump.jsonl.gz` and
/// `book.fb2.zip` are `dump` and `book`).
pub fn stem(rel: &str) -> &str {
    let rel = gz_inner(rel).or_else(|| zipped_book(rel)).unwrap_or(rel);
    let name_start = rel.rfind('/').map_or(0, |i| i + 1);
    match rel[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &rel[..name_start + dot],
        _ => rel,
    }
}

/// `rel` without a final `.zip` (any case) after `.fb2`: a zipped FictionBook.
fn zipped_book(rel: &str) -> Option<&str> {
    let inner = without_suffix(rel, ".zip")?;
    without_suffix(inner, ".fb2").map(|_| inner)
}

/// The files of a corpus, and the entries that could not be listed.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<CorpusFile>,
    /// `(path, problem)` for folders or files the walk could not enter or inspect.
    pub problems: Vec<(String, String)>,
    /// Files not read because annals does not know their type, counted by extension
    /// (`.pdf`; `(none)` for names without one).
    pub ignored: std::collections::BTreeMap<String, usize>,
    /// Symbolic links passed over because links are not followed.
    pub links: usize,
    /// Whether the corpus is one file (`annals index dump.jsonl.gz`) rather than a folder.
    pub single_file: bool,
    /// Every folder walked, the root (an empty path) first, relative to the root: what
    /// [`folders_changed_since`] looks at, kept so that a search can look at them alone.
    pub folders: Vec<PathBuf>,
}

/// List the article files under `root`, sorted by relative path. Symbolic links are
/// followed only when `follow` is set (a loop is then reported, not entered twice).
///
/// A `root` that is a file of a format annals reads is a corpus of that one file, listed by
/// its name.
///
/// Fails only when `root` itself is missing, or is neither a folder nor a file annals
/// reads; problems with entries below it are collected in [`Listing::problems`].
pub fn list_files(root: &Path, follow: bool) -> Result<Listing> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) if meta.is_file() => return one_file(root, &meta),
        Ok(_) => return Err(Error::CorpusNotFolder(root.to_path_buf())),
        Err(_) => return Err(Error::CorpusMissing(root.to_path_buf())),
    }
    let mut listing = Listing::default();
    let mut found = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(follow)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !(is_hidden(e.file_name()) || is_saved_page_files(e.path()))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let msg = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                listing.problems.push((path, msg));
                continue;
            }
        };
        // The root is followed even when it is a link, as walkdir follows it.
        if entry.path_is_symlink() && !follow && entry.depth() > 0 {
            listing.links += 1;
            continue;
        }
        if entry.file_type().is_dir() {
            let rel = entry.path().strip_prefix(root).unwrap_or(Path::new(""));
            listing.folders.push(rel.to_path_buf());
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let format = match format_of(entry.path()) {
            Ok(format) => format,
            Err(kind) => {
                *listing.ignored.entry(kind).or_default() += 1;
                continue;
            }
        };
        found.push((relative(root, entry.path()), entry.into_path(), format));
    }
    // Reading each file's size and mtime is most of a listing's cost; spread it over cores.
    let stats: Vec<_> = found
        .into_par_iter()
        .map(|(rel, abs, format)| match std::fs::metadata(&abs) {
            Ok(meta) => Ok(CorpusFile::new(rel, abs, format, &meta)),
            Err(e) => Err((rel, e.to_string())),
        })
        .collect();
    for stat in stats {
        match stat {
            Ok(file) => listing.files.push(file),
            Err(problem) => listing.problems.push(problem),
        }
    }
    listing.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    mark_same_names(&mut listing.files);
    Ok(listing)
}

/// The listing of a corpus that is the one file at `file`, whose metadata is `meta`.
fn one_file(file: &Path, meta: &std::fs::Metadata) -> Result<Listing> {
    let format = format_of(file).map_err(|kind| Error::CorpusFileUnread {
        path: file.to_path_buf(),
        why: match kind.as_str() {
            "(none)" => "its name has no extension to tell its format by".to_string(),
            _ => format!("it reads no {kind} files"),
        },
    })?;
    let rel = (file.file_name()).map_or_else(
        || relative(Path::new(""), file),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(Listing {
        files: vec![CorpusFile::new(rel, file.to_path_buf(), format, meta)],
        single_file: true,
        ..Listing::default()
    })
}

/// Whether a file was added to, removed from or renamed in a folder of the corpus at `root`
/// (as [`list_files`] walks it without following links, `apart` and what it holds left
/// out: an index kept inside the corpus) in a second after `since`'s: each changes its
/// folder's modification time. Only folders are looked at, never each file, so an edit
/// within a file goes unseen.
pub fn folders_changed_since(root: &Path, apart: &Path, since: SystemTime) -> bool {
    // Both as the file system names them, so that the walk's paths compare with `apart`.
    let Ok(root) = root.canonicalize() else {
        return false;
    };
    let apart = apart.canonicalize().ok();
    WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| {
            e.file_type().is_dir()
                && (e.depth() == 0 || !(is_hidden(e.file_name()) || is_saved_page_files(e.path())))
                && apart.as_deref() != Some(e.path())
        })
        .filter_map(Result::ok)
        .any(|folder| {
            folder
                .metadata()
                .is_ok_and(|meta| changed_after(&meta, since))
        })
}

/// Whether a folder's modification time falls in a second after `since`'s: a file added,
/// removed or renamed in it since (times of the same second are taken as before it, as an
/// update in that second may have seen the change).
pub fn changed_after(folder: &std::fs::Metadata, since: SystemTime) -> bool {
    let seconds = |time: SystemTime| time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    folder
        .modified()
        .is_ok_and(|modified| seconds(modified) > seconds(since))
}

/// Set [`CorpusFile::same_name`] on files whose paths differ only by extension.
fn mark_same_names(files: &mut [CorpusFile]) {
    let mut by_stem: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, file) in files.iter().enumerate() {
        by_stem.entry(file.stem().to_string()).or_default().push(i);
    }
    for group in by_stem.values().filter(|g| g.len() > 1) {
        for &i in group {
            let other = group
                .iter()
                .find(|&&j| j != i)
                .expect("a group of two or more");
            files[i].same_name = Some(files[*other].rel.clone());
        }
    }
}

/// Whether a file or folder name is hidden (starts with a dot), or is the owner file
/// Microsoft Office keeps beside a document while it is open (`~$notes.docx`: a few bytes
/// naming who has it open, not the document).
pub(crate) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.first() == Some(&b'.') || name.starts_with(b"~$")
}

/// The endings a browser or Word gives the folder of a page saved whole ("Web Page,
/// complete": `Treaty.html` beside `Treaty_files/`), in the languages Windows links such
/// folders to their page in.
const SAVED_PAGE_FOLDER_ENDINGS: &[&str] = &[
    "_files",
    ".files",
    "_file",
    "-Dateien",
    "_archivos",
    "_arquivos",
    "_bestanden",
    "_fichiers",
    "_ficheiros",
    "_fitxers",
    "-filer",
    "_filer",
    "_tiedostot",
    "_pliki",
    "_soubory",
    "_elemei",
    "_dosyalar",
    "_datoteke",
    "_fajlovi",
    "_failid",
    "_fails",
    "_bylos",
    "_fitxategiak",
];

/// Whether `path` is the folder of a page saved whole (`Treaty_files/` beside
/// `Treaty.html`): its scripts, pictures and the ads' frames, none of them articles.
fn is_saved_page_files(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(page) = SAVED_PAGE_FOLDER_ENDINGS
        .iter()
        .find_map(|ending| name.strip_suffix(ending))
        .filter(|page| !page.is_empty())
    else {
        return false;
    };
    ["html", "htm", "xhtml", "shtml", "mht", "mhtml"]
        .iter()
        .any(|ext| path.with_file_name(format!("{page}.{ext}")).is_file())
        && path.is_dir()
}

/// `path` relative to `root`, with `/` separators whatever the platform.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_a_corpus_of_that_one_file_listed_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dump.jsonl.gz"), "x").unwrap();
        std::fs::write(dir.path().join("beside.txt"), "x").unwrap();
        let listing = list_files(&dir.path().join("dump.jsonl.gz"), false).unwrap();
        assert!(listing.single_file);
        let files: Vec<_> = listing
            .files
            .iter()
            .map(|f| (f.rel.as_str(), f.format))
            .collect();
        assert_eq!(files, [("dump.jsonl.gz", Format::JsonLines)]);
        assert_eq!(listing.files[0].abs, dir.path().join("dump.jsonl.gz"));
        assert!(!list_files(dir.path(), false).unwrap().single_file);
        std::fs::write(dir.path().join("LICENSE"), "x").unwrap();
        let unread = list_files(&dir.path().join("LICENSE"), false).unwrap_err();
        assert!(unread.to_string().contains("no extension"), "{unread}");
    }

    #[test]
    fn a_gzipped_file_is_of_its_inner_format_and_named_without_either_extension() {
        let format = |name: &str| format_of(Path::new(name));
        assert_eq!(format("dump.jsonl.gz"), Ok(Format::JsonLines));
        assert_eq!(format("DUMP.JSONL.GZ"), Ok(Format::JsonLines));
        assert_eq!(format("notes.txt.gz"), Ok(Format::Text));
        assert_eq!(format("page.HTML.gz"), Ok(Format::Html));
        assert_eq!(format("archive.gz"), Err(".gz".to_string()));
        assert_eq!(format("changelog.Debian.gz"), Err(".gz".to_string()));
        assert_eq!(format("README"), Err("(none)".to_string()));
        assert_eq!(stem("a/dump.jsonl.gz"), "a/dump");
        assert_eq!(stem("a/dump.jsonl"), "a/dump");
        assert_eq!(gz_inner("x.gz"), Some("x"));
        assert_eq!(gz_inner("gz"), None);
        assert_eq!(gz_inner("é.gz"), Some("é"));
        assert_eq!(format("war.fb2.zip"), Ok(Format::Fb2));
        assert_eq!(format("war.FB2.ZIP"), Ok(Format::Fb2));
        assert_eq!(format("photos.zip"), Err(".zip".to_string()));
        assert_eq!(stem("books/war.fb2.zip"), "books/war");
        assert_eq!(stem("books/war.fb2"), "books/war");
        assert_eq!(stem("books/photos.zip"), "books/photos");
    }

    #[test]
    fn files_are_read_by_the_other_names_their_formats_go_by() {
        let format = |name: &str| format_of(Path::new(name));
        assert_eq!(format("dump.ndjson"), Ok(Format::JsonLines));
        assert_eq!(format("dump.ndjson.gz"), Ok(Format::JsonLines));
        assert_eq!(format("ch01.xhtml"), Ok(Format::Html));
        assert_eq!(format("notes.mkd"), Ok(Format::Markdown));
        assert_eq!(format("analysis.qmd"), Ok(Format::Markdown));
        assert_eq!(format("analysis.Rmd"), Ok(Format::Markdown));
        assert_eq!(format("journal.org"), Ok(Format::Org));
        assert_eq!(format("index.rst"), Ok(Format::Rst));
        assert_eq!(format("notes.rest"), Ok(Format::Rst));
        assert_eq!(format("book.adoc"), Ok(Format::AsciiDoc));
        assert_eq!(format("book.asciidoc"), Ok(Format::AsciiDoc));
        assert_eq!(format("old/page.shtml"), Ok(Format::Html));
        assert_eq!(format("notes.TEXT"), Ok(Format::Text));
        assert_eq!(format("thesis.docm"), Ok(Format::Docx));
        assert_eq!(format("thesis.DOC"), Ok(Format::Doc));
        assert_eq!(format("data.json"), Ok(Format::Json));
        assert_eq!(format("data.JSON.gz"), Ok(Format::Json));
        assert_eq!(format("articles.csv"), Ok(Format::Csv));
        assert_eq!(format("articles.csv.gz"), Ok(Format::Csv));
        assert_eq!(format("articles.tsv"), Ok(Format::Tsv));
        assert_eq!(format("library.bib"), Ok(Format::Bib));
        assert_eq!(format("library.ris"), Ok(Format::Ris));
        assert_eq!(format("library.bib.gz"), Ok(Format::Bib));
        assert_eq!(format("data.xlsx"), Ok(Format::Xlsx));
        assert_eq!(format("data.ods"), Ok(Format::Ods));
        assert_eq!(format("data.numbers"), Err(".numbers".to_string()));
        assert_eq!(format("paper.pdf.gz"), Ok(Format::Pdf));
        assert_eq!(stem("a/dump.ndjson.gz"), "a/dump");
    }

    #[test]
    fn a_saved_pages_folder_is_passed_over_and_a_folder_of_that_name_alone_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "<p>text</p>").unwrap();
        };
        write("Treaty.html");
        write("Treaty_files/ad.html");
        write("de/Vertrag.htm");
        write("de/Vertrag-Dateien/frame.html");
        write("war_files/notes.txt");
        let listing = list_files(dir.path(), false).unwrap();
        let rels: Vec<&str> = listing.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(
            rels,
            ["Treaty.html", "de/Vertrag.htm", "war_files/notes.txt"]
        );
    }

    #[test]
    fn a_gzipped_file_tells_what_it_holds() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let text = "{\"title\": \"T\", \"text\": \"words words words\"}\n".repeat(1000);
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(text.as_bytes()).unwrap();
        std::fs::write(dir.path().join("d.jsonl.gz"), encoder.finish().unwrap()).unwrap();
        std::fs::write(dir.path().join("p.jsonl"), &text).unwrap();
        let listing = list_files(dir.path(), false).unwrap();
        let sizes: Vec<(bool, u64)> = (listing.files.iter())
            .map(|f| (f.size < text.len() as u64, f.content_size()))
            .collect();
        let len = text.len() as u64;
        assert_eq!(sizes, [(true, len), (false, len)]);
        let mut read = String::new();
        std::io::Read::read_to_string(&mut listing.files[0].open().unwrap(), &mut read).unwrap();
        assert_eq!(read, text);
    }

    #[test]
    fn lists_article_files_sorted_and_skips_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deeper")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "z.txt",
            "b/a.md",
            "b/deeper/c.HTML",
            "x.jsonl",
            ".hidden.txt",
            ".git/d.txt",
            "~$notes.docx",
            "notes.pages",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let listing = list_files(root, false).unwrap();
        let rels: Vec<_> = listing.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, vec!["b/a.md", "b/deeper/c.HTML", "x.jsonl", "z.txt"]);
        assert_eq!(listing.files[1].format, Format::Html);
        assert!(listing.files.iter().all(|f| f.size == 1 && f.mtime_ns > 0));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_only_when_asked_and_loops_are_reported() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let (root, outside) = (dir.path().join("corpus"), dir.path().join("outside"));
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        std::fs::write(outside.join("b.txt"), "x").unwrap();
        symlink(&outside, root.join("linked")).unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        let rels = |follow| -> Vec<String> {
            list_files(&root, follow)
                .unwrap()
                .files
                .into_iter()
                .map(|f| f.rel)
                .collect()
        };
        assert_eq!(rels(false), ["a.txt"]);
        assert_eq!(rels(true), ["a.txt", "linked/b.txt"]);
        // The links passed over are counted, so that a summary can say so; a linked root
        // is not one of them.
        assert_eq!(list_files(&root, false).unwrap().links, 2);
        symlink(&root, dir.path().join("root-link")).unwrap();
        assert_eq!(
            list_files(&dir.path().join("root-link"), false)
                .unwrap()
                .links,
            2
        );
        assert_eq!(list_files(&root, true).unwrap().links, 0);
        let followed = list_files(&root, true).unwrap();
        assert!(
            followed.problems.iter().any(|(p, _)| p.contains("sub/up")),
            "{:?}",
            followed.problems
        );
    }

    #[test]
    fn a_missing_root_is_an_error() {
        let err = list_files(Path::new("/definitely/not/here"), false).unwrap_err();
        assert!(matches!(err, Error::CorpusMissing(_)));
    }
}
