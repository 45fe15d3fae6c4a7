//! What every fuzz target checks, beyond "does not panic". Shared with the integration tests,
//! which replay the kept corpus and every crash found (`tests/integration/fuzz_corpus.rs`).

use chrono::NaiveDate;
use vypyska_core::invoice_numbers::{find_invoice_numbers, main_digits, number_key};
use vypyska_core::{invoice_import, validate, Lang};

/// A reply body as the bank might send it (UTF-8 or cp1251), read as a page of transactions,
/// a page of balances and as settings. Every row read keeps its exact JSON and a key.
pub fn transactions_page(bytes: &[u8]) {
    let body = privat24::decode_body(bytes, None);
    if let Ok(page) = privat24::parse_transactions_page(&body) {
        for t in &page.items {
            assert!(!t.key.is_empty(), "a row without a key");
            assert!(
                serde_json::from_str::<serde_json::Value>(&t.raw).is_ok(),
                "a row's raw text is not JSON"
            );
            // Nothing impossible is read as money: unsigned, at most the largest real amount.
            assert!(
                !t.amount.is_sign_negative() && t.amount <= privat24::MAX_AMOUNT,
                "{}",
                t.amount
            );
            let _ = vypyska_core::store::minor_units(t.amount);
        }
        for r in &page.rejected {
            assert!(!r.reason.is_empty(), "a rejected row without a reason");
        }
    }
    let _ = privat24::parse_balances_page(&body);
    let _ = privat24::parse_settings(&body);
}

/// A payment purpose: every number found is written in it, and its keys are the ones the
/// invoices table would compute for it.
pub fn invoice_numbers(bytes: &[u8]) {
    let Ok(purpose) = std::str::from_utf8(bytes) else {
        return;
    };
    for found in find_invoice_numbers(purpose) {
        assert!(!found.raw.is_empty());
        assert!(purpose.contains(&found.raw), "{found:?} not in {purpose:?}");
        assert_eq!(found.key, number_key(&found.raw));
        assert_eq!(found.digits, main_digits(&found.raw));
    }
}

/// An invoice file: each line is either an invoice or an error, never both, never lost; every
/// invoice read has a number and an amount above zero.
pub fn invoice_import(bytes: &[u8]) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let preview = invoice_import::read(
        bytes,
        today,
        Lang::Uk,
        &invoice_import::Owners {
            default: Some(1),
            ..Default::default()
        },
    );
    for inv in &preview.invoices {
        assert!(!inv.number.trim().is_empty());
        assert!(inv.amount > rust_decimal::Decimal::ZERO, "{inv:?}");
    }
    for e in &preview.errors {
        assert!(e.line >= 1 && !e.message.is_empty(), "{e:?}");
    }
}

/// An account number: what is accepted is a normalised IBAN, accepted again as itself.
pub fn iban(bytes: &[u8]) {
    let Ok(input) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(iban) = validate::iban(input) {
        assert!(iban.chars().all(|c| c.is_ascii_alphanumeric()), "{iban:?}");
        assert_eq!(iban, iban.to_ascii_uppercase());
        assert_eq!(validate::iban(&iban).ok().as_ref(), Some(&iban));
    }
}
