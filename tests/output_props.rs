//! A property of every output path: whatever a dossier's text holds
//! (controls, escape sequences, bidi overrides, separators, tags, invisible
//! formatting characters), nothing of it reaches a terminal, a JSON stream
//! or a CSV file raw. Random hostile dossiers, seeded so a failure repeats.

mod common;
use common::*;

/// A small deterministic generator (xorshift64*): the same seed gives the
/// same hostile dossiers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const WORDS: &[&str] = &[
    "Xưởng",
    "gạch",
    "Trà Vinh",
    "chè",
    "Shan tuyết",
    "Đắk Lắk",
    "Hợp tác xã",
    "Cty TNHH",
    "máy sấy",
    "thạch dừa",
    "=HYPERLINK(1)",
    "+SUM(1)",
    "@cmd",
    "-1+2",
    "  ",
    "Tra\u{300}",
];

const HOSTILE: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{9b}31m",
    "\u{85}",
    "\u{0}",
    "\u{8}",
    "\u{7f}",
    "\u{202e}",
    "\u{202a}",
    "\u{2066}",
    "\u{2069}",
    "\u{200f}",
    "\u{61c}",
    "\u{2028}",
    "\u{2029}",
    "\u{e0041}",
    "\u{e007f}",
    "\u{200b}",
    "\u{2060}",
    "\u{feff}",
    "\u{ad}",
    "\r",
    "\t",
    "\u{1b}P+q\u{1b}\\",
    "\u{90}",
    "\u{9d}8;;http://x\u{9c}",
];

fn hostile_text(rng: &mut Rng) -> String {
    // Always some visible text, so no required field is left empty.
    let mut s = String::from(rng.pick(&WORDS[..9]));
    for _ in 0..(2 + rng.below(8)) {
        if rng.below(2) == 0 {
            s.push_str(rng.pick(HOSTILE));
        } else {
            s.push_str(rng.pick(WORDS));
        }
        if rng.below(3) == 0 {
            s.push(' ');
        }
    }
    s
}

/// Characters that must never come out raw (a raw newline is structure).
fn forbidden(c: char) -> bool {
    c != '\n' && thamdinh::domain::text::needs_escape(c)
}

fn assert_clean(s: &str, what: &str) {
    if let Some((i, c)) = s.char_indices().find(|&(_, c)| forbidden(c)) {
        let from = s.floor_char_boundary(i.saturating_sub(40));
        let to = s.ceil_char_boundary((i + 8).min(s.len()));
        panic!("{what}: raw {c:?} at byte {i}: {:?}", &s[from..to]);
    }
}

#[test]
fn no_output_path_carries_a_control_bidi_or_invisible_character_from_input() {
    let mut rng = Rng(0x7468_616d_6469_6e68);
    let db = Db::new();
    let mut dossiers = Vec::new();
    let cats = ["machinery", "training", "typical_product", "consulting"];
    for i in 0..40 {
        let code = format!("KC24-HX-{i:03}");
        dossiers.push(serde_json::json!({
            "code": code,
            "plan_year": 2024,
            "province": hostile_text(&mut rng),
            "category": cats[i % cats.len()],
            "title": hostile_text(&mut rng),
            "implementing_unit": hostile_text(&mut rng),
            "beneficiary": {
                "name": hostile_text(&mut rng),
                "kind": "household",
                "district": hostile_text(&mut rng),
                "commune": hostile_text(&mut rng),
            },
            "submitted_on": "2023-09-20",
            "budget": {"total_vnd": 100000000, "national_vnd": 50000000,
                       "local_vnd": 0, "counterpart_vnd": 50000000},
            "documents": [{"kind": "proposal", "title": hostile_text(&mut rng)}, "cover_letter"],
            "summary": format!("{}\n{}", hostile_text(&mut rng), hostile_text(&mut rng)),
            "ghi_chu_tinh": hostile_text(&mut rng),
        }));
    }
    let file = db.dir().join("hostile.json");
    std::fs::write(&file, serde_json::to_string(&dossiers).unwrap()).unwrap();
    let r = db.run(&["import", file.to_str().unwrap()]);
    assert!(r.code == 0 || r.code == 3, "{}", r.stderr);
    assert_clean(&r.stderr, "import messages");
    for i in (0..40).step_by(7) {
        let code = format!("KC24-HX-{i:03}");
        let reason = hostile_text(&mut rng);
        let r = db.run(&["return", &code, "--reason", &reason]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_clean(&r.stdout, "return");
        let note = hostile_text(&mut rng);
        let r = db.run(&["note", &code, &note]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let mut runs: Vec<Vec<String>> = vec![
        vec!["list".into()],
        vec!["list".into(), "--format".into(), "json".into()],
        vec!["list".into(), "--format".into(), "csv".into()],
        vec!["rank".into()],
        vec!["rank".into(), "--format".into(), "json".into()],
        vec!["rank".into(), "--format".into(), "csv".into()],
        vec!["log".into()],
        vec!["log".into(), "--format".into(), "json".into()],
        vec!["export".into()],
        vec!["export".into(), "--format".into(), "json".into()],
    ];
    for i in 0..40 {
        let code = format!("KC24-HX-{i:03}");
        runs.push(vec!["show".into(), code.clone()]);
        runs.push(vec!["show".into(), code, "--format".into(), "json".into()]);
    }
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = db.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_clean(&out.stdout, &format!("{args:?} stdout"));
        assert_clean(&out.stderr, &format!("{args:?} stderr"));
    }
}
