//! Every desk-dev cluster (`../shared/data/desk-dev/*`, several reports of one event in
//! varied formats) is one story: alone in its folder, and among the PolNeAR development
//! articles as distractors, with no distractor joining it. Reads the data where it lies
//! (never copied); skipped with a note when `../shared` is absent.

use quotedesk::analysis::stories::StoryIndex;
use quotedesk::desk::analyze_file;
use quotedesk::ingest::IngestOptions;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `../shared/data` beside the checkout (or beside a worktree's parent).
fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared/data", "../../shared/data"]
        .iter()
        .map(|r| root.join(r))
        .find(|p| p.join("desk-dev").is_dir())
}

/// The article files of one cluster, as its gold.json lists them.
fn cluster_files(dir: &Path) -> Vec<String> {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let listed: BTreeSet<String> = gold["articles"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str())
                .map(|s| s.split('#').next().unwrap_or(s).to_string())
                .collect()
        })
        .unwrap_or_default();
    listed.into_iter().collect()
}

/// (cluster name, story index entries) for every cluster.
fn clusters(data: &Path) -> Vec<(String, Vec<quotedesk::desk::Entry>)> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(data.join("desk-dev"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut entries = Vec::new();
        for f in cluster_files(&dir) {
            for mut e in analyze_file(&dir, &f, &IngestOptions::default()).entries {
                e.article.id = format!("{name}/{}", e.article.id);
                entries.push(e);
            }
        }
        assert!(entries.len() >= 2, "{name}");
        out.push((name, entries));
    }
    out
}

fn distractors(data: &Path) -> Vec<quotedesk::desk::Entry> {
    let text = std::fs::read_to_string(data.join("polnear-dev/dev.jsonl")).unwrap();
    let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
    lines
        .into_par_iter()
        .map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let body = v["text"].as_str().unwrap_or_default().to_string();
            let title = body.lines().next().map(str::to_string);
            let article = quotedesk::ingest::Article {
                id: format!("polnear/{i:03}.txt"),
                path: format!("polnear/{i:03}.txt"),
                format: quotedesk::ingest::Format::Txt,
                title,
                source: None,
                published: None,
                url: None,
                text: body,
                warnings: vec![],
            };
            let analysis = quotedesk::analysis::analyze(&article);
            quotedesk::desk::Entry { article, analysis }
        })
        .collect()
}

#[test]
fn every_desk_dev_cluster_is_one_story_alone_and_among_distractors() {
    let Some(data) = shared() else {
        eprintln!("../shared/data not found: skipped");
        return;
    };
    let clusters = clusters(&data);
    assert!(clusters.len() >= 5);
    for (name, entries) in &clusters {
        let mut idx = StoryIndex::new();
        for e in entries {
            idx.upsert(&e.article, &e.analysis);
        }
        assert_eq!(idx.stories().len(), 1, "{name} alone: {:#?}", idx.stories());
    }
    let mut idx = StoryIndex::new();
    for e in distractors(&data) {
        idx.upsert(&e.article, &e.analysis);
    }
    for (_, entries) in &clusters {
        for e in entries {
            idx.upsert(&e.article, &e.analysis);
        }
    }
    let mut keys: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (name, entries) in &clusters {
        for e in entries {
            keys.entry(name)
                .or_default()
                .insert(idx.story_of(&e.article.id).unwrap().key);
        }
    }
    for (name, ks) in keys {
        assert_eq!(ks.len(), 1, "{name} split among distractors");
        let story = idx.get(*ks.iter().next().unwrap()).unwrap();
        let intruders: Vec<&String> = story
            .articles
            .iter()
            .filter(|a| !a.starts_with(&format!("{name}/")))
            .collect();
        assert!(intruders.is_empty(), "{name} joined by {intruders:?}");
    }
}

/// Blind folders that came out split at their first look and are not fixed yet (the README
/// names them under Limits). Listed so the rest stay guarded; when one is fixed, this test
/// says so and it leaves the list.
/// Folders that split at first look and are not mended yet (say why beside each).
const KNOWN_SPLIT: &[&str] = &[
    // eighth session's first look: one of three reports (a volunteers' blog without a date)
    // stays apart, with the session's start and end programs alike
    "stories16/lost-child-forest",
];

/// The blind single-event folders (`tests/data/blind/stories*/*/`, written by sessions
/// that had not read `src/`, already scored at first look) stay one story each, loaded
/// in one batch as the desk loads a folder.
#[test]
fn every_blind_single_event_folder_is_one_story() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/blind");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("stories"))
        })
        .flat_map(|p| {
            std::fs::read_dir(p)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
        })
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert!(folders.len() >= 10, "{folders:?}");
    for dir in folders {
        let opts = IngestOptions::default();
        let entries: Vec<quotedesk::desk::Entry> = quotedesk::ingest::list_files(&dir, &opts)
            .unwrap()
            .iter()
            .flat_map(|rel| analyze_file(&dir, rel, &opts).entries)
            .collect();
        assert!(entries.len() >= 2, "{dir:?}");
        let mut idx = StoryIndex::new();
        idx.upsert_many(entries.iter().map(|e| (&e.article, &e.analysis)));
        let name = dir
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if KNOWN_SPLIT.contains(&name.as_str()) {
            assert_ne!(
                idx.stories().len(),
                1,
                "{name} is one story now: drop it from KNOWN_SPLIT"
            );
        } else {
            assert_eq!(idx.stories().len(), 1, "{dir:?}: {:#?}", idx.stories());
        }
    }
}
