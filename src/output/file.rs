//! Files written whole or not at all, never onto the database.
//!
//! Every file the program writes (exports, backups, templates, letters) goes
//! to a temporary file beside its destination, is synced, and is renamed
//! into place: a full disk or a crash leaves the previous file as it was,
//! never a partial one. Before that, [`SameFile`] refuses a destination that
//! is the database itself or one of its companion files, compared by device
//! and inode (a symlink or a hard link to the database is caught too), and
//! by name for a companion that does not exist at the moment.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The suffixes SQLite gives the files that belong with a database.
pub const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The files a destination must not be: the database and its companions.
#[derive(Debug, Clone, Default)]
pub struct SameFile {
    /// Device and inode of each file that exists.
    ids: Vec<(u64, u64, PathBuf)>,
    /// The paths, absolute, for files that do not exist (yet).
    names: Vec<PathBuf>,
}

#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// `path` made absolute without requiring it to exist: its parent is
/// canonicalised when it can be.
fn absolute(path: &Path) -> PathBuf {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let parent = fs::canonicalize(&parent).unwrap_or(parent);
    match path.file_name() {
        Some(name) => parent.join(name),
        None => parent,
    }
}

impl SameFile {
    /// The database at `db` and its `-wal`, `-shm` and `-journal` files.
    pub fn database(db: &Path) -> SameFile {
        let mut guard = SameFile::default();
        let mut paths = vec![db.to_path_buf()];
        for suffix in COMPANIONS {
            let mut s = db.as_os_str().to_owned();
            s.push(suffix);
            paths.push(PathBuf::from(s));
        }
        for p in paths {
            if let Ok(meta) = fs::metadata(&p) {
                let (dev, ino) = file_id(&meta);
                guard.ids.push((dev, ino, p.clone()));
            }
            guard.names.push(absolute(&p));
        }
        guard
    }

    /// Refuse `out` if it is one of the guarded files.
    pub fn check(&self, out: &Path) -> Result<(), String> {
        let hit = match fs::metadata(out) {
            Ok(meta) => {
                let id = file_id(&meta);
                self.ids
                    .iter()
                    .find(|(d, i, _)| (*d, *i) == id)
                    .map(|(_, _, p)| p.clone())
            }
            Err(_) => None,
        }
        .or_else(|| {
            let abs = absolute(out);
            self.names.iter().find(|n| **n == abs).cloned()
        });
        match hit {
            Some(p) => Err(format!(
                "{}: refusing to write there: it is the database file {} (nothing was written)",
                out.display(),
                p.display()
            )),
            None => Ok(()),
        }
    }
}

/// A file being written: a temporary file beside the destination, renamed
/// into place by [`AtomicFile::commit`]. Dropped without committing, it
/// leaves no trace and the destination untouched.
///
/// A destination that exists and is not a regular file (a device such as
/// `/dev/stdout`, a named pipe) cannot be replaced by a rename: it is
/// written directly.
pub struct AtomicFile {
    path: PathBuf,
    sink: Sink,
}

enum Sink {
    Temp(BufWriter<tempfile::NamedTempFile>),
    Direct(BufWriter<fs::File>),
}

impl AtomicFile {
    /// Start writing `path`, refused when `guard` says it is the database.
    /// The folder must exist. An existing file keeps its permissions.
    pub fn create(path: &Path, guard: &SameFile) -> Result<AtomicFile, String> {
        guard.check(path)?;
        let named = |e: io::Error| format!("{}: {e}", path.display());
        let existing = fs::metadata(path).ok();
        if let Some(meta) = &existing {
            if meta.is_dir() {
                return Err(format!("{}: is a folder, not a file", path.display()));
            }
            if !meta.is_file() {
                let f = fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(named)?;
                return Ok(AtomicFile {
                    path: path.to_path_buf(),
                    sink: Sink::Direct(BufWriter::with_capacity(64 * 1024, f)),
                });
            }
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.");
        let mut b = tempfile::Builder::new();
        b.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Like a plain create: 0666 less the umask (tempfile's default is 0600).
            b.permissions(fs::Permissions::from_mode(0o666));
        }
        let tmp = b.tempfile_in(&dir).map_err(named)?;
        if let Some(meta) = existing {
            tmp.as_file()
                .set_permissions(meta.permissions())
                .map_err(named)?;
        }
        Ok(AtomicFile {
            path: path.to_path_buf(),
            sink: Sink::Temp(BufWriter::with_capacity(64 * 1024, tmp)),
        })
    }

    /// The destination.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary file, for a writer that needs a path of its own (an
    /// SQLite backup); its content is renamed into place by `commit`.
    /// `None` when the destination is written directly (not a regular file).
    pub fn temp_path(&self) -> Option<&Path> {
        match &self.sink {
            Sink::Temp(t) => Some(t.get_ref().path()),
            Sink::Direct(_) => None,
        }
    }

    /// Flush, sync and rename into place. On error the destination is as
    /// it was and the temporary file is removed.
    pub fn commit(self) -> Result<(), String> {
        let path = self.path;
        let named = |e: io::Error| format!("{}: {e}", path.display());
        let tmp = match self.sink {
            Sink::Direct(mut f) => return f.flush().map_err(named),
            Sink::Temp(t) => t.into_inner().map_err(|e| named(e.into_error()))?,
        };
        tmp.as_file().sync_all().map_err(named)?;
        tmp.persist(&path).map_err(|e| named(e.error))?;
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && let Ok(d) = fs::File::open(dir)
        {
            // Make the rename itself durable; not every filesystem can.
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Temp(t) => t.write(buf),
            Sink::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Temp(t) => t.flush(),
            Sink::Direct(f) => f.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_its_companions_are_refused_by_identity_and_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("v.db");
        fs::write(&db, b"SQLite format 3\0").unwrap();
        let guard = SameFile::database(&db);
        assert!(guard.check(&db).is_err());
        // Another spelling of the same file.
        assert!(guard.check(&dir.path().join(".").join("v.db")).is_err());
        // A hard link and a symlink.
        let hard = dir.path().join("hard.csv");
        fs::hard_link(&db, &hard).unwrap();
        assert!(guard.check(&hard).is_err());
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.csv");
            std::os::unix::fs::symlink(&db, &soft).unwrap();
            assert!(guard.check(&soft).is_err());
        }
        // A companion that does not exist yet.
        assert!(guard.check(&dir.path().join("v.db-wal")).is_err());
        assert!(guard.check(&dir.path().join("v.db-journal")).is_err());
        // Anything else is fine.
        assert!(guard.check(&dir.path().join("report.csv")).is_ok());
    }

    #[test]
    fn an_uncommitted_file_leaves_the_previous_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.csv");
        fs::write(&out, b"old report\n").unwrap();
        {
            let mut f = AtomicFile::create(&out, &SameFile::default()).unwrap();
            f.write_all(b"half of a new").unwrap();
            // Dropped: as if the disk filled up before the end.
        }
        assert_eq!(fs::read(&out).unwrap(), b"old report\n");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
        let mut f = AtomicFile::create(&out, &SameFile::default()).unwrap();
        f.write_all(b"new report\n").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"new report\n");
    }

    #[test]
    fn a_device_is_written_directly_never_replaced() {
        let mut f = AtomicFile::create(Path::new("/dev/null"), &SameFile::default()).unwrap();
        assert!(f.temp_path().is_none());
        f.write_all(b"x").unwrap();
        f.commit().unwrap();
        let meta = fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null is still a device");
    }

    #[test]
    fn a_folder_that_does_not_exist_is_an_error_naming_the_file() {
        let e = AtomicFile::create(Path::new("/no/such/dir/x.csv"), &SameFile::default())
            .err()
            .unwrap();
        assert!(e.starts_with("/no/such/dir/x.csv: "), "{e}");
    }
}
