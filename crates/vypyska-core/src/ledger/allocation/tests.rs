use super::*;
use crate::invoice_numbers::{main_digits, number_key};

fn pay(id: i64, amount: i64, purpose: &str) -> Payment {
    Payment {
        statement_id: id,
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
        number: number.into(),
        key: number_key(number),
        digits: main_digits(number),
        currency: "UAH".into(),
        customer_tax_id: String::new(),
        amount_minor: amount,
        paid_minor: 0,
    }
}

fn allocations(steps: &[Step]) -> Vec<(i64, i64, i64)> {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Allocate {
                statement_id,
                invoice_id,
                amount_minor,
                ..
            } => Some((*statement_id, *invoice_id, *amount_minor)),
            _ => None,
        })
        .collect()
}

#[test]
fn an_exact_number_is_allocated_in_full() {
    let steps = plan(
        &[pay(1, 100_000, "Оплата згідно рах. № 123 від 01.11.2026")],
        &[inv(7, "123", 100_000)],
        &[],
    );
    assert_eq!(allocations(&steps), [(1, 7, 100_000)]);
}

#[test]
fn leading_zeros_and_prefixes_match_only_when_unambiguous() {
    let one = [inv(7, "СФ-000123", 5000)];
    assert_eq!(
        allocations(&plan(&[pay(1, 5000, "рах 123")], &one, &[])),
        [(1, 7, 5000)]
    );
    let two = [inv(7, "СФ-000123", 5000), inv(8, "INV-123", 7000)];
    let steps = plan(&[pay(1, 9000, "рах 123")], &two, &[]);
    assert!(allocations(&steps).is_empty());
    assert!(matches!(&steps[0], Step::Suggest { invoice_ids, .. } if invoice_ids == &[7, 8]));
    // Evidence beyond the number settles it: the outstanding amount…
    assert_eq!(
        allocations(&plan(&[pay(1, 7000, "рах 123")], &two, &[])),
        [(1, 8, 7000)]
    );
    // …or the payer's tax code.
    let mut by_payer = two.clone();
    by_payer[0].customer_tax_id = "14360570".into();
    assert_eq!(
        allocations(&plan(&[pay(1, 9000, "рах 123")], &by_payer, &[])),
        [(1, 7, 9000)]
    );
}

#[test]
fn another_currency_is_not_a_match() {
    let mut usd = inv(7, "123", 5000);
    usd.currency = "USD".into();
    assert!(plan(&[pay(1, 5000, "рах 123")], &[usd], &[]).is_empty());
}

#[test]
fn partial_and_repeated_payments_add_up() {
    let invoices = [inv(7, "45", 100_000)];
    let steps = plan(
        &[
            pay(1, 40_000, "рах 45 частково"),
            pay(2, 60_000, "доплата по рах. 45"),
        ],
        &invoices,
        &[],
    );
    assert_eq!(allocations(&steps), [(1, 7, 40_000), (2, 7, 60_000)]);
}

#[test]
fn one_payment_for_several_invoices_is_split_in_invoice_order() {
    let invoices = [inv(12, "12", 30_000), inv(13, "13", 50_000)];
    let steps = plan(
        &[pay(1, 100_000, "Оплата за рах. №12, №13")],
        &invoices,
        &[],
    );
    // 300 to the first, the rest to the second, which is overpaid by 200.
    assert_eq!(allocations(&steps), [(1, 12, 30_000), (1, 13, 70_000)]);
    assert!(matches!(&steps[1], Step::Allocate { reason, .. } if reason.contains("overpaid")));
}

#[test]
fn an_overpayment_is_recorded_as_such() {
    let steps = plan(&[pay(1, 120_000, "рах 9")], &[inv(9, "9", 100_000)], &[]);
    assert_eq!(allocations(&steps), [(1, 9, 120_000)]);
}

#[test]
fn payments_without_a_known_number_are_left_alone() {
    let invoices = [inv(9, "9", 100)];
    assert!(plan(&[pay(1, 100, "Поповнення рахунку")], &invoices, &[]).is_empty());
    assert!(plan(&[pay(1, 100, "рах 10")], &invoices, &[]).is_empty());
    assert!(plan(&[pay(1, 100, "Оплата згідно договору № 9")], &invoices, &[]).is_empty());
}

#[test]
fn a_reversed_payment_loses_its_allocation() {
    let stale = [Stale {
        statement_id: 1,
        invoice_id: 9,
        amount_minor: 100,
        state: "reversed".into(),
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
