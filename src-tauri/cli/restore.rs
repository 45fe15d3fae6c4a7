//! `vypyska backup` and `vypyska restore`.

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
            None => {
                return Err(Failure::new(lang.pick(
                    "Автоматичної резервної копії немає; базу даних не змінено.".to_owned(),
                    "There is no automatic backup; the database was not changed.".to_owned(),
                )))
            }
        },
    };
    recovery::check_source(&source).map_err(|e| {
        Failure::new(lang.pick(
            format!(
                "Файл {} не може замінити базу даних: {} Базу даних не змінено.",
                source.display(),
                e.message(lang)
            ),
            format!(
                "{} cannot replace the database: {} The database was not changed.",
                source.display(),
                e.message(lang)
            ),
        ))
    })?;
    // A sound database is replaced only when the person says so: what came after the copy
    // would be lost.
    if found.is_none() && !yes {
        return Err(Failure::new(lang.pick(
            format!(
                "База даних ціла. Відновлення замінить її копією {}: усе, що збережено після \
                 копії, буде втрачено. Якщо ви цього хочете, повторіть з --yes.",
                source.display()
            ),
            format!(
                "The database is sound. Restoring replaces it with the copy {}: everything \
                 saved after the copy is lost. If that is what you want, run again with --yes.",
                source.display()
            ),
        )));
    }
    let (kept, kept_what) = match &found {
        Some(r) => (
            r.kept.clone(),
            lang.pick("Пошкоджений файл", "The damaged file"),
        ),
        None => (
            recovery::keep_copy(&store, &data_dir)?,
            lang.pick("Попередню (цілу) базу", "The previous (sound) database"),
        ),
    };
    recovery::restore(&mut store, &source).map_err(|e| {
        Failure::new(lang.pick(
            format!(
                "{} {kept_what} збережено: {}",
                e.message(lang),
                kept.display()
            ),
            format!(
                "{} {kept_what} is kept: {}",
                e.message(lang),
                kept.display()
            ),
        ))
    })?;
    println!(
        "{}",
        lang.pick(
            format!(
                "Відновлено з {}. {kept_what} збережено: {}",
                source.display(),
                kept.display()
            ),
            format!(
                "Restored from {}. {kept_what} is kept: {}",
                source.display(),
                kept.display()
            ),
        )
    );
    Ok(())
}

/// Not while the app runs (it holds its lock: the file would move from under it) or a sync does.
fn refuse_while_in_use(data_dir: &std::path::Path, lang: Lang) -> Result<(), Failure> {
    use vypyska_core::store::recovery;
    match recovery::in_use(data_dir) {
        Some(recovery::InUse::App) => return Err(Failure::new(
            lang.pick(
                "Застосунок Vypyska відкритий: закрийте його (значок у треї → Вийти) і повторіть. \
                 Або відновіть копію в самому застосунку."
                    .to_owned(),
                "The Vypyska app is running: quit it (the tray icon → Quit) and try again, or \
                 restore in the app."
                    .to_owned(),
            ),
        )),
        Some(recovery::InUse::Sync) => {
            return Err(Failure::new(lang.pick(
                "Зараз триває синхронізація: дочекайтеся її кінця й повторіть.".to_owned(),
                "A sync is running: wait for it to end and try again.".to_owned(),
            )))
        }
        None => Ok(()),
    }
}
