//! What a hostile bank sends and what must still hold: rows that cannot be read are kept and their
//! days read again, a listing cut short is noticed, impossible values never reach the books, a
//! bank that trickles or never answers is given up in bounded time, and an account added again
//! takes back the rows kept for it.

use chrono::{Duration as Days, NaiveDate};
use privat24::{Client, ClientConfig, RetryPolicy};
use privat24_sim::Fault;
use serde_json::Value;
use std::time::Duration;
use vypyska_core::merchants;
use vypyska_core::secrets::Keyring;
use vypyska_core::store::runs;
use vypyska_core::store::Tables;
use vypyska_core::sync::{SyncEvent, SyncOptions, Syncer};
use vypyska_core::{Lang, SystemClock};
use vypyska_tests::{bank_today, sim_config, sync_options, text, Env};

fn cursor(env: &Env, name: &str) -> Option<NaiveDate> {
    merchants::find(env.store().conn(), name)
        .unwrap()
        .synced_through
}

/// Rows of `account` the bank holds on days `from..=to`, by key.
fn keys_on(env: &Env, account: &str, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    env.sim
        .bank()
        .transactions()
        .into_iter()
        .filter(|t| t.account == account && t.day >= from && t.day <= to)
        .map(|t| t.key())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_rows_hold_the_cursor_until_their_days_read_cleanly() {
    let env = Env::new(sim_config(1, 300, 20)).await;
    let from = bank_today() - Days::days(20);
    let m = env.add_merchant("Основний", 0, from).await;
    let bank = env.sim.bank();
    // Days well before the lookback: a run that moved the cursor past them would never read
    // them again.
    let (early, later) = (bank_today() - Days::days(12), bank_today() - Days::days(9));
    let early_keys = keys_on(&env, &m.account, early, early);
    let later_keys = keys_on(&env, &m.account, later, later);
    assert!(early_keys.len() >= 2 && !later_keys.is_empty());
    // An impossible date (in place of both dates a row carries), a negative sum, an amount with
    // more digits than any money: each a row the app cannot take.
    let impossible = format!("32.{}", early.format("%m.%Y"));
    bank.garble(&early_keys[0], "DAT_OD", Value::String(impossible.clone()));
    bank.garble(
        &early_keys[0],
        "DATE_TIME_DAT_OD_TIM_P",
        Value::String(format!("{impossible} 10:00:00")),
    );
    bank.garble(&early_keys[1], "SUM", Value::String("-150.00".into()));
    bank.garble(
        &later_keys[0],
        "SUM",
        Value::String("99999999999999999999999999.99".into()),
    );

    let mut syncer = env.syncer(40);
    let mut warnings = Vec::new();
    let outcomes = syncer
        .run(&sync_options(), &mut |e: &SyncEvent| {
            if let SyncEvent::MerchantFinished {
                warning: Some(w), ..
            } = e
            {
                warnings.push(w.clone());
            }
        })
        .await
        .unwrap();
    let summary = outcomes[0].result.as_ref().unwrap();
    assert_eq!(summary.rejected, 3, "{summary:?}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("3 rows that could not be read"),
        "{warnings:?}"
    );
    // The cursor stays before the first day with an unreadable row (the impossible 32nd counts
    // as the month's first day).
    let held = cursor(&env, "Основний").expect("a cursor");
    assert!(held < early, "{held}");
    // The run says so, in words, as a warning; the rows are kept as the bank sent them.
    let store = env.store();
    let last = store.runs().last_run(m.id).unwrap().unwrap();
    assert_eq!(last.outcome, runs::RunOutcome::Warning);
    assert_eq!(last.error_code.as_deref(), Some("rows_rejected"));
    let kept: Vec<String> = store
        .conn()
        .prepare("SELECT raw FROM rejected_rows")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kept.len(), 3);
    assert!(kept.iter().any(|r| r.contains(&impossible)), "{kept:?}");
    assert!(kept.iter().any(|r| r.contains("-150.00")), "{kept:?}");
    // Nothing impossible reached the books: no negative or absurd amount, sums still add up.
    let (negative, max): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FILTER (WHERE amount_minor < 0), MAX(amount_minor) FROM statements",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(negative, 0);
    assert!(max < 100_000_000_000_000, "{max}");
    // A sync-trouble notice is raised once, not on every run.
    let notices =
        vypyska_core::notifications::collect(&mut env.store(), &SystemClock, Lang::En, 5).unwrap();
    let trouble: Vec<_> = notices
        .iter()
        .filter(|n| n.kind == vypyska_core::notifications::Kind::Trouble)
        .collect();
    assert_eq!(trouble.len(), 1, "{notices:?}");
    assert!(trouble[0].title.contains("incomplete"), "{trouble:?}");

    // A second run while the bank still sends them: the cursor stays held, nothing told again.
    syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    assert!(cursor(&env, "Основний").unwrap() < early);
    let again =
        vypyska_core::notifications::collect(&mut env.store(), &SystemClock, Lang::En, 5).unwrap();
    assert!(
        again
            .iter()
            .all(|n| n.kind != vypyska_core::notifications::Kind::Trouble),
        "{again:?}"
    );

    // Once the bank sends them readably, they are all read, and the cursor moves on.
    bank.mend();
    let outcomes = syncer
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    assert!(!outcomes[0].result.as_ref().unwrap().incomplete());
    env.assert_same_as_bank(&m.account, from);
    assert_eq!(cursor(&env, "Основний"), Some(bank_today()));
    let last = env.store().runs().last_run(m.id).unwrap().unwrap();
    assert_eq!(last.outcome, runs::RunOutcome::Ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_lists_and_sums_after_the_bank_sent_impossible_amounts() {
    let env = Env::new(sim_config(1, 120, 10)).await;
    assert_eq!(
        env.cli_add_merchant("Основний", 0, 10).await.status.code(),
        Some(0)
    );
    let bank = env.sim.bank();
    let rows = bank.transactions();
    bank.garble(
        &rows[0].key(),
        "SUM",
        Value::String("99999999999999999999999999.99".into()),
    );
    bank.garble(&rows[1].key(), "SUM", Value::String("-5.00".into()));
    let out = env.cli(&["sync"], "").await;
    let said = text(&out.stderr);
    // Stored what it could; a script sees the statement is incomplete.
    assert_eq!(out.status.code(), Some(4), "{said}");
    assert!(said.contains("не вдалося прочитати"), "{said}");
    for args in [
        &["statements"][..],
        &["statements", "--search", "оплата"][..],
        &["statements", "--json"][..],
        &["balances"][..],
    ] {
        env.cli_ok(args).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_cut_short_is_noticed_and_its_closed_days_read_again() {
    for fault in [Fault::CutShort, Fault::EmptyLast] {
        let env = Env::new(sim_config(1, 300, 15)).await;
        let from = bank_today() - Days::days(15);
        let m = env.add_merchant("Основний", 0, from).await;
        // The settings, the first page; then the second page ends the listing.
        env.sim
            .bank()
            .inject([Fault::Pass, Fault::Pass, fault.clone()]);
        let outcomes = env
            .syncer(40)
            .run(&sync_options(), &mut |_: &SyncEvent| {})
            .await
            .unwrap();
        let summary = outcomes[0].result.as_ref().unwrap();
        // The closed days were found short against the bank's turnovers and read again at once.
        let (stored, _) = env.stored_rows(&m.account);
        let closed: std::collections::BTreeSet<_> = env
            .bank_rows(&m.account, from)
            .into_iter()
            .filter(|(key, _)| {
                env.sim
                    .bank()
                    .transactions()
                    .iter()
                    .any(|t| &t.key() == key && t.day < bank_today())
            })
            .collect();
        assert!(closed.is_subset(&stored), "{fault:?}: {summary:?}");
        assert_eq!(summary.mismatched_days, 0, "{fault:?}");
        // The next run's lookback covers the open day.
        env.sync(40).await;
        env.assert_same_as_bank(&m.account, from);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_the_bank_cannot_account_for_stays_flagged_and_unpassed() {
    let env = Env::new(sim_config(1, 200, 15)).await;
    let from = bank_today() - Days::days(15);
    let m = env.add_merchant("Основний", 0, from).await;
    let day = bank_today() - Days::days(8);
    let posted = env
        .sim
        .bank()
        .transactions()
        .into_iter()
        .find(|t| t.day == day && t.pr_pr == "r")
        .expect("a posted row on that day");
    // The bank's turnovers count a row its listings never send.
    env.sim.bank().hide(&posted.key());
    let outcomes = env
        .syncer(40)
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    let summary = outcomes[0].result.as_ref().unwrap();
    assert_eq!(summary.mismatched_days, 1, "{summary:?}");
    assert_eq!(summary.first_unread, Some(day));
    assert_eq!(cursor(&env, "Основний"), Some(day - Days::days(1)));
    let last = env.store().runs().last_run(m.id).unwrap().unwrap();
    assert_eq!(last.outcome, runs::RunOutcome::Warning);
    assert_eq!(last.error_code.as_deref(), Some("day_incomplete"));
    assert!(
        last.error_message
            .as_deref()
            .is_some_and(|t| t.contains("turnovers")),
        "{last:?}"
    );
    env.sim.bank().mend();
    env.sync(40).await;
    env.assert_same_as_bank(&m.account, from);
    assert_eq!(cursor(&env, "Основний"), Some(bank_today()));
}

/// A syncer whose client gives up sooner than the real one, so the test is quick.
fn impatient(env: &Env, max_reply_bytes: usize) -> Syncer {
    let client = Client::new(ClientConfig {
        base_url: env.sim.url(),
        page_limit: 50,
        page_pause: Duration::ZERO,
        retry: RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(50),
            max_retry_after: Duration::from_millis(100),
            max_elapsed: Duration::from_secs(3),
        },
        request_timeout: Duration::from_millis(1500),
        read_timeout: Duration::from_millis(1000),
        max_reply_bytes,
        ..ClientConfig::default()
    })
    .unwrap();
    Syncer {
        client,
        ..env.syncer(50)
    }
}

async fn first_failure(syncer: &mut Syncer, options: &SyncOptions) -> (String, String) {
    let outcomes = tokio::time::timeout(
        Duration::from_secs(60),
        syncer.run(options, &mut |_: &SyncEvent| {}),
    )
    .await
    .expect("the sync hung")
    .unwrap();
    let err = outcomes[0].result.as_ref().unwrap_err();
    (err.code().as_str().to_owned(), err.message(Lang::Uk))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bank_that_trickles_never_answers_or_floods_is_given_up_in_words() {
    let env = Env::new(sim_config(1, 200, 10)).await;
    let from = bank_today() - Days::days(10);
    let m = env.add_merchant("Основний", 0, from).await;
    let mut syncer = impatient(&env, 1 << 20);

    // Headers at once, then a byte every 300 ms: each byte beats the read timeout, the whole
    // reply never beats the request's deadline.
    env.sim.bank().inject(
        [
            vec![Fault::Pass],
            vec![Fault::Trickle(Duration::from_millis(300)); 10],
        ]
        .concat(),
    );
    let (code, message) = first_failure(&mut syncer, &sync_options()).await;
    assert_eq!(code, "bank_timeout", "{message}");
    assert!(message.contains("Банк не відповідає"), "{message}");

    // A bank that takes the request and says nothing.
    env.sim.bank().clear_faults();
    env.sim.bank().inject(
        [
            vec![Fault::Pass],
            vec![Fault::Slow(Duration::from_secs(3600)); 10],
        ]
        .concat(),
    );
    let (code, message) = first_failure(&mut syncer, &sync_options()).await;
    assert_eq!(code, "bank_timeout", "{message}");

    // A reply larger than any page is refused, not buffered whole, and not asked for again.
    let before = env.sim.bank().requests("/api/statements/transactions");
    env.sim.bank().clear_faults();
    env.sim.bank().inject([Fault::Pass, Fault::Huge(8 << 20)]);
    let (code, message) = first_failure(&mut syncer, &sync_options()).await;
    assert_eq!(code, "reply_too_large", "{message}");
    assert!(message.contains("1 МБ"), "{message}");
    assert_eq!(
        env.sim.bank().requests("/api/statements/transactions") - before,
        1
    );
    assert_eq!(cursor(&env, "Основний"), None, "the cursor never moved");

    // A run has a ceiling: a bank slow on every page fails the run once it is reached.
    env.sim.bank().clear_faults();
    env.sim.bank().inject(
        [
            vec![Fault::Pass],
            vec![Fault::Slow(Duration::from_millis(700)); 20],
        ]
        .concat(),
    );
    let ceiling = SyncOptions {
        ceiling: Some(Duration::from_secs(2)),
        ..sync_options()
    };
    let (code, _) = first_failure(&mut syncer, &ceiling).await;
    assert_eq!(code, "sync_too_long");
    let last = env.store().runs().last_run(m.id).unwrap().unwrap();
    assert_eq!(last.outcome, runs::RunOutcome::Failed);

    // And the bank well again: everything arrives.
    env.sim.bank().clear_faults();
    let outcomes = env
        .syncer(50)
        .run(&sync_options(), &mut |_: &SyncEvent| {})
        .await
        .unwrap();
    assert!(outcomes[0].result.is_ok());
    env.assert_same_as_bank(&m.account, from);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_added_again_takes_back_its_kept_rows() {
    let env = Env::new(sim_config(1, 120, 10)).await;
    let from = bank_today() - Days::days(10);
    let m = env.add_merchant("Основний", 0, from).await;
    env.sync(50).await;
    let stored = env.stored_rows(&m.account).1;
    merchants::remove(&mut env.store(), &Keyring, "Основний", false).unwrap();
    let again = env.add_merchant("Знову", 0, from).await;
    let own: i64 = env
        .store()
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM statements WHERE merchant_id = ?1",
            [again.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(own as usize, stored);
    // The CLI lists them under the new name, and a sync adds nothing twice.
    let out = env
        .cli(&["statements", "--merchant", "Знову", "--json"], "")
        .await;
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!listed.is_empty(), "{}", text(&out.stderr));
    env.sync(50).await;
    env.assert_same_as_bank(&m.account, from);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payer_cannot_drive_the_accountants_terminal() {
    let env = Env::new(sim_config(1, 40, 5)).await;
    assert_eq!(
        env.cli_add_merchant("Основний", 0, 10).await.status.code(),
        Some(0)
    );
    let bank = env.sim.bank();
    let row = bank.transactions()[0].clone();
    let purpose = "Оплата\u{1b}[2J\u{1b}]0;pwned\u{7} рах. 5\u{202e}fdp.exe";
    bank.garble(&row.key(), "OSND", Value::String(purpose.into()));
    bank.garble(
        &row.key(),
        "AUT_CNTR_NAM",
        Value::String("ТОВ Ромашка\n2026-11-20  +1 000 000,00 ₴  posted".into()),
    );
    assert_eq!(env.cli(&["sync"], "").await.status.code(), Some(0));
    let out = env.cli(&["statements"], "").await;
    let shown = text(&out.stdout);
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(
            !shown.contains(raw),
            "{raw:?} reached the terminal: {shown}"
        );
    }
    assert!(
        shown.contains("\\u{1b}[2J") && shown.contains("\\u{202e}"),
        "{shown}"
    );
    // The forged second line stays on the row's own line.
    assert_eq!(
        shown.lines().filter(|l| l.contains("Ромашка")).count(),
        1,
        "{shown}"
    );
    assert!(!shown
        .lines()
        .any(|l| l.starts_with("2026-11-20  +1 000 000")));
    // JSON keeps the text exactly.
    let out = env.cli(&["statements", "--json"], "").await;
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows.iter().any(|r| r["purpose"] == purpose));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_answers_and_odd_searches_are_said_not_silent() {
    let env = Env::new(sim_config(1, 40, 5)).await;
    assert_eq!(
        env.cli_add_merchant("Основний", 0, 10).await.status.code(),
        Some(0)
    );
    assert_eq!(env.cli(&["sync"], "").await.status.code(), Some(0));
    let out = env
        .cli(
            &["statements", "--from", "2026-11-10", "--to", "2026-11-01"],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("пізніше"),
        "{}",
        text(&out.stderr)
    );
    for args in [
        &["statements", "--merchant", "Ніхто"][..],
        &["balances", "--merchant", "Ніхто"][..],
    ] {
        let out = env.cli(args, "").await;
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(text(&out.stderr).contains("Ніхто"), "{}", text(&out.stderr));
    }
    // Signs only: found as typed, never every row.
    let env = &env;
    let found = |search: &'static str| async move {
        let out = env
            .cli(&["statements", "--json", "--search", search], "")
            .await;
        assert_eq!(
            out.status.code(),
            Some(0),
            "{search}: {}",
            text(&out.stderr)
        );
        serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
    };
    let all = found("").await.len();
    for search in ["***", "😀", "-foo"] {
        assert!(found(search).await.is_empty(), "{search}");
    }
    // "ПДВ 20%" is in some purposes: those rows, and only those.
    let percent = found("%").await;
    assert!(
        !percent.is_empty() && percent.len() < all,
        "{} of {all}",
        percent.len()
    );
    for row in &percent {
        let text = format!("{} {}", row["purpose"], row["counterparty_name"]);
        assert!(text.contains('%'), "{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_that_cannot_be_one_is_refused_before_the_bank_is_asked() {
    let env = Env::new(sim_config(1, 10, 5)).await;
    let account = env.sim.bank().accounts()[0].clone();
    let add = |token: Vec<u8>| {
        let mut cmd = env.command(&[
            "merchant",
            "add",
            "--name",
            "Основний",
            "--account",
            &account.iban,
            "--currency",
            &account.currency,
            "--token-stdin",
        ]);
        async move {
            tokio::task::spawn_blocking(move || {
                use std::io::Write;
                let mut child = cmd.spawn().unwrap();
                let _ = child.stdin.take().unwrap().write_all(&token);
                child.wait_with_output().unwrap()
            })
            .await
            .unwrap()
        }
    };
    let asked = || env.sim.bank().requests("/api/statements/balance/interim");
    let before = asked();
    for (token, said) in [
        (vec![b'x'; 1 << 20], "64"),
        (b"abc\0def\n".to_vec(), "Токен"),
        (vec![0xff, 0xfe, 0x00, 0x9c, b'\n'], "не текст"),
        ("токен-кирилицею\n".as_bytes().to_vec(), "Токен"),
    ] {
        let out = add(token).await;
        assert_eq!(out.status.code(), Some(1), "{said}");
        let err = text(&out.stderr);
        assert!(err.contains(said), "{err}");
        assert!(!err.contains("HTTP"), "{err}");
    }
    assert_eq!(asked(), before, "the bank was asked");
    assert!(vypyska_core::merchants::list(env.store().conn())
        .unwrap()
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amounts_and_dates_as_accountants_type_them_and_answers_in_ukrainian() {
    let env = Env::new(sim_config(1, 30, 5)).await;
    assert_eq!(
        env.cli_add_merchant("Основний", 0, 10).await.status.code(),
        Some(0)
    );
    assert_eq!(env.cli(&["sync"], "").await.status.code(), Some(0));
    let env = &env;
    let add = |extra: &[&'static str]| {
        let mut args = vec!["invoice", "add", "--currency", "UAH"];
        args.extend_from_slice(extra);
        async move { env.cli(&args, "").await }
    };
    let out = add(&[
        "--number",
        "СФ-1",
        "--amount",
        "1 000,5",
        "--date",
        "01.11.2026",
        "--due",
        "2026-11-15",
    ])
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = env.cli(&["invoices", "--json"], "").await;
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    // One scale for every amount of an invoice.
    assert_eq!(
        (list[0]["amount"].as_str(), list[0]["paid"].as_str()),
        (Some("1000.50"), Some("0.00"))
    );
    assert_eq!(list[0]["due_on"], "2026-11-15");
    for (args, words, code) in [
        (&["--number", "2", "--amount", "1e3"][..], "не сума", 1),
        (&["--number", "2", "--amount", "+12"][..], "не сума", 1),
        (&["--number", "2", "--amount", "1_000"][..], "не сума", 1),
        (
            &["--number", "2", "--amount", "1.005"][..],
            "двох знаків",
            1,
        ),
        (
            &["--number", "2", "--amount", "5", "--date", "26-01-01"][..],
            "чотирма",
            1,
        ),
        (
            &[
                "--number",
                "2",
                "--amount",
                "5",
                "--date",
                "01.12.2026",
                "--due",
                "01.11.2026",
            ][..],
            "Строк оплати раніше",
            1,
        ),
        (
            &[
                "--number",
                "2",
                "--amount",
                "5",
                "--customer-tax-id",
                "14360571",
            ][..],
            "контрольна цифра",
            1,
        ),
    ] {
        let out = add(args).await;
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(
            !err.contains("error:") && !err.contains("invalid value"),
            "{err}"
        );
    }
    let out = env.cli(&["statments"], "").await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("невідома команда «statments»"),
        "{}",
        text(&out.stderr)
    );
    // Lists in words and Kyiv time, no codes or English at the ends of lines.
    let runs = text(&env.cli(&["runs"], "").await.stdout);
    assert!(
        runs.contains("успішно") && runs.contains("сторінок"),
        "{runs}"
    );
    assert!(!runs.contains("pages") && !runs.contains('T'), "{runs}");
    let invoices = text(&env.cli(&["invoices"], "").await.stdout);
    assert!(
        invoices.contains("не оплачено") && invoices.contains("01.11.2026"),
        "{invoices}"
    );
    // Help too.
    for args in [&["--help"][..], &["invoice", "add", "--help"][..]] {
        let out = env.cli(args, "").await;
        let help = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            help.contains("Використання") && help.contains("Показати довідку"),
            "{help}"
        );
        assert!(
            !help.contains("Print help") && !help.contains("Usage"),
            "{help}"
        );
    }
    let statements = text(&env.cli(&["statements"], "").await.stdout);
    assert!(
        statements.contains("проведено") && !statements.contains("posted"),
        "{statements}"
    );
}
