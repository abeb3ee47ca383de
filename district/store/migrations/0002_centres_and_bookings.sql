-- The service map, slot templates, slots made from them on demand, and bookings.

CREATE TABLE centres (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    address_zh TEXT NOT NULL,
    address_en TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    hours_zh TEXT NOT NULL,
    hours_en TEXT NOT NULL,
    open_24h INTEGER NOT NULL,
    offers TEXT NOT NULL               -- JSON list of service ids
);

-- weekday: 0 Monday .. 6 Sunday; times are the centre's local time (Shanghai), HH:MM.
CREATE TABLE slot_templates (
    centre_id TEXT NOT NULL REFERENCES centres (id),
    weekday INTEGER NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    places INTEGER NOT NULL,
    PRIMARY KEY (centre_id, weekday, start_time)
);

CREATE TABLE slots (
    id TEXT PRIMARY KEY,
    centre_id TEXT NOT NULL REFERENCES centres (id),
    matter TEXT NOT NULL,
    day TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    places INTEGER NOT NULL,
    UNIQUE (centre_id, matter, day, start_time)
);

CREATE TABLE bookings (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kiosk_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    slot_id TEXT NOT NULL REFERENCES slots (id),
    visit_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    state TEXT NOT NULL,
    held_until TEXT,
    queue_number TEXT,
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    moved_from TEXT,
    UNIQUE (kiosk_id, idempotency_key)
);
CREATE INDEX bookings_by_slot ON bookings (slot_id, state);
CREATE INDEX bookings_by_resident ON bookings (id_number);
CREATE INDEX bookings_by_state ON bookings (state);
