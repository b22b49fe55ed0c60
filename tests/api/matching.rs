//! Matching: hard constraints never broken, ranking that a civil-affairs
//! worker would agree with, reasons that are true, both directions.

use doorstep_shared::api::{CandidatesResponse, ErrorCode, MatchFit, MatchResponse, PostingResponse, ReasonKind};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, body, id_number, person_json, posting_json, spawn_app, Backend, Client, TestApp, TestOptions};

backend_tests!(
    matches_come_with_true_reasons_and_respect_every_hard_constraint,
    nearer_postings_with_the_person_s_skill_rank_first,
    bad_match_requests_name_the_field,
    staff_see_matches_for_a_registered_person,
    employers_see_only_consenting_candidates_masked,
    postings_meeting_none_of_the_asked_skills_come_apart_after_every_real_match,
    match_items_posting_details_and_candidates_carry_names,
);

/// Title, region, lat/lon, skills, wage, schedule, accessible, accommodation, demand.
type Row = (&'static str, &'static str, Option<(f64, f64)>, &'static [&'static str], u32, &'static str, bool, bool, &'static str);

/// Postings around Hanbin, one transfer posting in Suzhou.
async fn seed_postings(app: &TestApp, admin: &Client, employer_id: i64) -> Vec<(String, i64)> {
    let rows: Vec<Row> = vec![
        ("老城社区工厂缝纫工", "610902001", None, &["sewing"], 3000, "full_time", true, false, "light"),
        ("江北缝纫工", "610902003", Some((32.75, 109.05)), &["sewing"], 3200, "full_time", false, false, "light"),
        ("旬阳缝纫工", "610981100", None, &["sewing"], 3300, "full_time", true, false, "light"),
        ("居家手工串珠", "610902001", None, &[], 1500, "home_based", true, false, "light"),
        ("工地小工", "610902001", None, &["construction_labour"], 4500, "full_time", false, false, "heavy"),
        ("苏州电子厂普工", "3205", None, &["electronics_assembly"], 5500, "full_time", false, true, "medium"),
        ("采茶工", "610902001", Some((32.66, 108.98)), &["tea_picking"], 2400, "flexible", false, false, "medium"),
    ];
    let mut ids = Vec::new();
    for (title, region, point, skills, wage, schedule, accessible, accommodation, demand) in rows {
        let mut p = posting_json(employer_id);
        p["title"] = json!(title);
        p["description"] = json!(format!("{title}，安康就业帮扶岗位"));
        p["region_code"] = json!(region);
        if let Some((lat, lon)) = point {
            p["lat"] = json!(lat);
            p["lon"] = json!(lon);
        }
        p["skills"] = json!(skills);
        p["wage_min"] = json!(wage);
        p["wage_max"] = json!(wage + 500);
        p["schedule"] = json!(schedule);
        p["accessible"] = json!(accessible);
        p["accommodation"] = json!(accommodation);
        p["physical_demand"] = json!(demand);
        ids.push((title.to_string(), admin.open_posting(app, &p).await));
    }
    ids
}

pub(crate) async fn run_match(client: &Client, request: &Value) -> MatchResponse {
    let res = client.post_json("/api/v1/match", request).await;
    let status = res.status();
    let text = res.text().await.expect("text");
    assert_eq!(status, StatusCode::OK, "{request}: {text}");
    serde_json::from_str(&text).expect("matches")
}

async fn matches_come_with_true_reasons_and_respect_every_hard_constraint(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    seed_postings(&app, &admin, employer_id).await;
    let anon = app.anonymous();
    let profiles = [
        json!({"skills": ["做衣服"], "region_code": "610902001", "min_wage": 2500}),
        json!({"skills": ["sewing"], "region_code": "610902001", "needs_accessible": true, "max_commute_km": 50}),
        json!({"region_code": "610902001", "schedules": ["home_based", "part_time"]}),
        json!({"region_code": "610902001", "max_physical_demand": "light", "min_wage": 3300}),
        json!({"skills": ["electronics_assembly"], "region_code": "610902001", "willing_to_relocate": true}),
        json!({"skills": ["tea_picking"], "lat": 32.66, "lon": 108.98, "max_commute_km": 5}),
        json!({"text": "想在家门口做衣服", "region_code": "610902"}),
    ];
    let mut checked = 0;
    for profile in profiles {
        let got = run_match(&anon, &profile).await;
        assert!(!got.matches.is_empty(), "nothing for {profile}");
        for m in &got.matches {
            let p: PostingResponse = body(anon.get(&format!("/api/v1/postings/{}", m.posting_id)).await).await.try_into_posting();
            if profile["needs_accessible"] == json!(true) {
                assert!(p.accessible, "{profile}: {} not accessible", p.title);
            }
            if let Some(min) = profile["min_wage"].as_u64() {
                assert!(u64::from(p.wage_max) >= min, "{profile}: {} pays too little", p.title);
            }
            if profile["max_physical_demand"] == json!("light") {
                assert_eq!(p.physical_demand, doorstep_shared::api::PhysicalDemand::Light, "{profile}: {}", p.title);
            }
            if let Some(schedules) = profile["schedules"].as_array() {
                assert!(schedules.contains(&json!(p.schedule)), "{profile}: {} schedule", p.title);
            }
            if profile["willing_to_relocate"] != json!(true) {
                let limit = profile["max_commute_km"].as_f64().unwrap_or(30.0);
                // Km between real points; else the relation the limit admits.
                let within = match (m.distance_km, m.nearness) {
                    (Some(km), _) => km <= limit,
                    (None, Some(n)) => n <= doorstep_server::domain::reach(limit),
                    (None, None) => false,
                };
                assert!(within, "{profile}: {} too far ({:?}, {:?})", p.title, m.distance_km, m.nearness);
            }
            assert!(m.reasons.iter().any(|r| r.kind == ReasonKind::Wage), "every match explains its wage");
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} matches checked");
    let sewing = run_match(&anon, &json!({"skills": ["做衣服"], "region_code": "610902001", "min_wage": 2500})).await;
    let first = &sewing.matches[0];
    assert_eq!(first.title, "老城社区工厂缝纫工");
    let details: Vec<&str> = first.reasons.iter().map(|r| r.detail.as_str()).collect();
    assert!(details.contains(&"会缝纫"), "{details:?}");
    // The town carries its county's point: the relation, never "离家 0.0 公里".
    assert!(details.contains(&"与您同镇"), "{details:?}");
    assert_eq!(first.distance_km, None);
    assert!(details.contains(&"月薪 3000–3500 元，不低于期望的 2500 元"), "{details:?}");
    let relocate = run_match(&anon, &json!({"skills": ["electronics_assembly"], "region_code": "610902001", "willing_to_relocate": true})).await;
    assert_eq!(relocate.matches[0].title, "苏州电子厂普工");
    assert!(relocate.matches[0].reasons.iter().any(|r| r.kind == ReasonKind::Accommodation));
}

async fn nearer_postings_with_the_person_s_skill_rank_first(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    seed_postings(&app, &admin, employer_id).await;

    let got = run_match(&app.anonymous(), &json!({"skills": ["sewing"], "region_code": "610981100", "max_commute_km": 60})).await;

    let titles: Vec<&str> = got.matches.iter().map(|m| m.title.as_str()).collect();
    // 江北 and 老城 are both in the neighbouring county (旬阳 is a town: no
    // km); 江北 pays more.
    assert_eq!(&titles[..3], &["旬阳缝纫工", "江北缝纫工", "老城社区工厂缝纫工"], "{titles:?}");
    let scores: Vec<f64> = got.matches.iter().map(|m| m.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

async fn bad_match_requests_name_the_field(app: TestApp) {
    let anon = app.anonymous();
    for (request, field) in [
        (json!({"skills": ["sewing", "飞".repeat(51)]}), "skills[1]"),
        (json!({"region_code": "99"}), "region_code"),
        (json!({"limit": 0}), "limit"),
        (json!({"limit": 101}), "limit"),
        (json!({"max_commute_km": -1}), "max_commute_km"),
        (json!({"lat": 32.7}), "lon"),
    ] {
        let fields = assert_error(anon.post_json("/api/v1/match", &request).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
        assert_eq!(fields, vec![field], "{request}");
    }
    let fields = assert_error(anon.post_json("/api/v1/match", &json!({"schedules": ["nights"]})).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await;
    assert_eq!(fields, vec!["schedules[0]"]);
    // A word naming no skill is not refused: it is matched as text, and said so.
    let got = run_match(&anon, &json!({"skills": ["飞行"]})).await;
    assert_eq!(got.unresolved, vec!["飞行"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_requests_are_rate_limited_per_address() {
    let app = spawn_app(Backend::Sqlite, TestOptions { match_per_minute: 2, ..TestOptions::default() }).await.expect("app");
    let anon = app.anonymous();
    for _ in 0..2 {
        assert_eq!(anon.post_json("/api/v1/match", &json!({})).await.status(), StatusCode::OK);
    }

    let third = anon.post_json("/api/v1/match", &json!({})).await;

    assert_eq!(third.headers().get("retry-after").map(|v| v.as_bytes()), Some(&b"60"[..]), "the limit is per minute");
    assert_error(third, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited).await;
}

async fn staff_see_matches_for_a_registered_person(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    seed_postings(&app, &admin, employer_id).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let person = body(staff.create_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await).await;
    let id = person["id"].as_i64().expect("id");

    let got: MatchResponse = staff.get(&format!("/api/v1/people/{id}/matches")).await.json().await.expect("matches");

    assert_eq!(got.matches[0].title, "老城社区工厂缝纫工", "sewing at home beats the rest");
    // The person lives in a town (no point of their own): the relation, never km.
    assert!(got.matches.iter().all(|m| m.distance_km.is_none() && m.nearness.is_some_and(|n| n <= doorstep_server::domain::reach(30.0))));
    assert_eq!(xunyang.get(&format!("/api/v1/people/{id}/matches")).await.status(), StatusCode::NOT_FOUND);
}

async fn employers_see_only_consenting_candidates_masked(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let postings = seed_postings(&app, &admin, employer_id).await;
    let sewing = postings[0].1;
    let staff = app.staff("staff_hanbin", "610902").await;
    let mut shy = person_json("李不愿", &id_number("610902", 1981, 2));
    shy["consent_to_share"] = json!(false);
    staff.create_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    staff.create_person(&shy).await;
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;

    let as_employer: CandidatesResponse = employer.get(&format!("/api/v1/postings/{sewing}/candidates")).await.json().await.expect("candidates");
    let as_staff: CandidatesResponse = staff.get(&format!("/api/v1/postings/{sewing}/candidates")).await.json().await.expect("candidates");

    assert_eq!(as_employer.candidates.len(), 1);
    let c = &as_employer.candidates[0];
    assert_eq!((c.name.as_str(), c.phone.as_str()), ("王**", "138****1234"));
    assert!(c.categories.is_empty(), "assistance categories are not an employer's business");
    let names: Vec<&str> = as_staff.candidates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"李不愿"));
    let other = app.login_as("employer", "other", None, Some(app.employer_in(&admin, "610902002").await)).await;
    assert_eq!(other.get(&format!("/api/v1/postings/{sewing}/candidates")).await.status(), StatusCode::FORBIDDEN);
}

async fn postings_meeting_none_of_the_asked_skills_come_apart_after_every_real_match(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    seed_postings(&app, &admin, employer_id).await;
    let anon = app.anonymous();

    // Two sewing postings lie within 10 km; the thin result is filled with whatever else fits.
    let got = run_match(&anon, &json!({"skills": ["sewing"], "region_code": "610902001", "max_commute_km": 10, "limit": 10})).await;

    let fits: Vec<(&str, MatchFit)> = got.matches.iter().map(|m| (m.title.as_str(), m.fit)).collect();
    let real = fits.iter().take_while(|(_, f)| *f == MatchFit::Match).count();
    assert!(real >= 1 && real < fits.len(), "real matches and a fill: {fits:?}");
    assert!(fits[real..].iter().all(|(_, f)| *f == MatchFit::Other), "never interleaved: {fits:?}");
    for m in &got.matches[real..] {
        let p: PostingResponse = body(anon.get(&format!("/api/v1/postings/{}", m.posting_id)).await).await.try_into_posting();
        assert!(!p.skills.contains(&"sewing".to_string()), "{} needs sewing, so it is a match", p.title);
        assert!(m.reasons.iter().all(|r| r.kind != ReasonKind::Skill || r.detail.starts_with("不限")), "{}: {:?}", m.title, m.reasons);
    }
    let text = run_match(&anon, &json!({"text": "想在家门口做衣服", "region_code": "610902001", "max_commute_km": 10})).await;
    assert_eq!(text.matches[0].fit, MatchFit::Match, "words of the text count as asking");
    // Asking for nothing in particular: everything that fits is a match.
    let open = run_match(&anon, &json!({"region_code": "610902001"})).await;
    assert!(!open.matches.is_empty() && open.matches.iter().all(|m| m.fit == MatchFit::Match));
}

async fn match_items_posting_details_and_candidates_carry_names(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let postings = seed_postings(&app, &admin, employer_id).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    staff.create_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;

    let got = run_match(&app.anonymous(), &json!({"skills": ["sewing"], "region_code": "610902001"})).await;
    let posting: PostingResponse = body(app.anonymous().get(&format!("/api/v1/postings/{}", postings[0].1)).await).await.try_into_posting();
    let candidates: CandidatesResponse = staff.get(&format!("/api/v1/postings/{}/candidates", postings[0].1)).await.json().await.expect("candidates");

    let home = got.matches.iter().find(|m| m.title == "老城社区工厂缝纫工").expect("the home posting");
    assert!(home.region_name.contains("老城"), "{}", home.region_name);
    assert!(got.matches.iter().all(|m| !m.region_name.is_empty()));
    let named: Vec<(&str, &str, bool)> = posting.skill_names.iter().map(|s| (s.code.as_str(), s.name_zh.as_str(), s.name_en.is_empty())).collect();
    assert_eq!(named, vec![("sewing", "缝纫", false)]);
    let c = &candidates.candidates[0];
    assert_eq!(c.skill_names.iter().map(|s| s.code.clone()).collect::<Vec<_>>(), c.skills);
    assert!(c.skill_names.iter().all(|s| !s.name_zh.is_empty() && s.name_zh != s.code), "{:?}", c.skill_names);
}

trait IntoPosting {
    fn try_into_posting(self) -> PostingResponse;
}

impl IntoPosting for Value {
    fn try_into_posting(self) -> PostingResponse {
        serde_json::from_value(self).expect("posting")
    }
}
