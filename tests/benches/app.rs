//! The desktop app as a user meets it (`cargo build --release --bin vypyska`, then under a display
//! and a D-Bus session: `xvfb-run -a dbus-run-session -- cargo bench -p vypyska-tests --bench app`):
//!
//! - start: from launching the binary to the window's UI asking its first command (the app logs
//!   "window ready" then), median of 5 starts;
//! - idle memory: proportional set size (PSS) summed over the app and every process it started
//!   (WebKit's web and network processes), 10 s after the window is ready;
//! - idle CPU: CPU time of the same processes over 20 s with nothing to do.
//!
//! Each is measured with an empty data folder (the welcome screen) and with the statements
//! benchmark's 1,000,000-row database (the statements screen, its first page and totals).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const STARTS: usize = 5;

fn target() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target")
}

struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `binary` on `data` and waits for its window to be ready.
fn start(binary: &Path, data: &Path, home: &Path) -> (App, Duration) {
    let begin = Instant::now();
    let mut child = Command::new(binary)
        .env("VYPYSKA_DATA_DIR", data)
        .env("HOME", home)
        .env("VYPYSKA_LOG", "vypyska=info")
        .env("VYPYSKA_PRIVAT24_URL", "http://127.0.0.1:9")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("build the app first: cargo build --release --bin vypyska");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("window ready") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the window did not come up in 60 s");
    (App(child), begin.elapsed())
}

/// The app's process and all its descendants.
fn tree(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // After the ")" closing the command name: state, then the parent's pid.
            if let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) {
                if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
                    parents.push((pid, ppid));
                }
            }
        }
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(parents.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    out
}

fn pss_kib(pids: &[u32]) -> u64 {
    pids.iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")).ok())
        .flat_map(|s| {
            s.lines()
                .filter(|l| l.starts_with("Pss:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// utime + stime in clock ticks.
fn cpu_ticks(pids: &[u32]) -> u64 {
    pids.iter()
        .filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/stat")).ok())
        .map(|s| {
            let rest = s
                .rsplit_once(')')
                .map(|(_, r)| r.to_owned())
                .unwrap_or_default();
            let f: Vec<&str> = rest.split_whitespace().collect();
            // Fields 14 and 15 of stat are 12 and 13 after the command name.
            f.get(11).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
                + f.get(12).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
        })
        .sum()
}

fn measure(name: &str, binary: &Path, data: &Path) {
    let home = tempfile::tempdir().unwrap();
    let mut starts = Vec::new();
    for _ in 0..STARTS {
        let (app, took) = start(binary, data, home.path());
        starts.push(took);
        drop(app);
        std::thread::sleep(Duration::from_millis(500));
    }
    starts.sort();
    let (app, _) = start(binary, data, home.path());
    std::thread::sleep(Duration::from_secs(10));
    let pids = tree(app.0.id());
    let pss = pss_kib(&pids);
    let before = cpu_ticks(&pids);
    let idle = Duration::from_secs(20);
    std::thread::sleep(idle);
    let ticks = cpu_ticks(&tree(app.0.id())) - before;
    let ticks_per_s = 100.0; // USER_HZ on Linux
    println!(
        "| {name} | {:.2} s (min {:.2}, max {:.2}) | {:.0} MiB over {} processes | {:.2} % of one core ({ticks} ticks in {} s) |",
        starts[STARTS / 2].as_secs_f64(),
        starts[0].as_secs_f64(),
        starts[STARTS - 1].as_secs_f64(),
        pss as f64 / 1024.0,
        pids.len(),
        ticks as f64 / ticks_per_s / idle.as_secs_f64() * 100.0,
        idle.as_secs()
    );
}

fn main() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "run under a display: xvfb-run -a dbus-run-session -- cargo bench -p vypyska-tests --bench app"
    );
    println!(
        "| data | start to a usable window (median of {STARTS}) | idle memory (PSS) | idle CPU |"
    );
    println!("|---|---|---|---|");
    let empty = tempfile::tempdir().unwrap();
    let reference = target().join("release/examples/empty_window");
    if reference.exists() {
        measure(
            "an empty Tauri window (reference)",
            &reference,
            empty.path(),
        );
    } else {
        println!("(for the reference row: cargo build --release --example empty_window --features empty-window)");
    }
    let app = target().join("release/vypyska");
    measure("empty (welcome screen)", &app, empty.path());
    let big = target().join("bench-data/statements-1m");
    if big.join(vypyska_core::store::DB_FILE).exists() {
        // A copy, so the app's own writes (settings, runs) never change the benchmark's data.
        let copy = tempfile::tempdir().unwrap();
        std::fs::copy(
            big.join(vypyska_core::store::DB_FILE),
            copy.path().join(vypyska_core::store::DB_FILE),
        )
        .unwrap();
        measure(
            "1,000,000 statements (statements screen)",
            &app,
            copy.path(),
        );
    } else {
        println!("(run the statements benchmark first for the 1,000,000-row case)");
    }
}
