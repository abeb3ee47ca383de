-- Help articles, calls for a helper, and requests for home service or a proxy.

CREATE TABLE help_articles (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    question_zh TEXT NOT NULL,
    question_en TEXT NOT NULL,
    answer_zh TEXT NOT NULL,
    answer_en TEXT NOT NULL,
    video TEXT NOT NULL DEFAULT ''
);

CREATE TABLE help_requests (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    place TEXT NOT NULL,               -- the kiosk's centre, or the kiosk itself without one
    screen TEXT NOT NULL,
    status TEXT NOT NULL,
    seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    UNIQUE (kiosk_id, idempotency_key)
);
CREATE INDEX help_requests_waiting ON help_requests (place, status, seq);

CREATE TABLE home_services (
    id TEXT PRIMARY KEY,
    kiosk_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    digest TEXT NOT NULL,
    visit_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    kind TEXT NOT NULL,
    matter TEXT NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (kiosk_id, idempotency_key)
);
