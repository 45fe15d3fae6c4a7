//! What is stored, for reading: `vypyska statements`, `balances` and `runs`.

use privat24::Direction;
use std::io::Write;
use vypyska_core::format;
use vypyska_core::merchants::{self};
use vypyska_core::say;
use vypyska_core::store::StatementFilter;
use vypyska_core::store::Tables;

use super::args::*;
use super::print::*;
use super::{Failure, Session};

pub(super) fn list(
    cx: &mut Session,
    StatementsArgs {
        json,
        merchant,
        from,
        to,
        direction,
        search,
        company,
    }: StatementsArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Failure::new(say!(
                lang,
                from_after_period_empty,
                from.format("%d.%m.%Y"),
                to.format("%d.%m.%Y"),
                from,
                to
            )));
        }
    }
    if let Some(name) = &merchant {
        merchants::find(cx.store.conn(), name)?;
    }
    if let Some(name) = &company {
        vypyska_core::companies::find(cx.store.conn(), name)?;
    }
    let filter = StatementFilter {
        merchant,
        company,
        from,
        to,
        direction: direction.map(|d| match d {
            DirectionArg::In => Direction::In,
            DirectionArg::Out => Direction::Out,
        }),
        search,
        ..StatementFilter::default()
    };
    let rows = cx.store.statements().statements(&filter)?;
    if json {
        return print_json(&rows);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for r in &rows {
        let sign = if r.direction == "in" { "+" } else { "-" };
        let _ = writeln!(
            out,
            "{}  {}{:>16}  {:<10}  {:<32}  {}",
            format::day_text(&r.value_date),
            sign,
            format::money(r.amount, &r.currency, lang),
            format::state(&r.state, lang),
            shown(&r.counterparty_name.chars().take(32).collect::<String>()),
            shown(&r.purpose)
        );
    }
    let totals = cx.store.statements().totals(&filter)?;
    for (currency, t) in &totals.per_currency {
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}, {} {}",
            currency,
            say!(lang, direction_in),
            format::money(t.incoming, currency, lang),
            say!(lang, direction_out),
            format::money(t.outgoing, currency, lang),
            say!(lang, net_word),
            format::money(t.net, currency, lang),
        );
    }

    Ok(())
}

pub(super) fn balances(
    cx: &mut Session,
    BalancesArgs {
        json,
        merchant,
        company,
    }: BalancesArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    if let Some(name) = &merchant {
        merchants::find(cx.store.conn(), name)?;
    }
    let company = match company {
        Some(name) => Some(vypyska_core::companies::find(cx.store.conn(), &name)?.name),
        None => None,
    };
    let rows: Vec<_> = cx
        .store
        .statements()
        .latest_balances(merchant.as_deref())?
        .into_iter()
        .filter(|b| company.is_none() || b.company == company)
        .collect();
    if json {
        return print_json(&rows);
    }
    for b in rows {
        println!(
            "{}\t{}\t{}\t{}",
            shown(&b.merchant.unwrap_or_default()),
            b.account,
            format::day_text(&b.day),
            format::money(b.closing, &b.currency, lang)
        );
    }

    Ok(())
}

pub(super) fn runs(
    cx: &mut Session,
    RunsArgs {
        json,
        merchant,
        limit,
    }: RunsArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let id = match merchant {
        Some(name) => Some(merchants::find(cx.store.conn(), &name)?.id),
        None => None,
    };
    let list = cx.store.runs().recent_runs(id, limit)?;
    if json {
        return print_json(&list);
    }
    for r in list {
        let counts = say!(
            lang,
            pages_rows_new_updated,
            r.pages,
            r.rows_seen,
            r.rows_new,
            r.rows_updated
        );
        println!(
            "{}\t{}\t{}\t{counts}\t{}",
            format::kyiv_time(&r.started_at),
            shown(&r.merchant.unwrap_or_default()),
            format::outcome(r.outcome, lang),
            shown(&r.error_message.unwrap_or_default())
        );
    }

    Ok(())
}
