//! An empty Tauri window: the reference the app's idle memory is compared with in BENCHMARKS.md.
//! The same Tauri, WebKit and release profile as the app, one line of HTML served by the app
//! (as Tauri serves its pages, so WebKit runs its web process as it does for the app) and nothing
//! else. `cargo build --release --example empty_window --features empty-window`, then the `app`
//! benchmark measures it beside the app.

use tauri::webview::PageLoadEvent;
use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("empty", |_, _| {
            tauri::http::Response::builder()
                .header("content-type", "text/html")
                .body(b"<!doctype html><title>Empty</title><p>Empty</p>".to_vec())
                .expect("a static response")
        })
        .setup(|app| {
            let page = "empty://localhost/".parse()?;
            WebviewWindowBuilder::new(app, "main", WebviewUrl::External(page))
                .title("Empty")
                .inner_size(1200.0, 800.0)
                .on_page_load(|_, load| {
                    if load.event() == PageLoadEvent::Finished {
                        eprintln!("window ready");
                    }
                })
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("the window system could not be started");
}
