-- 0004_settings: the practice's key/value settings (printer offsets, default
-- print mode, first-run state) and its favourite (starred) codes. Never edit
-- this file once shipped: add a new migration.

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Starred codes rank first in code searches. code is written as coders
-- write it (E11.65, 99213).
CREATE TABLE favourite_codes (
	system     TEXT NOT NULL,
	code       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (system, code)
) WITHOUT ROWID;
