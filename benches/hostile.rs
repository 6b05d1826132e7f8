//! Hostile inputs: generated files that once took minutes or gigabytes, at growing
//! sizes. For each case and size a child process reads and analyses the file (as a desk
//! worker does), applies it to an empty desk (speakers, stories, conflicts) and prints
//! ingest, analysis and desk time, MB/s of the whole, peak memory,
//! and the `skipped` reason when the file was cut off. The target: no case below 1 MB/s.
//!
//! `cargo bench --bench hostile`; `QD_HOSTILE_CASES=yaml,attrs` picks cases,
//! `QD_HOSTILE_QUICK=1` drops the largest sizes, `QD_HOSTILE_TIMEOUT` (s, default 120)
//! stops a case that runs longer.

#[path = "peak.rs"]
mod peak;
use peak::vm_hwm_mb;
use quotedesk::analysis;
use quotedesk::desk::{AnalyzedFile, Desk, Entry};
use quotedesk::ingest::{self, IngestOptions};
use std::process::Command;
use std::time::Instant;

/// (case, what it is, sizes, whose stage it measures)
const CASES: &[(&str, &str, &[usize], &str)] = &[
    (
        "yaml",
        "`[` repeated in YAML front matter (bytes)",
        &[10_000, 50_000, 200_000],
        "ingest",
    ),
    (
        "attrs",
        "one HTML tag with N attributes",
        &[10_000, 50_000, 200_000],
        "ingest",
    ),
    (
        "nest",
        "HTML elements nested N deep",
        &[10_000, 50_000],
        "ingest",
    ),
    (
        "title",
        "a Markdown title of N chars",
        &[1_000_000, 10_000_000],
        "ingest",
    ),
    (
        "txt-title",
        "a plain-text first line of N chars",
        &[1_000_000, 10_000_000],
        "ingest",
    ),
    (
        "prose",
        "ordinary prose, N bytes",
        &[5_000_000, 20_000_000, 50_000_000],
        "both",
    ),
    (
        "said",
        "`\"Yes,\" Smith said. ` repeated to N bytes",
        &[250_000, 500_000, 1_000_000],
        "analysis",
    ),
];

/// `n` bytes of `unit` repeated (the last one cut at a char boundary).
fn repeat_to(unit: &str, n: usize) -> String {
    let mut s = unit.repeat(n / unit.len() + 1);
    let mut cut = n.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

/// The file name and bytes of one case at one size.
fn generate(case: &str, n: usize) -> (String, String) {
    let prose = "The council approved the new budget on Tuesday after a long debate about \
                 the harbour, the schools and the bridge over the river. ";
    match case {
        "yaml" => (
            "a.md".into(),
            format!("---\ntitle: {}\n---\n\n{prose}\n", "[".repeat(n)),
        ),
        "attrs" => {
            let attrs: String = (0..n).map(|i| format!(" a{i}=\"v\"")).collect();
            (
                "a.html".into(),
                format!("<html><body><article><p{attrs}>{prose}</p></article></body></html>"),
            )
        }
        "nest" => (
            "a.html".into(),
            format!(
                "<html><body><article>{}<p>{prose}</p>{}</article></body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            ),
        ),
        "title" => (
            "a.md".into(),
            format!("# {}\n\n{prose}\n", repeat_to("headline ", n)),
        ),
        "txt-title" => (
            "a.txt".into(),
            format!("{}\n\n{prose}\n", repeat_to("headline ", n)),
        ),
        "prose" => ("a.txt".into(), repeat_to(&format!("{prose}\n\n"), n)),
        "said" => ("a.txt".into(), repeat_to("\"Yes,\" Smith said. ", n)),
        _ => panic!("unknown case {case}"),
    }
}

/// Analyses and applies one small article, so that the word lists and tables every
/// process loads once (about 16 ms) are not charged to the first, smallest case.
fn warm_up(dir: &std::path::Path) {
    let name = "warm.txt";
    std::fs::write(
        dir.join(name),
        "A title\n\n\"Yes,\" the mayor said on Monday.\n",
    )
    .expect("write");
    let outcome = ingest::read_file(dir, name, &IngestOptions::default());
    let entries = outcome
        .articles
        .iter()
        .map(|a| Entry {
            analysis: analysis::analyze(a),
            article: a.clone(),
        })
        .collect();
    Desk::new().apply_file(
        name,
        AnalyzedFile {
            entries,
            skipped: None,
            key: None,
        },
    );
    std::fs::remove_file(dir.join(name)).expect("remove");
}

fn run_one(case: &str, n: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    warm_up(dir.path());
    let (name, text) = generate(case, n);
    std::fs::write(dir.path().join(&name), &text).expect("write");
    let mb = text.len() as f64 / 1e6;
    drop(text);
    let opts = IngestOptions {
        max_file_size: 64 * 1024 * 1024,
        ..IngestOptions::default()
    };
    let t = Instant::now();
    let outcome = ingest::read_file(dir.path(), &name, &opts);
    let ingest_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let entries: Vec<Entry> = outcome
        .articles
        .iter()
        .map(|a| Entry {
            analysis: analysis::analyze(a),
            article: a.clone(),
        })
        .collect();
    let analysis_s = t.elapsed().as_secs_f64();
    // What the desk does with it: speakers, stories, conflicts of the folder.
    let t = Instant::now();
    let mut desk = Desk::new();
    desk.apply_file(
        &name,
        AnalyzedFile {
            entries,
            skipped: outcome.skipped.clone(),
            key: None,
        },
    );
    std::hint::black_box(&desk);
    let desk_s = t.elapsed().as_secs_f64();
    let total = ingest_s + analysis_s + desk_s;
    let cut = outcome
        .skipped
        .as_ref()
        .map(|s| format!("  [cut: {}]", s.reason))
        .unwrap_or_default();
    println!(
        "  {n:>10}  {mb:7.2} MB  ingest {ingest_s:8.3} s  analysis {analysis_s:8.3} s  \
         desk {desk_s:7.3} s  {:8.2} MB/s  peak {:6.0} MB{}{cut}",
        mb / total.max(1e-9),
        vm_hwm_mb(),
        if mb / total.max(1e-9) < 1.0 {
            "  BELOW 1 MB/s"
        } else {
            ""
        },
    );
}

fn main() {
    if let (Ok(case), Ok(n)) = (
        std::env::var("QD_HOSTILE_CASE"),
        std::env::var("QD_HOSTILE_N"),
    ) {
        run_one(&case, n.parse().expect("size"));
        return;
    }
    let only: Option<Vec<String>> = std::env::var("QD_HOSTILE_CASES")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    let quick = std::env::var("QD_HOSTILE_QUICK").is_ok_and(|v| v == "1");
    let timeout: u64 = std::env::var("QD_HOSTILE_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(120);
    let me = std::env::current_exe().expect("own path");
    for (case, what, sizes, stage) in CASES {
        if only.as_ref().is_some_and(|o| !o.iter().any(|c| c == case)) {
            continue;
        }
        println!("{case}: {what} ({stage})");
        let sizes = if quick {
            &sizes[..sizes.len() - 1]
        } else {
            sizes
        };
        for n in sizes.iter() {
            let mut child = Command::new(&me)
                .env("QD_HOSTILE_CASE", case)
                .env("QD_HOSTILE_N", n.to_string())
                .spawn()
                .expect("run child");
            let start = Instant::now();
            let status = loop {
                if let Ok(Some(s)) = child.try_wait() {
                    break Some(s);
                }
                if start.elapsed().as_secs() >= timeout {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            };
            match status {
                Some(s) if s.success() => {}
                Some(_) => println!("  {n:>10}  FAILED"),
                None => println!("  {n:>10}  not finished in {timeout} s: BELOW 1 MB/s"),
            }
        }
    }
}
