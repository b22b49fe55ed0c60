//! A list of job postings, row by row: 单位名称 (an employer in the
//! importer's jurisdiction, by name or id), 岗位名称, 工作地点, 招聘人数,
//! 月薪 (3000 or 3000-4500), and optional 技能要求, 用工形式, 有效期至,
//! 岗位描述, 包吃住, 体力要求, 无障碍. Each row becomes a `PostingRequest`
//! checked by the same `parse_posting` as the form; imported postings wait
//! for review like any other.

use std::collections::{HashMap, HashSet};

use doorstep_shared::api::{Datum, ImportProblem, ImportProblemKind as Kind, PhysicalDemand, PostingRequest, Schedule};

use super::cells::{self, missing, Fault};
use super::context::{region_fault, Context};
use crate::domain::{parse_posting, ColumnSpec, PostingDraft, TableRow};

const fn spec(names: &'static [&'static str], required: bool) -> ColumnSpec {
    ColumnSpec { names, required }
}

/// The columns of a postings list, in the order of [`PostingColumns`]' fields.
pub const POSTING_COLUMNS: &[ColumnSpec] = &[
    spec(&["单位名称", "企业名称", "用工单位", "招聘单位", "单位", "employer", "employer_id"], true),
    spec(&["岗位名称", "岗位", "职位", "招聘岗位", "title"], true),
    spec(&["工作地点", "工作地址", "所在地", "地点", "region_code"], true),
    spec(&["招聘人数", "人数", "需求人数", "headcount"], true),
    spec(&["月薪", "工资", "薪资", "薪酬", "工资待遇", "月工资", "wage"], true),
    spec(&["技能要求", "技能", "所需技能", "skills"], false),
    spec(&["用工形式", "工作时间", "工作类型", "schedule"], false),
    spec(&["有效期至", "截止日期", "有效期", "valid_until"], false),
    spec(&["岗位描述", "岗位职责", "工作内容", "描述", "description"], false),
    spec(&["包吃住", "提供住宿", "住宿", "accommodation"], false),
    spec(&["体力要求", "劳动强度", "physical_demand"], false),
    spec(&["无障碍", "accessible"], false),
];

/// How long an imported posting stays valid when the file gives no date.
const DEFAULT_VALID_DAYS: i64 = 30;

type Column = (usize, String);

/// Where each column of a postings list sits, and its header as written.
pub struct PostingColumns {
    employer: Column,
    title: Column,
    place: Column,
    headcount: Column,
    wage: Column,
    optional: [Option<Column>; 7],
}

impl PostingColumns {
    /// From `read_table`'s columns for [`POSTING_COLUMNS`] (the required ones are there).
    pub fn new(found: Vec<Option<Column>>) -> Option<Self> {
        let mut f = found.into_iter();
        let mut next = move || f.next().flatten();
        Some(Self { employer: next()?, title: next()?, place: next()?, headcount: next()?, wage: next()?, optional: std::array::from_fn(|_| next()) })
    }

    /// The title's header as written (duplicates are named there).
    pub fn title_column(&self) -> &str {
        &self.title.1
    }
}

/// The employers of the jurisdiction by name (names may repeat) and by id.
#[derive(Debug, Default)]
pub struct EmployerNames {
    pub by_name: HashMap<String, Vec<i64>>,
    pub ids: HashSet<i64>,
}

/// Checks one row: the posting it describes, or every problem it has.
pub fn check_posting_row(row: &TableRow, c: &PostingColumns, employers: &EmployerNames, ctx: &Context<'_>) -> Result<PostingDraft, Vec<ImportProblem>> {
    let text = |col: &Column| row.cell(col.0).text().into_owned();
    let [skills_col, schedule_col, until_col, description_col, room_col, demand_col, access_col] = &c.optional;
    let optional = |col: &Option<Column>| col.as_ref().map(text).unwrap_or_default();
    let mut problems: Vec<ImportProblem> = Vec::new();
    let mut required = |col: &Column| {
        let value = text(col);
        if value.is_empty() {
            problems.push(missing(&col.1).at(row.number, &col.1));
        }
        value
    };
    let (employer, title, place, headcount, wage) = (required(&c.employer), required(&c.title), required(&c.place), required(&c.headcount), required(&c.wage));
    let mut fault = |col: &Column, f: Fault| problems.push(f.at(row.number, &col.1));

    let employer_id = match employers.by_name.get(employer.as_str()).map(Vec::as_slice) {
        _ if employer.is_empty() => None,
        _ if employer.parse::<i64>().is_ok_and(|id| employers.ids.contains(&id)) => employer.parse().ok(),
        Some([id]) => Some(*id),
        Some(_) => {
            bad(&mut fault, &c.employer, Kind::UnknownEmployer, format!("有多个名为“{employer}”的单位，请改填单位编号"), "several employers have this name")
        }
        None => bad(&mut fault, &c.employer, Kind::UnknownEmployer, format!("您的管辖范围内没有单位“{employer}”，请先登记该单位"), "no employer of that name"),
    };
    let region = (!place.is_empty()).then(|| ctx.resolve_site(&place).map_err(|e| fault(&c.place, region_fault(&e, &place))).ok()).flatten();
    let headcount = match headcount.trim_end_matches('人').parse::<u32>() {
        _ if headcount.is_empty() => None,
        Ok(n) => Some(n),
        Err(_) => bad(&mut fault, &c.headcount, Kind::BadValue, format!("招聘人数“{headcount}”应为整数"), "headcount must be a whole number"),
    };
    let wage = match cells::wage_range(&wage) {
        _ if wage.is_empty() => None,
        Some(range) => Some(range),
        None => bad(&mut fault, &c.wage, Kind::BadValue, format!("月薪“{wage}”应为金额或范围，如 3000 或 3000-4500"), "wage must be an amount or a range"),
    };
    let schedule = match optional(schedule_col).as_str() {
        "" | "全职" | "全日制" => Some(Schedule::FullTime),
        "兼职" | "非全日制" => Some(Schedule::PartTime),
        "灵活" | "灵活就业" | "零工" | "季节工" | "计件" => Some(Schedule::Flexible),
        "居家" | "在家" | "居家就业" | "居家灵活" => Some(Schedule::HomeBased),
        other => bad(
            &mut fault,
            schedule_col.as_ref().unwrap_or(&c.title),
            Kind::BadValue,
            format!("用工形式“{other}”应为全职、兼职、灵活或居家"),
            "unknown schedule",
        ),
    };
    let valid_until = match optional(until_col) {
        until if until.is_empty() => Some(ctx.today.plus_days(DEFAULT_VALID_DAYS)),
        until => cells::date(&until).or_else(|| {
            bad(&mut fault, until_col.as_ref().unwrap_or(&c.title), Kind::BadValue, format!("有效期“{until}”应为日期，如 2026-12-31"), "not a date")
        }),
    };
    let demand = match optional(demand_col).trim_end_matches("体力").trim_end_matches('度') {
        "" | "轻" | "较轻" | "低" => Some(PhysicalDemand::Light),
        "中" | "中等" | "一般" => Some(PhysicalDemand::Medium),
        "重" | "较重" | "高" => Some(PhysicalDemand::Heavy),
        other => {
            bad(&mut fault, demand_col.as_ref().unwrap_or(&c.title), Kind::BadValue, format!("体力要求“{other}”应为轻、中或重"), "unknown physical demand")
        }
    };
    let mut flag = |col: &Option<Column>| {
        let written = optional(col);
        cells::yes_no(&written, false)
            .or_else(|| bad(&mut fault, col.as_ref().unwrap_or(&c.title), Kind::BadValue, format!("“{written}”应为“是”或“否”"), "must be yes or no"))
    };
    let (accommodation, accessible) = (flag(room_col), flag(access_col));
    let skills = optional(skills_col);
    let (
        Some(employer_id),
        Some(region),
        Some(headcount),
        Some((wage_min, wage_max)),
        Some(schedule),
        Some(valid_until),
        Some(demand),
        Some(accommodation),
        Some(accessible),
    ) = (employer_id, region, headcount, wage, schedule, valid_until, demand, accommodation, accessible)
    else {
        return Err(problems);
    };
    let request = PostingRequest {
        employer_id,
        title,
        description: optional(description_col),
        region_code: region.to_string(),
        lat: None,
        lon: None,
        datum: Datum::Wgs84,
        skills: cells::words(&skills).into_iter().map(String::from).collect(),
        wage_min,
        wage_max,
        headcount,
        schedule,
        accommodation,
        physical_demand: demand,
        accessible,
        valid_until: valid_until.to_string(),
    };
    match parse_posting(request, ctx.tree, ctx.skills, ctx.today) {
        Ok(draft) if problems.is_empty() => Ok(draft),
        Ok(_) => Err(problems),
        Err(errors) => {
            for (field, message) in errors.0 {
                let column = match field.as_str() {
                    "title" => &c.title,
                    "headcount" => &c.headcount,
                    "wage_min" | "wage_max" => &c.wage,
                    "region_code" | "lat" | "lon" => &c.place,
                    f if f.starts_with("skills[") => skills_col.as_ref().unwrap_or(&c.title),
                    "valid_until" => until_col.as_ref().unwrap_or(&c.title),
                    "description" => description_col.as_ref().unwrap_or(&c.title),
                    _ => &c.title,
                };
                let kind = if field.starts_with("skills[") { Kind::UnknownSkill } else { Kind::BadValue };
                problems.push(Fault::new(kind, posting_rule_zh(&field), message).at(row.number, &column.1));
            }
            Err(problems)
        }
    }
}

/// Records a fault and gives no value.
fn bad<T>(fault: &mut impl FnMut(&Column, Fault), col: &Column, kind: Kind, zh: String, en: &str) -> Option<T> {
    fault(col, Fault::new(kind, zh, en));
    None
}

/// The Chinese wording of a rule `parse_posting` checks.
fn posting_rule_zh(field: &str) -> String {
    match field {
        "title" => "岗位名称须为 1 至 60 个字".into(),
        "headcount" => "招聘人数须为 1 至 10000".into(),
        "wage_min" => "最低月薪不能高于最高月薪".into(),
        "wage_max" => "月薪不能超过 100000 元".into(),
        "valid_until" => "有效期须在今天到一年之内".into(),
        "description" => "岗位描述不能超过 4000 字".into(),
        f if f.starts_with("skills[") => "技能无法识别，请换一种说法或查看技能列表".into(),
        _ => "工作地点无效".into(),
    }
}
