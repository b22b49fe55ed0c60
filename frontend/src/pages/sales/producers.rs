//! "生产者 / Producers" for staff: the producers of their jurisdiction by
//! status (those waiting first), verified or suspended from the list, each
//! opening its page; and registering a new one with the households it
//! benefits and their shares of the income.

use doorstep_shared::api::{BeneficiaryShare, PersonResponse, Producer, ProducerKind, ProducerRequest, ProducerStatus};
use leptos::prelude::*;

use super::tabs::SalesTabs;
use super::words::{producer_badge, producer_kind_key};
use crate::api::{self, ApiError, SALES_PER_PAGE};
use crate::components::{empty, last_failure, section, Async, ErrorView, FieldError, Paged, PersonPicker, RegionPicker};
use crate::format::parse_u32;
use crate::i18n::{tr, trf, Key};

/// The status filter, one page of producers, and the registration form.
#[component]
pub fn ProducersPage() -> impl IntoView {
    let status = RwSignal::new(Some(ProducerStatus::Pending));
    let page = RwSignal::new(1_u32);
    let version = RwSignal::new(0_u32);
    let producers = LocalResource::new(move || {
        let (status, page) = (status.get(), page.get());
        version.track();
        async move { api::list_producers(status, page).await }
    });
    let list = move || {
        section(async move {
            producers.await.map(|found| {
                if found.items.is_empty() {
                    return empty("producers-empty", Key::SaNoProducers);
                }
                let (total, at) = (found.total, found.page);
                let items = found.items.into_iter().map(|producer| view! { <ProducerLine producer version/> }).collect_view();
                view! {
                    <Paged page=at total per_page=SALES_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="producers">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    let options = [(Some(ProducerStatus::Pending), Key::SaProducerPending), (Some(ProducerStatus::Verified), Key::SaProducerVerified)]
        .into_iter()
        .chain([(Some(ProducerStatus::Suspended), Key::SaProducerSuspended), (None, Key::SaAllStatuses)])
        .map(
            |(value, key)| view! { <option value=value.map(|s| s.as_str()).unwrap_or_default() prop:selected=move || status.get() == value>{tr(key)}</option> },
        )
        .collect_view();
    let on_status = move |ev| {
        status.set(ProducerStatus::parse(&event_target_value(&ev)));
        page.set(1);
    };
    view! {
        <SalesTabs/>
        <h1 class="page-title">{tr(Key::SaProducersTitle)}</h1>
        <NewProducer/>
        <label for="producers-status">{tr(Key::SaStatusLabel)}</label>
        <select id="producers-status" on:change=on_status>{options}</select>
        <Async load=list/>
    }
}

/// One producer: name, kind, place, status, and the move staff make most.
#[component]
fn ProducerLine(producer: Producer, version: RwSignal<u32>) -> impl IntoView {
    let id = producer.id;
    let verify = Action::new_local(move |_: &()| async move {
        api::verify_producer(id).await?;
        version.update(|n| *n += 1);
        Ok::<(), ApiError>(())
    });
    let failure = move || match verify.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error/> }),
        _ => None,
    };
    let button = (producer.status != ProducerStatus::Verified).then(|| {
        view! {
            <button type="button" id=format!("verify-{id}") disabled=move || verify.pending().get() on:click=move |_| { verify.dispatch_local(()); }>
                {tr(Key::SaVerify)}
            </button>
        }
    });
    view! {
        <li class="card posting-card" id=format!("producer-{id}")>
            <h2><a href=format!("/producers/{id}")>{producer.name}</a></h2>
            <p class="status-line">{producer_badge(producer.status)}" "<span class="muted">{tr(producer_kind_key(producer.kind))}</span></p>
            <p class="facts">{producer.region_name}</p>
            <p class="muted">{trf(Key::SaListedCount, vec![("count", producer.listed_products.to_string())])}</p>
            <div class="card-extra">{button}{failure}</div>
        </li>
    }
}

/// A household chosen for a new producer, with its share.
#[derive(Debug, Clone)]
struct Chosen {
    person_id: i64,
    name: String,
    share: RwSignal<String>,
}

/// Registers a producer (it starts pending), then offers its page.
#[component]
fn NewProducer() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(ProducerKind::Cooperative);
    let region = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<Chosen>::new());
    let create = Action::new_local(move |request: &ProducerRequest| {
        let request = request.clone();
        async move { api::create_producer(&request).await }
    });
    let created = move || match create.value().get() {
        Some(Ok(producer)) => Some(view! {
            <p class="success" id="producer-registered" role="status">
                {tr(Key::SaProducerRegistered)}" "<a href=format!("/producers/{}", producer.id)>{producer.name}</a>
            </p>
        }),
        _ => None,
    };
    let failure = last_failure(create);
    let on_pick = Callback::new(move |person: PersonResponse| {
        chosen.update(|chosen| {
            if !chosen.iter().any(|c| c.person_id == person.id) {
                chosen.push(Chosen { person_id: person.id, name: person.name, share: RwSignal::new("1".into()) });
            }
        });
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let beneficiaries = chosen
            .get_untracked()
            .iter()
            .map(|c| BeneficiaryShare { person_id: c.person_id, share: parse_u32(&c.share.get_untracked()).unwrap_or_default() })
            .collect();
        create.dispatch_local(ProducerRequest {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            region_code: region.get_untracked(),
            contact_phone: phone.get_untracked(),
            description: description.get_untracked(),
            beneficiaries,
            remainder_person_id: None,
        });
    };
    let kinds = ProducerKind::ALL
        .iter()
        .map(|&k| view! { <option value=k.as_str() prop:selected=move || kind.get() == k>{tr(producer_kind_key(k))}</option> })
        .collect_view();
    let households = move || {
        chosen
            .get()
            .into_iter()
            .map(|c| {
                let id = c.person_id;
                view! {
                    <li class="person">
                        <strong>{c.name}</strong>
                        <label class="sub" for=format!("share-{id}")>{tr(Key::SaShareLabel)}</label>
                        <input id=format!("share-{id}") type="number" inputmode="numeric" min="1" bind:value=c.share/>
                        <button type="button" class="secondary" id=format!("unpick-{id}") on:click=move |_| chosen.update(|all| all.retain(|x| x.person_id != id))>
                            {tr(Key::SaRemove)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="card" id="new-producer">
            <summary>{tr(Key::SaNewProducer)}</summary>
            <form id="producer-form" on:submit=on_submit>
                <label for="producer-name-input">{tr(Key::SaProducerName)}</label>
                <input id="producer-name-input" type="text" bind:value=name/>
                <FieldError error=failure field="name" id="producer-name-error"/>
                <label for="producer-kind">{tr(Key::SaProducerKind)}</label>
                <select id="producer-kind" on:change=move |ev| kind.set(ProducerKind::parse(&event_target_value(&ev)).unwrap_or(ProducerKind::Cooperative))>
                    {kinds}
                </select>
                <RegionPicker code=region id="producer-region" label=Key::SaProducerRegion required=true/>
                <FieldError error=failure field="region_code" id="producer-region-error"/>
                <label for="producer-phone">{tr(Key::SaContactPhone)}</label>
                <input id="producer-phone" type="tel" inputmode="tel" bind:value=phone/>
                <FieldError error=failure field="contact_phone" id="producer-phone-error"/>
                <label for="producer-description">{tr(Key::SaDescription)}</label>
                <textarea id="producer-description" rows="3" bind:value=description></textarea>
            </form>
            <h3>{tr(Key::SaHouseholds)}</h3>
            <p class="muted">{tr(Key::SaHouseholdsHint)}</p>
            <ul class="plain people" id="producer-households-chosen">{households}</ul>
            <FieldError error=failure field="beneficiaries" id="producer-households-error"/>
            <PersonPicker on_pick/>
            {move || failure.get().map(|error| view! { <ErrorView error id="new-producer-error"/> })}
            {created}
            <button type="submit" form="producer-form" class="wide" id="producer-save" disabled=move || create.pending().get()>{tr(Key::SaRegisterProducer)}</button>
        </details>
    }
}
