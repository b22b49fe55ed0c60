//! One spelling per enum value, shared by JSON, the database and the UI.
//!
//! Every enum of the contract derives strum's `IntoStaticStr`, `EnumString`
//! and `VariantArray` with `serialize_all = "snake_case"`, beside serde's
//! `rename_all = "snake_case"`; `spelled!` below then gives each of them
//! `ALL`, `as_str` and `parse`, and a test checks that serde and strum spell
//! every value alike. Nothing spells a value by hand.

/// Gives each listed enum `ALL`, `as_str` and `parse`, all taken from its
/// strum derives: the one spelling, never a hand-written table.
macro_rules! spelled {
    ($($t:ty),* $(,)?) => {$(
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = <Self as strum::VariantArray>::VARIANTS;

            /// Returns the snake_case name, as in JSON and the database.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Parses the snake_case name.
            pub fn parse(s: &str) -> Option<Self> {
                s.parse().ok()
            }
        }
    )*};
}

spelled!(
    super::ApplicationStatus,
    super::ApplicationSource,
    super::PlacementKind,
    super::Role,
    super::EmployerKind,
    super::ErrorCode,
    super::ReasonKind,
    super::MatchFit,
    super::Nearness,
    super::AssistanceCategory,
    super::Schedule,
    super::Gender,
    super::PhysicalDemand,
    super::PostingStatus,
    super::RegionLevel,
    super::Datum,
    super::PushState,
    super::ProviderKind,
    super::CourseStatus,
    super::SessionStatus,
    super::Period,
    super::Weekday,
    super::EnrolmentStatus,
    super::NoticeKind,
    super::SuggestionReach,
    super::ProducerKind,
    super::ProducerStatus,
    super::ProductCategory,
    super::ProductStatus,
    super::OrderStatus,
    super::PaymentMethod,
    super::ProductSort,
    super::EmploymentMeasure,
    super::FollowUpState,
    super::SmsStatus,
    super::SmsKind,
    super::SmsReason,
    super::ImportKind,
    super::ImportProblemKind,
);

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use crate::api::*;

    fn spelled_alike<T>()
    where
        T: strum::VariantArray + Copy + Into<&'static str> + core::str::FromStr + Serialize + DeserializeOwned + PartialEq + core::fmt::Debug,
    {
        assert!(!T::VARIANTS.is_empty());
        for v in T::VARIANTS {
            let name: &'static str = (*v).into();
            let json = serde_json::to_string(v).expect("serialises");
            assert_eq!(json, format!("\"{name}\""), "serde and strum disagree on {v:?}");
            assert_eq!(name.parse::<T>().ok(), Some(*v));
            assert_eq!(serde_json::from_str::<T>(&json).expect("deserialises"), *v);
        }
        assert!("no_such_value".parse::<T>().is_err());
    }

    #[test]
    fn every_enum_is_spelled_alike_by_serde_and_strum() {
        spelled_alike::<ApplicationStatus>();
        spelled_alike::<ApplicationSource>();
        spelled_alike::<PlacementKind>();
        spelled_alike::<Role>();
        spelled_alike::<EmployerKind>();
        spelled_alike::<ErrorCode>();
        spelled_alike::<ReasonKind>();
        spelled_alike::<MatchFit>();
        spelled_alike::<Nearness>();
        spelled_alike::<AssistanceCategory>();
        spelled_alike::<Schedule>();
        spelled_alike::<Gender>();
        spelled_alike::<PhysicalDemand>();
        spelled_alike::<PostingStatus>();
        spelled_alike::<RegionLevel>();
        spelled_alike::<Datum>();
        spelled_alike::<PushState>();
        spelled_alike::<ProviderKind>();
        spelled_alike::<CourseStatus>();
        spelled_alike::<SessionStatus>();
        spelled_alike::<Period>();
        spelled_alike::<Weekday>();
        spelled_alike::<EnrolmentStatus>();
        spelled_alike::<NoticeKind>();
        spelled_alike::<ProducerKind>();
        spelled_alike::<ProducerStatus>();
        spelled_alike::<ProductCategory>();
        spelled_alike::<ProductStatus>();
        spelled_alike::<OrderStatus>();
        spelled_alike::<PaymentMethod>();
        spelled_alike::<ProductSort>();
        spelled_alike::<EmploymentMeasure>();
        spelled_alike::<FollowUpState>();
        spelled_alike::<SmsStatus>();
        spelled_alike::<SmsKind>();
        spelled_alike::<SmsReason>();
        spelled_alike::<ImportKind>();
        spelled_alike::<ImportProblemKind>();
    }
}
