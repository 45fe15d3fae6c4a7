//! `vypyska sync`: the bank's rows now, then the same follow-up as the app's.

use std::sync::Arc;
use vypyska_core::say;

use vypyska_core::ops;
use vypyska_core::secrets::Keyring;
use vypyska_core::sync::SyncEvent;
use vypyska_core::{format, Lang, SystemClock};

use super::args::*;
use super::print::*;
use super::{client, exit, Failure, Session};

pub(super) async fn run(cx: Session, SyncArgs { merchant, from }: SyncArgs) -> Result<(), Failure> {
    let lang = cx.lang;
    let settings = cx.settings.clone();
    let options = ops::sync_options(&settings, merchant, from);
    let mut syncer = ops::syncer(
        cx.store,
        client(&settings, lang)?,
        Arc::new(Keyring),
        Arc::new(SystemClock),
        cx.data_dir,
        lang,
    );
    let mut report = |e: &SyncEvent| {
        if let Some(line) = progress_line(e, lang) {
            eprintln!("{}", shown(&line));
        }
    };
    let outcomes = syncer.run(&options, &mut report).await?;
    // The same follow-up as the app's; notices on this desktop when a notification server runs.
    let data_dir = syncer.lock_dir.clone();
    let done = ops::after_sync(
        &mut syncer.store,
        &SystemClock,
        &settings,
        &data_dir,
        &crate::notify::DetachedDesktop,
    );
    say_linked(done.linked, lang);
    ops::email(&syncer.store, &settings, &done.fresh);
    if !done.problems.is_empty() {
        return Err(Failure::new(done.problems.join("; ")));
    }
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|o| match &o.result {
            Err(e) if !e.is_skip() => Some(format!("«{}»", o.merchant)),
            _ => None,
        })
        .collect();
    if !failed.is_empty() {
        return Err(Failure::new(say!(lang, sync_failed, failed.join(", "))));
    }
    let names = |pick: fn(&vypyska_core::sync::MerchantOutcome) -> bool| {
        let names: Vec<String> = outcomes
            .iter()
            .filter(|o| pick(o))
            .map(|o| format!("«{}»", o.merchant))
            .collect();
        names.join(", ")
    };
    let skipped = names(|o| o.result.as_ref().is_err_and(|e| e.is_skip()));
    if !skipped.is_empty() {
        return Err(Failure {
            message: say!(lang, skipped_sync_again_later, skipped),
            exit: exit::SKIPPED,
        });
    }
    let incomplete = names(|o| o.result.as_ref().is_ok_and(|s| s.incomplete()));
    if !incomplete.is_empty() {
        return Err(Failure {
            message: say!(lang, statement_incomplete_days_will, incomplete),
            exit: exit::INCOMPLETE,
        });
    }
    Ok(())
}

/// A line of progress for stderr, in the CLI's language; none for the balances.
fn progress_line(e: &SyncEvent, lang: Lang) -> Option<String> {
    Some(match e {
        SyncEvent::MerchantStarted { merchant, from, to } => say!(
            lang,
            sync_span,
            merchant,
            format::day(*from),
            format::day(*to),
            from,
            to
        ),
        SyncEvent::PageStored {
            merchant,
            page,
            rows,
            new,
            updated,
            ..
        } => say!(
            lang,
            page_rows_new_updated,
            merchant,
            page,
            rows,
            new,
            updated
        ),
        SyncEvent::BalancesStored { .. } => return None,
        SyncEvent::MerchantFinished {
            merchant,
            summary,
            warning,
        } => {
            let done = say!(
                lang,
                done_new_updated,
                merchant,
                summary.new,
                summary.updated
            );
            match warning {
                Some(w) => say!(lang, sync_done_with_warning, done, w),
                None => done,
            }
        }
        SyncEvent::MerchantSkipped {
            merchant, message, ..
        } => say!(lang, merchant_sync_skipped, merchant, message),
        SyncEvent::MerchantFailed {
            merchant, message, ..
        } => say!(lang, merchant_sync_failed, merchant, message),
    })
}
