//! A file of region points (a bureau's gazetteer): CSV (UTF-8 or GBK) or a
//! spreadsheet (XLSX, XLS, ODS: first sheet), a header row naming the
//! columns code, lat, lon and datum (English or Chinese: 代码/区划代码,
//! 纬度, 经度, 坐标系), then one region a row. Every row is checked; the
//! good ones come back ready to store, the bad ones named by row, column and
//! problem. The one reader for `doorstep import region-points` and the staff
//! upload.

use doorstep_shared::api::{Datum, PointProblemKind as Kind, RegionPointProblem};
use doorstep_shared::types::RegionCode;

use super::{given_point, read_table, ColumnSpec, Point};
use crate::reference::RegionTree;

/// The rows of a file that can be applied, and the problems of the rest.
#[derive(Debug, Default)]
pub struct CheckedPoints {
    /// Data rows read.
    pub rows: u32,
    /// Regions and their new (WGS84) points, in file order.
    pub good: Vec<(RegionCode, Point)>,
    pub problems: Vec<RegionPointProblem>,
}

/// Where each column sits, and its header as written.
struct Columns {
    code: (usize, String),
    lat: (usize, String),
    lon: (usize, String),
    datum: Option<(usize, String)>,
}

const CODE: &[&str] = &["code", "region_code", "代码", "区划代码", "行政区划代码", "统计用区划代码"];
const LAT: &[&str] = &["lat", "latitude", "纬度"];
const LON: &[&str] = &["lon", "lng", "long", "longitude", "经度"];
const DATUM: &[&str] = &["datum", "crs", "坐标系"];

/// Reads and checks a file; `allowed` says which regions the caller may set
/// (the others are problems too). Err names what makes the whole file unusable.
pub fn check_points_file(bytes: &[u8], tree: &RegionTree, allowed: impl Fn(&RegionCode) -> bool) -> Result<CheckedPoints, String> {
    let specs = [CODE, LAT, LON].map(|names| ColumnSpec { names, required: true });
    let located = read_table(bytes, &[specs[0], specs[1], specs[2], ColumnSpec { names: DATUM, required: false }])?;
    let mut found = located.columns.into_iter();
    let mut need = || found.next().flatten().ok_or("a required column is missing");
    let columns = Columns { code: need()?, lat: need()?, lon: need()?, datum: found.next().flatten() };
    let mut out = CheckedPoints::default();
    let mut seen = std::collections::HashMap::new();
    for line in located.rows {
        let (row, cells) = (line.number, line.cells.iter().map(|c| c.text().into_owned()).collect::<Vec<String>>());
        out.rows += 1;
        match check_row(&cells, &columns, tree, &allowed) {
            Ok((code, point)) => match seen.insert(code.clone(), row) {
                Some(first) => out.problems.push(problem(row, &columns.code.1, Kind::Repeated, format!("region {code} already given in row {first}"))),
                None => out.good.push((code, point)),
            },
            Err((column, kind, message)) => out.problems.push(problem(row, column, kind, message)),
        }
    }
    Ok(out)
}

fn problem(row: u32, column: &str, kind: Kind, problem: String) -> RegionPointProblem {
    RegionPointProblem { row, column: column.to_string(), kind, problem }
}

fn check_row<'c>(
    cells: &[String],
    c: &'c Columns,
    tree: &RegionTree,
    allowed: &impl Fn(&RegionCode) -> bool,
) -> Result<(RegionCode, Point), (&'c str, Kind, String)> {
    let cell = |(at, _): &(usize, String)| cells.get(*at).map_or("", |s| s.trim());
    let code = tree.resolve(cell(&c.code)).map_err(|e| (c.code.1.as_str(), Kind::UnknownRegion, e))?;
    if !allowed(&code) {
        return Err((&c.code.1, Kind::OutsideJurisdiction, format!("region {code} is outside your jurisdiction")));
    }
    let number = |col: &'c (usize, String)| {
        cell(col)
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| (col.1.as_str(), Kind::NotANumber, format!("{:?} is not a number of degrees", cell(col))))
    };
    let (lat, lon) = (number(&c.lat)?, number(&c.lon)?);
    let datum = match &c.datum {
        Some(col) => parse_datum(cell(col)).ok_or_else(|| (col.1.as_str(), Kind::UnknownDatum, format!("unknown datum {:?}: wgs84 or gcj02", cell(col))))?,
        None => Datum::Wgs84,
    };
    let point = given_point(lat, lon, datum)
        .map_err(|(field, message)| (if field == "lon" { c.lon.1.as_str() } else { c.lat.1.as_str() }, Kind::NotInChina, message.to_string()))?;
    Ok((code, point))
}

/// `wgs84` (also WGS-84, GPS, blank) or `gcj02` (also GCJ-02, 火星坐标, 国测局).
fn parse_datum(raw: &str) -> Option<Datum> {
    let key: String = raw.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).collect::<String>().to_lowercase();
    match key.as_str() {
        "" | "wgs84" | "gps" => Some(Datum::Wgs84),
        "gcj02" | "gcj" | "火星坐标" | "国测局" => Some(Datum::Gcj02),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::bundled_regions;

    fn tree() -> RegionTree {
        RegionTree::new(bundled_regions().expect("regions"))
    }

    #[test]
    fn a_chinese_header_and_every_official_code_form_are_read() {
        let csv = "\u{feff}区划代码,纬度,经度,坐标系\n610902001000,32.69,109.03,GCJ-02\n610902001,32.70,109.04,\n";
        let checked = check_points_file(csv.as_bytes(), &tree(), |_| true).expect("reads");
        assert_eq!((checked.rows, checked.good.len()), (2, 1));
        assert_eq!(checked.good[0].0.as_ref(), "610902001");
        // GCJ-02 came in; WGS84 is stored (a few hundred metres away).
        assert!((checked.good[0].1.lat - 32.69).abs() > 1e-4);
        let repeated: Vec<(u32, &str)> = checked.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(repeated, vec![(3, "区划代码")], "the second row repeats the region in its 9-digit form");
        assert_eq!(checked.problems[0].kind, Kind::Repeated);
    }

    #[test]
    fn bad_rows_are_named_by_row_and_column() {
        let csv = "code,lat,lon,datum\n999999,32.6,109.0,wgs84\n610902001,abc,109.0,wgs84\n610902002,109.0,32.6,wgs84\n610902003,32.6,109.0,bd09\n610902004,32.6,109.0,wgs84\n";
        let checked = check_points_file(csv.as_bytes(), &tree(), |c| c.as_ref() != "610902004").expect("reads");
        let got: Vec<(u32, &str)> = checked.problems.iter().map(|p| (p.row, p.column.as_str())).collect();
        assert_eq!(got, vec![(2, "code"), (3, "lat"), (4, "lat"), (5, "datum"), (6, "code")]);
        let kinds: Vec<Kind> = checked.problems.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [Kind::UnknownRegion, Kind::NotANumber, Kind::NotInChina, Kind::UnknownDatum, Kind::OutsideJurisdiction]);
        assert!(checked.good.is_empty());
    }

    #[test]
    fn a_file_without_the_needed_columns_is_refused() {
        assert!(check_points_file(b"name,lat\nx,1\n", &tree(), |_| true).is_err());
        assert!(check_points_file(b"", &tree(), |_| true).is_err());
        assert!(check_points_file(&[0xff, 0xfe, 0x00], &tree(), |_| true).is_err());
    }
}
