//! The batch push: every seeking person in a region gets the best postings
//! not pushed to them before, in their inbox, and one SMS when anything is new.
//!
//! Seeking means registered and not in work: a person with a placement that
//! no follow-up says they left is skipped (`storage::people_in_work`).
//! Idempotent: `push_items` holds each (person, posting) pair at most once,
//! so a re-run pushes only what is new for someone and counts the rest as
//! `already_pushed`.
//!
//! Concurrency: people are read in pages of `PAGE` and matched `CONCURRENCY`
//! at a time (searches run on the blocking pool with the index's own bound);
//! each person's items and SMS are written in one transaction.

use std::collections::HashSet;
use std::sync::Arc;

use doorstep_shared::api::{MatchFit, PushSummary};
use futures::StreamExt;

use crate::domain::{round_score, PriorityTable};
use crate::matcher::{find_matches, load_priorities, profile_of, Fill, Match};
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::storage::{insert_push, list_people, people_in_work, pushed_posting_ids, Db, NewPushItem, PeopleFilter, StoredPerson};

const PAGE: i64 = 200;
const CONCURRENCY: usize = 4;
/// How many already-pushed postings a person's search looks past, at most.
const LOOK_PAST: usize = 200;
/// Postings named in one SMS; more are summed up as "等".
const SMS_TITLES: usize = 3;

/// What the push reads from.
pub struct PushDeps<'a> {
    pub db: &'a Db,
    pub index: &'a Arc<PostingIndex>,
    pub skills: &'a SkillCatalog,
    pub regions: &'a Regions,
}

/// What one person's push did.
#[derive(Debug, Default)]
struct PersonPush {
    items: u64,
    sms: bool,
    already: u64,
    /// The person could not be matched (see `matcher::Unmatchable`).
    skipped: bool,
}

/// Pushes up to `top_k` new postings to every seeking person at home inside
/// `region_prefix` ("" for everyone). `progress(done, total)` is called as
/// people are handled, `total` counting everyone registered in the region.
#[tracing::instrument(skip_all, fields(region_prefix = region_prefix, top_k = top_k))]
pub async fn run_push(deps: &PushDeps<'_>, region_prefix: &str, top_k: usize, mut progress: impl FnMut(u64, u64)) -> anyhow::Result<PushSummary> {
    let started = std::time::Instant::now();
    let filter = PeopleFilter { region_prefix: region_prefix.to_string(), ..PeopleFilter::default() };
    let mut summary = PushSummary::default();
    let (mut offset, mut done) = (0, 0);
    let priorities = load_priorities(deps.db).await?;
    loop {
        let (page, total) = list_people(deps.db, &filter, PAGE, offset).await?;
        if page.is_empty() {
            break;
        }
        offset += page.len() as i64;
        let ids: Vec<i64> = page.iter().map(|p| p.id).collect();
        let working = people_in_work(deps.db, &ids).await?;
        done += working.len() as u64;
        let seeking: Vec<&StoredPerson> = page.iter().filter(|p| !working.contains(&p.id)).collect();
        let mut pushes = futures::stream::iter(seeking.into_iter().map(|p| push_person(deps, &priorities, p, top_k))).buffer_unordered(CONCURRENCY);
        while let Some(pushed) = pushes.next().await {
            let pushed = pushed?;
            summary.skipped += u64::from(pushed.skipped);
            summary.people += 1;
            summary.people_reached += u64::from(pushed.items > 0);
            summary.items += pushed.items;
            summary.sms_queued += u64::from(pushed.sms);
            summary.already_pushed += pushed.already;
            done += 1;
            progress(done, total.max(0) as u64);
        }
    }
    tracing::info!(?summary, elapsed_ms = started.elapsed().as_millis() as u64, "push finished");
    Ok(summary)
}

async fn push_person(deps: &PushDeps<'_>, priorities: &PriorityTable, person: &StoredPerson, top_k: usize) -> anyhow::Result<PersonPush> {
    let profile = match profile_of(person, deps.regions, priorities) {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "person left out of the push");
            return Ok(PersonPush { skipped: true, ..PersonPush::default() });
        }
    };
    let pushed: HashSet<i64> = pushed_posting_ids(deps.db, person.id).await?.into_iter().collect();
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
    let mut items = Vec::with_capacity(fresh.len());
    for m in &fresh {
        let reasons = serde_json::to_string(&m.reasons)?;
        items.push(NewPushItem { posting_id: m.posting.id, score: round_score(m.score), reasons });
    }
    let message = sms_text(&fresh, deps.regions);
    let written = insert_push(deps.db, person.id, &items, &person.phone, &message).await?;
    Ok(PersonPush { items: written.items, sms: written.sms, already, skipped: false })
}

/// "【安康就业帮扶】为您推荐2个岗位：缝纫工(老城街道)、采茶工(大同镇)。回复TD退订"
fn sms_text(fresh: &[Match], regions: &Regions) -> String {
    let named: Vec<String> = fresh.iter().take(SMS_TITLES).map(|m| format!("{}({})", m.posting.title, regions.name_of(&m.posting.region_code))).collect();
    let more = if fresh.len() > SMS_TITLES { "等" } else { "" };
    format!("【安康就业帮扶】为您推荐{}个岗位：{}{more}。详情请登录查看，回复TD退订", fresh.len(), named.join("、"))
}
