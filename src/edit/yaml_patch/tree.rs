//! The document as a tree of nodes with byte spans, built from granit-parser's events. The
//! parser gives exact spans for scalars and flow collections; a block collection ends where its
//! last child ends, and the indicators it does not report (`:` after a key, `-` before an item,
//! `|` before a block scalar) are found by scanning the text between tokens, where only spaces,
//! line breaks and comments can be.

use super::PatchError;
use granit_parser::{Event, Parser, ScalarStyle, Span, StructureStyle};

pub(super) struct Node {
    /// Byte range of the node's own text: a scalar with its quotes or `|` header, a flow
    /// collection with its brackets, a block collection from its first key or `-` to the end of
    /// its last child. An empty scalar (`key:` with nothing after it) is empty at `lead`.
    pub start: usize,
    pub end: usize,
    /// Just after the indicator in front of the node (the `:` of its key, the `-` of its item);
    /// where a value is written when the node is empty. `None` when there is none (`{a}`).
    pub lead: Option<usize>,
    /// An anchor, alias or tag, or text the scanner did not understand: never rewritten.
    pub special: bool,
    pub kind: Kind,
}

pub(super) enum Kind {
    Scalar {
        style: ScalarStyle,
        value: String,
    },
    Alias,
    Seq {
        flow: bool,
        pad: bool,
        items: Vec<Node>,
    },
    Map {
        flow: bool,
        pad: bool,
        entries: Vec<(Node, Node)>,
    },
}

impl Node {
    pub fn is_empty_scalar(&self) -> bool {
        matches!(self.kind, Kind::Scalar { .. }) && self.start == self.end
    }
    pub fn key(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } if !self.special => Some(value),
            _ => None,
        }
    }
    pub fn is_flow(&self) -> bool {
        matches!(
            self.kind,
            Kind::Seq { flow: true, .. } | Kind::Map { flow: true, .. }
        )
    }
    /// The child at `i` of a collection (a map's value); `None` for scalars and past the end.
    pub fn child(&self, i: usize) -> Option<&Node> {
        match &self.kind {
            Kind::Seq { items, .. } => items.get(i),
            Kind::Map { entries, .. } => entries.get(i).map(|e| &e.1),
            _ => None,
        }
    }
    pub fn len(&self) -> usize {
        match &self.kind {
            Kind::Seq { items, .. } => items.len(),
            Kind::Map { entries, .. } => entries.len(),
            _ => 0,
        }
    }
    /// Start of child `i`'s text including its key or `-` (what a removal or insertion is
    /// measured from).
    pub fn child_head(&self, i: usize) -> usize {
        match &self.kind {
            Kind::Seq {
                flow: false, items, ..
            } => items[i].lead.map_or(items[i].start, |l| l - 1),
            Kind::Seq { items, .. } => items[i].start,
            Kind::Map { entries, .. } => entries[i].0.start,
            _ => self.start,
        }
    }
    /// End of child `i`'s text (its value, or its key and `:` when the value is empty).
    pub fn child_end(&self, i: usize) -> usize {
        match &self.kind {
            Kind::Seq { items, .. } => items[i].end,
            Kind::Map { entries, .. } => entries[i].0.end.max(entries[i].1.end),
            _ => self.end,
        }
    }
}

/// Parses `src` into its root node; `None` for a document without content (empty or comments).
pub(super) fn parse(src: &str) -> Result<Option<Node>, PatchError> {
    let mut events = Vec::new();
    let mut documents = 0;
    let mut root_lead = 0;
    for next in Parser::new_from_str(src) {
        let (event, span) = next.map_err(|e| {
            PatchError::Unparsable(format!("line {}: {}", e.marker().line(), e.info()))
        })?;
        match event {
            Event::DocumentStart(explicit, _) => {
                documents += 1;
                if explicit {
                    root_lead = byte(&span, false)?;
                }
            }
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::SequenceStart(..)
            | Event::SequenceEnd
            | Event::MappingStart(..)
            | Event::MappingEnd => events.push((event, span)),
            _ => {}
        }
    }
    if documents > 1 {
        return Err(PatchError::Unsupported(
            "more than one YAML document".into(),
        ));
    }
    if events.is_empty() {
        return Ok(None);
    }
    let mut b = Builder { src, events, i: 0 };
    b.node(Some(root_lead)).map(Some)
}

fn byte(span: &Span, end: bool) -> Result<usize, PatchError> {
    let m = if end { span.end } else { span.start };
    m.byte_offset()
        .ok_or_else(|| PatchError::Unsupported("parser gave no byte offsets".into()))
}

struct Builder<'a> {
    src: &'a str,
    events: Vec<(Event<'a>, Span)>,
    i: usize,
}

impl Builder<'_> {
    fn node(&mut self, lead: Option<usize>) -> Result<Node, PatchError> {
        let Some((event, span)) = self.events.get(self.i) else {
            return Err(PatchError::Unparsable("unexpected end of events".into()));
        };
        let (start, end) = (byte(span, false)?, byte(span, true)?);
        self.i += 1;
        let mut node = match event {
            Event::Scalar(value, style, anchor, tag) => Node {
                start,
                end,
                lead,
                special: *anchor != 0 || tag.is_some(),
                kind: Kind::Scalar {
                    style: *style,
                    value: value.to_string(),
                },
            },
            Event::Alias(_) => Node {
                start,
                end,
                lead,
                special: true,
                kind: Kind::Alias,
            },
            Event::SequenceStart(style, anchor, tag) => {
                let special = *anchor != 0 || tag.is_some();
                let flow = *style == StructureStyle::Flow;
                self.seq(start, lead, flow, special)?
            }
            Event::MappingStart(style, anchor, tag) => {
                let special = *anchor != 0 || tag.is_some();
                let flow = *style == StructureStyle::Flow;
                self.map(start, lead, flow, special)?
            }
            _ => return Err(PatchError::Unparsable("unexpected collection end".into())),
        };
        if let Kind::Scalar { style, .. } = &node.kind {
            if start == end {
                // The parser puts an empty scalar next to its key; it is written after `:`.
                if let Some(l) = lead {
                    (node.start, node.end) = (l, l);
                }
            } else if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                self.block_scalar(&mut node);
            }
        }
        Ok(node)
    }

    /// A block scalar's span starts at its content and ends after its trailing blank lines:
    /// move the start to the `|` or `>` header and the end to the last character of content.
    fn block_scalar(&self, node: &mut Node) {
        let header = node
            .lead
            .and_then(|l| skip_to(self.src, l, &['|', '>'], false));
        let Some(h) = header else {
            node.special = true;
            return;
        };
        let header_end = h + self.src[h..]
            .find(|c: char| !matches!(c, '|' | '>' | '+' | '-' | '0'..='9'))
            .unwrap_or(self.src.len() - h);
        let content_end = node.start + self.src[node.start..node.end].trim_end().len();
        node.start = h;
        node.end = header_end.max(content_end);
    }

    fn at_end(&self) -> bool {
        matches!(
            self.events.get(self.i),
            None | Some((Event::SequenceEnd | Event::MappingEnd, _))
        )
    }

    /// Consumes the end event; returns the end of its span (the bracket of a flow collection).
    fn close(&mut self) -> Result<usize, PatchError> {
        let (_, span) = self
            .events
            .get(self.i)
            .ok_or_else(|| PatchError::Unparsable("unexpected end of events".into()))?;
        self.i += 1;
        byte(span, true)
    }

    fn seq(
        &mut self,
        start: usize,
        lead: Option<usize>,
        flow: bool,
        special: bool,
    ) -> Result<Node, PatchError> {
        let mut items: Vec<Node> = Vec::new();
        let mut special = special;
        while !self.at_end() {
            let item_lead = if flow {
                None
            } else {
                let from = items.last().map_or(lead, |p| Some(p.end));
                let dash = from.and_then(|f| skip_to(self.src, f, &['-'], true));
                special |= dash.is_none();
                dash.map(|d| d + 1)
            };
            items.push(self.node(item_lead)?);
        }
        let close = self.close()?;
        let (start, end) = if flow {
            (start, close)
        } else {
            let first = items.first().and_then(|i| i.lead).map_or(start, |l| l - 1);
            (first, items.last().map_or(close, |i| i.end))
        };
        let pad = flow && self.src[start + 1..].starts_with(' ');
        Ok(Node {
            start,
            end,
            lead,
            special,
            kind: Kind::Seq { flow, pad, items },
        })
    }

    fn map(
        &mut self,
        start: usize,
        lead: Option<usize>,
        flow: bool,
        special: bool,
    ) -> Result<Node, PatchError> {
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut special = special;
        while !self.at_end() {
            let key = self.node(None)?;
            if !matches!(key.kind, Kind::Scalar { .. }) || key.start == key.end {
                return Err(PatchError::Unsupported(
                    "a key that is not a plain scalar".into(),
                ));
            }
            let colon = skip_to(self.src, key.end, &[':'], flow);
            special |= colon.is_none() && !flow;
            let mut value = self.node(colon.map(|c| c + 1))?;
            if colon.is_none() && value.is_empty_scalar() {
                (value.start, value.end) = (key.end, key.end);
            }
            entries.push((key, value));
        }
        let close = self.close()?;
        let end = if flow {
            close
        } else {
            entries.last().map_or(close, |(k, v)| k.end.max(v.end))
        };
        let pad = flow && self.src[start + 1..].starts_with(' ');
        Ok(Node {
            start,
            end,
            lead,
            special,
            kind: Kind::Map { flow, pad, entries },
        })
    }
}

/// Position of the first of `want` after `from`, when only spaces (and with `lines`, also line
/// breaks and comments) come before it.
pub(super) fn skip_to(src: &str, from: usize, want: &[char], lines: bool) -> Option<usize> {
    let mut in_comment = false;
    for (i, c) in src.get(from..)?.char_indices() {
        match c {
            '\n' | '\r' if lines => in_comment = false,
            _ if in_comment => {}
            ' ' | '\t' | '\u{feff}' => {}
            '#' if lines => in_comment = true,
            c if want.contains(&c) => return Some(from + i),
            _ => return None,
        }
    }
    None
}

/// Start of the line holding `pos` (after a byte order mark on the first line).
pub(super) fn line_start(src: &str, pos: usize) -> usize {
    let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
    src[..pos]
        .rfind('\n')
        .map_or(bom, |i| i + 1)
        .max(bom.min(pos))
}

/// End of the line holding `pos`, before its line break.
pub(super) fn line_end(src: &str, pos: usize) -> usize {
    match src[pos..].find('\n') {
        Some(i) if src[..pos + i].ends_with('\r') => pos + i - 1,
        Some(i) => pos + i,
        None => src.len(),
    }
}

/// End of the line holding `pos`, after its line break.
pub(super) fn next_line(src: &str, pos: usize) -> usize {
    src[pos..].find('\n').map_or(src.len(), |i| pos + i + 1)
}

/// Column of `pos` in characters (what YAML's indentation counts).
pub(super) fn col(src: &str, pos: usize) -> usize {
    src[line_start(src, pos)..pos].chars().count()
}

/// Whether only spaces come before `pos` on its line.
pub(super) fn at_line_start(src: &str, pos: usize) -> bool {
    src[line_start(src, pos)..pos].bytes().all(|b| b == b' ')
}
