//! The books: invoices (typed, imported, numbered), allocating payments to them, and expense
//! categories with their rules.

pub mod allocation;
pub mod amount_words;
pub mod categories;
pub mod invoice_import;
pub mod invoice_numbers;
pub mod invoice_pdf;
pub mod invoice_print;
pub mod invoice_sheet;
pub mod invoices;
pub mod payment_qr;
