-- The fleet: each kiosk's latest heartbeat (one row, replaced: newest wins) and a week of
-- history. A beat is stored as its JSON (the contract's Heartbeat) beside the columns the
-- fleet page sorts and alerts on.

CREATE TABLE kiosk_status (
    kiosk_id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    beat TEXT NOT NULL
);

CREATE TABLE heartbeats (
    kiosk_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    beat TEXT NOT NULL
);

CREATE INDEX heartbeats_by_kiosk ON heartbeats (kiosk_id, received_at);
CREATE INDEX heartbeats_by_time ON heartbeats (received_at);
