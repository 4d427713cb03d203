package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"claimdesk/internal/claimdesk"
	"claimdesk/internal/sqlite"
)

// killChildEnv names the database the child process of TestKillMidSave
// writes to; when it is set, TestKillChild runs the child's loop.
const killChildEnv = "CLAIMDESK_KILL_CHILD_DB"

// killDiagnoses are the codes a kill-test encounter draws its diagnoses
// from.
var killDiagnoses = []string{"E11.65", "I10", "Z79.4", "E78.5", "J06.9", "M54.50", "R05.9", "Z00.00", "K21.9", "F41.1", "N39.0", "L30.9"}

// killEncounter builds an encounter of n lines whose shape can be checked
// after a crash: PriorAuth says "N<n>", it has 1 + n%12 diagnoses and line
// i charges (i+1) dollars.
func killEncounter(patientID, policyID int64, n int) claimdesk.Encounter {
	dos := claimdesk.MustDate("2026-03-02")
	e := claimdesk.Encounter{PatientID: patientID, PolicyID: policyID, DateFrom: dos, POS: "11",
		PriorAuth: fmt.Sprintf("N%d", n), Diagnoses: killDiagnoses[:1+n%12]}
	for i := 0; i < n; i++ {
		e.Lines = append(e.Lines, claimdesk.ServiceLine{From: dos, Code: "99213", Modifiers: []string{"25", "59"},
			Pointers: "A", Units: claimdesk.WholeUnits(1), Charge: claimdesk.Cents(100 * (i + 1)), NDC: "00003029320"})
	}
	return e
}

// TestKillChild is the child side of TestKillMidSave: it saves, re-saves
// and deletes encounters in a loop until it is killed, announcing each
// save before it starts and after it commits.
func TestKillChild(t *testing.T) {
	path := os.Getenv(killChildEnv)
	if path == "" {
		t.Skip("runs only as TestKillMidSave's child process")
	}
	ctx := context.Background()
	db, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stdout, "error", err)
		os.Exit(3)
	}
	pats, err := db.Patients(ctx, claimdesk.PatientFilter{})
	if err != nil || len(pats) == 0 {
		fmt.Fprintln(os.Stdout, "error no patient", err)
		os.Exit(3)
	}
	pols, err := db.Policies(ctx, pats[0].ID)
	if err != nil || len(pols) == 0 {
		fmt.Fprintln(os.Stdout, "error no policy", err)
		os.Exit(3)
	}
	existing, err := db.Encounters(ctx, claimdesk.EncounterFilter{})
	if err != nil {
		fmt.Fprintln(os.Stdout, "error", err)
		os.Exit(3)
	}
	var ids []int64
	for _, e := range existing {
		ids = append(ids, e.ID)
	}
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	out := os.Stdout // unbuffered: a line the parent reads was written
	fmt.Fprintln(out, "ready")
	for {
		switch {
		case len(ids) > 30:
			// Keep the database small: delete one.
			i := rng.IntN(len(ids))
			fmt.Fprintln(out, "begin delete", ids[i])
			if err := db.DeleteEncounter(ctx, ids[i]); err != nil {
				fmt.Fprintln(out, "error", err)
				os.Exit(3)
			}
			fmt.Fprintln(out, "deleted", ids[i])
			ids = append(ids[:i], ids[i+1:]...)
		case len(ids) > 0 && rng.IntN(3) == 0:
			// Re-save an existing encounter with another line count.
			id := ids[rng.IntN(len(ids))]
			e := killEncounter(pats[0].ID, pols[0].ID, 1+rng.IntN(60))
			e.ID = id
			fmt.Fprintln(out, "begin update", id)
			if err := db.SaveEncounter(ctx, &e); err != nil {
				fmt.Fprintln(out, "error", err)
				os.Exit(3)
			}
			fmt.Fprintln(out, "saved", id)
		default:
			e := killEncounter(pats[0].ID, pols[0].ID, 1+rng.IntN(60))
			fmt.Fprintln(out, "begin create")
			if err := db.SaveEncounter(ctx, &e); err != nil {
				fmt.Fprintln(out, "error", err)
				os.Exit(3)
			}
			fmt.Fprintln(out, "saved", e.ID)
			ids = append(ids, e.ID)
		}
	}
}

// TestKillMidSave kills a child process that is saving encounters with
// SIGKILL at random moments, hundreds of times. After each kill the
// database must pass its integrity and foreign key checks, every
// encounter must be whole (all its lines and diagnoses, a claim with the
// matching total), every save the child reported committed must be there,
// and every delete it reported must be gone.
func TestKillMidSave(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	kills := 200
	if testing.Short() {
		kills = 30
	}
	path := filepath.Join(t.TempDir(), "kill.db")
	setup, err := sqlite.Open(path)
	must(t, err)
	setup.Now = func() time.Time { return fixedNow }
	newWorld(t, setup)
	must(t, setup.Close())

	ctx := t.Context()
	rng := rand.New(rand.NewPCG(1, 2))
	budget := time.Now().Add(25 * time.Second) // fewer kills on a very slow machine, never a long test
	midSave, committed := 0, 0
	done := 0
	for ; done < kills && time.Now().Before(budget); done++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.count=1", "-test.v=false")
		cmd.Env = append(os.Environ(), killChildEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		must(t, err)
		cmd.Stderr = os.Stderr
		must(t, cmd.Start())
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Wait for the child to be ready, then let it work a random while.
		if first, ok := <-lines; !ok || first != "ready" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("kill %d: child did not start: %q", done, first)
		}
		time.Sleep(time.Duration(rng.IntN(25000)) * time.Microsecond)
		must(t, cmd.Process.Signal(syscall.SIGKILL))
		cmd.Wait()

		saved := map[int64]bool{}
		deleted := map[int64]bool{}
		last := ""
		for l := range lines {
			f := strings.Fields(l)
			switch f[0] {
			case "error":
				t.Fatalf("kill %d: child failed: %s", done, l)
			case "saved":
				id, _ := strconv.ParseInt(f[1], 10, 64)
				saved[id] = true
				committed++
			case "begin":
				if f[1] == "delete" {
					// From here on the encounter may be gone.
					id, _ := strconv.ParseInt(f[2], 10, 64)
					saved[id] = false
				}
			case "deleted":
				id, _ := strconv.ParseInt(f[1], 10, 64)
				deleted[id] = true
				committed++
			}
			last = f[0]
		}
		if last == "begin" {
			midSave++
		}

		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", done, err)
		}
		if err := db.Check(ctx); err != nil {
			db.Close()
			t.Fatalf("kill %d: %v", done, err)
		}
		checkKillDB(t, ctx, db, done, saved, deleted)
		must(t, db.Close())
	}
	t.Logf("%d kills (%d while a save was under way), %d saves and deletes committed", done, midSave, committed)
	if done < kills/4 {
		t.Fatalf("only %d of %d kills ran in the time budget", done, kills)
	}
	if midSave == 0 {
		t.Fatal("no kill landed during a save; the test proves nothing")
	}
}

// checkKillDB checks that every encounter is whole and that the child's
// reported commits are there.
func checkKillDB(t *testing.T, ctx context.Context, db *sqlite.DB, kill int, saved, deleted map[int64]bool) {
	t.Helper()
	rows, err := db.Encounters(ctx, claimdesk.EncounterFilter{})
	must(t, err)
	present := map[int64]bool{}
	for _, r := range rows {
		present[r.ID] = true
		e, err := db.Encounter(ctx, r.ID)
		must(t, err)
		n, err := strconv.Atoi(strings.TrimPrefix(e.PriorAuth, "N"))
		if e.PriorAuth == "PA-1" { // the world's own encounter
			n, err = 3, nil
		}
		if err != nil || len(e.Lines) != n {
			t.Fatalf("kill %d: encounter %d has %d lines, want %s", kill, e.ID, len(e.Lines), e.PriorAuth)
		}
		if e.PriorAuth != "PA-1" && len(e.Diagnoses) != 1+n%12 {
			t.Fatalf("kill %d: encounter %d has %d diagnoses, want %d", kill, e.ID, len(e.Diagnoses), 1+n%12)
		}
		for i, l := range e.Lines {
			if e.PriorAuth != "PA-1" && l.Charge != claimdesk.Cents(100*(i+1)) {
				t.Fatalf("kill %d: encounter %d line %d charge %v", kill, e.ID, i, l.Charge)
			}
		}
		claims, err := db.ClaimsOfEncounter(ctx, e.ID)
		must(t, err)
		if len(claims) != 1 || claims[0].TotalCharge != e.Total() || len(claims[0].History) == 0 {
			t.Fatalf("kill %d: encounter %d total %v, claims %+v", kill, e.ID, e.Total(), claims)
		}
	}
	for id, ok := range saved {
		if ok && !present[id] {
			t.Fatalf("kill %d: encounter %d was reported saved but is missing", kill, id)
		}
	}
	for id, ok := range deleted {
		if ok && present[id] {
			t.Fatalf("kill %d: encounter %d was reported deleted but is present", kill, id)
		}
	}
}
