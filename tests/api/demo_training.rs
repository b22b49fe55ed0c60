//! The demo's training data: a catalogue across Ankang's counties, finished,
//! running and upcoming sessions, waitlists, certificates that certify skills
//! in profiles, jobs after them, and the demo seeker's own story.

use doorstep_server::seed::{seed_demo_if_empty, DEMO_PASSWORD};
use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{body, count_rows, Client, TestApp};

backend_tests!(the_demo_trains_people_across_ankang_and_the_seeker_has_a_certificate_a_place_and_a_suggestion);

async fn the_demo_trains_people_across_ankang_and_the_seeker_has_a_certificate_a_place_and_a_suggestion(app: TestApp) {
    assert!(seed_demo_if_empty(&app.state).await.expect("seeded"));

    assert!(count_rows(&app, "courses WHERE status = 'published'").await >= 10);
    let (counties,): (i64,) =
        sqlx::query_as("SELECT COUNT(DISTINCT SUBSTR(region_code, 1, 6)) FROM course_sessions").fetch_one(app.db().pool()).await.expect("counties");
    assert!(counties >= 6, "sessions in only {counties} counties");
    for status in ["finished", "running", "full", "open"] {
        assert!(count_rows(&app, &format!("course_sessions WHERE status = '{status}'")).await > 0, "no {status} session");
    }
    assert!(count_rows(&app, "course_sessions WHERE period = 'evening'").await > 0);
    assert!(count_rows(&app, "enrolments WHERE status = 'waitlisted'").await > 0);
    assert!(count_rows(&app, "enrolments WHERE status = 'not_completed'").await > 0);
    let certificates = count_rows(&app, "certificates").await;
    assert!(certificates > 80, "{certificates} certificates");
    assert!(count_rows(&app, "person_skills WHERE certificate_id IS NOT NULL").await >= certificates, "certified skills land in profiles");

    let city = login(&app, "staff_city").await;
    let figures = body(city.get("/api/v1/training/figures").await).await;
    assert_eq!(figures["certificates"]["total"].as_i64(), Some(certificates), "every demo certificate is within the last year: {}", figures["certificates"]);
    let placed = figures["placed"]["placed"].as_i64().expect("placed");
    assert!(placed > 10 && placed < figures["placed"]["certified"].as_i64().expect("certified"), "{}", figures["placed"]);

    let seeker = login(&app, "13800000000").await;
    let mine = body(seeker.get("/api/v1/me/certificates").await).await;
    assert!(mine["certificates"].as_array().is_some_and(|c| !c.is_empty()), "{mine}");
    let places = body(seeker.get("/api/v1/me/enrolments").await).await;
    assert!(places["items"].as_array().expect("items").iter().any(|e| e["status"] == "enrolled"), "{places}");
    app.wait_indexed().await;
    let suggestions = body(seeker.get("/api/v1/me/training-suggestions").await).await;
    assert!(suggestions["items"].as_array().is_some_and(|s| !s.is_empty()), "{suggestions}");
    let found = body(seeker.get("/api/v1/training-sessions?q=%E5%85%BB%E8%80%81").await).await;
    assert!(found["total"].as_i64().is_some_and(|t| t > 0), "elderly-care sessions are searchable: {found}");
}

async fn login(app: &TestApp, username: &str) -> Client {
    let client = app.anonymous();
    assert_eq!(client.login(username, DEMO_PASSWORD).await.status(), StatusCode::OK, "{username}");
    client
}
