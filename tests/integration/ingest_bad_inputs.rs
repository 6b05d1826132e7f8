//! Bad inputs are skipped with a reason (or partly kept), never a crash.

use quotedesk::ingest::{IngestOptions, list_files, read_file};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/bad")
}

fn reason(dir: &Path, rel: &str, opts: &IngestOptions) -> String {
    let out = read_file(dir, rel, opts);
    out.skipped
        .unwrap_or_else(|| panic!("{rel} was not skipped"))
        .reason
}

#[test]
fn binary_empty_and_blank() {
    let o = IngestOptions::default();
    assert_eq!(reason(&root(), "image.png", &o), "not text (binary)");
    assert!(reason(&root(), "empty.txt", &o).contains("empty"));
    assert!(reason(&root(), "blank.md", &o).contains("empty"));
}

#[test]
fn over_the_size_limit() {
    let o = IngestOptions {
        max_file_size: 50,
        ..Default::default()
    };
    let r = reason(&root(), "broken.jsonl", &o);
    assert!(r.starts_with("too large"), "{r}");
}

#[test]
fn broken_jsonl_keeps_complete_lines() {
    let out = read_file(&root(), "broken.jsonl", &IngestOptions::default());
    let titles: Vec<_> = out
        .articles
        .iter()
        .filter_map(|a| a.title.clone())
        .collect();
    assert_eq!(titles, ["Kept one", "Kept two"]);
    let r = out.skipped.expect("explained").reason;
    assert!(r.contains("malformed JSON") && r.contains("line 2"), "{r}");
}

#[test]
fn truncated_json_array_keeps_items_before_error() {
    let out = read_file(&root(), "truncated.json", &IngestOptions::default());
    assert_eq!(out.articles.len(), 1);
    assert_eq!(out.articles[0].title.as_deref(), Some("Kept"));
    assert!(out.skipped.unwrap().reason.contains("malformed JSON"));
}

#[test]
fn nonsense_json() {
    let out = read_file(&root(), "nonsense.json", &IngestOptions::default());
    assert!(out.articles.is_empty());
    assert!(out.skipped.unwrap().reason.contains("malformed JSON"));
}

#[test]
fn broken_feed_keeps_items_before_error() {
    let out = read_file(&root(), "broken-feed.xml", &IngestOptions::default());
    assert_eq!(out.articles.len(), 1);
    assert_eq!(out.articles[0].id, "broken-feed.xml#w-1");
    assert_eq!(out.articles[0].text, "Complete item\n\nKept text.");
    let r = out.skipped.unwrap().reason;
    assert!(
        r.contains("malformed XML") && r.contains("kept 1 item"),
        "{r}"
    );
}

#[test]
fn xml_that_is_not_a_feed() {
    let r = reason(&root(), "not-a-feed.xml", &IngestOptions::default());
    assert!(r.contains("not an RSS or Atom feed"), "{r}");
}

#[test]
fn missing_file() {
    let r = reason(&root(), "does-not-exist.txt", &IngestOptions::default());
    assert!(r.starts_with("unreadable"), "{r}");
}

#[cfg(unix)]
#[test]
fn broken_link_unreadable_file_and_temporaries() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), "Good title\n\nGood text.\n").unwrap();
    std::os::unix::fs::symlink(d.join("gone.txt"), d.join("dangling.txt")).unwrap();
    std::fs::write(d.join("locked.txt"), "Secret\n").unwrap();
    std::fs::set_permissions(d.join("locked.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    for ignored in [
        ".hidden.txt",
        "draft.txt~",
        ".draft.txt.swp",
        "dl.html.part",
        "x.tmp",
        "y.crdownload",
    ] {
        std::fs::write(d.join(ignored), "ignored\n").unwrap();
    }
    std::fs::create_dir(d.join(".git")).unwrap();
    std::fs::write(d.join(".git/HEAD"), "ref\n").unwrap();
    std::fs::create_dir(d.join("drafts")).unwrap();
    std::fs::write(d.join("drafts/wip.txt"), "wip\n").unwrap();

    let opts = IngestOptions {
        ignore: vec!["drafts/**".into()],
        ..Default::default()
    };
    let files = list_files(d, &opts).unwrap();
    assert_eq!(files, ["dangling.txt", "good.txt", "locked.txt"]);

    let r = reason(d, "dangling.txt", &opts);
    assert!(r.starts_with("broken link"), "{r}");

    let locked = read_file(d, "locked.txt", &opts);
    if std::fs::read(d.join("locked.txt")).is_err() {
        let r = locked.skipped.expect("unreadable file skipped").reason;
        assert!(r.contains("unreadable") && r.contains("permission"), "{r}");
    } else {
        // Running as root: permissions do not stop reading; the file must still be handled.
        assert_eq!(locked.articles.len(), 1);
    }
    std::fs::set_permissions(d.join("locked.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn fifo_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pipe.txt");
    let ok = std::process::Command::new("mkfifo")
        .arg(&p)
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        let r = reason(dir.path(), "pipe.txt", &IngestOptions::default());
        assert_eq!(r, "not a regular file");
    }
}

/// A parser's message may quote the file (a mismatched closing tag is quoted whole); the
/// reason must still be one printable line.
#[test]
fn reasons_quoting_the_file_carry_no_control_characters() {
    let feeds = [
        "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title></item></chan\u{85}nel></rss>",
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>x</title></entry></fe\u{202e}ed>",
        "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title></item></ch\u{1b}[2Jannel></rss>",
    ];
    for (i, text) in feeds.iter().enumerate() {
        let out = quotedesk::ingest::parse_bytes(&format!("feed-{i}.xml"), text.as_bytes());
        let reason = out.skipped.expect("a reason").reason;
        assert!(reason.contains("malformed XML"), "{reason}");
        assert!(
            !reason.chars().any(quotedesk::ingest::sanitize::is_unsafe),
            "{reason:?}"
        );
    }
}
