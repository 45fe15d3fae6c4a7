//! `vypyska merchant add|list|rename|remove`.

use privat24::Token;
use vypyska_core::merchants::{self, NewMerchant};
use vypyska_core::say;
use vypyska_core::secrets::Keyring;
use vypyska_core::store::Tables;
use vypyska_core::{format, SystemClock};

use super::args::*;
use super::print::*;
use super::{client, Failure, Session};

pub(super) async fn add(
    cx: &mut Session,
    MerchantAddArgs {
        name,
        account,
        currency,
        client_id,
        token_stdin: _,
        sync_from,
        company,
    }: MerchantAddArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let line = read_secret_line(lang)?;
    let client = client(&cx.settings, lang)?;
    let new = NewMerchant {
        name,
        account,
        currency,
        client_id,
        token: Token::new(line.trim()),
        sync_from,
        company,
    };
    let m = merchants::add(&mut cx.store, &Keyring, &client, &SystemClock, new).await?;
    println!(
        "{}",
        say!(
            lang,
            added_token_system_password,
            m.name,
            m.account,
            m.currency
        )
    );

    Ok(())
}

pub(super) fn list(
    cx: &mut Session,
    MerchantListArgs { json }: MerchantListArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let list = merchants::list(cx.store.conn())?;
    let mut out = Vec::new();
    for m in &list {
        let last = cx.store.runs().last_run(m.id)?;
        out.push((m, last));
    }
    if json {
        let items: Vec<_> = out
            .iter()
            .map(|(m, last)| {
                serde_json::json!({
                    "name": m.name, "account": m.account, "currency": m.currency,
                    "has_client_id": m.has_client_id, "sync_from": m.sync_from,
                    "synced_through": m.synced_through, "last_run": last,
                })
            })
            .collect();
        return print_json(&items);
    }
    if out.is_empty() {
        println!("{}", say!(lang, no_merchants_yet_add));
    }
    for (m, last) in out {
        let status = match last {
            Some(r) => format!(
                "{} {}",
                format::outcome(r.outcome, lang),
                format::kyiv_time(&r.finished_at.unwrap_or(r.started_at))
            ),
            None => say!(lang, never_synced),
        };
        println!(
            "{}\t{}\t{}\t{}",
            shown(&m.name),
            m.account,
            m.currency,
            status
        );
    }

    Ok(())
}

pub(super) fn rename(
    cx: &mut Session,
    MerchantRenameArgs { name, new_name }: MerchantRenameArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let m = merchants::rename(&mut cx.store, &name, &new_name)?;
    println!("{}", say!(lang, merchant_renamed, m.name));

    Ok(())
}

pub(super) fn remove(
    cx: &mut Session,
    MerchantRemoveArgs {
        name,
        delete_statements,
    }: MerchantRemoveArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let m = merchants::remove(&mut cx.store, &Keyring, &name, delete_statements)?;
    println!("{}", say!(lang, merchant_removed, m.name));

    Ok(())
}
