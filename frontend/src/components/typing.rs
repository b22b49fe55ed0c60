//! Asking the server as someone types, once typing pauses: pickers search
//! on the server without a request per keystroke on slow mobile data.

use std::time::Duration;

use leptos::prelude::*;

/// How long typing must pause before a picker asks the server.
pub const TYPING_PAUSE: Duration = Duration::from_millis(300);

/// What is typed in a search box, and what it settled on once typing paused.
#[derive(Clone, Copy)]
pub struct TypedQuery {
    /// The box's text, at every keystroke.
    pub text: RwSignal<String>,
    /// The text once it has stood still for [`TYPING_PAUSE`]; resources read this.
    pub settled: RwSignal<String>,
}

impl TypedQuery {
    /// Both empty.
    pub fn new() -> Self {
        Self { text: RwSignal::new(String::new()), settled: RwSignal::new(String::new()) }
    }

    /// Takes the box's new text; it settles unless more is typed within the pause.
    pub fn input(self, value: String) {
        self.text.set(value.clone());
        set_timeout(
            move || {
                if self.text.get_untracked() == value {
                    self.settled.set(value);
                }
            },
            TYPING_PAUSE,
        );
    }

    /// Settles on the current text at once (the search button, Enter).
    pub fn settle_now(self) {
        self.settled.set(self.text.get_untracked());
    }

    /// Empties the box and what it settled on.
    pub fn clear(self) {
        self.text.set(String::new());
        self.settled.set(String::new());
    }
}
