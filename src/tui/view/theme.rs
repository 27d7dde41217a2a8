//! Glyphs and styles: the 16 named ANSI colours only, none at all under
//! `NO_COLOR`, and meaning never by colour alone (every state has a glyph).

use crate::domain::Status;
use crate::tui::app::Look;
use crate::tui::model::CheckState;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The glyphs and styles of one [`Look`].
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    look: Look,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

const ASCII_FOCUS_BORDER: border::Set<'static> = border::Set {
    top_left: "#",
    top_right: "#",
    bottom_left: "#",
    bottom_right: "#",
    vertical_left: "#",
    vertical_right: "#",
    horizontal_top: "=",
    horizontal_bottom: "=",
};

/// True when borders and glyphs must be drawn in ASCII (as `--ascii` does):
/// the terminal is `TERM=dumb`, or the locale's character set is not UTF-8.
/// The locale is the first of `LC_ALL`, `LC_CTYPE` and `LANG` that is set
/// and not empty (POSIX: `LC_ALL` overrides `LC_CTYPE`, which overrides
/// `LANG`); its character set is UTF-8 when its name says `UTF-8` or
/// `utf8`, in any case (`vi_VN.UTF-8`, `C.utf8`). `C`, `POSIX`, `vi_VN`,
/// `en_US.ISO-8859-1`, and nothing set at all (which is the POSIX locale)
/// are not.
pub fn wants_ascii(
    term: Option<&str>,
    lc_all: Option<&str>,
    lc_ctype: Option<&str>,
    lang: Option<&str>,
) -> bool {
    if term.is_some_and(|t| t.trim() == "dumb") {
        return true;
    }
    let locale = [lc_all, lc_ctype, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty());
    !locale.is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    })
}

impl Theme {
    /// The theme of a look.
    pub fn new(look: Look) -> Theme {
        Theme { look }
    }

    fn fg(&self, c: Color) -> Style {
        if self.look.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// Border set: focused panes get a heavier one.
    pub fn border(&self, focused: bool) -> border::Set<'static> {
        match (self.look.ascii, focused) {
            (true, true) => ASCII_FOCUS_BORDER,
            (true, false) => ASCII_BORDER,
            (false, true) => border::THICK,
            (false, false) => border::PLAIN,
        }
    }

    /// Border style.
    pub fn border_style(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    /// Title style.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The cursor's row.
    pub fn cursor_row(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    /// Matched characters of the fuzzy filter.
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Labels in the detail pane.
    pub fn label(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::BOLD)
    }

    /// Less important text.
    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// [`Theme::dim`] when `b`, else plain.
    pub fn dim_if(&self, b: bool) -> Style {
        if b { self.dim() } else { Style::new() }
    }

    /// Error messages.
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Good news.
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    /// The status bar.
    pub fn status_bar(&self) -> Style {
        if self.look.color {
            Style::new().fg(Color::Black).bg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The cursor glyph of lists.
    pub fn cursor_glyph(&self) -> &'static str {
        if self.look.ascii { ">" } else { "▶" }
    }

    /// The mark glyph.
    pub fn mark_glyph(&self) -> &'static str {
        if self.look.ascii { "*" } else { "●" }
    }

    /// Glyph and style of a dossier status.
    pub fn status(&self, s: Status) -> (&'static str, Style) {
        match (s, self.look.ascii) {
            (Status::Pending, false) => ("·", self.dim()),
            (Status::Pending, true) => (".", self.dim()),
            (Status::Approved, false) => ("✓", self.ok()),
            (Status::Approved, true) => ("+", self.ok()),
            (Status::Returned, false) => ("↩", self.fg(Color::Magenta)),
            (Status::Returned, true) => ("<", self.fg(Color::Magenta)),
        }
    }

    /// Glyph and style of a checklist state.
    pub fn check(&self, s: CheckState) -> (&'static str, Style) {
        let a = self.look.ascii;
        match s {
            CheckState::Pass => (if a { "+" } else { "✓" }, self.ok()),
            CheckState::Fail => (if a { "x" } else { "✗" }, self.error()),
            CheckState::Unknown => ("?", self.fg(Color::Yellow)),
            CheckState::Ticked => (if a { "[x]" } else { "☑" }, self.ok()),
            CheckState::Unticked => (if a { "[ ]" } else { "☐" }, Style::new()),
        }
    }

    /// Within budget / over the cut line.
    pub fn within(&self, within: bool) -> (&'static str, Style) {
        match (within, self.look.ascii) {
            (true, false) => ("✓", self.ok()),
            (true, true) => ("y", self.ok()),
            (false, false) => ("✗", self.error()),
            (false, true) => ("n", self.error()),
        }
    }

    /// The horizontal rule of the cut line.
    pub fn rule(&self) -> &'static str {
        if self.look.ascii { "-" } else { "─" }
    }

    /// A value not given yet (unscored).
    pub fn none(&self) -> &'static str {
        if self.look.ascii { "-" } else { "–" }
    }

    /// Ellipsis for cut text.
    pub fn ellipsis(&self) -> &'static str {
        if self.look.ascii { "~" } else { "…" }
    }

    /// The colour of a gauge (the summary view).
    pub fn gauge(&self, g: Gauge) -> Style {
        match g {
            Gauge::Requested => self.fg(Color::Yellow),
            Gauge::Within => self.fg(Color::Cyan),
            Gauge::Approved => self.ok(),
            Gauge::Returned => self.fg(Color::Magenta),
            Gauge::Pending => self.dim(),
        }
    }

    /// A full cell of a gauge.
    pub fn gauge_full(&self) -> &'static str {
        if self.look.ascii { "#" } else { "█" }
    }

    /// The last, partly filled cell of a gauge: `eighths` of 8 (ASCII
    /// rounds to a whole cell or none).
    pub fn gauge_eighth(&self, eighths: usize) -> &'static str {
        if self.look.ascii {
            return if eighths >= 4 { "#" } else { "" };
        }
        match eighths {
            1 => "▏",
            2 => "▎",
            3 => "▍",
            4 => "▌",
            5 => "▋",
            6 => "▊",
            7 => "▉",
            _ => "",
        }
    }

    /// The empty part of a gauge.
    pub fn gauge_empty(&self) -> &'static str {
        if self.look.ascii { "." } else { "░" }
    }

    /// The glyph of one part of a stacked bar: each part its own, so the
    /// parts stay apart without colour.
    pub fn gauge_glyph(&self, g: Gauge) -> &'static str {
        match (g, self.look.ascii) {
            (Gauge::Returned, false) => "▒",
            (Gauge::Returned, true) => "=",
            (Gauge::Pending, _) => self.gauge_empty(),
            _ => self.gauge_full(),
        }
    }
}

/// What a gauge of the summary view measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gauge {
    /// National support requested.
    Requested,
    /// Within the cut line.
    Within,
    /// Approved (also: decided).
    Approved,
    /// Returned.
    Returned,
    /// Still pending.
    Pending,
}

#[cfg(test)]
mod tests {
    use super::wants_ascii;

    #[test]
    fn ascii_for_dumb_terminals_and_locales_that_are_not_utf8() {
        let utf8 = Some("vi_VN.UTF-8");
        assert!(!wants_ascii(Some("xterm-256color"), None, None, utf8));
        assert!(!wants_ascii(None, None, None, Some("C.utf8")));
        assert!(!wants_ascii(
            Some("screen"),
            Some("en_US.utf-8"),
            None,
            None
        ));
        assert!(wants_ascii(Some("dumb"), None, None, utf8));
        for lang in ["C", "POSIX", "vi_VN", "en_US.ISO-8859-1", "vi_VN.TCVN"] {
            assert!(wants_ascii(Some("xterm"), None, None, Some(lang)), "{lang}");
        }
        // Nothing set (or set empty) is the POSIX locale.
        assert!(wants_ascii(Some("xterm"), None, None, None));
        assert!(wants_ascii(Some("xterm"), Some(""), Some(""), Some("")));
        // LC_ALL overrides LC_CTYPE, which overrides LANG; empty ones are skipped.
        assert!(wants_ascii(None, Some("C"), utf8, utf8));
        assert!(wants_ascii(None, Some("POSIX"), None, utf8));
        assert!(!wants_ascii(None, Some("C.UTF-8"), Some("C"), Some("C")));
        assert!(wants_ascii(None, None, Some("C"), utf8));
        assert!(!wants_ascii(None, None, utf8, Some("C")));
        assert!(!wants_ascii(None, Some(""), utf8, Some("C")));
    }
}
