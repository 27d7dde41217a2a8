//! A paper as blocks, before any file format: the administrative heading
//! of Decree 30/2020/NĐ-CP (issuing body beside the national motto, number
//! and place/date), the subject, the recipient, the body (headings,
//! paragraphs, tables) and the signature block. The Word writer
//! (`output::docx`) and the Markdown writer (`output::markdown`) render
//! the same [`Paper`], so the two formats cannot say different things.
//!
//! Text here is as composed (template and dossier text together); the
//! writers neutralise control and bidi characters and escape for their
//! format.

/// The national motto, as Decree 30/2020/NĐ-CP writes it.
pub const NATION: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// The motto's second line.
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The heading of an administrative document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heading {
    /// The governing body (`BỘ CÔNG THƯƠNG`).
    pub governing_body: String,
    /// The issuing body (`CỤC …`), in bold.
    pub issuing_body: String,
    /// `Số:      /…`: the number left blank for the official.
    pub number: String,
    /// `Hà Nội, ngày … tháng … năm …`.
    pub place_date: String,
    /// The `V/v …` line of a letter (under the number), if any.
    pub subject: Option<String>,
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Body text: justified, first line indented.
    Body,
    /// A bold run-in heading (a dossier, a category).
    Heading,
    /// A point of a list (`- …`), indented.
    Item,
    /// The document's name (`BÁO CÁO`), centred, bold.
    Title,
    /// Under the title, centred, bold.
    Subtitle,
    /// `Kính gửi: …`, centred.
    Recipient,
    /// A remark in italics (the cut line, "none").
    Note,
}

/// One cell row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// Ordinary cells, one per column.
    Cells(Vec<String>),
    /// One line across the whole table (the cut line).
    Across(String),
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    /// Relative widths of the columns (any unit; the writer scales them).
    pub widths: Vec<u32>,
    /// Which columns hold figures (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Row>,
}

/// A piece of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Style, String),
    Table(Table),
}

/// The signature block: recipients on the left (`Nơi nhận:` and its
/// lines), the signer's title on the right with room to sign; the name is
/// the official's to write.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    pub recipients_title: String,
    pub recipients: Vec<String>,
    pub signer: Vec<String>,
}

/// A whole paper.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paper {
    /// The document title for the file's properties.
    pub title: String,
    pub heading: Heading,
    pub body: Vec<Block>,
    pub signature: Signature,
}
