//! Changing the config file in place: `[sso-session NAME]` and `[profile NAME]` sections added or updated, and
//! the managed blocks of `configure populate` replaced, while every other byte stays as it was (comments,
//! blank lines, order, line endings, nested `s3 =` settings). The file is replaced atomically and keeps its
//! mode; a symbolic link (dotfiles kept in a repository) is followed, not replaced.
//!
//! rust-ini cannot do this: it rewrites the whole file from its model, dropping comments and layout. The
//! edits work on lines, and find sections and values through the parser's own lexer (`ini::lex`), so the
//! writer and the reader never disagree on where a section or a value ends.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::ini::{self, Line};
use super::{ConfigError, section_name_after};

/// The mode of a config file that ssoenv creates: it can hold start URLs and account IDs, no one else's business.
const NEW_FILE_MODE: u32 = 0o600;

/// A section of the config file, by what botocore maps it to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionRef<'a> {
    Profile(&'a str),
    SsoSession(&'a str),
}

impl SectionRef<'_> {
    /// The text between the brackets, as the AWS CLI writes it: `default`, `profile NAME`, `sso-session NAME`,
    /// with the name quoted when botocore's shell-style split would otherwise cut it.
    pub fn header(&self) -> String {
        match self {
            Self::Profile("default") => "default".to_owned(),
            Self::Profile(name) => format!("profile {}", shell_words::quote(name)),
            Self::SsoSession(name) => format!("sso-session {}", shell_words::quote(name)),
        }
    }

    fn matches(&self, header: &str) -> bool {
        match self {
            Self::Profile(name) => {
                (*name == "default" && header == "default")
                    || section_name_after("profile", header).is_some_and(|found| found == *name)
            }
            Self::SsoSession(name) => section_name_after("sso-session", header).is_some_and(|found| found == *name),
        }
    }

    fn describe(&self) -> String {
        format!("[{}]", self.header())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{} changed while ssoenv was editing it; nothing was written, run the command again", path.display())]
    ChangedMeanwhile { path: PathBuf },
    #[error(
        "{value:?} cannot be written as {key} in {section}: a value must be one line without leading or trailing spaces"
    )]
    BadValue { section: String, key: String, value: String },
    #[error("{name:?} cannot be a profile or sso-session name: it must be one line without leading or trailing spaces")]
    BadName { name: String },
    #[error(
        "{}:{line}: `{begin}` has no `{end}` after it; put the END line back, or delete the block, and run again",
        path.display()
    )]
    UnclosedBlock { path: PathBuf, line: usize, begin: String, end: String },
}

/// The config file as text, with the edits made so far.
#[derive(Debug)]
pub struct ConfigEditor {
    path: PathBuf,
    /// What was read, to notice another writer before replacing the file.
    original: String,
    /// Each line with its own terminator.
    lines: Vec<String>,
    /// The file's own line ending, for the lines ssoenv adds.
    newline: &'static str,
}

/// One `key = value` of a section: the lines it spans (continuations included).
struct EntrySpan {
    key: String,
    first: usize,
    last: usize,
}

/// Where a section is: its header line, the line after its last, and its entries.
struct SectionSpan {
    header: usize,
    end: usize,
    entries: Vec<EntrySpan>,
}

impl ConfigEditor {
    /// Reads the file (a missing one is empty). A file the parser refuses is not edited: the edit could only
    /// make it worse, and the error says where it is broken.
    pub fn open(path: &Path) -> Result<Self, ConfigError> {
        let original = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                ConfigError::Invalid(format!("{}: the file is not valid UTF-8; save it as UTF-8", path.display()))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(ConfigError::Read { path: path.to_owned(), source }),
        };
        ini::parse(&original).map_err(|reason| ConfigError::Parse { path: path.to_owned(), reason })?;
        let newline = if original.contains("\r\n") { "\r\n" } else { "\n" };
        let lines = ini::lines_with_ends(&original).map(|(line, end)| format!("{line}{end}")).collect();
        Ok(Self { path: path.to_owned(), original, lines, newline })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn original(&self) -> &str {
        &self.original
    }

    pub fn text(&self) -> String {
        self.lines.concat()
    }

    pub fn is_changed(&self) -> bool {
        self.text() != self.original
    }

    /// The plain values of a section as the file has them now, or `None` when there is no such section.
    pub fn section_values(&self, section: SectionRef<'_>) -> Option<BTreeMap<String, String>> {
        let text = self.text();
        let sections = ini::parse(&text).ok()?;
        // `[default]` and `[profile default]` are one profile; the later one wins, as in botocore.
        let found = sections.iter().rev().find(|s| section.matches(&s.name))?;
        Some(
            found
                .entries
                .iter()
                .filter_map(|entry| entry.value.as_plain().map(|value| (entry.key.clone(), value.to_owned())))
                .collect(),
        )
    }

    /// Sets `values` in the section (adding it at the end of the file when it is missing) and deletes the
    /// `remove` keys from it. A value already as wanted keeps its line untouched; a changed one is rewritten in
    /// place; a new one goes after the section's last setting.
    pub fn set_section(
        &mut self,
        section: SectionRef<'_>,
        values: &[(&str, &str)],
        remove: &[&str],
    ) -> Result<(), EditError> {
        check_name(section)?;
        for (key, value) in values {
            if !is_one_clean_line(value) {
                return Err(EditError::BadValue {
                    section: section.describe(),
                    key: (*key).to_owned(),
                    value: (*value).to_owned(),
                });
            }
        }
        let Some(span) = self.find_section(section) else {
            self.append_section(section, values);
            return Ok(());
        };
        let current: BTreeMap<String, String> = self.section_values(section).unwrap_or_default();
        let wanted: BTreeMap<&str, &str> = values.iter().copied().collect();
        let mut replaced = Vec::with_capacity(self.lines.len() + values.len());
        replaced.extend(self.lines[..=span.header].iter().cloned());
        let missing: Vec<(&str, &str)> =
            values.iter().copied().filter(|(key, _)| !span.entries.iter().any(|e| e.key == *key)).collect();
        let insert_after = span.entries.last().map_or(span.header, |entry| entry.last);
        if insert_after == span.header {
            self.push_settings(&mut replaced, &missing);
        }
        let mut index = span.header + 1;
        while index < span.end {
            match span.entries.iter().find(|entry| entry.first == index) {
                Some(entry) if remove.contains(&entry.key.as_str()) => index = entry.last + 1,
                Some(entry) => match wanted.get(entry.key.as_str()) {
                    Some(value) if current.get(&entry.key).map(String::as_str) != Some(value) => {
                        let newline = self.ending_of(entry.last);
                        replaced.push(format!("{} = {value}{newline}", entry.key));
                        index = entry.last + 1;
                    }
                    _ => {
                        replaced.extend(self.lines[index..=entry.last].iter().cloned());
                        index = entry.last + 1;
                    }
                },
                None => {
                    replaced.push(self.lines[index].clone());
                    index += 1;
                }
            }
            if index == insert_after + 1 && insert_after != span.header {
                self.push_settings(&mut replaced, &missing);
            }
        }
        replaced.extend(self.lines[span.end..].iter().cloned());
        self.lines = replaced;
        Ok(())
    }

    /// The lines between `# BEGIN ssoenv populate NAME` and `# END ssoenv populate NAME`, when the block exists.
    pub fn block(&self, name: &str) -> Result<Option<String>, EditError> {
        Ok(self.find_block(name)?.map(|(begin, end)| self.lines[begin + 1..end].concat()))
    }

    /// Replaces the managed block's body (or appends the block at the end of the file). `body` is whole lines.
    pub fn replace_block(&mut self, name: &str, body: &str) -> Result<(), EditError> {
        let body: Vec<String> = ini::lines_with_ends(body).map(|(line, _)| format!("{line}{}", self.newline)).collect();
        match self.find_block(name)? {
            Some((begin, end)) => {
                self.lines.splice(begin + 1..end, body);
            }
            None => {
                self.start_new_paragraph();
                self.lines.push(format!("{}{}", block_begin(name), self.newline));
                self.lines.extend(body);
                self.lines.push(format!("{}{}", block_end(name), self.newline));
            }
        }
        Ok(())
    }

    /// Every profile name of the file outside the named block: names a generated profile must not take.
    pub fn profiles_outside_block(&self, name: &str) -> Result<BTreeSet<String>, EditError> {
        let outside = match self.find_block(name)? {
            Some((begin, end)) => [&self.lines[..begin], &self.lines[end + 1..]].concat().concat(),
            None => self.text(),
        };
        Ok(ini::lex(&outside)
            .filter_map(|(_, line)| match line {
                Line::Header("default") => Some("default".to_owned()),
                Line::Header(header) => section_name_after("profile", header),
                _ => None,
            })
            .collect())
    }

    /// Replaces the file with the edited text: a temporary file in the same folder, fsync, rename. The mode of
    /// the old file is kept (0600 for a new one), and a symbolic link is written through.
    pub fn save(&self) -> Result<(), EditError> {
        let write_error = |source| EditError::Write { path: self.path.clone(), source };
        let target = match std::fs::canonicalize(&self.path) {
            Ok(real) => real,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => self.path.clone(),
            Err(e) => return Err(write_error(e)),
        };
        let now = match std::fs::read(&target) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(write_error(e)),
        };
        if now != self.original.as_bytes() {
            return Err(EditError::ChangedMeanwhile { path: self.path.clone() });
        }
        let mode = match std::fs::metadata(&target) {
            Ok(metadata) => metadata.permissions().mode() & 0o7777,
            Err(_) => NEW_FILE_MODE,
        };
        crate::cache::fs::write_atomic_with_mode(&target, self.text().as_bytes(), Some(mode)).map_err(write_error)?;
        Ok(())
    }

    fn find_section(&self, section: SectionRef<'_>) -> Option<SectionSpan> {
        let text = self.text();
        let mut found: Option<SectionSpan> = None;
        let mut current: Option<SectionSpan> = None;
        let finish = |span: Option<SectionSpan>, end: usize, found: &mut Option<SectionSpan>| {
            if let Some(mut span) = span {
                span.end = end;
                // The later of `[default]` and `[profile default]` is the one botocore reads.
                *found = Some(span);
            }
        };
        for (number, line) in ini::lex(&text) {
            let index = number - 1;
            match line {
                Line::Header(header) => {
                    finish(current.take(), index, &mut found);
                    if section.matches(header) {
                        current = Some(SectionSpan { header: index, end: index, entries: Vec::new() });
                    }
                }
                Line::Option(option) => {
                    if let Some(span) = &mut current {
                        span.entries.push(EntrySpan { key: option.key().to_lowercase(), first: index, last: index });
                    }
                }
                Line::Continuation(_) => {
                    if let Some(entry) = current.as_mut().and_then(|span| span.entries.last_mut()) {
                        entry.last = index;
                    }
                }
                _ => {}
            }
        }
        finish(current.take(), self.lines.len(), &mut found);
        found
    }

    fn find_block(&self, name: &str) -> Result<Option<(usize, usize)>, EditError> {
        let (begin_marker, end_marker) = (block_begin(name), block_end(name));
        let Some(begin) = self.lines.iter().position(|line| line.trim() == begin_marker) else {
            return Ok(None);
        };
        match self.lines[begin..].iter().position(|line| line.trim() == end_marker) {
            Some(offset) => Ok(Some((begin, begin + offset))),
            None => Err(EditError::UnclosedBlock {
                path: self.path.clone(),
                line: begin + 1,
                begin: begin_marker,
                end: end_marker,
            }),
        }
    }

    fn append_section(&mut self, section: SectionRef<'_>, values: &[(&str, &str)]) {
        self.start_new_paragraph();
        self.lines.push(format!("[{}]{}", section.header(), self.newline));
        let mut lines = Vec::new();
        self.push_settings(&mut lines, values);
        self.lines.extend(lines);
    }

    fn push_settings(&self, lines: &mut Vec<String>, values: &[(&str, &str)]) {
        if let Some(last) = lines.last_mut()
            && !last.ends_with(['\n', '\r'])
        {
            last.push_str(self.newline);
        }
        lines.extend(values.iter().map(|(key, value)| format!("{key} = {value}{}", self.newline)));
    }

    /// Ends the last line and leaves one blank line before what is appended (none in an empty file).
    fn start_new_paragraph(&mut self) {
        let newline = self.newline;
        if let Some(last) = self.lines.last_mut() {
            if !last.ends_with(['\n', '\r']) {
                last.push_str(newline);
            }
            if !last.trim().is_empty() {
                self.lines.push(newline.to_owned());
            }
        }
    }

    /// A line's own terminator (none for an unterminated last line).
    fn ending_of(&self, index: usize) -> &str {
        let line = &self.lines[index];
        &line[line.trim_end_matches(['\n', '\r']).len()..]
    }
}

pub fn block_begin(name: &str) -> String {
    format!("# BEGIN ssoenv populate {name}")
}

pub fn block_end(name: &str) -> String {
    format!("# END ssoenv populate {name}")
}

fn is_one_clean_line(value: &str) -> bool {
    !value.contains(['\n', '\r']) && ini::python_strip(value) == value
}

fn check_name(section: SectionRef<'_>) -> Result<(), EditError> {
    let (SectionRef::Profile(name) | SectionRef::SsoSession(name)) = section;
    if name.is_empty() || !is_one_clean_line(name) {
        return Err(EditError::BadName { name: name.to_owned() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MESSY: &str = "# my AWS config\n\n[default]\nregion = eu-west-1\n\n; the team's\n[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Dev\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n# trailing note\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n";

    fn editor(text: &str) -> (tempfile::TempDir, ConfigEditor) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, text).unwrap();
        let editor = ConfigEditor::open(&path).unwrap();
        (dir, editor)
    }

    fn edited(text: &str, edit: impl FnOnce(&mut ConfigEditor)) -> String {
        let (_dir, mut editor) = editor(text);
        edit(&mut editor);
        let result = editor.text();
        ini::parse(&result).expect("the edited file parses");
        result
    }

    fn profile<'a>(name: &'a str) -> SectionRef<'a> {
        SectionRef::Profile(name)
    }

    #[test]
    fn a_new_profile_in_an_empty_file() {
        let text = edited("", |e| e.set_section(profile("dev"), &[("region", "us-east-1")], &[]).unwrap());
        assert_eq!(text, "[profile dev]\nregion = us-east-1\n");
    }

    #[test]
    fn a_new_section_goes_after_one_blank_line() {
        let text = edited("[default]\nregion = a\n", |e| {
            e.set_section(SectionRef::SsoSession("corp"), &[("sso_region", "us-east-1")], &[]).unwrap()
        });
        assert_eq!(text, "[default]\nregion = a\n\n[sso-session corp]\nsso_region = us-east-1\n");
        let text = edited("[default]\nregion = a\n\n", |e| e.set_section(profile("x"), &[("a", "b")], &[]).unwrap());
        assert_eq!(text, "[default]\nregion = a\n\n[profile x]\na = b\n");
    }

    #[test]
    fn an_unterminated_last_line_is_ended_first() {
        let text = edited("[default]\nregion = a", |e| e.set_section(profile("x"), &[("a", "b")], &[]).unwrap());
        assert_eq!(text, "[default]\nregion = a\n\n[profile x]\na = b\n");
        let text =
            edited("[profile x]\nregion = a", |e| e.set_section(profile("x"), &[("output", "json")], &[]).unwrap());
        assert_eq!(text, "[profile x]\nregion = a\noutput = json\n");
    }

    #[test]
    fn setting_the_same_values_changes_nothing() {
        let (_dir, mut editor) = editor(MESSY);
        let values = [("sso_session", "corp"), ("sso_account_id", "111111111111"), ("sso_role_name", "Dev")];
        editor.set_section(profile("dev"), &values, &[]).unwrap();
        assert!(!editor.is_changed());
    }

    #[test]
    fn a_changed_value_is_rewritten_in_place_and_everything_else_kept() {
        let text = edited(MESSY, |e| e.set_section(profile("dev"), &[("sso_role_name", "Admin")], &[]).unwrap());
        assert_eq!(text, MESSY.replace("sso_role_name = Dev", "sso_role_name = Admin"));
    }

    #[test]
    fn a_new_key_goes_after_the_last_setting_even_a_nested_one() {
        let text = edited(MESSY, |e| e.set_section(profile("dev"), &[("region", "us-west-2")], &[]).unwrap());
        assert_eq!(
            text,
            MESSY.replace("  addressing_style = path\n", "  addressing_style = path\nregion = us-west-2\n")
        );
    }

    #[test]
    fn a_new_key_in_a_section_without_settings_follows_the_header() {
        let text =
            edited("[profile x]\n\n# hi\n[profile y]\n", |e| e.set_section(profile("x"), &[("a", "b")], &[]).unwrap());
        assert_eq!(text, "[profile x]\na = b\n\n# hi\n[profile y]\n");
    }

    #[test]
    fn removed_keys_go_with_their_continuation_lines() {
        let text = edited(MESSY, |e| e.set_section(profile("dev"), &[], &["s3", "sso_account_id"]).unwrap());
        assert_eq!(
            text,
            MESSY
                .replace("sso_account_id = 111111111111\n", "")
                .replace("s3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n", "")
        );
    }

    #[test]
    fn a_multi_line_value_is_replaced_whole() {
        let text = edited("[profile x]\nnote = one\n  two\n\n  three\nregion = a\n", |e| {
            e.set_section(profile("x"), &[("note", "single")], &[]).unwrap()
        });
        // The blank line between `two` and `three` is part of the value, and goes with it.
        assert_eq!(text, "[profile x]\nnote = single\nregion = a\n");
    }

    #[test]
    fn keys_match_whatever_their_case_and_delimiter() {
        let text =
            edited("[profile x]\nRegion: a\n", |e| e.set_section(profile("x"), &[("region", "b")], &[]).unwrap());
        assert_eq!(text, "[profile x]\nregion = b\n");
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let text = edited("[profile x]\r\nregion = a\r\n", |e| {
            e.set_section(profile("x"), &[("region", "b"), ("output", "json")], &[]).unwrap();
            e.set_section(profile("y"), &[("region", "c")], &[]).unwrap();
        });
        assert_eq!(text, "[profile x]\r\nregion = b\r\noutput = json\r\n\r\n[profile y]\r\nregion = c\r\n");
    }

    #[test]
    fn the_later_of_default_and_profile_default_is_updated() {
        let before = "[default]\nregion = a\n\n[profile default]\nregion = b\n";
        let text = edited(before, |e| e.set_section(profile("default"), &[("region", "c")], &[]).unwrap());
        assert_eq!(text, "[default]\nregion = a\n\n[profile default]\nregion = c\n");
        let text = edited("", |e| e.set_section(profile("default"), &[("region", "c")], &[]).unwrap());
        assert_eq!(text, "[default]\nregion = c\n");
    }

    #[test]
    fn quoted_and_spaced_names() {
        let before = "[profile \"my name\"]\nregion = a\n";
        let text = edited(before, |e| e.set_section(profile("my name"), &[("region", "b")], &[]).unwrap());
        assert_eq!(text, "[profile \"my name\"]\nregion = b\n");
        let text = edited("", |e| e.set_section(SectionRef::SsoSession("my corp"), &[("a", "b")], &[]).unwrap());
        assert_eq!(text, "[sso-session 'my corp']\na = b\n");
        let sections = ini::parse(&text).unwrap();
        assert_eq!(section_name_after("sso-session", &sections[0].name).as_deref(), Some("my corp"));
    }

    #[test]
    fn a_profile_and_a_session_of_the_same_name_are_different_sections() {
        let before = "[sso-session dev]\nsso_region = a\n[profile dev]\nregion = a\n";
        let text = edited(before, |e| e.set_section(profile("dev"), &[("sso_region", "b")], &[]).unwrap());
        assert_eq!(text, "[sso-session dev]\nsso_region = a\n[profile dev]\nregion = a\nsso_region = b\n");
    }

    #[test]
    fn inherited_default_keys_are_not_the_sections_own() {
        let before = "[DEFAULT]\nregion = a\n[profile x]\noutput = json\n";
        let text = edited(before, |e| e.set_section(profile("x"), &[("region", "b")], &[]).unwrap());
        assert_eq!(text, "[DEFAULT]\nregion = a\n[profile x]\noutput = json\nregion = b\n");
    }

    #[test]
    fn values_and_names_that_would_break_the_file_are_refused() {
        let (_dir, mut editor) = editor(MESSY);
        let error = editor.set_section(profile("dev"), &[("region", "a\n[default]")], &[]).unwrap_err();
        assert!(error.to_string().contains("region in [profile dev]"), "{error}");
        assert!(editor.set_section(profile("dev"), &[("region", " a")], &[]).is_err());
        assert!(editor.set_section(profile("a\nb"), &[], &[]).is_err());
        assert!(editor.set_section(profile(""), &[], &[]).is_err());
        assert!(!editor.is_changed());
    }

    #[test]
    fn a_broken_file_is_not_edited() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, "[default]\na = 1\n[default]\n").unwrap();
        let error = ConfigEditor::open(&path).unwrap_err().to_string();
        assert!(error.contains("config:3") && error.contains("[default] appears twice"), "{error}");
    }

    #[test]
    fn blocks_are_appended_then_replaced_in_place() {
        let (_dir, mut editor) = editor(MESSY);
        assert_eq!(editor.block("corp").unwrap(), None);
        editor.replace_block("corp", "[profile a]\nsso_session = corp\n").unwrap();
        let first = editor.text();
        assert_eq!(
            first,
            format!(
                "{MESSY}\n# BEGIN ssoenv populate corp\n[profile a]\nsso_session = corp\n# END ssoenv populate corp\n"
            )
        );
        editor.set_section(profile("late"), &[("region", "x")], &[]).unwrap();
        editor.replace_block("corp", "[profile b]\nsso_session = corp\n\n[profile c]\nsso_session = corp\n").unwrap();
        assert_eq!(
            editor.text(),
            format!(
                "{MESSY}\n# BEGIN ssoenv populate corp\n[profile b]\nsso_session = corp\n\n[profile c]\nsso_session = corp\n# END ssoenv populate corp\n\n[profile late]\nregion = x\n"
            )
        );
        assert_eq!(
            editor.block("corp").unwrap().unwrap(),
            "[profile b]\nsso_session = corp\n\n[profile c]\nsso_session = corp\n"
        );
        assert_eq!(editor.block("other").unwrap(), None);
    }

    #[test]
    fn an_unclosed_block_is_an_error_with_its_line() {
        let (_dir, mut editor) = editor("[default]\n# BEGIN ssoenv populate corp\n[profile a]\n");
        let error = editor.replace_block("corp", "").unwrap_err().to_string();
        assert!(error.contains("config:2") && error.contains("# END ssoenv populate corp"), "{error}");
    }

    #[test]
    fn profiles_outside_a_block() {
        let (_dir, mut editor) = editor(MESSY);
        editor.replace_block("corp", "[profile generated]\nsso_session = corp\n").unwrap();
        let names = editor.profiles_outside_block("corp").unwrap();
        assert_eq!(names.into_iter().collect::<Vec<_>>(), ["default", "dev"]);
    }

    #[test]
    fn save_keeps_the_mode_and_writes_through_a_link() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles-config");
        std::fs::write(&real, "[default]\nregion = a\n").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("config");
        symlink(&real, &link).unwrap();
        let mut editor = ConfigEditor::open(&link).unwrap();
        editor.set_section(profile("default"), &[("region", "b")], &[]).unwrap();
        editor.save().unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "[default]\nregion = b\n");
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }

    #[test]
    fn a_new_file_is_private_in_a_private_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".aws").join("config");
        let mut editor = ConfigEditor::open(&path).unwrap();
        editor.set_section(profile("x"), &[("region", "a")], &[]).unwrap();
        editor.save().unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
    }

    #[test]
    fn a_file_changed_meanwhile_is_not_overwritten() {
        let (_dir, mut editor) = editor(MESSY);
        editor.set_section(profile("x"), &[("region", "a")], &[]).unwrap();
        std::fs::write(editor.path(), "[profile someone-else]\n").unwrap();
        assert!(matches!(editor.save().unwrap_err(), EditError::ChangedMeanwhile { .. }));
        assert_eq!(std::fs::read_to_string(editor.path()).unwrap(), "[profile someone-else]\n");
    }

    #[test]
    fn what_is_written_reads_back() {
        let text = edited(MESSY, |e| {
            e.set_section(SectionRef::SsoSession("new"), &[("sso_start_url", "https://x.awsapps.com/start")], &[])
                .unwrap();
            e.set_section(profile("dev"), &[("sso_session", "new"), ("region", "ap-south-1")], &["sso_role_name"])
                .unwrap();
        });
        let sections = ini::parse(&text).unwrap();
        let dev = sections.iter().find(|s| s.name == "profile dev").unwrap();
        assert_eq!(dev.get("sso_session").unwrap().value.as_plain(), Some("new"));
        assert_eq!(dev.get("region").unwrap().value.as_plain(), Some("ap-south-1"));
        assert!(dev.get("sso_role_name").is_none());
        assert!(matches!(dev.get("s3").unwrap().value, ini::Value::Nested(ref pairs) if pairs.len() == 2));
    }
}
