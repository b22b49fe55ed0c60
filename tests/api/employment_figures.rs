//! `GET /api/v1/employment/figures` and `/records`: a known data set written
//! straight into the database (pushes, applications, referrals, hires,
//! placements and follow-ups on fixed days of March to May 2026), and the
//! exact figures a city, a county and a town user read from it. One person
//! moved from 老城 to 新城 in April (their pushes count on each side of the
//! move); one moves through the API today (their past placement stays in
//! 老城); one placement ended at the third month; a push at 00:30 China
//! time on 1 March counts in March, one at 01:00 on 1 June does not.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_error, body, id_number, person_json, posting_json, Client, TestApp};
use doorstep_shared::api::ErrorCode;
use doorstep_shared::types::Day;

crate::backend_tests!(
    a_city_user_reads_exact_figures_by_county_month_and_category,
    a_county_user_sees_its_towns_and_movers_count_where_they_lived,
    every_figure_drills_down_to_its_records_inside_the_jurisdiction,
    bad_measures_slices_and_regions_are_refused_naming_the_field,
);

const PERIOD: &str = "from=2026-03&to=2026-05";

/// 老城街道 and 新城街道 in 汉滨区; 城关镇 in 汉阴县.
const LAOCHENG: &str = "610902001";
const XINCHENG: &str = "610902002";
const HANYIN_CHENGGUAN: &str = "610921100";

/// Unix seconds at `hour`:30 on `day`, China time.
fn at(day: &str, hour: i64) -> i64 {
    Day::parse(day).expect("day").unix_days() * 86_400 - 8 * 3600 + hour * 3600 + 1800
}

/// The people of the data set, by name.
pub(crate) struct People {
    ding: i64,
}

pub(crate) async fn known_employment_data(app: &TestApp, admin: &Client) -> People {
    let pool = app.db().pool();
    let employer = app.employer_in(admin, "610902").await;
    let a = admin.open_posting(app, &posting_json(employer)).await;
    let mut other = posting_json(employer);
    other["title"] = json!("包装工");
    let b = admin.open_posting(app, &other).await;
    other["title"] = json!("食堂帮厨");
    let c = admin.open_posting(app, &other).await;

    let jia = person(admin, "周甲", 1, LAOCHENG, &["dibao"]).await;
    let yi = person(admin, "吴乙", 2, XINCHENG, &["dibao", "left_behind_woman"]).await;
    let bing = person(admin, "郑丙", 3, LAOCHENG, &[]).await;
    let ding = person(admin, "王丁", 4, LAOCHENG, &[]).await;
    let wu = person(admin, "冯戊", 5, HANYIN_CHENGGUAN, &["relocated"]).await;
    // 己 lived in 老城 until 15 April and in 新城 since.
    let ji = person(admin, "陈己", 6, XINCHENG, &[]).await;
    sqlx::query("INSERT INTO person_moves (person_id, from_region, to_region, moved_at) VALUES ($1, $2, $3, $4)")
        .bind(ji)
        .bind(LAOCHENG)
        .bind(XINCHENG)
        .bind(at("2026-04-15", 9))
        .execute(pool)
        .await
        .expect("move");

    for (who, posting, when, invited) in [
        (jia, a, at("2026-03-03", 10), 0),
        (jia, b, at("2026-04-02", 10), 0),
        (yi, a, at("2026-03-10", 10), 0),
        (yi, c, at("2026-03-11", 10), 1),
        (bing, a, at("2026-03-01", 0), 0),
        (bing, b, at("2026-06-01", 1), 0),
        (wu, a, at("2026-04-01", 10), 0),
        (ji, a, at("2026-04-01", 10), 0),
        (ji, b, at("2026-05-01", 10), 0),
    ] {
        sqlx::query("INSERT INTO push_items (person_id, posting_id, score, reasons, created_at, invited) VALUES ($1, $2, 0.5, '[]', $3, $4)")
            .bind(who)
            .bind(posting)
            .bind(when)
            .bind(invited)
            .execute(pool)
            .await
            .expect("push item");
    }

    application(app, bing, a, "applied", "applied", "2026-03-20", "2026-03-20").await;
    let jia_b = application(app, jia, b, "applied", "hired", "2026-04-05", "2026-04-12").await;
    let ding_b = application(app, ding, b, "applied", "hired", "2026-03-25", "2026-03-28").await;
    let yi_c = application(app, yi, c, "referral", "hired", "2026-04-20", "2026-04-25").await;
    let wu_a = application(app, wu, a, "referral", "hired", "2026-03-05", "2026-03-08").await;
    let bing_c = application(app, bing, c, "applied", "hired", "2026-05-28", "2026-06-01").await;

    let jia_job = placement(app, jia_b, jia, b, "nearby", "2026-04-15", 3200).await;
    placement(app, ding_b, ding, b, "transfer", "2026-04-01", 4500).await;
    let yi_job = placement(app, yi_c, yi, c, "nearby", "2026-05-04", 3000).await;
    let wu_job = placement(app, wu_a, wu, a, "transfer", "2026-03-10", 5000).await;
    placement(app, bing_c, bing, c, "nearby", "2026-06-02", 2800).await;
    for (job, month, still) in [(jia_job, 1, 1), (jia_job, 3, 0), (yi_job, 1, 1), (yi_job, 3, 1), (wu_job, 1, 1), (wu_job, 3, 1), (wu_job, 6, 1)] {
        sqlx::query(
            "INSERT INTO follow_ups (placement_id, month, still_employed, recorded_by, recorded_at) VALUES ($1, $2, $3, (SELECT MIN(id) FROM users), 0)",
        )
        .bind(job)
        .bind(month)
        .bind(still)
        .execute(pool)
        .await
        .expect("follow-up");
    }
    People { ding }
}

/// Registers a person at home in `home` with these verified categories.
pub(crate) async fn person(admin: &Client, name: &str, seq: u16, home: &str, categories: &[&str]) -> i64 {
    let mut person = person_json(name, &id_number("610902", 1985, seq));
    person["home_region"] = json!(home);
    person["categories"] = json!(categories);
    admin.register_person(&person).await
}

/// An application made on `created` and last changed on `updated`; returns its id.
pub(crate) async fn application(app: &TestApp, person: i64, posting: i64, source: &str, status: &str, created: &str, updated: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO applications (posting_id, person_id, status, source, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, (SELECT MIN(id) FROM users), $5, $6) RETURNING id",
    )
    .bind(posting)
    .bind(person)
    .bind(status)
    .bind(source)
    .bind(at(created, 10))
    .bind(at(updated, 10))
    .fetch_one(app.db().pool())
    .await
    .expect("application inserted");
    id
}

/// A placement recorded the day before the job starts; returns its id.
pub(crate) async fn placement(app: &TestApp, application: i64, person: i64, posting: i64, kind: &str, start: &str, wage: i64) -> i64 {
    let recorded = Day::parse(start).expect("day").plus_days(-1).to_string();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (application_id, person_id, posting_id, kind, start_date, monthly_wage, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, (SELECT MIN(id) FROM users), $7) RETURNING id",
    )
    .bind(application)
    .bind(person)
    .bind(posting)
    .bind(kind)
    .bind(start)
    .bind(wage)
    .bind(at(&recorded, 10))
    .fetch_one(app.db().pool())
    .await
    .expect("placement inserted");
    id
}

async fn figures_of(client: &Client, query: &str) -> Value {
    let res = client.get(&format!("/api/v1/employment/figures?{query}")).await;
    let status = res.status();
    let figures = body(res).await;
    assert_eq!(status, StatusCode::OK, "{figures}");
    figures
}

fn figure<'a>(figures: &'a Value, measure: &str) -> &'a Value {
    figures["figures"].as_array().expect("figures").iter().find(|f| f["measure"] == measure).unwrap_or_else(|| panic!("no {measure}: {figures}"))
}

fn months(f: &Value) -> Vec<i64> {
    f["by_month"].as_array().expect("months").iter().map(|m| m["count"].as_i64().expect("count")).collect()
}

fn area(f: &Value, code: &str) -> i64 {
    f["by_area"].as_array().expect("areas").iter().find(|a| a["area"]["code"] == code).map_or(-1, |a| a["count"].as_i64().expect("count"))
}

/// Counts by category, in the order dibao, tekun, registered_poor, disabled, left_behind_woman, relocated, none.
fn categories(f: &Value) -> Vec<i64> {
    f["by_category"].as_array().expect("categories").iter().map(|c| c["count"].as_i64().expect("count")).collect()
}

fn retention(figures: &Value) -> Vec<(i64, i64, i64, i64)> {
    figures["retention"]
        .as_array()
        .expect("retention")
        .iter()
        .map(|r| {
            (
                r["after_months"].as_i64().expect("m"),
                r["due"].as_i64().expect("due"),
                r["recorded"].as_i64().expect("rec"),
                r["retained"].as_i64().expect("ret"),
            )
        })
        .collect()
}

async fn a_city_user_reads_exact_figures_by_county_month_and_category(app: TestApp) {
    let admin = app.admin().await;
    known_employment_data(&app, &admin).await;
    let city = app.staff("ankang", "6109").await;
    let figures = figures_of(&city, PERIOD).await;

    assert_eq!((figures["region"]["code"].as_str(), figures["area_level"].as_str()), (Some("6109"), Some("county")));
    let totals: Vec<i64> = figures["figures"].as_array().expect("figures").iter().map(|f| f["total"].as_i64().expect("total")).collect();
    // pushes, reached, recommended, applications, referrals, hires, nearby, transfer
    assert_eq!(totals, [7, 5, 5, 4, 2, 4, 2, 2], "{figures:#}");

    let pushes = figure(&figures, "pushes");
    assert_eq!(months(pushes), [3, 3, 1], "00:30 on 1 March is March in China; 01:00 on 1 June is June");
    assert_eq!((area(pushes, "610902"), area(pushes, "610921")), (6, 1));
    assert_eq!(pushes["by_area"].as_array().expect("areas").len(), 10, "every county of Ankang, zeros included");
    assert_eq!(categories(pushes), [3, 0, 0, 0, 1, 1, 3]);
    let reached = figure(&figures, "people_reached");
    assert_eq!(months(reached), [3, 3, 1]);
    assert_eq!(categories(reached), [2, 0, 0, 0, 1, 1, 2]);
    let recommended = figure(&figures, "people_recommended");
    assert_eq!(months(recommended), [4, 4, 1], "a referral recommends as a push does");
    assert_eq!(categories(recommended)[4], 1, "left-behind women recommended jobs");
    assert_eq!(months(figure(&figures, "hires")), [2, 2, 0], "the hire of 1 June is outside the period");
    assert_eq!(months(figure(&figures, "placed_nearby")), [0, 1, 1], "by the job's start; the June start is outside");
    let transfer = figure(&figures, "placed_transfer");
    assert_eq!((area(transfer, "610902"), area(transfer, "610921")), (1, 1));
    assert_eq!(categories(transfer), [0, 0, 0, 0, 0, 1, 1]);

    assert_eq!(figures["average_wage"], (3200 + 4500 + 3000 + 5000 + 2) / 4);
    assert_eq!(retention(&figures), [(1, 4, 3, 3), (3, 4, 3, 2), (6, 4, 1, 1)], "the placement that ended at 3 months is not retained");
}

async fn a_county_user_sees_its_towns_and_movers_count_where_they_lived(app: TestApp) {
    let admin = app.admin().await;
    let people = known_employment_data(&app, &admin).await;
    let county = app.staff("hanbin", "610902").await;
    // 丁 moves to 新城 today: the April placement stays in 老城.
    let moved = county.patch_json(&format!("/api/v1/people/{}", people.ding), &json!({"home_region": XINCHENG})).await;
    assert_eq!(moved.status(), StatusCode::OK, "{}", body(moved).await);

    let figures = figures_of(&county, PERIOD).await;
    assert_eq!(figures["area_level"], "town");
    assert!(figures["figures"][0]["by_area"].as_array().expect("areas").iter().all(|a| a["area"]["code"].as_str().expect("code").starts_with("610902")));
    let pushes = figure(&figures, "pushes");
    assert_eq!(pushes["total"], 6, "汉阴's push is not 汉滨's");
    assert_eq!((area(pushes, LAOCHENG), area(pushes, XINCHENG)), (4, 2), "己's April push in 老城, May push in 新城");
    let reached = figure(&figures, "people_reached");
    assert_eq!(reached["total"], 4, "己 once in all");
    assert_eq!((area(reached, LAOCHENG), area(reached, XINCHENG)), (3, 2), "and once in each town");
    let transfer = figure(&figures, "placed_transfer");
    assert_eq!((transfer["total"].as_i64(), area(transfer, LAOCHENG), area(transfer, XINCHENG)), (Some(1), 1, 0));
    assert_eq!(retention(&figures)[1], (3, 3, 2, 1));
    assert_eq!(figures["average_wage"], (3200 + 4500 + 3000 + 1) / 3);

    // The move is a record of its own: from 老城 to 新城, by the county user.
    let (from, to): (String, String) = sqlx::query_as("SELECT from_region, to_region FROM person_moves WHERE person_id = $1")
        .bind(people.ding)
        .fetch_one(app.db().pool())
        .await
        .expect("one move");
    assert_eq!((from.as_str(), to.as_str()), (LAOCHENG, XINCHENG));

    let town = app.staff("laocheng", LAOCHENG).await;
    let figures = figures_of(&town, PERIOD).await;
    assert_eq!((figures["area_level"].as_str(), figure(&figures, "pushes")["total"].as_i64()), (Some("village"), Some(4)));
    let refused = town.get(&format!("/api/v1/employment/figures?{PERIOD}&region={XINCHENG}")).await;
    assert_error(refused, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
}

async fn records(client: &Client, query: &str) -> Value {
    let res = client.get(&format!("/api/v1/employment/records?{PERIOD}&{query}")).await;
    let status = res.status();
    let page = body(res).await;
    assert_eq!(status, StatusCode::OK, "{query}: {page}");
    page
}

fn names(page: &Value) -> Vec<&str> {
    page["items"].as_array().expect("items").iter().map(|r| r["name"].as_str().expect("name")).collect()
}

async fn every_figure_drills_down_to_its_records_inside_the_jurisdiction(app: TestApp) {
    let admin = app.admin().await;
    known_employment_data(&app, &admin).await;
    let county = app.staff("hanbin", "610902").await;
    let figures = figures_of(&county, PERIOD).await;

    // Every figure's records add up to it (a figure of people: its records' people).
    for f in figures["figures"].as_array().expect("figures") {
        let measure = f["measure"].as_str().expect("measure");
        let page = records(&county, &format!("measure={measure}&per_page=200")).await;
        let items = page["items"].as_array().expect("items");
        assert_eq!(page["total"].as_u64(), Some(items.len() as u64));
        let counted = if measure.starts_with("people_") || measure.starts_with("placed_") {
            items.iter().map(|r| r["person_id"].as_i64()).collect::<std::collections::BTreeSet<_>>().len()
        } else {
            items.len()
        };
        assert_eq!(counted as i64, f["total"].as_i64().expect("total"), "{measure}: {page}");
    }

    let laocheng = records(&county, &format!("measure=pushes&area={LAOCHENG}")).await;
    assert_eq!(names(&laocheng), ["周甲", "陈己", "周甲", "郑丙"], "newest first");
    assert!(laocheng["items"][1]["id_number_masked"].as_str().expect("masked").contains('*'));
    assert_eq!(laocheng["items"][1]["region"]["code"], LAOCHENG, "where 己 lived then");
    assert_eq!(laocheng["items"][1]["day"], "2026-04-01");
    let may = records(&county, "measure=pushes&month=2026-05").await;
    assert_eq!(names(&may), ["陈己"]);
    let women = records(&county, "measure=people_recommended&category=left_behind_woman").await;
    assert_eq!(names(&women), ["吴乙", "吴乙"], "a push and a referral");
    let none = records(&county, "measure=people_reached&category=none").await;
    assert_eq!(names(&none), ["陈己", "陈己", "郑丙"]);
    let nearby = records(&county, &format!("measure=placed_nearby&area={XINCHENG}")).await;
    assert_eq!(nearby["items"][0]["kind"], "nearby");
    assert_eq!((nearby["items"][0]["monthly_wage"].as_i64(), nearby["items"][0]["posting_title"].as_str()), (Some(3000), Some("食堂帮厨")));
    let paged = records(&county, "measure=pushes&per_page=2&page=3").await;
    assert_eq!((paged["total"].as_i64(), names(&paged).len()), (Some(6), 2));

    // Outside the jurisdiction: refused, whether by region or by area.
    let hanyin = county.get(&format!("/api/v1/employment/records?measure=pushes&area={HANYIN_CHENGGUAN}")).await;
    assert_eq!(assert_error(hanyin, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await, ["area"]);
    let seeker = app.login_as("seeker", "chunmei", None, None).await;
    assert_error(seeker.get("/api/v1/employment/records?measure=pushes").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(app.anonymous().get("/api/v1/employment/figures").await, StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated).await;
}

async fn bad_measures_slices_and_regions_are_refused_naming_the_field(app: TestApp) {
    let city = app.staff("ankang", "6109").await;
    let cases = [
        ("/api/v1/employment/records?measure=salaries", StatusCode::UNPROCESSABLE_ENTITY, "measure"),
        ("/api/v1/employment/records", StatusCode::BAD_REQUEST, "measure"),
        ("/api/v1/employment/records?measure=pushes&category=rich", StatusCode::UNPROCESSABLE_ENTITY, "category"),
        ("/api/v1/employment/records?measure=pushes&month=2026-13", StatusCode::UNPROCESSABLE_ENTITY, "month"),
        ("/api/v1/employment/records?measure=pushes&area=999999", StatusCode::UNPROCESSABLE_ENTITY, "area"),
        ("/api/v1/employment/records?measure=pushes&region=610902&area=610921", StatusCode::UNPROCESSABLE_ENTITY, "area"),
        ("/api/v1/employment/records?measure=pushes&page=0", StatusCode::BAD_REQUEST, "page"),
        ("/api/v1/employment/figures?from=2026-05&to=2026-03", StatusCode::UNPROCESSABLE_ENTITY, "from"),
        ("/api/v1/employment/figures?region=abc", StatusCode::UNPROCESSABLE_ENTITY, "region"),
    ];
    for (path, status, field) in cases {
        let res = city.get(path).await;
        assert_eq!(res.status(), status, "{path}");
        let error = body(res).await;
        let fields: Vec<&str> = error["error"]["fields"].as_array().expect("fields").iter().filter_map(Value::as_str).collect();
        assert!(fields.contains(&field), "{path} should name {field}: {error}");
    }
}
