//! Jurisdiction: staff see and change only records whose region code lies
//! inside their own region's code (codes nest by prefix); admin sees all.

use std::future::Future;
use std::pin::Pin;

use actix_web::{dev::Payload, FromRequest, HttpRequest};
use doorstep_shared::api::Role;
use doorstep_shared::types::RegionCode;

use super::CurrentUser;
use crate::error::ApiError;

/// Tells whether `user` governs `region`: admin everywhere, staff inside their
/// own region, nobody else. The one prefix check; `StaffScope` uses it too.
pub fn governs(user: &CurrentUser, region: &RegionCode) -> bool {
    match user.role {
        Role::Admin => true,
        Role::Staff => user.region.as_ref().is_some_and(|scope| scope.contains(region)),
        Role::Employer | Role::Seeker => false,
    }
}

/// Tells whether `user` acts for an employer registered in `employer_region`:
/// its own users, and whoever governs the region.
pub fn manages_employer(user: &CurrentUser, employer_id: i64, employer_region: &RegionCode) -> bool {
    match user.role {
        Role::Employer => user.employer_id == Some(employer_id),
        _ => governs(user, employer_region),
    }
}

/// Tells whether `user` acts for a producer registered in `producer_region`:
/// an account linked to it, and whoever governs the region.
pub fn manages_producer(user: &CurrentUser, producer_id: i64, producer_region: &RegionCode) -> bool {
    user.producer_id == Some(producer_id) || governs(user, producer_region)
}

/// A reach outside a request (the command line acting for a region, an
/// import): everywhere, or inside one region. `StaffScope::reach` gives a
/// request's.
#[derive(Debug, Clone, Default)]
pub struct Jurisdiction(Option<RegionCode>);

impl Jurisdiction {
    pub fn everywhere() -> Self {
        Self(None)
    }

    pub fn within(region: RegionCode) -> Self {
        Self(Some(region))
    }

    pub fn allows(&self, region: &RegionCode) -> bool {
        self.0.as_ref().is_none_or(|within| within.contains(region))
    }

    /// The code prefix every record inside starts with ("" for everywhere).
    pub fn prefix(&self) -> &str {
        self.0.as_ref().map_or("", |w| w.as_ref())
    }
}

/// A staff member or admin, with the part of the region tree they govern.
#[derive(Debug, Clone)]
pub struct StaffScope {
    pub user: CurrentUser,
    /// `None` for admin: everywhere.
    within: Option<RegionCode>,
}

impl StaffScope {
    pub fn allows(&self, region: &RegionCode) -> bool {
        governs(&self.user, region)
    }

    /// Refuses a write into a region outside the caller's jurisdiction.
    pub fn ensure(&self, region: &RegionCode, field: &str) -> Result<(), ApiError> {
        if self.allows(region) {
            return Ok(());
        }
        Err(ApiError::with_fields(doorstep_shared::api::ErrorCode::Forbidden, format!("region {region} is outside your jurisdiction"), &[field]))
    }

    /// Refuses full ID-card numbers in an export to anyone but civil-affairs
    /// staff. Staff may reveal any one number in their jurisdiction
    /// (`people::reveal_id_number`) and an export holds nothing outside it, so
    /// the rule is theirs alike. Administrators run the system for every
    /// jurisdiction at once: a file of every full number there is the leak this
    /// guards against, so their exports stay masked (one number at a time,
    /// audited, is still theirs).
    pub fn ensure_full_ids(&self, field: &str) -> Result<(), ApiError> {
        if self.user.role == Role::Staff {
            return Ok(());
        }
        Err(ApiError::with_fields(
            doorstep_shared::api::ErrorCode::Forbidden,
            "full id-card numbers in an export are for civil-affairs staff of the jurisdiction; export without full_ids for masked numbers",
            &[field],
        ))
    }

    /// Tells whether a record kept under a region code prefix ("" for
    /// everywhere, as a push job's region) lies inside the jurisdiction.
    pub fn covers(&self, prefix: &str) -> bool {
        match RegionCode::parse(prefix) {
            Ok(region) => self.allows(&region),
            Err(_) => self.within.is_none() && prefix.is_empty(),
        }
    }

    /// The reach of this staff member (or admin) for work done on their behalf.
    pub fn reach(&self) -> Jurisdiction {
        Jurisdiction(self.within.clone())
    }

    /// The region governed; `None` for admin (everywhere).
    pub fn jurisdiction(&self) -> Option<&RegionCode> {
        self.within.as_ref()
    }

    /// The code prefix every visible record starts with ("" for admin).
    pub fn prefix(&self) -> &str {
        self.within.as_ref().map_or("", |w| w.as_ref())
    }

    /// Narrows a requested region to the jurisdiction; `None` when they do not overlap.
    pub fn narrow(&self, requested: Option<&RegionCode>) -> Option<String> {
        match requested {
            None => Some(self.prefix().to_string()),
            Some(r) if self.allows(r) => Some(r.to_string()),
            // Asking for a whole county as a town's staff: show their town only.
            Some(r) if self.within.as_ref().is_some_and(|w| r.contains(w)) => Some(self.prefix().to_string()),
            Some(_) => None,
        }
    }
}

impl FromRequest for StaffScope {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = CurrentUser::from_request(req, payload);
        Box::pin(async move {
            let user = user.await?;
            let within = match user.role {
                Role::Admin => None,
                Role::Staff => match &user.region {
                    Some(r) => Some(r.clone()),
                    None => return Err(ApiError::forbidden("staff account has no region")),
                },
                _ => return Err(ApiError::forbidden("only civil-affairs staff may do this")),
            };
            Ok(StaffScope { user, within })
        })
    }
}

/// An administrator.
#[derive(Debug, Clone)]
pub struct AdminUser(pub CurrentUser);

impl FromRequest for AdminUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = CurrentUser::from_request(req, payload);
        Box::pin(async move {
            let user = user.await?;
            if user.role != Role::Admin {
                return Err(ApiError::forbidden("only administrators may do this"));
            }
            Ok(AdminUser(user))
        })
    }
}
