//! Demo training (issue 11 part 10): a course catalogue of what Ankang
//! really trains people for, run by its colleges, county vocational schools
//! and the community factories that train their own workers; past sessions
//! finished with completions and certificates (so certified skills are in
//! profiles, and some certified people were placed in a job afterwards),
//! sessions running now, and upcoming daytime and evening sessions with
//! enrolments, some full with a waitlist. Everything goes through the same
//! storage functions as the API. Deterministic: the caller's seeded `rng`.
//!
//! The demo seeker 王秀英 holds a sewing certificate from a finished session
//! in 汉滨区 and a place in an upcoming evening elderly-care session there;
//! the other upcoming sessions near her are what suggestions can offer.

use std::collections::HashSet;

use anyhow::Context;
use doorstep_shared::api::{ApplicationSource, AssistanceCategory as Cat, CourseStatus, Period, ProviderKind, RegionLevel, SessionStatus, Weekday};
use doorstep_shared::types::{Day, RegionCode, SkillCode};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use crate::clock::today;
use crate::domain::{placement_kind, region_point, Completion, CourseDraft, SessionDraft};
use crate::startup::AppState;
use crate::storage::{
    enrol, get_enrolment_facts, hire_application, insert_application, insert_course, insert_course_session, list_people, open_postings_page, record_completion,
    set_course_session_status, set_course_status, EnrolOutcome, Hire, HireOutcome, NewApplication, NewCompletion, NewEnrolment, StoredPerson, StoredPosting,
};

/// Title, provider, kind, county, skills, hours, subsidy (yuan), who may enrol (empty: anyone), description.
type CourseTemplate = (&'static str, &'static str, ProviderKind, &'static str, &'static [&'static str], u32, u32, &'static [Cat], &'static str);

const HANBIN: &str = "610902";

const CATALOGUE: &[CourseTemplate] = &[
    (
        "缝纫工（服装缝制）培训",
        "安康职业技术学院",
        ProviderKind::College,
        HANBIN,
        &["sewing"],
        80,
        1200,
        &[],
        "平缝机、包缝机操作，服装与毛绒玩具缝制工艺，结业考核合格颁发培训合格证",
    ),
    (
        "假发制作技能培训",
        "汉滨区瑞丰假发社区工厂",
        ProviderKind::Employer,
        HANBIN,
        &["wig_making"],
        40,
        600,
        &[Cat::LeftBehindWoman, Cat::Relocated, Cat::Dibao],
        "假发发块勾织与整形，工厂带教，结业后可进厂或领料居家加工",
    ),
    (
        "养老护理员培训",
        "安康职业技术学院",
        ProviderKind::College,
        HANBIN,
        &["elderly_care"],
        90,
        1500,
        &[],
        "老年人生活照料、基础护理、康复与心理支持，含养老机构实习",
    ),
    (
        "电子元件装配岗前培训",
        "安康高新区电子产业园",
        ProviderKind::Employer,
        HANBIN,
        &["electronics_assembly"],
        24,
        300,
        &[],
        "插件、焊锡与静电防护，结业即可进园区企业上岗",
    ),
    (
        "电子商务与直播带货",
        "汉阴县职业教育中心",
        ProviderKind::School,
        "610921",
        &["ecommerce", "livestream_selling"],
        48,
        800,
        &[],
        "网店开设与运营、短视频拍摄、直播带货富硒农产品",
    ),
    (
        "鞋面缝制工培训",
        "汉阴县鞋业社区工厂",
        ProviderKind::Employer,
        "610921",
        &["shoe_upper_stitching", "sewing"],
        30,
        400,
        &[],
        "鞋面缝制与质检，工厂车间实操",
    ),
    (
        "茶叶加工工培训",
        "平利县职业教育中心",
        ProviderKind::School,
        "610926",
        &["tea_processing"],
        60,
        900,
        &[],
        "富硒绿茶杀青、揉捻、烘干与审评，茶季在茶厂实训",
    ),
    ("中式烹调师培训", "石泉县职业教育中心", ProviderKind::School, "610922", &["cooking"], 64, 1000, &[], "刀工、火候与陕南家常菜，农家乐与食堂用工对接"),
    (
        "砌筑工（建筑工）培训",
        "紫阳县建筑劳务培训基地",
        ProviderKind::School,
        "610924",
        &["bricklaying", "construction_labour"],
        72,
        1000,
        &[],
        "砌砖、抹灰与施工安全，结业推荐建筑劳务",
    ),
    (
        "电工（低压）培训",
        "旬阳市职业中等专业学校",
        ProviderKind::School,
        "610981",
        &["electrician"],
        120,
        2000,
        &[],
        "低压电工理论与实操，安全用电，辅导考取特种作业操作证",
    ),
    (
        "育婴员培训",
        "岚皋县职业教育中心",
        ProviderKind::School,
        "610925",
        &["childcare"],
        56,
        900,
        &[Cat::LeftBehindWoman, Cat::Dibao, Cat::RegisteredPoor],
        "婴幼儿生活照料、早期发展与安全，适合留守妇女就近就业",
    ),
    (
        "家政服务员培训",
        "白河县职业教育中心",
        ProviderKind::School,
        "610929",
        &["domestic_service", "cooking"],
        40,
        600,
        &[],
        "家居保洁、收纳与家庭餐制作，对接城市家政企业",
    ),
];

/// What was seeded, for the log.
#[derive(Debug, Default)]
pub struct TrainingSeeded {
    pub courses: usize,
    pub sessions: usize,
    pub enrolments: usize,
    pub waitlisted: usize,
    pub certificates: usize,
    pub placements: usize,
}

/// Seeds the training platform after people, postings and the seeker exist.
pub async fn seed_training(state: &AppState, rng: &mut StdRng, seeker: i64, actor: i64) -> anyhow::Result<TrainingSeeded> {
    let day = today();
    let (people, _) = list_people(&state.db, &Default::default(), 5_000, 0).await?;
    let postings = open_postings_page(&state.db, 0, 5_000).await?;
    let mut seeded = TrainingSeeded::default();
    // A person holds at most one place, so no timetable clashes.
    let mut taken: HashSet<i64> = HashSet::from([seeker]);
    for (i, template) in CATALOGUE.iter().enumerate() {
        let (course_id, issuing_region) = course(state, template, actor).await?;
        seeded.courses += 1;
        let county = template.3;
        let towns = towns_of(state, county)?;
        let eligible: Vec<&StoredPerson> = people
            .iter()
            .filter(|p| p.home_region.as_ref().starts_with(county) && (template.7.is_empty() || p.categories.iter().any(|c| template.7.contains(c))))
            .collect();

        // A finished session some months ago: completions, certificates, and some jobs after them.
        let start = day.plus_days(-rng.gen_range(70..200));
        let plan = Plan { start, end: start.plus_days(rng.gen_range(14..28)), capacity: 30, period: Period::Daytime };
        let past = session(state, course_id, &plan, &towns, rng, actor).await?;
        let mut class = pick(&eligible, &mut taken, rng.gen_range(10..18), rng);
        if i == 0 {
            class.push(seeker);
        }
        let (places, _) = enrol_all(state, past, &class, actor).await?;
        seeded.sessions += 1;
        seeded.enrolments += places.len();
        finish(state, past, actor).await?;
        for (person_id, enrolment_id) in places {
            let completes = person_id == seeker || rng.gen_bool(0.85);
            let issued_on = plan.end.plus_days(rng.gen_range(0..3)).min(day);
            complete(state, enrolment_id, course_id, &issuing_region, completes, issued_on, rng, actor).await?;
            if !completes {
                continue;
            }
            seeded.certificates += 1;
            if person_id != seeker && rng.gen_bool(0.4) && place(state, &postings, &people, person_id, template.4, issued_on, rng, actor).await? {
                seeded.placements += 1;
            }
        }

        // Running now (two courses), and upcoming: daytime for all, evening for every other course; a few fill up.
        let mut plans = Vec::new();
        if i == 0 || i == 6 {
            let start = day.plus_days(-5);
            plans.push((Plan { start, end: start.plus_days(20), capacity: 25, period: Period::Daytime }, 12, true));
        }
        for period in [Period::Daytime, Period::Evening] {
            if period == Period::Evening && i % 2 == 1 {
                continue;
            }
            let start = day.plus_days(rng.gen_range(10..60));
            let full = i % 4 == 1 && period == Period::Daytime;
            let capacity = if full { 8 } else { rng.gen_range(20..31) };
            let wanted = if full { 11 } else { rng.gen_range(3..9) };
            plans.push((Plan { start, end: start.plus_days(rng.gen_range(10..30)), capacity, period }, wanted, false));
        }
        for (plan, wanted, running) in plans {
            let id = session(state, course_id, &plan, &towns, rng, actor).await?;
            let mut who = pick(&eligible, &mut taken, wanted, rng);
            // The seeker's place: the evening elderly-care session near her.
            if i == 2 && plan.period == Period::Evening {
                who.insert(0, seeker);
            }
            let (places, waitlisted) = enrol_all(state, id, &who, actor).await?;
            if running {
                set_course_session_status(&state.db, id, &[SessionStatus::Open, SessionStatus::Full], SessionStatus::Running, actor).await?;
            }
            seeded.sessions += 1;
            seeded.enrolments += places.len();
            seeded.waitlisted += waitlisted;
        }
    }
    Ok(seeded)
}

/// The towns of a county.
fn towns_of(state: &AppState, county: &str) -> anyhow::Result<Vec<RegionCode>> {
    let county = RegionCode::parse(county).map_err(anyhow::Error::msg)?;
    let towns: Vec<RegionCode> =
        state.regions.read(|t| t.descendants_at(&county, RegionLevel::Town).iter().filter_map(|r| RegionCode::parse(&r.code).ok()).collect());
    anyhow::ensure!(!towns.is_empty(), "no towns in {county}");
    Ok(towns)
}

/// Creates and publishes a course; its id and region.
async fn course(state: &AppState, t: &CourseTemplate, actor: i64) -> anyhow::Result<(i64, RegionCode)> {
    let (title, provider, provider_kind, county, skills, hours, subsidy_yuan, categories, description) = *t;
    let region = RegionCode::parse(county).map_err(anyhow::Error::msg)?;
    let skills = skills.iter().map(|s| SkillCode::parse(s).map_err(anyhow::Error::msg)).collect::<anyhow::Result<Vec<_>>>()?;
    let mut categories = categories.to_vec();
    categories.sort();
    let draft = CourseDraft {
        title: title.into(),
        provider: provider.into(),
        provider_kind,
        description: description.into(),
        region: region.clone(),
        skills,
        hours,
        subsidy_yuan,
        categories,
    };
    let id = insert_course(&state.db, &draft, actor).await.with_context(|| format!("demo course {title}"))?;
    set_course_status(&state.db, id, &[CourseStatus::Draft], CourseStatus::Published, actor).await?;
    Ok((id, region))
}

struct Plan {
    start: Day,
    end: Day,
    capacity: u32,
    period: Period,
}

/// Writes an open session at the point of one of the towns; returns its id.
async fn session(state: &AppState, course_id: i64, plan: &Plan, towns: &[RegionCode], rng: &mut StdRng, actor: i64) -> anyhow::Result<i64> {
    let region = towns.choose(rng).context("no towns")?.clone();
    let (site, approximate) = state.regions.read(|t| (region_point(t, &region), t.get(&region).is_some_and(|r| r.approximate)));
    let site = site.with_context(|| format!("no point for {region}"))?;
    let days = match plan.period {
        Period::Daytime => vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri],
        Period::Evening => vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
    };
    let place = state.regions.name_of(region.as_ref());
    let address =
        format!("{place}{}", ["社区服务中心二楼培训室", "便民服务大厅培训室", "社区工厂实训车间", "新时代文明实践站"].choose(rng).unwrap_or(&"培训室"));
    let draft = SessionDraft {
        start: plan.start,
        end: plan.end,
        enrol_deadline: plan.start.plus_days(-2),
        region,
        address,
        site,
        site_approximate: approximate,
        capacity: plan.capacity,
        days,
        period: plan.period,
    };
    insert_course_session(&state.db, course_id, &draft, actor).await
}

/// Up to `n` people not yet taken, drawn from `from`.
fn pick(from: &[&StoredPerson], taken: &mut HashSet<i64>, n: usize, rng: &mut StdRng) -> Vec<i64> {
    let free: Vec<i64> = from.iter().map(|p| p.id).filter(|id| !taken.contains(id)).collect();
    let chosen: Vec<i64> = free.choose_multiple(rng, n).copied().collect();
    taken.extend(&chosen);
    chosen
}

/// Enrols each person in turn: the places taken (person, enrolment) and how many joined the waitlist.
async fn enrol_all(state: &AppState, session_id: i64, people: &[i64], actor: i64) -> anyhow::Result<(Vec<(i64, i64)>, usize)> {
    let (mut places, mut waitlisted) = (Vec::new(), 0);
    for person_id in people {
        match enrol(&state.db, &NewEnrolment { session_id, person_id: *person_id, actor, audit: true }).await? {
            EnrolOutcome::Enrolled(id) => places.push((*person_id, id)),
            EnrolOutcome::Waitlisted(_) => waitlisted += 1,
            EnrolOutcome::AlreadyEnrolled | EnrolOutcome::SessionNotOpen => {}
        }
    }
    Ok((places, waitlisted))
}

/// Runs a session to its end.
async fn finish(state: &AppState, session_id: i64, actor: i64) -> anyhow::Result<()> {
    set_course_session_status(&state.db, session_id, &[SessionStatus::Open, SessionStatus::Full], SessionStatus::Running, actor).await?;
    set_course_session_status(&state.db, session_id, &[SessionStatus::Running], SessionStatus::Finished, actor).await?;
    Ok(())
}

/// Records a completion (the certificate issued on `issued_on`) or a non-completion with a reason.
#[allow(clippy::too_many_arguments)]
async fn complete(
    state: &AppState,
    enrolment_id: i64,
    course_id: i64,
    issuing_region: &RegionCode,
    completes: bool,
    issued_on: Day,
    rng: &mut StdRng,
    actor: i64,
) -> anyhow::Result<()> {
    let facts = get_enrolment_facts(&state.db, enrolment_id).await?;
    let completion = if completes {
        Completion::Completed
    } else {
        let reason = ["中途外出务工", "家中老人生病需照顾", "缺课超过三分之一", "农忙未能参加结业考核"].choose(rng).unwrap_or(&"未参加结业考核");
        Completion::NotCompleted { reason: (*reason).to_string() }
    };
    let c = NewCompletion { enrolment: &facts, course_id, issuing_region, completion: &completion, today: issued_on, actor };
    record_completion(&state.db, &c).await?;
    Ok(())
}

/// A job after the certificate: a posting in the person's county that asks
/// for a skill of the course (else any there), hired from 1 to 20 weeks after
/// the issue day (never after today). Whether a placement was made.
#[allow(clippy::too_many_arguments)]
async fn place(
    state: &AppState,
    postings: &[StoredPosting],
    people: &[StoredPerson],
    person_id: i64,
    skills: &[&str],
    issued_on: Day,
    rng: &mut StdRng,
    actor: i64,
) -> anyhow::Result<bool> {
    let Some(person) = people.iter().find(|p| p.id == person_id) else { return Ok(false) };
    let county = &person.home_region.as_ref()[..6];
    let near: Vec<&StoredPosting> = postings.iter().filter(|p| p.content.region.as_ref().starts_with(county)).collect();
    let fitting: Vec<&StoredPosting> = near.iter().copied().filter(|p| p.content.skills.iter().any(|s| skills.iter().any(|w| s == *w))).collect();
    let Some(posting) = (if fitting.is_empty() { near.choose(rng) } else { fitting.choose(rng) }) else { return Ok(false) };
    let start_date = issued_on.plus_days(rng.gen_range(7..140)).min(today().plus_days(-1));
    if start_date < issued_on {
        return Ok(false);
    }
    let new = NewApplication { posting_id: posting.id, person_id, source: ApplicationSource::Referral, note: None, actor, audit: true };
    let Ok(application_id) = insert_application(&state.db, &new).await else { return Ok(false) };
    let (wage_min, wage_max) = (i64::from(posting.content.wage_min), i64::from(posting.content.wage_max));
    let hire = Hire {
        application_id,
        posting_id: posting.id,
        person_id,
        kind: placement_kind(&person.home_region, &posting.content.region),
        start_date,
        monthly_wage: rng.gen_range(wage_min..=wage_max.max(wage_min)) / 100 * 100,
        note: Some("培训结业后推荐就业"),
        actor,
        audit: true,
    };
    Ok(matches!(hire_application(&state.db, &hire).await?, HireOutcome::Hired { .. }))
}
