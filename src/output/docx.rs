//! A [`Paper`] as a Word document (`.docx`, Office Open XML), written
//! part by part into a zip: the document, its styles and settings, and the
//! package's relations and properties. Nothing else is needed to open it
//! in Word or LibreOffice; fonts are named (Times New Roman), never
//! embedded.
//!
//! The layout follows Decree 30/2020/NĐ-CP, appendix I: A4 portrait,
//! margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman,
//! body 14 pt; the governing and issuing bodies on the left beside the
//! national motto on the right (a borderless two-column table), the
//! number and the `V/v` subject under the bodies, the place and date in
//! italics under the motto; the recipients list (`Nơi nhận:`) at the
//! bottom left beside the signer's title, with room to sign.
//!
//! Every text goes through [`crate::domain::text::clean_multiline`] (NFC,
//! control, bidi and invisible characters neutralised) and is then
//! XML-escaped: dossier text cannot break the XML or hide in it.

use crate::domain::papers::layout::{Block, MOTTO, NATION, Paper, Row, Style, Table};
use std::fmt::Write as _;
use std::io::{Cursor, Write};

/// Twips (1/20 pt) per millimetre, rounded: 56.7.
fn mm(n: u32) -> u32 {
    n * 5669 / 100
}

/// A4 in twips.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const TOP: u32 = 20;
const BOTTOM: u32 = 20;
const LEFT: u32 = 30;
const RIGHT: u32 = 15;

/// The width of the text between the margins, in twips.
fn text_width() -> u32 {
    PAGE_W - mm(LEFT) - mm(RIGHT)
}

/// Font sizes in half-points: body 14 pt; the motto's first line 13 pt;
/// the bodies, number and subject 12 pt (Decree 30: 12-13); tables and the
/// recipients list 11 pt.
const BODY: u32 = 28;
const HEAD: u32 = 26;
const SMALL: u32 = 24;
const TABLE: u32 = 22;
const LIST: u32 = 22;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Text safe for XML: cleaned as everywhere else, then the five XML
/// specials escaped, and the two non-characters XML forbids replaced.
pub fn escape(s: &str) -> String {
    let clean = crate::domain::text::clean_multiline(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, Default)]
struct Run {
    bold: bool,
    italic: bool,
    /// Half-points; 0: the default (14 pt).
    size: u32,
}

impl Run {
    fn bold() -> Run {
        Run {
            bold: true,
            ..Run::default()
        }
    }
    fn sized(self, size: u32) -> Run {
        Run { size, ..self }
    }
    fn italic(self) -> Run {
        Run {
            italic: true,
            ..self
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Para {
    /// `left`, `center`, `both` (justified), `right`.
    align: &'static str,
    first_line: u32,
    left: u32,
    before: u32,
    after: u32,
    keep_next: bool,
    /// A line under the paragraph (the short rules under the bodies and
    /// the motto), drawn over the width left by `left` and `right`.
    rule: Option<u32>,
}

/// Append one paragraph holding `text` (line breaks kept) in `run`.
fn para(out: &mut String, p: Para, text: &str, run: Run) {
    out.push_str("<w:p><w:pPr>");
    if p.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if p.rule.is_some() {
        out.push_str(
            r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>"#,
        );
    }
    let _ = write!(
        out,
        r#"<w:spacing w:before="{}" w:after="{}"/>"#,
        p.before, p.after
    );
    match p.rule {
        Some(side) => {
            let _ = write!(out, r#"<w:ind w:left="{side}" w:right="{side}"/>"#);
        }
        None if p.first_line > 0 || p.left > 0 => {
            let _ = write!(
                out,
                r#"<w:ind w:left="{}" w:firstLine="{}"/>"#,
                p.left, p.first_line
            );
        }
        None => {}
    }
    if !p.align.is_empty() {
        let _ = write!(out, r#"<w:jc w:val="{}"/>"#, p.align);
    }
    out.push_str("</w:pPr>");
    if !text.is_empty() {
        out.push_str("<w:r>");
        let rpr = run.bold || run.italic || run.size > 0;
        if rpr {
            out.push_str("<w:rPr>");
            if run.bold {
                out.push_str("<w:b/><w:bCs/>");
            }
            if run.italic {
                out.push_str("<w:i/><w:iCs/>");
            }
            if run.size > 0 {
                let _ = write!(out, r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#, run.size);
            }
            out.push_str("</w:rPr>");
        }
        for (i, line) in escape(text).split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            let _ = write!(out, r#"<w:t xml:space="preserve">{line}</w:t>"#);
        }
        out.push_str("</w:r>");
    }
    out.push_str("</w:p>");
}

fn centred() -> Para {
    Para {
        align: "center",
        ..Para::default()
    }
}

/// Start a table of the given column widths (twips), with or without
/// borders.
fn table_start(out: &mut String, widths: &[u32], borders: bool) {
    let total: u32 = widths.iter().sum();
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/>"#
    );
    let val = if borders { "single" } else { "nil" };
    out.push_str("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        if borders {
            let _ = write!(
                out,
                r#"<w:{side} w:val="{val}" w:sz="4" w:space="0" w:color="auto"/>"#
            );
        } else {
            let _ = write!(out, r#"<w:{side} w:val="{val}"/>"#);
        }
    }
    // The schema's order (Word refuses another): tblW, tblBorders,
    // tblLayout, tblCellMar.
    out.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/>"#);
    out.push_str(r#"<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>"#);
    out.push_str("</w:tblPr><w:tblGrid>");
    for w in widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
}

/// One cell of `width` twips spanning `span` columns, holding what
/// `content` appends (at least one paragraph).
fn cell(out: &mut String, width: u32, span: usize, content: impl FnOnce(&mut String)) {
    let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if span > 1 {
        let _ = write!(out, r#"<w:gridSpan w:val="{span}"/>"#);
    }
    out.push_str("</w:tcPr>");
    let start = out.len();
    content(out);
    if out.len() == start {
        out.push_str("<w:p/>");
    }
    out.push_str("</w:tc>");
}

/// The heading: bodies and number on the left, motto and date on the right.
fn heading(out: &mut String, paper: &Paper) {
    let h = &paper.heading;
    // The bodies' side is the narrower; 45% keeps a long agency name on
    // two or three lines at 12 pt.
    let left = text_width() * 9 / 20;
    let right = text_width() - left;
    table_start(out, &[left, right], false);
    out.push_str("<w:tr>");
    cell(out, left, 1, |o| {
        para(o, centred(), &h.governing_body, Run::default().sized(SMALL));
        para(o, centred(), &h.issuing_body, Run::bold().sized(SMALL));
        let rule = Para {
            rule: Some(left / 3),
            ..centred()
        };
        para(o, rule, "", Run::default());
    });
    cell(out, right, 1, |o| {
        para(o, centred(), NATION, Run::bold().sized(HEAD));
        para(o, centred(), MOTTO, Run::bold().sized(BODY));
        let rule = Para {
            rule: Some(right / 5),
            ..centred()
        };
        para(o, rule, "", Run::default());
    });
    out.push_str("</w:tr><w:tr>");
    cell(out, left, 1, |o| {
        let p = Para {
            before: 120,
            ..centred()
        };
        para(o, p, &h.number, Run::default().sized(SMALL));
        if let Some(s) = &h.subject {
            para(o, centred(), s, Run::default().sized(SMALL));
        }
    });
    cell(out, right, 1, |o| {
        let p = Para {
            before: 120,
            ..centred()
        };
        para(o, p, &h.place_date, Run::default().sized(BODY).italic());
    });
    out.push_str("</w:tr></w:tbl>");
}

fn body_para(out: &mut String, style: Style, text: &str) {
    let body = Para {
        align: "both",
        first_line: mm(10),
        after: 120,
        ..Para::default()
    };
    match style {
        Style::Body => para(out, body, text, Run::default()),
        Style::Heading => para(
            out,
            Para {
                before: 120,
                keep_next: true,
                ..body
            },
            text,
            Run::bold(),
        ),
        Style::Item => para(
            out,
            Para {
                first_line: 0,
                left: mm(10),
                ..body
            },
            text,
            Run::default(),
        ),
        Style::Note => para(out, body, text, Run::default().italic()),
        Style::Title => para(
            out,
            Para {
                before: 360,
                keep_next: true,
                ..centred()
            },
            text,
            Run::bold(),
        ),
        Style::Subtitle => para(
            out,
            Para {
                after: 240,
                keep_next: true,
                ..centred()
            },
            text,
            Run::bold(),
        ),
        Style::Recipient => para(
            out,
            Para {
                before: 240,
                after: 240,
                ..centred()
            },
            text,
            Run::default(),
        ),
    }
}

fn data_table(out: &mut String, t: &Table) {
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    let widths: Vec<u32> = t.widths.iter().map(|w| text_width() * w / total).collect();
    let full: u32 = widths.iter().sum();
    table_start(out, &widths, true);
    let small = Run::default().sized(TABLE);
    out.push_str(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for (h, w) in t.header.iter().zip(&widths) {
        cell(out, *w, 1, |o| {
            para(o, centred(), h, Run::bold().sized(TABLE))
        });
    }
    out.push_str("</w:tr>");
    for row in &t.rows {
        out.push_str(r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#);
        match row {
            Row::Cells(cells) => {
                for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
                    let align = if t.numeric.get(i).copied().unwrap_or(false) {
                        "right"
                    } else {
                        "left"
                    };
                    let p = Para {
                        align,
                        ..Para::default()
                    };
                    cell(out, *w, 1, |o| para(o, p, c, small));
                }
            }
            Row::Across(text) => {
                cell(out, full, widths.len(), |o| {
                    para(o, centred(), text, Run::bold().sized(TABLE).italic())
                });
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    para(out, Para::default(), "", Run::default());
}

fn signature(out: &mut String, paper: &Paper) {
    let s = &paper.signature;
    let left = text_width() / 2;
    let right = text_width() - left;
    para(out, Para::default(), "", Run::default());
    table_start(out, &[left, right], false);
    out.push_str("<w:tr>");
    cell(out, left, 1, |o| {
        let p = Para {
            align: "left",
            ..Para::default()
        };
        para(o, p, &s.recipients_title, Run::bold().italic().sized(SMALL));
        for r in &s.recipients {
            para(o, p, r, Run::default().sized(LIST));
        }
    });
    cell(out, right, 1, |o| {
        for line in &s.signer {
            para(o, centred(), line, Run::bold().sized(BODY));
        }
        // Room to sign; the name is the official's to write.
        for _ in 0..4 {
            para(o, centred(), "", Run::default());
        }
    });
    out.push_str("</w:tr></w:tbl>");
}

/// `word/document.xml` of a paper.
pub fn document_xml(paper: &Paper) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    let _ = write!(out, r#"<w:document xmlns:w="{W_NS}"><w:body>"#);
    heading(&mut out, paper);
    for b in &paper.body {
        match b {
            Block::Para(style, text) => body_para(&mut out, *style, text),
            Block::Table(t) => data_table(&mut out, t),
        }
    }
    signature(&mut out, paper);
    // A body must end with a paragraph: a hairline one, so that a
    // signature block ending at the foot of a page leaves no blank page.
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p><w:sectPr><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        mm(TOP),
        mm(RIGHT),
        mm(BOTTOM),
        mm(LEFT)
    );
    out
}

fn styles_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="{BODY}"/><w:szCs w:val="{BODY}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="vi-VN"/></w:settings>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>thamdinh</Application></Properties>"#;

fn core_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>thamdinh</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>"#,
        escape(title)
    )
}

/// The whole `.docx` of a paper, in memory.
pub fn docx(paper: &Paper) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/document.xml", document_xml(paper)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("docProps/core.xml", core_xml(&paper.title)),
    ];
    let app = ("docProps/app.xml", APP.to_string());
    for (name, text) in parts.iter().chain(std::iter::once(&app)) {
        zip.start_file(*name, options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    let cursor = zip.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_and_escapes() {
        assert_eq!(escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        let e = escape("x\u{1b}[2J\u{202e}y\u{FFFF}\u{7}");
        assert!(!e.contains('\u{1b}') && !e.contains('\u{202e}') && !e.contains('\u{7}'));
        assert!(!e.contains('\u{FFFF}'));
        // NFD in, NFC out.
        assert_eq!(escape("Le\u{0302}\u{0301}"), "Lế");
    }

    #[test]
    fn the_page_is_a4_with_the_decree_margins() {
        let xml = document_xml(&Paper::default());
        assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
        assert!(
            xml.contains(r#"w:top="1133" w:right="850" w:bottom="1133" w:left="1700""#),
            "{xml}"
        );
        assert!(xml.contains(NATION) && xml.contains(MOTTO));
        // Word checks the order of a table's properties.
        let order = [
            "<w:tblW ",
            "<w:tblBorders>",
            "<w:tblLayout ",
            "<w:tblCellMar>",
        ];
        let at: Vec<usize> = order.iter().filter_map(|t| xml.find(t)).collect();
        assert_eq!(at.len(), 4);
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    }
}
