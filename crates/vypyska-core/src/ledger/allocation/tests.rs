use expect_test::expect;

use super::*;
use crate::invoice_numbers::{main_digits, number_key};

fn pay(id: i64, amount: i64, purpose: &str) -> Payment {
    Payment {
        statement_id: id,
        company_id: Some(1),
        key: format!("R{id}/1"),
        amount_minor: amount,
        currency: "UAH".into(),
        payer_tax_id: "14360570".into(),
        purpose: purpose.into(),
    }
}

fn inv(id: i64, number: &str, amount: i64) -> OpenInvoice {
    OpenInvoice {
        id,
        company_id: 1,
        number: number.into(),
        key: number_key(number),
        digits: main_digits(number),
        currency: "UAH".into(),
        customer_tax_id: String::new(),
        amount_minor: amount,
        paid_minor: 0,
    }
}

/// The plan as a person reads it, a step a line: what goes where, how much, and why.
fn shown(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        let line = match step {
            Step::Allocate {
                statement_id,
                invoice_id,
                amount_minor,
                reason,
            } => {
                format!("payment {statement_id} → invoice {invoice_id}: {amount_minor} ({reason})")
            }
            Step::Unallocate {
                statement_id,
                invoice_id,
                amount_minor,
                reason,
            } => {
                format!("payment {statement_id} ✗ invoice {invoice_id}: {amount_minor} ({reason})")
            }
            Step::Suggest {
                statement_id,
                invoice_ids,
                reason,
            } => format!("payment {statement_id} ? invoices {invoice_ids:?} ({reason})"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str("nothing\n");
    }
    out
}

/// Payments against invoices, each case with the plan it makes.
#[test]
fn each_purpose_plans_as_shown() {
    let check = |payments: &[Payment], invoices: &[OpenInvoice], want: expect_test::Expect| {
        want.assert_eq(&shown(&plan(payments, invoices, &[])));
    };
    // An exact number: in full.
    check(
        &[pay(1, 100_000, "Оплата згідно рах. № 123 від 01.11.2026")],
        &[inv(7, "123", 100_000)],
        expect![[r#"
            payment 1 → invoice 7: 100000 (purpose names invoice 123 (number))
        "#]],
    );
    // Leading zeros and prefixes match only when one invoice has those digits…
    let one = [inv(7, "СФ-000123", 5000)];
    check(
        &[pay(1, 5000, "рах 123")],
        &one,
        expect![[r#"
        payment 1 → invoice 7: 5000 (purpose names invoice СФ-000123 (digits))
    "#]],
    );
    let two = [inv(7, "СФ-000123", 5000), inv(8, "INV-123", 7000)];
    check(
        &[pay(1, 9000, "рах 123")],
        &two,
        expect![[r#"
        payment 1 ? invoices [7, 8] (several invoices have this number)
    "#]],
    );
    // …or when evidence beyond the number settles it: the outstanding amount…
    check(
        &[pay(1, 7000, "рах 123")],
        &two,
        expect![[r#"
        payment 1 → invoice 8: 7000 (purpose names invoice INV-123 (digits))
    "#]],
    );
    // …or the payer's tax code.
    let mut by_payer = two.clone();
    by_payer[0].customer_tax_id = "14360570".into();
    check(
        &[pay(1, 9000, "рах 123")],
        &by_payer,
        expect![[r#"
        payment 1 → invoice 7: 9000 (purpose names invoice СФ-000123 (digits), payer's tax code matches, overpaid)
    "#]],
    );
    // Another currency is not a match.
    let mut usd = inv(7, "123", 5000);
    usd.currency = "USD".into();
    check(
        &[pay(1, 5000, "рах 123")],
        &[usd],
        expect![[r#"
        nothing
    "#]],
    );
    // Partial and repeated payments add up.
    check(
        &[
            pay(1, 40_000, "рах 45 частково"),
            pay(2, 60_000, "доплата по рах. 45"),
        ],
        &[inv(7, "45", 100_000)],
        expect![[r#"
            payment 1 → invoice 7: 40000 (purpose names invoice 45 (number))
            payment 2 → invoice 7: 60000 (purpose names invoice 45 (number))
        "#]],
    );
    // One payment for several invoices is split in invoice order; the last is overpaid.
    check(
        &[pay(1, 100_000, "Оплата за рах. №12, №13")],
        &[inv(12, "12", 30_000), inv(13, "13", 50_000)],
        expect![[r#"
            payment 1 → invoice 12: 30000 (purpose names invoice 12 (number))
            payment 1 → invoice 13: 70000 (purpose names invoice 13 (number), overpaid)
        "#]],
    );
    // An overpayment is recorded as such.
    check(
        &[pay(1, 120_000, "рах 9")],
        &[inv(9, "9", 100_000)],
        expect![[r#"
        payment 1 → invoice 9: 120000 (purpose names invoice 9 (number), overpaid)
    "#]],
    );
    // The same number in two companies: each payment pays its own company's invoice only, and a
    // payment whose account is gone pays none.
    let mine = inv(7, "СФ-0001", 5000);
    let theirs = OpenInvoice {
        company_id: 2,
        ..inv(8, "СФ-0001", 9000)
    };
    let to_second = Payment {
        company_id: Some(2),
        ..pay(2, 9000, "Оплата згідно рах. № СФ-0001")
    };
    let orphan = Payment {
        company_id: None,
        ..pay(3, 5000, "Оплата згідно рах. № СФ-0001")
    };
    check(
        &[
            pay(1, 5000, "Оплата згідно рах. № СФ-0001"),
            to_second,
            orphan,
        ],
        &[mine, theirs],
        expect![[r#"
            payment 1 → invoice 7: 5000 (purpose names invoice СФ-0001 (number))
            payment 2 → invoice 8: 9000 (purpose names invoice СФ-0001 (number))
        "#]],
    );
    // Payments without a known number are left alone.
    let nine = [inv(9, "9", 100)];
    check(
        &[pay(1, 100, "Поповнення рахунку")],
        &nine,
        expect![[r#"
        nothing
    "#]],
    );
    check(
        &[pay(1, 100, "рах 10")],
        &nine,
        expect![[r#"
        nothing
    "#]],
    );
    check(
        &[pay(1, 100, "Оплата згідно договору № 9")],
        &nine,
        expect![[r#"
        nothing
    "#]],
    );
}

#[test]
fn a_reversed_payment_loses_its_allocation() {
    let stale = [Stale {
        statement_id: 1,
        invoice_id: 9,
        amount_minor: 100,
        state: "reversed".into(),
        company_id: 1,
    }];
    let steps = plan(&[], &[inv(9, "9", 100)], &stale);
    assert!(
        matches!(&steps[0], Step::Unallocate { statement_id: 1, invoice_id: 9, reason, .. } if reason.contains("reversed"))
    );
}

#[test]
fn reasons_read_in_ukrainian() {
    use crate::Lang;
    let reason = "purpose names invoice СФ-12 (digits), payer's tax code matches, overpaid";
    assert_eq!(
        explain(reason, Lang::Uk),
        "у призначенні названо рахунок № СФ-12 (цифри номера), код платника збігається, переплата"
    );
    assert_eq!(explain(reason, Lang::En), reason);
    assert_eq!(
        explain("allocated by hand (user)", Lang::Uk),
        "рознесено вручну (користувач)"
    );
}
