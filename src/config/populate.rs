//! What `configure populate` writes: one native `sso_session` profile per account and role, named by a
//! template, inside the managed block of its sso-session. Pure: assignments and the old block in, the new
//! block out, so that naming, collisions, stability and pruning are tested without a server.

use std::collections::{BTreeMap, BTreeSet};

use super::edit::SectionRef;
use super::ini;
use super::section_name_after;

/// The placeholders a name template may use.
pub const PLACEHOLDERS: &[&str] = &["account_name", "account_id", "role_name", "account_email", "session"];

/// One account-and-role assignment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assignment {
    pub account_id: String,
    pub account_name: String,
    pub account_email: String,
    pub role_name: String,
}

/// A profile of the block, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockProfile {
    pub name: String,
    pub account_id: String,
    pub role_name: String,
    pub region: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("the name template {template:?} uses {{{name}}}, which is not a placeholder; use {}", list_placeholders())]
    Unknown { template: String, name: String },
    #[error("the name template {0:?} has an unmatched {{ or }}; write placeholders as {{account_name}}")]
    Unbalanced(String),
    #[error("the name template {0:?} uses no placeholder, so every profile would get the same name")]
    Constant(String),
}

fn list_placeholders() -> String {
    PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ")
}

/// A checked name template.
#[derive(Debug, Clone)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Placeholder(&'static str),
}

impl Template {
    pub fn parse(template: &str) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = template;
        while !rest.is_empty() {
            match rest.find(['{', '}']) {
                None => {
                    parts.push(Part::Text(rest.to_owned()));
                    break;
                }
                Some(at) if rest[at..].starts_with('}') => return Err(TemplateError::Unbalanced(template.into())),
                Some(at) => {
                    parts.push(Part::Text(rest[..at].to_owned()));
                    let close = rest[at..].find('}').ok_or_else(|| TemplateError::Unbalanced(template.into()))?;
                    let name = &rest[at + 1..at + close];
                    let known = PLACEHOLDERS
                        .iter()
                        .find(|p| **p == name)
                        .ok_or_else(|| TemplateError::Unknown { template: template.into(), name: name.into() })?;
                    parts.push(Part::Placeholder(known));
                    rest = &rest[at + close + 1..];
                }
            }
        }
        if !parts.iter().any(|p| matches!(p, Part::Placeholder(_))) {
            return Err(TemplateError::Constant(template.into()));
        }
        Ok(Self { parts })
    }

    /// The name for an assignment, made safe for a section header.
    pub fn render(&self, assignment: &Assignment, session: &str) -> String {
        let raw: String = self
            .parts
            .iter()
            .map(|part| match part {
                Part::Text(text) => text.as_str(),
                Part::Placeholder("account_name") => &assignment.account_name,
                Part::Placeholder("account_id") => &assignment.account_id,
                Part::Placeholder("role_name") => &assignment.role_name,
                Part::Placeholder("account_email") => &assignment.account_email,
                Part::Placeholder(_) => session,
            })
            .collect();
        let safe = safe_name(&raw);
        if safe.is_empty() { assignment.account_id.clone() } else { safe }
    }
}

/// Keeps what a profile name can hold in every tool (letters, digits and `.-_+=,@`); every run of anything
/// else (spaces, quotes, brackets, `$`) becomes one `-`, trimmed at the ends. Such a name needs no quoting in a
/// section header, a shell or a completion list.
pub fn safe_name(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() || ".-_+=,@".contains(c) {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    name.trim_matches('-').to_owned()
}

/// The profiles of an old block: name, account and role of each (sections without both are not ours).
pub fn read_block(body: &str) -> Vec<BlockProfile> {
    let Ok(sections) = ini::parse(body) else { return Vec::new() };
    sections
        .into_iter()
        .filter_map(|section| {
            let name = section_name_after("profile", &section.name)?;
            let plain = |key: &str| section.get(key).and_then(|e| e.value.as_plain()).map(str::to_owned);
            Some(BlockProfile {
                name,
                account_id: plain("sso_account_id")?,
                role_name: plain("sso_role_name")?,
                region: plain("region"),
            })
        })
        .collect()
}

/// What goes into the new block.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub profiles: Vec<BlockProfile>,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Profiles kept because their account could not be listed this time.
    pub kept_unlisted: usize,
}

pub struct PlanInput<'a> {
    pub session: &'a str,
    pub template: &'a Template,
    pub region: Option<&'a str>,
    pub assignments: &'a [Assignment],
    /// Accounts whose roles could not be listed: their old profiles stay as they are.
    pub unlisted_accounts: &'a BTreeSet<String>,
    pub old: &'a [BlockProfile],
    /// Profile names outside the block, which a generated profile must not take.
    pub taken: &'a BTreeSet<String>,
    pub prune: bool,
}

/// Names every assignment and decides what stays. A profile keeps its old name while that name still derives
/// from the template (a new account cannot take a name that is in use); new ones get the template's name, or
/// when it is taken the name plus `.ACCOUNT_ID`, then `-2`, `-3`..., in account ID then role order.
pub fn plan(input: &PlanInput<'_>) -> Plan {
    let mut taken = input.taken.clone();
    let old_by_assignment: BTreeMap<(&str, &str), &BlockProfile> =
        input.old.iter().map(|p| ((p.account_id.as_str(), p.role_name.as_str()), p)).collect();
    let mut assignments: Vec<&Assignment> = input.assignments.iter().collect();
    assignments.sort_by(|a, b| (&a.account_id, &a.role_name).cmp(&(&b.account_id, &b.role_name)));
    assignments.dedup_by(|a, b| a.account_id == b.account_id && a.role_name == b.role_name);

    let mut profiles: Vec<BlockProfile> = Vec::new();
    let mut result = Plan::default();
    // Kept as they were: profiles of accounts not listed this time, and (without --prune) of assignments gone.
    let listed: BTreeSet<(&str, &str)> =
        assignments.iter().map(|a| (a.account_id.as_str(), a.role_name.as_str())).collect();
    for old in input.old {
        if listed.contains(&(old.account_id.as_str(), old.role_name.as_str())) {
            continue;
        }
        // A profile of the same name now exists outside the block; two would make the file unreadable.
        if taken.contains(&old.name) {
            result.removed += 1;
            continue;
        }
        if input.unlisted_accounts.contains(&old.account_id) {
            result.kept_unlisted += 1;
        } else if input.prune {
            result.removed += 1;
            continue;
        }
        taken.insert(old.name.clone());
        profiles.push(old.clone());
    }

    let bases: Vec<String> = assignments.iter().map(|a| input.template.render(a, input.session)).collect();
    let mut names: Vec<Option<String>> = vec![None; assignments.len()];
    // First the old names that still fit the template.
    for (i, assignment) in assignments.iter().enumerate() {
        if let Some(old) = old_by_assignment.get(&(assignment.account_id.as_str(), assignment.role_name.as_str()))
            && derives_from(&old.name, &bases[i])
            && !taken.contains(&old.name)
        {
            taken.insert(old.name.clone());
            names[i] = Some(old.name.clone());
        }
    }
    for (i, assignment) in assignments.iter().enumerate() {
        if names[i].is_some() {
            continue;
        }
        let base = &bases[i];
        let with_id = format!("{base}.{}", assignment.account_id);
        let name = [base.clone(), with_id.clone()]
            .into_iter()
            .chain((2..).map(|n| format!("{with_id}-{n}")))
            .find(|candidate| !taken.contains(candidate))
            .expect("an endless list has a free name");
        taken.insert(name.clone());
        names[i] = Some(name);
    }

    for (assignment, name) in assignments.iter().zip(names) {
        let profile = BlockProfile {
            name: name.expect("every assignment is named"),
            account_id: assignment.account_id.clone(),
            role_name: assignment.role_name.clone(),
            region: input.region.map(str::to_owned),
        };
        match old_by_assignment.get(&(assignment.account_id.as_str(), assignment.role_name.as_str())) {
            None => result.added += 1,
            Some(old) if **old != profile => result.changed += 1,
            Some(_) => {}
        }
        profiles.push(profile);
    }
    profiles.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.name.cmp(&b.name)));
    result.profiles = profiles;
    result
}

/// Whether `name` is `base` or `base` with the collision suffixes `plan` adds.
fn derives_from(name: &str, base: &str) -> bool {
    name == base || name.strip_prefix(base).is_some_and(|rest| rest.starts_with('.'))
}

/// The block's text: a note, then one section per profile.
pub fn render_block(session: &str, profiles: &[BlockProfile]) -> String {
    let mut body = format!(
        "# Written by `ssoenv configure populate --sso-session {session}`; a new run replaces everything up to the \
         END line.\n"
    );
    for profile in profiles {
        body.push_str(&format!(
            "\n[{}]\nsso_session = {session}\nsso_account_id = {}\nsso_role_name = {}\n",
            SectionRef::Profile(&profile.name).header(),
            profile.account_id,
            profile.role_name
        ));
        if let Some(region) = &profile.region {
            body.push_str(&format!("region = {region}\n"));
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assignment(id: &str, name: &str, role: &str) -> Assignment {
        Assignment {
            account_id: id.into(),
            account_name: name.into(),
            account_email: format!("{name}@example.com"),
            role_name: role.into(),
        }
    }

    fn run(template: &str, assignments: &[Assignment], old: &[BlockProfile], taken: &[&str], prune: bool) -> Plan {
        plan(&PlanInput {
            session: "corp",
            template: &Template::parse(template).unwrap(),
            region: None,
            assignments,
            unlisted_accounts: &BTreeSet::new(),
            old,
            taken: &taken.iter().map(|s| (*s).to_owned()).collect(),
            prune,
        })
    }

    fn names(plan: &Plan) -> Vec<&str> {
        plan.profiles.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn templates() {
        let a = assignment("111111111111", "Data Lake (prod)", "Admin");
        assert_eq!(Template::parse("{account_name}.{role_name}").unwrap().render(&a, "corp"), "Data-Lake-prod-.Admin");
        assert_eq!(
            Template::parse("{session}-{account_id}-{role_name}").unwrap().render(&a, "corp"),
            "corp-111111111111-Admin"
        );
        assert_eq!(Template::parse("x{account_email}").unwrap().render(&a, "c"), "xData-Lake-prod-@example.com");
        assert!(matches!(Template::parse("{acount}"), Err(TemplateError::Unknown { .. })));
        assert!(matches!(Template::parse("{role_name"), Err(TemplateError::Unbalanced(_))));
        assert!(matches!(Template::parse("a}"), Err(TemplateError::Unbalanced(_))));
        assert!(matches!(Template::parse("fixed"), Err(TemplateError::Constant(_))));
        let odd = assignment("222222222222", "$(rm -rf ~)`x` \"q\" ü", "R");
        assert_eq!(Template::parse("{account_name}").unwrap().render(&odd, "c"), "rm--rf-x-q-ü");
        let empty = assignment("333333333333", "!!!", "R");
        assert_eq!(Template::parse("{account_name}").unwrap().render(&empty, "c"), "333333333333");
    }

    #[test]
    fn collisions_are_told_apart_by_account_id_in_a_fixed_order() {
        let assignments = [
            assignment("222222222222", "prod", "Admin"),
            assignment("111111111111", "prod", "Admin"),
            assignment("111111111111", "prod", "ReadOnly"),
        ];
        let plan = run("{account_name}.{role_name}", &assignments, &[], &[], false);
        assert_eq!(names(&plan), ["prod.Admin", "prod.Admin.222222222222", "prod.ReadOnly"]);
        assert_eq!(plan.profiles[0].account_id, "111111111111");
        let reversed: Vec<_> = assignments.iter().rev().cloned().collect();
        assert_eq!(run("{account_name}.{role_name}", &reversed, &[], &[], false), plan);
    }

    #[test]
    fn names_outside_the_block_are_not_taken() {
        let plan = run("{role_name}", &[assignment("111111111111", "a", "Admin")], &[], &["Admin"], false);
        assert_eq!(names(&plan), ["Admin.111111111111"]);
        let plan = run("{role_name}", &[assignment("1", "a", "Admin")], &[], &["Admin", "Admin.1"], false);
        assert_eq!(names(&plan), ["Admin.1-2"]);
    }

    #[test]
    fn a_second_run_changes_nothing_and_old_names_stay() {
        let first = run("{account_name}.{role_name}", &[assignment("222222222222", "prod", "Admin")], &[], &[], false);
        // An account with a smaller ID and the same name arrives: the existing profile keeps its name.
        let assignments = [assignment("222222222222", "prod", "Admin"), assignment("111111111111", "prod", "Admin")];
        let second = run("{account_name}.{role_name}", &assignments, &first.profiles, &[], false);
        assert_eq!(names(&second), ["prod.Admin", "prod.Admin.111111111111"]);
        assert_eq!(second.profiles[0].account_id, "222222222222");
        assert_eq!((second.added, second.changed, second.removed), (1, 0, 0));
        let third = run("{account_name}.{role_name}", &assignments, &second.profiles, &[], false);
        assert_eq!(third.profiles, second.profiles);
        assert_eq!((third.added, third.changed, third.removed), (0, 0, 0));
    }

    #[test]
    fn a_new_template_renames() {
        let first = run("{account_name}.{role_name}", &[assignment("1", "prod", "Admin")], &[], &[], false);
        let second =
            run("{role_name}@{account_name}", &[assignment("1", "prod", "Admin")], &first.profiles, &[], false);
        assert_eq!(names(&second), ["Admin@prod"]);
        assert_eq!(second.changed, 1);
    }

    #[test]
    fn gone_assignments_stay_unless_pruned_and_unlisted_accounts_always_stay() {
        let old = run(
            "{account_name}.{role_name}",
            &[assignment("1", "a", "Admin"), assignment("2", "b", "Admin"), assignment("3", "c", "Admin")],
            &[],
            &[],
            false,
        )
        .profiles;
        let now = [assignment("1", "a", "Admin")];
        let kept = run("{account_name}.{role_name}", &now, &old, &[], false);
        assert_eq!(names(&kept), ["a.Admin", "b.Admin", "c.Admin"]);
        let template = Template::parse("{account_name}.{role_name}").unwrap();
        let pruned = plan(&PlanInput {
            session: "corp",
            template: &template,
            region: None,
            assignments: &now,
            unlisted_accounts: &BTreeSet::from(["3".to_owned()]),
            old: &old,
            taken: &BTreeSet::new(),
            prune: true,
        });
        assert_eq!(names(&pruned), ["a.Admin", "c.Admin"]);
        assert_eq!((pruned.removed, pruned.kept_unlisted), (1, 1));
    }

    #[test]
    fn the_block_reads_back() {
        let mut profiles =
            run("{account_name}.{role_name}", &[assignment("1", "a", "Admin")], &[], &[], false).profiles;
        profiles[0].region = Some("eu-west-1".into());
        let body = render_block("corp", &profiles);
        assert_eq!(
            body,
            "# Written by `ssoenv configure populate --sso-session corp`; a new run replaces everything up to the END line.\n\n[profile a.Admin]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = Admin\nregion = eu-west-1\n"
        );
        assert_eq!(read_block(&body), profiles);
    }
}
