//! Where things live: database path, data directory, keymaps.
