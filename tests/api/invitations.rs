//! Inviting a suggested candidate: an employer invites a consenting person,
//! who finds the posting in their inbox with reasons worded for them; the
//! employer's own view of the reasons speaks about the seeker, not to them.

use doorstep_shared::api::{CandidatesResponse, ErrorCode, InboxResponse, InvitationResponse, PostingResponse, Reason, ReasonKind};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, id_number, person_json, posting_json, Client, TestApp};

backend_tests!(an_employer_invites_a_consenting_candidate_who_finds_it_in_the_inbox, invitations_are_refused_for_people_who_did_not_consent_and_for_strangers,);

/// An open sewing posting, an employer account for it, and staff of Hanbin.
struct World {
    admin: Client,
    posting: i64,
    employer_id: i64,
    employer: Client,
    staff: Client,
}

async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let posting = admin.open_posting(app, &posting_json(employer_id)).await;
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    World { admin, posting, employer_id, employer, staff }
}

/// Who invites, to which posting, whom; the status, code and fields expected.
type Refusal<'a> = (&'a Client, i64, i64, StatusCode, ErrorCode, Vec<&'a str>);

fn schedule_reason(reasons: &[Reason]) -> &Reason {
    let found = reasons.iter().find(|r| r.kind == ReasonKind::Schedule);
    found.expect("a schedule reason")
}

async fn invite(client: &Client, posting: i64, person: i64) -> reqwest::Response {
    client.post_json(&format!("/api/v1/postings/{posting}/invitations"), &json!({"person_id": person})).await
}

async fn an_employer_invites_a_consenting_candidate_who_finds_it_in_the_inbox(app: TestApp) {
    let w = world(&app).await;
    let mut wants_full_time = person_json("王秀英", &id_number("610902", 1980, 1));
    wants_full_time["preferences"] = json!({"schedules": ["full_time"]});
    let person = w.staff.register_person(&wants_full_time).await;
    let seeker = app.seeker_of("13800001234", person).await;
    let candidates: CandidatesResponse = w.employer.get(&format!("/api/v1/postings/{}/candidates", w.posting)).await.json().await.expect("candidates");
    let suggested = candidates.candidates.iter().find(|c| c.person_id == person).expect("suggested");

    let res = invite(&w.employer, w.posting, person).await;

    assert_eq!(res.status(), StatusCode::CREATED);
    let answer: InvitationResponse = res.json().await.expect("invitation");
    assert_eq!((answer.posting_id, answer.person_id), (w.posting, person));
    let inbox: InboxResponse = seeker.get("/api/v1/me/inbox").await.json().await.expect("inbox");
    assert_eq!(inbox.items.len(), 1);
    let item = &inbox.items[0];
    assert!(item.invited && item.posting_id == w.posting, "{item:?}");
    let to_seeker = schedule_reason(&item.reasons);
    assert!(to_seeker.detail.contains("符合您的时间安排"), "{to_seeker:?}");
    let to_employer = schedule_reason(&suggested.reasons);
    assert!(to_employer.detail.contains("符合该求职者的时间安排"), "{to_employer:?}");
    assert!(suggested.reasons.iter().all(|r| !r.detail.contains('您')), "{:?}", suggested.reasons);
    // Inviting again keeps one inbox item.
    assert_eq!(invite(&w.employer, w.posting, person).await.status(), StatusCode::CREATED);
    let again: InboxResponse = seeker.get("/api/v1/me/inbox").await.json().await.expect("inbox");
    assert_eq!(again.items.len(), 1);
}

async fn invitations_are_refused_for_people_who_did_not_consent_and_for_strangers(app: TestApp) {
    let w = world(&app).await;
    let mut shy = person_json("李不愿", &id_number("610902", 1981, 2));
    shy["consent_to_share"] = json!(false);
    let shy = w.staff.register_person(&shy).await;
    let willing = w.staff.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    let seeker = app.seeker_of("13800001234", willing).await;
    let other = app.login_as("employer", "other", None, Some(app.employer_in(&w.admin, "610902002").await)).await;
    let pending: PostingResponse = w.employer.post_json("/api/v1/postings", &posting_json(w.employer_id)).await.json().await.expect("posting");

    let cases: Vec<Refusal> = vec![
        (&w.employer, w.posting, shy, StatusCode::CONFLICT, ErrorCode::NoConsent, vec!["person_id"]),
        (&w.employer, w.posting, 999_999, StatusCode::NOT_FOUND, ErrorCode::NotFound, vec!["person_id"]),
        (&w.employer, pending.id, willing, StatusCode::CONFLICT, ErrorCode::PostingNotOpen, vec![]),
        (&other, w.posting, willing, StatusCode::FORBIDDEN, ErrorCode::Forbidden, vec![]),
        (&seeker, w.posting, willing, StatusCode::FORBIDDEN, ErrorCode::Forbidden, vec![]),
    ];
    for (i, (client, posting, person, status, code, fields)) in cases.into_iter().enumerate() {
        let res = invite(client, posting, person).await;

        assert_eq!(assert_error(res, status, code).await, fields, "case {i}");
    }
    let inbox: InboxResponse = seeker.get("/api/v1/me/inbox").await.json().await.expect("inbox");
    assert!(inbox.items.is_empty(), "nothing was written");
}
