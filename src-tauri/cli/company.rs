//! `vypyska company add|list|edit|remove`.

use vypyska_core::companies::{self, NewCompany, Removal, Vat};
use vypyska_core::merchants;
use vypyska_core::SystemClock;

use super::args::*;
use super::print::*;
use super::{Failure, Session};

/// The requisites given, over what the company had.
fn with_fields(cx: &Session, mut new: NewCompany, f: CompanyFields) -> Result<NewCompany, Failure> {
    if let Some(kind) = f.kind {
        new.kind = kind;
    }
    if let Some(ipn) = f.vat_payer {
        new.vat = Vat::Payer { ipn };
    } else if let Some(group) = f.single_tax {
        new.vat = Vat::SingleTax { group };
    } else if f.no_vat {
        new.vat = Vat::None;
    }
    if let Some(address) = f.address {
        new.address = address;
    }
    if let Some(signer) = f.signer {
        new.signer = signer;
    }
    if let Some(account) = f.invoice_account {
        new.invoice_merchant_id = Some(merchants::find(cx.store.conn(), &account)?.id);
    }
    Ok(new)
}

pub(super) fn add(
    cx: &mut Session,
    CompanyAddArgs {
        name,
        tax_id,
        fields,
    }: CompanyAddArgs,
) -> Result<(), Failure> {
    let new = NewCompany {
        tax_id,
        ..NewCompany::named(&name)
    };
    let new = with_fields(cx, new, fields)?;
    let c = companies::add(cx.store.conn(), &SystemClock, &new)?;
    println!("{}", shown(&c.name));
    Ok(())
}

pub(super) fn list(
    cx: &mut Session,
    CompanyListArgs { json }: CompanyListArgs,
) -> Result<(), Failure> {
    let list = companies::list(cx.store.conn())?;
    if json {
        return print_json(&list);
    }
    for c in list {
        println!(
            "{}\t{}\t{}\t{}",
            shown(&c.name),
            shown(&c.kind),
            shown(&c.tax_id),
            shown(&c.address)
        );
    }
    Ok(())
}

pub(super) fn edit(
    cx: &mut Session,
    CompanyEditArgs {
        name,
        new_name,
        tax_id,
        fields,
    }: CompanyEditArgs,
) -> Result<(), Failure> {
    let old = companies::find(cx.store.conn(), &name)?;
    let mut new = NewCompany::from(&old);
    if let Some(name) = new_name {
        new.name = name;
    }
    if let Some(tax_id) = tax_id {
        new.tax_id = tax_id;
    }
    let new = with_fields(cx, new, fields)?;
    companies::update(cx.store.conn(), old.id, &new)?;
    Ok(())
}

pub(super) fn remove(
    cx: &mut Session,
    CompanyRemoveArgs {
        name,
        move_to,
        delete_all,
    }: CompanyRemoveArgs,
) -> Result<(), Failure> {
    let removal = match (move_to, delete_all) {
        (Some(other), _) => Removal::MoveTo(other),
        (None, true) => Removal::Delete,
        (None, false) => Removal::Refuse,
    };
    companies::remove(
        &mut cx.store,
        &vypyska_core::secrets::Keyring,
        &name,
        removal,
    )?;
    Ok(())
}
