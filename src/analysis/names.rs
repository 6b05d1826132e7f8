//! Name folding shared by speaker merging and conflict detection: diacritics and
//! transliterations (Müller/Mueller, Łódź/Lodz, Sáenz/Saenz), case, possessives.

use unicode_normalization::UnicodeNormalization;

/// Lowercase ASCII-ish key of a name: accents dropped, special letters mapped,
/// German umlaut transliterations (ue/oe/ae) folded to the bare vowel, possessive
/// `'s` dropped, non-letters to single spaces.
pub fn fold(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.nfkd() {
        match c {
            'ł' | 'Ł' => s.push('l'),
            'ø' | 'Ø' => s.push('o'),
            'đ' | 'Đ' => s.push('d'),
            'ß' => s.push_str("ss"),
            'æ' | 'Æ' => s.push_str("ae"),
            'œ' | 'Œ' => s.push_str("oe"),
            'ı' => s.push('i'),
            '\u{2019}' => s.push('\''),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => s.extend(c.to_lowercase()),
        }
    }
    let s = s.replace("'s ", " ");
    let s = s.strip_suffix("'s").unwrap_or(&s).to_string();
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    let out = out.trim_end().to_string();
    out.replace("ue", "u").replace("oe", "o").replace("ae", "a")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_variants_together() {
        assert_eq!(fold("Müller"), fold("Mueller"));
        assert_eq!(fold("Łódź"), fold("Lodz"));
        assert_eq!(fold("Sáenz"), fold("Saenz"));
        assert_eq!(fold("Kowalski's"), fold("Kowalski"));
    }
}
