//! The session: the one way to drive the pipeline. It keeps each stage's state between inputs
//! (the sources, the program read so far, `--set` overrides, the checked program), so the
//! commands, the tests and the REPL all call the same few methods:
//!
//! ```text
//! add(name, text)…  set(name, text)…  check()  evaluate()  ─▶ Evaluation
//! ```
//!
//! A name defined again is an error in a batch session (a scenario file that defines
//! `dau` twice is a mistake) and replaces the earlier definition in an interactive one (the
//! REPL: `dau = 2bn` after `dau = 1bn`); everything that depends on it is recomputed at the
//! next `check`. Both are policies of [`Session::add`].
//!
//! [`Session::add_with`] also reads the files a source imports, through a [`Loader`]: each
//! file once, its statements where the import stood, a cycle an error (see `import`).
//!
//! An interactive session also takes typed lines one at a time, each of which can be taken
//! back, and keeps the last result that `_` and `ans` name: see `interactive`.

mod interactive;
mod vary;

pub use interactive::{Checkpoint, LAST_RESULT_NAMES};

use crate::ast::{Import, Program, Statement, StmtKind};
use crate::builtins::BUILTINS;
use crate::check::{self, CheckError, Flag, Override};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::eval::{self, EvalError, Evaluation, Sampling};
use crate::import::{self, Link, Loader, MAX_IMPORT_DEPTH, NoImports, Resolved};
use crate::ir::Checked;
use crate::quantity::Conventions;
use crate::quantity::reference::REFERENCES;
use crate::span::Span;
use crate::syntax::{self, ParseError};

/// The trials of a rough evaluation's ranges (see [`Session::evaluate_rough`]).
const ROUGH_SAMPLES: usize = 100;

/// The largest input accepted, in bytes: far beyond any real scenario, small enough to answer
/// at once.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// What happens when a name is defined again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redefinition {
    /// "`x` is defined twice": scenario files and `eval`.
    Error,
    /// The new definition replaces the old one in place: interactive use.
    Replace,
}

/// Which stage rejected an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading it (too large, not UTF-8), or an internal error of the session itself.
    Input,
    Parse,
    Check,
    Eval,
}

/// An error of any stage, typed; [`Error::to_diagnostic`] draws it.
#[derive(Clone, Debug)]
pub enum Error {
    Input(Diagnostic),
    Parse(ParseError),
    Check(CheckError),
    Eval(EvalError),
}

impl Error {
    pub fn stage(&self) -> Stage {
        match self {
            Error::Input(_) => Stage::Input,
            Error::Parse(_) => Stage::Parse,
            Error::Check(_) => Stage::Check,
            Error::Eval(_) => Stage::Eval,
        }
    }

    pub fn to_diagnostic(&self, sources: &SourceMap) -> Diagnostic {
        match self {
            Error::Input(d) => d.clone(),
            Error::Parse(e) => e.to_diagnostic(sources),
            Error::Check(e) => e.to_diagnostic(),
            Error::Eval(e) => e.to_diagnostic(),
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Input(d)
    }
}

pub struct Session {
    sources: SourceMap,
    /// The conventions a program starts from; its `calendar` statements may change them.
    conventions: Conventions,
    redefinition: Redefinition,
    program: Program,
    overrides: Vec<Override>,
    checked: Option<Checked>,
    /// The keys of the files read so far (see [`Resolved::key`]), each read once.
    loaded: Vec<String>,
    /// The names of the imported files, in the order they were read.
    imports: Vec<String>,
    /// How uncertain values are sampled.
    sampling: Sampling,
    /// What `_` and `ans` read as in typed lines: see `interactive`.
    results: interactive::Results,
}

impl Session {
    /// A batch session: a name defined twice is an error.
    pub fn new(conventions: Conventions) -> Self {
        Session {
            sources: SourceMap::default(),
            conventions,
            redefinition: Redefinition::Error,
            program: Program::default(),
            overrides: Vec::new(),
            checked: None,
            loaded: Vec::new(),
            imports: Vec::new(),
            sampling: Sampling::default(),
            results: interactive::Results::default(),
        }
    }

    /// How uncertain values are sampled.
    pub fn sampling(&self) -> Sampling {
        self.sampling
    }

    /// How many trials uncertain values are sampled with, and from which seed.
    pub fn set_sampling(&mut self, sampling: Sampling) {
        self.sampling = sampling;
    }

    /// A batch session whose sources continue `sources`' offsets: for a command that
    /// evaluates several programs and draws every diagnostic against one map.
    pub fn with_sources(conventions: Conventions, sources: SourceMap) -> Self {
        Session {
            sources,
            ..Session::new(conventions)
        }
    }

    /// Takes the sources out, for diagnostics drawn after the session is done.
    pub fn take_sources(&mut self) -> SourceMap {
        std::mem::take(&mut self.sources)
    }

    /// An interactive session: a later definition of a name replaces the earlier one.
    pub fn interactive(conventions: Conventions) -> Self {
        Session {
            redefinition: Redefinition::Replace,
            ..Session::new(conventions)
        }
    }

    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// The first line of the first input's leading comment block.
    pub fn title(&self) -> Option<&str> {
        self.program.title.as_deref()
    }

    /// The rest of that comment block.
    pub fn description(&self) -> Option<&str> {
        self.program.description.as_deref()
    }

    /// Parses one source (`name` is how diagnostics call it: a path, `<expr>`) and adds its
    /// statements to the program. The program is checked by [`Session::check`]. The source may
    /// not import: see [`Session::add_with`].
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.add_with(&Resolved::named(name), text, &mut NoImports)
    }

    /// Adds a source and, through `loader`, the files it imports, and theirs. Each file is read
    /// once (a file two imports lead to is the same file); a file that imports itself through
    /// any chain is an error naming the files of the cycle. Only the first source's leading
    /// comment is the program's title: an imported file's is not.
    pub fn add_with(
        &mut self,
        file: &Resolved,
        text: &str,
        loader: &mut dyn Loader,
    ) -> Result<(), Error> {
        let mut chain = vec![Link {
            file: file.clone(),
            via: None,
        }];
        self.add_file(text, loader, &mut chain).map(drop)
    }

    /// Adds the source at the end of `chain`, the imports that led to it, and returns the
    /// offset its spans start at.
    fn add_file(
        &mut self,
        text: &str,
        loader: &mut dyn Loader,
        chain: &mut Vec<Link>,
    ) -> Result<usize, Error> {
        let Some(file) = chain.last().map(|link| link.file.clone()) else {
            return Ok(0);
        };
        let text = &normalized(text);
        let base = self.sources.add(&file.name, text.as_ref())?;
        if text.len() > MAX_INPUT_BYTES {
            return Err(Error::Input(
                Diagnostic::new(format!(
                    "input too large: {} bytes (the limit is {MAX_INPUT_BYTES})",
                    text.len()
                ))
                .primary(Span::new(base, base), "")
                .help("split it into several files"),
            ));
        }
        let mut parsed = syntax::parse_program(text, base).map_err(Error::Parse)?;
        if chain.len() == 1 {
            self.results.read_aliases(&mut parsed, &self.program);
        }
        self.checked = None;
        self.loaded.push(file.key.clone());
        // A typed line's comment is not the session's title: a loaded scenario's is.
        if chain.len() == 1 && self.program.title.is_none() && !self.results.reading_line() {
            self.program.title = parsed.title;
            self.program.description = parsed.description;
        }
        let mut imports = parsed.imports.into_iter().peekable();
        if imports.peek().is_none() && self.redefinition == Redefinition::Error {
            // No import to put among the statements and no definition to replace: the
            // statements join the program at once, not one by one into a vector that grows,
            // so that a large file's syntax tree is not held twice (and, as the first file,
            // is not copied at all).
            if self.program.statements.is_empty() {
                self.program.statements = parsed.statements;
            } else {
                self.program.statements.extend(parsed.statements);
            }
            return Ok(base);
        }
        for (at, statement) in parsed.statements.into_iter().enumerate() {
            while let Some(import) = imports.next_if(|import| import.at <= at) {
                self.import(&import, loader, chain)?;
            }
            self.push(statement);
        }
        for import in imports {
            self.import(&import, loader, chain)?;
        }
        Ok(base)
    }

    /// Reads the file `import` names, unless it was read already.
    fn import(
        &mut self,
        import: &Import,
        loader: &mut dyn Loader,
        chain: &mut Vec<Link>,
    ) -> Result<(), Error> {
        let importer = chain.last().map(|link| link.file.clone());
        let file = importer
            .ok_or_else(String::new)
            .and_then(|importer| loader.resolve(&importer, &import.path))
            .map_err(|message| Error::Input(import::not_found(message, import)))?;
        if let Some(start) = chain.iter().position(|link| link.file.key == file.key) {
            return Err(Error::Input(import::cycle(&chain[start..], import)));
        }
        if self.loaded.contains(&file.key) {
            return Ok(());
        }
        if chain.len() > MAX_IMPORT_DEPTH {
            return Err(Error::Input(import::too_deep(import)));
        }
        let text = loader
            .read(&file)
            .map_err(|message| Error::Input(import::unreadable(message, import)))?;
        self.imports.push(file.name.clone());
        chain.push(Link {
            file,
            via: Some(import.path_span),
        });
        let added = self.add_file(&text, loader, chain);
        chain.pop();
        added.map(drop)
    }

    /// The names of the files imported so far, in the order they were read.
    /// Frees the statements' syntax trees of a checked program, keeping its title: for
    /// [`crate::report_once`], which owns the session and checks nothing after.
    pub(crate) fn release_syntax(&mut self) {
        self.program.statements = Vec::new();
    }

    pub fn imports(&self) -> &[String] {
        &self.imports
    }

    fn push(&mut self, statement: Statement) {
        if self.redefinition == Redefinition::Replace
            && let StmtKind::Define { name, .. } = &statement.kind
        {
            let earlier = self
                .program
                .statements
                .iter_mut()
                .find(|s| matches!(&s.kind, StmtKind::Define { name: n, .. } if n == name));
            if let Some(earlier) = earlier {
                // `dau = 1bn` changes the value: the description stays unless a new one is given.
                let comment = if statement.comment.is_empty() {
                    earlier.comment
                } else {
                    statement.comment
                };
                *earlier = Statement {
                    comment,
                    ..statement
                };
                return;
            }
        }
        self.program.statements.push(statement);
    }

    /// `--set name=text`: replaces a definition's value for the next check. The value must
    /// keep the definition's dimension and kind.
    pub fn set(&mut self, name: &str, text: &str) -> Result<(), Error> {
        self.set_from(Flag::Set, name, text).map(drop)
    }

    /// [`Session::set`] for the option `flag` (an end of `--vary` is an override too), which
    /// names the source its diagnostics are drawn in (`<--vary>`) and its errors; returns the
    /// span of the value.
    pub(crate) fn set_from(&mut self, flag: Flag, name: &str, text: &str) -> Result<Span, Error> {
        let origin = format!("<{}>", flag.option());
        let base = self.sources.add(&origin, format!("{name}={text}"))?;
        let value_base = base + name.len() + 1;
        let value = syntax::parse_expression(text, value_base).map_err(Error::Parse)?;
        self.checked = None;
        self.overrides.push(Override {
            name: name.to_string(),
            name_span: Span::new(base, base + name.len()),
            value,
            flag,
        });
        Ok(Span::new(value_base, value_base + text.len()))
    }

    /// Checks the program read so far: names, cycles, dimensions.
    pub fn check(&mut self) -> Result<&Checked, Error> {
        if self.checked.is_none() {
            let checked = check::check(
                &self.program,
                &self.overrides,
                self.conventions,
                &self.sources,
            )
            .map_err(Error::Check)?;
            self.checked = Some(checked);
        }
        self.checked.as_ref().ok_or_else(|| {
            Error::Input(Diagnostic::new(
                "internal error: the program was not checked",
            ))
        })
    }

    /// The checked program, if the program read so far was checked.
    pub(crate) fn checked(&self) -> Option<&Checked> {
        self.checked.as_ref()
    }

    /// The program read so far checked again in the rough calendar of `--rough`
    /// ([`Conventions::rough`]): a second checked program, evaluated beside the exact one by
    /// [`Session::evaluate_rough`]. Check the program first: an error is found there.
    pub fn check_rough(&self) -> Result<Checked, Error> {
        check::check(
            &self.program,
            &self.overrides,
            Conventions::rough(),
            &self.sources,
        )
        .map_err(Error::Check)
    }

    /// Evaluates a program from [`Session::check_rough`]. Ranges have no rough figure, so
    /// they are sampled as few times as the command line allows: no figure shown depends on
    /// their samples.
    pub fn evaluate_rough<'c>(&self, rough: &'c Checked) -> Result<Evaluation<'c>, Error> {
        let sampling = Sampling {
            samples: ROUGH_SAMPLES.min(self.sampling.samples),
            keep_samples: false,
            ..self.sampling
        };
        eval::evaluate(rough, &sampling).map_err(Error::Eval)
    }

    /// Evaluates the checked program's definitions; its output statements are computed as
    /// [`Evaluation::entries`] reads them (where their errors are found).
    pub fn evaluate(&self) -> Result<Evaluation<'_>, Error> {
        let checked = self.checked.as_ref().ok_or_else(|| {
            Error::Input(Diagnostic::new(
                "internal error: evaluate called before check",
            ))
        })?;
        eval::evaluate(checked, &self.sampling).map_err(Error::Eval)
    }

    /// The names the program read so far defines, in order.
    pub fn defined_names(&self) -> impl Iterator<Item = &str> {
        self.program
            .statements
            .iter()
            .filter_map(|s| match &s.kind {
                StmtKind::Define { name, .. } => Some(&**name),
                _ => None,
            })
    }

    /// Whether the program read so far defines `name`: whether `--set name=…` has a target.
    pub fn defines(&self, name: &str) -> bool {
        self.defined_names().any(|n| n == name)
    }

    /// The names an input may use, for completion: definitions, functions, reference numbers.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.defined_names()
            .chain(BUILTINS.iter().map(|b| b.name))
            .chain(REFERENCES.iter().map(|r| r.name))
    }
}

/// A source as the parser reads it: without a leading byte-order mark, and with each carriage
/// return that no line feed follows (old Mac line ends) read as a line feed. Replacing one
/// byte by one byte keeps every offset.
pub(crate) fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone_cr) {
        return std::borrow::Cow::Borrowed(text);
    }
    let fixed: String = text
        .char_indices()
        .map(|(i, c)| if c == '\r' && lone_cr(i) { '\n' } else { c })
        .collect();
    std::borrow::Cow::Owned(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(session: &mut Session, name: &str) -> Option<f64> {
        session.check().ok()?;
        let evaluation = session.evaluate().ok()?;
        evaluation.entries().find_map(|e| match e.ok()? {
            eval::Entry::Definition {
                definition, value, ..
            } if definition.name == name => Some(value.point()),
            _ => None,
        })
    }

    #[test]
    fn batch_sessions_reject_a_second_definition() {
        let mut s = Session::new(Conventions::default());
        s.add("<a>", "x = 1").ok();
        s.add("<b>", "x = 2").ok();
        let err = s.check().err().map(|e| e.stage());
        assert_eq!(err, Some(Stage::Check));
    }

    #[test]
    fn interactive_redefinition_replaces_and_recomputes_dependents() {
        let mut s = Session::interactive(Conventions::default());
        assert!(s.add("<1>", "x = 2; y = x * 10").is_ok());
        assert_eq!(value_of(&mut s, "y"), Some(20.0));
        assert!(s.add("<2>", "x = 5").is_ok());
        assert_eq!(value_of(&mut s, "y"), Some(50.0));
        // A redefinition may change the dimension: dependents follow.
        assert!(s.add("<3>", "x = 1 GB").is_ok());
        assert_eq!(value_of(&mut s, "y"), Some(1e10));
        assert_eq!(s.names().filter(|n| *n == "x").count(), 1);
    }

    #[test]
    fn each_stage_reports_itself() {
        let stage = |text: &str| {
            let mut s = Session::new(Conventions::default());
            s.add("<t>", text)
                .and_then(|()| s.check().map(|_| ()))
                .and_then(|()| {
                    // Output statements are computed as their entries are read.
                    let evaluation = s.evaluate()?;
                    evaluation
                        .entries()
                        .try_for_each(|e| e.map(drop))
                        .map_err(Error::Eval)
                })
                .err()
                .map(|e| e.stage())
        };
        assert_eq!(stage("1 +"), Some(Stage::Parse));
        assert_eq!(stage("1 GB + 1 s"), Some(Stage::Check));
        assert_eq!(stage("1 / 0"), Some(Stage::Eval));
        assert_eq!(stage("1 GB"), None);
    }
}
