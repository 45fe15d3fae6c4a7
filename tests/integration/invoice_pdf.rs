//! Invoices that pay themselves: the PDF read back by independent tools (`qpdf`, `pdftotext`),
//! its NBU payment QR code rendered (`pdftoppm`) and decoded (`zbarimg`) as a banking app would,
//! and a payment made with exactly that code's purpose allocated by the next sync.

use std::path::Path;
use std::process::Command;

use base64::Engine;
use serde_json::Value;
use vypyska_tests::{sim_config, text, Env};

const COMPANY: &str = "ТОВ «Ромашка»";
const NUMBER: &str = "СФ-2026-0042";

/// A company with every detail an invoice prints, its account, and one invoice.
async fn invoicing() -> Env {
    let env = Env::new(sim_config(1, 10, 5)).await;
    env.cli_ok(&[
        "company",
        "add",
        "--name",
        COMPANY,
        "--tax-id",
        "14360570",
        "--vat-payer",
        "143605726543",
        "--address",
        "м. Київ, вул. Хрещатик, 1",
        "--signer",
        "Іваненко О. П.",
    ])
    .await;
    let out = env
        .cli_add_merchant_to("Основний", 0, 5, Some(COMPANY))
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    env.cli_ok(&[
        "invoice",
        "add",
        "--number",
        NUMBER,
        "--amount",
        "1250.50",
        "--currency",
        "UAH",
        "--date",
        "2026-12-01",
        "--due",
        "2026-12-15",
        "--customer",
        "ФОП Шевченко Тарас Григорович",
        "--customer-tax-id",
        "3012345670",
    ])
    .await;
    env
}

fn run(program: &str, args: &[&str]) -> std::process::Output {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (install it: .ci/setup)"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    out
}

/// What a scanner reads off the PDF's first page, rendered at 200 dpi.
fn scanned(pdf: &Path) -> String {
    let dir = pdf.parent().unwrap();
    let prefix = dir.join("page");
    run(
        "pdftoppm",
        &[
            "-r",
            "200",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = dir.join("page.png");
    let out = run(
        "zbarimg",
        &[
            "--raw",
            "-q",
            "-Sdisable",
            "-Sqrcode.enable",
            png.to_str().unwrap(),
        ],
    );
    text(&out.stdout).trim_end_matches('\n').to_owned()
}

/// The fields of a code's text: its start address, Base64URL, Windows-1251, one a line.
fn fields(content: &str, start: &str) -> Vec<String> {
    let payload = content
        .strip_prefix(start)
        .unwrap_or_else(|| panic!("{content} starts with {start}"));
    let data = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    assert!(data.len() <= 475, "{} bytes of data", data.len());
    let (decoded, _, bad) = encoding_rs::WINDOWS_1251.decode(&data);
    assert!(!bad);
    decoded.split('\n').map(str::to_owned).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_prints_with_a_code_a_banking_app_reads_and_its_payment_allocates_itself() {
    let env = invoicing().await;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("invoice.pdf");
    let out = env
        .cli_ok(&["invoice", "pdf", NUMBER, "--out", pdf.to_str().unwrap()])
        .await;
    assert!(text(&out.stdout).contains(NUMBER), "{}", text(&out.stdout));

    // A sound PDF, whose text holds what an accountant looks for.
    run("qpdf", &["--check", pdf.to_str().unwrap()]);
    let words = text(&run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).stdout)
        .replace('\u{a0}', " ");
    for wanted in [
        "Рахунок на оплату № СФ-2026-0042 від 01.12.2026",
        COMPANY,
        "ЄДРПОУ 14360570",
        "платник ПДВ, ІПН 143605726543",
        "ФОП Шевченко Тарас Григорович",
        "РНОКПП 3012345670",
        "1 042,08",
        "ПДВ 20%:",
        "208,42",
        "1 250,50",
        "Одна тисяча двісті п'ятдесят гривень 50 копійок",
        "Оплатити до 15.12.2026",
        "Відскануйте сканером у застосунку банку",
        "Іваненко О. П.",
    ] {
        assert!(words.contains(wanted), "no {wanted:?} in:\n{words}");
    }

    // The code, as a scanner reads it off the page, is the one the CLI prints, field by field.
    let content = scanned(&pdf);
    let qr: Value = serde_json::from_slice(
        &env.cli_ok(&["invoice", "qr", NUMBER, "--json"])
            .await
            .stdout,
    )
    .unwrap();
    assert_eq!(content, qr["content"].as_str().unwrap());
    assert!(content.len() <= 507);
    let f = fields(&content, "https://qr.bank.gov.ua/");
    assert_eq!(f.len(), 17, "{f:?}");
    assert_eq!(&f[..5], ["BCD", "003", "2", "UCT", ""]);
    assert_eq!(f[5], COMPANY);
    let account = env.sim.bank().accounts()[0].iban.clone();
    assert_eq!(f[6], account);
    assert_eq!(f[7], "UAH1250.50");
    assert_eq!(f[8], "14360570");
    assert_eq!(f[9], "OTHR/OTHR");
    assert_eq!(f[10], "SF-2026-0042");
    let purpose = f[11].clone();
    assert_eq!(
        purpose,
        "Оплата за рахунком № СФ-2026-0042 від 01.12.2026, сума 1 250,50 грн, у т.ч. ПДВ 208,42 грн"
    );
    assert_eq!(f[13], "FFFF");

    // The same in format 002, for older apps.
    let old = dir.path().join("invoice-002.pdf");
    env.cli_ok(&[
        "invoice",
        "pdf",
        NUMBER,
        "--format",
        "002",
        "--out",
        old.to_str().unwrap(),
    ])
    .await;
    let f = fields(&scanned(&old), "https://bank.gov.ua/qr/");
    assert_eq!(f.len(), 13, "{f:?}");
    assert_eq!(&f[..4], ["BCD", "002", "2", "UCT"]);
    assert_eq!(
        (f[6].as_str(), f[7].as_str()),
        (account.as_str(), "UAH1250.50")
    );
    assert_eq!(f[11], purpose);

    // The customer pays by the code: the payment's purpose is the code's; the next sync pays
    // the invoice in full.
    env.bank_pays(&account, "1250.50", &purpose);
    env.cli_ok(&["sync"]).await;
    let invoices: Vec<Value> =
        serde_json::from_slice(&env.cli_ok(&["invoices", "--json"]).await.stdout).unwrap();
    let invoice = invoices.iter().find(|i| i["number"] == NUMBER).unwrap();
    assert_eq!(invoice["status"], "paid", "{invoice}");
    assert_eq!(invoice["paid"], "1250.50", "{invoice}");
    // And whoever hears of it is told which invoice was paid.
    let told: Vec<String> = {
        let store = env.store();
        let mut stmt = store
            .conn()
            .prepare("SELECT title || ' | ' || body FROM notices ORDER BY id")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert!(told.iter().any(|n| n.contains(NUMBER)), "{told:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_that_cannot_be_paid_by_code_is_said_in_words_and_nothing_is_written() {
    let env = Env::new(sim_config(1, 10, 5)).await;
    // A company the bank named, without its code yet.
    env.cli_ok(&[
        "company",
        "add",
        "--name",
        "ФОП Без Коду",
        "--tax-id",
        "3012345670",
    ])
    .await;
    let out = env
        .cli_add_merchant_to("Основний", 0, 5, Some("ФОП Без Коду"))
        .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    env.store()
        .conn()
        .execute_batch("UPDATE companies SET tax_id = ''")
        .unwrap();
    env.cli_ok(&[
        "invoice",
        "add",
        "--number",
        "А-1",
        "--amount",
        "10",
        "--currency",
        "UAH",
    ])
    .await;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("a.pdf");
    let out = env
        .cli(
            &["invoice", "pdf", "А-1", "--out", pdf.to_str().unwrap()],
            "",
        )
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("немає ЄДРПОУ чи РНОКПП"),
        "{}",
        text(&out.stderr)
    );
    assert!(!pdf.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // A number no invoice has, and a format that does not exist.
    let out = env.cli(&["invoice", "qr", "Б-404"], "").await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let out = env
        .cli(&["invoice", "qr", "А-1", "--format", "004"], "")
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("003 або 002"),
        "{}",
        text(&out.stderr)
    );
}
