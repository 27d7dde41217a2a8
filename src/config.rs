//! Where things live: the database, the editable data files, keymaps.

use std::path::PathBuf;

/// The database file: `--db`, else `$THAMDINH_DB`, else
/// `$XDG_DATA_HOME/thamdinh/thamdinh.db` (`~/.local/share/thamdinh/…`).
pub fn db_path(flag: Option<PathBuf>) -> PathBuf {
    db_location(flag).0
}

/// [`db_path`], and whether it is the default location (whose folder is
/// created on demand; an explicit path's folder must exist, so a typo does
/// not silently create folders and an empty database).
pub fn db_location(flag: Option<PathBuf>) -> (PathBuf, bool) {
    if let Some(p) = flag {
        return (p, false);
    }
    if let Some(p) = std::env::var_os("THAMDINH_DB").filter(|v| !v.is_empty()) {
        return (PathBuf::from(p), false);
    }
    (data_home().join("thamdinh").join("thamdinh.db"), true)
}

fn data_home() -> PathBuf {
    if let Some(p) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    match directories::BaseDirs::new() {
        Some(b) => b.data_dir().to_path_buf(),
        None => PathBuf::from(".local/share"),
    }
}

fn config_home() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::BaseDirs::new().map(|b| b.config_dir().to_path_buf())
}

/// The folder of rule files an official edited: `--data`, else
/// `$THAMDINH_DATA`, else `$XDG_CONFIG_HOME/thamdinh/data` when it exists.
/// `None` means the copies bundled into the binary.
pub fn data_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    if flag.is_some() {
        return flag;
    }
    if let Some(p) = std::env::var_os("THAMDINH_DATA").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    config_home()
        .map(|c| c.join("thamdinh").join("data"))
        .filter(|p| p.is_dir())
}

/// The user's keymap override file, `$XDG_CONFIG_HOME/thamdinh/keymap.toml`.
pub fn user_keymap() -> Option<PathBuf> {
    config_home()
        .map(|c| c.join("thamdinh").join("keymap.toml"))
        .filter(|p| p.is_file())
}
