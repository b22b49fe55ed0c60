//! `GET /api/v1/training/figures`: a known data set, written straight into
//! the database, and the exact figures a city, a county and a town user read
//! from it. Period March to May 2026; sessions in two Hanbin towns and one
//! Hanyin town; one person trained in 老城 who now lives in 新城; one placed
//! seven months after the certificate; completions before and after the period.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, body, id_number, person_json, posting_json, Client, TestApp};
use crate::training_support::{insert_course, insert_enrolment_row, CourseFixture};
use doorstep_shared::api::ErrorCode;

crate::backend_tests!(
    a_city_user_reads_exact_figures_by_course_county_month_and_category,
    a_county_user_sees_only_its_towns_and_a_mover_counts_where_the_session_was,
    a_town_user_sees_its_own_sessions_and_is_refused_another_town,
    bad_months_periods_and_regions_are_refused_naming_the_field,
    the_figures_are_in_the_openapi_document_and_take_only_get,
);

pub(crate) const PERIOD: &str = "from=2026-03&to=2026-05";

/// 老城街道 and 新城街道 in 汉滨区; 城关镇 in 汉阴县.
pub(crate) const LAOCHENG: &str = "610902001";
pub(crate) const XINCHENG: &str = "610902002";
pub(crate) const HANYIN_CHENGGUAN: &str = "610921100";

async fn a_city_user_reads_exact_figures_by_course_county_month_and_category(app: TestApp) {
    let admin = app.admin().await;
    known_training_data(&app, &admin).await;
    let city = app.staff("ankang", "6109").await;
    let figures = figures_of(&city, PERIOD).await;

    assert_eq!(figures["region"]["code"], "6109");
    assert_eq!(figures["area_level"], "county");
    let enrolments = &figures["enrolments"];
    assert_eq!(enrolments["total"], 6, "waitlisted, cancelled and January places are not counted: {enrolments}");
    assert_eq!(courses(enrolments), [("缝纫工培训".to_string(), 5), ("养老护理员培训".to_string(), 1)]);
    assert_eq!(months(enrolments), [("2026-03".to_string(), 4), ("2026-04".to_string(), 1), ("2026-05".to_string(), 1)]);
    assert_eq!(area(enrolments, "610902"), 5);
    assert_eq!(area(enrolments, "610921"), 1);
    assert_eq!(enrolments["by_area"].as_array().expect("areas").len(), 10, "every county of Ankang, zeros included");
    assert_eq!(
        categories(enrolments),
        [("dibao", 2), ("tekun", 0), ("registered_poor", 0), ("disabled", 0), ("left_behind_woman", 1), ("relocated", 1), ("none", 3)]
    );

    for figure in ["completions", "certificates"] {
        let f = &figures[figure];
        assert_eq!(f["total"], 3, "{figure}: the February and June ones fall outside the period: {f}");
        assert_eq!(months(f), [("2026-03".to_string(), 2), ("2026-04".to_string(), 1), ("2026-05".to_string(), 0)], "{figure}");
        assert_eq!(courses(f), [("缝纫工培训".to_string(), 2), ("养老护理员培训".to_string(), 1)], "{figure}");
        assert_eq!((area(f, "610902"), area(f, "610921")), (2, 1), "{figure}");
        assert_eq!(
            categories(f),
            [("dibao", 2), ("tekun", 0), ("registered_poor", 0), ("disabled", 0), ("left_behind_woman", 1), ("relocated", 1), ("none", 0)]
        );
    }

    let placed = &figures["placed"];
    assert_eq!((placed["certified"].as_i64(), placed["placed"].as_i64()), (Some(3), Some(2)), "the job seven months on does not count: {placed}");
    assert_eq!(placed_in(placed, "610902"), (2, 1));
    assert_eq!(placed_in(placed, "610921"), (1, 1));
}

async fn a_county_user_sees_only_its_towns_and_a_mover_counts_where_the_session_was(app: TestApp) {
    let admin = app.admin().await;
    known_training_data(&app, &admin).await;
    let county = app.staff("hanbin", "610902").await;
    let figures = figures_of(&county, PERIOD).await;

    assert_eq!(figures["area_level"], "town");
    let enrolments = &figures["enrolments"];
    assert_eq!(enrolments["total"], 5, "Hanyin's session is not Hanbin's: {enrolments}");
    assert_eq!(courses(enrolments), [("缝纫工培训".to_string(), 5)]);
    // 乙 lives in 新城 now but trained in 老城: counted in 老城.
    assert_eq!((area(enrolments, LAOCHENG), area(enrolments, XINCHENG)), (3, 2));
    assert!(enrolments["by_area"].as_array().expect("areas").iter().all(|a| a["area"]["code"].as_str().expect("code").starts_with("610902")));
    assert_eq!(figures["completions"]["total"], 2);
    assert_eq!((area(&figures["completions"], LAOCHENG), area(&figures["completions"], XINCHENG)), (2, 0));
    let placed = &figures["placed"];
    assert_eq!((placed["certified"].as_i64(), placed["placed"].as_i64()), (Some(2), Some(1)));
    assert_eq!((placed_in(placed, LAOCHENG), placed_in(placed, XINCHENG)), ((2, 1), (0, 0)));

    // Narrowed to one of its towns, and refused a town of another county.
    let laocheng = figures_of(&county, &format!("{PERIOD}&region={LAOCHENG}")).await;
    assert_eq!((laocheng["enrolments"]["total"].as_i64(), laocheng["area_level"].as_str()), (Some(3), Some("village")));
    let fields =
        assert_error(county.get(&format!("/api/v1/training/figures?{PERIOD}&region={HANYIN_CHENGGUAN}")).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden)
            .await;
    assert_eq!(fields, ["region"]);
}

async fn a_town_user_sees_its_own_sessions_and_is_refused_another_town(app: TestApp) {
    let admin = app.admin().await;
    known_training_data(&app, &admin).await;
    let town = app.staff("xincheng", XINCHENG).await;
    let figures = figures_of(&town, PERIOD).await;

    assert_eq!(figures["region"]["code"], XINCHENG);
    assert_eq!(figures["enrolments"]["total"], 2, "{}", figures["enrolments"]);
    // Sessions held in the town itself, not in one of its villages, count under the town.
    assert_eq!(area(&figures["enrolments"], XINCHENG), 2);
    assert_eq!(months(&figures["enrolments"]), [("2026-03".to_string(), 0), ("2026-04".to_string(), 1), ("2026-05".to_string(), 1)]);
    assert_eq!(figures["completions"]["total"], 0, "the May session's completion is in June");
    assert_eq!((figures["placed"]["certified"].as_i64(), figures["placed"]["placed"].as_i64()), (Some(0), Some(0)));

    for other in [LAOCHENG, "610902", "6109"] {
        let fields =
            assert_error(town.get(&format!("/api/v1/training/figures?{PERIOD}&region={other}")).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
        assert_eq!(fields, ["region"], "{other}");
    }
}

async fn bad_months_periods_and_regions_are_refused_naming_the_field(app: TestApp) {
    let admin = app.admin().await;
    let cases = [
        ("from=2026-13", "from"),
        ("to=2026-1", "to"),
        ("from=2026-06&to=2026-05", "from"),
        ("from=2000-01&to=2026-05", "from"),
        ("region=999999", "region"),
        ("region=61x", "region"),
    ];
    for (query, field) in cases {
        let fields =
            assert_error(admin.get(&format!("/api/v1/training/figures?{query}")).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
        assert_eq!(fields, [field], "{query}");
    }
    // Everywhere, by province, for an administrator; a year up to this month by default.
    let res = admin.get("/api/v1/training/figures").await;
    assert_eq!(res.status(), StatusCode::OK);
    let figures = body(res).await;
    assert_eq!((figures["area_level"].as_str(), figures["enrolments"]["by_month"].as_array().map(Vec::len)), (Some("province"), Some(12)));
    let seeker = app.login_as("seeker", "seeker", None, None).await;
    assert_error(seeker.get("/api/v1/training/figures").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
}

async fn the_figures_are_in_the_openapi_document_and_take_only_get(app: TestApp) {
    let doc = body(app.anonymous().get("/api/v1/openapi.json").await).await;
    let operation = &doc["paths"]["/api/v1/training/figures"]["get"];
    assert!(operation["responses"].get("200").is_some(), "{operation}");
    assert!(doc["components"]["schemas"].get("TrainingFigures").is_some());
    let admin = app.admin().await;
    let res = admin.post_json("/api/v1/training/figures", &json!({})).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(res.headers().get("allow").and_then(|v| v.to_str().ok()), Some("GET"));
}

/// Writes the data set; see the module comment. People, by letter:
/// 甲 (低保, 老城) completes in 老城, certified 03-27, placed 05-10;
/// 乙 (低保 and 留守妇女, now 新城) completes in 老城, certified 03-27, placed 10-27 (seven months on);
/// 丙 (no category) does not complete in 老城, then holds a place in 新城 in April;
/// 丁 (a claimed, unverified 残疾) waits in 老城, cancels in 新城, completes in 新城's May session (certified 06-12);
/// 戊 (易地搬迁, 汉阴) completes in 汉阴, certified 04-03, placed 04-20;
/// 己 completes a January session in 老城, certified 02-20, placed 03-15.
pub(crate) async fn known_training_data(app: &TestApp, admin: &Client) {
    let sewing = insert_course(app, &CourseFixture { title: "缝纫工培训", region: "610902", skills: &[], categories: &[] }).await;
    let care = insert_course(app, &CourseFixture { title: "养老护理员培训", region: "610921", skills: &[], categories: &[] }).await;
    let march_laocheng = figures_session(app, sewing, LAOCHENG, "2026-03-02", "2026-03-27").await;
    let april_xincheng = figures_session(app, sewing, XINCHENG, "2026-04-06", "2026-04-30").await;
    let may_xincheng = figures_session(app, sewing, XINCHENG, "2026-05-11", "2026-06-12").await;
    let january_laocheng = figures_session(app, sewing, LAOCHENG, "2026-01-05", "2026-02-20").await;
    let march_hanyin = figures_session(app, care, HANYIN_CHENGGUAN, "2026-03-09", "2026-04-03").await;

    let jia = person(admin, "周甲", 1, LAOCHENG, &["dibao"]).await;
    let yi = person(admin, "吴乙", 2, XINCHENG, &["dibao", "left_behind_woman"]).await;
    let bing = person(admin, "郑丙", 3, LAOCHENG, &[]).await;
    let ding = person(admin, "王丁", 4, LAOCHENG, &["disabled"]).await;
    sqlx::query("UPDATE person_categories SET verified = 0 WHERE person_id = $1").bind(ding).execute(app.db().pool()).await.expect("claimed only");
    let wu = person(admin, "冯戊", 5, HANYIN_CHENGGUAN, &["relocated"]).await;
    let ji = person(admin, "陈己", 6, LAOCHENG, &[]).await;

    for (who, session, issued_on) in [(jia, march_laocheng, "2026-03-27"), (yi, march_laocheng, "2026-03-27"), (wu, march_hanyin, "2026-04-03")] {
        completed(app, session, who, issued_on).await;
    }
    completed(app, may_xincheng, ding, "2026-06-12").await;
    completed(app, january_laocheng, ji, "2026-02-20").await;
    figures_enrolment(app, march_laocheng, bing, "not_completed").await;
    figures_enrolment(app, april_xincheng, bing, "enrolled").await;
    figures_enrolment(app, march_laocheng, ding, "waitlisted").await;
    figures_enrolment(app, april_xincheng, ding, "cancelled").await;

    let employer = app.employer_in(admin, "610902").await;
    let posting = admin.open_posting(app, &posting_json(employer)).await;
    for (who, start) in [(jia, "2026-05-10"), (yi, "2026-10-27"), (wu, "2026-04-20"), (ji, "2026-03-15")] {
        figures_placement(app, posting, who, start).await;
    }
}

/// Registers a person at home in `home` with these verified categories.
pub(crate) async fn person(admin: &Client, name: &str, seq: u16, home: &str, categories: &[&str]) -> i64 {
    let mut person = person_json(name, &id_number("610902", 1985, seq));
    person["home_region"] = json!(home);
    person["categories"] = json!(categories);
    admin.register_person(&person).await
}

/// A session of a course at a town's point, between two fixed days; returns its id.
pub(crate) async fn figures_session(app: &TestApp, course_id: i64, region: &str, start: &str, end: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO course_sessions (course_id, start_date, end_date, enrol_deadline, region_code, address, lat, lon, site_approximate, \
         capacity, enrolled, days, period, status, created_by, created_at, updated_at) \
         SELECT $1, $2, $3, $2, code, '社区培训中心', lat, lon, 1, 30, 0, 'mon,wed,fri', 'daytime', 'finished', (SELECT MIN(id) FROM users), 0, 0 \
         FROM regions WHERE code = $4 RETURNING id",
    )
    .bind(course_id)
    .bind(start)
    .bind(end)
    .bind(region)
    .fetch_one(app.db().pool())
    .await
    .expect("session inserted");
    id
}

/// A person's enrolment in a session, in a given status; returns its id.
pub(crate) async fn figures_enrolment(app: &TestApp, session_id: i64, person_id: i64, status: &str) -> i64 {
    let mut conn = app.db().pool().acquire().await.expect("connection");
    insert_enrolment_row(&mut conn, session_id, person_id, status).await
}

/// A completed enrolment and its certificate, issued on `issued_on` by the course's region.
async fn completed(app: &TestApp, session_id: i64, person_id: i64, issued_on: &str) {
    let enrolment = figures_enrolment(app, session_id, person_id, "completed").await;
    sqlx::query(
        "INSERT INTO certificates (number, issuing_region, enrolment_id, person_id, course_id, session_id, issued_on, verify_code, created_by, created_at) \
         SELECT $1, c.region_code, $2, $3, c.id, cs.id, $4, 'K7Q2M9', (SELECT MIN(id) FROM users), 0 \
         FROM course_sessions cs JOIN courses c ON c.id = cs.course_id WHERE cs.id = $5",
    )
    .bind(format!("PX-{enrolment:05}"))
    .bind(enrolment)
    .bind(person_id)
    .bind(issued_on)
    .bind(session_id)
    .execute(app.db().pool())
    .await
    .expect("certificate inserted");
}

/// A hire of the person for the posting, starting on `start`.
pub(crate) async fn figures_placement(app: &TestApp, posting_id: i64, person_id: i64, start: &str) {
    let pool = app.db().pool();
    let (application,): (i64,) = sqlx::query_as(
        "INSERT INTO applications (posting_id, person_id, status, source, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'hired', 'referral', (SELECT MIN(id) FROM users), 0, 0) RETURNING id",
    )
    .bind(posting_id)
    .bind(person_id)
    .fetch_one(pool)
    .await
    .expect("application inserted");
    sqlx::query(
        "INSERT INTO placements (application_id, person_id, posting_id, kind, start_date, monthly_wage, created_by, created_at) \
         VALUES ($1, $2, $3, 'nearby', $4, 3200, (SELECT MIN(id) FROM users), 0)",
    )
    .bind(application)
    .bind(person_id)
    .bind(posting_id)
    .bind(start)
    .execute(pool)
    .await
    .expect("placement inserted");
}

pub(crate) async fn figures_of(client: &Client, query: &str) -> Value {
    let res = client.get(&format!("/api/v1/training/figures?{query}")).await;
    let status = res.status();
    let figures = body(res).await;
    assert_eq!(status, StatusCode::OK, "{figures}");
    figures
}

fn courses(figure: &Value) -> Vec<(String, i64)> {
    figure["by_course"]
        .as_array()
        .expect("by_course")
        .iter()
        .map(|c| (c["title"].as_str().expect("title").to_string(), c["count"].as_i64().expect("count")))
        .collect()
}

fn months(figure: &Value) -> Vec<(String, i64)> {
    figure["by_month"]
        .as_array()
        .expect("by_month")
        .iter()
        .map(|m| (m["month"].as_str().expect("month").to_string(), m["count"].as_i64().expect("count")))
        .collect()
}

fn categories(figure: &Value) -> Vec<(&str, i64)> {
    figure["by_category"]
        .as_array()
        .expect("by_category")
        .iter()
        .map(|c| (c["category"].as_str().unwrap_or("none"), c["count"].as_i64().expect("count")))
        .collect()
}

/// The count of one area; the areas add up to the total.
fn area(figure: &Value, code: &str) -> i64 {
    let areas = figure["by_area"].as_array().expect("by_area");
    assert_eq!(areas.iter().map(|a| a["count"].as_i64().expect("count")).sum::<i64>(), figure["total"].as_i64().expect("total"), "{figure}");
    areas.iter().find(|a| a["area"]["code"] == code).map_or_else(|| panic!("no area {code} in {figure}"), |a| a["count"].as_i64().expect("count"))
}

fn placed_in(placed: &Value, code: &str) -> (i64, i64) {
    let areas = placed["by_area"].as_array().expect("by_area");
    let a = areas.iter().find(|a| a["area"]["code"] == code).unwrap_or_else(|| panic!("no area {code} in {placed}"));
    (a["certified"].as_i64().expect("certified"), a["placed"].as_i64().expect("placed"))
}
