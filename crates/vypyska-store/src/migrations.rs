//! The schema, as numbered append-only migrations. Never edit a released one: add the next.

/// The schema at the newest version, for a PostgreSQL server (whose books start there).
pub(crate) const POSTGRES: &str = include_str!("schema/postgres.sql");

/// `MIGRATIONS[i]` takes the database from `user_version` i to i + 1.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: merchants, statements, balances, sync runs, settings.
    r#"
    CREATE TABLE merchants (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        -- The name in lower case (Unicode, not only ASCII): names are unique ignoring case.
        name_key TEXT NOT NULL UNIQUE,
        account TEXT NOT NULL UNIQUE,
        currency TEXT NOT NULL,
        -- The keyring entry's name. The token itself is never in this file.
        secret_ref TEXT NOT NULL UNIQUE,
        has_client_id INTEGER NOT NULL DEFAULT 0,
        -- First day the first sync fetches.
        sync_from TEXT NOT NULL,
        -- The cursor: the last bank day fully synced. Moves only after its rows are committed.
        synced_through TEXT,
        created_at TEXT NOT NULL
    );

    CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        merchant_id INTEGER REFERENCES merchants(id) ON DELETE SET NULL,
        account TEXT NOT NULL,
        -- REF/REFN: the bank's identity of a payment line.
        key TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'posted', 'reversed', 'rejected')),
        -- Exact decimal text as the bank sent it, and the same in minor units for sums.
        amount TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        amount_uah TEXT,
        currency TEXT NOT NULL,
        value_date TEXT NOT NULL,
        posted_at TEXT NOT NULL,
        posted_ts INTEGER NOT NULL,
        purpose TEXT NOT NULL,
        doc_number TEXT NOT NULL,
        counterparty_name TEXT NOT NULL,
        counterparty_tax_id TEXT NOT NULL,
        counterparty_iban TEXT NOT NULL,
        counterparty_bank TEXT NOT NULL,
        raw TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (account, key)
    );
    CREATE INDEX statements_by_time ON statements (posted_ts DESC, id DESC);
    CREATE INDEX statements_by_account ON statements (account, posted_ts DESC, id DESC);
    CREATE INDEX statements_by_value_date ON statements (value_date, account);

    -- Rows the bank sent that could not be read: kept whole so nothing is lost.
    CREATE TABLE rejected_rows (
        id INTEGER PRIMARY KEY,
        merchant_id INTEGER REFERENCES merchants(id) ON DELETE SET NULL,
        raw TEXT NOT NULL,
        reason TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        UNIQUE (merchant_id, raw)
    );

    CREATE TABLE balances (
        account TEXT NOT NULL,
        day TEXT NOT NULL,
        currency TEXT NOT NULL,
        opening TEXT NOT NULL,
        closing TEXT NOT NULL,
        turnover_debit TEXT NOT NULL,
        turnover_credit TEXT NOT NULL,
        is_final INTEGER NOT NULL,
        raw TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (account, day)
    ) WITHOUT ROWID;

    CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        merchant_id INTEGER REFERENCES merchants(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('running', 'ok', 'failed', 'skipped', 'interrupted')),
        range_from TEXT,
        range_to TEXT,
        pages INTEGER NOT NULL DEFAULT 0,
        rows_seen INTEGER NOT NULL DEFAULT 0,
        rows_new INTEGER NOT NULL DEFAULT 0,
        rows_updated INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT
    );
    CREATE INDEX sync_runs_by_merchant ON sync_runs (merchant_id, id DESC);

    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // 2: full-text search over purpose and counterparty, filled from the rows already stored.
    r#"
    CREATE VIRTUAL TABLE statements_fts USING fts5 (
        purpose, counterparty_name, counterparty_tax_id,
        content = 'statements', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts (rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES (new.id, new.purpose, new.counterparty_name, new.counterparty_tax_id);
    END;
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES ('delete', old.id, old.purpose, old.counterparty_name, old.counterparty_tax_id);
    END;
    CREATE TRIGGER statements_fts_update AFTER UPDATE OF purpose, counterparty_name, counterparty_tax_id ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES ('delete', old.id, old.purpose, old.counterparty_name, old.counterparty_tax_id);
        INSERT INTO statements_fts (rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES (new.id, new.purpose, new.counterparty_name, new.counterparty_tax_id);
    END;

    INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
    "#,
    // 3: invoices, allocations of incoming payments to them, and the audit log of allocations.
    r#"
    CREATE TABLE invoices (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL,
        -- Upper case, look-alike letters folded: the exact match key.
        number_key TEXT NOT NULL UNIQUE,
        -- Main digits without leading zeros: the loose match, used only when unambiguous.
        number_digits TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        customer_name TEXT NOT NULL DEFAULT '',
        customer_tax_id TEXT NOT NULL DEFAULT '',
        customer_iban TEXT NOT NULL DEFAULT '',
        amount TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        due_on TEXT,
        note TEXT NOT NULL DEFAULT '',
        cancelled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX invoices_by_digits ON invoices (number_digits);

    CREATE TABLE allocations (
        id INTEGER PRIMARY KEY,
        statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        source TEXT NOT NULL CHECK (source IN ('auto', 'manual')),
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (statement_id, invoice_id)
    );
    CREATE INDEX allocations_by_invoice ON allocations (invoice_id);

    CREATE TABLE allocation_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('allocate', 'unallocate')),
        statement_id INTEGER NOT NULL,
        invoice_id INTEGER NOT NULL,
        amount_minor INTEGER NOT NULL,
        reason TEXT NOT NULL
    );
    "#,
    // 4: payments a person took out of automatic allocation (an undone allocation stays undone).
    r#"
    CREATE TABLE allocation_holds (
        statement_id INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    ALTER TABLE invoices ADD COLUMN cancelled_at TEXT;
    "#,
    // 5: daily sums per account, currency, direction and state, kept by triggers, so the
    // statements screen's totals read thousands of rows instead of millions; an index for the
    // state filter (the rare states would otherwise scan the whole time index).
    r#"
    CREATE TABLE statement_days (
        account TEXT NOT NULL,
        value_date TEXT NOT NULL,
        currency TEXT NOT NULL,
        direction TEXT NOT NULL,
        state TEXT NOT NULL,
        rows INTEGER NOT NULL,
        amount_minor INTEGER NOT NULL,
        PRIMARY KEY (account, value_date, currency, direction, state)
    ) WITHOUT ROWID;
    INSERT INTO statement_days
        SELECT account, value_date, currency, direction, state, COUNT(*), SUM(amount_minor)
        FROM statements GROUP BY account, value_date, currency, direction, state;
    CREATE TRIGGER statement_days_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statement_days VALUES
            (new.account, new.value_date, new.currency, new.direction, new.state, 1, new.amount_minor)
        ON CONFLICT DO UPDATE SET rows = rows + 1, amount_minor = amount_minor + excluded.amount_minor;
    END;
    CREATE TRIGGER statement_days_delete AFTER DELETE ON statements BEGIN
        UPDATE statement_days SET rows = rows - 1, amount_minor = amount_minor - old.amount_minor
        WHERE account = old.account AND value_date = old.value_date AND currency = old.currency
            AND direction = old.direction AND state = old.state;
    END;
    CREATE TRIGGER statement_days_update
    AFTER UPDATE OF account, value_date, currency, direction, state, amount_minor ON statements BEGIN
        UPDATE statement_days SET rows = rows - 1, amount_minor = amount_minor - old.amount_minor
        WHERE account = old.account AND value_date = old.value_date AND currency = old.currency
            AND direction = old.direction AND state = old.state;
        INSERT INTO statement_days VALUES
            (new.account, new.value_date, new.currency, new.direction, new.state, 1, new.amount_minor)
        ON CONFLICT DO UPDATE SET rows = rows + 1, amount_minor = amount_minor + excluded.amount_minor;
    END;
    CREATE INDEX statements_by_state ON statements (state, posted_ts DESC, id DESC);
    "#,
    // 6: search in time order. The index is keyed by the row's place in the list,
    // `(posted_ts << 30) | id`, so a search reads its matches newest first and stops after a page
    // instead of collecting every match; a narrow covering index serves the filters and the sums
    // of a search without reading whole rows.
    r#"
    DROP TRIGGER statements_fts_insert;
    DROP TRIGGER statements_fts_delete;
    DROP TRIGGER statements_fts_update;
    DROP TABLE statements_fts;
    CREATE VIRTUAL TABLE statements_fts USING fts5 (
        purpose, counterparty_name, counterparty_tax_id,
        content = '',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO statements_fts (rowid, purpose, counterparty_name, counterparty_tax_id)
        SELECT (posted_ts << 30) | id, purpose, counterparty_name, counterparty_tax_id
        FROM statements;
    CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts (rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES ((new.posted_ts << 30) | new.id, new.purpose, new.counterparty_name,
            new.counterparty_tax_id);
    END;
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES ('delete', (old.posted_ts << 30) | old.id, old.purpose, old.counterparty_name,
            old.counterparty_tax_id);
    END;
    CREATE TRIGGER statements_fts_update
    AFTER UPDATE OF posted_ts, purpose, counterparty_name, counterparty_tax_id ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES ('delete', (old.posted_ts << 30) | old.id, old.purpose, old.counterparty_name,
            old.counterparty_tax_id);
        INSERT INTO statements_fts (rowid, purpose, counterparty_name, counterparty_tax_id)
        VALUES ((new.posted_ts << 30) | new.id, new.purpose, new.counterparty_name,
            new.counterparty_tax_id);
    END;
    CREATE INDEX statements_narrow
        ON statements (id, merchant_id, value_date, direction, state, currency, amount_minor);
    "#,
    // 7: the review queue (allocations the planner could not decide, for a person to accept or
    // reject), expense categories with their ordered rules and each outgoing row's category (and
    // where it came from: a person, a rule or the default), and an invoice's customer IBAN.
    r#"
    CREATE TABLE allocation_suggestions (
        statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (statement_id, invoice_id)
    ) WITHOUT ROWID;

    CREATE TABLE categories (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE
    );
    CREATE TABLE category_rules (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        field TEXT NOT NULL CHECK (field IN ('tax_id', 'iban', 'name', 'purpose')),
        op TEXT NOT NULL CHECK (op IN ('equals', 'contains', 'regex')),
        pattern TEXT NOT NULL,
        category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE
    );
    CREATE TABLE statement_categories (
        statement_id INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('manual', 'rule', 'default')),
        rule_id INTEGER,
        at TEXT NOT NULL
    );
    CREATE INDEX statement_categories_by_category ON statement_categories (category_id);
    "#,
    // 8: notices (each thing told once, by a unique key; the bell's list), the marks of what was
    // looked at (started at the newest rows, so an upgrade tells nothing old), and the employees
    // who hear of things.
    r#"
    CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        screen TEXT NOT NULL,
        target_id INTEGER,
        created_at TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        delivery_error TEXT
    );
    CREATE TABLE notice_marks (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO notice_marks SELECT 'statements', COALESCE(MAX(id), 0) FROM statements;
    INSERT INTO notice_marks SELECT 'allocations', COALESCE(MAX(id), 0) FROM allocation_log;
    CREATE TABLE employees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        this_computer INTEGER NOT NULL DEFAULT 0,
        kinds TEXT NOT NULL DEFAULT ''
    );
    "#,
    // 9: a run may end as a warning (it stored what it could, some days are read again); the
    // table is rebuilt because SQLite cannot change a CHECK in place.
    r#"
    CREATE TABLE sync_runs_new (
        id INTEGER PRIMARY KEY,
        merchant_id INTEGER REFERENCES merchants(id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('running', 'ok', 'warning', 'failed', 'skipped', 'interrupted')),
        range_from TEXT,
        range_to TEXT,
        pages INTEGER NOT NULL DEFAULT 0,
        rows_seen INTEGER NOT NULL DEFAULT 0,
        rows_new INTEGER NOT NULL DEFAULT 0,
        rows_updated INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT
    );
    INSERT INTO sync_runs_new SELECT id, merchant_id, started_at, finished_at, outcome,
        range_from, range_to, pages, rows_seen, rows_new, rows_updated, rows_rejected,
        error_code, error_message FROM sync_runs;
    DROP TABLE sync_runs;
    ALTER TABLE sync_runs_new RENAME TO sync_runs;
    CREATE INDEX sync_runs_by_merchant ON sync_runs (merchant_id, id DESC);
    "#,
    // 10: companies. Every bank account belongs to one; existing data becomes one company,
    // named from the bank's data (`first_company`, run after this step).
    r#"
    CREATE TABLE companies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        -- ТОВ, ФОП, ПП, …
        kind TEXT NOT NULL DEFAULT '',
        -- ЄДРПОУ (8 digits) or РНОКПП (10); empty until known.
        tax_id TEXT NOT NULL DEFAULT '',
        -- A VAT payer (with its ІПН), not one, or a single-tax group.
        vat TEXT NOT NULL DEFAULT 'none' CHECK (vat IN ('payer', 'none', 'single')),
        vat_id TEXT NOT NULL DEFAULT '',
        single_tax_group INTEGER CHECK (single_tax_group BETWEEN 1 AND 3),
        address TEXT NOT NULL DEFAULT '',
        -- The account invoices are paid to.
        invoice_merchant_id INTEGER REFERENCES merchants(id) ON DELETE SET NULL,
        -- Who signs invoices.
        signer TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    ALTER TABLE merchants ADD COLUMN company_id INTEGER REFERENCES companies(id);
    CREATE INDEX merchants_by_company ON merchants (company_id);
    "#,
    // 11: invoice numbers are unique within a company: the table is rebuilt (SQLite cannot drop
    // a column's UNIQUE), each invoice of the one company `first_company` made.
    r#"
    CREATE TABLE invoices_new (
        id INTEGER PRIMARY KEY,
        company_id INTEGER NOT NULL REFERENCES companies(id),
        number TEXT NOT NULL,
        -- Upper case, look-alike letters folded: the exact match key.
        number_key TEXT NOT NULL,
        -- Main digits without leading zeros: the loose match, used only when unambiguous.
        number_digits TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        customer_name TEXT NOT NULL DEFAULT '',
        customer_tax_id TEXT NOT NULL DEFAULT '',
        customer_iban TEXT NOT NULL DEFAULT '',
        amount TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        due_on TEXT,
        note TEXT NOT NULL DEFAULT '',
        cancelled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        cancelled_at TEXT,
        UNIQUE (company_id, number_key)
    );
    INSERT INTO invoices_new (id, company_id, number, number_key, number_digits, issued_on,
        customer_name, customer_tax_id, customer_iban, amount, amount_minor, currency, due_on,
        note, cancelled, created_at, cancelled_at)
    SELECT id, (SELECT MIN(id) FROM companies), number, number_key, number_digits, issued_on,
        customer_name, customer_tax_id, customer_iban, amount, amount_minor, currency, due_on,
        note, cancelled, created_at, cancelled_at
    FROM invoices;
    DROP TABLE invoices;
    ALTER TABLE invoices_new RENAME TO invoices;
    CREATE INDEX invoices_by_digits ON invoices (number_digits);
    CREATE INDEX invoices_by_key ON invoices (number_key);
    "#,
    // 12: what differs by company besides its accounts and invoices: whose a notice is, which
    // companies each employee hears of (none listed: all), a category rule limited to one
    // company, and settings a company sets for itself over the global ones.
    r#"
    ALTER TABLE notices ADD COLUMN company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL;
    CREATE TABLE employee_companies (
        employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
        company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        PRIMARY KEY (employee_id, company_id)
    ) WITHOUT ROWID;
    ALTER TABLE category_rules ADD COLUMN company_id INTEGER REFERENCES companies(id) ON DELETE CASCADE;
    CREATE TABLE company_settings (
        company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (company_id, key)
    ) WITHOUT ROWID;
    "#,
    // 13: each notice told once per employee, whichever desktop they are at (a team's
    // desktops share the books): who was told what, and how far each employee's desktops have
    // looked; which desktop ran each sync; and each invoice's revision, so that of two people
    // editing one invoice at once the second is told rather than silently overwriting.
    r#"
    CREATE TABLE notice_deliveries (
        notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
        employee_id INTEGER NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
        delivered_at TEXT NOT NULL,
        error TEXT,
        PRIMARY KEY (notice_id, employee_id)
    ) WITHOUT ROWID;
    CREATE TABLE notice_seen (
        employee_id INTEGER PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
        last_id INTEGER NOT NULL
    );
    ALTER TABLE sync_runs ADD COLUMN desktop TEXT NOT NULL DEFAULT '';
    ALTER TABLE invoices ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    "#,
];

/// The version `schema/postgres.sql` makes: the server's steps after it follow.
pub(crate) const POSTGRES_BASE: u32 = 12;

/// The server's steps after its base, each with the version it takes the books to, as
/// `MIGRATIONS` are the file's: a new server runs them all, one made by an earlier program the
/// ones it lacks.
pub(crate) const POSTGRES_STEPS: &[(u32, &str)] = &[(13, POSTGRES_13)];

/// 13 on the server: as on the file, and the doorbell: every change to what the screens show
/// rings `vypyska` with the table's name at the commit (LISTEN/NOTIFY), so the other desktops
/// tell their people and refresh without polling.
const POSTGRES_13: &str = r#"
CREATE TABLE notice_deliveries (
    notice_id BIGINT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    employee_id BIGINT NOT NULL REFERENCES employees(id) ON DELETE CASCADE,
    delivered_at TEXT NOT NULL,
    error TEXT,
    PRIMARY KEY (notice_id, employee_id)
);
CREATE TABLE notice_seen (
    employee_id BIGINT PRIMARY KEY REFERENCES employees(id) ON DELETE CASCADE,
    last_id BIGINT NOT NULL
);
ALTER TABLE sync_runs ADD COLUMN desktop TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE FUNCTION vypyska_ring() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vypyska', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER notices_ring AFTER INSERT OR UPDATE OR DELETE ON notices
    FOR EACH STATEMENT EXECUTE FUNCTION vypyska_ring();
CREATE TRIGGER statements_ring AFTER INSERT OR UPDATE OR DELETE ON statements
    FOR EACH STATEMENT EXECUTE FUNCTION vypyska_ring();
CREATE TRIGGER invoices_ring AFTER INSERT OR UPDATE OR DELETE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION vypyska_ring();
CREATE TRIGGER allocations_ring AFTER INSERT OR UPDATE OR DELETE ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION vypyska_ring();
CREATE TRIGGER merchants_ring AFTER INSERT OR UPDATE OR DELETE ON merchants
    FOR EACH STATEMENT EXECUTE FUNCTION vypyska_ring();
CREATE TRIGGER companies_ring AFTER INSERT OR UPDATE OR DELETE ON companies
    FOR EACH STATEMENT EXECUTE FUNCTION vypyska_ring();
CREATE TRIGGER sync_runs_ring AFTER INSERT OR UPDATE OR DELETE ON sync_runs
    FOR EACH STATEMENT EXECUTE FUNCTION vypyska_ring();
"#;

/// What a migration needs that SQL alone cannot do, run in its transaction right after it.
pub(crate) fn after(version: u32, tx: &crate::db::Transaction<'_>) -> crate::Result<()> {
    if version == 10 {
        first_company(tx)?;
    }
    Ok(())
}

/// The company existing data becomes: named and coded from what the bank sent for our side of
/// the payments (`AUT_MY_NAM`, `AUT_MY_CRF`), else from an account's balance (`nameACC`), else
/// "Моя компанія" (editable). None when nothing is stored yet.
fn first_company(tx: &crate::db::Transaction<'_>) -> crate::Result<()> {
    use crate::db::OptionalExtension;
    let has_data: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM merchants) OR EXISTS (SELECT 1 FROM invoices)",
        [],
        |r| r.get(0),
    )?;
    if !has_data {
        return Ok(());
    }
    let from_rows: Option<(String, String)> = tx
        .query_row(
            "SELECT trim(json_extract(raw, '$.AUT_MY_NAM')),
                    coalesce(trim(json_extract(raw, '$.AUT_MY_CRF')), '')
             FROM statements
             WHERE trim(coalesce(json_extract(raw, '$.AUT_MY_NAM'), '')) <> ''
             ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let from_balance: Option<String> = tx
        .query_row(
            "SELECT trim(json_extract(raw, '$.nameACC')) FROM balances
             WHERE trim(coalesce(json_extract(raw, '$.nameACC'), '')) <> ''
             ORDER BY day DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let (name, tax_id) = match (from_rows, from_balance) {
        (Some((name, tax)), _) => (name, tax),
        (None, Some(name)) => (name, String::new()),
        (None, None) => ("Моя компанія".to_owned(), String::new()),
    };
    let tax_id = if matches!(tax_id.len(), 8 | 10) && tax_id.bytes().all(|b| b.is_ascii_digit()) {
        tax_id
    } else {
        String::new()
    };
    let name: String = name.chars().take(100).collect();
    tx.execute(
        "INSERT INTO companies (name, name_key, tax_id, kind, created_at)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        crate::db::params![
            name,
            crate::name_key(&name),
            tax_id,
            crate::companies::kind_of(&name)
        ],
    )?;
    tx.execute(
        "UPDATE merchants SET company_id = (SELECT MIN(id) FROM companies)",
        [],
    )?;
    Ok(())
}
