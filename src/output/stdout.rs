//! Standard output and error that never panic.
//!
//! `println!` panics when stdout is closed (`| head -1`) or full
//! (`> /dev/full`). Every command writes through [`Stdout`] instead: a
//! broken pipe ends the command quietly (the reader wanted no more), any
//! other error is reported as `error: writing to standard output: …`.
//! Standard error is written with [`eprint_line`], which ignores a failure:
//! there is nowhere left to report it.

use std::fmt;
use std::io::{self, Write};

/// Why writing the output failed.
#[derive(Debug)]
pub enum OutError {
    /// The reader went away (`| head -1`): stop quietly.
    BrokenPipe,
    /// Any other error (disk full, I/O error).
    Io(io::Error),
}

impl OutError {
    pub fn from_io(e: io::Error) -> OutError {
        if e.kind() == io::ErrorKind::BrokenPipe {
            OutError::BrokenPipe
        } else {
            OutError::Io(e)
        }
    }
}

impl fmt::Display for OutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutError::BrokenPipe => write!(f, "writing to standard output: broken pipe"),
            OutError::Io(e) => write!(f, "writing to standard output: {e}"),
        }
    }
}

impl From<io::Error> for OutError {
    fn from(e: io::Error) -> OutError {
        OutError::from_io(e)
    }
}

/// Buffered standard output whose errors are values, not panics.
pub struct Stdout {
    inner: io::BufWriter<io::StdoutLock<'static>>,
}

impl Default for Stdout {
    fn default() -> Self {
        Stdout::new()
    }
}

impl Stdout {
    pub fn new() -> Stdout {
        Stdout {
            inner: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
        }
    }

    /// Write one line.
    pub fn line(&mut self, args: fmt::Arguments<'_>) -> Result<(), OutError> {
        self.inner.write_fmt(args)?;
        self.inner.write_all(b"\n")?;
        Ok(())
    }

    /// Write text as it is.
    pub fn text(&mut self, s: &str) -> Result<(), OutError> {
        self.inner.write_all(s.as_bytes())?;
        Ok(())
    }

    /// Flush; the command's output is complete only after this.
    pub fn flush(&mut self) -> Result<(), OutError> {
        self.inner.flush()?;
        Ok(())
    }

    /// The raw writer (for CSV and JSON writers).
    pub fn writer(&mut self) -> &mut impl Write {
        &mut self.inner
    }
}

/// Write one line to standard error; a failure to do so is ignored (there
/// is nowhere left to report it), never a panic.
pub fn eprint_line(args: fmt::Arguments<'_>) {
    let mut e = io::stderr().lock();
    let _ = e.write_fmt(args);
    let _ = e.write_all(b"\n");
}

/// `eprintln!` that cannot panic.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::stdout::eprint_line(format_args!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_told_apart_from_other_errors() {
        let e = OutError::from_io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(matches!(e, OutError::BrokenPipe));
        let e = OutError::from_io(io::Error::from_raw_os_error(28));
        assert!(matches!(e, OutError::Io(_)));
        assert!(e.to_string().starts_with("writing to standard output: "));
    }
}
