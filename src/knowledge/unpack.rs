//! Reads back the tables `pack.rs` turned into bytes at build time. Each type's reader is written by
//! the build from the shapes it packed (`Decode` impls in the generated tables); this module holds the
//! reading of the parts they are made of. The bytes come from our own build, so nothing here expects
//! them to be malformed — but a short or damaged block reads as empty values, never as a panic.

use super::Prose;

/// A cursor over the unpacked bytes, which live as long as the page.
pub struct Reader {
    bytes: &'static [u8],
    pos: usize,
    /// Where the last prose text ended (`Prose` is written as its distance from there).
    prose_end: i64,
}

impl Reader {
    pub fn new(bytes: &'static [u8]) -> Reader {
        Reader {
            bytes,
            pos: 0,
            prose_end: 0,
        }
    }

    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    pub fn uint(&mut self) -> u64 {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte();
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                break;
            }
        }
        n
    }

    fn int(&mut self) -> i64 {
        let n = self.uint();
        ((n >> 1) as i64) ^ -((n & 1) as i64)
    }

    /// How many items a list may hold: never more than the bytes left, so a damaged count cannot
    /// ask for a huge allocation.
    fn count(&mut self) -> usize {
        let n = self.uint();
        usize::try_from(n)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len().saturating_sub(self.pos))
    }
}

/// A value read from the packed tables.
pub trait Decode: Sized {
    fn decode(r: &mut Reader) -> Self;
}

impl Decode for bool {
    fn decode(r: &mut Reader) -> Self {
        r.byte() != 0
    }
}

macro_rules! decode_ints {
    ($($t:ty),*) => {$(
        impl Decode for $t {
            fn decode(r: &mut Reader) -> Self {
                r.int() as $t
            }
        }
    )*};
}
decode_ints!(u8, u16, u32, u64, usize, i32, i64);

impl Decode for &'static str {
    fn decode(r: &mut Reader) -> Self {
        let len = r.count();
        let bytes = r.bytes.get(r.pos..r.pos + len).unwrap_or_default();
        r.pos += len;
        std::str::from_utf8(bytes).unwrap_or("")
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader) -> Self {
        (r.byte() != 0).then(|| T::decode(r))
    }
}

impl<T: Decode + 'static> Decode for &'static [T] {
    fn decode(r: &mut Reader) -> Self {
        let n = r.count();
        if n == 0 {
            return &[];
        }
        let items: Vec<T> = (0..n).map(|_| T::decode(r)).collect();
        items.leak()
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn decode(r: &mut Reader) -> Self {
        let a = A::decode(r);
        (a, B::decode(r))
    }
}

impl Decode for Prose {
    fn decode(r: &mut Reader) -> Self {
        let start = r.prose_end + r.int();
        let len = r.int();
        r.prose_end = start + len;
        Prose::at(
            u32::try_from(start).unwrap_or(0),
            u32::try_from(len).unwrap_or(0),
        )
    }
}

/// A table of the knowledge: reads as a slice, unpacked with all the others on first use.
pub struct Table<T: 'static>(pub fn(&'static super::Tables) -> &'static [T]);

impl<T> Clone for Table<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Table<T> {}

impl<T> IntoIterator for Table<T> {
    type Item = &'static T;
    type IntoIter = std::slice::Iter<'static, T>;
    fn into_iter(self) -> Self::IntoIter {
        (self.0)(super::tables()).iter()
    }
}

impl<T> std::ops::Deref for Table<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        (self.0)(super::tables())
    }
}
