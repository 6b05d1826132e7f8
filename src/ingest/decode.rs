//! Bytes -> UTF-8 text: BOMs, UTF-16, legacy 8-bit encodings; binary detection.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text plus notes on how (e.g. a fallback encoding).
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// How many leading bytes the binary sniffing looks at.
const SNIFF: usize = 8192;

/// Decodes `bytes`; `Err(reason)` when the bytes are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    // A BOM settles the encoding (UTF-16 text is full of NULs, so check it first).
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        let mut warnings = Vec::new();
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with \u{FFFD}",
                enc.name()
            ));
        }
        if enc != UTF_8 && looks_binary(text.as_bytes()) {
            return Err("not text (binary)".into());
        }
        return Ok(Decoded {
            text: crlf(text.into_owned()),
            warnings,
        });
    }
    if let Some(enc) = bomless_utf16(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: crlf(text.into_owned()),
            warnings: vec![format!("no byte-order mark: decoded as {}", enc.name())],
        });
    }
    if looks_binary(bytes) {
        return Err("not text (binary)".into());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: crlf(s.to_string()),
            warnings: Vec::new(),
        });
    }
    // Not UTF-8: a declared charset (HTML meta / XML prolog) wins, else chardetng guesses.
    let (enc, how) = match declared_charset(bytes) {
        Some(enc) if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE => (enc, "declared"),
        _ => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            (det.guess(None, chardetng::Utf8Detection::Deny), "guessed")
        }
    };
    let (text, _, had_errors) = enc.decode(bytes);
    let mut warnings = vec![format!("not UTF-8: decoded as {} ({how})", enc.name())];
    if had_errors {
        warnings.push(format!(
            "invalid {} sequences replaced with \u{FFFD}",
            enc.name()
        ));
    }
    Ok(Decoded {
        text: crlf(text.into_owned()),
        warnings,
    })
}

fn crlf(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s
    }
}

/// Binary: known magic numbers, any NUL, or a high share of control bytes near the start.
fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"%PDF-",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"PK\x03\x04",
        b"\x1F\x8B",
        b"\x7FELF",
        b"BZh",
        b"\xFD7zXZ",
        b"Rar!",
        b"\xD0\xCF\x11\xE0", // old Office documents
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.contains(&0) {
        return true;
    }
    // Controls other than tab, newlines, form feed and ESC (which sanitising removes).
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    !head.is_empty() && controls * 10 > head.len()
}

/// UTF-16 without a BOM: NULs in almost every other byte and nowhere else.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_nul * 10 >= pairs * 7 && even_nul == 0 {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// `<meta charset=…>`, `<meta http-equiv … content="…; charset=…">` or
/// `<?xml … encoding="…"?>` within the first kilobytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        if let Some(pos) = find(&lower, key) {
            let rest = &head[pos + key.len()..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xC3\xA9\r\n").unwrap().text, "café\n");
        let d = decode(b"\xEF\xBB\xBFcaf\xC3\xA9").unwrap();
        assert_eq!(d.text, "café");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Zoë said".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "Zoë said");
        assert_eq!(decode(&be).unwrap().text, "Zoë said");
    }

    #[test]
    fn latin1_is_detected_with_a_warning() {
        let bytes = b"Fran\xE7ois M\xFCller a dit que la r\xE9union \xE9tait termin\xE9e.";
        let d = decode(bytes).unwrap();
        assert!(d.text.contains("François Müller"), "{}", d.text);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("not UTF-8"));
    }

    #[test]
    fn declared_charset_is_used() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body>S\xF8ren</body></html>";
        let d = decode(bytes).unwrap();
        assert!(d.text.contains("Søren"));
        assert!(d.warnings[0].contains("declared"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n....").is_err());
        assert!(decode(b"abc\0def").is_err());
        assert!(decode(&[1, 2, 3, 4, 5, 6, 7, 8, 65, 66]).is_err());
        assert!(decode(b"plain \x1b[31m text").is_ok());
    }
}
