//! The desktop shell: a Tauri window over the core. Kept thin; built out in later work.

pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!("tauri.conf.json"))
        .expect("the window system could not be started");
}
