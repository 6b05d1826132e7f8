//! A deterministic corpus of invented news articles for benchmarks.
//!
//! Use from a bench binary with `#[path = "corpus.rs"] mod corpus;`.
//! [`generate`] writes `articles` files of mixed formats (txt, md, html pages with
//! navigation/footer furniture, json, and a few RSS feeds) grouped into `stories`
//! invented events. Articles of one story share people, places and facts, and now and
//! then disagree on a number, a title or a date, as real reports do. Every word is
//! made up here; nothing is read from outside. The same `(index, stories, seed)` always
//! gives the same bytes.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Writes `articles` files under `dir` (created if missing) and returns their total size
/// in bytes. About 4 KB of body text per article: 10,000 articles are about 40 MB.
pub fn generate(dir: &Path, articles: usize, stories: usize, seed: u64) -> u64 {
    let mut bytes = 0;
    for i in 0..articles {
        let path = write_one(dir, i, stories, seed);
        bytes += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    }
    bytes
}

/// Writes article number `index` (as [`generate`] would) and returns its path.
pub fn write_one(dir: &Path, index: usize, stories: usize, seed: u64) -> PathBuf {
    let stories = stories.max(1);
    let story_no = index % stories;
    let story = Story::new(story_no, seed);
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xA5A5);
    let outlet = OUTLETS[rng.below(OUTLETS.len())];
    let sub = dir.join(format!("s{:04}", story_no));
    let _ = std::fs::create_dir_all(&sub);
    let kind = match index % 20 {
        0..=6 => Kind::Txt,
        7..=10 => Kind::Md,
        11..=15 => Kind::Html,
        16..=18 => Kind::Json,
        _ if index % 40 == 19 => Kind::Rss,
        _ => Kind::Txt,
    };
    let report = story.report(&mut rng, index);
    let (name, body) = match kind {
        Kind::Txt => (format!("{index:06}.txt"), render_txt(&report, outlet)),
        Kind::Md => (format!("{index:06}.md"), render_md(&report, outlet)),
        Kind::Html => (
            format!("{index:06}.html"),
            render_html(&report, outlet, &mut rng),
        ),
        Kind::Json => (
            format!("{index:06}.json"),
            render_json(&report, outlet, index),
        ),
        Kind::Rss => {
            // A feed carries this report and two shorter ones of the same story.
            let mut items = vec![report];
            for k in 1..3 {
                let mut r = story.report(&mut rng, index * 7 + k);
                r.paragraphs.truncate(4);
                items.push(r);
            }
            (format!("{index:06}.xml"), render_rss(&items, outlet, index))
        }
    };
    let path = sub.join(name);
    let _ = std::fs::write(&path, body);
    path
}

enum Kind {
    Txt,
    Md,
    Html,
    Json,
    Rss,
}

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x2545_F491_4F6C_DD1D)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "Marta", "Jonas", "Ilse", "Tomasz", "Amara", "Rafael", "Ingrid", "Kofi", "Lena", "Dmitri",
    "Sofia", "Henrik", "Priya", "Mateo", "Yusuf", "Clara", "Emeka", "Hanna", "Luca", "Noor",
    "Bartek", "Elif", "Oskar", "Rosa", "Tariq", "Vera", "Anouk", "Javier", "Mirela", "Sven",
];
const LAST: &[&str] = &[
    "Kowalczyk",
    "Brandt",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Novak",
    "Petrescu",
    "Almeida",
    "Virtanen",
    "Castellano",
    "Osei",
    "Dragomir",
    "Halvorsen",
    "Zielinski",
    "Mbeki",
    "Fontaine",
    "Ruiz",
    "Varga",
    "Demir",
    "Kessler",
    "Aalto",
    "Ionescu",
    "Mendes",
    "Sørensen",
    "Jiménez",
    "Łukasik",
    "Müller",
    "Quinlan",
    "Tavares",
];
const PLACES: &[&str] = &[
    "Varneck",
    "Port Elmsworth",
    "Krasnoval",
    "San Teodoro",
    "Halden Bay",
    "Ostrava Nova",
    "Bellmoor",
    "Tarvik",
    "Lacosta",
    "Dunmere",
    "Ravensfjord",
    "Castelbrio",
    "Nyhamn",
    "Zelenograd West",
    "Aubrac-sur-Lys",
    "Kilmorrow",
];
const REGIONS: &[&str] = &[
    "the northern province",
    "the coastal district",
    "the Lower Vessa valley",
    "the eastern highlands",
    "the river delta",
    "the southern lakes region",
];
const OUTLETS: &[&str] = &[
    "The Varneck Courier",
    "Northern Wire Service",
    "Daily Meridian",
    "Coastal Herald",
    "Evening Ledger",
    "Regional Press Agency",
    "The Morning Dispatch",
    "Harbour Times",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// One invented event type: what happened, what is counted, who speaks.
struct EventType {
    what: &'static str,
    headline: &'static str,
    counted: &'static str,
    second: &'static str,
    roles: [&'static str; 4],
    orgs: [&'static str; 2],
}

const EVENTS: &[EventType] = &[
    EventType {
        what: "a fire at a chemical warehouse",
        headline: "Fire at chemical warehouse in {P} forces evacuation",
        counted: "residents evacuated",
        second: "firefighters deployed",
        roles: [
            "Fire Chief",
            "Mayor",
            "Deputy Mayor",
            "Regional Health Director",
        ],
        orgs: ["the regional fire service", "the environment agency"],
    },
    EventType {
        what: "the partial collapse of a road bridge",
        headline: "Bridge collapses in {P}, cutting main route",
        counted: "vehicles on the span",
        second: "people injured",
        roles: [
            "Transport Minister",
            "Mayor",
            "Chief Engineer",
            "Police Commissioner",
        ],
        orgs: ["the national roads authority", "the transport ministry"],
    },
    EventType {
        what: "a strike by port workers",
        headline: "Port workers in {P} walk out over pay",
        counted: "workers on strike",
        second: "ships waiting at anchor",
        roles: [
            "Union Leader",
            "Port Director",
            "Labour Minister",
            "Deputy Labour Minister",
        ],
        orgs: ["the dockworkers' union", "the port authority"],
    },
    EventType {
        what: "flooding after three days of heavy rain",
        headline: "Floods swamp {P} after days of rain",
        counted: "homes flooded",
        second: "people rescued",
        roles: [
            "Interior Minister",
            "Mayor",
            "Flood Defence Chief",
            "Civil Protection Director",
        ],
        orgs: ["the civil protection agency", "the national weather office"],
    },
    EventType {
        what: "a recount in the municipal election",
        headline: "Recount ordered in {P} mayoral race",
        counted: "ballots disputed",
        second: "polling stations checked",
        roles: [
            "Election Commissioner",
            "Mayor",
            "Opposition Leader",
            "Council Speaker",
        ],
        orgs: ["the electoral commission", "the municipal council"],
    },
    EventType {
        what: "an outbreak of food poisoning at a school",
        headline: "Dozens ill after school lunch in {P}",
        counted: "pupils treated",
        second: "staff members tested",
        roles: [
            "Health Commissioner",
            "Deputy Health Commissioner",
            "Head Teacher",
            "Mayor",
        ],
        orgs: ["the public health institute", "the education board"],
    },
];

struct Person {
    name: String,
    role: &'static str,
}

/// The shared facts of one invented event.
struct Story {
    no: usize,
    event: &'static EventType,
    place: &'static str,
    region: &'static str,
    people: Vec<Person>,
    count: u32,
    second: u32,
    cost_million: u32,
    day: u32,
    month: usize,
    weekday: &'static str,
    year: u32,
}

/// One article's worth of content, before it is put in a file format.
struct Report {
    title: String,
    date: String,
    paragraphs: Vec<String>,
    author: String,
}

impl Story {
    fn new(no: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(no as u64 * 0x1000_0001));
        let event = &EVENTS[rng.below(EVENTS.len())];
        let mut people = Vec::new();
        for role in event.roles {
            let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
            people.push(Person { name, role });
        }
        Story {
            no,
            event,
            place: rng.pick(PLACES),
            region: rng.pick(REGIONS),
            people,
            count: 20 + rng.below(900) as u32,
            second: 3 + rng.below(120) as u32,
            cost_million: 2 + rng.below(80) as u32,
            day: 1 + rng.below(27) as u32,
            month: rng.below(12),
            weekday: WEEKDAYS[rng.below(7)],
            year: 2024 + rng.below(3) as u32,
        }
    }

    /// One outlet's report; some reports get a number, title or date wrong.
    fn report(&self, rng: &mut Rng, index: usize) -> Report {
        let ev = self.event;
        // Disagreements between reports of one story.
        let count = if rng.chance(20) {
            self.count + 1 + rng.below(15) as u32
        } else {
            self.count
        };
        let day = if rng.chance(10) {
            self.day + 1
        } else {
            self.day
        };
        let p = &self.people;
        let role0 = if rng.chance(15) {
            format!("Deputy {}", p[0].role)
        } else {
            p[0].role.to_string()
        };
        let (a, b, c, d) = (&p[0].name, &p[1].name, &p[2].name, &p[3].name);
        let last = |n: &str| n.rsplit(' ').next().unwrap_or(n).to_string();
        let (la, lb, lc, ld) = (last(a), last(b), last(c), last(d));
        let month = MONTHS[self.month];
        let place = self.place;
        let org0 = ev.orgs[0];
        let org1 = ev.orgs[1];
        let date = format!("{} {} {}", day, month, self.year);
        let title = ev.headline.replace("{P}", place);

        let mut pars: Vec<String> = vec![
            format!(
                "{place} — Authorities in {place} were dealing on {wd} with {what}, after {count} {counted} were reported across {region}, officials said.",
                wd = self.weekday,
                what = ev.what,
                counted = ev.counted,
                region = self.region
            ),
            format!(
                "\u{201C}We have never seen anything on this scale in {place},\u{201D} said {role0} {a}. \u{201C}Our teams have been working through the night and they will keep going until every street is safe.\u{201D}"
            ),
            format!(
                "The {role1}, {b}, said that the town had asked {org0} for extra help and that a crisis centre would open in the old market hall on {day} {month}.",
                role1 = p[1].role.to_lowercase()
            ),
            format!(
                "According to {org1}, {second} {sec} had been counted by {wd} evening, and the cost of the damage could reach {cost} million euros. The figure was described as \u{201C}a first estimate, nothing more\u{201D} by a spokeswoman.",
                second = self.second,
                sec = ev.second,
                wd = self.weekday,
                cost = self.cost_million
            ),
            format!(
                "{lc}, the {role2}, warned of \u{201C}serious consequences\u{201D} if the work was not finished before winter. \u{201C}I told the ministry in {m2} that this could happen,\u{201D} {lc} said. \u{201C}Nobody listened.\u{201D}",
                role2 = p[2].role.to_lowercase(),
                m2 = MONTHS[(self.month + 9) % 12]
            ),
            format!(
                "\u{201C}It is too early to say who is responsible,\u{201D} {d}, the {role3}, told reporters outside the town hall, \u{201C}but we will publish everything we find.\u{201D}",
                role3 = p[3].role.to_lowercase()
            ),
            format!(
                "Residents described a tense night. \u{201C}The sirens started just after two in the morning,\u{201D} said {res}, 54, who has lived on {street} Street for thirty years. \u{201C}We took the children and left with nothing.\u{201D}",
                res = format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
                street = rng.pick(LAST)
            ),
            format!(
                "{la} said the first {count} {counted} had been registered by volunteers at two schools, and that the list would be checked against the census records by {day2} {month}.",
                counted = ev.counted,
                day2 = day + 2
            ),
            format!(
                "In a statement, {org0} said it had sent {n} specialists and {m} vehicles to {place} and that further teams were on standby in {other}.",
                n = 10 + rng.below(60),
                m = 3 + rng.below(20),
                other = rng.pick(PLACES)
            ),
            format!(
                "{lb} rejected criticism from the opposition, saying the response had been \u{201C}fast and proportionate\u{201D}. Opposition councillors had called the preparations \u{201C}a disgrace\u{201D} on social media."
            ),
            format!(
                "The last comparable event in {region} took place in {y}, when {old} {counted} were recorded and repairs took {mo} months, according to figures from {org1}.",
                region = self.region,
                y = self.year - 1 - rng.below(15) as u32,
                old = 10 + rng.below(500),
                counted = ev.counted,
                mo = 2 + rng.below(20)
            ),
            format!(
                "{ld} said that an inquiry would begin on {wd2} and that its findings would be made public. \u{201C}People deserve answers, and they will get them,\u{201D} {ld} added.",
                wd2 = WEEKDAYS[(rng.below(7) + 1) % 7]
            ),
            format!(
                "Schools in {place} will stay closed until at least {day3} {month}, the education office said, while buses will run on a reduced timetable of {bus} services a day.",
                day3 = day + 3,
                bus = 12 + rng.below(40)
            ),
            format!(
                "Asked whether the warnings had been ignored, {la} paused. \u{201C}That is a fair question, and I will answer it when we know more,\u{201D} the {r0} said.",
                r0 = role0.to_lowercase()
            ),
            format!(
                "Insurers said claims were likely to run into the thousands. One broker in {place}, who asked not to be named, said her office had received {cl} calls by midday.",
                cl = 40 + rng.below(400)
            ),
            format!(
                "Weather forecasters expect {cond} for the rest of the week, with temperatures between {lo} and {hi} degrees. Officials said that they were \u{201C}cautiously hopeful\u{201D}.",
                cond = rng.pick(&[
                    "dry conditions",
                    "light showers",
                    "strong winds",
                    "clear skies"
                ]),
                lo = 2 + rng.below(8),
                hi = 11 + rng.below(10)
            ),
            format!(
                "This report (no. {index}, story {no}) was compiled with material from correspondents in {place} and {other}.",
                no = self.no,
                other = rng.pick(PLACES)
            ),
        ];
        // Vary order and length a little so reports differ, keeping the lead first.
        let n = pars.len();
        for k in 1..n - 1 {
            if rng.chance(25) {
                let j = 1 + rng.below(n - 2);
                pars.swap(k, j);
            }
        }
        if rng.chance(30) {
            pars.remove(1 + rng.below(n - 2));
        }
        Report {
            title,
            date,
            paragraphs: pars,
            author: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        }
    }
}

fn iso_date(r: &Report) -> String {
    // "5 March 2025" -> "2025-03-05T08:30:00Z"
    let mut it = r.date.split(' ');
    let d: u32 = it.next().and_then(|x| x.parse().ok()).unwrap_or(1);
    let m = it
        .next()
        .and_then(|x| MONTHS.iter().position(|&n| n == x))
        .unwrap_or(0)
        + 1;
    let y: u32 = it.next().and_then(|x| x.parse().ok()).unwrap_or(2025);
    format!("{y:04}-{m:02}-{:02}T08:30:00Z", d.min(28))
}

fn render_txt(r: &Report, outlet: &str) -> String {
    let mut s = format!(
        "{}\n\nBy {} | {} | {}\n\n",
        r.title, r.author, outlet, r.date
    );
    for p in &r.paragraphs {
        s.push_str(p);
        s.push_str("\n\n");
    }
    s
}

fn render_md(r: &Report, outlet: &str) -> String {
    let mut s = format!(
        "---\ntitle: \"{}\"\nsource: {}\ndate: {}\n---\n\n# {}\n\n",
        r.title,
        outlet,
        iso_date(r),
        r.title
    );
    for (i, p) in r.paragraphs.iter().enumerate() {
        if i == 2 {
            // Some markup that must not survive into the text.
            let _ = write!(s, "**{}**\n\n", p);
        } else if i == 4 {
            let _ = write!(s, "> {}\n\n", p);
        } else if i == 6 {
            let _ = write!(
                s,
                "{} [Read the statement](https://example.org/statement/{}).\n\n",
                p,
                r.paragraphs.len()
            );
        } else {
            s.push_str(p);
            s.push_str("\n\n");
        }
    }
    s.push_str("![Rescue teams at work](images/scene.jpg)\n");
    s
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn render_html(r: &Report, outlet: &str, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(12_000);
    let _ = write!(
        s,
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{t} | {o}</title>
<meta property="og:title" content="{t}">
<meta property="og:site_name" content="{o}">
<meta property="article:published_time" content="{d}">
<link rel="stylesheet" href="/static/site.css">
<style>body{{font-family:Georgia,serif}} .nav a{{color:#333}} .cookie{{position:fixed}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}gtag('js',new Date());</script>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{t}","datePublished":"{d}","publisher":{{"@type":"Organization","name":"{o}"}}}}</script>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p><button>Accept all</button><button>Manage preferences</button></div>
<header class="site-header"><a class="logo" href="/">{o}</a>
<nav class="nav main-menu"><ul><li><a href="/news">News</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>
<main><article class="story">
<h1>{t}</h1>
<p class="byline">By <span class="author">{a}</span> &middot; <time datetime="{d}">{date}</time></p>
<div class="share-bar"><a href="/share">Share on social</a> <a href="/email">Email</a> <a href="/copy">Copy link</a></div>
"##,
        t = html_escape(&r.title),
        o = html_escape(outlet),
        d = iso_date(r),
        a = r.author,
        date = r.date
    );
    for (i, p) in r.paragraphs.iter().enumerate() {
        if i == 3 {
            s.push_str("<div class=\"ad-slot\"><span>Advertisement</span></div>\n");
        }
        if i == 5 && rng.chance(50) {
            let _ = writeln!(s, "<blockquote><p>{}</p></blockquote>", html_escape(p));
        } else {
            let _ = writeln!(s, "<p>{}</p>", html_escape(p));
        }
        if i == 8 {
            s.push_str("<aside class=\"newsletter\"><h3>Sign up for our newsletter</h3><p>Get the day's top stories in your inbox.</p><input type=\"email\"></aside>\n");
        }
    }
    s.push_str(
        r#"</article>
<section class="related"><h2>Related stories</h2><ul>
<li><a href="/news/1">Council approves new budget after long debate</a></li>
<li><a href="/news/2">Rail line reopens after months of repairs</a></li>
<li><a href="/news/3">Local team wins regional cup final</a></li></ul></section>
</main>
<footer class="site-footer"><p>&copy; 2025 All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>
<script src="/static/app.js"></script>
</body></html>
"#,
    );
    s
}

fn json_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o
}

fn render_json(r: &Report, outlet: &str, index: usize) -> String {
    let body = r.paragraphs.join("\n\n");
    format!(
        "{{\"headline\": \"{}\", \"source\": {{\"name\": \"{}\"}}, \"published\": \"{}\", \"url\": \"https://example.org/news/{}\", \"author\": \"{}\", \"body\": \"{}\"}}\n",
        json_escape(&r.title),
        json_escape(outlet),
        iso_date(r),
        index,
        json_escape(&r.author),
        json_escape(&body)
    )
}

fn render_rss(items: &[Report], outlet: &str, index: usize) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>{}</title>\n<link>https://example.org/</link>\n<description>Latest news</description>\n",
        html_escape(outlet)
    );
    for (k, r) in items.iter().enumerate() {
        let html: String = r
            .paragraphs
            .iter()
            .map(|p| format!("<p>{}</p>", html_escape(p)))
            .collect();
        let _ = write!(
            s,
            "<item>\n<title>{}</title>\n<link>https://example.org/news/{}-{}</link>\n<guid>item-{}-{}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n<content:encoded><![CDATA[{}]]></content:encoded>\n</item>\n",
            html_escape(&r.title),
            index,
            k,
            index,
            k,
            rfc2822(r),
            html_escape(r.paragraphs.first().map(String::as_str).unwrap_or("")),
            html
        );
    }
    s.push_str("</channel>\n</rss>\n");
    s
}

fn rfc2822(r: &Report) -> String {
    // "5 March 2025" -> "05 Mar 2025 08:30:00 +0000" (weekday left out, which RFC 2822 allows).
    let mut it = r.date.split(' ');
    let d: u32 = it.next().and_then(|x| x.parse().ok()).unwrap_or(1);
    let m = it.next().unwrap_or("January");
    let y = it.next().unwrap_or("2025");
    format!("{:02} {} {} 08:30:00 +0000", d.min(28), &m[..3], y)
}
