//! Turns the tables that `compile.rs` writes as Rust literals into data: a compact byte string that
//! `build.rs` compresses, and the few lines of Rust that read it back (`unpack.rs` holds the reader).
//!
//! Compiled as Rust statics, the tables were about 600 KiB of the page's gzip — pointers, lengths
//! and padding that compress badly. As bytes (strings inline, numbers as varints, every field in the
//! order its struct literal names it) zstd packs the same tables to about a third of that.
//!
//! The grammar is the one `compile.rs` writes: string literals, integers, `true`/`false`, `None`,
//! `Some(v)`, `&[v, …]`, tuples `(v, …)`, `Prose::at(start, len)`, enum variants `Type::Variant` or
//! `Type::Variant(v, …)`, and structs `Type { field: v, … }`. Anything else stops the build.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What `pack` makes: the Rust that stays code (enums, their impls, and the readers of each type)
/// and the bytes of the tables.
pub struct Packed {
    pub code: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, PartialEq)]
enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    None,
    Some(Box<Value>),
    List(Vec<Value>),
    Tuple(Vec<Value>),
    Prose(i64, i64),
    /// `Type::Variant` (no arguments) or `Type::Variant(args)`.
    Variant(String, String, Vec<Value>),
    Struct(String, Vec<(String, Value)>),
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn err<T>(&self, what: &str) -> Result<T, String> {
        let end = (self.pos + 60).min(self.s.len());
        Err(format!(
            "pack: {what} at byte {}: {:?}",
            self.pos,
            String::from_utf8_lossy(&self.s[self.pos..end])
        ))
    }

    fn ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> u8 {
        self.ws();
        self.s.get(self.pos).copied().unwrap_or(0)
    }

    fn eat(&mut self, c: u8) -> Result<(), String> {
        if self.peek() == c {
            self.pos += 1;
            Ok(())
        } else {
            self.err(&format!("expected {:?}", c as char))
        }
    }

    fn ident(&mut self) -> Result<String, String> {
        self.ws();
        let start = self.pos;
        while self.pos < self.s.len()
            && (self.s[self.pos].is_ascii_alphanumeric() || self.s[self.pos] == b'_')
        {
            self.pos += 1;
        }
        if start == self.pos {
            return self.err("expected a name");
        }
        Ok(String::from_utf8_lossy(&self.s[start..self.pos]).into_owned())
    }

    /// Items up to `close`, separated by commas (a trailing comma allowed).
    fn items(&mut self, close: u8) -> Result<Vec<Value>, String> {
        let mut out = Vec::new();
        loop {
            if self.peek() == close {
                self.pos += 1;
                return Ok(out);
            }
            out.push(self.value()?);
            match self.peek() {
                b',' => self.pos += 1,
                c if c == close => {}
                _ => return self.err("expected ',' or a closing bracket"),
            }
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat(b'"')?;
        let mut out = Vec::new();
        loop {
            let Some(&c) = self.s.get(self.pos) else {
                return self.err("unterminated string");
            };
            self.pos += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.s.get(self.pos).copied().unwrap_or(0);
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'0' => out.push(0),
                        b'\\' | b'"' | b'\'' => out.push(e),
                        b'u' => {
                            self.eat(b'{')?;
                            let start = self.pos;
                            while self.s.get(self.pos).is_some_and(|b| b.is_ascii_hexdigit()) {
                                self.pos += 1;
                            }
                            let hex = String::from_utf8_lossy(&self.s[start..self.pos]);
                            let ch = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                            let Some(ch) = ch else {
                                return self.err("bad \\u escape");
                            };
                            self.eat(b'}')?;
                            out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                        _ => return self.err("unknown escape"),
                    }
                }
                _ => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|e| format!("pack: a string is not UTF-8: {e}"))
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.peek() {
            b'"' => Ok(Value::Str(self.string()?)),
            b'&' => {
                self.pos += 1;
                self.eat(b'[')?;
                Ok(Value::List(self.items(b']')?))
            }
            b'(' => {
                self.pos += 1;
                Ok(Value::Tuple(self.items(b')')?))
            }
            c if c == b'-' || c.is_ascii_digit() => {
                let start = self.pos;
                self.pos += 1;
                while self.s.get(self.pos).is_some_and(|b| b.is_ascii_digit()) {
                    self.pos += 1;
                }
                let text = String::from_utf8_lossy(&self.s[start..self.pos]);
                match text.parse() {
                    Ok(n) => Ok(Value::Int(n)),
                    Err(_) => self.err("bad integer"),
                }
            }
            _ => {
                let name = self.ident()?;
                match name.as_str() {
                    "true" => return Ok(Value::Bool(true)),
                    "false" => return Ok(Value::Bool(false)),
                    "None" => return Ok(Value::None),
                    "Some" => {
                        self.eat(b'(')?;
                        let mut inner = self.items(b')')?;
                        if inner.len() != 1 {
                            return self.err("Some takes one value");
                        }
                        return Ok(Value::Some(Box::new(inner.remove(0))));
                    }
                    _ => {}
                }
                if self.peek() == b'{' {
                    self.pos += 1;
                    let mut fields = Vec::new();
                    loop {
                        if self.peek() == b'}' {
                            self.pos += 1;
                            break;
                        }
                        let field = self.ident()?;
                        self.eat(b':')?;
                        fields.push((field, self.value()?));
                        match self.peek() {
                            b',' => self.pos += 1,
                            b'}' => {}
                            _ => return self.err("expected ',' or '}'"),
                        }
                    }
                    return Ok(Value::Struct(name, fields));
                }
                if !self.s[self.pos..].starts_with(b"::") {
                    return self.err("expected a path");
                }
                self.pos += 2;
                let variant = self.ident()?;
                let args = if self.peek() == b'(' {
                    self.pos += 1;
                    self.items(b')')?
                } else {
                    Vec::new()
                };
                if name == "Prose" && variant == "at" {
                    return match args.as_slice() {
                        [Value::Int(start), Value::Int(len)] => Ok(Value::Prose(*start, *len)),
                        _ => self.err("Prose::at takes two integers"),
                    };
                }
                Ok(Value::Variant(name, variant, args))
            }
        }
    }
}

/// The shapes seen, from which the readers are written: each struct's fields in the order its
/// literals name them, each enum's variants with their number of values.
#[derive(Default)]
struct Shapes {
    structs: BTreeMap<String, Vec<String>>,
    enums: BTreeMap<String, Vec<(String, usize)>>,
}

struct Writer {
    bytes: Vec<u8>,
    /// Where the last prose text ended: each `Prose::at` is written as its distance from there.
    prose_end: i64,
    shapes: Shapes,
}

impl Writer {
    fn uint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }

    fn value(&mut self, v: &Value) -> Result<(), String> {
        match v {
            Value::Str(s) => {
                self.uint(s.len() as u64);
                self.bytes.extend_from_slice(s.as_bytes());
            }
            Value::Int(n) => self.int(*n),
            Value::Bool(b) => self.bytes.push(u8::from(*b)),
            Value::None => self.bytes.push(0),
            Value::Some(inner) => {
                self.bytes.push(1);
                self.value(inner)?;
            }
            Value::List(items) => {
                self.uint(items.len() as u64);
                for item in items {
                    self.value(item)?;
                }
            }
            Value::Tuple(items) => {
                for item in items {
                    self.value(item)?;
                }
            }
            Value::Prose(start, len) => {
                self.int(start - self.prose_end);
                self.int(*len);
                self.prose_end = start + len;
            }
            Value::Variant(ty, name, args) => {
                let variants = self.shapes.enums.entry(ty.clone()).or_default();
                let index = match variants.iter().position(|(v, _)| v == name) {
                    Some(i) if variants[i].1 == args.len() => i,
                    Some(_) => return Err(format!("pack: {ty}::{name} with varying arity")),
                    None => {
                        variants.push((name.clone(), args.len()));
                        variants.len() - 1
                    }
                };
                self.uint(index as u64);
                for arg in args {
                    self.value(arg)?;
                }
            }
            Value::Struct(ty, fields) => {
                let names: Vec<String> = fields.iter().map(|(n, _)| n.clone()).collect();
                let seen = self
                    .shapes
                    .structs
                    .entry(ty.clone())
                    .or_insert(names.clone());
                if *seen != names {
                    return Err(format!(
                        "pack: {ty} literals name their fields in different orders"
                    ));
                }
                for (_, value) in fields {
                    self.value(value)?;
                }
            }
        }
        Ok(())
    }
}

/// Splits `tables` (the Rust `compile.rs` wrote) into code and data: every
/// `pub static NAME: &[Type] = &[ … ];` becomes a `Table` read from the bytes; the rest stays as it was.
pub fn pack(tables: &str) -> Result<Packed, String> {
    let mut code = String::new();
    let mut writer = Writer {
        bytes: Vec::new(),
        prose_end: 0,
        shapes: Shapes::default(),
    };
    // (field, element type, static's name)
    let mut statics: Vec<(String, String, String)> = Vec::new();
    let mut rest = tables;
    while let Some(start) = rest.find("pub static ") {
        code.push_str(&rest[..start]);
        let head_end = rest[start..]
            .find(" = &[")
            .map(|i| start + i)
            .ok_or("pack: a static that is not a table")?;
        let head = &rest[start + "pub static ".len()..head_end];
        let (name, ty) = head
            .split_once(": &[")
            .and_then(|(n, t)| Some((n.trim(), t.strip_suffix(']')?)))
            .ok_or_else(|| format!("pack: cannot read the static `{head}`"))?;
        let ty = if ty == "&str" { "&'static str" } else { ty };
        let body_start = head_end + " = ".len();
        let mut parser = Parser {
            s: rest.as_bytes(),
            pos: body_start,
        };
        let value = parser.value()?;
        if !matches!(value, Value::List(_)) {
            return Err(format!("pack: {name} is not a list"));
        }
        parser.eat(b';')?;
        writer.value(&value)?;
        let field = format!("t{}", statics.len());
        let _ = writeln!(
            code,
            "pub static {name}: Table<{ty}> = Table(|t: &'static Tables| t.{field});"
        );
        statics.push((field, ty.to_string(), name.to_string()));
        rest = &rest[parser.pos..];
    }
    code.push_str(rest);

    let _ = writeln!(
        code,
        "\n/// Every table, read from the packed bytes in this order.\npub struct Tables {{"
    );
    for (field, ty, name) in &statics {
        let _ = writeln!(code, "    /// {name}\n    {field}: &'static [{ty}],");
    }
    let _ = writeln!(code, "}}\n\nimpl Decode for Tables {{\n    fn decode(r: &mut Reader) -> Self {{\n        Tables {{");
    for (field, _, _) in &statics {
        let _ = writeln!(code, "            {field}: Decode::decode(r),");
    }
    let _ = writeln!(code, "        }}\n    }}\n}}");
    for (ty, fields) in &writer.shapes.structs {
        let _ = writeln!(
            code,
            "\nimpl Decode for {ty} {{\n    fn decode(r: &mut Reader) -> Self {{\n        {ty} {{"
        );
        for field in fields {
            let _ = writeln!(code, "            {field}: Decode::decode(r),");
        }
        let _ = writeln!(code, "        }}\n    }}\n}}");
    }
    for (ty, variants) in &writer.shapes.enums {
        let _ = writeln!(code, "\nimpl Decode for {ty} {{\n    fn decode(r: &mut Reader) -> Self {{\n        match r.uint() {{");
        for (i, (name, arity)) in variants.iter().enumerate() {
            let pattern = if i + 1 == variants.len() {
                "_".to_string()
            } else {
                i.to_string()
            };
            let args = if *arity == 0 {
                String::new()
            } else {
                format!("({})", vec!["Decode::decode(r)"; *arity].join(", "))
            };
            let _ = writeln!(code, "            {pattern} => {ty}::{name}{args},");
        }
        let _ = writeln!(code, "        }}\n    }}\n}}");
    }
    Ok(Packed {
        code,
        bytes: writer.bytes,
    })
}
