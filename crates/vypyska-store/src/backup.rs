//! Daily copies of the database through SQLite's online backup API (consistent while the app and
//! the CLI keep writing), in `<data>/backups`, readable by the user only, the newest few kept.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{create_private_dir, create_private_file, Result, Store, StoreError};

/// The folder of the backups inside the data folder.
pub const BACKUP_DIR: &str = "backups";
/// How many daily backups are kept.
pub const KEEP: usize = 7;

fn file_name(day: NaiveDate) -> String {
    format!("vypyska-{day}.sqlite3")
}

/// Copies the database to `<data>/backups/vypyska-DAY.sqlite3` (replacing one of the same day),
/// then removes all but the newest `keep`. Returns the copy's path.
pub fn backup(store: &Store, data_dir: &Path, day: NaiveDate, keep: usize) -> Result<PathBuf> {
    let dir = data_dir.join(BACKUP_DIR);
    create_private_dir(&dir)?;
    let path = dir.join(file_name(day));
    let partial = dir.join(format!("{}.partial", file_name(day)));
    let _ = std::fs::remove_file(&partial);
    create_private_file(&partial)?;
    {
        let mut target = Connection::open(&partial)?;
        let copy = rusqlite::backup::Backup::new(store.conn().sqlite()?, &mut target)?;
        // Pages in steps, pausing between them, so writers are never held up for long.
        copy.run_to_completion(1024, std::time::Duration::from_millis(5), None)?;
    }
    std::fs::rename(&partial, &path).map_err(|source| StoreError::Io {
        path: path.clone(),
        source,
    })?;
    for old in list(data_dir)?.into_iter().skip(keep) {
        let _ = std::fs::remove_file(old.1);
    }
    Ok(path)
}

/// Today's backup, unless there is one already or nothing to keep yet (no merchant, invoice or
/// statement: a copy of an empty database would stand for the whole day in place of a useful
/// one). The books on a server are backed up by the server's owner (`pg_dump`): none here.
pub fn daily(store: &Store, data_dir: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    if store.conn().dialect() != crate::db::Dialect::Sqlite {
        return Ok(None);
    }
    if data_dir.join(BACKUP_DIR).join(file_name(today)).exists() {
        return Ok(None);
    }
    let empty: bool = store.conn().query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM merchants) AND NOT EXISTS (SELECT 1 FROM invoices)
             AND NOT EXISTS (SELECT 1 FROM statements)",
        [],
        |r| r.get(0),
    )?;
    if empty {
        return Ok(None);
    }
    backup(store, data_dir, today, KEEP).map(Some)
}

/// The backups, newest first.
pub fn list(data_dir: &Path) -> Result<Vec<(NaiveDate, PathBuf)>> {
    let dir = data_dir.join(BACKUP_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut found: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let day = name.strip_prefix("vypyska-")?.strip_suffix(".sqlite3")?;
            Some((NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?, e.path()))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_copies_are_private_complete_and_rotated() {
        let (dir, store) = crate::testing::file_store();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        // Nothing to keep before the first merchant or invoice.
        let empty = tempfile::tempdir().unwrap();
        let nothing = Store::open_in(empty.path()).unwrap();
        assert!(daily(&nothing, empty.path(), day(1)).unwrap().is_none());
        assert!(list(empty.path()).unwrap().is_empty());
        store
            .conn()
            .execute(
                "INSERT INTO settings (key, value) VALUES ('language', 'en')",
                [],
            )
            .unwrap();
        let first = daily(&store, dir.path(), day(1)).unwrap().unwrap();
        // Once a day.
        assert!(daily(&store, dir.path(), day(1)).unwrap().is_none());
        let copy = Connection::open(&first).unwrap();
        let language: String = copy
            .query_row(
                "SELECT value FROM settings WHERE key = 'language'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(language, "en");
        let check: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&first).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let mode = std::fs::metadata(dir.path().join(BACKUP_DIR))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        for d in 2..=10 {
            daily(&store, dir.path(), day(d)).unwrap();
        }
        let kept: Vec<NaiveDate> = list(dir.path()).unwrap().into_iter().map(|b| b.0).collect();
        assert_eq!(kept, (4..=10).rev().map(day).collect::<Vec<_>>());
    }
}
