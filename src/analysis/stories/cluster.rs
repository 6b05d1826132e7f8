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
        a.members.extend(b.members);
        a.first = [a.first, b.first].into_iter().flatten().min();
        a.last = [a.last, b.last].into_iter().flatten().max();
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
        // Without the relative test the absolute bar alone joins them.
        let out = average_linkage(&two_tight_groups(0.4), 0.2, 0.0, 21);
        assert_eq!(out, vec![vec![0, 1, 2, 3, 4, 5], vec![6]]);
        // Nearly as alike across as within: one event (the sixth article, alike to
        // half of it only, stays out).
        let out = average_linkage(&two_tight_groups(0.7), 0.2, 0.7, 21);
        assert_eq!(out, vec![vec![0, 1, 2, 3, 4, 5], vec![6]]);
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
