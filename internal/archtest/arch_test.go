package archtest

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "claimdesk"

type pkg struct {
	path     string
	standard bool
	imports  []string
}

// list runs `go list` over the module and returns every package with its
// direct imports.
func list(t *testing.T) map[string]pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}|{{.Standard}}|{{join .Imports \" \"}}", module+"/...")
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]pkg{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "|", 3)
		if len(parts) != 3 {
			continue
		}
		pkgs[parts[0]] = pkg{path: parts[0], standard: parts[1] == "true", imports: strings.Fields(parts[2])}
	}
	if len(pkgs) < 5 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".") && first != module
}

// leaves are the packages that must not import each other.
var leaves = []string{"codeset", "codesearch", "claimcheck", "cms1500", "demo", "x12", "claim837"}

func internal(name string) string { return module + "/internal/" + name }

func TestLayering(t *testing.T) {
	pkgs := list(t)
	allowed := func(importer, imp string) string {
		switch {
		case imp == "database/sql" || strings.HasPrefix(imp, "modernc.org/sqlite"):
			if importer != internal("sqlite") {
				return "only internal/sqlite may import " + imp
			}
		case strings.HasPrefix(imp, "github.com/jung-kurt/gofpdf"):
			if importer != internal("cms1500") {
				return "only internal/cms1500 may import gofpdf"
			}
		case imp == "fyne.io/fyne/v2/app":
			if importer != module+"/cmd/claimdesk" {
				return "only cmd/claimdesk may import fyne.io/fyne/v2/app"
			}
		case strings.HasPrefix(imp, "fyne.io/"):
			if importer != internal("ui") && importer != module+"/cmd/claimdesk" {
				return "only internal/ui and cmd/claimdesk may import fyne.io"
			}
		case imp == internal("ui"):
			if importer != module+"/cmd/claimdesk" {
				return "only cmd/claimdesk may import internal/ui"
			}
		case imp == internal("sqlite"):
			if !strings.HasPrefix(importer, module+"/cmd/") && importer != internal("wire") {
				return "only the mains and internal/wire may import internal/sqlite (billing takes the store as claimdesk interfaces)"
			}
		}
		return ""
	}
	for _, p := range pkgs {
		for _, imp := range p.imports {
			if msg := allowed(p.path, imp); msg != "" {
				t.Errorf("%s imports %s: %s", p.path, imp, msg)
			}
		}
	}
	// claimdesk: standard library only.
	for _, imp := range pkgs[internal("claimdesk")].imports {
		if !isStd(imp) {
			t.Errorf("internal/claimdesk imports %s: it may import only the standard library", imp)
		}
	}
	// Leaves do not import each other (claim837 may write through x12).
	for _, a := range leaves {
		for _, imp := range pkgs[internal(a)].imports {
			for _, b := range leaves {
				if imp == internal(b) && !(a == "claim837" && b == "x12") {
					t.Errorf("leaf %s imports leaf %s: declare a small interface instead", a, b)
				}
			}
			if imp == internal("billing") || imp == internal("sqlite") {
				t.Errorf("leaf %s imports %s", a, imp)
			}
		}
	}
	// Leaves, billing and claimdesk never reach fyne, SQL or gofpdf.
	for _, name := range append([]string{"billing", "claimdesk"}, leaves...) {
		for _, imp := range pkgs[internal(name)].imports {
			if strings.HasPrefix(imp, "fyne.io/") || imp == "database/sql" || (name != "cms1500" && strings.HasPrefix(imp, "github.com/jung-kurt/gofpdf")) {
				t.Errorf("%s imports %s", name, imp)
			}
		}
	}
}

// TestOnlyGUIDependsOnApp checks, over transitive dependencies, that no
// package but cmd/claimdesk pulls in fyne.io/fyne/v2/app (so everything
// else builds and tests without cgo).
func TestOnlyGUIDependsOnApp(t *testing.T) {
	pkgs := list(t)
	for p := range pkgs {
		if p == module+"/cmd/claimdesk" || p == internal("archtest") {
			continue
		}
		cmd := exec.Command("go", "list", "-e", "-deps", p)
		cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", p, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "fyne.io/fyne/v2/app" {
				t.Errorf("%s depends on fyne.io/fyne/v2/app", p)
			}
		}
	}
}
