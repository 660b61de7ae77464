//! The INI dialect of the AWS config and credentials files, read exactly as botocore reads it: Python's
//! `configparser.RawConfigParser` with its defaults, then botocore's nested sub-sections (sso-protocol.md §5.2).
//!
//! Written by hand because no crate reads this dialect: rust-ini (the crate the design names) merges duplicate
//! sections and keys where configparser refuses them, reports no line numbers, and treats indented lines and
//! `:` differently. The rules that matter, each mirrored below:
//! - `=` and `:` both delimit; the key is everything before the first of them, lower-cased.
//! - Whole-line comments start with `#` or `;` (after any indentation); there are no inline comments.
//! - A line indented deeper than the option line above it continues that option's value (`s3 =` followed by
//!   indented `key = value` lines is how nested sub-sections are written).
//! - A duplicate section, or a duplicate key within a section, is an error.
//! - `[DEFAULT]` holds keys every other section inherits.

use std::fmt;

/// A value: a plain string, or the `key = value` lines of a nested sub-section (`s3 =` + indented lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Plain(String),
    Nested(Vec<(String, String)>),
}

impl Value {
    pub fn as_plain(&self) -> Option<&str> {
        match self {
            Self::Plain(value) => Some(value),
            Self::Nested(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Lower-cased, as configparser's `optionxform` does.
    pub key: String,
    pub value: Value,
    /// 1-based line of the `key = value` line.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The text between the brackets, case kept.
    pub name: String,
    /// 1-based line of the `[name]` header.
    pub line: usize,
    /// In file order, with the `[DEFAULT]` section's keys that this section does not set appended.
    pub entries: Vec<Entry>,
}

impl Section {
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.key == key)
    }
}

/// Why a file is not valid INI, with the 1-based line where the parser gave up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub reason: ParseErrorReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorReason {
    ByteOrderMark,
    MissingSectionHeader,
    DuplicateSection(String),
    DuplicateKey { section: String, key: String },
    NoDelimiter,
    EmptyKey,
    NestedLineWithoutEquals,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            ParseErrorReason::ByteOrderMark => {
                write!(
                    f,
                    "the file starts with a byte-order mark, which the AWS CLI cannot read either; save it as UTF-8 without BOM"
                )
            }
            ParseErrorReason::MissingSectionHeader => {
                write!(f, "a setting before any [section] header; put it under [default] or [profile NAME]")
            }
            ParseErrorReason::DuplicateSection(name) => {
                write!(f, "the section [{name}] appears twice; merge the two into one")
            }
            ParseErrorReason::DuplicateKey { section, key } => {
                write!(f, "{key} is set twice in [{section}]; keep one of them")
            }
            ParseErrorReason::NoDelimiter => write!(f, "a line that is neither a [section], a comment nor key = value"),
            ParseErrorReason::EmptyKey => write!(f, "a setting with no key before its = or :"),
            ParseErrorReason::NestedLineWithoutEquals => {
                write!(f, "an indented line under a nested setting (such as s3 =) must be key = value")
            }
        }
    }
}

/// Python's `str.isspace()`, which `strip()` and the `\s`/`\S` patterns use: Unicode white space plus the
/// four ASCII separators U+001C to U+001F that Rust's `char::is_whitespace` does not count.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

pub(crate) fn python_strip(s: &str) -> &str {
    s.trim_matches(is_python_space)
}

/// Splits on universal newlines (`\n`, `\r\n`, `\r`), as Python's text-mode reading does.
pub(crate) fn universal_lines(text: &str) -> impl Iterator<Item = &str> {
    lines_with_ends(text).map(|(line, _)| line)
}

/// Each line and its terminator (empty for a last line without one), so that a writer can put every byte back.
pub(crate) fn lines_with_ends(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // A byte search: both terminators are ASCII, and a `char` pattern costs several times as much.
        match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
            None => Some((std::mem::take(&mut rest), "")),
            Some(end) => {
                let width = if rest[end..].starts_with("\r\n") { 2 } else { 1 };
                let (line, ending) = (&rest[..end], &rest[end..end + width]);
                rest = &rest[end + width..];
                Some((line, ending))
            }
        }
    })
}

/// One line, classified as configparser classifies it. The parser and the in-place writer both read a file
/// through this, so that they never disagree on where a section or a value ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    /// Empty or white space; `in_value` when it falls inside a value that may go on (configparser keeps it,
    /// and trims it if no continuation follows).
    Blank {
        in_value: bool,
    },
    Comment,
    /// A line indented deeper than the option above it: more of that option's value (stripped).
    Continuation(&'a str),
    Header(&'a str),
    /// `key = value`: the stripped line and where its first delimiter is (see [`OptionLine`]).
    Option(OptionLine<'a>),
    /// Neither of the above.
    NoDelimiter,
}

/// A `key = value` line. The key and value are cut out only when asked for: completion lexes thousands of
/// lines at every Tab and looks at few keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OptionLine<'a> {
    stripped: &'a str,
    delimiter: usize,
}

impl<'a> OptionLine<'a> {
    /// The key as written (not yet lower-cased), stripped.
    pub(crate) fn key(&self) -> &'a str {
        python_strip(&self.stripped[..self.delimiter])
    }

    pub(crate) fn value(&self) -> &'a str {
        python_strip(&self.stripped[self.delimiter + 1..])
    }

    /// Whether the key starts with `prefix` (ASCII, any case), without stripping it first: the line is
    /// stripped already, so the key starts the line.
    pub(crate) fn key_starts_with(&self, prefix: &str) -> bool {
        self.stripped[..self.delimiter].get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    }
}

/// Classifies the lines of a text: `(1-based line number, line)`.
pub(crate) fn lex(text: &str) -> impl Iterator<Item = (usize, Line<'_>)> {
    let mut in_option = false;
    let mut seen_header = false;
    let mut indent_level = 0usize;
    universal_lines(text).enumerate().map(move |(index, line)| {
        let stripped = python_strip(line);
        let is_comment = stripped.starts_with('#') || stripped.starts_with(';');
        if stripped.is_empty() {
            return (index + 1, Line::Blank { in_value: in_option });
        }
        if is_comment {
            return (index + 1, Line::Comment);
        }
        // Most lines start in the first column; counting is for the indented ones.
        let cur_indent = if line.starts_with(|c: char| c.is_ascii_graphic()) {
            0
        } else {
            line.chars().take_while(|c| is_python_space(*c)).count()
        };
        if seen_header && in_option && cur_indent > indent_level {
            return (index + 1, Line::Continuation(stripped));
        }
        indent_level = cur_indent;
        let kind = if let Some(name) = section_header(stripped) {
            seen_header = true;
            in_option = false;
            Line::Header(name)
        // A byte search: both delimiters are ASCII (completion lexes thousands of lines at every Tab).
        } else if let Some(delimiter) = stripped.bytes().position(|b| b == b'=' || b == b':') {
            in_option = true;
            Line::Option(OptionLine { stripped, delimiter })
        } else {
            in_option = false;
            Line::NoDelimiter
        };
        (index + 1, kind)
    })
}

/// An option being read. Continuation lines are appended to `value` after a `\n`, which is configparser's
/// `"\n".join(lines)`; the trailing white space is trimmed when the option is finished.
struct PendingOption {
    key: String,
    value: String,
    line: usize,
}

struct RawSection {
    name: String,
    line: usize,
    options: Vec<PendingOption>,
}

const DEFAULT_SECTION: &str = "DEFAULT";

/// Parses a whole file. The first error found is returned, as configparser raises it.
pub fn parse(text: &str) -> Result<Vec<Section>, ParseError> {
    parse_keeping(text, &|_| true)
}

/// Parses and checks the whole file, but returns only the sections whose header `keep` accepts: a command
/// that needs one profile of thousands must still refuse a broken file, but need not hold all of it.
pub fn parse_keeping(text: &str, keep: &dyn Fn(&str) -> bool) -> Result<Vec<Section>, ParseError> {
    if text.starts_with('\u{feff}') {
        return Err(ParseError { line: 1, reason: ParseErrorReason::ByteOrderMark });
    }
    let mut sections: Vec<RawSection> = Vec::new();
    // Section names seen, for the duplicate check: a config with thousands of profiles must not cost O(n²).
    let mut seen = std::collections::HashSet::new();
    let mut defaults = RawSection { name: DEFAULT_SECTION.to_owned(), line: 0, options: Vec::new() };
    // Which section the following lines belong to: an index into `sections`, or the defaults.
    let mut current: Option<Option<usize>> = None;
    let mut first_error: Option<ParseError> = None;
    // A malformed nested value in a section that is not kept; raised after `first_error`, as botocore reads
    // nested values only once configparser has finished.
    let mut nested_error: Option<ParseError> = None;
    let mut retire_unkept = |sections: &mut Vec<RawSection>| {
        if sections.last().is_some_and(|last| !keep(&last.name)) {
            let unkept = sections.pop().expect("checked above");
            if let Err(error) = finish_options(unkept.options) {
                nested_error.get_or_insert(error);
            }
        }
    };

    for (lineno, line) in lex(text) {
        match line {
            Line::Comment | Line::Blank { in_value: false } => {}
            // An empty line inside a multi-line value is part of it (trailing ones are trimmed at the end).
            Line::Blank { in_value: true } => {
                if let Some(option) =
                    section_mut(&mut sections, &mut defaults, current).and_then(|s| s.options.last_mut())
                {
                    option.value.push('\n');
                }
            }
            Line::Continuation(more) => {
                if let Some(option) =
                    section_mut(&mut sections, &mut defaults, current).and_then(|s| s.options.last_mut())
                {
                    option.value.push('\n');
                    option.value.push_str(more);
                }
            }
            Line::Header(name) if name == DEFAULT_SECTION => current = Some(None),
            Line::Header(name) => {
                if !seen.insert(name.to_owned()) {
                    return Err(ParseError {
                        line: lineno,
                        reason: ParseErrorReason::DuplicateSection(name.to_owned()),
                    });
                }
                retire_unkept(&mut sections);
                sections.push(RawSection { name: name.to_owned(), line: lineno, options: Vec::new() });
                current = Some(Some(sections.len() - 1));
            }
            Line::NoDelimiter | Line::Option(_) if current.is_none() => {
                return Err(ParseError { line: lineno, reason: ParseErrorReason::MissingSectionHeader });
            }
            // configparser records the bad line, keeps reading, and raises at the end.
            Line::NoDelimiter => {
                first_error.get_or_insert(ParseError { line: lineno, reason: ParseErrorReason::NoDelimiter });
            }
            Line::Option(option) => {
                let (key, value) = (option.key().to_lowercase(), option.value());
                if key.is_empty() {
                    first_error.get_or_insert(ParseError { line: lineno, reason: ParseErrorReason::EmptyKey });
                }
                let section =
                    section_mut(&mut sections, &mut defaults, current).expect("a header was seen, checked above");
                if section.options.iter().any(|o| o.key == key) {
                    return Err(ParseError {
                        line: lineno,
                        reason: ParseErrorReason::DuplicateKey { section: section.name.clone(), key },
                    });
                }
                section.options.push(PendingOption { key, value: value.to_owned(), line: lineno });
            }
        }
    }
    retire_unkept(&mut sections);
    if let Some(error) = first_error.or(nested_error) {
        return Err(error);
    }

    let defaults = finish_options(defaults.options)?;
    sections
        .into_iter()
        .map(|raw| {
            let mut entries = finish_options(raw.options)?;
            for inherited in &defaults {
                if !entries.iter().any(|e| e.key == inherited.key) {
                    entries.push(inherited.clone());
                }
            }
            Ok(Section { name: raw.name, line: raw.line, entries })
        })
        .collect()
}

fn section_mut<'a>(
    sections: &'a mut [RawSection],
    defaults: &'a mut RawSection,
    current: Option<Option<usize>>,
) -> Option<&'a mut RawSection> {
    match current? {
        Some(index) => sections.get_mut(index),
        None => Some(defaults),
    }
}

/// `[name]`: configparser's `\[(?P<header>.+)\]` matched at the start of the stripped line; the greedy `.+`
/// runs to the last `]`, and anything after it is ignored.
pub(crate) fn section_header(stripped: &str) -> Option<&str> {
    let rest = stripped.strip_prefix('[')?;
    let end = rest.rfind(']')?;
    (end > 0).then(|| &rest[..end])
}

/// Finishes each option's value as configparser does (`.rstrip()` of the joined lines), then reads nested
/// sub-sections as botocore's `_parse_nested` does.
fn finish_options(options: Vec<PendingOption>) -> Result<Vec<Entry>, ParseError> {
    options
        .into_iter()
        .map(|mut option| {
            let kept = option.value.trim_end_matches(is_python_space).len();
            option.value.truncate(kept);
            let value = match option.value.strip_prefix('\n') {
                Some(nested) => Value::Nested(parse_nested(nested, option.line)?),
                None => Value::Plain(option.value),
            };
            Ok(Entry { key: option.key, value, line: option.line })
        })
        .collect()
}

fn parse_nested(block: &str, option_line: usize) -> Result<Vec<(String, String)>, ParseError> {
    let mut pairs = Vec::new();
    for (offset, line) in block.split('\n').enumerate() {
        let line = python_strip(line);
        if line.is_empty() {
            continue;
        }
        // The block's lines follow the option line, with comment lines skipped; the option line is the best
        // place to point at when one is malformed.
        let Some((key, value)) = line.split_once('=') else {
            return Err(ParseError {
                line: option_line + offset + 1,
                reason: ParseErrorReason::NestedLineWithoutEquals,
            });
        };
        pairs.push((python_strip(key).to_owned(), python_strip(value).to_owned()));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(section: &Section, key: &str) -> Option<String> {
        section.get(key).and_then(|e| e.value.as_plain()).map(str::to_owned)
    }

    #[test]
    fn reads_sections_keys_and_lines() {
        let sections = parse("# top\n[default]\nRegion = us-east-1\n\n[profile dev]\nsso_session: corp\n").unwrap();
        assert_eq!(sections.len(), 2);
        assert_eq!((sections[0].name.as_str(), sections[0].line), ("default", 2));
        assert_eq!(plain(&sections[0], "region").as_deref(), Some("us-east-1"));
        assert_eq!(sections[0].get("region").unwrap().line, 3);
        assert_eq!(plain(&sections[1], "sso_session").as_deref(), Some("corp"));
    }

    #[test]
    fn there_are_no_inline_comments() {
        let sections = parse("[default]\nregion = us-east-1 # the main one\noutput = json ; x\n").unwrap();
        assert_eq!(plain(&sections[0], "region").as_deref(), Some("us-east-1 # the main one"));
        assert_eq!(plain(&sections[0], "output").as_deref(), Some("json ; x"));
    }

    #[test]
    fn the_key_ends_at_the_first_delimiter() {
        let sections = parse("[default]\nsso_start_url = https://x.awsapps.com/start\na:b = c\n").unwrap();
        assert_eq!(plain(&sections[0], "sso_start_url").as_deref(), Some("https://x.awsapps.com/start"));
        assert_eq!(plain(&sections[0], "a").as_deref(), Some("b = c"));
    }

    #[test]
    fn nested_sub_sections() {
        let text = "[services local]\nsso_oidc =\n  endpoint_url = http://127.0.0.1:1\n  # note\n\n  x=y\nsso =\n endpoint_url = http://127.0.0.1:2\n[default]\nregion=a\n";
        let sections = parse(text).unwrap();
        let nested = &sections[0].get("sso_oidc").unwrap().value;
        assert_eq!(
            nested,
            &Value::Nested(vec![("endpoint_url".into(), "http://127.0.0.1:1".into()), ("x".into(), "y".into())])
        );
        assert!(matches!(&sections[0].get("sso").unwrap().value, Value::Nested(p) if p.len() == 1));
        assert_eq!(plain(&sections[1], "region").as_deref(), Some("a"));
    }

    #[test]
    fn an_indented_line_continues_a_plain_value() {
        let sections = parse("[default]\nregion = us-east-1\n   more\n").unwrap();
        assert_eq!(plain(&sections[0], "region").as_deref(), Some("us-east-1\nmore"));
    }

    #[test]
    fn a_nested_line_without_equals_is_an_error() {
        let error = parse("[default]\ns3 =\n  max_concurrent_requests\n").unwrap_err();
        assert_eq!(error.reason, ParseErrorReason::NestedLineWithoutEquals);
        assert_eq!(error.line, 3);
    }

    #[test]
    fn duplicates_are_errors_with_their_line() {
        let error = parse("[default]\na=1\n[profile x]\nb=2\n[default]\n").unwrap_err();
        assert_eq!((error.line, error.reason), (5, ParseErrorReason::DuplicateSection("default".into())));
        let error = parse("[default]\nRegion=1\nregion=2\n").unwrap_err();
        assert_eq!(error.line, 3);
        assert_eq!(error.reason, ParseErrorReason::DuplicateKey { section: "default".into(), key: "region".into() });
    }

    #[test]
    fn malformed_lines() {
        assert_eq!(parse("region = x\n").unwrap_err().reason, ParseErrorReason::MissingSectionHeader);
        assert_eq!(
            parse("[default]\njust words\n").unwrap_err(),
            ParseError { line: 2, reason: ParseErrorReason::NoDelimiter }
        );
        assert_eq!(parse("[default]\n= x\n").unwrap_err().reason, ParseErrorReason::EmptyKey);
        assert_eq!(parse("\u{feff}[default]\n").unwrap_err().reason, ParseErrorReason::ByteOrderMark);
    }

    #[test]
    fn default_section_is_inherited() {
        let sections = parse("[DEFAULT]\nregion = eu-west-1\n[profile a]\n[profile b]\nregion = us-east-1\n").unwrap();
        assert_eq!(sections.len(), 2);
        assert_eq!(plain(&sections[0], "region").as_deref(), Some("eu-west-1"));
        assert_eq!(plain(&sections[1], "region").as_deref(), Some("us-east-1"));
    }

    #[test]
    fn kept_sections_only_but_every_error() {
        let text = "[profile a]\nx = 1\n[profile b]\ny = 2\n[sso-session s]\nz = 3\n";
        let kept = parse_keeping(text, &|name| name != "profile a").unwrap();
        assert_eq!(kept, parse(text).unwrap()[1..].to_vec());
        let broken = "[profile a]\ns3 =\n  nested\n[profile b]\n";
        assert_eq!(parse_keeping(broken, &|name| name == "profile b").unwrap_err(), parse(broken).unwrap_err());
        let duplicate = "[profile a]\nx = 1\nx = 2\n[profile b]\n";
        assert_eq!(parse_keeping(duplicate, &|name| name == "profile b").unwrap_err().line, 3);
    }

    #[test]
    fn headers_comments_and_newlines() {
        let sections = parse("[profile a] trailing\r\n  ; indented comment\r\nk = v\r[profile \"my name\"]\n").unwrap();
        assert_eq!(sections[0].name, "profile a");
        assert_eq!(plain(&sections[0], "k").as_deref(), Some("v"));
        assert_eq!(sections[1].name, "profile \"my name\"");
        assert_eq!(sections[1].line, 4);
        assert!(parse("[]\n").is_err());
    }
}
