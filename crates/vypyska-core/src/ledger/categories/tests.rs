use crate::store::Tables;
use privat24::{Direction, Party, State, Transaction};

use crate::store::db::OptionalExtension;

use super::*;
use crate::store::query::StatementFilter;

use crate::testing::{clock, fresh_store, transaction, upsert};

fn out(key: &str, name: &str, tax_id: &str, purpose: &str) -> Transaction {
    let mut t = transaction(key, Direction::Out, State::Posted, "100.00", purpose);
    t.counterparty = Party {
        name: name.into(),
        tax_id: tax_id.into(),
        iban: "UA903052992990004149123456789".into(),
        ..Party::default()
    };
    t
}

fn store_with(rows: &[Transaction]) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = fresh_store();
    upsert(&mut store, rows);
    (dir, store)
}

fn category_of(store: &Store, key: &str) -> Option<(String, String)> {
    store
        .conn()
        .query_row(
            "SELECT c.name, sc.source FROM statements s
             JOIN statement_categories sc ON sc.statement_id = s.id
             JOIN categories c ON c.id = sc.category_id WHERE s.key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .unwrap()
}

fn id_of(store: &Store, key: &str) -> i64 {
    store
        .conn()
        .query_row("SELECT id FROM statements WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .unwrap()
}

fn rows() -> Vec<Transaction> {
    let mut income = out("IN/1", "ТОВ Покупець", "11111111", "Оплата рах. № 5");
    income.direction = Direction::In;
    vec![
        out(
            "A/1",
            "ТОВ «Київстар»",
            "21673832",
            "Оплата за зв'язок, рахунок 778",
        ),
        out(
            "B/1",
            "ФОП Іваненко",
            "3012345678",
            "Оренда офісу за листопад",
        ),
        out(
            "C/1",
            "ГУ ДПС у м. Києві",
            "43141377",
            "*;101;ЄП за III квартал",
        ),
        out("D/1", "ТОВ Канцтовари", "33333333", "Папір А4"),
        income,
    ]
}

#[test]
fn rules_apply_in_order_and_the_rest_gets_the_default() {
    let (_dir, mut store) = store_with(&rows());
    let conn = store.conn();
    add_rule(
        conn,
        Field::TaxId,
        Op::Equals,
        " 21673832 ",
        "Зв'язок",
        None,
    )
    .unwrap();
    add_rule(conn, Field::Purpose, Op::Contains, "ОРЕНДА", "Оренда", None).unwrap();
    // Both match the tax office row; the first rule in order wins.
    add_rule(conn, Field::Name, Op::Regex, r"^ГУ\s+ДПС", "Податки", None).unwrap();
    add_rule(
        conn,
        Field::Purpose,
        Op::Contains,
        "ЄП",
        "Єдиний податок",
        None,
    )
    .unwrap();

    let done = categorize(
        &mut store,
        &clock(),
        &default_category("Інші витрати"),
        false,
    )
    .unwrap();
    assert_eq!(
        done,
        Categorized {
            assigned: 4,
            changed: 0
        }
    );
    let cat = |k| category_of(&store, k).map(|(c, s)| format!("{c}/{s}"));
    assert_eq!(cat("A/1").as_deref(), Some("Зв'язок/rule"));
    assert_eq!(cat("B/1").as_deref(), Some("Оренда/rule"));
    assert_eq!(cat("C/1").as_deref(), Some("Податки/rule"));
    assert_eq!(cat("D/1").as_deref(), Some("Інші витрати/default"));
    // Income has no expense category.
    assert_eq!(cat("IN/1"), None);
    // Running again changes nothing.
    let again = categorize(
        &mut store,
        &clock(),
        &default_category("Інші витрати"),
        true,
    )
    .unwrap();
    assert_eq!(again, Categorized::default());
}

#[test]
fn a_changed_rule_reaches_past_rows_only_on_request_and_never_a_manual_choice() {
    let (_dir, mut store) = store_with(&rows());
    add_rule(
        store.conn(),
        Field::Purpose,
        Op::Contains,
        "папір",
        "Канцелярія",
        None,
    )
    .unwrap();
    categorize(
        &mut store,
        &clock(),
        &default_category("Інші витрати"),
        false,
    )
    .unwrap();
    add(store.conn(), "Офіс").unwrap();
    let b = id_of(&store, "B/1");
    set_manually(&mut store, &clock(), b, Some("офіс")).unwrap();

    // A new rule that matches A/1 and B/1: the plain run leaves categorised rows alone.
    add_rule(
        store.conn(),
        Field::Purpose,
        Op::Regex,
        "оренда|зв.язок",
        "Послуги",
        None,
    )
    .unwrap();
    let plain = categorize(
        &mut store,
        &clock(),
        &default_category("Інші витрати"),
        false,
    )
    .unwrap();
    assert_eq!(plain, Categorized::default());
    assert_eq!(category_of(&store, "A/1").unwrap().0, "Інші витрати");

    let re = categorize(
        &mut store,
        &clock(),
        &default_category("Інші витрати"),
        true,
    )
    .unwrap();
    assert_eq!(
        re,
        Categorized {
            assigned: 0,
            changed: 1
        }
    );
    assert_eq!(category_of(&store, "A/1").unwrap().0, "Послуги");
    // The person's choice sticks.
    assert_eq!(
        category_of(&store, "B/1").unwrap(),
        ("Офіс".into(), "manual".into())
    );
    // Handing it back to the rules: the next run applies them.
    set_manually(&mut store, &clock(), b, None).unwrap();
    categorize(
        &mut store,
        &clock(),
        &default_category("Інші витрати"),
        false,
    )
    .unwrap();
    assert_eq!(category_of(&store, "B/1").unwrap().0, "Послуги");
    // Without a default, an unmatched row has none; reapply takes the old default away.
    let re = categorize(&mut store, &clock(), &default_category(""), true).unwrap();
    assert_eq!(re.changed, 1);
    assert_eq!(category_of(&store, "C/1"), None);
}

#[test]
fn bad_input_is_refused_in_words() {
    let (_dir, mut store) = store_with(&rows());
    let conn = store.conn();
    let e = add_rule(conn, Field::Purpose, Op::Regex, "(unclosed", "X", None).unwrap_err();
    assert_eq!(e.code(), "invalid_pattern");
    assert!(e.message(Lang::Uk).contains("Регулярний вираз"));
    assert_eq!(
        add_rule(conn, Field::Name, Op::Equals, "  ", "X", None)
            .unwrap_err()
            .code(),
        "invalid_pattern"
    );
    assert_eq!(add(conn, " ").unwrap_err().code(), "invalid_name");
    add(conn, "Оренда").unwrap();
    assert_eq!(add(conn, "оренда").unwrap_err().code(), "name_taken");
    // Nothing was half-made: one category, no rule.
    assert_eq!(list(conn).unwrap().len(), 1);
    assert!(rules(conn).unwrap().is_empty());
    let income = id_of(&store, "IN/1");
    assert_eq!(
        set_manually(&mut store, &clock(), income, Some("Оренда"))
            .unwrap_err()
            .code(),
        "not_outgoing"
    );
}

#[test]
fn rules_can_be_reordered_and_removed() {
    let (_dir, mut store) = store_with(&rows());
    let first = add_rule(
        store.conn(),
        Field::Purpose,
        Op::Contains,
        "оплата",
        "Перша",
        None,
    )
    .unwrap();
    let second = add_rule(
        store.conn(),
        Field::TaxId,
        Op::Equals,
        "21673832",
        "Друга",
        None,
    )
    .unwrap();
    move_rule(&mut store, second, true).unwrap();
    let order: Vec<i64> = rules(store.conn()).unwrap().iter().map(|r| r.id).collect();
    assert_eq!(order, [second, first]);
    categorize(&mut store, &clock(), &default_category(""), false).unwrap();
    assert_eq!(category_of(&store, "A/1").unwrap().0, "Друга");
    remove_rule(store.conn(), second).unwrap();
    assert_eq!(
        remove_rule(store.conn(), second).unwrap_err().code(),
        "rule_not_found"
    );
    categorize(&mut store, &clock(), &default_category(""), true).unwrap();
    assert_eq!(category_of(&store, "A/1").unwrap().0, "Перша");
}

#[test]
fn statements_filter_and_sum_by_category() {
    let (_dir, mut store) = store_with(&rows());
    add_rule(
        store.conn(),
        Field::Purpose,
        Op::Contains,
        "оренда",
        "Оренда",
        None,
    )
    .unwrap();
    categorize(
        &mut store,
        &clock(),
        &default_category("Інші витрати"),
        false,
    )
    .unwrap();
    let f = StatementFilter {
        category: Some("інші витрати".into()),
        ..StatementFilter::default()
    };
    let listed = store.statements().statements(&f).unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed
        .iter()
        .all(|r| r.category.as_deref() == Some("Інші витрати")));
    let t = store.statements().totals(&f).unwrap();
    assert_eq!(t.count, 3);
    assert_eq!(t.per_currency["UAH"].outgoing.to_string(), "300.00");
    let counts: Vec<(String, u64)> = list(store.conn())
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.rows))
        .collect();
    assert_eq!(counts, [("Інші витрати".into(), 3), ("Оренда".into(), 1)]);
}

fn default_category(name: &str) -> crate::settings::CompanySettings {
    crate::settings::CompanySettings::same_for_all(crate::settings::Settings {
        default_expense_category: name.into(),
        ..Default::default()
    })
}

#[test]
fn a_rule_of_a_company_and_its_default_category_reach_only_its_payments() {
    let (_dir, mut store) = fresh_store();
    crate::testing::add_company_two(&store);
    upsert(
        &mut store,
        &[out("A/1", "ФОП Іваненко", "3012345678", "Оренда офісу")],
    );
    crate::testing::upsert_of(
        &mut store,
        2,
        &[
            out("B/1", "ФОП Іваненко", "3012345678", "Оренда офісу"),
            out("C/1", "ТОВ Канцтовари", "33333333", "Папір А4"),
        ],
    );
    // Rent is rent for company 2 only; company 1 keeps the global default.
    add_rule(
        store.conn(),
        Field::Purpose,
        Op::Contains,
        "оренда",
        "Оренда",
        Some(2),
    )
    .unwrap();
    crate::settings::Settings::set_for_company(
        store.conn(),
        2,
        "default_expense_category",
        Some("Господарські витрати"),
    )
    .unwrap();
    let each = crate::settings::CompanySettings::load(store.conn()).unwrap();
    categorize(&mut store, &clock(), &each, false).unwrap();
    let of = |key| category_of(&store, key).unwrap();
    assert_eq!(of("A/1"), ("Інші витрати".into(), "default".into()));
    assert_eq!(of("B/1"), ("Оренда".into(), "rule".into()));
    assert_eq!(of("C/1"), ("Господарські витрати".into(), "default".into()));
    let rule = &rules(store.conn()).unwrap()[0];
    assert_eq!(
        rule.company.as_ref().map(|c| c.name.as_str()),
        Some("ФОП Інший")
    );
    // A rule for a company that does not exist is refused in words.
    let e = add_rule(store.conn(), Field::Name, Op::Equals, "x", "X", Some(9)).unwrap_err();
    assert_eq!(e.code(), "company_not_found");
}
