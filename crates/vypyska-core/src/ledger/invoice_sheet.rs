//! What an issued invoice says: its lines, its VAT and its totals as a Ukrainian accountant
//! reckons them (every line's sum rounded to kopecks, the VAT from the total), and the supplier's
//! and buyer's details a printed invoice carries. All money is `Decimal`.

use rust_decimal::{Decimal, RoundingStrategy};

/// The VAT an invoice is issued with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatRate {
    /// 20 %, 7 % or 0 %.
    Percent(u8),
    /// Without VAT: a supplier that is not a VAT payer, or a supply VAT does not touch.
    Without,
}

impl VatRate {
    pub fn parse(s: &str) -> Option<VatRate> {
        match s.trim().trim_end_matches('%').trim() {
            "20" => Some(VatRate::Percent(20)),
            "7" => Some(VatRate::Percent(7)),
            "0" => Some(VatRate::Percent(0)),
            "none" | "без" | "без ПДВ" | "" => Some(VatRate::Without),
            _ => None,
        }
    }

    pub fn as_str(self) -> String {
        match self {
            VatRate::Percent(p) => p.to_string(),
            VatRate::Without => "none".into(),
        }
    }
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub description: String,
    /// "шт.", "послуга", "год.", "кг", …
    pub unit: String,
    pub quantity: Decimal,
    pub price: Decimal,
}

impl Line {
    /// Quantity × price, rounded to kopecks (half away from zero).
    pub fn sum(&self) -> Decimal {
        kopecks(self.quantity * self.price)
    }
}

/// The sums an invoice prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// The lines' sums added up, without VAT.
    pub without_vat: Decimal,
    /// None without VAT.
    pub vat: Option<Decimal>,
    /// What is to be paid.
    pub total: Decimal,
}

fn kopecks(a: Decimal) -> Decimal {
    let mut r = a.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r
}

/// The totals of lines: with VAT on top, the VAT is the rate of the lines' total; with prices
/// that include it, the VAT is the part of the total it makes up (a sixth at 20 %).
pub fn totals(lines: &[Line], rate: VatRate, prices_include_vat: bool) -> Totals {
    let sum = kopecks(lines.iter().map(Line::sum).sum());
    match rate {
        VatRate::Without => Totals {
            without_vat: sum,
            vat: None,
            total: sum,
        },
        VatRate::Percent(p) => {
            let p = Decimal::from(p);
            if prices_include_vat {
                let vat = kopecks(sum * p / (Decimal::ONE_HUNDRED + p));
                Totals {
                    without_vat: sum - vat,
                    vat: Some(vat),
                    total: sum,
                }
            } else {
                let vat = kopecks(sum * p / Decimal::ONE_HUNDRED);
                Totals {
                    without_vat: sum,
                    vat: Some(vat),
                    total: sum + vat,
                }
            }
        }
    }
}

/// A party of an invoice as it prints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Party {
    pub name: String,
    /// ЄДРПОУ or РНОКПП.
    pub tax_id: String,
    pub address: String,
    pub iban: String,
}

/// Everything a printed invoice shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub number: String,
    pub issued_on: chrono::NaiveDate,
    pub due_on: Option<chrono::NaiveDate>,
    pub supplier: Party,
    /// "платник ПДВ, ІПН …", "не є платником ПДВ", "платник єдиного податку 3 групи".
    pub supplier_vat: String,
    pub bank: String,
    pub buyer: Party,
    pub lines: Vec<Line>,
    pub rate: VatRate,
    pub prices_include_vat: bool,
    pub signer: String,
    pub note: String,
}

impl Sheet {
    pub fn totals(&self) -> Totals {
        totals(&self.lines, self.rate, self.prices_include_vat)
    }

    /// The purpose the payment is asked to carry (and the QR code holds).
    pub fn purpose(&self) -> String {
        let t = self.totals();
        crate::payment_qr::purpose_of(&self.number, self.issued_on, t.total, t.vat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn line(q: &str, p: &str) -> Line {
        Line {
            description: "Послуга".into(),
            unit: "шт.".into(),
            quantity: d(q),
            price: d(p),
        }
    }

    #[test]
    fn totals_as_an_accountant_reckons_them() {
        // VAT on top: 1 042,08 + 20 % = 208,42 → 1 250,50.
        let lines = [line("2", "500.00"), line("0.5", "84.16")];
        assert_eq!(
            totals(&lines, VatRate::Percent(20), false),
            Totals {
                without_vat: d("1042.08"),
                vat: Some(d("208.42")),
                total: d("1250.50"),
            }
        );
        // Prices with VAT: a sixth of 1 250,50 is 208,42 (208,416…).
        let lines = [line("1", "1250.50")];
        assert_eq!(
            totals(&lines, VatRate::Percent(20), true),
            Totals {
                without_vat: d("1042.08"),
                vat: Some(d("208.42")),
                total: d("1250.50"),
            }
        );
        // 7 % on top, 0 %, and without VAT.
        assert_eq!(
            totals(&[line("3", "33.33")], VatRate::Percent(7), false).vat,
            Some(d("7.00"))
        );
        assert_eq!(
            totals(&[line("1", "10")], VatRate::Percent(0), false),
            Totals {
                without_vat: d("10.00"),
                vat: Some(d("0.00")),
                total: d("10.00"),
            }
        );
        assert_eq!(totals(&[line("1", "10")], VatRate::Without, true).vat, None);
    }

    #[test]
    fn each_line_is_rounded_to_kopecks_before_the_sum() {
        // 0,333 × 1,5 = 0,4995 → 0,50 each: three lines 1,50, not 1,4985 → 1,50 by chance.
        let l = line("0.333", "1.5");
        assert_eq!(l.sum(), d("0.50"));
        let lines = [line("0.125", "1"), line("0.125", "1")];
        // 0,125 → 0,13 each, 0,26 together (not 0,25).
        assert_eq!(totals(&lines, VatRate::Without, false).total, d("0.26"));
    }

    #[test]
    fn rates_read_as_people_type_them() {
        assert_eq!(VatRate::parse("20"), Some(VatRate::Percent(20)));
        assert_eq!(VatRate::parse("7%"), Some(VatRate::Percent(7)));
        assert_eq!(VatRate::parse("0"), Some(VatRate::Percent(0)));
        assert_eq!(VatRate::parse("none"), Some(VatRate::Without));
        assert_eq!(VatRate::parse("15"), None);
    }
}
