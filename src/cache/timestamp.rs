//! Cache timestamps: written as botocore writes them (`%Y-%m-%dT%H:%M:%SZ`, no fraction), read in every form
//! the tools that share the cache have written (sso-protocol.md §4.3): `...Z`, fractional seconds
//! (aws-sdk-rust), `...UTC` (AWS CLI before 2.1.14) and numeric offsets (what dateutil also accepts).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub fn format(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// Whole seconds since the epoch (0 before it), for the variables shells compare with `EPOCHSECONDS`.
pub fn epoch_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Epoch milliseconds (the portal's `expiration`) as a time, fraction truncated as botocore's strftime does.
pub fn from_epoch_millis(millis: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(millis / 1000)
}

pub fn parse(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let (base, offset_seconds) = if let Some(base) = text.strip_suffix("UTC") {
        (base.trim_end(), 0i64)
    } else if let Some(base) = text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        (base, 0)
    } else {
        split_offset(text)?
    };
    let time = humantime::parse_rfc3339_weak(base).ok()?;
    // `+02:00` means the local time is ahead of UTC: subtract it.
    let magnitude = Duration::from_secs(offset_seconds.unsigned_abs());
    if offset_seconds >= 0 { time.checked_sub(magnitude) } else { time.checked_add(magnitude) }
}

/// `2026-01-01T10:00:00+02:00` → (`2026-01-01T10:00:00`, 7200). A time with no zone at all is UTC.
fn split_offset(text: &str) -> Option<(&str, i64)> {
    let date_end = text.find(['T', 't', ' '])?;
    let time_part = &text[date_end + 1..];
    let Some(sign_at) = time_part.rfind(['+', '-']) else { return Some((text, 0)) };
    let (base, offset) = text.split_at(date_end + 1 + sign_at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits[..2].parse().ok()?;
    let minutes: i64 = digits[2..].parse().ok()?;
    Some((base, sign * (hours * 3600 + minutes * 60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn formats_like_botocore() {
        assert_eq!(format(at(1_222_172_800)), "2008-09-23T12:26:40Z");
        assert_eq!(format(at(1_222_172_800) + Duration::from_millis(999)), "2008-09-23T12:26:40Z");
    }

    #[test]
    fn reads_every_known_form() {
        let expected = at(1_034_913_158); // 2002-10-18T03:52:38Z
        for text in [
            "2002-10-18T03:52:38Z",
            "2002-10-18T03:52:38UTC",
            "2002-10-18T03:52:38.000000Z",
            "2002-10-18T03:52:38+00:00",
            "2002-10-18T05:52:38+02:00",
            "2002-10-18T01:52:38-0200",
            "2002-10-18 03:52:38",
        ] {
            assert_eq!(parse(text), Some(expected), "{text}");
        }
        assert_eq!(parse("2002-10-18T03:52:38.5Z"), Some(expected + Duration::from_millis(500)));
        for bad in ["", "soon", "2002-10-18T03:52:38+2", "1665736069000"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn milliseconds_are_truncated() {
        assert_eq!(format(from_epoch_millis(1_665_736_069_999)), "2022-10-14T08:27:49Z");
    }
}
