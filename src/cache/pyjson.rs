//! JSON exactly as Python's `json.dumps` writes it, which is what the AWS CLI's cache files and cache keys are
//! made of (sso-protocol.md §4.3–§4.5): `", "` and `": "` separators by default (or `","`/`":"` when minified),
//! and `ensure_ascii`, which writes every character outside printable ASCII as `\uXXXX`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separators {
    /// `json.dumps(obj)`: `", "` and `": "`.
    Python,
    /// `json.dumps(obj, separators=(",", ":"))`.
    Minified,
}

struct PythonFormatter {
    separators: Separators,
}

impl PythonFormatter {
    fn item_separator(&self) -> &'static [u8] {
        match self.separators {
            Separators::Python => b", ",
            Separators::Minified => b",",
        }
    }
}

impl Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(self.item_separator()) }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(self.item_separator()) }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(match self.separators {
            Separators::Python => b": ",
            Separators::Minified => b":",
        })
    }

    /// `ensure_ascii`: Python escapes everything outside `' '..='~'`; serde_json has already escaped the
    /// control characters, quotes and backslashes, so what is left to do here is DEL and non-ASCII, in UTF-16
    /// code units with lower-case hex.
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (index, c) in fragment.char_indices() {
            if (' '..='~').contains(&c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..index])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = index + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Serializes `value` as Python's `json.dumps` would; key order is the value's own (a struct's field order, or
/// a `BTreeMap`'s sorted order for `sort_keys=True`).
pub fn dumps(value: &impl Serialize, separators: Separators) -> Vec<u8> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PythonFormatter { separators });
    value.serialize(&mut serializer).expect("serializing to memory cannot fail for these types");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn matches_python() {
        let mut map = BTreeMap::new();
        map.insert("b", serde_json::json!(["x", null, 1]));
        map.insert("a", serde_json::json!("é/\u{1F600}\u{7f}\n\"\\\u{1}"));
        // json.dumps({"b": ["x", None, 1], "a": "é/😀\x7f\n\"\\\x01"}, sort_keys=True)
        assert_eq!(
            String::from_utf8(dumps(&map, Separators::Python)).unwrap(),
            r#"{"a": "\u00e9/\ud83d\ude00\u007f\n\"\\\u0001", "b": ["x", null, 1]}"#
        );
        assert_eq!(String::from_utf8(dumps(&map["b"], Separators::Minified)).unwrap(), r#"["x",null,1]"#);
    }
}
