//! Times in headers: HTTP-dates (`Date`, `Retry-After`) to Unix seconds and back to readable UTC.
//! No clock is read here (`SystemTime::now` does not exist on wasm32): the caller passes "now".

use std::time::UNIX_EPOCH;

/// An HTTP-date (IMF-fixdate, RFC 850 or asctime) as Unix seconds.
pub(crate) fn parse_http_date(value: &str) -> Option<i64> {
    let time = httpdate::parse_http_date(value.trim()).ok()?;
    let secs = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

/// `2026-11-22T14:05:00Z`
pub(crate) fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// `14:05:00 UTC`, with the date when it is not the same day as `reference`.
pub(crate) fn readable(unix: i64, reference: Option<i64>) -> String {
    let full = rfc3339(unix);
    let (date, time) = full
        .trim_end_matches('Z')
        .split_once('T')
        .unwrap_or((&full, ""));
    let same_day = reference.is_some_and(|r| r.div_euclid(86_400) == unix.div_euclid(86_400));
    if same_day {
        format!("{time} UTC")
    } else {
        format!("{date} {time} UTC")
    }
}

/// "2 min 5 s", "45 s", "3 h 10 min".
pub(crate) fn duration(seconds: u64) -> String {
    match seconds {
        0..=59 => format!("{seconds} s"),
        60..=3599 => {
            let (m, s) = (seconds / 60, seconds % 60);
            if s == 0 {
                format!("{m} min")
            } else {
                format!("{m} min {s} s")
            }
        }
        3600..=86_399 => {
            let (h, m) = (seconds / 3600, seconds % 3600 / 60);
            if m == 0 {
                format!("{h} h")
            } else {
                format!("{h} h {m} min")
            }
        }
        _ => {
            let (d, h) = (seconds / 86_400, seconds % 86_400 / 3600);
            if h == 0 {
                format!("{d} d")
            } else {
                format!("{d} d {h} h")
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
