//! When the background sync runs: daily times, and optionally every N minutes during working
//! hours on working days, all in Europe/Kyiv; and the loop that runs it, catching up a run missed
//! while the computer was off or asleep.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Datelike, Duration as Span, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use serde::Serialize;
use tokio::sync::{watch, Notify};

use crate::Clock;

/// How often the loop looks at the wall clock even with nothing due: monotonic sleeps stop while
/// the machine is suspended, the wall clock does not.
pub const WAKE_INTERVAL: Duration = Duration::from_secs(60);

/// How far back a missed run is still caught up.
const CATCH_UP_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// Daily times, Kyiv local, sorted.
    pub times: Vec<NaiveTime>,
    /// Also every this many minutes within working hours on Monday–Friday; 0 is off.
    pub every_minutes: u32,
    pub work_start: NaiveTime,
    pub work_end: NaiveTime,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            times: vec![hm(9, 0), hm(13, 0), hm(18, 0)],
            every_minutes: 0,
            work_start: hm(8, 0),
            work_end: hm(19, 0),
        }
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("a valid time")
}

/// A Kyiv wall-clock moment as UTC. A time skipped by the spring change runs an hour later; one
/// repeated in autumn runs the first time.
fn kyiv_to_utc(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    match privat24::BANK_TZ.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.with_timezone(&Utc)
        }
        chrono::LocalResult::None => kyiv_to_utc(day, time + Span::hours(1)),
    }
}

impl Schedule {
    /// The scheduled moments of one Kyiv day, in order.
    fn moments(&self, day: NaiveDate) -> Vec<DateTime<Utc>> {
        let mut local: Vec<NaiveTime> = self.times.clone();
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if self.every_minutes > 0 && weekday {
            let mut t = self.work_start;
            while t <= self.work_end {
                local.push(t);
                let next = t + Span::minutes(i64::from(self.every_minutes));
                if next <= t {
                    break; // wrapped past midnight
                }
                t = next;
            }
        }
        let mut out: Vec<DateTime<Utc>> = local.into_iter().map(|t| kyiv_to_utc(day, t)).collect();
        out.sort();
        out.dedup();
        out
    }

    /// The first scheduled moment strictly after `after`.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let today = after.with_timezone(&privat24::BANK_TZ).date_naive();
        (0..=8)
            .flat_map(|d| self.moments(today + Span::days(d)))
            .find(|m| *m > after)
    }

    /// The latest scheduled moment at or before `now`, within the catch-up window.
    pub fn last_due(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let today = now.with_timezone(&privat24::BANK_TZ).date_naive();
        (0..=CATCH_UP_DAYS)
            .flat_map(|d| self.moments(today - Span::days(d)).into_iter().rev())
            .find(|m| *m <= now)
    }
}

/// Why a sync started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Trigger {
    /// A scheduled moment came (or was missed and is caught up now).
    Scheduled { due: DateTime<Utc> },
    /// "Sync now".
    Manual,
}

/// The background loop. Runs `sync` when a scheduled moment is due and has not been covered by a
/// run that started after it, or when `sync_now` is notified; one run at a time. Ends when
/// `shutdown` turns true. `last_run` is when the last run started (from the sync-runs table).
pub async fn run_scheduler<F, Fut>(
    clock: Arc<dyn Clock>,
    mut schedule: watch::Receiver<Schedule>,
    sync_now: Arc<Notify>,
    mut shutdown: watch::Receiver<bool>,
    mut last_run: Option<DateTime<Utc>>,
    mut sync: F,
) where
    F: FnMut(Trigger) -> Fut,
    Fut: Future<Output = ()>,
{
    loop {
        if *shutdown.borrow() {
            return;
        }
        let now = clock.now();
        let plan = schedule.borrow().clone();
        if let Some(due) = plan.last_due(now) {
            if last_run.is_none_or(|l| l < due) {
                last_run = Some(now);
                sync(Trigger::Scheduled { due }).await;
                continue;
            }
        }
        let wait = plan
            .next_after(now)
            .and_then(|next| (next - now).to_std().ok())
            .unwrap_or(WAKE_INTERVAL)
            .min(WAKE_INTERVAL);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = sync_now.notified() => {
                last_run = Some(clock.now());
                sync(Trigger::Manual).await;
            }
            changed = schedule.changed() => {
                if changed.is_err() {
                    return;
                }
            }
            _ = shutdown.changed() => {}
        }
    }
}

#[cfg(test)]
mod tests;
