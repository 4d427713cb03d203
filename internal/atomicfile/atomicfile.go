// Package atomicfile writes files so that readers see either the old file
// or the complete new one, never a half-written file: PDFs, exports,
// backups. It imports only the standard library.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// Write creates or replaces path with what write writes. It writes to a
// temporary file in path's folder (created with mode 0600 by
// os.CreateTemp, so the data is never readable by others while it is
// written), syncs and closes it, renames it onto path, and on Unix syncs
// the folder so the rename survives a power cut. On any error, including
// one returned by write, the temporary file is removed and path is left
// as it was.
func Write(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: close: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if runtime.GOOS != "windows" {
		if d, err := os.Open(dir); err == nil {
			serr := d.Sync()
			d.Close()
			if serr != nil && !errors.Is(serr, os.ErrInvalid) {
				return fmt.Errorf("write %s: sync folder: %w", path, serr)
			}
		}
	}
	return nil
}
