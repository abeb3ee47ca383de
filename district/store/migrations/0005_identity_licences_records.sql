-- Issue 8: who a 随申码 stands for, where each profile item came from, enterprises and who
-- may act for them, electronic licences, what each visit was handed (for locked answers),
-- what a submission carries now, records issued with their verification numbers and their
-- one-time shares, and the store's own secret.

CREATE TABLE residents (
    id_number TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sex TEXT NOT NULL,
    birth_date TEXT NOT NULL,          -- YYYY-MM-DD
    card_type TEXT NOT NULL,
    valid_to TEXT
);

CREATE TABLE identity_codes (
    code_sha256 TEXT PRIMARY KEY,      -- the code itself is never kept
    id_number TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    used_by TEXT                       -- the kiosk that resolved it
);

ALTER TABLE resident_items ADD COLUMN source TEXT NOT NULL DEFAULT 'resident';
ALTER TABLE resident_items ADD COLUMN agency TEXT NOT NULL DEFAULT '';
ALTER TABLE resident_items ADD COLUMN updated TEXT;

CREATE TABLE enterprises (
    credit_code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    representative_name TEXT NOT NULL,
    representative_id TEXT NOT NULL,
    address TEXT NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE enterprise_agents (
    credit_code TEXT NOT NULL REFERENCES enterprises (credit_code),
    id_number TEXT NOT NULL,
    PRIMARY KEY (credit_code, id_number)
);

ALTER TABLE visits ADD COLUMN on_behalf_of TEXT;

-- HMAC-SHA256 (the store's secret) of each profile value a visit was handed
CREATE TABLE handed_out (
    visit_id TEXT NOT NULL,
    item TEXT NOT NULL,
    value_hmac TEXT NOT NULL,
    PRIMARY KEY (visit_id, item)
);

CREATE TABLE licences (
    uri TEXT PRIMARY KEY,
    holder TEXT NOT NULL,              -- an ID number or a credit code
    position INTEGER NOT NULL,
    type_code TEXT NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    issuer TEXT NOT NULL,
    number TEXT NOT NULL,              -- as shown: masked where it is personal
    issued_on TEXT NOT NULL,
    valid_until TEXT,
    fields TEXT NOT NULL               -- JSON: what the licence says
);
CREATE INDEX licences_by_holder ON licences (holder, position);

CREATE TABLE enterprise_benefits (
    credit_code TEXT NOT NULL,
    id TEXT NOT NULL,
    content TEXT NOT NULL,             -- JSON of district.models.Benefit
    PRIMARY KEY (credit_code, id)
);

-- what records are made from: contributions (social security, housing fund, tax) and property
CREATE TABLE employments (
    id_number TEXT PRIMARY KEY,
    employer TEXT NOT NULL,
    first_month TEXT NOT NULL,         -- YYYY-MM
    last_month TEXT,                   -- NULL: still employed
    base_yuan INTEGER NOT NULL,        -- the first year's contribution base; +5% a year
    fund_account TEXT NOT NULL
);

CREATE TABLE properties (
    certificate_code TEXT NOT NULL,    -- 产证编码
    owner TEXT NOT NULL,
    content TEXT NOT NULL,             -- JSON: label -> value, in order
    PRIMARY KEY (certificate_code, owner)
);

ALTER TABLE data_reads ADD COLUMN detail TEXT NOT NULL DEFAULT '';

ALTER TABLE applications ADD COLUMN visit_id TEXT;
ALTER TABLE applications ADD COLUMN locked TEXT NOT NULL DEFAULT '{}';
ALTER TABLE applications ADD COLUMN licences TEXT NOT NULL DEFAULT '[]';
ALTER TABLE applications ADD COLUMN on_behalf_of TEXT;
ALTER TABLE applications ADD COLUMN first_try INTEGER NOT NULL DEFAULT 1;

CREATE TABLE application_attachments (
    reference TEXT NOT NULL REFERENCES applications (reference),
    position INTEGER NOT NULL,
    material TEXT NOT NULL,
    png BYTEA NOT NULL,
    checked INTEGER NOT NULL,
    findings TEXT NOT NULL,
    PRIMARY KEY (reference, position)
);

CREATE TABLE records (
    number TEXT PRIMARY KEY,           -- 验证编号, what the verification page takes
    kind TEXT NOT NULL,
    id_number TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    content TEXT NOT NULL              -- JSON of district.models.Record
);

CREATE TABLE record_shares (
    token_sha256 TEXT PRIMARY KEY,
    number TEXT NOT NULL REFERENCES records (number),
    expires_at TEXT NOT NULL,
    opened_at TEXT
);

CREATE TABLE store_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
