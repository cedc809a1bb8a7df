//! `annals serve`: the HTTP API against a server started on an ephemeral port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{article, eventually, TestEnv};

/// A running `annals serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Start `annals serve --addr 127.0.0.1:0 EXTRA…` in `env` and wait until it listens.
    pub fn start(env: &TestEnv, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--addr", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        Server::spawn(env.cmd(&args))
    }

    /// [`Server::start`] with the open-file limit (`ulimit -n`) set to `limit`.
    pub fn start_with_open_files(env: &TestEnv, limit: u64) -> Server {
        use std::os::unix::process::CommandExt;
        let mut cmd = env.cmd(&["serve", "--addr", "127.0.0.1:0", "--quiet"]);
        // SAFETY: setrlimit is async-signal-safe, as `pre_exec` requires.
        unsafe {
            cmd.pre_exec(move || {
                let rlimit = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                match libc::setrlimit(libc::RLIMIT_NOFILE, &rlimit) {
                    0 => Ok(()),
                    _ => Err(std::io::Error::last_os_error()),
                }
            });
        }
        Server::spawn(cmd)
    }

    fn spawn(mut cmd: std::process::Command) -> Server {
        let mut child = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start annals serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let addr = rest.split('/').next().unwrap_or_default().to_string();
                    let _ = tx.send(addr);
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("server did not start:\n{}", log.lock().unwrap()));
        Server {
            child,
            base: format!("http://{addr}"),
            log,
        }
    }

    /// `GET path` → (status, body as JSON).
    pub fn get(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get_text(path);
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {body}"));
        (status, json)
    }

    /// `GET path` → (status, body).
    pub fn get_text(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(format!("{}{path}", self.base))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap();
        (status, body)
    }

    /// Send `request_line` as-is (for requests a well-behaved client will not send) and
    /// return the status and body.
    pub fn raw(&self, request_line: &str) -> (u16, String) {
        let addr = self.base.trim_start_matches("http://");
        self.raw_with_host(request_line, addr)
    }

    /// [`Server::raw`] with this `Host` header.
    pub fn raw_with_host(&self, request_line: &str, host: &str) -> (u16, String) {
        let addr = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "{request_line} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Send `signal` and wait for the exit status.
    pub fn stop_with(mut self, signal: &str) -> i32 {
        let pid = self.child.id().to_string();
        std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "server did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn env() -> TestEnv {
    let env = TestEnv::with_sample();
    env.write(
        "markup.txt",
        article(
            "Markup <b>in</b> titles",
            "A lead paragraph about the Treaty of Rapallo.",
            &[(
                "Hostile text",
                "This section mentions <script>alert(1)</script> and the Rapallo conference.",
            )],
        ),
    );
    env.ok(&["index", "--quiet"]);
    env
}

#[test]
fn search_answers_with_the_same_hits_as_the_command_line() {
    let env = env();
    let server = Server::start(&env, &[]);
    for (query, path) in [
        ("rapallo", "/search?q=rapallo"),
        ("red army", "/search?q=red+army&kind=reading"),
        ("diplomatc", "/search?q=diplomatc&limit=3"),
    ] {
        let (status, api) = server.get(path);
        assert_eq!(status, 200, "{path}: {api}");
        let mut args = vec!["search", "--json", query];
        if path.contains("kind=reading") {
            args.extend(["--kind", "reading"]);
        }
        if path.contains("limit=3") {
            args.extend(["--limit", "3"]);
        }
        let cli = env.ok(&args).json();
        assert!(!cli["hits"].as_array().unwrap().is_empty(), "{query}");
        assert_eq!(api["hits"], cli["hits"], "{query}");
        assert_eq!(api["total"], cli["total"], "{query}");
        assert_eq!(api["suggestion"], cli["suggestion"], "{query}");
    }
    let (_, reading) = server.get("/search?q=red+army&kind=reading");
    assert_eq!(reading["hits"][0]["kind"], "reading");
    assert!(
        server.log().contains("GET /search?q=rapallo 200"),
        "{}",
        server.log()
    );
}

#[test]
fn snippets_never_carry_markup_from_the_corpus() {
    let env = env();
    let server = Server::start(&env, &[]);
    let (_, results) = server.get("/search?q=rapallo+conference");
    let hit = &results["hits"][0];
    assert_eq!(
        hit["title"], "Markup <b>in</b> titles",
        "titles are text, not HTML"
    );
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    let without_marks = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(!without_marks.contains('<'), "{snippet}");
}

#[test]
fn suggest_health_and_page() {
    let env = env();
    let server = Server::start(&env, &[]);
    let (status, suggest) = server.get("/suggest?q=treaty+of+rapa");
    assert_eq!(status, 200);
    assert_eq!(suggest["completions"][0]["text"], "treaty of rapallo");
    assert_eq!(suggest["completions"][0]["word"], "rapallo");
    let (_, none) = server.get("/suggest?q=treaty+");
    assert_eq!(none["completions"], Value::Array(vec![]));

    let (status, health) = server.get("/health");
    assert_eq!(status, 200);
    assert_eq!(health["status"], "ok");
    let stats = env.ok(&["stats", "--json"]).json();
    let documents = stats["sections"].as_u64().unwrap() + stats["reading"].as_u64().unwrap();
    assert_eq!(health["documents"], documents);

    let (status, page) = server.get_text("/");
    assert_eq!(status, 200);
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("id=\"q\""));
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http"),
        "no external assets"
    );
}

#[test]
fn bad_requests_get_a_json_error_and_the_right_status() {
    let env = env();
    let server = Server::start(&env, &[]);
    let long = format!("/search?q={}", "a".repeat(1025));
    for (path, status, needle) in [
        ("/search", 400, "missing query"),
        ("/search?q=", 400, "missing query"),
        ("/search?q=+++", 400, "missing query"),
        ("/search?q=rapallo&limit=abc", 400, "limit"),
        ("/search?q=rapallo&limit=0", 400, "limit"),
        ("/search?q=rapallo&offset=-3", 400, "offset"),
        ("/search?q=rapallo&kind=poems", 400, "kind"),
        ("/search?q=rapallo&year=19x0", 400, "year"),
        ("/search?q=rapallo&year=1950..1900", 400, "year"),
        ("/search?q=rapallo&group=perhaps", 400, "group"),
        ("/search?q=year%3A%5B1900", 400, "position"),
        (long.as_str(), 400, "1024"),
        ("/nowhere", 404, "no such endpoint"),
        ("/search/deeper", 404, "no such endpoint"),
    ] {
        let (got, body) = server.get(path);
        assert_eq!(got, status, "{path}: {body}");
        let message = body["error"].as_str().unwrap_or_default();
        assert!(message.contains(needle), "{path}: {message}");
    }
    for line in [
        "GET /search?q=%zz",
        "GET /search?q=%E2%28",
        "GET /search?q=%",
    ] {
        let (status, body) = server.raw(line);
        assert_eq!(status, 400, "{line}: {body}");
        assert!(body.contains("\"error\""), "{line}: {body}");
    }
    for method in ["POST", "PUT", "DELETE"] {
        let (status, body) = server.raw(&format!("{method} /search?q=rapallo"));
        assert_eq!(status, 405, "{method}: {body}");
        assert!(body.contains("not allowed"), "{body}");
    }
    // The server is still fine after all that.
    assert_eq!(server.get("/search?q=rapallo").0, 200);
}

#[test]
fn raw_characters_a_url_may_not_hold_are_read_as_a_browser_encodes_them() {
    let env = env();
    let server = Server::start(&env, &[]);
    for (line, query) in [
        ("GET /search?q=<rapallo>", "<rapallo>"),
        ("GET /search?q=\"rapallo\"|{x}", "\"rapallo\"|{x}"),
        ("GET /search?q=rapallo+#1", "rapallo #1"),
        ("GET /search?q=rapallo\x7f^`", "rapallo\u{7f}^`"),
    ] {
        let (status, body) = server.raw(line);
        assert_eq!(status, 200, "{line}: {body}");
        let json: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["query"], query, "{line}");
        assert!(json["total"].as_u64().unwrap() > 0, "{line}: {body}");
    }
}

#[test]
fn limit_runs_from_1_to_100_and_parameters_are_checked() {
    let env = TestEnv::new();
    for i in 0..120 {
        env.write(
            &format!("a{i:03}.txt"),
            format!("Article {i}\nA common word.\n"),
        );
    }
    env.ok(&["index", "--quiet"]);
    let server = Server::start(&env, &[]);
    let (status, results) = server.get("/search?q=common&limit=100");
    assert_eq!(status, 200);
    assert_eq!(results["hits"].as_array().unwrap().len(), 100);
    assert_eq!(results["total"], 120);
    for (url, needle) in [
        ("/search?q=common&limit=500", "limit"),
        ("/search?q=common&limit=0", "limit"),
        ("/search?q=common&q=other", "\"q\" is given more than once"),
        ("/search?q=common&limt=5", "unknown parameter \"limt\""),
        ("/suggest?q=com&x=1", "unknown parameter \"x\""),
    ] {
        let (status, body) = server.get(url);
        assert_eq!(status, 400, "{url}");
        let message = body["error"].as_str().unwrap();
        assert!(message.contains(needle), "{url}: {message}");
    }
}

#[test]
fn updates_by_another_process_show_up_without_a_restart() {
    let env = env();
    let server = Server::start(&env, &["--quiet"]);
    assert_eq!(server.get("/search?q=zanzibar").1["total"], 0);
    // Loads the word dictionary of the commit the server started with.
    assert_eq!(server.get("/search?q=zanzibr").1["suggestion"], Value::Null);
    env.write(
        "zanzibar.txt",
        article(
            "The Anglo-Zanzibar War",
            "The shortest war in history, in 1896.",
            &[],
        ),
    );
    env.ok(&["index", "--quiet"]);
    assert!(
        eventually(Duration::from_secs(10), || server
            .get("/search?q=zanzibar")
            .1["total"]
            == 1),
        "the new article never appeared"
    );
    // The new commit's dictionary, for suggestions and completions alike.
    assert_eq!(server.get("/search?q=zanzibr").1["suggestion"], "zanzibar");
    assert_eq!(
        server.get("/suggest?q=zanz").1["completions"][0]["word"],
        "zanzibar"
    );
    assert!(
        !server.log().contains("GET /search"),
        "--quiet logs no requests"
    );
}

#[test]
fn serve_watch_follows_the_corpus_and_signals_stop_it_cleanly() {
    let env = env();
    let server = Server::start(&env, &["--watch"]);
    env.write(
        "heligoland.txt",
        article(
            "The Heligoland Treaty",
            "Britain ceded Heligoland in 1890.",
            &[],
        ),
    );
    assert!(
        eventually(Duration::from_secs(15), || server
            .get("/search?q=heligoland")
            .1["total"]
            == 1),
        "the watcher did not index the new article:\n{}",
        server.log()
    );
    assert_eq!(server.stop_with("-TERM"), 0);
}

#[test]
fn sigint_stops_the_server_with_status_zero() {
    let env = env();
    let server = Server::start(&env, &[]);
    assert_eq!(server.get("/health").0, 200);
    assert_eq!(server.stop_with("-INT"), 0);
}

#[test]
fn an_address_in_use_is_a_clear_error() {
    let env = env();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let run = env.run(&["serve", "--addr", &addr]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains(&format!("cannot listen on {addr}")),
        "{}",
        run.stderr()
    );
    let run = env.run(&["serve", "--addr", "nonsense"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("--addr"), "{}", run.stderr());
}

/// `GET /health` with this `Host` header → status.
fn status_for_host(server: &Server, host: &str) -> u16 {
    server.raw_with_host("GET /health", host).0
}

#[test]
fn on_loopback_only_loopback_names_are_answered() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let server = Server::start(&env, &["--allow-host", "annals.internal"]);
    let port = server.base.rsplit(':').next().unwrap().to_string();
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
        format!("annals.internal:{port}"),
    ] {
        assert_eq!(status_for_host(&server, &host), 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "rebound.attacker.test".to_string(),
        format!("localhost:{}", port.parse::<u16>().unwrap().wrapping_add(1)),
    ] {
        assert_eq!(status_for_host(&server, &host), 421, "{host}");
    }
}

#[test]
fn half_open_connections_do_not_lock_other_clients_out() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let server = Server::start_with_open_files(&env, 256);
    let addr = server.base.trim_start_matches("http://").to_string();
    // 300 clients that send half a request line and stop, more than the server has
    // descriptors for.
    let mut stalled = Vec::new();
    for _ in 0..300 {
        if let Ok(mut stream) = TcpStream::connect(&addr) {
            let _ = stream.write_all(b"GET /sea");
            stalled.push(stream);
        }
    }
    let started = Instant::now();
    let (status, body) = server.get("/health");
    assert_eq!(status, 200, "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "/health took {:?}",
        started.elapsed()
    );
    drop(stalled);
}

#[test]
fn the_request_log_shows_controls_from_the_url_escaped() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let server = Server::start(&env, &[]);
    let addr = server.base.trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&addr).unwrap();
    let mut request = b"GET /search?q=a".to_vec();
    request.extend_from_slice("\u{9b}2J\u{202e}b".as_bytes());
    request.extend_from_slice(
        format!(" HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    stream.write_all(&request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    assert!(eventually(Duration::from_secs(10), || server
        .log
        .lock()
        .unwrap()
        .contains("/search?q=a")));
    let log = server.log.lock().unwrap().clone();
    assert!(
        !log.contains('\u{9b}') && !log.contains('\u{202e}'),
        "{log:?}"
    );
}
