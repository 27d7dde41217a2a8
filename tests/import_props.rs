//! Property tests over every importer (issue 8): random bytes, and valid
//! files (JSON, JSON Lines, CSV, from `tests/fixtures/import` and
//! `data/sample`) randomly mutated, never make the import panic, and every
//! record, rejection and warning is located: it names the file and the line
//! (JSON Lines, CSV) or array index (JSON), and a skipped file names the
//! file. Plus, through the real binary, a JSON array of 200,000 small
//! objects imports in memory smaller than the file.
//!
//! The case counts are modest so that a debug `cargo test` stays quick;
//! `PROPTEST_CASES` does not change them (set them here).

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};
use std::path::PathBuf;
use thamdinh::domain::Lang;
use thamdinh::domain::rules::Rules;
use thamdinh::import::{Item, Location, scan};
use thamdinh::ops::{self, ImportMessage};
use thamdinh::store::{Actor, Store};

const EXTENSIONS: [&str; 3] = ["json", "jsonl", "csv"];

/// The bundled rules (their category aliases make the seeds' records
/// valid), loaded once.
fn rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(Rules::bundled)
}

/// Valid files to mutate, read once.
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        [
            "tests/fixtures/import/quang-nam-mot-ho-so.json",
            "tests/fixtures/import/lam-dong-2025.json",
            "tests/fixtures/import/dong-thap-2025.jsonl",
            "tests/fixtures/import/gia-lai-2025.csv",
            "tests/fixtures/import/tra-vinh-2025-loi.csv",
            "data/sample/quang-nam.json",
            "data/sample/gia-lai.json",
            "data/sample/mien-nui-phia-bac.jsonl",
            "data/sample/thai-binh-bac-ninh.csv",
            "data/sample/tra-vinh-ben-tre-ca-mau.csv",
        ]
        .iter()
        .map(|rel| {
            let ext = rel.rsplit('.').next().unwrap_or_default().to_string();
            let bytes = std::fs::read(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
            (ext, bytes)
        })
        .collect()
    })
}

/// Bytes that tend to break readers: structure of each format, hostile
/// amounts, dates and text, invalid UTF-8.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\\",
    b",",
    b";",
    b"|",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\n",
    b"\r\n",
    b"\r",
    b"\"\"",
    b"\t",
    b" ",
    b"null",
    b"9223372036854775807",
    b"18446744073709551616",
    b"1000000000000001",
    b"\"9.223.372.036.854.775.807 \xc4\x91\"",
    b"1e400",
    b"-1",
    b"0.5",
    b"\"31/02/2024\"",
    b"\"\\ud800\"",
    b"\"\\u0000\\u001b[2J\"",
    b"\x1b]8;;http://x\x07",
    "\u{202e}\u{2028}\u{e0041}\u{feff}".as_bytes(),
    b"\xff\xfe",
    b"\xc3",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"{\"a\":{\"a\":{\"a\":{\"a\":",
    b"\"budget\": {\"national_vnd\": 1e15}",
    b"\"documents\": [{\"kind\": {}}]",
];

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace one byte.
    Set(Index, u8),
    /// Insert one of [`TOKENS`].
    Token(Index, Index),
    /// Insert random bytes.
    Insert(Index, Vec<u8>),
    /// Delete a range.
    Delete(Index, usize),
    /// Copy a range elsewhere.
    Duplicate(Index, usize, Index),
    /// Cut the file.
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Mutation::Token(i, t)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => (any::<Index>(), 1usize..200).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => (any::<Index>(), 1usize..400, any::<Index>())
            .prop_map(|(i, n, j)| Mutation::Duplicate(i, n, j)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    let at = |i: &Index| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::Set(i, b) => {
            if len > 0 {
                let k = i.index(len);
                bytes[k] = *b;
            }
        }
        Mutation::Token(i, t) => {
            let k = at(i);
            let token = TOKENS[t.index(TOKENS.len())];
            bytes.splice(k..k, token.iter().copied());
        }
        Mutation::Insert(i, b) => {
            let k = at(i);
            bytes.splice(k..k, b.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let k = at(i);
            let end = (k + n).min(len);
            bytes.drain(k..end);
        }
        Mutation::Duplicate(i, n, j) => {
            let k = at(i);
            let piece: Vec<u8> = bytes[k..(k + n).min(len)].to_vec();
            let to = at(j);
            bytes.splice(to..to, piece);
        }
        Mutation::Truncate(i) => bytes.truncate(at(i)),
    }
}

/// A valid seed file with mutations applied: (extension, bytes).
fn mutated_file() -> impl Strategy<Value = (String, Vec<u8>)> {
    (any::<Index>(), prop::collection::vec(mutation(), 1..8)).prop_map(|(seed, mutations)| {
        let all = seeds();
        let (ext, bytes) = &all[seed.index(all.len())];
        let mut bytes = bytes.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        (ext.clone(), bytes)
    })
}

/// Every record of the JSON and JSON Lines seeds, parsed.
fn seed_records() -> &'static [Value] {
    static RECORDS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    RECORDS.get_or_init(|| {
        let mut out = Vec::new();
        for (ext, bytes) in seeds() {
            let text = String::from_utf8_lossy(bytes);
            match ext.as_str() {
                "json" => match serde_json::from_str::<Value>(&text) {
                    Ok(Value::Array(items)) => out.extend(items),
                    Ok(v) => out.push(v),
                    Err(e) => panic!("seed: {e}"),
                },
                _ if ext == "jsonl" => out.extend(
                    text.lines()
                        .filter(|l| !l.trim().is_empty())
                        .filter_map(|l| serde_json::from_str(l).ok()),
                ),
                _ => {}
            }
        }
        assert!(out.len() > 20, "few seed records: {}", out.len());
        out
    })
}

/// Values that tend to break the converter.
fn hostile(k: usize) -> Value {
    static VALUES: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    let values = VALUES.get_or_init(hostile_values);
    values[k % values.len()].clone()
}

fn hostile_values() -> Vec<Value> {
    let deep = (0..300).fold(json!([]), |v, _| Value::Array(vec![v]));
    vec![
        json!(null),
        json!(true),
        json!(-1),
        json!(0.5),
        json!(1e300),
        json!(u64::MAX),
        json!(i64::MAX),
        json!(1_000_000_000_000_001_u64),
        json!(1_000_000_000_000_000_u64),
        json!("9.223.372.036.854.775.807 đ"),
        json!("1.000.000.000.000.001"),
        json!("1,5 tỷ"),
        json!(""),
        json!("   "),
        json!("31/02/2024"),
        json!("0000-00-00"),
        json!("\u{1b}[2J\u{9b}31m\u{7}\u{0}"),
        json!("\u{202e}\u{2028}\u{e0041}\u{feff}\u{200b}"),
        json!("Hợp tác xã Ia Grai\r\nDòng hai"),
        json!("x".repeat(70_000)),
        json!({}),
        json!([]),
        json!([1, "a", null, {}]),
        json!({"kind": {"kind": []}, "name": 5}),
        json!("proposal|quotation||bản vẽ"),
        deep,
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    /// Replace the node at a path with a hostile value.
    Replace(Vec<Index>, usize),
    /// Remove the node at a path from its object or list.
    Remove(Vec<Index>),
    /// Add a key (known or not) holding a hostile value to the object at
    /// a path.
    Add(Vec<Index>, Index, usize),
}

/// Keys put into records: the dossier's own (top level and nested) and an
/// unknown one; [`key`] adds the empty key.
const KEYS: &str = "code plan_year province category project_type title implementing_unit \
    beneficiary beneficiaries priority_area submitted_on start end budget documents details \
    summary total_vnd national_vnd local_vnd counterpart_vnd equipment unit_price_vnd quantity \
    kind level valid_until name workers certificate cluster subtype trainees topics không_rõ";

/// One of [`KEYS`], or the empty key, by `i`.
fn key(i: &Index) -> String {
    let mut all: Vec<&str> = KEYS.split_whitespace().collect();
    all.push("");
    all[i.index(all.len())].to_string()
}

fn edit() -> impl Strategy<Value = Edit> {
    let path = prop::collection::vec(any::<Index>(), 0..4);
    prop_oneof![
        3 => (path.clone(), any::<usize>()).prop_map(|(p, k)| Edit::Replace(p, k)),
        1 => path.clone().prop_map(Edit::Remove),
        2 => (path, any::<Index>(), any::<usize>()).prop_map(|(p, key, k)| Edit::Add(p, key, k)),
    ]
}

/// The node reached by following `path` (as far as it goes) from `v`.
fn node<'a>(v: &'a mut Value, path: &[Index]) -> &'a mut Value {
    let Some((first, rest)) = path.split_first() else {
        return v;
    };
    let len = match &*v {
        Value::Object(m) => m.len(),
        Value::Array(a) => a.len(),
        _ => 0,
    };
    if len == 0 {
        return v;
    }
    let i = first.index(len);
    match v {
        Value::Object(m) => match m.values_mut().nth(i) {
            Some(child) => node(child, rest),
            None => unreachable!("index within the object"),
        },
        Value::Array(a) => node(&mut a[i], rest),
        _ => unreachable!("a leaf has no children"),
    }
}

fn apply_edit(record: &mut Value, e: &Edit) {
    match e {
        Edit::Replace(path, k) => *node(record, path) = hostile(*k),
        Edit::Remove(path) => {
            if let Some((last, parent)) = path.split_last() {
                match node(record, parent) {
                    Value::Object(m) if !m.is_empty() => {
                        let key = m.keys().nth(last.index(m.len())).cloned();
                        if let Some(key) = key {
                            m.remove(&key);
                        }
                    }
                    Value::Array(a) if !a.is_empty() => {
                        a.remove(last.index(a.len()));
                    }
                    _ => {}
                }
            }
        }
        Edit::Add(path, key, k) => {
            if let Value::Object(m) = node(record, path) {
                m.insert(self::key(key), hostile(*k));
            }
        }
    }
}

/// Seed records with hostile edits, written as a `.json` array, one
/// `.json` object, or `.jsonl`: (extension, bytes, number of records).
fn edited_records() -> impl Strategy<Value = (String, Vec<u8>, usize)> {
    (
        prop::collection::vec((any::<Index>(), prop::collection::vec(edit(), 1..6)), 1..5),
        0..3usize,
    )
        .prop_map(|(picks, layout)| {
            let all = seed_records();
            let records: Vec<Value> = picks
                .iter()
                .map(|(i, edits)| {
                    let mut r = all[i.index(all.len())].clone();
                    for e in edits {
                        apply_edit(&mut r, e);
                    }
                    r
                })
                .collect();
            let n = records.len();
            match layout {
                // A file of one object (anything else is skipped whole).
                1 if records[0].is_object() => {
                    ("json".into(), records[0].to_string().into_bytes(), 1)
                }
                0 | 1 => (
                    "json".into(),
                    Value::Array(records).to_string().into_bytes(),
                    n,
                ),
                _ => {
                    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
                    ("jsonl".into(), (lines.join("\n") + "\n").into_bytes(), n)
                }
            }
        })
}

/// Random bytes, sometimes mostly printable, under a random extension.
fn random_file() -> impl Strategy<Value = (String, Vec<u8>)> {
    let printable = prop::collection::vec(
        prop_oneof![
            4 => 0x20u8..0x7f,
            1 => prop::sample::select(b"\n\r\t\",;{}[]:\\".to_vec()),
            1 => any::<u8>(),
        ],
        0..2048,
    );
    (
        prop::sample::select(EXTENSIONS.to_vec()),
        prop_oneof![prop::collection::vec(any::<u8>(), 0..2048), printable],
    )
        .prop_map(|(ext, bytes)| (ext.to_string(), bytes))
}

/// Write `bytes` as `dossier.EXT` in a fresh folder.
fn write(ext: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(format!("dossier.{ext}"));
    std::fs::write(&path, bytes).expect("write");
    (dir, path)
}

/// No control character reaches a message (a terminal reads stderr).
fn printable(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

/// A record's location names the file and, by the file's kind, the line or
/// the index; lines exist in the file.
fn check_location(l: &Location, file: &str, ext: &str, lines: usize) -> Result<(), String> {
    if l.file != file {
        return Err(format!("{l} does not name {file}"));
    }
    let ok = match ext {
        "json" => l.line.is_none(),
        _ => l.index.is_none() && l.line.is_some_and(|n| (1..=lines).contains(&n)),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{l:?}: not located for a .{ext} file of {lines} lines"
        ))
    }
}

/// Scan one file: every item must be located, and the scan must end.
/// Returns how many records were read or rejected, and why the file was
/// skipped (or reading stopped), if it was.
fn check_scan(ext: &str, bytes: &[u8]) -> Result<(usize, Option<String>), TestCaseError> {
    let (_dir, path) = write(ext, bytes);
    let file = path.display().to_string();
    // A line ends at LF, CRLF or (in CSV) a lone CR.
    let lines = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
    // Records and rejections without an index: only a one-object .json file.
    let mut unindexed = 0usize;
    let mut read = 0usize;
    let mut skipped = None;
    for item in scan(std::slice::from_ref(&path), rules().aliases()) {
        let (location, text) = match &item {
            Item::Record(r) => (&r.location, r.dossier.code.clone()),
            Item::Rejected(e) | Item::Warning(e) => {
                if let Some(field) = &e.field {
                    prop_assert!(!field.trim().is_empty(), "empty field name: {e}");
                    prop_assert!(printable(field), "{e:?}");
                }
                for lang in Lang::ALL {
                    let message = e.message(lang);
                    prop_assert!(!message.trim().is_empty(), "no message: {e:?}");
                    prop_assert!(printable(&message), "{e:?}");
                }
                let shown = e.to_string();
                prop_assert!(shown.starts_with(&file), "{shown}");
                (&e.location, shown)
            }
            Item::FileSkipped(e) => {
                skipped = Some(e.problem.to_string());
                prop_assert_eq!(&e.file, &file);
                for lang in Lang::ALL {
                    let message = e.problem.message(lang);
                    prop_assert!(!message.trim().is_empty(), "{:?}", e);
                    prop_assert!(printable(&message), "{:?}", e);
                }
                continue;
            }
        };
        check_location(location, &file, ext, lines)
            .map_err(|m| TestCaseError::fail(format!("{m}: {text}")))?;
        if !matches!(item, Item::Warning(_)) {
            read += 1;
            if location.index.is_none() {
                unindexed += 1;
            }
        }
    }
    if ext == "json" {
        prop_assert!(
            unindexed <= 1,
            "{unindexed} records of a .json file have no index"
        );
    }
    Ok((read, skipped))
}

fn actor() -> Actor {
    Actor {
        user: "lan".into(),
        os_user: "lan".into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic_and_every_rejection_is_located(
        (ext, bytes) in random_file()
    ) {
        check_scan(&ext, &bytes)?;
    }

    #[test]
    fn mutated_valid_files_never_panic_and_every_rejection_is_located(
        (ext, bytes) in mutated_file()
    ) {
        check_scan(&ext, &bytes)?;
    }

    /// Records with hostile values in valid JSON: every one is read or
    /// rejected by its index or line, none lost.
    #[test]
    fn hostile_values_are_rejected_one_record_at_a_time(
        (ext, bytes, n) in edited_records()
    ) {
        let (read, skipped) = check_scan(&ext, &bytes)?;
        prop_assert_eq!(skipped, None);
        prop_assert_eq!(read, n);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The whole import, into a store: it never fails or panics on input,
    /// every message names the file, and the summary counts every record.
    #[test]
    fn mutated_files_import_into_a_store_and_every_message_names_the_file(
        (ext, bytes) in prop_oneof![
            mutated_file(),
            edited_records().prop_map(|(ext, bytes, _)| (ext, bytes)),
        ]
    ) {
        let (_dir, path) = write(&ext, &bytes);
        let file = path.display().to_string();
        let mut store = Store::open_in_memory().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut messages = Vec::new();
        let sum = ops::import(&mut store, rules(), &actor(), std::slice::from_ref(&path), |m| {
            messages.push(m)
        });
        let sum = sum.map_err(|e| TestCaseError::fail(format!("import failed: {e}")))?;
        for m in &messages {
            let (ImportMessage::Error(t) | ImportMessage::Warning(t)) = m;
            for lang in Lang::ALL {
                let t = t.text(lang);
                prop_assert!(t.starts_with(&file), "{t}");
                prop_assert!(printable(&t), "{t:?}");
            }
        }
        let read = scan(std::slice::from_ref(&path), rules().aliases())
            .filter(|i| matches!(i, Item::Record(_) | Item::Rejected(_)))
            .count();
        prop_assert_eq!(sum.imported + sum.updated + sum.unchanged + sum.rejected, read);
        prop_assert_eq!(store.count().map_err(|e| TestCaseError::fail(e.to_string()))? as usize, sum.imported);
    }
}

/// The peak resident memory, in KiB, of a child run of the real binary.
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // reaped by wait4, which std cannot see
fn peak_rss_kib(mut cmd: std::process::Command) -> (i32, i64) {
    let child = cmd.spawn().expect("run thamdinh");
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed rusage is valid; wait4 fills it and the status for
    // our own child, which std has not reaped (we never call child.wait()).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // On Linux ru_maxrss is in KiB.
    (code, usage.ru_maxrss)
}

/// 200,000 small objects in one JSON array: memory stays below the size of
/// the file (it used to be parsed whole: about 6 times the file).
#[cfg(target_os = "linux")]
#[test]
fn a_json_array_of_200_000_objects_imports_in_less_memory_than_the_file() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let json = dir.path().join("nhieu.json");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&json).expect("create"));
    let n = 200_000;
    f.write_all(b"[").expect("write");
    for i in 0..n {
        // A plan year in words: every record is read whole, then rejected
        // early, so the store stays empty and the run quick.
        let sep = if i == 0 { "" } else { ",\n" };
        write!(
            f,
            r#"{sep}{{"code":"KC25-GL-{i:06}","plan_year":"năm 2025","province":"Gia Lai","category":"machinery","title":"Máy sấy cà phê số {i}","implementing_unit":"Trung tâm Khuyến công Gia Lai","budget":{{"national_vnd":300000000}}}}"#
        )
        .expect("write");
    }
    f.write_all(b"]\n").expect("write");
    drop(f);
    let size_kib =
        i64::try_from(std::fs::metadata(&json).expect("size").len() / 1024).expect("size in KiB");

    let out = dir.path().join("out.txt");
    let err = dir.path().join("err.txt");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_thamdinh"));
    cmd.arg("--db")
        .arg(dir.path().join("t.db"))
        .args(["--user", "lan", "import"])
        .arg(&json)
        .env_remove("THAMDINH_DATA")
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out).expect("out"))
        .stderr(std::fs::File::create(&err).expect("err"));
    let (code, peak_kib) = peak_rss_kib(cmd);
    let stdout = std::fs::read_to_string(&out).expect("stdout");
    let stderr = std::fs::read_to_string(&err).expect("stderr");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout.trim(),
        "imported 0, updated 0, unchanged 0, rejected 200000"
    );
    assert_eq!(
        stderr.lines().count(),
        101,
        "100 errors and the count of the rest"
    );
    assert!(
        stderr.ends_with(&format!(
            "error: {}: 199,900 more records rejected (not shown)\n",
            json.display()
        )),
        "{stderr}"
    );
    eprintln!("file {size_kib} KiB, peak RSS {peak_kib} KiB");
    assert!(
        peak_kib < size_kib,
        "peak RSS {peak_kib} KiB is not below the file's {size_kib} KiB"
    );
}
