package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// FTSRow is one code and title for an FTSBench table.
type FTSRow struct {
	Code, Title string
}

// FTSBench is a throwaway SQLite FTS5 table of code titles in its own
// temporary database file. It exists to measure a plain FTS5 prefix query
// against ClaimDesk's in-memory code search (claimctl bench search); the
// application itself never uses it.
type FTSBench struct {
	db   *sql.DB
	stmt *sql.Stmt
	dir  string
}

// NewFTSBench creates a database in a new temporary folder under dir (""
// for the system's), fills an FTS5 table (unicode61 tokenizer) with rows in
// one transaction and prepares the query.
func NewFTSBench(ctx context.Context, dir string, rows []FTSRow) (*FTSBench, error) {
	tmp, err := os.MkdirTemp(dir, "claimdesk-fts-")
	if err != nil {
		return nil, fmt.Errorf("fts bench: %w", err)
	}
	b := &FTSBench{dir: tmp}
	fail := func(err error) (*FTSBench, error) {
		b.Close()
		return nil, fmt.Errorf("fts bench: %w", err)
	}
	b.db, err = sql.Open("sqlite", "file:"+filepath.Join(tmp, "fts.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		return fail(err)
	}
	b.db.SetMaxOpenConns(1)
	if _, err := b.db.ExecContext(ctx, `CREATE VIRTUAL TABLE titles USING fts5(code UNINDEXED, title, tokenize = 'unicode61')`); err != nil {
		return fail(err)
	}
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO titles (code, title) VALUES (?, ?)`)
	if err != nil {
		tx.Rollback()
		return fail(err)
	}
	for _, r := range rows {
		if _, err := ins.ExecContext(ctx, r.Code, r.Title); err != nil {
			tx.Rollback()
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	b.stmt, err = b.db.PrepareContext(ctx, `SELECT code FROM titles WHERE titles MATCH ? ORDER BY rank LIMIT ?`)
	if err != nil {
		return fail(err)
	}
	return b, nil
}

// FTSPrefixQuery turns words into an FTS5 query where each word is a
// prefix: "diab mell" gives `"diab"* "mell"*`; "" when q has no words.
func FTSPrefixQuery(q string) string {
	words := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

// Query runs a prefix MATCH for the words of q, best first (FTS5 rank),
// and returns at most limit codes.
func (b *FTSBench) Query(ctx context.Context, q string, limit int) ([]string, error) {
	m := FTSPrefixQuery(q)
	if m == "" {
		return nil, nil
	}
	rows, err := b.stmt.QueryContext(ctx, m, limit)
	if err != nil {
		return nil, fmt.Errorf("fts query %q: %w", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("fts query %q: %w", q, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Close closes the database and removes its folder.
func (b *FTSBench) Close() error {
	if b.stmt != nil {
		b.stmt.Close()
	}
	var err error
	if b.db != nil {
		err = b.db.Close()
	}
	if rerr := os.RemoveAll(b.dir); err == nil {
		err = rerr
	}
	return err
}
