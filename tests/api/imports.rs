//! Spreadsheet imports of people: a roster as staff keep it (XLSX with an
//! ID number Excel turned into a number, CSV with a BOM or in GBK, header
//! variants) gets the exact per-row report; a dry run writes nothing; a real
//! run writes the valid rows only, audited; running it again finds them all
//! on record. The error sheet comes back as CSV and XLSX.

use doorstep_shared::api::{ErrorCode, ImportProblemKind as Kind, ImportReport};
use reqwest::StatusCode;
use rust_xlsxwriter::Workbook;

use crate::backend_tests;
use crate::helpers::{assert_error, body, count_rows, id_number, person_json, Client, TestApp};

backend_tests!(
    a_roster_with_bad_rows_gets_exactly_the_right_report,
    a_csv_with_a_bom_or_in_gbk_reads_like_the_spreadsheet,
    the_error_sheet_holds_the_rows_left_out_for_their_uploader_only,
    files_that_are_not_rosters_are_refused_naming_the_file,
);

/// A cell of the roster: text, or a number as Excel would store it.
enum C {
    T(&'static str),
    S(String),
    N(f64),
}

const HEADER: [&str; 7] = ["名字", "公民身份号码", "手机号", "所在村", "类别", "性别", "技能"];

/// The roster: a title row, the header (variants) and nine people, as an XLSX.
fn roster() -> (Vec<u8>, [String; 3]) {
    let (good, other, existing) = (id_number("610902", 1980, 12), id_number("610902", 1985, 2), id_number("610902", 1975, 3));
    let mut bad_checksum = id_number("610902", 1990, 4);
    bad_checksum.replace_range(17.., if bad_checksum.ends_with('1') { "2" } else { "1" });
    let rows: Vec<[C; 7]> = vec![
        [C::T("王秀英"), C::S(good.clone()), C::T("13800001234"), C::T("老城街道"), C::T("低保户、残疾人"), C::T("女"), C::T("缝纫")],
        [C::T("李四"), C::S(bad_checksum), C::T("13800001235"), C::T("老城街道"), C::T(""), C::T(""), C::T("")],
        [C::T("张三"), C::N(6.10902e17), C::N(13800001236.0), C::T("老城街道"), C::T(""), C::T(""), C::T("")],
        [C::T("赵五"), C::S(id_number("610902", 1970, 5)), C::T("13800001237"), C::T("桃花源村"), C::T(""), C::T(""), C::T("")],
        [C::T("王秀英"), C::S(good.clone()), C::T("13800001234"), C::T("老城街道"), C::T(""), C::T(""), C::T("")],
        [C::T("钱六"), C::S(existing.clone()), C::T("13800001238"), C::T("老城街道"), C::T(""), C::T(""), C::T("")],
        [C::T("孙七"), C::S(id_number("610921", 1966, 6)), C::T("13800001239"), C::T("汉阴县城关镇"), C::T(""), C::T(""), C::T("")],
        [C::T("周八"), C::S(other.clone()), C::N(13800001240.0), C::T("610902001003"), C::T("脱贫户"), C::T(""), C::T("电工,做衣服")],
        [C::T("吴九"), C::S(id_number("610902", 1960, 7)), C::T("12345"), C::T("老城街道西大街社区"), C::T("富户"), C::T(""), C::T("")],
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "汉滨区老城街道低保人员花名册").expect("title");
    for (x, h) in HEADER.iter().enumerate() {
        sheet.write_string(1, x as u16, *h).expect("header");
    }
    for (y, row) in rows.iter().enumerate() {
        for (x, cell) in row.iter().enumerate() {
            let (y, x) = (y as u32 + 2, x as u16);
            match cell {
                C::T(t) => sheet.write_string(y, x, *t).map(drop),
                C::S(s) => sheet.write_string(y, x, s).map(drop),
                C::N(n) => sheet.write_number(y, x, *n).map(drop),
            }
            .expect("cell");
        }
    }
    (book.save_to_buffer().expect("xlsx"), [good, other, existing])
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn import(client: &Client, path: &str, content_type: &str, file: Vec<u8>) -> ImportReport {
    let res = client.post_raw(path, content_type, file).await;
    let status = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).expect("an import report")
}

fn problems(report: &ImportReport) -> Vec<(u32, &str, Kind)> {
    report.problems.iter().map(|p| (p.row, p.column.as_str(), p.kind)).collect()
}

async fn a_roster_with_bad_rows_gets_exactly_the_right_report(app: TestApp) {
    // Arrange: Hanbin's staff, and one person already registered.
    let staff = app.staff("staff_hanbin", "610902").await;
    let (file, [good, _, existing]) = roster();
    assert_eq!(staff.create_person(&person_json("钱六", &existing)).await.status(), StatusCode::CREATED);
    let audit_before = count_rows(&app, "audit_log").await;

    // Act: a dry run.
    let dry = import(&staff, "/api/v1/imports/people?dry_run=true", XLSX, file.clone()).await;

    // Assert: every bad row named by its sheet row (the title is row 1, the header row 2) and column.
    let expected = vec![
        (4, "公民身份号码", Kind::BadIdNumber),
        (5, "公民身份号码", Kind::IdNumberAsNumber),
        (6, "所在村", Kind::UnknownRegion),
        (7, "公民身份号码", Kind::DuplicateInFile),
        (8, "公民身份号码", Kind::AlreadyExists),
        (9, "所在村", Kind::OutsideJurisdiction),
        (11, "类别", Kind::UnknownCategory),
        (11, "手机号", Kind::BadPhone),
    ];
    assert_eq!(problems(&dry), expected);
    assert_eq!((dry.rows, dry.valid, dry.imported, dry.duplicates, dry.errors, dry.dry_run), (9, 2, 0, 2, 5, true));
    let mangled = &dry.problems[1];
    assert!(mangled.message.contains("6.10902E+17") && mangled.message.contains("文本"), "{}", mangled.message);
    assert!(dry.problems[3].message.contains("第 3 行"), "{}", dry.problems[3].message);
    assert_eq!((count_rows(&app, "people").await, count_rows(&app, "audit_log").await), (1, audit_before), "a dry run writes nothing");

    // Act: the real run.
    let real = import(&staff, "/api/v1/imports/people", XLSX, file.clone()).await;

    // Assert: the same report; the two valid rows written, each audited.
    assert_eq!(problems(&real), expected);
    assert_eq!((real.valid, real.imported, real.dry_run), (2, 2, false));
    assert_eq!(count_rows(&app, "people").await, 3);
    let (imports,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'person.import'").fetch_one(app.db().pool()).await.expect("audit");
    assert_eq!(imports, 2);
    let listed = body(staff.get("/api/v1/people?per_page=10").await).await;
    let wang = listed["items"].as_array().expect("items").iter().find(|p| p["name"] == "王秀英").expect("imported").clone();
    assert_eq!((wang["home_region"].as_str(), wang["gender"].as_str(), wang["birth_year"].as_u64()), (Some("610902001"), Some("female"), Some(1980)));
    assert_eq!(wang["categories"], serde_json::json!(["dibao", "disabled"]));
    assert_eq!(wang["skills"], serde_json::json!(["sewing"]));
    assert_eq!(wang["id_number_masked"].as_str(), Some(format!("{}********{}", &good[..6], &good[14..]).as_str()));
    let zhou = listed["items"].as_array().expect("items").iter().find(|p| p["name"] == "周八").expect("imported").clone();
    assert_eq!((zhou["home_region"].as_str(), zhou["phone"].as_str()), (Some("610902001003"), Some("13800001240")), "a code and a number cell read");

    // Act: the same file again. Assert: the imported rows are now on record.
    let again = import(&staff, "/api/v1/imports/people", XLSX, file).await;
    assert_eq!((again.imported, again.duplicates, again.errors), (0, 4, 5));
    let on_record: Vec<u32> = again.problems.iter().filter(|p| p.kind == Kind::AlreadyExists).map(|p| p.row).collect();
    assert_eq!(on_record, vec![3, 8, 10]);
    assert_eq!(count_rows(&app, "people").await, 3);
}

async fn a_csv_with_a_bom_or_in_gbk_reads_like_the_spreadsheet(app: TestApp) {
    // Arrange: the same two people under other header variants, as UTF-8 with a BOM and as GBK.
    let staff = app.staff("staff_hanbin", "610902").await;
    let csv = format!(
        "姓名,身份证号码,联系电话,乡镇,村(社区),人员类别,残疾等级\n王秀英,{},13800001234,老城街道,西大街社区居委会,残疾人,二级\n李四,{},138 0000 1235,,汉滨区老城街道,建档立卡户,\n",
        id_number("610902", 1980, 1),
        id_number("610902", 1981, 2)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);

    // Act
    let bom = import(&staff, "/api/v1/imports/people?dry_run=true", "text/csv", format!("\u{feff}{csv}").into_bytes()).await;
    let gbk = import(&staff, "/api/v1/imports/people?dry_run=false", "text/csv", gbk.into_owned()).await;

    // Assert
    assert_eq!((bom.rows, bom.valid, bom.problems.len()), (2, 2, 0), "{:?}", bom.problems);
    assert_eq!((gbk.rows, gbk.imported, gbk.problems.len()), (2, 2, 0), "{:?}", gbk.problems);
    let listed = body(staff.get("/api/v1/people?per_page=10").await).await;
    let wang = listed["items"].as_array().expect("items").iter().find(|p| p["name"] == "王秀英").expect("imported").clone();
    assert_eq!((wang["home_region"].as_str(), wang["disability_grade"].as_u64()), (Some("610902001003"), Some(2)));
}

async fn the_error_sheet_holds_the_rows_left_out_for_their_uploader_only(app: TestApp) {
    // Arrange: a dry run with bad rows.
    let staff = app.staff("staff_hanbin", "610902").await;
    let (file, _) = roster();
    let report = import(&staff, "/api/v1/imports/people?dry_run=true", XLSX, file).await;
    let path = format!("/api/v1/imports/{}/errors", report.id);

    // Act
    let csv = staff.get(&format!("{path}?format=csv")).await;
    let xlsx = staff.get(&path).await;

    // Assert: the CSV and the XLSX list the six rows left out, each with its problems.
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(csv.headers()["content-disposition"].to_str().expect("ascii").contains("attachment"));
    let text = csv.text().await.expect("csv");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], format!("原行号,{},问题", HEADER.join(",")));
    let rows: Vec<&str> = lines[1..].iter().map(|l| l.split(',').next().unwrap_or_default()).collect();
    assert_eq!(rows, vec!["4", "5", "6", "7", "9", "11"]);
    assert!(lines[6].contains("类别：") && lines[6].contains("手机号："), "{}", lines[6]);
    assert_eq!(xlsx.headers()["content-type"], XLSX);
    let bytes = xlsx.bytes().await.expect("xlsx").to_vec();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx");
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0).expect("a sheet").expect("readable");
    assert_eq!(sheet.height(), 7);
    assert!(matches!(sheet.get((1, 2)), Some(calamine::Data::String(id)) if id.len() == 18), "ID numbers stay text: {:?}", sheet.get((1, 2)));
    let (downloads,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'import.error_sheet'").fetch_one(app.db().pool()).await.expect("audit");
    assert_eq!(downloads, 2, "each download of personal data is audited");

    // Another staff member does not see it; a bad format is refused.
    let other = app.staff("staff_hanbin_2", "610902").await;
    assert_error(other.get(&path).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(staff.get(&format!("{path}?format=pdf")).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;
}

async fn files_that_are_not_rosters_are_refused_naming_the_file(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"name,phone\nx,1\n".to_vec(), "no ID-card number column"),
        (Vec::new(), "empty"),
        (vec![0xff, 0xfe, 0x00, 0x41], "neither UTF-8 nor GBK"),
        (b"PK\x03\x04broken".to_vec(), "a broken spreadsheet"),
    ];
    for (file, why) in cases {
        let fields =
            assert_error(staff.post_raw("/api/v1/imports/people", "text/csv", file).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
        assert_eq!(fields, vec!["file"], "{why}");
    }
    let too_big = vec![b'a'; 16 * 1024 * 1024 + 1];
    assert_error(staff.post_raw("/api/v1/imports/people", "text/csv", too_big).await, StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge).await;
    let seeker = app.login_as("seeker", "seeker", None, None).await;
    assert_error(seeker.post_raw("/api/v1/imports/people", "text/csv", b"x".to_vec()).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    let fields =
        assert_error(staff.post_raw("/api/v1/imports/people?dryrun=1", "text/csv", b"x".to_vec()).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter)
            .await;
    assert_eq!(fields, vec!["dryrun"]);
}
