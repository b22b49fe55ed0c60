//! Every list the frontend uses answers a total and pages through all of it:
//! managed postings (and their title search), people (the referral picker),
//! placements and the audit log; a bad page is a 400 naming its field.

use std::collections::BTreeSet;

use doorstep_shared::api::{ApplicationResponse, AuditPage, ErrorCode, PeoplePage, PlacementPage, PostingPage};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, hire_json, id_number, person_json, posting_json, Client, TestApp};

backend_tests!(
    managed_postings_page_through_all_of_them_and_search_by_title,
    the_people_picker_searches_on_the_server_and_tells_namesakes_apart,
    placements_and_the_audit_log_page_through_all_of_them,
    a_bad_page_is_refused_naming_its_field,
);

async fn get<T: DeserializeOwned>(client: &Client, path: &str) -> T {
    let res = client.get(path).await;
    let status = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "{path}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} ({e}): {text}"))
}

/// Reads every page of a list of `per_page`, checking each page's total and size.
async fn all_ids(client: &Client, path: &str, per_page: u32, total: u64) -> Vec<i64> {
    let mut ids = Vec::new();
    let pages = total.div_ceil(u64::from(per_page)) as u32;
    for page in 1..=pages + 1 {
        let found: PostingPage = get(client, &format!("{path}&page={page}&per_page={per_page}")).await;
        assert_eq!((found.total, found.page, found.per_page), (total, page, per_page), "page {page}");
        let expected = (total as usize).saturating_sub((page as usize - 1) * per_page as usize).min(per_page as usize);
        assert_eq!(found.items.len(), expected, "items on page {page}");
        ids.extend(found.items.iter().map(|p| p.id));
    }
    ids
}

async fn managed_postings_page_through_all_of_them_and_search_by_title(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let mut created = BTreeSet::new();
    for i in 0..45 {
        let mut p = posting_json(employer_id);
        p["title"] = json!(if i % 9 == 0 { format!("采茶工{i}") } else { format!("缝纫工{i}") });
        let res = employer.post_json("/api/v1/postings", &p).await;
        assert_eq!(res.status(), StatusCode::CREATED);
        created.insert(res.json::<serde_json::Value>().await.expect("json")["id"].as_i64().expect("id"));
    }

    let queue = all_ids(&staff, "/api/v1/postings/managed?status=pending", 20, 45).await;
    let mine = all_ids(&employer, "/api/v1/postings/managed?", 20, 45).await;

    assert_eq!(queue.iter().copied().collect::<BTreeSet<_>>(), created, "the queue reaches every posting, each once");
    assert_eq!(queue.len(), 45);
    assert!(queue.windows(2).all(|w| w[0] > w[1]), "newest first, stable across pages");
    assert_eq!(mine, queue, "the employer pages through the same postings");
    let tea: PostingPage = get(&staff, "/api/v1/postings/managed?status=pending&q=采茶&per_page=3").await;
    assert_eq!((tea.total, tea.items.len()), (5, 3));
    assert!(tea.items.iter().all(|p| p.title.starts_with("采茶工")), "{:?}", tea.items.iter().map(|p| &p.title).collect::<Vec<_>>());
    let literal: PostingPage = get(&staff, "/api/v1/postings/managed?q=%25").await;
    assert_eq!(literal.total, 0, "% in the search is a character, not a wildcard");
}

async fn the_people_picker_searches_on_the_server_and_tells_namesakes_apart(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    for seq in 1..=24 {
        staff.register_person(&person_json(&format!("李{seq}"), &id_number("610902", 1970 + seq, seq))).await;
    }
    let older = id_number("610902", 1968, 31);
    let younger = id_number("610902", 1991, 32);
    staff.register_person(&person_json("王秀英", &older)).await;
    staff.register_person(&person_json("王秀英", &younger)).await;

    let namesakes: PeoplePage = get(&staff, "/api/v1/people?q=秀英&per_page=10").await;
    let first: PeoplePage = get(&staff, "/api/v1/people?q=李&per_page=10").await;
    let third: PeoplePage = get(&staff, "/api/v1/people?q=李&per_page=10&page=3").await;

    assert_eq!(namesakes.total, 2);
    let mut told: Vec<(u16, String)> = namesakes.items.iter().map(|p| (p.birth_year, p.id_number_masked.clone())).collect();
    told.sort();
    assert_eq!(told.iter().map(|t| t.0).collect::<Vec<_>>(), vec![1968, 1991], "birth years tell them apart");
    for ((_, masked), full) in told.iter().zip([&older, &younger]) {
        assert!(masked.ends_with(&full[14..]) && masked.contains('*') && !masked.contains(&full[6..14]), "{masked} masks {full}");
    }
    assert!(namesakes.items.iter().all(|p| p.home_region_name.contains("老城")), "the village shows");
    assert_eq!((first.total, first.items.len(), third.items.len()), (24, 10, 4));
}

async fn placements_and_the_audit_log_page_through_all_of_them(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let mut p = posting_json(employer_id);
    p["headcount"] = json!(30);
    let posting = admin.open_posting(&app, &p).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    for seq in 1..=23 {
        let person = staff.register_person(&person_json(&format!("张{seq}"), &id_number("610902", 1980, seq))).await;
        let referred: ApplicationResponse = staff.apply(posting, Some(person)).await.json().await.expect("application");
        assert_eq!(staff.move_application(referred.id, &json!({"status": "interviewing"})).await.status(), StatusCode::OK);
        assert_eq!(staff.move_application(referred.id, &hire_json()).await.status(), StatusCode::OK);
    }

    let first: PlacementPage = get(&staff, "/api/v1/placements").await;
    let second: PlacementPage = get(&staff, "/api/v1/placements?page=2").await;
    let audit_first: AuditPage = get(&admin, "/api/v1/audit?per_page=50").await;
    let audit_last: AuditPage = get(&admin, &format!("/api/v1/audit?per_page=50&page={}", (audit_first.total + 49) / 50)).await;

    assert_eq!((first.total, first.page, first.per_page, first.items.len()), (23, 1, 20, 20));
    assert_eq!((second.total, second.page, second.items.len()), (23, 2, 3));
    let ids: BTreeSet<i64> = first.items.iter().chain(&second.items).map(|p| p.id).collect();
    assert_eq!(ids.len(), 23, "two pages hold every placement once");
    // 23 registrations, referrals, interviews and hires.
    assert_eq!(audit_first.total, 4 * 23);
    assert_eq!((audit_first.items.len(), audit_last.items.len()), (50, 42));
    assert!(audit_first.items[0].id > audit_last.items[41].id, "newest first");
}

async fn a_bad_page_is_refused_naming_its_field(app: TestApp) {
    let admin = app.admin().await;
    for (path, field) in [
        ("/api/v1/postings/managed?page=0", "page"),
        ("/api/v1/postings/managed?per_page=101", "per_page"),
        ("/api/v1/placements?page=0", "page"),
        ("/api/v1/applications?per_page=0", "per_page"),
        ("/api/v1/audit?per_page=201", "per_page"),
        ("/api/v1/audit?page=0", "page"),
        ("/api/v1/employers?page=0", "page"),
        ("/api/v1/people?per_page=201", "per_page"),
    ] {
        let fields = assert_error(admin.get(path).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;

        assert_eq!(fields, vec![field], "{path}");
    }
}
