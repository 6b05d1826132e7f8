//! The integration tests, one binary: each module is one theme (ingest, analysis, desk,
//! stories, conflicts, the terminal views). One binary because every test target links the
//! whole library, and twenty of them cost minutes of linking and gigabytes of disk.
//! Timing-dependent tests (watcher, tmux, worker pool) live in `tests/live/`, a binary of
//! their own, so cargo runs them apart from these CPU-heavy ones.

mod common;
#[path = "../fixtures/desk/load.rs"]
mod fixture;

mod conflicts_kinds;
mod conflicts_recall;
mod conflicts_slots;
mod desk_cache;
mod desk_events_prop;
mod desk_snapshot_open;
mod facts_robust;
mod ingest_bad_inputs;
mod ingest_formats;
mod prop_parsers;
mod quotes_indirect;
mod quotes_patterns;
mod quotes_real_news;
mod quotes_robust;
mod sample_folder;
mod scan_cli;
mod speakers_merge;
mod stories_desk_dev;
mod stories_index;
mod stories_order;
mod tui_update;
mod tui_views;
