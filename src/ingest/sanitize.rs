//! Untrusted text: strip terminal control and escape sequences so nothing from an
//! article can reach the terminal raw. (stub: the ingest work completes it)

/// Removes C0 controls except tab and newline, DEL and C1 controls.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control()))
        .collect()
}
