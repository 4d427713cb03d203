package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	tests := []struct {
		name    string
		write   func(w io.Writer) error
		wantErr error
		want    string
	}{
		{"write error keeps old file", func(w io.Writer) error { w.Write([]byte("half")); return boom }, boom, "old"},
		{"replaces", func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }, nil, "new"},
		{"replaces again", func(w io.Writer) error { _, err := w.Write([]byte("newer")); return err }, nil, "newer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(p, tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			b, rerr := os.ReadFile(p)
			if rerr != nil || string(b) != tt.want {
				t.Fatalf("file = %q, %v; want %q", b, rerr, tt.want)
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 {
				t.Errorf("folder holds %d entries, want only the target (temp file left behind?)", len(ents))
			}
		})
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", st.Mode().Perm())
	}
}

func TestWriteMissingFolder(t *testing.T) {
	err := Write(filepath.Join(t.TempDir(), "no", "such", "x"), func(w io.Writer) error { return nil })
	if err == nil {
		t.Fatal("no error for a missing folder")
	}
}
