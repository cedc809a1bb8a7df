//! Accepting connections with limits, so that slow or heavy clients cannot lock others
//! out: a request's headers must arrive within [`HEADER_TIMEOUT`] (which also closes a
//! kept-alive connection idle that long), at most [`max_connections`] are open at once
//! (the rest wait in the kernel's queue until one closes), and a failed `accept` (out of
//! file descriptors) pauses instead of ending the server. Request targets are read as a
//! browser would have sent them (see [`super::lenient`]).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

use super::lenient::Lenient;

/// A request's headers must arrive within this long after the connection is ready for
/// them, or the connection is closed: a client that sends half a request line and stops
/// holds a connection this long at most.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// File descriptors kept for everything but connections (index files, the watcher).
const RESERVED_FDS: u64 = 128;

/// The most connections served at once: below the process's open-file limit, so that
/// accepting never fails for want of descriptors, and at most 4,096.
pub fn max_connections() -> usize {
    let limit = open_file_limit().unwrap_or(1024);
    limit.saturating_sub(RESERVED_FDS).clamp(8, 4096) as usize
}

#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one `rlimit` into the struct it is given.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
    ok.then_some(limit.rlim_cur)
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

/// Serve `app` on `listener` until `shutdown` resolves; then stop accepting and wait for
/// the connections in flight to finish their requests.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let capacity = max_connections();
    let slots = Arc::new(Semaphore::new(capacity));
    let (closing, closed) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = &mut shutdown => break,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of descriptors or a connection reset before it was accepted.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let mut closed = closed.clone();
        tokio::spawn(async move {
            let service = TowerToHyperService::new(app);
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(Lenient::new(stream)), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                _ = closed.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(slot);
        });
    }
    let _ = closing.send(true);
    // Every connection holds a slot until it ends: taking them all waits for the last.
    let all = u32::try_from(capacity).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(30), slots.acquire_many(all)).await;
}
