-- 0002_codes: code set releases (ICD-10-CM, HCPCS Level II, CPT, POS),
-- their codes, Tabular notes and groups, Alphabetic Index terms, HCPCS
-- modifiers, Place of Service codes, and the practice's own procedure
-- list. Codes are written as coders write them (E11.65, J3301, 99213).
-- Never edit this file once shipped: add a new migration.

-- One imported edition of a code system. A release whose file SHA-256 is
-- recorded is never imported twice. valid_to '' is open-ended.
CREATE TABLE code_releases (
	id         INTEGER PRIMARY KEY,
	system     TEXT NOT NULL,
	name       TEXT NOT NULL,
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL,
	sha256     TEXT NOT NULL UNIQUE,
	imported   TEXT NOT NULL,
	UNIQUE (system, name)
);

CREATE TABLE codes (
	release_id       INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	code             TEXT NOT NULL,
	ord              INTEGER NOT NULL DEFAULT 0,
	billable         INTEGER NOT NULL,
	short            TEXT NOT NULL DEFAULT '',
	title            TEXT NOT NULL,
	added            TEXT NOT NULL DEFAULT '',
	effective        TEXT NOT NULL DEFAULT '',
	terminated       TEXT NOT NULL DEFAULT '',
	action_effective TEXT NOT NULL DEFAULT '',
	action           TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (release_id, code)
) WITHOUT ROWID;
CREATE INDEX codes_code ON codes (code);

-- A Tabular or Index XML applied to a target release (its own release's
-- XML, or another release's with --notes-from). A later import of the same
-- kind for the same target replaces the earlier one.
CREATE TABLE code_note_imports (
	id         INTEGER PRIMARY KEY,
	release_id INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL, -- tabular, index, eindex
	name       TEXT NOT NULL, -- the source release, e.g. ICD-10-CM FY2021
	source     TEXT NOT NULL,
	sha256     TEXT NOT NULL,
	imported   TEXT NOT NULL,
	UNIQUE (release_id, sha256)
);

-- Official notes, on the node they are written on: a code, a block
-- ("E08-E13") or a chapter ("Chapter 4"). source_release names the release
-- whose XML the note came from.
CREATE TABLE code_notes (
	import_id      INTEGER NOT NULL REFERENCES code_note_imports (id) ON DELETE CASCADE,
	release_id     INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	node           TEXT NOT NULL,
	seq            INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	text           TEXT NOT NULL,
	char           TEXT NOT NULL DEFAULT '',
	source_release TEXT NOT NULL
);
CREATE INDEX code_notes_node ON code_notes (release_id, node);

-- Chapters and blocks of the Tabular List; chapter is '' for a chapter.
CREATE TABLE code_groups (
	import_id  INTEGER NOT NULL REFERENCES code_note_imports (id) ON DELETE CASCADE,
	release_id INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	node       TEXT NOT NULL,
	title      TEXT NOT NULL,
	chapter    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (release_id, node)
);

-- The block each 3-character category of the target release sits in.
CREATE TABLE code_group_members (
	import_id  INTEGER NOT NULL REFERENCES code_note_imports (id) ON DELETE CASCADE,
	release_id INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	category   TEXT NOT NULL,
	node       TEXT NOT NULL,
	PRIMARY KEY (release_id, category)
);

-- Flattened Alphabetic Index entries, searchable synonyms of their code.
CREATE TABLE index_terms (
	import_id      INTEGER NOT NULL REFERENCES code_note_imports (id) ON DELETE CASCADE,
	release_id     INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	term           TEXT NOT NULL,
	code           TEXT NOT NULL,
	source         TEXT NOT NULL,
	source_release TEXT NOT NULL
);
CREATE INDEX index_terms_code ON index_terms (release_id, code);

CREATE TABLE modifiers (
	release_id INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	code       TEXT NOT NULL,
	title      TEXT NOT NULL,
	short      TEXT NOT NULL DEFAULT '',
	effective  TEXT NOT NULL DEFAULT '',
	terminated TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (release_id, code)
) WITHOUT ROWID;

CREATE TABLE places_of_service (
	release_id  INTEGER NOT NULL REFERENCES code_releases (id) ON DELETE CASCADE,
	code        TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (release_id, code)
) WITHOUT ROWID;

-- The practice's own procedure list (CPT-format codes, its own short
-- descriptions, default fee in cents).
CREATE TABLE procedures (
	code       TEXT PRIMARY KEY,
	short      TEXT NOT NULL,
	fee        INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL
) WITHOUT ROWID;
