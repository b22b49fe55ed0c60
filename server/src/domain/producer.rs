//! A producer parsed from the wire (every field checked, every error
//! collected), and the producer and product status machines.

use doorstep_shared::api::{BeneficiaryShare, ProducerKind, ProducerRequest, ProducerStatus, ProducerUpdate, ProductStatus};
use doorstep_shared::types::{Phone, RegionCode};

use super::{check_status_move, text, FieldErrors, StatusRefusal};
use crate::reference::RegionTree;

/// A valid producer, ready to store.
#[derive(Debug, Clone)]
pub struct ProducerDraft {
    pub name: String,
    pub kind: ProducerKind,
    pub region: RegionCode,
    pub contact_phone: String,
    pub description: String,
    /// (person id, share), in the order given, without repeats.
    pub beneficiaries: Vec<(i64, u32)>,
    /// One of the beneficiaries.
    pub remainder_person_id: i64,
}

const MAX_BENEFICIARIES: usize = 200;
const MAX_SHARE: u32 = 1_000;

/// Checks a producer request. Whether the people exist, and lie inside the
/// caller's jurisdiction, is the caller's to check.
pub fn parse_producer(req: ProducerRequest, regions: &RegionTree) -> Result<ProducerDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = text(&mut errors, "name", &req.name, 1, 60);
    let description = text(&mut errors, "description", &req.description, 0, 2_000);
    let region = regions.resolve_site(&req.region_code).map_err(|e| errors.add("region_code", e)).ok();
    let phone = Phone::parse(&req.contact_phone).map_err(|e| errors.add("contact_phone", e)).ok();
    let mut beneficiaries: Vec<(i64, u32)> = Vec::new();
    for (i, BeneficiaryShare { person_id, share }) in req.beneficiaries.iter().enumerate() {
        if !(1..=MAX_SHARE).contains(share) {
            errors.add(format!("beneficiaries[{i}].share"), format!("share must be 1 to {MAX_SHARE}"));
        }
        if beneficiaries.iter().any(|(p, _)| p == person_id) {
            errors.add(format!("beneficiaries[{i}].person_id"), "a person is named twice");
        }
        beneficiaries.push((*person_id, *share));
    }
    match (req.kind, beneficiaries.len()) {
        (_, 0) => errors.add("beneficiaries", "name at least one household the producer benefits"),
        (ProducerKind::Household, n) if n > 1 => errors.add("beneficiaries", "a household producer benefits exactly one household"),
        (_, n) if n > MAX_BENEFICIARIES => errors.add("beneficiaries", format!("at most {MAX_BENEFICIARIES} households")),
        _ => {}
    }
    let remainder = req.remainder_person_id.or(beneficiaries.first().map(|(p, _)| *p));
    if let Some(r) = req.remainder_person_id.filter(|r| !beneficiaries.iter().any(|(p, _)| p == r)) {
        errors.add("remainder_person_id", format!("person {r} is not one of the beneficiaries"));
    }
    match (region, phone, remainder) {
        (Some(region), Some(phone), Some(remainder_person_id)) if errors.0.is_empty() => {
            Ok(ProducerDraft { name, kind: req.kind, region, contact_phone: phone.as_ref().to_string(), description, beneficiaries, remainder_person_id })
        }
        _ => Err(errors),
    }
}

/// The request that recreates `draft`, so an update passes the same checks.
pub fn producer_to_request(d: &ProducerDraft) -> ProducerRequest {
    ProducerRequest {
        name: d.name.clone(),
        kind: d.kind,
        region_code: d.region.to_string(),
        contact_phone: d.contact_phone.clone(),
        description: d.description.clone(),
        beneficiaries: d.beneficiaries.iter().map(|&(person_id, share)| BeneficiaryShare { person_id, share }).collect(),
        remainder_person_id: Some(d.remainder_person_id),
    }
}

/// Overlays the fields present in `u`. New beneficiaries without a named
/// remainder person give it to the first of them.
pub fn apply_producer_update(mut r: ProducerRequest, u: ProducerUpdate) -> ProducerRequest {
    if u.beneficiaries.is_some() && u.remainder_person_id.is_none() {
        r.remainder_person_id = None;
    }
    r.name = u.name.unwrap_or(r.name);
    r.kind = u.kind.unwrap_or(r.kind);
    r.region_code = u.region_code.unwrap_or(r.region_code);
    r.contact_phone = u.contact_phone.unwrap_or(r.contact_phone);
    r.description = u.description.unwrap_or(r.description);
    r.beneficiaries = u.beneficiaries.unwrap_or(r.beneficiaries);
    r.remainder_person_id = u.remainder_person_id.or(r.remainder_person_id);
    r
}

/// A move staff make of a producer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProducerMove {
    /// pending | suspended → verified.
    Verify,
    /// pending | verified → suspended.
    Suspend,
}

impl ProducerMove {
    pub fn from(self) -> &'static [ProducerStatus] {
        use ProducerStatus::*;
        match self {
            Self::Verify => &[Pending, Suspended],
            Self::Suspend => &[Pending, Verified],
        }
    }

    pub fn to(self) -> ProducerStatus {
        match self {
            Self::Verify => ProducerStatus::Verified,
            Self::Suspend => ProducerStatus::Suspended,
        }
    }
}

pub fn check_producer_move(m: ProducerMove, now: ProducerStatus) -> Result<ProducerStatus, StatusRefusal> {
    check_status_move(m.from(), m.to(), now)
}

/// A move a producer (or staff for it) makes of a product. Sold out is no
/// move: stock taken to 0 makes a listed product sold out, stock returned
/// lists it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductMove {
    /// draft | delisted → listed (sold out when it has no stock).
    List,
    /// listed | sold out → delisted.
    Delist,
}

impl ProductMove {
    pub fn from(self) -> &'static [ProductStatus] {
        use ProductStatus::*;
        match self {
            Self::List => &[Draft, Delisted],
            Self::Delist => &[Listed, SoldOut],
        }
    }

    pub fn to(self) -> ProductStatus {
        match self {
            Self::List => ProductStatus::Listed,
            Self::Delist => ProductStatus::Delisted,
        }
    }
}

/// Checks a product move; listing needs a verified producer.
pub fn check_product_move(m: ProductMove, now: ProductStatus, producer: ProducerStatus) -> Result<ProductStatus, StatusRefusal> {
    let to = check_status_move(m.from(), m.to(), now)?;
    if m == ProductMove::List && producer != ProducerStatus::Verified {
        return Err(StatusRefusal::NotEditable { status: producer.as_str() });
    }
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_product_move_from_every_status_follows_the_table() {
        use ProductStatus::*;
        let expected = [
            (ProductMove::List, Draft, Listed),
            (ProductMove::List, Delisted, Listed),
            (ProductMove::Delist, Listed, Delisted),
            (ProductMove::Delist, SoldOut, Delisted),
        ];
        for m in [ProductMove::List, ProductMove::Delist] {
            for &from in ProductStatus::ALL {
                let want = expected.iter().find(|(em, ef, _)| *em == m && *ef == from).map(|(_, _, to)| *to);
                assert_eq!(check_product_move(m, from, ProducerStatus::Verified).ok(), want, "{m:?} from {from:?}");
            }
        }
        assert!(check_product_move(ProductMove::List, Draft, ProducerStatus::Pending).is_err(), "an unverified producer lists nothing");
        assert!(check_product_move(ProductMove::Delist, Listed, ProducerStatus::Suspended).is_ok(), "a suspended producer's product can be taken off");
    }

    #[test]
    fn every_producer_move_from_every_status_follows_the_table() {
        use ProducerStatus::*;
        let expected = [
            (ProducerMove::Verify, Pending, Verified),
            (ProducerMove::Verify, Suspended, Verified),
            (ProducerMove::Suspend, Pending, Suspended),
            (ProducerMove::Suspend, Verified, Suspended),
        ];
        for m in [ProducerMove::Verify, ProducerMove::Suspend] {
            for &from in ProducerStatus::ALL {
                let want = expected.iter().find(|(em, ef, _)| *em == m && *ef == from).map(|(_, _, to)| *to);
                assert_eq!(check_producer_move(m, from).ok(), want, "{m:?} from {from:?}");
            }
        }
    }
}
