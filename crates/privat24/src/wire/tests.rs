use super::*;

/// The API document's transactions sample.
const SAMPLE_PAGE: &str = r#"{"status":"SUCCESS","type":"transactions","exist_next_page":true,"next_page_id":"620699370_online",
 "transactions":[{"AUT_MY_CRF":"31451288","AUT_MY_MFO":"305299","AUT_MY_ACC":"UA213052990000026007233566001",
 "AUT_MY_NAM":"ТОВ \"Приклад\"","AUT_MY_MFO_NAME":"АТ КБ \"ПРИВАТБАНК\"","AUT_MY_MFO_CITY":"Київ",
 "AUT_CNTR_CRF":"14360570","AUT_CNTR_MFO":"305299","AUT_CNTR_ACC":"UA903052992990004149123456789",
 "AUT_CNTR_NAM":"ФОП Петренко Олена Іванівна","AUT_CNTR_MFO_NAME":"АТ КБ \"ПРИВАТБАНК\"","AUT_CNTR_MFO_CITY":"Київ",
 "CCY":"UAH","FL_REAL":"r","PR_PR":"r","DOC_TYP":"m","NUM_DOC":"K0108B1WKX","DAT_KL":"07.01.2026",
 "DAT_OD":"07.01.2026","OSND":"Оплата згідно рахунку № 1245 від 05.01.2026, у т.ч. ПДВ 20% - 208.42 грн.",
 "SUM":"1250.50","SUM_E":"1250.50","REF":"DNCHK0108B1WKX","REFN":"1","TIM_P":"10:58",
 "DATE_TIME_DAT_OD_TIM_P":"07.01.2026 10:58:00","ID":"557091731","TRANTYPE":"C","DLR":"J63DNDSM0XHY5",
 "TECHNICAL_TRANSACTION_ID":"557091731_online","UETR":"","ULTMT":"N"}]}"#;

const SAMPLE_BALANCES: &str = r#"{"status":"SUCCESS","type":"balances","exist_next_page":false,"next_page_id":"",
"balances":[{"acc":"UA213052990000026007233566001","currency":"UAH","balanceIn":"1000.00",
"balanceInEq":"1000.00","balanceOut":"2250.50","balanceOutEq":"2250.50","turnoverDebt":"0.00",
"turnoverDebtEq":"0.00","turnoverCred":"1250.50","turnoverCredEq":"1250.50","bgfIBrnm":" ","brnm":"DNH0",
"dpd":"07.01.2026 00:00:00","nameACC":"ТОВ \"Приклад\"","state":"a","atp":"D","flmn":"DN",
"date_open_acc_reg":"28.12.2016 00:00:00","date_open_acc_sys":"28.12.2016 00:00:00",
"date_close_acc":"01.01.1900 00:00:00","is_final_bal":true}]}"#;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn reads_the_documented_transaction_sample() {
    let page = parse_transactions_page(SAMPLE_PAGE).unwrap();
    assert_eq!(page.next.as_deref(), Some("620699370_online"));
    assert!(page.rejected.is_empty());
    let t = &page.items[0];
    assert_eq!(t.key, "DNCHK0108B1WKX/1");
    assert_eq!(t.direction, Direction::In);
    assert_eq!(t.state, State::Posted);
    assert_eq!(t.amount, dec("1250.50"));
    assert_eq!(t.amount.to_string(), "1250.50");
    assert_eq!(t.amount_uah, Some(dec("1250.50")));
    assert_eq!(t.currency, "UAH");
    assert_eq!(t.value_date, NaiveDate::from_ymd_opt(2026, 1, 7).unwrap());
    // January: Kyiv is UTC+2.
    assert_eq!(t.posted_at.to_rfc3339(), "2026-01-07T10:58:00+02:00");
    assert_eq!(t.counterparty.name, "ФОП Петренко Олена Іванівна");
    assert_eq!(t.counterparty.tax_id, "14360570");
    assert_eq!(t.counterparty.iban, "UA903052992990004149123456789");
    assert_eq!(t.own.iban, "UA213052990000026007233566001");
    assert!(t.purpose.contains("№ 1245"));
    let raw: Value = serde_json::from_str(&t.raw).unwrap();
    assert_eq!(raw["DLR"], "J63DNDSM0XHY5");
}

#[test]
fn summer_times_carry_the_summer_offset() {
    let body = SAMPLE_PAGE.replace("07.01.2026 10:58:00", "15.07.2026 10:58:00");
    let page = parse_transactions_page(&body).unwrap();
    assert_eq!(
        page.items[0].posted_at.to_rfc3339(),
        "2026-07-15T10:58:00+03:00"
    );
}

#[test]
fn states_follow_pr_pr_and_fl_real() {
    for (pr, fl, want) in [
        ("r", "r", State::Posted),
        ("r", "i", State::Pending),
        ("p", "r", State::Pending),
        ("t", "r", State::Reversed),
        ("n", "r", State::Rejected),
        ("?", "r", State::Pending),
        ("", "", State::Pending),
    ] {
        assert_eq!(State::from_bank(pr, fl), want, "PR_PR={pr} FL_REAL={fl}");
    }
}

#[test]
fn stops_on_exist_next_page_alone_and_reads_string_booleans() {
    let last = SAMPLE_PAGE.replace(r#""exist_next_page":true"#, r#""exist_next_page":false"#);
    assert_eq!(parse_transactions_page(&last).unwrap().next, None);
    let quoted = SAMPLE_PAGE.replace(r#""exist_next_page":true"#, r#""exist_next_page":"true""#);
    assert!(parse_transactions_page(&quoted).unwrap().next.is_some());
    let quoted_false =
        SAMPLE_PAGE.replace(r#""exist_next_page":true"#, r#""exist_next_page":"false""#);
    assert_eq!(parse_transactions_page(&quoted_false).unwrap().next, None);
}

#[test]
fn unreadable_rows_are_kept_as_rejected_not_dropped() {
    let body = r#"{"status":"SUCCESS","exist_next_page":false,"transactions":[
        {"REF":"A1","REFN":"1","TRANTYPE":"C","SUM":"10.00","DAT_OD":"01.02.2026"},
        {"REF":"A2","REFN":"1","TRANTYPE":"X","SUM":"10.00","DAT_OD":"01.02.2026"},
        {"REFN":"1","TRANTYPE":"C","SUM":"10.00","DAT_OD":"01.02.2026"},
        {"REF":"A3","REFN":"1","TRANTYPE":"D","SUM":"ten","DAT_OD":"01.02.2026"},
        "junk"]}"#;
    let page = parse_transactions_page(body).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].key, "A1/1");
    // Missing time: midnight Kyiv of the value date.
    assert_eq!(
        page.items[0].posted_at.to_rfc3339(),
        "2026-02-01T00:00:00+02:00"
    );
    assert_eq!(page.rejected.len(), 4);
    assert!(page.rejected[0].reason.contains("TRANTYPE"));
    assert!(page.rejected[1].reason.contains("REF"));
    assert!(page.rejected[2].reason.contains("SUM"));
}

#[test]
fn tolerant_amounts_never_go_through_floats() {
    assert_eq!(money("1250.50"), Some(dec("1250.50")));
    assert_eq!(money("1250,50"), Some(dec("1250.50")));
    assert_eq!(money("1 250.50"), Some(dec("1250.50")));
    assert_eq!(money("0.10"), Some(dec("0.10")));
    assert_eq!(
        money("12345678901234.07").unwrap().to_string(),
        "12345678901234.07"
    );
    assert_eq!(money(""), None);
    assert_eq!(money("abc"), None);
}

#[test]
fn truncated_json_is_a_malformed_reply() {
    let cut = &SAMPLE_PAGE[..SAMPLE_PAGE.len() / 2];
    let err = parse_transactions_page(cut).unwrap_err();
    assert_eq!(err.code(), "malformed_reply");
    assert!(err.is_retryable());
}

#[test]
fn error_bodies_map_to_typed_errors_with_numeric_or_string_codes() {
    let body = r#"{"status":"ERROR","code":"401","message":"Unauthorized","requestId":"x"}"#;
    assert!(matches!(
        parse_settings(body),
        Err(Error::CredentialsRejected { .. })
    ));
    let body = r#"{"status":"ERROR","code":403,"message":"Forbidden"}"#;
    assert!(matches!(
        parse_transactions_page(body),
        Err(Error::AutoclientDisabled { .. })
    ));
    let body = r#"{"status":"ERROR","code":416,"message":"Range"}"#;
    assert!(matches!(
        parse_transactions_page(body),
        Err(Error::Request { status: 416, .. })
    ));
}

#[test]
fn cp1251_bodies_are_decoded_labelled_or_not() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(SAMPLE_PAGE);
    assert!(std::str::from_utf8(&bytes).is_err());
    for ct in [Some("application/json; charset=windows-1251"), None] {
        let text = decode_body(&bytes, ct);
        let page = parse_transactions_page(&text).unwrap();
        assert_eq!(
            page.items[0].counterparty.name,
            "ФОП Петренко Олена Іванівна"
        );
    }
    assert_eq!(
        decode_body(SAMPLE_PAGE.as_bytes(), Some("application/json")),
        SAMPLE_PAGE
    );
}

#[test]
fn reads_the_documented_balance_sample() {
    let page = parse_balances_page(SAMPLE_BALANCES).unwrap();
    assert_eq!(page.next, None);
    let b = &page.items[0];
    assert_eq!(b.day, NaiveDate::from_ymd_opt(2026, 1, 7).unwrap());
    assert_eq!(b.opening, dec("1000.00"));
    assert_eq!(b.closing, dec("2250.50"));
    assert_eq!(b.turnover_credit, dec("1250.50"));
    assert!(b.is_final);
}

#[test]
fn reads_settings_and_maintenance() {
    let body = r#"{"status":"SUCCESS","type":"settings","settings":{"phase":"WRK","dates_without_oper_day":["01.01.2020 00:00:00"],"today":"30.03.2020 00:00:00",
"lastday":"29.03.2020 00:00:00","work_balance":"N","server_date_time":"30.03.2020 12:03:51",
"date_final_statement":"28.03.2020 00:00:00"}}"#;
    let s = parse_settings(body).unwrap();
    assert_eq!(s.today, NaiveDate::from_ymd_opt(2020, 3, 30));
    assert_eq!(s.final_statement_day, NaiveDate::from_ymd_opt(2020, 3, 28));
    assert!(!s.in_maintenance());
    let s =
        parse_settings(&body.replace(r#""work_balance":"N""#, r#""work_balance":"Y""#)).unwrap();
    assert!(s.in_maintenance());
    let s = parse_settings(&body.replace("WRK", "END")).unwrap();
    assert!(s.in_maintenance());
}

#[test]
fn values_the_bank_should_never_send_make_a_rejected_row() {
    let row = |sum: &str, day: &str| {
        format!(r#"{{"REF":"R{sum}","REFN":"1","TRANTYPE":"C","SUM":"{sum}","DAT_OD":"{day}"}}"#)
    };
    let rows = [
        row("-5.00", "03.02.2026"),
        row("99999999999999999999999999.99", "04.02.2026"),
        row("1000000000000.00", "05.02.2026"),
        row("1.005", "06.02.2026"),
        row("12.50", "31.02.2026"),
        r#"{"REF":null,"REFN":null,"TRANTYPE":null,"SUM":null,"DAT_OD":null}"#.to_owned(),
        row("999999999999.99", "07.02.2026"),
    ];
    let body = format!(
        r#"{{"status":"SUCCESS","exist_next_page":false,"transactions":[{}]}}"#,
        rows.join(",")
    );
    let page = parse_transactions_page(&body).unwrap();
    assert_eq!(page.items.len(), 1, "only the largest real amount is read");
    assert_eq!(page.items[0].amount, MAX_AMOUNT);
    let reasons: Vec<&str> = page.rejected.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(page.rejected.len(), 6, "{reasons:?}");
    assert!(reasons[0].contains("negative"), "{reasons:?}");
    assert!(reasons[1].contains("beyond"), "{reasons:?}");
    assert!(reasons[2].contains("beyond"), "{reasons:?}");
    assert!(reasons[3].contains("two decimals"), "{reasons:?}");
    assert!(reasons[4].contains("DAT_OD"), "{reasons:?}");
    // Each rejected row knows its day, leniently; the impossible 31.02 falls back to the 1st.
    let days: Vec<Option<String>> = page
        .rejected
        .iter()
        .map(|r| r.day.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        days,
        [
            Some("2026-02-03"),
            Some("2026-02-04"),
            Some("2026-02-05"),
            Some("2026-02-06"),
            Some("2026-02-01"),
            None,
        ]
        .map(|d| d.map(str::to_owned))
    );
    // The raw text is kept verbatim.
    assert_eq!(page.rejected[4].raw, rows[4]);
}
