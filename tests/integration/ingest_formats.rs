//! Every format and encoding on small invented fixtures (tests/fixtures/ingest/).

use quotedesk::ingest::{Article, FileOutcome, Format, IngestOptions, list_files, read_file};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

fn read(rel: &str) -> FileOutcome {
    read_file(&root(), rel, &IngestOptions::default())
}

fn one(rel: &str) -> Article {
    let out = read(rel);
    assert!(out.skipped.is_none(), "{rel}: {:?}", out.skipped);
    assert_eq!(out.articles.len(), 1, "{rel}");
    out.articles.into_iter().next().unwrap()
}

fn no_controls(a: &Article) {
    for s in [Some(&a.text), a.title.as_ref(), a.source.as_ref()]
        .into_iter()
        .flatten()
    {
        assert!(
            !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{}: control char in {s:?}",
            a.id
        );
    }
}

#[test]
fn txt_is_the_whole_file_with_lf() {
    let a = one("plain.txt");
    assert_eq!(a.format, Format::Txt);
    assert_eq!(a.id, "plain.txt");
    assert_eq!(a.title.as_deref(), Some("Ferry crews return to work"));
    let file = std::fs::read_to_string(root().join("plain.txt")).unwrap();
    assert_eq!(a.text, file.replace("\r\n", "\n"));
    assert!(a.warnings.is_empty());
}

#[test]
fn utf8_bom_is_dropped() {
    let a = one("bom-utf8.txt");
    assert!(a.text.starts_with("Café owners protest\n"));
    assert!(a.warnings.is_empty());
}

#[test]
fn utf16_both_byte_orders() {
    for f in ["utf16le.txt", "utf16be.txt"] {
        let a = one(f);
        assert_eq!(
            a.title.as_deref(),
            Some("Søren Halvorsen named harbour master"),
            "{f}"
        );
        assert!(
            a.text
                .contains("\u{201C}It is an honour,\u{201D} said Søren Halvorsen.")
        );
    }
}

#[test]
fn latin1_decoded_with_warning() {
    let a = one("latin1.txt");
    assert_eq!(a.title.as_deref(), Some("Mayor François Müller resigns"));
    assert!(a.text.contains("« C'est fini »"), "{}", a.text);
    assert!(a.text.contains("café"));
    assert!(
        a.warnings.iter().any(|w| w.contains("not UTF-8")),
        "{:?}",
        a.warnings
    );
}

#[test]
fn markdown_front_matter_and_plain_prose() {
    let a = one("article.md");
    assert_eq!(a.format, Format::Md);
    assert_eq!(
        a.title.as_deref(),
        Some("Rail bridge reopens after repairs")
    );
    assert_eq!(a.source.as_deref(), Some("Evening Ledger"));
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-04-02T10:00:00+02:00")
    );
    assert_eq!(
        a.text,
        "Rail bridge reopens after repairs\n\n\
         The Dunmere rail bridge reopened on Wednesday after eight months of repairs.\n\n\
         \"Trains will run every ten minutes again,\" said Transport Minister Elif Demir.\n\n\
         Repairs cost 14 million euros.\n\n\
         3 contractors worked on the site."
    );
    for bad in ["**", "](", "![", "bridge.jpg", "https://"] {
        assert!(!a.text.contains(bad), "{bad}");
    }
}

#[test]
fn html_body_without_furniture() {
    let a = one("page.html");
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title.as_deref(), Some("Port director quits after audit"));
    assert_eq!(a.source.as_deref(), Some("Harbour Times"));
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-05-06T07:15:00+02:00")
    );
    let paras: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(
        paras,
        [
            "Port director quits after audit",
            "The director of the Halden Bay port authority, Javier Castellano, resigned on Monday after an audit found accounting errors worth 2.3 million euros.",
            "\u{201C}I accept the blame for every delay this winter,\u{201D} Castellano said in a statement.",
            "\u{201C}The errors were serious, but there is no sign of fraud,\u{201D} said the auditor, Mirela Ionescu.",
            "The port\u{2019}s board will appoint an interim director on Friday, a spokesman said.",
        ]
    );
    for bad in [
        "cookies",
        "Sport",
        "Weather",
        "Share",
        "Advertisement",
        "newsletter",
        "Related",
        "dredging",
        "rights reserved",
        "Privacy",
        "analytics",
        "color",
    ] {
        assert!(!a.text.contains(bad), "furniture {bad:?} in {}", a.text);
    }
}

#[test]
fn txt_that_is_html_or_json_is_read_as_such() {
    let h = one("html-in.txt");
    assert_eq!(h.format, Format::Html);
    assert_eq!(
        h.text,
        "Budget passed\n\nThe council of Bellmoor passed its budget by 21 votes to 9 on Thursday."
    );
    let j = one("json-in.txt");
    assert_eq!(j.format, Format::Json);
    assert_eq!(
        j.text,
        "Water restrictions lifted\n\nRestrictions on garden hoses in Tarvik were lifted on Sunday."
    );
}

#[test]
fn json_single_object() {
    let a = one("single.json");
    assert_eq!(a.id, "single.json");
    assert_eq!(a.title.as_deref(), Some("Museum roof repaired"));
    assert_eq!(a.source.as_deref(), Some("Daily Meridian"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://example.org/news/museum-roof")
    );
    assert!(a.published.is_some());
    assert_eq!(
        a.text,
        "Museum roof repaired\n\nThe roof of the Castelbrio museum has been repaired.\n\n\u{201C}We can open again,\u{201D} said curator Noor Haddad."
    );
}

#[test]
fn json_array_items_with_ids() {
    let out = read("array.json");
    assert!(out.skipped.is_none(), "{:?}", out.skipped);
    let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["array.json#m-1", "array.json#second-report", "array.json#3"]
    );
    assert_eq!(out.articles[0].source.as_deref(), Some("Coastal Herald"));
    assert_eq!(
        out.articles[1].text,
        "Second report\n\nTalks resume on Monday.\n\n\u{201C}We are hopeful,\u{201D} said Rosa Tavares."
    );
    assert!(out.articles[1].published.is_some());
    assert_eq!(out.articles[2].text, "Third report\n\nA short note.");
    assert!(out.articles.iter().all(|a| a.path == "array.json"));
}

#[test]
fn json_lines() {
    let out = read("lines.jsonl");
    assert!(out.skipped.is_none());
    let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["lines.jsonl#1", "lines.jsonl#2"]);
    assert_eq!(out.articles[1].text, "Line two\n\nSecond line article.");
}

#[test]
fn rss_items_split_with_guid_link_or_index() {
    let out = read("feed.rss");
    assert!(out.skipped.is_none(), "{:?}", out.skipped);
    let ids: Vec<&str> = out.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "feed.rss#nws-101",
            "feed.rss#https://example.org/resume",
            "feed.rss#3"
        ]
    );
    let a = &out.articles[0];
    assert_eq!(a.format, Format::Rss);
    assert_eq!(a.source.as_deref(), Some("Northern Wire Service"));
    assert_eq!(
        a.text,
        "Storm closes airport\n\nThe airport at Ravensfjord closed on Wednesday as winds reached 120 km/h.\n\n\u{201C}Safety comes first,\u{201D} said airport director Henrik Aalto."
    );
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-03-12T06:00:00+00:00")
    );
    assert_eq!(
        out.articles[1].text,
        "Flights resume\n\nFlights resumed on Thursday morning."
    );
}

#[test]
fn atom_entries() {
    let out = read("atom.xml");
    assert!(out.skipped.is_none(), "{:?}", out.skipped);
    assert_eq!(out.articles.len(), 1);
    let a = &out.articles[0];
    assert_eq!(a.format, Format::Atom);
    assert_eq!(a.id, "atom.xml#urn:rpa:7");
    assert_eq!(a.source.as_deref(), Some("Regional Press Agency"));
    assert_eq!(
        a.text,
        "Snow blocks mountain pass\n\nThe pass above Krasnoval was closed on Saturday.\n\n\"Do not travel,\" police said."
    );
    assert!(a.published.is_some());
}

#[test]
fn hostile_article_is_defused() {
    let a = one("hostile.txt");
    for c in a.text.chars() {
        assert!(
            !(c.is_control() && c != '\n' && c != '\t'),
            "control {:?} survived in {:?}",
            c,
            a.text
        );
        assert!(!('\u{202A}'..='\u{202E}').contains(&c));
    }
    assert!(!a.text.contains('\u{1b}') && !a.text.contains('\u{7}'));
    assert!(!a.text.contains("owned window title") && !a.text.contains("another title"));
    assert!(!a.text.contains("evil.example"));
    assert_eq!(a.title.as_deref(), Some("Council meeting report"));
    assert!(
        a.text
            .contains("The council met on Monday and approved the plan."),
        "{:?}",
        a.text
    );
    assert!(
        a.text.contains("Click nothing. Done. reversed"),
        "{:?}",
        a.text
    );
}

#[test]
fn every_fixture_is_clean() {
    let files = list_files(&root(), &IngestOptions::default()).unwrap();
    assert!(files.len() > 20);
    for f in files {
        for a in read(&f).articles {
            no_controls(&a);
            assert_eq!(a.path, f);
        }
    }
}

#[test]
fn html_without_article_markup_goes_through_readability() {
    let a = one("divsoup.html");
    assert_eq!(a.title.as_deref(), Some("Boil-water notice lifted"));
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-08-19T00:00:00+00:00")
    );
    let paras: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(paras.len(), 5, "{paras:#?}");
    assert!(paras[2].starts_with(
        "\u{201C}Every sample we took on Monday came back clean,\u{201D} said Clara Mbeki"
    ));
    for bad in [
        "Home",
        "Sport",
        "Council tax",
        "cycle lanes",
        "Copyright",
        "rights reserved",
    ] {
        assert!(!a.text.contains(bad), "furniture {bad:?} in {}", a.text);
    }
}
