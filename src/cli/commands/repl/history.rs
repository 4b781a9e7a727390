//! Where the REPL keeps its history: `$BOTE_HISTORY` when set (set to nothing, no file), else
//! the platform's data directory, as other tools put theirs:
//!
//! - Linux and other Unixes: `$XDG_DATA_HOME/bote/history`, else
//!   `~/.local/share/bote/history` (the XDG base directory spec);
//! - macOS: `~/Library/Application Support/bote/history`;
//! - Windows: `%APPDATA%\bote\history`.
//!
//! Never the current directory: a relative `XDG_DATA_HOME`, `HOME` or `APPDATA` is ignored, as
//! the XDG spec asks, and with none of them the history lasts only as long as the session.
//! `BOTE_HISTORY` is taken as given, relative or not: the user chose it.

use std::ffi::OsString;
use std::path::PathBuf;

/// The environment variable that overrides the history file.
pub const HISTORY_VAR: &str = "BOTE_HISTORY";

/// Which convention the data directory follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Unix,
    MacOs,
    Windows,
}

impl Platform {
    pub fn current() -> Platform {
        if cfg!(target_os = "macos") {
            Platform::MacOs
        } else if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }
}

/// The history file, from the environment `var` reads; `None` for no file.
pub fn path(platform: Platform, var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if let Some(chosen) = var(HISTORY_VAR) {
        return (!chosen.is_empty()).then(|| PathBuf::from(chosen));
    }
    let absolute = |name: &str| {
        var(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    let data = match platform {
        Platform::Unix => absolute("XDG_DATA_HOME")
            .or_else(|| absolute("HOME").map(|home| home.join(".local").join("share"))),
        Platform::MacOs => {
            absolute("HOME").map(|home| home.join("Library").join("Application Support"))
        }
        Platform::Windows => absolute("APPDATA"),
    };
    data.map(|dir| dir.join("bote").join("history"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(platform: Platform, vars: &[(&str, &str)]) -> Option<String> {
        let var = |name: &str| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        };
        path(platform, var).map(|p| p.to_string_lossy().replace('\\', "/"))
    }

    #[test]
    fn the_data_directory_of_each_platform() {
        let home = [("HOME", "/home/ada")];
        assert_eq!(
            history(Platform::Unix, &home).as_deref(),
            Some("/home/ada/.local/share/bote/history")
        );
        assert_eq!(
            history(
                Platform::Unix,
                &[("HOME", "/home/ada"), ("XDG_DATA_HOME", "/data")]
            )
            .as_deref(),
            Some("/data/bote/history")
        );
        assert_eq!(
            history(Platform::MacOs, &[("HOME", "/Users/ada")]).as_deref(),
            Some("/Users/ada/Library/Application Support/bote/history")
        );
        if cfg!(windows) {
            assert_eq!(
                history(
                    Platform::Windows,
                    &[("APPDATA", r"C:\Users\ada\AppData\Roaming")]
                )
                .as_deref(),
                Some("C:/Users/ada/AppData/Roaming/bote/history")
            );
        }
    }

    #[test]
    fn bote_history_overrides_and_an_empty_one_keeps_none() {
        let vars = [("HOME", "/home/ada"), (HISTORY_VAR, "/tmp/h")];
        assert_eq!(history(Platform::Unix, &vars).as_deref(), Some("/tmp/h"));
        assert_eq!(
            history(Platform::Unix, &[("HOME", "/home/ada"), (HISTORY_VAR, "")]),
            None
        );
    }

    #[test]
    fn never_the_current_directory() {
        // A relative XDG_DATA_HOME is ignored, and a relative HOME too.
        assert_eq!(
            history(
                Platform::Unix,
                &[("HOME", "/home/ada"), ("XDG_DATA_HOME", "data")]
            )
            .as_deref(),
            Some("/home/ada/.local/share/bote/history")
        );
        assert_eq!(history(Platform::Unix, &[("HOME", ".")]), None);
        assert_eq!(history(Platform::Unix, &[]), None);
        assert_eq!(history(Platform::Windows, &[("APPDATA", "x")]), None);
    }
}
