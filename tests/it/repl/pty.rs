//! A pseudo-terminal to drive `bote` as a person at a keyboard does: keys go in, and a test
//! waits until the screen shows a text (never a fixed sleep). The child gets the terminal as
//! its standard input, output and error; it needs no controlling terminal, since the line
//! editor reads Ctrl-C as a key in raw mode.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::pty::{Winsize, openpty};

/// How long a test waits for any one text: far longer than a line takes, short enough that a
/// hang fails the test instead of the suite.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Pty {
    child: Child,
    keyboard: File,
    /// Everything the terminal has shown.
    screen: Arc<Mutex<Vec<u8>>>,
    /// How much of the screen, without its escape sequences, earlier waits have read.
    read: usize,
}

impl Pty {
    /// `bote` with `args` on a new 100-column terminal, in `dir`, with `env` set (and colour off,
    /// so that texts are plain).
    pub fn start(args: &[&str], dir: &Path, env: &[(&str, &Path)]) -> Pty {
        let size = Winsize {
            ws_row: 40,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(&size, None).expect("a pseudo-terminal");
        let terminal = File::from(pty.slave);
        let mut command = Command::new(env!("CARGO_BIN_EXE_bote"));
        command
            .args(args)
            .current_dir(dir)
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env_remove("BOTE_HISTORY")
            .env_remove("COLUMNS")
            .stdin(terminal.try_clone().expect("the terminal"))
            .stdout(terminal.try_clone().expect("the terminal"))
            .stderr(terminal);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().expect("runs bote");
        // The child holds the terminal's side now: once it exits, reading ends.
        drop(command);
        let keyboard = File::from(pty.master);
        let mut display = keyboard.try_clone().expect("the terminal");
        let screen = Arc::new(Mutex::new(Vec::new()));
        let shown = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buffer = [0; 4096];
            // Linux answers EIO once the child has closed its side: the end, as 0 is.
            while let Ok(n @ 1..) = display.read(&mut buffer) {
                shown.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        Pty {
            child,
            keyboard,
            screen,
            read: 0,
        }
    }

    /// Types `keys` (`\r` is Enter, `\t` Tab, `\x03` Ctrl-C, `\x04` Ctrl-D, `\x1b[A` Up).
    pub fn send(&mut self, keys: &str) {
        self.keyboard
            .write_all(keys.as_bytes())
            .expect("the terminal takes keys");
    }

    /// Waits until the screen shows `text` after what earlier waits read, and returns what
    /// it showed up to the end of `text`.
    pub fn expect(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.text();
            if let Some(at) = screen[self.read..].find(text) {
                let end = self.read + at + text.len();
                let seen = screen[self.read..end].to_string();
                self.read = end;
                return seen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the terminal never showed {text:?}; after what was read, it shows:\n{}",
                &screen[self.read..]
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the session to end, and its exit status.
    pub fn finish(mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                return status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the session did not end; the terminal shows:\n{}",
                self.text()
            );
            thread::sleep(Duration::from_millis(5));
        }
    }

    /// The screen as text: without escape sequences (cursor moves, modes) and carriage
    /// returns, so that what bote wrote reads as it was written.
    pub fn text(&self) -> String {
        let bytes = self.screen.lock().unwrap().clone();
        plain(&String::from_utf8_lossy(&bytes))
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // A test that failed leaves no session behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `text` without ANSI escape sequences and carriage returns.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A CSI sequence is its parameters, then one final byte in `@..~`; any other
            // escape that rustyline writes is two characters long.
            '\x1b' => {
                if chars.next() == Some('[') {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
            }
            '\r' | '\x07' => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn plain_text_drops_escape_sequences() {
    assert_eq!(
        plain("\x1b[?2004hbote> x\x1b[K\r\nx = 5\r\n"),
        "bote> x\nx = 5\n"
    );
}
