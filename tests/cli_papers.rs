//! `thamdinh letters` and `thamdinh report`: the Word documents are
//! unzipped and their `word/document.xml` parsed; the Markdown is
//! snapshotted; an edited texts file with a wrong placeholder is refused
//! with its file and line; LibreOffice converts a letter when it is
//! installed.

mod common;

use common::{Db, nasty_dir};
use std::io::Read;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

const AS_OF: &str = "2023-10-10";

/// The sample round of plan year 2024 with decisions: three Hà Giang dossiers returned (one
/// of them the hostile title of `tests/fixtures/nasty/`), one Bắc Ninh
/// dossier (imported NFD) returned, one Gia Lai dossier approved over its
/// unmet items.
fn round() -> Db {
    let db = Db::new();
    db.import_sample_2024();
    for f in ["escape-sequences.json", "nfd-decomposed.json"] {
        let p = nasty_dir().join(f);
        let out = db.run(&["import", p.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let ok = |args: &[&str]| {
        let out = db.run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    };
    ok(&[
        "return",
        "KC24-HG-002",
        "KC24-HG-005",
        "--reason",
        "Nộp trễ hạn; thiếu báo giá thiết bị",
    ]);
    ok(&[
        "return",
        "KC24-HG-902",
        "--reason",
        "Tên đề án có ký tự điều khiển \u{1b}[31m, đề nghị ghi lại \u{202e}đúng",
    ]);
    ok(&[
        "return",
        "KC24-BN-901",
        "--reason",
        "Thiếu phiếu thẩm định cấp tỉnh",
    ]);
    ok(&[
        "approve",
        "KC24-GL-011",
        "--override",
        "Báo giá bổ sung ngày 05/10/2023, đã kiểm tra <đủ> & đúng",
        "--as-of",
        AS_OF,
    ]);
    ok(&["score", "KC24-NA-008", "necessity", "18"]);
    ok(&["score", "KC24-DNO-003", "necessity", "15"]);
    ok(&[
        "rank",
        "--category",
        "machinery",
        "--set-budget",
        "700000000",
    ]);
    db
}

/// A part of a `.docx`, as text.
fn part(docx: &Path, name: &str) -> String {
    let f = std::fs::File::open(docx).expect("open docx");
    let mut zip = zip::ZipArchive::new(f).expect("a zip archive");
    let mut entry = zip
        .by_name(name)
        .unwrap_or_else(|e| panic!("{}: no {name}: {e}", docx.display()));
    let mut s = String::new();
    entry.read_to_string(&mut s).expect("UTF-8 part");
    s
}

/// Parse `xml` to the end (panics on any error) and return its text
/// content, paragraphs on lines.
fn text_of(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut depth = 0i64;
    loop {
        match r.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(e)) => {
                depth -= 1;
                if e.name().0 == "w:p" {
                    out.push('\n');
                }
            }
            Ok(Event::Text(t)) => {
                let t = t.xml10_content();
                out.push_str(&t);
            }
            Ok(Event::GeneralRef(g)) => {
                let c = g
                    .resolve_char_ref()
                    .expect("a valid character reference")
                    .map(String::from);
                let name: &str = &g;
                let named = match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity {other:?}"),
                };
                out.push_str(&c.unwrap_or_else(|| named.to_string()));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", r.error_position()),
        }
    }
    assert_eq!(depth, 0, "every element closed");
    out
}

/// The checks every generated document must pass: well-formed, NFC, no
/// control, bidi or escape characters; its text.
fn checked_text(docx: &Path) -> String {
    let xml = part(docx, "word/document.xml");
    let text = text_of(&xml);
    assert_eq!(
        text.nfc().collect::<String>(),
        text,
        "{}: NFC",
        docx.display()
    );
    for c in text.chars() {
        assert!(
            c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{}: control or bidi character U+{:04X} in the text",
            docx.display(),
            c as u32
        );
    }
    assert!(!xml.contains('\u{1b}') && !xml.contains('\u{9b}'));
    let styles = part(docx, "word/styles.xml");
    text_of(&styles);
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    text_of(&part(docx, "[Content_Types].xml"));
    text_of(&part(docx, "docProps/core.xml"));
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    text
}

fn letters(db: &Db, extra: &[&str]) -> (PathBuf, Vec<PathBuf>) {
    let dir = db.dir().join("thu");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut args = vec!["letters", "--out", dir.to_str().unwrap(), "--as-of", AS_OF];
    args.extend_from_slice(extra);
    let out = db.run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    (dir, files)
}

#[test]
fn a_letter_per_province_lists_every_returned_dossier_and_reason() {
    let db = round();
    let (_, files) = letters(&db, &[]);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "tra-ho-so-2024-bac-ninh.docx",
            "tra-ho-so-2024-ha-giang.docx"
        ]
    );
    let hg = checked_text(&files[1]);
    assert!(hg.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(hg.contains("Độc lập - Tự do - Hạnh phúc"));
    assert!(hg.contains("V/v trả lại hồ sơ đề án khuyến công quốc gia năm 2024"));
    assert!(hg.contains("Kính gửi: Sở Công Thương tỉnh Hà Giang"));
    for code in ["KC24-HG-002", "KC24-HG-005", "KC24-HG-902"] {
        assert!(hg.contains(code), "{code} in the letter");
    }
    assert!(hg.contains("Lý do trả lại: Nộp trễ hạn; thiếu báo giá thiết bị"));
    assert!(hg.contains("Lý do trả lại: Tên đề án có ký tự điều khiển"));
    assert!(hg.contains(
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong chế biến chè Shan tuyết tại huyện Vị Xuyên"
    ));
    assert!(
        hg.contains("Tư vấn thiết kế bao bì chè"),
        "the hostile title, cleaned"
    );
    assert!(hg.contains("Đối tượng thụ hưởng: Công ty TNHH Chè Cao Bồ."));
    assert!(hg.contains("Đủ tài liệu: thiếu: phiếu thẩm định cấp tỉnh (4a/4b)"));
    assert!(hg.contains("Đề nghị gửi lại: phiếu thẩm định cấp tỉnh (4a/4b)"));
    assert!(hg.contains("PHÓ CỤC TRƯỞNG") && hg.contains("Nơi nhận:"));
    assert!(!hg.contains("KC24-BN-901"), "another province's dossier");
    // Imported decomposed (NFD), written composed.
    let bn = checked_text(&files[0]);
    assert!(bn.contains(
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất gạch không nung tại thị xã Quế Võ"
    ));
    assert!(bn.contains("Lý do trả lại: Thiếu phiếu thẩm định cấp tỉnh"));
}

#[test]
fn one_province_only_and_nothing_returned() {
    let db = round();
    let (_, files) = letters(&db, &["--province", "bac ninh"]);
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with("tra-ho-so-2024-bac-ninh.docx"));
    let dir = db.dir().join("trong");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out = db.run(&[
        "letters",
        "--province",
        "Cà Mau",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("no returned dossier of Cà Mau"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 0);
    // The folder must exist: a file there is a usage error.
    let out = db.run(&["letters", "--out", db.path.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("not a folder"), "{}", out.stderr);
}

#[test]
fn the_report_has_the_ranking_the_cut_line_the_counts_and_the_overrides() {
    let db = round();
    let path = db.dir().join("bao-cao.docx");
    let out = db.run(&["report", "--out", path.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = checked_text(&path);
    assert!(text.contains("BÁO CÁO"));
    assert!(text.contains("Kết quả thẩm định đề án khuyến công quốc gia năm 2024"));
    assert!(text.contains("Ứng dụng máy móc thiết bị tiên tiến"));
    assert!(text.contains("Kinh phí khuyến công quốc gia dự kiến: 700 triệu đồng."));
    assert!(
        text.contains("Đường cắt kinh phí"),
        "the machinery cut line"
    );
    assert!(text.contains("Trả lại: 2 hồ sơ, 510 triệu đồng"), "{text}");
    assert!(text.contains("Đã duyệt: 1 hồ sơ, 240 triệu đồng"));
    assert!(text.contains(
        "KC24-GL-011 (Gia Lai): Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong chế biến tinh bột sắn tại huyện Kông Chro. Lý do: Báo giá bổ sung ngày 05/10/2023, đã kiểm tra <đủ> & đúng (lan,"
    ));
    let xml = part(&path, "word/document.xml");
    assert!(xml.contains("đã kiểm tra &lt;đủ&gt; &amp; đúng"));
    assert!(xml.contains("<w:tblHeader/>"), "the header row repeats");
    // One category only; an unknown one is a usage error.
    let one = db.dir().join("may-moc.docx");
    let out = db.run(&[
        "report",
        "--category",
        "máy móc thiết bị",
        "--out",
        one.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = checked_text(&one);
    assert!(!text.contains("Mô hình trình diễn"), "only machinery");
    let out = db.run(&["report", "--category", "khuyến nông", "--out", "x.docx"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // Never onto the database.
    let out = db.run(&["report", "--out", db.path.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("refusing to write there"),
        "{}",
        out.stderr
    );
}

/// The time of a decision changes with every run: shown as `<time>`.
fn without_times(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("(lan, ") {
        out.push_str(&rest[..i + 6]);
        rest = &rest[i + 6..];
        let end = rest.find(')').unwrap_or(0);
        out.push_str("<time>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_markdown_says_the_same() {
    let db = round();
    let (_, files) = letters(&db, &["--province", "Hà Giang", "--format", "md"]);
    assert_eq!(files.len(), 1);
    assert!(files[0].ends_with("tra-ho-so-2024-ha-giang.md"));
    let md = std::fs::read_to_string(&files[0]).expect("read");
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'));
    insta::assert_snapshot!("letter_ha_giang_md", md);
    let path = db.dir().join("bao-cao.md");
    let out = db.run(&[
        "report",
        "--category",
        "machinery",
        "--format",
        "md",
        "--out",
        path.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = std::fs::read_to_string(&path).expect("read");
    insta::assert_snapshot!("report_machinery_md", without_times(&md));
}

#[test]
fn an_edited_texts_file_with_a_wrong_placeholder_names_file_and_line() {
    let db = round();
    let data = db.dir().join("data");
    std::fs::create_dir_all(&data).expect("mkdir");
    let bundled = std::fs::read_to_string(common::root().join("data/papers.toml")).expect("read");
    let edited = bundled.replacen(
        "Kính gửi: Sở Công Thương {province_full}",
        "Kính gửi: Sở Công Thương {tinh}",
        1,
    );
    let line = edited
        .lines()
        .position(|l| l.contains("{tinh}"))
        .expect("edited")
        + 1;
    let file = data.join("papers.toml");
    std::fs::write(&file, &edited).expect("write");
    let dir = db.dir().join("thu");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out = db.run(&[
        "--data",
        data.to_str().unwrap(),
        "letters",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "error: {}:{line}: [letter] recipient: unknown placeholder {{tinh}} (known here: province, province_full)",
            file.display()
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        0,
        "nothing written"
    );
    // A text edited well is used.
    let edited = bundled.replacen("Trân trọng./.", "Trân trọng cảm ơn./.", 1);
    std::fs::write(&file, edited).expect("write");
    let out = db.run(&[
        "--data",
        data.to_str().unwrap(),
        "letters",
        "--format",
        "md",
        "--province",
        "Bắc Ninh",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = std::fs::read_to_string(dir.join("tra-ho-so-2024-bac-ninh.md")).expect("read");
    assert!(md.contains("Trân trọng cảm ơn./."));
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

#[test]
fn libreoffice_converts_a_letter_and_the_report_to_pdf() {
    if !on_path("soffice") {
        eprintln!("skipped: soffice is not on PATH (apt-get install libreoffice-writer-nogui)");
        return;
    }
    let db = round();
    let (_, files) = letters(&db, &["--province", "Hà Giang"]);
    let report = db.dir().join("bao-cao.docx");
    let out = db.run(&["report", "--out", report.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pdf_dir = db.dir().join("pdf");
    for docx in [&files[0], &report] {
        let out = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                db.dir().join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&pdf_dir)
            .arg(docx)
            .output()
            .expect("run soffice");
        assert!(
            out.status.success(),
            "soffice failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pdf = pdf_dir.join(docx.with_extension("pdf").file_name().expect("name"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
        assert!(bytes.starts_with(b"%PDF"), "{}: a PDF", pdf.display());
        assert!(
            bytes.len() > 5_000,
            "{}: {} bytes",
            pdf.display(),
            bytes.len()
        );
    }
}

/// Without `--plan-year`, letters are of the newest plan year that has a
/// returned dossier, not of a newer year still being appraised (seen: with
/// the sample's 2026 files in, `letters` wrote nothing after 2024 returns).
#[test]
fn letters_default_to_the_newest_year_with_returns() {
    let db = Db::new();
    db.import_sample();
    let out = db.run(&["return", "KC24-GL-011", "--reason", "Thiếu báo giá"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let dir = db.dir().join("thu");
    std::fs::create_dir_all(&dir).unwrap();
    let out = db.run(&[
        "--lang",
        "vi",
        "letters",
        "--format",
        "md",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        dir.join("tra-ho-so-2024-gia-lai.md").exists(),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("đã viết 1 công văn"), "{}", out.stderr);
}
