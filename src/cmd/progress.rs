//! A progress bar on stderr for long index updates (indicatif): files done, MB/s, ETA.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use annals::index::{Progress, ProgressSink};

/// Updates reading fewer files (and fewer bytes) than these finish too fast for a bar.
const MIN_FILES: u64 = 2_000;
const MIN_BYTES: u64 = 32 * 1024 * 1024;

/// A progress bar drawn on stderr when it is a terminal; `None` otherwise.
pub fn stderr_bar(enabled: bool) -> Option<Progress> {
    use std::io::IsTerminal;
    (enabled && std::io::stderr().is_terminal()).then(|| {
        Progress(Arc::new(Bar {
            bar: ProgressBar::hidden(),
            files: AtomicU64::new(0),
            done: AtomicU64::new(0),
        }))
    })
}

struct Bar {
    bar: ProgressBar,
    /// Files to read, and files read so far.
    files: AtomicU64,
    done: AtomicU64,
}

impl ProgressSink for Bar {
    fn start(&self, files: u64, bytes: u64) {
        if files < MIN_FILES && bytes < MIN_BYTES {
            return;
        }
        self.files.store(files, Ordering::Relaxed);
        self.bar.set_length(bytes);
        self.bar.set_message(format!("0/{files} files"));
        self.bar.set_style(
            ProgressStyle::with_template(
                "{spinner} indexing [{bar:30}] {msg} {binary_bytes_per_sec} ETA {eta}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
        self.bar.enable_steady_tick(Duration::from_millis(200));
        self.bar.set_position(0);
    }

    fn advance(&self, bytes: u64) {
        if self.bar.is_hidden() {
            return;
        }
        self.bar.inc(bytes);
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let files = self.files.load(Ordering::Relaxed);
        self.bar.set_message(format!("{done}/{files} files"));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
