//! A seeker's own profile: a self-registered account fills it in and can
//! apply at once; the categories they claim count only once staff verify them.

use doorstep_shared::api::{ApplicationResponse, ErrorCode, MeResponse, PeoplePage, PersonResponse};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, id_number, person_json, posting_json, Client, TestApp};

backend_tests!(
    a_self_registered_seeker_fills_in_a_profile_and_applies_at_once,
    claimed_categories_count_only_once_staff_verify_them,
    bad_profiles_are_refused_naming_the_field,
);

/// A profile for a woman from 老城街道, born in 1984, who sews and claims dibao.
fn profile_json(id: &str) -> Value {
    json!({
        "name": "张桂芳",
        "id_number": id,
        "gender": "female",
        "birth_year": 1984,
        "home_region": "610902001",
        "claimed_categories": ["dibao"],
        "skills": ["做衣服"],
        "preferences": {"max_commute_km": 20, "schedules": ["full_time"], "min_wage": 2000},
        "consent_to_share": true
    })
}

/// A new seeker account, signed up through the API.
async fn signed_up(app: &TestApp, phone: &str) -> Client {
    let client = app.anonymous();
    let form = json!({"phone": phone, "password": "my-secret-1", "display_name": "张桂芳"});
    assert_eq!(client.sign_up(app, &form).await.status(), StatusCode::CREATED);
    client
}

async fn parsed<T: serde::de::DeserializeOwned>(res: reqwest::Response, status: StatusCode) -> T {
    let got = res.status();
    let text = res.text().await.expect("text");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).expect("body")
}

async fn a_self_registered_seeker_fills_in_a_profile_and_applies_at_once(app: TestApp) {
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let posting = admin.open_posting(&app, &posting_json(employer)).await;
    let seeker = signed_up(&app, "13700001111").await;
    assert_error(seeker.get("/api/v1/me/profile").await, StatusCode::CONFLICT, ErrorCode::ProfileMissing).await;
    assert_error(seeker.apply(posting, None).await, StatusCode::CONFLICT, ErrorCode::ProfileMissing).await;

    let created: PersonResponse = parsed(seeker.put_json("/api/v1/me/profile", &profile_json(&id_number("610902", 1984, 7))).await, StatusCode::CREATED).await;

    assert_eq!((created.phone.as_str(), created.home_region.as_str()), ("13700001111", "610902001"), "the phone is the account's");
    assert_eq!(created.skills, vec!["sewing"]);
    let me: MeResponse = parsed(seeker.get("/api/v1/me").await, StatusCode::OK).await;
    assert_eq!(me.person_id, Some(created.id));
    let applied: ApplicationResponse = parsed(seeker.apply(posting, None).await, StatusCode::CREATED).await;
    assert_eq!((applied.person_id, applied.person_name.as_str()), (created.id, "张桂芳"));
    // Later saves update the same record; a blank ID-card number keeps the one on record.
    let mut change = profile_json("");
    change["preferences"]["max_commute_km"] = json!(40);
    let updated: PersonResponse = parsed(seeker.put_json("/api/v1/me/profile", &change).await, StatusCode::OK).await;
    assert_eq!((updated.id, updated.preferences.max_commute_km), (created.id, 40));
    assert_eq!(updated.id_number_masked, created.id_number_masked);
    let read: PersonResponse = parsed(seeker.get("/api/v1/me/profile").await, StatusCode::OK).await;
    assert_eq!(read, updated);
}

async fn claimed_categories_count_only_once_staff_verify_them(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let seeker = signed_up(&app, "13700002222").await;
    let mine: PersonResponse = parsed(seeker.put_json("/api/v1/me/profile", &profile_json(&id_number("610902", 1984, 3))).await, StatusCode::CREATED).await;
    let dibao_count = || async { parsed::<PeoplePage>(staff.get("/api/v1/people?category=dibao").await, StatusCode::OK).await.total };

    assert_eq!((mine.categories.len(), mine.claimed_categories.len()), (0, 1), "a claim is not verified");
    assert_eq!(dibao_count().await, 0, "claims do not count in the figures");
    let seen: PersonResponse = parsed(staff.get(&format!("/api/v1/people/{}", mine.id)).await, StatusCode::OK).await;
    assert_eq!(seen.claimed_categories, mine.claimed_categories, "staff see what is claimed");

    let verified: PersonResponse =
        parsed(staff.patch_json(&format!("/api/v1/people/{}", mine.id), &json!({"categories": ["dibao"]})).await, StatusCode::OK).await;

    assert_eq!((verified.categories.len(), verified.claimed_categories.len()), (1, 0));
    assert_eq!(dibao_count().await, 1);
    // The seeker cannot undo a verification, nor verify by claiming.
    let mut again = profile_json("");
    again["claimed_categories"] = json!(["relocated"]);
    let after: PersonResponse = parsed(seeker.put_json("/api/v1/me/profile", &again).await, StatusCode::OK).await;
    assert_eq!(serde_json::to_value(&after.categories).expect("json"), json!(["dibao"]));
    assert_eq!(serde_json::to_value(&after.claimed_categories).expect("json"), json!(["relocated"]));
    // Staff may also dismiss a claim.
    let dismissed: PersonResponse =
        parsed(staff.patch_json(&format!("/api/v1/people/{}", mine.id), &json!({"claimed_categories": []})).await, StatusCode::OK).await;
    assert!(dismissed.claimed_categories.is_empty());
    assert_eq!(dismissed.categories, after.categories);
}

async fn bad_profiles_are_refused_naming_the_field(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let taken = id_number("610902", 1984, 5);
    staff.register_person(&person_json("王秀英", &taken)).await;
    let seeker = signed_up(&app, "13700003333").await;
    let with = |field: &str, value: Value| {
        let mut p = profile_json(&id_number("610902", 1984, 9));
        p[field] = value;
        p
    };
    let cases: Vec<(Value, StatusCode, ErrorCode, Vec<&str>)> = vec![
        (with("id_number", Value::Null), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["id_number"]),
        (with("birth_year", json!(1985)), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["birth_year"]),
        (with("home_region", json!("6109")), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["home_region"]),
        (with("skills", json!(["杂耍"])), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["skills[0]"]),
        (with("disability_grade", json!(2)), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["disability_grade"]),
        (with("claimed_categories", json!(["rich"])), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson, vec!["claimed_categories[0]"]),
        (with("id_number", json!(taken)), StatusCode::CONFLICT, ErrorCode::DuplicatePerson, vec!["id_number"]),
    ];
    for (i, (profile, status, code, fields)) in cases.into_iter().enumerate() {
        let res = seeker.put_json("/api/v1/me/profile", &profile).await;

        assert_eq!(assert_error(res, status, code).await, fields, "case {i}: {profile}");
    }
    assert_error(staff.put_json("/api/v1/me/profile", &profile_json(&id_number("610902", 1984, 9))).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_eq!(app.anonymous().get("/api/v1/me/profile").await.status(), StatusCode::UNAUTHORIZED);
    let me: MeResponse = parsed(seeker.get("/api/v1/me").await, StatusCode::OK).await;
    assert_eq!(me.person_id, None, "nothing was written");
}
