//! What the window's commands, the tray and the timer share (`Shared`), and the events the
//! backend sends the window. Owned here, so the shell's modules depend on it and not on each
//! other.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use specta::Type;
use tauri::menu::MenuItem;
use tauri::{AppHandle, Wry};
use tauri_plugin_autostart::ManagerExt;
use tauri_specta::Event;
use tokio::sync::{watch, Notify, RwLock};
use vypyska_core::notifications::Target;
use vypyska_core::schedule::Schedule;
use vypyska_core::settings::Settings;
use vypyska_core::sync::SyncEvent;
use vypyska_core::Lang;

use crate::session::Session;

/// A tray action's words in a language (from the catalogs), so a change of language relabels it.
pub(crate) type Label = fn(Lang) -> String;

/// Whether a sync runs, and how the last one went.
#[derive(Debug, Clone, Serialize, Type)]
pub struct SyncState {
    pub running: bool,
    /// The tray's status line: the last run's outcome in words.
    pub status: String,
}

/// One step of a running sync, as it happens.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct SyncProgress {
    pub event: SyncEvent,
}

/// A sync run ended (for every merchant).
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct SyncFinished {
    pub status: String,
    pub new: u32,
    pub failed: u32,
}

/// Bring the window to a payment, invoice, merchant or the review queue (a notification was
/// clicked).
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct Navigate {
    pub target: Target,
}

/// New notices were recorded: the bell reloads.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct NoticesChanged {
    pub new: u32,
}

/// Another desktop of the team changed the books (the tables named; none: look at everything,
/// after a reconnect): the screens refetch.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct BooksChanged {
    pub tables: Vec<String>,
}

/// Whether the team's database server answers this desktop (said at once when it stops, and
/// when it is back): the window shows a banner meanwhile.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct TeamServer {
    pub reachable: bool,
    /// Why not, in words.
    pub problem: Option<String>,
}

/// What the commands, the tray and the timer share.
pub struct Shared {
    pub(crate) real_dir: PathBuf,
    pub(crate) session: RwLock<Arc<Session>>,
    pub sync_now: Arc<Notify>,
    pub(crate) schedule: watch::Sender<Schedule>,
    pub(crate) state: Mutex<SyncState>,
    pub(crate) tray_status: Mutex<Option<MenuItem<Wry>>>,
    /// Where the window should open once its UI asks (`--open` at start).
    pub pending: Mutex<Option<Target>>,
    /// The last outcome in Ukrainian and English, so a change of language relabels it at once.
    pub(crate) status_texts: Mutex<Option<(String, String)>>,
    /// The tray's actions, relabelled when the language changes.
    pub(crate) tray_actions: Mutex<Vec<(MenuItem<Wry>, Label)>>,
    /// Which session's books the doorbell listens for: a new session's doorbell takes a new
    /// turn, and the old one stops.
    pub(crate) books_turn: Arc<std::sync::atomic::AtomicU64>,
    /// Held while the app runs: `vypyska restore` refuses meanwhile.
    pub(crate) _app_lock: Option<std::fs::File>,
}

impl Shared {
    pub async fn session(&self) -> Arc<Session> {
        Arc::clone(&*self.session.read().await)
    }

    pub fn sync_state(&self) -> SyncState {
        lock(&self.state).clone()
    }

    pub(crate) fn set_state(&self, running: bool, status: Option<(String, String)>, lang: Lang) {
        lock(&self.state).running = running;
        if let Some(texts) = status {
            *lock(&self.status_texts) = Some(texts);
            self.show_status(lang);
        }
    }

    /// Shows the last outcome in the language given, in the tray and to the window.
    fn show_status(&self, lang: Lang) {
        let Some((uk, en)) = lock(&self.status_texts).clone() else {
            return;
        };
        let line = lang.pick(uk, en);
        if let Some(item) = lock(&self.tray_status).as_ref() {
            let _ = item.set_text(&line);
        }
        lock(&self.state).status = line;
    }

    /// Applies saved settings: the login entry and the timetable follow at once.
    pub async fn settings_changed(&self, app: &AppHandle, settings: &Settings) {
        reconcile_autostart(app, settings.autostart);
        self.schedule.send_replace(settings.schedule());
        let lang = settings.lang();
        crate::session::set_ui_lang(lang);
        for (item, label) in lock(&self.tray_actions).iter() {
            let _ = item.set_text(label(lang));
        }
        self.show_status(lang);
    }

    /// Makes the demo (or the real data) the session every command and the timer use.
    pub async fn switch(&self, app: &AppHandle, demo: bool) -> anyhow::Result<()> {
        if self.session().await.demo == demo {
            return Ok(());
        }
        let next = if demo {
            Session::open_demo(&self.real_dir).await?
        } else {
            Session::open_real(&self.real_dir)?
        };
        self.install(app, next).await;
        self.sync_now.notify_one();
        Ok(())
    }

    /// Opens the real books again, after this computer joined or left a team.
    pub async fn reopen_real(&self, app: &AppHandle) -> anyhow::Result<()> {
        let next = Session::open_real(&self.real_dir)?;
        self.install(app, next).await;
        Ok(())
    }

    /// Makes `next` the session, with the doorbell of its server when it is on one (the
    /// previous session's doorbell stops).
    async fn install(&self, app: &AppHandle, next: Session) {
        let settings = next.settings().await;
        let turn = self
            .books_turn
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        crate::doorbell::start(
            app.clone(),
            &*next.db.lock().await,
            self.real_dir.clone(),
            crate::doorbell::Turn::new(&self.books_turn, turn),
        );
        *self.session.write().await = Arc::new(next);
        self.settings_changed(app, &settings).await;
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The login entry follows the setting: written when on, removed when off.
pub(crate) fn reconcile_autostart(app: &AppHandle, on: bool) {
    let autolaunch = app.autolaunch();
    let result = match (on, autolaunch.is_enabled().unwrap_or(false)) {
        (true, false) => autolaunch.enable(),
        (false, true) => autolaunch.disable(),
        _ => Ok(()),
    };
    if let Err(e) = result {
        tracing::warn!("autostart: {e}");
    }
}
