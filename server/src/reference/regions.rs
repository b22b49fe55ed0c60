//! The administrative-division tree: real codes and points of every province
//! and prefecture-level city of China, and Ankang down to villages.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::{RegionLevel, RegionRef, RegionResponse};
use doorstep_shared::types::{official_code, RegionCode};

use super::tsv;

const REGIONS_TSV: &str = include_str!("../../data/regions.tsv");

/// One region as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub code: String,
    pub parent_code: Option<String>,
    pub level: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub approximate: bool,
}

impl Region {
    pub fn to_response(&self) -> RegionResponse {
        RegionResponse {
            code: self.code.clone(),
            official_code: self.official_code(),
            name: self.name.clone(),
            level: RegionLevel::from_code_len(self.code.len()).unwrap_or(RegionLevel::Village),
            parent: self.parent_code.clone(),
            lat: self.lat,
            lon: self.lon,
            approximate: self.approximate,
        }
    }

    pub fn to_ref(&self) -> RegionRef {
        RegionRef { code: self.code.clone(), official_code: self.official_code(), name: self.name.clone() }
    }

    /// The official spelling of the code (six or twelve digits).
    fn official_code(&self) -> String {
        RegionCode::parse(&self.code).map(|c| official_code(&c)).unwrap_or_else(|_| self.code.clone())
    }
}

/// Parses the shipped region file.
pub fn bundled_regions() -> anyhow::Result<Vec<Region>> {
    let mut out = Vec::new();
    for f in tsv::rows(REGIONS_TSV, 7).context("regions.tsv")? {
        out.push(Region {
            code: f[0].to_string(),
            parent_code: (!f[1].is_empty()).then(|| f[1].to_string()),
            level: f[2].to_string(),
            name: f[3].to_string(),
            lat: f[4].parse().with_context(|| format!("regions.tsv: bad lat for {}", f[0]))?,
            lon: f[5].parse().with_context(|| format!("regions.tsv: bad lon for {}", f[0]))?,
            approximate: f[6] == "1",
        });
    }
    Ok(out)
}

/// All regions by code, with children lists; answers "does this code exist".
#[derive(Debug, Default)]
pub struct RegionTree {
    by_code: HashMap<String, Region>,
    children: HashMap<String, Vec<String>>,
    roots: Vec<String>,
}

impl RegionTree {
    pub fn new(mut regions: Vec<Region>) -> Self {
        regions.sort_by(|a, b| a.code.cmp(&b.code));
        let mut tree = Self::default();
        for r in regions {
            match &r.parent_code {
                Some(p) => tree.children.entry(p.clone()).or_default().push(r.code.clone()),
                None => tree.roots.push(r.code.clone()),
            }
            tree.by_code.insert(r.code.clone(), r);
        }
        tree
    }

    pub fn get(&self, code: &RegionCode) -> Option<&Region> {
        self.by_code.get(code.as_ref())
    }

    /// Children of a region, or the provinces when `parent` is `None`.
    pub fn children(&self, parent: Option<&RegionCode>) -> Vec<&Region> {
        let codes = match parent {
            Some(p) => self.children.get(p.as_ref()).map(Vec::as_slice).unwrap_or_default(),
            None => &self.roots,
        };
        codes.iter().filter_map(|c| self.by_code.get(c)).collect()
    }

    /// Parses a code in any official form and checks it names a known region.
    pub fn resolve(&self, raw: &str) -> Result<RegionCode, String> {
        let code = RegionCode::parse(raw)?;
        if !self.by_code.contains_key(code.as_ref()) {
            return Err(format!("region {} does not exist", raw.trim()));
        }
        Ok(code)
    }

    /// Like `resolve`, but only a county or anything below it (where people live and work).
    pub fn resolve_local(&self, raw: &str) -> Result<RegionCode, String> {
        let code = self.resolve(raw)?;
        if code.level() < RegionLevel::County {
            return Err(format!("region {code} is a {}; give a county, town or village", code.level().as_str()));
        }
        Ok(code)
    }

    /// Like `resolve`, but a city or anything below it: transfer-employment
    /// sites (Suzhou, Dongguan) are known to the city only.
    pub fn resolve_site(&self, raw: &str) -> Result<RegionCode, String> {
        let code = self.resolve(raw)?;
        if code.level() < RegionLevel::City {
            return Err(format!("region {code} is a province; give a city, county, town or village"));
        }
        Ok(code)
    }

    pub fn set_point(&mut self, code: &RegionCode, lat: f64, lon: f64) {
        if let Some(r) = self.by_code.get_mut(code.as_ref()) {
            r.lat = lat;
            r.lon = lon;
            r.approximate = false;
        }
    }

    /// Every region at the given level inside `within`.
    pub fn descendants_at(&self, within: &RegionCode, level: RegionLevel) -> Vec<&Region> {
        let mut out: Vec<&Region> = self.by_code.values().filter(|r| r.code.starts_with(within.as_ref()) && r.code.len() == code_len(level)).collect();
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    }

    /// Every region of a level, in no particular order: one pass over the tree.
    pub fn at_level(&self, level: RegionLevel) -> impl Iterator<Item = &Region> + '_ {
        self.by_code.values().filter(move |r| r.code.len() == code_len(level))
    }

    /// The regions inside `within` at any of `levels`, in no particular
    /// order: one pass over the tree, where `descendants_at` takes one per level.
    pub fn descendants_in<'a>(&'a self, within: &'a RegionCode, levels: &'a [RegionLevel]) -> impl Iterator<Item = &'a Region> + 'a {
        self.by_code.values().filter(move |r| r.code.starts_with(within.as_ref()) && levels.iter().any(|&level| r.code.len() == code_len(level)))
    }
}

fn code_len(level: RegionLevel) -> usize {
    match level {
        RegionLevel::Province => 2,
        RegionLevel::City => 4,
        RegionLevel::County => 6,
        RegionLevel::Town => 9,
        RegionLevel::Village => 12,
    }
}

/// The live region tree shared by handlers; staff corrections take the write lock briefly.
pub struct Regions(std::sync::RwLock<RegionTree>);

impl Regions {
    pub fn new(tree: RegionTree) -> Self {
        Self(std::sync::RwLock::new(tree))
    }

    /// Runs `f` with the tree; a poisoned lock still holds valid data (writes are single assignments).
    pub fn read<R>(&self, f: impl FnOnce(&RegionTree) -> R) -> R {
        let guard = self.0.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&guard)
    }

    pub fn write<R>(&self, f: impl FnOnce(&mut RegionTree) -> R) -> R {
        let mut guard = self.0.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    /// Code and name of a region, if the code is known.
    pub fn reference(&self, code: &str) -> Option<RegionRef> {
        let code = RegionCode::parse(code).ok()?;
        self.read(|t| t.get(&code).map(Region::to_ref))
    }

    /// County and town names for a code, for example "汉滨区老城街道".
    pub fn place_name(&self, code: &str) -> String {
        let county = if code.len() > 6 { self.name_of(&code[..6]) } else { String::new() };
        format!("{county}{}", self.name_of(code))
    }

    pub fn name_of(&self, code: &str) -> String {
        self.reference(code).map(|r| r.name).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_tree_holds_ankang_and_its_counties() {
        let tree = RegionTree::new(bundled_regions().expect("parses"));
        let ankang = RegionCode::parse("6109").expect("code");
        assert_eq!(tree.get(&ankang).expect("ankang").name, "安康市");
        assert_eq!(tree.children(Some(&ankang)).len(), 10);
        assert_eq!(tree.descendants_at(&ankang, RegionLevel::Town).len(), 139);
        assert!(tree.children(None).len() >= 31);
        for r in tree.by_code.values() {
            if let Some(p) = &r.parent_code {
                assert!(r.code.starts_with(p.as_str()), "{} not under {p}", r.code);
            }
        }
    }

    #[test]
    fn cities_and_provinces_are_not_local() {
        let tree = RegionTree::new(bundled_regions().expect("parses"));
        assert!(tree.resolve_local("6109").is_err());
        assert!(tree.resolve_local("610902").is_ok());
        assert!(tree.resolve("999999").is_err());
    }
}
