//! Training suggestions: which upcoming course sessions would open the most
//! postings a person does not match today. Counted by the matching engine
//! itself: the person's hard constraints (`matcher::hard_constraints`) are
//! the index's gate, and `PostingIndex::openings` counts, for each distinct
//! set of skills the courses would add, the postings that pass it and need
//! one of those skills but none the person has.
//!
//! Only sessions the person could join are offered: eligible by category
//! (a course with none is for anyone), within the commute unless the person
//! is willing to move (`domain::nearness`, as matching judges a site), and
//! teaching at least one skill the person lacks; never a course the person
//! already holds a place (or waits) in.

use std::sync::Arc;

use doorstep_shared::types::{Day, SkillCode};

use doorstep_shared::api::EnrolmentStatus;

use crate::domain::{nearness, Apart, Place, Profile};
use crate::matcher::hard_constraints;
use crate::reference::Regions;
use crate::search::{IndexedPosting, OpeningsRequest, PostingIndex};
use crate::storage::{employer_names, held_entries, list_training_offers, Db, StoredPerson, TrainingOffer};

/// Suggestions shown at most.
const TOP: usize = 5;

/// A session worth suggesting, with what it opens.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub offer: TrainingOffer,
    /// How far the session's place is from home.
    pub apart: Apart,
    /// The course's skills the person lacks.
    pub new_skills: Vec<SkillCode>,
    /// Postings those skills add to the person's matches.
    pub additional_postings: usize,
    /// The nearest of them, title and region filled.
    pub example: IndexedPosting,
    pub employer: String,
}

/// The best `TOP` sessions for a person whose profile is `profile`: most
/// postings opened first, then the nearest session, then the earliest.
pub async fn suggest_training(
    db: &Db,
    index: &Arc<PostingIndex>,
    regions: &Regions,
    person: &StoredPerson,
    profile: &Profile,
    today: Day,
) -> anyhow::Result<Vec<Suggestion>> {
    let Some(home) = profile.home.clone() else { return Ok(Vec::new()) };
    let upcoming = list_training_offers(db, today).await?;
    let waiting: Vec<i64> = held_entries(db, person.id)
        .await?
        .iter()
        .filter(|h| matches!(h.status, EnrolmentStatus::Enrolled | EnrolmentStatus::Waitlisted))
        .map(|h| h.session_id)
        .collect();
    let taking: Vec<i64> = upcoming.iter().filter(|o| waiting.contains(&o.session_id)).map(|o| o.course_id).collect();
    let mut offers: Vec<(TrainingOffer, Apart, Vec<SkillCode>)> = Vec::new();
    for offer in upcoming.into_iter().filter(|o| !taking.contains(&o.course_id)) {
        let eligible = offer.categories.is_empty() || offer.categories.iter().any(|c| person.categories.contains(c));
        let site = Place { point: offer.point, region: Some(offer.region.clone()), approximate: offer.site_approximate };
        let apart = nearness(&home, &site);
        let new_skills: Vec<SkillCode> = offer.skills.iter().filter(|s| !profile.skills.contains(s)).cloned().collect();
        if eligible && !new_skills.is_empty() && (profile.willing_to_relocate || apart.within(profile.max_commute_km)) {
            offers.push((offer, apart, new_skills));
        }
    }
    // Courses teaching the same new skills open the same postings: count each set once.
    let mut sets: Vec<Vec<SkillCode>> = offers.iter().map(|o| o.2.clone()).collect();
    sets.sort();
    sets.dedup();
    let request = OpeningsRequest {
        filters: hard_constraints(profile, regions, today),
        near: Some(home.point),
        commute_km: (!profile.willing_to_relocate).then_some(profile.max_commute_km),
        has: profile.skills.iter().map(ToString::to_string).collect(),
        offers: sets.iter().map(|s| s.iter().map(ToString::to_string).collect()).collect(),
    };
    let opened = if sets.is_empty() { Vec::new() } else { index.openings(request).await? };
    let mut ranked: Vec<(TrainingOffer, Apart, Vec<SkillCode>, usize, IndexedPosting)> = offers
        .into_iter()
        .filter_map(|(offer, apart, new_skills)| {
            let at = sets.binary_search(&new_skills).ok()?;
            let o = opened.get(at)?;
            let example = o.example.clone().filter(|_| o.count > 0)?;
            Some((offer, apart, new_skills, o.count, example))
        })
        .collect();
    ranked.sort_by(|a, b| {
        let near = |r: &(TrainingOffer, Apart, _, _, _)| {
            r.1.ranking_km(&home, &Place { point: r.0.point, region: Some(r.0.region.clone()), approximate: r.0.site_approximate })
        };
        b.3.cmp(&a.3).then(near(a).total_cmp(&near(b))).then(a.0.start_date.cmp(&b.0.start_date)).then(a.0.session_id.cmp(&b.0.session_id))
    });
    ranked.truncate(TOP);
    let mut ids: Vec<i64> = ranked.iter().map(|r| r.4.employer_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = employer_names(db, &ids).await?;
    Ok(ranked
        .into_iter()
        .map(|(offer, apart, new_skills, additional_postings, example)| Suggestion {
            employer: names.get(&example.employer_id).cloned().unwrap_or_default(),
            offer,
            apart,
            new_skills,
            additional_postings,
            example,
        })
        .collect())
}
