use super::*;
use crate::testing::clock;

/// A database with no company yet (the shared fixture has one).
fn fresh_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::testing::new_store(dir.path());
    (dir, store)
}

fn company(name: &str, tax_id: &str) -> NewCompany {
    NewCompany {
        tax_id: tax_id.into(),
        ..NewCompany::named(name)
    }
}

#[test]
fn a_company_is_checked_in_words_and_kept() {
    let (_dir, store) = fresh_store();
    let conn = store.conn();
    let too = add(conn, &clock(), &company("ТОВ «Ромашка»", "14360570")).unwrap();
    assert_eq!(
        (too.kind.as_str(), too.tax_id.as_str()),
        ("ТОВ", "14360570")
    );
    // A typo in the code, an ІПН that is not 12 digits, a group a ТОВ cannot have, a name taken.
    let typo = add(conn, &clock(), &company("ФОП Шевчук", "3012345671")).unwrap_err();
    assert_eq!(typo.code(), crate::Code::InvalidTaxId);
    let ipn = NewCompany {
        vat: Vat::Payer { ipn: "1234".into() },
        ..company("ТОВ «Інша»", "")
    };
    assert_eq!(
        add(conn, &clock(), &ipn).unwrap_err().code(),
        crate::Code::InvalidVat
    );
    let group = NewCompany {
        vat: Vat::SingleTax { group: 2 },
        ..company("ТОВ «Третя»", "14360570")
    };
    let refused = add(conn, &clock(), &group).unwrap_err();
    assert!(
        refused.message(Lang::Uk).contains("лише для ФОП"),
        "{}",
        refused.message(Lang::Uk)
    );
    let taken = add(conn, &clock(), &company("тов «ромашка»", "")).unwrap_err();
    assert_eq!(taken.code(), crate::Code::NameTaken);
    assert_eq!(list(conn).unwrap().len(), 1);
}

#[test]
fn the_company_a_command_means() {
    let (_dir, store) = fresh_store();
    let conn = store.conn();
    // None yet: one is made, and then it is the one.
    let first = resolve(conn, &clock(), None).unwrap();
    assert_eq!(first.name, DEFAULT_NAME);
    assert_eq!(resolve(conn, &clock(), None).unwrap().id, first.id);
    add(conn, &clock(), &company("ФОП Шевчук", "")).unwrap();
    let err = resolve(conn, &clock(), None).unwrap_err();
    assert_eq!(err.code(), crate::Code::CompanyRequired);
    assert!(err.message(Lang::Uk).contains("ФОП Шевчук"));
    assert_eq!(
        resolve(conn, &clock(), Some("фоп шевчук")).unwrap().name,
        "ФОП Шевчук"
    );
    assert_eq!(
        resolve(conn, &clock(), Some("Немає")).unwrap_err().code(),
        crate::Code::CompanyNotFound
    );
}

#[test]
fn an_account_is_recognised_by_the_banks_name_for_it() {
    let (_dir, store) = fresh_store();
    let conn = store.conn();
    let made = recognise(conn, &clock(), "ТОВ «Ромашка»", "").unwrap();
    assert_eq!(
        (made.name.as_str(), made.kind.as_str()),
        ("ТОВ «Ромашка»", "ТОВ")
    );
    assert_eq!(
        recognise(conn, &clock(), "тов «ромашка»", "").unwrap().id,
        made.id
    );
    let other = recognise(conn, &clock(), "ФОП Шевчук Т.Г.", "").unwrap();
    assert_ne!(other.id, made.id);
    assert_eq!(list(conn).unwrap().len(), 2);
}

#[test]
fn a_company_with_accounts_or_invoices_is_not_removed_silently() {
    let (_dir, mut store) = fresh_store();
    let a = add(store.conn(), &clock(), &company("ТОВ «Ромашка»", "")).unwrap();
    add(store.conn(), &clock(), &company("ФОП Шевчук", "")).unwrap();
    for (company, number) in [(a.id, "СФ-1"), (a.id, "СФ-2")] {
        crate::invoices::add(
            store.conn(),
            &clock(),
            crate::invoices::NewInvoice {
                company_id: Some(company),
                ..crate::testing::new_invoice(number, "100")
            },
        )
        .unwrap();
    }
    let b = find(store.conn(), "ФОП Шевчук").unwrap();
    crate::invoices::add(
        store.conn(),
        &clock(),
        crate::invoices::NewInvoice {
            company_id: Some(b.id),
            ..crate::testing::new_invoice("СФ-1", "300")
        },
    )
    .unwrap();
    let refused = remove(
        &mut store,
        &crate::testing::NoSecrets,
        "ТОВ «Ромашка»",
        Removal::Refuse,
    )
    .unwrap_err();
    assert!(
        refused.message(Lang::Uk).contains("рахунків-фактур: 2"),
        "{}",
        refused.message(Lang::Uk)
    );
    // Moving would make two СФ-1 in one company: refused, and nothing moved.
    let clash = remove(
        &mut store,
        &crate::testing::NoSecrets,
        "ТОВ «Ромашка»",
        Removal::MoveTo("ФОП Шевчук".into()),
    )
    .unwrap_err();
    assert_eq!(clash.code(), crate::Code::CompanyInUse);
    assert_eq!(store.companies().holdings(a.id).unwrap().invoices, 2);
    remove(
        &mut store,
        &crate::testing::NoSecrets,
        "ТОВ «Ромашка»",
        Removal::Delete,
    )
    .unwrap();
    assert_eq!(list(store.conn()).unwrap().len(), 1);
    assert_eq!(crate::invoices::list(store.conn()).unwrap().len(), 1);
}
