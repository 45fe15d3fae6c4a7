//! Deterministic, realistic Ukrainian statement data: counterparties with ЄДРПОУ and IBANs,
//! purposes that name invoices the many ways people write them.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;
use rust_decimal::Decimal;

use crate::bank::{SimAccount, SimTransaction};
use crate::SimConfig;

const OWN_NAMES: &[&str] = &[
    "ТОВ \"Зелений Гай\"",
    "ФОП Коваленко Ірина Петрівна",
    "ТОВ \"Київ-Постач\"",
    "ПП \"Світанок Плюс\"",
];

const COMPANY_WORDS: &[&str] = &[
    "Ромашка",
    "Агро-Світ",
    "Техноком",
    "Будмайстер",
    "Карпати Трейд",
    "Дніпро Логістик",
    "Полтава Хліб",
    "Смарт Офіс",
    "Енергія Півдня",
    "Вінниця Молоко",
    "Файні Меблі",
    "Сонячний Дім",
    "Укрпак",
    "Бджілка",
    "Львівська Кава",
    "Галич Тех",
    "Оріон",
    "Мрія Бук",
];
const SURNAMES: &[&str] = &[
    "Петренко",
    "Шевчук",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Олійник",
    "Мельник",
    "Лисенко",
    "Гончаренко",
    "Савчук",
    "Руденко",
    "Марченко",
];
const GIVEN: &[&str] = &[
    "Олена Іванівна",
    "Андрій Сергійович",
    "Марія Василівна",
    "Тарас Олегович",
    "Наталія Миколаївна",
    "Богдан Петрович",
    "Оксана Юріївна",
    "Дмитро Андрійович",
];
/// Bank codes (МФО) with names, for counterparties' accounts.
const BANKS: &[(&str, &str, &str)] = &[
    ("305299", "АТ КБ \"ПРИВАТБАНК\"", "Київ"),
    ("300465", "АТ \"Ощадбанк\"", "Київ"),
    ("322001", "АТ \"Універсал Банк\"", "Київ"),
    ("380805", "АТ \"Райффайзен Банк\"", "Київ"),
    ("300528", "АТ \"ОТП БАНК\"", "Київ"),
    ("325365", "АТ \"КРЕДОБАНК\"", "Львів"),
];
const MONTHS: &[&str] = &[
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
];

#[derive(Debug, Clone)]
struct Counterparty {
    name: String,
    tax_id: String,
    iban: String,
    bank: (&'static str, &'static str, &'static str),
}

/// A valid Ukrainian IBAN for a bank code and a 19-digit account number.
pub fn make_iban(mfo: &str, account: &str) -> String {
    let bban = format!("{mfo}{account:0>19}");
    let check = 98 - mod97(&format!("{bban}301000"));
    format!("UA{check:02}{bban}")
}

/// The ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97.
pub fn iban_checksum_ok(iban: &str) -> bool {
    if iban.len() < 5 || !iban.is_ascii() {
        return false;
    }
    let moved = format!("{}{}", &iban[4..], &iban[..4]);
    let mut digits = String::new();
    for c in moved.chars() {
        match c {
            '0'..='9' => digits.push(c),
            'A'..='Z' => digits.push_str(&(c as u32 - 'A' as u32 + 10).to_string()),
            _ => return false,
        }
    }
    mod97(&digits) == 1
}

fn mod97(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97)
}

/// An 8-digit ЄДРПОУ code with its control digit.
fn edrpou(rng: &mut Rng) -> String {
    loop {
        let body: Vec<u32> = (0..7).map(|_| rng.u32(0..10)).collect();
        let value: u32 = body.iter().fold(0, |a, d| a * 10 + d);
        let weights: [u32; 7] = if !(3_000_000..6_000_000).contains(&value) {
            [1, 2, 3, 4, 5, 6, 7]
        } else {
            [7, 1, 2, 3, 4, 5, 6]
        };
        let mut sum: u32 = body.iter().zip(weights).map(|(d, w)| d * w).sum();
        let mut check = sum % 11;
        if check == 10 {
            sum = body.iter().zip(weights).map(|(d, w)| d * (w + 2)).sum();
            check = sum % 11;
            if check == 10 {
                continue;
            }
        }
        return body.iter().map(|d| d.to_string()).collect::<String>() + &check.to_string();
    }
}

/// A 10-digit РНОКПП (individual taxpayer number) with its control digit.
fn rnokpp(rng: &mut Rng) -> String {
    let body: Vec<i32> = (0..9).map(|_| rng.i32(0..10)).collect();
    let weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
    let sum: i32 = body.iter().zip(weights).map(|(d, w)| d * w).sum();
    let check = sum.rem_euclid(11) % 10;
    body.iter().map(|d| d.to_string()).collect::<String>() + &check.to_string()
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

fn counterparties(rng: &mut Rng) -> Vec<Counterparty> {
    let mut out = Vec::new();
    for (i, word) in COMPANY_WORDS.iter().enumerate() {
        let form = ["ТОВ", "ПП", "ПрАТ", "ТОВ"][i % 4];
        let bank = BANKS[rng.usize(0..BANKS.len())];
        out.push(Counterparty {
            name: format!("{form} \"{word}\""),
            tax_id: edrpou(rng),
            iban: make_iban(bank.0, &format!("26000{}", digits(rng, 14))),
            bank,
        });
    }
    for s in SURNAMES {
        let bank = BANKS[rng.usize(0..BANKS.len())];
        out.push(Counterparty {
            name: format!("ФОП {s} {}", GIVEN[rng.usize(0..GIVEN.len())]),
            tax_id: rnokpp(rng),
            iban: make_iban(bank.0, &format!("26009{}", digits(rng, 14))),
            bank,
        });
    }
    out
}

fn money(rng: &mut Rng, currency: &str) -> Decimal {
    // Mostly hundreds to tens of thousands, a few large ones; foreign currency smaller.
    let scale = match rng.u8(0..10) {
        0..=3 => 1_000,
        4..=7 => 10_000,
        8 => 100_000,
        _ => 1_000_000,
    };
    let mut cents = i64::from(rng.u32(1_000..scale * 100));
    if currency != "UAH" {
        cents /= 40;
    }
    if rng.u8(0..4) == 0 {
        cents = cents / 10_000 * 10_000 + 10_000; // a round sum
    }
    Decimal::new(cents.max(100), 2)
}

fn date_text(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// An incoming payment's purpose; most name an invoice, in the shapes seen in real statements.
fn incoming_purpose(rng: &mut Rng, day: NaiveDate, amount: Decimal) -> String {
    let n = rng.u32(1..2000);
    let inv_day = date_text(day - Duration::days(rng.i64(0..20)));
    let vat = (amount / Decimal::from(6)).round_dp(2);
    match rng.u8(0..14) {
        0 => format!("Оплата згідно рах. № {n} від {inv_day}, у т.ч. ПДВ 20% - {vat} грн."),
        1 => format!("Оплата за товар згідно рахунку-фактури №СФ-{n:07} від {inv_day}"),
        2 => format!("рах. № {n}"),
        3 => format!("inv {n}/26"),
        4 => format!("Оплата по рахунку {n} без ПДВ"),
        5 => format!("Передоплата згідно рахунку №{n} від {inv_day} р., без ПДВ"),
        6 => format!(
            "Оплата за послуги зг. рах №{n}, №{} ПДВ не передбачено",
            n + 1
        ),
        7 => format!("Invoice No {n} payment for services"),
        8 => format!("Оплата за рахунком N{n} від {inv_day}; сума {amount} грн, в т.ч. ПДВ {vat}"),
        9 => format!("Сплата за рахунок-фактуру № INV-2026/{n:03} без ПДВ"),
        10 => format!("Оплата зг. рахунку № {n}/26 від {inv_day}, ПДВ 20% {vat}"),
        11 => "Поповнення власного рахунку".into(),
        12 => format!("Повернення коштів за договором № {n}-П від {inv_day}"),
        _ => format!(
            "Оплата за товар згідно видаткової накладної № {n} від {inv_day}, в т.ч. ПДВ {vat}"
        ),
    }
}

fn outgoing_purpose(rng: &mut Rng, day: NaiveDate) -> String {
    let month = MONTHS[(chrono::Datelike::month0(&day)) as usize];
    let n = rng.u32(1..900);
    match rng.u8(0..8) {
        0 => format!("Оплата оренди приміщення за {month} 2026 р. згідно договору №{n}, без ПДВ"),
        1 => "Комісія за розрахунково-касове обслуговування".into(),
        2 => "Єдиний податок, 3 група, *;101;".to_owned() + &digits(rng, 8),
        3 => format!("Заробітна плата за {month} 2026 р."),
        4 => format!(
            "Оплата за товар згідно рах. №{n} від {}, у т.ч. ПДВ",
            date_text(day)
        ),
        5 => format!("Оплата за інтернет, о/р {}", digits(rng, 8)),
        6 => format!("Оплата за транспортні послуги згідно акту № {n}"),
        _ => "Перерахування коштів на картковий рахунок ФОП".into(),
    }
}

/// Accounts and their transactions, the same for the same config.
pub(crate) fn generate(config: &SimConfig) -> (Vec<SimAccount>, Vec<SimTransaction>) {
    let mut rng = Rng::with_seed(config.seed);
    let partners = counterparties(&mut rng);
    let mut accounts = Vec::new();
    for i in 0..config.accounts {
        let currency = ["UAH", "USD", "EUR"][i % 3];
        accounts.push(SimAccount {
            iban: make_iban("305299", &format!("2600{}", digits(&mut rng, 15))),
            currency: currency.into(),
            name: OWN_NAMES[i % OWN_NAMES.len()].into(),
            tax_id: edrpou(&mut rng),
            opening: Decimal::new(i64::from(rng.u32(0..50_000_000)), 2),
        });
    }
    let mut rows = Vec::new();
    let mut next_id = 557_000_000u64;
    let span = i64::from(config.days.max(1));
    for account in &accounts {
        let mut days: Vec<NaiveDate> = (0..config.transactions_per_account)
            .map(|_| config.today - Duration::days(rng.i64(0..span)))
            .collect();
        days.sort();
        let mut last_incoming: Option<SimTransaction> = None;
        for day in days {
            next_id += 1;
            let partner = &partners[rng.usize(0..partners.len())];
            let incoming = rng.u8(0..100) < 55;
            // Now and then a second, genuine payment identical to the one before it.
            if incoming && rng.u16(0..150) == 0 {
                if let Some(prev) = &last_incoming {
                    let mut twin = prev.clone();
                    twin.reference = reference(&mut rng);
                    twin.id = next_id.to_string();
                    rows.push(twin);
                    continue;
                }
            }
            let amount = money(&mut rng, &account.currency);
            let purpose = if incoming {
                incoming_purpose(&mut rng, day, amount)
            } else {
                outgoing_purpose(&mut rng, day)
            };
            let minute = rng.u32(8 * 60..20 * 60);
            let pending = day == config.today && rng.u8(0..10) < 4;
            let row = SimTransaction {
                account: account.iban.clone(),
                reference: reference(&mut rng),
                line: "1".into(),
                incoming,
                amount,
                currency: account.currency.clone(),
                day,
                time: (minute / 60, minute % 60),
                purpose,
                doc_number: format!("{}", rng.u32(1..99999)),
                own_name: account.name.clone(),
                own_tax_id: account.tax_id.clone(),
                counterparty_name: partner.name.clone(),
                counterparty_tax_id: partner.tax_id.clone(),
                counterparty_iban: partner.iban.clone(),
                counterparty_bank: partner.bank.0.into(),
                counterparty_bank_name: partner.bank.1.into(),
                counterparty_city: partner.bank.2.into(),
                pr_pr: if pending { "p" } else { "r" }.into(),
                id: next_id.to_string(),
            };
            if incoming {
                last_incoming = Some(row.clone());
            }
            rows.push(row);
        }
    }
    (accounts, rows)
}

/// A posting reference like the bank's: "DN" + branch letters + ten characters.
pub(crate) fn reference(rng: &mut Rng) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    let mut s = String::from("DN");
    for _ in 0..2 {
        s.push(char::from(b'A' + rng.u8(0..26)));
    }
    for _ in 0..10 {
        s.push(char::from(ALNUM[rng.usize(0..ALNUM.len())]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ibans_are_valid() {
        let iban = make_iban("305299", "26007233566001");
        assert_eq!(iban.len(), 29);
        assert!(iban_checksum_ok(&iban));
        assert!(iban_checksum_ok("UA213223130000026007233566001"));
        assert!(!iban_checksum_ok("UA213223130000026007233566002"));
    }

    #[test]
    fn the_same_seed_gives_the_same_bank() {
        let config = SimConfig {
            today: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            ..SimConfig::default()
        };
        let (a1, r1) = generate(&config);
        let (a2, r2) = generate(&config);
        assert_eq!(a1, a2);
        assert_eq!(r1, r2);
        assert_eq!(r1.len(), 400);
        let other = generate(&SimConfig { seed: 2, ..config }).1;
        assert_ne!(r1, other);
    }

    #[test]
    fn tax_ids_have_their_lengths() {
        let mut rng = Rng::with_seed(3);
        for _ in 0..100 {
            assert_eq!(edrpou(&mut rng).len(), 8);
            assert_eq!(rnokpp(&mut rng).len(), 10);
        }
    }
}
