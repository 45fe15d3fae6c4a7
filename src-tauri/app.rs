//! The desktop shell: the Tauri window, the tray, autostart, and the background sync timer.
//! Thin glue over `vypyska-core`; the UI itself comes with the statements browser.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, RunEvent, WindowEvent, Wry};
use tauri_plugin_autostart::{MacosLauncher, ManagerExt};
use tokio::sync::{watch, Notify};
use vypyska_core::schedule::{run_scheduler, Trigger};
use vypyska_core::secrets::Keyring;
use vypyska_core::settings::Settings;
use vypyska_core::sync::{SyncEvent, SyncOptions, Syncer};
use vypyska_core::{Lang, Store, SystemClock};

/// The argument autostart launches the app with: start in the tray, no window.
pub const HIDDEN_ARG: &str = "--hidden";

/// What the tray and the timer share.
struct Shell {
    sync_now: Arc<Notify>,
    status: Mutex<Option<MenuItem<Wry>>>,
}

pub fn run(hidden: bool) {
    let shell = Arc::new(Shell {
        sync_now: Arc::new(Notify::new()),
        status: Mutex::new(None),
    });
    let setup_shell = Arc::clone(&shell);
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            show_main(app);
        }))
        .plugin(tauri_plugin_autostart::init(
            MacosLauncher::LaunchAgent,
            Some(vec![HIDDEN_ARG]),
        ))
        .setup(move |app| {
            let handle = app.handle().clone();
            let (store, settings) = open_store()?;
            reconcile_autostart(&handle, settings.autostart);
            build_tray(&handle, &setup_shell, settings.lang())?;
            start_timer(handle.clone(), store, settings, Arc::clone(&setup_shell));
            if !hidden {
                show_main(&handle);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window keeps the app, and its timer, running in the tray.
            if let WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
                let _ = window.hide();
            }
        })
        .build(tauri::generate_context!("tauri.conf.json"))
        .expect("the window system could not be started");
    app.run(|_app, event| {
        if let RunEvent::ExitRequested {
            code: None, api, ..
        } = event
        {
            api.prevent_exit();
        }
    });
}

fn open_store() -> Result<(Store, Settings), Box<dyn std::error::Error>> {
    let dir = vypyska_core::data_dir()?;
    let store = Store::open_in(&dir)?;
    let settings = Settings::load(store.conn())?;
    Ok((store, settings))
}

fn show_main(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// The login entry follows the setting: written when on, removed when off.
fn reconcile_autostart(app: &AppHandle, on: bool) {
    let autolaunch = app.autolaunch();
    let result = match (on, autolaunch.is_enabled().unwrap_or(false)) {
        (true, false) => autolaunch.enable(),
        (false, true) => autolaunch.disable(),
        _ => Ok(()),
    };
    if let Err(e) = result {
        eprintln!("vypyska: autostart: {e}");
    }
}

fn build_tray(app: &AppHandle, shell: &Arc<Shell>, lang: Lang) -> tauri::Result<()> {
    let status = MenuItem::with_id(
        app,
        "status",
        lang.pick("Ще не синхронізовано", "Not synced yet"),
        false,
        None::<&str>,
    )?;
    let sync = MenuItem::with_id(
        app,
        "sync",
        lang.pick("Синхронізувати зараз", "Sync now"),
        true,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(
        app,
        "open",
        lang.pick("Відкрити", "Open"),
        true,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, "quit", lang.pick("Вийти", "Quit"), true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&status, &sync, &open, &quit])?;
    *shell.status.lock().unwrap_or_else(|e| e.into_inner()) = Some(status);
    let shell = Arc::clone(shell);
    let mut tray = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .tooltip("Vypyska")
        .on_menu_event(move |app, event| tray_action(app, &shell, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// What a tray menu item does; a plain function so it can be tested without a tray.
fn tray_action(app: &AppHandle, shell: &Shell, id: &str) {
    match id {
        "sync" => shell.sync_now.notify_one(),
        "open" => show_main(app),
        "quit" => app.exit(0),
        _ => {}
    }
}

fn last_run_start(store: &Store) -> Option<DateTime<Utc>> {
    let started: Option<String> = store
        .conn()
        .query_row("SELECT MAX(started_at) FROM sync_runs", [], |r| r.get(0))
        .ok()
        .flatten();
    started
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// The background timer: syncs at the configured Kyiv times, catches up missed runs, and on
/// "Sync now"; updates the tray's status line after each run.
fn start_timer(app: AppHandle, store: Store, settings: Settings, shell: Arc<Shell>) {
    let lang = settings.lang();
    let last_run = last_run_start(&store);
    let (schedule_tx, schedule_rx) = watch::channel(settings.schedule());
    let (_stop_tx, stop_rx) = watch::channel(false);
    let client = match privat24::Client::new(privat24::ClientConfig {
        base_url: vypyska_core::bank_url(),
        page_limit: settings.page_limit,
        ..privat24::ClientConfig::default()
    }) {
        Ok(c) => c,
        Err(e) => {
            set_status(&shell, &vypyska_core::i18n::bank_error(&e, lang));
            return;
        }
    };
    let data_dir = store
        .path()
        .parent()
        .map(|p| p.to_owned())
        .unwrap_or_default();
    let syncer = Arc::new(tokio::sync::Mutex::new(Syncer {
        store,
        client,
        secrets: Arc::new(Keyring),
        clock: Arc::new(SystemClock),
        lock_dir: data_dir,
        lang,
    }));
    let sync_now = Arc::clone(&shell.sync_now);
    tauri::async_runtime::spawn(async move {
        // The senders live as long as the timer. The settings screen will send a changed
        // timetable through `schedule_tx`; until then a change applies at the next start.
        let _keep = (schedule_tx, _stop_tx, app);
        run_scheduler(
            Arc::new(SystemClock),
            schedule_rx,
            sync_now,
            stop_rx,
            last_run,
            |trigger: Trigger| {
                let syncer = Arc::clone(&syncer);
                let shell = Arc::clone(&shell);
                async move {
                    let mut syncer = syncer.lock().await;
                    let current = Settings::load(syncer.store.conn()).unwrap_or_default();
                    let options = SyncOptions {
                        lookback_days: current.lookback_days,
                        ..SyncOptions::default()
                    };
                    let mut failed = 0;
                    let mut new = 0;
                    let result = syncer
                        .run(&options, &mut |e: &SyncEvent| match e {
                            SyncEvent::MerchantFinished { summary, .. } => new += summary.new,
                            SyncEvent::MerchantFailed { .. } => failed += 1,
                            _ => {}
                        })
                        .await;
                    if current.auto_allocate {
                        let _ = vypyska_core::allocation::allocate(
                            &mut syncer.store,
                            &SystemClock,
                            "auto",
                            false,
                        );
                    }
                    let now = chrono::Local::now().format("%H:%M");
                    let line = match (result, failed) {
                        (Err(e), _) => e.message(lang),
                        (Ok(_), 0) => lang.pick(
                            format!("Синхронізовано о {now}: нових {new}"),
                            format!("Synced at {now}: {new} new"),
                        ),
                        (Ok(_), n) => lang.pick(
                            format!("О {now}: помилок {n}, нових {new}"),
                            format!("At {now}: {n} failed, {new} new"),
                        ),
                    };
                    let _ = trigger;
                    set_status(&shell, &line);
                }
            },
        )
        .await;
    });
}

fn set_status(shell: &Shell, line: &str) {
    if let Some(item) = shell
        .status
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
    {
        let _ = item.set_text(line);
    }
}
