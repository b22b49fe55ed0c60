//! The placements list as a report, from the very `PlacementResponse`s the
//! JSON list returns, each with the person's ID-card number to show (masked
//! unless the caller asked for and may see full numbers). Names people:
//! always audited.

use doorstep_shared::api::{PlacementResponse, RegionRef};
use doorstep_shared::types::Day;

use super::model::{Cell, Kind, Report, Sheet, Stamp};
use super::parts::kind_name;

/// The retention checks, in months after the start, each a column.
const FOLLOW_UP_MONTHS: [u8; 3] = [1, 3, 6];

/// The report of `placements` (each with the ID number to show) inside `jurisdiction`.
pub fn placements_report(placements: &[(PlacementResponse, String)], jurisdiction: Option<RegionRef>, stamp: Stamp) -> Report {
    let mut sheet = Sheet::new(
        "placements",
        "就业登记",
        &[
            ("就业编号", Kind::Integer),
            ("人员编号", Kind::Integer),
            ("姓名", Kind::Text),
            ("身份证号", Kind::Text),
            ("岗位", Kind::Text),
            ("用工单位", Kind::Text),
            ("就业方式", Kind::Text),
            ("上岗日期", Kind::Date),
            ("月工资（元）", Kind::Money),
            ("1个月回访在岗", Kind::Text),
            ("3个月回访在岗", Kind::Text),
            ("6个月回访在岗", Kind::Text),
            ("登记日期", Kind::Date),
        ],
    )
    .personal();
    for (p, id_number) in placements {
        let mut row = vec![
            Cell::int(p.id),
            Cell::int(p.person_id),
            Cell::text(&p.person_name),
            Cell::text(id_number),
            Cell::text(&p.posting_title),
            Cell::text(&p.employer_name),
            Cell::text(kind_name(p.kind)),
            Cell::Date(p.start_date),
            Cell::Money(i64::from(p.monthly_wage) * 100),
        ];
        for month in FOLLOW_UP_MONTHS {
            row.push(p.follow_ups.iter().find(|f| f.month == month).map_or(Cell::Empty, |f| Cell::yes_no(f.still_employed)));
        }
        row.push(Cell::Date(Day::in_china_at(p.created_at)));
        sheet.row(row);
    }
    Report { title: "就业登记", slug: "placements", period: None, jurisdiction, generated: stamp, sheets: vec![sheet] }
}
