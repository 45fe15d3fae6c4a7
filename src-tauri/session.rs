//! The data the app works on: the real one (the OS data folder, the OS keyring, the real bank)
//! or the demo (its own folder, the bank simulator in-process, a public demo token). The two
//! never share a database.

use std::path::Path;
use std::sync::Arc;
use vypyska_core::say;

use chrono::Duration;
use privat24::{Client, ClientConfig, Credentials, Token};
use privat24_sim::{SimConfig, SimServer};
use vypyska_core::merchants::{self, NewMerchant};
use vypyska_core::secrets::{Keyring, SecretError, SecretStore};
use vypyska_core::settings::Settings;
use vypyska_core::store::recovery::Recovery;
use vypyska_core::sync::Syncer;
use vypyska_core::{Clock, Lang, Store, SystemClock};

/// The language the window speaks, for every reply's message: set when a session opens and when
/// the settings are saved, so a command does not read the settings to learn it.
static UI_LANG: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

pub fn ui_lang() -> Lang {
    match UI_LANG.load(std::sync::atomic::Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Uk,
    }
}

pub fn set_ui_lang(lang: Lang) {
    let code = match lang {
        Lang::Uk => 0,
        Lang::En => 1,
    };
    UI_LANG.store(code, std::sync::atomic::Ordering::Relaxed);
}

/// Present in the real data folder while the demo is the active session.
const DEMO_FLAG: &str = "demo-active";
const DEMO_TOKEN: &str = "demo-token";

pub struct Session {
    pub demo: bool,
    /// The UI's connection; the sync has its own in `syncer`.
    pub db: tokio::sync::Mutex<Store>,
    pub syncer: tokio::sync::Mutex<Syncer>,
    pub secrets: Arc<dyn SecretStore>,
    pub client: Client,
    /// A damaged database found at start and set aside, until the owner restores a backup or
    /// goes on with the empty one.
    pub recovery: std::sync::Mutex<Option<Recovery>>,
    /// The demo's bank; stops when the session is dropped.
    _bank: Option<SimServer>,
}

impl Session {
    /// Whether the last session the user chose was the demo.
    pub fn demo_was_active(real_dir: &Path) -> bool {
        real_dir.join(DEMO_FLAG).exists()
    }

    pub fn open_real(real_dir: &Path) -> anyhow::Result<Session> {
        let _ = std::fs::remove_file(real_dir.join(DEMO_FLAG));
        let (store, recovery) = vypyska_core::open_books(real_dir)?;
        let settings = Settings::load(store.conn())?;
        let client = vypyska_core::ops::bank_client(vypyska_core::bank_url(), &settings)?;
        let session = Session::assemble(false, real_dir, store, client, Arc::new(Keyring), None)?;
        *session.recovery.lock().unwrap_or_else(|e| e.into_inner()) = recovery;
        Ok(session)
    }

    /// The demo: the simulator on loopback with two accounts of generated statements, and a
    /// database of its own under `<real>/demo`. Its merchants are added on first use.
    pub async fn open_demo(real_dir: &Path) -> anyhow::Result<Session> {
        let dir = real_dir.join("demo");
        let today = SystemClock.today_kyiv();
        let bank = SimServer::start(SimConfig {
            seed: 2026,
            accounts: 2,
            transactions_per_account: 400,
            days: 90,
            today,
            token: DEMO_TOKEN.into(),
            client_id: None,
        })
        .await?;
        let client = Client::new(ClientConfig {
            base_url: bank.url(),
            page_pause: std::time::Duration::ZERO,
            ..ClientConfig::default()
        })?;
        let mut store = Store::open_in(&dir)?;
        let secrets: Arc<dyn SecretStore> = Arc::new(DemoSecrets);
        if merchants::list(store.conn())?.is_empty() {
            let lang = Settings::load(store.conn())?.lang();
            for (i, account) in bank.bank().accounts().iter().enumerate() {
                let name = say!(lang, demo_account, i + 1);
                merchants::add(
                    &mut store,
                    secrets.as_ref(),
                    &client,
                    &SystemClock,
                    NewMerchant {
                        name,
                        account: account.iban.clone(),
                        currency: account.currency.clone(),
                        client_id: None,
                        token: Token::new(DEMO_TOKEN),
                        sync_from: Some(today - Duration::days(89)),
                        company: None,
                    },
                )
                .await?;
            }
        }
        std::fs::write(real_dir.join(DEMO_FLAG), b"")?;
        Session::assemble(true, &dir, store, client, secrets, Some(bank))
    }

    fn assemble(
        demo: bool,
        dir: &Path,
        store: Store,
        client: Client,
        secrets: Arc<dyn SecretStore>,
        bank: Option<SimServer>,
    ) -> anyhow::Result<Session> {
        let lang = Settings::load(store.conn())?.lang();
        set_ui_lang(lang);
        let syncer = vypyska_core::ops::syncer(
            store.reopen()?,
            client.clone(),
            Arc::clone(&secrets),
            Arc::new(SystemClock),
            dir.to_owned(),
            lang,
        );
        Ok(Session {
            demo,
            db: tokio::sync::Mutex::new(store),
            syncer: tokio::sync::Mutex::new(syncer),
            secrets,
            client,
            recovery: std::sync::Mutex::new(None),
            _bank: bank,
        })
    }

    pub async fn settings(&self) -> Settings {
        Settings::load(self.db.lock().await.conn()).unwrap_or_default()
    }

    /// The UI's connection, and the language its messages are to be in (kept in memory, not read
    /// from the settings on every call).
    pub async fn db_and_lang(&self) -> (tokio::sync::MutexGuard<'_, Store>, Lang) {
        (self.db.lock().await, ui_lang())
    }
}

/// The demo bank's token is public and fake: it is never written to the user's keyring.
struct DemoSecrets;

impl SecretStore for DemoSecrets {
    fn save(&self, _secret_ref: &str, _creds: &Credentials) -> Result<(), SecretError> {
        Ok(())
    }

    fn load(&self, _secret_ref: &str) -> Result<Credentials, SecretError> {
        Ok(Credentials {
            token: Token::new(DEMO_TOKEN),
            client_id: None,
        })
    }

    fn delete(&self, _secret_ref: &str) -> Result<(), SecretError> {
        Ok(())
    }
}
