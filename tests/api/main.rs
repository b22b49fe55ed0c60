//! End-to-end tests: the real server on a random port over a fresh database
//! per test (SQLite always; PostgreSQL too when DOORSTEP_TEST_POSTGRES_URL is
//! set), and the real frontend in headless Chromium. One binary, one world per test.

mod helpers;
mod webdriver;

mod application_rights;
mod applications;
mod audit;
mod auth;
mod authorization;
mod backup;
mod bad_input;
mod browser;
mod browser_first_load;
mod browser_imports;
mod browser_jobs;
mod browser_journeys;
mod browser_lists;
mod browser_location;
mod browser_matching;
mod browser_sales;
mod browser_training;
mod certificates;
mod course_search;
mod courses;
mod crash;
mod decoding;
mod demo;
mod demo_sales;
mod demo_training;
mod employers;
mod enrolments;
mod health;
mod i18n;
mod imports;
mod imports_postings;
mod index;
mod invitations;
mod login_limits;
mod matching;
mod metrics;
mod nearness;
mod nodes;
mod paging;
mod people;
mod postings;
mod priorities;
mod product_images;
mod product_search;
mod profile;
mod protocol;
mod push;
mod reference;
mod region_codes;
mod registration;
mod relevance;
mod sales_money;
mod sales_orders;
mod sales_producers;
#[allow(dead_code)] // shared by the sales platform's tests
mod sales_support;
mod schema_parity;
mod site;
mod skill_words;
mod text_input;
mod training_figures;
mod training_suggestions;
#[allow(dead_code)] // used by the training platform's tests as they land
mod training_support;
