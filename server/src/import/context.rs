//! What checking a row needs besides the row: the reference data, the
//! importer's jurisdiction and today's date; and how a region written as
//! a name or code becomes a code, or a problem.

use doorstep_shared::api::ImportProblemKind as Kind;
use doorstep_shared::types::{Day, RegionCode};

use super::cells::Fault;
use crate::auth::Jurisdiction;
use crate::reference::{RegionNameError, RegionNames, RegionTree, SkillCatalog};

/// The reference data and the importer's reach for one file.
pub struct Context<'a> {
    pub tree: &'a RegionTree,
    pub names: &'a RegionNames,
    pub skills: &'a SkillCatalog,
    /// Where the importer may register records.
    pub reach: &'a Jurisdiction,
    pub today: Day,
}

impl Context<'_> {
    /// Whether a record in `region` lies inside the importer's jurisdiction.
    pub fn allows(&self, region: &RegionCode) -> bool {
        self.reach.allows(region)
    }

    /// A person's home from the county, town and place cells (the first two
    /// may be blank, or already part of the place).
    pub fn resolve_home(&self, [county, town, place]: &[String; 3]) -> Result<RegionCode, RegionNameError> {
        let mut written = place.trim().to_string();
        for above in [town, county] {
            let above = above.trim();
            if !above.is_empty() && !written.contains(above) {
                written = format!("{above}{written}");
            }
        }
        self.names.resolve(self.tree, &written, |code| self.allows(code))
    }

    /// A work site: inside the jurisdiction when the name is found there,
    /// else anywhere (transfer employment sends people to other cities).
    pub fn resolve_site(&self, written: &str) -> Result<RegionCode, RegionNameError> {
        match self.names.resolve(self.tree, written, |code| self.allows(code)) {
            Err(RegionNameError::Outside(_)) => self.names.resolve(self.tree, written, |_| true),
            other => other,
        }
    }
}

/// A region that was not taken, worded for the report.
pub fn region_fault(e: &RegionNameError, written: &str) -> Fault {
    match e {
        RegionNameError::Unknown(_) => Fault::new(
            Kind::UnknownRegion,
            format!("找不到地区“{written}”，请填写县区、乡镇或村（社区）的名称或区划代码"),
            format!("no county, town or village is called {written:?}"),
        ),
        RegionNameError::Ambiguous(found) => Fault::new(
            Kind::AmbiguousRegion,
            format!("地区“{written}”有多处同名（{}），请写上县区或乡镇", found.join("、")),
            format!("{written:?} names several regions ({}); add the county or town", found.join(", ")),
        ),
        RegionNameError::Outside(code) => Fault::new(
            Kind::OutsideJurisdiction,
            format!("地区“{written}”（{code}）不在您的管辖范围内"),
            format!("region {code} ({written}) is outside your jurisdiction"),
        ),
    }
}
