//! The data folder read-only when a sync starts (as after the system remounts a failing disk),
//! or its disk filling up part-way through a sync: a clear error in words, the database intact,
//! nothing stored before lost, and the next run fine. A damaged database file: refused in words,
//! kept, and restored from the backup. The folder is a small tmpfs of the test's own (mounting
//! needs root, as on the CI machine; a tmpfs cannot turn read-only while a file is open for
//! writing, so the read-only case starts read-only).

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Duration as Days;
use vypyska_tests::{bank_today, sim_config, text, Env};

/// A tmpfs mounted over a folder for the test's life.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Tmpfs {
        mount(
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ],
            dir,
        );
        Tmpfs(dir.to_owned())
    }

    fn remount(&self, options: &str) {
        mount(&["-o", &format!("remount,{options}")], &self.0);
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount(args: &[&str], dir: &Path) {
    let out = Command::new("mount").args(args).arg(dir).output().unwrap();
    assert!(
        out.status.success(),
        "mount {args:?} failed (these tests need root, as on the CI machine): {}",
        text(&out.stderr)
    );
}

fn integrity(env: &Env) -> String {
    env.store()
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Gives the bank a few new payments of today, for a run to store.
fn new_payments(env: &Env, n: usize) {
    let bank = env.sim.bank();
    let like = bank.transactions()[0].clone();
    for _ in 0..n {
        let mut t = like.clone();
        t.day = bank.today();
        bank.add_transaction(&t);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_data_folder_is_said_plainly_and_loses_nothing() {
    let env = Env::new_file(sim_config(1, 600, 30)).await;
    let disk = Tmpfs::mount(env.data_dir(), "256m");
    env.desktop_notifications_off();
    let out = env.cli_add_merchant("Основний", 0, 30).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let account = env.sim.bank().accounts()[0].iban.clone();
    let before = env.stored_rows(&account);
    assert!(before.1 > 0);

    new_payments(&env, 5);
    disk.remount("ro");
    let out = env.cli(&["sync"], "").await;
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("лише для читання"), "{err}");
    assert!(err.contains("Дозвольте запис"), "{err}");
    // What is saved can still be read: only writing is refused.
    for args in [
        &["merchant", "list"][..],
        &["runs"][..],
        &["settings"][..],
        &["invoices"][..],
        &["balances"][..],
    ] {
        let out = env.cli_ok(args).await;
        assert!(text(&out.stderr).contains("лише для читання"), "{args:?}");
    }
    let out = env.cli(&["merchant", "list"], "").await;
    assert!(
        text(&out.stdout).contains("Основний"),
        "{}",
        text(&out.stdout)
    );
    let out = env.cli(&["statements", "--json"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!listed.is_empty());
    let out = env
        .cli(
            &[
                "invoice",
                "add",
                "--number",
                "1",
                "--amount",
                "5",
                "--currency",
                "UAH",
            ],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("лише для читання"),
        "{}",
        text(&out.stderr)
    );

    disk.remount("rw");
    assert_eq!(integrity(&env), "ok");
    assert_eq!(
        env.stored_rows(&account),
        before,
        "nothing lost or half-written"
    );
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    env.assert_same_as_bank(&account, bank_today() - Days::days(30));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_is_said_plainly_and_the_next_run_completes() {
    let env = Env::new_file(sim_config(1, 4000, 60)).await;
    let disk = Tmpfs::mount(env.data_dir(), "48m");
    env.desktop_notifications_off();
    let out = env.cli_add_merchant("Основний", 0, 3).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let account = env.sim.bank().accounts()[0].iban.clone();
    let before = env.stored_rows(&account).1;

    // Something else fills the disk but for 2 MB; a sync of two months runs out of room
    // part-way.
    let filler = env.data_dir().join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 1 << 16];
        while f.write_all(&block).is_ok() {}
        let full = f.metadata().unwrap().len();
        f.set_len(full - (2 << 20)).unwrap();
    }
    let from = (bank_today() - Days::days(60)).to_string();
    let out = env.cli(&["sync", "--from", &from], "").await;
    let err = text(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("закінчилося місце"), "{err}");
    assert!(err.contains("Звільніть місце"), "{err}");
    assert!(
        err.contains("сторінка 1"),
        "stored pages before the disk filled: {err}"
    );
    std::fs::remove_file(&filler).unwrap();

    // The file stays sound and keeps at least what it had; the next run stores the rest.
    assert_eq!(integrity(&env), "ok");
    let (got, count) = env.stored_rows(&account);
    assert_eq!(count, got.len(), "no duplicates");
    assert!(count >= before);
    let out = env.cli(&["sync", "--from", &from], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    env.assert_same_as_bank(&account, bank_today() - Days::days(60));
    drop(disk);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_database_is_refused_in_words_and_restored_from_the_backup() {
    let env = Env::new_file(sim_config(1, 300, 30)).await;
    let out = env.cli_add_merchant("Основний", 0, 30).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let account = env.sim.bank().accounts()[0].iban.clone();
    let before = env.stored_rows(&account);
    assert!(before.1 > 0);

    // The first page of the file overwritten, as a failing disk or a stray program might.
    {
        use std::io::Write;
        let db = env.data_dir().join(vypyska_core::store::DB_FILE);
        let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
        f.write_all(&[0x5A; 4096]).unwrap();
    }
    let out = env.cli(&["statements"], "").await;
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("пошкоджено") && err.contains("vypyska restore"),
        "{err}"
    );

    // Not while the app runs (it holds its lock): the file would move from under it.
    let app = vypyska_core::store::recovery::hold_app_lock(env.data_dir())
        .unwrap()
        .unwrap();
    let out = env.cli(&["restore"], "").await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Застосунок Vypyska відкритий"),
        "{}",
        text(&out.stderr)
    );
    drop(app);
    let out = env.cli(&["restore"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Відновлено"),
        "{}",
        text(&out.stdout)
    );
    let kept: Vec<_> = std::fs::read_dir(env.data_dir().join("damaged"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(
        kept.iter()
            .any(|p| std::fs::read(p).unwrap()[..16] == [0x5A; 16]),
        "the damaged file is kept: {kept:?}"
    );
    assert_eq!(integrity(&env), "ok");
    assert_eq!(
        env.stored_rows(&account),
        before,
        "the backup holds the synced rows"
    );
    let out = env.cli(&["sync"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    env.assert_same_as_bank(&account, bank_today() - Days::days(30));

    // Now the database is sound: a failed source touches nothing, a plain restore asks first.
    let kept_copies = || {
        std::fs::read_dir(env.data_dir().join("damaged"))
            .unwrap()
            .count()
    };
    let copies = kept_copies();
    let junk = env.data_dir().join("junk.sqlite3");
    std::fs::write(&junk, b"not a database at all").unwrap();
    for from in [junk.clone(), env.data_dir().join("missing.sqlite3")] {
        let out = env
            .cli(&["restore", "--from", from.to_str().unwrap()], "")
            .await;
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("не може замінити") && err.contains("не змінено"),
            "{err}"
        );
        assert!(!err.contains("Пошкоджений файл"), "{err}");
    }
    let out = env.cli(&["restore"], "").await;
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("База даних ціла") && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(kept_copies(), copies, "nothing copied aside");
    assert_eq!(
        env.stored_rows(&account).1,
        env.bank_rows(&account, bank_today() - Days::days(30)).len()
    );
    let out = env.cli(&["restore", "--yes"], "").await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("цілу"), "{}", text(&out.stdout));
    assert_eq!(kept_copies(), copies + 1);
}
