//! `vypyska team create|join|status|leave`: where this computer's books are.

use vypyska_core::say;
use vypyska_core::secrets::Keyring;
use vypyska_core::team;
use vypyska_core::{Lang, Store};

use super::args::*;
use super::print::*;
use super::Failure;

pub(super) fn run(action: TeamCommand) -> Result<(), Failure> {
    let data_dir = vypyska_core::data_dir().map_err(|e| Failure::new(format!("{e:#}")))?;
    let lang = lang();
    match action {
        TeamCommand::Create(TeamCreateArgs {
            url,
            password_stdin,
            ca_file,
        }) => create(&data_dir, &url, password_stdin, ca_file.as_deref(), lang),
        TeamCommand::Join(TeamJoinArgs {
            url,
            employee,
            password_stdin,
            ca_file,
        }) => join(
            &data_dir,
            &url,
            &employee,
            password_stdin,
            ca_file.as_deref(),
            lang,
        ),
        TeamCommand::Status(TeamStatusArgs { json }) => status(&data_dir, json, lang),
        TeamCommand::Leave => leave(&data_dir, lang),
        TeamCommand::Invite(TeamInviteArgs { employee, role }) => {
            invite(&data_dir, &employee, &role, lang)
        }
    }
}

fn password(from_stdin: bool, lang: Lang) -> Result<Option<String>, Failure> {
    if !from_stdin {
        return Ok(None);
    }
    let line = read_secret_line(lang)?;
    Ok(Some(line.trim_end_matches(['\r', '\n']).to_owned()))
}

fn create(
    data_dir: &std::path::Path,
    url: &str,
    password_stdin: bool,
    ca_file: Option<&std::path::Path>,
    lang: Lang,
) -> Result<(), Failure> {
    if let Some(t) = team::current(data_dir)? {
        return Err(Failure::new(say!(lang, team_already, t.server)));
    }
    let password = password(password_stdin, lang)?;
    // This computer's own file, whatever `VYPYSKA_DATABASE_URL` says: it is what moves.
    let local = Store::open_in(data_dir)?;
    let checks = team::create(data_dir, &local, url, password.as_deref(), ca_file)?;
    for (table, counted) in vypyska_core::store::copy::describe(&checks) {
        println!("{table}\t{counted}");
    }
    println!("{}", say!(lang, team_created, url.trim()));
    Ok(())
}

fn join(
    data_dir: &std::path::Path,
    url: &str,
    employee: &str,
    password_stdin: bool,
    ca_file: Option<&std::path::Path>,
    lang: Lang,
) -> Result<(), Failure> {
    let password = password(password_stdin, lang)?;
    let joined = team::join(data_dir, url, employee, password.as_deref(), ca_file)?;
    println!(
        "{}",
        say!(
            lang,
            team_joined,
            joined.server,
            joined.employee.unwrap_or_default()
        )
    );
    Ok(())
}

fn status(data_dir: &std::path::Path, json: bool, lang: Lang) -> Result<(), Failure> {
    let status = team::status(data_dir, &Keyring, lang);
    if json {
        return print_json(&status);
    }
    match &status.server {
        None => println!("{}", say!(lang, team_status_solo)),
        Some(server) => println!(
            "{}",
            say!(
                lang,
                team_status_team,
                server,
                status.employee.clone().unwrap_or_else(|| "—".into())
            )
        ),
    }
    if let Some(problem) = &status.problem {
        println!("{}", shown(problem));
    }
    for a in &status.accounts {
        let token = match a.token_here {
            true => say!(lang, team_token_here),
            false => say!(lang, team_token_elsewhere),
        };
        let last = match (&a.last_sync, &a.last_outcome) {
            (Some(at), Some(outcome)) => {
                let at = vypyska_core::format::kyiv_time(at);
                match &a.last_by {
                    Some(who) => format!("{at} ({outcome}, {})", shown(who)),
                    None => format!("{at} ({outcome})"),
                }
            }
            _ => say!(lang, never_synced),
        };
        println!("{}\t{}\t{token}\t{last}", shown(&a.name), a.account);
    }
    if status.connected {
        Ok(())
    } else {
        Err(Failure::new(status.problem.unwrap_or_default()))
    }
}

fn leave(data_dir: &std::path::Path, lang: Lang) -> Result<(), Failure> {
    match team::leave(data_dir)? {
        true => println!("{}", say!(lang, team_left)),
        false => println!("{}", say!(lang, team_status_solo)),
    }
    Ok(())
}

fn invite(
    data_dir: &std::path::Path,
    employee: &str,
    role: &str,
    lang: Lang,
) -> Result<(), Failure> {
    let part = vypyska_core::store::roles::Part::parse(role)
        .ok_or_else(|| Failure::new(format!("--role {role}")))?;
    let sent = team::invite(data_dir, employee, part)?;
    println!(
        "{}",
        say!(
            lang,
            team_invited,
            sent.employee,
            sent.part,
            sent.url,
            sent.password
        )
    );
    Ok(())
}
