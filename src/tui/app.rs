//! The desk's state as plain data, and read-only queries on it that views and `update` share.

use super::keymap::Keymap;
use super::theme::Theme;
use super::wrap::{self, WLine};
use crate::analysis::conflicts::Conflict;
use crate::analysis::quotes::Quote;
use crate::analysis::speakers::Speaker;
use crate::analysis::stories::Story;
use crate::desk::{Desk, Entry};
use crate::text::Span as TextSpan;
use chrono::{DateTime, FixedOffset};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::rc::Rc;

type WrapKey = ((usize, usize, usize), Rc<Vec<WLine>>);

/// What the story-scope who-said-what was found from: the desk the panes show (its
/// address, articles and speaker generation), the story and the article.
type StorySpeakersKey = (usize, usize, u64, Option<usize>, Option<String>);

/// The five panes, numbered 1–5 on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Text,
    Quotes,
    Speakers,
    Conflicts,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::List,
        Pane::Text,
        Pane::Quotes,
        Pane::Speakers,
        Pane::Conflicts,
    ];

    pub fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Text => "Text",
            Pane::Quotes => "Quotes",
            Pane::Speakers => "Who said what",
            Pane::Conflicts => "Conflicts",
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 5]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 4) % 5]
    }
}

/// One row of the article list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// An analysed article, by id.
    Article(String),
    /// A file listed but not analysed yet, by relative path.
    Pending(String),
    /// Where a story begins when the list is grouped by story: its key (`None`: the
    /// reports no other report joined, gathered under one head at the end) and how many
    /// of its articles the list shows. Never selected: moves step over it.
    Story { key: Option<usize>, shown: usize },
}

impl Row {
    /// The selection's key: an article id or a file path (a story head has none).
    pub fn key(&self) -> &str {
        match self {
            Row::Article(k) | Row::Pending(k) => k,
            Row::Story { .. } => "",
        }
    }

    pub fn is_head(&self) -> bool {
        matches!(self, Row::Story { .. })
    }
}

/// What the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub unread: bool,
    pub conflicts: bool,
    /// Only this story (story key).
    pub story: Option<usize>,
    /// Only articles quoting this speaker (speaker key).
    pub speaker: Option<usize>,
}

impl Filters {
    pub fn any(&self) -> bool {
        self.unread || self.conflicts || self.story.is_some() || self.speaker.is_some()
    }
}

/// Who-said-what and conflicts show the current story or the whole folder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Story,
    All,
}

/// The order of the article list (`o` cycles through them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Grouped by story (largest first), newest first within a story.
    #[default]
    Story,
    /// Newest first.
    Time,
    /// By outlet name, then newest first.
    Outlet,
    /// By title.
    Title,
    /// Most conflicts first.
    Conflicts,
    /// Most quotes first.
    Quotes,
}

impl Sort {
    pub const ALL: [Sort; 6] = [
        Sort::Story,
        Sort::Time,
        Sort::Outlet,
        Sort::Title,
        Sort::Conflicts,
        Sort::Quotes,
    ];

    pub fn next(self) -> Sort {
        let i = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL[(i + 1) % Sort::ALL.len()]
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Story => "story",
            Sort::Time => "time",
            Sort::Outlet => "outlet",
            Sort::Title => "title",
            Sort::Conflicts => "conflicts",
            Sort::Quotes => "quotes",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Search,
    Export,
}

/// A one-line prompt at the bottom (search or export path).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub kind: InputKind,
    pub buffer: String,
}

/// The evidence of one conflict, one column per article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub conflict: Conflict,
    pub column: usize,
    pub scroll: usize,
}

impl Evidence {
    /// The articles of the claims, in claim order, without repeats.
    pub fn articles(&self) -> Vec<&str> {
        let mut v: Vec<&str> = Vec::new();
        for c in &self.conflict.claims {
            if !v.contains(&c.article.as_str()) {
                v.push(&c.article);
            }
        }
        v
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    Evidence(Evidence),
    /// Skipped files, partly read files, encoding guesses, watcher errors.
    Problems {
        scroll: usize,
    },
}

/// Where `back` returns to after a jump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackTo {
    Evidence(Evidence),
    Speaker { key: usize, sel: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackEntry {
    pub to: BackTo,
    pub article: Option<String>,
    pub focus: Pane,
    pub text_scroll: usize,
    /// The conflicts pane as it was (the conflict the evidence was opened from).
    pub conflict_sel: usize,
    pub conflict_offset: usize,
}

/// The selected article vanished from its path: if the same content comes back under a
/// new path (a move or rename) before the reader moves on, it is selected again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vanished {
    pub hash: String,
    pub text_scroll: usize,
    pub focus: Pane,
    /// The row the selection fell back to; a move of the reader's cancels the return.
    pub fallback: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchHealth {
    Starting,
    Watching,
    Error(String),
}

/// What the shell knows of one file of the folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileState {
    /// Bumped on every change; results for older generations are dropped.
    pub generation: u64,
    pub analysed: bool,
    /// Appeared while the desk was open (its articles get the new-arrival mark).
    pub arrival: bool,
}

/// One search match: in an article's title or speakers (`span == None`) or its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub id: String,
    pub span: Option<TextSpan>,
}

/// A transient message in the help line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub at: DateTime<FixedOffset>,
}

pub struct App {
    pub desk: Desk,
    /// The watched folder (canonical when possible).
    pub folder: PathBuf,
    /// How the folder is shown (as the user gave it).
    pub folder_label: String,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The current time, injected by the event loop (ticks) or by tests.
    pub now: DateTime<FixedOffset>,

    pub rows: Vec<Row>,
    /// How many of `rows` are articles or files being read (story heads apart).
    pub listed_rows: usize,
    pub rows_dirty: bool,
    conflict_index: ConflictIndex,
    /// Stories and conflicts of the desk (for the status bar), counted with the rows.
    pub counts: (usize, usize),
    /// (text pointer, text length, width) -> wrapped lines of the last article drawn.
    wrap_cache: RefCell<Option<WrapKey>>,
    /// The story-scope who-said-what (speaker keys in order) of the last draw, found
    /// again only when the story, the article or the speakers changed (not every key).
    story_speakers: RefCell<Option<(StorySpeakersKey, Rc<[usize]>)>>,
    /// Key of the selected row; the selection follows it when rows move.
    pub selected: Option<String>,
    pub list_sel: usize,
    pub list_offset: usize,
    pub focus: Pane,
    pub text_scroll: usize,
    /// The stretch of text selected by `]`/`[`, `}`/`{`, a jump or a search hit.
    pub text_sel: Option<TextSpan>,
    pub quote_sel: usize,
    pub quote_offset: usize,
    pub speaker_sel: usize,
    pub speaker_offset: usize,
    /// Who-said-what showing one speaker's quotes (speaker key) and the selection in them.
    pub speaker_open: Option<usize>,
    pub speaker_quote_sel: usize,
    pub speaker_scope: Scope,
    pub conflict_sel: usize,
    pub conflict_offset: usize,
    pub conflict_scope: Scope,
    pub filters: Filters,
    pub sort: Sort,
    pub search: String,
    pub hits: Vec<Hit>,
    pub hit_sel: Option<usize>,
    pub input: Option<Input>,
    pub overlay: Overlay,
    pub back: Vec<BackEntry>,

    pub read: BTreeSet<String>,
    /// Content hashes of read articles: a moved or renamed file keeps its read state.
    pub read_hashes: BTreeSet<String>,
    /// The selected article whose file vanished (see [`Vanished`]).
    pub vanished: Option<Vanished>,
    /// The reader chose the selection (a key or a click, a jump, or the saved state of
    /// the last session): it then stays on its article while rows arrive or re-sort.
    /// Until then it stays on the top row, so that a desk opened on a loading folder
    /// shows the head of the list, not wherever the first analysed article sorts.
    pub chosen: bool,
    /// Watcher errors seen this session (newest last), for the problems view.
    pub watch_errors: Vec<String>,
    pub new_ids: BTreeSet<String>,
    pub files: BTreeMap<String, FileState>,
    pub listed: bool,
    /// Save the folder's snapshot once every listed file is analysed (set when the desk
    /// opened without one and the cache is on).
    pub snapshot_due: bool,
    /// The end of the first load, waiting for the event loop to run it apart
    /// ([`super::update::Effect::Finish`]).
    pub finish_job: Option<crate::desk::Finishing>,
    /// A preview of the folder-level panes during the first load, waiting for the event
    /// loop to run it apart ([`super::update::Effect::Preview`]).
    pub preview_job: Option<crate::desk::Finishing>,
    pub watch: WatchHealth,
    pub last_change: Option<DateTime<FixedOffset>>,
    pub message: Option<Message>,
    /// Where `e` proposes to write (outside the folder).
    pub export_dir: PathBuf,
    pub cwd: PathBuf,
    pub quit: bool,
    /// Something visible changed since the last draw.
    pub dirty: bool,
    /// The terminal was handed to another program: clear and redraw everything.
    pub full_redraw: bool,
}

impl App {
    pub fn new(desk: Desk, folder: PathBuf, theme: Theme, keymap: Keymap) -> App {
        let folder_label = folder.display().to_string();
        let epoch = DateTime::parse_from_rfc3339("2026-01-01T00:00:00+00:00")
            .unwrap_or_else(|_| DateTime::<FixedOffset>::default());
        let mut app = App {
            desk,
            folder: folder.clone(),
            folder_label,
            theme,
            keymap,
            size: (80, 24),
            now: epoch,
            rows: Vec::new(),
            listed_rows: 0,
            rows_dirty: true,
            conflict_index: HashMap::new(),
            counts: (0, 0),
            wrap_cache: RefCell::new(None),
            story_speakers: RefCell::new(None),
            selected: None,
            list_sel: 0,
            list_offset: 0,
            focus: Pane::List,
            text_scroll: 0,
            text_sel: None,
            quote_sel: 0,
            quote_offset: 0,
            speaker_sel: 0,
            speaker_offset: 0,
            speaker_open: None,
            speaker_quote_sel: 0,
            speaker_scope: Scope::Story,
            conflict_sel: 0,
            conflict_offset: 0,
            conflict_scope: Scope::Story,
            filters: Filters::default(),
            sort: Sort::Story,
            search: String::new(),
            hits: Vec::new(),
            hit_sel: None,
            input: None,
            overlay: Overlay::None,
            back: Vec::new(),
            read: BTreeSet::new(),
            read_hashes: BTreeSet::new(),
            vanished: None,
            chosen: false,
            watch_errors: Vec::new(),
            new_ids: BTreeSet::new(),
            files: BTreeMap::new(),
            listed: false,
            snapshot_due: false,
            finish_job: None,
            preview_job: None,
            watch: WatchHealth::Starting,
            last_change: None,
            message: None,
            export_dir: std::env::temp_dir(),
            cwd: std::env::current_dir().unwrap_or_default(),
            quit: false,
            dirty: true,
            full_redraw: false,
        };
        app.settle();
        app
    }

    /// Rebuilds derived data (rows, search hits) if something changed them.
    pub fn settle(&mut self) {
        if self.rows_dirty {
            self.rows_dirty = false;
            self.refresh_rows();
            if !self.search.is_empty() {
                self.hits = super::search::find(self, &self.search);
                if self.hit_sel.is_some_and(|i| i >= self.hits.len()) {
                    self.hit_sel = None;
                }
            }
        }
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.list_sel)
    }

    /// The article shown in the text pane.
    pub fn current(&self) -> Option<&Entry> {
        match self.selected_row()? {
            Row::Article(id) => self.desk.entry(id),
            _ => None,
        }
    }

    pub fn current_id(&self) -> Option<&str> {
        self.current().map(|e| e.article.id.as_str())
    }

    pub fn story_key(&self) -> Option<usize> {
        self.desk
            .stories
            .story_of(self.current_id()?)
            .map(|s| s.key)
    }

    /// The current article's story as the folder-level panes show it (during a first
    /// load, in its preview; see [`Desk::panes`]).
    pub fn pane_story_key(&self) -> Option<usize> {
        self.desk
            .panes()
            .stories
            .story_of(self.current_id()?)
            .map(|s| s.key)
    }

    /// While the first load runs, what the folder-level panes say of it: how many
    /// articles their preview was made of (not how far the load is: the status bar says
    /// that), long and short.
    pub fn loading_notes(&self) -> Option<[String; 2]> {
        match self.desk.preview_articles()? {
            // The end pass runs without the last preview (it would double the memory
            // of the indexes): the panes wait for the whole folder.
            0 if self.desk.is_finishing() => {
                Some(["grouping the folder…".into(), "grouping…".into()])
            }
            0 => Some(["loading…".into(), "loading…".into()]),
            n => Some([format!("preview of {n} articles"), "preview".into()]),
        }
    }

    /// The long form of [`Self::loading_notes`].
    pub fn loading_note(&self) -> Option<String> {
        self.loading_notes().map(|[long, _]| long)
    }

    pub fn is_unread(&self, id: &str) -> bool {
        !self.read.contains(id)
    }

    /// The name a quote is attributed to (merged speaker name when the index knows it).
    pub fn speaker_name(&self, id: &str, entry: &Entry, q: &Quote) -> Option<String> {
        let e = q.speaker?;
        if let Some(s) = self.desk.panes().speakers.speaker_of(id, e) {
            return Some(s.name.clone());
        }
        entry.analysis.entities.get(e).map(|e| e.name.clone())
    }

    /// Palette index of the speaker of quote `q` (unattributed quotes get none).
    pub fn quote_colour(&self, id: &str, entry: &Entry, q: &Quote) -> Option<usize> {
        self.speaker_name(id, entry, q)
            .map(|n| self.theme.speaker_index(&n))
    }

    /// Conflicts with a claim in article `id` (from the index rebuilt with the rows).
    pub fn conflicts_of_article(&self, id: &str) -> Vec<&Conflict> {
        self.conflict_index
            .get(id)
            .map(|v| {
                v.iter()
                    .filter_map(|(k, i)| self.desk.story_conflicts(*k).get(*i))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Conflicts shown in the conflicts pane: the current story's (and any touching the
    /// current article), or the whole folder's.
    pub fn visible_conflicts(&self) -> Vec<&Conflict> {
        let panes = self.desk.panes();
        match self.conflict_scope {
            Scope::All => panes.conflicts().collect(),
            Scope::Story => {
                let mut v: Vec<&Conflict> = match self.pane_story_key() {
                    Some(k) => panes.story_conflicts(k).iter().collect(),
                    None => Vec::new(),
                };
                if let Some(id) = self.current_id() {
                    // The list's index is of this desk; a preview has its own conflicts.
                    let of_article: Vec<&Conflict> = if std::ptr::eq(panes, &self.desk) {
                        self.conflicts_of_article(id)
                    } else {
                        panes.article_conflicts(id).collect()
                    };
                    for c in of_article {
                        if !v.iter().any(|x| std::ptr::eq(*x, c)) {
                            v.push(c);
                        }
                    }
                }
                v
            }
        }
    }

    /// Speakers shown in who-said-what: those quoted in the current story, or everyone.
    /// A story's are found from its articles' quotes, not by sorting and sifting every
    /// speaker of the folder (tens of thousands at 10,000 articles, on every key).
    pub fn visible_speakers(&self) -> Vec<&Speaker> {
        let panes = self.desk.panes();
        match self.speaker_scope {
            Scope::All => panes.sorted_speakers(),
            Scope::Story => self
                .story_speaker_keys()
                .iter()
                .filter_map(|&k| panes.speakers.get(k))
                .collect(),
        }
    }

    /// The keys of the speakers quoted in the current story (and article), in the order
    /// of `SpeakerIndex::speakers`; kept until the story, article or speakers change.
    fn story_speaker_keys(&self) -> Rc<[usize]> {
        let panes = self.desk.panes();
        let story = self.pane_story_key();
        let key: StorySpeakersKey = (
            std::ptr::from_ref(panes) as usize,
            panes.len(),
            panes.speakers.generation(),
            story,
            self.current_id().map(str::to_string),
        );
        if let Some((k, keys)) = &*self.story_speakers.borrow()
            && *k == key
        {
            return keys.clone();
        }
        let mut articles: BTreeSet<&str> = match story {
            Some(k) => panes
                .stories
                .get(k)
                .map(|s| s.articles.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            None => BTreeSet::new(),
        };
        articles.extend(self.current_id());
        let mut seen = BTreeSet::new();
        let mut found: Vec<&Speaker> = Vec::new();
        for id in articles {
            let Some(e) = self.desk.entry(id) else {
                continue;
            };
            for q in &e.analysis.quotes {
                if let Some(s) = q.speaker.and_then(|i| panes.speakers.speaker_of(id, i))
                    && seen.insert(s.key)
                {
                    found.push(s);
                }
            }
        }
        // The order of `SpeakerIndex::speakers`.
        found.sort_by(|a, b| Speaker::shown_order(a, b));
        let keys: Rc<[usize]> = found.iter().map(|s| s.key).collect();
        *self.story_speakers.borrow_mut() = Some((key, keys.clone()));
        keys
    }

    /// How many speakers who-said-what shows (the whole folder's without listing them).
    pub fn speaker_count(&self) -> usize {
        match self.speaker_scope {
            Scope::All => self.desk.panes().speaker_order().len(),
            Scope::Story => self.visible_speakers().len(),
        }
    }

    /// Up to `len` of the speakers who-said-what shows, from position `start`: the whole
    /// folder's are looked up from the desk's kept order for that page only.
    pub fn speaker_page(&self, start: usize, len: usize) -> Vec<&Speaker> {
        match self.speaker_scope {
            Scope::All => {
                let panes = self.desk.panes();
                let order = panes.speaker_order();
                let end = start.saturating_add(len).min(order.len());
                let keys = order.get(start..end).unwrap_or_default();
                keys.iter().filter_map(|&k| panes.speakers.get(k)).collect()
            }
            Scope::Story => self
                .visible_speakers()
                .into_iter()
                .skip(start)
                .take(len)
                .collect(),
        }
    }

    /// The speaker whose quotes who-said-what shows, if one is open.
    pub fn open_speaker(&self) -> Option<&Speaker> {
        let key = self.speaker_open?;
        self.desk
            .panes()
            .speakers
            .get(key)
            .filter(|s| !s.quotes.is_empty())
    }

    /// The wrapped lines of the current article at the text pane's width.
    pub fn text_lines(&self) -> Rc<Vec<WLine>> {
        let Some(e) = self.current() else {
            return Rc::new(Vec::new());
        };
        self.wrapped(e, super::layout::text_width(self))
    }

    /// `entry`'s text wrapped at `width`, memoised for the last article and width (a long
    /// article is wrapped once, not on every frame and key).
    pub fn wrapped(&self, entry: &Entry, width: usize) -> Rc<Vec<WLine>> {
        let text = &entry.article.text;
        let key = (text.as_ptr() as usize, text.len(), width);
        if let Some((k, lines)) = &*self.wrap_cache.borrow()
            && *k == key
        {
            return lines.clone();
        }
        let lines = Rc::new(wrap::wrap(text, &entry.analysis.model.paragraphs, width));
        *self.wrap_cache.borrow_mut() = Some((key, lines.clone()));
        lines
    }

    /// Rows of the list: analysed articles grouped by story (largest first), newest first
    /// within a story, each story of several reports under a head row (when sorted by
    /// story); then files still being read. Files that gave nothing are not rows (the
    /// problems view lists them).
    /// Keeps the selection on the same row key and that row at the same screen line.
    pub fn refresh_rows(&mut self) {
        // The stories in their order, sorted once, and each article's story and its rank
        // among them, from one pass over the stories: at 10,000 articles a second sort
        // and a story look-up per article were most of a rebuild after every update.
        let stories = self.desk.stories.stories();
        let (index, conflicts) = conflict_index(&self.desk, &stories);
        self.conflict_index = index;
        self.counts = (stories.len(), conflicts);
        let mut place: FxHashMap<&str, (usize, usize, usize)> = FxHashMap::default();
        place.reserve(self.desk.len());
        for (rank, s) in stories.iter().enumerate() {
            for a in &s.articles {
                place.insert(a.as_str(), (s.key, rank, s.articles.len()));
            }
        }
        let speaker_articles: Option<BTreeSet<String>> = self.filters.speaker.map(|k| {
            self.desk
                .panes()
                .speakers
                .get(k)
                .into_iter()
                .flat_map(|s| s.quotes.iter().map(|q| q.article.clone()))
                .collect()
        });
        let mut arts: Vec<(ListKey, &str, Option<usize>)> = Vec::new();
        for e in self.desk.entries() {
            let id = e.article.id.as_str();
            let (story, rank, group) = match place.get(id) {
                Some(&(key, rank, len)) => (Some(key), rank, (len > 1).then_some(key)),
                None => (None, usize::MAX, None),
            };
            // The open article stays in an unread list after it was read (so the reader
            // keeps what they chose); it leaves when the selection moves on.
            if self.filters.unread && !self.is_unread(id) && self.selected.as_deref() != Some(id) {
                continue;
            }
            if self.filters.story.is_some() && story != self.filters.story {
                continue;
            }
            if let Some(set) = &speaker_articles
                && !set.contains(id)
            {
                continue;
            }
            let nconf = if self.filters.conflicts || self.sort == Sort::Conflicts {
                self.conflicts_of_article(id).len()
            } else {
                0 // not asked for
            };
            if self.filters.conflicts && nconf == 0 {
                continue;
            }
            let t = e
                .article
                .published
                .map(|d| -d.timestamp())
                .unwrap_or(i64::MAX);
            let fold = |s: Option<&str>| {
                s.map(str::to_lowercase)
                    .unwrap_or_else(|| "\u{10ffff}".into())
            };
            let key = match self.sort {
                Sort::Story => ListKey::Num(rank as i64, t),
                Sort::Time => ListKey::Num(t, 0),
                Sort::Outlet => ListKey::Text(fold(e.article.source.as_deref()), t),
                Sort::Title => ListKey::Text(fold(e.article.title.as_deref()), t),
                Sort::Conflicts => ListKey::Num(-(nconf as i64), t),
                Sort::Quotes => ListKey::Num(-(e.analysis.quotes.len() as i64), t),
            };
            arts.push((key, id, group));
        }
        arts.sort();
        let heads = self.sort == Sort::Story && arts.iter().any(|a| a.2.is_some());
        let mut rows: Vec<Row> = Vec::with_capacity(arts.len() + 1);
        for (i, (_, id, group)) in arts.iter().enumerate() {
            if heads && (i == 0 || arts[i - 1].2 != *group) {
                let shown = arts[i..].iter().take_while(|a| a.2 == *group).count();
                rows.push(Row::Story { key: *group, shown });
            }
            rows.push(Row::Article(id.to_string()));
        }
        // Files that gave nothing are not rows: the problems view lists them, and the
        // status bar counts them.
        if !self.filters.any() {
            for (rel, st) in &self.files {
                if !st.analysed && self.desk.articles_of_file(rel).is_empty() {
                    rows.push(Row::Pending(rel.clone()));
                }
            }
        }
        self.listed_rows = rows.iter().filter(|r| !r.is_head()).count();
        let old_screen = self.list_sel.saturating_sub(self.list_offset);
        let old_key = self.selected.clone();
        let followed = old_key.as_deref().filter(|_| self.chosen);
        let found = followed.and_then(|k| {
            rows.iter().position(|r| r.key() == k).or_else(|| {
                // A feed file that was pending now gives `file#item` articles.
                let prefix = format!("{k}#");
                rows.iter().position(|r| r.key().starts_with(&prefix))
            })
        });
        self.rows = rows;
        let sel = match found {
            Some(i) => i,
            None if !self.chosen => selectable(&self.rows, 0, true),
            None => selectable(
                &self.rows,
                self.list_sel.min(self.rows.len().saturating_sub(1)),
                true,
            ),
        };
        self.list_sel = sel;
        self.list_offset = sel.saturating_sub(old_screen);
        let new_key = self.rows.get(sel).map(|r| r.key().to_string());
        if new_key != old_key {
            self.selected = new_key;
            self.article_changed();
        }
        self.clamp_list();
    }

    /// Resets per-article positions after the selected article changed.
    pub fn article_changed(&mut self) {
        self.text_scroll = 0;
        self.text_sel = None;
        self.quote_sel = 0;
        self.quote_offset = 0;
        if self.conflict_scope == Scope::Story {
            self.conflict_sel = 0;
            self.conflict_offset = 0;
        }
        if self.speaker_scope == Scope::Story && self.speaker_open.is_none() {
            self.speaker_sel = 0;
            self.speaker_offset = 0;
        }
        if let Some(id) = self.selected.clone() {
            self.new_ids.remove(&id);
        }
    }

    /// Keeps the list selection inside the list and visible.
    pub fn clamp_list(&mut self) {
        let h = super::layout::pane_rows(self, Pane::List).max(1);
        clamp_window(
            &mut self.list_sel,
            &mut self.list_offset,
            self.rows.len(),
            h,
        );
        // The first article of a story shows with its head above it.
        if self.list_offset == self.list_sel
            && h > 1
            && self.list_sel > 0
            && self.rows[self.list_sel - 1].is_head()
        {
            self.list_offset -= 1;
        }
    }

    /// Selects the row with key `key` (clearing filters if it is hidden). True if found.
    pub fn select_key(&mut self, key: &str) -> bool {
        let mut pos = self.rows.iter().position(|r| r.key() == key);
        if pos.is_none() && self.filters.any() && self.desk.entry(key).is_some() {
            self.filters = Filters::default();
            self.refresh_rows();
            pos = self.rows.iter().position(|r| r.key() == key);
        }
        let Some(i) = pos else { return false };
        self.chosen = true;
        if self.selected.as_deref() != Some(key) {
            self.list_sel = i;
            self.selected = Some(key.to_string());
            self.article_changed();
        }
        self.clamp_list();
        true
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            at: self.now,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
            at: self.now,
        });
    }

    /// Counts for the status bar: analysed files and files known.
    pub fn progress(&self) -> (usize, usize) {
        let done = self.files.values().filter(|f| f.analysed).count();
        (done, self.files.len())
    }
}

/// Article id -> (story key, index) of the conflicts with a claim in it, and how many
/// conflicts there are, from the desk's stories in their order.
type ConflictIndex = HashMap<String, Vec<(usize, usize)>>;

fn conflict_index(desk: &Desk, stories: &[&Story]) -> (ConflictIndex, usize) {
    let mut idx: ConflictIndex = HashMap::new();
    let mut conflicts = 0;
    for s in stories {
        conflicts += desk.story_conflicts(s.key).len();
        for (i, c) in desk.story_conflicts(s.key).iter().enumerate() {
            for cl in &c.claims {
                let v = idx.entry(cl.article.clone()).or_default();
                if !v.contains(&(s.key, i)) {
                    v.push((s.key, i));
                }
            }
        }
    }
    (idx, conflicts)
}

/// How one article sorts in the list (then by id, for a stable order).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ListKey {
    Num(i64, i64),
    Text(String, i64),
}

/// A stable hash of an article's content (title and text), hex: read state and position
/// follow the content when its file is moved or renamed.
pub fn content_hash(entry: &Entry) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let title = entry.article.title.as_deref().unwrap_or("");
    for b in title.bytes().chain([0u8]).chain(entry.article.text.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The row a move to `i` lands on: `i` itself, or past the story heads there in the
/// direction of the move (`forward`), else the other way; `i` when nothing is selectable.
pub fn selectable(rows: &[Row], i: usize, forward: bool) -> usize {
    let ok = |j: &usize| rows.get(*j).is_some_and(|r| !r.is_head());
    let ahead = (i..rows.len()).find(ok);
    let behind = (0..=i.min(rows.len().saturating_sub(1))).rev().find(ok);
    let pick = if forward {
        ahead.or(behind)
    } else {
        behind.or(ahead)
    };
    pick.unwrap_or(i)
}

/// Clamps a selection to `len` items and scrolls `offset` so it stays inside `height`.
pub fn clamp_window(sel: &mut usize, offset: &mut usize, len: usize, height: usize) {
    if len == 0 {
        *sel = 0;
        *offset = 0;
        return;
    }
    *sel = (*sel).min(len - 1);
    let height = height.max(1);
    if *sel < *offset {
        *offset = *sel;
    } else if *sel >= *offset + height {
        *offset = *sel + 1 - height;
    }
    *offset = (*offset).min(len.saturating_sub(height));
}

/// Drops control characters (articles are sanitised at ingest; this is a cheap second net
/// before anything reaches the terminal).
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_selection_visible() {
        let (mut s, mut o) = (10, 0);
        clamp_window(&mut s, &mut o, 20, 5);
        assert_eq!((s, o), (10, 6));
        let (mut s, mut o) = (2, 6);
        clamp_window(&mut s, &mut o, 20, 5);
        assert_eq!((s, o), (2, 2));
        let (mut s, mut o) = (30, 0);
        clamp_window(&mut s, &mut o, 3, 5);
        assert_eq!((s, o), (2, 0));
    }

    /// While a first load runs, who-said-what and the conflicts show its preview,
    /// marked as loading, and the list keeps its order; the end of the load replaces
    /// both with the finished desk.
    #[test]
    fn panes_show_the_preview_while_the_list_stays() {
        use crate::desk::tests::{REPORTS, plain_file};
        let mut desk = Desk::new();
        desk.defer_folder_work();
        for (rel, text) in &REPORTS[..3] {
            desk.apply_file(rel, plain_file(rel, text));
        }
        let mut app = App::new(
            desk,
            PathBuf::from("/nonexistent"),
            Theme::new("dark", false),
            Keymap::default(),
        );
        app.speaker_scope = Scope::All;
        assert_eq!(app.loading_note().as_deref(), Some("loading…"));
        assert!(app.visible_speakers().is_empty(), "nothing grouped yet");
        let rows = app.rows.clone();
        let job = app.desk.start_preview_from(1, 3).expect("a preview");
        app.desk.adopt(job.run());
        app.rows_dirty = true;
        app.settle();
        assert_eq!(app.rows, rows, "the list does not move");
        assert_eq!(app.loading_note().as_deref(), Some("preview of 3 articles"));
        let names: Vec<&str> = app
            .visible_speakers()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert!(names.contains(&"Tamsin Quarrie"), "{names:?}");
        assert_eq!(app.speaker_count(), names.len());
        let end = app.desk.start_finishing(false).expect("the end");
        assert_eq!(app.loading_note().as_deref(), Some("grouping the folder…"));
        assert!(app.visible_speakers().is_empty(), "the preview is gone");
        app.desk.adopt(end.run());
        assert_eq!(app.loading_note(), None);
        assert_eq!(app.speaker_count(), app.desk.speaker_order().len());
    }

    #[test]
    fn clean_strips_controls() {
        assert_eq!(clean("a\u{1b}[31mb\u{7}"), "a [31mb ");
        assert!(matches!(clean("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
