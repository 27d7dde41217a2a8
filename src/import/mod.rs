//! Dossier files (JSON, JSON Lines, CSV, folders) → domain dossiers, with errors naming file, line and field.
