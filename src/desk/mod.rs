//! The desk: the set of articles of a folder with their analyses, speakers, stories and
//! conflicts, updated incrementally one file at a time. Knows nothing of terminals or
//! watchers; the shell feeds it files analysed by [`analyze_file`] (in workers).

use crate::analysis::conflicts::{self, Conflict};
use crate::analysis::speakers::{Speaker, SpeakerIndex};
use crate::analysis::stories::StoryIndex;
use crate::analysis::{self, ArticleAnalysis};
use crate::ingest::{self, Article, IngestOptions, Skipped};
pub mod cache;
pub mod worker;

use cache::Cache;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// One article and what was computed from it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub article: Article,
    pub analysis: ArticleAnalysis,
}

impl Entry {
    /// Gives back the spare room of the lists and strings an article keeps for as long
    /// as the desk is open (they were grown while being built); the desk holds
    /// thousands of them.
    pub fn shrink(&mut self) {
        let a = &mut self.article;
        a.text.shrink_to_fit();
        a.warnings.shrink_to_fit();
        let an = &mut self.analysis;
        an.model.paragraphs.shrink_to_fit();
        an.model.sentences.shrink_to_fit();
        an.quotes.shrink_to_fit();
        an.entities.shrink_to_fit();
        an.facts.shrink_to_fit();
    }
}

/// Everything read from one file, analysed (the expensive part, done off the UI thread).
#[derive(Clone, Debug, Default)]
pub struct AnalyzedFile {
    pub entries: Vec<Entry>,
    pub skipped: Option<Skipped>,
    /// The content key of the bytes analysed, when read through a cache: what a
    /// snapshot of the desk records of this file (`None`: re-read on the next open).
    pub key: Option<cache::Key>,
}

/// Where the desk's workers keep their cache, when the program chose one.
static SHARED_CACHE_DIR: OnceLock<PathBuf> = OnceLock::new();
/// Opened on first use, from a worker, so its notes reach the desk's log.
static SHARED_CACHE: OnceLock<Cache> = OnceLock::new();

/// Makes [`analyze_file`] (called by the desk's workers) read and fill the cache in
/// `dir`, unless `dir` lies inside `root` (never written). Once per process.
pub fn install_cache(dir: PathBuf, root: &Path) {
    if is_inside(&dir, root) {
        tracing::warn!(
            "cache directory {} is inside the folder; cache off",
            dir.display()
        );
        return;
    }
    let _ = SHARED_CACHE_DIR.set(dir);
}

/// The cache directory [`install_cache`] accepted, if any.
pub fn installed_cache_dir() -> Option<PathBuf> {
    SHARED_CACHE_DIR.get().cloned()
}

/// Whether the cache in `cache_dir` holds a snapshot of `root` listed with `opts`, so
/// that [`Desk::load_with`] would start from it. Its integrity is not checked here (a
/// damaged one is rebuilt by the load).
pub fn has_snapshot(root: &Path, opts: &IngestOptions, cache_dir: &Path) -> bool {
    if is_inside(cache_dir, root) {
        return false;
    }
    let cache = Cache::open(cache_dir);
    cache.has_snapshot(&cache.folder_key(root, &format!("{opts:?}")))
}

/// Which cache [`analyze_file`] reads and fills.
#[derive(Clone, Copy, Default)]
pub enum CacheUse<'a> {
    /// The one [`install_cache`] set up for this process, if any (the desk's workers).
    #[default]
    Installed,
    /// None: every file is analysed.
    Off,
    /// This one.
    With(&'a Cache),
}

/// How [`analyze_file`] reads a file: ingest settings and cache. `&IngestOptions`
/// converts into it with the installed cache.
#[derive(Clone, Copy)]
pub struct FileOptions<'a> {
    pub ingest: &'a IngestOptions,
    pub cache: CacheUse<'a>,
}

impl<'a> From<&'a IngestOptions> for FileOptions<'a> {
    fn from(ingest: &'a IngestOptions) -> Self {
        FileOptions {
            ingest,
            cache: CacheUse::Installed,
        }
    }
}

/// Reads, parses and analyses one file (relative path `rel` under `root`), through the
/// cache `opts` names. With a cache, the result carries the content key of the bytes
/// analysed (the desk records it, so that its own snapshot knows which version of each
/// file it holds without reading the folder again).
pub fn analyze_file<'a>(root: &Path, rel: &str, opts: impl Into<FileOptions<'a>>) -> AnalyzedFile {
    let opts = opts.into();
    let cache = match opts.cache {
        CacheUse::Installed => SHARED_CACHE_DIR
            .get()
            .map(|dir| SHARED_CACHE.get_or_init(|| Cache::open(dir))),
        CacheUse::Off => None,
        CacheUse::With(c) => Some(c),
    };
    let (mut file, key, computed) = analyze_lookup(root, rel, opts.ingest, cache);
    if let (Some(c), Some(k), true) = (cache, key, computed) {
        c.put(k, &file);
    }
    file.key = key;
    file
}

/// The analysis of one file from the cache or computed, the content key of its bytes
/// (with a cache), and whether it was computed now (so worth storing).
fn analyze_lookup(
    root: &Path,
    rel: &str,
    opts: &IngestOptions,
    cache: Option<&Cache>,
) -> (AnalyzedFile, Option<cache::Key>, bool) {
    let bytes = match ingest::read_bytes(root, rel, opts) {
        Ok(b) => b,
        // Missing, too large, a folder...: nothing worth caching.
        Err(outcome) => return (analyze_outcome(outcome), None, false),
    };
    match cache {
        Some(c) => {
            let key = c.key(rel, &bytes);
            let (file, computed) = analyze_keyed(rel, &bytes, key, c);
            (file, Some(key), computed)
        }
        None => (
            analyze_outcome(ingest::parse_bytes(rel, &bytes)),
            None,
            true,
        ),
    }
}

/// The analysis of file `rel`, whose bytes `bytes` have content key `key`, from `cache`
/// or computed, and whether it was computed now.
fn analyze_keyed(rel: &str, bytes: &[u8], key: cache::Key, cache: &Cache) -> (AnalyzedFile, bool) {
    match cache.get(&key) {
        Some(hit) => (hit, false),
        None => (analyze_outcome(ingest::parse_bytes(rel, bytes)), true),
    }
}

/// One file of a load that the snapshot does not hold as it is: its analysis from the
/// per-file cache or computed. Its bytes are read (again, when they were hashed to be
/// compared with the snapshot): on a reopen few files differ, and holding every file's
/// bytes until the comparison cost the whole folder's size in memory.
fn load_one(root: &Path, rel: &str, opts: &IngestOptions, cache: Option<&Cache>) -> Loaded {
    let (file, key, computed) = analyze_lookup(root, rel, opts, cache);
    Loaded::Fresh(file, key, computed)
}

fn analyze_outcome(outcome: ingest::FileOutcome) -> AnalyzedFile {
    AnalyzedFile {
        entries: outcome
            .articles
            .into_iter()
            .map(|article| {
                let analysis = analysis::analyze(&article);
                let mut entry = Entry { article, analysis };
                entry.shrink();
                entry
            })
            .collect(),
        skipped: outcome.skipped,
        key: None,
    }
}

/// How [`Desk::load_with`] loads.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Where the persistent analysis cache lives; `None`: no cache. A directory inside
    /// the loaded folder is refused (quotedesk never writes into it).
    pub cache_dir: Option<PathBuf>,
}

/// Least similarity of two reports whose claims are compared. Chosen on desk-dev (no
/// cluster loses a found conflict) against PolNeAR dev (real reports of one long campaign:
/// 9 false conflicts at the story index's merge bar of 0.22, 2 at 0.4, 0 at 0.5 where
/// desk-dev recall drops from 0.41 to 0.35).
const ALIKE_REPORTS: f64 = 0.4;

/// Most reports of a story in which every pair of reports is compared, however unlike in
/// wording. The alike-reports check guards against a long-running topic that chains reports of
/// different meetings or polls through the reports between them; a handful of reports of one
/// happening (a brief, a translated wire, a feature) often share little wording, and a chain
/// needs more reports. Measured in the eighth session: blind batches 1-15 conflict recall up in
/// 10 of 15 (e.g. 0.29 -> 0.46, 0.31 -> 0.42) for 3 more flags on planted traps; ECB+ dev
/// (stories of 6-21 reports) unchanged; PolNeAR dev 0 -> 1 (a two-report story of two events).
const SMALL_STORY: usize = 5;

/// Articles a first load holds before the folder-level panes get a first preview; each
/// later preview waits for twice as many as the last, so that all of them together cost
/// about one end-of-load pass.
const PREVIEW_FIRST: usize = 300;

/// The share of a first load's time its previews may take (they run beside the workers
/// that analyse the files, on the same cores): at 10,000 articles on 2 cores, previews
/// at every doubling would add a third to the time the load takes.
const PREVIEW_SHARE: f64 = 0.125;

/// Whether previews that ran for `spent` stay within their share of a load that has
/// run for `elapsed`.
fn preview_within_budget(spent: Duration, elapsed: Duration) -> bool {
    spent.as_secs_f64() <= elapsed.as_secs_f64() * PREVIEW_SHARE
}

/// Batches of more new or changed articles than this are clustered by the speaker
/// index once at the end instead of one article at a time.
const BATCH_CLUSTER: usize = 8;

#[derive(Debug, Default)]
pub struct Desk {
    /// Shared (`Arc`) so that the end of a first load can run on a copy of the desk
    /// in another thread while this one goes on showing and taking files. The maps of
    /// the files are shared with such a copy too, copied only when this desk changes
    /// one while the copy runs ([`Arc::make_mut`]): handing them over costs the UI
    /// thread nothing.
    entries: Arc<BTreeMap<String, Arc<Entry>>>,
    /// File (relative path) -> ids of the articles it gave.
    files: Arc<BTreeMap<String, Vec<String>>>,
    /// Files that gave nothing, or not everything, with the reason.
    skipped: Arc<BTreeMap<String, Skipped>>,
    /// Changed only by this desk's methods, through [`Speakers::changed`].
    pub speakers: Speakers,
    /// The keys of the quoted speakers in [`SpeakerIndex::speakers`] order and the
    /// [`Speakers::generation`] they were sorted at (tens of thousands at 10,000 articles: sorting
    /// them on every key and draw of the folder-wide who-said-what cost ~45 ms a key).
    speaker_order: Mutex<Option<(u64, Arc<[usize]>)>>,
    pub stories: StoryIndex,
    /// Conflicts by story key.
    conflicts: BTreeMap<usize, Vec<Conflict>>,
    /// The story key each article's speakers were last told, so a story re-sync only
    /// touches the articles whose story really changed.
    speaker_story: HashMap<String, Option<usize>>,
    /// What went wrong with the cache during the load (also logged).
    notes: Vec<String>,
    /// How many files of the load came unchanged from the folder's snapshot.
    from_snapshot: usize,
    /// File -> content key of the bytes its articles came from (files read through a
    /// cache only): what a snapshot of this desk records.
    manifest: Arc<BTreeMap<String, cache::Key>>,
    /// A first load in progress: articles are kept as they arrive, and stories,
    /// speakers and conflicts are computed once when it ends ([`Desk::finish_deferred`]).
    deferring: bool,
    /// The end of the first load running apart ([`Desk::start_finishing`]): its token.
    finishing: Option<u64>,
    /// Files applied or removed while deferring: those [`Desk::adopt`] applies again to
    /// the finished desk (only the ones after the fork matter; cleared by the fork).
    since_fork: BTreeSet<String>,
    /// The snapshot of the finished first load, waiting to be encoded and saved.
    snapshot_job: Option<SnapshotJob>,
    /// Where the time of the last update went ([`Self::last_stages`]).
    stages: Stages,
    /// During a first load: the latest preview of the folder-level panes, the articles
    /// that had arrived finished apart ([`Self::start_preview`]); gone when the load ends.
    preview: Option<Box<Desk>>,
    /// The preview pass running apart, by token.
    previewing: Option<u64>,
    /// How many articles the last preview was started with.
    preview_at: usize,
    /// When the first load began, and how long its previews have run so far (their
    /// budget is a share of the load's time).
    load_started: Option<Instant>,
    preview_spent: Duration,
    /// A test knob ([`Self::preview_from`]): previews from this many articles on, with
    /// no time budget.
    preview_knob: Option<usize>,
}

/// How long each folder-level stage of the last update (apply, batch or removal) took:
/// what the scale bench prints, so that a slow update says which index it waited for.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stages {
    /// The story index: the article's candidates and linkage (and removals from it).
    pub stories: Duration,
    /// The speaker index: the articles' mentions attached (and removals from it).
    pub speakers: Duration,
    /// Speakers told the new story of articles whose story changed.
    pub restory: Duration,
    /// The touched stories' conflicts recomputed.
    pub conflicts: Duration,
}

/// Adds the time since `t` to `slot`.
fn spent(slot: &mut Duration, t: Instant) {
    *slot += t.elapsed();
}

/// The speaker index and the count of its changes, kept together: every change goes
/// through [`Self::changed`], which counts it, so what is kept sorted by speakers
/// ([`Desk::speaker_order`]) cannot miss one. Reads go to the index itself (`Deref`).
#[derive(Debug, Default)]
pub struct Speakers {
    index: SpeakerIndex,
    generation: u64,
}

impl std::ops::Deref for Speakers {
    type Target = SpeakerIndex;

    fn deref(&self) -> &SpeakerIndex {
        &self.index
    }
}

impl Speakers {
    /// Counts the changes of the index: equal generations, the same speakers.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The index, to change (the change is counted).
    fn changed(&mut self) -> &mut SpeakerIndex {
        self.generation += 1;
        &mut self.index
    }
}

/// A folder's desk as kept in the cache: the content key of every file it was built
/// from (files that could not be read have none and are always re-applied), the
/// folder-level state, the two indexes, and the articles in chunks, each part encoded
/// apart so that a reopen decodes them on all cores.
#[derive(Deserialize)]
struct SnapshotParts<'a> {
    #[serde(borrow)]
    parts: Vec<&'a [u8]>,
}

#[derive(Serialize, Deserialize)]
struct SnapshotHead {
    manifest: BTreeMap<String, cache::Key>,
    files: BTreeMap<String, Vec<String>>,
    skipped: BTreeMap<String, Skipped>,
    conflicts: BTreeMap<usize, Vec<Conflict>>,
    speaker_story: HashMap<String, Option<usize>>,
}

/// How many chunks the articles of a snapshot are cut into.
const SNAPSHOT_CHUNKS: usize = 8;

/// One decoded part of a snapshot.
enum Part {
    Head(SnapshotHead),
    Stories(StoryIndex),
    Speakers(Box<SpeakerIndex>),
    Entries(Vec<(String, Entry)>),
}

/// `desk` and the file keys it was built from, as snapshot bytes in pieces (their
/// concatenation is a [`SnapshotParts`]).
fn encode_snapshot(desk: &Desk, manifest: &BTreeMap<String, cache::Key>) -> Option<Vec<Vec<u8>>> {
    let entries: Vec<(&String, &Entry)> = desk.entries.iter().map(|(k, e)| (k, &**e)).collect();
    let (folder, articles) = rayon::join(
        || encode_folder_parts(desk, manifest),
        || encode_entry_parts(&entries),
    );
    let mut parts = folder?;
    parts.extend(articles?);
    frame_parts(parts)
}

/// The folder-level parts of a snapshot (head, stories, speakers), encoded in parallel.
fn encode_folder_parts(
    desk: &Desk,
    manifest: &BTreeMap<String, cache::Key>,
) -> Option<Vec<Vec<u8>>> {
    #[derive(Serialize)]
    struct HeadRef<'a> {
        manifest: &'a BTreeMap<String, cache::Key>,
        files: &'a BTreeMap<String, Vec<String>>,
        skipped: &'a BTreeMap<String, Skipped>,
        conflicts: &'a BTreeMap<usize, Vec<Conflict>>,
        speaker_story: &'a HashMap<String, Option<usize>>,
    }
    let jobs: [Box<dyn Fn() -> postcard::Result<Vec<u8>> + Sync + '_>; 3] = [
        Box::new(|| {
            postcard::to_stdvec(&HeadRef {
                manifest,
                files: &desk.files,
                skipped: &desk.skipped,
                conflicts: &desk.conflicts,
                speaker_story: &desk.speaker_story,
            })
        }),
        Box::new(|| postcard::to_stdvec(&desk.stories)),
        Box::new(|| postcard::to_stdvec(&*desk.speakers)),
    ];
    jobs.par_iter()
        .map(|job| job())
        .collect::<postcard::Result<_>>()
        .ok()
}

/// The articles of a snapshot, cut into [`SNAPSHOT_CHUNKS`] parts encoded in parallel.
fn encode_entry_parts(entries: &[(&String, &Entry)]) -> Option<Vec<Vec<u8>>> {
    let chunk = entries.len().div_ceil(SNAPSHOT_CHUNKS).max(1);
    entries
        .par_chunks(chunk)
        .map(postcard::to_stdvec)
        .collect::<postcard::Result<_>>()
        .ok()
}

/// The framing of a sequence of byte strings (postcard: varint count, then varint
/// length and bytes of each), written around the parts instead of copying them.
fn frame_parts(parts: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    let mut pieces = vec![postcard::to_stdvec(&parts.len()).ok()?];
    for p in parts {
        pieces.push(postcard::to_stdvec(&p.len()).ok()?);
        pieces.push(p);
    }
    Some(pieces)
}

/// The desk and file keys of snapshot bytes, or `None` when they do not decode.
fn decode_snapshot(bytes: &[u8]) -> Option<(Desk, BTreeMap<String, cache::Key>)> {
    let parts: SnapshotParts = postcard::from_bytes(bytes).ok()?;
    if parts.parts.len() < 3 {
        return None;
    }
    let decoded: Vec<Part> = parts
        .parts
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            Some(match i {
                0 => Part::Head(postcard::from_bytes(p).ok()?),
                1 => Part::Stories(postcard::from_bytes(p).ok()?),
                2 => {
                    // Here, beside the other parts' decoding, not after it.
                    let mut s: Box<SpeakerIndex> = postcard::from_bytes(p).ok()?;
                    s.share_ids();
                    Part::Speakers(s)
                }
                _ => Part::Entries(postcard::from_bytes(p).ok()?),
            })
        })
        .collect::<Option<_>>()?;
    let mut desk = Desk::new();
    let mut manifest = BTreeMap::new();
    for part in decoded {
        match part {
            Part::Head(h) => {
                manifest = h.manifest.clone();
                desk.manifest = Arc::new(h.manifest);
                desk.files = Arc::new(h.files);
                desk.skipped = Arc::new(h.skipped);
                desk.conflicts = h.conflicts;
                desk.speaker_story = h.speaker_story;
            }
            Part::Stories(s) => desk.stories = s,
            Part::Speakers(s) => {
                desk.speakers = Speakers {
                    index: *s,
                    generation: 1,
                };
            }
            Part::Entries(e) => Arc::make_mut(&mut desk.entries)
                .extend(e.into_iter().map(|(id, e)| (id, Arc::new(e)))),
        }
    }
    Some((desk, manifest))
}

/// Writes snapshot `pieces` (a framed [`SnapshotParts`]) as the snapshot of folder
/// `root` (listed with `opts`) into the cache in `cache_dir` (never one inside the
/// folder); returns the cache's notes.
fn write_snapshot(
    pieces: &[Vec<u8>],
    root: &Path,
    opts: &IngestOptions,
    cache_dir: &Path,
) -> Vec<String> {
    if is_inside(cache_dir, root) {
        return vec![format!(
            "cache directory {} is inside the folder; snapshot not saved",
            cache_dir.display()
        )];
    }
    let cache = Cache::open(cache_dir);
    let key = cache.folder_key(root, &format!("{opts:?}"));
    let pieces: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
    cache.put_snapshot(&key, &pieces);
    cache.notes()
}

/// The end of a first load, to run in another thread ([`Desk::start_finishing`]).
pub struct Finishing {
    token: u64,
    desk: Desk,
    snapshot: bool,
    /// A preview of the panes ([`Desk::start_preview`]), not the end of the load.
    preview: bool,
}

impl Finishing {
    /// Stories, speakers and conflicts of every article (and the folder-level parts of
    /// the snapshot, if asked).
    pub fn run(self) -> Finished {
        let started = Instant::now();
        let mut desk = self.desk;
        desk.finish_deferred();
        let parts = if self.snapshot && !self.preview {
            encode_folder_parts(&desk, &desk.manifest)
        } else {
            None
        };
        Finished {
            token: self.token,
            desk,
            parts,
            preview: self.preview,
            took: started.elapsed(),
        }
    }

    /// Whether this is a preview of the panes during the load, not its end.
    pub fn is_preview(&self) -> bool {
        self.preview
    }
}

/// A first load finished by [`Finishing::run`], for [`Desk::adopt`].
pub struct Finished {
    token: u64,
    desk: Desk,
    parts: Option<Vec<Vec<u8>>>,
    preview: bool,
    /// How long [`Finishing::run`] took.
    took: Duration,
}

impl std::fmt::Debug for Finished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Finished({} articles)", self.desk.len())
    }
}

/// The snapshot of a finished first load as it was when the load ended: its folder-level
/// parts (encoded where it was finished) and its articles, to encode off the UI thread.
#[derive(Debug)]
pub struct SnapshotJob {
    folder: Vec<Vec<u8>>,
    entries: Vec<(String, Arc<Entry>)>,
}

impl SnapshotJob {
    /// Encodes the articles (on all cores) and writes the snapshot of folder `root`
    /// (listed with `opts`) into the cache in `cache_dir` (never one inside the folder);
    /// returns the cache's notes, or why nothing was written.
    pub fn save(self, root: &Path, opts: &IngestOptions, cache_dir: &Path) -> Vec<String> {
        let entries: Vec<(&String, &Entry)> = self.entries.iter().map(|(k, e)| (k, &**e)).collect();
        let mut parts = self.folder;
        let framed = encode_entry_parts(&entries).and_then(|articles| {
            parts.extend(articles);
            frame_parts(parts)
        });
        match framed {
            Some(pieces) => write_snapshot(&pieces, root, opts, cache_dir),
            None => vec!["folder snapshot not saved: the desk could not be encoded".into()],
        }
    }
}

/// One listed file at load time.
enum Loaded {
    /// Its content is what the snapshot was built from.
    Same(cache::Key),
    /// New, changed or unreadable: its analysis, its content key (if read), and whether
    /// that analysis was computed now (so worth storing).
    Fresh(AnalyzedFile, Option<cache::Key>, bool),
}

impl Desk {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads and analyses every article file under `root` in parallel, without a cache.
    /// `progress(done, total)` is called from worker threads as files finish.
    pub fn load(
        root: &Path,
        opts: &IngestOptions,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> std::io::Result<Desk> {
        Self::load_with(root, opts, &LoadOptions::default(), progress)
    }

    /// [`Desk::load`] with options. With a cache: an unchanged folder is the snapshot of
    /// its last load; otherwise the snapshot (if any) is brought up to date by removing
    /// the files that changed or went and applying the changed and new ones (whose
    /// analyses come from the per-file cache when their content was seen before), which
    /// ends in the same desk as a fresh load: stories and speakers do not depend on the
    /// order in which articles came and went. The result is saved as the new snapshot.
    pub fn load_with(
        root: &Path,
        opts: &IngestOptions,
        load: &LoadOptions,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> std::io::Result<Desk> {
        let files = ingest::list_files(root, opts)?;
        let mut notes = Vec::new();
        let cache = load.cache_dir.as_deref().and_then(|dir| {
            if is_inside(dir, root) {
                notes.push(format!(
                    "cache directory {} is inside the folder; cache off",
                    dir.display()
                ));
                return None;
            }
            Some(Cache::open(dir))
        });
        let folder_key = cache
            .as_ref()
            .map(|c| c.folder_key(root, &format!("{opts:?}")));
        let with_snapshot = cache
            .as_ref()
            .zip(folder_key.as_ref())
            .filter(|(c, k)| c.has_snapshot(k));
        // The snapshot is read and decoded while the files are read and hashed (each
        // alone would leave a core idle): an unchanged folder needs nothing more. Only
        // each file's content key is kept, file by file; a new or changed one is read
        // again to be analysed.
        let (snapshot, read) = rayon::join(
            || {
                with_snapshot.and_then(|(c, k)| {
                    let (bytes, start) = c.get_snapshot(k)?;
                    let decoded = decode_snapshot(&bytes[start..]);
                    if decoded.is_none() {
                        c.snapshot_damaged(k);
                    }
                    decoded
                })
            },
            || match with_snapshot {
                Some((c, _)) => files
                    .par_iter()
                    .map(|rel| {
                        ingest::read_bytes(root, rel, opts)
                            .ok()
                            .map(|b| c.key(rel, &b))
                    })
                    .collect(),
                None => files.iter().map(|_| None).collect::<Vec<_>>(),
            },
        );
        let known = snapshot.as_ref().map(|s| &s.1);
        let total = files.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let loaded: Vec<(String, Loaded)> = files
            .par_iter()
            .zip(read)
            .map(|(rel, read)| {
                let got = match (read, known.and_then(|m| m.get(rel))) {
                    (Some(k), Some(was)) if k == *was => Loaded::Same(k),
                    // New or changed (or unreadable) since the snapshot, or none.
                    _ => load_one(root, rel, opts, cache.as_ref()),
                };
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, total);
                (rel.clone(), got)
            })
            .collect();
        if let Some(c) = &cache {
            c.put_many(loaded.iter().filter_map(|(_, got)| match got {
                Loaded::Fresh(a, Some(k), true) => Some((*k, a)),
                _ => None,
            }));
        }
        let (mut desk, had_snapshot) = match snapshot {
            Some((desk, _)) => (desk, true),
            None => (Desk::new(), false),
        };
        let mut manifest = BTreeMap::new();
        let mut same = BTreeSet::new();
        let mut fresh = Vec::new();
        for (rel, got) in loaded {
            match got {
                Loaded::Same(k) => {
                    manifest.insert(rel.clone(), k);
                    same.insert(rel);
                }
                Loaded::Fresh(a, k, _) => {
                    if let Some(k) = k {
                        manifest.insert(rel.clone(), k);
                    }
                    fresh.push((rel, a));
                }
            }
        }
        // Files of the snapshot that are gone, or now give no article (a desk would keep
        // their last good version; a fresh load has none), go as if never seen. Changed
        // files that give articles are replaced in place by the batch: one story
        // re-search each instead of two.
        let replaced: BTreeSet<&String> = fresh
            .iter()
            .filter(|(_, a)| !a.entries.is_empty())
            .map(|(rel, _)| rel)
            .collect();
        let stale: Vec<String> = desk
            .files
            .keys()
            .chain(desk.skipped.keys())
            .filter(|rel| !same.contains(*rel) && !replaced.contains(rel))
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let changed = !had_snapshot || !stale.is_empty() || !fresh.is_empty();
        for rel in &stale {
            desk.remove_file(rel);
        }
        desk.apply_batch(fresh);
        desk.manifest = Arc::new(manifest);
        if let (Some(c), Some(k)) = (&cache, &folder_key) {
            if changed {
                match encode_snapshot(&desk, &desk.manifest) {
                    Some(pieces) => {
                        let pieces: Vec<&[u8]> = pieces.iter().map(Vec::as_slice).collect();
                        c.put_snapshot(k, &pieces);
                    }
                    None => notes.push("folder snapshot could not be encoded".into()),
                }
            }
            notes.extend(c.notes());
        }
        desk.notes = notes;
        desk.from_snapshot = same.len();
        Ok(desk)
    }

    /// Encodes (on all cores) and saves this desk as the snapshot of `root` (listed with
    /// `opts`) in the cache in `cache_dir`; returns the cache's notes (what went wrong,
    /// if anything). Nothing is saved while a first load defers its folder-level work.
    /// What it records of each file is the content key the workers returned with its
    /// analysis, so no file is read again to save it.
    pub fn save_snapshot(
        &self,
        root: &Path,
        opts: &IngestOptions,
        cache_dir: &Path,
    ) -> Vec<String> {
        let pieces = (!self.deferring)
            .then(|| encode_snapshot(self, &self.manifest))
            .flatten();
        match pieces {
            Some(pieces) => write_snapshot(&pieces, root, opts, cache_dir),
            None => vec!["folder snapshot not saved: the desk is still loading".into()],
        }
    }

    /// The files the desk holds: those that gave articles (or nothing) and those
    /// skipped with a reason.
    pub fn file_names(&self) -> BTreeSet<&String> {
        self.files.keys().chain(self.skipped.keys()).collect()
    }

    /// What went wrong with the cache during the load (each also logged).
    pub fn load_notes(&self) -> &[String] {
        &self.notes
    }

    /// How many files of the load were unchanged since the folder's cached snapshot (and
    /// so neither read from the per-file cache nor re-applied).
    pub fn files_from_snapshot(&self) -> usize {
        self.from_snapshot
    }

    /// Applies several analysed files. Stories are settled first and speakers told each
    /// new article's final story once, so a load does not re-cluster a name group every
    /// time an early story merges; each touched story's conflicts are recomputed once.
    /// Each file's content key (`None`: unknown) is what a snapshot of this desk records.
    pub fn apply_batch(&mut self, files: Vec<(String, AnalyzedFile)>) {
        let keys: Vec<(String, Option<cache::Key>)> =
            files.iter().map(|(rel, f)| (rel.clone(), f.key)).collect();
        if self.deferring {
            for (rel, file) in files {
                self.since_fork.insert(rel.clone());
                self.apply_file_inner(&rel, file, &mut Vec::new());
            }
        } else {
            self.apply_batch_now(files);
        }
        for (rel, k) in keys {
            self.record_key(&rel, k);
        }
    }

    /// The content key of file `rel` as the desk now holds it. A file whose last good
    /// articles were kept has none (those bytes are not what it holds).
    fn record_key(&mut self, rel: &str, key: Option<cache::Key>) {
        let kept_old = self.skipped.contains_key(rel) && !self.articles_of_file(rel).is_empty();
        match key {
            Some(k) if self.files.contains_key(rel) || self.skipped.contains_key(rel) => {
                if kept_old {
                    Arc::make_mut(&mut self.manifest).remove(rel);
                } else {
                    Arc::make_mut(&mut self.manifest).insert(rel.to_string(), k);
                }
            }
            _ => {
                Arc::make_mut(&mut self.manifest).remove(rel);
            }
        }
    }

    /// Starts a first load: until [`Self::finish_deferred`], files are kept as they
    /// arrive (the list fills in) and the folder-level work waits, so that a folder of
    /// thousands of files costs one story and speaker pass instead of one per batch.
    /// Only for an empty desk.
    pub fn defer_folder_work(&mut self) {
        if self.entries.is_empty() {
            self.deferring = true;
            self.load_started = Some(Instant::now());
        }
    }

    /// Whether a first load is deferring its folder-level work.
    pub fn is_deferring(&self) -> bool {
        self.deferring
    }

    /// Ends a first load: stories of every article at once, then speakers and
    /// conflicts, as a folder load does them. The same desk as loading the files at once.
    pub fn finish_deferred(&mut self) {
        if !std::mem::take(&mut self.deferring) {
            return;
        }
        let touched: BTreeSet<usize> = self
            .stories
            .upsert_many(self.entries.values().map(|e| (&e.article, &e.analysis)))
            .into_iter()
            .collect();
        // The index holds the signatures now: drop the analyses' handles (one copy).
        // Entries shared with the desk that forked this one keep theirs until
        // [`Desk::adopt`] (shared, they cost a pointer each).
        self.drop_story_handles();
        let ids: Vec<String> = self.entries.keys().cloned().collect();
        self.attach_speakers(&ids);
        self.refresh_conflicts(touched);
    }

    /// Drops the story signature handles of the analyses the index now holds (those
    /// not shared with another desk; a map shared with another desk shares them all).
    fn drop_story_handles(&mut self) {
        let Some(entries) = Arc::get_mut(&mut self.entries) else {
            return;
        };
        for e in entries.values_mut() {
            if let Some(e) = Arc::get_mut(e) {
                e.analysis.story = None;
            }
        }
    }

    /// Whether the end of a first load runs apart ([`Self::start_finishing`]).
    pub fn is_finishing(&self) -> bool {
        self.finishing.is_some()
    }

    /// Starts the end of a first load apart from this desk, so that the thread showing
    /// it stays free: a copy of the desk (articles shared, not copied) for
    /// [`Finishing::run`] in another thread. This desk goes on deferring and taking
    /// files; [`Self::adopt`] takes the result and applies those again. `snapshot`:
    /// also encode the finished desk's folder-level snapshot parts there. `None` unless
    /// a first load is deferring and not already finishing.
    pub fn start_finishing(&mut self, snapshot: bool) -> Option<Finishing> {
        if !self.deferring || self.finishing.is_some() {
            return None;
        }
        let token = next_token();
        self.finishing = Some(token);
        self.since_fork.clear();
        // The end pass builds the whole folder's indexes: the preview's (up to two
        // thirds of the folder's) must not sit beside them (the first load's memory peak).
        self.preview = None;
        let fork = Desk {
            entries: Arc::clone(&self.entries),
            files: Arc::clone(&self.files),
            skipped: Arc::clone(&self.skipped),
            manifest: Arc::clone(&self.manifest),
            deferring: true,
            ..Desk::default()
        };
        Some(Finishing {
            token,
            desk: fork,
            snapshot,
            preview: false,
        })
    }

    /// During a first load with `pending` files still to come: a copy of the articles
    /// so far (shared, not copied) for [`Finishing::run`] in another thread, whose
    /// stories, speakers and conflicts the folder-level panes show, marked as loading,
    /// until the load ends ([`Self::panes`]). This desk stays as it is: the list does
    /// not move, and the end of the load is the same desk as without previews. `None`
    /// while one runs, before [`PREVIEW_FIRST`] articles, before twice as many as the
    /// last one had, when fewer files are to come than half the articles there are
    /// (the end of the load is near; a preview would only delay it), or while the
    /// previews so far took more than their share ([`PREVIEW_SHARE`]) of the load's time.
    pub fn start_preview(&mut self, pending: usize) -> Option<Finishing> {
        match self.preview_knob {
            Some(first) => self.start_preview_with(pending, first, false),
            None => self.start_preview_with(pending, PREVIEW_FIRST, true),
        }
    }

    /// A test knob: the first preview of a first load at `first` articles instead of
    /// [`PREVIEW_FIRST`], and no time budget, so that a test of a few files sees
    /// previews whatever the machine's speed (the doubling and the near-the-end rule
    /// stay).
    pub fn preview_from(&mut self, first: usize) {
        self.preview_knob = Some(first);
    }

    #[cfg(test)]
    pub(crate) fn start_preview_from(&mut self, pending: usize, first: usize) -> Option<Finishing> {
        self.start_preview_with(pending, first, true)
    }

    fn start_preview_with(
        &mut self,
        pending: usize,
        first: usize,
        budget: bool,
    ) -> Option<Finishing> {
        let n = self.entries.len();
        let elapsed = self.load_started.map_or(Duration::ZERO, |t| t.elapsed());
        let due = n >= first.max(2 * self.preview_at)
            && pending >= n / 2
            && (!budget || preview_within_budget(self.preview_spent, elapsed));
        if !self.deferring || self.finishing.is_some() || self.previewing.is_some() || !due {
            return None;
        }
        let token = next_token();
        self.previewing = Some(token);
        self.preview_at = n;
        // Stories, speakers and conflicts need the articles only.
        let fork = Desk {
            entries: Arc::clone(&self.entries),
            deferring: true,
            ..Desk::default()
        };
        Some(Finishing {
            token,
            desk: fork,
            snapshot: false,
            preview: true,
        })
    }

    /// The desk the folder-level panes (who-said-what, conflicts, a quote's merged
    /// speaker) show: during a first load, its latest preview; otherwise this one.
    pub fn panes(&self) -> &Desk {
        match &self.preview {
            Some(p) if self.deferring => p,
            _ => self,
        }
    }

    /// How many articles the preview the panes show was made of, during a first load
    /// (`Some(0)`: none yet); `None` once the load has ended.
    pub fn preview_articles(&self) -> Option<usize> {
        self.deferring
            .then(|| self.preview.as_ref().map_or(0, |p| p.len()))
    }

    /// Takes the finished first load of [`Self::start_finishing`] in place of this
    /// desk, then applies again what this desk took since the fork (incrementally, as
    /// watcher events are): the same desk as finishing now. A result this desk did not
    /// ask for is dropped.
    pub fn adopt(&mut self, done: Finished) {
        if done.preview {
            if self.previewing == Some(done.token) {
                self.previewing = None;
                self.preview_spent += done.took;
                if self.deferring && self.finishing.is_none() {
                    self.preview = Some(Box::new(done.desk));
                }
            }
            return;
        }
        if self.finishing != Some(done.token) {
            return;
        }
        let mut old = std::mem::replace(self, done.desk);
        self.notes = std::mem::take(&mut old.notes);
        self.from_snapshot = old.from_snapshot;
        let mut gone = Vec::new();
        let mut again = Vec::new();
        for rel in std::mem::take(&mut old.since_fork) {
            if !old.files.contains_key(&rel) && !old.skipped.contains_key(&rel) {
                gone.push(rel);
                continue;
            }
            // Articles the fork holds too are the file's last good version, kept while
            // it fails to parse: applied again with no articles, they are kept again.
            let entries = old
                .articles_of_file(&rel)
                .to_vec()
                .into_iter()
                .filter_map(|id| Arc::make_mut(&mut old.entries).remove(&id))
                .filter_map(|e| Arc::try_unwrap(e).ok())
                .collect();
            let file = AnalyzedFile {
                entries,
                skipped: old.skipped.get(&rel).cloned(),
                key: old.manifest.get(&rel).copied(),
            };
            again.push((rel, file));
        }
        drop(old);
        // The articles are this desk's alone now.
        self.drop_story_handles();
        if let Some(parts) = done.parts {
            self.snapshot_job = Some(SnapshotJob {
                folder: parts,
                entries: self
                    .entries
                    .iter()
                    .map(|(k, e)| (k.clone(), e.clone()))
                    .collect(),
            });
        }
        for rel in &gone {
            self.remove_file(rel);
        }
        if !again.is_empty() {
            self.apply_batch(again);
        }
    }

    /// The snapshot of the finished first load ([`Self::adopt`]), to encode and save
    /// off the UI thread; once.
    pub fn take_snapshot_job(&mut self) -> Option<SnapshotJob> {
        self.snapshot_job.take()
    }

    fn apply_batch_now(&mut self, files: Vec<(String, AnalyzedFile)>) {
        self.stages = Stages::default();
        let mut touched = BTreeSet::new();
        let mut fresh = Vec::new();
        if self.entries.is_empty() {
            // A folder load: all stories at once (the per-file upserts below then find
            // each article unchanged).
            let t = Instant::now();
            let all = files.iter().flat_map(|(_, f)| &f.entries);
            touched.extend(
                self.stories
                    .upsert_many(all.map(|e| (&e.article, &e.analysis))),
            );
            spent(&mut self.stages.stories, t);
        }
        for (rel, file) in files {
            touched.extend(self.apply_file_inner(&rel, file, &mut fresh));
        }
        self.attach_speakers(&fresh);
        self.refresh_conflicts(touched);
    }

    /// Adds or replaces the articles of file `rel`. A file that now fails to parse keeps
    /// its last good articles; the reason is kept in `skipped`.
    pub fn apply_file(&mut self, rel: &str, file: AnalyzedFile) {
        self.stages = Stages::default();
        let mut fresh = Vec::new();
        let key = file.key;
        let touched = self.apply_file_inner(rel, file, &mut fresh);
        self.record_key(rel, key);
        if self.deferring {
            self.since_fork.insert(rel.to_string());
            return;
        }
        self.attach_speakers(&fresh);
        self.refresh_conflicts(touched);
    }

    /// Forgets file `rel` and its articles.
    pub fn remove_file(&mut self, rel: &str) {
        self.stages = Stages::default();
        if self.deferring {
            self.since_fork.insert(rel.to_string());
        }
        Arc::make_mut(&mut self.skipped).remove(rel);
        Arc::make_mut(&mut self.manifest).remove(rel);
        let mut touched = BTreeSet::new();
        for id in Arc::make_mut(&mut self.files)
            .remove(rel)
            .unwrap_or_default()
        {
            touched.extend(self.remove_article(&id));
        }
        self.refresh_conflicts(touched);
    }

    /// Stories and entries for the articles of `rel`; their ids go to `fresh` for
    /// [`Self::attach_speakers`].
    fn apply_file_inner(
        &mut self,
        rel: &str,
        file: AnalyzedFile,
        fresh: &mut Vec<String>,
    ) -> BTreeSet<usize> {
        let mut touched = BTreeSet::new();
        match file.skipped {
            Some(s) => {
                Arc::make_mut(&mut self.skipped).insert(rel.to_string(), s);
            }
            None => {
                Arc::make_mut(&mut self.skipped).remove(rel);
            }
        }
        let had_articles = self.files.get(rel).is_some_and(|v| !v.is_empty());
        if file.entries.is_empty() && had_articles && self.skipped.contains_key(rel) {
            return touched; // keep the last good version
        }
        let new_ids: BTreeSet<String> = file.entries.iter().map(|e| e.article.id.clone()).collect();
        for old in Arc::make_mut(&mut self.files)
            .remove(rel)
            .unwrap_or_default()
        {
            if !new_ids.contains(&old) {
                touched.extend(self.remove_article(&old));
            }
        }
        let mut ids = Vec::new();
        for mut entry in file.entries {
            let id = entry.article.id.clone();
            if !self.deferring {
                let t = Instant::now();
                touched.extend(self.stories.upsert(&entry.article, &entry.analysis));
                spent(&mut self.stages.stories, t);
                // The story index now holds the signature: one copy, not two (a later
                // upsert of this article brings a fresh analysis, or computes it again).
                entry.analysis.story = None;
            }
            Arc::make_mut(&mut self.entries).insert(id.clone(), Arc::new(entry));
            fresh.push(id.clone());
            ids.push(id);
        }
        Arc::make_mut(&mut self.files).insert(rel.to_string(), ids);
        touched
    }

    /// Gives the speaker index the (re-)analysed articles `fresh`, each with its story
    /// as it stands after the whole batch. A large batch (a folder load) is clustered
    /// once at the end; a few articles attach one by one, which is cheaper when they
    /// fit existing speakers. Both give the same speakers.
    fn attach_speakers(&mut self, fresh: &[String]) {
        let mut seen = BTreeSet::new();
        let mut items: Vec<(&str, Option<String>, &ArticleAnalysis)> = Vec::new();
        for id in fresh.iter().rev() {
            if !seen.insert(id.as_str()) {
                continue; // the same article twice in one batch: its last version counts
            }
            let Some(entry) = self.entries.get(id) else {
                continue; // removed later in the batch
            };
            let story = self.stories.story_of(id).map(|s| s.key);
            self.speaker_story.insert(id.clone(), story);
            items.push((id, story.map(|k| k.to_string()), &entry.analysis));
        }
        let t = Instant::now();
        if items.len() > BATCH_CLUSTER {
            self.speakers
                .changed()
                .upsert_many(items.iter().map(|(id, s, a)| (*id, s.as_deref(), *a)));
        } else {
            for (id, story, analysis) in items {
                self.speakers
                    .changed()
                    .upsert(id, story.as_deref(), analysis);
            }
        }
        spent(&mut self.stages.speakers, t);
    }

    fn remove_article(&mut self, id: &str) -> Vec<usize> {
        Arc::make_mut(&mut self.entries).remove(id);
        self.speaker_story.remove(id);
        let t = Instant::now();
        self.speakers.changed().remove(id);
        spent(&mut self.stages.speakers, t);
        let t = Instant::now();
        let touched = self.stories.remove(id);
        spent(&mut self.stages.stories, t);
        touched
    }

    /// Stories merge and split as articles come and go; speaker merging uses "same
    /// story" as evidence, so tell it the new story of the members of `stories` whose
    /// story changed (only those: each call may re-cluster a name group).
    fn sync_speaker_stories(&mut self, stories: &BTreeSet<usize>) {
        let t = Instant::now();
        let mut moved: Vec<(String, String)> = Vec::new();
        for &k in stories {
            let Some(s) = self.stories.get(k) else {
                continue;
            };
            for a in &s.articles {
                let Some(known) = self.speaker_story.get_mut(a) else {
                    continue;
                };
                if *known != Some(k) {
                    *known = Some(k);
                    moved.push((a.clone(), k.to_string()));
                }
            }
        }
        // One re-clustering per touched name group, however many articles moved.
        if !moved.is_empty() {
            self.speakers
                .changed()
                .set_stories(moved.iter().map(|(a, k)| (a.as_str(), Some(k.as_str()))));
        }
        spent(&mut self.stages.restory, t);
    }

    /// After a batch of changes: re-key speakers by story once, then recompute the
    /// conflicts of every touched story once.
    fn refresh_conflicts(&mut self, stories: BTreeSet<usize>) {
        if self.deferring {
            return;
        }
        self.sync_speaker_stories(&stories);
        // Stories are independent of each other: on all cores (a folder load has
        // thousands).
        let t = Instant::now();
        let keys: Vec<usize> = stories.into_iter().collect();
        let found: Vec<(usize, Vec<Conflict>)> = keys
            .par_iter()
            .map(|&key| (key, self.story_conflicts_now(key)))
            .collect();
        for (key, found) in found {
            if found.is_empty() {
                self.conflicts.remove(&key);
            } else {
                self.conflicts.insert(key, found);
            }
        }
        spent(&mut self.stages.conflicts, t);
    }

    /// The conflicts of story `key` as its members now stand (none if it is gone).
    fn story_conflicts_now(&self, key: usize) -> Vec<Conflict> {
        let Some(story) = self.stories.get(key) else {
            return Vec::new();
        };
        let members: Vec<(&Article, &ArticleAnalysis)> = story
            .articles
            .iter()
            .filter_map(|id| self.entries.get(id))
            .map(|e| (&e.article, &e.analysis))
            .collect();
        let mut found = conflicts::find(&members, &self.speakers);
        found.retain(|c| self.claims_compared(c, members.len()));
        found
    }

    /// Whether `c`, found in a story of `story_len` reports, is shown: in a small story every
    /// pair of reports is compared; in a larger one only reports alike in their own right.
    fn claims_compared(&self, c: &Conflict, story_len: usize) -> bool {
        story_len <= SMALL_STORY || self.claims_from_alike_reports(c)
    }

    /// Whether two claims of `c` with different values come from one article (a report
    /// that contradicts itself) or from two reports that are alike in their own right.
    /// A long-running topic can put reports of different meetings, polls or rallies in
    /// one story through the reports between them; comparing those is a false alarm.
    fn claims_from_alike_reports(&self, c: &Conflict) -> bool {
        c.claims.iter().enumerate().any(|(i, a)| {
            c.claims[i + 1..].iter().any(|b| {
                a.value != b.value
                    && (a.article == b.article
                        || self.stories.pair_similarity(&a.article, &b.article) >= ALIKE_REPORTS)
            })
        })
    }

    /// Where the time of the last update (apply, batch or removal) went, by stage.
    pub fn last_stages(&self) -> Stages {
        self.stages
    }

    /// Replaces the conflicts of one story. For tests and tools that build a desk by
    /// hand; normal updates recompute conflicts themselves.
    pub fn set_story_conflicts(&mut self, story: usize, conflicts: Vec<Conflict>) {
        self.conflicts.insert(story, conflicts);
    }

    /// Takes the articles out of the desk (left without them), for tools that measure
    /// what each part of a desk holds. Articles shared with another desk are copied.
    pub fn take_entries(&mut self) -> Vec<Entry> {
        let map = std::mem::take(&mut self.entries);
        let map = Arc::try_unwrap(map).unwrap_or_else(|shared| (*shared).clone());
        map.into_values()
            .map(|e| Arc::try_unwrap(e).unwrap_or_else(|shared| (*shared).clone()))
            .collect()
    }

    /// Every article, by id.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().map(|e| &**e)
    }

    /// Keys of the speakers with at least one quote, most quoted first, then by name
    /// (the order of [`SpeakerIndex::speakers`]); sorted again only after the index
    /// changed.
    pub fn speaker_order(&self) -> Arc<[usize]> {
        let mut kept = self.speaker_order.lock().unwrap_or_else(|e| e.into_inner());
        match &*kept {
            Some((at, keys)) if *at == self.speakers.generation() => keys.clone(),
            _ => {
                let keys: Arc<[usize]> = self.speakers.speakers().iter().map(|s| s.key).collect();
                *kept = Some((self.speakers.generation(), keys.clone()));
                keys
            }
        }
    }

    /// The quoted speakers of the folder in [`Self::speaker_order`].
    pub fn sorted_speakers(&self) -> Vec<&Speaker> {
        self.speaker_order()
            .iter()
            .filter_map(|&k| self.speakers.get(k))
            .collect()
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id).map(|e| &**e)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Files skipped (or partly read), with reasons, by path.
    pub fn skipped(&self) -> impl Iterator<Item = &Skipped> {
        self.skipped.values()
    }

    /// The ids of the articles that file `rel` gave.
    pub fn articles_of_file(&self, rel: &str) -> &[String] {
        self.files.get(rel).map(Vec::as_slice).unwrap_or(&[])
    }

    /// All conflicts, in story order.
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.stories
            .stories()
            .into_iter()
            .flat_map(|s| self.story_conflicts(s.key).iter())
    }

    /// The conflicts of one story.
    pub fn story_conflicts(&self, story: usize) -> &[Conflict] {
        self.conflicts.get(&story).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Conflicts with a claim in article `id`.
    pub fn article_conflicts<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Conflict> + 'a {
        let story = self.stories.story_of(id).map(|s| s.key);
        story
            .into_iter()
            .flat_map(move |k| self.story_conflicts(k).iter())
            .filter(move |c| c.claims.iter().any(|cl| cl.article == id))
    }
}

/// A fresh token for a pass run apart from the desk (end of the load or preview).
fn next_token() -> u64 {
    static TOKENS: AtomicU64 = AtomicU64::new(1);
    TOKENS.fetch_add(1, Ordering::Relaxed)
}

/// Whether `dir` is `root` or lies under it (after resolving links where possible).
fn is_inside(dir: &Path, root: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let root = canon(root);
    // The cache directory may not exist yet: resolve its nearest existing ancestor.
    let mut probe = dir.to_path_buf();
    let mut tail = Vec::new();
    while !probe.exists() {
        match (probe.file_name().map(|n| n.to_owned()), probe.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name);
                probe = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut full = canon(&probe);
    full.extend(tail.into_iter().rev());
    full.starts_with(&root)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::conflicts::{Claim, ConflictKind, Severity};
    use crate::text::Span;

    fn article(id: &str, text: &str) -> Article {
        Article::plain(id, text)
    }

    fn place_conflict(claims: &[(&str, &str)]) -> Conflict {
        Conflict {
            kind: ConflictKind::Location,
            severity: Severity::Hard,
            subject: "talks".into(),
            summary: String::new(),
            claims: claims
                .iter()
                .map(|(a, v)| Claim {
                    article: a.to_string(),
                    span: Span::new(0, 1),
                    value: v.to_string(),
                })
                .collect(),
        }
    }

    /// File `rel` holding one plain-text article, analysed.
    pub(crate) fn plain_file(rel: &str, text: &str) -> AnalyzedFile {
        let a = article(rel, text);
        let analysis = analysis::analyze(&a);
        AnalyzedFile {
            entries: vec![Entry {
                article: a,
                analysis,
            }],
            skipped: None,
            key: None,
        }
    }

    /// Invented reports: two of one event that disagree on where it was, and a third of
    /// another, each quoting someone.
    pub(crate) const REPORTS: [(&str, &str); 4] = [
        (
            "p1.txt",
            "Ferry crews at Quillon Harbour walked out on Monday over rosters set by the Ostrava Line in Pellworth. \"Nobody sails until the rosters are fair,\" shop steward Tamsin Quarrie said.",
        ),
        (
            "p2.txt",
            "Quillon Harbour ferry crews staged a walkout on Monday over Ostrava Line rosters drawn up in Haddow. \"We stay ashore until the rosters change,\" said Tamsin Quarrie, a shop steward.",
        ),
        (
            "p3.txt",
            "A choir from Linmarsh took first place at the valley music festival on Sunday. \"They sang like a single voice,\" conductor Bexley Arnaud said.",
        ),
        (
            "p4.txt",
            "The Linmarsh choir won the valley festival on Sunday. \"Months of practice paid off,\" conductor Bexley Arnaud told the audience.",
        ),
    ];

    /// A first load previewed part-way: the panes show the stories, speakers and
    /// conflicts of the articles so far while the desk itself (and so the list) stays
    /// as it was, and the end of the load is the desk loading everything gives.
    #[test]
    fn a_preview_shows_the_panes_while_the_load_runs() {
        let mut desk = Desk::new();
        desk.defer_folder_work();
        // No time budget: what a preview needs must not depend on this machine's speed.
        assert_eq!(desk.preview_articles(), Some(0));
        for (rel, text) in &REPORTS[..3] {
            desk.apply_file(rel, plain_file(rel, text));
        }
        // Too few articles, or too near the end of the load: no preview.
        assert!(desk.start_preview_with(3, 4, false).is_none());
        assert!(desk.start_preview_with(0, 2, false).is_none());
        let job = desk
            .start_preview_with(1, 3, false)
            .expect("a preview is due");
        assert!(job.is_preview());
        assert!(
            desk.start_preview_with(1, 3, false).is_none(),
            "one at a time"
        );
        desk.adopt(job.run());
        assert_eq!(desk.preview_articles(), Some(3));
        let mut three = Desk::new();
        three.apply_batch(
            REPORTS[..3]
                .iter()
                .map(|(rel, text)| (rel.to_string(), plain_file(rel, text)))
                .collect(),
        );
        let panes = desk.panes();
        assert!(!std::ptr::eq(panes, &desk));
        assert_eq!(panes.stories.partition(), three.stories.partition());
        let names = |d: &Desk| -> Vec<String> {
            d.sorted_speakers().iter().map(|s| s.name.clone()).collect()
        };
        assert!(!names(panes).is_empty());
        assert_eq!(names(panes), names(&three));
        assert_eq!(
            panes.conflicts().cloned().collect::<Vec<_>>(),
            three.conflicts().cloned().collect::<Vec<_>>()
        );
        assert!(desk.stories.stories().is_empty(), "the desk itself waits");
        // The next preview waits for twice as many articles.
        desk.apply_file(REPORTS[3].0, plain_file(REPORTS[3].0, REPORTS[3].1));
        assert!(desk.start_preview_with(4, 3, false).is_none());
        // A preview that was running when the end pass starts is not kept.
        for (rel, text) in &REPORTS[..2] {
            let rel = format!("again-{rel}");
            desk.apply_file(&rel, plain_file(&rel, text));
        }
        let late = desk
            .start_preview_with(6, 3, false)
            .expect("a second preview");
        // The end of the load: the preview's indexes are dropped before the end pass
        // builds the whole folder's (the first load's memory peak); the panes wait.
        let end = desk.start_finishing(false).expect("the end of the load");
        assert_eq!(desk.preview_articles(), Some(0));
        assert!(std::ptr::eq(desk.panes(), &desk));
        desk.adopt(late.run());
        assert_eq!(
            desk.preview_articles(),
            Some(0),
            "a late preview is dropped"
        );
        assert!(
            desk.start_preview_with(10, 1, false).is_none(),
            "not while the load ends"
        );
        desk.adopt(end.run());
        assert_eq!(desk.preview_articles(), None);
        assert!(std::ptr::eq(desk.panes(), &desk));
        let mut all = Desk::new();
        let again = REPORTS[..2]
            .iter()
            .map(|(rel, text)| (format!("again-{rel}"), *text));
        all.apply_batch(
            REPORTS
                .iter()
                .map(|(rel, text)| (rel.to_string(), *text))
                .chain(again)
                .map(|(rel, text)| {
                    let file = plain_file(&rel, text);
                    (rel, file)
                })
                .collect(),
        );
        assert_eq!(desk.stories.partition(), all.stories.partition());
        assert_eq!(names(&desk), names(&all));
        assert_eq!(
            desk.conflicts().cloned().collect::<Vec<_>>(),
            all.conflicts().cloned().collect::<Vec<_>>()
        );
    }

    #[test]
    fn previews_keep_to_their_share_of_the_load() {
        let s = Duration::from_secs;
        assert!(preview_within_budget(s(0), s(0)));
        assert!(preview_within_budget(s(1), s(8)));
        assert!(!preview_within_budget(s(2), s(8)));
    }

    #[test]
    fn only_alike_reports_or_one_report_are_compared() {
        let mut desk = Desk::new();
        let texts = [
            (
                "a.txt",
                "Harbour pilots at Velmora Docks ended their strike on Tuesday after talks with the Kessling Line in Tarnow, union leader Ilse Varga said.",
            ),
            (
                "b.txt",
                "Velmora Docks pilots ended the strike on Tuesday following talks with Kessling Line in Brzeg, union leader Ilse Varga said.",
            ),
            (
                "c.txt",
                "A bakery in Oldmere won a regional prize for its rye loaf, the judges of the county fair announced on Saturday.",
            ),
        ];
        for (id, text) in texts {
            let a = article(id, text);
            let analysis = analysis::analyze(&a);
            desk.stories.upsert(&a, &analysis);
        }
        assert!(desk.stories.pair_similarity("a.txt", "b.txt") >= ALIKE_REPORTS);
        assert!(desk.stories.pair_similarity("a.txt", "c.txt") < ALIKE_REPORTS);
        // two alike reports disagree: compared
        assert!(desk.claims_from_alike_reports(&place_conflict(&[
            ("a.txt", "Tarnow"),
            ("b.txt", "Brzeg")
        ])));
        // reports unlike each other: not compared, whatever story joined them
        assert!(!desk.claims_from_alike_reports(&place_conflict(&[
            ("a.txt", "Tarnow"),
            ("c.txt", "Oldmere")
        ])));
        // one report that contradicts itself: compared
        assert!(desk.claims_from_alike_reports(&place_conflict(&[
            ("c.txt", "Oldmere"),
            ("c.txt", "Tarnow")
        ])));
        // the same value twice is no disagreement
        assert!(!desk.claims_from_alike_reports(&place_conflict(&[
            ("a.txt", "Tarnow"),
            ("b.txt", "Tarnow")
        ])));
        // unlike reports are compared in a small story, not in a large one
        let unlike = place_conflict(&[("a.txt", "Tarnow"), ("c.txt", "Oldmere")]);
        assert!(desk.claims_compared(&unlike, SMALL_STORY));
        assert!(!desk.claims_compared(&unlike, SMALL_STORY + 1));
    }
}
