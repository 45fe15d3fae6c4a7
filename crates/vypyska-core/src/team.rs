//! Team mode: where this computer's books are. Solo, they are the data folder's own file; in a
//! team, a PostgreSQL database the business runs, which every desktop of the team works on.
//! The choice is `<data>/team.json` (the server's address, never its password, which lives in
//! the OS keyring), or `VYPYSKA_DATABASE_URL` for scripts and tests.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::say;
use crate::store::copy::TableCheck;
use crate::store::{Access, Store, StoreError};
use crate::{Lang, UserError as _};

/// The file that says this computer works on a team's server.
pub const TEAM_FILE: &str = "team.json";

/// The oldest server this program's schema runs on (generated columns: PostgreSQL 12).
const OLDEST_SERVER: i64 = 120_000;

/// This computer's team: the server, and who this desktop is.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// `postgres://user@host:port/database`, without a password.
    pub server: String,
    /// The employee this desktop is, once joined as one.
    pub employee: Option<String>,
    /// The certificate authority that signed the server's certificate, when it is the
    /// business's own (a file on this computer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<String>,
}

impl Team {
    fn access(&self) -> Result<Access, TeamError> {
        Ok(Access {
            password: crate::secrets::load_password(&password_entry(&self.server))?,
            ca_file: self.ca_file.as_ref().map(PathBuf::from),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("not a PostgreSQL address: {0}")]
    BadAddress(String),
    #[error("a password in the address")]
    PasswordInAddress,
    #[error("the server runs PostgreSQL {0}, older than 12")]
    TooOld(String),
    #[error("the database holds books already")]
    NotEmpty,
    #[error("this computer is not in a team")]
    NotInTeam,
    #[error("no employee {0} (the team's: {1})")]
    NoEmployee(String, String),
    #[error("cannot read or write {path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Secret(#[from] crate::secrets::SecretError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for TeamError {
    fn from(e: StoreError) -> TeamError {
        match e {
            StoreError::NotEmpty => TeamError::NotEmpty,
            e => TeamError::Store(e),
        }
    }
}

impl TeamError {
    pub fn code(&self) -> crate::Code {
        match self {
            TeamError::BadAddress(_) | TeamError::PasswordInAddress => crate::Code::InvalidText,
            TeamError::TooOld(_) => crate::Code::ServerTooOld,
            TeamError::NotEmpty => crate::Code::DatabaseNotEmpty,
            TeamError::NoEmployee(..) => crate::Code::NotFound,
            TeamError::NotInTeam => crate::Code::NotFound,
            TeamError::File { .. } => crate::Code::Database,
            TeamError::Secret(e) => e.code(),
            TeamError::Store(e) => e.code(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            TeamError::BadAddress(a) => say!(lang, team_bad_address, a),
            TeamError::PasswordInAddress => say!(lang, team_password_in_url),
            TeamError::TooOld(v) => say!(lang, team_server_too_old, v),
            TeamError::NotEmpty => say!(lang, team_database_not_empty),
            TeamError::NoEmployee(who, known) => say!(lang, team_no_employee, who, known),
            TeamError::NotInTeam => say!(lang, team_status_solo),
            TeamError::File { path, source } => {
                say!(lang, team_file_problem, path.display(), source)
            }
            TeamError::Secret(e) => e.message(lang),
            TeamError::Store(e) => e.message(lang),
        }
    }
}

crate::error::user_error!(TeamError);

/// The keyring entry of a server's password.
fn password_entry(server: &str) -> String {
    format!("database:{server}")
}

/// This computer's team, when it is in one.
pub fn current(data_dir: &Path) -> Result<Option<Team>, TeamError> {
    let path = data_dir.join(TEAM_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| TeamError::File {
                path,
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(TeamError::File { path, source }),
    }
}

/// Who this desktop is in the runs it records: the employee it joined a team as, else the
/// computer's user.
pub fn desktop_name(data_dir: &Path) -> String {
    current(data_dir)
        .ok()
        .flatten()
        .and_then(|t| t.employee)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_default()
}

/// Where the books are: `VYPYSKA_DATABASE_URL` (with `VYPYSKA_DATABASE_CA_FILE`, when the
/// server's certificate is the business's own), else this computer's team (its password from
/// the keyring), else none (the data folder's file).
pub fn books_server(data_dir: &Path) -> Result<Option<(String, Access)>, TeamError> {
    if let Some(url) = crate::database_url() {
        let ca_file = std::env::var_os("VYPYSKA_DATABASE_CA_FILE")
            .filter(|f| !f.is_empty())
            .map(PathBuf::from);
        return Ok(Some((
            url,
            Access {
                password: None,
                ca_file,
            },
        )));
    }
    let Some(team) = current(data_dir)? else {
        return Ok(None);
    };
    let access = team.access()?;
    Ok(Some((team.server, access)))
}

/// Checks an address before anything is asked of it: a PostgreSQL URL without a password in
/// it (the store keeps the rest: TLS to every host but this computer).
pub fn check_address(url: &str) -> Result<String, TeamError> {
    let url = url.trim();
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
        .ok_or_else(|| TeamError::BadAddress(url.to_owned()))?;
    let (authority, database) = rest
        .split_once('/')
        .ok_or_else(|| TeamError::BadAddress(url.to_owned()))?;
    if database.is_empty() || database.starts_with('?') || authority.is_empty() {
        return Err(TeamError::BadAddress(url.to_owned()));
    }
    let (user, _host) = authority.rsplit_once('@').unwrap_or(("", authority));
    if user.contains(':') {
        // A password in the address would end up in the team file: it goes to the keyring.
        return Err(TeamError::PasswordInAddress);
    }
    Ok(url.to_owned())
}

/// A certificate authority's file as the team file keeps it: its whole path, checked readable.
fn ca_path(ca_file: Option<&Path>) -> Result<Option<String>, TeamError> {
    let Some(path) = ca_file else {
        return Ok(None);
    };
    let whole = std::fs::canonicalize(path).map_err(|source| TeamError::File {
        path: path.to_owned(),
        source,
    })?;
    Ok(Some(whole.to_string_lossy().into_owned()))
}

fn connect(url: &str, access: &Access) -> Result<Store, TeamError> {
    let store = Store::connect_to(url, access)?;
    let version: i64 = store
        .conn()
        .query_row(
            "SELECT current_setting('server_version_num')::bigint",
            [],
            |r| r.get(0),
        )
        .map_err(TeamError::Store)?;
    if version < OLDEST_SERVER {
        return Err(TeamError::TooOld(version.to_string()));
    }
    Ok(store)
}

fn save(data_dir: &Path, team: &Team) -> Result<(), TeamError> {
    let path = data_dir.join(TEAM_FILE);
    let text = serde_json::to_vec_pretty(team).unwrap_or_default();
    std::fs::write(&path, text).map_err(|source| TeamError::File { path, source })
}

/// Moves this computer's books onto an empty database of the team's server: the schema is
/// made, everything is copied in one transaction and compared table by table (rows and money),
/// and only then does this computer switch to it. The file stays as it was; bank tokens stay in
/// this computer's keyring.
pub fn create(
    data_dir: &Path,
    local: &Store,
    url: &str,
    password: Option<&str>,
    ca_file: Option<&Path>,
) -> Result<Vec<TableCheck>, TeamError> {
    let url = check_address(url)?;
    let ca_file = ca_path(ca_file)?;
    let access = Access {
        password: password.map(str::to_owned),
        ca_file: ca_file.as_ref().map(PathBuf::from),
    };
    let mut server = connect(&url, &access)?;
    if crate::store::copy::holds_books(server.conn())? {
        return Err(TeamError::NotEmpty);
    }
    // Who may do what is the server's to keep: the parts' roles first, so a server that will
    // not make them is found before anything moves.
    server.grant_parts()?;
    let checks = local.copy_into(&mut server)?;
    if let Some(p) = password {
        crate::secrets::save_password(&password_entry(&url), p)?;
    }
    save(
        data_dir,
        &Team {
            server: url,
            employee: None,
            ca_file,
        },
    )?;
    Ok(checks)
}

/// This computer goes back to its own file (the server's books stay on the server).
pub fn leave(data_dir: &Path) -> Result<bool, TeamError> {
    let path = data_dir.join(TEAM_FILE);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(TeamError::File { path, source }),
    }
}

/// Works on a team's books that are on the server already, as one of its employees.
pub fn join(
    data_dir: &Path,
    url: &str,
    employee: &str,
    password: Option<&str>,
    ca_file: Option<&Path>,
) -> Result<Team, TeamError> {
    let url = check_address(url)?;
    let ca_file = ca_path(ca_file)?;
    let access = Access {
        password: password.map(str::to_owned),
        ca_file: ca_file.as_ref().map(PathBuf::from),
    };
    let server = connect(&url, &access)?;
    let people = crate::notifications::employees(server.conn())
        .map_err(|e| TeamError::NoEmployee(employee.to_owned(), e.to_string()))?;
    let key = crate::store::name_key(employee);
    let Some(person) = people
        .iter()
        .find(|p| crate::store::name_key(&p.name) == key)
    else {
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        return Err(TeamError::NoEmployee(employee.to_owned(), names.join(", ")));
    };
    if let Some(p) = password {
        crate::secrets::save_password(&password_entry(&url), p)?;
    }
    let team = Team {
        server: url,
        employee: Some(person.name.clone()),
        ca_file,
    };
    save(data_dir, &team)?;
    Ok(team)
}

/// One account as this desktop sees it in a team.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountHere {
    pub name: String,
    pub account: String,
    /// This desktop holds its token (in its keyring), so it can sync it.
    pub token_here: bool,
    /// When it was synced last, and how that went.
    pub last_sync: Option<String>,
    pub last_outcome: Option<String>,
    /// Who ran it: the employee whose desktop synced it (or that computer's user).
    pub last_by: Option<String>,
}

/// Solo or team, and how the team looks from this desktop.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// `solo` or `team`.
    pub mode: String,
    pub server: Option<String>,
    pub employee: Option<String>,
    /// The server answered (always, solo).
    pub connected: bool,
    /// Why it did not, in words.
    pub problem: Option<String>,
    pub accounts: Vec<AccountHere>,
}

/// How things stand: where the books are, whether they answer, and each account.
pub fn status(data_dir: &Path, secrets: &dyn crate::secrets::SecretStore, lang: Lang) -> Status {
    let team = current(data_dir).ok().flatten();
    let from_env = crate::database_url();
    let (mode, server) = match (&from_env, &team) {
        (Some(url), _) => ("team", Some(url.clone())),
        (None, Some(t)) => ("team", Some(t.server.clone())),
        (None, None) => ("solo", None),
    };
    let mut status = Status {
        mode: mode.to_owned(),
        server,
        employee: team.and_then(|t| t.employee),
        connected: false,
        problem: None,
        accounts: Vec::new(),
    };
    match crate::books(data_dir) {
        Ok(store) => {
            status.connected = true;
            let merchants = crate::merchants::list(store.conn()).unwrap_or_default();
            for m in merchants {
                let last = crate::store::Tables::runs(&store)
                    .last_run(m.id)
                    .ok()
                    .flatten();
                status.accounts.push(AccountHere {
                    token_here: secrets.load(&m.secret_ref).is_ok(),
                    last_sync: last.as_ref().map(|r| r.started_at.clone()),
                    last_by: last
                        .as_ref()
                        .map(|r| r.desktop.clone())
                        .filter(|d| !d.is_empty()),
                    last_outcome: last.map(|r| r.outcome.as_str().to_owned()),
                    name: m.name,
                    account: m.account,
                });
            }
        }
        Err(e) => status.problem = Some(e.message(lang)),
    }
    status
}

/// What to send a person invited into the team: the address they join with (their own login
/// in it) and the password, said once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub employee: String,
    pub part: String,
    pub url: String,
    pub password: String,
}

/// Invites an employee (added when new) into the team's books in a part: a login of their own
/// on the server, held to that part's rights by the server itself.
pub fn invite(
    data_dir: &Path,
    employee: &str,
    part: crate::store::roles::Part,
) -> Result<Invitation, TeamError> {
    let Some(team) = current(data_dir)? else {
        return Err(TeamError::NotInTeam);
    };
    let mut store = connect(&team.server, &team.access()?)?;
    let name = employee.trim();
    let key = crate::store::name_key(name);
    let people = crate::notifications::employees(store.conn())
        .map_err(|e| TeamError::NoEmployee(name.to_owned(), e.to_string()))?;
    let id = match people
        .iter()
        .find(|p| crate::store::name_key(&p.name) == key)
    {
        Some(p) => p.id,
        None => crate::notifications::save_employee(
            &mut store,
            &crate::notifications::Employee {
                id: 0,
                name: name.to_owned(),
                email: String::new(),
                this_computer: false,
                kinds: vec![crate::notifications::Kind::Payment],
                companies: Vec::new(),
            },
        )
        .map_err(|e| TeamError::NoEmployee(name.to_owned(), e.to_string()))?,
    };
    let group = store.part_role(part)?;
    let login = format!(
        "{}_e{id}",
        group.trim_end_matches(part.as_str()).trim_end_matches('_')
    );
    let secret = uuid::Uuid::new_v4().simple().to_string();
    store.invite(&login, part, &secret)?;
    // Their address: the team's, with their own login in it.
    let (_, rest) = team.server.split_once("://").unwrap_or(("", &team.server));
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    Ok(Invitation {
        employee: name.to_owned(),
        part: part.as_str().to_owned(),
        url: format!("postgres://{login}@{host}"),
        password: secret,
    })
}
