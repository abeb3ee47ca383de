-- Issue 10: offline codes the platform issued (never the holder's ID number: a keyed hash
-- of it, the store's secret), each resident's status colour, the issuer keys the trust list
-- names with their validity, and each signed list's sequence number with the digest of what
-- it said (a new number only when that changes, so numbers only grow).

CREATE TABLE offline_codes (
    code_id TEXT PRIMARY KEY,          -- the code's cti, 32 hex characters
    holder_mac TEXT NOT NULL,          -- HMAC-SHA256 (the store's secret) of the ID number
    kind TEXT NOT NULL,                -- paper, phone
    holder_group TEXT NOT NULL,        -- elderly, minor, disabled, resident
    kiosk_id TEXT NOT NULL,
    kid TEXT NOT NULL,                 -- the issuer key that signed it (base64)
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_reason TEXT,               -- reissue, lost
    replaced_by TEXT
);
CREATE INDEX offline_codes_by_holder ON offline_codes (holder_mac, kind, revoked_at);
CREATE INDEX offline_codes_revoked ON offline_codes (revoked_at, expires_at);

CREATE TABLE resident_status (
    id_number TEXT PRIMARY KEY,
    colour TEXT NOT NULL,              -- green, yellow, red
    updated_on TEXT NOT NULL           -- YYYY-MM-DD
);

CREATE TABLE code_keys (
    kid TEXT PRIMARY KEY,
    alg TEXT NOT NULL,
    public_key TEXT NOT NULL,          -- base64, as the trust list carries it
    not_before TEXT NOT NULL,
    not_after TEXT NOT NULL
);

CREATE TABLE code_lists (
    kind TEXT PRIMARY KEY,             -- trust_list, revocation_list, status_list
    sequence INTEGER NOT NULL,
    digest TEXT NOT NULL,              -- SHA-256 of the content the sequence was given to
    salt TEXT NOT NULL                 -- the status list's salt for that sequence (base64)
);
