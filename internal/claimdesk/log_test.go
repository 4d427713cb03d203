package claimdesk_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"claimdesk/internal/claimdesk"
)

// logPatient is an obviously fictional patient with a subscriber.
func logPatient() (claimdesk.Patient, claimdesk.Policy, claimdesk.Encounter) {
	p := claimdesk.Patient{ID: 4711, Account: "ACCLOG77", Person: claimdesk.Person{Last: "Fictionaltestname", First: "Imaginaria",
		DOB: claimdesk.MustDate("1951-02-03"), Sex: claimdesk.SexFemale, Phone: "217-555-0123",
		Address: claimdesk.Address{Line1: "9 Nowhere Lane", City: "Notown", State: "IL", ZIP: "62701"}}}
	pol := claimdesk.Policy{ID: 4712, PatientID: p.ID, MemberID: "MEMBERSECRET9", Relationship: claimdesk.RelSpouse,
		Subscriber: &claimdesk.Person{Last: "Subscriberfakename", First: "Hypothetico", DOB: claimdesk.MustDate("1949-09-08")}}
	e := claimdesk.Encounter{ID: 4713, PatientID: p.ID, PriorAuth: "AUTHSECRET", Diagnoses: []string{"E11.65"}}
	return p, pol, e
}

// phi lists every value of logPatient's records that must never reach a log.
var phi = []string{"Fictionaltestname", "Imaginaria", "1951-02-03", "ACCLOG77", "0123", "Nowhere", "MEMBERSECRET9",
	"Subscriberfakename", "Hypothetico", "1949-09-08", "AUTHSECRET", "E11.65"}

// noTime drops the time stamp, whose digits could match a searched value.
var noTime = &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}}

func TestPHINeverReachesTheLog(t *testing.T) {
	p, pol, e := logPatient()
	// The error of a failed save: field errors name fields, never values.
	bad := p
	bad.DOB = claimdesk.MustDate("2999-01-01")
	bad.Account = "ACC LOG"
	saveErr := fmt.Errorf("save patient %d: %w", bad.ID, bad.Validate(claimdesk.MustDate("2026-03-15")).Err())
	cd := claimdesk.ClaimData{Claim: claimdesk.Claim{ID: 4714}, Patient: p, Policy: pol, Encounter: e}

	tests := []struct {
		name   string
		log    func(l *slog.Logger)
		wantID string
	}{
		{"attribute", func(l *slog.Logger) { l.Info("saved", "patient", p) }, `"patient":{"id":4711}`},
		{"pointer", func(l *slog.Logger) { l.Info("saved", "patient", &p) }, `"patient":{"id":4711}`},
		{"slog.Any", func(l *slog.Logger) { l.Info("saved", slog.Any("patient", p)) }, `"patient":{"id":4711}`},
		{"group", func(l *slog.Logger) {
			l.Info("saved", slog.Group("visit", "patient", p, "policy", pol, "encounter", e))
		},
			`"visit":{"patient":{"id":4711},"policy":{"id":4712},"encounter":{"id":4713}}`},
		{"With", func(l *slog.Logger) { l.With("patient", p).With("policy", &pol).Info("checked") }, `"patient":{"id":4711}`},
		{"WithGroup", func(l *slog.Logger) { l.WithGroup("req").With("encounter", &e).Info("checked") }, `"req":{"encounter":{"id":4713}}`},
		{"claim data", func(l *slog.Logger) { l.Info("printed", "claim", cd) }, `"claim":{"claim_id":4714}`},
		{"failed save", func(l *slog.Logger) { l.Error("save failed", "patient", p, "err", saveErr) }, `"patient":{"id":4711}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, h := range []func(*bytes.Buffer) slog.Handler{
				func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, noTime) },
				func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, noTime) },
			} {
				var buf bytes.Buffer
				tt.log(slog.New(h(&buf)))
				out := buf.String()
				for _, v := range phi {
					if strings.Contains(out, v) {
						t.Errorf("log holds %q: %s", v, out)
					}
				}
				if strings.HasPrefix(out, "{") && !strings.Contains(out, tt.wantID) {
					t.Errorf("log lacks %s: %s", tt.wantID, out)
				}
				if !strings.Contains(out, "471") {
					t.Errorf("log lacks the record id: %s", out)
				}
			}
		})
	}
	// The error still tells which fields were wrong.
	var fe claimdesk.FieldErrors
	if !errors.As(saveErr, &fe) || fe.For("dob") == "" || fe.For("account") == "" {
		t.Fatalf("save error = %v", saveErr)
	}
}
