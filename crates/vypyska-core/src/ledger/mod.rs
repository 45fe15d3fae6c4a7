//! The books: invoices (typed, imported, numbered), allocating payments to them, and expense
//! categories with their rules.

pub mod allocation;
pub mod categories;
pub mod invoice_import;
pub mod invoice_numbers;
pub mod invoices;
