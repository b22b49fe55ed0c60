//! Postings: creation, review, life cycle, search, and the index following
//! the database through the change feed.

use doorstep_shared::api::{ErrorCode, PostingPage, PostingResponse, PostingStatus};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, body, days_from_today, posting_json, Client, TestApp};

backend_tests!(
    an_employer_posting_is_searchable_only_after_staff_approve_it,
    search_understands_chinese_english_and_synonyms,
    one_character_words_find_only_the_postings_that_contain_them,
    search_filters_sorts_and_paginates,
    review_moves_follow_the_life_cycle,
    an_employer_edit_sends_an_open_posting_back_to_review,
    bad_postings_are_refused_field_by_field,
    only_the_employer_and_responsible_staff_manage_a_posting,
);

async fn search(client: &Client, query: &str) -> PostingPage {
    let res = client.get(&format!("/api/v1/postings?{query}")).await;
    let status = res.status();
    let text = res.text().await.expect("text");
    assert_eq!(status, StatusCode::OK, "{query}: {text}");
    serde_json::from_str(&text).expect("page")
}

fn titles(page: &PostingPage) -> Vec<&str> {
    page.items.iter().map(|p| p.title.as_str()).collect()
}

async fn setup(app: &TestApp) -> (Client, Client, i64) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    (admin, employer, employer_id)
}

async fn an_employer_posting_is_searchable_only_after_staff_approve_it(app: TestApp) {
    let (_, employer, employer_id) = setup(&app).await;
    let staff = app.staff("staff_hanbin", "610902").await;

    let res = employer.post_json("/api/v1/postings", &posting_json(employer_id)).await;

    assert_eq!(res.status(), StatusCode::CREATED);
    let created: PostingResponse = res.json().await.expect("posting");
    assert_eq!(created.status, PostingStatus::Pending);
    assert_eq!(created.skills, vec!["sewing"]);
    assert_eq!(created.region_name, "汉滨区老城街道");
    app.wait_indexed().await;
    assert_eq!(search(&app.anonymous(), "q=缝纫").await.total, 0, "pending is not searchable");
    let queue: PostingPage = staff.get("/api/v1/postings/managed?status=pending").await.json().await.expect("queue");
    assert_eq!(queue.items.iter().map(|p| p.id).collect::<Vec<_>>(), vec![created.id]);
    let approved = staff.post_json(&format!("/api/v1/postings/{}/approve", created.id), &json!({})).await;
    assert_eq!(approved.status(), StatusCode::OK);
    app.wait_indexed().await;
    let found = search(&app.anonymous(), "q=缝纫").await;
    assert_eq!((found.total, found.items[0].id), (1, created.id));
    assert_eq!(found.items[0].status, PostingStatus::Open);
}

async fn search_understands_chinese_english_and_synonyms(app: TestApp) {
    let (admin, _, employer_id) = setup(&app).await;
    admin.open_posting(&app, &posting_json(employer_id)).await;
    let mut tea = posting_json(employer_id);
    tea["title"] = json!("采茶工");
    tea["description"] = json!("富硒茶园春茶采摘，日结工资");
    tea["skills"] = json!(["tea_picking"]);
    admin.open_posting(&app, &tea).await;
    let anon = app.anonymous();

    for (query, expected) in [
        ("q=缝纫", "缝纫工"),
        ("q=做衣服", "缝纫工"),
        ("q=sewing", "缝纫工"),
        ("q=毛绒玩具", "缝纫工"),
        ("q=采茶", "采茶工"),
        ("q=tea%20picking", "采茶工"),
        ("q=想找个采茶的活", "采茶工"),
        ("skill=做衣服", "缝纫工"),
    ] {
        let page = search(&anon, query).await;

        assert_eq!(titles(&page).first().copied(), Some(expected), "{query}: {:?}", titles(&page));
    }
    assert_eq!(search(&anon, "q=挖掘机").await.total, 0);
}

async fn one_character_words_find_only_the_postings_that_contain_them(app: TestApp) {
    let (admin, _, employer_id) = setup(&app).await;
    admin.open_posting(&app, &posting_json(employer_id)).await;
    for (title, description, skill) in [
        ("采茶工", "富硒茶园春茶采摘，日结工资", "tea_picking"),
        ("鞋面车工", "运动鞋鞋面缝制，熟手优先", "shoe_upper_stitching"),
        ("电子厂普工", "手机配件组装，包吃包住", "electronics_assembly"),
    ] {
        let mut p = posting_json(employer_id);
        p["title"] = json!(title);
        p["description"] = json!(description);
        p["skills"] = json!([skill]);
        admin.open_posting(&app, &p).await;
    }
    let anon = app.anonymous();

    // The first title must lead; the rest may come in any order.
    for (query, expected) in [
        ("茶", vec!["采茶工"]),
        ("鞋", vec!["鞋面车工"]),
        // In a title first, then in a body: 社区工厂, and the shoe skill's synonym 鞋厂车位.
        ("厂", vec!["电子厂普工", "缝纫工", "鞋面车工"]),
        ("想找茶的活", vec!["采茶工"]),
        ("挖", vec![]),
    ] {
        let page = search(&anon, &format!("q={query}")).await;

        let mut got = titles(&page);
        assert_eq!(got.first(), expected.first(), "{query}: {got:?}");
        got.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got, want, "{query}");
        assert_eq!(page.total, expected.len() as u64, "{query}");
    }
}

async fn search_filters_sorts_and_paginates(app: TestApp) {
    let (admin, _, employer_id) = setup(&app).await;
    let variants = [
        ("老城缝纫", "610902001", "full_time", 2800, true, false),
        ("旬阳缝纫", "610981100", "part_time", 2000, false, false),
        ("西安缝纫", "6101", "full_time", 5000, false, true),
    ];
    for (title, region, schedule, wage, accessible, accommodation) in variants {
        let mut p = posting_json(employer_id);
        p["title"] = json!(title);
        p["region_code"] = json!(region);
        p["schedule"] = json!(schedule);
        p["wage_min"] = json!(wage);
        p["wage_max"] = json!(wage + 500);
        p["accessible"] = json!(accessible);
        p["accommodation"] = json!(accommodation);
        admin.open_posting(&app, &p).await;
    }
    let anon = app.anonymous();

    assert_eq!(titles(&search(&anon, "region=610902").await), vec!["老城缝纫"]);
    assert_eq!(titles(&search(&anon, "region=61&sort=newest").await), vec!["西安缝纫", "旬阳缝纫", "老城缝纫"]);
    assert_eq!(titles(&search(&anon, "schedule=part_time").await), vec!["旬阳缝纫"]);
    assert_eq!(titles(&search(&anon, "min_wage=3000&sort=newest").await), vec!["西安缝纫", "老城缝纫"]);
    assert_eq!(titles(&search(&anon, "accessible=true").await), vec!["老城缝纫"]);
    assert_eq!(titles(&search(&anon, "accommodation=true").await), vec!["西安缝纫"]);
    let near_xunyang = search(&anon, "sort=distance&lat=32.83&lon=109.37").await;
    assert_eq!(titles(&near_xunyang), vec!["旬阳缝纫", "老城缝纫", "西安缝纫"]);
    let distances: Vec<f64> = near_xunyang.items.iter().map(|p| p.distance_km.expect("distance")).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    let page2 = search(&anon, "per_page=2&page=2&sort=newest").await;
    assert_eq!((page2.total, titles(&page2)), (3, vec!["老城缝纫"]));
    for (query, field) in [("sort=cheapest", "sort"), ("sort=distance", "sort"), ("per_page=500", "per_page"), ("region=99", "region"), ("lat=32.7", "lat")] {
        let fields = assert_error(anon.get(&format!("/api/v1/postings?{query}")).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;
        assert_eq!(fields, vec![field], "{query}");
    }
}

async fn review_moves_follow_the_life_cycle(app: TestApp) {
    let (admin, employer, employer_id) = setup(&app).await;
    let create = |client: &Client| {
        let client = client.clone_session();
        async move { body(client.post_json("/api/v1/postings", &posting_json(employer_id)).await).await["id"].as_i64().expect("id") }
    };
    let a = create(&employer).await;
    let b = create(&employer).await;

    let no_reason = admin.post_json(&format!("/api/v1/postings/{a}/reject"), &json!({})).await;
    assert_eq!(assert_error(no_reason, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["reason"]);
    let rejected: PostingResponse =
        admin.post_json(&format!("/api/v1/postings/{a}/reject"), &json!({"reason": "工资与实际不符"})).await.json().await.expect("posting");
    assert_eq!((rejected.status, rejected.review_note.as_deref()), (PostingStatus::Rejected, Some("工资与实际不符")));
    let reopen = admin.post_json(&format!("/api/v1/postings/{a}/approve"), &json!({})).await;
    assert_error(reopen, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    let by_employer = employer.post_json(&format!("/api/v1/postings/{b}/approve"), &json!({})).await;
    assert_error(by_employer, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    admin.post_json(&format!("/api/v1/postings/{b}/approve"), &json!({})).await;
    app.wait_indexed().await;
    assert_eq!(search(&app.anonymous(), "q=缝纫").await.total, 1);
    let closed: PostingResponse = employer.post_json(&format!("/api/v1/postings/{b}/close"), &json!({})).await.json().await.expect("posting");
    assert_eq!(closed.status, PostingStatus::Closed);
    app.wait_indexed().await;
    assert_eq!(search(&app.anonymous(), "q=缝纫").await.total, 0, "closed leaves the index");
    assert_eq!(app.anonymous().get(&format!("/api/v1/postings/{b}")).await.status(), StatusCode::NOT_FOUND);
}

async fn an_employer_edit_sends_an_open_posting_back_to_review(app: TestApp) {
    let (admin, employer, employer_id) = setup(&app).await;
    let id = admin.open_posting(&app, &posting_json(employer_id)).await;

    let res = employer.patch_json(&format!("/api/v1/postings/{id}"), &json!({"wage_max": 4000, "title": "高级缝纫工"})).await;

    assert_eq!(res.status(), StatusCode::OK);
    let edited: PostingResponse = res.json().await.expect("posting");
    assert_eq!((edited.status, edited.wage_max, edited.title.as_str()), (PostingStatus::Pending, 4000, "高级缝纫工"));
    assert_eq!(edited.wage_min, 2800, "absent fields stay");
    app.wait_indexed().await;
    assert_eq!(search(&app.anonymous(), "q=缝纫").await.total, 0);
    let by_staff: PostingResponse = admin.patch_json(&format!("/api/v1/postings/{id}"), &json!({"headcount": 8})).await.json().await.expect("posting");
    assert_eq!(by_staff.status, PostingStatus::Pending, "staff edits keep the status");
    let bad = employer.patch_json(&format!("/api/v1/postings/{id}"), &json!({"wage_min": 9000})).await;
    assert_eq!(assert_error(bad, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["wage_min"]);
}

async fn bad_postings_are_refused_field_by_field(app: TestApp) {
    let (_, employer, employer_id) = setup(&app).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("title", json!(" "), "title"),
        ("skills", json!(["缝纫", "time travel"]), "skills[1]"),
        ("wage_min", json!(5000), "wage_min"),
        ("headcount", json!(0), "headcount"),
        ("valid_until", json!(days_from_today(-1)), "valid_until"),
        ("valid_until", json!("2026-02-30"), "valid_until"),
        ("region_code", json!("61"), "region_code"),
        ("lat", json!(32.7), "lon"),
        ("lat", json!(109.0), "lat"),
    ];
    for (field, value, named) in cases {
        let mut p = posting_json(employer_id);
        p[field] = value.clone();
        if named == "lat" {
            p["lon"] = json!(32.7);
        }

        let res = employer.post_json("/api/v1/postings", &p).await;

        let fields = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
        assert_eq!(fields.first().map(String::as_str), Some(named), "{field} = {value}");
    }
    let mut wrong_type = posting_json(employer_id);
    wrong_type["schedule"] = json!("night_shift");
    let res = employer.post_json("/api/v1/postings", &wrong_type).await;
    assert_eq!(assert_error(res, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await, vec!["schedule"]);
}

async fn only_the_employer_and_responsible_staff_manage_a_posting(app: TestApp) {
    let (admin, employer, employer_id) = setup(&app).await;
    let other_employer = app.employer_in(&admin, "610981100").await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let seeker = app.login_as("seeker", "13800000002", None, None).await;

    let cases = [
        (&employer, posting_json(other_employer), StatusCode::FORBIDDEN),
        (&xunyang, posting_json(employer_id), StatusCode::FORBIDDEN),
        (&seeker, posting_json(employer_id), StatusCode::FORBIDDEN),
        (&xunyang, posting_json(other_employer), StatusCode::CREATED),
    ];
    for (client, posting, expected) in cases {
        assert_eq!(client.post_json("/api/v1/postings", &posting).await.status(), expected, "{posting}");
    }
    assert_eq!(app.anonymous().post_json("/api/v1/postings", &posting_json(employer_id)).await.status(), StatusCode::UNAUTHORIZED);
    let pending = body(employer.post_json("/api/v1/postings", &posting_json(employer_id)).await).await["id"].as_i64().expect("id");
    assert_eq!(xunyang.get(&format!("/api/v1/postings/{pending}")).await.status(), StatusCode::NOT_FOUND, "pending is private");
    assert_eq!(xunyang.post_json(&format!("/api/v1/postings/{pending}/approve"), &json!({})).await.status(), StatusCode::NOT_FOUND);
    let mine: PostingPage = employer.get("/api/v1/postings/managed").await.json().await.expect("page");
    assert!(mine.items.iter().all(|p| p.employer_id == employer_id) && mine.total == 1);
    assert_eq!(seeker.get("/api/v1/postings/managed").await.status(), StatusCode::FORBIDDEN);
}
