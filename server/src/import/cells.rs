//! Cell values as staff keep them: ID-card numbers (and what Excel does to
//! them), category words, 男/女, yes/no, lists, dates and wage ranges. Each
//! reader returns the value or a `Fault`: a problem kind with its Chinese
//! and English wording, the row and column added by the caller.

use doorstep_shared::api::{AssistanceCategory, Gender, ImportProblem, ImportProblemKind as Kind};
use doorstep_shared::types::{Day, IdCardNumber};

use crate::domain::Cell;

/// What is wrong with a cell, worded in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub kind: Kind,
    pub zh: String,
    pub en: String,
}

impl Fault {
    pub fn new(kind: Kind, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self { kind, zh: zh.into(), en: en.into() }
    }

    /// The problem of row `row` in column `column`.
    pub fn at(self, row: u32, column: &str) -> ImportProblem {
        ImportProblem { row, column: column.to_string(), kind: self.kind, message: self.zh, detail: self.en }
    }
}

/// A required cell left empty.
pub fn missing(column: &str) -> Fault {
    Fault::new(Kind::Missing, format!("{column}不能为空"), format!("{column} is empty"))
}

/// Reads an ID-card number, refusing one Excel stored as a number (its last
/// digits are gone: Excel keeps 15 significant digits) with a message that
/// says how to keep the column as text.
pub fn id_number(cell: &Cell, column: &str) -> Result<IdCardNumber, Fault> {
    let raw = match cell {
        Cell::Number(n) => return Err(as_number(&excel_general(*n))),
        Cell::Text(t) => t.trim().trim_start_matches('\'').replace([' ', '\t', '\u{3000}'], ""),
    };
    if raw.is_empty() {
        return Err(missing(column));
    }
    if looks_scientific(&raw) {
        return Err(as_number(&raw));
    }
    if raw.len() == 15 && raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Fault::new(
            Kind::BadIdNumber,
            format!("身份证号“{raw}”是 15 位旧号码，请填写 18 位号码"),
            format!("{raw} is an old 15-digit number; give the 18-digit one"),
        ));
    }
    IdCardNumber::parse(&raw).map_err(|e| {
        // 18 digits ending in 000 with a wrong check character: rounded by Excel, then saved as text.
        if raw.len() == 18 && raw.ends_with("000") && raw.bytes().all(|b| b.is_ascii_digit()) {
            return as_number(&raw);
        }
        Fault::new(Kind::BadIdNumber, format!("身份证号“{raw}”无效（位数或校验位不对）"), format!("{raw}: {e}"))
    })
}

fn as_number(shown: &str) -> Fault {
    Fault::new(
        Kind::IdNumberAsNumber,
        format!("身份证号被 Excel 存成了数字（{shown}），后几位已丢失；请把该列设置为“文本”格式后重新填写身份证号"),
        format!("the id-card number was stored as a number ({shown}) and lost its last digits; format the column as text and type the numbers again"),
    )
}

/// 6.10902E+17, 6.10902e17: a number Excel showed in scientific notation.
fn looks_scientific(raw: &str) -> bool {
    let Some((mantissa, exponent)) = raw.split_once(['e', 'E']) else { return false };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty() && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.') && !exponent.is_empty() && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// A big number as Excel's General format shows it: 6.10902E+17.
fn excel_general(n: f64) -> String {
    if n.abs() < 1e11 {
        return Cell::Number(n).text().into_owned();
    }
    let formatted = format!("{n:.5E}");
    let (mantissa, exponent) = formatted.split_once('E').unwrap_or((&formatted, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}E+{exponent}")
}

/// The gender the ID-card number encodes (its 17th digit: odd for men).
pub fn gender_of(id: &IdCardNumber) -> Gender {
    match id.as_ref().as_bytes().get(16).map(|b| b.saturating_sub(b'0') % 2) {
        Some(1) => Gender::Male,
        _ => Gender::Female,
    }
}

/// 男/女 (also male, female, m, f).
pub fn gender(raw: &str) -> Option<Gender> {
    match raw.trim().to_lowercase().as_str() {
        "男" | "男性" | "male" | "m" => Some(Gender::Male),
        "女" | "女性" | "female" | "f" => Some(Gender::Female),
        _ => None,
    }
}

/// The words of a list cell: 低保、残疾 or 缝纫,电工 or 低保 残疾.
pub fn words(raw: &str) -> Vec<&str> {
    raw.split(['、', ',', '，', ';', '；', '/', '|', '+', ' ', '\u{3000}', '\n']).map(str::trim).filter(|w| !w.is_empty()).collect()
}

/// An assistance category as staff write it.
pub fn category(word: &str) -> Option<AssistanceCategory> {
    use AssistanceCategory::*;
    Some(match word.trim_end_matches(['户', '人', '员']) {
        "低保" | "最低生活保障" | "城市低保" | "农村低保" | "dibao" => Dibao,
        "特困" | "特困供养" | "特困人" | "五保" | "tekun" => Tekun,
        "脱贫" | "建档立卡" | "建档立卡贫困" | "贫困" | "脱贫人口" | "registered_poor" => RegisteredPoor,
        "残疾" | "残疾人" | "disabled" => Disabled,
        "留守妇女" | "留守妇" | "left_behind_woman" => LeftBehindWoman,
        "易地搬迁" | "易地扶贫搬迁" | "搬迁" | "移民搬迁" | "relocated" => Relocated,
        _ => return None,
    })
}

/// A disability grade: 2, 二级, 2级, 贰级.
pub fn grade(raw: &str) -> Option<u8> {
    let core = raw.trim().trim_end_matches('级').trim_start_matches('第');
    match core {
        "1" | "一" | "壹" => Some(1),
        "2" | "二" | "贰" => Some(2),
        "3" | "三" | "叁" => Some(3),
        "4" | "四" | "肆" => Some(4),
        _ => None,
    }
}

/// 是/否 and their kin; blank is `default`.
pub fn yes_no(raw: &str, default: bool) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "" => Some(default),
        "是" | "有" | "包" | "提供" | "包吃住" | "包住" | "同意" | "y" | "yes" | "true" | "1" | "√" => Some(true),
        "否" | "无" | "不" | "不提供" | "不同意" | "n" | "no" | "false" | "0" | "×" => Some(false),
        _ => None,
    }
}

/// A date: 2026-12-31, 2026/12/31, 2026.12.31 or 2026年12月31日.
pub fn date(raw: &str) -> Option<Day> {
    let parts: Vec<&str> = raw.trim().split(['-', '/', '.', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    Day::parse(&format!("{y:0>4}-{m:0>2}-{d:0>2}")).ok()
}

/// A monthly wage or range in yuan: 3000, 3000-4500, 3000～4500元/月, 3千至4千5 is not read.
pub fn wage_range(raw: &str) -> Option<(u32, u32)> {
    let numbers: Vec<u32> = raw.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
    match numbers.as_slice() {
        [one] => Some((*one, *one)),
        [low, high] => Some((*low, *high)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_mangled_id_numbers_are_refused_with_their_shown_value() {
        let mangled = [Cell::Number(6.10902e17), Cell::Text("6.10902E+17".into()), Cell::Text("610902199001011000".into())];
        for cell in mangled {
            let fault = id_number(&cell, "身份证号").expect_err("mangled");
            assert_eq!(fault.kind, Kind::IdNumberAsNumber, "{cell:?}");
            assert!(fault.zh.contains("文本"), "{}", fault.zh);
        }
        assert!(id_number(&Cell::Number(6.10902e17), "x").expect_err("number").zh.contains("6.10902E+17"));
    }

    #[test]
    fn id_numbers_typed_as_text_parse_and_bad_ones_say_why() {
        assert_eq!(id_number(&Cell::Text(" '11010519491231002x ".into()), "x").expect("valid").as_ref(), "11010519491231002X");
        assert_eq!(id_number(&Cell::Text("110105194912310021".into()), "x").expect_err("checksum").kind, Kind::BadIdNumber);
        assert_eq!(id_number(&Cell::Text("610902900101123".into()), "x").expect_err("15 digits").kind, Kind::BadIdNumber);
        assert_eq!(id_number(&Cell::Text(String::new()), "x").expect_err("blank").kind, Kind::Missing);
    }

    #[test]
    fn the_words_staff_use_are_read() {
        let categories: Vec<_> = words("低保户、脱贫户,残疾人；留守妇女 易地搬迁 特困人员").into_iter().map(category).collect();
        assert!(categories.iter().all(Option::is_some), "{categories:?}");
        assert_eq!(category("建档立卡户"), Some(AssistanceCategory::RegisteredPoor));
        assert_eq!(category("富户"), None);
        assert_eq!(grade("二级"), Some(2));
        assert_eq!(gender("女"), Some(Gender::Female));
        assert_eq!(gender_of(&IdCardNumber::parse("11010519491231002X").expect("valid")), Gender::Female);
        assert_eq!(yes_no("", false), Some(false));
        assert_eq!(date("2026年12月1日").map(|d| d.to_string()), Some("2026-12-01".into()));
        assert_eq!(wage_range("3000～4500元/月"), Some((3000, 4500)));
        assert_eq!(wage_range("面议"), None);
    }
}
