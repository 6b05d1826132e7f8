//! Persistent cache of per-article analyses between runs, in the user's cache directory
//! (`$XDG_CACHE_HOME/quotedesk/`), never in the watched folder.
//!
//! One SQLite file (WAL mode, so two desks on one folder read and write it safely), one
//! row per file: key = BLAKE3 of (analysis version, relative path, file bytes), value =
//! the file's articles and analyses (postcard) with a BLAKE3 checksum of its own. A value
//! that fails its checksum or does not decode is a miss; a database that does not open
//! or errors is deleted and rebuilt; a cache of another analysis version is emptied.
//! Each of those leaves a note (returned by [`Cache::notes`] and logged), never a crash:
//! the worst case is the cost of a fresh scan.
//!
//! Beside the database, one snapshot file per folder (`folders/<key>.bin`, key = BLAKE3
//! of analysis version, folder and ingest options) holds the whole desk of that folder
//! (articles, analyses, story and speaker indexes, conflicts) with the content key of
//! every file it was built from, so an unchanged folder reopens by decoding one file. A
//! snapshot is replaced whole (written to a temporary file, then renamed: two desks on
//! one folder leave one complete snapshot, the last), and carries a BLAKE3 checksum: a
//! damaged or truncated one is ignored with a note. Not in SQLite because it is one
//! large value rewritten whole, which WAL mode would write twice.

use super::{AnalyzedFile, Entry};
use crate::analysis::ArticleAnalysis;
use crate::ingest::{Article, Skipped};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Bumped when the stored layout changes (the analysis version is separate).
const SCHEMA: &str = "1";
const FILE_NAME: &str = "analyses.sqlite3";
/// Folder snapshots live in this sub-directory of the cache directory.
const FOLDERS: &str = "folders";
/// First bytes of a snapshot file (bumped with its layout), then a BLAKE3 of the rest.
const SNAPSHOT_MAGIC: &[u8; 8] = b"QDSNAP01";

/// What one file gave, as stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    entries: Vec<(Article, ArticleAnalysis)>,
    skipped: Option<Skipped>,
}

/// A cache key: the file's identity and content under one analysis version.
pub type Key = [u8; 32];

pub struct Cache {
    path: PathBuf,
    version: String,
    /// `None` once the store proved unusable (it is then left alone for this run).
    conn: Mutex<Option<Connection>>,
    notes: Mutex<Vec<String>>,
}

/// The analysis version of this build: any change to what the cached values are computed
/// from (rules, word lists, which are compiled in, the desk's layout, dependencies) gets
/// a new one, so stale analyses are never shown.
pub fn build_version() -> String {
    // Derived by build.rs from the sources of the analysis, the text model, ingest, the
    // desk and the word lists: fixed at build time, so opening the cache reads nothing.
    format!(
        "{}+{}",
        env!("CARGO_PKG_VERSION"),
        env!("QUOTEDESK_ANALYSIS_VERSION")
    )
}

/// The user's cache directory for quotedesk (`$XDG_CACHE_HOME/quotedesk` on Linux).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "quotedesk").map(|d| d.cache_dir().to_path_buf())
}

/// The cache directory to use: `QUOTEDESK_CACHE_DIR` when set (`off` or empty: none, as
/// tests use it to keep away from the user's cache), else [`default_dir`].
pub fn configured_dir() -> Option<PathBuf> {
    match std::env::var_os("QUOTEDESK_CACHE_DIR") {
        Some(v) if v.is_empty() || v == "off" => None,
        Some(v) => Some(PathBuf::from(v)),
        None => default_dir(),
    }
}

impl Cache {
    /// Opens (or creates) the cache in `dir` for this build's analysis version.
    pub fn open(dir: &Path) -> Cache {
        Self::open_version(dir, &build_version())
    }

    /// Opens the cache in `dir` for analyses of `version`. Never fails: an unusable
    /// store is rebuilt, or the cache stays off for this run, with a note.
    pub fn open_version(dir: &Path, version: &str) -> Cache {
        let cache = Cache {
            path: dir.join(FILE_NAME),
            version: version.to_string(),
            conn: Mutex::new(None),
            notes: Mutex::new(Vec::new()),
        };
        let conn = match cache.connect() {
            Ok(c) => Some(c),
            Err(e) => {
                cache.note(format!("cache unreadable ({e}); rebuilt"));
                cache.remove_files();
                cache
                    .connect()
                    .map_err(|e| cache.note(format!("cache off for this run: {e}")))
                    .ok()
            }
        };
        *cache.conn.lock().unwrap_or_else(|p| p.into_inner()) = conn;
        cache
    }

    fn connect(&self) -> rusqlite::Result<Connection> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                rusqlite::Error::InvalidPath(PathBuf::from(format!("{}: {e}", dir.display())))
            })?;
        }
        let conn = Connection::open(&self.path)?;
        // A second desk writing at the same time waits instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS files (
                 key BLOB PRIMARY KEY, sum BLOB NOT NULL, value BLOB NOT NULL
             ) WITHOUT ROWID;",
        )?;
        let get = |k: &str| -> rusqlite::Result<Option<String>> {
            conn.query_row("SELECT v FROM meta WHERE k = ?1", [k], |r| r.get(0))
                .optional()
        };
        let schema = get("schema")?;
        let version = get("version")?;
        if schema.as_deref() != Some(SCHEMA) || version.as_deref() != Some(&self.version) {
            if schema.is_some() || version.is_some() {
                self.note("cache from another version of quotedesk; rebuilt".into());
            }
            // Snapshots of another version are never read (their keys hold the version):
            // drop them so they do not pile up.
            let _ = std::fs::remove_dir_all(self.folders_dir());
            let tx = conn.unchecked_transaction()?;
            tx.execute("DELETE FROM files", [])?;
            tx.execute(
                "INSERT OR REPLACE INTO meta (k, v) VALUES ('schema', ?1), ('version', ?2)",
                params![SCHEMA, self.version],
            )?;
            tx.commit()?;
        }
        Ok(conn)
    }

    fn remove_files(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }

    fn note(&self, msg: String) {
        tracing::warn!(target: "quotedesk::cache", "{msg} ({})", self.path.display());
        self.notes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(msg);
    }

    /// What went wrong with the store so far (each also logged).
    pub fn notes(&self) -> Vec<String> {
        self.notes.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The key of file `rel` with content `bytes` under this cache's version.
    pub fn key(&self, rel: &str, bytes: &[u8]) -> Key {
        let mut h = blake3::Hasher::new();
        h.update(self.version.as_bytes());
        h.update(&[0]);
        h.update(rel.as_bytes());
        h.update(&[0]);
        h.update(bytes);
        *h.finalize().as_bytes()
    }

    fn folders_dir(&self) -> PathBuf {
        self.path.with_file_name(FOLDERS)
    }

    /// The key of the snapshot of folder `root` read with ingest settings `settings`
    /// under this cache's version.
    pub fn folder_key(&self, root: &Path, settings: &str) -> Key {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut h = blake3::Hasher::new();
        h.update(b"folder\0");
        h.update(self.version.as_bytes());
        h.update(&[0]);
        h.update(root.as_os_str().as_encoded_bytes());
        h.update(&[0]);
        h.update(settings.as_bytes());
        *h.finalize().as_bytes()
    }

    fn snapshot_path(&self, key: &Key) -> PathBuf {
        self.folders_dir()
            .join(format!("{}.bin", blake3::Hash::from_bytes(*key).to_hex()))
    }

    /// Whether a snapshot is stored under `key` (intact or not).
    pub fn has_snapshot(&self, key: &Key) -> bool {
        self.snapshot_path(key).is_file()
    }

    /// The snapshot stored under `key`, if present and intact (a damaged one is
    /// removed with a note): the file's bytes and where the payload starts in them (not
    /// cut off: that would move the whole payload).
    pub fn get_snapshot(&self, key: &Key) -> Option<(Vec<u8>, usize)> {
        let path = self.snapshot_path(key);
        let bytes = std::fs::read(&path).ok()?;
        let head = SNAPSHOT_MAGIC.len() + 32;
        let intact = bytes.len() >= head
            && bytes[..SNAPSHOT_MAGIC.len()] == SNAPSHOT_MAGIC[..]
            && bytes[SNAPSHOT_MAGIC.len()..head] == blake3::hash(&bytes[head..]).as_bytes()[..];
        if !intact {
            self.snapshot_damaged(key);
            return None;
        }
        Some((bytes, head))
    }

    /// The snapshot under `key` proved unusable: removed, with a note.
    pub fn snapshot_damaged(&self, key: &Key) {
        self.note("the folder snapshot was damaged; rebuilt".into());
        let _ = std::fs::remove_file(self.snapshot_path(key));
    }

    /// Stores the concatenation of `payload` as the snapshot under `key`, replacing any
    /// (atomically: a reader sees the old snapshot or the new one, never a mix). In
    /// pieces, so a large snapshot is never copied into one buffer.
    pub fn put_snapshot(&self, key: &Key, payload: &[&[u8]]) {
        if let Err(e) = self.write_snapshot(key, payload) {
            self.note(format!("folder snapshot not saved: {e}"));
        }
    }

    fn write_snapshot(&self, key: &Key, payload: &[&[u8]]) -> std::io::Result<()> {
        let dir = self.folders_dir();
        std::fs::create_dir_all(&dir)?;
        let path = self.snapshot_path(key);
        // A name of its own per writer (process, then a counter for desks of one process):
        // two desks never write into one temporary file.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{}.{n}.tmp", std::process::id()));
        let written = (|| {
            use std::io::Write;
            let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            let mut sum = blake3::Hasher::new();
            for piece in payload {
                sum.update(piece);
            }
            f.write_all(SNAPSHOT_MAGIC)?;
            f.write_all(sum.finalize().as_bytes())?;
            for piece in payload {
                f.write_all(piece)?;
            }
            f.into_inner().map_err(|e| e.into_error())?.sync_data()?;
            std::fs::rename(&tmp, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    /// The stored analysis of a file, if present and intact.
    pub fn get(&self, key: &Key) -> Option<AnalyzedFile> {
        let row: Option<(Vec<u8>, Vec<u8>)> = {
            let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
            let conn = guard.as_ref()?;
            let got = conn
                .prepare_cached("SELECT sum, value FROM files WHERE key = ?1")
                .and_then(|mut st| {
                    st.query_row([&key[..]], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()
                });
            match got {
                Ok(row) => row,
                Err(e) => {
                    drop(guard.take());
                    drop(guard);
                    self.broken(e);
                    return None;
                }
            }
        };
        let (sum, value) = row?;
        if sum.as_slice() != blake3::hash(&value).as_bytes() {
            self.note("a cached analysis failed its checksum; recomputed".into());
            return None;
        }
        match postcard::from_bytes::<Stored>(&value) {
            Ok(s) => Some(AnalyzedFile {
                entries: s
                    .entries
                    .into_iter()
                    .map(|(article, analysis)| Entry { article, analysis })
                    .collect(),
                skipped: s.skipped,
                key: None,
            }),
            Err(_) => {
                self.note("a cached analysis did not decode; recomputed".into());
                None
            }
        }
    }

    /// Stores the analyses of several files in one transaction.
    pub fn put_many<'a>(&self, items: impl IntoIterator<Item = (Key, &'a AnalyzedFile)>) {
        let rows: Vec<(Key, Vec<u8>)> = items
            .into_iter()
            .filter_map(|(k, f)| Some((k, encode(f)?)))
            .collect();
        if rows.is_empty() {
            return;
        }
        let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let Some(conn) = guard.as_mut() else {
            return;
        };
        let result = (|| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            {
                let mut st = tx.prepare_cached(
                    "INSERT OR REPLACE INTO files (key, sum, value) VALUES (?1, ?2, ?3)",
                )?;
                for (k, v) in &rows {
                    st.execute(params![&k[..], &blake3::hash(v).as_bytes()[..], v])?;
                }
            }
            tx.commit()
        })();
        if let Err(e) = result {
            drop(guard.take());
            drop(guard);
            self.broken(e);
        }
    }

    /// Stores the analysis of one file.
    pub fn put(&self, key: Key, file: &AnalyzedFile) {
        self.put_many([(key, file)]);
    }

    /// The store errored mid-run: start it afresh (what it held is lost, not wrong).
    fn broken(&self, e: rusqlite::Error) {
        if matches!(
            e,
            rusqlite::Error::SqliteFailure(ref f, _)
                if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        ) {
            // Another desk holds the lock for longer than the timeout: skip, do not wipe.
            self.note(format!("cache busy ({e}); this file not cached"));
            let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
            if guard.is_none() {
                *guard = self.connect().ok();
            }
            return;
        }
        self.note(format!("cache damaged ({e}); rebuilt"));
        self.remove_files();
        let fresh = self
            .connect()
            .map_err(|e| self.note(format!("cache off for this run: {e}")))
            .ok();
        *self.conn.lock().unwrap_or_else(|p| p.into_inner()) = fresh;
    }
}

fn encode(file: &AnalyzedFile) -> Option<Vec<u8>> {
    let stored = StoredRef {
        entries: file
            .entries
            .iter()
            .map(|e| (&e.article, &e.analysis))
            .collect(),
        skipped: &file.skipped,
    };
    postcard::to_stdvec(&stored).ok()
}

/// [`Stored`] by reference, so storing clones nothing.
#[derive(Serialize)]
struct StoredRef<'a> {
    entries: Vec<(&'a Article, &'a ArticleAnalysis)>,
    skipped: &'a Option<Skipped>,
}
