//! Times in headers: HTTP-dates (`Date`, `Retry-After`) to Unix seconds and back to readable UTC.
//! No clock is read here (`SystemTime::now` does not exist on wasm32): the caller passes "now".

use super::Shown;
use crate::shown;
use std::time::UNIX_EPOCH;

/// An HTTP-date (IMF-fixdate, RFC 850 or asctime) as Unix seconds.
pub(crate) fn parse_http_date(value: &str) -> Option<i64> {
    let time = httpdate::parse_http_date(value.trim()).ok()?;
    let secs = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

/// `2026-11-22T14:05:00Z`
/// `2024-05-14T09:21:37Z`, `2024-05-14T09:21:37.5+02:00` → Unix seconds (fractions dropped).
pub(crate) fn parse_rfc3339(value: &str) -> Option<i64> {
    let b = value.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d, h, mi, s) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let o = num(i + 1..i + 3)? * 3600 + num(i + 4..i + 6)? * 60;
            if *sign == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(days * 86_400 + h * 3600 + mi * 60 + s - offset)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn rfc3339(unix: i64) -> Shown {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    shown!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        y,
        m,
        d,
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
    )
}

/// `14:05:00 UTC`, with the date when it is not the same day as `reference`.
pub(crate) fn readable(unix: i64, reference: Option<i64>) -> Shown {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let time = shown!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    );
    let same_day = reference.is_some_and(|r| r.div_euclid(86_400) == days);
    if same_day {
        shown!("{} UTC", time)
    } else {
        shown!("{:04}-{:02}-{:02} {} UTC", y, m, d, time)
    }
}

/// "2 min 5 s", "45 s", "3 h 10 min".
pub(crate) fn duration(seconds: u64) -> Shown {
    match seconds {
        0..=59 => shown!("{} s", seconds),
        60..=3599 => {
            let (m, s) = (seconds / 60, seconds % 60);
            if s == 0 {
                shown!("{} min", m)
            } else {
                shown!("{} min {} s", m, s)
            }
        }
        3600..=86_399 => {
            let (h, m) = (seconds / 3600, seconds % 3600 / 60);
            if m == 0 {
                shown!("{} h", h)
            } else {
                shown!("{} h {} min", h, m)
            }
        }
        _ => {
            let (d, h) = (seconds / 86_400, seconds % 86_400 / 3600);
            if h == 0 {
                shown!("{} d", d)
            } else {
                shown!("{} d {} h", d, h)
            }
        }
    }
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc3339_timestamps() {
        // 2024-05-14T09:21:07Z is the fixtures' Date, 1715678467 (checked with `date -d`).
        assert_eq!(parse_rfc3339("2024-05-14T09:21:07Z"), Some(1_715_678_467));
        assert_eq!(
            parse_rfc3339("2024-05-14T09:21:37.123Z"),
            Some(1_715_678_497)
        );
        assert_eq!(
            parse_rfc3339("2024-05-14T11:21:07+02:00"),
            Some(1_715_678_467)
        );
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2024-13-14T09:21:07Z"), None);
        assert_eq!(parse_rfc3339("2024-05-14T09:21:07"), None);
        assert_eq!(parse_rfc3339("2024-05-14T09:21:07Zjunk"), None);
        assert_eq!(parse_rfc3339("2024-05-14T09:21:07+02"), None);
        assert_eq!(parse_rfc3339("é024-05-14T09:21:07Z"), None);
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        // 2024-02-29 12:34:56 UTC, a leap day.
        assert_eq!(rfc3339(1_709_210_096), "2024-02-29T12:34:56Z");
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 12:34:56 GMT"),
            Some(1_709_210_096)
        );
        assert_eq!(readable(1_709_210_096, Some(1_709_200_000)), "12:34:56 UTC");
        assert_eq!(readable(1_709_210_096, None), "2024-02-29 12:34:56 UTC");
        assert_eq!(duration(125), "2 min 5 s");
        assert_eq!(duration(7200), "2 h");
    }
}
