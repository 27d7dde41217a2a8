//! Helpers for tests that run the real `thamdinh` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_thamdinh")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_dir() -> PathBuf {
    root().join("data/sample")
}

pub fn nasty_dir() -> PathBuf {
    root().join("tests/fixtures/nasty")
}

/// A database in a fresh temporary folder.
pub struct Db {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.db");
        Db { dir, path }
    }

    pub fn cmd(&self, user: &str) -> Command {
        let mut c = Command::new(bin());
        c.arg("--db").arg(&self.path).arg("--user").arg(user);
        c.env_remove("THAMDINH_DATA")
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"));
        c.stdin(Stdio::null());
        c
    }

    /// Run as appraiser `lan`.
    pub fn run(&self, args: &[&str]) -> Out {
        self.run_as("lan", args)
    }

    pub fn run_as(&self, user: &str, args: &[&str]) -> Out {
        Out::from(self.cmd(user).args(args).output().expect("run thamdinh"))
    }

    pub fn import_sample(&self) -> Out {
        let out = self.run(&["import", sample_dir().to_str().unwrap()]);
        assert_eq!(out.code, 0, "sample import failed:\n{}", out.stderr);
        out
    }

    /// The sample of plan year 2024 only (the files of one sitting),
    /// without the 2026 dossiers of `*-2026.*`.
    pub fn import_sample_2024(&self) -> Out {
        let mut files: Vec<String> = std::fs::read_dir(sample_dir())
            .expect("sample dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x != "md"))
            .filter(|p| !p.to_string_lossy().contains("-2026."))
            .map(|p| p.display().to_string())
            .collect();
        files.sort();
        let mut args = vec!["import"];
        args.extend(files.iter().map(String::as_str));
        let out = self.run(&args);
        assert_eq!(out.code, 0, "sample import failed:\n{}", out.stderr);
        out
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args);
        assert_eq!(out.code, 0, "{args:?} failed:\n{}", out.stderr);
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}\n{}", out.stdout))
    }

    /// The criterion ids of a dossier's category, as `show` lists them.
    pub fn criteria(&self, code: &str) -> Vec<String> {
        let d = self.json(&["show", code, "--format", "json"]);
        d["score"]["criteria"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c["id"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A criterion's points as `show --format json` has them (null while
    /// unscored).
    pub fn points(&self, code: &str, criterion: &str) -> serde_json::Value {
        let d = self.json(&["show", code, "--format", "json"]);
        d["score"]["criteria"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["id"] == criterion))
            .map(|c| c["points"].clone())
            .unwrap_or_else(|| panic!("{code} has no criterion {criterion}"))
    }

    /// The entries of `code`'s audit trail with this action.
    pub fn logged(&self, code: &str, action: &str) -> Vec<serde_json::Value> {
        let log = self.json(&["log", code, "--format", "json"]);
        log.as_array()
            .map(|a| {
                a.iter()
                    .filter(|e| e["action"] == action)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Out {
    fn from(o: Output) -> Out {
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}
