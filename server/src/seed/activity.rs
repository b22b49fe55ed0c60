//! Demo activity, so every page has something true to show: the demo
//! seeker's own record, applications in every state, placements nearby and
//! away with follow-ups, and a push to the seeker's street.

use doorstep_shared::api::{ApplicationSource, ApplicationStatus, AssistanceCategory, Gender, PersonRequest, Preferences, Schedule};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::{create_user, NewAccount, DEMO_PASSWORD};
use crate::clock::today;
use crate::domain::{parse_person, placement_kind};
use crate::search::apply_pending;
use crate::startup::AppState;
use crate::storage::{
    hire_application, insert_application, insert_follow_up, insert_person, open_postings_page, set_application_status, Db, Hire, HireOutcome, NewApplication,
    NewFollowUp, PersonValues, StatusChange,
};

const APPLICATIONS: usize = 400;
const SEEKER_TOWN: &str = "610902001";

/// The demo seeker 王秀英 of 汉滨区老城街道, registered and linked to her login.
pub async fn seed_demo_seeker(state: &AppState, actor: i64) -> anyhow::Result<i64> {
    let body = "61090219850312002";
    let check = doorstep_shared::types::IdCardNumber::check_char(body).unwrap_or('0');
    let req = PersonRequest {
        name: "王秀英".into(),
        id_number: format!("{body}{check}"),
        phone: "13800000000".into(),
        gender: Gender::Female,
        birth_year: 1985,
        home_region: SEEKER_TOWN.into(),
        home_lat: None,
        home_lon: None,
        categories: vec![AssistanceCategory::Dibao, AssistanceCategory::LeftBehindWoman],
        disability_grade: None,
        skills: vec!["做衣服".into(), "采茶".into()],
        preferences: Preferences {
            max_commute_km: 20,
            willing_to_relocate: false,
            schedules: vec![Schedule::FullTime, Schedule::Flexible, Schedule::HomeBased],
            min_wage: Some(2000),
            needs_accessible: false,
        },
        consent_to_share: true,
    };
    let draft = state.regions.read(|t| parse_person(req, t, &state.skills, 2026)).map_err(|e| anyhow::anyhow!("demo seeker: {:?}", e.0))?;
    let person = insert_person(&state.db, &PersonValues::seal(&draft, &state.vault)?, actor).await.map_err(|e| anyhow::anyhow!("demo seeker: {e:?}"))?;
    create_user(
        state,
        NewAccount {
            role: "seeker".into(),
            username: "13800000000".into(),
            password: DEMO_PASSWORD.into(),
            display_name: Some("王秀英".into()),
            region: None,
            employer_id: None,
            person_id: Some(person),
        },
    )
    .await?;
    Ok(person)
}

/// Applications from people to open postings in their county, moved along.
pub async fn seed_activity(state: &AppState, rng: &mut StdRng, seeker: i64, actor: i64) -> anyhow::Result<usize> {
    let postings = open_postings_page(&state.db, 0, 2_000).await?;
    let (people, _) = crate::storage::list_people(&state.db, &Default::default(), 2_500, 0).await?;
    let day = today();
    let mut hires = 0;
    // The demo seeker's story is told separately: one application, an inbox, no job yet.
    let others: Vec<_> = people.iter().filter(|p| p.id != seeker).collect();
    for person in others.choose_multiple(rng, APPLICATIONS) {
        let home: &str = person.home_region.as_ref();
        let county = &home[..6];
        let near: Vec<_> = postings.iter().filter(|p| p.content.region.as_ref().starts_with(county)).collect();
        let away: Vec<_> = postings.iter().filter(|p| !p.content.region.as_ref().starts_with("6109")).collect();
        let pool = if person.preferences.willing_to_relocate && rng.gen_bool(0.4) { &away } else { &near };
        let Some(posting) = pool.choose(rng) else {
            continue;
        };
        let source = if rng.gen_bool(0.5) { ApplicationSource::Applied } else { ApplicationSource::Referral };
        let new = NewApplication { posting_id: posting.id, person_id: person.id, source, note: None, actor, audit: source == ApplicationSource::Referral };
        let Ok(id) = insert_application(&state.db, &new).await else {
            continue;
        };
        let roll: f64 = rng.gen();
        if roll < 0.3 {
            continue;
        }
        if roll < 0.4 {
            change(&state.db, id, ApplicationStatus::Applied, ApplicationStatus::Rejected, actor).await?;
            continue;
        }
        change(&state.db, id, ApplicationStatus::Applied, ApplicationStatus::Interviewing, actor).await?;
        if roll < 0.55 {
            continue;
        }
        let days_ago = rng.gen_range(5..200);
        let started = day.plus_days(-days_ago);
        let kind = placement_kind(&person.home_region, &posting.content.region);
        let (wage_min, wage_max) = (i64::from(posting.content.wage_min), i64::from(posting.content.wage_max));
        let wage = rng.gen_range(wage_min..=wage_max.max(wage_min)) / 100 * 100;
        let hire = Hire {
            application_id: id,
            posting_id: posting.id,
            person_id: person.id,
            kind,
            start_date: started,
            monthly_wage: wage,
            note: None,
            actor,
            audit: true,
        };
        let HireOutcome::Hired { placement_id } = hire_application(&state.db, &hire).await? else {
            continue;
        };
        hires += 1;
        for month in [1, 3, 6] {
            if days_ago < month * 30 {
                break;
            }
            let still_employed = rng.gen_bool(0.85);
            let follow = NewFollowUp { placement_id, month, still_employed, monthly_wage: still_employed.then_some(wage), note: None, actor };
            insert_follow_up(&state.db, &follow).await.map_err(|e| anyhow::anyhow!("follow-up: {e}"))?;
            if !still_employed {
                break;
            }
        }
    }
    seeker_application(state, &postings, seeker, actor).await?;
    Ok(hires)
}

async fn change(db: &Db, id: i64, from: ApplicationStatus, to: ApplicationStatus, actor: i64) -> anyhow::Result<()> {
    set_application_status(db, &StatusChange { id, from, to, note: None, actor, audit: true }).await?;
    Ok(())
}

/// The demo seeker has applied to a sewing job on her street and has an inbox.
async fn seeker_application(state: &AppState, postings: &[crate::storage::StoredPosting], seeker: i64, actor: i64) -> anyhow::Result<()> {
    let sewing = postings.iter().find(|p| p.content.region.as_ref().starts_with("610902") && p.content.skills.iter().any(|s| s == "sewing"));
    if let Some(p) = sewing {
        let new = NewApplication { posting_id: p.id, person_id: seeker, source: ApplicationSource::Applied, note: None, actor, audit: false };
        let _ = insert_application(&state.db, &new).await;
    }
    let index = state.index.clone().into_inner();
    let skills = state.skills.clone().into_inner();
    while apply_pending(&state.db, &index, &skills).await? > 0 {}
    state.push.run_now(SEEKER_TOWN, 3, |_, _| {}).await?;
    Ok(())
}
