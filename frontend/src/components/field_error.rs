//! The message next to one input: shown when the last failure names that
//! field, in the user's words for the field (bad input) or for the refusal's code.

use doorstep_shared::api::ErrorCode;
use leptos::prelude::*;

use super::error_view::code_key;
use crate::api::ApiError;
use crate::i18n::{tr, use_i18n, Key, Lang};

/// The last failure of a form's action, hidden while it is sent again: what
/// the form's [`ErrorView`](super::ErrorView) and each [`FieldError`] show.
pub fn last_failure<I, O>(action: Action<I, Result<O, ApiError>>) -> Signal<Option<ApiError>>
where
    I: Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let pending = action.pending();
    Signal::derive(move || match action.value().get() {
        Some(Err(error)) if !pending.get() => Some(error),
        _ => None,
    })
}

/// Shows why the server refused `field`, right under its input.
#[component]
pub fn FieldError(
    /// The last failure of the form, if any.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// The field as the API names it (`valid_until`, `preferences.min_wage`, `skills[2]` matches `skills`).
    field: &'static str,
    /// The element id, for tests and `aria-describedby`.
    id: &'static str,
) -> impl IntoView {
    let message = move || {
        let error = error.get()?;
        let ApiError::Server(body) = &error else {
            return None;
        };
        let named = body.fields.iter().any(|f| names(f, field));
        named.then(|| field_message(body.code, field))
    };
    // Skills the server offers for a word it could not resolve ("did you mean").
    let offered = move || {
        let error = error.get()?;
        let ApiError::Server(body) = &error else {
            return None;
        };
        let offered: Vec<(String, String)> =
            body.suggestions.iter().filter(|s| names(&s.field, field)).map(|s| (s.name_zh.clone(), s.name_en.clone())).collect();
        (!offered.is_empty()).then_some(offered)
    };
    let i18n = use_i18n();
    let suggestions = move || {
        offered().map(|offered| {
            let separator = match i18n.lang() {
                Lang::Zh => "、",
                Lang::En => ", ",
            };
            let list: Vec<&str> = offered.iter().map(|(zh, en)| i18n.pick(zh, en)).collect();
            let text = i18n.fill(Key::FieldSkillsSuggest, &[("names", list.join(separator))]);
            view! { <p class="field-suggestions">{text}</p> }
        })
    };
    view! {
        {move || message().map(|key| view! { <p class="field-error" id=id role="alert">{tr(key)}</p> })}
        {suggestions}
    }
}

/// Whether the API's field path `path` is the form's `field` or an item of it.
fn names(path: &str, field: &str) -> bool {
    path == field || path.strip_prefix(field).is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
}

/// Bad input is worded for the field; any other refusal by its code.
fn field_message(code: ErrorCode, field: &str) -> Key {
    match code {
        ErrorCode::ValidationFailed | ErrorCode::InvalidJson | ErrorCode::InvalidParameter => field_key(field),
        other => code_key(other),
    }
}

/// What a field must hold, in the user's words.
fn field_key(field: &str) -> Key {
    match field {
        "name" => Key::FieldName,
        "id_number" => Key::FieldIdNumber,
        "birth_year" => Key::FieldBirthYear,
        "phone" | "contact_phone" => Key::FieldPhone,
        "password" => Key::FieldPassword,
        "display_name" => Key::FieldDisplayName,
        "home_region" | "region_code" | "region" => Key::FieldRegion,
        "skills" => Key::FieldSkills,
        "disability_grade" => Key::FieldDisabilityGrade,
        "valid_until" => Key::FieldValidUntil,
        "wage_min" | "wage_max" | "monthly_wage" | "preferences.min_wage" => Key::FieldWage,
        "headcount" => Key::FieldHeadcount,
        "title" | "description" | "reason" | "note" => Key::FieldText,
        "start_date" => Key::FieldStartDate,
        "preferences.max_commute_km" => Key::FieldCommute,
        "file" => Key::FieldFile,
        _ => Key::FieldCheck,
    }
}
