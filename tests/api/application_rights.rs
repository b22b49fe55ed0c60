//! Who may move an application when the person and the employer live in
//! different jurisdictions: the person's staff refer and withdraw, the
//! employer's staff (and the employer) decide and hire, both sides' staff see
//! it. A person who did not consent to share is not referred. A posting's
//! headcount never drops below its hires.

use doorstep_shared::api::{ApplicationPage, ApplicationResponse, ApplicationStatus, ErrorCode, PostingPage, PostingResponse, PostingStatus};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, hire_json, id_number, person_json, posting_json, TestApp};

backend_tests!(
    the_persons_staff_refer_and_withdraw_while_the_employers_staff_hire,
    a_person_who_did_not_consent_to_share_is_not_referred,
    the_headcount_never_drops_below_the_hires_and_equal_fills_the_posting,
);

async fn the_persons_staff_refer_and_withdraw_while_the_employers_staff_hire(app: TestApp) {
    let admin = app.admin().await;
    let hanbin_employer = app.employer_in(&admin, "610902001").await;
    let posting = admin.open_posting(&app, &posting_json(hanbin_employer)).await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let hanbin = app.staff("staff_hanbin", "610902").await;
    let mut person = person_json("陈玉梅", &id_number("610981", 1985, 3));
    person["home_region"] = json!("610981100");
    let person = xunyang.register_person(&person).await;
    let mut second = person_json("刘春花", &id_number("610981", 1986, 4));
    second["home_region"] = json!("610981100");
    let second = xunyang.register_person(&second).await;

    let res = xunyang.apply(posting, Some(person)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "the person's staff refer across the county line");
    let referred: ApplicationResponse = res.json().await.expect("application");

    for change in [json!({"status": "interviewing"}), json!({"status": "rejected"})] {
        assert_error(xunyang.move_application(referred.id, &change).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    }
    let seen: ApplicationPage = hanbin.get("/api/v1/applications").await.json().await.expect("page");
    assert_eq!(seen.items.iter().map(|a| a.id).collect::<Vec<_>>(), vec![referred.id], "the employer's staff see it");
    assert_eq!(hanbin.get(&format!("/api/v1/applications/{}", referred.id)).await.status(), StatusCode::OK);
    assert_eq!(hanbin.move_application(referred.id, &json!({"status": "interviewing"})).await.status(), StatusCode::OK);
    assert_error(xunyang.move_application(referred.id, &hire_json()).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(hanbin.move_application(referred.id, &json!({"status": "withdrawn"})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    let withdrawn = xunyang.move_application(referred.id, &json!({"status": "withdrawn"})).await;
    assert_eq!(withdrawn.json::<ApplicationResponse>().await.expect("application").status, ApplicationStatus::Withdrawn);

    let other: ApplicationResponse = xunyang.apply(posting, Some(second)).await.json().await.expect("application");
    hanbin.move_application(other.id, &json!({"status": "interviewing"})).await;
    let hired: ApplicationResponse = hanbin.move_application(other.id, &hire_json()).await.json().await.expect("application");
    assert_eq!(hired.status, ApplicationStatus::Hired, "the employer's staff hire");
    let page: ApplicationPage = xunyang.get("/api/v1/applications").await.json().await.expect("page");
    assert_eq!(page.total, 2, "the person's staff still see both");
}

async fn a_person_who_did_not_consent_to_share_is_not_referred(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let posting = admin.open_posting(&app, &posting_json(employer_id)).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let mut person = person_json("王秀英", &id_number("610902", 1980, 1));
    person["consent_to_share"] = json!(false);
    let person = staff.register_person(&person).await;

    let res = staff.apply(posting, Some(person)).await;

    assert_eq!(assert_error(res, StatusCode::CONFLICT, ErrorCode::NoConsent).await, vec!["person_id"]);
    assert_eq!(count_rows(&app, "applications").await, 0);
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    let page: ApplicationPage = employer.get("/api/v1/applications").await.json().await.expect("page");
    assert_eq!(page.total, 0, "the employer sees nothing of the person");
}

async fn the_headcount_never_drops_below_the_hires_and_equal_fills_the_posting(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let mut p = posting_json(employer_id);
    p["headcount"] = json!(3);
    let posting = admin.open_posting(&app, &p).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    for seq in 1..=2 {
        let person = staff.register_person(&person_json("王秀英", &id_number("610902", 1980, seq))).await;
        let a: ApplicationResponse = staff.apply(posting, Some(person)).await.json().await.expect("application");
        staff.move_application(a.id, &json!({"status": "interviewing"})).await;
        assert_eq!(staff.move_application(a.id, &hire_json()).await.status(), StatusCode::OK);
    }
    let path = format!("/api/v1/postings/{posting}");

    let below = admin.patch_json(&path, &json!({"headcount": 1})).await;
    assert_eq!(assert_error(below, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["headcount"]);
    let equal: PostingResponse = admin.patch_json(&path, &json!({"headcount": 2})).await.json().await.expect("posting");

    assert_eq!((equal.status, equal.headcount, equal.hired), (PostingStatus::Filled, 2, 2));
    app.wait_indexed().await;
    let found: PostingPage = app.anonymous().get("/api/v1/postings?q=缝纫").await.json().await.expect("page");
    assert_eq!(found.total, 0, "a filled posting is out of search");
    let third = staff.register_person(&person_json("李桂兰", &id_number("610902", 1982, 3))).await;
    assert_error(staff.apply(posting, Some(third)).await, StatusCode::CONFLICT, ErrorCode::PostingNotOpen).await;
}
