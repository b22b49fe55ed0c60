//! Doorstep's server: configuration, storage, reference data, auth and routes.
#![forbid(unsafe_code)]

pub mod auth;
pub mod backup;
pub mod cli;
pub mod clock;
pub mod configuration;
pub mod crypto;
pub mod domain;
pub mod error;
pub mod export;
pub mod extract;
pub mod figures;
pub mod images;
pub mod import;
pub mod matcher;
pub mod payment;
pub mod push;
pub mod reference;
pub mod region_points;
pub mod routes;
pub mod search;
pub mod seed;
pub mod sms;
pub mod startup;
pub mod storage;
pub mod telemetry;
pub mod training_suggestions;
