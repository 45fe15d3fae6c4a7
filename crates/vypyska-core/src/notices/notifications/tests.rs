use chrono::NaiveDate;
use privat24::{Direction, State, Transaction};

use crate::store::db::params;

use super::*;
use std::collections::BTreeSet;

use crate::testing::{clock, fresh_store as fresh, kyiv_morning, upsert, NoSecrets};

fn payment(key: &str, amount: &str, purpose: &str) -> Transaction {
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let mut t = crate::testing::transaction(key, Direction::In, State::Posted, amount, purpose);
    t.value_date = day;
    t.posted_at = kyiv_morning(day);
    t
}

fn store_rows(store: &mut Store, rows: &[Transaction]) {
    upsert(store, rows);
}

fn titles(notes: &[Notice]) -> Vec<String> {
    notes
        .iter()
        .map(|n| format!("{} | {}", n.title, n.body))
        .collect()
}

#[test]
fn each_new_payment_is_told_once_with_its_invoice() {
    let (_dir, mut store) = fresh();
    crate::invoices::add(
        store.conn(),
        &clock(),
        crate::invoices::NewInvoice {
            company_id: None,
            number: "123".into(),
            amount: "12500".parse().unwrap(),
            currency: "UAH".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            customer_name: "ТОВ «Ромашка»".into(),
            customer_tax_id: "14360570".into(),
            customer_iban: String::new(),
            due_on: None,
            note: String::new(),
        },
    )
    .unwrap();
    store_rows(
        &mut store,
        &[
            payment("A/1", "12500.00", "Оплата згідно рах. №123"),
            payment("B/1", "300.00", "Поповнення рахунку"),
        ],
    );
    crate::allocation::allocate(&mut store, &clock(), "auto", &crate::allocation::Scope::All)
        .unwrap();
    let notes = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    assert_eq!(
        titles(&notes[..2]),
        [
            "Надійшла оплата 12\u{a0}500,00\u{a0}₴ | від ТОВ «Ромашка» — рахунок № 123 оплачено повністю",
            "Надійшла оплата 300,00\u{a0}₴ | від ТОВ «Ромашка»",
        ]
    );
    assert_eq!(notes[0].target.screen, Screen::Statements);
    // The invoice's own "paid" notice exists for those who hear only of paid invoices; someone
    // who hears of payments already had the news.
    assert_eq!(notes[2].kind, Kind::InvoicePaid);
    assert!(notes[2].covered);
    assert!(!hearing(&[Kind::Payment, Kind::InvoicePaid], &[]).hears(&notes[2]));
    assert!(hearing(&[Kind::InvoicePaid], &[]).hears(&notes[2]));
    // Nothing is told twice, also by a new connection (a restart).
    assert!(collect(&mut store, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
    let mut again = store.reopen().unwrap();
    drop(store);
    assert!(collect(&mut again, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
    assert_eq!(recent(again.conn(), 10).unwrap().len(), 3);
}

#[test]
fn many_payments_at_once_become_one_summary() {
    let (_dir, mut store) = fresh();
    let rows: Vec<_> = (0..12)
        .map(|i| payment(&format!("P{i}/1"), "100.50", "Оплата"))
        .collect();
    store_rows(&mut store, &rows);
    let notes = collect(&mut store, &clock(), Lang::En, 5).unwrap();
    assert_eq!(
        titles(&notes),
        ["New incoming payments: 12 | ₴1,206.00 in total."]
    );
    // Below the threshold next time: one each.
    store_rows(&mut store, &[payment("Q/1", "1", "x")]);
    assert_eq!(collect(&mut store, &clock(), Lang::En, 5).unwrap().len(), 1);
}

#[test]
fn an_upgraded_database_tells_nothing_old() {
    let (dir, mut store) = fresh();
    store_rows(&mut store, &[payment("OLD/1", "5", "x")]);
    // As if the rows were there before notices existed: the migration starts the marks there.
    store
        .conn()
        .execute_batch(
            "DELETE FROM notices; UPDATE notice_marks SET value = (SELECT MAX(id) FROM statements)
             WHERE name = 'statements';",
        )
        .unwrap();
    assert!(collect(&mut store, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
    drop(dir);
}

#[test]
fn a_rejected_token_is_told_once_until_a_run_succeeds() {
    let (_dir, mut store) = fresh();
    let run = |store: &Store, outcome: &str, code: Option<&str>| {
        store
            .conn()
            .execute(
                "INSERT INTO sync_runs (merchant_id, started_at, finished_at, outcome, error_code, error_message)
                 VALUES (1, 'now', 'now', ?1, ?2, 'Банк відхилив токен.')",
                params![outcome, code],
            )
            .unwrap();
    };
    run(&store, "failed", Some("credentials_rejected"));
    let notes = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, Kind::Trouble);
    assert_eq!(notes[0].target, Target::on(Screen::Merchants, 1));
    run(&store, "failed", Some("credentials_rejected"));
    run(&store, "failed", Some("credentials_rejected"));
    assert!(collect(&mut store, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
    // Fixed, then broken again: told again.
    run(&store, "ok", None);
    assert!(collect(&mut store, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
    run(&store, "failed", Some("credentials_rejected"));
    assert_eq!(collect(&mut store, &clock(), Lang::Uk, 5).unwrap().len(), 1);
    // A network failure alone is not worth a person; three in a row are.
    run(&store, "ok", None);
    collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    run(&store, "failed", Some("network"));
    run(&store, "failed", Some("network"));
    assert!(collect(&mut store, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
    run(&store, "failed", Some("network"));
    let notes = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].title.contains("3 рази поспіль"),
        "{}",
        notes[0].title
    );
}

fn hearing(kinds: &[Kind], companies: &[i64]) -> Employee {
    Employee {
        id: 0,
        name: "Олена".into(),
        email: String::new(),
        this_computer: true,
        kinds: kinds.to_vec(),
        companies: companies.to_vec(),
    }
}

/// The kinds anyone at this desktop hears.
fn desktop_kinds(conn: &crate::store::Connection) -> BTreeSet<Kind> {
    at_desktop(conn)
        .unwrap()
        .iter()
        .flat_map(|e| e.kinds.iter().copied())
        .collect()
}

#[test]
fn employees_choose_what_this_desktop_shows() {
    let (_dir, mut store) = fresh();
    // Out of the box: new payments only.
    assert_eq!(desktop_kinds(store.conn()), [Kind::Payment].into());
    let mut boss = Employee {
        this_computer: false,
        email: "olena@example.com".into(),
        ..hearing(&[Kind::Payment, Kind::Trouble], &[])
    };
    boss.id = save_employee(&mut store, &boss).unwrap();
    // Someone who does not use this computer: nothing on its desktop.
    assert!(desktop_kinds(store.conn()).is_empty());
    save_employee(
        &mut store,
        &Employee {
            name: "Бухгалтер".into(),
            ..hearing(&[Kind::Review, Kind::InvoicePaid], &[])
        },
    )
    .unwrap();
    assert_eq!(
        desktop_kinds(store.conn()),
        [Kind::InvoicePaid, Kind::Review].into()
    );
    let bad = Employee {
        email: "olena at example".into(),
        ..boss.clone()
    };
    assert_eq!(
        save_employee(&mut store, &bad).unwrap_err().code(),
        "invalid_email"
    );
    let nowhere = Employee {
        companies: vec![404],
        ..boss.clone()
    };
    assert_eq!(
        save_employee(&mut store, &nowhere).unwrap_err().code(),
        "company_not_found"
    );
    let conn = store.conn();
    let names: Vec<_> = employees(conn)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["Бухгалтер", "Олена"]);
    remove_employee(conn, boss.id).unwrap();
    assert_eq!(
        remove_employee(conn, boss.id).unwrap_err().code(),
        "not_found"
    );
}

fn invoice(store: &Store, number: &str, amount: &str) -> i64 {
    crate::invoices::add(
        store.conn(),
        &clock(),
        crate::testing::new_invoice(number, amount),
    )
    .unwrap()
}

#[test]
fn an_invoice_paid_later_and_a_payment_to_review_are_told_once() {
    let (_dir, mut store) = fresh();
    let paid_by_hand = invoice(&store, "77", "300");
    store_rows(&mut store, &[payment("A/1", "300.00", "Оплата без номера")]);
    assert_eq!(collect(&mut store, &clock(), Lang::Uk, 5).unwrap().len(), 1);

    // A person allocates the payment later: the invoice becomes paid, told on its own.
    crate::allocation::allocate_manually(&mut store, &clock(), "user", "A/1", "77", None).unwrap();
    let notes = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    assert_eq!(
        titles(&notes),
        ["Рахунок № 77 оплачено | ТОВ «Ромашка»: 300,00\u{a0}₴ повністю."]
    );
    assert_eq!(notes[0].target, Target::on(Screen::Invoices, paid_by_hand));

    // Two invoices share the digits a payment names: it waits for review, told once.
    invoice(&store, "A-45", "500");
    invoice(&store, "B-45", "500");
    store_rows(&mut store, &[payment("R/1", "120.00", "Оплата рах. 45")]);
    crate::allocation::allocate(&mut store, &clock(), "auto", &crate::allocation::Scope::All)
        .unwrap();
    let notes = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    let kinds: Vec<Kind> = notes.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [Kind::Payment, Kind::Review]);
    assert!(notes[1].body.contains("рахунків (2)"), "{}", notes[1].body);
    crate::allocation::allocate(&mut store, &clock(), "auto", &crate::allocation::Scope::All)
        .unwrap();
    assert!(collect(&mut store, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
}

#[test]
fn a_top_up_that_pays_an_invoice_and_reused_row_ids_are_still_told() {
    let (_dir, mut store) = fresh();
    invoice(&store, "9", "300");
    store_rows(
        &mut store,
        &[
            payment("T/1", "100.00", "без номера"),
            payment("T/2", "200.00", "без номера"),
        ],
    );
    crate::allocation::allocate_manually(&mut store, &clock(), "user", "T/1", "9", Some(10000))
        .unwrap();
    collect(&mut store, &clock(), Lang::En, 5).unwrap();
    crate::allocation::allocate_manually(&mut store, &clock(), "user", "T/2", "9", Some(10000))
        .unwrap();
    assert!(collect(&mut store, &clock(), Lang::En, 5)
        .unwrap()
        .is_empty());
    // The last 100 comes as a top-up of the first payment's allocation: the same row, updated,
    // not a new one.
    store
        .conn()
        .execute(
            "UPDATE statements SET amount = '200.00', amount_minor = 20000 WHERE key = 'T/1'",
            [],
        )
        .unwrap();
    crate::allocation::allocate_manually(&mut store, &clock(), "user", "T/1", "9", Some(10000))
        .unwrap();
    let notes = collect(&mut store, &clock(), Lang::En, 5).unwrap();
    assert_eq!(
        titles(&notes),
        ["Invoice 9 is paid | ТОВ «Ромашка»: ₴300.00 in full."]
    );

    // The newest rows are deleted with their merchant; new rows may get the same ids.
    let top: i64 = store
        .conn()
        .query_row("SELECT MAX(id) FROM statements", [], |r| r.get(0))
        .unwrap();
    crate::merchants::remove(&mut store, &NoSecrets, "Основний", true).unwrap();
    crate::testing::add_merchant_one(&store);
    store_rows(
        &mut store,
        &[payment("N/1", "5.00", "x"), payment("N/2", "6.00", "x")],
    );
    let reused: i64 = store
        .conn()
        .query_row("SELECT MIN(id) FROM statements", [], |r| r.get(0))
        .unwrap();
    // SQLite gives ids again; a server's sequence never does (nothing to get wrong there).
    if store.conn().dialect() == crate::store::db::Dialect::Sqlite {
        assert!(reused <= top, "ids were reused ({reused} <= {top})");
    }
    assert_eq!(collect(&mut store, &clock(), Lang::En, 5).unwrap().len(), 2);
}

#[test]
fn many_paid_invoices_at_once_become_one_summary() {
    let (_dir, mut store) = fresh();
    let mut rows = Vec::new();
    for i in 1..=7 {
        invoice(&store, &format!("{i}00"), "10");
        rows.push(payment(
            &format!("S/{i}"),
            "10.00",
            &format!("Оплата рах. № {i}00"),
        ));
    }
    store_rows(&mut store, &rows);
    crate::allocation::allocate(&mut store, &clock(), "auto", &crate::allocation::Scope::All)
        .unwrap();
    let notes = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    let summaries: Vec<_> = titles(&notes);
    assert_eq!(
        summaries,
        [
            "Нові надходження: 7 | Разом 70,00\u{a0}₴.",
            "Оплачено рахунків: 7 | Деталі — у застосунку."
        ]
    );
    // The single ones are kept for the bell, read, and never told later.
    assert_eq!(recent(store.conn(), 50).unwrap().len(), 9);
    assert!(collect(&mut store, &clock(), Lang::Uk, 5)
        .unwrap()
        .is_empty());
}

#[test]
fn with_several_companies_a_payment_says_whose_it_is() {
    let (_dir, mut store) = fresh();
    store_rows(&mut store, &[payment("C/1", "10.00", "Оплата")]);
    let alone = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    assert!(
        alone[0].title.starts_with("Надійшла оплата"),
        "{}",
        alone[0].title
    );
    crate::companies::add(
        store.conn(),
        &clock(),
        &crate::companies::NewCompany::named("ФОП Шевчук"),
    )
    .unwrap();
    store_rows(&mut store, &[payment("C/2", "20.00", "Оплата")]);
    let named = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    assert!(
        named[0]
            .title
            .starts_with("ТОВ «Тест»: Надійшла оплата 20,00"),
        "{}",
        named[0].title
    );
}

#[test]
fn each_person_hears_only_of_the_companies_chosen_for_them() {
    let (_dir, mut store) = fresh();
    crate::testing::add_company_two(&store);
    store_rows(&mut store, &[payment("A/1", "100.00", "Поповнення")]);
    crate::testing::upsert_of(&mut store, 2, &[payment("B/1", "200.00", "Поповнення")]);
    let notes = collect(&mut store, &clock(), Lang::Uk, 5).unwrap();
    // With two companies each notice names whose money it is, and knows it.
    let by_company: Vec<(Option<i64>, &str)> = notes
        .iter()
        .map(|n| (n.company_id, n.title.as_str()))
        .collect();
    assert_eq!(
        by_company,
        [
            (Some(1), "ТОВ «Тест»: Надійшла оплата 100,00\u{a0}₴"),
            (Some(2), "ФОП Інший: Надійшла оплата 200,00\u{a0}₴"),
        ]
    );
    let of_first = hearing(&[Kind::Payment], &[1]);
    let of_all = hearing(&[Kind::Payment], &[]);
    let heard = |e: &Employee| notes.iter().filter(|n| e.hears(n)).count();
    assert_eq!(heard(&of_first), 1);
    assert_eq!(heard(&of_all), 2);
    // What is chosen is kept.
    let id = save_employee(
        &mut store,
        &Employee {
            companies: vec![2, 1, 2],
            ..of_first
        },
    )
    .unwrap();
    let saved = employees(store.conn()).unwrap();
    assert_eq!(saved.iter().find(|e| e.id == id).unwrap().companies, [1, 2]);
}

#[test]
fn many_payments_become_one_summary_per_company() {
    let (_dir, mut store) = fresh();
    crate::testing::add_company_two(&store);
    let many: Vec<Transaction> = (0..3)
        .map(|i| payment(&format!("A/{i}"), "10.00", "Поповнення"))
        .collect();
    store_rows(&mut store, &many);
    crate::testing::upsert_of(&mut store, 2, &[payment("B/1", "200.00", "Поповнення")]);
    let notes = collect(&mut store, &clock(), Lang::Uk, 2).unwrap();
    let told: Vec<(Option<i64>, String)> = notes
        .iter()
        .map(|n| (n.company_id, format!("{} | {}", n.title, n.body)))
        .collect();
    assert_eq!(
        told,
        [
            (
                Some(1),
                "ТОВ «Тест»: Нові надходження: 3 | Разом 30,00\u{a0}₴.".to_owned()
            ),
            (
                Some(2),
                "ФОП Інший: Надійшла оплата 200,00\u{a0}₴ | від ТОВ «Ромашка»".to_owned()
            ),
        ]
    );
}
