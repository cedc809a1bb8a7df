//! `annals serve`: the searches of the command line over HTTP, with a search page.
//!
//! axum on a small tokio runtime accepts requests; searching is blocking work, so each
//! search runs on tokio's blocking pool, never on the async workers. The engine's reader
//! follows new commits, so updates by `annals index` in another process (or by a watcher in
//! this one) show up without a restart.

mod article;
mod host;
mod lenient;
mod listen;
mod params;

pub use params::{MAX_API_LIMIT, MAX_QUERY_BYTES};

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{RawQuery, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::error::{Error, Result};
use crate::search::{Engine, MAX_COMPLETIONS};
use params::{
    api_message, book_options, check_names, decode_query_string, optional_query, param, query_text,
    related_request, search_options, SEARCH_PARAMS,
};

/// The search page: one self-contained file (inline CSS and JavaScript).
const PAGE: &str = include_str!("page.html");

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// No request log on stderr.
    pub quiet: bool,
    /// Host names accepted besides the loopback names (see [`HostCheck`]).
    pub allow_hosts: Vec<String>,
}

/// What every handler shares: the engine, and the permits that bound concurrent searches.
struct App {
    engine: Engine,
    /// [`SEARCHES_PER_CORE`] permits per core: searches beyond them queue instead of
    /// piling up threads, and a queued search whose client has gone away is dropped before
    /// it starts.
    searches: Arc<tokio::sync::Semaphore>,
}

type Shared = Arc<App>;

/// Searches running at once, per core. More than one, so that a core has the next search
/// ready while the last one's answer is handed back across threads: with one, cores stood
/// idle between searches under load; three kept them busiest, more only lengthened the
/// slowest answers (BENCHMARKS.md, "HTTP load: searches per core").
const SEARCHES_PER_CORE: usize = 3;

/// Serve `engine` until `shutdown` completes (or SIGINT/SIGTERM arrives): stop accepting,
/// finish the requests in flight, return. `on_listening` is told the bound address (the
/// port may have been 0).
pub fn serve(
    engine: Engine,
    options: &ServeOptions,
    on_listening: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("annals-serve")
        .build()
        .map_err(|e| Error::io("tokio runtime", e))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| Error::Bind {
                addr: options.addr.to_string(),
                source: e,
            })?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::io(options.addr.to_string(), e))?;
        on_listening(bound);
        let hosts = host::HostCheck::new(bound, &options.allow_hosts);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let shared = Arc::new(App {
            engine,
            searches: Arc::new(tokio::sync::Semaphore::new(SEARCHES_PER_CORE * cores)),
        });
        let app = router(shared, options.quiet)
            .layer(middleware::from_fn_with_state(hosts, host::check_host));
        listen::serve(listener, app, async move {
            tokio::select! {
                () = shutdown => {}
                () = termination() => {}
            }
        })
        .await;
        Ok(())
    })
}

/// The routes, their fallbacks, and the request log.
fn router(app: Shared, quiet: bool) -> Router {
    let app = Router::new()
        .route("/", get(page).fallback(method_not_allowed))
        .route("/search", get(search).fallback(method_not_allowed))
        .route("/suggest", get(suggest).fallback(method_not_allowed))
        .route("/books", get(books).fallback(method_not_allowed))
        .route("/related", get(related).fallback(method_not_allowed))
        .route("/health", get(health).fallback(method_not_allowed))
        .route("/article/{*id}", get(article).fallback(method_not_allowed))
        .fallback(not_found)
        .with_state(app);
    if quiet {
        app
    } else {
        app.layer(middleware::from_fn(log_request))
    }
}

/// Resolves on SIGINT or SIGTERM.
async fn termination() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// One line per request on stderr: the time (RFC 3339), method, path, status, duration.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().path().to_string(), |p| p.to_string());
    let response = next.run(request).await;
    let path = crate::output::escape(&path);
    eprintln!(
        "{} {method} {path} {} {:.2} ms",
        humantime::format_rfc3339_millis(std::time::SystemTime::now()),
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

async fn page() -> Response {
    ([(header::CACHE_CONTROL, "no-cache")], Html(PAGE)).into_response()
}

async fn search(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let request = decode_query_string(raw.as_deref().unwrap_or_default()).and_then(|pairs| {
        check_names(&pairs, SEARCH_PARAMS)?;
        Ok((query_text(&pairs)?, search_options(&pairs)?))
    });
    let (query, options) = match request {
        Ok(request) => request,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    limited(app, "the search failed", move |engine| {
        engine.search(&query, &options)
    })
    .await
}

/// Run `work` on the engine once one of the bounded search slots is free, off the async
/// threads, and answer with its JSON or the error as the API states it. Waiting for the
/// slot, the work is dropped with its request if the client goes away; running, its
/// search gives up (see [`crate::search::unwanted`]).
async fn limited<T: serde::Serialize + Send + 'static>(
    app: Shared,
    failed: &'static str,
    work: impl FnOnce(&Engine) -> Result<T> + Send + 'static,
) -> Response {
    let Ok(permit) = Arc::clone(&app.searches).acquire_owned().await else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping");
    };
    // Set when this request is dropped (its client went away) or answered: a search still
    // running then gives up.
    let unwanted = SetOnDrop(Arc::new(AtomicBool::new(false)));
    let flag = Arc::clone(&unwanted.0);
    let answer = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        crate::search::unwanted::unless(flag, || work(&app.engine))
    })
    .await;
    match answer {
        Ok(Ok(body)) => Json(body).into_response(),
        Ok(Err(e @ (Error::Query { .. } | Error::InvalidOption { .. }))) => {
            error(StatusCode::BAD_REQUEST, api_message(e))
        }
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, failed),
    }
}

/// Sets its flag when dropped.
struct SetOnDrop(Arc<AtomicBool>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

async fn books(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let request = decode_query_string(raw.as_deref().unwrap_or_default()).and_then(|pairs| {
        Ok((
            param(&pairs, "q").map(str::to_string),
            book_options(&pairs)?,
        ))
    });
    let (query, options) = match request {
        Ok(request) => request,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    limited(app, "the listing failed", move |engine| {
        engine.books(query.as_deref(), &options)
    })
    .await
}

async fn related(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let request = decode_query_string(raw.as_deref().unwrap_or_default())
        .and_then(|pairs| related_request(&pairs));
    let (id, limit) = match request {
        Ok(request) => request,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    limited(app, "the lookup failed", move |engine| {
        engine.related(&id, limit)
    })
    .await
}

async fn suggest(State(app): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let query = match optional_query(raw.as_deref().unwrap_or_default()) {
        Ok(q) => q.unwrap_or_default(),
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let answer = tokio::task::spawn_blocking(move || {
        app.engine
            .complete(&query, MAX_COMPLETIONS)
            .map(|completions| json!({ "query": query, "completions": completions }))
    })
    .await;
    match answer {
        Ok(Ok(body)) => Json(body).into_response(),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "the lookup failed"),
    }
}

async fn article(
    State(app): State<Shared>,
    axum::extract::Path(id): axum::extract::Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = match optional_query(raw.as_deref().unwrap_or_default()) {
        Ok(q) => q,
        Err(message) => return error(StatusCode::BAD_REQUEST, message),
    };
    let answer = tokio::task::spawn_blocking(move || {
        let Some(found) = app.engine.article(&id, query.as_deref())? else {
            return Ok(None);
        };
        // The page reads without its related list if finding them fails.
        let related = app.engine.related(&id, 10).ok();
        Ok::<_, Error>(Some(article::render(
            &found,
            query.as_deref(),
            related.as_ref(),
        )))
    })
    .await;
    match answer {
        Ok(Ok(Some(html))) => Html(html).into_response(),
        Ok(Ok(None)) => error(StatusCode::NOT_FOUND, "no such article in the index"),
        Ok(Err(e @ (Error::Query { .. } | Error::InvalidOption { .. }))) => {
            error(StatusCode::BAD_REQUEST, api_message(e))
        }
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the article could not be read",
        ),
    }
}

async fn health(State(app): State<Shared>) -> Response {
    let answer = tokio::task::spawn_blocking(move || {
        let segments = app.engine.reader().searcher().segment_readers().len();
        app.engine.documents().map(|documents| {
            json!({
                "status": "ok",
                "documents": documents,
                "segments": segments,
                "version": env!("CARGO_PKG_VERSION"),
            })
        })
    })
    .await;
    match answer {
        Ok(Ok(body)) => Json(body).into_response(),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "the health check failed"),
    }
}

async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such endpoint; try /search?q=…, /suggest?q=…, /article/ID, /health or /",
    )
}

async fn method_not_allowed(method: Method) -> Response {
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed here; use GET"),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, header::HeaderValue::from_static("GET, HEAD"));
    response
}
