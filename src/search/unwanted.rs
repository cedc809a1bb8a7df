//! Giving up searches nobody waits for: the server runs each request's work under a flag
//! it sets when the client goes away, and collecting hits (see [`super::top`]) looks at
//! the flag as it goes, so a running search ends early; its partial answer is dropped
//! with the request.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

thread_local! {
    static FLAG: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Run `work` on this thread, its searches given up as soon as `flag` is set.
pub fn unless<T>(flag: Arc<AtomicBool>, work: impl FnOnce() -> T) -> T {
    /// Clears the flag of the thread however `work` ends (threads are reused).
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            FLAG.with(|f| *f.borrow_mut() = None);
        }
    }
    FLAG.with(|f| *f.borrow_mut() = Some(flag));
    let _clear = Clear;
    work()
}

/// Whether the work running on this thread is no longer wanted.
pub(crate) fn now() -> bool {
    FLAG.with(|f| {
        f.borrow()
            .as_ref()
            .is_some_and(|f| f.load(Ordering::Relaxed))
    })
}
