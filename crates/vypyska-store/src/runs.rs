//! The sync-runs table: every run, how it ended, what it did.

use crate::db::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{Result, UpsertCounts};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunOutcome {
    Running,
    Ok,
    Failed,
    Skipped,
    /// The process died mid-run (found `running` by the next run).
    Interrupted,
    /// Finished, but some days were not read cleanly and will be read again.
    Warning,
}

impl RunOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Running => "running",
            RunOutcome::Ok => "ok",
            RunOutcome::Failed => "failed",
            RunOutcome::Skipped => "skipped",
            RunOutcome::Interrupted => "interrupted",
            RunOutcome::Warning => "warning",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "ok" => RunOutcome::Ok,
            "failed" => RunOutcome::Failed,
            "skipped" => RunOutcome::Skipped,
            "interrupted" => RunOutcome::Interrupted,
            "warning" => RunOutcome::Warning,
            _ => RunOutcome::Running,
        }
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunRecord {
    pub id: i64,
    pub merchant: Option<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub outcome: RunOutcome,
    pub range_from: Option<String>,
    pub range_to: Option<String>,
    pub pages: i64,
    pub rows_seen: i64,
    pub rows_new: i64,
    pub rows_updated: i64,
    pub rows_rejected: i64,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    /// Who ran it: the employee a team's desktop joined as, or the computer's user.
    pub desktop: String,
}

/// Sync runs and each merchant's cursor: `….runs()`.
pub struct Runs<'c> {
    pub(crate) conn: &'c Connection,
}

impl Runs<'_> {
    /// Runs of this merchant left `running` by a process that died: only called while holding the
    /// merchant's sync lock, so no live run can be among them.
    pub fn mark_interrupted(&self, merchant_id: i64, now: &str) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE sync_runs SET outcome = 'interrupted', finished_at = ?2,
                 error_code = 'interrupted',
                 error_message = 'the run stopped before it finished (the program was closed or crashed)'
             WHERE merchant_id = ?1 AND outcome = 'running'",
            params![merchant_id, now],
        )?)
    }

    /// Starts a run by `desktop` (who runs it: the employee a team's desktop joined as, or the
    /// computer's user).
    pub fn start_run(&self, merchant_id: i64, now: &str, desktop: &str) -> Result<i64> {
        Ok(self.conn.query_row(
            "INSERT INTO sync_runs (merchant_id, started_at, outcome, desktop)
             VALUES (?1, ?2, 'running', ?3) RETURNING id",
            params![merchant_id, now, desktop],
            |r| r.get(0),
        )?)
    }

    pub fn set_range(&self, run_id: i64, from: &str, to: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE sync_runs SET range_from = ?2, range_to = ?3 WHERE id = ?1",
            params![run_id, from, to],
        )?;
        Ok(())
    }

    /// Adds a committed page's counts; called inside the page's transaction.
    pub fn add_page(&self, run_id: i64, counts: UpsertCounts, rejected: usize) -> Result<()> {
        self.conn.execute(
            "UPDATE sync_runs SET pages = pages + 1, rows_seen = rows_seen + ?2,
                 rows_new = rows_new + ?3, rows_updated = rows_updated + ?4,
                 rows_rejected = rows_rejected + ?5
             WHERE id = ?1",
            params![run_id, counts.seen, counts.new, counts.updated, rejected],
        )?;
        Ok(())
    }

    /// Moves a merchant's cursor: the last bank day read cleanly to its end.
    pub fn set_cursor(&self, merchant_id: i64, day: chrono::NaiveDate) -> Result<()> {
        self.conn.execute(
            "UPDATE merchants SET synced_through = ?2 WHERE id = ?1",
            params![merchant_id, day.to_string()],
        )?;
        Ok(())
    }

    pub fn finish_run(
        &self,
        run_id: i64,
        outcome: RunOutcome,
        error: Option<(&str, &str)>,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE sync_runs SET outcome = ?2, finished_at = ?3, error_code = ?4, error_message = ?5
             WHERE id = ?1",
            params![
                run_id,
                outcome.as_str(),
                now,
                error.map(|e| e.0),
                error.map(|e| e.1)
            ],
        )?;
        Ok(())
    }

    /// The newest runs first, of one merchant or all.
    pub fn recent_runs(&self, merchant_id: Option<i64>, limit: u32) -> Result<Vec<RunRecord>> {
        let sql = format!(
            "SELECT {RUN_COLUMNS} FROM sync_runs r LEFT JOIN merchants m ON m.id = r.merchant_id
             WHERE CAST(?1 AS BIGINT) IS NULL OR r.merchant_id = ?1 ORDER BY r.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![merchant_id, limit], run_from_row)?;
        Ok(rows.collect::<crate::Result<_>>()?)
    }

    pub fn last_run(&self, merchant_id: i64) -> Result<Option<RunRecord>> {
        let sql = format!(
            "SELECT {RUN_COLUMNS} FROM sync_runs r LEFT JOIN merchants m ON m.id = r.merchant_id
             WHERE r.merchant_id = ?1 ORDER BY r.id DESC LIMIT 1"
        );
        Ok(self
            .conn
            .query_row(&sql, params![merchant_id], run_from_row)
            .optional()?)
    }

    /// When the newest run of any merchant started (RFC 3339), if there was one; of the runs of
    /// one desktop when named.
    pub fn last_started(&self, desktop: Option<&str>) -> Result<Option<String>> {
        Ok(self.conn.query_row(
            "SELECT MAX(started_at) FROM sync_runs
             WHERE CAST(?1 AS TEXT) IS NULL OR desktop = ?1",
            [desktop],
            |r| r.get(0),
        )?)
    }
}

const RUN_COLUMNS: &str = "r.id, m.name, r.started_at, r.finished_at, r.outcome, r.range_from,
    r.range_to, r.pages, r.rows_seen, r.rows_new, r.rows_updated, r.rows_rejected, r.error_code,
    r.error_message, r.desktop";

fn run_from_row(row: &crate::db::Row<'_>) -> crate::Result<RunRecord> {
    Ok(RunRecord {
        id: row.get(0)?,
        merchant: row.get(1)?,
        started_at: row.get(2)?,
        finished_at: row.get(3)?,
        outcome: RunOutcome::parse(&row.get::<_, String>(4)?),
        range_from: row.get(5)?,
        range_to: row.get(6)?,
        pages: row.get(7)?,
        rows_seen: row.get(8)?,
        rows_new: row.get(9)?,
        rows_updated: row.get(10)?,
        rows_rejected: row.get(11)?,
        error_code: row.get(12)?,
        error_message: row.get(13)?,
        desktop: row.get(14)?,
    })
}
