//! `quotedesk scan FOLDER --json` end to end on a folder of good and bad files,
//! validated against the contract (../shared/docs/scan-json.md).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A temp copy of the fixture plus the bad files that cannot live in git.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::os::unix::fs::symlink(
            dir.path().join("nowhere.txt"),
            dir.path().join("dangling.txt"),
        )
        .unwrap();
        let locked = dir.path().join("locked.txt");
        std::fs::write(&locked, "Locked title\n\nLocked text.\n").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    dir
}

fn scan(dir: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_quotedesk"))
        .arg("scan")
        .arg(dir)
        .arg("--json")
        .env("XDG_CONFIG_HOME", dir.join(".no-config"))
        .env("QUOTEDESK_CACHE_DIR", "off")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is one JSON object")
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// `text[start:end] == span text`, counting in chars.
fn check_span(text: &[char], v: &Value, what: &str) {
    let start = v["start"]
        .as_u64()
        .unwrap_or_else(|| panic!("{what}: start")) as usize;
    let end = v["end"].as_u64().unwrap_or_else(|| panic!("{what}: end")) as usize;
    let span_text = v["text"].as_str().unwrap_or_else(|| panic!("{what}: text"));
    assert!(
        start <= end && end <= text.len(),
        "{what}: {start}..{end} out of {}",
        text.len()
    );
    let got: String = text[start..end].iter().collect();
    assert_eq!(got, span_text, "{what}: offsets do not match the span text");
}

#[test]
fn scan_json_follows_the_contract() {
    let dir = folder();
    let v = scan(dir.path());
    assert_eq!(v["schema"], 1);
    assert!(v["root"].is_string());
    for key in ["speakers", "stories", "conflicts", "skipped", "articles"] {
        assert!(v[key].is_array(), "{key} is an array");
    }
    let articles = v["articles"].as_array().unwrap();
    let mut by_id = BTreeMap::new();
    for a in articles {
        for key in ["id", "path", "format", "text"] {
            assert!(a[key].is_string(), "article {key}: {a}");
        }
        for key in ["title", "source", "published"] {
            assert!(a[key].is_string() || a[key].is_null(), "article {key}: {a}");
        }
        assert!(a["quotes"].is_array() && a["warnings"].is_array());
        let text = a["text"].as_str().unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "control chars in {}",
            a["id"]
        );
        if let Some(p) = a["published"].as_str() {
            assert!(
                chrono::DateTime::parse_from_rfc3339(p).is_ok(),
                "published {p}"
            );
        }
        let tc = chars(text);
        for q in a["quotes"].as_array().unwrap() {
            check_span(&tc, q, "quote");
            for part in ["mention", "cue"] {
                if !q[part].is_null() {
                    check_span(&tc, &q[part], part);
                }
            }
        }
        by_id.insert(a["id"].as_str().unwrap().to_string(), a.clone());
    }
    let texts: BTreeMap<String, Vec<char>> = by_id
        .iter()
        .map(|(k, a)| (k.clone(), chars(a["text"].as_str().unwrap())))
        .collect();
    for c in v["conflicts"].as_array().unwrap() {
        for claim in c["claims"].as_array().unwrap() {
            let art = claim["article"].as_str().unwrap();
            check_span(&texts[art], claim, "claim");
        }
    }

    // Every good article is there, with the right format.
    let ids: Vec<&str> = by_id.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "broken.jsonl#1",
            "feed.xml#ch-10",
            "feed.xml#ch-9",
            "items.json#k1",
            "items.json#k2",
            "latin1.txt",
            "page.html",
            "report.md",
            "wire/story.txt",
        ]
        .iter()
        .copied()
        .chain(if cfg!(unix) && locked_is_readable() {
            vec!["locked.txt"]
        } else {
            vec![]
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
    assert_eq!(by_id["page.html"]["format"], "html");
    assert_eq!(by_id["report.md"]["format"], "md");
    assert_eq!(by_id["feed.xml#ch-9"]["format"], "rss");
    assert_eq!(by_id["items.json#k1"]["format"], "json");
    assert_eq!(by_id["wire/story.txt"]["format"], "txt");

    // HTML: the prose, none of the furniture.
    let html = by_id["page.html"]["text"].as_str().unwrap();
    assert!(html.starts_with("Blast inquiry opens\n\nAn inquiry into the quarry blast"));
    assert!(
        html.contains(
            "\u{201C}We will look at every decision made that morning,\u{201D} Osei said."
        )
    );
    assert!(html.contains("the company has put the figure at 13."));
    for bad in [
        "cookies",
        "Home",
        "Sport",
        "Share",
        "Related",
        "expansion",
        "rights reserved",
        "Terms",
        "trackPage",
    ] {
        assert!(!html.contains(bad), "furniture {bad:?} in {html:?}");
    }
    assert_eq!(by_id["page.html"]["source"], "Valley Post");

    // Plain text is the file itself.
    let story = std::fs::read_to_string(fixture().join("wire/story.txt")).unwrap();
    assert_eq!(by_id["wire/story.txt"]["text"], story.as_str());

    // Latin-1 decoded, with a warning.
    let latin = &by_id["latin1.txt"];
    assert!(latin["text"].as_str().unwrap().contains("Jürgen Weiß"));
    assert!(!latin["warnings"].as_array().unwrap().is_empty());

    // Markdown rendered to prose.
    let md = by_id["report.md"]["text"].as_str().unwrap();
    assert!(!md.contains("**") && !md.contains("https://"));
    assert!(md.contains("damaged 13 homes."));

    // Bad files: each listed once with a reason; ignored files nowhere.
    let skipped: BTreeMap<String, String> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(skipped["bad-image.png"], "not text (binary)");
    assert!(skipped["empty.txt"].contains("empty"));
    assert!(skipped["broken.jsonl"].contains("malformed JSON"));
    #[cfg(unix)]
    {
        assert!(skipped["dangling.txt"].starts_with("broken link"));
        if !locked_is_readable() {
            assert!(skipped["locked.txt"].contains("unreadable"));
        }
    }
    for ignored in ["notes.txt~", ".hidden.txt"] {
        assert!(!skipped.contains_key(ignored));
        assert!(!articles.iter().any(|a| a["path"] == ignored));
    }
}

/// Root reads files whatever their permissions.
fn locked_is_readable() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("probe");
    std::fs::write(&p, "x").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    std::fs::read(&p).is_ok()
}

/// Every file under `dir` (links not followed) with its bytes or link target.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false) {
        let e = e.unwrap();
        let p = e.path().to_path_buf();
        let content = if e.file_type().is_symlink() {
            std::fs::read_link(&p)
                .unwrap()
                .to_string_lossy()
                .as_bytes()
                .to_vec()
        } else if e.file_type().is_file() {
            std::fs::read(&p).unwrap_or_else(|_| b"<unreadable>".to_vec())
        } else {
            b"<dir>".to_vec()
        };
        out.insert(p, content);
    }
    out
}

#[test]
fn scan_never_writes_into_the_folder() {
    let dir = folder();
    let before = snapshot(dir.path());
    let _ = scan(dir.path());
    let after = snapshot(dir.path());
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(before == after, "file contents changed");
}

#[test]
fn unreadable_folder_is_an_error() {
    Command::new(env!("CARGO_BIN_EXE_quotedesk"))
        .args(["scan", "/definitely/not/here", "--json"])
        .assert()
        .failure();
}

/// Runs `cmd`, which must fail with one plain line on stderr; that line and the output.
fn one_line_failure(cmd: &mut Command) -> (String, std::process::Output) {
    let out = cmd.assert().failure().get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.lines().count(), 1, "one plain line: {err}");
    (err, out)
}

fn quotedesk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quotedesk"));
    c.env("XDG_CONFIG_HOME", "/nonexistent-quotedesk-config")
        .env("RUST_BACKTRACE", "1");
    c
}

#[test]
fn a_wrong_folder_is_said_in_words_without_a_backtrace() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "Just a file.").unwrap();
    let missing = dir.path().join("not-here");
    for (args, says) in [
        (
            vec!["scan".into(), missing.clone(), "--json".into()],
            "does not exist",
        ),
        (vec!["scan".into(), file.clone()], "is not a folder"),
        (vec![missing.clone()], "does not exist"),
        (vec![file.clone()], "is not a folder"),
    ] {
        let (err, out) = one_line_failure(quotedesk().args(&args));
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !err.contains("backtrace") && !err.contains("Stack"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn scan_help_lists_only_what_applies_to_scan() {
    let out = quotedesk().args(["scan", "--help"]).assert().success();
    let help = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for desk_only in ["--theme", "--debounce", "--poll", "--log"] {
        assert!(
            !help.contains(desk_only),
            "{desk_only} in scan --help:\n{help}"
        );
    }
    for applies in ["--json", "--config", "--max-size", "--ignore"] {
        assert!(help.contains(applies), "{applies} missing:\n{help}");
    }
}

/// A panic in `scan` (requested with QUOTEDESK_PANIC_IN_SCAN, as no input is known to
/// cause one): one plain line naming the log, never a backtrace on the terminal (though
/// RUST_BACKTRACE=1 is set); the panic and its backtrace are in the log.
#[test]
fn a_panic_in_scan_is_one_line_and_its_backtrace_goes_to_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("w");
    std::fs::create_dir(&folder).unwrap();
    let data = dir.path().join("data");
    let (err, out) = one_line_failure(
        quotedesk()
            .env("QUOTEDESK_PANIC_IN_SCAN", "1")
            .env("XDG_DATA_HOME", &data)
            .env("QUOTEDESK_CACHE_DIR", "off")
            .args(["scan", "--json"])
            .arg(&folder),
    );
    assert!(err.contains("internal error"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace") && !err.contains("run_scan"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    let log = std::fs::read_to_string(data.join("quotedesk/quotedesk.log")).unwrap_or_default();
    assert!(
        err.contains("quotedesk.log")
            && log.contains("panic requested")
            && log.contains("run_scan"),
        "the log lacks the panic or its backtrace: {log}"
    );
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        0,
        "wrote into the folder"
    );
}

/// Options shared with the desk may come before `scan`; the desk's own options, or a
/// folder before `scan`, are refused in one plain line rather than ignored.
#[test]
fn options_before_scan_work_and_desk_options_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.txt"),
        "Ferry resumes\n\nThe ferry resumed on Monday, the operator said.\n",
    )
    .unwrap();
    let out = quotedesk()
        .env("QUOTEDESK_CACHE_DIR", "off")
        .args(["--max-size", "1000", "scan"])
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .clone();
    let summary = String::from_utf8_lossy(&out.stdout).into_owned();
    // Counts in words: "1 article", "1 story" (and "1 quote" should one be found).
    let line = summary.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("1 article, ") && line.contains(", 1 story, "),
        "{line}"
    );
    for part in line.split(", ") {
        if let Some(noun) = part.strip_prefix("1 ") {
            assert!(noun == "skipped" || !noun.ends_with('s'), "{line}");
        }
    }
    for (args, says) in [
        (vec!["--poll", "scan"], "--poll applies to the desk only"),
        (
            vec!["--theme", "light", "scan"],
            "--theme applies to the desk only",
        ),
        (vec!["/elsewhere", "scan"], "give the folder after scan"),
    ] {
        let (err, _) = one_line_failure(quotedesk().args(&args).arg(dir.path()));
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

/// A folder (and a config file) the user may not read: said in words, in one line, in
/// both modes. Root reads everything, so as root the binary runs as `nobody` (skipped,
/// with a note, where that is not possible).
#[cfg(unix)]
#[test]
fn an_unreadable_folder_or_config_is_said_in_words() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = \"light\"\n").unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o000)).unwrap();
    let open = dir.path().join("open");
    std::fs::create_dir(&open).unwrap();
    let bin = env!("CARGO_BIN_EXE_quotedesk");
    let as_user = |args: &[&Path]| {
        let mut c = if std::fs::read_dir(&locked).is_ok() {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
            c
        } else {
            std::process::Command::new(bin)
        };
        c.args(args)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
            .env("QUOTEDESK_CACHE_DIR", "off")
            .env("RUST_BACKTRACE", "1")
            .output()
            .unwrap()
    };
    let probe = as_user(&[Path::new("--version")]);
    if !probe.status.success() {
        eprintln!("NOTE: cannot run the binary as another user here; skipping");
        return;
    }
    let scan = Path::new("scan");
    let flag = Path::new("--config");
    for (args, says) in [
        (vec![scan, &locked], "cannot read the folder"),
        (vec![&locked], "cannot read the folder"),
        (vec![scan, &open, flag, &config], "cannot read config file"),
    ] {
        let out = as_user(&args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            err.contains(says) && err.contains("permission denied"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("os error"), "{err}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Every string of the JSON, with where it is.
fn strings<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((at, s)),
        Value::Array(xs) => xs
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, format!("{at}[{i}]"), out)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| strings(x, format!("{at}.{k}"), out)),
        _ => {}
    }
}

const FEED: &str = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>\
<item><guid>1</guid><title>Ferry resumes</title><description>The ferry resumed on Monday, \
the operator said.</description></item></channel></rss>";

/// Hostile and colliding names: every file gives an article or a skipped entry with its
/// true reason, ids never collide, and nothing unprintable reaches the JSON.
#[cfg(unix)]
#[test]
fn odd_file_names_are_escaped_distinct_and_never_lost() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("w");
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let body = |n: &str| format!("Harbour report {n}\n\nThe harbour reopened, officials said.\n");
    std::fs::write(root.join("a/b.txt"), body("one")).unwrap();
    std::fs::write(root.join("a\\b.txt"), body("two")).unwrap();
    std::fs::write(root.join("feed.rss"), FEED).unwrap();
    std::fs::write(root.join("feed.rss#1"), body("three")).unwrap();
    std::fs::write(
        root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")),
        body("four"),
    )
    .unwrap();
    for name in [
        "esc\u{1b}[31m.txt",
        "bel\u{7}.txt",
        "c1\u{85}.txt",
        "cr\r.txt",
        "rlo\u{202e}txt.md",
    ] {
        std::fs::write(root.join(name), body("five")).unwrap();
    }
    // A broken feed whose parser message quotes control characters of the file.
    std::fs::write(
        root.join("broken.xml"),
        "<rss><channel><ti\u{1b}]0;x\u{7}tle>\u{9b}2J</rss>",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, root.join("linked")).unwrap();
    let v = scan(&root);

    let ids: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "ids collide: {ids:?}");
    for want in [
        "a/b.txt",
        "a\\\\b.txt",
        "feed.rss#1",
        "feed.rss\\#1",
        "caf\\xe9.txt",
        "rlo\\u{202e}txt.md",
    ] {
        assert!(unique.contains(want), "{want} missing from {ids:?}");
    }
    // Nine text files and one feed item; the broken feed and the link are skipped, saying why.
    assert_eq!(ids.len(), 10, "{ids:?}");
    let skipped: BTreeMap<&str, &str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["path"].as_str().unwrap(), s["reason"].as_str().unwrap()))
        .collect();
    assert!(
        skipped["linked"].contains("link to a folder"),
        "{skipped:?}"
    );
    assert!(skipped["broken.xml"].contains("XML"), "{skipped:?}");
    assert_eq!(skipped.len(), 2, "{skipped:?}");

    let mut all = Vec::new();
    strings(&v, String::new(), &mut all);
    for (at, s) in all {
        if at.ends_with(".text") {
            continue; // article text keeps its newlines; it is sanitised at ingestion
        }
        assert!(
            !s.chars().any(quotedesk::ingest::sanitize::is_unsafe),
            "unprintable character in {at}: {s:?}"
        );
    }
}
