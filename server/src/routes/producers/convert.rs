//! A stored producer as the API shows it.

use doorstep_shared::api::{Beneficiary, Producer};

use crate::reference::Regions;
use crate::storage::{StoredBeneficiary, StoredProducer};

/// `beneficiaries` is `None` for callers who do not act for the producer.
pub fn producer_response(p: &StoredProducer, beneficiaries: Option<&[StoredBeneficiary]>, regions: &Regions) -> Producer {
    let d = &p.content;
    Producer {
        id: p.id,
        name: d.name.clone(),
        kind: d.kind,
        region_code: d.region.to_string(),
        region_name: regions.place_name(d.region.as_ref()),
        contact_phone: d.contact_phone.clone(),
        description: d.description.clone(),
        status: p.status,
        listed_products: p.listed_products,
        beneficiaries: beneficiaries.map(|list| {
            list.iter()
                .map(|b| Beneficiary {
                    person_id: b.person_id,
                    name: b.name.clone(),
                    region_name: regions.place_name(b.home_region.as_ref()),
                    share: b.share,
                    takes_remainder: b.person_id == d.remainder_person_id,
                })
                .collect()
        }),
        managed: beneficiaries.is_some(),
        verified_at: p.verified_at,
        created_at: p.created_at,
    }
}
