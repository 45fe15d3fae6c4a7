//! `vypyska invoice add|edit|cancel|import|pdf|qr` and `vypyska invoices`.

use vypyska_core::say;
use vypyska_core::{companies, invoice_import, invoice_print, invoices, ops};
use vypyska_core::{format, SystemClock};

use super::args::*;
use super::print::*;
use super::{Failure, Session};

pub(super) fn add(
    cx: &mut Session,
    InvoiceAddArgs {
        number,
        amount,
        currency,
        date,
        customer,
        customer_tax_id,
        due,
        company,
    }: InvoiceAddArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    use vypyska_core::Clock;
    let company = companies::resolve(cx.store.conn(), &SystemClock, company.as_deref())?;
    let new = invoices::NewInvoice {
        company_id: Some(company.id),
        number,
        amount,
        currency,
        issued_on: date.unwrap_or_else(|| SystemClock.today_kyiv()),
        customer_name: customer.unwrap_or_default(),
        customer_tax_id: customer_tax_id.unwrap_or_default(),
        customer_iban: String::new(),
        due_on: due,
        note: String::new(),
    };
    let saved = ops::save_invoice(&mut cx.store, &SystemClock, None, new, None)?;
    say_linked(saved.linked, lang);

    Ok(())
}

pub(super) fn import(
    cx: &mut Session,
    InvoiceImportArgs {
        file,
        dry_run,
        company,
    }: InvoiceImportArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    use vypyska_core::Clock;
    let bytes =
        std::fs::read(&file).map_err(|e| Failure::new(format!("{}: {e}", file.display())))?;
    // With several companies and none named, each row says whose it is (a `company` column).
    let company = match companies::resolve(cx.store.conn(), &SystemClock, company.as_deref()) {
        Ok(c) => Some(c.id),
        Err(companies::CompanyError::Required(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let preview = invoice_import::preview(
        cx.store.conn(),
        company,
        &bytes,
        SystemClock.today_kyiv(),
        lang,
    )?;
    for i in &preview.invoices {
        println!(
            "{}\t{}\t{}\t{}",
            shown(&i.number),
            i.issued_on,
            format::money(i.amount, &i.currency, lang),
            shown(&i.customer_name)
        );
    }
    for e in &preview.errors {
        println!(
            "{} {}: {}",
            say!(lang, import_row_word),
            e.line,
            shown(&e.message)
        );
    }
    if !preview.errors.is_empty() {
        return Err(invoice_import::ImportError::Rows(preview.errors).into());
    }
    if !dry_run {
        let (n, linked) = ops::import_invoices(&mut cx.store, &SystemClock, preview)?;
        println!("{}", say!(lang, invoices_imported, n));
        say_linked(linked, lang);
    }

    Ok(())
}

pub(super) fn list(
    cx: &mut Session,
    InvoicesArgs { json, company }: InvoicesArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let company = match company {
        Some(name) => Some(companies::find(cx.store.conn(), &name)?.id),
        None => None,
    };
    let list: Vec<_> = invoices::list(cx.store.conn())?
        .into_iter()
        .filter(|i| company.is_none_or(|c| i.company_id == c))
        .collect();
    if json {
        return print_json(&list);
    }
    for i in list {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            shown(&i.number),
            format::day_text(&i.issued_on),
            format::money(i.amount, &i.currency, lang),
            format::money(i.paid, &i.currency, lang),
            format::invoice_status(i.status, lang),
            shown(&i.customer_name),
            shown(&i.company)
        );
    }

    Ok(())
}

pub(super) fn edit(
    cx: &mut Session,
    InvoiceEditArgs {
        number,
        new_number,
        amount,
        currency,
        date,
        customer,
        customer_tax_id,
        due,
        note,
        company,
    }: InvoiceEditArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let company = match company {
        Some(name) => Some(companies::find(cx.store.conn(), &name)?.id),
        None => None,
    };
    let (id, old) = invoices::find(cx.store.conn(), company, &number)?;
    let new = invoices::NewInvoice {
        company_id: old.company_id,
        number: new_number.unwrap_or(old.number),
        amount: amount.unwrap_or(old.amount),
        currency: currency.unwrap_or(old.currency),
        issued_on: date.unwrap_or(old.issued_on),
        customer_name: customer.unwrap_or(old.customer_name),
        customer_tax_id: customer_tax_id.unwrap_or(old.customer_tax_id),
        customer_iban: old.customer_iban,
        due_on: due.or(old.due_on),
        note: note.unwrap_or(old.note),
    };
    let saved = ops::save_invoice(&mut cx.store, &SystemClock, Some(id), new, None)?;
    say_linked(saved.linked, lang);

    Ok(())
}

pub(super) fn cancel(
    cx: &mut Session,
    InvoiceCancelArgs { number }: InvoiceCancelArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let done = invoices::cancel(cx.store.conn(), &SystemClock, &number)?;
    if !done {
        return Err(Failure::new(say!(lang, no_open_invoice, number)));
    }

    Ok(())
}

/// The company named on the command line, if one is.
fn company_arg(cx: &Session, company: Option<String>) -> Result<Option<i64>, Failure> {
    Ok(match company {
        Some(name) => Some(companies::find(cx.store.conn(), &name)?.id),
        None => None,
    })
}

pub(super) fn pdf(
    cx: &mut Session,
    InvoicePdfArgs {
        invoice:
            InvoiceCodeArgs {
                number,
                company,
                format,
            },
        out,
    }: InvoicePdfArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let company = company_arg(cx, company)?;
    let sheet = invoice_print::sheet(cx.store.conn(), company, &number)?;
    let bytes = invoice_print::pdf(&sheet, format)?;
    // Written beside, then moved into place: a reader never sees half a file.
    let partial = out.with_extension("pdf.partial");
    std::fs::write(&partial, &bytes)
        .and_then(|()| std::fs::rename(&partial, &out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            Failure::new(say!(lang, cannot_write_file, out.display(), e))
        })?;
    println!(
        "{}",
        say!(lang, invoice_pdf_written, sheet.number, out.display())
    );
    Ok(())
}

pub(super) fn qr(
    cx: &mut Session,
    InvoiceQrArgs {
        invoice:
            InvoiceCodeArgs {
                number,
                company,
                format,
            },
        json,
    }: InvoiceQrArgs,
) -> Result<(), Failure> {
    let company = company_arg(cx, company)?;
    let sheet = invoice_print::sheet(cx.store.conn(), company, &number)?;
    let code = invoice_print::code(&sheet, format)?;
    if json {
        return print_json(&serde_json::json!({
            "number": sheet.number,
            "format": code.format.as_str(),
            "content": code.content,
            "purpose": code.purpose,
            "shortened": code.shortened,
        }));
    }
    println!("{}", code.content);
    Ok(())
}
