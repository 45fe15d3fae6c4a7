//! A team's desktop hears the others: the server rings when a desktop commits a change to what
//! the screens show (the schema's `vypyska_ring`, LISTEN/NOTIFY). On a ring of new notices this
//! desktop tells its own person what they chose to hear (`notifications::catch_up`: each thing
//! once per person, whichever of their desktops is first); on any ring the screens refetch.
//! What was missed while the session was gone (a restart, a sleep, the server away) is caught up
//! when it is back, and every quiet minute. Solo, the file changes only here: nothing to hear.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tauri::AppHandle;
use tauri_specta::Event;
use vypyska_core::notifications::{self, Target};
use vypyska_core::{Store, SystemClock};

use crate::state::{BooksChanged, NoticesChanged, TeamServer};
use vypyska_core::UserError as _;

/// How long a quiet session waits before looking anyway (and whether its turn is over).
const QUIET: Duration = Duration::from_secs(20);
/// The longest wait between tries to reach a server that went away.
const LONGEST_WAIT: Duration = Duration::from_secs(60);

/// Which session a doorbell is for: it stops once another session took a newer turn (this
/// computer joined or left a team, or switched to the demo).
pub struct Turn {
    current: Arc<AtomicU64>,
    mine: u64,
}

impl Turn {
    pub fn new(current: &Arc<AtomicU64>, mine: u64) -> Turn {
        Turn {
            current: Arc::clone(current),
            mine,
        }
    }

    fn over(&self) -> bool {
        self.current.load(Ordering::SeqCst) != self.mine
    }
}

/// Listens on a thread of its own (the server's client blocks) when the books are on a server.
pub fn start(app: AppHandle, books: &Store, data_dir: PathBuf, turn: Turn) {
    if !books.on_server() {
        return;
    }
    let store = match books.reopen() {
        Ok(store) => store,
        Err(e) => {
            tracing::warn!("the team's doorbell: {e}");
            return;
        }
    };
    let started = std::thread::Builder::new()
        .name("vypyska-doorbell".into())
        .spawn(move || listen(&app, &store, &data_dir, &turn));
    if let Err(e) = started {
        tracing::warn!("the team's doorbell: {e}");
    }
}

fn listen(app: &AppHandle, store: &Store, data_dir: &std::path::Path, turn: &Turn) {
    let mut wait = Duration::from_secs(1);
    let mut away = false;
    while !turn.over() {
        let mut bell = match store.doorbell() {
            Ok(Some(bell)) => bell,
            Ok(None) => return,
            Err(e) => {
                tracing::warn!("the team's server does not answer: {e}; again in {wait:?}");
                if !away {
                    let problem = e.message(crate::session::ui_lang());
                    let _ = TeamServer {
                        reachable: false,
                        problem: Some(problem),
                    }
                    .emit(app);
                    away = true;
                }
                std::thread::sleep(wait);
                wait = (wait * 2).min(LONGEST_WAIT);
                continue;
            }
        };
        if away {
            let _ = TeamServer {
                reachable: true,
                problem: None,
            }
            .emit(app);
            away = false;
        }
        wait = Duration::from_secs(1);
        // Whatever happened while no one listened.
        tell(app, store, data_dir);
        let _ = BooksChanged { tables: Vec::new() }.emit(app);
        while !turn.over() {
            match bell.wait(QUIET) {
                Ok(tables) => {
                    if tables.is_empty() || tables.contains("notices") {
                        tell(app, store, data_dir);
                    }
                    if !tables.is_empty() {
                        let tables = tables.into_iter().collect();
                        let _ = BooksChanged { tables }.emit(app);
                    }
                }
                Err(e) => {
                    tracing::warn!("the team's doorbell went quiet: {e}");
                    break;
                }
            }
        }
    }
}

/// Shows this desktop's person what other desktops recorded for them.
fn tell(app: &AppHandle, store: &Store, data_dir: &std::path::Path) {
    let joined = vypyska_core::team::current(data_dir)
        .ok()
        .flatten()
        .and_then(|t| t.employee);
    let here = match notifications::here(store, joined.as_deref()) {
        Ok(here) => here,
        Err(e) => {
            tracing::warn!("who is at this desktop: {e}");
            return;
        }
    };
    let to_app = app.clone();
    let desktop = crate::notify::AppDesktop {
        open: Arc::new(move |target: &Target| crate::app::navigate(&to_app, target)),
        lang: crate::session::ui_lang(),
    };
    match notifications::catch_up(store, &here, &desktop, &SystemClock) {
        Ok(shown) if !shown.is_empty() => {
            let _ = NoticesChanged {
                new: shown.len() as u32,
            }
            .emit(app);
        }
        Ok(_) => {}
        Err(e) => tracing::warn!("catching up on the team's notices: {e}"),
    }
}
