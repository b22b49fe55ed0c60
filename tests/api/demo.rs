//! The Ankang demo data set: realistic, spread over the towns, seeded once.

use doorstep_server::seed::{seed_demo_if_empty, DEMO_PASSWORD};
use doorstep_shared::api::{PeoplePage, PostingPage};
use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{count_rows, TestApp};

backend_tests!(the_demo_fills_an_empty_database_once_with_working_logins);

async fn the_demo_fills_an_empty_database_once_with_working_logins(app: TestApp) {
    let seeded = seed_demo_if_empty(&app.state).await.expect("seeded");
    let again = seed_demo_if_empty(&app.state).await.expect("second run");

    assert!(seeded && !again, "seeds once");
    assert_eq!(count_rows(&app, "people").await, 2_001, "2,000 generated and the demo seeker");
    assert_eq!(count_rows(&app, "employers").await, 300);
    let (towns,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT home_region) FROM people").fetch_one(app.db().pool()).await.expect("towns");
    assert!(towns > 120, "people spread over only {towns} towns");
    for username in ["admin", "staff_city", "staff_hanbin", "staff_xunyang", "staff_town", "employer_demo", "13800000000"] {
        let client = app.anonymous();
        assert_eq!(client.login(username, DEMO_PASSWORD).await.status(), StatusCode::OK, "{username}");
    }
    let staff = app.anonymous();
    staff.login("staff_hanbin", DEMO_PASSWORD).await;
    let page: PeoplePage = staff.get("/api/v1/people?per_page=200").await.json().await.expect("page");
    assert!(page.total > 0 && page.total < 2_000, "hanbin sees part of the city: {}", page.total);
    assert!(page.items.iter().all(|p| p.home_region.starts_with("610902")));
    let (open,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM postings WHERE status = 'open'").fetch_one(app.db().pool()).await.expect("open");
    let (transfer,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM postings WHERE region_code NOT LIKE '6109%'").fetch_one(app.db().pool()).await.expect("transfer");
    assert!((800..1_200).contains(&open), "{open} open postings");
    assert!(transfer >= 20, "{transfer} transfer postings");
    app.wait_indexed().await;
    let found: PostingPage = staff.get("/api/v1/postings?q=%E7%BC%9D%E7%BA%AB&region=6109").await.json().await.expect("search");
    assert!(found.total >= 20, "sewing jobs in Ankang: {}", found.total);
    assert!(count_rows(&app, "applications").await > 200);
    assert!(count_rows(&app, "placements WHERE kind = 'nearby'").await > 30);
    assert!(count_rows(&app, "placements WHERE kind = 'transfer'").await > 0);
    assert!(count_rows(&app, "follow_ups").await > 20);
    let seeker = app.anonymous();
    seeker.login("13800000000", DEMO_PASSWORD).await;
    let me: serde_json::Value = seeker.get("/api/v1/me").await.json().await.expect("me");
    assert!(me["person_id"].is_i64(), "the demo seeker is linked to her record: {me}");
    let inbox: serde_json::Value = seeker.get("/api/v1/me/inbox").await.json().await.expect("inbox");
    assert!(!inbox["items"].as_array().expect("items").is_empty(), "the demo seeker has pushed jobs");
    let mine: serde_json::Value = seeker.get("/api/v1/applications").await.json().await.expect("applications");
    assert_eq!(mine["total"], 1);
}
