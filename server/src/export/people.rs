//! The staff people list as a report, from the very `PersonResponse`s the
//! JSON list returns, each with the ID-card number to show (masked unless the
//! caller asked for and may see full numbers). Names people: always audited.

use doorstep_shared::api::{Gender, PersonResponse, RegionRef};
use doorstep_shared::types::Day;

use super::model::{Cell, Kind, Report, Sheet, Stamp};
use super::parts::category_name;
use crate::reference::SkillCatalog;

/// The report of `people` (each with the ID number to show) inside `jurisdiction`.
pub fn people_report(people: &[(PersonResponse, String)], skills: &SkillCatalog, jurisdiction: Option<RegionRef>, stamp: Stamp) -> Report {
    let mut sheet = Sheet::new(
        "people",
        "人员名单",
        &[
            ("人员编号", Kind::Integer),
            ("姓名", Kind::Text),
            ("身份证号", Kind::Text),
            ("手机号", Kind::Text),
            ("性别", Kind::Text),
            ("出生年份", Kind::Integer),
            ("户籍地", Kind::Text),
            ("区划代码", Kind::Text),
            ("救助类别", Kind::Text),
            ("残疾等级", Kind::Integer),
            ("技能", Kind::Text),
            ("同意向用人单位展示", Kind::Text),
            ("登记日期", Kind::Date),
        ],
    )
    .personal();
    for (p, id_number) in people {
        let categories: Vec<&str> = p.categories.iter().map(|c| category_name(Some(*c))).collect();
        let skill_names: Vec<String> = p.skills.iter().map(|code| skills.names(code).0).collect();
        sheet.row(vec![
            Cell::int(p.id),
            Cell::text(&p.name),
            Cell::text(id_number),
            Cell::text(&p.phone),
            Cell::text(match p.gender {
                Gender::Female => "女",
                Gender::Male => "男",
            }),
            Cell::int(p.birth_year),
            Cell::text(&p.home_region_name),
            Cell::text(&p.home_region_official_code),
            Cell::text(categories.join("、")),
            p.disability_grade.map_or(Cell::Empty, Cell::int),
            Cell::text(skill_names.join("、")),
            Cell::yes_no(p.consent_to_share),
            Cell::Date(Day::in_china_at(p.created_at)),
        ]);
    }
    Report { title: "人员名单", slug: "people", period: None, jurisdiction, generated: stamp, sheets: vec![sheet] }
}
