//! The batch push: every seeking person in a region gets the best postings
//! not pushed to them before, in their inbox, and one SMS when anything is new.
//!
//! Seeking means registered and not in work: a person with a placement that
//! no follow-up says they left is skipped (`storage::people_in_work`).
//! Idempotent: `push_items` holds each (person, posting) pair at most once,
//! so a re-run pushes only what is new for someone and counts the rest as
//! `already_pushed`.
//!
//! A push is a job (`storage::push_jobs`): `PushRunner::start` records it and
//! runs it in the background; people are read in id order in pages (`PushSettings::page_size`),
//! matched `concurrency()` at a time (searches run on the blocking pool, on
//! every core), and each page's items, SMS, counters and cursor are written
//! in one transaction, while the next page is read and matched. A job whose node died is resumed from its cursor by
//! `PushRunner::run_worker` on whichever node claims it first.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use doorstep_shared::api::{MatchFit, PushState, PushSummary};
use futures::{StreamExt, TryStreamExt};

use crate::clock::now;
use crate::configuration::PushSettings;
use crate::domain::{round_score, PriorityTable};
use crate::matcher::{find_matches, load_priorities, profile_of, Fill, Match};
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::sms::SmsParams;
use crate::storage::{
    claim_push_job, commit_push_page, end_push_job, get_push_job, insert_push_job, people_after, people_in_work, pushed_posting_ids, stale_push_jobs, Backend,
    Db, NewPushItem, NewPushJob, PersonPushWrite, PushPageWrite, StartOutcome, StoredPerson, StoredPushJob,
};

/// How many already-pushed postings a person's search looks past, at most.
const LOOK_PAST: usize = 200;
/// Postings named in one SMS; more are summed up as "等".
const SMS_TITLES: usize = 3;

/// People matched at once: two per core, as many as the index lets search at once.
fn concurrency() -> usize {
    2 * std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// What matching a person reads from.
struct PushDeps<'a> {
    index: &'a Arc<PostingIndex>,
    skills: &'a SkillCatalog,
    regions: &'a Regions,
}

/// Runs push jobs on this node: starts them, resumes those whose node died.
#[derive(Clone)]
pub struct PushRunner {
    db: Db,
    index: Arc<PostingIndex>,
    skills: Arc<SkillCatalog>,
    regions: Arc<Regions>,
    /// This process, as a lease owner.
    node: Arc<str>,
    lease_secs: i64,
    page_size: i64,
    /// The runtime the runner was made on (the server's, on every core): jobs
    /// and their matches run there, not on the request's worker thread.
    rt: tokio::runtime::Handle,
}

/// How a run of a job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ran {
    Finished,
    /// Another node holds the job now (this one was too slow to renew its lease).
    LostLease,
}

impl PushRunner {
    pub fn new(db: Db, index: Arc<PostingIndex>, skills: Arc<SkillCatalog>, regions: Arc<Regions>, settings: PushSettings) -> Self {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let node: Arc<str> = format!("{}-{}", std::process::id(), nanos).into();
        let lease_secs = i64::try_from(settings.lease_secs.clamp(1, 86_400)).unwrap_or(30);
        let page_size = i64::from(settings.page_size.clamp(1, 1_000));
        Self { db, index, skills, regions, node, lease_secs, page_size, rt: tokio::runtime::Handle::current() }
    }

    fn deps(&self) -> PushDeps<'_> {
        PushDeps { index: &self.index, skills: &self.skills, regions: &self.regions }
    }

    fn lease_until(&self) -> i64 {
        now() + self.lease_secs
    }

    /// Records a job for `region_prefix` ("" for everywhere) and runs it in the
    /// background; `Running(id)` when an overlapping push is running.
    pub async fn start(&self, region_prefix: &str, top_k: u32, started_by: Option<i64>) -> anyhow::Result<StartOutcome> {
        let outcome = self.insert(region_prefix, top_k, started_by).await?;
        if let StartOutcome::Started(id) = outcome {
            self.rt.spawn(self.clone().drive(id));
        }
        Ok(outcome)
    }

    async fn insert(&self, region_prefix: &str, top_k: u32, started_by: Option<i64>) -> anyhow::Result<StartOutcome> {
        let job = NewPushJob { region_prefix, top_k, started_by, lease_owner: &self.node, lease_until: self.lease_until() };
        insert_push_job(&self.db, &job).await
    }

    /// Runs a job this node holds to its end; an error marks it failed.
    async fn drive(self, id: i64) {
        if let Err(e) = self.run(id, &mut |_, _| {}).await {
            tracing::error!(job_id = id, error = ?e, "push job failed");
            if let Err(e) = end_push_job(&self.db, id, &self.node, PushState::Failed, Some(&format!("{e:#}"))).await {
                tracing::error!(job_id = id, error = ?e, "cannot mark the push job failed");
            }
        }
    }

    async fn run(&self, id: i64, progress: &mut impl FnMut(u64, u64)) -> anyhow::Result<Ran> {
        let job = get_push_job(&self.db, id).await.context("load push job")?;
        let ran = run_pages(&job, self, progress).await?;
        if ran == Ran::Finished && !end_push_job(&self.db, id, &self.node, PushState::Finished, None).await? {
            return Ok(Ran::LostLease);
        }
        if ran == Ran::LostLease {
            tracing::warn!(job_id = id, "push job taken over by another node");
        }
        Ok(ran)
    }

    /// Pushes in the foreground (the CLI, the demo seed, the bench): a job like
    /// any other, run to its end on this task, `progress(done, total)` per page.
    pub async fn run_now(&self, region_prefix: &str, top_k: u32, mut progress: impl FnMut(u64, u64)) -> anyhow::Result<PushSummary> {
        let started = std::time::Instant::now();
        let id = match self.insert(region_prefix, top_k, None).await? {
            StartOutcome::Started(id) => id,
            StartOutcome::Running(id) => {
                anyhow::bail!("push job {id} is running for an overlapping region")
            }
        };
        let ran = self.run(id, &mut progress).await;
        if let Err(e) = &ran {
            end_push_job(&self.db, id, &self.node, PushState::Failed, Some(&format!("{e:#}"))).await?;
        }
        anyhow::ensure!(ran? == Ran::Finished, "push job {id} was taken over by another node");
        let summary = get_push_job(&self.db, id).await?.summary;
        tracing::info!(job_id = id, ?summary, elapsed_ms = started.elapsed().as_millis() as u64, "push finished");
        Ok(summary)
    }

    /// Claims and resumes running jobs whose node stopped renewing its lease,
    /// every third of a lease. On SQLite (one node) the first pass takes over
    /// every running job at once: whoever held it was this server before a restart.
    pub async fn run_worker(self) {
        let mut first = true;
        loop {
            let cutoff = if first && self.db.backend() == Backend::Sqlite { i64::MAX } else { now() };
            first = false;
            if let Err(e) = self.resume_stale(cutoff).await {
                tracing::error!(error = ?e, "resuming push jobs failed");
            }
            tokio::time::sleep(Duration::from_secs(self.lease_secs.unsigned_abs().div_ceil(3))).await;
        }
    }

    async fn resume_stale(&self, cutoff: i64) -> anyhow::Result<()> {
        for id in stale_push_jobs(&self.db, &self.node, cutoff).await? {
            if claim_push_job(&self.db, id, &self.node, cutoff, self.lease_until()).await? {
                tracing::info!(job_id = id, "resuming push job");
                self.rt.spawn(self.clone().drive(id));
            }
        }
        Ok(())
    }
}

/// Walks the job's people from its cursor, a page at a time, until none is left.
#[tracing::instrument(skip_all, fields(job_id = job.id, region_prefix = job.region_prefix, top_k = job.top_k))]
async fn run_pages(job: &StoredPushJob, runner: &PushRunner, progress: &mut impl FnMut(u64, u64)) -> anyhow::Result<Ran> {
    let db = &runner.db;
    let (mut after, mut done) = (job.last_person_id, job.people_done);
    // The categories each jurisdiction favours, as they stand when the run (or its resumption) starts.
    let priorities = Arc::new(load_priorities(db).await?);
    let mut next = plan_page(job, runner, &priorities, after).await?;
    while let Some(page) = next {
        let (last, people_done) = (page.last, page.people_done);
        let write = page.into_write(job, runner, after);
        // The next page is read and matched while this one is written: its
        // people are others, so nothing it reads depends on this write, and
        // pages still commit one after another, in order.
        let (written, following) = futures::join!(commit_push_page(db, &write), plan_page(job, runner, &priorities, last));
        if written?.is_none() {
            return Ok(Ran::LostLease);
        }
        after = last;
        done += people_done;
        progress(done, job.people_total.max(done));
        next = following?;
    }
    Ok(Ran::Finished)
}

/// A page of people, read and matched, not yet written.
struct PlannedPage {
    /// The last person's id: the cursor once the page is written.
    last: i64,
    /// People on the page, seeking or not.
    people_done: u64,
    /// Those seeking work.
    seeking: u64,
    plans: Vec<PersonPlan>,
}

impl PlannedPage {
    fn into_write<'a>(self, job: &StoredPushJob, runner: &'a PushRunner, after: i64) -> PushPageWrite<'a> {
        let mut write = PushPageWrite {
            job_id: job.id,
            owner: &runner.node,
            after,
            last_person_id: self.last,
            lease_until: runner.lease_until(),
            people_done: self.people_done,
            people: self.seeking,
            skipped: 0,
            already_pushed: 0,
            persons: Vec::new(),
        };
        for plan in self.plans {
            write.skipped += u64::from(plan.skipped);
            write.already_pushed += plan.already;
            write.persons.extend(plan.write);
        }
        write
    }
}

/// Reads the page of people after `after` and matches those seeking work;
/// `None` when no one is left.
async fn plan_page(job: &StoredPushJob, runner: &PushRunner, priorities: &Arc<PriorityTable>, after: i64) -> anyhow::Result<Option<PlannedPage>> {
    let db = &runner.db;
    let page = people_after(db, &job.region_prefix, after, runner.page_size).await?;
    let Some(last) = page.last().map(|p| p.id) else {
        return Ok(None);
    };
    let people_done = page.len() as u64;
    let ids: Vec<i64> = page.iter().map(|p| p.id).collect();
    let working = people_in_work(db, &ids).await?;
    let seeking: Vec<StoredPerson> = page.into_iter().filter(|p| !working.contains(&p.id)).collect();
    let seeking_ids: Vec<i64> = seeking.iter().map(|p| p.id).collect();
    let mut pushed = pushed_posting_ids(db, &seeking_ids).await?;
    let top_k = job.top_k as usize;
    // Each person is matched in a task of its own on the runner's runtime,
    // `concurrency()` at a time; `buffered` keeps page order, so a run
    // writes the same rows however the searches interleave.
    let tasks = seeking.into_iter().map(|person| {
        let (runner, priorities, pushed) = (runner.clone(), priorities.clone(), pushed.remove(&person.id).unwrap_or_default());
        runner.rt.clone().spawn(async move { plan_person(&runner.deps(), &priorities, &person, pushed, top_k).await })
    });
    let plans: Vec<PersonPlan> =
        futures::stream::iter(tasks).buffered(concurrency()).map(|joined| joined.context("push match task").and_then(|plan| plan)).try_collect().await?;
    Ok(Some(PlannedPage { last, people_done, seeking: seeking_ids.len() as u64, plans }))
}

/// What the push will write for one person.
#[derive(Default)]
struct PersonPlan {
    write: Option<PersonPushWrite>,
    already: u64,
    /// The person could not be matched (see `matcher::Unmatchable`).
    skipped: bool,
}

async fn plan_person(deps: &PushDeps<'_>, priorities: &PriorityTable, person: &StoredPerson, pushed: HashSet<i64>, top_k: usize) -> anyhow::Result<PersonPlan> {
    let profile = match profile_of(person, deps.regions, priorities) {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "person left out of the push");
            return Ok(PersonPlan { skipped: true, ..PersonPlan::default() });
        }
    };
    let limit = top_k + pushed.len().min(LOOK_PAST);
    let matches = find_matches(deps.index, deps.skills, deps.regions, &profile, None, limit, Fill::Never).await?;
    let mut fresh: Vec<Match> = Vec::new();
    let mut already = 0;
    // Only real matches go out: never a posting that meets none of what the person asked for.
    for m in matches.into_iter().filter(|m| m.fit == MatchFit::Match) {
        if pushed.contains(&m.posting.id) {
            already += 1;
        } else if fresh.len() < top_k {
            fresh.push(m);
        }
    }
    if fresh.is_empty() {
        return Ok(PersonPlan { write: None, already, skipped: false });
    }
    let mut items = Vec::with_capacity(fresh.len());
    for m in &fresh {
        let reasons = serde_json::to_string(&m.reasons)?;
        items.push(NewPushItem { posting_id: m.posting.id, score: round_score(m.score), reasons });
    }
    let write = PersonPushWrite {
        person_id: person.id,
        phone: person.phone.clone(),
        message: sms_text(&fresh, deps.regions),
        sms_params: sms_params(&fresh, deps.regions)?,
        items,
    };
    Ok(PersonPlan { write: Some(write), already, skipped: false })
}

/// "【安康就业帮扶】为您推荐2个岗位：缝纫工(老城街道)、采茶工(大同镇)。回复TD退订"
fn sms_text(fresh: &[Match], regions: &Regions) -> String {
    let named: Vec<String> = fresh.iter().take(SMS_TITLES).map(|m| format!("{}({})", m.posting.title, regions.name_of(&m.posting.region_code))).collect();
    let more = if fresh.len() > SMS_TITLES { "等" } else { "" };
    format!("【安康就业帮扶】为您推荐{}个岗位：{}{more}。详情请登录查看，回复TD退订", fresh.len(), named.join("、"))
}

/// The gateway template's values: the best new posting (title, place, id for the link) and how many are new.
fn sms_params(fresh: &[Match], regions: &Regions) -> anyhow::Result<String> {
    let best = &fresh[0].posting;
    let params = SmsParams {
        title: best.title.clone(),
        place: regions.name_of(&best.region_code),
        posting_id: best.id,
        count: u32::try_from(fresh.len()).unwrap_or(u32::MAX),
    };
    Ok(serde_json::to_string(&params)?)
}
