//! The audit log: readable by admin only, append-only in the database itself.

use doorstep_shared::api::AuditPage;
use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{id_number, person_json, TestApp};

backend_tests!(admin_reads_who_did_what_to_which_record, the_database_refuses_to_rewrite_the_audit_log);

async fn admin_reads_who_did_what_to_which_record(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = staff.create_person(&person_json("孙德福", &id_number("610902", 1960, 4))).await;
    let id = person.json::<serde_json::Value>().await.expect("json")["id"].as_i64().expect("id");
    staff.patch_json(&format!("/api/v1/people/{id}"), &serde_json::json!({"phone": "13600000000"})).await;
    staff.post_json(&format!("/api/v1/people/{id}/reveal"), &serde_json::json!({})).await;
    let admin = app.admin().await;

    let page: AuditPage = admin.get("/api/v1/audit").await.json().await.expect("page");

    let actions: Vec<(&str, &str, i64)> = page.items.iter().map(|e| (e.actor_username.as_str(), e.action.as_str(), e.entity_id)).collect();
    assert_eq!(actions, vec![("staff_hanbin", "person.reveal_id", id), ("staff_hanbin", "person.update", id), ("staff_hanbin", "person.create", id)]);
    assert_eq!(staff.get("/api/v1/audit").await.status(), StatusCode::FORBIDDEN);
}

async fn the_database_refuses_to_rewrite_the_audit_log(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    staff.create_person(&person_json("孙德福", &id_number("610902", 1960, 4))).await;

    let update = sqlx::query("UPDATE audit_log SET action = 'nothing'").execute(app.db().pool()).await;
    let delete = sqlx::query("DELETE FROM audit_log").execute(app.db().pool()).await;

    assert!(update.is_err(), "update went through");
    assert!(delete.is_err(), "delete went through");
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log").fetch_one(app.db().pool()).await.expect("count");
    assert_eq!(n, 1);
}
