use std::cell::RefCell;

use chrono::NaiveDate;
use privat24::{Direction, State};

use super::*;
use crate::notifications::{Employee, Kind};
use crate::testing::{
    clock, fresh_store, kyiv_morning, new_invoice as invoice, transaction, upsert,
};

/// A desktop that keeps what it was asked to show, and fails when told to.
#[derive(Default)]
struct Recording {
    shown: RefCell<Vec<String>>,
    fail: bool,
}

impl Desktop for Recording {
    fn show(&self, notice: &Notice) -> Result<(), String> {
        self.shown.borrow_mut().push(notice.title.clone());
        if self.fail {
            Err("no notification server".into())
        } else {
            Ok(())
        }
    }
}

/// A store with an invoice, the payment that names it and an outgoing payment.
fn synced() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = fresh_store();
    invoices::add(store.conn(), &clock(), invoice("123", "12500")).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut rows = vec![
        transaction(
            "A/1",
            Direction::In,
            State::Posted,
            "12500.00",
            "Оплата згідно рах. №123",
        ),
        transaction(
            "B/1",
            Direction::Out,
            State::Posted,
            "99.00",
            "Комісія банку",
        ),
    ];
    for r in &mut rows {
        r.value_date = day;
        r.posted_at = kyiv_morning(day);
    }
    upsert(&mut store, &rows);
    (dir, store)
}

fn delivery_errors(store: &Store) -> Vec<String> {
    let mut stmt = store
        .conn()
        .prepare("SELECT delivery_error FROM notices WHERE delivery_error IS NOT NULL")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The day's backups after a sync: one of an SQLite file; a server's books are backed up by its
/// owner, so none is made (and none is asked for).
fn backups(store: &Store, dir: &std::path::Path) -> usize {
    let made = std::fs::read_dir(dir.join("backups"))
        .map(|d| d.count())
        .unwrap_or(0);
    match store.conn().dialect() {
        crate::store::db::Dialect::Sqlite => made,
        crate::store::db::Dialect::Postgres => {
            assert_eq!(made, 0, "a backup file of a server's books");
            1
        }
    }
}

#[test]
fn every_step_runs_and_the_desktop_hears_the_payment() {
    let (dir, mut store) = synced();
    let desktop = Recording::default();
    let done = after_sync(
        &mut store,
        &clock(),
        &Settings::default(),
        dir.path(),
        &desktop,
    );
    assert!(done.problems.is_empty(), "{:?}", done.problems);
    assert_eq!(done.linked, 1);
    assert!(!done.fresh.is_empty());
    let shown = desktop.shown.borrow();
    assert!(
        shown.iter().any(|t| t.contains("12\u{a0}500,00")),
        "{shown:?}"
    );
    let categorised: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM statement_categories", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(categorised, 1, "the outgoing payment has its category");
    assert_eq!(backups(&store, dir.path()), 1);
}

#[test]
fn one_failing_step_never_stops_the_others() {
    let (dir, mut store) = synced();
    // Categorisation cannot work (its table is gone), and the desktop has no server.
    store
        .conn()
        .execute_batch("DROP TABLE statement_categories")
        .unwrap();
    let desktop = Recording {
        fail: true,
        ..Recording::default()
    };
    let done = after_sync(
        &mut store,
        &clock(),
        &Settings::default(),
        dir.path(),
        &desktop,
    );
    assert_eq!(done.problems.len(), 1, "{:?}", done.problems);
    // Allocation before it, the notices and the backup after it all ran.
    assert_eq!(done.linked, 1);
    assert!(!desktop.shown.borrow().is_empty());
    assert_eq!(delivery_errors(&store), ["no notification server"]);
    assert_eq!(backups(&store, dir.path()), 1);
}

#[test]
fn the_desktop_shows_only_what_this_computers_employees_hear() {
    let (dir, mut store) = synced();
    notifications::save_employee(
        &mut store,
        &Employee {
            id: 0,
            name: "Бухгалтерка".into(),
            email: String::new(),
            this_computer: true,
            kinds: vec![Kind::Trouble],
            companies: Vec::new(),
        },
    )
    .unwrap();
    if store.on_server() {
        // A team's desktop is the employee it joined as ("this computer" is the file's).
        let team = crate::team::Team {
            server: "postgres://127.0.0.1/books".into(),
            employee: Some("Бухгалтерка".into()),
            ca_file: None,
        };
        let path = dir.path().join(crate::team::TEAM_FILE);
        std::fs::write(path, serde_json::to_vec(&team).unwrap()).unwrap();
    }
    let desktop = Recording::default();
    let done = after_sync(
        &mut store,
        &clock(),
        &Settings::default(),
        dir.path(),
        &desktop,
    );
    assert!(!done.fresh.is_empty(), "the notices are still recorded");
    assert!(
        desktop.shown.borrow().is_empty(),
        "{:?}",
        desktop.shown.borrow()
    );
}

#[test]
fn automatic_allocation_off_links_nothing() {
    let (dir, mut store) = synced();
    let settings = Settings {
        auto_allocate: false,
        ..Settings::default()
    };
    let done = after_sync(
        &mut store,
        &clock(),
        &settings,
        dir.path(),
        &Recording::default(),
    );
    assert_eq!(done.linked, 0);
    assert!(done.problems.is_empty());
}

#[test]
fn an_invoice_saved_after_its_payment_is_paid_at_once() {
    let (_dir, mut store) = fresh_store();
    let mut row = transaction(
        "A/1",
        Direction::In,
        State::Posted,
        "300.00",
        "Оплата рах. № 45",
    );
    row.value_date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    upsert(&mut store, &[row]);
    let saved = save_invoice(&mut store, &clock(), None, invoice("45", "300"), None).unwrap();
    assert_eq!(saved.linked, 1);
    let list = invoices::list(store.conn()).unwrap();
    assert_eq!(list[0].status, invoices::InvoiceStatus::Paid);
    // An edit that makes it bigger leaves it partly paid, the same payment kept.
    let saved = save_invoice(
        &mut store,
        &clock(),
        Some(saved.id),
        invoice("45", "500"),
        None,
    )
    .unwrap();
    assert_eq!(saved.linked, 0);
    let list = invoices::list(store.conn()).unwrap();
    assert_eq!(list[0].status, invoices::InvoiceStatus::PartiallyPaid);
}

#[test]
fn automatic_allocation_follows_each_companys_own_switch() {
    let (dir, mut store) = synced();
    crate::testing::add_company_two(&store);
    let mut theirs = invoice("123", "500");
    theirs.company_id = Some(2);
    invoices::add(store.conn(), &clock(), theirs).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut row = transaction(
        "C/1",
        Direction::In,
        State::Posted,
        "500.00",
        "Оплата рах. №123",
    );
    row.value_date = day;
    row.posted_at = kyiv_morning(day);
    crate::testing::upsert_of(&mut store, 2, &[row]);
    // Company 2 allocates by hand; company 1 follows the global "on".
    Settings::set_for_company(store.conn(), 2, "auto_allocate", Some("off")).unwrap();
    let settings = Settings::default();
    assert_eq!(
        auto_allocation(&store, &settings).unwrap(),
        Some(Scope::Only([1].into()))
    );
    let done = after_sync(
        &mut store,
        &clock(),
        &settings,
        dir.path(),
        &Recording::default(),
    );
    assert_eq!(done.linked, 1, "{:?}", done.problems);
    let allocated: Vec<String> = store
        .conn()
        .prepare("SELECT s.key FROM allocations a JOIN statements s ON s.id = a.statement_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(allocated, ["A/1"]);
    // Off globally, on for company 2 alone: only company 2 allocates.
    Settings::set_for_company(store.conn(), 2, "auto_allocate", Some("on")).unwrap();
    let off = Settings {
        auto_allocate: false,
        ..Settings::default()
    };
    assert_eq!(
        auto_allocation(&store, &off).unwrap(),
        Some(Scope::Only([2].into()))
    );
    // Back to the global value for company 2: off for all, nothing to run.
    Settings::set_for_company(store.conn(), 2, "auto_allocate", None).unwrap();
    assert_eq!(auto_allocation(&store, &off).unwrap(), None);
    // A setting that is one for everyone is refused for a company, in words.
    let e = Settings::set_for_company(store.conn(), 2, "language", Some("en")).unwrap_err();
    assert!(
        e.message(crate::Lang::Uk).contains("auto_allocate"),
        "{}",
        e.message(crate::Lang::Uk)
    );
}

/// An employee of the team, at no computer in particular, hearing `kinds`.
fn person(name: &str, kinds: &[Kind]) -> Employee {
    Employee {
        id: 0,
        name: name.into(),
        email: String::new(),
        this_computer: false,
        kinds: kinds.to_vec(),
        companies: Vec::new(),
    }
}

#[test]
fn each_desktop_of_a_team_tells_its_own_person_once_and_no_one_who_did_not_ask() {
    use crate::notifications::{catch_up, collect, deliver, here, save_employee};
    let (_dir, mut store) = synced();
    let mut olena = person("Олена", &[Kind::Payment]);
    olena.id = save_employee(&mut store, &olena).unwrap();
    let mut petro = person("Петро", &[Kind::Trouble]);
    petro.id = save_employee(&mut store, &petro).unwrap();
    // Her desktop and his look once before anything happens: nothing old is told.
    let (hers, his) = (Recording::default(), Recording::default());
    let her_books = store.reopen().unwrap();
    let his_books = store.reopen().unwrap();
    let at_hers = [olena.clone()];
    assert!(catch_up(&her_books, &at_hers, &hers, &clock())
        .unwrap()
        .is_empty());
    assert!(catch_up(&his_books, &[petro.clone()], &his, &clock())
        .unwrap()
        .is_empty());

    // The syncing desktop records the payment and tells the person at it.
    let fresh = collect(&mut store, &clock(), crate::Lang::Uk, 5).unwrap();
    assert_eq!(fresh.len(), 1, "{fresh:?}");
    let syncing = Recording::default();
    let nobody_joined = [Employee {
        kinds: vec![Kind::Payment],
        ..person("", &[])
    }];
    let now = clock().now().to_rfc3339();
    assert_eq!(
        deliver(&store, &fresh, &nobody_joined, &syncing, &now),
        vec![fresh[0].id]
    );

    // Her desktop hears it when it catches up, once; his never (he hears of trouble only);
    // her second desktop finds her told.
    assert_eq!(
        catch_up(&her_books, &at_hers, &hers, &clock()).unwrap(),
        vec![fresh[0].id]
    );
    assert_eq!(*hers.shown.borrow(), vec![fresh[0].title.clone()]);
    assert!(catch_up(&her_books, &at_hers, &hers, &clock())
        .unwrap()
        .is_empty());
    assert!(catch_up(&his_books, &[petro.clone()], &his, &clock())
        .unwrap()
        .is_empty());
    assert!(his.shown.borrow().is_empty());
    let second = Recording::default();
    let other_books = store.reopen().unwrap();
    assert!(catch_up(&other_books, &at_hers, &second, &clock())
        .unwrap()
        .is_empty());
    assert_eq!(
        store.notices().told(fresh[0].id).unwrap(),
        vec![olena.id],
        "told to her, and no record for the person at the syncing desktop"
    );

    // Who is at a desktop: in a team the employee it joined as; solo, this computer's people.
    let found = here(&store, Some("олена")).unwrap();
    if store.on_server() {
        assert_eq!(found, vec![olena.clone()]);
        assert!(
            here(&store, None).unwrap().is_empty(),
            "a team with employees"
        );
    } else {
        assert!(found.is_empty(), "no one of the file uses this computer");
    }
}

/// Runs `each` on two connections of its own to `store`'s books at the same moment.
fn at_once<T: Send + 'static>(
    store: &Store,
    each: impl Fn(&mut Store, usize) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let start = std::sync::Arc::new(std::sync::Barrier::new(2));
    let each = std::sync::Arc::new(each);
    let threads: Vec<_> = (0..2)
        .map(|i| {
            let mut mine = store.reopen().unwrap();
            let (start, each) = (start.clone(), each.clone());
            std::thread::spawn(move || {
                start.wait();
                each(&mut mine, i)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

#[test]
fn two_people_allocating_one_payment_at_once_never_give_it_twice() {
    use crate::allocation::{allocate_by_id, ManualError};
    let (_dir, mut store) = fresh_store();
    for round in 0..15 {
        let invoices: Vec<i64> = ["A", "B"]
            .iter()
            .map(|s| {
                invoices::add(
                    store.conn(),
                    &clock(),
                    invoice(&format!("{s}-{round}"), "100"),
                )
                .unwrap()
            })
            .collect();
        upsert(
            &mut store,
            &[transaction(
                &format!("R/{round}"),
                Direction::In,
                State::Posted,
                "100.00",
                "Оплата за послуги",
            )],
        );
        let payment: i64 = store
            .conn()
            .query_row("SELECT MAX(id) FROM statements", [], |r| r.get(0))
            .unwrap();
        // Each person gives the whole payment to an invoice of their own, at the same moment.
        let results = at_once(&store, move |mine, i| {
            allocate_by_id(mine, &clock(), "user", payment, invoices[i], None)
        });
        let given: Vec<&i64> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(given, vec![&10000], "round {round}: {results:?}");
        let refused = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(
            matches!(refused, ManualError::TooMuch { left: 0, .. }),
            "round {round}: {refused:?}"
        );
        assert_eq!(store.allocations().given_by(payment).unwrap(), 10000);
    }
    assert!(store.allocations().inconsistencies().unwrap().is_empty());
}

#[test]
fn two_people_saving_one_invoice_number_at_once_keep_it_unique() {
    let (_dir, store) = fresh_store();
    for round in 0..15 {
        let results = at_once(&store, move |mine, _| {
            invoices::add(
                mine.conn(),
                &clock(),
                invoice(&format!("СФ-{round}"), "250"),
            )
        });
        assert_eq!(
            results.iter().filter(|r| r.is_ok()).count(),
            1,
            "round {round}: {results:?}"
        );
        let refused = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert_eq!(refused.code(), crate::Code::InvoiceExists, "{refused:?}");
    }
}

#[test]
fn a_desktop_back_after_long_shows_the_newest_few_of_what_it_missed() {
    use crate::notifications::{catch_up, save_employee};
    let (_dir, mut store) = fresh_store();
    let mut olena = person("Олена", &[Kind::Payment]);
    olena.id = save_employee(&mut store, &olena).unwrap();
    let desk = Recording::default();
    let here = [olena];
    assert!(catch_up(&store, &here, &desk, &clock()).unwrap().is_empty());
    for i in 0..8 {
        store
            .notices()
            .insert(crate::store::notices::NewNotice {
                key: &format!("payment:missed-{i}"),
                kind: "payment",
                title: &format!("Оплата {i}"),
                body: "",
                screen: "statements",
                target_id: None,
                created_at: "2026-11-27T08:00:00Z",
                read: false,
                company_id: None,
            })
            .unwrap();
    }
    assert_eq!(catch_up(&store, &here, &desk, &clock()).unwrap().len(), 5);
    let newest: Vec<String> = (3..8).map(|i| format!("Оплата {i}")).collect();
    assert_eq!(*desk.shown.borrow(), newest);
    assert!(catch_up(&store, &here, &desk, &clock()).unwrap().is_empty());
}

#[test]
fn of_two_people_editing_one_invoice_at_once_the_second_is_told_not_overwriting() {
    use crate::invoices::InvoiceError;
    let (_dir, mut store) = fresh_store();
    let saved = save_invoice(&mut store, &clock(), None, invoice("77", "300"), None).unwrap();
    let opened = store.invoices().all().unwrap()[0].revision;
    // Both opened it at the same revision; hers is saved first.
    let mut his = store.reopen().unwrap();
    save_invoice(
        &mut store,
        &clock(),
        Some(saved.id),
        invoice("77", "350"),
        Some(opened),
    )
    .unwrap();
    let refused = save_invoice(
        &mut his,
        &clock(),
        Some(saved.id),
        invoice("77", "999"),
        Some(opened),
    )
    .unwrap_err();
    assert!(
        matches!(refused, InvoiceError::ChangedMeanwhile(ref n) if n == "77"),
        "{refused:?}"
    );
    assert!(refused
        .message(crate::Lang::Uk)
        .contains("змінив хтось інший"));
    let now = &store.invoices().all().unwrap()[0];
    assert_eq!(now.amount, "350".parse().unwrap());
    // Made on what he sees now, his edit goes in.
    save_invoice(
        &mut his,
        &clock(),
        Some(saved.id),
        invoice("77", "999"),
        Some(now.revision),
    )
    .unwrap();
}
