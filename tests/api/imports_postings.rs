//! Spreadsheet imports of postings (pending review, for employers in the
//! jurisdiction, duplicates by employer, title and place), and what happens
//! when a batch fails to write: none of it is kept, the other batches are.

use doorstep_server::auth::Jurisdiction;
use doorstep_server::import::{ImportOptions, Importer};
use doorstep_server::storage::Backend;
use doorstep_shared::api::{ImportProblemKind as Kind, ImportReport};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{body, count_rows, days_from_today, id_number, TestApp};

backend_tests!(a_postings_list_creates_pending_postings_and_reports_the_rest, a_failing_batch_keeps_none_of_its_rows_and_is_reported);

async fn a_postings_list_creates_pending_postings_and_reports_the_rest(app: TestApp) {
    // Arrange: an employer in Hanbin, one in Hanyin (outside the staff's jurisdiction).
    let admin = app.admin().await;
    app.staff("staff_hanbin", "610902").await;
    let hanbin = app.employer_in(&admin, "610902001").await;
    let res = admin
        .post_json(
            "/api/v1/employers",
            &json!({"name": "汉阴茶厂", "kind": "company", "region_code": "610921", "contact_name": "李", "contact_phone": "13900000002"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let staff = app.anonymous();
    assert_eq!(staff.login("staff_hanbin", crate::helpers::PASSWORD).await.status(), StatusCode::OK);
    let csv = format!(
        "招聘单位,岗位,工作地点,需求人数,工资待遇,技能要求,用工形式,有效期至,包吃住\n\
         汉滨毛绒玩具社区工厂,缝纫工,老城街道,5,2800-3600元/月,缝纫,全职,{},是\n\
         汉滨毛绒玩具社区工厂,缝纫工,老城街道,3,3000,,,,\n\
         汉阴茶厂,采茶工,汉阴县城关镇,10,2000,,,,\n\
         汉滨毛绒玩具社区工厂,质检员,苏州市,2,面议,,,,\n\
         汉滨毛绒玩具社区工厂,包装工,苏州市,2,4000-5000,,兼职,{},否\n\
         {hanbin},打包员,江苏省苏州市,2,4000～5000,,零工,,\n",
        days_from_today(60),
        days_from_today(-1),
    );

    // Act
    let report = import(&staff, "/api/v1/imports/postings", csv.clone()).await;

    // Assert: rows 2 and 7 (the employer by id, a transfer site by name) created; the others named.
    let problems: Vec<(u32, &str, Kind)> = report.problems.iter().map(|p| (p.row, p.column.as_str(), p.kind)).collect();
    assert_eq!(
        problems,
        vec![(3, "岗位", Kind::DuplicateInFile), (4, "招聘单位", Kind::UnknownEmployer), (5, "工资待遇", Kind::BadValue), (6, "有效期至", Kind::BadValue)]
    );
    assert_eq!((report.rows, report.imported, report.duplicates, report.errors), (6, 2, 1, 3));
    let managed = body(staff.get("/api/v1/postings/managed?status=pending").await).await;
    assert_eq!(managed["total"], 2, "imported postings wait for review: {managed}");
    let sewing = managed["items"].as_array().expect("items").iter().find(|p| p["title"] == "缝纫工").expect("sewing").clone();
    assert_eq!((sewing["wage_min"].as_u64(), sewing["wage_max"].as_u64(), sewing["accommodation"].as_bool()), (Some(2800), Some(3600), Some(true)));

    // Act: the same list again. Assert: what was created is on record now.
    let again = import(&staff, "/api/v1/imports/postings", csv).await;
    let on_record: Vec<u32> = again.problems.iter().filter(|p| p.kind == Kind::AlreadyExists).map(|p| p.row).collect();
    assert_eq!((on_record, again.imported), (vec![2, 7], 0));
    assert_eq!(count_rows(&app, "postings").await, 2);
}

async fn import(client: &crate::helpers::Client, path: &str, csv: String) -> ImportReport {
    let res = client.post_raw(path, "text/csv", csv.into_bytes()).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("an import report")
}

async fn a_failing_batch_keeps_none_of_its_rows_and_is_reported(app: TestApp) {
    // Arrange: the database refuses one name, so the second batch of two fails inside its transaction.
    let refuse: &[&str] = match app.db().backend() {
        Backend::Sqlite => &["CREATE TRIGGER refuse_one BEFORE INSERT ON people WHEN NEW.name = '坏行' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"],
        Backend::Postgres => &[
            "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN IF NEW.name = '坏行' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse_one BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION refuse_one()",
        ],
    };
    for sql in refuse {
        sqlx::query(sql).execute(app.db().pool()).await.expect("trigger");
    }
    let actor = app.create_user("admin", "admin", None, None).await;
    let names = ["甲", "乙", "坏行", "丁", "戊"];
    let mut csv = String::from("姓名,身份证号,手机号,户籍地\n");
    for (i, name) in names.iter().enumerate() {
        csv.push_str(&format!("{name},{},1380000{:04},老城街道\n", id_number("610902", 1980, 10 + i as u16), i));
    }
    let importer = Importer::on(&app.state, actor, Jurisdiction::everywhere());
    let mut heard = Vec::new();

    // Act
    let (report, sheet) =
        importer.people(csv.as_bytes(), ImportOptions { dry_run: false, batch_size: 2 }, |done, total| heard.push((done, total))).await.expect("imported");

    // Assert: batches one and three written; both rows of batch two reported, neither kept, nor audited.
    assert_eq!((report.valid, report.imported, report.errors), (5, 3, 2));
    let failed: Vec<(u32, Kind)> = report.problems.iter().map(|p| (p.row, p.kind)).collect();
    assert_eq!(failed, vec![(4, Kind::BatchFailed), (5, Kind::BatchFailed)]);
    let mut stored: Vec<(String,)> = sqlx::query_as("SELECT name FROM people ORDER BY id").fetch_all(app.db().pool()).await.expect("people");
    stored.sort();
    assert_eq!(stored.into_iter().map(|(n,)| n).collect::<Vec<_>>(), vec!["乙", "戊", "甲"]);
    assert_eq!(count_rows(&app, "audit_log").await, 3);
    assert_eq!(sheet.rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![4, 5]);
    assert_eq!(heard, vec![(2, 5), (4, 5), (5, 5)], "progress after each batch");
}
