//! Titles of people: "Deputy Mayor X", "X, the deputy mayor", "the mayor, X",
//! "X, who heads the agency". A title is read as a post class (head, minister, ...),
//! a rank marker (deputy, vice, acting) and portfolio words (finance, transport).

use super::people::Mention;
use super::tokens::Token;
use crate::analysis::lexicon;
use once_cell::sync::Lazy;
use std::collections::{BTreeSet, HashMap, HashSet};

fn pairs(data: &'static str) -> Vec<(Vec<String>, String)> {
    let mut v: Vec<(Vec<String>, String)> = lexicon::entries(data)
        .filter_map(|l| {
            let (a, b) = l.split_once('|')?;
            Some((
                a.split_whitespace().map(str::to_string).collect(),
                b.trim().to_string(),
            ))
        })
        .collect();
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v
}

static TITLES: Lazy<Vec<(Vec<String>, String)>> =
    Lazy::new(|| pairs(include_str!("../../../assets/lexicon/facts/titles.txt")));
static PORTFOLIOS: Lazy<Vec<(Vec<String>, String)>> =
    Lazy::new(|| pairs(include_str!("../../../assets/lexicon/facts/portfolios.txt")));
/// Rank words with the rank each names ("vice" and "deputy" name one).
static RANKS: Lazy<HashMap<&'static str, &'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/ranks.txt"))
        .map(|l| match l.split_once('|') {
            Some((w, r)) => (w.trim(), r.trim()),
            None => (l, l),
        })
        .collect()
});
static EXCLUSIVE: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/exclusive.txt")).collect()
});
static GENERIC_HEADS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/facts/generic_heads.txt"
    ))
    .collect()
});
/// The post class of a board's chair (`titles.txt`).
const CHAIR: &str = "chair";
static TOP_POSTS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/top_posts.txt")).collect()
});
static TITLE_WORDS: Lazy<HashSet<String>> = Lazy::new(|| {
    TITLES
        .iter()
        .flat_map(|(s, _)| s.iter().cloned())
        .chain(RANKS.keys().map(|s| s.to_string()))
        .collect()
});
static HEAD_VERBS: Lazy<HashMap<&'static str, &'static str>> = Lazy::new(|| {
    [
        ("heads", "head"),
        ("headed", "head"),
        ("leads", "head"),
        ("chairs", "chair"),
        ("runs", "head"),
        ("directs", "director"),
    ]
    .into_iter()
    .collect()
});

pub fn is_title_word(lower: &str) -> bool {
    lower.split('-').any(|p| {
        TITLE_WORDS.contains(p)
            && !matches!(
                p,
                "speaker"
                    | "agent"
                    | "head"
                    | "owner"
                    | "chief"
                    | "leader"
                    | "captain"
                    | "judge"
                    | "editor"
                    | "manager"
                    | "director"
                    | "coach"
                    | "president"
                    | "secretary"
            )
    }) || matches!(
        lower,
        "minister"
            | "governor"
            | "mayor"
            | "president"
            | "prefect"
            | "ministress"
            | "chancellor"
            | "premier"
            | "senator"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "commissioner"
    )
}

/// A title read into comparable parts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Title {
    pub class: String,
    /// The rank its rank word names ("deputy" for "vice" too), when ranked.
    #[serde(default)]
    pub rank: Option<String>,
    /// A past post ("former governor") is compatible with any present one.
    pub former: bool,
    pub portfolio: BTreeSet<String>,
    /// Other content words of the title: what body the post is of ("the trust's chief
    /// executive" -> trust).
    #[serde(default)]
    pub body: BTreeSet<String>,
}

impl Title {
    /// Whether a rank word ("deputy", "vice", "acting") qualifies the post.
    pub fn ranked(&self) -> bool {
        self.rank.is_some()
    }

    pub fn exclusive(&self) -> bool {
        EXCLUSIVE.contains(self.class.as_str())
    }

    /// The same post with and without a rank marker ("minister" / "deputy minister"):
    /// one report cannot mean both of one person, so this conflicts even inside one
    /// article (two different posts in one report are often two posts held at once).
    pub fn rank_slip(&self, other: &Title) -> bool {
        !self.former
            && !other.former
            && self.class == other.class
            && self.ranked() != other.ranked()
    }

    /// Both can be true of one person at once.
    pub fn compatible(&self, other: &Title) -> bool {
        if self.former || other.former {
            return true;
        }
        if self.class != other.class {
            if let Some(v) = self
                .chair_beside(other)
                .or_else(|| other.chair_beside(self))
            {
                return v;
            }
            return self.names_top_post_of(other)
                || other.names_top_post_of(self)
                || !(self.exclusive() && other.exclusive());
        }
        // one post with two different ranks ("deputy" / "assistant") is two posts
        if self.rank != other.rank {
            return false;
        }
        self.portfolio.is_empty()
            || other.portfolio.is_empty()
            || !self.portfolio.is_disjoint(&other.portfolio)
    }
}

impl Title {
    /// A chair holds the post beside others (a minister chairing a summit), but not
    /// beside the other single post at the top of one body: the chair and the chief
    /// executive of a company are two people. `None` when `self` is no chair.
    fn chair_beside(&self, other: &Title) -> Option<bool> {
        if self.class != CHAIR {
            return None;
        }
        let one_body =
            self.body.is_empty() && other.body.is_empty() || !self.body.is_disjoint(&other.body);
        let top = TOP_POSTS.contains(other.class.as_str()) && !other.ranked();
        // another single post of a body both name ("technical director of X"); a plain
        // head of it with nothing more may be the chair
        let named_body = !self.body.is_disjoint(&other.body);
        let plain_head = GENERIC_HEADS.contains(other.class.as_str())
            && other.portfolio.is_empty()
            && other.body.is_subset(&self.body);
        let post_of_body = named_body && other.exclusive() && !plain_head;
        Some(!((top || post_of_body) && one_body))
    }

    /// A plain "director"/"head" naming the post `other` names with its kind ("hospital
    /// director" / "chief executive"; "president of the council" / "mayor").
    fn names_top_post_of(&self, other: &Title) -> bool {
        GENERIC_HEADS.contains(self.class.as_str())
            && self.portfolio.is_empty()
            && !self.ranked()
            && !other.ranked()
            && TOP_POSTS.contains(other.class.as_str())
    }
}

fn words_of(phrase: &[Token]) -> Vec<String> {
    let mut w = Vec::new();
    for t in phrase {
        if !t.is_word() {
            continue;
        }
        let l = t.lower.trim_end_matches("'s").to_string();
        if t.text == "Speaker" {
            // the parliamentary post, not a spokesperson
            w.push("housespeaker".into());
            continue;
        }
        if l.contains("-to-") {
            w.push(l);
            continue;
        }
        // "vice-governor" -> vice governor
        for p in l.split('-') {
            w.push(p.to_string());
        }
    }
    w
}

/// Reads a title phrase; `None` when it names no known post.
pub fn parse_title(phrase: &[Token]) -> Option<Title> {
    let w = words_of(phrase);
    let mut class = None;
    let mut i = 0;
    let mut portfolio = BTreeSet::new();
    let mut rank = None;
    let mut body = BTreeSet::new();
    let former = w
        .iter()
        .any(|x| matches!(x.as_str(), "former" | "ex" | "then"));
    while i < w.len() {
        // "assistant to the president": the post after "to" is someone else's
        if w[i] == "to" {
            break;
        }
        if let Some(r) = RANKS.get(w[i].as_str()) {
            rank.get_or_insert_with(|| r.to_string());
        }
        if class.is_none()
            && let Some((s, c)) = TITLES
                .iter()
                .find(|(s, _)| w.get(i..i + s.len()).is_some_and(|x| x == s.as_slice()))
        {
            class = Some(c.clone());
            i += s.len();
            continue;
        }
        if let Some((s, c)) = PORTFOLIOS
            .iter()
            .find(|(s, _)| w.get(i..i + s.len()).is_some_and(|x| x == s.as_slice()))
        {
            portfolio.insert(c.clone());
            i += s.len();
            continue;
        }
        if !RANKS.contains_key(w[i].as_str())
            && w[i].len() > 2
            && !super::tokens::is_stopword(&w[i])
            && !matches!(w[i].as_str(), "former" | "then")
        {
            body.insert(w[i].clone());
        }
        i += 1;
    }
    // "head of the coroner's office" is the coroner: a post's office is
    // headed by the holder of that post
    let class = office_post(&w).or(class);
    Some(Title {
        class: class?,
        rank,
        former,
        portfolio,
        body,
    })
}

/// The post whose office a title phrase names ("... mayor's office"), if any.
fn office_post(w: &[String]) -> Option<String> {
    (1..w.len()).find_map(|i| {
        TITLES.iter().find_map(|(s, c)| {
            let end = i + s.len();
            (w.get(i..end) == Some(s.as_slice()) && w.get(end).is_some_and(|x| x == "office"))
                .then(|| c.clone())
        })
    })
}

fn stop(t: &Token) -> bool {
    t.is_punct() && !matches!(t.text, "-" | "\u{2019}" | "'")
        || matches!(
            t.lower,
            "who" | "which" | "and" | "said" | "told" | "says" | "when" | "with" | "after" | "as"
        )
}

/// One title stated for a person: token range of the whole evidence and the title words.
pub struct RoleMatch {
    pub first: usize,
    pub last: usize,
    pub title_first: usize,
    pub title_last: usize,
    pub title: Title,
}

fn title_token(t: &Token) -> bool {
    let l = t.lower.trim_end_matches("'s");
    l.split('-').any(|p| TITLE_WORDS.contains(p))
        || PORTFOLIOS.iter().any(|(s, _)| s.iter().any(|x| x == l))
        || matches!(
            l,
            "of" | "the"
                | "for"
                | "regional"
                | "federal"
                | "state"
                | "general"
                | "senior"
                | "executive"
                | "coach"
        )
}

/// Longest title phrase read before "NAME" with a comma between: an ordinary one
/// ("the union's president, X") and one that opens "the POST of ..." (a long office name).
const SHORT_TITLE: usize = 6;
const LONG_TITLE: usize = 12;

/// Most lowercase words that may qualify a title in apposition ("the [ferry company]
/// director"): more is a clause, not a post.
const TITLE_MODIFIERS: usize = 2;

/// An apposition's words before its title word that open with a determiner or a
/// possessive and then name what the post is of with at most [`TITLE_MODIFIERS`]
/// lowercase content words ("the depot's night manager", "a quality-control engineer").
/// A verb form or a function word there makes it a clause ("the one who became
/// director"), not a title.
fn noun_modified_title(prefix: &[Token]) -> bool {
    let Some((opener, rest)) = prefix.split_first() else {
        return false;
    };
    let opens = opener.is_stop() || opener.lower.ends_with("'s");
    let modifiers = rest
        .iter()
        .filter(|t| !t.is_capitalized() && !t.lower.ends_with("'s"))
        .count();
    opens
        && modifiers <= TITLE_MODIFIERS
        && rest.iter().all(|t| {
            t.is_word()
                && !t.is_number()
                && (t.is_capitalized() || t.lower.ends_with("'s") || !t.is_stop())
                && !t.lower.ends_with("ing")
                && !t.lower.ends_with("ed")
        })
}

/// Titles stated next to person mention `m` in `tokens`.
pub fn roles_of(tokens: &[Token], m: &Mention) -> Vec<RoleMatch> {
    let mut out = Vec::new();
    // pre-modifier: "Deputy Mayor X", "Rheinair chief executive X", "head of human resources X"
    let mut a = m.first;
    let touches = m.first > 0 && !matches!(tokens[m.first - 1].lower, "the" | "for" | "of");
    while touches && a > 0 {
        let t = &tokens[a - 1];
        if title_token(t)
            || (t.is_capitalized()
                && a >= 2
                && title_token(&tokens[a - 2])
                && !tokens[a - 2].lower.ends_with("of"))
        {
            a -= 1;
        } else if t.is_capitalized()
            && t.is_word()
            && a < m.first
            && title_token(&tokens[a])
            && !matches!(t.lower, "the" | "said" | "a")
        {
            // an organisation before the title: "Ostvik president X"
            a -= 1;
            break;
        } else {
            break;
        }
    }
    while a < m.first && matches!(tokens[a].lower, "the" | "of" | "for") {
        a += 1;
    }
    if a < m.first
        && let Some(title) = parse_title(&tokens[a..m.first])
    {
        out.push(RoleMatch {
            first: a,
            last: m.last,
            title_first: a,
            title_last: m.first - 1,
            title,
        });
    }
    // appositive after: "X, the deputy mayor," / "X, who heads the agency"
    let after = m.last + 1;
    if tokens.get(after).is_some_and(|t| t.text == ",") {
        let s = after + 1;
        let mut e = s;
        while e < tokens.len() && !stop(&tokens[e]) {
            e += 1;
        }
        if let Some(v) = tokens
            .get(s)
            .and_then(|t| (t.lower == "who").then_some(s + 1))
            && let Some(h) = tokens.get(v).and_then(|t| HEAD_VERBS.get(t.lower))
        {
            let mut e2 = v + 1;
            while e2 < tokens.len() && !stop(&tokens[e2]) {
                e2 += 1;
            }
            if e2 > v + 1 {
                out.push(RoleMatch {
                    first: m.first,
                    last: e2 - 1,
                    title_first: v,
                    title_last: e2 - 1,
                    title: Title {
                        class: if *h == "chair" {
                            "head".into()
                        } else {
                            (*h).into()
                        },
                        rank: None,
                        former: false,
                        portfolio: BTreeSet::new(),
                        body: BTreeSet::new(),
                    },
                });
            }
        } else if e > s && e - s <= 14 {
            // the title word must come early ("a spokeswoman for ...", "head of ...")
            let early = tokens[s..e.min(s + 5)].iter().any(|t| {
                let l = t.lower.trim_end_matches("'s");
                l.split('-').any(|p| TITLE_WORDS.contains(p))
            });
            // an appositive opens with a determiner, a possessive or the title itself
            let opener = &tokens[s];
            let opens = matches!(
                opener.lower,
                "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
            ) || opener.lower.ends_with("'s")
                || title_token(opener)
                || opener.is_capitalized();
            let head_at = (s..e.min(s + 5))
                .find(|&k| {
                    let l = tokens[k].lower.trim_end_matches("'s");
                    l.split('-').any(|p| TITLE_WORDS.contains(p))
                })
                .unwrap_or(s);
            let clean_prefix = tokens[s..head_at].iter().all(|t| {
                t.is_capitalized()
                    || title_token(t)
                    || t.lower.ends_with("'s")
                    || t.text == "'"
                    || t.text == "\u{2019}"
                    || matches!(
                        t.lower,
                        "a" | "an" | "its" | "his" | "her" | "their" | "our"
                    )
            }) || noun_modified_title(&tokens[s..head_at]);
            if early
                && opens
                && clean_prefix
                && let Some(title) = parse_title(&tokens[s..e])
            {
                out.push(RoleMatch {
                    first: m.first,
                    last: e - 1,
                    title_first: s,
                    title_last: e - 1,
                    title,
                });
            }
        }
    }
    // "the union's president, X": title, comma, name
    if m.first >= 2 && tokens[m.first - 1].text == "," {
        let e = m.first - 1;
        let mut s = e;
        while s > 0 && !stop(&tokens[s - 1]) && e - s < LONG_TITLE {
            s -= 1;
        }
        // a long phrase is a title only when it opens as one: "The head of the city's
        // water office, X" (a determiner, then the post)
        let opens_as_title = e - s <= SHORT_TITLE
            || matches!(tokens[s].lower, "the" | "a" | "an")
                && tokens.get(s + 1).is_some_and(|t| {
                    let l = t.lower.trim_end_matches("'s");
                    l.split('-').any(|p| TITLE_WORDS.contains(p))
                })
                && tokens.get(s + 2).is_some_and(|t| t.lower == "of");
        if s < e
            && opens_as_title
            && (s == 0 || tokens[s - 1].is_punct())
            && !tokens[s].lower.ends_with("ing")
            && let Some(title) = parse_title(&tokens[s..e])
        {
            out.push(RoleMatch {
                first: s,
                last: m.last,
                title_first: s,
                title_last: e - 1,
                title,
            });
        }
    }
    out
}

/// Titles of people as a fact kind: a person's post, compared by post class, rank and
/// portfolio.
pub struct Roles;

impl super::kind::ClaimKind for Roles {
    fn kind(&self) -> super::FactKind {
        super::FactKind::Role
    }

    fn conflict(&self) -> crate::analysis::conflicts::ConflictKind {
        crate::analysis::conflicts::ConflictKind::Role
    }

    fn find(&self, s: &super::Sent) -> Vec<super::Fact> {
        let mut out = Vec::new();
        for m in &s.people {
            for r in roles_of(&s.tokens, m) {
                if s.quoted[r.first] {
                    continue;
                }
                let title_span = s.span_of(r.title_first, r.title_last);
                out.push(super::Fact {
                    evidence: s.span_of(r.first, r.last),
                    kind: super::FactKind::Role,
                    subject: m.name.clone(),
                    slot: super::Slot::Role {
                        person: super::people::person_key(&m.name),
                    },
                    value: super::clean_title(title_span.text(s.text)),
                    positive: true,
                    hedged: false,
                    anchor: None,
                    detail: super::Detail::Role {
                        title: r.title,
                        said: title_span,
                    },
                });
            }
        }
        out
    }

    fn compare(
        &self,
        a: &super::Fact,
        b: &super::Fact,
        _across: bool,
    ) -> crate::analysis::conflicts::Verdict {
        use crate::analysis::conflicts::Verdict;
        match (&a.detail, &b.detail) {
            (super::Detail::Role { title: x, .. }, super::Detail::Role { title: y, .. })
                if !x.compatible(y) =>
            {
                Verdict::Hard
            }
            _ => Verdict::Agree,
        }
    }

    fn summary(
        &self,
        _first: &super::Fact,
        (a, b): (&super::Fact, &super::Fact),
        _: &[String],
    ) -> String {
        format!("title differs: {} vs {}", a.value, b.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::facts::tokens::tokenize;
    use crate::text::Span;

    fn title(s: &str) -> Title {
        parse_title(&tokenize(s, Span::new(0, s.len()))).unwrap()
    }

    #[test]
    fn compatible_and_conflicting_titles() {
        assert!(title("Defence Minister").compatible(&title("minister of defense")));
        assert!(title("presidential aide").compatible(&title("aide")));
        assert!(title("chief of the water board").compatible(&title("head of the water board")));
        assert!(
            !title("deputy head of the water board").compatible(&title("head of the water board"))
        );
        assert!(!title("vice-governor").compatible(&title("governor")));
        assert!(!title("finance chief").compatible(&title("head of human resources")));
        assert!(!title("club president").compatible(&title("sporting director")));
        // a plain director or head is the top post a translation names with its kind
        assert!(title("hospital director").compatible(&title("chief executive")));
        assert!(title("president of the town council").compatible(&title("mayor")));
        assert!(!title("finance director").compatible(&title("chief executive")));
        assert!(!title("artistic director").compatible(&title("managing director")));
        assert!(!title("director of the Lyon factory").compatible(&title("chief executive")));
        assert!(!title("director").compatible(&title("deputy mayor")));
        assert!(!title("mayor").compatible(&title("governor")));
        // officer posts and commands are held one at a time
        assert!(!title("chief medical officer").compatible(&title("chief scientific officer")));
        assert!(!title("spokesman for the army").compatible(&title("commander of the garrison")));
        assert!(!title("chief executive").compatible(&title("chief operating officer")));
        assert!(!title("communication chief").compatible(&title("head of IT security")));
        assert!(!title("branch secretary").compatible(&title("branch president")));
        assert!(title("former secretary").compatible(&title("president")));
        // the head of a post's office holds that post
        assert!(title("head of the Port Captain's Office").compatible(&title("port captain")));
        assert!(!title("head of the Port Authority").compatible(&title("captain")));
        // an executive director is the top post: a plain head of the body holds it
        assert!(title("head of the Brindle Foundation").compatible(&title("executive director")));
        assert!(!title("executive director").compatible(&title("finance director")));
    }

    /// The title values the fact finder reads for one sentence.
    fn role_values(text: &str) -> Vec<String> {
        use crate::analysis::facts::{FactKind, extract, tests::article};
        let a = article(text);
        let m = crate::text::TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Role)
            .map(|f| f.value)
            .collect()
    }

    #[test]
    fn a_title_in_apposition_may_be_qualified_by_lowercase_nouns() {
        assert_eq!(
            role_values("Odile Farrant, the orchard cooperative's sales director, shrugged."),
            vec!["orchard cooperative's sales director"]
        );
        assert_eq!(
            role_values("Odile Farrant, a greenhouse director from Voskel, shrugged."),
            vec!["greenhouse director from Voskel"]
        );
        // a clause between the determiner and the post word is no title of hers
        assert!(role_values("Odile Farrant, a cousin of the director, shrugged.").is_empty());
        assert!(role_values("Odile Farrant, the long retired director, shrugged.").is_empty());
    }

    #[test]
    fn a_rank_slip_is_the_same_post_with_another_rank() {
        assert!(title("Transport Minister").rank_slip(&title("deputy minister of transport")));
        assert!(!title("Transport Minister").rank_slip(&title("minister of transport")));
        assert!(!title("mayor").rank_slip(&title("deputy governor")));
        assert!(!title("former mayor").rank_slip(&title("deputy mayor")));
        // "sub-" lowers a post like "deputy"
        assert!(title("sub-prefect").rank_slip(&title("prefect of the district")));
    }

    #[test]
    fn legal_and_church_posts_are_titles_one_person_holds_one_of() {
        // a solicitor is a lawyer; an agent is another job
        assert!(title("solicitor").compatible(&title("family lawyer")));
        assert!(!title("her solicitor").compatible(&title("agent")));
        // a bishop is not the pastor of a parish
        assert!(!title("Bishop").compatible(&title("pastor")));
        // an election's officer with and without a rank
        assert!(title("returning officer").rank_slip(&title("deputy returning officer")));
    }

    #[test]
    fn a_police_officer_holds_one_rank() {
        assert!(!title("Chief Superintendent").compatible(&title("detective inspector")));
        assert!(!title("police inspector").compatible(&title("superintendent")));
        assert!(title("Detective Inspector").compatible(&title("police inspector")));
        // an inspector of another service may head its office
        assert!(title("food safety inspector").compatible(&title("head of the inspectorate")));
    }

    #[test]
    fn two_ranks_of_one_post_are_two_posts() {
        assert!(!title("deputy harbour master").compatible(&title("assistant harbour master")));
        assert!(!title("acting governor").compatible(&title("vice-governor")));
        // two words for one rank
        assert!(title("vice-governor").compatible(&title("deputy governor")));
        assert!(title("interim director").compatible(&title("acting director")));
    }
    #[test]
    fn a_chair_and_the_chief_executive_of_one_body_are_two_posts() {
        assert!(
            !title("chairwoman of Ombrell Freight")
                .compatible(&title("Ombrell Freight chief executive"))
        );
        assert!(
            !title("the cooperative's chairman")
                .compatible(&title("chief executive of the cooperative"))
        );
        assert!(!title("chairman").compatible(&title("chief executive")));
        // of two bodies, or beside another kind of post, both may hold
        assert!(
            title("chairman of Ombrell Freight")
                .compatible(&title("chief executive of Lantry Mills"))
        );
        assert!(title("chair of the summit").compatible(&title("Foreign Minister")));
        assert!(title("chair of the trust").compatible(&title("head of the trust")));
        assert!(title("chairman").compatible(&title("chairman of the board")));
        assert!(
            !title("chair of Lantry Mills").compatible(&title("plant director of Lantry Mills"))
        );
    }
}
