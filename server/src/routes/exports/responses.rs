//! The answers of every export in the OpenAPI document: the file in either
//! format (an XLSX as binary, a CSV as text), or the one error shape for a
//! refusal. One definition for all export routes.

use std::collections::BTreeMap;

use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

use super::ExportFormat;

/// `responses(ExportResponses)` in an export's `#[utoipa::path]`.
pub struct ExportResponses;

impl utoipa::IntoResponses for ExportResponses {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let binary = ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)));
        let file = ResponseBuilder::new()
            .description("the file, named in Content-Disposition (`filename` in ASCII, `filename*` in UTF-8)")
            .content(ExportFormat::Xlsx.content_type(), ContentBuilder::new().schema(Some(binary)).build())
            .content(ExportFormat::Csv.content_type(), ContentBuilder::new().schema(Some(ObjectBuilder::new().schema_type(Type::String))).build());
        let refused = |description: &str| {
            let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiErrorBody"))).build();
            RefOr::T(ResponseBuilder::new().description(description).content("application/json", body).build())
        };
        BTreeMap::from([
            ("200".to_string(), RefOr::T(file.build())),
            ("403".to_string(), refused("not staff, a `region` outside the jurisdiction, or `full_ids` for someone who may not have them")),
            ("422".to_string(), refused("a bad `format`, `sheet`, month, period or region, or more rows than an export carries")),
        ])
    }
}
