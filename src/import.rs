//! Imports: what `import "common.bote"` needs from whoever runs the session. The library
//! never touches the file system; a [`Loader`] (the binary's reads files) resolves a path
//! written in a source to a file and reads it, and the session does the rest: it parses each
//! file once, puts its statements where the import stood, and rejects a cycle, naming every
//! file in it. The errors of an import are drawn here, with a caret under the quoted path.

use crate::ast::Import;
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// How deeply imports may nest (a imports b imports c…): deep enough for any real project,
/// shallow enough that the recursion that reads them cannot exhaust the stack.
pub const MAX_IMPORT_DEPTH: usize = 64;

/// A source as the loader identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// How diagnostics and JSON call it: for an imported file, its path joined to the
    /// directory of the importer's, as the user would write it (`plans/common.bote`).
    pub name: String,
    /// What makes two paths one file (a canonical path): a file imported along two paths is
    /// read once, and a file that imports itself, through any chain, is a cycle.
    pub key: String,
}

impl Resolved {
    /// A source that is not a file (`<expr>`, `<stdin>`): its name is its identity.
    pub fn named(name: &str) -> Resolved {
        Resolved {
            name: name.to_string(),
            key: name.to_string(),
        }
    }
}

/// Finds and reads imported files. Each error is a message (`cannot read `x`: …`), which
/// the session shows at the import's path.
pub trait Loader {
    /// The file that `path`, as written in `importer`, names.
    fn resolve(&mut self, importer: &Resolved, path: &str) -> Result<Resolved, String>;
    /// Its text, within [`crate::MAX_INPUT_BYTES`] (one byte more may be returned, for the
    /// session to reject).
    fn read(&mut self, file: &Resolved) -> Result<String, String>;
}

/// The loader of a session that reads no files: every import is an error.
pub struct NoImports;

impl Loader for NoImports {
    fn resolve(&mut self, _importer: &Resolved, path: &str) -> Result<Resolved, String> {
        Err(format!(
            "cannot import `{path}`: this input cannot read files"
        ))
    }

    fn read(&mut self, file: &Resolved) -> Result<String, String> {
        Err(format!("cannot read `{}`", file.name))
    }
}

/// A file on the chain of imports being read: its name, and the import that led to it.
pub(crate) struct Link {
    pub(crate) file: Resolved,
    pub(crate) via: Option<Span>,
}

/// A file not found: the path may be relative to the wrong directory.
pub(crate) fn not_found(message: String, import: &Import) -> Diagnostic {
    unreadable(message, import)
        .help("an import's path is relative to the directory of the file that imports it")
}

/// A file found but not read: too large, not UTF-8, a directory.
pub(crate) fn unreadable(message: String, import: &Import) -> Diagnostic {
    Diagnostic::new(message).primary(import.path_span, "imported here")
}

pub(crate) fn too_deep(import: &Import) -> Diagnostic {
    Diagnostic::new(format!(
        "imports nested too deeply (more than {MAX_IMPORT_DEPTH} files, each importing the next)"
    ))
    .primary(import.path_span, "too deep")
}

/// `chain` from the file imported again to the importer of `import`, which closes the cycle.
pub(crate) fn cycle(chain: &[Link], import: &Import) -> Diagnostic {
    let names: Vec<&str> = chain
        .iter()
        .map(|link| link.file.name.as_str())
        .chain(chain.first().map(|link| link.file.name.as_str()))
        .collect();
    let mut d = Diagnostic::new(format!("import cycle: {}", names.join(" → ")))
        .primary(import.path_span, "imported again here");
    // Each import along the cycle, but the first file's own (which came from outside it).
    for link in chain.iter().skip(1) {
        if let Some(via) = link.via {
            d = d.secondary(via, format!("imports {}", link.file.name));
        }
    }
    d.help("a file cannot import itself, directly or through others: move what both need into a third file")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Conventions, Session, Stage};

    /// Files in memory: the session needs no file system.
    struct Memory(&'static [(&'static str, &'static str)]);

    impl Loader for Memory {
        fn resolve(&mut self, _importer: &Resolved, path: &str) -> Result<Resolved, String> {
            match self.0.iter().find(|(name, _)| *name == path) {
                Some(_) => Ok(Resolved::named(path)),
                None => Err(format!("no file `{path}`")),
            }
        }

        fn read(&mut self, file: &Resolved) -> Result<String, String> {
            self.0
                .iter()
                .find(|(name, _)| *name == file.name)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| format!("no file `{}`", file.name))
        }
    }

    fn session(files: &'static [(&'static str, &'static str)]) -> (Session, Result<(), Stage>) {
        let mut s = Session::new(Conventions::default());
        let (name, text) = files[0];
        let result = s
            .add_with(&Resolved::named(name), text, &mut Memory(files))
            .and_then(|()| s.check().map(|_| ()))
            .map_err(|e| e.stage());
        (s, result)
    }

    #[test]
    fn a_file_two_imports_lead_to_is_read_once() {
        let (s, result) = session(&[
            ("main", "# Main\nimport \"a\"\nimport \"b\"\ny = x * 2"),
            ("a", "# Not the title\nimport \"c\""),
            ("b", "import \"c\""),
            ("c", "x = 1"),
        ]);
        assert_eq!(result, Ok(()));
        assert_eq!(s.imports(), ["a", "c", "b"]);
        assert_eq!(s.defined_names().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(s.title(), Some("Main"));
    }

    #[test]
    fn imported_statements_stand_where_the_import_stood() {
        let (s, _) = session(&[("main", "a = 1\nimport \"m\"\nc = 3"), ("m", "b = 2")]);
        assert_eq!(s.defined_names().collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn a_cycle_and_a_missing_file_are_input_errors() {
        let (_, cycle) = session(&[("main", "import \"a\""), ("a", "import \"main\"")]);
        assert_eq!(cycle, Err(Stage::Input));
        let (_, missing) = session(&[("main", "import \"nowhere\"")]);
        assert_eq!(missing, Err(Stage::Input));
        // Without a loader, an import is an error too, not ignored.
        let mut s = Session::new(Conventions::default());
        assert!(s.add("<expr>", "import \"a\"").is_err());
    }
}
