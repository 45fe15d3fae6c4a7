//! Notices by email through a real SMTP server on loopback (aiosmtpd, `tests/smtp_sink.py`):
//! recipients, subject and body as sent, and a clear error when the server cannot be reached.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;
use vypyska_core::notifications::{save_employee, Employee, Kind};
use vypyska_tests::{bank_today, sim_config, text, Env};

/// The SMTP server, stopped when dropped.
struct Sink {
    child: Child,
    port: u16,
    file: PathBuf,
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sink {
    fn start(dir: &Path) -> Sink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let file = dir.join("mail.jsonl");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("smtp_sink.py");
        // Debian's Python, where the python3-aiosmtpd package installs (see .ci/setup).
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(port.to_string())
            .arg(&file)
            .stdout(Stdio::piped())
            .spawn()
            .expect("/usr/bin/python3 with python3-aiosmtpd (see .ci/setup)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "READY", "the SMTP server did not start");
        Sink { child, port, file }
    }

    fn messages(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

async fn set(env: &Env, key: &str, value: &str) {
    let out = env.cli(&["settings", "set", key, value], "").await;
    assert_eq!(out.status.code(), Some(0), "{key}: {}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_payments_are_emailed_to_the_employees_who_want_them() {
    let env = Env::new(sim_config(1, 200, 20)).await;
    let sink = Sink::start(env.data_dir());
    set(&env, "smtp_host", "127.0.0.1").await;
    set(&env, "smtp_port", &sink.port.to_string()).await;
    set(&env, "smtp_tls", "none").await;
    set(&env, "smtp_from", "vypyska@example.com").await;
    {
        let mut store = env.store();
        for (name, email, kinds) in [
            ("Олена", "olena@example.com", vec![Kind::Payment]),
            ("Тарас", "taras@example.com", vec![Kind::Trouble]),
            ("Без пошти", "", vec![Kind::Payment]),
        ] {
            let e = Employee {
                id: 0,
                name: name.into(),
                email: email.into(),
                this_computer: false,
                kinds,
                companies: Vec::new(),
            };
            save_employee(&mut store, &e).unwrap();
        }
    }
    // A test letter first.
    let out = env.cli(&["email-test", "olena@example.com"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let test = sink.messages();
    assert_eq!(test.len(), 1);
    assert_eq!(test[0]["subject"], "Vypyska: перевірка пошти");

    let out = env.cli_add_merchant("Основний", 0, 20).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let template = env.an_incoming_row();
    env.cli(&["sync"], "").await;
    let mut like = template.clone();
    like.counterparty_name = "ТОВ «Лист»".into();
    like.amount = "1234.50".parse().unwrap();
    like.day = bank_today();
    like.pr_pr = "r".into();
    env.sim.bank().add_transaction(&like);
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let mail = sink.messages();
    // The first sync's summary and the new payment, each to Olena only (Taras hears of trouble,
    // the third has no address).
    assert_eq!(mail.len(), 3, "{mail:?}");
    for m in &mail[1..] {
        assert_eq!(m["to"], serde_json::json!(["olena@example.com"]));
        assert_eq!(m["from"], "vypyska@example.com");
    }
    assert!(mail[1]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Нові надходження: "));
    let last = &mail[2];
    assert_eq!(
        last["subject"].as_str().unwrap().replace('\u{a0}', " "),
        "Надійшла оплата 1 234,50 ₴"
    );
    assert!(
        last["text"].as_str().unwrap().contains("від ТОВ «Лист»"),
        "{last}"
    );
    assert!(
        last["html"].as_str().unwrap().contains("від ТОВ «Лист»"),
        "{last}"
    );
    assert!(last["html"].as_str().unwrap().contains("<b>"), "{last}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_mail_server_is_a_clear_error_and_no_sync_failure() {
    let env = Env::new(sim_config(1, 50, 10)).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    set(&env, "smtp_host", "127.0.0.1").await;
    set(&env, "smtp_port", &closed.to_string()).await;
    set(&env, "smtp_tls", "none").await;
    set(&env, "smtp_from", "vypyska@example.com").await;
    // A sender that is not an address is refused as a setting.
    let out = env
        .cli(&["settings", "set", "smtp_from", "not an address"], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    // Plain SMTP to another computer is refused already as a setting, before anything is sent.
    let out = env
        .cli(&["settings", "set", "smtp_host", "mail.example.com"], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("без шифрування"),
        "{}",
        text(&out.stderr)
    );

    let out = env.cli(&["email-test", "olena@example.com"], "").await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Лист не надіслано"),
        "{}",
        text(&out.stderr)
    );

    {
        let mut store = env.store();
        let e = Employee {
            id: 0,
            name: "Олена".into(),
            email: "olena@example.com".into(),
            this_computer: false,
            kinds: vec![Kind::Payment],
            companies: Vec::new(),
        };
        save_employee(&mut store, &e).unwrap();
    }
    env.cli_add_merchant("Основний", 0, 10).await;
    let out = env.cli(&["sync"], "").await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "the sync itself succeeds: {}",
        text(&out.stderr)
    );
    let error: Option<String> = env
        .store()
        .conn()
        .query_row(
            "SELECT delivery_error FROM notices ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let error = error.expect("the failure is kept with the notice");
    assert!(
        error.contains("olena@example.com") && error.contains("Лист не надіслано"),
        "{error}"
    );
}
