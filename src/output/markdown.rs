//! A [`Paper`] as Markdown: the same content as the Word document, for a
//! quick look over SSH and for tests. Every text is cleaned as everywhere
//! else (NFC; control, bidi and invisible characters neutralised), and the
//! characters Markdown would read as markup are escaped, so a dossier's
//! title cannot become a link, an image or a heading.

use crate::domain::papers::layout::{Block, MOTTO, NATION, Paper, Row, Style, Table};

/// Text for Markdown: cleaned, markup escaped, line breaks as spaces
/// (`br`: as hard breaks).
pub fn escape(s: &str, br: bool) -> String {
    let clean = crate::domain::text::clean_multiline(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' if br => out.push_str("  \n"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let row = |cells: &[String]| -> String {
        let cells: Vec<String> = cells.iter().map(|c| escape(c, false)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.header));
    let rule: Vec<&str> = (0..t.header.len())
        .map(|i| {
            if t.numeric.get(i).copied().unwrap_or(false) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for r in &t.rows {
        match r {
            Row::Cells(cells) => out.push_str(&row(cells)),
            Row::Across(text) => {
                // Markdown tables have no spanning cell: the line stands in
                // the title column, the others empty.
                let mut cells = vec![String::new(); t.header.len()];
                if let Some(c) = cells.get_mut(3) {
                    *c = format!("*{}*", escape(text, false));
                }
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
    }
    out.push('\n');
}

/// The Markdown of a paper.
pub fn markdown(paper: &Paper) -> String {
    let h = &paper.heading;
    let mut out = String::with_capacity(8 * 1024);
    let line = |out: &mut String, s: &str| {
        out.push_str(&escape(s, true));
        out.push_str("  \n");
    };
    line(&mut out, &h.governing_body);
    out.push_str(&format!("**{}**  \n", escape(&h.issuing_body, false)));
    line(&mut out, &h.number);
    if let Some(s) = &h.subject {
        line(&mut out, s);
    }
    out.push('\n');
    out.push_str(&format!("**{NATION}**  \n**{MOTTO}**  \n"));
    out.push_str(&format!("*{}*\n\n", escape(&h.place_date, false)));
    let mut in_list = false;
    for b in &paper.body {
        // A list's points stand on consecutive lines; a blank line ends it.
        let item = matches!(b, Block::Para(Style::Item, _));
        if in_list && !item {
            out.push('\n');
        }
        in_list = item;
        match b {
            Block::Para(style, text) => {
                let t = escape(text, true);
                match style {
                    Style::Title => out.push_str(&format!("# {t}\n\n")),
                    Style::Subtitle => out.push_str(&format!("**{t}**\n\n")),
                    Style::Heading => out.push_str(&format!("## {t}\n\n")),
                    Style::Note => out.push_str(&format!("*{t}*\n\n")),
                    Style::Item => {
                        let t = t.strip_prefix("- ").unwrap_or(&t);
                        out.push_str(&format!("- {t}\n"));
                    }
                    Style::Body | Style::Recipient => out.push_str(&format!("{t}\n\n")),
                }
            }
            Block::Table(t) => table(&mut out, t),
        }
    }
    if in_list {
        out.push('\n');
    }
    let s = &paper.signature;
    out.push_str("---\n\n");
    out.push_str(&format!("***{}***  \n", escape(&s.recipients_title, false)));
    for r in &s.recipients {
        line(&mut out, r);
    }
    out.push('\n');
    for l in &s.signer {
        out.push_str(&format!("**{}**  \n", escape(l, false)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_dossier_text_is_escaped() {
        assert_eq!(
            escape("[click](http://x) ![i](y) # *b* a|b", false),
            "\\[click\\](http://x) \\!\\[i\\](y) \\# \\*b\\* a\\|b"
        );
        assert!(!escape("\u{1b}]0;pwned\u{7}", false).contains('\u{1b}'));
    }
}
