//! Byte offsets (what Rust slices use) <-> char offsets (what the JSON contract and
//! Python's `str` use).

/// Converts byte offsets of one text to char offsets in O(log n) after an O(n) build.
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// Byte offset of every char start, plus the text length at the end.
    starts: Vec<usize>,
    ascii: bool,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                starts: vec![text.len()],
                ascii: true,
            };
        }
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex {
            starts,
            ascii: false,
        }
    }

    /// Char offset of byte offset `byte` (which must be a char boundary; otherwise the
    /// char containing it).
    pub fn to_char(&self, byte: usize) -> usize {
        if self.ascii {
            return byte.min(self.starts[0]);
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of char offset `ch` (clamped to the text length).
    pub fn to_byte(&self, ch: usize) -> usize {
        if self.ascii {
            return ch.min(self.starts[0]);
        }
        self.starts[ch.min(self.starts.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_multibyte() {
        let t = "Łódź „x” é";
        let ix = CharIndex::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.to_char(bi), ci);
            assert_eq!(ix.to_byte(ci), bi);
        }
        assert_eq!(ix.to_char(t.len()), t.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let ix = CharIndex::new("abc");
        assert_eq!(ix.to_char(2), 2);
        assert_eq!(ix.to_byte(3), 3);
    }
}
