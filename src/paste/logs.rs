//! Log lines of routers, load balancers, CDNs and proxies (`src/knowledge/logs/`): each format says
//! how to recognise its lines and where the status, its own error code, message and request id sit,
//! as `key=value` fields, whitespace-separated positions, or JSON (pointers).

use super::shared::lines;
use super::{Exchange, InputKind, LogReport, Request, StatusLine};
use crate::knowledge::{Log, LOGS};
use serde_json::Value;

pub(super) fn read(trimmed: &str) -> Option<Exchange> {
    read_at(trimmed, None)
}

/// [`read`], diagnosing line `choose` (an index among the log's lines of its format) instead of the
/// last failing one.
pub(super) fn read_at(trimmed: &str, choose: Option<usize>) -> Option<Exchange> {
    let explains =
        |e: &Exchange| e.status.is_some() || e.log.as_ref().is_some_and(|l| l.code.is_some());
    match read_lines(trimmed, choose) {
        Some(reading) if explains(&reading) => Some(reading),
        reading => unwrapped(trimmed)
            .and_then(|u| read_lines(&u, choose))
            .filter(explains)
            .or(reading),
    }
}

/// A long log line that a terminal or an issue thread wrapped ("… recv() failed (104: Connection
/// reset by peer)" / "while reading response header from upstream, …"): each line that does not
/// start a record joined to the one before. A record starts as log lines do: a date, an address or
/// a time (a digit), a syslog priority (`<134>`), a bracketed time (`[14/May/…`), a month name
/// (`Mar 31 02:25:33 host …`) or nginx's bracketed level (`[error] 191#0: …`). `None` when nothing was joined.
fn unwrapped(trimmed: &str) -> Option<String> {
    const LEVELS: [&str; 8] = [
        "[debug] ",
        "[info] ",
        "[notice] ",
        "[warn] ",
        "[error] ",
        "[crit] ",
        "[alert] ",
        "[emerg] ",
    ];
    const MONTHS: [&str; 12] = [
        "Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov ",
        "Dec ",
    ];
    let starts_record = |line: &str| {
        let b = line.as_bytes();
        let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        digit_at(0)
            || (matches!(b.first(), Some(b'<' | b'[')) && digit_at(1))
            || MONTHS.iter().any(|m| line.starts_with(m))
            // nginx's error-log level, where the copy starts after the date ("[error] 191#0: *82
            // upstream timed out … while" / "reading response header from upstream").
            || LEVELS.iter().any(|l| line.starts_with(l))
    };
    let mut joined = String::with_capacity(trimmed.len());
    let mut any = false;
    for line in lines(trimmed) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !joined.is_empty() {
            if starts_record(line) {
                joined.push('\n');
            } else {
                joined.push(' ');
                any = true;
            }
        }
        joined.push_str(line);
    }
    // Only a paste whose first line starts a record is a wrapped log; prose is not.
    (any && starts_record(&joined)).then_some(joined)
}

fn read_lines(trimmed: &str, choose: Option<usize>) -> Option<Exchange> {
    // Several formats may share markers ("[error]"): the first that reads the line wins.
    let mut readings = LOGS
        .iter()
        .filter(|log| {
            log.all.iter().all(|m| trimmed.contains(m))
                && (log.any.is_empty() || log.any.iter().any(|m| trimmed.contains(m)))
                && !log.none.iter().any(|m| trimmed.contains(m))
                && (log.shape.is_empty() || lines(trimmed).take(50).any(|l| fits(log, l)))
        })
        .filter_map(|format| read_as(format, trimmed, choose));
    let first = readings.next()?;
    // One request's access-log line beside the error-log line that says why it failed (nginx's
    // "upstream sent duplicate header line" above "… 502"): the error line's explanation, with the
    // status the access line logged, when the two agree.
    let (Some(status), Some(log), None) = (&first.status, &first.log, choose) else {
        return Some(first);
    };
    // Access-log lines of requests that succeeded beside an error-log line (Apache's 201s above
    // "AH01102: error reading status line"): the visitor pasted them for the failure, which is
    // another request, so the error line is read on its own, without the access line's status.
    let succeeded = status.code < 400;
    if log.code.is_some() || (!first.rows.is_empty() && !succeeded) {
        return Some(first);
    }
    let explained = readings.find(|e| {
        e.status.is_none()
            && e.log.as_ref().is_some_and(|l| {
                l.code
                    .as_deref()
                    .and_then(|c| crate::knowledge::code(l.id, c))
                    .is_some_and(|c| succeeded || c.meaning.status.is_none_or(|s| s == status.code))
            })
    });
    Some(match explained {
        Some(e) if succeeded => e,
        Some(mut e) => {
            e.status = first.status.clone();
            if e.request.is_none() {
                e.request = first.request.clone();
            }
            e
        }
        None => first,
    })
}

/// Whether a line's first fields have the format's `shape` (always, for a format without one).
fn fits(format: &Log, line: &str) -> bool {
    if format.shape.is_empty() {
        return true;
    }
    let first = line.trim_start().as_bytes().first();
    if !first.is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    let fields = split_fields(line.trim());
    fields.len() >= format.shape.len()
        && format
            .shape
            .iter()
            .zip(&fields)
            .all(|(class, field)| fits_class(class, field))
}

/// The field classes of `[[log]]` `shape` (the build checks that a shape names only these).
fn fits_class(class: &str, field: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match class {
        // An ISO 8601 time, `2024-05-14T09:21:07.123456Z`, also after the file name that `grep`
        // puts before each line it finds in several files (`elb_20170626T0900Z.txt:2017-06-26T…`).
        "time" => {
            let iso = |b: &[u8]| {
                b.len() >= 19
                    && b[..4].iter().all(u8::is_ascii_digit)
                    && b[4] == b'-'
                    && b[10] == b'T'
            };
            let b = field.as_bytes();
            iso(b)
                || b.iter()
                    .enumerate()
                    .any(|(i, &c)| c == b':' && iso(&b[i + 1..]))
        }
        "word" => !field.is_empty(),
        // `10.0.0.1:8080`, `[2001:db8::1]:443`, or `-` when there was none.
        "host-port" => {
            field == "-"
                || field
                    .rsplit_once(':')
                    .is_some_and(|(h, p)| !h.is_empty() && digits(p))
        }
        // Seconds with a fraction, or `-1` where the format logs that nothing happened.
        "seconds" => {
            field == "-1"
                || field
                    .parse::<f64>()
                    .is_ok_and(|s| s >= 0.0 && field.contains('.'))
        }
        // A status, or what a format writes when there was none: `-`, `0`, `000`.
        "status" => no_status(field) || (field.len() == 3 && digits(field)),
        _ => false,
    }
}

fn read_as(format: &'static Log, trimmed: &str, choose: Option<usize>) -> Option<Exchange> {
    // Of several lines, the last failing one (or the last one) is diagnosed.
    let parsed: Vec<Fields> = lines(trimmed)
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter(|l| {
            (format.any.is_empty() || format.any.iter().any(|m| l.contains(m)))
                && format.all.iter().all(|m| l.contains(m))
                && fits(format, l)
        })
        .map(Fields::of)
        .collect();
    let candidates: Vec<&Fields> = if parsed.is_empty() {
        Vec::new()
    } else {
        parsed.iter().collect()
    };
    let status_of = |f: &Fields| -> Option<u16> {
        let value = field(f, format, format.status_key, format.status_field)?;
        let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
        // The whole field: "192.168.2.5" in the status's place (a line with a prefix the format
        // does not have, docker compose's "web-1 | …") is not a status 192.
        let whole = value.trim_end_matches([',', ';', '"']) == digits;
        digits
            .parse::<u16>()
            .ok()
            .filter(|c| whole && digits.len() == 3 && (100..=599).contains(c))
    };
    // An access log's last failing request is the one asked about; an error log (no status field)
    // writes the cause first and its consequences after it (mod_fcgid's "read data timeout", then
    // "End of script output before headers"), so its first known line is diagnosed.
    let logs_status = format.status_key.is_some() || format.status_field.is_some();
    let failing =
        |f: &&&Fields| status_of(f).is_some_and(|c| c >= 400) || code_of(format, f).is_some();
    let chosen = choose
        .and_then(|i| candidates.get(i))
        .or_else(|| {
            if logs_status {
                candidates.iter().rev().find(failing)
            } else {
                candidates.iter().find(failing)
            }
        })
        .or(candidates.last())
        .copied();
    let fields = match chosen {
        Some(f) => f.clone(),
        None => Fields::of(trimmed),
    };
    let status = status_of(&fields);
    let code = code_of(format, &fields).or_else(|| self_answered(format, &fields, status));
    // A format that logs a status must show one (or its own code); a format without a status field
    // (nginx's error.log) is recognised by its markers alone, so an unknown message still says who
    // wrote it.
    if status.is_none() && code.is_none() && logs_status {
        return None;
    }
    let mut exchange = Exchange::new(InputKind::AccessLog);
    exchange.status = status.map(|code| StatusLine {
        code,
        reason: None,
        version: None,
    });
    // A format without a status field (Apache's or nginx's error log) may still name the status in
    // the message a module wrote: ModSecurity's "Access denied with code 403 (phase 2)". A code of
    // the format's own that the line holds says more (its entry documents the status it means).
    if !logs_status && exchange.status.is_none() && code.is_none() {
        // A line the reporter's terminal or editor wrapped goes on in the lines after it, up to
        // the next one that starts like a log line ("[Wed Feb 20 …] [error] … ModSecurity:" then
        // "Access denied with code 403 (phase 2)." on its own line).
        let whole = continued(trimmed, &fields.line);
        if let Some((named, wording)) = super::shared::named_status(&whole) {
            exchange.status = Some(named);
            exchange.entries.extend(wording);
        }
    }
    let (method, path) = request_of(&fields);
    if method.is_some() || path.is_some() {
        exchange.request = Some(Request {
            method,
            target: path,
            headers: Vec::new(),
        });
    }
    // Several lines: the table of requests, each failing line read on its own for its diagnosis.
    if candidates.len() > 1 {
        exchange.chosen = candidates.iter().position(|f| f.line == fields.line);
        let mut diagnosed = 0;
        exchange.rows = candidates
            .iter()
            .enumerate()
            .take(super::har::LISTED_ROWS)
            .filter_map(|(index, f)| {
                let status = status_of(f)?;
                let failed = status >= 400;
                let full = failed
                    && diagnosed < super::har::DIAGNOSED_ROWS
                    && Some(index) != exchange.chosen;
                diagnosed += usize::from(full);
                let (method, path) = request_of(f);
                Some(super::Row {
                    index,
                    method: method.unwrap_or_default(),
                    url: path.unwrap_or_default(),
                    status,
                    time_ms: None,
                    exchange: full
                        .then(|| read_as(format, &f.line, None).map(Box::new))
                        .flatten(),
                })
            })
            .collect();
        exchange.others = exchange.other_failed_rows();
    }
    exchange.log = Some(LogReport {
        id: format.id,
        name: format.name,
        line: fields.line.clone(),
        code,
        message: format.message_key.and_then(|k| fields.get(k)),
        request_id: format.request_id_key.and_then(|k| fields.get(k)),
        backend_answered: status.is_some_and(|s| s >= 400) && backend_answered(format, &fields),
    });
    Some(exchange)
}

/// The format's own error code: from its field, or — for formats without one (nginx's error.log) —
/// the first of its codes that the line contains.
/// The method and path of a line: `method=`/`path=` fields, a JSON log's request fields, or the
/// quoted request of an access log (`"GET /v1/items HTTP/1.1"`).
fn request_of(fields: &Fields) -> (Option<String>, Option<String>) {
    let method = fields
        .get("method")
        .or_else(|| fields.get("/httpRequest/requestMethod"))
        .or_else(|| fields.get("/ClientRequestMethod"));
    let path = fields
        .get("path")
        .or_else(|| fields.get("/httpRequest/requestUrl"))
        .or_else(|| fields.get("/ClientRequestURI"));
    if method.is_some() || path.is_some() {
        return (method, path);
    }
    let request = fields.positional.iter().find(|f| {
        let mut parts = f.split(' ');
        matches!((parts.next(), parts.next(), parts.next()), (Some(m), Some(_), Some(v))
            if !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()) && v.starts_with("HTTP/"))
    });
    match request {
        Some(r) => {
            let mut parts = r.split(' ');
            (
                parts.next().map(str::to_string),
                parts.next().map(str::to_string),
            )
        }
        None => (None, None),
    }
}

fn code_of(format: &Log, fields: &Fields) -> Option<String> {
    if format.code_key.is_none() && format.code_field.is_none() {
        // The format's codes are its own answers: when its backend field holds a status, the
        // backend answered ("503 503" in a Classic ELB line is the instance's 503).
        if backend_answered(format, fields) {
            return None;
        }
        let mut own = crate::knowledge::CODES
            .iter()
            .filter(|c| c.scopes.contains(&format.id))
            .flat_map(|c| c.codes.iter());
        // A proxy's own answers are statuses (Classic ELB, ALB): the status field names the code,
        // and "502" is not looked for in the whole line, where a byte count ("1502") could hold it.
        if format.self_answered_field.is_some()
            && (format.status_key.is_some() || format.status_field.is_some())
        {
            let status = field(fields, format, format.status_key, format.status_field)?;
            return own.find(|code| **code == status).map(|c| c.to_string());
        }
        // The longest code the line holds says the most: "upstream timed out (110: Connection
        // timed out) while connecting to upstream" is the connect timeout, not the read timeout
        // whose shorter code it also holds. Among equals, the first in file order.
        return own
            .filter(|code| fields.line.contains(*code))
            .fold(None::<&&str>, |best, code| match best {
                Some(b) if b.len() >= code.len() => Some(b),
                _ => Some(code),
            })
            .map(|c| c.to_string());
    }
    field(fields, format, format.code_key, format.code_field).filter(|c| c != "-" && !c.is_empty())
}

/// The status as the format's own code, when the line says the proxy answered by itself (its backend
/// field is `-`) and the status is an error: a load balancer's own 504 means something other than its
/// backend's 504.
fn self_answered(format: &Log, fields: &Fields, status: Option<u16>) -> Option<String> {
    let status = status.filter(|s| *s >= 400)?;
    no_status(&field(fields, format, None, format.self_answered_field)?).then(|| status.to_string())
}

/// Whether the line's backend field (`self_answered_field`) holds a status: the backend answered.
fn backend_answered(format: &Log, fields: &Fields) -> bool {
    field(fields, format, None, format.self_answered_field).is_some_and(|f| !no_status(&f))
}

/// What log formats write in a status field when there was no status.
fn no_status(field: &str) -> bool {
    matches!(field, "-" | "0" | "000")
}

/// A `key=value` field, or the 1-based whitespace field `position`: counted from the line's start, or,
/// for a format with `fields_after`, from the first field that starts with that text (HAProxy's
/// `[accept_date]`, which syslog headers with or without a host name put at different places), or,
/// `from_marker`, from the field that is one of the format's `any` markers (HAProxy's termination
/// state, four fields after the status however the line begins).
fn field(
    fields: &Fields,
    format: &Log,
    key: Option<&str>,
    position: Option<i64>,
) -> Option<String> {
    key.and_then(|k| fields.get(k)).or_else(|| {
        if format.from_marker {
            let at = fields
                .positional
                .iter()
                .position(|f| format.any.iter().any(|m| m.trim() == f))?;
            let at = i64::try_from(at).ok()?.checked_add(position?)?;
            return fields.positional.get(usize::try_from(at).ok()?).cloned();
        }
        let n = usize::try_from(position?).ok()?;
        let base = match format.fields_after {
            Some(mark) => fields.positional.iter().position(|f| f.starts_with(mark))? + 1,
            None => 0,
        };
        fields.positional.get((base + n).checked_sub(1)?).cloned()
    })
}

/// One log line, read three ways at once.
#[derive(Clone)]
struct Fields {
    line: String,
    /// `key=value` and `key="quoted value"` pairs.
    pairs: Vec<(String, String)>,
    /// Whitespace-separated fields, quotes and brackets kept together.
    positional: Vec<String>,
    /// The line as JSON, when it is a JSON object.
    json: Option<Value>,
}

impl Fields {
    fn of(line: &str) -> Fields {
        let line = line.trim();
        let positional = split_fields(line);
        let pairs = positional
            .iter()
            .filter_map(|f| {
                let (k, v) = f.split_once('=')?;
                let ok = !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
                ok.then(|| (k.to_string(), v.trim_matches('"').to_string()))
            })
            .collect();
        let json = line
            .find('{')
            .and_then(|at| serde_json::from_str::<Value>(&line[at..]).ok())
            .filter(Value::is_object);
        Fields {
            line: line.to_string(),
            pairs,
            positional,
            json,
        }
    }

    /// A field by key (`status`), or by JSON pointer (`/httpRequest/status`).
    fn get(&self, key: &str) -> Option<String> {
        // `httpRequest.status` in a JSON line is the pointer `/httpRequest/status`.
        if self.json.is_some() && key.contains('.') && !key.starts_with('/') {
            return self.get(&format!("/{}", key.replace('.', "/")));
        }
        if key.starts_with('/') {
            let json = self.json.as_ref()?;
            return crate::knowledge::values_at(json, key)
                .into_iter()
                .find_map(crate::knowledge::scalar);
        }
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .or_else(|| {
                self.json
                    .as_ref()?
                    .get(key)
                    .and_then(crate::knowledge::scalar)
            })
    }
}

/// Split on whitespace (tabs too), keeping `"quoted strings"` together (quotes removed only from whole
/// quoted fields). A bracketed time `[14/May/2024:09:21:07 +0000]` counts as two fields, as the log
/// formats' documentation numbers them.
fn split_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut quote = false;
    for c in line.chars() {
        match c {
            '"' => {
                quote = !quote;
                current.push(c);
            }
            c if c.is_whitespace() && !quote => {
                if !current.is_empty() {
                    fields.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        fields.push(current);
    }
    fields
        .into_iter()
        .map(|f| {
            if f.len() >= 2 && f.starts_with('"') && f.ends_with('"') {
                f[1..f.len() - 1].to_string()
            } else {
                f
            }
        })
        .collect()
}

/// A log line with the lines that continue it (a wrapped line: up to 8 lines that do not start like
/// a record, with `[`, a digit, a status line, a container's `name | ` prefix or any log format's
/// markers), joined by spaces.
fn continued(text: &str, line: &str) -> String {
    let Some(at) = text.find(line) else {
        return line.to_string();
    };
    let record = |l: &str| {
        l.starts_with('[')
            || l.starts_with(|c: char| c.is_ascii_digit())
            || l.starts_with("HTTP/")
            || l.contains(" | ")
            || LOGS
                .iter()
                .any(|log| !log.all.is_empty() && log.all.iter().all(|m| l.contains(m)))
    };
    let mut whole = line.to_string();
    for next in text[at + line.len()..].lines().skip(1).take(8) {
        let next = next.trim();
        if next.is_empty() || record(next) {
            break;
        }
        whole.push(' ');
        whole.push_str(next);
    }
    whole
}
