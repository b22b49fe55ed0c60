//! A people roster, row by row: the columns staff keep (姓名, 身份证号 /
//! 公民身份号码, 联系电话 / 手机号, 户籍地 / 所在村 with optional 县区 and
//! 乡镇 columns, 类别, 性别, 技能, 残疾等级, 同意推荐), each row read into a
//! `PersonRequest` and checked by the same `parse_person` as the staff form;
//! its field errors become problems of the row's columns.

use doorstep_shared::api::{ImportProblem, ImportProblemKind as Kind, PersonRequest, Preferences};

use super::cells::{self, missing, Fault};
use super::context::{region_fault, Context};
use crate::domain::{parse_person, ColumnSpec, FieldErrors, PersonDraft, TableRow};

const fn spec(names: &'static [&'static str], required: bool) -> ColumnSpec {
    ColumnSpec { names, required }
}

/// The columns of a roster, in the order of [`PeopleColumns`]' fields.
pub const PEOPLE_COLUMNS: &[ColumnSpec] = &[
    spec(&["姓名", "名字", "name"], true),
    spec(&["身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "id_number"], true),
    spec(&["联系电话", "手机号", "手机号码", "电话", "手机", "联系方式", "phone"], true),
    spec(&["户籍地", "所在村", "住址", "村(社区)", "所在村(社区)", "户籍所在地", "家庭住址", "村", "社区", "home_region"], true),
    spec(&["县区", "县(区)", "区县", "县(市、区)", "county"], false),
    spec(&["乡镇", "乡镇(街道)", "镇(街道)", "镇办", "街道", "town"], false),
    spec(&["性别", "gender"], false),
    spec(&["类别", "人员类别", "帮扶类别", "救助类别", "categories"], false),
    spec(&["技能", "专业技能", "技能特长", "特长", "skills"], false),
    spec(&["残疾等级", "残疾级别", "disability_grade"], false),
    spec(&["同意推荐", "同意向用人单位展示", "consent_to_share"], false),
];

type Column = (usize, String);

/// Where each column of a roster sits, and its header as written.
pub struct PeopleColumns {
    name: Column,
    id_number: Column,
    phone: Column,
    place: Column,
    county: Option<Column>,
    town: Option<Column>,
    gender: Option<Column>,
    categories: Option<Column>,
    skills: Option<Column>,
    grade: Option<Column>,
    consent: Option<Column>,
}

impl PeopleColumns {
    /// From `read_table`'s columns for [`PEOPLE_COLUMNS`] (the required ones are there).
    pub fn new(found: Vec<Option<Column>>) -> Option<Self> {
        let mut f = found.into_iter();
        let mut next = move || f.next().flatten();
        Some(Self {
            name: next()?,
            id_number: next()?,
            phone: next()?,
            place: next()?,
            county: next(),
            town: next(),
            gender: next(),
            categories: next(),
            skills: next(),
            grade: next(),
            consent: next(),
        })
    }

    /// The ID-card number's header as written (duplicates are named there).
    pub fn id_column(&self) -> &str {
        &self.id_number.1
    }
}

/// Checks one row: the person it describes, or every problem it has.
pub fn check_person_row(row: &TableRow, c: &PeopleColumns, ctx: &Context<'_>) -> Result<PersonDraft, Vec<ImportProblem>> {
    let text = |col: &Column| row.cell(col.0).text().into_owned();
    let optional = |col: &Option<Column>| col.as_ref().map(text).unwrap_or_default();
    let mut problems: Vec<ImportProblem> = Vec::new();
    let mut fault = |col: &Column, f: Fault| problems.push(f.at(row.number, &col.1));

    let name = text(&c.name);
    if name.is_empty() {
        fault(&c.name, missing(&c.name.1));
    }
    let id = cells::id_number(row.cell(c.id_number.0), &c.id_number.1).map_err(|f| fault(&c.id_number, f)).ok();
    let phone = text(&c.phone);
    if phone.is_empty() {
        fault(&c.phone, missing(&c.phone.1));
    }
    let place = [optional(&c.county), optional(&c.town), text(&c.place)];
    let region = if place[2].is_empty() {
        fault(&c.place, missing(&c.place.1));
        None
    } else {
        ctx.resolve_home(&place).map_err(|e| fault(&c.place, region_fault(&e, &place.concat()))).ok()
    };
    let mut gender = id.as_ref().map(cells::gender_of);
    if let Some(col) = &c.gender {
        let written = text(col);
        match (cells::gender(&written), gender) {
            (_, _) if written.is_empty() => {}
            (None, _) => fault(col, Fault::new(Kind::BadGender, format!("性别“{written}”无法识别，请填“男”或“女”"), format!("unknown gender {written:?}"))),
            (Some(g), Some(from_id)) if g != from_id => {
                fault(col, Fault::new(Kind::BadGender, format!("性别“{written}”与身份证号不符"), "the gender disagrees with the id-card number"))
            }
            (Some(g), _) => gender = Some(g),
        }
    }
    let mut categories = Vec::new();
    for word in c.categories.as_ref().map(text).as_deref().map(cells::words).unwrap_or_default() {
        match cells::category(word) {
            Some(category) => categories.push(category),
            None => fault(
                c.categories.as_ref().unwrap_or(&c.name),
                Fault::new(
                    Kind::UnknownCategory,
                    format!("类别“{word}”无法识别（可填：低保、特困、脱贫户/建档立卡、残疾、留守妇女、易地搬迁）"),
                    format!("unknown category {word:?}"),
                ),
            ),
        }
    }
    let grade = match c.grade.as_ref().map(text).filter(|g| !g.is_empty()) {
        None => None,
        Some(written) => cells::grade(&written).or_else(|| {
            let col = c.grade.as_ref().unwrap_or(&c.name);
            fault(col, Fault::new(Kind::BadValue, format!("残疾等级“{written}”应为一级至四级"), format!("disability grade {written:?} must be 1 to 4")));
            None
        }),
    };
    let consent = match c.consent.as_ref().map(text) {
        None => false,
        Some(written) => cells::yes_no(&written, false).unwrap_or_else(|| {
            let col = c.consent.as_ref().unwrap_or(&c.name);
            fault(col, Fault::new(Kind::BadValue, format!("“{written}”应为“是”或“否”"), format!("{written:?} must be yes or no")));
            false
        }),
    };
    let skills = optional(&c.skills);
    let request = PersonRequest {
        name,
        id_number: id.as_ref().map(|i| i.as_ref().to_string()).unwrap_or_default(),
        phone,
        gender: gender.unwrap_or(doorstep_shared::api::Gender::Female),
        birth_year: id.as_ref().map_or(0, |i| i.birth_year()),
        home_region: region.as_ref().map(ToString::to_string).unwrap_or_default(),
        home_lat: None,
        home_lon: None,
        categories,
        disability_grade: grade,
        skills: cells::words(&skills).into_iter().map(String::from).collect(),
        preferences: Preferences::default(),
        consent_to_share: consent,
    };
    let parsed = parse_person(request, ctx.tree, ctx.skills, ctx.today.year().try_into().unwrap_or(u16::MAX));
    if let Err(errors) = &parsed {
        // Cells already found wrong above are not reported twice.
        let reported = (id.is_none(), region.is_none());
        problems.extend(field_problems(errors, row.number, c, &skills, reported));
    }
    match parsed {
        Ok(draft) if problems.is_empty() => Ok(draft),
        _ => Err(problems),
    }
}

/// `parse_person`'s field errors as problems of the columns they came from.
fn field_problems(errors: &FieldErrors, row: u32, c: &PeopleColumns, skills: &str, (id_reported, region_reported): (bool, bool)) -> Vec<ImportProblem> {
    let mut out = Vec::new();
    let words = cells::words(skills);
    for (field, message) in &errors.0 {
        let (column, fault) = match field.as_str() {
            "name" => (&c.name, Fault::new(Kind::BadValue, "姓名须为 1 至 50 个字", message.as_str())),
            "phone" => (&c.phone, Fault::new(Kind::BadPhone, "联系电话应为 11 位手机号", message.as_str())),
            "id_number" | "birth_year" if id_reported => continue,
            "id_number" | "birth_year" => (&c.id_number, Fault::new(Kind::BadIdNumber, "身份证号无效", message.as_str())),
            "home_region" if region_reported => continue,
            "home_region" => (&c.place, Fault::new(Kind::UnknownRegion, "户籍地应为县区、乡镇或村（社区）", message.as_str())),
            "disability_grade" => {
                (c.grade.as_ref().or(c.categories.as_ref()).unwrap_or(&c.name), Fault::new(Kind::BadValue, "填写残疾等级时类别须含“残疾”", message.as_str()))
            }
            skill if skill.starts_with("skills[") => {
                let at: usize = skill.trim_start_matches("skills[").trim_end_matches(']').parse().unwrap_or(usize::MAX);
                let word = words.get(at).copied().unwrap_or_default();
                let zh = format!("技能“{word}”无法识别，请换一种说法或查看技能列表");
                (c.skills.as_ref().unwrap_or(&c.name), Fault::new(Kind::UnknownSkill, zh, message.as_str()))
            }
            _ => (&c.name, Fault::new(Kind::BadValue, message.as_str(), message.as_str())),
        };
        out.push(fault.at(row, &column.1));
    }
    out
}
