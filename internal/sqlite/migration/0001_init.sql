-- 0001_init: ClaimDesk's core tables. Dates are ISO 'YYYY-MM-DD' TEXT ('' when
-- not given), instants RFC 3339 TEXT in UTC, money INTEGER cents, quantities
-- INTEGER thousandths. Never edit this file once shipped: add a new migration.
-- Audited entities (patients, policies, encounters, claims) use AUTOINCREMENT
-- so that a deleted row's id is never reused and the audit trail stays
-- unambiguous.

-- The billing practice: a single row with id 1.
CREATE TABLE practice (
	id                INTEGER PRIMARY KEY CHECK (id = 1),
	name              TEXT NOT NULL,
	addr_line1        TEXT NOT NULL DEFAULT '',
	addr_line2        TEXT NOT NULL DEFAULT '',
	addr_city         TEXT NOT NULL DEFAULT '',
	addr_state        TEXT NOT NULL DEFAULT '',
	addr_zip          TEXT NOT NULL DEFAULT '',
	phone             TEXT NOT NULL DEFAULT '',
	tax_id            TEXT NOT NULL DEFAULT '',
	tax_id_type       TEXT NOT NULL DEFAULT '',
	npi               TEXT NOT NULL DEFAULT '',
	taxonomy          TEXT NOT NULL DEFAULT '',
	accept_assignment INTEGER NOT NULL DEFAULT 1,
	updated_at        TEXT NOT NULL
);

CREATE TABLE providers (
	id          INTEGER PRIMARY KEY,
	role        TEXT NOT NULL,
	last        TEXT NOT NULL,
	first       TEXT NOT NULL,
	middle      TEXT NOT NULL DEFAULT '',
	credentials TEXT NOT NULL DEFAULT '',
	npi         TEXT NOT NULL,
	taxonomy    TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX providers_name ON providers (last, first);

CREATE TABLE facilities (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	addr_line1 TEXT NOT NULL DEFAULT '',
	addr_line2 TEXT NOT NULL DEFAULT '',
	addr_city  TEXT NOT NULL DEFAULT '',
	addr_state TEXT NOT NULL DEFAULT '',
	addr_zip   TEXT NOT NULL DEFAULT '',
	npi        TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE payers (
	id                 INTEGER PRIMARY KEY,
	name               TEXT NOT NULL,
	addr_line1         TEXT NOT NULL DEFAULT '',
	addr_line2         TEXT NOT NULL DEFAULT '',
	addr_city          TEXT NOT NULL DEFAULT '',
	addr_state         TEXT NOT NULL DEFAULT '',
	addr_zip           TEXT NOT NULL DEFAULT '',
	payer_ident        TEXT NOT NULL DEFAULT '',
	plan_type          TEXT NOT NULL,
	timely_filing_days INTEGER NOT NULL DEFAULT 0,
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
);
CREATE INDEX payers_name ON payers (name);

CREATE TABLE patients (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	account    TEXT NOT NULL UNIQUE,
	last       TEXT NOT NULL,
	first      TEXT NOT NULL,
	middle     TEXT NOT NULL DEFAULT '',
	suffix     TEXT NOT NULL DEFAULT '',
	dob        TEXT NOT NULL,
	sex        TEXT NOT NULL,
	addr_line1 TEXT NOT NULL DEFAULT '',
	addr_line2 TEXT NOT NULL DEFAULT '',
	addr_city  TEXT NOT NULL DEFAULT '',
	addr_state TEXT NOT NULL DEFAULT '',
	addr_zip   TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX patients_name ON patients (last COLLATE NOCASE, first COLLATE NOCASE);
CREATE INDEX patients_dob ON patients (dob);

-- A patient's coverage. The sub_* columns hold the subscriber when the
-- patient is not the policy holder (has_subscriber = 1).
CREATE TABLE policies (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	patient_id     INTEGER NOT NULL REFERENCES patients (id),
	payer_id       INTEGER NOT NULL REFERENCES payers (id),
	priority       INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
	member_id      TEXT NOT NULL,
	group_number   TEXT NOT NULL DEFAULT '',
	plan_name      TEXT NOT NULL DEFAULT '',
	relationship   TEXT NOT NULL,
	has_subscriber INTEGER NOT NULL DEFAULT 0,
	sub_last       TEXT NOT NULL DEFAULT '',
	sub_first      TEXT NOT NULL DEFAULT '',
	sub_middle     TEXT NOT NULL DEFAULT '',
	sub_suffix     TEXT NOT NULL DEFAULT '',
	sub_dob        TEXT NOT NULL DEFAULT '',
	sub_sex        TEXT NOT NULL DEFAULT '',
	sub_line1      TEXT NOT NULL DEFAULT '',
	sub_line2      TEXT NOT NULL DEFAULT '',
	sub_city       TEXT NOT NULL DEFAULT '',
	sub_state      TEXT NOT NULL DEFAULT '',
	sub_zip        TEXT NOT NULL DEFAULT '',
	sub_phone      TEXT NOT NULL DEFAULT '',
	effective_from TEXT NOT NULL DEFAULT '',
	effective_to   TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX policies_patient ON policies (patient_id, priority);
CREATE INDEX policies_payer ON policies (payer_id);

CREATE TABLE encounters (
	id                  INTEGER PRIMARY KEY AUTOINCREMENT,
	patient_id          INTEGER NOT NULL REFERENCES patients (id),
	policy_id           INTEGER REFERENCES policies (id),
	secondary_policy_id INTEGER REFERENCES policies (id),
	date_from           TEXT NOT NULL,
	date_to             TEXT NOT NULL DEFAULT '',
	pos                 TEXT NOT NULL,
	rendering_id        INTEGER REFERENCES providers (id),
	referring_id        INTEGER REFERENCES providers (id),
	referring_qualifier TEXT NOT NULL DEFAULT '',
	facility_id         INTEGER REFERENCES facilities (id),
	prior_auth          TEXT NOT NULL DEFAULT '',
	onset_date          TEXT NOT NULL DEFAULT '',
	onset_qualifier     TEXT NOT NULL DEFAULT '',
	other_date          TEXT NOT NULL DEFAULT '',
	other_qualifier     TEXT NOT NULL DEFAULT '',
	employment          INTEGER NOT NULL DEFAULT 0,
	auto_accident       INTEGER NOT NULL DEFAULT 0,
	accident_state      TEXT NOT NULL DEFAULT '',
	other_accident      INTEGER NOT NULL DEFAULT 0,
	created_at          TEXT NOT NULL,
	updated_at          TEXT NOT NULL
);
CREATE INDEX encounters_date ON encounters (date_from);
CREATE INDEX encounters_patient ON encounters (patient_id, date_from);
CREATE INDEX encounters_rendering ON encounters (rendering_id, date_from);
CREATE INDEX encounters_policy ON encounters (policy_id);
CREATE INDEX encounters_secondary ON encounters (secondary_policy_id);
CREATE INDEX encounters_referring ON encounters (referring_id);
CREATE INDEX encounters_facility ON encounters (facility_id);

-- Box 21 diagnoses in order: seq 0 is A, the primary diagnosis.
CREATE TABLE encounter_diagnoses (
	encounter_id INTEGER NOT NULL REFERENCES encounters (id) ON DELETE CASCADE,
	seq          INTEGER NOT NULL CHECK (seq BETWEEN 0 AND 11),
	code         TEXT NOT NULL,
	PRIMARY KEY (encounter_id, seq)
) WITHOUT ROWID;
CREATE INDEX encounter_diagnoses_code ON encounter_diagnoses (code);

-- Box 24 lines in order. units and ndc_qty are thousandths, charge cents.
CREATE TABLE service_lines (
	id                INTEGER PRIMARY KEY,
	encounter_id      INTEGER NOT NULL REFERENCES encounters (id) ON DELETE CASCADE,
	seq               INTEGER NOT NULL,
	date_from         TEXT NOT NULL,
	date_to           TEXT NOT NULL DEFAULT '',
	pos               TEXT NOT NULL DEFAULT '',
	emg               INTEGER NOT NULL DEFAULT 0,
	code              TEXT NOT NULL,
	modifier1         TEXT NOT NULL DEFAULT '',
	modifier2         TEXT NOT NULL DEFAULT '',
	modifier3         TEXT NOT NULL DEFAULT '',
	modifier4         TEXT NOT NULL DEFAULT '',
	pointers          TEXT NOT NULL,
	units             INTEGER NOT NULL,
	charge            INTEGER NOT NULL,
	charge_overridden INTEGER NOT NULL DEFAULT 0,
	ndc               TEXT NOT NULL DEFAULT '',
	ndc_unit          TEXT NOT NULL DEFAULT '',
	ndc_qty           INTEGER NOT NULL DEFAULT 0,
	rendering_id      INTEGER REFERENCES providers (id),
	UNIQUE (encounter_id, seq)
);
CREATE INDEX service_lines_code ON service_lines (code);
CREATE INDEX service_lines_rendering ON service_lines (rendering_id);

CREATE TABLE claims (
	id                 INTEGER PRIMARY KEY AUTOINCREMENT,
	encounter_id       INTEGER NOT NULL REFERENCES encounters (id),
	policy_id          INTEGER NOT NULL REFERENCES policies (id),
	status             TEXT NOT NULL,
	frequency          TEXT NOT NULL DEFAULT '1' CHECK (frequency IN ('1', '7', '8')),
	original_ref       TEXT NOT NULL DEFAULT '',
	replaces_id        INTEGER REFERENCES claims (id),
	payer_claim_number TEXT NOT NULL DEFAULT '',
	total_charge       INTEGER NOT NULL DEFAULT 0,
	amount_paid        INTEGER NOT NULL DEFAULT 0,
	submitted_on       TEXT NOT NULL DEFAULT '',
	created_at         TEXT NOT NULL,
	updated_at         TEXT NOT NULL
);
CREATE INDEX claims_status ON claims (status, id);
CREATE INDEX claims_encounter ON claims (encounter_id, policy_id);
CREATE INDEX claims_policy ON claims (policy_id);
CREATE INDEX claims_replaces ON claims (replaces_id);

-- Every status change of a claim; from_status is '' for the creation row.
CREATE TABLE claim_history (
	id          INTEGER PRIMARY KEY,
	claim_id    INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	at          TEXT NOT NULL,
	from_status TEXT NOT NULL,
	to_status   TEXT NOT NULL,
	note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX claim_history_claim ON claim_history (claim_id, id);

-- Payer responses: payments with adjustments, denials, rejections.
CREATE TABLE outcomes (
	id                 INTEGER PRIMARY KEY,
	claim_id           INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	kind               TEXT NOT NULL CHECK (kind IN ('paid', 'denied', 'rejected')),
	date               TEXT NOT NULL,
	paid               INTEGER NOT NULL DEFAULT 0,
	message            TEXT NOT NULL DEFAULT '',
	payer_claim_number TEXT NOT NULL DEFAULT '',
	created_at         TEXT NOT NULL
);
CREATE INDEX outcomes_claim ON outcomes (claim_id, id);

CREATE TABLE outcome_adjustments (
	outcome_id INTEGER NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	grp        TEXT NOT NULL,
	reason     TEXT NOT NULL,
	amount     INTEGER NOT NULL,
	PRIMARY KEY (outcome_id, seq)
) WITHOUT ROWID;

-- RARC remark codes of an outcome.
CREATE TABLE outcome_remarks (
	outcome_id INTEGER NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	PRIMARY KEY (outcome_id, seq)
) WITHOUT ROWID;

-- The practice's fee schedule: per-unit charge by code and modifier ('' for
-- none).
CREATE TABLE fee_schedule (
	code     TEXT NOT NULL,
	modifier TEXT NOT NULL DEFAULT '',
	charge   INTEGER NOT NULL CHECK (charge >= 0),
	PRIMARY KEY (code, modifier)
) WITHOUT ROWID;

-- Who changed what: field names only, never values.
CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
	entity    TEXT NOT NULL,
	entity_id INTEGER NOT NULL,
	fields    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
