//! What a document adds to its print file beside its page's view: the
//! bilingual state header any document may ask for, and what a kind prints
//! of its own ([`KindSpec::print_extras`](super::spec::KindSpec::print_extras):
//! a module edition's blank attendance sheet), for `templates/print.html`.

use serde::Serialize;

use super::typed::{self, typed};
use super::view::ViewContext;

/// What a print file shows beside the parts' views.
#[derive(Default)]
pub struct PrintExtras {
    /// The bilingual header of the Republic of Cameroon (`state_header: true`).
    pub state_header: Option<StateHeader>,
    /// A module edition's blank attendance sheet.
    pub attendance_sheet: Option<AttendanceSheet>,
}

#[derive(Serialize)]
pub struct StateHeader {
    /// The ministry's name in French and in English, under each motto.
    pub fr: Option<String>,
    pub en: Option<String>,
}

/// A blank attendance sheet: its numbered rows, a signature column per day.
#[derive(Serialize)]
pub struct AttendanceSheet {
    pub rows: Vec<usize>,
    pub days: Vec<usize>,
}

typed! {
    /// The common field that asks for the state header.
    struct Common {
        state_header: Option<bool>,
    }
}

/// What every kind's print file shows beside its view.
pub fn extras(cx: &ViewContext<'_>) -> PrintExtras {
    PrintExtras { state_header: state_header(cx), attendance_sheet: None }
}

/// The government header of a document that asks for it, with its
/// owner's name in both languages (DOCUMENT-KINDS 6.7).
fn state_header(cx: &ViewContext<'_>) -> Option<StateHeader> {
    let common: Common = typed::read(&cx.kind.fields);
    if common.state_header != Some(true) {
        return None;
    }
    let owner = cx.front.owner.as_deref().and_then(|id| cx.glossary.entries.get(id));
    let name = |lang: &str| owner.and_then(|e| e.name.get(lang)).map(|n| n.to_uppercase());
    Some(StateHeader { fr: name("fr"), en: name("en") })
}
