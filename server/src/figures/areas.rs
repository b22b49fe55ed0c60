//! The areas a region's figures are broken into: its children at the level
//! below (a city's counties, a county's towns, a town's villages), shared
//! by every platform's figures.

use std::collections::BTreeMap;

use doorstep_shared::api::{RegionLevel, RegionRef};
use doorstep_shared::types::{official_code, RegionCode};

use crate::domain::{area_level, area_of};
use crate::reference::Regions;

/// The areas a region is broken into.
pub struct Areas<'a> {
    pub level: RegionLevel,
    children: Vec<RegionCode>,
    regions: &'a Regions,
}

impl<'a> Areas<'a> {
    pub fn of(regions: &'a Regions, region: Option<&RegionCode>) -> Self {
        let level = area_level(region);
        let children = regions.read(|tree| {
            let children = match region {
                Some(r) => tree.descendants_at(r, level),
                None => tree.children(None),
            };
            children.into_iter().filter_map(|c| RegionCode::parse(&c.code).ok()).collect()
        });
        Self { level, children, regions }
    }

    /// Zero for every area.
    pub fn zeros<T: Default>(&self) -> BTreeMap<RegionCode, T> {
        self.children.iter().map(|code| (code.clone(), T::default())).collect()
    }

    /// The area a record kept under `code` counts in.
    pub fn area(&self, code: &RegionCode) -> RegionCode {
        area_of(code, self.level)
    }

    pub fn name(&self, code: &RegionCode) -> RegionRef {
        region_ref(self.regions, code)
    }
}

/// A region's reference, its codes alone when the tree does not know it.
pub fn region_ref(regions: &Regions, code: &RegionCode) -> RegionRef {
    regions.reference(code.as_ref()).unwrap_or_else(|| RegionRef { code: code.to_string(), official_code: official_code(code), name: String::new() })
}
