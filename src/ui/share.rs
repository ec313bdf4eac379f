//! Share a safe link (the full page only): the paste, masked as the report masks it
//! ([`crate::diagnosis::redact::shareable`]), compressed by the browser (`CompressionStream`,
//! deflate-raw) and put in the address's fragment (`#share=…`), which browsers never send to a
//! server. Opening such a link reads it back with the same care as a paste: a damaged, hostile or
//! oversized fragment gets a clear message, and the text only ever goes into the paste box.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableWritablePair, Response};

// The browser's compression streams (web-sys still marks its bindings unstable). Both are a
// readable and writable pair, which `pipeThrough` takes as they are.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, js_class = CompressionStream, catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;
    #[wasm_bindgen(constructor, js_class = DecompressionStream, catch)]
    fn new(format: &str) -> Result<Decompressor, JsValue>;
}

/// The fragment's prefix.
pub const PREFIX: &str = "#share=";
/// The longest link payload made (characters of base64url, about 48 kB of compressed text):
/// chat tools and ticket systems cut longer addresses.
pub const MAX_LINK: usize = 64_000;
/// The most text a link may unpack to (bytes).
const MAX_TEXT: usize = 4_000_000;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in text.bytes() {
        let v = ALPHABET.iter().position(|a| *a == b)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Bytes through a (de)compression stream, read back whole by a `Response`.
async fn through(bytes: &[u8], pair: &ReadableWritablePair) -> Result<Response, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let blob = Blob::new_with_u8_array_sequence(&parts)?;
    let stream = blob.stream().pipe_through(pair);
    Response::new_with_opt_readable_stream(Some(&stream))
}

/// Why a link could not be made.
pub enum MakeError {
    TooLarge,
    Browser,
}

/// The link for `text` (the masked paste), on this page's address.
pub async fn link(masked: &str) -> Result<String, MakeError> {
    if masked.len() > MAX_TEXT {
        return Err(MakeError::TooLarge);
    }
    let stream = Compressor::new("deflate-raw").map_err(|_| MakeError::Browser)?;
    let response = through(masked.as_bytes(), stream.unchecked_ref())
        .await
        .map_err(|_| MakeError::Browser)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| MakeError::Browser)?)
        .await
        .map_err(|_| MakeError::Browser)?;
    let payload = base64url(&Uint8Array::new(&buffer).to_vec());
    if payload.len() > MAX_LINK {
        return Err(MakeError::TooLarge);
    }
    let location = web_sys::window().ok_or(MakeError::Browser)?.location();
    let href = location.href().map_err(|_| MakeError::Browser)?;
    let base = href.split('#').next().unwrap_or_default();
    Ok(format!("{base}{PREFIX}{payload}"))
}

/// The payload of a share link in this page's address, if it has one.
pub fn payload_in_address() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix(PREFIX).map(str::to_string)
}

/// The text a share link holds, or what to tell the visitor.
pub async fn open(payload: &str) -> Result<String, &'static str> {
    if payload.len() > MAX_LINK * 2 {
        return Err("This link is far longer than any troubleshooter link, so it was not opened. Ask for a new link, or for the report.");
    }
    let Some(bytes) = from_base64url(payload.trim()) else {
        return Err("This link is damaged: it has characters a troubleshooter link never has. Ask for a new link, or for the report.");
    };
    let damaged = "This link is damaged: its text could not be unpacked (it may have been cut short). Ask for a new link, or for the report.";
    let stream = Decompressor::new("deflate-raw").map_err(|_| damaged)?;
    let response = through(&bytes, stream.unchecked_ref())
        .await
        .map_err(|_| damaged)?;
    let text = JsFuture::from(response.text().map_err(|_| damaged)?)
        .await
        .map_err(|_| damaged)?
        .as_string()
        .ok_or(damaged)?;
    if text.len() > MAX_TEXT {
        return Err("This link unpacks to more text than the troubleshooter reads, so it was not opened. Ask for the report instead.");
    }
    if text.trim().is_empty() {
        return Err("This link holds no text. Ask for a new link, or for the report.");
    }
    Ok(text)
}
