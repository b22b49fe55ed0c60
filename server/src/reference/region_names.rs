//! Region names as staff write them in a spreadsheet: 老城街道, 汉滨区老城街道,
//! 安康市汉滨区老城街道西大街社区, 西大街社区居委会 or 张家村 (for 张家村委会).
//! A name is any tail of the path of names from province down to the region
//! (so a county, town or village name alone, or with the names above it);
//! codes in any official form are read too. Names repeat (two counties each
//! have a 城关镇), so a name may stand for several regions: the ones inside
//! the caller's jurisdiction decide; more than one there is ambiguous.

use std::collections::HashMap;

use doorstep_shared::api::RegionLevel;
use doorstep_shared::types::RegionCode;

use super::{Region, RegionTree};

/// Why a written region was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionNameError {
    /// No city, county, town or village has this name or code.
    Unknown(String),
    /// Several inside the jurisdiction have this name; here are their full names.
    Ambiguous(Vec<String>),
    /// The region exists but lies outside the jurisdiction.
    Outside(RegionCode),
}

/// Every county, town and village, by each tail of its path of names.
#[derive(Debug, Default)]
pub struct RegionNames {
    by_name: HashMap<String, Vec<(RegionCode, String)>>,
}

impl RegionNames {
    /// Indexes the tree's cities, counties, towns and villages (a city is a
    /// work site for transfer employment, never a home: `resolve_local` says so).
    pub fn new(tree: &RegionTree) -> Self {
        let mut index = Self::default();
        let levels = [RegionLevel::City, RegionLevel::County, RegionLevel::Town, RegionLevel::Village];
        for region in levels.into_iter().flat_map(|level| tree.at_level(level)) {
            let Ok(code) = RegionCode::parse(&region.code) else { continue };
            let path = path_names(tree, region);
            // Named in messages from the county (or city) down: 汉阴县城关镇.
            let full: String = path[path.len().saturating_sub(3)..].concat();
            for start in 0..path.len() {
                for key in spellings(&path[start..]) {
                    let entry = index.by_name.entry(key).or_default();
                    if !entry.iter().any(|(c, _)| *c == code) {
                        entry.push((code.clone(), full.clone()));
                    }
                }
            }
        }
        // The tree is a hash map: order each name's regions, so messages list them alike every time.
        for regions in index.by_name.values_mut() {
            regions.sort_by(|a, b| a.0.cmp(&b.0));
        }
        index
    }

    /// The region `written` names (a name or a code) that `allowed` accepts.
    pub fn resolve(&self, tree: &RegionTree, written: &str, allowed: impl Fn(&RegionCode) -> bool) -> Result<RegionCode, RegionNameError> {
        let written = written.trim();
        if !written.is_empty() && written.bytes().all(|b| b.is_ascii_digit()) {
            let code = tree.resolve_site(written).map_err(|_| RegionNameError::Unknown(written.to_string()))?;
            return if allowed(&code) { Ok(code) } else { Err(RegionNameError::Outside(code)) };
        }
        let found = self.by_name.get(&normalise(written)).map(Vec::as_slice).unwrap_or_default();
        let inside: Vec<&(RegionCode, String)> = found.iter().filter(|(code, _)| allowed(code)).collect();
        match (inside.as_slice(), found) {
            ([(code, _)], _) => Ok(code.clone()),
            ([], []) => Err(RegionNameError::Unknown(written.to_string())),
            ([], [(code, _), ..]) => Err(RegionNameError::Outside(code.clone())),
            (many, _) => Err(RegionNameError::Ambiguous(many.iter().map(|(_, full)| full.clone()).collect())),
        }
    }
}

/// Names from the province down to `region`.
fn path_names(tree: &RegionTree, region: &Region) -> Vec<String> {
    let mut names = vec![region.name.clone()];
    let mut parent = region.parent_code.clone();
    while let Some(code) = parent.as_deref().and_then(|c| RegionCode::parse(c).ok()) {
        let Some(up) = tree.get(&code) else { break };
        names.push(up.name.clone());
        parent = up.parent_code.clone();
    }
    names.reverse();
    names
}

/// The ways a tail of names is written: whole, and with the village's
/// committee suffix left off (西大街社区居委会 → 西大街社区, 张家村委会 → 张家村).
fn spellings(tail: &[String]) -> Vec<String> {
    let whole = normalise(&tail.concat());
    let mut out = vec![whole.clone()];
    for (suffix, short) in [("村民委员会", "村"), ("居民委员会", ""), ("村委会", "村"), ("居委会", ""), ("委会", "")] {
        if let Some(stem) = whole.strip_suffix(suffix) {
            out.push(format!("{stem}{short}"));
            break;
        }
    }
    out
}

/// Spaces and brackets do not matter: `老城 街道`, `（社区）`.
fn normalise(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '（' | '）' | '-' | '·')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::bundled_regions;

    fn tree() -> RegionTree {
        RegionTree::new(bundled_regions().expect("regions"))
    }

    #[test]
    fn names_with_or_without_the_names_above_resolve() {
        let tree = tree();
        let names = RegionNames::new(&tree);
        let everywhere = |_: &RegionCode| true;
        for written in ["老城街道", "汉滨区老城街道", "安康市汉滨区老城街道", "陕西省安康市汉滨区 老城街道", "610902001", "610902001000"]
        {
            assert_eq!(names.resolve(&tree, written, everywhere).map(|c| c.to_string()), Ok("610902001".into()), "{written}");
        }
        for written in ["西大街社区", "西大街社区居委会", "老城街道西大街社区"] {
            assert_eq!(names.resolve(&tree, written, everywhere).map(|c| c.to_string()), Ok("610902001003".into()), "{written}");
        }
    }

    #[test]
    fn a_repeated_name_needs_the_jurisdiction_or_the_county() {
        let tree = tree();
        let names = RegionNames::new(&tree);
        assert!(matches!(names.resolve(&tree, "城关镇", |_| true), Err(RegionNameError::Ambiguous(found)) if found.len() >= 2));
        let hanyin = RegionCode::parse("610921").expect("code");
        let resolved = names.resolve(&tree, "城关镇", |c| hanyin.contains(c)).expect("one in 汉阴县");
        assert!(resolved.as_ref().starts_with("610921"));
        let hanbin = RegionCode::parse("610902").expect("code");
        assert!(matches!(names.resolve(&tree, "汉阴县城关镇", |c| hanbin.contains(c)), Err(RegionNameError::Outside(_))));
        assert!(matches!(names.resolve(&tree, "桃花源村", |_| true), Err(RegionNameError::Unknown(_))));
        assert_eq!(names.resolve(&tree, "苏州市", |_| true).map(|c| c.to_string()), Ok("3205".into()), "a transfer-employment site");
        assert!(matches!(names.resolve(&tree, "61", |_| true), Err(RegionNameError::Unknown(_))), "a province is too wide");
    }
}
