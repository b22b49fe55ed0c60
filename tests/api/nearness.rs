//! Honest places: towns carry their county's point, so when either end of a
//! distance is approximate no kilometres are shown; the administrative
//! relation (同村 / 同镇 / 同县 / 邻县) is, and it ranks and filters. With real
//! points on both ends, kilometres as before.

use doorstep_shared::api::{CandidatesResponse, MatchResponse, Nearness, PostingPage};
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{body, id_number, person_json, posting_json, Client, TestApp};
use crate::matching::run_match;

backend_tests!(
    a_short_commute_from_a_town_stays_in_that_town_and_says_so,
    a_longer_commute_reaches_the_county_then_the_neighbouring_counties,
    real_points_on_both_ends_show_kilometres,
    candidates_say_the_relation_unless_both_points_are_real,
    search_results_from_a_town_show_the_relation_not_kilometres,
    a_seeker_reads_how_near_a_posting_is_to_home,
);

/// Title, region, the site's own point when known.
type Site = (&'static str, &'static str, Option<(f64, f64)>);

/// Sewing postings: two in 老城街道 (one at its real site), two in 关庙镇 of
/// the same county (one at a real site 21 km east), one in 旬阳 (the
/// neighbouring county) and one in 白河 (farther).
async fn seed(app: &TestApp) -> (Client, i64) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let rows: [Site; 6] = [
        ("老城缝纫工", "610902001", None),
        ("老城江边缝纫工", "610902001", Some((32.72, 109.03))),
        ("关庙缝纫工", "610902100", None),
        ("关庙东缝纫工", "610902100", Some((32.65, 109.25))),
        ("旬阳缝纫工", "610981100", None),
        ("白河缝纫工", "610929100", None),
    ];
    for (title, region, site) in rows {
        let mut p = posting_json(employer_id);
        p["title"] = json!(title);
        p["region_code"] = json!(region);
        if let Some((lat, lon)) = site {
            p["lat"] = json!(lat);
            p["lon"] = json!(lon);
        }
        admin.open_posting(app, &p).await;
    }
    (admin, employer_id)
}

fn titles(got: &MatchResponse) -> Vec<&str> {
    got.matches.iter().map(|m| m.title.as_str()).collect()
}

async fn a_short_commute_from_a_town_stays_in_that_town_and_says_so(app: TestApp) {
    seed(&app).await;

    let got = run_match(&app.anonymous(), &json!({"skills": ["sewing"], "region_code": "610902001", "max_commute_km": 5})).await;

    let mut found = titles(&got);
    found.sort_unstable();
    assert_eq!(found, vec!["老城江边缝纫工", "老城缝纫工"], "only the home town within 5 km");
    for m in &got.matches {
        assert_eq!((m.distance_km, m.nearness), (None, Some(Nearness::SameTown)), "{}", m.title);
        let distance = m.reasons.iter().find(|r| r.kind == doorstep_shared::api::ReasonKind::Distance).expect("a distance reason");
        assert_eq!((distance.detail.as_str(), distance.detail_en.as_str()), ("与您同镇", "same town as you"));
        assert!(m.reasons.iter().all(|r| !r.detail.contains("公里") && !r.detail_en.contains("km")), "{:?}", m.reasons);
    }
}

async fn a_longer_commute_reaches_the_county_then_the_neighbouring_counties(app: TestApp) {
    seed(&app).await;
    let anon = app.anonymous();

    let county = run_match(&anon, &json!({"skills": ["sewing"], "region_code": "610902001", "max_commute_km": 30})).await;
    let wider = run_match(&anon, &json!({"skills": ["sewing"], "region_code": "610902001", "max_commute_km": 60})).await;

    let found = titles(&county);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found[..2].contains(&"老城缝纫工") && found[..2].contains(&"老城江边缝纫工"), "the same town first: {found:?}");
    assert_eq!(county.matches[2].nearness, Some(Nearness::SameCounty));
    assert!(county.matches[2].reasons.iter().any(|r| r.detail == "与您同县"), "{:?}", county.matches[2].reasons);
    let found = titles(&wider);
    assert_eq!(found.len(), 5, "白河 is not a neighbour: {found:?}");
    assert_eq!(found[4], "旬阳缝纫工");
    assert_eq!(wider.matches[4].nearness, Some(Nearness::NeighbouringCounty));
    assert!(wider.matches.iter().chain(&county.matches).all(|m| m.distance_km.is_none()));
}

async fn real_points_on_both_ends_show_kilometres(app: TestApp) {
    seed(&app).await;

    let got = run_match(&app.anonymous(), &json!({"skills": ["sewing"], "region_code": "610902001", "lat": 32.70, "lon": 109.03, "max_commute_km": 5})).await;

    let mut found = titles(&got);
    found.sort_unstable();
    assert_eq!(found, vec!["老城江边缝纫工", "老城缝纫工"], "关庙东 is 21 km away; 关庙 is another town");
    let real = got.matches.iter().find(|m| m.title == "老城江边缝纫工").expect("real site");
    assert_eq!(real.distance_km, Some(2.2));
    assert!(real.reasons.iter().any(|r| r.detail == "离家 2.2 公里"), "{:?}", real.reasons);
    let approximate = got.matches.iter().find(|m| m.title == "老城缝纫工").expect("approximate site");
    assert_eq!((approximate.distance_km, approximate.nearness), (None, Some(Nearness::SameTown)));
}

async fn candidates_say_the_relation_unless_both_points_are_real(app: TestApp) {
    let (admin, employer_id) = seed(&app).await;
    let mut in_town = person_json("王秀英", &id_number("610902", 1980, 1));
    in_town["skills"] = json!(["sewing"]);
    admin.register_person(&in_town).await;
    let mut located = person_json("李桂兰", &id_number("610902", 1982, 2));
    located["skills"] = json!(["sewing"]);
    located["phone"] = json!("13800005678");
    located["home_lat"] = json!(32.70);
    located["home_lon"] = json!(109.03);
    let located_id = admin.register_person(&located).await;
    let person = body(admin.get(&format!("/api/v1/people/{located_id}")).await).await;
    assert_eq!((person["home_lat"].as_f64(), person["home_lon"].as_f64()), (Some(32.70), Some(109.03)));
    let mut real_site = posting_json(employer_id);
    real_site["title"] = json!("江边车间");
    real_site["lat"] = json!(32.72);
    real_site["lon"] = json!(109.03);
    let posting = admin.open_posting(&app, &real_site).await;

    let got: CandidatesResponse = admin.get(&format!("/api/v1/postings/{posting}/candidates")).await.json().await.expect("candidates");

    let of = |name: &str| got.candidates.iter().find(|c| c.name == name).expect(name);
    assert_eq!((of("王秀英").distance_km, of("王秀英").nearness), (None, Some(Nearness::SameTown)));
    assert!(of("王秀英").reasons.iter().any(|r| r.detail == "与该求职者同镇" && r.detail_en == "same town as the seeker"), "{:?}", of("王秀英").reasons);
    assert_eq!(of("李桂兰").distance_km, Some(2.2));
    assert!(of("李桂兰").reasons.iter().any(|r| r.detail == "离家 2.2 公里"));
}

async fn search_results_from_a_town_show_the_relation_not_kilometres(app: TestApp) {
    seed(&app).await;

    let page: PostingPage = app.anonymous().get("/api/v1/postings?region=610902&sort=distance").await.json().await.expect("page");
    let from_town: PostingPage = app.anonymous().get("/api/v1/postings?region=610902001&sort=distance").await.json().await.expect("page");

    // From the county (a real point): km to real sites, the relation to towns.
    for p in &page.items {
        assert_eq!(p.distance_km.is_some(), !p.site_approximate, "{}", p.title);
        assert_eq!(p.nearness, Some(Nearness::SameCounty), "{}", p.title);
    }
    assert!(from_town.items.iter().all(|p| p.distance_km.is_none() && p.nearness == Some(Nearness::SameTown)));
}

async fn a_seeker_reads_how_near_a_posting_is_to_home(app: TestApp) {
    let (admin, employer_id) = seed(&app).await;
    let person = admin.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    let seeker = app.seeker_of("13900001111", person).await;
    let mut guanmiao = posting_json(employer_id);
    guanmiao["region_code"] = json!("610902100");
    let id = admin.open_posting(&app, &guanmiao).await;

    let seen = body(seeker.get(&format!("/api/v1/postings/{id}")).await).await;
    let anonymous = body(app.anonymous().get(&format!("/api/v1/postings/{id}")).await).await;

    assert_eq!((seen["distance_km"].clone(), seen["nearness"].clone()), (json!(null), json!("same_county")), "{seen}");
    assert_eq!(seen["site_approximate"], json!(true));
    assert_eq!(anonymous["nearness"], json!(null), "no home, no relation");
}
