//! The people registry: create, read, update, list, de-duplication, masking,
//! audited reveal, and refusals that write nothing.

use doorstep_shared::api::{ErrorCode, PeoplePage, PersonResponse, RevealResponse};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, body, count_rows, id_number, person_json, TestApp};

backend_tests!(
    staff_register_a_person_and_read_it_back_masked,
    id_numbers_are_encrypted_at_rest,
    a_second_registration_of_the_same_id_is_409_naming_only_the_region,
    reveal_returns_the_full_number_and_is_audited,
    lists_filter_by_region_category_skill_and_text_and_paginate,
    updates_change_present_fields_and_recheck_everything,
    invalid_people_are_refused_field_by_field_and_nothing_is_written,
);

async fn staff_register_a_person_and_read_it_back_masked(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let id = id_number("610902", 1980, 12);

    let res = staff.create_person(&person_json("王秀英", &id)).await;

    assert_eq!(res.status(), StatusCode::CREATED);
    let created: PersonResponse = res.json().await.expect("person");
    assert_eq!(created.id_number_masked, format!("610902********{}", &id[14..]));
    assert_eq!(created.skills, vec!["sewing"], "做衣服 is sewing");
    assert_eq!(created.home_region_name, "老城街道");
    let read = staff.get(&format!("/api/v1/people/{}", created.id)).await;
    let text = read.text().await.expect("text");
    assert!(!text.contains(&id), "full id number leaked: {text}");
    let read: PersonResponse = serde_json::from_str(&text).expect("person");
    assert_eq!(read, created);
}

async fn id_numbers_are_encrypted_at_rest(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let id = id_number("610902", 1975, 3);
    staff.create_person(&person_json("李建国", &id)).await;

    let (cipher, blind, masked): (Vec<u8>, String, String) =
        sqlx::query_as("SELECT id_cipher, id_blind, id_masked FROM people").fetch_one(app.db().pool()).await.expect("row");

    assert!(!String::from_utf8_lossy(&cipher).contains(&id[6..14]), "birth date visible in cipher text");
    assert!(!blind.contains(&id[6..14]));
    assert!(!masked.contains(&id[6..14]));
}

async fn a_second_registration_of_the_same_id_is_409_naming_only_the_region(app: TestApp) {
    let hanbin = app.staff("staff_hanbin", "610902").await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let id = id_number("610902", 1970, 8);
    hanbin.create_person(&person_json("陈桂兰", &id)).await;
    let mut again = person_json("另一个名字", &id.to_lowercase());
    again["home_region"] = json!("610981");

    let res = xunyang.create_person(&again).await;

    let status = res.status();
    let text = res.text().await.expect("text");
    assert_eq!(status, StatusCode::CONFLICT, "{text}");
    let err: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(err["error"]["code"], "duplicate_person");
    assert_eq!(err["error"]["fields"], json!(["id_number"]));
    assert!(text.contains("汉滨区") && text.contains("610902001"), "names the region: {text}");
    assert!(!text.contains("陈桂兰") && !text.contains(&id), "leaks details: {text}");
    assert_eq!(count_rows(&app, "people").await, 1);
}

async fn reveal_returns_the_full_number_and_is_audited(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let id = id_number("610902", 1966, 21);
    let person: PersonResponse = staff.create_person(&person_json("赵玉兰", &id)).await.json().await.expect("person");

    let res = staff.post_json(&format!("/api/v1/people/{}/reveal", person.id), &json!({})).await;

    assert_eq!(res.status(), StatusCode::OK);
    let revealed: RevealResponse = res.json().await.expect("reveal");
    assert_eq!(revealed.id_number, id);
    let (actor, action): (String, String) = sqlx::query_as(
        "SELECT u.username, a.action FROM audit_log a JOIN users u ON u.id = a.actor_user_id \
         WHERE a.entity = 'person' AND a.entity_id = $1 ORDER BY a.id DESC LIMIT 1",
    )
    .bind(person.id)
    .fetch_one(app.db().pool())
    .await
    .expect("audit row");
    assert_eq!((actor.as_str(), action.as_str()), ("staff_hanbin", "person.reveal_id"));
}

async fn lists_filter_by_region_category_skill_and_text_and_paginate(app: TestApp) {
    let city = app.staff("staff_city", "6109").await;
    let people = [
        ("张芳", "610902001", "dibao", "sewing", 1),
        ("张敏", "610902001", "disabled", "tea_picking", 2),
        ("李娟", "610981100", "dibao", "tea_picking", 3),
        ("王强", "610921100", "relocated", "welding", 4),
    ];
    for (name, region, category, skill, seq) in people {
        let mut p = person_json(name, &id_number(&region[..6], 1985, seq));
        p["home_region"] = json!(region);
        p["categories"] = json!([category]);
        p["skills"] = json!([skill]);
        assert_eq!(city.create_person(&p).await.status(), StatusCode::CREATED, "{name}");
    }
    let names = |page: PeoplePage| page.items.into_iter().map(|p| p.name).collect::<Vec<_>>();

    let all: PeoplePage = city.get("/api/v1/people").await.json().await.expect("page");
    let hanbin: PeoplePage = city.get("/api/v1/people?region=610902").await.json().await.expect("page");
    let dibao: PeoplePage = city.get("/api/v1/people?category=dibao").await.json().await.expect("page");
    let tea: PeoplePage = city.get("/api/v1/people?skill=%E9%87%87%E8%8C%B6").await.json().await.expect("page");
    let zhang: PeoplePage = city.get("/api/v1/people?q=%E5%BC%A0").await.json().await.expect("page");
    let page2: PeoplePage = city.get("/api/v1/people?per_page=3&page=2").await.json().await.expect("page");

    assert_eq!(all.total, 4);
    assert_eq!(names(hanbin), vec!["张芳", "张敏"]);
    assert_eq!(names(dibao), vec!["张芳", "李娟"]);
    assert_eq!(names(tea), vec!["张敏", "李娟"], "采茶 is tea_picking");
    assert_eq!(names(zhang), vec!["张芳", "张敏"]);
    assert_eq!((page2.total, page2.items.len()), (4, 1));
}

async fn updates_change_present_fields_and_recheck_everything(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let p1: PersonResponse = staff.create_person(&person_json("周秀珍", &id_number("610902", 1979, 5))).await.json().await.expect("p1");
    let taken = id_number("610902", 1979, 7);
    staff.create_person(&person_json("吴丽", &taken)).await;
    let url = format!("/api/v1/people/{}", p1.id);

    let res = staff
        .patch_json(&url, &json!({"phone": "13912345678", "skills": ["采茶", "sewing"], "categories": ["dibao", "disabled"], "disability_grade": 2}))
        .await;

    assert_eq!(res.status(), StatusCode::OK);
    let updated: PersonResponse = res.json().await.expect("person");
    assert_eq!(updated.phone, "13912345678");
    assert_eq!(updated.skills, vec!["sewing", "tea_picking"]);
    assert_eq!(updated.disability_grade, Some(2));
    assert_eq!(updated.name, p1.name, "absent fields stay");
    let cleared: PersonResponse = staff.patch_json(&url, &json!({"disability_grade": null})).await.json().await.expect("person");
    assert_eq!(cleared.disability_grade, None);
    let dup = staff.patch_json(&url, &json!({"id_number": taken})).await;
    assert_error(dup, StatusCode::CONFLICT, ErrorCode::DuplicatePerson).await;
    let out = staff.patch_json(&url, &json!({"home_region": "610981100"})).await;
    assert_error(out, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    let bad = staff.patch_json(&url, &json!({"phone": "12", "skills": ["飞行"]})).await;
    let fields = assert_error(bad, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(fields, vec!["phone", "skills[0]"]);
    let after: PersonResponse = staff.get(&url).await.json().await.expect("person");
    assert_eq!(after, cleared, "refused updates change nothing");
}

async fn invalid_people_are_refused_field_by_field_and_nothing_is_written(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let good = person_json("郑淑芬", &id_number("610902", 1990, 9));
    let cases = [
        ("name", json!(""), "empty name"),
        ("id_number", json!("610902199006150091"), "wrong check digit"),
        ("id_number", json!("61090219900615009"), "17 characters"),
        ("phone", json!("0915-1234567"), "landline"),
        ("birth_year", json!(1991), "disagrees with the id number"),
        ("home_region", json!("999999"), "unknown region"),
        ("home_region", json!("6109"), "a city is not a home"),
        ("disability_grade", json!(7), "grade out of range"),
        ("skills", json!(["sewing", "time travel"]), "unknown skill"),
    ];
    for (field, value, why) in cases {
        let mut p = good.clone();
        p[field] = value;

        let res = staff.create_person(&p).await;

        let status = res.status();
        let text = res.text().await.expect("text");
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{why}: {text}");
        let err: serde_json::Value = serde_json::from_str(&text).expect("json");
        let first = err["error"]["fields"][0].as_str().expect("a field");
        assert!(first.starts_with(field), "{why}: fields {}", err["error"]["fields"]);
    }
    assert_eq!(count_rows(&app, "people").await, 0);
    assert_eq!(count_rows(&app, "person_skills").await, 0);
    assert_eq!(body(staff.create_person(&good).await).await["name"], "郑淑芬", "the valid one still goes in");
}
