//! What the desk remembers across restarts, per folder, in the user's data directory
//! (never in the watched folder): which articles were read, and where the reader was.

use super::app::App;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub folder: String,
    pub read: Vec<String>,
    /// Content hashes of read articles (a moved file stays read).
    #[serde(default)]
    pub read_hashes: Vec<String>,
    pub selected: Option<String>,
    /// Content hash of the selected article: found again if its file moved meanwhile.
    #[serde(default)]
    pub selected_hash: Option<String>,
    pub text_scroll: usize,
}

impl Saved {
    pub fn of(app: &App) -> Saved {
        Saved {
            folder: app.folder.display().to_string(),
            read: app.read.iter().cloned().collect(),
            read_hashes: app.read_hashes.iter().cloned().collect(),
            selected: app.selected.clone(),
            selected_hash: app.current().map(super::app::content_hash),
            text_scroll: app.text_scroll,
        }
    }

    /// Puts the saved read state and selection into a new `app` (before the first listing).
    pub fn restore(&self, app: &mut App) {
        app.read = self.read.iter().cloned().collect();
        app.read_hashes = self.read_hashes.iter().cloned().collect();
        app.selected = self.selected.clone();
        app.chosen = self.selected.is_some();
        app.vanished = self.selected_hash.clone().map(|hash| super::app::Vanished {
            hash,
            text_scroll: self.text_scroll,
            focus: super::app::Pane::List,
            fallback: None,
        });
    }
}

/// `$XDG_DATA_HOME/quotedesk` or the platform's equivalent.
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "quotedesk").map(|d| d.data_dir().to_path_buf())
}

/// The state file of `folder` under `dir`: keyed by a stable hash of the folder's path.
pub fn state_file(dir: &Path, folder: &Path) -> PathBuf {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in folder.as_os_str().as_encoded_bytes() {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let name = folder
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .take(32)
        .collect::<String>();
    dir.join("folders").join(format!("{name}-{h:016x}.json"))
}

/// Reads the saved state; anything missing or unreadable gives the default.
pub fn load(file: &Path) -> Saved {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Writes atomically (temp file + rename). Refuses to write inside `folder`.
pub fn save(file: &Path, folder: &Path, saved: &Saved) -> anyhow::Result<()> {
    use anyhow::Context;
    if super::export::is_inside(folder, file) {
        anyhow::bail!("state file {} is inside the watched folder", file.display());
    }
    let dir = file.parent().context("state file has no parent")?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // One temporary file per process: two desks on one folder never write into each
    // other's half-written file.
    let tmp = file.with_extension(format!("json.{}.tmp", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec_pretty(saved)?)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, file).with_context(|| format!("cannot write {}", file.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_the_folder() {
        let d = tempfile::tempdir().unwrap();
        let folder = d.path().join("feeds");
        std::fs::create_dir(&folder).unwrap();
        let file = state_file(&d.path().join("data"), &folder);
        let s = Saved {
            folder: "x".into(),
            read: vec!["a.md".into()],
            read_hashes: vec!["00ff".into()],
            selected: Some("a.md".into()),
            selected_hash: Some("00aa".into()),
            text_scroll: 3,
        };
        save(&file, &folder, &s).unwrap();
        assert_eq!(load(&file), s);
        // Older state files without the hashes still load.
        let old: Saved = serde_json::from_str(
            r#"{"folder":"x","read":["a.md"],"selected":null,"text_scroll":0}"#,
        )
        .unwrap();
        assert!(old.read_hashes.is_empty() && old.selected_hash.is_none());
        assert!(save(&folder.join("state.json"), &folder, &s).is_err());
        assert!(!folder.join("state.json").exists());
        assert_ne!(
            state_file(d.path(), Path::new("/a/feeds")),
            state_file(d.path(), Path::new("/b/feeds"))
        );
    }
}
