//! The kinds not yet in a folder of their own, read from the shared tables.

use serde_json::Value;

use super::rules::Rules;
use super::rules::skeleton::Section;
use super::schema::Field;
use super::spec::{Draft, DraftText, KindSpec, TODO};
use super::view::ViewContext;
use crate::parse::Kind;

pub struct Legacy(pub Kind);

impl KindSpec for Legacy {
    fn fields(&self) -> &'static [Field] {
        super::schema::legacy_fields(self.0.as_str())
    }

    fn skeleton(&self, subtype: Option<&str>) -> Option<&'static [Section]> {
        super::rules::skeleton::skeleton_for(self.0.as_str(), subtype)
    }

    fn check(&self, r: &mut Rules<'_, '_>) {
        super::rules::legacy_check(self.0.as_str(), r);
    }

    fn shows_block_after(&self, heading_id: &str) -> bool {
        match self.0 {
            Kind::Sop => matches!(heading_id, "roles" | "referral" | "directory") || heading_id.starts_with("step-"),
            Kind::Brief => heading_id == "recommendations",
            Kind::Strategy => matches!(heading_id, "axes" | "implementation" | "monitoring"),
            Kind::Report => matches!(heading_id, "participation" | "findings" | "recommendations" | "annexes"),
            _ => false,
        }
    }

    fn view(&self, cx: &ViewContext<'_>) -> Option<Value> {
        super::view::legacy_view(self.0.as_str(), cx)
    }

    fn draft(&self, d: &Draft<'_>) -> DraftText {
        let (t, todo, owner, today) = (|en, fr| d.t(en, fr), TODO, d.owner, d.today);
        let (title, fields, subtype) = match self.0 {
            Kind::Sop => (
                t("New standard operating procedures", "Nouvelles procédures opérationnelles standard"),
                format!(
                    "subtype: other\ndoc_id: \"{todo}\"\nrevision_history:\n  - {{ version: \"0.1\", date: {today}, status: draft, summary: \"{}\" }}\nroles:\n  - {{ id: role-1, actor: {owner}, title: \"{todo}\" }}\nprocedure:\n  - {{ id: step-1, title: \"{todo}\", actor: role-1 }}\n",
                    t("First draft", "Premier projet")
                ),
                None,
            ),
            Kind::Module => (
                t("New training module", "Nouveau module de formation"),
                format!(
                    "subtype: orientation\naudience: [{todo}]\ndelivery: in-person\nstart_time: \"09:00\"\nobjectives:\n  - {{ id: o1, text: \"{todo}\" }}\nkeypoints: [\"{todo}\"]\nagenda:\n  - {{ id: s1, title: \"{todo}\", minutes: 30, method: presentation, objectives: [o1] }}\n"
                ),
                None,
            ),
            Kind::Brief => (
                t("New policy brief", "Nouvelle note d'orientation"),
                format!(
                    "subtype: policy-brief\nkey_messages: [\"{todo}\", \"{todo}\", \"{todo}\"]\nrecommendations:\n  - {{ id: r1, text: \"{todo}\", to: [{owner}], horizon: short, priority: high }}\n"
                ),
                None,
            ),
            Kind::Strategy => {
                let year = i64::from(today.year) + 1;
                (
                    t("New strategy", "Nouvelle stratégie"),
                    format!(
                        "subtype: strategy\nperiod: {{ start: {year}, end: {} }}\naxes:\n  - {{ id: a1, title: \"{todo}\", objectives: [{{ id: a1.1, title: \"{todo}\" }}] }}\naction_plan:\n  - {{ id: \"1.1.1\", axis: a1, objective: a1.1, action: \"{todo}\", lead: {owner}, start: \"{year}-Q1\", end: \"{year}-Q4\", priority: high }}\nresults:\n  - id: i1\n    level: impact\n    statement: \"{todo}\"\n    indicators:\n      - {{ id: ind-1, text: \"{todo}\", unit: number, baseline: null, baseline_note: \"{todo}\", targets: [{{ year: {}, value: 1 }}], source: \"{todo}\", frequency: annual, responsible: {owner} }}\n",
                        year + 4,
                        year + 4
                    ),
                    Some("strategy"),
                )
            }
            Kind::Checklist => (
                t("New checklist", "Nouvelle liste de contrôle"),
                format!(
                    "subtype: template\nareas:\n  - {{ id: area-1, group: operations, title: \"{todo}\" }}\ngroups:\n  - {{ id: operations, title: \"{}\" }}\nitems:\n  - {{ id: item-1, area: area-1, text: \"{todo}\" }}\nthreshold: 0.7\n",
                    t("Operations", "Fonctionnement")
                ),
                None,
            ),
            Kind::Report => (
                t("New report", "Nouveau rapport"),
                format!(
                    "subtype: consultation\nevent: {{ start: {today}, end: {today}, city: \"{todo}\", mode: in-person, organisers: [{owner}] }}\nparticipant_groups: [other]\nattendance:\n  - {{ institution: {owner}, category: other, women: 0, men: 0, not_recorded: 0 }}\n"
                ),
                Some("consultation"),
            ),
            Kind::Page => (t("New page", "Nouvelle page"), String::new(), None),
        };
        DraftText { title, fields, subtype }
    }

    fn draft_below(&self, section_id: &str) -> Option<String> {
        (self.0 == Kind::Sop && section_id == "procedure").then(|| format!("### {TODO} {{#step-1}}\n\n{TODO}\n\n"))
    }
}
