//! The syntax tree a query is read into, and what the compiler asks of it.

use std::ops::Bound;

/// How a clause combines with its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Occur {
    /// Required (`+word`).
    Must,
    /// One of several (`a OR b`).
    Should,
    /// Excluded (`-word`, `NOT word`).
    MustNot,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Clauses; those without an explicit occur combine as the search mode says.
    Clause(Vec<(Option<Occur>, Node)>),
    /// A weighted node (`word^2`).
    Boost(Box<Node>, f32),
    Leaf(Leaf),
}

/// The smallest parts of a query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Leaf {
    /// Text: one word, several words (found together when `quoted`), or a prefix.
    Words {
        field: Option<String>,
        text: String,
        quoted: bool,
        slop: u32,
        prefix: bool,
    },
    /// `*`: every document.
    All,
    /// `year:…`: documents of these years.
    Years { from: Bound<i64>, to: Bound<i64> },
}

impl Node {
    /// Take out the `year:` ranges that filter the whole query (members of its top clause
    /// without an explicit occur), as long as something else is left to search.
    pub(crate) fn take_year_filters(&mut self) -> Vec<(Bound<i64>, Bound<i64>)> {
        let Node::Clause(children) = self else {
            return Vec::new();
        };
        let is_filter = |(occur, child): &(Option<Occur>, Node)| {
            occur.is_none() && matches!(child, Node::Leaf(Leaf::Years { .. }))
        };
        if children.iter().all(is_filter) {
            return Vec::new();
        }
        let (filters, rest): (Vec<_>, Vec<_>) =
            std::mem::take(children).into_iter().partition(is_filter);
        *children = rest;
        filters
            .into_iter()
            .filter_map(|(_, child)| match child {
                Node::Leaf(Leaf::Years { from, to }) => Some((from, to)),
                _ => None,
            })
            .collect()
    }

    /// Whether "all words" and "any word" differ for this query: some clause has a member
    /// without an explicit occur (required in the one, optional in the other) beside
    /// another such member or a required one (`+treaty vienna` finds treaty without
    /// vienna once vienna is optional).
    pub(crate) fn can_relax(&self) -> bool {
        match self {
            Node::Clause(children) => {
                let count = |occur| children.iter().filter(|(o, _)| *o == occur).count();
                let implicit = count(None);
                implicit > 1
                    || (implicit == 1 && count(Some(Occur::Must)) > 0)
                    || children.iter().any(|(_, c)| c.can_relax())
            }
            Node::Boost(inner, _) => inner.can_relax(),
            Node::Leaf(_) => false,
        }
    }

    /// The text of every word leaf, in order.
    pub(crate) fn texts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit_texts(&mut out, &|_| true);
        out
    }

    /// The text of every word leaf written as words, neither quoted nor a prefix, in order.
    pub(crate) fn unquoted_texts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit_texts(&mut out, &|leaf| {
            matches!(
                leaf,
                Leaf::Words {
                    quoted: false,
                    prefix: false,
                    ..
                }
            )
        });
        out
    }

    fn visit_texts<'a>(&'a self, out: &mut Vec<&'a str>, keep: &dyn Fn(&Leaf) -> bool) {
        match self {
            Node::Clause(children) => (children.iter()).for_each(|(_, c)| c.visit_texts(out, keep)),
            Node::Boost(inner, _) => inner.visit_texts(out, keep),
            Node::Leaf(leaf @ Leaf::Words { text, .. }) if keep(leaf) => out.push(text),
            Node::Leaf(_) => {}
        }
    }
}
