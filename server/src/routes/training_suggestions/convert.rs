//! A suggestion as the API answers it.

use doorstep_shared::api::{ExamplePosting, SuggestionReach, SuggestionReason, TrainingSuggestion};

use crate::domain::{round_km, Profile};
use crate::reference::{Regions, SkillCatalog};
use crate::training_suggestions::Suggestion;

pub fn to_item(s: Suggestion, profile: &Profile, regions: &Regions, skills: &SkillCatalog) -> TrainingSuggestion {
    let reach = if profile.willing_to_relocate { SuggestionReach::Anywhere } else { SuggestionReach::WithinCommute };
    TrainingSuggestion {
        session_id: s.offer.session_id,
        course_id: s.offer.course_id,
        course_title: s.offer.course_title,
        skills: skills.named(&s.offer.skills),
        start_date: s.offer.start_date.to_string(),
        region_name: regions.place_name(s.offer.region.as_ref()),
        distance_km: s.apart.km.map(round_km),
        nearness: s.apart.nearness,
        additional_postings: u32::try_from(s.additional_postings).unwrap_or(u32::MAX),
        example_posting: ExamplePosting {
            id: s.example.id,
            title: s.example.title,
            employer: s.employer,
            region_name: regions.place_name(&s.example.region_code),
        },
        reason: SuggestionReason { reach, commute_km: profile.max_commute_km.round() as u32, new_skills: skills.named(&s.new_skills) },
    }
}
