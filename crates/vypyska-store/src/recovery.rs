//! A damaged database: found at start, kept aside for a specialist, and replaced by the latest
//! automatic backup when the owner says so (or by an empty database when there is none).

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{backup, create_private_dir, lock_file, Result, Store, StoreError, Trouble, DB_FILE};

/// Where damaged (and replaced) database files are kept, inside the data folder.
pub const DAMAGED_DIR: &str = "damaged";

/// Held by the desktop app for its whole run, so that `vypyska restore` never moves or replaces
/// the database under it.
pub const APP_LOCK: &str = "app.lock";

/// A full check reads every page: at start it runs on files up to this size (years of a small
/// business's statements); larger files are checked by SQLite as they are read.
pub const CHECK_AT_START_MAX_BYTES: u64 = 256 << 20;

/// What was found at start, for the app to say and offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The damaged file, kept.
    pub kept: PathBuf,
    /// Why it was set aside.
    pub detail: String,
    /// The newest automatic backup that passes its check.
    pub backup: Option<(NaiveDate, PathBuf)>,
}

impl Store {
    /// SQLite's quick check of every page and index: ok, or [`StoreError::Corrupt`].
    pub fn check(&self) -> Result<()> {
        check_connection(self.conn.sqlite()?, &self.path)
    }
}

fn check_connection(conn: &Connection, path: &Path) -> Result<()> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| corrupt_or(e, path))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt {
            path: path.to_owned(),
            detail: verdict,
        })
    }
}

fn corrupt_or(e: rusqlite::Error, path: &Path) -> StoreError {
    let e = StoreError::from(e);
    match e.trouble() {
        Trouble::Corrupt => StoreError::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => e,
    }
}

/// Opens the data folder's database. A damaged one (SQLite cannot read it, or its check fails
/// when the file is small enough to check at start) is moved aside and an empty database takes
/// its place; the [`Recovery`] says where the old file went and which backup could replace it.
pub fn open_checked(dir: &Path) -> Result<(Store, Option<Recovery>)> {
    let path = dir.join(DB_FILE);
    let opened = Store::open_in(dir).and_then(|store| {
        let small =
            std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) <= CHECK_AT_START_MAX_BYTES;
        if small {
            store.check()?;
        }
        Ok(store)
    });
    match opened {
        Ok(store) => Ok((store, None)),
        Err(e) if e.trouble() == Trouble::Corrupt => {
            tracing::error!("{e}");
            let kept = set_aside(dir, "damaged")?;
            let store = Store::open_in(dir)?;
            Ok((
                store,
                Some(Recovery {
                    kept,
                    detail: e.to_string(),
                    backup: latest_sound_backup(dir),
                }),
            ))
        }
        Err(e) => Err(e),
    }
}

/// Takes the app's lock (see [`APP_LOCK`]); `None` when another process holds it.
pub fn hold_app_lock(dir: &Path) -> Result<Option<File>> {
    create_private_dir(dir)?;
    let path = dir.join(APP_LOCK);
    let file = lock_file(&path).map_err(|source| StoreError::Io { path, source })?;
    Ok(file.try_lock().ok().map(|()| file))
}

/// Who is using the data folder now, when someone is: the app, or a sync (its lock held).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InUse {
    App,
    Sync,
}

/// Whether the app runs or a sync holds its lock, so the file must not be moved or replaced.
pub fn in_use(dir: &Path) -> Option<InUse> {
    let held = |path: &Path| {
        lock_file(path).is_ok_and(|f| matches!(f.try_lock(), Err(TryLockError::WouldBlock)))
    };
    if held(&dir.join(APP_LOCK)) {
        return Some(InUse::App);
    }
    let syncs = std::fs::read_dir(dir).ok()?;
    syncs
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("sync-"))
        .any(|e| held(&e.path()))
        .then_some(InUse::Sync)
}

/// A name no other kept copy has: the time to the millisecond and this process.
fn kept_name(why: &str) -> String {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    format!("vypyska-{why}-{stamp}-{}.sqlite3", std::process::id())
}

/// Moves the database file (and its write-ahead log) to `<data>/damaged/` under a name with the
/// time and `why`; returns the new path. Only while no connection has it open.
pub fn set_aside(dir: &Path, why: &str) -> Result<PathBuf> {
    let folder = dir.join(DAMAGED_DIR);
    create_private_dir(&folder)?;
    let kept = folder.join(kept_name(why));
    let from = dir.join(DB_FILE);
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    std::fs::rename(&from, &kept).map_err(io(&from))?;
    let wal = dir.join(format!("{DB_FILE}-wal"));
    if wal.exists() {
        let to = PathBuf::from(format!("{}-wal", kept.display()));
        std::fs::rename(&wal, &to).map_err(io(&wal))?;
    }
    let _ = std::fs::remove_file(dir.join(format!("{DB_FILE}-shm")));
    Ok(kept)
}

/// The newest backup whose own check passes.
pub fn latest_sound_backup(dir: &Path) -> Option<(NaiveDate, PathBuf)> {
    backup::list(dir).ok()?.into_iter().find(|(_, path)| {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(StoreError::from)
            .and_then(|c| check_connection(&c, path))
            .is_ok()
    })
}

/// Replaces the open database's contents with the backup's, through SQLite's backup API (other
/// connections to the file see the result at once), then applies migrations the backup lacks.
/// The source is checked first: sound, a Vypyska database, not from a newer version.
pub fn restore(store: &mut Store, from: &Path) -> Result<()> {
    let source = check_source(from)?;
    {
        let copy = rusqlite::backup::Backup::new(&source, store.conn.sqlite_mut()?)?;
        copy.run_to_completion(1024, std::time::Duration::from_millis(5), None)?;
    }
    store.migrate()?;
    store.check()
}

/// Whether `from` can stand in for the database: a sound Vypyska database of this version or
/// older. Checked before anything is touched; the open file is what `restore` copies.
pub fn check_source(from: &Path) -> Result<Connection> {
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    check_connection(&source, from)?;
    let version: u32 = source.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > Store::supported_version() {
        return Err(StoreError::TooNew {
            found: version,
            supported: Store::supported_version(),
        });
    }
    let ours: bool = source.query_row(
        "SELECT COUNT(*) = 2 FROM sqlite_schema
         WHERE type = 'table' AND name IN ('merchants', 'statements')",
        [],
        |r| r.get(0),
    )?;
    if version == 0 || !ours {
        return Err(StoreError::Corrupt {
            path: from.to_owned(),
            detail: "not a Vypyska database".into(),
        });
    }
    Ok(source)
}

/// Keeps a copy of the (sound) database before it is replaced, through the backup API.
pub fn keep_copy(store: &Store, dir: &Path) -> Result<PathBuf> {
    let folder = dir.join(DAMAGED_DIR);
    create_private_dir(&folder)?;
    let kept = folder.join(kept_name("replaced"));
    super::create_private_file(&kept)?;
    let mut target = Connection::open(&kept)?;
    let copy = rusqlite::backup::Backup::new(store.conn.sqlite()?, &mut target)?;
    copy.run_to_completion(1024, std::time::Duration::from_millis(5), None)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damage(path: &Path, at: u64) {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        f.seek(SeekFrom::Start(at)).unwrap();
        f.write_all(&[0xA5; 4096]).unwrap();
    }

    fn merchants(store: &Store) -> i64 {
        store
            .conn()
            .query_row("SELECT COUNT(*) FROM merchants", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_the_latest_sound_backup_restores_it() {
        let (dir, store) = crate::testing::file_store();
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        backup::backup(&store, dir.path(), day, backup::KEEP).unwrap();
        // A newer backup that is itself damaged is passed over.
        let newer = backup::backup(&store, dir.path(), day.succ_opt().unwrap(), 7).unwrap();
        damage(&newer, 0);
        drop(store);
        let db = dir.path().join(DB_FILE);
        damage(&db, 0);

        let (mut store, found) = open_checked(dir.path()).unwrap();
        let found = found.expect("the damage is found at start");
        // The sync's connection, open before the restore as in the app.
        let sync = Store::open_in(dir.path()).unwrap();
        assert_eq!(merchants(&sync), 0);
        assert!(found.kept.starts_with(dir.path().join(DAMAGED_DIR)));
        assert_eq!(std::fs::read(&found.kept).unwrap()[..16], [0xA5; 16]);
        assert_eq!(found.backup.as_ref().map(|b| b.0), Some(day));
        assert_eq!(merchants(&store), 0, "an empty database meanwhile");

        // Neither a file that is not a database of ours nor one from a newer version replaces it.
        let stranger = dir.path().join("other.sqlite3");
        Connection::open(&stranger)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
            .unwrap();
        assert!(restore(&mut store, &stranger).is_err());
        assert_eq!(merchants(&store), 0);
        restore(&mut store, &found.backup.unwrap().1).unwrap();
        assert_eq!(merchants(&store), 1);
        assert_eq!(
            merchants(&sync),
            1,
            "the other connection sees the restored data"
        );
        assert!(open_checked(dir.path()).unwrap().1.is_none());
    }

    #[test]
    fn damage_inside_the_file_is_found_by_the_check() {
        let (dir, mut store) = crate::testing::file_store();
        let rows: Vec<_> = (0..400)
            .map(|i| {
                crate::testing::transaction(
                    &format!("R{i}/1"),
                    privat24::Direction::In,
                    privat24::State::Posted,
                    "10.00",
                    &"Оплата за товар згідно рахунку ".repeat(4),
                )
            })
            .collect();
        crate::testing::upsert(&mut store, &rows);
        store
            .conn()
            .sqlite()
            .unwrap()
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
        drop(store);
        let db = dir.path().join(DB_FILE);
        let len = std::fs::metadata(&db).unwrap().len();
        damage(&db, len / 2 / 4096 * 4096);
        let (_store, found) = open_checked(dir.path()).unwrap();
        assert!(found.is_some(), "the check finds a damaged page");
    }
}
