use std::sync::Mutex;

use super::*;

/// Wall time that moves with tokio's paused clock, plus jumps (a suspend: the wall clock moves,
/// the monotonic one does not).
struct TestClock {
    base: DateTime<Utc>,
    start: tokio::time::Instant,
    jumped: Mutex<Span>,
}

impl TestClock {
    fn at(kyiv: &str) -> Arc<Self> {
        let local = chrono::NaiveDateTime::parse_from_str(kyiv, "%Y-%m-%d %H:%M").unwrap();
        let base = privat24::BANK_TZ
            .from_local_datetime(&local)
            .unwrap()
            .with_timezone(&Utc);
        Arc::new(TestClock {
            base,
            start: tokio::time::Instant::now(),
            jumped: Mutex::new(Span::zero()),
        })
    }

    fn jump(&self, by: Span) {
        *self.jumped.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        let mono = Span::from_std(self.start.elapsed()).unwrap();
        self.base + mono + *self.jumped.lock().unwrap()
    }
}

fn kyiv(s: &str) -> String {
    let t = DateTime::parse_from_rfc3339(s).unwrap();
    t.with_timezone(&privat24::BANK_TZ)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn at(kyiv_time: &str) -> DateTime<Utc> {
    TestClock::at(kyiv_time).base
}

fn show(t: Option<DateTime<Utc>>) -> String {
    kyiv(&t.unwrap().to_rfc3339())
}

#[test]
fn next_daily_time_in_kyiv() {
    let s = Schedule::default();
    assert_eq!(
        show(s.next_after(at("2026-11-20 08:00"))),
        "2026-11-20 09:00"
    );
    assert_eq!(
        show(s.next_after(at("2026-11-20 09:00"))),
        "2026-11-20 13:00"
    );
    assert_eq!(
        show(s.next_after(at("2026-11-20 18:30"))),
        "2026-11-21 09:00"
    );
    assert_eq!(show(s.last_due(at("2026-11-20 08:00"))), "2026-11-19 18:00");
    assert_eq!(show(s.last_due(at("2026-11-20 13:00"))), "2026-11-20 13:00");
}

#[test]
fn interval_runs_only_in_working_hours_on_working_days() {
    let s = Schedule {
        times: vec![],
        every_minutes: 30,
        ..Schedule::default()
    };
    // Friday evening → Monday morning.
    assert_eq!(
        show(s.next_after(at("2026-11-20 18:45"))),
        "2026-11-20 19:00"
    );
    assert_eq!(
        show(s.next_after(at("2026-11-20 19:00"))),
        "2026-11-23 08:00"
    );
    assert_eq!(
        show(s.next_after(at("2026-11-23 08:10"))),
        "2026-11-23 08:30"
    );
}

#[test]
fn daylight_saving_changes_keep_the_local_time() {
    let s = Schedule {
        times: vec![hm(9, 0), hm(3, 30)],
        ..Schedule::default()
    };
    // 29 March 2026: 03:00 → 04:00 in Kyiv. 09:00 is still 09:00 local, now UTC+3.
    let next = s.next_after(at("2026-03-29 05:00")).unwrap();
    assert_eq!(next.to_rfc3339(), "2026-03-29T06:00:00+00:00");
    // 03:30 did not exist that night: it runs at 04:30.
    let skipped = s.next_after(at("2026-03-28 22:00")).unwrap();
    assert_eq!(skipped.to_rfc3339(), "2026-03-29T01:30:00+00:00");
}

type Runs = Arc<Mutex<Vec<(String, Trigger)>>>;

fn start(
    clock: Arc<TestClock>,
    schedule: Schedule,
    last_run: Option<&str>,
) -> (
    Runs,
    Arc<Notify>,
    watch::Sender<bool>,
    tokio::task::JoinHandle<()>,
) {
    let runs: Runs = Arc::default();
    let notify = Arc::new(Notify::new());
    let (_schedule_tx, schedule_rx) = watch::channel(schedule);
    let (stop_tx, stop_rx) = watch::channel(false);
    let log = Arc::clone(&runs);
    let c = Arc::clone(&clock);
    let handle = tokio::spawn(run_scheduler(
        clock,
        schedule_rx,
        Arc::clone(&notify),
        stop_rx,
        last_run.map(at),
        move |trigger| {
            let when = kyiv(&c.now().to_rfc3339());
            log.lock().unwrap().push((when, trigger));
            // A sync takes a while; nothing else runs meanwhile.
            tokio::time::sleep(Duration::from_secs(90))
        },
    ));
    // Keep the schedule sender alive for the loop's lifetime.
    std::mem::forget(_schedule_tx);
    (runs, notify, stop_tx, handle)
}

fn times(runs: &Runs) -> Vec<String> {
    runs.lock().unwrap().iter().map(|r| r.0.clone()).collect()
}

#[tokio::test(start_paused = true)]
async fn runs_at_the_daily_times_and_not_before() {
    let clock = TestClock::at("2026-11-20 08:00");
    let (runs, _, stop, handle) = start(clock, Schedule::default(), Some("2026-11-19 18:00"));
    tokio::time::sleep(Duration::from_secs(50 * 60)).await;
    assert!(times(&runs).is_empty(), "nothing is due before 09:00");
    tokio::time::sleep(Duration::from_secs(11 * 3600)).await;
    assert_eq!(
        times(&runs),
        ["2026-11-20 09:00", "2026-11-20 13:00", "2026-11-20 18:00"]
    );
    stop.send(true).unwrap();
    handle.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_run_missed_while_off_is_caught_up_at_start_once() {
    let clock = TestClock::at("2026-11-20 10:15");
    let (runs, _, stop, handle) = start(clock, Schedule::default(), Some("2026-11-19 18:00"));
    tokio::time::sleep(Duration::from_secs(60 * 60)).await;
    let got = runs.lock().unwrap().clone();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "2026-11-20 10:15");
    assert_eq!(
        got[0].1,
        Trigger::Scheduled {
            due: at("2026-11-20 09:00")
        }
    );
    stop.send(true).unwrap();
    handle.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn after_a_suspend_the_due_run_happens_within_a_minute() {
    let clock = TestClock::at("2026-11-20 13:30");
    let (runs, _, stop, handle) = start(
        Arc::clone(&clock),
        Schedule::default(),
        Some("2026-11-20 13:00"),
    );
    tokio::time::sleep(Duration::from_secs(30)).await;
    // The lid closes at 13:30 and opens at 20:00: the monotonic clock did not move.
    clock.jump(Span::minutes(6 * 60 + 30));
    tokio::time::sleep(WAKE_INTERVAL + Duration::from_secs(1)).await;
    let got = times(&runs);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("2026-11-20 20:0"), "{got:?}");
    stop.send(true).unwrap();
    handle.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn sync_now_runs_at_once_and_one_at_a_time() {
    let clock = TestClock::at("2026-11-20 10:00");
    let (runs, notify, stop, handle) = start(clock, Schedule::default(), Some("2026-11-20 09:30"));
    tokio::time::sleep(Duration::from_secs(1)).await;
    notify.notify_one();
    tokio::time::sleep(Duration::from_secs(1)).await;
    // Asked again while the first run is going: it waits, then runs once.
    notify.notify_one();
    notify.notify_one();
    tokio::time::sleep(Duration::from_secs(30)).await;
    assert_eq!(runs.lock().unwrap().len(), 1);
    tokio::time::sleep(Duration::from_secs(200)).await;
    let got = runs.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|r| r.1 == Trigger::Manual));
    assert_eq!(got[1].0, "2026-11-20 10:01");
    stop.send(true).unwrap();
    handle.await.unwrap();
}
