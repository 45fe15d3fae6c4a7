use super::*;

/// The fields of a code's text, read back as a banking app's scanner would: the start address,
/// Base64URL without padding, Windows-1251, one field a line.
fn read_back(content: &str, format: QrFormat) -> Vec<String> {
    let payload = content
        .strip_prefix(format.start())
        .expect("the format's start address");
    assert!(!payload.contains('='), "no padding");
    let data = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    let (text, _, bad) = encoding_rs::WINDOWS_1251.decode(&data);
    assert!(!bad);
    text.split('\n').map(str::to_owned).collect()
}

fn request() -> PaymentRequest {
    PaymentRequest {
        recipient: "ТОВ «Ромашка»".into(),
        iban: "UA21 3223 1300 0002 6007 2335 6600 1".into(),
        tax_id: "14360570".into(),
        amount: "1250.5".parse().unwrap(),
        number: "СФ-2026-0042".into(),
        purpose: purpose_of(
            "СФ-2026-0042",
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            "1250.50".parse().unwrap(),
            Some("208.42".parse().unwrap()),
        ),
    }
}

#[test]
fn a_003_code_holds_every_field_in_its_place() {
    let code = payment_code(&request(), QrFormat::V003).unwrap();
    assert!(!code.shortened);
    let f = read_back(&code.content, QrFormat::V003);
    assert_eq!(f.len(), 17, "{f:?}");
    assert_eq!(&f[..5], ["BCD", "003", "2", "UCT", ""]);
    assert_eq!(f[5], "ТОВ «Ромашка»");
    assert_eq!(f[6], "UA213223130000026007233566001");
    assert_eq!(f[7], "UAH1250.50");
    assert_eq!(f[8], "14360570");
    assert_eq!(f[9], "OTHR/OTHR");
    assert_eq!(f[10], "SF-2026-0042");
    assert_eq!(
        f[11],
        "Оплата за рахунком № СФ-2026-0042 від 01.12.2026, сума 1 250,50 грн, у т.ч. ПДВ 208,42 грн"
    );
    assert_eq!(f[13], "FFFF");
    assert!(f[12].is_empty() && f[14..].iter().all(String::is_empty));
    // Our own number finder reads the invoice back from the purpose the payer's bank sends.
    let found = crate::invoice_numbers::find_invoice_numbers(&f[11]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].raw, "СФ-2026-0042");
}

#[test]
fn a_002_code_for_older_apps() {
    let code = payment_code(&request(), QrFormat::V002).unwrap();
    let f = read_back(&code.content, QrFormat::V002);
    assert_eq!(f.len(), 13, "{f:?}");
    assert_eq!(&f[..4], ["BCD", "002", "2", "UCT"]);
    assert_eq!(f[7], "UAH1250.50");
    assert!(f[9].is_empty() && f[10].is_empty() && f[12].is_empty());
    assert!(f[11].contains("СФ-2026-0042"));
    assert!(code.content.len() <= 412);
}

#[test]
fn a_long_purpose_is_cut_after_the_number_and_the_code_stays_within_its_limits() {
    let mut r = request();
    r.recipient = "Товариство з обмеженою відповідальністю «Дуже довга назва компанії»".into();
    r.purpose = format!("{}; {}", r.purpose, "послуги з консультування ".repeat(30));
    for format in [QrFormat::V003, QrFormat::V002] {
        let code = payment_code(&r, format).unwrap();
        assert!(code.shortened);
        assert!(code.purpose.ends_with('…'), "{}", code.purpose);
        assert!(code.purpose.contains("№ СФ-2026-0042"), "{}", code.purpose);
        assert!(code.content.len() <= format.max_content());
        let f = read_back(&code.content, format);
        assert_eq!(f[11], code.purpose);
        let data = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(code.content.strip_prefix(format.start()).unwrap())
            .unwrap();
        assert!(data.len() <= 475);
        // Longer than what went in would not have fitted.
        modules(&code).unwrap();
    }
}

#[test]
fn line_feeds_and_signs_outside_windows_1251_never_break_the_fields() {
    let mut r = request();
    r.recipient = "ТОВ\n«Ромашка»\r\t😀".into();
    r.purpose = format!("{}\nдругий рядок ₴ 5\u{a0}000", r.purpose);
    let code = payment_code(&r, QrFormat::V003).unwrap();
    let f = read_back(&code.content, QrFormat::V003);
    assert_eq!(f.len(), 17);
    assert_eq!(f[5], "ТОВ «Ромашка» ?");
    assert!(f[11].ends_with("грн другий рядок ? 5 000"), "{}", f[11]);
}

#[test]
fn what_cannot_be_paid_is_refused_in_words() {
    let bad = |change: &dyn Fn(&mut PaymentRequest)| {
        let mut r = request();
        change(&mut r);
        payment_code(&r, QrFormat::V003).unwrap_err()
    };
    assert!(matches!(
        bad(&|r| r.iban = "UA00 1234".into()),
        QrError::Iban(_)
    ));
    assert!(matches!(
        bad(&|r| r.tax_id = "14360571".into()),
        QrError::TaxId(_)
    ));
    assert!(matches!(
        bad(&|r| r.recipient = " \n ".into()),
        QrError::NoRecipient
    ));
    for amount in ["0", "-5", "1000000000", "1.001"] {
        assert_eq!(
            bad(&|r| r.amount = amount.parse().unwrap()),
            QrError::Amount(amount.parse().unwrap())
        );
    }
    assert!(matches!(
        bad(&|r| r.purpose = "Оплата послуг".into()),
        QrError::PurposeWithoutNumber(_)
    ));
    assert_eq!(bad(&|r| r.number = String::new()), QrError::NoNumber);
}

#[test]
fn the_code_is_drawn_in_the_versions_the_rules_allow_with_the_sign_in_the_middle() {
    let code = payment_code(&request(), QrFormat::V003).unwrap();
    let m = modules(&code).unwrap();
    assert!((10..=17).contains(&m.version), "{}", m.version);
    assert_eq!(m.width, 17 + 4 * m.version as usize);
    assert_eq!(m.dark.len(), m.width * m.width);
    // The same invoice gives the same code.
    assert_eq!(
        modules(&payment_code(&request(), QrFormat::V003).unwrap()).unwrap(),
        m
    );
    let svg = m.svg();
    assert!(svg.starts_with("<svg") && svg.contains("₴"));
}
