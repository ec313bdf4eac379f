//! Any bytes (as the browser would hand them over: lossy UTF-8) through the paste readers.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = http_troubleshooter::paste::read(&text);
});
