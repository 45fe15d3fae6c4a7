//! `vypyska settings`, the mail (`email-test`, `smtp-password`), and the desktop helpers
//! (`notice-show`, `export-bindings`).

use vypyska_core::companies;
use vypyska_core::say;
use vypyska_core::settings::{CompanySettings, Settings};

use super::args::*;
use super::print::*;
use super::{Failure, Session};

pub(super) fn notice_show(
    cx: Session,
    NoticeShowArgs { id }: NoticeShowArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    crate::notify::show_detached(cx.store, id, lang).map_err(Failure::new)?;

    Ok(())
}

pub(super) fn email_test(
    cx: &mut Session,
    EmailTestArgs { to }: EmailTestArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    vypyska_core::email::send_test(&cx.settings, &to)?;
    println!("{}", say!(lang, test_email_sent, to));

    Ok(())
}

pub(super) fn smtp_password(cx: &mut Session) -> Result<(), Failure> {
    let lang = cx.lang;
    let password = read_secret_line(lang)?;
    vypyska_core::secrets::save_password(
        vypyska_core::email::PASSWORD_ENTRY,
        password.trim_end_matches(['\r', '\n']),
    )?;

    Ok(())
}

/// The settings (as a company sees them, with `--company`: its own values marked), after a
/// change when one is asked.
pub(super) fn show(
    cx: &mut Session,
    SettingsArgs {
        json,
        company,
        action,
    }: SettingsArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    let company = match company {
        Some(name) => Some(companies::find(cx.store.conn(), &name)?),
        None => None,
    };
    let conn = cx.store.conn();
    match (action, &company) {
        (Some(SettingsCommand::Set(SettingsSetArgs { key, value })), None) => {
            Settings::set(conn, &key, &value)?;
        }
        (Some(SettingsCommand::Set(SettingsSetArgs { key, value })), Some(c)) => {
            Settings::set_for_company(conn, c.id, &key, Some(&value))?;
        }
        (Some(SettingsCommand::Reset(SettingsResetArgs { key })), Some(c)) => {
            Settings::set_for_company(conn, c.id, &key, None)?;
        }
        (Some(SettingsCommand::Reset(_)), None) => {
            return Err(Failure::new(say!(lang, reset_needs_company)));
        }
        (None, _) => {}
    }
    let each = CompanySettings::load(conn)?;
    let id = company.as_ref().map(|c| c.id);
    let own: Vec<String> = id
        .map(|c| each.values(c))
        .unwrap_or_default()
        .into_iter()
        .filter(|v| v.own)
        .map(|v| v.key)
        .collect();
    let entries = each.of(id).entries();
    if json {
        let map: serde_json::Map<String, serde_json::Value> = entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
            .collect();
        return print_json(&map);
    }
    for (key, value) in entries {
        let mark = match own.iter().any(|k| k == key) {
            true => format!("   ({})", say!(lang, own_value_of_company)),
            false => String::new(),
        };
        println!("{key} = {value}{mark}");
    }

    Ok(())
}

pub(super) fn export_bindings(
    _cx: &mut Session,
    ExportBindingsArgs { path }: ExportBindingsArgs,
) -> Result<(), Failure> {
    crate::ipc::export_bindings(&path).map_err(Failure::new)?;

    Ok(())
}
