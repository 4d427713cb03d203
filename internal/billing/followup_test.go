package billing

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"claimdesk/internal/claimdesk"
)

// fakeClaims is a small in-memory ClaimService for the follow-up tests.
type fakeClaims struct {
	claimdesk.ClaimService // panics on methods the tests do not use
	now                    time.Time
	claims                 map[int64]*claimdesk.Claim
	outcomes               map[int64][]claimdesk.Outcome
	summaries              []claimdesk.ClaimSummary
	nextID                 int64
}

func newFakeClaims() *fakeClaims {
	return &fakeClaims{now: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), claims: map[int64]*claimdesk.Claim{}, outcomes: map[int64][]claimdesk.Outcome{}, nextID: 100}
}

func (f *fakeClaims) tick() time.Time { f.now = f.now.Add(time.Hour); return f.now }

func (f *fakeClaims) add(c claimdesk.Claim) int64 {
	f.nextID++
	c.ID = f.nextID
	c.CreatedAt = f.tick()
	c.History = []claimdesk.StatusChange{{At: c.CreatedAt, To: c.Status}}
	f.claims[c.ID] = &c
	return c.ID
}

func (f *fakeClaims) Claim(_ context.Context, id int64) (claimdesk.Claim, error) {
	c, ok := f.claims[id]
	if !ok {
		return claimdesk.Claim{}, claimdesk.Errorf(claimdesk.ENotFound, "claim %d not found", id)
	}
	cc := *c
	cc.History = append([]claimdesk.StatusChange(nil), c.History...)
	return cc, nil
}

func (f *fakeClaims) ClaimsOfEncounter(_ context.Context, enc int64) ([]claimdesk.Claim, error) {
	var out []claimdesk.Claim
	for _, c := range f.claims {
		if c.EncounterID == enc {
			out = append(out, *c)
		}
	}
	return out, nil
}

func (f *fakeClaims) CreateClaim(_ context.Context, c *claimdesk.Claim) error {
	c.ID = f.add(*c)
	return nil
}

func (f *fakeClaims) SetClaimStatus(_ context.Context, id int64, to claimdesk.ClaimStatus, note string) error {
	c := f.claims[id]
	if err := c.Status.CheckMove(to); err != nil {
		return err
	}
	c.History = append(c.History, claimdesk.StatusChange{At: f.tick(), From: c.Status, To: to, Note: note})
	c.Status = to
	return nil
}

func (f *fakeClaims) AddOutcome(ctx context.Context, o *claimdesk.Outcome) error {
	c := f.claims[o.ClaimID]
	o.ID = int64(len(f.outcomes[o.ClaimID]) + 1)
	f.outcomes[o.ClaimID] = append(f.outcomes[o.ClaimID], *o)
	m := MoneyOf(c.TotalCharge, f.outcomes[o.ClaimID])
	if o.PayerClaimNumber != "" {
		c.PayerClaimNumber = o.PayerClaimNumber
	}
	if to := StatusAfter(*o, m); to != c.Status {
		return f.SetClaimStatus(ctx, c.ID, to, "payer response of "+o.Date.String())
	}
	return nil
}

func (f *fakeClaims) Outcomes(_ context.Context, id int64) ([]claimdesk.Outcome, error) {
	return append([]claimdesk.Outcome(nil), f.outcomes[id]...), nil
}

func (f *fakeClaims) Claims(_ context.Context, fl claimdesk.ClaimFilter) ([]claimdesk.ClaimSummary, error) {
	s := f.summaries
	if fl.Offset >= len(s) {
		return nil, nil
	}
	s = s[fl.Offset:]
	if fl.Limit > 0 && len(s) > fl.Limit {
		s = s[:fl.Limit]
	}
	return s, nil
}

func adj(g claimdesk.AdjustmentGroup, r string, c claimdesk.Cents) claimdesk.Adjustment {
	return claimdesk.Adjustment{Group: g, Reason: r, Amount: c}
}

func TestParseAdjustment(t *testing.T) {
	tests := []struct {
		in      string
		want    claimdesk.Adjustment
		wantErr bool
	}{
		{in: "CO-45:20.00", want: adj(claimdesk.GroupCO, "45", 2000)},
		{in: "pr-2:15", want: adj(claimdesk.GroupPR, "2", 1500)},
		{in: "OA23:1.5", want: adj(claimdesk.GroupOA, "23", 150)},
		{in: "PI-B7:0.01", want: adj(claimdesk.GroupPI, "B7", 1)},
		{in: "XX-45:20.00", wantErr: true},
		{in: "CO-45", wantErr: true},
		{in: "CO-:20.00", wantErr: true},
		{in: "CO-123456:20.00", wantErr: true},
		{in: "CO-45:20.001", wantErr: true},
		{in: "CO-45:-5.00", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseAdjustment(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrBadAdjustment) {
					t.Fatalf("err = %v, want ErrBadAdjustment", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
			if back, _ := ParseAdjustment(FormatAdjustment(got)); back != got {
				t.Fatalf("round trip %q gave %+v", FormatAdjustment(got), back)
			}
		})
	}
}

func FuzzParseAdjustment(f *testing.F) {
	for _, s := range []string{"CO-45:20.00", "PR-2:15", "OA23:1.5", "x", "CO-45:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAdjustment(s)
		if err != nil {
			return
		}
		// Property: whatever parses writes back to text that parses to the
		// same adjustment, with a known group and a non-negative amount.
		b, err := ParseAdjustment(FormatAdjustment(a))
		if err != nil || b != a {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, a, FormatAdjustment(a), b, err)
		}
		if a.Amount < 0 {
			t.Fatalf("negative amount from %q", s)
		}
	})
}

func TestMoneyAndStatus(t *testing.T) {
	paid := func(p claimdesk.Cents, a ...claimdesk.Adjustment) claimdesk.Outcome {
		return claimdesk.Outcome{Kind: claimdesk.OutcomePaid, Paid: p, Adjustments: a}
	}
	denied := claimdesk.Outcome{Kind: claimdesk.OutcomeDenied, Adjustments: []claimdesk.Adjustment{adj("CO", "50", 11500)}}
	tests := []struct {
		name   string
		outs   []claimdesk.Outcome
		want   ClaimMoney
		status claimdesk.ClaimStatus
	}{
		{"paid in full with contractual and patient share", []claimdesk.Outcome{paid(8000, adj("CO", "45", 2000), adj("PR", "2", 1500))},
			ClaimMoney{Billed: 11500, Paid: 8000, WrittenOff: 2000, PatientResp: 1500}, claimdesk.StatusPaid},
		{"partial payment leaves a balance", []claimdesk.Outcome{paid(5000, adj("CO", "45", 2000))},
			ClaimMoney{Billed: 11500, Paid: 5000, WrittenOff: 2000, Balance: 4500}, claimdesk.StatusPartial},
		{"denial does not reduce the balance", []claimdesk.Outcome{denied},
			ClaimMoney{Billed: 11500, Balance: 11500}, claimdesk.StatusDenied},
		{"second payment after partial closes it", []claimdesk.Outcome{paid(5000, adj("CO", "45", 2000)), paid(4500)},
			ClaimMoney{Billed: 11500, Paid: 9500, WrittenOff: 2000}, claimdesk.StatusPaid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MoneyOf(11500, tt.outs)
			if got != tt.want {
				t.Fatalf("MoneyOf = %+v, want %+v", got, tt.want)
			}
			if s := StatusAfter(tt.outs[len(tt.outs)-1], got); s != tt.status {
				t.Fatalf("status = %s, want %s", s, tt.status)
			}
		})
	}
}

func testDesk(fc *fakeClaims) *Desk {
	return &Desk{Claims: fc, Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) }}
}

func TestRecordOutcome(t *testing.T) {
	day := claimdesk.MustDate("2026-11-20")
	tests := []struct {
		name      string
		status    claimdesk.ClaimStatus
		o         claimdesk.Outcome
		wantField string // "" when it must succeed
		wantTo    claimdesk.ClaimStatus
	}{
		{"paid in full", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "paid", Date: day, Paid: 8000, Adjustments: []claimdesk.Adjustment{adj("CO", "45", 2000), adj("PR", "2", 1500)}}, "", claimdesk.StatusPaid},
		{"paid in part", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "paid", Date: day, Paid: 8000}, "", claimdesk.StatusPartial},
		{"denied", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "denied", Date: day, Adjustments: []claimdesk.Adjustment{adj("CO", "50", 11500)}, Remarks: []string{"N115"}}, "", claimdesk.StatusDenied},
		{"rejected", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "rejected", Date: day, Message: "subscriber ID not found"}, "", claimdesk.StatusRejected},
		{"overpaid", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "paid", Date: day, Paid: 11000, Adjustments: []claimdesk.Adjustment{adj("CO", "45", 2000)}}, "paid", ""},
		{"no date", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "paid", Paid: 100}, "date", ""},
		{"denied without reason", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "denied", Date: day}, "adjustments", ""},
		{"rejected without message", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "rejected", Date: day}, "message", ""},
		{"draft claim cannot be paid", claimdesk.StatusDraft, claimdesk.Outcome{Kind: "paid", Date: day, Paid: 100}, "kind", ""},
		{"empty payment", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "paid", Date: day}, "paid", ""},
		{"zero adjustment", claimdesk.StatusSubmitted, claimdesk.Outcome{Kind: "paid", Date: day, Paid: 100, Adjustments: []claimdesk.Adjustment{adj("CO", "45", 0)}}, "adjustments[0].amount", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := newFakeClaims()
			id := fc.add(claimdesk.Claim{EncounterID: 1, PolicyID: 1, Status: tt.status, Frequency: "1", TotalCharge: 11500})
			d := testDesk(fc)
			o := tt.o
			o.ClaimID = id
			_, err := d.RecordOutcome(t.Context(), &o)
			if tt.wantField != "" {
				var fe claimdesk.FieldErrors
				if !errors.As(err, &fe) || fe.For(tt.wantField) == "" {
					t.Fatalf("err = %v, want a field error on %s", err, tt.wantField)
				}
				if len(fc.outcomes[id]) != 0 {
					t.Fatal("a refused outcome was stored")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fc.claims[id].Status; got != tt.wantTo {
				t.Fatalf("status = %s, want %s", got, tt.wantTo)
			}
		})
	}
}

func TestCorrectClaim(t *testing.T) {
	tests := []struct {
		name     string
		status   claimdesk.ClaimStatus
		payerNo  string
		req      CorrectRequest
		wantErr  string
		wantFreq string
		wantOrig claimdesk.ClaimStatus
		wantRef  string
	}{
		{name: "denied corrected", status: claimdesk.StatusDenied, payerNo: "ICN123", wantFreq: "7", wantOrig: claimdesk.StatusReplaced, wantRef: "ICN123"},
		{name: "denied voided", status: claimdesk.StatusDenied, payerNo: "ICN123", req: CorrectRequest{Void: true}, wantFreq: "8", wantOrig: claimdesk.StatusVoided, wantRef: "ICN123"},
		{name: "typed reference wins", status: claimdesk.StatusDenied, payerNo: "ICN123", req: CorrectRequest{OriginalRef: "DCN9"}, wantFreq: "7", wantOrig: claimdesk.StatusReplaced, wantRef: "DCN9"},
		{name: "rejected without payer number is resent as original", status: claimdesk.StatusRejected, wantFreq: "1", wantOrig: claimdesk.StatusReplaced},
		{name: "denied without payer number", status: claimdesk.StatusDenied, wantErr: "payer's claim number"},
		{name: "draft cannot be corrected", status: claimdesk.StatusDraft, payerNo: "X", wantErr: "cannot be marked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc := newFakeClaims()
			id := fc.add(claimdesk.Claim{EncounterID: 7, PolicyID: 3, Status: tt.status, Frequency: "1", TotalCharge: 11500, PayerClaimNumber: tt.payerNo})
			d := testDesk(fc)
			req := tt.req
			req.ClaimID = id
			next, err := d.CorrectClaim(t.Context(), req)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(claimdesk.ErrorMessage(err), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if len(fc.claims) != 1 {
					t.Fatal("a claim was created despite the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if next.Frequency != tt.wantFreq || next.OriginalRef != tt.wantRef || next.ReplacesID != id || next.Status != claimdesk.StatusDraft || next.EncounterID != 7 || next.PolicyID != 3 || next.TotalCharge != 11500 {
				t.Fatalf("new claim = %+v", next)
			}
			if got := fc.claims[id].Status; got != tt.wantOrig {
				t.Fatalf("original status = %s, want %s", got, tt.wantOrig)
			}
		})
	}
}

func TestClaimHistoryShowsEveryVersion(t *testing.T) {
	ctx := t.Context()
	fc := newFakeClaims()
	d := testDesk(fc)
	id := fc.add(claimdesk.Claim{EncounterID: 7, PolicyID: 3, Status: claimdesk.StatusSubmitted, Frequency: "1", TotalCharge: 11500})
	o := claimdesk.Outcome{ClaimID: id, Kind: "denied", Date: claimdesk.MustDate("2026-11-20"), Adjustments: []claimdesk.Adjustment{adj("CO", "16", 11500)}, Remarks: []string{"N115"}, PayerClaimNumber: "ICN777"}
	if _, err := d.RecordOutcome(ctx, &o); err != nil {
		t.Fatal(err)
	}
	next, err := d.CorrectClaim(ctx, CorrectRequest{ClaimID: id})
	if err != nil {
		t.Fatal(err)
	}
	for _, start := range []int64{id, next.ID} {
		h, err := d.ClaimHistory(ctx, start)
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Versions) != 2 || h.Versions[0].Claim.ID != id || h.Versions[1].Claim.ID != next.ID {
			t.Fatalf("from %d: versions = %+v", start, h.Versions)
		}
		if h.Latest().Claim.Frequency != "7" || h.Latest().Claim.OriginalRef != "ICN777" {
			t.Fatalf("latest = %+v", h.Latest().Claim)
		}
		var text []string
		for _, e := range h.Events {
			text = append(text, e.What)
		}
		all := strings.Join(text, "\n")
		for _, want := range []string{"Version 1 created: original (1)", "Moved from Submitted to Denied", "Denied; CO-16 115.00; remarks N115; payer claim no. ICN777", "Moved from Denied to Replaced", "Version 2 created: corrected (7) claim referring to payer claim no. ICN777"} {
			if !strings.Contains(all, want) {
				t.Errorf("history lacks %q:\n%s", want, all)
			}
		}
	}
}

func TestAging(t *testing.T) {
	sum := func(payer int64, name string, st claimdesk.ClaimStatus, age int, bal claimdesk.Cents) claimdesk.ClaimSummary {
		return claimdesk.ClaimSummary{PayerID: payer, Payer: name, Status: st, AgeDays: age, Billed: bal, Balance: bal}
	}
	claims := []claimdesk.ClaimSummary{
		sum(2, "Medicare", claimdesk.StatusSubmitted, 0, 10000),
		sum(2, "Medicare", claimdesk.StatusSubmitted, 30, 5000),
		sum(2, "Medicare", claimdesk.StatusPartial, 31, 2550),
		sum(1, "Acme Health", claimdesk.StatusDenied, 90, 7000),
		sum(1, "Acme Health", claimdesk.StatusRejected, 91, 100),
		sum(1, "Acme Health", claimdesk.StatusSubmitted, 120, 200),
		sum(1, "Acme Health", claimdesk.StatusSubmitted, 121, 123456789),
		sum(1, "Acme Health", claimdesk.StatusPaid, 200, 0),       // closed
		sum(1, "Acme Health", claimdesk.StatusDraft, 5, 9999),     // not billed yet
		sum(1, "Acme Health", claimdesk.StatusReplaced, 50, 9999), // superseded
		sum(2, "Medicare", claimdesk.StatusSubmitted, 10, 0),      // nothing open
	}
	d := testDesk(newFakeClaims())
	d.Claims.(*fakeClaims).summaries = claims
	rep, err := d.ARAging(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 2 || rep.Rows[0].Payer != "Acme Health" || rep.Rows[1].Payer != "Medicare" {
		t.Fatalf("rows = %+v", rep.Rows)
	}
	acme, mc := rep.Rows[0], rep.Rows[1]
	if acme.Buckets() != [5]claimdesk.Cents{0, 0, 7000, 300, 123456789} || acme.Total != 123464089 || acme.Claims != 4 {
		t.Fatalf("acme = %+v", acme)
	}
	if mc.Buckets() != [5]claimdesk.Cents{15000, 2550, 0, 0, 0} || mc.Claims != 3 {
		t.Fatalf("medicare = %+v", mc)
	}
	if rep.Totals.Total != acme.Total+mc.Total || rep.Totals.Claims != 7 {
		t.Fatalf("totals = %+v", rep.Totals)
	}
	var buf bytes.Buffer
	if err := rep.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := `payer,payer_id,days_0_30,days_31_60,days_61_90,days_91_120,days_over_120,total,claims
Acme Health,1,0.00,0.00,70.00,3.00,1234567.89,1234640.89,4
Medicare,2,150.00,25.50,0.00,0.00,0.00,175.50,3
Total,,150.00,25.50,70.00,3.00,1234567.89,1234816.39,7
`
	if buf.String() != want {
		t.Fatalf("csv:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestAllClaimsPages(t *testing.T) {
	fc := newFakeClaims()
	for i := 0; i < 1203; i++ {
		fc.summaries = append(fc.summaries, claimdesk.ClaimSummary{ID: int64(i + 1)})
	}
	got, err := testDesk(fc).AllClaims(t.Context(), claimdesk.ClaimFilter{})
	if err != nil || len(got) != 1203 || got[1202].ID != 1203 {
		t.Fatalf("got %d claims, %v", len(got), err)
	}
}

func BenchmarkAging(b *testing.B) {
	statuses := []claimdesk.ClaimStatus{claimdesk.StatusSubmitted, claimdesk.StatusPartial, claimdesk.StatusDenied, claimdesk.StatusPaid, claimdesk.StatusDraft}
	claims := make([]claimdesk.ClaimSummary, 10000)
	for i := range claims {
		claims[i] = claimdesk.ClaimSummary{ID: int64(i), PayerID: int64(i % 12), Payer: fmt.Sprintf("Payer %02d", i%12),
			Status: statuses[i%len(statuses)], AgeDays: i % 200, Billed: claimdesk.Cents(10000 + i), Balance: claimdesk.Cents(5000 + i)}
	}
	asOf := claimdesk.MustDate("2026-11-23")
	b.ReportAllocs()
	for b.Loop() {
		Aging(asOf, claims)
	}
}
