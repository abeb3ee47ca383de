-- Kiosks, consent, the resident's data and what was read of it, submissions and their
-- stages, ratings, audit records, usage counts. Written in the SQL that SQLite and
-- PostgreSQL share: times are ISO 8601 text in UTC (fixed width, so they sort), flags are
-- integers 0/1, lists are JSON text.

CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY,
    centre_id TEXT,
    token_sha256 TEXT UNIQUE,
    registered_at TEXT NOT NULL
);

CREATE TABLE resident_items (
    id_number TEXT NOT NULL,
    item TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (id_number, item)
);

CREATE TABLE visits (
    visit_id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    purpose TEXT NOT NULL,
    items TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    closed_at TEXT
);

CREATE TABLE data_reads (
    visit_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    item TEXT NOT NULL,
    purpose TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX data_reads_by_resident ON data_reads (id_number, at);

CREATE TABLE usage_counts (
    service_id TEXT PRIMARY KEY,
    count INTEGER NOT NULL
);

CREATE TABLE applications (
    reference TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    digest TEXT NOT NULL,              -- SHA-256 of the submission's content, for conflicts
    service_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    answers TEXT NOT NULL,
    signature_png BYTEA NOT NULL,      -- SQLite keeps the bytes as given
    signed_by TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    subscribed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kiosk_id, idempotency_key)
);
CREATE INDEX applications_by_resident ON applications (id_number, received_at);

CREATE TABLE application_stages (
    reference TEXT NOT NULL REFERENCES applications (reference),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    at TEXT,
    PRIMARY KEY (reference, position)
);

CREATE TABLE ratings (
    kiosk_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    reference TEXT NOT NULL,           -- kept even before its submission arrives
    score INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    rated_at TEXT NOT NULL,
    latest INTEGER NOT NULL,           -- 1 on the reference's newest rating
    PRIMARY KEY (kiosk_id, idempotency_key)
);
CREATE INDEX ratings_by_reference ON ratings (reference, latest);

CREATE TABLE audit_records (
    kiosk_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    digest TEXT NOT NULL,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    detail TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, idempotency_key)
);

-- Named counters: queue numbers per centre and day, the order of help requests.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
