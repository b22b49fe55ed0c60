//! The follow-up worklist as a report, from the very `FollowUpTask`s the
//! JSON list returns: who, which job, which month, due when, where it stands
//! and what was found. Names people: always audited.

use doorstep_shared::api::{FollowUpState, FollowUpTask, RegionRef};

use super::model::{Cell, Kind, Report, Sheet, Stamp};
use super::parts::kind_name;

fn state_name(state: FollowUpState) -> &'static str {
    match state {
        FollowUpState::Upcoming => "未到期",
        FollowUpState::Due => "待回访",
        FollowUpState::Overdue => "已逾期",
        FollowUpState::Done => "已完成",
    }
}

/// The report of `tasks` inside `jurisdiction`.
pub fn follow_ups_report(tasks: &[FollowUpTask], jurisdiction: Option<RegionRef>, stamp: Stamp) -> Report {
    let mut sheet = Sheet::new(
        "follow_ups",
        "回访任务",
        &[
            ("就业编号", Kind::Integer),
            ("人员编号", Kind::Integer),
            ("姓名", Kind::Text),
            ("现居住地", Kind::Text),
            ("岗位", Kind::Text),
            ("用工单位", Kind::Text),
            ("就业方式", Kind::Text),
            ("上岗日期", Kind::Date),
            ("回访月数", Kind::Integer),
            ("应回访日期", Kind::Date),
            ("状态", Kind::Text),
            ("仍在岗", Kind::Text),
            ("回访时月工资（元）", Kind::Money),
        ],
    )
    .personal();
    for t in tasks {
        sheet.row(vec![
            Cell::int(t.placement_id),
            Cell::int(t.person_id),
            Cell::text(&t.person_name),
            Cell::text(&t.region_name),
            Cell::text(&t.posting_title),
            Cell::text(&t.employer_name),
            Cell::text(kind_name(t.kind)),
            Cell::Date(t.start_date),
            Cell::int(t.month),
            Cell::Date(t.due_on),
            Cell::text(state_name(t.state)),
            t.follow_up.as_ref().map_or(Cell::Empty, |f| Cell::yes_no(f.still_employed)),
            t.follow_up.as_ref().and_then(|f| f.monthly_wage).map_or(Cell::Empty, |w| Cell::Money(i64::from(w) * 100)),
        ]);
    }
    Report { title: "回访任务", slug: "follow-ups", period: None, jurisdiction, generated: stamp, sheets: vec![sheet] }
}
