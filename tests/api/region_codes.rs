//! Official region codes everywhere a region is taken: the six-digit GB/T 2260
//! form of provinces and cities (610000, 610900, 441900), and the 9- and
//! 12-digit statistical codes of towns and villages (610902001000), on every
//! endpoint family; answers give the canonical code and the official one.
//! Also the datum of given points, and real points from a gazetteer (the staff
//! upload and `doorstep import region-points`).

use std::io::Write;

use doorstep_shared::api::{ErrorCode, MeResponse, PersonResponse, PointProblemKind, PostingPage, PostingResponse, RegionPointsReport, RegionResponse};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, body, id_number, person_json, posting_json, Client, TestApp};

backend_tests!(
    regions_are_looked_up_by_every_official_form,
    postings_take_official_codes_in_bodies_and_filters,
    people_profiles_and_staff_scopes_take_official_codes,
    matching_candidates_and_the_push_take_official_codes,
    a_point_given_in_gcj02_is_stored_in_wgs84,
    staff_upload_a_gazetteer_and_the_server_uses_it_at_once,
    the_import_command_reads_csv_and_xlsx_and_reports_bad_rows,
    points_stored_before_one_datum_are_converted_once,
);

async fn parsed<T: serde::de::DeserializeOwned>(res: reqwest::Response, status: StatusCode) -> T {
    let got = res.status();
    let text = res.text().await.expect("text");
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

async fn regions_are_looked_up_by_every_official_form(app: TestApp) {
    let client = app.anonymous();
    for (raw, code, official, name) in [
        ("610000", "61", "610000", "陕西省"),
        ("610900", "6109", "610900", "安康市"),
        ("6109", "6109", "610900", "安康市"),
        ("610100", "6101", "610100", "西安市"),
        ("320500", "3205", "320500", "苏州市"),
        ("441900", "4419", "441900", "东莞市"),
        ("610902", "610902", "610902", "汉滨区"),
        ("610902000000", "610902", "610902", "汉滨区"),
        ("610902001", "610902001", "610902001000", "老城街道"),
        ("610902001000", "610902001", "610902001000", "老城街道"),
        ("610902001003", "610902001003", "610902001003", "西大街社区居委会"),
    ] {
        let region: RegionResponse = parsed(client.get(&format!("/api/v1/regions/{raw}")).await, StatusCode::OK).await;
        assert_eq!((region.code.as_str(), region.official_code.as_str(), region.name.as_str()), (code, official, name), "{raw}");
    }
    let counties: Vec<RegionResponse> = parsed(client.get("/api/v1/regions?parent=610900").await, StatusCode::OK).await;
    assert_eq!(counties.len(), 10);
    assert!(counties.iter().all(|c| c.official_code == c.code), "counties are six digits either way");
    let towns: Vec<RegionResponse> = parsed(client.get("/api/v1/regions?parent=610902000000").await, StatusCode::OK).await;
    assert!(towns.iter().all(|t| t.official_code == format!("{}000", t.code)));

    assert_error(client.get("/api/v1/regions/999900").await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let unknown = client.get("/api/v1/regions?parent=610999000000").await;
    assert_eq!(assert_error(unknown, StatusCode::NOT_FOUND, ErrorCode::NotFound).await, vec!["parent"]);
}

async fn postings_take_official_codes_in_bodies_and_filters(app: TestApp) {
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001000").await;
    let listed = body(admin.get(&format!("/api/v1/employers/{employer}")).await).await;
    assert_eq!((listed["region_code"].as_str(), listed["region_official_code"].as_str()), (Some("610902001"), Some("610902001000")));
    let mut town = posting_json(employer);
    town["region_code"] = json!("610902001000");
    let created: PostingResponse = parsed(admin.post_json("/api/v1/postings", &town).await, StatusCode::CREATED).await;
    assert_eq!((created.region_code.as_str(), created.region_official_code.as_str()), ("610902001", "610902001000"));
    let mut dongguan = posting_json(employer);
    dongguan["region_code"] = json!("441900");
    dongguan["title"] = json!("电子厂普工");
    let transfer: PostingResponse = parsed(admin.post_json("/api/v1/postings", &dongguan).await, StatusCode::CREATED).await;
    assert_eq!((transfer.region_code.as_str(), transfer.region_official_code.as_str()), ("4419", "441900"));
    let id = created.id;
    assert_eq!(admin.post_json(&format!("/api/v1/postings/{id}/approve"), &json!({})).await.status(), StatusCode::OK);
    let updated = admin.patch_json(&format!("/api/v1/postings/{id}"), &json!({"headcount": 6})).await;
    let updated: PostingResponse = parsed(updated, StatusCode::OK).await;
    assert_eq!(updated.region_official_code, "610902001000");
    app.wait_indexed().await;

    let anyone = app.anonymous();
    for filter in ["610900", "610902000000", "610902001000", "610000"] {
        let page: PostingPage = parsed(anyone.get(&format!("/api/v1/postings?region={filter}")).await, StatusCode::OK).await;
        assert_eq!(page.items.iter().map(|p| p.id).collect::<Vec<_>>(), vec![id], "region={filter}");
    }
    let unknown = anyone.get("/api/v1/postings?region=610999000000").await;
    assert_eq!(assert_error(unknown, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await, vec!["region"]);
    let mut nowhere = posting_json(employer);
    nowhere["region_code"] = json!("610999");
    let refused = admin.post_json("/api/v1/postings", &nowhere).await;
    assert_eq!(assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["region_code"]);
}

/// A seeker's profile from 老城街道, its home given in the 12-digit form.
fn profile_json(id: &str, home: &str) -> Value {
    json!({"name": "张桂芳", "id_number": id, "gender": "female", "birth_year": 1984, "home_region": home,
           "skills": ["做衣服"], "consent_to_share": true})
}

async fn people_profiles_and_staff_scopes_take_official_codes(app: TestApp) {
    let staff = app.staff("staff_ankang", "610900").await;
    let me: MeResponse = parsed(staff.get("/api/v1/me").await, StatusCode::OK).await;
    let scope = me.region.expect("staff have a region");
    assert_eq!((scope.code.as_str(), scope.official_code.as_str()), ("6109", "610900"));

    let mut person = person_json("王秀英", &id_number("610902", 1984, 1));
    person["home_region"] = json!("610902001000");
    let created: PersonResponse = parsed(staff.create_person(&person).await, StatusCode::CREATED).await;
    assert_eq!((created.home_region.as_str(), created.home_region_official_code.as_str()), ("610902001", "610902001000"));
    let moved = staff.patch_json(&format!("/api/v1/people/{}", created.id), &json!({"home_region": "610902001003"})).await;
    let moved: PersonResponse = parsed(moved, StatusCode::OK).await;
    assert_eq!((moved.home_region.as_str(), moved.home_region_official_code.as_str()), ("610902001003", "610902001003"));
    let listed = body(staff.get("/api/v1/people?region=610902001000").await).await;
    assert_eq!(listed["total"], json!(1), "{listed}");
    assert_eq!(listed["items"][0]["home_region_official_code"], json!("610902001003"));

    let seeker = app.anonymous();
    let form = json!({"phone": "13700001111", "password": "my-secret-1", "display_name": "张桂芳"});
    assert_eq!(seeker.sign_up(&app, &form).await.status(), StatusCode::CREATED);
    let profile = seeker.put_json("/api/v1/me/profile", &profile_json(&id_number("610902", 1984, 7), "610902001000")).await;
    let profile: PersonResponse = parsed(profile, StatusCode::CREATED).await;
    assert_eq!(profile.home_region_official_code, "610902001000");

    let mut nowhere = person_json("李梅", &id_number("610902", 1985, 2));
    nowhere["home_region"] = json!("610902999000");
    let refused = staff.create_person(&nowhere).await;
    assert_eq!(assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["home_region"]);
    let mut city = person_json("李梅", &id_number("610902", 1985, 2));
    city["home_region"] = json!("610900");
    let refused = staff.create_person(&city).await;
    assert_eq!(assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["home_region"], "a city is no home");
}

async fn matching_candidates_and_the_push_take_official_codes(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902000000").await;
    let employer = app.employer_in(&staff, "610902001").await;
    let posting = staff.open_posting(&app, &posting_json(employer)).await;
    staff.register_person(&person_json("王秀英", &id_number("610902", 1984, 1))).await;

    let found = app.anonymous().post_json("/api/v1/match", &json!({"skills": ["缝纫"], "region_code": "610902001000"})).await;
    let found = body(found).await;
    assert_eq!(found["matches"][0]["posting_id"], json!(posting), "{found}");
    assert_eq!(found["matches"][0]["region_official_code"], json!("610902001000"));
    let unknown = app.anonymous().post_json("/api/v1/match", &json!({"skills": ["缝纫"], "region_code": "610902999000"})).await;
    assert_eq!(assert_error(unknown, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["region_code"]);

    let candidates = body(staff.get(&format!("/api/v1/postings/{posting}/candidates")).await).await;
    assert_eq!(candidates["candidates"][0]["home_region_official_code"], json!("610902001000"), "{candidates}");

    let pushed = staff.push(&json!({"region": "610902001000"})).await;
    assert_eq!(pushed.status(), StatusCode::ACCEPTED);
    let outside = staff.push(&json!({"region": "610921000000"})).await;
    assert_eq!(assert_error(outside, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await, vec!["region"]);
    let unknown = staff.push(&json!({"region": "610902999000"})).await;
    assert_eq!(assert_error(unknown, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["region"]);
}

async fn a_point_given_in_gcj02_is_stored_in_wgs84(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    // 安康市's centre as AMap gives it (GCJ-02); WGS84 lies a few hundred metres away.
    let (glat, glon) = (32.684810, 109.029113);

    let corrected = staff.put_json("/api/v1/regions/610902001000/point", &json!({"lat": glat, "lon": glon, "datum": "gcj02"})).await;
    let town: RegionResponse = parsed(corrected, StatusCode::OK).await;
    assert_eq!((town.code.as_str(), town.approximate), ("610902001", false));
    let shift = metres(glat, glon, town.lat, town.lon);
    assert!((200.0..800.0).contains(&shift), "{shift} m");
    let bad = staff.put_json("/api/v1/regions/610902001/point", &json!({"lat": glat, "lon": glon, "datum": "bd09"})).await;
    assert_eq!(assert_error(bad, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await, vec!["datum"]);

    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let mut site = posting_json(employer);
    site["lat"] = json!(glat);
    site["lon"] = json!(glon);
    site["datum"] = json!("gcj02");
    let posting: PostingResponse = parsed(admin.post_json("/api/v1/postings", &site).await, StatusCode::CREATED).await;
    assert!(metres(posting.lat, posting.lon, town.lat, town.lon) < 0.01, "one conversion for both");
    admin.post_json(&format!("/api/v1/postings/{}/approve", posting.id), &json!({})).await;
    app.wait_indexed().await;

    let near = |datum: &str| format!("/api/v1/postings?lat={glat}&lon={glon}&datum={datum}");
    let gcj: PostingPage = parsed(app.anonymous().get(&near("gcj02")).await, StatusCode::OK).await;
    let wgs: PostingPage = parsed(app.anonymous().get(&near("wgs84")).await, StatusCode::OK).await;
    assert_eq!(gcj.items[0].distance_km, Some(0.0), "the same point once converted");
    assert!(wgs.items[0].distance_km.expect("km") > 0.0);
    let bad = app.anonymous().get(&near("bd09")).await;
    assert_eq!(assert_error(bad, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await, vec!["datum"]);
    let matched = body(app.anonymous().post_json("/api/v1/match", &json!({"skills": ["缝纫"], "lat": glat, "lon": glon, "datum": "gcj02"})).await).await;
    assert_eq!(matched["matches"][0]["distance_km"], json!(0.0), "{matched}");
}

fn metres(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let a = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * ((lon2 - lon1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6_371_000.0 * a.sqrt().asin()
}

/// A gazetteer with two good rows (a GCJ-02 town in the 12-digit form, a
/// WGS84 town), then an unknown code, a bad latitude, an unknown datum and a
/// town of another county (石泉县城关镇).
const GAZETTEER: &str = "区划代码,名称,纬度,经度,坐标系\n\
610902001000,老城街道,32.6850,109.0290,GCJ-02\n\
610902002,新城街道,32.7001,109.0302,wgs84\n\
610902999000,无此镇,32.70,109.03,wgs84\n\
610902003,江北街道,北纬32度,109.03,wgs84\n\
610902004,建民街道,32.70,109.03,bd09\n\
610922100000,城关镇,33.04,108.25,wgs84\n";

async fn approximate(app: &TestApp, code: &str) -> (f64, f64, bool) {
    let r: RegionResponse = parsed(app.anonymous().get(&format!("/api/v1/regions/{code}")).await, StatusCode::OK).await;
    (r.lat, r.lon, r.approximate)
}

async fn staff_upload_a_gazetteer_and_the_server_uses_it_at_once(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let before = approximate(&app, "610902002").await;
    assert!(before.2);

    let report: RegionPointsReport = parsed(staff.post_raw("/api/v1/region-points", "text/csv", GAZETTEER.into()).await, StatusCode::OK).await;

    assert_eq!((report.rows, report.applied), (6, 2));
    let problems: Vec<(u32, &str)> = report.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
    assert_eq!(problems, vec![(4, "区划代码"), (5, "纬度"), (6, "坐标系"), (7, "区划代码")], "{:?}", report.problems);
    assert!(report.problems[3].problem.contains("jurisdiction"));
    let kinds: Vec<PointProblemKind> = report.problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PointProblemKind::UnknownRegion, PointProblemKind::NotANumber, PointProblemKind::UnknownDatum, PointProblemKind::OutsideJurisdiction]);
    assert_eq!(approximate(&app, "610902002").await, (32.7001, 109.0302, false), "the live tree has the new point");
    let (lat, _, approx) = approximate(&app, "610902001").await;
    assert!(!approx && (lat - 32.6850).abs() > 1e-4, "gcj-02 converted: {lat}");
    assert!(approximate(&app, "610922100").await.2, "another county's town is untouched");
    let (stored, approx): (f64, i64) =
        sqlx::query_as("SELECT lat, approximate FROM regions WHERE code = '610902002'").fetch_one(app.db().pool()).await.expect("row");
    assert_eq!((stored, approx), (32.7001, 0));

    let xlsx =
        staff.post_raw("/api/v1/region-points", "application/octet-stream", xlsx(&[&["code", "lat", "lon"], &["610902003000", "32.71", "109.04"]])).await;
    let report: RegionPointsReport = parsed(xlsx, StatusCode::OK).await;
    assert_eq!((report.rows, report.applied, report.problems.len()), (1, 1, 0));
    let garbage = staff.post_raw("/api/v1/region-points", "text/csv", b"name,value\nx,1\n".to_vec()).await;
    assert_eq!(assert_error(garbage, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["file"]);
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let employer_user = app.login_as("employer", "boss", None, Some(employer)).await;
    let refused = employer_user.post_raw("/api/v1/region-points", "text/csv", GAZETTEER.into()).await;
    assert_error(refused, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    let anonymous: Client = app.anonymous();
    assert_error(anonymous.post_raw("/api/v1/region-points", "text/csv", GAZETTEER.into()).await, StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated).await;
}

async fn the_import_command_reads_csv_and_xlsx_and_reports_bad_rows(app: TestApp) {
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("gazetteer.csv");
    std::fs::write(&csv, GAZETTEER).expect("written");
    let sheet = dir.path().join("gazetteer.xlsx");
    std::fs::write(&sheet, xlsx(&[&["代码", "纬度", "经度", "坐标系"], &["610922100", "33.0391", "108.2487", "wgs84"], &["610000", "x", "108", ""]]))
        .expect("written");

    let report = doorstep_server::cli::import_region_points_file(app.db(), &csv).await.expect("imported");
    let text = doorstep_server::cli::describe_report(&report);
    let from_sheet = doorstep_server::cli::import_region_points_file(app.db(), &sheet).await.expect("imported");

    assert_eq!((report.rows, report.applied, report.problems.len()), (6, 3, 3), "the command may set every region");
    assert!(text.contains("row 5, column 纬度"), "{text}");
    assert!(text.ends_with("6 rows read, 3 region points set, 3 rows with problems\n"), "{text}");
    assert_eq!((from_sheet.rows, from_sheet.applied), (2, 1));
    assert_eq!((from_sheet.problems[0].row, from_sheet.problems[0].column.as_str()), (3, "纬度"));
    let (lat, approx): (f64, i64) =
        sqlx::query_as("SELECT lat, approximate FROM regions WHERE code = '610922100'").fetch_one(app.db().pool()).await.expect("row");
    assert_eq!((lat, approx), (33.0391, 0));
    let missing = doorstep_server::cli::import_region_points_file(app.db(), &dir.path().join("none.csv")).await;
    assert!(missing.is_err());

    // The serving process learns of points another process wrote from its follower.
    assert!(approximate(&app, "610902002").await.2, "not yet");
    let changed = doorstep_server::region_points::refresh_region_points(app.db(), &app.state.regions).await.expect("refreshed");
    assert_eq!(changed, 3);
    assert_eq!(approximate(&app, "610902002").await, (32.7001, 109.0302, false));
    assert_eq!(doorstep_server::region_points::refresh_region_points(app.db(), &app.state.regions).await.expect("refreshed"), 0);
}

async fn points_stored_before_one_datum_are_converted_once(app: TestApp) {
    // A database from before: 安康市 with cpca's GCJ-02 point, marked as such by the migration.
    sqlx::query("UPDATE regions SET lat = 32.68481, lon = 109.029113, datum = 'gcj02' WHERE code = '6109'").execute(app.db().pool()).await.expect("updated");
    let point = || async {
        let (lat, lon, datum): (f64, f64, String) =
            sqlx::query_as("SELECT lat, lon, datum FROM regions WHERE code = '6109'").fetch_one(app.db().pool()).await.expect("row");
        (lat, lon, datum)
    };

    doorstep_server::startup::prepare_database(&app.settings).await.expect("prepared");
    let once = point().await;
    doorstep_server::startup::prepare_database(&app.settings).await.expect("prepared again");

    assert_eq!(once.2, "wgs84");
    assert!(metres(once.0, once.1, 32.686893, 109.024267) < 0.5, "the shipped wgs84 point: {once:?}");
    assert_eq!(point().await, once, "converted once only");
}

/// A minimal XLSX workbook of one sheet of text cells (what a spreadsheet program saves, less styles).
fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet =
        String::from(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#);
    for (r, cells) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, text) in cells.iter().enumerate() {
            let col = char::from(b'A' + u8::try_from(c).expect("few columns"));
            sheet.push_str(&format!(r#"<c r="{col}{}" t="inlineStr"><is><t>{text}</t></is></c>"#, r + 1));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        zip.start_file(name, stored).expect("entry");
        zip.write_all(text.as_bytes()).expect("written");
    }
    zip.finish().expect("zip").into_inner()
}
