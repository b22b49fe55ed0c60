//! The matching engine: candidates from the index (hard filters, skill and
//! text relevance, nearness), then every candidate rescored by the domain
//! rules into a score with reasons. Used by `/match`, by a registered
//! person's matches, and by the push; and the same rules asked from the
//! other side, which registered people fit a posting (`rank_people`).
//!
//! One policy for a record that cannot be matched (a person whose home
//! region has no point): it is logged, skipped and counted, never the end of
//! a whole request or batch.

use std::sync::Arc;

use doorstep_shared::api::{MatchFit, Reason, ReasonKind};
use doorstep_shared::types::{Day, SkillCode};

use crate::clock::today;
use doorstep_shared::api::Nearness;
use doorstep_shared::types::RegionCode;

use crate::domain::{fit, reasons, region_is_approximate, region_point, score, violation, Audience, Candidate, Place, PriorityTable, Profile, Reach, Scored};
use crate::reference::{Regions, SkillCatalog};
use crate::search::{fill_text, Filters, IndexedPosting, PostingIndex, Ranking, Relevance, SearchRequest};
use crate::storage::{list_region_priorities, Db, StoredPerson, StoredPosting};

/// How many index hits to rescore per match wanted: enough that wage fit and
/// the finer rules can reorder them (nearness is already blended in by the
/// collector), few enough to stay fast.
const OVERFETCH: usize = 3;
const MIN_CANDIDATES: usize = 30;
const MAX_CANDIDATES: usize = 600;

/// Whether to fill a thin result with postings that fit the person's
/// constraints but not what they asked for. Useful on a screen; noise in an SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    IfThin,
    Never,
}

/// Words in a request that ask for housing: "包吃住" is in most job ads.
const HOUSING_WORDS: [&str; 4] = ["包吃住", "包住", "住宿", "宿舍"];
const HOUSING_BONUS: f64 = 0.1;

#[derive(Debug, Clone)]
pub struct Match {
    pub posting: IndexedPosting,
    pub score: f64,
    /// Km, only when home and site are both real points.
    pub distance_km: Option<f64>,
    pub nearness: Option<Nearness>,
    pub reasons: Vec<Reason>,
    /// Whether it meets what the person asked for (`domain::fit`).
    pub fit: MatchFit,
    /// Where the posting sits in the searcher snapshot it came from.
    pub address: tantivy::DocAddress,
}

/// The best `limit` postings for a profile, best first; none breaks a hard
/// constraint. Every real match comes before every posting that meets none
/// of what the person asked for (`MatchFit::Other`, the fill of a thin result).
pub async fn find_matches(
    index: &Arc<PostingIndex>,
    skills: &SkillCatalog,
    regions: &Regions,
    profile: &Profile,
    text: Option<String>,
    limit: usize,
    fill: Fill,
) -> anyhow::Result<Vec<Match>> {
    let day = today();
    let mut wanted_skills = profile.skills.clone();
    if let Some(t) = text.as_deref() {
        wanted_skills.extend(skills.mentioned_in(t));
    }
    wanted_skills.sort();
    wanted_skills.dedup();
    let wanted: Vec<String> = wanted_skills.iter().map(ToString::to_string).collect();
    let request = SearchRequest {
        filters: hard_constraints(profile, regions, day),
        relevance: Relevance { skills: wanted, certified: profile.certified.iter().map(ToString::to_string).collect(), text: text.clone() },
        ranking: Ranking::Relevance,
        near: profile.home.as_ref().map(|h| h.point),
        distance_scale_km: (profile.max_commute_km / 2.0).max(3.0),
        offset: 0,
        limit: (limit * OVERFETCH).clamp(MIN_CANDIDATES, MAX_CANDIDATES),
        // Too few postings ask for what the person named: fill with whatever
        // else fits them, nearest first (ranked below by score).
        fill_below: if fill == Fill::IfThin { limit } else { 0 },
        with_text: false,
    };
    let result = index.search(request).await?;
    let hits = result.hits;
    let best = hits.iter().map(|h| h.relevance).fold(0.0_f32, f32::max);
    let wants_housing = text.as_deref().is_some_and(|t| HOUSING_WORDS.iter().any(|w| t.contains(w)));
    let has_text = text.is_some_and(|t| !t.trim().is_empty());
    let asked = has_text || !wanted_skills.is_empty();
    // Skills named in the text count as the person's own ("想做衣服": sewing).
    let mut profile = profile.clone();
    profile.skills = wanted_skills;
    let mut scored = Vec::with_capacity(hits.len());
    for hit in hits {
        let mut p = hit.posting;
        let candidate = Candidate {
            posting_id: p.id,
            // Moved into the candidate and given back below: no copy per hit.
            skills: std::mem::take(&mut p.skills).into_iter().filter_map(|s| SkillCode::try_from(s).ok()).collect(),
            site: Place { point: p.site, region: RegionCode::parse(&p.region_code).ok(), approximate: p.site_approximate },
            wage_min: p.wage_min,
            wage_max: p.wage_max,
            schedule: p.schedule,
            accommodation: p.accommodation,
            accessible: p.accessible,
            physical_demand: p.physical_demand,
            valid_until: Day::from_unix_days(p.valid_until),
            text: if has_text && best > 0.0 { f64::from(hit.relevance / best) } else { 0.0 },
        };
        // The box is a superset of the commute circle; the exact check is here.
        if violation(&profile, &candidate, day).is_some() {
            continue;
        }
        let mut s = score(&profile, &candidate);
        let housing = wants_housing && p.accommodation;
        if housing {
            s.score += HOUSING_BONUS;
        }
        let fit = fit(&profile, &candidate, asked);
        scored.push((s, housing, candidate, p, hit.address, fit));
    }
    scored.sort_by(|a, b| a.5.cmp(&b.5).then(b.0.score.total_cmp(&a.0.score)).then(a.3.id.cmp(&b.3.id)));
    scored.truncate(limit);
    let names = |code: &str| skills.names(code);
    let mut matches: Vec<Match> = scored
        .into_iter()
        .map(|(s, housing, candidate, mut posting, address, fit)| {
            let mut reasons = reasons(&profile, &candidate, &names, Audience::Seeker);
            posting.skills = candidate.skills.into_iter().map(String::from).collect();
            if housing && !reasons.iter().any(|r| r.kind == ReasonKind::Accommodation) {
                reasons.push(Reason { kind: ReasonKind::Accommodation, detail: "提供住宿".into(), detail_en: "housing provided".into() });
            }
            Match { posting, score: s.score, distance_km: s.distance_km, nearness: s.nearness, reasons, fit, address }
        })
        .collect();
    fill_text(&result.columns, matches.iter_mut().map(|m| (&mut m.posting, m.address)));
    Ok(matches)
}

/// A profile's hard constraints as the index's gate: what every match, and
/// every opening a training would add (`training_suggestions.rs`), passes.
pub fn hard_constraints(profile: &Profile, regions: &Regions, day: Day) -> Filters {
    // Real points filter by the commute box; an approximate end by its
    // relation to home (`domain::Reach`), which also orders someone willing
    // to move (admitting everything) without a made-up 0 km.
    let bbox = match (&profile.home, profile.willing_to_relocate) {
        (Some(home), false) if !home.approximate => Some(home.point.bounding_box(profile.max_commute_km)),
        _ => None,
    };
    let commute = if profile.willing_to_relocate { f64::INFINITY } else { profile.max_commute_km };
    let reach = profile.home.as_ref().and_then(|home| regions.read(|tree| Reach::new(home, commute, tree)));
    Filters {
        valid_on: day.unix_days(),
        bbox,
        reach,
        min_wage: profile.min_wage,
        accessible_only: profile.needs_accessible,
        max_physical: Some(profile.max_physical_demand),
        schedules: profile.schedules.clone(),
        ..Filters::default()
    }
}

/// Every city's and county's favoured categories, read once per request or push.
pub async fn load_priorities(db: &Db) -> anyhow::Result<PriorityTable> {
    Ok(PriorityTable::new(list_region_priorities(db).await?))
}

/// Why a registered person cannot be matched.
#[derive(Debug, thiserror::Error)]
#[error("person {person_id} cannot be matched: home region {home_region} has no point")]
pub struct Unmatchable {
    pub person_id: i64,
    pub home_region: String,
}

/// A registered person's home: their own point when they gave one ("use my
/// location"), else their region's (approximate for a town); `None` when the
/// region has no point.
pub fn home_of(person: &StoredPerson, regions: &Regions) -> Option<Place> {
    let region = Some(person.home_region.clone());
    match person.home_point {
        Some(point) => Some(Place::exact(point, region)),
        None => regions.read(|tree| {
            let approximate = region_is_approximate(tree, &person.home_region);
            region_point(tree, &person.home_region).map(|point| Place { point, region, approximate })
        }),
    }
}

/// A registered person's profile, from their home (`home_of`); the category
/// their jurisdiction favours them for comes from `priorities`.
pub fn profile_of(person: &StoredPerson, regions: &Regions, priorities: &PriorityTable) -> Result<Profile, Unmatchable> {
    let Some(home) = home_of(person, regions) else {
        return Err(Unmatchable { person_id: person.id, home_region: person.home_region.to_string() });
    };
    let mut profile = Profile::of_person(&person.preferences, &person.skills, person.disability_grade, home);
    profile.certified = person.certified_skills();
    profile.priority = priorities.for_person(&person.home_region, &person.categories);
    Ok(profile)
}

/// A person who fits a posting, with the score and its reasons.
pub struct RankedPerson {
    pub person: StoredPerson,
    pub scored: Scored,
    pub reasons: Vec<Reason>,
}

/// The people who fit a posting, best first: each person's own hard
/// constraints hold for it. `skipped` counts people who could not be matched.
pub struct RankedPeople {
    pub people: Vec<RankedPerson>,
    pub skipped: usize,
}

/// Ranks `people` for a posting and keeps the best `limit`, the reasons
/// worded for `audience`; a favoured person ranks higher (`domain::priority`).
pub fn rank_people(
    posting: &StoredPosting,
    people: Vec<StoredPerson>,
    regions: &Regions,
    skills: &SkillCatalog,
    priorities: &PriorityTable,
    limit: usize,
    audience: Audience,
) -> RankedPeople {
    let day = today();
    let candidate = Candidate::of_posting(posting.id, &posting.content);
    let mut skipped = 0;
    let mut scored = Vec::new();
    for person in people {
        let profile = match profile_of(&person, regions, priorities) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(error = %e, posting_id = posting.id, "person left out of the candidates");
                skipped += 1;
                continue;
            }
        };
        if violation(&profile, &candidate, day).is_some() {
            continue;
        }
        scored.push((score(&profile, &candidate), profile, person));
    }
    scored.sort_by(|a, b| b.0.score.total_cmp(&a.0.score).then(a.2.id.cmp(&b.2.id)));
    scored.truncate(limit);
    let names = |code: &str| skills.names(code);
    let people =
        scored.into_iter().map(|(scored, profile, person)| RankedPerson { reasons: reasons(&profile, &candidate, &names, audience), scored, person }).collect();
    RankedPeople { people, skipped }
}
