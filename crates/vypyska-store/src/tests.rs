use crate::Tables;
use chrono::NaiveDate;
use privat24::{Direction, State};
use rust_decimal::Decimal;

use super::*;

use crate::testing::{file_store, fresh_store as fresh, transaction as tx, upsert};

#[test]
fn a_new_database_gets_every_migration_and_private_files() {
    let (dir, store) = file_store();
    assert_eq!(store.schema_version().unwrap(), Store::supported_version());
    drop(store);
    // Opening again changes nothing.
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::supported_version());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join(DB_FILE)), 0o600);
        let wal = dir.path().join(format!("{DB_FILE}-wal"));
        assert!(wal.exists());
        assert_eq!(mode(&wal), 0o600);
        // Lock files too, also one an older version left readable by all.
        let lock = dir.path().join("sync-1.lock");
        std::fs::write(&lock, b"").unwrap();
        std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(crate::lock_file(&lock).unwrap());
        assert_eq!(mode(&lock), 0o600);
        drop(crate::lock_file(&dir.path().join("app.lock")).unwrap());
        assert_eq!(mode(&dir.path().join("app.lock")), 0o600);
    }
    let journal: String = store
        .conn()
        .sqlite()
        .unwrap()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn refuses_a_database_from_a_newer_program() {
    let (dir, store) = file_store();
    store
        .conn()
        .sqlite()
        .unwrap()
        .pragma_update(None, "user_version", Store::supported_version() + 1)
        .unwrap();
    drop(store);
    match Store::open_in(dir.path()) {
        Err(StoreError::TooNew { found, supported }) => {
            assert_eq!(found, supported + 1);
        }
        Err(e) => panic!("unexpected {e}"),
        Ok(_) => panic!("a newer database was opened"),
    }
}

#[test]
fn upgrades_a_version_1_database_and_indexes_its_rows_for_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(migrations::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO statements (account, key, direction, state, amount, amount_minor, currency,
                 value_date, posted_at, posted_ts, purpose, doc_number, counterparty_name,
                 counterparty_tax_id, counterparty_iban, counterparty_bank, raw, first_seen_at, updated_at)
             VALUES ('UA', 'R/1', 'in', 'posted', '10.00', 1000, 'UAH', '2026-11-01',
                 '2026-11-01T10:00:00+02:00', 0, 'Оплата згідно рахунку № 77', '', 'ФОП Шевчук', '',
                 '', '', '{}', 'now', 'now')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::supported_version());
    let found = store
        .statements()
        .statements(&StatementFilter {
            search: Some("рахунку 77".into()),
            ..StatementFilter::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].key, "R/1");
}

#[test]
fn upsert_is_idempotent_and_follows_state_changes() {
    let (_dir, mut store) = fresh();
    let pending = tx("A/1", Direction::In, State::Pending, "100.50", "рах. № 12");
    let other = tx("B/1", Direction::Out, State::Posted, "40.00", "Оренда");
    assert_eq!(
        upsert(&mut store, &[pending.clone(), other.clone()]),
        UpsertCounts {
            seen: 2,
            new: 2,
            updated: 0
        }
    );
    assert_eq!(
        upsert(&mut store, &[pending.clone(), other.clone()]),
        UpsertCounts {
            seen: 2,
            new: 0,
            updated: 0
        }
    );
    let posted = tx("A/1", Direction::In, State::Posted, "100.50", "рах. № 12");
    assert_eq!(
        upsert(&mut store, &[posted]),
        UpsertCounts {
            seen: 1,
            new: 0,
            updated: 1
        }
    );
    let rows = store
        .statements()
        .statements(&StatementFilter::default())
        .unwrap();
    assert_eq!(rows.len(), 2);
    let a = rows.iter().find(|r| r.key == "A/1").unwrap();
    assert_eq!(a.state, "posted");
    assert_eq!(a.amount.to_string(), "100.50");
}

#[test]
fn totals_are_exact_per_currency_and_skip_reversed_rows() {
    let (_dir, mut store) = fresh();
    upsert(
        &mut store,
        &[
            tx("A/1", Direction::In, State::Posted, "0.10", "x"),
            tx("A/2", Direction::In, State::Posted, "0.20", "x"),
            tx("B/1", Direction::Out, State::Posted, "0.05", "x"),
            tx("C/1", Direction::In, State::Reversed, "1000.00", "x"),
        ],
    );
    let t = store
        .statements()
        .totals(&StatementFilter::default())
        .unwrap();
    let uah = &t.per_currency["UAH"];
    assert_eq!(uah.incoming, Decimal::new(30, 2));
    assert_eq!(uah.outgoing, Decimal::new(5, 2));
    assert_eq!(uah.net.to_string(), "0.25");
    assert_eq!(t.count, 3);
    let reversed = store
        .statements()
        .totals(&StatementFilter {
            state: Some(State::Reversed),
            ..StatementFilter::default()
        })
        .unwrap();
    assert_eq!(reversed.per_currency["UAH"].incoming.to_string(), "1000.00");
}

#[test]
fn search_finds_words_and_prefixes_in_purpose_and_counterparty() {
    let (_dir, mut store) = fresh();
    upsert(
        &mut store,
        &[
            tx(
                "A/1",
                Direction::In,
                State::Posted,
                "1",
                "Оплата згідно рахунку-фактури №СФ-0000123",
            ),
            tx("B/1", Direction::Out, State::Posted, "1", "Комісія банку"),
        ],
    );
    let search = |q: &str| {
        store
            .statements()
            .statements(&StatementFilter {
                search: Some(q.into()),
                ..StatementFilter::default()
            })
            .unwrap()
            .into_iter()
            .map(|r| r.key)
            .collect::<Vec<_>>()
    };
    assert_eq!(search("оплата"), ["A/1"]);
    assert_eq!(search("ОПЛАТ"), ["A/1"]);
    assert_eq!(search("комісія"), ["B/1"]);
    assert_eq!(search("ромашка").len(), 2);
    assert!(search("зарплата").is_empty());
    assert!(search("\"); DROP TABLE statements; --").is_empty());
    // Signs the index does not hold are found as typed, never taken as "everything".
    assert_eq!(search("№"), ["A/1"]);
    assert_eq!(search("-"), ["A/1"]);
    for nothing in ["😀", "***", "(", "%", "  %  "] {
        assert!(search(nothing).is_empty(), "{nothing:?}");
        let totals = store
            .statements()
            .totals(&StatementFilter {
                search: Some(nothing.into()),
                ..StatementFilter::default()
            })
            .unwrap();
        assert!(totals.per_currency.is_empty(), "{nothing:?}: {totals:?}");
    }
}

#[test]
fn keyset_pages_walk_every_row_once() {
    let (_dir, mut store) = fresh();
    let rows: Vec<_> = (0..25)
        .map(|i| {
            tx(
                &format!("K{i:02}/1"),
                Direction::In,
                State::Posted,
                "1",
                "x",
            )
        })
        .collect();
    upsert(&mut store, &rows);
    let mut seen = Vec::new();
    let mut filter = StatementFilter {
        limit: Some(10),
        ..StatementFilter::default()
    };
    loop {
        let page = store.statements().statements(&filter).unwrap();
        let Some(last) = page.last() else { break };
        filter.before = Some((last.posted_ts, last.id));
        seen.extend(page.into_iter().map(|r| r.key));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25);
}

/// A search's totals (on a server, read from its narrow copy of the statements) are the sums of
/// the rows the same search lists, through new rows, a reversal, a purpose the bank corrected,
/// an account removed and a row deleted.
#[test]
fn search_totals_are_the_sums_of_the_rows_found() {
    let (_dir, mut store) = fresh();
    let listed = |store: &Store, f: &StatementFilter| {
        let mut totals = Totals::default();
        for row in store.statements().statements(f).unwrap() {
            if f.state.is_none() && row.state == State::Reversed.as_str() {
                continue;
            }
            let t = totals.per_currency.entry(row.currency).or_default();
            if row.direction == "in" {
                t.incoming += row.amount;
            } else {
                t.outgoing += row.amount;
            }
            t.net = t.incoming - t.outgoing;
            t.count += 1;
            totals.count += 1;
        }
        totals
    };
    let searches = [
        "оплата",
        "рахунку",
        "Ромашка",
        "14360570",
        "оренда",
        "ОПЛАТА рах",
    ];
    let check = |store: &Store, stage: &str| {
        for text in searches {
            for f in [
                StatementFilter {
                    search: Some(text.into()),
                    ..StatementFilter::default()
                },
                StatementFilter {
                    search: Some(text.into()),
                    direction: Some(Direction::In),
                    merchant: Some("основний".into()),
                    ..StatementFilter::default()
                },
                StatementFilter {
                    search: Some(text.into()),
                    state: Some(State::Reversed),
                    ..StatementFilter::default()
                },
            ] {
                assert_eq!(
                    store.statements().totals(&f).unwrap(),
                    listed(store, &f),
                    "{stage}: {f:?}"
                );
            }
        }
    };
    upsert(
        &mut store,
        &[
            tx(
                "S/1",
                Direction::In,
                State::Posted,
                "100.10",
                "Оплата згідно рахунку 1",
            ),
            tx(
                "S/2",
                Direction::In,
                State::Pending,
                "0.25",
                "оплата за рахунком 2",
            ),
            tx(
                "S/3",
                Direction::Out,
                State::Posted,
                "7.05",
                "Оренда за листопад",
            ),
        ],
    );
    check(&store, "new rows");
    assert_eq!(
        store
            .statements()
            .totals(&StatementFilter {
                search: Some("оплата".into()),
                ..StatementFilter::default()
            })
            .unwrap()
            .count,
        2
    );
    upsert(
        &mut store,
        &[
            tx(
                "S/2",
                Direction::In,
                State::Reversed,
                "0.25",
                "оплата за рахунком 2",
            ),
            tx(
                "S/3",
                Direction::Out,
                State::Posted,
                "7.05",
                "Оплата оренди за листопад",
            ),
        ],
    );
    check(&store, "a reversal and a corrected purpose");
    store
        .conn()
        .execute_batch("DELETE FROM statements WHERE key = 'S/1'")
        .unwrap();
    check(&store, "a row deleted");
    store
        .conn()
        .execute_batch("UPDATE statements SET merchant_id = NULL")
        .unwrap();
    check(&store, "the account removed");
}

#[test]
fn daily_sums_follow_inserts_state_changes_and_deletes() {
    let (_dir, mut store) = fresh();
    let by_rows =
        |store: &Store, f: StatementFilter| store.statements().totals_by_scan(&f).unwrap();
    let check = |store: &Store| {
        for f in [
            StatementFilter::default(),
            StatementFilter {
                direction: Some(Direction::Out),
                ..StatementFilter::default()
            },
            StatementFilter {
                state: Some(State::Reversed),
                ..StatementFilter::default()
            },
            StatementFilter {
                merchant: Some("ОСНОВНИЙ".into()),
                from: NaiveDate::from_ymd_opt(2026, 11, 2),
                to: NaiveDate::from_ymd_opt(2026, 11, 2),
                ..StatementFilter::default()
            },
        ] {
            assert_eq!(
                store.statements().totals(&f).unwrap(),
                by_rows(store, f.clone()),
                "{f:?}"
            );
        }
    };
    upsert(
        &mut store,
        &[
            tx("A/1", Direction::In, State::Pending, "10.10", "x"),
            tx("A/2", Direction::In, State::Posted, "0.20", "x"),
            tx("B/1", Direction::Out, State::Posted, "5.05", "x"),
        ],
    );
    check(&store);
    assert_eq!(
        store
            .statements()
            .totals(&StatementFilter::default())
            .unwrap()
            .count,
        3
    );
    // The pending payment is reversed at the bank: it leaves the totals.
    upsert(
        &mut store,
        &[tx("A/1", Direction::In, State::Reversed, "10.10", "x")],
    );
    check(&store);
    // One payment allocated: "allocated" and "not allocated" split the totals between them.
    store
        .conn()
        .execute_batch(
            "INSERT INTO invoices (id, number, number_key, number_digits, issued_on, amount,
                 amount_minor, currency, created_at, company_id)
             VALUES (1, '1', '1', '1', '2026-11-01', '0.20', 20, 'UAH', 'now', 1);
             INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
             SELECT id, 1, 20, 'manual', 'test', 'now' FROM statements WHERE key = 'A/2';",
        )
        .unwrap();
    for allocated in [true, false] {
        let f = StatementFilter {
            allocated: Some(allocated),
            ..StatementFilter::default()
        };
        assert_eq!(
            store.statements().totals(&f).unwrap(),
            by_rows(&store, f.clone())
        );
    }
    let not_allocated = store
        .statements()
        .totals(&StatementFilter {
            allocated: Some(false),
            ..StatementFilter::default()
        })
        .unwrap();
    assert_eq!(not_allocated.count, 1);
    assert_eq!(
        not_allocated.per_currency["UAH"].outgoing.to_string(),
        "5.05"
    );
    let t = store
        .statements()
        .totals(&StatementFilter::default())
        .unwrap();
    assert_eq!(t.per_currency["UAH"].incoming.to_string(), "0.20");
    store
        .conn()
        .execute("DELETE FROM statements WHERE key = 'B/1'", [])
        .unwrap();
    store.conn().execute("DELETE FROM allocations", []).unwrap();
    check(&store);
    assert_eq!(
        store
            .statements()
            .totals(&StatementFilter::default())
            .unwrap()
            .count,
        1
    );
}

#[test]
fn search_pages_and_sums_equal_filtering_every_row() {
    use chrono::TimeZone;
    let (_dir, mut store) = fresh();
    let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    // Ninety rows over 30 days, at times that straddle midnight in UTC (00:30 Kyiv is the day
    // before in UTC), every third one a fee rather than a payment.
    let rows: Vec<_> = (0..90)
        .map(|i: i64| {
            let purpose = if i % 3 == 0 {
                format!("Комісія банку {i}")
            } else {
                format!("Оплата рахунку №{i}")
            };
            let mut t = tx(
                &format!("S{i:02}/1"),
                if i % 2 == 0 {
                    Direction::In
                } else {
                    Direction::Out
                },
                State::Posted,
                &format!("{i}.{:02}", i % 100),
                &purpose,
            );
            t.value_date = start + chrono::Days::new((i / 3) as u64);
            let hour = if i % 2 == 0 { 0 } else { 23 };
            t.posted_at = privat24::BANK_TZ
                .from_local_datetime(&t.value_date.and_hms_opt(hour, 30, 0).unwrap())
                .unwrap()
                .fixed_offset();
            t
        })
        .collect();
    upsert(&mut store, &rows);
    // A posted time corrected by the bank moves the row in the search index too.
    let mut moved = rows[10].clone();
    moved.posted_at += chrono::Duration::hours(3);
    moved.raw.push(' ');
    upsert(&mut store, &[moved]);

    let all = store
        .statements()
        .statements(&StatementFilter::default())
        .unwrap();
    // A far-off date typed in a filter neither overflows nor loses rows.
    let far = StatementFilter {
        to: NaiveDate::from_ymd_opt(9999, 12, 31),
        from: NaiveDate::from_ymd_opt(1900, 1, 1),
        search: Some("оплат".into()),
        ..StatementFilter::default()
    };
    assert_eq!(store.statements().statements(&far).unwrap().len(), 60);
    for (from, to) in [
        (None, None),
        (Some(3), Some(3)),
        (Some(0), Some(9)),
        (Some(25), None),
        (None, Some(4)),
    ] {
        let day = |n: Option<u64>| n.map(|n| start + chrono::Days::new(n));
        let base = StatementFilter {
            from: day(from),
            to: day(to),
            search: Some("оплат".into()),
            ..StatementFilter::default()
        };
        let expected: Vec<_> = all
            .iter()
            .filter(|r| r.purpose.starts_with("Оплата"))
            .filter(|r| base.from.is_none_or(|d| r.value_date >= d.to_string()))
            .filter(|r| base.to.is_none_or(|d| r.value_date <= d.to_string()))
            .map(|r| r.key.clone())
            .collect();
        assert!(!expected.is_empty());
        let mut paged = Vec::new();
        let mut f = StatementFilter {
            limit: Some(4),
            ..base.clone()
        };
        loop {
            let page = store.statements().statements(&f).unwrap();
            let Some(last) = page.last() else { break };
            f.before = Some((last.posted_ts, last.id));
            paged.extend(page.into_iter().map(|r| r.key));
        }
        assert_eq!(paged, expected, "{base:?}");

        let t = store.statements().totals(&base).unwrap();
        let sum: Decimal = all
            .iter()
            .filter(|r| expected.contains(&r.key) && r.direction == "in")
            .map(|r| r.amount)
            .sum();
        assert_eq!(t.count, expected.len() as u64, "{base:?}");
        assert_eq!(
            t.per_currency.get("UAH").map(|c| c.incoming),
            Some(sum),
            "{base:?}"
        );
    }
}

/// A database of the schema before companies (version 9), with a little of everything, opened
/// by this version: every table keeps its rows and its sums, all of it now one company named
/// from the bank's data for our side of the payments, and invoice numbers unique per company.
#[test]
fn a_populated_database_of_the_previous_schema_upgrades_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (i, sql) in migrations::MIGRATIONS.iter().take(9).enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i as u32 + 1)
                .unwrap();
        }
        conn.execute_batch(
            r#"
            INSERT INTO merchants (id, name, name_key, account, currency, secret_ref, sync_from, created_at)
                VALUES (1, 'Основний', 'основний', 'UA1', 'UAH', 'm-1', '2026-11-01', 'now'),
                       (2, 'Валютний', 'валютний', 'UA2', 'USD', 'm-2', '2026-11-01', 'now');
            INSERT INTO statements (id, merchant_id, account, key, direction, state, amount, amount_minor,
                amount_uah, currency, value_date, posted_at, posted_ts, purpose, doc_number,
                counterparty_name, counterparty_tax_id, counterparty_iban, counterparty_bank, raw,
                first_seen_at, updated_at)
            VALUES
                (1, 1, 'UA1', 'A/1', 'in', 'posted', '1250.50', 125050, NULL, 'UAH', '2026-11-02',
                 '2026-11-02T10:00:00+02:00', 1793000000, 'Оплата згідно рах. № 7', '1', 'ТОВ «Клієнт»',
                 '14360570', '', '', '{"AUT_MY_NAM":"ТОВ «Ромашка»","AUT_MY_CRF":"32855961"}', 'now', 'now'),
                (2, 1, 'UA1', 'A/2', 'out', 'posted', '300.00', 30000, NULL, 'UAH', '2026-11-03',
                 '2026-11-03T10:00:00+02:00', 1793086400, 'Оренда', '2', 'ФОП Орендодавець',
                 '', '', '', '{"AUT_MY_NAM":"ТОВ «Ромашка»"}', 'now', 'now');
            INSERT INTO balances (account, day, currency, opening, closing, turnover_debit,
                turnover_credit, is_final, raw, updated_at)
            VALUES ('UA1', '2026-11-02', 'UAH', '0', '1250.50', '0', '1250.50', 1,
                    '{"nameACC":"Ромашка"}', 'now');
            INSERT INTO invoices (id, number, number_key, number_digits, issued_on, amount,
                amount_minor, currency, created_at)
            VALUES (1, '7', '7', '7', '2026-11-01', '1250.50', 125050, 'UAH', 'now'),
                   (2, 'СФ-8', 'СФ-8', '8', '2026-11-01', '99.00', 9900, 'UAH', 'now');
            INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
            VALUES (1, 1, 125050, 'auto', 'purpose names invoice 7 (number)', 'now');
            INSERT INTO allocation_log (at, actor, action, statement_id, invoice_id, amount_minor, reason)
            VALUES ('now', 'auto', 'allocate', 1, 1, 125050, 'test');
            INSERT INTO allocation_suggestions (statement_id, invoice_id, reason, created_at)
            VALUES (1, 2, 'test', 'now');
            INSERT INTO categories (id, name, name_key) VALUES (1, 'Оренда', 'оренда');
            INSERT INTO statement_categories (statement_id, category_id, source, at)
            VALUES (2, 1, 'manual', 'now');
            INSERT INTO settings (key, value) VALUES ('language', 'uk');
            "#,
        )
        .unwrap();
    }
    let tables = [
        "merchants",
        "statements",
        "balances",
        "statement_days",
        "invoices",
        "allocations",
        "allocation_log",
        "allocation_suggestions",
        "categories",
        "statement_categories",
        "settings",
        "sync_runs",
        "notices",
    ];
    let census = |conn: &Connection| -> Vec<(String, i64)> {
        tables
            .iter()
            .map(|t| {
                let n: i64 = conn
                    .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap();
                (t.to_string(), n)
            })
            .collect()
    };
    let sums = |conn: &Connection| -> (i64, i64, i64) {
        conn.query_row(
            "SELECT (SELECT SUM(amount_minor) FROM statements),
                    (SELECT SUM(amount_minor) FROM invoices),
                    (SELECT SUM(amount_minor) FROM allocations)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    let (before, money_before) = {
        let conn = Connection::sqlite_from(rusqlite::Connection::open(&path).unwrap());
        (census(&conn), sums(&conn))
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), Store::supported_version());
    assert_eq!(census(store.conn()), before);
    assert_eq!(sums(store.conn()), money_before);
    let companies = store.companies().all().unwrap();
    assert_eq!(companies.len(), 1);
    let c = &companies[0];
    assert_eq!(
        (c.name.as_str(), c.tax_id.as_str(), c.kind.as_str()),
        ("ТОВ «Ромашка»", "32855961", "ТОВ")
    );
    let unowned: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT COUNT(*) FROM merchants WHERE company_id IS NOT ?1)
                  + (SELECT COUNT(*) FROM invoices WHERE company_id IS NOT ?1)",
            [c.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unowned, 0);
    assert!(store.allocations().inconsistencies().unwrap().is_empty());
    // The same number may now stand in another company, never twice in one.
    store
        .conn()
        .execute(
            "INSERT INTO companies (id, name, name_key, created_at) VALUES (9, 'ФОП', 'фоп', 'now')",
            [],
        )
        .unwrap();
    let again = |company: i64| {
        store.conn().execute(
            "INSERT INTO invoices (number, number_key, number_digits, issued_on, amount,
                 amount_minor, currency, created_at, company_id)
             VALUES ('7', '7', '7', '2026-11-01', '1.00', 100, 'UAH', 'now', ?1)",
            [company],
        )
    };
    assert!(again(9).is_ok());
    assert!(again(c.id).is_err());
}

/// A company made from an account's name learns its tax code from what the bank sends for our
/// side of the account's payments; a company that has one keeps it.
#[test]
fn a_company_without_a_tax_code_learns_it_from_its_rows() {
    let (_dir, mut store) = fresh();
    upsert(
        &mut store,
        &[tx("L/1", Direction::In, State::Posted, "1.00", "x")],
    );
    let learned = |store: &Store| store.companies().get(1).unwrap().unwrap().tax_id;
    assert_eq!(store.companies().learn_tax_ids().unwrap(), 0);
    store
        .conn()
        .execute(
            "UPDATE statements SET raw = '{\"AUT_MY_CRF\":\" 32855961 \"}' WHERE key = 'L/1'",
            [],
        )
        .unwrap();
    assert_eq!(store.companies().learn_tax_ids().unwrap(), 1);
    assert_eq!(learned(&store), "32855961");
    store
        .conn()
        .execute(
            "UPDATE statements SET raw = '{\"AUT_MY_CRF\":\"14360570\"}' WHERE key = 'L/1'",
            [],
        )
        .unwrap();
    assert_eq!(store.companies().learn_tax_ids().unwrap(), 0);
    assert_eq!(learned(&store), "32855961");
}

#[test]
fn the_books_move_from_the_file_to_a_server_whole_or_not_at_all() {
    let Some(mut server) = crate::testing::server_store() else {
        eprintln!("no VYPYSKA_TEST_POSTGRES: the copy onto a server is tested in the server run");
        return;
    };
    let (_dir, mut store) = file_store();
    let rows: Vec<privat24::Transaction> = (0..450)
        .map(|i| {
            let direction = if i % 3 == 0 {
                Direction::Out
            } else {
                Direction::In
            };
            let mut t = tx(
                &format!("K/{i}"),
                direction,
                State::Posted,
                "1250.50",
                "Оплата згідно рах. № 7",
            );
            t.amount = Decimal::new(100 + i, 2);
            t
        })
        .collect();
    crate::testing::upsert(&mut store, &rows);
    store
        .conn()
        .execute_batch(
            "INSERT INTO invoices (company_id, number, number_key, number_digits, issued_on,
                 amount, amount_minor, currency, created_at)
             VALUES (1, 'СФ-7', 'СФ-7', '7', '2026-11-01', '1.01', 101, 'UAH', 'now');
             INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
             VALUES (2, 1, 101, 'auto', 'test', 'now');
             INSERT INTO allocation_log (at, actor, action, statement_id, invoice_id, amount_minor, reason)
             VALUES ('now', 'auto', 'allocate', 2, 1, 101, 'test');
             INSERT INTO balances VALUES ('UA', '2026-11-02', 'UAH', '10.00', '1250.50', '0', '1240.50', 1, '{}', 'now');
             INSERT INTO categories (name, name_key) VALUES ('Оренда', 'оренда');
             INSERT INTO category_rules (position, field, op, pattern, category_id, company_id)
             VALUES (1, 'purpose', 'contains', 'оренда', 1, 1);
             INSERT INTO employees (name, email, kinds) VALUES ('Олена', 'o@example.com', 'payment');
             INSERT INTO employee_companies VALUES (1, 1);
             INSERT INTO company_settings VALUES (1, 'auto_allocate', 'off');
             INSERT INTO settings VALUES ('language', 'en');
             UPDATE companies SET invoice_merchant_id = 1;",
        )
        .unwrap();
    let checks = store.copy_into(&mut server).unwrap();
    let statements = checks.iter().find(|c| c.table == "statements").unwrap();
    assert_eq!(statements.rows, 450);
    assert!(checks
        .iter()
        .any(|c| c.table == "statement_days" && c.rows > 0));
    // What the server holds reads back through the same handles.
    assert_eq!(
        server.companies().all().unwrap()[0].invoice_merchant_id,
        Some(1)
    );
    assert_eq!(
        server.settings().all().unwrap(),
        [("language".into(), "en".into())]
    );
    // Its own rows are numbered after the copied ones.
    let next: i64 = server
        .conn()
        .query_row(
            "INSERT INTO categories (name, name_key) VALUES ('Нова', 'нова') RETURNING id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(next, 2);
    // A server that holds books is never copied over.
    assert!(matches!(
        store.copy_into(&mut server),
        Err(StoreError::NotEmpty)
    ));
}

#[test]
fn a_server_lock_keeps_every_other_session_out_until_it_is_given_back() {
    let Some(first) = crate::testing::server_store() else {
        eprintln!("no VYPYSKA_TEST_POSTGRES: the server's locks are tested in the server run");
        return;
    };
    let second = first.reopen().unwrap();
    let held = first.conn().try_server_lock("sync:UA1").unwrap().unwrap();
    assert!(second.conn().try_server_lock("sync:UA1").unwrap().is_none());
    // Another account's lock is another lock.
    assert!(second.conn().try_server_lock("sync:UA2").unwrap().is_some());
    drop(held);
    let taken = second.conn().try_server_lock("sync:UA1").unwrap();
    assert!(taken.is_some());
    drop(taken);
    // A session cut off (a desktop's network gone, `pg_terminate_backend`) gives its locks
    // back with it.
    let fourth = first.reopen().unwrap();
    let _lost = fourth.conn().try_server_lock("sync:UA4").unwrap().unwrap();
    let pid: i64 = fourth
        .conn()
        .query_row("SELECT pg_backend_pid()::bigint", [], |r| r.get(0))
        .unwrap();
    second
        .conn()
        .execute_batch(&format!("SELECT pg_terminate_backend({pid})"))
        .unwrap();
    let mut again = None;
    for _ in 0..50 {
        again = second.conn().try_server_lock("sync:UA4").unwrap();
        if again.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        again.is_some(),
        "the ended session's lock was not given back"
    );
}

#[test]
fn a_session_the_server_cut_fails_its_call_in_words_and_the_next_one_reconnects() {
    let Some(store) = crate::testing::server_store() else {
        eprintln!("no VYPYSKA_TEST_POSTGRES: reconnecting is tested in the server run");
        return;
    };
    let other = store.reopen().unwrap();
    let pid: i64 = store
        .conn()
        .query_row("SELECT pg_backend_pid()::bigint", [], |r| r.get(0))
        .unwrap();
    other
        .conn()
        .execute_batch(&format!("SELECT pg_terminate_backend({pid})"))
        .unwrap();
    let mut failed = None;
    for _ in 0..20 {
        match store.settings().all() {
            Err(e) => {
                failed = Some(e);
                break;
            }
            Ok(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
    let failed = failed.expect("the cut session's call failed");
    assert_eq!(failed.trouble(), Trouble::Unreachable, "{failed}");
    // The next call has a session again, and the books as they were.
    assert!(store.settings().all().is_ok());
}

/// The same server's database `store` is on, connected as `login`.
fn as_login(store: &Store, login: &str) -> Store {
    let server = std::env::var("VYPYSKA_TEST_POSTGRES").unwrap();
    let host = server
        .trim()
        .trim_end_matches('/')
        .rsplit('@')
        .next()
        .unwrap()
        .to_owned();
    let db: String = store
        .conn()
        .query_row("SELECT current_database()::text", [], |r| r.get(0))
        .unwrap();
    Store::connect_with(&format!("postgres://{login}@{host}/{db}"), Some("x")).unwrap()
}

#[test]
fn each_part_is_held_to_its_rights_by_the_server_itself() {
    use crate::roles::Part;
    let Some(owner) = crate::testing::server_store() else {
        eprintln!("no VYPYSKA_TEST_POSTGRES: the roles are tested in the server run");
        return;
    };
    crate::testing::add_merchant_one(&owner);
    owner.grant_parts().unwrap();
    let suffix = std::process::id();
    let (bookkeeper, sales) = (format!("acc_{suffix}"), format!("man_{suffix}"));
    owner.invite(&bookkeeper, Part::Accountant, "pw-a").unwrap();
    owner.invite(&sales, Part::Manager, "pw-m").unwrap();
    let refused = |r: Result<usize>| match r {
        Err(e) => assert_eq!(e.trouble(), Trouble::NotAllowed, "{e}"),
        Ok(_) => panic!("the server let it through"),
    };

    // The accountant keeps the books, but adds no bank account and changes no team setting.
    let accountant = as_login(&owner, &bookkeeper);
    refused(accountant.conn().execute(
        "INSERT INTO merchants (name, name_key, account, currency, secret_ref, sync_from, created_at)
         VALUES ('X', 'x', 'UA2', 'UAH', 'm-x', '2026-11-01', 'now')",
        [],
    ));
    refused(accountant.conn().execute("DELETE FROM merchants", []));
    refused(
        accountant
            .conn()
            .execute("INSERT INTO settings VALUES ('language', 'en')", []),
    );
    assert_eq!(
        accountant
            .conn()
            .execute("UPDATE merchants SET synced_through = '2026-11-20'", [])
            .unwrap(),
        1
    );
    let mut accountant = accountant;
    crate::testing::upsert(
        &mut accountant,
        &[tx("A/1", Direction::In, State::Posted, "10.00", "x")],
    );

    // The manager reads everything and adds invoices, nothing more.
    let manager = as_login(&owner, &sales);
    assert_eq!(
        manager
            .statements()
            .statements(&StatementFilter::default())
            .unwrap()
            .len(),
        1
    );
    manager
        .conn()
        .execute(
            "INSERT INTO invoices (company_id, number, number_key, number_digits, issued_on,
                 amount, amount_minor, currency, created_at)
             VALUES (1, '1', '1', '1', '2026-11-01', '1.00', 100, 'UAH', 'now')",
            [],
        )
        .unwrap();
    refused(manager.conn().execute(
        "INSERT INTO allocations (statement_id, invoice_id, amount_minor, source, reason, created_at)
         VALUES (1, 1, 100, 'manual', 'x', 'now')",
        [],
    ));
    refused(
        manager
            .conn()
            .execute("UPDATE statements SET purpose = 'y'", []),
    );
    refused(manager.conn().execute("DELETE FROM invoices", []));

    // A team's books made before step 13: its people use what the step makes once the
    // owner's desktop has taken the books there.
    owner
        .conn()
        .execute_batch(
            "DROP TABLE notice_deliveries, notice_seen; DROP FUNCTION vypyska_ring() CASCADE;
             ALTER TABLE sync_runs DROP COLUMN desktop; ALTER TABLE invoices DROP COLUMN revision;
             UPDATE vypyska_schema SET version = 12;",
        )
        .unwrap();
    let db: String = owner
        .conn()
        .query_row("SELECT current_database()::text", [], |r| r.get(0))
        .unwrap();
    let server = std::env::var("VYPYSKA_TEST_POSTGRES").unwrap();
    let server = server.trim().trim_end_matches('/');
    // The accountant's desktop, first with the new program, may not take them there.
    let host = server.rsplit('@').next().unwrap();
    match Store::connect_with(&format!("postgres://{bookkeeper}@{host}/{db}"), Some("x")) {
        Err(StoreError::OwnerUpdates {
            found: 12,
            supported,
        }) => {
            assert_eq!(supported, Store::supported_version())
        }
        Err(e) => panic!("unexpected {e}"),
        Ok(_) => panic!("an accountant's login changed the schema"),
    }
    let owner = Store::connect(&format!("{server}/{db}")).unwrap();
    assert_eq!(owner.schema_version().unwrap(), Store::supported_version());
    let manager = as_login(&owner, &sales);
    let (olena, _, notice) = two_employees_and_a_notice(&owner);
    manager
        .notices()
        .set_seen(olena, notice)
        .expect("a manager marks what their desktop has shown");
}

#[test]
fn the_servers_steps_reach_the_files_version() {
    let steps = crate::migrations::POSTGRES_STEPS;
    assert_eq!(
        steps.last().map(|s| s.0),
        Some(Store::supported_version()),
        "a migration of the file without its step on the server"
    );
    assert!(steps
        .first()
        .is_some_and(|s| s.0 == crate::migrations::POSTGRES_BASE + 1));
}

/// Two employees and a notice, on either engine.
fn two_employees_and_a_notice(store: &Store) -> (i64, i64, i64) {
    use crate::notices::{EmployeeRow, NewNotice};
    let employee = |name: &str| {
        store
            .notices()
            .insert_employee(&EmployeeRow {
                id: 0,
                name: name.into(),
                email: String::new(),
                this_computer: false,
                kinds: "payment".into(),
                companies: Vec::new(),
            })
            .unwrap()
    };
    let (olena, petro) = (employee("Олена"), employee("Петро"));
    let notice = store
        .notices()
        .insert(NewNotice {
            key: "payment:1",
            kind: "payment",
            title: "Надійшла оплата",
            body: "від ТОВ «Ромашка»",
            screen: "statements",
            target_id: Some(1),
            created_at: "2026-12-01T10:00:00Z",
            read: false,
            company_id: None,
        })
        .unwrap()
        .unwrap();
    (olena, petro, notice)
}

#[test]
fn each_person_is_told_each_notice_once_whichever_desktop_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::testing::new_store(dir.path());
    let (olena, petro, notice) = two_employees_and_a_notice(&store);
    let other = store.reopen().unwrap();
    let at = "2026-12-01T10:00:01Z";
    assert!(store.notices().claim(notice, olena, at).unwrap());
    // Her other desktop finds her told; Petro is not told by her being told.
    assert!(!other.notices().claim(notice, olena, at).unwrap());
    assert!(other.notices().claim(notice, petro, at).unwrap());
    assert_eq!(store.notices().told(notice).unwrap(), vec![olena, petro]);
    assert_eq!(store.notices().unread_after(0, 10).unwrap().len(), 1);
    assert!(store.notices().unread_after(notice, 10).unwrap().is_empty());
    // How far her desktops looked only moves on.
    assert_eq!(store.notices().seen(olena).unwrap(), None);
    store.notices().set_seen(olena, notice).unwrap();
    other.notices().set_seen(olena, notice - 1).unwrap();
    assert_eq!(store.notices().seen(olena).unwrap(), Some(notice));
}

#[test]
fn a_commit_on_the_server_rings_the_other_desktops_doorbell_and_not_before() {
    let Some(store) = crate::testing::server_store() else {
        eprintln!("no VYPYSKA_TEST_POSTGRES: the doorbell is tested in the server run");
        return;
    };
    let mut bell = store.reopen().unwrap().doorbell().unwrap().unwrap();
    let short = std::time::Duration::from_millis(300);
    assert!(
        bell.wait(short).unwrap().is_empty(),
        "rang with nothing changed"
    );
    let other = store.reopen().unwrap();
    let writing = other.conn().begin_write().unwrap();
    writing
        .execute(
            "INSERT INTO companies (name, name_key, created_at)
             VALUES ('ТОВ «Дзвінок»', 'тов «дзвінок»', '2026-12-01T10:00:00Z')",
            [],
        )
        .unwrap();
    assert!(
        bell.wait(short).unwrap().is_empty(),
        "rang before the commit"
    );
    writing.commit().unwrap();
    let rang = bell.wait(std::time::Duration::from_secs(5)).unwrap();
    assert!(rang.contains("companies"), "{rang:?}");
    // A doorbell of a file is none: only this computer changes it.
    let dir = tempfile::tempdir().unwrap();
    assert!(Store::open_in(dir.path())
        .unwrap()
        .doorbell()
        .unwrap()
        .is_none());
}

/// A category made by another desktop between our look and our insert is found, not refused.
#[test]
fn a_category_made_meanwhile_elsewhere_is_the_one_taken() {
    let (_dir, store) = fresh();
    let theirs = store.categories().insert("Оренда").unwrap();
    assert_eq!(store.categories().insert_or_get("оренда").unwrap(), theirs);
    let ours = store.categories().insert_or_get("Зв'язок").unwrap();
    assert_ne!(ours, theirs);
    assert_eq!(store.categories().insert_or_get("Зв'язок").unwrap(), ours);
}
