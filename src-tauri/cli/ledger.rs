//! `vypyska allocate`, `unallocate` and `categorize`.

use vypyska_core::say;
use vypyska_core::{allocation, ops};
use vypyska_core::{format, SystemClock};

use super::args::*;
use super::print::*;
use super::{Failure, Session};

pub(super) fn allocate_by_hand(
    cx: &mut Session,
    statement: String,
    invoice: String,
    amount: Option<rust_decimal::Decimal>,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let amount_minor = amount.map(vypyska_core::store::minor_units);
    let done = allocation::allocate_manually(
        &mut cx.store,
        &SystemClock,
        "cli",
        &statement,
        &invoice,
        amount_minor,
    )?;
    println!(
        "{}",
        say!(
            lang,
            allocated_invoice,
            format::amount(rust_decimal::Decimal::new(done, 2), lang),
            shown(&invoice)
        )
    );

    Ok(())
}

pub(super) fn unallocate(
    cx: &mut Session,
    UnallocateArgs { statement, invoice }: UnallocateArgs,
) -> Result<(), Failure> {
    allocation::unallocate_manually(
        &mut cx.store,
        &SystemClock,
        "cli",
        &statement,
        invoice.as_deref(),
    )?;

    Ok(())
}

pub(super) fn allocate_all(
    cx: &mut Session,
    dry_run: bool,
    company: Option<String>,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let scope = match company {
        Some(name) => {
            let company = vypyska_core::companies::find(cx.store.conn(), &name)?;
            allocation::Scope::Only([company.id].into())
        }
        None => allocation::Scope::All,
    };
    let steps = if dry_run {
        allocation::preview(&cx.store, &scope)?
    } else {
        allocation::allocate(&mut cx.store, &SystemClock, "cli", &scope)?
    };
    for step in &steps {
        println!("{}", serde_json::to_string(step).unwrap_or_default());
    }
    if steps.is_empty() {
        println!("{}", say!(lang, nothing_allocate));
    }

    Ok(())
}

pub(super) fn categorize(
    cx: &mut Session,
    CategorizeArgs { reapply }: CategorizeArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let done = ops::categorize(&mut cx.store, &SystemClock, &cx.settings, reapply)?;
    println!(
        "{}",
        say!(lang, categories_given_changed, done.assigned, done.changed)
    );

    Ok(())
}
