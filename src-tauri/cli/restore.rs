//! `vypyska backup` and `vypyska restore`.

use vypyska_core::say;
use vypyska_core::UserError as _;
use vypyska_core::{Lang, SystemClock};

use super::{Failure, Session};

pub(super) fn backup(cx: &mut Session) -> Result<(), Failure> {
    use vypyska_core::Clock;
    let path = vypyska_core::store::backup::backup(
        &cx.store,
        &cx.data_dir,
        SystemClock.today_kyiv(),
        vypyska_core::store::backup::KEEP,
    )?;
    println!("{}", path.display());

    Ok(())
}

/// `vypyska restore`: works on a damaged file that every other command refuses to open.
pub(super) fn restore(from: Option<std::path::PathBuf>, yes: bool) -> Result<(), Failure> {
    use vypyska_core::store::recovery;
    let lang = Lang::default();
    let data_dir = vypyska_core::data_dir().map_err(|e| Failure::new(format!("{e:#}")))?;
    refuse_while_in_use(&data_dir, lang)?;
    let (mut store, found) = recovery::open_checked(&data_dir)?;
    // The source first: nothing is touched unless it can stand in for the database.
    let source = match from {
        Some(file) => file,
        None => match recovery::latest_sound_backup(&data_dir) {
            Some((_, path)) => path,
            None => return Err(Failure::new(say!(lang, there_no_automatic_backup))),
        },
    };
    recovery::check_source(&source).map_err(|e| {
        Failure::new(say!(
            lang,
            cannot_replace_database_database,
            source.display(),
            e.message(lang)
        ))
    })?;
    // A sound database is replaced only when the person says so: what came after the copy
    // would be lost.
    if found.is_none() && !yes {
        return Err(Failure::new(say!(
            lang,
            database_sound_restoring_replaces,
            source.display()
        )));
    }
    let (kept, kept_what) = match &found {
        Some(r) => (r.kept.clone(), say!(lang, damaged_file_word)),
        None => (
            recovery::keep_copy(&store, &data_dir)?,
            say!(lang, previous_sound_database),
        ),
    };
    recovery::restore(&mut store, &source).map_err(|e| {
        Failure::new(say!(
            lang,
            restore_failed_kept,
            e.message(lang),
            kept_what,
            kept.display()
        ))
    })?;
    println!(
        "{}",
        say!(
            lang,
            restored_from_kept,
            source.display(),
            kept_what,
            kept.display()
        )
    );
    Ok(())
}

/// Not while the app runs (it holds its lock: the file would move from under it) or a sync does.
fn refuse_while_in_use(data_dir: &std::path::Path, lang: Lang) -> Result<(), Failure> {
    use vypyska_core::store::recovery;
    match recovery::in_use(data_dir) {
        Some(recovery::InUse::App) => {
            return Err(Failure::new(say!(lang, app_is_running_quit_first)))
        }
        Some(recovery::InUse::Sync) => return Err(Failure::new(say!(lang, sync_running_wait_end))),
        None => Ok(()),
    }
}
