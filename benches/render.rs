//! Render time of one frame of the desk on a long article at 160x48 (TestBackend).
//! `cargo bench --bench render` prints µs/frame. Not a test: no assertion on time.

use quotedesk::analysis::ArticleAnalysis;
use quotedesk::analysis::conflicts::{Claim, Conflict, ConflictKind, Severity};
use quotedesk::analysis::entities::{Entity, EntityKind};
use quotedesk::analysis::quotes::{Quote, QuoteKind};
use quotedesk::desk::{AnalyzedFile, Desk, Entry};
use quotedesk::ingest::{Article, Format};
use quotedesk::text::{Span, TextModel};
use quotedesk::tui::app::{App, Pane};
use quotedesk::tui::keymap::Keymap;
use quotedesk::tui::theme::Theme;
use quotedesk::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Instant;

const NAMES: [&str; 6] = [
    "Lena Ortiz",
    "Samir Haddad",
    "Tomas Brandt",
    "Ines Varga",
    "Noor Kessler",
    "Piet Lammers",
];

/// An invented article of `paras` paragraphs with a quote in every paragraph.
fn long_article(id: &str, paras: usize) -> Entry {
    let mut text = String::new();
    let mut quotes = Vec::new();
    for p in 0..paras {
        if p > 0 {
            text.push_str("\n\n");
        }
        let who = p % NAMES.len();
        text.push_str(&format!(
            "Officials met again on day {p} to discuss the closure of the harbour bridge, \
             which about {} commuters use, while engineers kept testing the piers. ",
            1000 + p * 10
        ));
        let q = "we will keep the public informed at every step of the work";
        let start = text.len() + "“".len();
        text.push_str(&format!("“{q},” "));
        let mention_start = text.len();
        text.push_str(NAMES[who]);
        let mention = Span::new(mention_start, text.len());
        text.push(' ');
        let cue_start = text.len();
        text.push_str("said");
        let cue = Span::new(cue_start, text.len());
        text.push_str(". The ferries ran every twenty minutes and the queues were short.");
        quotes.push(Quote {
            span: Span::new(start, start + q.len()),
            kind: QuoteKind::Direct,
            group: None,
            speaker: Some(who),
            mention: Some(mention),
            cue: Some(cue),
        });
    }
    let entities = NAMES
        .iter()
        .map(|n| Entity {
            name: n.to_string(),
            aliases: vec![n.to_string()],
            roles: vec![],
            kind: EntityKind::Person,
            gender: None,
            mentions: vec![],
        })
        .collect();
    let model = TextModel::new(&text);
    Entry {
        article: Article {
            id: id.to_string(),
            path: id.to_string(),
            format: Format::Txt,
            title: Some("A long report on the harbour bridge".into()),
            source: Some("Bay Courier".into()),
            published: None,
            url: None,
            text,
            warnings: vec![],
        },
        analysis: ArticleAnalysis {
            model,
            quotes,
            entities,
            facts: vec![],
            story: None,
        },
    }
}

fn main() {
    let mut desk = Desk::new();
    let paras = 400;
    let e = long_article("long.txt", paras);
    let bytes = e.article.text.len();
    let claims: Vec<Claim> = {
        let t = &e.article.text;
        (0..paras)
            .step_by(7)
            .filter_map(|p| {
                let needle = format!("{} commuters", 1000 + p * 10);
                t.find(&needle).map(|s| Claim {
                    article: "long.txt".into(),
                    span: Span::new(s, s + needle.len()),
                    value: needle,
                })
            })
            .collect()
    };
    desk.apply_file(
        "long.txt",
        AnalyzedFile {
            entries: vec![e],
            skipped: None,
            key: None,
        },
    );
    for i in 0..200 {
        let rel = format!("other-{i:03}.txt");
        desk.apply_file(
            &rel,
            AnalyzedFile {
                entries: vec![long_article(&rel, 3)],
                skipped: None,
                key: None,
            },
        );
    }
    let story = desk
        .stories
        .story_of("long.txt")
        .map(|s| s.key)
        .unwrap_or(0);
    let conflicts = claims
        .chunks(2)
        .map(|c| Conflict {
            kind: ConflictKind::Number,
            severity: Severity::Hard,
            subject: "commuters".into(),
            summary: "different counts".into(),
            claims: c.to_vec(),
        })
        .collect();
    desk.set_story_conflicts(story, conflicts);
    let mut app = App::new(
        desk,
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    app.size = (160, 48);
    app.select_key("long.txt");
    app.focus = Pane::Text;
    app.text_scroll = 600;
    app.search = "bridge".into();
    app.hits = quotedesk::tui::search::find(&app, "bridge");
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    for _ in 0..5 {
        term.draw(|f| views::draw(f, &app)).expect("draw");
    }
    let frames = 200;
    let t0 = Instant::now();
    for i in 0..frames {
        app.text_scroll = 600 + (i % 50);
        term.draw(|f| views::draw(f, &app)).expect("draw");
    }
    let per = t0.elapsed().as_secs_f64() * 1e6 / frames as f64;
    // Where the time goes: each pane alone.
    let areas = quotedesk::tui::layout::areas(&app);
    let mut parts = Vec::new();
    for (pane, rect) in &areas.panes {
        let t0 = Instant::now();
        for _ in 0..frames {
            term.draw(|f| match pane {
                Pane::List => views::list::draw(f, &app, *rect),
                Pane::Text => views::text::draw(f, &app, *rect),
                Pane::Quotes => views::quotes::draw(f, &app, *rect),
                Pane::Speakers => views::speakers::draw(f, &app, *rect),
                Pane::Conflicts => views::conflicts::draw(f, &app, *rect),
            })
            .expect("draw");
        }
        let us = t0.elapsed().as_secs_f64() * 1e6 / frames as f64;
        parts.push(format!("{} {us:.0}", pane.title()));
    }
    println!(
        "render parts (µs, incl. terminal diff): {}",
        parts.join(", ")
    );
    println!(
        "render: {per:.0} µs/frame at 160x48 on a {bytes}-byte article ({paras} paragraphs, \
         {} quotes, {} search hits, 201 articles in the list)",
        paras,
        app.hits.len()
    );
}
