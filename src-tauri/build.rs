//! Declares the app's commands (tauri-build writes their permission files) and grants each one
//! by name to the main window, from the one list in `ipc/names.rs`.

include!("ipc/names.rs");

/// The main window's capability: listening to the app's events and its own commands; nothing
/// else (no file system, shell or HTTP from the web view).
fn capability() -> String {
    let mut permissions = vec![
        "core:event:allow-listen".to_owned(),
        "core:event:allow-unlisten".to_owned(),
    ];
    permissions.extend(
        COMMANDS
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-"))),
    );
    let list: Vec<String> = permissions.iter().map(|p| format!("    \"{p}\"")).collect();
    let description = "The main window: the app's own commands and listening to its events; \
                       nothing else (no file system, shell or HTTP from the web view).";
    format!(
        "{{\n  \"$schema\": \"../../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main\",\n  \
         \"description\": \"{description}\",\n  \"windows\": [\n    \"main\"\n  ],\n  \
         \"permissions\": [\n{}\n  ]\n}}\n",
        list.join(",\n")
    )
}

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/ipc/names.rs");
    let path = "src-tauri/capabilities/main.json";
    let wanted = capability();
    if std::fs::read_to_string(path).ok().as_deref() != Some(wanted.as_str()) {
        std::fs::write(path, wanted).expect("writing the main window's capability");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/*.json")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
