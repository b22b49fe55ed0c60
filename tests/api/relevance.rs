//! The relevance suite: hand-judged (person, postings) cases a civil-affairs
//! worker would agree with — synonyms, distance trade-offs, disability and
//! schedule needs, transfer employment. Reports nDCG@10 and asserts a floor,
//! and asserts that no result ever breaks a hard constraint.

use std::collections::HashMap;

use doorstep_shared::api::{CandidatesResponse, MatchResponse, Nearness, PhysicalDemand, PostingResponse, ReasonKind};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{id_number, person_json, posting_json, Client, TestApp};

backend_tests!(hand_judged_cases_rank_well_and_never_break_a_hard_constraint);
backend_tests!(a_priority_moves_a_favoured_person_ahead_and_never_past_a_hard_constraint);

/// The suite's data, shared with the engine bench (`server/benches/engine.rs`),
/// which runs the same cases against the databases' own full-text search.
const SUITE: &str = include_str!("relevance.json");

/// 33 postings around Ankang and in the cities people move to (the posting
/// request's fields: title, region, explicit site, skills, wages, schedule,
/// physical demand, accessible, accommodation), and the hand-judged cases.
#[derive(serde::Deserialize)]
struct Suite {
    corpus: Vec<serde_json::Map<String, Value>>,
    cases: Vec<Case>,
}

/// A profile and the graded postings a worker would want to see (3 perfect,
/// 2 good, 1 acceptable; unlisted 0). Listed postings satisfy the hard constraints.
#[derive(serde::Deserialize)]
struct Case {
    why: String,
    profile: Value,
    judged: Vec<(String, u8)>,
}

fn suite() -> Suite {
    serde_json::from_str(SUITE).expect("relevance.json")
}

fn dcg(grades: &[u8]) -> f64 {
    grades.iter().enumerate().map(|(i, g)| (f64::from(2u32.pow(u32::from(*g))) - 1.0) / (i as f64 + 2.0).log2()).sum()
}

fn ndcg_at_10(returned: &[String], judged: &[(String, u8)]) -> f64 {
    let grade = |t: &str| judged.iter().find(|(j, _)| *j == t).map_or(0, |(_, g)| *g);
    let got: Vec<u8> = returned.iter().take(10).map(|t| grade(t)).collect();
    let mut ideal: Vec<u8> = judged.iter().map(|(_, g)| *g).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    ideal.truncate(10);
    dcg(&got) / dcg(&ideal)
}

async fn load_corpus(app: &TestApp, corpus: &[serde_json::Map<String, Value>]) -> HashMap<i64, PostingResponse> {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let mut by_id = HashMap::new();
    for fixture in corpus {
        let mut p = posting_json(employer_id);
        for (key, value) in fixture {
            p[key] = value.clone();
        }
        p["description"] = json!(format!("{}，安康就业帮扶岗位", fixture["title"].as_str().expect("title")));
        let id = admin.open_posting(app, &p).await;
        let posting: PostingResponse = admin.get(&format!("/api/v1/postings/{id}")).await.json().await.expect("posting");
        by_id.insert(id, posting);
    }
    by_id
}

/// Names the hard constraint a result breaks, checked against the posting's own record.
fn broken(profile: &Value, p: &PostingResponse, distance_km: Option<f64>, nearness: Option<Nearness>) -> Option<&'static str> {
    if profile["needs_accessible"] == json!(true) && !p.accessible {
        return Some("accessible");
    }
    if profile["min_wage"].as_u64().is_some_and(|w| u64::from(p.wage_max) < w) {
        return Some("min_wage");
    }
    if profile["max_physical_demand"] == json!("light") && p.physical_demand != PhysicalDemand::Light {
        return Some("physical demand");
    }
    if let Some(schedules) = profile["schedules"].as_array() {
        if !schedules.contains(&json!(p.schedule)) {
            return Some("schedule");
        }
    }
    if profile["willing_to_relocate"] != json!(true) {
        let limit = profile["max_commute_km"].as_f64().unwrap_or(30.0);
        // Km between real points; with an approximate end, the relation the limit admits.
        let within = match (distance_km, nearness) {
            (Some(d), _) => d <= limit,
            (None, Some(n)) => n <= doorstep_server::domain::reach(limit),
            (None, None) => false,
        };
        if !within {
            return Some("commute");
        }
    }
    None
}

async fn hand_judged_cases_rank_well_and_never_break_a_hard_constraint(app: TestApp) {
    let Suite { corpus, cases } = suite();
    let corpus = load_corpus(&app, &corpus).await;
    let client = app.anonymous();
    assert!(cases.len() >= 40, "only {} cases", cases.len());

    let mut scores = Vec::new();
    let mut violations = Vec::new();
    for case in &cases {
        let res = client.post_json("/api/v1/match", &case.profile).await;
        assert_eq!(res.status(), StatusCode::OK, "{}", case.why);
        let got: MatchResponse = res.json().await.expect("matches");
        let titles: Vec<String> = got.matches.iter().map(|m| m.title.clone()).collect();
        for m in &got.matches {
            let posting = &corpus[&m.posting_id];
            if let Some(rule) = broken(&case.profile, posting, m.distance_km, m.nearness) {
                violations.push(format!("{}: {} breaks {rule}", case.why, m.title));
            }
        }
        let ndcg = ndcg_at_10(&titles, &case.judged);
        println!("nDCG@10 {ndcg:.3}  {}  → {:?}", case.why, got.matches.iter().take(6).map(|m| (m.title.as_str(), m.score)).collect::<Vec<_>>());
        scores.push(ndcg);
    }

    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    println!("relevance suite: {} cases, mean nDCG@10 = {mean:.3}, min = {:.3}", scores.len(), scores.iter().copied().fold(1.0, f64::min));
    assert!(violations.is_empty(), "hard-constraint violations:\n{}", violations.join("\n"));
    assert!(mean >= 0.93, "mean nDCG@10 {mean:.3} fell below the floor 0.93");
    let worst = scores.iter().copied().fold(1.0, f64::min);
    assert!(worst >= 0.70, "a case fell to nDCG@10 {worst:.3}; every case must stay at 0.70 or above");
}

#[test]
fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
    let judged = [("a".to_string(), 3), ("b".to_string(), 2)];
    assert!((ndcg_at_10(&["a".into(), "b".into()], &judged) - 1.0).abs() < 1e-9);
    assert!(ndcg_at_10(&["b".into(), "a".into()], &judged) < 1.0);
    assert!(ndcg_at_10(&["x".into()], &judged) == 0.0);
}

/// The people of the priority cases: name, skills, verified categories, and
/// what they need beyond the defaults (each of the last three breaks one
/// hard constraint of the posting: wage floor, schedule, accessibility).
const PRIORITY_PEOPLE: &[(&str, &[&str], &[&str], &str)] = &[
    ("甲全能", &["sewing", "garment_cutting"], &[], ""),
    ("乙低保", &["sewing"], &["dibao"], ""),
    ("丙低保高薪", &["sewing", "garment_cutting"], &["dibao"], "min_wage"),
    ("丁低保兼职", &["sewing", "garment_cutting"], &["dibao"], "part_time"),
    ("戊低保轮椅", &["sewing", "garment_cutting"], &["dibao"], "accessible"),
];

async fn candidate_names(client: &Client, posting: i64) -> (Vec<String>, CandidatesResponse) {
    let got: CandidatesResponse = client.get(&format!("/api/v1/postings/{posting}/candidates")).await.json().await.expect("candidates");
    (got.candidates.iter().map(|c| c.name.clone()).collect(), got)
}

async fn set_priority(client: &Client, code: &str, weight: u32) {
    let res = client.put_json(&format!("/api/v1/regions/{code}/priorities"), &json!({"priorities": [{"category": "dibao", "weight": weight}]})).await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// The priority cases: a posting needing sewing and cutting; 甲 has both
/// skills, 乙 one of them and 低保. Without a priority 甲 ranks first; a
/// strong priority for 低保 moves 乙 ahead, a weak one does not; the three
/// favoured people who break a hard constraint never appear, whatever the weight.
async fn a_priority_moves_a_favoured_person_ahead_and_never_past_a_hard_constraint(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let mut p = posting_json(employer_id);
    p["skills"] = json!(["sewing", "garment_cutting"]);
    p["accessible"] = json!(false);
    let posting = admin.open_posting(&app, &p).await;
    let city = app.staff("staff_ankang", "6109").await;
    let staff = app.staff("staff_hanbin", "610902").await;
    for (i, (name, skills, categories, need)) in PRIORITY_PEOPLE.iter().enumerate() {
        let mut person = person_json(name, &id_number("610902", 1980, i as u16 + 1));
        person["skills"] = json!(skills);
        person["categories"] = json!(categories);
        match *need {
            "min_wage" => person["preferences"]["min_wage"] = json!(5000),
            "part_time" => person["preferences"]["schedules"] = json!(["part_time"]),
            "accessible" => person["preferences"]["needs_accessible"] = json!(true),
            _ => {}
        }
        staff.register_person(&person).await;
    }
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    let expect_only = |names: &[String], why: &str| {
        assert_eq!(names.len(), 2, "{why}: only 甲 and 乙 meet every hard constraint: {names:?}");
    };

    let (before, _) = candidate_names(&staff, posting).await;
    set_priority(&city, "6109", 10).await;
    let (weak, _) = candidate_names(&staff, posting).await;
    set_priority(&city, "6109", 100).await;
    let (strong, as_staff) = candidate_names(&staff, posting).await;
    let (for_employer, as_employer) = candidate_names(&employer, posting).await;

    println!("priority cases: before {before:?}, weight 10 {weak:?}, weight 100 {strong:?}");
    assert_eq!(before, vec!["甲全能", "乙低保"], "both skills beat one");
    assert_eq!(weak, before, "a weak priority does not outweigh a missing skill");
    assert_eq!(strong, vec!["乙低保", "甲全能"], "a strong priority does");
    for names in [&before, &weak, &strong] {
        expect_only(names, "priority never overrides a hard constraint");
    }
    let favoured = &as_staff.candidates[0];
    let why: Vec<(&str, &str)> =
        favoured.reasons.iter().filter(|r| r.kind == ReasonKind::Priority).map(|r| (r.detail.as_str(), r.detail_en.as_str())).collect();
    assert_eq!(why, vec![("优先：低保对象", "priority: minimum-living-allowance recipient")]);
    assert_eq!(for_employer, vec!["乙**", "甲**"], "the employer's order follows the priority too");
    assert!(
        as_employer.candidates.iter().all(|c| c.categories.is_empty() && c.reasons.iter().all(|r| r.kind != ReasonKind::Priority)),
        "employers never read a category"
    );

    // A county's own setting replaces the city's for its people.
    let hanbin_setting = json!({"priorities": [{"category": "left_behind_woman", "weight": 100}]});
    assert_eq!(staff.put_json("/api/v1/regions/610902/priorities", &hanbin_setting).await.status(), StatusCode::OK);
    let (county_wins, _) = candidate_names(&staff, posting).await;
    assert_eq!(county_wins, before, "Hanbin favours left-behind women, not 低保");

    // The favoured person's own matches say so, worded for them.
    assert_eq!(staff.put_json("/api/v1/regions/610902/priorities", &json!({"priorities": []})).await.status(), StatusCode::OK);
    let second = as_staff.candidates[0].person_id;
    let seeker = app.seeker_of("yi", second).await;
    let mine: MatchResponse =
        seeker.post_json("/api/v1/match", &json!({"skills": ["sewing"], "region_code": "610902001"})).await.json().await.expect("matches");
    let priority: Vec<&str> = mine.matches[0].reasons.iter().filter(|r| r.kind == ReasonKind::Priority).map(|r| r.detail.as_str()).collect();
    assert_eq!(priority, vec!["优先：您是低保对象"]);
    let anonymous: MatchResponse =
        app.anonymous().post_json("/api/v1/match", &json!({"skills": ["sewing"], "region_code": "610902001"})).await.json().await.expect("matches");
    assert!(anonymous.matches.iter().all(|m| m.reasons.iter().all(|r| r.kind != ReasonKind::Priority)), "no record, no priority");
}
