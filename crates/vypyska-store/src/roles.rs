//! Who may do what in a team's books, kept by the server itself: a group role per part
//! (owner, accountant, manager) of this database, with its grants, and a login role per person
//! in one of them. Hiding a button is not enough: a person connected as an accountant cannot
//! add a bank account however they ask the server.

use crate::db::Dialect;
use crate::{Result, Store, StoreError};

/// The parts a person plays in a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Everything, people and settings included.
    Owner,
    /// The books: syncing, invoices, allocation, categories; not the bank accounts, the team's
    /// people or its settings.
    Accountant,
    /// Reads everything, adds invoices; nothing more.
    Manager,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Owner, Part::Accountant, Part::Manager];

    pub fn as_str(self) -> &'static str {
        match self {
            Part::Owner => "owner",
            Part::Accountant => "accountant",
            Part::Manager => "manager",
        }
    }

    pub fn parse(s: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }
}

/// An identifier quoted for the server.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables of the books, and the schema's version.
fn tables() -> Vec<&'static str> {
    let mut all = vec!["vypyska_schema"];
    all.extend_from_slice(crate::BOOKS_TABLES);
    all
}

/// What only the owner changes: the team's people and its settings.
const TEAM_TABLES: &[&str] = &[
    "settings",
    "employees",
    "employee_companies",
    "company_settings",
];

impl Store {
    fn server_only(&self) -> Result<()> {
        match self.conn.dialect() {
            Dialect::Postgres => Ok(()),
            Dialect::Sqlite => Err(StoreError::Value("roles are a server's".into())),
        }
    }

    /// The group role of a part in this database (roles are the server's, shared by its
    /// databases: each database's are named after it).
    pub fn part_role(&self, part: Part) -> Result<String> {
        self.server_only()?;
        let db: String = self
            .conn
            .query_row("SELECT current_database()::text", [], |r| r.get(0))?;
        Ok(format!("vypyska_{db}_{}", part.as_str()))
    }

    /// Whether this database's parts' roles were made (a team's books, not only a server's).
    pub(crate) fn has_parts(&self) -> Result<bool> {
        let owner = self.part_role(Part::Owner)?;
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)",
            [owner.as_str()],
            |r| r.get(0),
        )?)
    }

    /// Makes the three parts' group roles of this database, when missing, and gives each its
    /// rights on the books' tables. Run by whoever made the schema (the tables' owner).
    pub fn grant_parts(&self) -> Result<()> {
        self.server_only()?;
        let [owner, accountant, manager] = Part::ALL.map(|p| self.part_role(p));
        let (owner, accountant, manager) = (owner?, accountant?, manager?);
        let db: String = self
            .conn
            .query_row("SELECT current_database()::text", [], |r| r.get(0))?;
        let tx = self.conn.begin_write()?;
        for role in [&owner, &accountant, &manager] {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)",
                [role.as_str()],
                |r| r.get(0),
            )?;
            if !exists {
                tx.execute_batch(&format!("CREATE ROLE {} NOLOGIN", quoted(role)))?;
            }
            tx.execute_batch(&format!(
                "GRANT CONNECT ON DATABASE {} TO {r}; GRANT USAGE ON SCHEMA public TO {r};
                 GRANT SELECT ON {tables} TO {r};",
                quoted(&db),
                r = quoted(role),
                tables = tables().join(", ")
            ))?;
        }
        let all = tables().join(", ");
        let books: Vec<&str> = tables()
            .into_iter()
            .filter(|t| !TEAM_TABLES.contains(t) && *t != "merchants" && *t != "vypyska_schema")
            .collect();
        tx.execute_batch(&format!(
            "GRANT ALL ON {all} TO {o};
             GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {o};
             GRANT INSERT, UPDATE, DELETE ON {books} TO {a};
             GRANT UPDATE (synced_through) ON merchants TO {a};
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {a};
             GRANT INSERT ON invoices TO {m};
             GRANT INSERT, UPDATE ON notice_deliveries, notice_seen TO {m};
             GRANT UPDATE (read) ON notices TO {m};
             GRANT USAGE ON SEQUENCE invoices_id_seq TO {m};",
            o = quoted(&owner),
            a = quoted(&accountant),
            m = quoted(&manager),
            books = books.join(", "),
        ))?;
        tx.commit()
    }

    /// A person's own login to the server, in a part: made (or given a new password), and put
    /// in that part's role only. The login's name.
    pub fn invite(&self, login: &str, part: Part, password: &str) -> Result<()> {
        self.server_only()?;
        let group = self.part_role(part)?;
        let tx = self.conn.begin_write()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)",
            [login],
            |r| r.get(0),
        )?;
        let secret = password.replace('\'', "''");
        if exists {
            tx.execute_batch(&format!(
                "ALTER ROLE {} LOGIN PASSWORD '{secret}'",
                quoted(login)
            ))?;
        } else {
            tx.execute_batch(&format!(
                "CREATE ROLE {} LOGIN PASSWORD '{secret}'",
                quoted(login)
            ))?;
        }
        for other in Part::ALL {
            tx.execute_batch(&format!(
                "REVOKE {} FROM {}",
                quoted(&self.part_role(other)?),
                quoted(login)
            ))?;
        }
        tx.execute_batch(&format!("GRANT {} TO {}", quoted(&group), quoted(login)))?;
        tx.commit()
    }
}
