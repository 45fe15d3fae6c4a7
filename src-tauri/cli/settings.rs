//! `vypyska settings`, the mail (`email-test`, `smtp-password`), and the desktop helpers
//! (`notice-show`, `export-bindings`).

use vypyska_core::say;
use vypyska_core::settings::Settings;

use super::args::*;
use super::print::*;
use super::{Failure, Session};

pub(super) fn notice_show(
    cx: &mut Session,
    NoticeShowArgs { id }: NoticeShowArgs,
) -> Result<(), Failure> {
    let lang = cx.lang;
    crate::notify::show_detached(&cx.store, id, lang).map_err(Failure::new)?;

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

pub(super) fn show(
    cx: &mut Session,
    SettingsArgs { json, action }: SettingsArgs,
) -> Result<(), Failure> {
    let settings = match action {
        Some(SettingsCommand::Set(SettingsSetArgs { key, value })) => {
            Settings::set(cx.store.conn(), &key, &value)?
        }
        None => cx.settings.clone(),
    };
    if json {
        let map: serde_json::Map<String, serde_json::Value> = settings
            .entries()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), serde_json::Value::String(v)))
            .collect();
        return print_json(&map);
    }
    for (key, value) in settings.entries() {
        println!("{key} = {value}");
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
