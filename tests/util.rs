//! A temporary corpus and index, and helpers to run the binary against them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The sample article shipped in `corpus/`.
pub const SAMPLE: &str = include_str!("../corpus/000_d5788bac9f20a018.txt");

/// The user id of `nobody`, whom root-run tests become to be refused access.
pub const NOBODY: u32 = 65534;

/// A scratch folder holding `corpus/` and `index/`; the binary runs inside it.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

impl TestEnv {
    /// An empty corpus.
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        TestEnv { dir }
    }

    /// A corpus holding the sample article.
    pub fn with_sample() -> TestEnv {
        let env = TestEnv::new();
        env.write("000_d5788bac9f20a018.txt", SAMPLE);
        env
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.root().join("corpus")
    }

    pub fn index(&self) -> PathBuf {
        self.root().join("index")
    }

    /// Write a corpus file, creating folders as needed.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let path = self.corpus().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }

    /// One short article per `(name, year)`, `NAME.txt`, titled `Armistice NAME`, whose
    /// lead says an armistice was signed in that year.
    pub fn write_armistices(&self, dated: &[(&str, i64)]) {
        for (name, year) in dated {
            self.write(
                &format!("{name}.txt"),
                article(
                    &format!("Armistice {name}"),
                    &format!("An armistice was signed in {year}."),
                    &[],
                ),
            );
        }
    }

    /// Set a corpus file's mtime to a fixed moment long ago (`n` seconds after one in
    /// 2020), as if it had not been touched for a while.
    pub fn age(&self, rel: &str, n: u64) {
        let when =
            std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000 + n);
        std::fs::File::options()
            .write(true)
            .open(self.corpus().join(rel))
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    /// The command with a clean environment, run in the scratch folder.
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.clean(Command::new(env!("CARGO_BIN_EXE_annals")), args)
    }

    /// The command run by a user without special privileges, so that file permissions
    /// apply: as is when the tests do not run as root, else as `nobody` through `setpriv`.
    /// `None` when the tests run as root and `setpriv` is missing. The scratch folder is
    /// opened to all users for it.
    pub fn cmd_unprivileged(&self, args: &[&str]) -> Option<Command> {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if std::fs::metadata("/proc/self").ok()?.uid() != 0 {
            return Some(self.cmd(args));
        }
        std::fs::set_permissions(self.root(), std::fs::Permissions::from_mode(0o755)).ok()?;
        let as_nobody = |binary: &Path, args: &[&str]| {
            let mut setpriv = Command::new("setpriv");
            setpriv
                .args([
                    format!("--reuid={NOBODY}"),
                    format!("--regid={NOBODY}"),
                    "--clear-groups".into(),
                ])
                .arg(binary);
            self.clean(setpriv, args)
        };
        let works = |binary: &Path| {
            as_nobody(binary, &["--version"])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let mut binary = PathBuf::from(env!("CARGO_BIN_EXE_annals"));
        if !works(&binary) {
            // `nobody` may not reach the build folder; a copy in the scratch folder will do.
            let copy = self.root().join("annals-bin");
            std::fs::copy(&binary, &copy).ok()?;
            binary = copy;
        }
        works(&binary).then(|| as_nobody(&binary, args))
    }

    fn clean(&self, mut cmd: Command, args: &[&str]) -> Command {
        cmd.args(args)
            .current_dir(self.root())
            .env_remove("ANNALS_INDEX")
            .env_remove("ANNALS_CORPUS")
            .env_remove("NO_COLOR")
            .env_remove("RUST_BACKTRACE");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run(self.cmd(args).output().expect("run annals"))
    }

    /// Run and expect success.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        assert_eq!(run.code(), 0, "annals {args:?} failed:\n{}", run.stderr());
        run
    }

    /// Assert that none of `words` is found: text a reader must leave out.
    pub fn assert_not_found(&self, words: &[&str]) {
        for word in words {
            let found = self.search_json(&[word]);
            assert_eq!(found["total"], 0, "{word}: {found}");
        }
    }

    /// `annals search --json ARGS…`, parsed.
    pub fn search_json(&self, args: &[&str]) -> Value {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        self.ok(&all).json()
    }
}

/// The output of one run.
/// A small tmpfs mounted on a temporary folder, unmounted when dropped.
pub struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    /// Mount a tmpfs of `size` (as `mount -o size=` takes it). `None` where this process may
    /// not mount (not root, or in a container that forbids it).
    pub fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then_some(Tmpfs(dir))
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Make the file system read-only, as a write-protected disk would be.
    pub fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .expect("run mount");
        assert!(status.success(), "remounting read-only failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.path()).status();
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().expect("exit code")
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.0.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout()))
    }
}

/// The string fields `a` and `b` of each object in the JSON list `list`.
pub fn pairs(list: &Value, a: &str, b: &str) -> Vec<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|o| (o[a].as_str().unwrap().into(), o[b].as_str().unwrap().into()))
        .collect()
}

/// The `title` of each book of `annals books --json`'s `books`.
pub fn book_titles(books: &Value) -> Vec<&str> {
    (books["books"].as_array().unwrap().iter())
        .map(|b| b["title"].as_str().unwrap())
        .collect()
}

/// The `(kind, title, heading)` of each hit.
pub fn hits(results: &Value) -> Vec<(String, String, String)> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap().to_string(),
                h["title"].as_str().unwrap().to_string(),
                h["heading"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A small article in the plain-text format.
pub fn article(title: &str, lead: &str, sections: &[(&str, &str)]) -> String {
    let mut text = format!("{title}\n{lead}\n");
    for (heading, body) in sections {
        text.push_str(&format!("{heading}\n{body}\n"));
    }
    text
}

/// Poll `check` until it holds or `limit` passes; whether it held.
pub fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    check()
}

/// The segment ids named by files in the index folder, and by its `meta.json`.
pub fn segment_ids(index: &std::path::Path) -> (Vec<String>, Vec<String>) {
    let mut on_disk: Vec<String> = std::fs::read_dir(index)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            let (id, _) = name.split_once('.')?;
            (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then(|| id.to_string())
        })
        .collect();
    on_disk.sort();
    on_disk.dedup();
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index.join("meta.json")).unwrap()).unwrap();
    let mut committed: Vec<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    committed.sort();
    (on_disk, committed)
}

/// A zip archive of `files` (name, text), stored, in order.
pub fn zipped(files: &[(&str, &str)]) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in files {
            zip.start_file(*name, stored).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    bytes
}
