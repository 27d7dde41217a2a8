//! Versioned migrations. Each migration runs once, in its own transaction,
//! and only ever adds: no table or column is dropped or rewritten, so an
//! older database always opens in a newer build.

/// The migrations in order; `PRAGMA user_version` records how many ran.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE dossiers (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    revision         INTEGER NOT NULL,            -- current revision (1, 2, …)
    version          INTEGER NOT NULL,            -- bumped by every change to the dossier
    status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'returned')),
    plan_year        INTEGER NOT NULL,
    province         TEXT NOT NULL,
    province_key     TEXT NOT NULL,               -- folded, for the province filter
    category         TEXT NOT NULL,
    project_type     TEXT NOT NULL,
    priority_area    TEXT,
    title            TEXT NOT NULL,
    beneficiary      TEXT,
    submitted_on     TEXT NOT NULL,               -- ISO date
    national_vnd     INTEGER NOT NULL,
    cert_valid_until TEXT,                        -- best regional/national certificate, for the bonus
    score_points     INTEGER,                     -- sum of criterion points; NULL while unscored
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX dossiers_queue ON dossiers (status, category, province_key, submitted_on, code);
CREATE INDEX dossiers_order ON dossiers (submitted_on, code);
CREATE INDEX dossiers_rank ON dossiers (category, plan_year);

CREATE TABLE revisions (
    dossier_id   INTEGER NOT NULL REFERENCES dossiers (id),
    revision     INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    data         TEXT NOT NULL,                   -- canonical JSON of the cleaned dossier
    raw          TEXT NOT NULL,                   -- the record exactly as read
    source       TEXT NOT NULL,                   -- file:line it came from
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL,
    PRIMARY KEY (dossier_id, revision)
) WITHOUT ROWID;

CREATE TABLE batches (
    id              INTEGER PRIMARY KEY,
    action          TEXT NOT NULL CHECK (action IN ('approve', 'return', 'undo')),
    author          TEXT NOT NULL,
    os_user         TEXT NOT NULL,
    at              TEXT NOT NULL,
    reason          TEXT,
    override_reason TEXT,
    undoes          INTEGER REFERENCES batches (id)
);
CREATE INDEX batches_author ON batches (author, id);
CREATE UNIQUE INDEX batches_undone ON batches (undoes) WHERE undoes IS NOT NULL;

CREATE TABLE decisions (
    batch_id    INTEGER NOT NULL REFERENCES batches (id),
    dossier_id  INTEGER NOT NULL REFERENCES dossiers (id),
    revision    INTEGER NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    overridden  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (batch_id, dossier_id)
) WITHOUT ROWID;
CREATE INDEX decisions_dossier ON decisions (dossier_id, batch_id);

CREATE TABLE ticks (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    item       TEXT NOT NULL,
    ticked     INTEGER NOT NULL,
    author     TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    at         TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    PRIMARY KEY (dossier_id, item)
) WITHOUT ROWID;

CREATE TABLE scores (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    criterion  TEXT NOT NULL,
    points     INTEGER NOT NULL,
    author     TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    at         TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    PRIMARY KEY (dossier_id, criterion)
) WITHOUT ROWID;

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    author     TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    at         TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX notes_dossier ON notes (dossier_id, id);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    author     TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    action     TEXT NOT NULL,
    dossier_id INTEGER REFERENCES dossiers (id),
    code       TEXT,
    revision   INTEGER,
    version    INTEGER,
    batch_id   INTEGER REFERENCES batches (id),
    reason     TEXT,
    detail     TEXT
);
CREATE INDEX audit_dossier ON audit (dossier_id, id);
CREATE INDEX audit_author ON audit (author, id);

CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER notes_kept_forever BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are kept forever'); END;
"#,
    // 2: the implementing unit, district and commune on the queue row, for
    // the query language (search.md searches them); filled from the current
    // revision's data for dossiers imported before.
    r#"
ALTER TABLE dossiers ADD COLUMN implementing_unit TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN district TEXT;
ALTER TABLE dossiers ADD COLUMN commune TEXT;
UPDATE dossiers SET
    implementing_unit = COALESCE((SELECT json_extract(r.data, '$.implementing_unit') FROM revisions r
                                  WHERE r.dossier_id = dossiers.id AND r.revision = dossiers.revision), ''),
    district = (SELECT json_extract(r.data, '$.beneficiary.district') FROM revisions r
                WHERE r.dossier_id = dossiers.id AND r.revision = dossiers.revision),
    commune = (SELECT json_extract(r.data, '$.beneficiary.commune') FROM revisions r
               WHERE r.dossier_id = dossiers.id AND r.revision = dossiers.revision);
"#,
    // 3: an override reason per decided dossier (each refused dossier of a
    // batch can be overridden for its own reason); the batch's reason stays
    // for batches that gave one reason to all.
    r#"
ALTER TABLE decisions ADD COLUMN override_reason TEXT;
"#,
    // 4: allocations set by appraisers (the ranking view's `b`, `rank
    // --set-budget`), one per category and plan year; the newest replaces
    // the older, whose figure stays in the audit log. Without a row here,
    // `data/budget.toml` gives the allocation.
    r#"
CREATE TABLE allocations (
    category  TEXT NOT NULL,
    plan_year INTEGER NOT NULL,
    vnd       INTEGER NOT NULL CHECK (vnd >= 0),
    author    TEXT NOT NULL,
    os_user   TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (category, plan_year)
) WITHOUT ROWID;
"#,
    // 5: the beneficiaries of every dossier's current revision under a
    // folded key (`domain::identity`), so that the same establishment in
    // another dossier is one index lookup away (`no_duplicate_support`).
    // Filled from the stored dossiers right after this step (Rust folds the
    // names: see `Store::migrate`).
    r#"
CREATE TABLE beneficiary_keys (
    dossier_id  INTEGER NOT NULL REFERENCES dossiers (id),
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    commune     TEXT,
    commune_key TEXT
);
CREATE INDEX beneficiary_keys_key ON beneficiary_keys (key, dossier_id);
CREATE INDEX beneficiary_keys_dossier ON beneficiary_keys (dossier_id);
"#,
    // 6: a team on one queue. Each appraiser's criterion points are kept
    // apart (`appraisals`; the old `scores` rows become their author's and
    // the table is no longer written); the dossier keeps the council's
    // aggregate in `score_points`, the spread of the totals, how many
    // appraisers scored it, and its assignee. `presence` holds heartbeats
    // of open TUI sessions, each with its expiry: a dead session's row
    // stops counting by itself, nothing needs cleaning up. `settings`
    // records the council rule the stored aggregates were computed under.
    r#"
CREATE TABLE appraisals (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    appraiser  TEXT NOT NULL,
    criterion  TEXT NOT NULL,
    points     INTEGER NOT NULL,
    os_user    TEXT NOT NULL,
    at         TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    PRIMARY KEY (dossier_id, appraiser, criterion)
) WITHOUT ROWID;
INSERT INTO appraisals (dossier_id, appraiser, criterion, points, os_user, at, revision)
    SELECT dossier_id, author, criterion, points, os_user, at, revision FROM scores;
ALTER TABLE dossiers ADD COLUMN score_spread INTEGER;
ALTER TABLE dossiers ADD COLUMN appraisers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN assignee TEXT;
UPDATE dossiers SET appraisers = (SELECT COUNT(DISTINCT appraiser) FROM appraisals WHERE dossier_id = dossiers.id);
CREATE INDEX dossiers_assignee ON dossiers (assignee) WHERE assignee IS NOT NULL;
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE presence (
    session    TEXT PRIMARY KEY,
    appraiser  TEXT NOT NULL,
    code       TEXT,
    pane       TEXT,
    expires_at INTEGER NOT NULL           -- unix seconds
) WITHOUT ROWID;
"#,
];

/// The migration after which the beneficiary keys are filled from the
/// stored dossiers.
pub const BENEFICIARY_KEYS_VERSION: i64 = 5;
