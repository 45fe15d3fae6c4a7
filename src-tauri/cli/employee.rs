//! `vypyska employee add|list|edit|remove`: who is told of what, for scripts (the settings
//! screen does the same).

use vypyska_core::notifications::{self, Employee, Kind};
use vypyska_core::{companies, say};

use super::args::*;
use super::print::*;
use super::{Failure, Session};

/// `payments,invoices,review,trouble` (or the stored names), `none` for nothing.
fn kinds(list: &str) -> Result<Vec<Kind>, Failure> {
    if list.trim() == "none" {
        return Ok(Vec::new());
    }
    list.split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|word| {
            let kind = match word {
                "payments" => Some(Kind::Payment),
                "invoices" => Some(Kind::InvoicePaid),
                other => Kind::parse(other),
            };
            kind.ok_or_else(|| Failure::new(say!(lang(), employee_unknown_kind, word)))
        })
        .collect()
}

/// What they hear as the command line names it.
fn kinds_text(kinds: &[Kind]) -> String {
    let words: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            Kind::Payment => "payments",
            Kind::InvoicePaid => "invoices",
            Kind::Review => "review",
            Kind::Trouble => "trouble",
        })
        .collect();
    if words.is_empty() {
        "none".to_owned()
    } else {
        words.join(",")
    }
}

fn with_fields(cx: &Session, mut e: Employee, f: EmployeeFields) -> Result<Employee, Failure> {
    if let Some(email) = f.email {
        e.email = email;
    }
    if let Some(list) = f.hears {
        e.kinds = kinds(&list)?;
    }
    if f.all_companies {
        e.companies.clear();
    } else if !f.companies.is_empty() {
        e.companies = f
            .companies
            .iter()
            .map(|name| companies::find(cx.store.conn(), name).map(|c| c.id))
            .collect::<Result<_, _>>()?;
    }
    if let Some(on) = f.this_computer {
        e.this_computer = on == "on";
    }
    Ok(e)
}

fn find(cx: &Session, name: &str) -> Result<Employee, Failure> {
    let key = vypyska_core::store::name_key(name);
    let all = notifications::employees(cx.store.conn())?;
    let names: Vec<String> = all.iter().map(|e| e.name.clone()).collect();
    all.into_iter()
        .find(|e| vypyska_core::store::name_key(&e.name) == key)
        .ok_or_else(|| {
            Failure::new(say!(
                lang(),
                team_no_employee,
                name.trim(),
                names.join(", ")
            ))
        })
}

pub(super) fn add(
    cx: &mut Session,
    EmployeeAddArgs { name, fields }: EmployeeAddArgs,
) -> Result<(), Failure> {
    let key = vypyska_core::store::name_key(&name);
    if notifications::employees(cx.store.conn())?
        .iter()
        .any(|e| vypyska_core::store::name_key(&e.name) == key)
    {
        return Err(Failure::new(say!(lang(), employee_name_taken, name.trim())));
    }
    let new = Employee {
        id: 0,
        name: name.trim().to_owned(),
        email: String::new(),
        this_computer: false,
        kinds: vec![Kind::Payment],
        companies: Vec::new(),
    };
    let new = with_fields(cx, new, fields)?;
    notifications::save_employee(&mut cx.store, &new)?;
    println!("{}", shown(&new.name));
    Ok(())
}

pub(super) fn list(
    cx: &mut Session,
    EmployeeListArgs { json }: EmployeeListArgs,
) -> Result<(), Failure> {
    let list = notifications::employees(cx.store.conn())?;
    if json {
        return print_json(&list);
    }
    let names = companies::list(cx.store.conn())?;
    for e in list {
        let of: Vec<&str> = e
            .companies
            .iter()
            .filter_map(|id| names.iter().find(|c| c.id == *id))
            .map(|c| c.name.as_str())
            .collect();
        println!(
            "{}\t{}\t{}\t{}",
            shown(&e.name),
            shown(&e.email),
            kinds_text(&e.kinds),
            if of.is_empty() {
                say!(lang(), employee_every_company)
            } else {
                shown(&of.join(", ")).into_owned()
            }
        );
    }
    Ok(())
}

pub(super) fn edit(
    cx: &mut Session,
    EmployeeEditArgs {
        name,
        new_name,
        fields,
    }: EmployeeEditArgs,
) -> Result<(), Failure> {
    let mut e = find(cx, &name)?;
    if let Some(n) = new_name {
        e.name = n;
    }
    let e = with_fields(cx, e, fields)?;
    notifications::save_employee(&mut cx.store, &e)?;
    println!("{}", shown(&e.name));
    Ok(())
}

pub(super) fn remove(
    cx: &mut Session,
    EmployeeRemoveArgs { name }: EmployeeRemoveArgs,
) -> Result<(), Failure> {
    let e = find(cx, &name)?;
    notifications::remove_employee(cx.store.conn(), e.id)?;
    println!("{}", shown(&e.name));
    Ok(())
}
