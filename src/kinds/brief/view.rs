//! A brief's page: its key messages and recommendations.

use serde_json::{Value, json};

use crate::kinds::typed::{self, List, typed};
use crate::kinds::view::{Recommendation, ViewContext, recommendations};

typed! {
    struct Fields {
        key_messages: List<String>,
        recommendations: List<Recommendation>,
    }
}

pub(super) fn view(cx: &ViewContext<'_>) -> Value {
    let f: Fields = typed::read(&cx.kind.fields);
    json!({
        "key_messages": f.key_messages.iter().map(|m| cx.text(m)).collect::<Vec<_>>(),
        "recommendations": recommendations(cx, &f.recommendations),
    })
}
