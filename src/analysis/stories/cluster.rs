//! Average-linkage clustering of one group of linked articles, on sparse links (an
//! unlinked pair counts as similarity zero), with a cap on the days a cluster may span.
//! Deterministic: ties go to the pair with the lowest positions, and the caller orders
//! the group by article id, so the result does not depend on arrival order.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};

/// A group: per article its day (if known) and its links `(position, similarity)`.
#[derive(Clone, Debug, Default)]
pub struct Group {
    pub days: Vec<Option<i64>>,
    pub links: Vec<Vec<(usize, f64)>>,
}

/// From this size a cluster's own cohesion is trusted by the relative merge test.
pub const COHESIVE_SIZE: usize = 3;

struct Cluster {
    members: Vec<usize>,
    /// Sum of the similarities of its member pairs.
    inner: f64,
    first: Option<i64>,
    last: Option<i64>,
    version: u32,
    /// Sum of link similarities to each neighbouring cluster.
    sums: BTreeMap<usize, f64>,
}

impl Cluster {
    /// Takes `other`'s members and widens the dated span to cover them.
    fn absorb(&mut self, other: Cluster) {
        self.members.extend(other.members);
        self.first = [self.first, other.first].into_iter().flatten().min();
        self.last = [self.last, other.last].into_iter().flatten().max();
    }
}

#[derive(PartialEq)]
struct Candidate {
    score: f64,
    a: usize,
    b: usize,
    va: u32,
    vb: u32,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, o: &Self) -> Ordering {
        self.score
            .total_cmp(&o.score)
            .then(Reverse((self.a, self.b)).cmp(&Reverse((o.a, o.b))))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

fn span_ok(a: &Cluster, b: &Cluster, max_span: i64) -> bool {
    let first = [a.first, b.first].into_iter().flatten().min();
    let last = [a.last, b.last].into_iter().flatten().max();
    match (first, last) {
        (Some(f), Some(l)) => l - f <= max_span,
        _ => true,
    }
}

/// Mean similarity of a cluster's member pairs, once it is large enough to tell.
fn cohesion(c: &Cluster) -> Option<f64> {
    let n = c.members.len();
    (n >= COHESIVE_SIZE).then(|| c.inner / (n * (n - 1) / 2) as f64)
}

/// Whether two clusters are alike enough relative to themselves: when both are
/// established, their mean similarity must reach `relative` times each one's cohesion.
fn relative_ok(a: &Cluster, b: &Cluster, score: f64, relative: f64) -> bool {
    match (cohesion(a), cohesion(b)) {
        (Some(x), Some(y)) => score >= relative * x.min(y),
        _ => true,
    }
}

/// Merges clusters while the best pair's mean similarity reaches `threshold`, the two
/// pass the relative test (see [`relative_ok`]) and the merged cluster spans at most
/// `max_span` days. Returns clusters of positions, each sorted, in order of their first
/// member.
pub fn average_linkage(g: &Group, threshold: f64, relative: f64, max_span: i64) -> Vec<Vec<usize>> {
    let n = g.days.len();
    let mut cs: Vec<Option<Cluster>> = (0..n)
        .map(|i| {
            Some(Cluster {
                members: vec![i],
                inner: 0.0,
                first: g.days[i],
                last: g.days[i],
                version: 0,
                sums: g.links[i].iter().copied().collect(),
            })
        })
        .collect();
    let mut heap = BinaryHeap::new();
    for (a, links) in g.links.iter().enumerate() {
        for &(b, s) in links {
            if a < b {
                heap.push(Candidate {
                    score: s,
                    a,
                    b,
                    va: 0,
                    vb: 0,
                });
            }
        }
    }
    while let Some(c) = heap.pop() {
        if c.score < threshold {
            break;
        }
        let (Some(ca), Some(cb)) = (cs[c.a].as_ref(), cs[c.b].as_ref()) else {
            continue;
        };
        if ca.version != c.va
            || cb.version != c.vb
            || !span_ok(ca, cb, max_span)
            || !relative_ok(ca, cb, c.score, relative)
        {
            continue;
        }
        let between = c.score * (ca.members.len() * cb.members.len()) as f64;
        let b = cs[c.b].take().expect("checked");
        let a_idx = c.a;
        for (&k, &s) in &b.sums {
            if k == a_idx {
                continue;
            }
            if let Some(other) = cs[k].as_mut() {
                let moved = other.sums.remove(&c.b).unwrap_or(0.0);
                *other.sums.entry(a_idx).or_default() += moved;
            }
            *cs[a_idx].as_mut().expect("live").sums.entry(k).or_default() += s;
        }
        let a = cs[a_idx].as_mut().expect("live");
        a.sums.remove(&c.b);
        a.inner += b.inner + between;
        a.absorb(b);
        a.version += 1;
        let (va, size_a) = (a.version, a.members.len());
        let sums: Vec<(usize, f64)> = a.sums.iter().map(|(&k, &s)| (k, s)).collect();
        for (k, s) in sums {
            let other = cs[k].as_ref().expect("neighbour is live");
            let score = s / (size_a * other.members.len()) as f64;
            let (x, y, vx, vy) = if a_idx < k {
                (a_idx, k, va, other.version)
            } else {
                (k, a_idx, other.version, va)
            };
            heap.push(Candidate {
                score,
                a: x,
                b: y,
                va: vx,
                vb: vy,
            });
        }
    }
    attach_singletons(g, &mut cs, threshold, max_span);
    let mut out: Vec<Vec<usize>> = cs
        .into_iter()
        .flatten()
        .map(|mut c| {
            c.members.sort_unstable();
            c.members
        })
        .collect();
    out.sort();
    out
}

/// A report left alone joins the story holding its strongest link (at least the merge
/// bar) when its mean similarity to that story reaches this share of the bar...
pub const ATTACH_FLOOR: f64 = 0.5;
/// ... and more than this share of all its link similarity lies inside that story.
pub const ATTACH_SHARE: f64 = 0.5;

/// Places reports left alone by the merging (see [`ATTACH_FLOOR`]). A report that words
/// the event its own way (another name for the thing, the side of it seen from another
/// town) matches one member strongly and the rest weakly, and a tight story should not
/// shut it out for being tight; a report faintly alike to many stories (a topic's
/// background piece) has most of its links elsewhere and stays alone. Each report is
/// placed against the stories as the merging left them, so one placement never enables
/// another, and the result stays a function of the group.
fn attach_singletons(g: &Group, cs: &mut [Option<Cluster>], threshold: f64, max_span: i64) {
    let mut owner = vec![usize::MAX; cs.len()];
    for (k, c) in cs.iter().enumerate() {
        if let Some(c) = c {
            for &m in &c.members {
                owner[m] = k;
            }
        }
    }
    let mut moves = Vec::new();
    for (i, c) in cs.iter().enumerate() {
        let Some(c) = c else { continue };
        if c.members.len() != 1 {
            continue;
        }
        let Some(&(best, s)) = g.links[i]
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            continue;
        };
        let k = owner[best];
        let Some(target) = cs[k].as_ref() else {
            continue;
        };
        if s < threshold || target.members.len() < 2 || !span_ok(c, target, max_span) {
            continue;
        }
        let inside = c.sums.get(&k).copied().unwrap_or(0.0);
        let total: f64 = g.links[i].iter().map(|l| l.1).sum();
        let mean = inside / target.members.len() as f64;
        if mean >= ATTACH_FLOOR * threshold && inside > ATTACH_SHARE * total {
            moves.push((i, k));
        }
    }
    for (i, k) in moves {
        let single = cs[i].take().expect("singleton");
        cs[k].as_mut().expect("target").absorb(single);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(n: usize, edges: &[(usize, usize, f64)], days: &[Option<i64>]) -> Group {
        let mut links = vec![Vec::new(); n];
        for &(a, b, s) in edges {
            links[a].push((b, s));
            links[b].push((a, s));
        }
        Group {
            days: if days.is_empty() {
                vec![None; n]
            } else {
                days.to_vec()
            },
            links,
        }
    }

    #[test]
    fn one_bridge_does_not_chain_two_tight_groups() {
        // 0-1-2 and 3-4-5 are tight; a single link 2-3 is strong but alone.
        let e = [
            (0, 1, 0.6),
            (1, 2, 0.6),
            (0, 2, 0.6),
            (3, 4, 0.6),
            (4, 5, 0.6),
            (3, 5, 0.6),
            (2, 3, 0.5),
        ];
        let out = average_linkage(&group(6, &e, &[]), 0.2, 0.0, 21);
        assert_eq!(out, vec![vec![0, 1, 2], vec![3, 4, 5]]);
    }

    /// Two triangles at 0.8 inside, every cross pair at `cross`, and a sixth article
    /// (position 6) at 0.3 to the first triangle only.
    fn two_tight_groups(cross: f64) -> Group {
        let mut e = vec![];
        for (x, y) in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)] {
            e.push((x, y, 0.8));
        }
        for x in 0..3 {
            for y in 3..6 {
                e.push((x, y, cross));
            }
            e.push((x, 6, 0.3));
        }
        group(7, &e, &[])
    }

    #[test]
    fn two_tight_stories_alike_only_loosely_stay_apart() {
        // Cross similarity 0.4 is half of each one's cohesion: two events of one kind.
        let out = average_linkage(&two_tight_groups(0.4), 0.2, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1, 2, 6], vec![3, 4, 5]]);
        // Without the relative test the absolute bar alone joins them (and the sixth
        // article, all of whose links lie in the joined story, is placed there).
        let out = average_linkage(&two_tight_groups(0.4), 0.2, 0.0, 21);
        assert_eq!(out, vec![vec![0, 1, 2, 3, 4, 5, 6]]);
        // Nearly as alike across as within: one event. The sixth article, alike to
        // half of it only, falls below the bar on average, but every link it has lies
        // in that story: it is placed there (see `a_report_alone_...` below).
        let out = average_linkage(&two_tight_groups(0.7), 0.2, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1, 2, 3, 4, 5, 6]]);
    }

    #[test]
    fn a_report_alone_joins_the_story_that_holds_its_links() {
        // 0-1 is a tight pair; 2 words the event its own way: strongly alike to 1, not
        // to 0. Its mean to the pair (0.1) is below the bar (0.15) but half of it.
        let e = [(0, 1, 0.6), (1, 2, 0.2)];
        let out = average_linkage(&group(3, &e, &[]), 0.15, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1, 2]]);
        // The same report in a larger story it matches at one member only: too little.
        let e = [
            (0, 1, 0.6),
            (0, 3, 0.6),
            (1, 3, 0.6),
            (3, 4, 0.6),
            (0, 4, 0.6),
            (1, 4, 0.6),
            (1, 2, 0.2),
        ];
        let out = average_linkage(&group(5, &e, &[]), 0.15, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1, 3, 4], vec![2]]);
    }

    #[test]
    fn a_report_alike_to_many_stories_stays_alone() {
        // 2's strongest link is into the pair 0-1, but most of its links lie elsewhere
        // (3 and 4, each alone and too weak to merge with): a background piece.
        let e = [(0, 1, 0.6), (1, 2, 0.2), (2, 3, 0.14), (2, 4, 0.14)];
        let out = average_linkage(&group(5, &e, &[]), 0.15, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1], vec![2], vec![3], vec![4]]);
        // Without those other links it joins.
        let out = average_linkage(&group(5, &e[..2], &[]), 0.15, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1, 2], vec![3], vec![4]]);
    }

    #[test]
    fn a_report_alone_never_stretches_a_story_past_the_cap() {
        let e = [(0, 1, 0.6), (1, 2, 0.2)];
        let days = [Some(0), Some(2), Some(40)];
        let out = average_linkage(&group(3, &e, &days), 0.15, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1], vec![2]]);
    }

    #[test]
    fn a_group_never_spans_more_days_than_the_cap() {
        let e = [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.9)];
        let out = average_linkage(&group(3, &e, &[Some(0), Some(10), Some(40)]), 0.2, 0.0, 21);
        assert_eq!(out, vec![vec![0, 1], vec![2]]);
        // An undated report joins whichever side it matches.
        let out = average_linkage(&group(3, &e, &[Some(0), None, Some(5)]), 0.2, 0.0, 21);
        assert_eq!(out, vec![vec![0, 1, 2]]);
    }
}
