//! The TUI running in a pseudo-terminal, read back through a terminal
//! emulator (vt100): the harness of the end-to-end tests.

use super::Db;
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The TUI running in a pseudo-terminal.
pub struct Tui {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
}

impl Tui {
    pub fn open(db: &Db, user: &str, cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Tui {
        Tui::spawn(
            db,
            &["--db", db.path.to_str().unwrap_or_default(), "--user", user],
            cols,
            rows,
            extra_env,
        )
    }

    pub fn spawn(db: &Db, args: &[&str], cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(super::bin());
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        cmd.env_remove("THAMDINH_LANG");
        cmd.env("XDG_CONFIG_HOME", db.dir().join("config"));
        cmd.env_remove("THAMDINH_DATA");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn thamdinh");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s2, r2) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s2.lock().unwrap().process(&buf[..n]);
                r2.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tui {
            master: pair.master,
            writer,
            child,
            screen,
            raw,
        }
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Wait until the screen shows `what`; panic with the screen if not.
    pub fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        panic!("timed out waiting for {what:?}; screen:\n{}", self.text());
    }

    /// Wait until the program has written nothing for half a second (the
    /// first frames and the selected dossier's panes are drawn), at most 15 s.
    pub fn settle(&self) {
        let start = Instant::now();
        let mut last = self.raw.lock().unwrap().len();
        let mut quiet_since = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.raw.lock().unwrap().len();
            if now != last {
                last = now;
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() >= Duration::from_millis(500) {
                return;
            }
        }
        panic!(
            "the program never stopped writing; screen:\n{}",
            self.text()
        );
    }

    /// Wait until the raw output holds `what` (the reader thread may still
    /// be catching up after the process exited).
    pub fn wait_raw(&self, what: &str) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if String::from_utf8_lossy(&self.raw.lock().unwrap()).contains(what) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the application read each burst separately, as typing does.
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Type text one character at a time.
    pub fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.send(&c.to_string());
        }
    }

    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        panic!("the TUI did not exit; screen:\n{}", self.text());
    }

    /// CPU time (user + system, clock ticks) the TUI has used so far.
    pub fn cpu_ticks(&self) -> u64 {
        let pid = self.child.process_id().expect("pid");
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("proc stat");
        // Fields after the command name (which may hold spaces) in parentheses.
        let rest = &stat[stat.rfind(')').expect("stat format") + 2..];
        let f: Vec<&str> = rest.split(' ').collect();
        f[11].parse::<u64>().unwrap_or(0) + f[12].parse::<u64>().unwrap_or(0)
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size is never 0")
}
