-- The district's operators, who log in to the fleet page: a name, the password's scrypt hash
-- (its salt and parameters inside the text), and their sessions, each kept only as the
-- SHA-256 of the random token the browser holds in its cookie.

CREATE TABLE operators (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE operator_sessions (
    token_sha256 TEXT PRIMARY KEY,
    operator TEXT NOT NULL REFERENCES operators (name),
    expires_at TEXT NOT NULL
);

CREATE INDEX operator_sessions_by_expiry ON operator_sessions (expires_at);
