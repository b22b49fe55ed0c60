//! One reading of `page` and `per_page` for every list endpoint: pages count
//! from 1, a page size has a default and a ceiling per list, and a bad value
//! is a 400 naming its field.

use doorstep_shared::api::ErrorCode;

use crate::error::ApiError;

/// A checked page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// From 1.
    pub page: u32,
    /// 1 to the list's ceiling.
    pub per_page: u32,
}

impl Paging {
    /// Checks `page` (from 1, default 1) and `per_page` (1 to `max`, default `default`).
    pub fn parse(page: Option<u32>, per_page: Option<u32>, default: u32, max: u32) -> Result<Self, ApiError> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(default);
        if page == 0 {
            return Err(ApiError::with_fields(ErrorCode::InvalidParameter, "page starts at 1", &["page"]));
        }
        if !(1..=max).contains(&per_page) {
            return Err(ApiError::with_fields(ErrorCode::InvalidParameter, format!("per_page must be 1 to {max}"), &["per_page"]));
        }
        Ok(Self { page, per_page })
    }

    /// Rows to read.
    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }

    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::Paging;

    #[test]
    fn paging_defaults_checks_and_counts_offsets() {
        let p = Paging::parse(None, None, 20, 100).expect("defaults");
        assert_eq!((p.page, p.per_page, p.limit(), p.offset()), (1, 20, 20, 0));
        let p = Paging::parse(Some(3), Some(50), 20, 100).expect("page 3");
        assert_eq!(p.offset(), 100);
        for (page, per_page) in [(Some(0), None), (None, Some(0)), (None, Some(101))] {
            assert!(Paging::parse(page, per_page, 20, 100).is_err(), "{page:?} {per_page:?}");
        }
    }
}
