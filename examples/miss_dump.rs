//! `miss_dump ROOT FILE...`: the facts of each article of the files (relative to ROOT) as one
//! JSON array: kind, slot, value, evidence text and char offsets. Read by scripts/miss-report
//! (`cargo build --release --example miss_dump`: target/release/examples/miss_dump).

use quotedesk::analysis::analyze;
use quotedesk::ingest::{IngestOptions, read_file};
use quotedesk::text::CharIndex;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(&args[1]);
    let mut out = Vec::new();
    for rel in &args[2..] {
        let o = read_file(root, rel, &IngestOptions::default());
        for a in o.articles {
            let an = analyze(&a);
            let ix = CharIndex::new(&a.text);
            let facts: Vec<_> = an
                .facts
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "kind": format!("{:?}", f.kind),
                        "slot": format!("{:?}", f.slot),
                        "value": f.value,
                        "text": f.evidence.text(&a.text),
                        "start": ix.to_char(f.evidence.start),
                        "end": ix.to_char(f.evidence.end),
                        "positive": f.positive,
                        "hedged": f.hedged,
                        "anchor": format!("{:?}", f.anchor),
                    })
                })
                .collect();
            out.push(serde_json::json!({"id": a.id, "text": a.text, "facts": facts}));
        }
    }
    println!("{}", serde_json::Value::Array(out));
}
