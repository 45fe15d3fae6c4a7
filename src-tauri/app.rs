//! The desktop shell: the Tauri window, the tray, autostart, and the background sync timer.
//! Thin glue over `vypyska-core`; the commands the UI calls are in `commands`.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, RunEvent, WindowEvent};
use tauri_plugin_autostart::MacosLauncher;
use tauri_specta::Event;
use tokio::sync::{watch, Notify, RwLock};
use vypyska_core::notifications::Target;
use vypyska_core::say;
use vypyska_core::schedule::{run_scheduler, Schedule, Trigger};
use vypyska_core::settings::Settings;
use vypyska_core::store::Tables;
use vypyska_core::sync::SyncEvent;
use vypyska_core::{Lang, Store, SystemClock};

use crate::session::Session;
use crate::state::{
    lock, reconcile_autostart, Label, Navigate, NoticesChanged, Shared, SyncFinished, SyncProgress,
    SyncState,
};

/// The argument autostart launches the app with: start in the tray, no window.
pub const HIDDEN_ARG: &str = "--hidden";

pub fn run(hidden: bool, open: Option<Target>) {
    let restarts = restarts_so_far();
    let bindings = crate::ipc::specta_builder();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            // A second launch focuses this one; with `--open` (a clicked notification), on that.
            let target = args
                .iter()
                .skip_while(|a| *a != "--open")
                .nth(1)
                .and_then(|a| a.parse::<Target>().ok())
                .or_else(|| {
                    args.iter()
                        .find_map(|a| a.strip_prefix("--open="))
                        .and_then(|a| a.parse::<Target>().ok())
                });
            match target {
                Some(t) => navigate(app, &t),
                None => show_main(app),
            }
        }))
        .plugin(tauri_plugin_autostart::init(
            MacosLauncher::LaunchAgent,
            Some(vec![HIDDEN_ARG]),
        ))
        .invoke_handler(bindings.invoke_handler())
        .setup(move |app| {
            bindings.mount_events(app);
            let handle = app.handle().clone();
            let real_dir = vypyska_core::data_dir()?;
            let app_lock = vypyska_core::store::recovery::hold_app_lock(&real_dir)?;
            let session = if Session::demo_was_active(&real_dir) {
                tauri::async_runtime::block_on(Session::open_demo(&real_dir))?
            } else {
                Session::open_real(&real_dir)?
            };
            let settings = tauri::async_runtime::block_on(session.settings());
            let last_run = last_run_start(
                &tauri::async_runtime::block_on(session.db.lock()),
                &real_dir,
            );
            let books_turn = Arc::new(std::sync::atomic::AtomicU64::new(0));
            crate::doorbell::start(
                app.handle().clone(),
                &tauri::async_runtime::block_on(session.db.lock()),
                real_dir.clone(),
                crate::doorbell::Turn::new(&books_turn, 0),
            );
            let lang = settings.lang();
            let (schedule, schedule_rx) = watch::channel(settings.schedule());
            app.manage(Shared {
                real_dir,
                session: RwLock::new(Arc::new(session)),
                sync_now: Arc::new(Notify::new()),
                schedule,
                state: Mutex::new(SyncState {
                    running: false,
                    status: say!(lang, not_synced_yet),
                }),
                tray_status: Mutex::new(None),
                status_texts: Mutex::new(None),
                pending: Mutex::new(open.clone()),
                tray_actions: Mutex::new(Vec::new()),
                books_turn,
                _app_lock: app_lock,
            });
            reconcile_autostart(&handle, settings.autostart);
            build_tray(&handle, lang)?;
            start_timer(handle.clone(), schedule_rx, last_run);
            lean_webview(&handle);
            if !hidden {
                show_main(&handle);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            tracing::debug!(window = window.label(), ?event, "window event");
            // Closing the window keeps the app, and its timer, running in the tray.
            if let WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
                let _ = window.hide();
            }
        })
        .build(tauri::generate_context!("tauri.conf.json"));
    let app = match app {
        Ok(app) => app,
        Err(tauri::Error::PluginInitialization(plugin, reason)) if plugin == "single-instance" => {
            // The running instance was exiting as this one started: its name on the session bus
            // was still there, but nobody answered. Start afresh once it is gone.
            tracing::warn!("{reason}: starting again");
            restart_once(restarts);
        }
        Err(e) => panic!("the window system could not be started: {e}"),
    };
    app.run(|_app, event| {
        if let RunEvent::ExitRequested {
            code: None, api, ..
        } = event
        {
            api.prevent_exit();
        }
    });
}

/// How many times this launch has started itself again (see [`restart_once`]); read once at
/// the start and removed, so no process the app starts inherits it.
const RESTARTS: &str = "VYPYSKA_RESTARTS";

fn restarts_so_far() -> u32 {
    let n = std::env::var(RESTARTS)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    std::env::remove_var(RESTARTS);
    n
}

/// Replaces this process with a fresh start of the same program and arguments after a pause,
/// for up to ten seconds of tries; then reports the instance that holds the name and never
/// answers.
fn restart_once(restarts: u32) -> ! {
    if restarts >= 20 {
        panic!("another instance of Vypyska holds its name on the session bus but does not answer");
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let exe = std::env::current_exe().expect("the program's own path");
    let mut again = std::process::Command::new(exe);
    again
        .args(std::env::args_os().skip(1))
        .env(RESTARTS, (restarts + 1).to_string());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        panic!("could not start again: {}", again.exec());
    }
    #[cfg(not(unix))]
    {
        let _ = again.spawn();
        std::process::exit(0);
    }
}

/// WebKit's "document viewer" cache model: a local app has no pages to keep for going back or
/// for speed, so WebKit's memory caches stay small (measured in BENCHMARKS.md).
fn lean_webview(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|w| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = w.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
    }
}

/// Shows the window on a notice's target.
pub fn navigate(app: &AppHandle, target: &Target) {
    tracing::info!(screen = target.screen.as_str(), id = ?target.id, "opening from a notification");
    show_main(app);
    let _ = Navigate {
        target: target.clone(),
    }
    .emit(app);
}

fn show_main(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

fn build_tray(app: &AppHandle, lang: Lang) -> tauri::Result<()> {
    let shared = app.state::<Shared>();
    let status = MenuItem::with_id(
        app,
        "status",
        shared.sync_state().status,
        false,
        None::<&str>,
    )?;
    let labels: [(&str, Label); 3] = [
        ("sync", |lang| say!(lang, tray_sync_now)),
        ("open", |lang| say!(lang, tray_open)),
        ("quit", |lang| say!(lang, tray_quit)),
    ];
    let mut actions = Vec::new();
    for (id, label) in labels {
        let item = MenuItem::with_id(app, id, label(lang), true, None::<&str>)?;
        actions.push((item, label));
    }
    let [sync, open, quit] = [&actions[0].0, &actions[1].0, &actions[2].0];
    let menu = Menu::with_items(app, &[&status, sync, open, quit])?;
    *lock(&shared.tray_status) = Some(status);
    *lock(&shared.tray_actions) = actions.clone();
    let mut tray = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .tooltip("Vypyska")
        .on_menu_event(move |app, event| tray_action(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

/// What a tray menu item does; a plain function so it can be tested without a tray.
fn tray_action(app: &AppHandle, id: &str) {
    match id {
        "sync" => app.state::<Shared>().sync_now.notify_one(),
        "open" => show_main(app),
        "quit" => app.exit(0),
        _ => {}
    }
}

/// When this desktop's timer last ran: on a team's server, its own runs only (another
/// desktop's run synced the accounts whose tokens it holds, not this one's), so a desktop
/// started after the others still catches up what it missed.
fn last_run_start(store: &Store, data_dir: &std::path::Path) -> Option<DateTime<Utc>> {
    let desktop = store
        .on_server()
        .then(|| vypyska_core::team::desktop_name(data_dir));
    let started = store.runs().last_started(desktop.as_deref()).ok().flatten();
    started
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// The background timer: syncs at the configured Kyiv times, catches up missed runs, and on
/// "Sync now"; reports progress to the window and the outcome to the tray.
fn start_timer(
    app: AppHandle,
    schedule: watch::Receiver<Schedule>,
    last_run: Option<DateTime<Utc>>,
) {
    let sync_now = Arc::clone(&app.state::<Shared>().sync_now);
    tauri::async_runtime::spawn(async move {
        let (_stop_tx, stop_rx) = watch::channel(false);
        run_scheduler(
            Arc::new(SystemClock),
            schedule,
            sync_now,
            stop_rx,
            last_run,
            |_trigger: Trigger| sync_once(app.clone()),
        )
        .await;
    });
}

/// One run over every merchant of the current session, then automatic allocation.
async fn sync_once(app: AppHandle) {
    let shared = app.state::<Shared>();
    let session = shared.session().await;
    shared.set_state(true, None, Lang::default());
    let mut syncer = session.syncer.lock().await;
    let current = Settings::load(syncer.store.conn()).unwrap_or_default();
    let lang = current.lang();
    // The run speaks the language of the settings it starts with: saving settings never waits
    // for a run to end.
    syncer.lang = lang;
    let options = vypyska_core::ops::sync_options(&current, None, None);
    let (mut failed, mut new) = (0u32, 0u32);
    let result = syncer
        .run(&options, &mut |e: &SyncEvent| {
            match e {
                SyncEvent::MerchantFinished { summary, .. } => new += summary.new as u32,
                SyncEvent::MerchantFailed { .. } => failed += 1,
                _ => {}
            }
            let _ = SyncProgress { event: e.clone() }.emit(&app);
        })
        .await;
    let to_app = app.clone();
    let desktop = crate::notify::AppDesktop {
        open: Arc::new(move |target: &Target| navigate(&to_app, target)),
        lang,
    };
    let data_dir = syncer.lock_dir.clone();
    let mail_store = syncer.store.reopen();
    let fresh = vypyska_core::ops::after_sync(
        &mut syncer.store,
        &SystemClock,
        &current,
        &data_dir,
        &desktop,
    )
    .fresh;
    drop(syncer);
    if !fresh.is_empty() {
        let _ = NoticesChanged {
            new: fresh.len() as u32,
        }
        .emit(&app);
        // Email may wait on a mail server: on its own thread and connection, after the sync.
        let settings = current.clone();
        let mailed = app.clone();
        tauri::async_runtime::spawn_blocking(move || {
            match mail_store {
                Ok(store) => vypyska_core::ops::email(&store, &settings, &fresh),
                Err(e) => tracing::warn!("email: {e}"),
            }
            let _ = NoticesChanged { new: 0 }.emit(&mailed);
        });
    }
    // The bank's and the schedule's clock: Kyiv, whatever the computer's zone.
    let now = Utc::now().with_timezone(&privat24::BANK_TZ).format("%H:%M");
    let texts = match (result, failed) {
        (Err(e), _) => (e.message(Lang::Uk), e.message(Lang::En)),
        (Ok(_), 0) => (
            format!("Синхронізовано о {now}: нових {new}"),
            format!("Synced at {now}: {new} new"),
        ),
        (Ok(_), n) => (
            format!("О {now}: помилок {n}, нових {new}"),
            format!("At {now}: {n} failed, {new} new"),
        ),
    };
    let status = lang.pick(texts.0.clone(), texts.1.clone());
    shared.set_state(false, Some(texts), lang);
    let _ = SyncFinished {
        status,
        new,
        failed,
    }
    .emit(&app);
}
