//! The search page in a real browser: headless Chromium driven over WebDriver
//! (chromedriver). `.ci/run` installs Debian's `chromium` and `chromium-driver` and sets
//! `ANNALS_REQUIRE_BROWSER=1`, so CI always runs this test; elsewhere it is skipped, with a
//! note, when chromedriver is missing.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

use crate::server::Server;
use crate::util::{article, eventually, TestEnv};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The W3C name of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one browser session, both ended when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Option<Browser> {
        if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
            assert!(
                std::env::var_os("ANNALS_REQUIRE_BROWSER").is_none(),
                "{CHROMEDRIVER} and {CHROMIUM} are required (apt-get install chromium chromium-driver)"
            );
            eprintln!("skipping the browser test: {CHROMEDRIVER} or {CHROMIUM} is missing");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            agent,
            _profile: profile,
        };
        let ready = eventually(Duration::from_secs(30), || {
            browser
                .agent
                .get(format!("{}/status", browser.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == true)
        });
        assert!(ready, "chromedriver did not start");
        let profile_dir = browser._profile.path().display().to_string();
        let answer = browser.send(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        format!("--user-data-dir={profile_dir}"),
                    ]
                }
            }}}),
        );
        browser.session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        Some(browser)
    }

    /// One WebDriver command; returns its `value`.
    fn send(&self, method: &str, path: &str, body: Value) -> Value {
        let url = if path == "/session" {
            format!("{}/session", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let mut response = match method {
            "POST" => self.agent.post(&url).send_json(&body),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.get(&url).call(),
        }
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let answer: Value = response.body_mut().read_json().unwrap();
        answer["value"].clone()
    }

    fn open(&self, url: &str) {
        self.send("POST", "/url", json!({ "url": url }));
    }

    fn find(&self, css: &str) -> Option<String> {
        let found = self.send(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found[ELEMENT].as_str().map(str::to_string)
    }

    fn text(&self, css: &str) -> String {
        match self.find(css) {
            Some(id) => self
                .send("GET", &format!("/element/{id}/text"), json!({}))
                .as_str()
                .unwrap_or_default()
                .to_string(),
            None => String::new(),
        }
    }

    fn clear_and_type(&self, css: &str, text: &str) {
        let id = self.find(css).expect("the search box");
        self.send("POST", &format!("/element/{id}/clear"), json!({}));
        self.send(
            "POST",
            &format!("/element/{id}/value"),
            json!({ "text": text }),
        );
    }

    fn click(&self, css: &str) {
        let id = self.find(css).unwrap_or_else(|| panic!("no {css}"));
        self.send("POST", &format!("/element/{id}/click"), json!({}));
    }

    fn url(&self) -> String {
        self.send("GET", "/url", json!({}))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn screenshot_len(&self) -> usize {
        self.send("GET", "/screenshot", json!({}))
            .as_str()
            .map_or(0, str::len)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn the_search_page_shows_results_as_you_type_and_says_when_there_are_none() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let env = TestEnv::with_sample();
    env.write(
        "markup.txt",
        article(
            "Markup <img src=x onerror=alert(1)> title",
            "The Locarno treaties of 1925.",
            &[],
        ),
    );
    env.ok(&["index", "--quiet"]);
    let server = Server::start(&env, &["--quiet"]);
    browser.open(&format!("{}/", server.base));

    browser.clear_and_type("#q", "rapallo");
    let shown = eventually(Duration::from_secs(10), || {
        browser.text("#results .hit .title").starts_with(
            "Setting the Stage for Diplomacy › Key Events Leading to Diplomatic Relations",
        )
    });
    assert!(
        shown,
        "first result: {:?}",
        browser.text("#results .hit .title")
    );
    assert_eq!(browser.text("#results .hit mark"), "Rapallo");
    assert!(
        browser.text("#status").contains("of 1"),
        "{}",
        browser.text("#status")
    );

    // The hit links to the article, opened at its section with the word marked.
    browser.click("#results .hit .title a");
    let opened = eventually(Duration::from_secs(10), || {
        browser.url().contains("/article/000_d5788bac9f20a018")
    });
    assert!(opened, "url: {}", browser.url());
    assert!(browser
        .url()
        .ends_with("#key-events-leading-to-diplomatic-relations"));
    assert_eq!(browser.text("h1"), "Setting the Stage for Diplomacy (1925)");
    assert_eq!(
        browser.text("section:target h2"),
        "Key Events Leading to Diplomatic Relations"
    );
    assert_eq!(browser.text("section:target mark"), "Rapallo");
    browser.click("#back");
    let back = eventually(Duration::from_secs(10), || {
        browser
            .text("#results .hit .title")
            .starts_with("Setting the Stage")
    });
    assert!(back, "back at the results: {}", browser.url());

    browser.clear_and_type("#q", "zzyzx");
    let none = eventually(Duration::from_secs(10), || {
        browser.text("#status").contains("No results")
    });
    assert!(none, "status: {:?}", browser.text("#status"));
    assert_eq!(browser.find("#results .hit"), None);

    // Markup in a title is shown as text, never interpreted.
    browser.clear_and_type("#q", "locarno");
    let escaped = eventually(Duration::from_secs(10), || {
        browser.text("#results .hit .title").contains("<img")
    });
    assert!(escaped, "title: {:?}", browser.text("#results .hit .title"));
    assert_eq!(browser.find("#results img"), None);

    // A malformed query shows the server's error.
    browser.clear_and_type("#q", "year:[1900 TO");
    let error = eventually(Duration::from_secs(10), || {
        browser.text("#status").starts_with("Error:")
    });
    assert!(error, "status: {:?}", browser.text("#status"));
    assert!(browser.screenshot_len() > 1000);
}

#[test]
fn clicking_a_timeline_bar_keeps_the_hits_of_its_years() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_armistices(&[
        ("a", 1856),
        ("b", 1911),
        ("c", 1918),
        ("d", 1925),
        ("e", 1927),
    ]);
    env.ok(&["index", "--quiet"]);
    let server = Server::start(&env, &["--quiet"]);
    browser.open(&format!("{}/", server.base));
    browser.clear_and_type("#q", "armistice");
    let drawn = eventually(Duration::from_secs(10), || {
        browser.find("#timeline .bar[data-from=\"1910\"]").is_some()
    });
    assert!(drawn, "no timeline bar for the 1910s");
    assert!(
        browser.text("#status").contains("of 5"),
        "{}",
        browser.text("#status")
    );

    browser.click("#timeline .bar[data-from=\"1910\"]");
    let filtered = eventually(Duration::from_secs(10), || {
        browser.text("#status").contains("of 2")
    });
    assert!(filtered, "status: {:?}", browser.text("#status"));
    assert!(
        browser.url().contains("year=1910..1919"),
        "{}",
        browser.url()
    );
    let metas = browser.text("#results");
    assert!(metas.contains("1911") && metas.contains("1918"), "{metas}");
    assert!(
        !metas.contains("1856") && !metas.contains("1925"),
        "{metas}"
    );
}

#[test]
fn the_books_view_lists_the_most_cited_book_first() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let env = TestEnv::new();
    for name in ["alpha", "beta"] {
        env.write(
            &format!("{name}.txt"),
            format!("{name}\nAbout {name} in 1900.\nFurther Reading\n- Diplomacy by Henry Kissinger\n- Only {name} by Someone\n"),
        );
    }
    env.ok(&["index", "--quiet"]);
    let server = Server::start(&env, &["--quiet"]);
    browser.open(&format!("{}/", server.base));
    browser.click("#books");
    let listed = eventually(Duration::from_secs(10), || {
        browser
            .text("#results .hit .title")
            .starts_with("Diplomacy — Henry Kissinger")
    });
    assert!(
        listed,
        "first book: {:?}",
        browser.text("#results .hit .title")
    );
    assert!(browser.text("#results .hit .title").contains("2 articles"));
    assert!(
        browser.text("#status").starts_with("3 books"),
        "{}",
        browser.text("#status")
    );
    browser.click("#results .hit .books a");
    let opened = eventually(Duration::from_secs(10), || {
        browser.url().contains("/article/alpha")
    });
    assert!(opened, "{}", browser.url());
}
