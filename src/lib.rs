//! quotedesk: a terminal reading desk for many news reports of the same events.
//!
//! Layers, with dependencies pointing one way (`tui` -> `desk` -> `analysis` -> `text`/`ingest`):
//! - [`ingest`]: bytes on disk -> [`ingest::Article`] (one module per format, decoding, sanitising);
//! - [`text`]: the text model (paragraphs, sentences, byte <-> char offsets);
//! - [`analysis`]: pure functions of articles: quotes, entities, speakers, stories, facts, conflicts;
//! - [`desk`]: the set of articles and their analyses, updated incrementally;
//! - [`scan`]: the `scan --json` contract;
//! - [`watch`]: notify + debouncing -> "these paths changed" hints;
//! - [`tui`]: the terminal shell (state, actions, keymap, views, event loop).

pub mod analysis;
pub mod config;
pub mod desk;
pub mod ingest;
pub mod scan;
pub mod text;
pub mod tui;
pub mod watch;
