//! User configuration: a TOML file in the user's config directory; flags override it.

use crate::ingest::IngestOptions;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
    /// Extra glob patterns to ignore, relative to the watched folder.
    pub ignore: Vec<String>,
    /// Debounce of watcher events, in milliseconds.
    pub debounce_ms: u64,
    /// "dark" or "light".
    pub theme: String,
    /// Key overrides: action name -> key list, e.g. `next_quote = ["]", "ctrl-n"]`.
    pub keys: BTreeMap<String, Vec<String>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_file_size: 20 * 1024 * 1024,
            ignore: Vec::new(),
            debounce_ms: 150,
            theme: "dark".into(),
            keys: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Default location: `$XDG_CONFIG_HOME/quotedesk/config.toml` or the platform's equivalent.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "quotedesk")
            .map(|d| d.config_dir().join("config.toml"))
    }

    /// Reads `path`; a missing file gives the defaults, a malformed one an error.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        use anyhow::Context;
        match std::fs::read_to_string(path) {
            Ok(s) => {
                toml::from_str(&s).with_context(|| format!("bad config file {}", path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => anyhow::bail!(
                "cannot read config file {}: {}",
                crate::ingest::sanitize::escape_unsafe(&path.display().to_string()),
                match e.kind() {
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => e.to_string(),
                }
            ),
        }
    }

    pub fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            max_file_size: self.max_file_size,
            ignore: self.ignore.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_theme_and_limits() {
        let c: Config = toml::from_str(
            r#"
            theme = "light"
            debounce_ms = 200
            max_file_size = 1000
            ignore = ["drafts/**"]
            [keys]
            next_quote = ["ctrl-n", "]"]
            "#,
        )
        .unwrap();
        assert_eq!(c.theme, "light");
        assert_eq!(c.debounce_ms, 200);
        assert_eq!(c.keys["next_quote"], vec!["ctrl-n", "]"]);
        assert_eq!(c.ingest_options().max_file_size, 1000);
        assert_eq!(c.ingest_options().ignore, vec!["drafts/**"]);
    }

    #[test]
    fn missing_file_gives_defaults_and_typos_are_errors() {
        let d = tempfile::tempdir().unwrap();
        let c = Config::load(&d.path().join("none.toml")).unwrap();
        assert_eq!(c.theme, "dark");
        let bad = d.path().join("bad.toml");
        std::fs::write(&bad, "them = \"light\"\n").unwrap();
        let e = Config::load(&bad).unwrap_err();
        assert!(format!("{e:#}").contains("bad config file"), "{e:#}");
    }
}
