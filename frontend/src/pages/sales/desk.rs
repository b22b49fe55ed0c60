//! "我的店铺 / My shop" for a producer's account, and a producer's page for
//! staff: who the producer is and which households it benefits (staff
//! verify or suspend it and link an account to it), then its products.

use doorstep_shared::api::{Producer, ProducerStatus};
use leptos::prelude::*;

use super::managed::ManagedProducts;
use super::tabs::SalesTabs;
use super::words::{producer_badge, producer_kind_key};
use crate::api::{self, ApiError};
use crate::components::{section, Async, ErrorView};
use crate::i18n::{tr, trf, Key};
use crate::state::use_session;

/// The signed-in account's own producer, or why there is none.
#[component]
pub fn MyShopPage() -> impl IntoView {
    match use_session().user().and_then(|user| user.producer_id) {
        Some(id) => view! { <ProducerPage id/> }.into_any(),
        None => view! {
            <h1 class="page-title">{tr(Key::NavMyShop)}</h1>
            <p class="notice" id="no-producer">{tr(Key::SaNoProducer)}</p>
        }
        .into_any(),
    }
}

/// Loads a producer and shows it with its products; a move reloads it.
#[component]
pub fn ProducerPage(
    /// The producer's id, from the path (or the account's).
    id: i64,
) -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let producer = LocalResource::new(move || {
        version.track();
        api::get_producer(id)
    });
    let load = move || {
        section(async move {
            producer.await.map(|producer| {
                let managed = producer.managed;
                view! {
                    <ProducerHead producer version/>
                    {managed.then(|| view! { <ManagedProducts producer_id=id/> })}
                }
                .into_any()
            })
        })
    };
    view! {
        <SalesTabs/>
        <Async load/>
    }
}

/// The producer's name, kind, place, status and households; staff's moves.
#[component]
fn ProducerHead(producer: Producer, version: RwSignal<u32>) -> impl IntoView {
    let id = producer.id;
    let staff = use_session().user().is_some_and(|u| matches!(u.role, doorstep_shared::api::Role::Staff | doorstep_shared::api::Role::Admin));
    let households = producer.beneficiaries.clone().unwrap_or_default();
    let households = (!households.is_empty()).then(|| {
        let items = households
            .into_iter()
            .map(|b| {
                let share = trf(Key::SaShare, vec![("share", b.share.to_string())]);
                view! { <li><span>{b.name}" · "{b.region_name}</span><span class="muted">{share}</span></li> }
            })
            .collect_view();
        view! {
            <h3>{tr(Key::SaHouseholds)}</h3>
            <ul class="items" id="producer-households">{items}</ul>
        }
    });
    let moves = staff.then(|| view! { <StaffMoves id status=producer.status version/> });
    view! {
        <section class="card" id="producer-head">
            <h1 id="producer-name">{producer.name}</h1>
            <p class="status-line">{producer_badge(producer.status)}" "<span class="muted">{tr(producer_kind_key(producer.kind))}</span></p>
            <p class="facts">{producer.region_name}" · "{producer.contact_phone}</p>
            <p class="muted">{trf(Key::SaListedCount, vec![("count", producer.listed_products.to_string())])}</p>
            {households}
            {moves}
        </section>
    }
}

/// Staff verify a pending producer, suspend a verified one (or verify a
/// suspended one again), and let an account act for it.
#[component]
fn StaffMoves(id: i64, status: ProducerStatus, version: RwSignal<u32>) -> impl IntoView {
    let act = Action::new_local(move |verify: &bool| {
        let verify = *verify;
        async move {
            if verify {
                api::verify_producer(id).await?;
            } else {
                api::suspend_producer(id).await?;
            }
            version.update(|n| *n += 1);
            Ok::<(), ApiError>(())
        }
    });
    let username = RwSignal::new(String::new());
    let link = Action::new_local(move |name: &String| {
        let name = name.trim().to_string();
        async move { api::link_producer_account(id, name).await.map(|_| ()) }
    });
    let failure = move || match (act.value().get(), link.value().get()) {
        (Some(Err(error)), _) | (_, Some(Err(error))) => Some(view! { <ErrorView error id="producer-move-error"/> }),
        _ => None,
    };
    let linked = move || {
        matches!(link.value().get(), Some(Ok(()))).then(|| view! { <p class="success" id="account-linked" role="status">{tr(Key::SaAccountLinked)}</p> })
    };
    let (verify, key, button_id) = match status {
        ProducerStatus::Verified => (false, Key::SaSuspend, "producer-suspend"),
        ProducerStatus::Pending | ProducerStatus::Suspended => (true, Key::SaVerify, "producer-verify"),
    };
    let on_link = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        link.dispatch_local(username.get_untracked());
    };
    view! {
        <div class="actions">
            <button type="button" id=button_id class=if verify { "" } else { "secondary" } disabled=move || act.pending().get()
                on:click=move |_| { act.dispatch_local(verify); }>
                {tr(key)}
            </button>
        </div>
        <details id="link-account">
            <summary>{tr(Key::SaLinkAccount)}</summary>
            <form on:submit=on_link>
                <label for="link-username">{tr(Key::SaAccountName)}</label>
                <input id="link-username" type="text" autocomplete="off" bind:value=username/>
                <button id="link-button" type="submit" disabled=move || link.pending().get()>{tr(Key::SaLinkAccount)}</button>
            </form>
            {linked}
        </details>
        {failure}
    }
}
