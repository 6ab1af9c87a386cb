//! Orientation and training modules (DOCUMENT-KINDS.md 4.3), and the
//! agenda shared with event reports (2.1): clock times and durations are
//! computed here, never typed.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::kinds::rules::{Row, Rules, str_of, strs_of};
use crate::kinds::validate::Path;

/// Longest stretch without a break before a warning.
const MAX_MINUTES_WITHOUT_BREAK: u64 = 90;
const MAX_DAY_MINUTES: u64 = 8 * 60;
/// Participants per group, for materials printed per group, unless the
/// material says otherwise (`group_of`).
const GROUP_SIZE: u64 = 5;

/// Verbs whose result cannot be observed (section 4.3).
const VAGUE_VERBS: &[&str] = &[
    "understand",
    "know",
    "be aware of",
    "appreciate",
    "comprendre",
    "connaître",
    "connaitre",
    "savoir",
    "être conscient",
    "être sensibilisé",
];

pub(crate) fn check(r: &mut Rules<'_, '_>) {
    if r.cx.front.audience.is_empty() {
        r.f.error(
            Path::default(),
            "missing `audience`: a module says who it is for",
            "e.g. `audience: [caseworkers, centre-staff]`".to_owned(),
        );
    }
    let objectives = r.rows("objectives");
    let objective_ids = r.unique_ids(&objectives, "objective");
    let materials = r.rows("materials");
    let material_ids = r.unique_ids(&materials, "material");
    let agenda = r.rows("agenda");
    for (path, objective) in &objectives {
        if let Some(text) = str_of(objective, "text")
            && let Some(verb) = vague_verb(text)
        {
            r.f.warning(
                path.field("text"),
                format!("the objective starts with \"{verb}\", whose result cannot be observed"),
                "start with a verb that shows the learning: list, explain, apply, refer, complete, identify …"
                    .to_owned(),
            );
        }
    }
    let questions = r.fields.get("questions").and_then(Value::as_array).map_or(0, Vec::len);
    if r.has("questions") && !(1..=3).contains(&questions) {
        r.f.warning(
            Path::key("questions"),
            format!("{questions} framing questions; one to three keep the session focused"),
            None,
        );
    }
    if let Some(group) = r.fields.get("group_size")
        && let (Some(min), Some(max)) =
            (group.get("min").and_then(Value::as_u64), group.get("max").and_then(Value::as_u64))
        && min > max
    {
        r.f.error(
            Path::key("group_size").field("min"),
            format!("`group_size.min` ({min}) is above `max` ({max})"),
            None,
        );
    }
    for (path, material) in &materials {
        if let Some(file) = str_of(material, "file")
            && !r.cx.bundle_dir.as_ref().is_some_and(|dir| dir.join(file).is_file())
        {
            r.f.error(
                path.field("file"),
                format!("the material file `{file}` does not exist"),
                "put it in the module's folder (a module with files is a folder: `x/index.en.md`)".to_owned(),
            );
        }
    }
    if let Some(evaluation) = r.fields.get("assessment").and_then(|a| a.get("evaluation")).and_then(Value::as_str) {
        let at = Path::key("assessment").field("evaluation");
        r.known_ref(at, evaluation, &material_ids, "material", "materials");
    }

    let schedule = agenda_schedule(r, "agenda", &agenda, Some(&objective_ids), Some(&material_ids));

    // Every objective is taught in a segment that is not a break.
    for (path, objective) in &objectives {
        let Some(id) = str_of(objective, "id") else { continue };
        let taught = agenda
            .iter()
            .any(|(_, seg)| str_of(seg, "method") != Some("break") && strs_of(seg, "objectives").contains(&id));
        if !taught && !agenda.is_empty() {
            r.f.error(
                path.field("id"),
                format!("no agenda segment covers the objective `{id}`"),
                format!("add `objectives: [{id}]` to the segment that teaches it"),
            );
        }
    }

    // The typed duration, if any, is the computed one.
    if let Some(schedule) = &schedule {
        let days = r.fields.get("days").and_then(Value::as_u64).unwrap_or(1);
        if let Some(typed) = r.fields.get("duration").and_then(Value::as_u64)
            && schedule.complete
        {
            let total = schedule.total;
            let per_day = if days > 1 { total / days } else { total };
            if typed != total && typed != per_day {
                r.f.error(
                    Path::key("duration"),
                    format!("`duration` is {typed} minutes, but the agenda adds up to {total}"),
                    "remove `duration`: it is computed from the agenda".to_owned(),
                );
            }
        }
        r.computed.insert("duration".into(), json!(schedule.total));
    }

    // Copies to print, from the group size.
    let max = r.fields.get("group_size").and_then(|g| g.get("max")).and_then(Value::as_u64);
    let mut copies = serde_json::Map::new();
    for (_, material) in &materials {
        let (Some(id), Some(max)) = (str_of(material, "id"), max) else { continue };
        let n = match str_of(material, "copies") {
            Some("per-participant") => max,
            Some("per-group") => {
                max.div_ceil(material.get("group_of").and_then(Value::as_u64).unwrap_or(GROUP_SIZE).max(1))
            }
            _ => 1,
        };
        copies.insert(id.to_owned(), json!(n));
    }
    r.computed.insert("copies".into(), Value::Object(copies));
}

fn vague_verb(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    VAGUE_VERBS.iter().copied().find(|verb| {
        lower.strip_prefix(verb).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', ':', '\'', '’']))
    })
}

pub(crate) struct Schedule {
    pub total: u64,
    /// Whether every segment has valid minutes (else the total is not the agenda's).
    pub complete: bool,
}

/// Checks an agenda and computes its clock times into `computed[field]`:
/// one entry per segment with `start`, `end` (HH:MM, when a start time is
/// known) and `day`, plus each day's minutes.
pub(crate) fn agenda_schedule(
    r: &mut Rules<'_, '_>,
    field: &str,
    agenda: &[Row<'_>],
    objective_ids: Option<&[String]>,
    material_ids: Option<&[String]>,
) -> Option<Schedule> {
    if agenda.is_empty() {
        return None;
    }
    r.unique_ids(agenda, "agenda segment");
    let start = r.text("start_time").and_then(parse_clock);
    let mut day_minutes: BTreeMap<u64, u64> = BTreeMap::new();
    let mut since_break: BTreeMap<u64, u64> = BTreeMap::new();
    let mut segments = Vec::new();
    let mut complete = true;
    for (path, seg) in agenda {
        let minutes = seg.get("minutes").and_then(Value::as_u64).unwrap_or_else(|| {
            complete = false;
            0
        });
        let day = seg.get("day").and_then(Value::as_u64).unwrap_or(1);
        if minutes % 5 != 0 {
            r.f.warning(
                path.field("minutes"),
                format!("{minutes} minutes is not a multiple of 5"),
                "round to 5 minutes: sessions never run that precisely".to_owned(),
            );
        }
        if let Some(known) = objective_ids {
            for (i, id) in strs_of(seg, "objectives").into_iter().enumerate() {
                r.known_ref(path.field("objectives").index(i), id, known, "objective", "objectives");
            }
        }
        if let Some(known) = material_ids {
            for (i, id) in strs_of(seg, "materials").into_iter().enumerate() {
                r.known_ref(path.field("materials").index(i), id, known, "material", "materials");
            }
        }
        let offset = *day_minutes.get(&day).unwrap_or(&0);
        let mut entry = serde_json::Map::new();
        entry.insert("day".into(), json!(day));
        entry.insert("offset".into(), json!(offset));
        if let Some(start) = start {
            entry.insert("start".into(), json!(clock(start + offset)));
            entry.insert("end".into(), json!(clock(start + offset + minutes)));
        }
        segments.push(Value::Object(entry));
        *day_minutes.entry(day).or_insert(0) += minutes;
        let stretch = since_break.entry(day).or_insert(0);
        if str_of(seg, "method") == Some("break") {
            *stretch = 0;
        } else {
            *stretch += minutes;
            if *stretch > MAX_MINUTES_WITHOUT_BREAK {
                r.f.warning(
                    path.field("minutes"),
                    format!("{} minutes without a break by the end of this segment", *stretch),
                    format!("add a break at least every {MAX_MINUTES_WITHOUT_BREAK} minutes"),
                );
                *stretch = 0;
            }
        }
    }
    for (day, minutes) in &day_minutes {
        if *minutes > MAX_DAY_MINUTES {
            r.f.warning(
                Path::key(field),
                format!("day {day} lasts {} h {:02}, more than 8 hours", minutes / 60, minutes % 60),
                "split the programme over more days".to_owned(),
            );
        }
    }
    let total = day_minutes.values().sum();
    r.computed.insert(
        field.to_owned(),
        json!({ "segments": segments, "days": day_minutes.iter().map(|(d, m)| json!({"day": d, "minutes": m})).collect::<Vec<_>>(), "total": total }),
    );
    Some(Schedule { total, complete })
}

/// "09:30" -> minutes since midnight.
pub(crate) fn parse_clock(text: &str) -> Option<u64> {
    let (h, m) = text.split_once(':')?;
    Some(h.parse::<u64>().ok()? * 60 + m.parse::<u64>().ok()?)
}

pub(crate) fn clock(minutes: u64) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

/// A module's quizzes (each with the line of its block) assess its
/// objectives, and its pre- and post-tests ask the same questions, so that
/// learning can be measured (4.3). Quizzes are components of the body, read
/// after the fields: hence a check of its own.
pub fn quiz_coverage(
    display: &str,
    kind: &crate::kinds::KindData,
    quizzes: &[(usize, &Value)],
) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::Diagnostic;
    let Some(&(first, _)) = quizzes.first() else { return Vec::new() };
    let questions = |quiz: &Value| quiz.get("questions").and_then(Value::as_array).cloned().unwrap_or_default();
    let assessed: Vec<String> = quizzes
        .iter()
        .flat_map(|(_, q)| questions(q))
        .filter_map(|q| q.get("objective")?.as_str().map(str::to_owned))
        .collect();
    let mut problems = Vec::new();
    for objective in kind.fields.get("objectives").and_then(Value::as_array).into_iter().flatten() {
        let Some(id) = objective.get("id").and_then(Value::as_str) else { continue };
        if !assessed.iter().any(|a| a == id) {
            problems.push(
                Diagnostic::warning(display, first, 1, format!("no quiz question assesses the objective `{id}`"))
                    .with_hint(format!("add a question with `objective: {id}`")),
            );
        }
    }
    let test = |name: &str| {
        quizzes.iter().find(|(_, q)| q.get("kind").and_then(Value::as_str) == Some(name)).map(|(line, q)| {
            let ids: Vec<String> =
                questions(q).iter().filter_map(|x| x.get("id")?.as_str().map(str::to_owned)).collect();
            (*line, ids)
        })
    };
    if let (Some((_, pre)), Some((line, post))) = (test("pre-test"), test("post-test"))
        && pre != post
    {
        problems.push(
            Diagnostic::warning(display, line, 1, "the post-test does not ask the questions of the pre-test")
                .with_hint("use the same question ids in both, so that the change can be measured"),
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_verbs_are_found_at_the_start_only() {
        assert_eq!(vague_verb("Understand the referral steps"), Some("understand"));
        assert_eq!(vague_verb("Comprendre les étapes"), Some("comprendre"));
        assert_eq!(vague_verb("Apply the steps they understand"), None);
        assert_eq!(vague_verb("Knowledge of x"), None);
    }

    #[test]
    fn clocks() {
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(clock(570 + 45), "10:15");
    }
}
