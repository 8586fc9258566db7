//! One EventCatalog page: what its path says it documents, and its YAML frontmatter parsed in place.

use eventlint_diagnostics::{Diagnostic, FileId, Limits, Span};
use eventlint_yaml::{Spanned, YamlNode};

/// The collection folder a resource lives in (`events/`, `services/`, …), at any depth of nesting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    Events,
    Commands,
    Queries,
    Services,
    Domains,
    Channels,
}

impl Collection {
    fn from_folder(folder: &str) -> Option<Self> {
        Some(match folder {
            "events" => Collection::Events,
            "commands" => Collection::Commands,
            "queries" => Collection::Queries,
            "services" => Collection::Services,
            "domains" => Collection::Domains,
            "channels" => Collection::Channels,
            _ => return None,
        })
    }

    /// The eventlint message kind of a message collection.
    pub fn message_kind(self) -> Option<&'static str> {
        match self {
            Collection::Events => Some("event"),
            Collection::Commands => Some("command"),
            Collection::Queries => Some("query"),
            Collection::Services | Collection::Domains | Collection::Channels => None,
        }
    }
}

/// What a page's path says: `…/<collection>/<Name>/index.mdx` or `…/<Name>/versioned/<version>/index.mdx`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagePath<'p> {
    pub collection: Collection,
    /// The resource's folder, shared by the current page and its versioned copies (`events/OrderCreated`).
    pub resource_dir: &'p str,
    /// The folder of a versioned copy (`0.6.0`); `None` for the current version.
    pub versioned: Option<&'p str>,
}

/// The resource a project-relative path documents, if it is an EventCatalog page (`index.mdx`, or v1's `index.md`).
pub fn page_path(path: &str) -> Option<PagePath<'_>> {
    let dir = ["/index.mdx", "/index.md"].iter().find_map(|suffix| path.strip_suffix(suffix))?;
    let (parent, last) = dir.rsplit_once('/')?;
    let (resource_dir, versioned) = match parent.rsplit_once('/') {
        Some((resource_dir, "versioned")) => (resource_dir, Some(last)),
        _ => (dir, None),
    };
    let folder = resource_dir.rsplit_once('/')?.0.rsplit('/').next()?;
    Some(PagePath { collection: Collection::from_folder(folder)?, resource_dir, versioned })
}

/// A page's frontmatter mapping and its Markdown body; spans are offsets into the whole file.
pub struct Frontmatter {
    pub root: YamlNode,
    /// The body, trimmed; `None` when empty.
    pub body: Option<Spanned<String>>,
}

/// Parses the frontmatter between the opening `---` line and the next `---` line with eventlint's YAML parser.
///
/// The parser is given the file with everything outside the frontmatter blanked (newlines kept), so every span
/// it returns is already an offset into the file. `None` for a page without frontmatter: not EventCatalog's.
pub fn parse_frontmatter(
    file: FileId,
    text: &str,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Frontmatter> {
    let mut lines = text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    });
    let (_, opening) = lines.next()?;
    if opening.trim_end() != "---" {
        return None;
    }
    let Some((closing, closing_line)) = lines.find(|(_, line)| line.trim_end() == "---") else {
        diagnostics.push(
            Diagnostic::load("yaml-syntax", "the frontmatter is never closed")
                .with_primary(Span::new(file, 0, opening.trim_end().len()), "opened here")
                .with_help("end the frontmatter with a line `---`"),
        );
        return None;
    };
    let body_start = closing + closing_line.len();
    let blank = |bytes: &mut [u8]| bytes.iter_mut().filter(|b| **b != b'\n').for_each(|b| *b = b' ');
    let mut masked = text.as_bytes().to_vec();
    blank(masked.get_mut(..opening.len())?);
    blank(masked.get_mut(closing..)?);
    let masked = String::from_utf8(masked).ok()?;
    let (root, parse_diagnostics) = eventlint_yaml::parse(file, &masked, limits);
    diagnostics.extend(parse_diagnostics);
    let rest = text.get(body_start..).unwrap_or_default();
    let body = Some(rest.trim()).filter(|body| !body.is_empty()).map(|body| {
        let start = body_start + rest.len() - rest.trim_start().len();
        Spanned::new(body.to_owned(), Span::new(file, start, start + body.len()))
    });
    Some(Frontmatter { root: root?, body })
}
