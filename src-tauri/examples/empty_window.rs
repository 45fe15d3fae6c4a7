//! An empty Tauri window: the reference the app's idle memory is compared with in BENCHMARKS.md.
//! The same Tauri, WebKit and release profile as the app, a blank page and nothing else.
//! `cargo build --release --example empty_window --features empty-window`, then the `app`
//! benchmark measures it beside the app (it says "window ready" once the window is made; a
//! blank page reports no load).

use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            let page = "about:blank".parse()?;
            WebviewWindowBuilder::new(app, "main", WebviewUrl::External(page))
                .title("Empty")
                .inner_size(1200.0, 800.0)
                .build()?;
            eprintln!("window ready");
            Ok(())
        })
        .run(context)
        .expect("the window system could not be started");
}
