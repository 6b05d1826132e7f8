//! Property: any sequence of file events (adds, edits, deletes, renames, writes in
//! chunks, folder moves, with analyses delivered late or out of date) applied to the desk
//! through the path the live desk uses — the watcher's re-stating of hints
//! ([`Restater`]), `update` on `App`, worker analyses fed back as results — ends equal to
//! `scan` of the final folder. Only the event source (notify, debouncing) and the threads
//! are replaced: hints are the paths each step touched, and queued analyses run when the
//! sequence says so, reading the file as it is then (as a worker would).

use proptest::prelude::*;
use quotedesk::analysis::speakers::Speaker;
use quotedesk::desk::worker::WorkResult;
use quotedesk::desk::{AnalyzedFile, Desk, analyze_file};
use quotedesk::ingest::{self, IngestOptions};
use quotedesk::scan;
use quotedesk::tui::app::{App, Scope};
use quotedesk::tui::keymap::Keymap;
use quotedesk::tui::theme::Theme;
use quotedesk::tui::{Effect, Event, update};
use quotedesk::watch::Restater;
use serde_json::{Value, json};
use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::path::Path;

/// Invented reports: two of one event that disagree on a figure, one of another event,
/// a feed with two items, an empty file (gives nothing).
const CONTENTS: &[&str] = &[
    "Dunmore ferry crews walk out\n\nDUNMORE, May 3 (Loch Post) — About 40 crew members of the Dunmore ferry walked out on Friday, union organiser Petra Halloran said. \"We have waited long enough,\" Halloran told reporters. The operator, Kelpie Lines, said talks would resume on Monday.\n",
    "Strike halts Dunmore ferry\n\nDUNMORE, May 3 (Island Herald) — Sixty crew members of the Dunmore ferry stopped work on Friday. \"This is about safety, not pay,\" said Petra Halloran, an organiser with the union. Kelpie Lines spokesman Ivo Brandt said the company was \"disappointed\".\n",
    "Orchard town counts storm damage\n\nRAVENSFORD, June 9 (Vale Courier) — Hail destroyed most of the apple crop in Ravensford, mayor Odile Fenwick said on Sunday. \"Some growers have lost everything,\" Fenwick said.\n",
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loch Wire</title><item><guid>f1</guid><title>Ferry talks set for Monday</title><description>Kelpie Lines and the union will meet on Monday, spokesman Ivo Brandt said.</description></item><item><guid>f2</guid><title>Hail clean-up begins</title><description>\"We will help every grower,\" mayor Odile Fenwick said.</description></item></channel></rss>",
    "",
];

/// Where files live: a small pool, so that steps collide (a rename onto an existing file,
/// an edit of a file just moved away, a folder moved over another's name). Written as
/// keys (`encode_rel`): three names that would collide with another's id if they were
/// not escaped — `sub\c.txt` beside `sub/c.txt`, a plain file `wire.xml#f1` beside the
/// feed item `f1` of `wire.xml` — and a name that is not UTF-8.
const NAMES: &[&str] = &[
    "a.txt",
    "b.md",
    "wire.xml",
    "sub/c.txt",
    "sub/d.txt",
    "sub/deep/e.txt",
    "other/f.txt",
    "sub\\\\c.txt",
    "wire.xml\\#f1",
    "caf\\xe9.txt",
];
const FOLDERS: &[&str] = &["sub", "other", "moved"];

#[derive(Clone, Debug)]
enum Step {
    /// Create or overwrite a file.
    Write(usize, usize),
    /// Write a file in two halves, with analyses possibly running in between.
    Chunked(usize, usize, usize),
    Delete(usize),
    /// Rename a file (onto another name, perhaps existing).
    Rename(usize, usize),
    /// Move a folder (with what is in it) to another folder's name, if that is free.
    MoveFolder(usize, usize),
    /// Let this many queued analyses run and deliver their results.
    Work(usize),
    /// Make the link `lnk` (to a folder outside, to nothing, or to a file outside), or
    /// remove it when it is there: a link to a folder is skipped, never followed.
    Link(usize),
    /// The end of the first load, running apart since every file was analysed, comes
    /// back; what the steps since did to the desk is applied again to it.
    Finish,
    /// The oldest preview of the panes asked for during the first load comes back (late
    /// ones, after the load's end, are dropped by the desk).
    Preview,
}

fn step() -> impl Strategy<Value = Step> {
    let n = NAMES.len();
    let c = CONTENTS.len();
    prop_oneof![
        4 => (0..n, 0..c).prop_map(|(f, k)| Step::Write(f, k)),
        1 => (0..n, 0..c, 0..3usize).prop_map(|(f, k, w)| Step::Chunked(f, k, w)),
        2 => (0..n).prop_map(Step::Delete),
        2 => (0..n, 0..n).prop_map(|(a, b)| Step::Rename(a, b)),
        1 => (0..FOLDERS.len(), 0..FOLDERS.len()).prop_map(|(a, b)| Step::MoveFolder(a, b)),
        2 => (0..4usize).prop_map(Step::Work),
        1 => (0..3usize).prop_map(Step::Link),
        1 => Just(Step::Finish),
        2 => Just(Step::Preview),
    ]
}

/// The desk as the event loop runs it, with the worker pool replaced by a queue.
struct Harness {
    root: std::path::PathBuf,
    /// A folder outside the watched one, holding one article (`elsewhere.txt`).
    outside: std::path::PathBuf,
    app: App,
    restater: Restater,
    queue: VecDeque<(String, u64)>,
    /// The end of the first load, asked for and not yet delivered (as the event loop's
    /// thread would run it).
    finish: Option<quotedesk::desk::Finishing>,
    /// Previews of the panes asked for and not yet delivered, oldest first.
    previews: VecDeque<quotedesk::desk::Finishing>,
    /// How many previews the desk showed (each checked against a batch load of its
    /// articles when it arrived).
    previews_shown: usize,
}

impl Harness {
    /// `preview_first`: the test knob that makes a first load of a few files preview
    /// its panes from that many articles on.
    fn start(root: &Path, outside: &Path, preview_first: usize) -> Harness {
        let opts = IngestOptions::default();
        let mut h = Harness {
            root: root.to_path_buf(),
            outside: outside.to_path_buf(),
            app: App::new(
                Desk::new(),
                root.to_path_buf(),
                Theme::new("dark", false),
                Keymap::default(),
            ),
            restater: Restater::new(root, opts.clone()),
            queue: VecDeque::new(),
            finish: None,
            previews: VecDeque::new(),
            previews_shown: 0,
        };
        h.app.desk.preview_from(preview_first);
        // As the terminal desk opens a folder without a snapshot: the folder-level
        // work waits for the end of the first load, whatever events come meanwhile.
        h.app.desk.defer_folder_work();
        let files = ingest::list_files(root, &opts).unwrap();
        h.send(Event::Listed { files, error: None });
        h
    }

    fn send(&mut self, ev: Event) {
        for fx in update(&mut self.app, ev) {
            match fx {
                Effect::Submit { rel, generation } => {
                    // A resubmitted file runs once, at its newest generation.
                    self.queue.retain(|(r, _)| *r != rel);
                    self.queue.push_back((rel, generation));
                }
                Effect::ListFiles => {
                    let files = ingest::list_files(&self.root, &IngestOptions::default()).unwrap();
                    self.send(Event::Listed { files, error: None });
                }
                Effect::Finish => {
                    assert!(self.finish.is_none(), "one end of the first load");
                    self.finish = self.app.finish_job.take();
                    assert!(self.finish.is_some(), "the job comes with the effect");
                }
                Effect::Preview => {
                    let job = self.app.preview_job.take();
                    self.previews
                        .push_back(job.expect("the job comes with the effect"));
                }
                _ => {}
            }
        }
    }

    /// The watcher reports these paths (relative) as changed.
    fn hint(&mut self, rels: &[&str]) {
        let events = self.restater.hinted(rels.iter().map(|r| r.to_string()));
        for e in events {
            self.send(Event::Watch(e));
        }
    }

    /// Delivers the end of the first load, if it was asked for.
    fn finish(&mut self) {
        if let Some(job) = self.finish.take() {
            self.send(Event::Finished(Box::new(job.run())));
        }
    }

    /// Delivers the oldest preview asked for, if any. One the desk shows must show what a
    /// batch load of the articles it was made of gives: the same stories, speakers
    /// and conflicts.
    fn preview(&mut self) {
        let Some(job) = self.previews.pop_front() else {
            return;
        };
        let before = self.app.desk.preview_articles();
        self.send(Event::Finished(Box::new(job.run())));
        let panes = self.app.desk.panes();
        if std::ptr::eq(panes, &self.app.desk) {
            return; // the load has ended: a late preview is dropped
        }
        assert_ne!(before, None, "a preview is shown only during the load");
        self.previews_shown += 1;
        let mut batch = Desk::new();
        batch.apply_batch(
            panes
                .entries()
                .map(|e| {
                    let file = AnalyzedFile {
                        entries: vec![e.clone()],
                        skipped: None,
                        key: None,
                    };
                    (e.article.id.clone(), file)
                })
                .collect(),
        );
        let (shown, expected) = (
            comparable(&scan::build("root", panes)),
            comparable(&scan::build("root", &batch)),
        );
        for part in ["speakers", "stories", "conflicts"] {
            assert_eq!(shown[part], expected[part], "preview's {part} differ");
        }
    }

    /// Runs up to `n` queued analyses, newest first (as the pool does).
    fn work(&mut self, n: usize) {
        for _ in 0..n {
            let Some((rel, generation)) = self.queue.pop_back() else {
                return;
            };
            let file = analyze_file(&self.root, &rel, &IngestOptions::default());
            self.send(Event::Work(WorkResult {
                rel,
                generation,
                file,
            }));
        }
    }
}

fn parent_rels(rel: &str) -> Vec<String> {
    let parts: Vec<&str> = rel.split('/').collect();
    (1..parts.len()).map(|i| parts[..i].join("/")).collect()
}

/// Applies one step to the folder and tells the harness what the watcher would hint.
fn apply(h: &mut Harness, step: &Step) {
    let root = h.root.clone();
    let disk = |rel: &str| ingest::walk::rel_path(&root, rel);
    let write = |rel: &str, bytes: &[u8]| {
        let p = disk(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    };
    match *step {
        Step::Write(f, k) => {
            write(NAMES[f], CONTENTS[k].as_bytes());
            let mut hints = parent_rels(NAMES[f]);
            hints.push(NAMES[f].to_string());
            h.hint(&hints.iter().map(String::as_str).collect::<Vec<_>>());
        }
        Step::Chunked(f, k, w) => {
            let bytes = CONTENTS[k].as_bytes();
            let half = bytes.len() / 2;
            write(NAMES[f], &bytes[..half]);
            let mut hints = parent_rels(NAMES[f]);
            hints.push(NAMES[f].to_string());
            h.hint(&hints.iter().map(String::as_str).collect::<Vec<_>>());
            h.work(w);
            let mut file = fs::OpenOptions::new()
                .append(true)
                .open(disk(NAMES[f]))
                .unwrap();
            std::io::Write::write_all(&mut file, &bytes[half..]).unwrap();
            drop(file);
            h.hint(&[NAMES[f]]);
        }
        Step::Delete(f) => {
            if fs::remove_file(disk(NAMES[f])).is_ok() {
                h.hint(&[NAMES[f]]);
            }
        }
        Step::Rename(a, b) => {
            let (from, to) = (disk(NAMES[a]), disk(NAMES[b]));
            if a == b || !from.is_file() {
                return;
            }
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::rename(&from, &to).unwrap();
            let mut hints = parent_rels(NAMES[b]);
            hints.extend([NAMES[a].to_string(), NAMES[b].to_string()]);
            h.hint(&hints.iter().map(String::as_str).collect::<Vec<_>>());
        }
        Step::MoveFolder(a, b) => {
            let (from, to) = (root.join(FOLDERS[a]), root.join(FOLDERS[b]));
            if a == b || !from.is_dir() || to.exists() {
                return;
            }
            fs::rename(&from, &to).unwrap();
            h.hint(&[FOLDERS[a], FOLDERS[b]]);
        }
        Step::Work(n) => h.work(n),
        Step::Finish => h.finish(),
        Step::Preview => h.preview(),
        Step::Link(kind) => {
            let link = root.join("lnk");
            if fs::symlink_metadata(&link).is_ok() {
                fs::remove_file(&link).unwrap();
            } else {
                let target = match kind {
                    0 => h.outside.clone(),
                    1 => h.outside.join("missing"),
                    _ => h.outside.join("elsewhere.txt"),
                };
                symlink(&target, &link);
            }
            h.hint(&["lnk"]);
        }
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Elsewhere a link is a plain file naming its target (the step still adds and removes
/// an entry).
#[cfg(not(unix))]
fn symlink(target: &Path, link: &Path) {
    fs::write(link, target.display().to_string()).unwrap();
}

/// Runs the steps on a fresh folder, previews of the first load from `preview_first`
/// articles on; returns (desk, scan of the final folder) as the comparable parts of the
/// JSON contract, and how many previews the desk showed.
fn run(steps: &[Step], initial: &[(usize, usize)], preview_first: usize) -> (Value, Value, usize) {
    let dir = tempfile::tempdir().unwrap();
    let root = &dir.path().join("w");
    let outside = dir.path().join("outside");
    fs::create_dir(root).unwrap();
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("elsewhere.txt"), CONTENTS[2]).unwrap();
    for &(f, k) in initial {
        let p = ingest::walk::rel_path(root, NAMES[f]);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, CONTENTS[k]).unwrap();
    }
    let mut h = Harness::start(root, &outside, preview_first);
    h.work(1); // an analysis may land before the first event
    order_is_current(&mut h.app);
    for s in steps {
        apply(&mut h, s);
        order_is_current(&mut h.app);
    }
    h.work(usize::MAX);
    order_is_current(&mut h.app);
    h.finish();
    order_is_current(&mut h.app);
    h.work(usize::MAX);
    order_is_current(&mut h.app);
    // Previews that come back after the load's end change nothing.
    while !h.previews.is_empty() {
        h.preview();
    }
    assert!(h.queue.is_empty());
    assert!(!h.app.desk.is_deferring(), "the first load has ended");
    let live = &h.app.desk;
    let mut expected = Desk::load(root, &IngestOptions::default(), &|_, _| {}).unwrap();
    // By design a file that turns bad (an editor's save in progress, a feed cut short)
    // keeps its last good articles in the desk, with the reason among the skipped; `scan`
    // has no earlier version. Expect exactly that for the files it happened to.
    let kept: Vec<(String, AnalyzedFile)> = expected
        .skipped()
        .filter(|s| expected.articles_of_file(&s.path).is_empty())
        .filter(|s| !live.articles_of_file(&s.path).is_empty())
        .map(|s| {
            let entries = live
                .articles_of_file(&s.path)
                .iter()
                .filter_map(|id| live.entry(id).cloned())
                .collect();
            let file = AnalyzedFile {
                entries,
                skipped: Some(s.clone()),
                key: None,
            };
            (s.path.clone(), file)
        })
        .collect();
    expected.apply_batch(kept);
    (
        comparable(&scan::build("root", live)),
        comparable(&scan::build("root", &expected)),
        h.previews_shown,
    )
}

/// The desk's kept speaker order (sorted once per change of the index, asked for here
/// after every step so that a change it missed would show as a stale order) is the
/// index's sorted list.
fn order_is_current(app: &mut App) {
    let sorted_of = |desk: &Desk| -> Vec<usize> {
        let sorted: Vec<usize> = desk.speakers.speakers().iter().map(|s| s.key).collect();
        assert_eq!(
            &*desk.speaker_order(),
            &sorted[..],
            "kept speaker order is stale"
        );
        let shown: Vec<usize> = desk.sorted_speakers().iter().map(|s| s.key).collect();
        assert_eq!(shown, sorted);
        sorted
    };
    sorted_of(&app.desk);
    // During a first load the panes show its latest preview.
    let sorted = sorted_of(app.desk.panes());
    // Who-said-what of the whole folder shows it: its count and any page of it.
    let scope = std::mem::replace(&mut app.speaker_scope, Scope::All);
    assert_eq!(app.speaker_count(), sorted.len());
    let keys = |v: Vec<&Speaker>| -> Vec<usize> { v.iter().map(|s| s.key).collect() };
    assert_eq!(keys(app.speaker_page(0, usize::MAX)), sorted);
    let tail = sorted.get(1..3.min(sorted.len())).unwrap_or_default();
    assert_eq!(keys(app.speaker_page(1, 2)), tail);
    app.speaker_scope = scope;
}

/// The contract without its numbering: speakers by name (their `s<n>` ids depend on the
/// order articles arrived in), stories as sets of members, conflicts by content.
fn comparable(out: &scan::ScanOutput) -> Value {
    let v = serde_json::to_value(out).unwrap();
    let speaker_name = |id: &Value| {
        v["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| &s["id"] == id)
            .map(|s| s["name"].clone())
            .unwrap_or(Value::Null)
    };
    let articles: Vec<Value> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let mut a = a.clone();
            a.as_object_mut().unwrap().remove("story");
            for q in a["quotes"].as_array_mut().unwrap() {
                let name = speaker_name(&q["speaker_id"]);
                q["speaker_id"] = name;
            }
            a
        })
        .collect();
    let mut speakers: Vec<Value> = v["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut s = s.clone();
            s.as_object_mut().unwrap().remove("id");
            for key in ["aliases", "roles", "quotes"] {
                let mut xs = s[key].as_array().cloned().unwrap_or_default();
                xs.sort_by_key(|x| x.to_string());
                s[key] = Value::Array(xs);
            }
            s
        })
        .collect();
    speakers.sort_by_key(|s| s.to_string());
    let sorted = |xs: &Value| {
        let mut xs = xs.as_array().cloned().unwrap_or_default();
        xs.sort_by_key(|x| x.to_string());
        Value::Array(xs)
    };
    let members = |story: &Value| {
        v["stories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| &s["id"] == story)
            .map(|s| sorted(&s["articles"]))
            .unwrap_or(Value::Null)
    };
    let stories: BTreeSet<String> = v["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| sorted(&s["articles"]).to_string())
        .collect();
    let conflicts: BTreeSet<String> = v["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c["story"] = members(&c["story"]);
            c.as_object_mut().unwrap().remove("id");
            c.to_string()
        })
        .collect();
    json!({
        "articles": articles,
        "speakers": speakers,
        "skipped": v["skipped"],
        "stories": stories,
        "conflicts": conflicts,
    })
}

fn initial() -> impl Strategy<Value = Vec<(usize, usize)>> {
    proptest::collection::vec((0..NAMES.len(), 0..CONTENTS.len()), 0..7)
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(step(), 1..14)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Articles (with text and quotes), speakers and skipped files converge to `scan`.
    #[test]
    fn any_event_sequence_ends_equal_to_scan(
        initial in initial(),
        steps in steps(),
        preview_first in 1..4usize,
    ) {
        let (live, fresh, _) = run(&steps, &initial, preview_first);
        for part in ["articles", "speakers", "skipped"] {
            prop_assert_eq!(&live[part], &fresh[part], "{} differ", part);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Stories and their conflicts converge too: grouping must not depend on the order
    /// articles arrived in (a case that once broke it is in the proptest-regressions file).
    #[test]
    fn any_event_sequence_ends_with_the_stories_and_conflicts_of_scan(
        initial in initial(),
        steps in steps(),
        preview_first in 1..4usize,
    ) {
        let (live, fresh, _) = run(&steps, &initial, preview_first);
        for part in ["stories", "conflicts"] {
            prop_assert_eq!(&live[part], &fresh[part], "{} differ", part);
        }
    }
}

/// Previews really happen in this harness (so the properties above test them): a first
/// load of six files, previewed after two analyses and again after four, each preview
/// checked as it arrives, ends equal to `scan`.
#[test]
fn previews_during_a_first_load_show_and_the_end_equals_scan() {
    let initial: Vec<(usize, usize)> = vec![(0, 0), (1, 1), (2, 2), (3, 3), (4, 0), (6, 2)];
    let steps = [
        Step::Work(2),
        Step::Preview,
        Step::Work(2),
        Step::Write(5, 1),
        Step::Preview,
        Step::Delete(1),
        Step::Work(3),
        Step::Finish,
        Step::Preview,
    ];
    let (live, fresh, shown) = run(&steps, &initial, 2);
    assert_eq!(shown, 2, "both previews shown during the load");
    for part in ["articles", "speakers", "skipped", "stories", "conflicts"] {
        assert_eq!(live[part], fresh[part], "{part} differ");
    }
}
