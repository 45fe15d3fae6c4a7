//! The simulator's HTTP face: an axum server on loopback that hands requests to [`Bank`].

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Response, Uri};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::bank::{Bank, Request};
use crate::SimConfig;

/// A running simulator. Dropping it stops the server.
pub struct SimServer {
    addr: SocketAddr,
    bank: Bank,
    stop: Option<oneshot::Sender<()>>,
}

impl SimServer {
    /// Starts a bank with generated data on `127.0.0.1` and a free port.
    pub async fn start(config: SimConfig) -> std::io::Result<Self> {
        Self::serve(
            Bank::new(config),
            "127.0.0.1:0".parse().expect("a socket address"),
        )
        .await
    }

    /// Serves `bank` on `addr`.
    pub async fn serve(bank: Bank, addr: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let app = Router::new().fallback(handle).with_state(bank.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(SimServer {
            addr,
            bank,
            stop: Some(stop),
        })
    }

    /// The base URL for the client, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn bank(&self) -> &Bank {
        &self.bank
    }
}

impl Drop for SimServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn handle(
    State(bank): State<Bank>,
    Query(query): Query<BTreeMap<String, String>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response<Body> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let utf8 = header("content-type")
        .map(|ct| {
            ct.to_ascii_lowercase()
                .replace(' ', "")
                .contains("charset=utf8")
        })
        .unwrap_or(false);
    let reply = bank.handle(Request {
        path: uri.path(),
        query,
        token: header("token"),
        client_id: header("id"),
        utf8,
    });
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let mut resp = Response::builder()
        .status(reply.status)
        .header("content-type", reply.content_type);
    if let Some(after) = reply.retry_after {
        resp = resp.header("retry-after", after.to_string());
    }
    let body = match reply.trickle {
        None => Body::from(reply.body),
        Some(every) => Body::from_stream(futures_util::stream::unfold(
            (reply.body, 0usize),
            move |(bytes, at)| async move {
                if at >= bytes.len() {
                    return None;
                }
                tokio::time::sleep(every).await;
                let byte = vec![bytes[at]];
                Some((Ok::<_, std::io::Error>(byte), (bytes, at + 1)))
            },
        )),
    };
    resp.body(body)
        .unwrap_or_else(|_| Response::new(Body::empty()))
}
