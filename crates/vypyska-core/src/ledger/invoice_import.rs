//! Importing invoices from a CSV file: UTF-8 or cp1251, `;` or `,`, headers in Ukrainian or
//! English; every row checked first, then all rows saved in one transaction or none. A row is
//! the invoice of the company its `company` cell names (by name or tax code), else of the
//! company the import is for (`--company`, or the only one).

use crate::say;
use crate::store::Tables;
use crate::UserError as _;
use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::invoice_numbers::number_key;
use crate::invoices::{self, InvoiceError, NewInvoice};
use crate::store::{Store, StoreError};
use crate::{Clock, Lang};

/// One row's problem, by its line in the file (the header is line 1).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

/// What the file holds, checked.
#[derive(Debug, Clone, Default)]
pub struct Preview {
    pub invoices: Vec<NewInvoice>,
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Date,
    Customer,
    TaxId,
    Amount,
    Currency,
    Due,
    Company,
}

/// Whose invoices a file's rows are: the companies a `company` cell may name, the one a row
/// without it belongs to (none with several companies and none chosen), and the numbers each
/// company already has.
#[derive(Debug, Clone, Default)]
pub struct Owners {
    pub default: Option<i64>,
    pub companies: Vec<crate::companies::Company>,
    /// (company, number's match key) of the saved invoices.
    pub saved: HashSet<(i64, String)>,
}

impl Owners {
    /// The company a cell names: by name (ignoring case) or by tax code.
    fn named(&self, cell: &str) -> Option<i64> {
        let key = crate::store::name_key(cell);
        self.companies
            .iter()
            .find(|c| {
                crate::store::name_key(&c.name) == key || (!c.tax_id.is_empty() && c.tax_id == cell)
            })
            .map(|c| c.id)
    }

    fn names(&self) -> String {
        let names: Vec<&str> = self.companies.iter().map(|c| c.name.as_str()).collect();
        names.join(", ")
    }
}

fn column(header: &str) -> Option<Column> {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    Some(match h.as_str() {
        "number" | "номер" | "№" | "номер рахунку" | "рахунок" => {
            Column::Number
        }
        "date" | "дата" => Column::Date,
        "customer" | "клієнт" | "покупець" | "контрагент" => {
            Column::Customer
        }
        "tax_id" | "tax id" | "єдрпоу" | "код" | "рнокпп" | "іпн" | "customer_tax_id" => {
            Column::TaxId
        }
        "amount" | "сума" => Column::Amount,
        "currency" | "валюта" => Column::Currency,
        "due" | "термін" | "оплатити до" | "due_date" => Column::Due,
        "company" | "компанія" | "постачальник" | "організація" => {
            Column::Company
        }
        _ => return None,
    })
}

/// Reads and checks a file's bytes against itself and the invoices the companies already have:
/// every bad row is named, with every problem it has, in one pass (linear in the rows). `today`
/// is the issue date of rows without one. A row without a company is `default`'s (none with
/// several companies: such a row is refused in words).
pub fn preview(
    conn: &crate::store::Connection,
    default: Option<i64>,
    bytes: &[u8],
    today: NaiveDate,
    lang: Lang,
) -> Result<Preview, StoreError> {
    let companies = conn.companies().all()?;
    let mut saved = HashSet::new();
    for c in &companies {
        saved.extend(
            conn.invoices()
                .number_keys(c.id)?
                .into_iter()
                .map(|k| (c.id, k)),
        );
    }
    let default = default.or(match companies.as_slice() {
        [only] => Some(only.id),
        _ => None,
    });
    let owners = Owners {
        default,
        companies,
        saved,
    };
    Ok(read(bytes, today, lang, &owners))
}

/// Reads and checks a file's bytes for `owners`.
pub fn read(bytes: &[u8], today: NaiveDate, lang: Lang, owners: &Owners) -> Preview {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1251.decode(bytes).0.into_owned(),
    };
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Preview::default();
    let headers: Vec<Option<Column>> = match reader.headers() {
        Ok(h) => h.iter().map(column).collect(),
        Err(e) => {
            out.errors.push(RowError {
                line: 1,
                message: e.to_string(),
            });
            return out;
        }
    };
    for needed in [Column::Number, Column::Amount] {
        if !headers.contains(&Some(needed)) {
            out.errors.push(RowError {
                line: 1,
                message: say!(lang, header_has_no_number),
            });
            return out;
        }
    }
    if owners.default.is_none() && !headers.contains(&Some(Column::Company)) {
        out.errors.push(RowError {
            line: 1,
            message: say!(lang, company_required, owners.names()),
        });
        return out;
    }
    let position = |c: Column| headers.iter().position(|h| *h == Some(c));
    let columns: Vec<(Column, Option<usize>)> = [
        Column::Number,
        Column::Date,
        Column::Customer,
        Column::TaxId,
        Column::Amount,
        Column::Currency,
        Column::Due,
        Column::Company,
    ]
    .into_iter()
    .map(|c| (c, position(c)))
    .collect();
    let mut seen: HashSet<(i64, String)> = HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(RowError {
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let context = RowContext {
            columns: &columns,
            seen: &seen,
            owners,
            today,
            lang,
        };
        let (invoice, problems) = read_row(&record, &context);
        if !problems.is_empty() {
            out.errors.push(RowError {
                line,
                message: problems.join("; "),
            });
            continue;
        }
        seen.insert((
            invoice.company_id.unwrap_or_default(),
            number_key(&invoice.number),
        ));
        out.invoices.push(invoice);
    }
    out
}

/// What a row is read against: the columns' places, the numbers of the rows before it, whose
/// the rows are and the numbers their companies have, the day of rows without one, the
/// language of the problems.
struct RowContext<'a> {
    columns: &'a [(Column, Option<usize>)],
    seen: &'a HashSet<(i64, String)>,
    owners: &'a Owners,
    today: NaiveDate,
    lang: Lang,
}

/// One row read as an invoice, with every problem it has (none when it can be saved).
fn read_row(record: &csv::StringRecord, row: &RowContext<'_>) -> (NewInvoice, Vec<String>) {
    let get = |c: Column| {
        row.columns
            .iter()
            .find(|(col, _)| *col == c)
            .and_then(|(_, p)| p.and_then(|p| record.get(p)))
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    let (today, lang) = (row.today, row.lang);
    let mut problems = Vec::new();
    let company = match get(Column::Company) {
        cell if cell.is_empty() => row.owners.default,
        cell => row.owners.named(&cell),
    };
    match (company, get(Column::Company)) {
        (Some(_), _) => {}
        (None, cell) if cell.is_empty() => {
            problems.push(say!(lang, company_required, row.owners.names()))
        }
        (None, cell) => problems.push(say!(lang, company_not_found, cell)),
    }
    let number = get(Column::Number);
    let key = (company.unwrap_or_default(), number_key(&number));
    if number.is_empty() {
        problems.push(say!(lang, import_no_number));
    } else if row.seen.contains(&key) {
        problems.push(say!(lang, number_repeats_file));
    } else if row.owners.saved.contains(&key) {
        problems.push(say!(lang, invoice_saved_already, number));
    }
    let sum = match crate::parse::amount(&get(Column::Amount)) {
        Ok(sum) => Some(sum),
        Err(e) => {
            problems.push(e.message(lang));
            None
        }
    };
    let currency = match get(Column::Currency) {
        c if c.is_empty() => "UAH".to_owned(),
        c => c,
    };
    if crate::validate::currency(&currency).is_err() {
        problems.push(say!(lang, unknown_currency, currency));
    }
    let issued = match get(Column::Date) {
        d if d.is_empty() => Some(today),
        d => match crate::parse::date(&d) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(e.message(lang));
                None
            }
        },
    };
    let due_text = get(Column::Due);
    let due = match due_text.as_str() {
        "" => None,
        d => match crate::parse::date(d) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(say!(lang, import_due_date_problem, e.message(lang)));
                None
            }
        },
    };
    let invoice = NewInvoice {
        company_id: company,
        number,
        amount: sum.unwrap_or_default(),
        currency: currency.to_uppercase(),
        issued_on: issued.unwrap_or(today),
        customer_name: get(Column::Customer),
        customer_tax_id: get(Column::TaxId),
        customer_iban: String::new(),
        due_on: due,
        note: String::new(),
    };
    if problems.is_empty() {
        // What saving would refuse (lengths, control characters, a due date before the
        // issue date, an amount beyond any), said now.
        if let Err(e) = invoices::check_fields(&invoice) {
            problems.push(e.message(lang));
        }
    }
    (invoice, problems)
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file has errors")]
    Rows(Vec<RowError>),
    #[error("line {line}: {source}")]
    Invoice { line: usize, source: InvoiceError },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    pub fn code(&self) -> crate::Code {
        match self {
            ImportError::Rows(_) => crate::Code::InvalidFile,
            ImportError::Invoice { source, .. } => source.code(),
            ImportError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let nothing = say!(lang, nothing_imported);
        match self {
            ImportError::Rows(rows) => say!(lang, file_has_bad_rows, rows.len(), nothing),
            ImportError::Invoice { line, source } => format!(
                "{} {line}: {}; {nothing}",
                say!(lang, import_row_word),
                source.message(lang)
            ),
            ImportError::Store(e) => e.message(lang),
        }
    }
}

crate::error::user_error!(ImportError);

/// Saves every invoice of a clean preview in one transaction; any error saves none.
pub fn import(
    store: &mut Store,
    clock: &dyn Clock,
    preview: Preview,
) -> Result<usize, ImportError> {
    if !preview.errors.is_empty() {
        return Err(ImportError::Rows(preview.errors));
    }
    let tx = store.write()?;
    let n = preview.invoices.len();
    for (i, invoice) in preview.invoices.into_iter().enumerate() {
        invoices::add(&tx, clock, invoice).map_err(|source| ImportError::Invoice {
            line: i + 2,
            source,
        })?;
    }
    tx.commit().map_err(StoreError::from)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    /// A file of company 1's read with no invoices saved yet.
    fn preview(bytes: &[u8], today: NaiveDate, lang: Lang) -> Preview {
        let owners = Owners {
            default: Some(1),
            ..Owners::default()
        };
        read(bytes, today, lang, &owners)
    }

    #[test]
    fn reads_semicolon_cp1251_with_ukrainian_headers() {
        let text = "Номер;Дата;Клієнт;ЄДРПОУ;Сума;Валюта\nСФ-000123;01.11.2026;ТОВ «Ромашка»;14360570;1 250,50;UAH\n45;2026-11-02;ФОП Шевчук;;300;\n";
        let bytes = encoding_rs::WINDOWS_1251.encode(text).0.into_owned();
        let p = preview(&bytes, today(), Lang::Uk);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.invoices.len(), 2);
        assert_eq!(p.invoices[0].customer_name, "ТОВ «Ромашка»");
        assert_eq!(p.invoices[0].amount.to_string(), "1250.50");
        assert_eq!(p.invoices[1].currency, "UAH");
        assert_eq!(p.invoices[1].issued_on.to_string(), "2026-11-02");
    }

    #[test]
    fn reads_comma_utf8_with_english_headers() {
        let p = preview(
            b"number,amount,currency,due\nINV-2026/045,99.90,EUR,2026-12-01\n",
            today(),
            Lang::En,
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.invoices[0].issued_on, today());
        assert_eq!(p.invoices[0].due_on, NaiveDate::from_ymd_opt(2026, 12, 1));
    }

    #[test]
    fn reports_every_bad_row_by_line_and_imports_nothing() {
        let text = "number;amount;currency;date\n1;100;UAH;\n;5;UAH;\n2;-3;UAH;\n3;10;XYZ;\n1;7;UAH;\n4;1;UAH;31.02.2026\n";
        let p = preview(text.as_bytes(), today(), Lang::En);
        let lines: Vec<usize> = p.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7]);
        assert!(p.errors[3].message.contains("repeats"));
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::testing::new_store(dir.path());
        let err = import(&mut store, &crate::SystemClock, p).unwrap_err();
        assert!(matches!(err, ImportError::Rows(rows) if rows.len() == 5));
        assert!(invoices::list(store.conn()).unwrap().is_empty());
    }

    #[test]
    fn a_clash_with_a_saved_invoice_is_named_before_anything_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::testing::new_store(dir.path());
        let company = crate::companies::resolve(store.conn(), &crate::SystemClock, None)
            .unwrap()
            .id;
        let first = super::preview(
            store.conn(),
            Some(company),
            b"number;amount\n7;10\n",
            today(),
            Lang::En,
        );
        assert_eq!(
            import(&mut store, &crate::SystemClock, first.unwrap()).unwrap(),
            1
        );
        // The preview (a dry run) already names every clash, each by its line.
        let second = super::preview(
            store.conn(),
            Some(company),
            b"number;amount\n8;10\n7;20\n9;5\n 7 ;1\n",
            today(),
            Lang::En,
        )
        .unwrap();
        let lines: Vec<usize> = second.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 5], "{:?}", second.errors);
        assert!(second.errors[0].message.contains("saved already"));
        assert!(matches!(
            import(&mut store, &crate::SystemClock, second),
            Err(ImportError::Rows(rows)) if rows.len() == 2
        ));
        // A clash that appears between the preview and the saving still saves nothing.
        let third = super::preview(
            store.conn(),
            Some(company),
            b"number;amount\n10;10\n11;20\n",
            today(),
            Lang::En,
        )
        .unwrap();
        let stale = crate::testing::new_invoice("11", "1");
        invoices::add(store.conn(), &crate::SystemClock, stale).unwrap();
        assert!(matches!(
            import(&mut store, &crate::SystemClock, third),
            Err(ImportError::Invoice { line: 3, .. })
        ));
        let mut numbers: Vec<String> = invoices::list(store.conn())
            .unwrap()
            .into_iter()
            .map(|i| i.number)
            .collect();
        numbers.sort();
        assert_eq!(numbers, ["11", "7"]);
    }

    #[test]
    fn what_saving_would_refuse_is_said_in_the_preview() {
        let text = "number;amount;date;due;customer\n1;10;2026-11-10;2026-11-01;A\n2;1.005;;;B\n3;5;;;\u{1b}[2Jx\n";
        let p = preview(text.as_bytes(), today(), Lang::En);
        let lines: Vec<usize> = p.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4], "{:?}", p.errors);
        assert!(p.errors[0].message.contains("due date"), "{:?}", p.errors);
    }

    #[test]
    fn a_company_column_says_whose_each_invoice_is() {
        let (_dir, store) = crate::testing::fresh_store();
        crate::testing::add_company_two(&store);
        store
            .conn()
            .execute(
                "UPDATE companies SET tax_id = '3012345670' WHERE id = 2",
                [],
            )
            .unwrap();
        // The same number in both companies, one named by name, one by code; a row without a
        // company is the chosen one's.
        let file = "Компанія;Номер;Сума\nтов «тест»;СФ-1;10\n3012345670;СФ-1;20\n;СФ-2;5\nТОВ Невідома;СФ-3;1\n";
        let p = super::preview(store.conn(), Some(2), file.as_bytes(), today(), Lang::Uk).unwrap();
        let whose: Vec<(Option<i64>, &str)> = p
            .invoices
            .iter()
            .map(|i| (i.company_id, i.number.as_str()))
            .collect();
        assert_eq!(
            whose,
            [(Some(1), "СФ-1"), (Some(2), "СФ-1"), (Some(2), "СФ-2")]
        );
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].line, 5);
        assert!(
            p.errors[0].message.contains("ТОВ Невідома"),
            "{:?}",
            p.errors
        );
        // With several companies, none chosen and no company column: refused at once, in words.
        let p = super::preview(
            store.conn(),
            None,
            b"number;amount\n1;10\n",
            today(),
            Lang::Uk,
        )
        .unwrap();
        assert_eq!(p.errors.len(), 1);
        assert!(p.errors[0].message.contains("ФОП Інший"), "{:?}", p.errors);
        // The same number twice for one company in a file is still a repeat.
        let p = super::preview(
            store.conn(),
            None,
            "company;number;amount\nФОП Інший;7;1\nфоп інший;7;2\nТОВ «Тест»;7;3\n".as_bytes(),
            today(),
            Lang::En,
        )
        .unwrap();
        let lines: Vec<usize> = p.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3], "{:?}", p.errors);
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused() {
        let p = preview(b"foo;bar\n1;2\n", today(), Lang::Uk);
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].line, 1);
    }
}
