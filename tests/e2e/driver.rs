//! Driving the real, built app: tauri-driver (which starts WebKitWebDriver and the app) on free
//! loopback ports, a WebDriver session through fantoccini, and small waiting helpers.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long a screen may take to show what a step waits for: generous, as WebKit under Xvfb on a
/// loaded two-core machine was seen to need more than 40 s for a step that usually takes one.
pub const PATIENCE: Duration = Duration::from_secs(90);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return path.into();
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_default();
    let installed = home.join("bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        "tauri-driver".into()
    }
}

/// One tauri-driver process; killed on drop so a failed test leaves no port taken.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// `env` goes to the app: tauri-driver passes its own environment on.
    pub fn start(env: &[(&str, &Path)], plain_env: &[(&str, &str)]) -> Driver {
        let port = free_port();
        let native = free_port();
        let mut cmd = Command::new(tauri_driver());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        // Not WEBKIT_DISABLE_COMPOSITING_MODE: with it, WebDriver screenshots never return.
        .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .env("VYPYSKA_LOG", "debug");
        // The app's log (it never holds a token) beside the screenshots, for a failed run.
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        cmd.stderr(std::fs::File::create(dir.join("app.log")).unwrap());
        for (k, v) in env {
            cmd.env(k, v);
        }
        for (k, v) in plain_env {
            cmd.env(k, v);
        }
        // Its own process group, so that WebKitWebDriver and the app go with it.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let child = cmd
            .spawn()
            .expect("tauri-driver: run `cargo install tauri-driver --version 2.1.0 --locked`");
        let driver = Driver { child, port };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < PATIENCE, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    /// Starts the app and opens a WebDriver session on its window.
    /// Starts the app in a new session, once its previous run has ended (a run still exiting
    /// holds the single-instance name and would take the launch for a second instance).
    pub async fn launch(&self, app: &Path) -> Ui {
        let started = Instant::now();
        while running(app) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the previous run of the app does not end"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let url = format!("http://127.0.0.1:{}", self.port);
        // WebKitWebDriver starts behind tauri-driver on each new session; on a loaded machine
        // its first answer can be cut off (seen in CI as an incomplete message). A session that
        // failed to open is tried again, after any app it started has gone.
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            let mut caps = serde_json::Map::new();
            caps.insert(
                "tauri:options".into(),
                json!({ "application": app.to_string_lossy(), "args": [] }),
            );
            let http = hyper_util::client::legacy::connect::HttpConnector::new();
            let mut builder = ClientBuilder::new(http);
            builder.capabilities(caps);
            let opened = tokio::time::timeout(Duration::from_secs(90), builder.connect(&url))
                .await
                .expect("the app's window within 90 s (see app.log)");
            match opened {
                Ok(client) => break client,
                Err(e) if attempt < 3 => {
                    eprintln!("opening a WebDriver session failed ({e}); trying again");
                    let _ = Command::new("pkill")
                        .args(["-KILL", "-f", &app.to_string_lossy()])
                        .status();
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                Err(e) => panic!("a WebDriver session on the app: {e}"),
            }
        };
        Ui { client }
    }
}

/// Whether a process of this binary runs.
pub fn running(app: &Path) -> bool {
    Command::new("pgrep")
        .args(["-f", &app.to_string_lossy()])
        .output()
        .is_ok_and(|o| !o.stdout.is_empty())
}

impl Drop for Driver {
    /// Ends tauri-driver, WebKitWebDriver and the app, even after a failed step: a leftover app
    /// would answer the next test's launch as the single running instance.
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app's window as a person sees it.
pub struct Ui {
    pub client: Client,
}

pub fn css(selector: &str) -> Locator<'_> {
    Locator::Css(selector)
}

pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Spaces as people read them: Intl puts no-break spaces in amounts.
pub fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

impl Ui {
    pub async fn find(&self, id: &str) -> Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(css(&testid(id)))
            .await
            .unwrap_or_else(|e| panic!("no element {id}: {e}"))
    }

    pub async fn click(&self, id: &str) {
        let element = self.find(id).await;
        if let Err(e) = element.click().await {
            self.screenshot(&format!("failed-click-{id}")).await;
            panic!("cannot click {id}: {e}");
        }
    }

    pub async fn text(&self, id: &str) -> String {
        plain(&self.find(id).await.text().await.unwrap())
    }

    /// Replaces a field's text, then leaves it (so blur validation runs).
    pub async fn fill(&self, id: &str, value: &str) {
        let field = self.find(id).await;
        field.clear().await.unwrap();
        if !value.is_empty() {
            field.send_keys(value).await.unwrap();
        }
        field.send_keys("\u{E004}").await.unwrap();
    }

    pub async fn select(&self, id: &str, value: &str) {
        self.find(id).await.select_by_value(value).await.unwrap();
    }

    pub async fn count(&self, id: &str) -> usize {
        self.client
            .find_all(css(&testid(id)))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Waits until `check` holds for the text of `id`; returns that text.
    pub async fn wait_text(&self, id: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = match self.client.find(css(&testid(id))).await {
                Ok(e) => plain(&e.text().await.unwrap_or_default()),
                Err(_) => String::new(),
            };
            if check(&text) {
                return text;
            }
            if start.elapsed() > PATIENCE {
                self.screenshot(&format!("timeout-{id}")).await;
                panic!("timed out waiting for {what}; {id} shows {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// All rows' text of one column (as shown, only the rendered ones).
    pub async fn column(&self, class: &str) -> Vec<String> {
        let mut out = Vec::new();
        for cell in self
            .client
            .find_all(css(&format!("{} .td.{class}", testid("statement-row"))))
            .await
            .unwrap()
        {
            // The DOM text: WebDriver's visible text is empty for cells it judges clipped.
            let text = cell.prop("textContent").await.unwrap().unwrap_or_default();
            out.push(plain(&text));
        }
        out
    }

    /// Saves a picture of the window next to the test output, for a person to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// `target/e2e-screenshots`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("e2e-screenshots")
}
