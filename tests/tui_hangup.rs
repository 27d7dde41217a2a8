//! The SSH drop: the terminal disappears under a running TUI. The process
//! must end (terminal restored as far as one is left) instead of lingering
//! and burning a core on the shared server. crossterm's reader can spin on
//! the dead terminal, so this is the signal thread's job (`tui::run`).
//!
//! tmux gives a real terminal that can vanish (`kill-server`); `.ci/run`
//! installs it. Without tmux, outside CI, the test says so and passes.

mod common;

use common::Db;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(sock: &Path, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .arg("-S")
        .arg(sock)
        .args(args)
        .env_remove("TMUX")
        .output()
        .expect("run tmux")
}

/// The pid of the thamdinh process whose command line names `db`.
fn find_pid(db: &Path) -> Option<u32> {
    let needle = db.to_string_lossy().into_owned();
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        // argv[0] must be the binary itself (tmux's own command line names
        // it too, inside one argument).
        let args: Vec<String> = cmdline
            .split(|&b| b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        if args.first().map(String::as_str) == Some(common::bin())
            && args.iter().any(|a| a == &needle)
        {
            return Some(pid);
        }
    }
    None
}

/// Running (not gone, not a zombie waiting to be reaped).
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/status")) {
        Ok(status) => !status
            .lines()
            .any(|l| l.starts_with("State:") && l.contains('Z')),
        Err(_) => false,
    }
}

/// Kills the process when the test ends, so a failure leaves nothing
/// running on the machine.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if alive(self.0) {
            let _ = Command::new("kill")
                .arg("-9")
                .arg(self.0.to_string())
                .status();
        }
    }
}

#[test]
fn a_dropped_terminal_ends_the_process() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have tmux: .ci/run installs it"
        );
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let db = Db::new();
    db.import_sample();
    let sock = db.dir().join("tmux.sock");
    let command = format!(
        "exec {} --db {} --user lan",
        common::bin(),
        db.path.display()
    );
    let out = tmux(
        &sock,
        &["new-session", "-d", "-x", "80", "-y", "24", &command],
    );
    assert!(
        out.status.success(),
        "tmux: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let start = Instant::now();
    loop {
        let screen =
            String::from_utf8_lossy(&tmux(&sock, &["capture-pane", "-p"]).stdout).into_owned();
        if screen.contains("Queue") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the TUI never drew; screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let pid = find_pid(&db.path).expect("the TUI's process");
    let _reaper = KillOnDrop(pid);
    // The terminal goes away, as when an SSH session drops.
    tmux(&sock, &["kill-server"]);
    let start = Instant::now();
    while alive(pid) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "thamdinh {pid} still running 10 s after its terminal vanished"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
