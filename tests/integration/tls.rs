//! The bank client over HTTPS: a certificate no authority signed is refused, and so is a server
//! that speaks only TLS 1.1; plain http goes nowhere but loopback. The servers are Python's own
//! TLS (`tests/tls_server.py`) on loopback.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use privat24::{Client, ClientConfig, Credentials, Error, Token};

struct TlsServer {
    child: Child,
    lines: std::io::Lines<BufReader<std::process::ChildStdout>>,
    port: u16,
}

impl TlsServer {
    fn start(mode: &str) -> TlsServer {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tls_server.py");
        let mut child = Command::new("/usr/bin/python3")
            .args([script, mode])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let port = lines.next().unwrap().unwrap().trim().parse().unwrap();
        TlsServer { child, lines, port }
    }

    /// What the server saw of the one connection.
    fn verdict(&mut self) -> String {
        self.lines.next().unwrap().unwrap()
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn ask(base_url: String) -> Error {
    let client = Client::new(ClientConfig {
        base_url,
        retry: privat24::RetryPolicy {
            max_attempts: 1,
            ..privat24::RetryPolicy::default()
        },
        ..ClientConfig::default()
    })
    .unwrap();
    let creds = Credentials {
        token: Token::new("tls-test-token"),
        client_id: None,
    };
    client.settings(&creds).await.unwrap_err()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_no_authority_signed_is_refused() {
    let mut server = TlsServer::start("self-signed");
    let err = ask(format!("https://127.0.0.1:{}", server.port)).await;
    let Error::Network { reason, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(reason.contains("certificate"), "{reason}");
    let seen = server.verdict();
    assert!(seen.starts_with("refused"), "{seen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_with_only_tls_1_1_is_refused() {
    let mut server = TlsServer::start("tls1.1");
    let err = ask(format!("https://127.0.0.1:{}", server.port)).await;
    let Error::Network { reason, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(
        !reason.contains("certificate"),
        "refused for the protocol: {reason}"
    );
    let seen = server.verdict();
    assert!(
        seen.contains("refused") && seen.contains("PROTOCOL"),
        "{seen}"
    );
}

#[test]
fn plain_http_is_refused_but_to_loopback() {
    for url in [
        "http://acp.privatbank.ua",
        "http://10.0.0.1:8080",
        "ftp://127.0.0.1",
    ] {
        let err = Client::new(ClientConfig {
            base_url: url.into(),
            ..ClientConfig::default()
        })
        .unwrap_err();
        assert_eq!(err.code(), "invalid_bank_url", "{url}");
    }
    assert!(Client::new(ClientConfig {
        base_url: "http://127.0.0.1:8089".into(),
        ..ClientConfig::default()
    })
    .is_ok());
}
