//! End to end: the real app binary driven through tauri-driver and WebKitWebDriver under Xvfb,
//! with the bank simulator on loopback, the real Secret Service and a fresh data folder.
//! Screenshots of each main screen land in `target/e2e-screenshots/`.

mod driver;
mod x11;

use std::path::Path;
use std::time::{Duration, Instant};

use privat24_sim::{SimConfig, SimServer, SimTransaction};
use rust_decimal::Decimal;
use vypyska_core::format::money;
use vypyska_core::invoice_numbers::find_invoice_numbers;
use vypyska_core::{Clock, Lang, Store, SystemClock};
use vypyska_tests::{bank_state, vypyska_bin};

use driver::{css, plain, testid, Driver, PATIENCE};

const TOKEN: &str = "e2e-token-0f3a";

fn statements_count(data: &Path) -> i64 {
    Store::open_in(data)
        .unwrap()
        .conn()
        .query_row("SELECT COUNT(*) FROM statements", [], |r| r.get(0))
        .unwrap()
}

/// What the statements screen should total: the bank's rows from `from`, without the reversed
/// and rejected ones (they moved no money).
fn expected(
    rows: &[SimTransaction],
    keep: impl Fn(&SimTransaction) -> bool,
) -> (usize, Decimal, Decimal) {
    let live: Vec<_> = rows
        .iter()
        .filter(|t| matches!(bank_state(&t.pr_pr), "posted" | "pending") && keep(t))
        .collect();
    let sum = |incoming: bool| -> Decimal {
        live.iter()
            .filter(|t| t.incoming == incoming)
            .map(|t| t.amount)
            .sum()
    };
    (live.len(), sum(true), sum(false))
}

fn uk_money(amount: Decimal) -> String {
    plain(&money(amount, "UAH", Lang::Uk))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_adds_an_account_browses_statements_and_keeps_settings() {
    let mut desk = Desk::start().await;
    welcome_and_demo(&desk).await;
    adding_an_account(&desk).await;
    browsing_statements(&desk).await;
    invoices_review_and_categories(&desk).await;
    settings_autostart_and_a_restart(&mut desk).await;
    the_timer_and_a_notification(&mut desk).await;
    a_damaged_file_and_its_restore(&mut desk).await;
    ipc_refuses_bad_input_in_words_and_never_returns_the_token(&desk.ui).await;
    two_companies(&desk).await;
    joining_a_team_and_leaving_it(&desk).await;
    no_token_anywhere(&desk);
}

/// One desktop under test, shared by the scenarios in turn: the simulated bank and what it holds
/// for the account, a home and a data folder of their own, the driver and the app's window.
struct Desk {
    sim: SimServer,
    iban: String,
    bank: Vec<SimTransaction>,
    today: chrono::NaiveDate,
    home: tempfile::TempDir,
    data: tempfile::TempDir,
    url: String,
    driver: Driver,
    app: std::path::PathBuf,
    ui: driver::Ui,
}

impl Desk {
    async fn start() -> Desk {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "this test needs a display: run it under xvfb-run (see .ci/test)"
        );
        let today = SystemClock.today_kyiv();
        let sim = SimServer::start(SimConfig {
            seed: 11,
            // The second account is a second company's, added in the last scenario.
            accounts: 2,
            transactions_per_account: 300,
            days: 45,
            today,
            token: TOKEN.into(),
            client_id: None,
        })
        .await
        .unwrap();
        let account = sim.bank().accounts()[0].clone();
        let from = today - chrono::Duration::days(30);
        let bank: Vec<SimTransaction> = sim
            .bank()
            .transactions()
            .into_iter()
            .filter(|t| t.account == account.iban && t.day >= from && t.day <= today)
            .collect();

        let home = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let url = sim.url();
        let driver = Driver::start(
            &[("HOME", home.path()), ("VYPYSKA_DATA_DIR", data.path())],
            &[("VYPYSKA_PRIVAT24_URL", &url)],
        );
        let app = vypyska_bin();
        let ui = driver.launch(&app).await;
        Desk {
            sim,
            iban: account.iban,
            bank,
            today,
            home,
            data,
            url,
            driver,
            app,
            ui,
        }
    }
}

/// The welcome screen, and the demo in its own database.
async fn welcome_and_demo(desk: &Desk) {
    let Desk { data, ui, .. } = desk;
    // First start: nothing added yet, so the welcome screen offers an account or the demo.
    ui.find("welcome").await;
    ui.screenshot("01-welcome").await;

    // The demo shows the whole flow with generated data, labelled, in its own database.
    ui.click("welcome-demo").await;
    ui.find("demo-banner").await;
    ui.wait_text("summary-count", "demo statements", |t| {
        t.split_whitespace()
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > 0)
    })
    .await;
    ui.screenshot("02-demo-statements").await;
    assert_eq!(
        statements_count(data.path()),
        0,
        "demo rows leaked into real data"
    );
    ui.client
        .find(driver::css(&format!(
            "{} button",
            driver::testid("demo-banner")
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    ui.find("welcome").await;
}

/// Adding an account: a wrong IBAN, a rejected token, then the right one.
async fn adding_an_account(desk: &Desk) {
    let Desk { iban, data, ui, .. } = desk;
    // A wrong IBAN is caught in the form, before the bank is asked.
    ui.click("welcome-add").await;
    ui.fill("field-name", "ФОП Тестовий").await;
    ui.fill("field-account", "UA21 3223 1300 0002 6007 2335 6600 2")
        .await;
    let shown = ui.text("error-account").await;
    assert!(shown.contains("IBAN"), "{shown}");
    ui.screenshot("03-merchant-bad-iban").await;

    // A token the bank rejects: the bank's answer, in words, with what to do.
    ui.fill("field-account", &iban).await;
    ui.fill("field-token", "not-the-token").await;
    ui.click("merchant-check").await;
    let shown = ui
        .wait_text("merchant-error", "the bank's refusal", |t| !t.is_empty())
        .await;
    assert!(shown.contains("токен"), "{shown}");
    assert!(
        !shown.contains("not-the-token"),
        "the token was echoed: {shown}"
    );
    ui.screenshot("04-merchant-rejected-token").await;

    // The right token: the connection checks out and the merchant is saved.
    ui.fill("field-token", TOKEN).await;
    ui.click("merchant-check").await;
    ui.find("connection-ok").await;
    ui.click("merchant-save").await;
    ui.find("merchant-notice").await;
    ui.screenshot("05-merchants").await;
    for file in ["", "-wal"] {
        let path = data
            .path()
            .join(format!("{}{file}", vypyska_core::store::DB_FILE));
        let bytes = std::fs::read(path).unwrap_or_default();
        assert!(
            !bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()),
            "the token is in the database{file}"
        );
    }
}

/// The synced statements: totals, filters, search, the detail pane, categories.
async fn browsing_statements(desk: &Desk) {
    let Desk { bank, ui, .. } = desk;
    // Adding syncs at once; the statements arrive with the bank's totals.
    ui.click("nav-statements").await;
    let (count, incoming, outgoing) = expected(&bank, |_| true);
    ui.wait_text("summary-count", "the synced statements", |t| {
        t.starts_with(&format!("{count} "))
    })
    .await;
    assert_eq!(ui.text("total-in-UAH").await, uk_money(incoming));
    assert_eq!(ui.text("total-out-UAH").await, uk_money(outgoing));
    assert!(ui.count("statement-row").await > 10);
    ui.screenshot("06-statements").await;

    // Filter: outgoing only.
    ui.select("filter-direction", "out").await;
    let (out_count, _, out_sum) = expected(&bank, |t| !t.incoming);
    ui.wait_text("summary-count", "outgoing rows", |t| {
        t.starts_with(&format!("{out_count} "))
    })
    .await;
    assert_eq!(ui.text("total-out-UAH").await, uk_money(out_sum));
    let amounts = ui.column("amount").await;
    assert!(
        !amounts.is_empty() && amounts.iter().all(|a| a.starts_with('−')),
        "{amounts:?}"
    );
    ui.select("filter-direction", "").await;

    // Search: a counterparty's tax code finds that counterparty's payments.
    let who = bank
        .iter()
        .find(|t| matches!(bank_state(&t.pr_pr), "posted"))
        .unwrap()
        .clone();
    let (who_count, _, _) = expected(&bank, |t| t.counterparty_tax_id == who.counterparty_tax_id);
    ui.fill("filter-search", &who.counterparty_tax_id).await;
    ui.wait_text("summary-count", "search results", |t| {
        t.starts_with(&format!("{who_count} "))
    })
    .await;
    let names = ui.column("counterparty_name").await;
    assert!(
        !names.is_empty() && names.iter().all(|n| n == &who.counterparty_name),
        "{names:?}"
    );
    // The detail pane shows every field the bank sent.
    ui.client
        .find(driver::css(&driver::testid("statement-row")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    ui.wait_text("statement-detail", "the bank's fields", |t| {
        t.contains("OSND")
    })
    .await;
    ui.screenshot("07-statements-search-detail").await;
    ui.click("filter-reset").await;

    // Every outgoing row got the default expense category at the sync: the category filter
    // totals exactly the outgoing rows.
    ui.select("filter-category", "Інші витрати").await;
    ui.wait_text("summary-count", "the default category's rows", |t| {
        t.starts_with(&format!("{out_count} "))
    })
    .await;
    ui.select("filter-category", "").await;
}

/// Invoices: one paid by a synced payment as it is saved, an import, the review queue and categories.
async fn invoices_review_and_categories(desk: &Desk) {
    let Desk { bank, home, ui, .. } = desk;
    // An invoice that a synced payment names is paid as soon as it is saved; a bad amount is
    // caught in the form first.
    let names_one = |t: &SimTransaction| {
        let found = find_invoice_numbers(&t.purpose);
        (found.len() == 1).then(|| found[0].clone())
    };
    let (paying, number) = bank
        .iter()
        .filter(|t| t.incoming && t.pr_pr == "r")
        .filter_map(|t| names_one(t).map(|n| (t, n)))
        .find(|(_, n)| {
            // No other payment names the same digits.
            bank.iter()
                .filter(|o| {
                    find_invoice_numbers(&o.purpose)
                        .iter()
                        .any(|f| f.digits == n.digits)
                })
                .count()
                == 1
        })
        .expect("a payment naming an invoice number of its own");
    ui.click("nav-invoices").await;
    ui.click("invoice-new").await;
    ui.fill("invoice-number", &number.raw).await;
    ui.fill("invoice-amount", "сто").await;
    ui.click("invoice-save").await;
    ui.find("invoice-amount-error").await;
    ui.fill("invoice-amount", &paying.amount.to_string()).await;
    ui.fill("invoice-customer", &paying.counterparty_name).await;
    ui.click("invoice-save").await;
    ui.wait_text(
        "invoice-status",
        "the invoice paid by the synced payment",
        |t| t == "Оплачено",
    )
    .await;
    ui.click("invoice-status").await;
    ui.wait_text("invoice-payments", "the invoice's payment", |t| {
        t.contains(&paying.counterparty_name) && t.contains("автоматично")
    })
    .await;
    ui.screenshot("07b-invoices").await;

    // Import: a cp1251 file with a bad row is refused row by row; the fixed one saves every row.
    let cp1251 = |text: &str| encoding_rs::WINDOWS_1251.encode(text).0.into_owned();
    let bad_csv = home.path().join("bad.csv");
    std::fs::write(
        &bad_csv,
        cp1251("Номер;Сума;Валюта\nІМП-1;100;UAH\nІМП-2;сто;UAH\n"),
    )
    .unwrap();
    let good_csv = home.path().join("good.csv");
    std::fs::write(
        &good_csv,
        cp1251("Номер;Сума;Валюта\nІМП-1;100;UAH\nІМП-2;200,50;UAH\n"),
    )
    .unwrap();
    ui.find("invoice-import")
        .await
        .send_keys(bad_csv.to_str().unwrap())
        .await
        .unwrap();
    ui.wait_text("import-errors", "the bad row", |t| t.contains("рядок 3"))
        .await;
    ui.find("invoice-import")
        .await
        .send_keys(good_csv.to_str().unwrap())
        .await
        .unwrap();
    ui.wait_text("import-preview", "the good file", |t| t.contains("200,50"))
        .await;
    ui.click("import-save").await;
    ui.wait_text("invoice-notice", "the import", |t| {
        t.contains("Імпортовано 2")
    })
    .await;
    assert_eq!(ui.count("invoice-row").await, 3);
    ui.click("nav-review").await;
    ui.find("review-empty").await;
    ui.click("nav-categories").await;
    ui.wait_text("category-list", "the default category", |t| {
        t.contains("Інші витрати")
    })
    .await;
    ui.screenshot("07c-categories").await;
}

/// Settings: refused and saved values, the login entry, the run history, kept across a restart.
async fn settings_autostart_and_a_restart(desk: &mut Desk) {
    let ui = &desk.ui;
    // Settings: a bad time is refused in words; good ones are saved.
    ui.click("nav-settings").await;
    fill_for_sure(ui, "setting-sync_times", "25:00").await;
    ui.click("settings-save").await;
    let shown = ui
        .wait_text("settings-error", "the refusal", |t| !t.is_empty())
        .await;
    assert!(shown.contains("25:00"), "{shown}");
    fill_for_sure(ui, "setting-sync_times", "08:30, 17:45").await;
    fill_for_sure(ui, "setting-lookback_days", "5").await;
    save_settings(ui).await;
    ui.screenshot("08-settings").await;

    // Autostart is on by default; the toggle removes and restores the login entry.
    let entry = desk.home.path().join(".config/autostart/Vypyska.desktop");
    assert!(entry.exists(), "no login entry");
    ui.click("setting-autostart").await;
    ui.click("settings-save").await;
    wait_until("the login entry to go", || !entry.exists()).await;
    ui.click("setting-autostart").await;
    ui.click("settings-save").await;
    wait_until("the login entry to return", || entry.exists()).await;
    let desktop = std::fs::read_to_string(&entry).unwrap();
    assert!(desktop.contains("--hidden"), "{desktop}");

    ui.click("nav-sync").await;
    ui.wait_text("sync-runs", "the run history", |t| t.contains("Успішно"))
        .await;
    ui.screenshot("09-sync").await;

    // A restart keeps the settings.
    ui.client.clone().close().await.unwrap();
    desk.ui = desk.driver.launch(&desk.app).await;
    let ui = &desk.ui;
    ui.click("nav-settings").await;
    let times = ui
        .find("setting-sync_times")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(times, "08:30,17:45");
}

/// A new update time syncs with the window closed; the notification opens the new payment.
async fn the_timer_and_a_notification(desk: &mut Desk) {
    let ui = &desk.ui;
    // A new update time takes effect at once, without a restart; closing the window keeps the
    // app in the tray, and its timer syncs at that time.
    let soon = (chrono::Utc::now().with_timezone(&privat24::BANK_TZ)
        + chrono::Duration::minutes(2))
    .format("%H:%M")
    .to_string();
    fill_for_sure(ui, "setting-sync_times", &soon).await;
    save_settings(ui).await;
    // Earlier notifications (the first sync's summary) are dismissed, so the next one is alone.
    dunstctl(&["close-all"]);
    let like = desk.bank.iter().find(|t| t.incoming).unwrap().clone();
    let new_key = desk.sim.bank().add_transaction(&SimTransaction {
        day: desk.today,
        ..like
    });
    assert!(x11::is_shown("Виписка"), "the window is not on screen");
    assert_eq!(
        x11::request_close("Виписка"),
        1,
        "one window titled Виписка"
    );
    wait_until("the window to hide", || !x11::is_shown("Виписка")).await;
    let synced = || {
        Store::open_in(desk.data.path())
            .unwrap()
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM statements WHERE key = ?1",
                [&new_key],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            == 1
    };
    let diagnose = || {
        let cli = |args: &[&str]| {
            let out = vypyska_tests::run_cli(desk.data.path(), &desk.url, args, "");
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        let alive = std::process::Command::new("pgrep")
            .args(["-f", &desk.app.to_string_lossy()])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        format!(
            "no sync with the window closed (update time {soon}); app processes: {alive:?}; \
             runs:\n{}\nsettings:\n{}",
            cli(&["runs"]),
            cli(&["settings"])
        )
    };
    wait_until_for(Duration::from_secs(200), diagnose, synced).await;

    // The new payment is told on the desktop; its "Open" brings the window back on it.
    let told = || {
        Store::open_in(desk.data.path())
            .unwrap()
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM notices n
                 JOIN statements s ON n.key = 'payment:' || s.account || '/' || s.key
                 WHERE s.key = ?1 AND n.delivery_error IS NULL",
                [&new_key],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            == 1
    };
    wait_until("the new payment's notification", told).await;
    assert_eq!(
        dunstctl(&["count", "displayed"]),
        "1",
        "only the new payment is shown"
    );
    dunstctl(&["action", "0"]);
    wait_until("the window to come back", || x11::is_shown("Виписка")).await;
    let reference = new_key.split('/').next().unwrap().to_owned();
    ui.wait_text("statement-detail", "the notified payment's details", |t| {
        t.contains(&reference)
    })
    .await;
    ui.screenshot("10-opened-from-notification").await;
}

/// A damaged database at start, and the backup that brings it back.
async fn a_damaged_file_and_its_restore(desk: &mut Desk) {
    let ui = &desk.ui;
    // A damaged database at start: the file is kept aside, the owner is told and offered the
    // day's automatic backup, which brings the account and its statements back.
    ui.client.clone().close().await.unwrap();
    wait_until("the app to end", || !driver::running(&desk.app)).await;
    assert!(desk.data.path().join("backups").read_dir().unwrap().count() >= 1);
    // Every page of the file overwritten (the write-ahead log, which may hold newer copies of
    // some pages, is left as it is).
    let db = desk.data.path().join(vypyska_core::store::DB_FILE);
    let len = std::fs::metadata(&db).unwrap().len() as usize;
    std::fs::write(&db, vec![0x5A; len]).unwrap();
    desk.ui = desk.driver.launch(&desk.app).await;
    let ui = &desk.ui;
    ui.find("recovery").await;
    let kept = ui.text("recovery-kept").await;
    assert!(kept.contains("damaged"), "{kept}");
    ui.screenshot("11-recovery").await;
    ui.click("recovery-restore").await;
    ui.wait_text("summary-count", "the restored statements", |t| {
        t.split_whitespace()
            .next()
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > 0)
    })
    .await;
    assert!(statements_count(desk.data.path()) > 0);
}

/// A second company with an account of its own: the switcher shows each company's statements,
/// totals, invoices and accounts, and all of them together.
async fn two_companies(desk: &Desk) {
    let Desk {
        sim,
        data,
        ui,
        today,
        ..
    } = desk;
    ui.click("nav-companies").await;
    ui.click("company-new").await;
    ui.fill("company-name", "ФОП Другий").await;
    ui.fill("company-tax-id", "3012345670").await;
    ui.click("company-save").await;
    ui.find("company-notice").await;
    let store = Store::open_in(data.path()).unwrap();
    let id_of = |name: &str| -> i64 {
        store
            .conn()
            .query_row("SELECT id FROM companies WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let second = id_of("ФОП Другий");
    let first: i64 = store
        .conn()
        .query_row("SELECT MIN(id) FROM companies", [], |r| r.get(0))
        .unwrap();
    // The account added while the switcher shows the new company is that company's.
    ui.select("company-switcher", &second.to_string()).await;
    ui.click("nav-merchants").await;
    assert_eq!(
        ui.count("merchant-item").await,
        0,
        "the new company has no account yet"
    );
    let account = sim.bank().accounts()[1].clone();
    ui.click("merchant-add").await;
    ui.fill("field-name", "Рахунок Другого").await;
    ui.fill("field-account", &account.iban).await;
    ui.select("field-currency", &account.currency).await;
    ui.fill("field-token", TOKEN).await;
    ui.click("merchant-save").await;
    ui.find("merchant-notice").await;
    ui.wait_text("merchant-company", "the account's company", |t| {
        t == "ФОП Другий"
    })
    .await;

    // Its statements alone, with their totals, once its first sync is in.
    let from = *today - chrono::Duration::days(30);
    let theirs: Vec<SimTransaction> = sim
        .bank()
        .transactions()
        .into_iter()
        .filter(|t| t.account == account.iban && t.day >= from && t.day <= *today)
        .collect();
    let (count, incoming, outgoing) = expected(&theirs, |_| true);
    ui.click("nav-statements").await;
    ui.wait_text("summary-count", "the second company's statements", |t| {
        t.starts_with(&format!("{count} "))
    })
    .await;
    let ccy = &account.currency;
    let shown = |amount| plain(&money(amount, ccy, Lang::Uk));
    assert_eq!(ui.text(&format!("total-in-{ccy}")).await, shown(incoming));
    assert_eq!(ui.text(&format!("total-out-{ccy}")).await, shown(outgoing));
    ui.screenshot("13-second-company").await;
    ui.click("nav-invoices").await;
    wait_count(ui, "invoice-row", 0).await;

    // The first company: its own rows, as stored; all: both.
    let live = |company: Option<i64>| -> usize {
        store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM statements s JOIN merchants m ON m.id = s.merchant_id
                 WHERE s.state IN ('posted', 'pending') AND (?1 IS NULL OR m.company_id = ?1)",
                [company],
                |r| r.get::<_, i64>(0),
            )
            .unwrap() as usize
    };
    let invoices_of_first: i64 = store
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM invoices WHERE company_id = ?1",
            [first],
            |r| r.get(0),
        )
        .unwrap();
    ui.select("company-switcher", &first.to_string()).await;
    wait_count(ui, "invoice-row", invoices_of_first as usize).await;
    ui.click("nav-statements").await;
    ui.wait_text("summary-count", "the first company's statements", |t| {
        t.starts_with(&format!("{} ", live(Some(first))))
    })
    .await;
    ui.select("company-switcher", "").await;
    ui.wait_text("summary-count", "every company's statements", |t| {
        t.starts_with(&format!("{} ", live(None)))
    })
    .await;
    ui.click("nav-merchants").await;
    assert_eq!(ui.count("merchant-item").await, 2);
    assert_eq!(ui.count("merchant-company").await, 2);
}

/// After every scenario (adding, syncs, a restart, the timer, a notification, a damaged file and
/// its restore), at debug level: the token is in no file of the data folder and nowhere in the
/// app's log.
fn no_token_anywhere(desk: &Desk) {
    assert!(vypyska_tests::assert_not_in_folder(desk.data.path(), TOKEN) > 3);
    let log = std::fs::read_to_string(driver::screenshot_dir().join("app.log")).unwrap();
    assert!(log.contains("DEBUG"), "the app logged at debug level");
    assert!(!log.contains(TOKEN), "the token in the app's log");
}

/// Through the window's own IPC, as a compromised page could: each command that takes input,
/// given bad input, answers `{code, message}` with a known code and words; every command's
/// reply (the readers' too) is searched for the token.
async fn ipc_refuses_bad_input_in_words_and_never_returns_the_token(ui: &driver::Ui) {
    use serde_json::{json, Value};
    let query = json!({"merchant": null, "from": "31.02.2026", "to": null, "direction": null,
        "state": null, "search": null, "allocated": null, "category": null});
    let merchant = json!({"name": " ", "account": "UA00 1234", "currency": "UAH",
        "client_id": null, "token": TOKEN});
    let invoice = json!({"number": "", "amount": "-5", "currency": "UAH", "issued_on": "вчора",
        "customer_name": "", "customer_tax_id": "", "customer_iban": "", "due_on": null, "note": ""});
    let employee = json!({"id": 0, "name": "", "email": "не адреса", "this_computer": false,
        "kinds": [], "companies": []});
    let bad: Vec<(&str, Value)> = vec![
        ("check_connection", json!({"input": merchant})),
        ("add_merchant", json!({"input": merchant})),
        (
            "replace_token",
            json!({"name": "Нема такого", "clientId": null, "token": TOKEN}),
        ),
        (
            "rename_merchant",
            json!({"name": "Нема такого", "newName": "Інший"}),
        ),
        (
            "remove_merchant",
            json!({"name": "Нема такого", "deleteStatements": false}),
        ),
        (
            "list_statements",
            json!({"query": query, "after": null, "limit": 50}),
        ),
        ("get_statement", json!({"id": -1})),
        ("statement_summary", json!({"query": query})),
        ("statement_fields", json!({"id": 999_999_999})),
        (
            "save_settings",
            json!({"changes": {"no_such_setting": "1"}}),
        ),
        (
            "save_settings",
            json!({"changes": {"page_limit": "100000"}}),
        ),
        ("save_invoice", json!({"id": null, "input": invoice})),
        ("cancel_invoice", json!({"id": 999_999_999})),
        ("invoice_payments", json!({"id": 999_999_999})),
        (
            "allocate_payment",
            json!({"statementId": 999_999_999, "invoiceId": 1, "amount": "abc"}),
        ),
        (
            "unallocate_payment",
            json!({"statementId": 999_999_999, "invoiceId": null}),
        ),
        (
            "accept_suggestion",
            json!({"statementId": 999_999_999, "invoiceId": 1}),
        ),
        ("reject_suggestion", json!({"statementId": 999_999_999})),
        (
            "change_categories",
            json!({"change": {"action": "add", "name": "  "}}),
        ),
        (
            "change_categories",
            json!({"change": {"action": "add_rule", "field": "name",
            "op": "regex", "pattern": "(", "category": "Оренда"}}),
        ),
        (
            "set_category",
            json!({"statementId": 999_999_999, "category": "Нема такої"}),
        ),
        ("mark_notices_read", json!({"id": 999_999_999})),
        ("save_employee", json!({"employee": employee})),
        ("remove_employee", json!({"id": 999_999_999})),
        (
            "save_company_setting",
            json!({"companyId": 1, "key": "language", "value": "en"}),
        ),
        ("send_test_email", json!({"to": "не адреса"})),
        ("restore_backup", json!({})),
    ];
    let readers: Vec<(&str, Value)> = [
        "app_info",
        "list_merchants",
        "get_settings",
        "sync_state",
        "list_invoices",
        "review_queue",
        "list_categories",
        "list_notices",
        "list_employees",
        "list_companies",
    ]
    .into_iter()
    .map(|c| (c, json!({})))
    .chain([
        ("sync_runs", json!({"limit": 100})),
        (
            "list_statements",
            json!({"query": {}, "after": null, "limit": 20}),
        ),
    ])
    .collect();
    let call = |calls: &Vec<(&str, Value)>| {
        let calls: Vec<Value> = calls.iter().map(|(c, a)| json!([c, a])).collect();
        let client = ui.client.clone();
        async move {
            client
                .execute_async(
                    r#"const [calls, done] = arguments;
                    (async () => {
                      const out = [];
                      for (const [cmd, args] of calls) {
                        try {
                          out.push([cmd, "ok", await window.__TAURI_INTERNALS__.invoke(cmd, args)]);
                        } catch (e) {
                          out.push([cmd, "error", e]);
                        }
                      }
                      done(out);
                    })();"#,
                    vec![json!(calls)],
                )
                .await
                .unwrap()
        }
    };
    let refused = call(&bad).await;
    let known: Vec<String> = include_str!("../../ui/src/bindings.ts")
        .split("export type Code = ")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split('|')
        .map(|c| c.trim().trim_matches('"').to_owned())
        .collect();
    let mut slack = Vec::new();
    for reply in refused.as_array().unwrap() {
        let (cmd, outcome, body) = (&reply[0], &reply[1], &reply[2]);
        let code = body["code"].as_str().unwrap_or_default();
        let message = body["message"].as_str().unwrap_or_default();
        if outcome != "error"
            || !known.iter().any(|k| k == code)
            || code == "unexpected"
            || message.trim().is_empty()
        {
            slack.push(format!("{cmd}: {outcome} {body}"));
        }
    }
    assert!(
        slack.is_empty(),
        "bad input not refused in words:\n{}",
        slack.join("\n")
    );
    let read = call(&readers).await;
    for reply in read.as_array().unwrap() {
        assert_eq!(reply[1], "ok", "{reply}");
    }
    for replies in [&refused, &read] {
        assert!(
            !replies.to_string().contains(TOKEN),
            "the token in an IPC reply"
        );
    }
}

/// Runs `dunstctl` (the tests' notification server, started by `.ci/test`) and returns its output.
fn dunstctl(args: &[&str]) -> String {
    let out = std::process::Command::new("dunstctl")
        .args(args)
        .output()
        .expect("dunstctl: install dunst (see .ci/setup)");
    assert!(
        out.status.success(),
        "dunstctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

async fn wait_until(what: &str, check: impl FnMut() -> bool) {
    wait_until_for(
        Duration::from_secs(30),
        || format!("timed out waiting for {what}"),
        check,
    )
    .await
}

/// Polls `check` until it holds; past `limit`, fails with what `diagnose` tells.
/// Types `value` into a field and waits until the field holds it (typing while the form is
/// still being filled from the backend can be overwritten: it is typed again then).
async fn fill_for_sure(ui: &driver::Ui, id: &str, value: &str) {
    for _ in 0..5 {
        ui.fill(id, value).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let held = ui
            .find(id)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        if held == value {
            return;
        }
    }
    panic!("{id} does not keep {value:?}");
}

/// An invoice of the team's only company, added on the server as another desktop would.
fn team_invoice(books: &Store, number: &str, amount: &str, day: chrono::NaiveDate) {
    vypyska_core::invoices::add(
        books.conn(),
        &SystemClock,
        vypyska_core::invoices::NewInvoice {
            company_id: None,
            number: number.into(),
            amount: amount.parse().unwrap(),
            currency: "UAH".into(),
            issued_on: day,
            customer_name: "ТОВ «Командна»".into(),
            customer_tax_id: String::new(),
            customer_iban: String::new(),
            due_on: None,
            note: String::new(),
        },
    )
    .unwrap();
}

/// The settings screen joins a team's books on the server as one of its employees (the window
/// then shows the team's invoices, not this computer's), and goes back to the file.
async fn joining_a_team_and_leaving_it(desk: &Desk) {
    let ui = &desk.ui;
    // The team's books, made by its owner elsewhere: an employee and an invoice of their own.
    let url = vypyska_tests::team_database();
    let mut books = Store::connect(&url).unwrap();
    vypyska_core::notifications::save_employee(
        &mut books,
        &vypyska_core::notifications::Employee {
            id: 0,
            name: "Олена Бухгалтер".into(),
            email: String::new(),
            this_computer: false,
            kinds: vec![vypyska_core::notifications::Kind::Payment],
            companies: Vec::new(),
        },
    )
    .unwrap();
    team_invoice(&books, "КОМАНДА-77", "770", desk.today);

    ui.click("nav-settings").await;
    // A name the team does not have is refused in words, naming the team's people.
    ui.fill("team-url", &url).await;
    ui.fill("team-employee", "Невідома").await;
    ui.click("team-join").await;
    let refused = ui
        .wait_text("team-error", "the refusal", |t| !t.is_empty())
        .await;
    assert!(refused.contains("Олена Бухгалтер"), "{refused}");
    ui.fill("team-employee", "Олена Бухгалтер").await;
    ui.click("team-join").await;
    ui.wait_text("team-status", "the team's status", |t| {
        t.contains("«Олена Бухгалтер»")
    })
    .await;
    ui.screenshot("12-team").await;
    ui.click("nav-invoices").await;
    ui.wait_text("invoice-list", "the team's invoices", |t| {
        t.contains("КОМАНДА-77")
    })
    .await;
    // Another desktop of the team adds an invoice: this window shows it by itself (the
    // server's doorbell, then the screens refetch).
    team_invoice(&books, "КОМАНДА-78", "780", desk.today);
    ui.wait_text("invoice-list", "another desktop's invoice", |t| {
        t.contains("КОМАНДА-78")
    })
    .await;

    // Back to this computer's file: its own invoices again.
    ui.click("nav-settings").await;
    ui.click("team-leave").await;
    ui.find("team-join").await;
    ui.click("nav-invoices").await;
    ui.wait_text("invoice-list", "this computer's invoices", |t| {
        !t.is_empty() && !t.contains("КОМАНДА-77")
    })
    .await;
    assert!(!desk.data.path().join("team.json").exists());
}

/// Saves the settings form and waits for its answer: the saved notice, or a refusal, which
/// fails the test with its words (and a picture of the window).
async fn save_settings(ui: &driver::Ui) {
    ui.click("settings-save").await;
    let start = Instant::now();
    loop {
        if ui.count("settings-saved").await > 0 {
            return;
        }
        let refusal = match ui.client.find(css(&testid("settings-error"))).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if !refusal.is_empty() || start.elapsed() > PATIENCE {
            ui.screenshot("failed-settings-save").await;
            let page = ui
                .client
                .find(css("body"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap_or_default();
            panic!("the settings were not saved: {refusal:?}; the window shows {page:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Waits until the window shows `n` elements of `id`.
async fn wait_count(ui: &driver::Ui, id: &str, n: usize) {
    let start = Instant::now();
    loop {
        let shown = ui.count(id).await;
        if shown == n {
            return;
        }
        if start.elapsed() > Duration::from_secs(20) {
            ui.screenshot(&format!("timeout-count-{id}")).await;
            panic!("{id}: {shown} shown, {n} expected");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn wait_until_for(
    limit: Duration,
    diagnose: impl FnOnce() -> String,
    mut check: impl FnMut() -> bool,
) {
    let start = Instant::now();
    while !check() {
        if start.elapsed() > limit {
            panic!("{}", diagnose());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
