package claimdesk

import "context"

// Code usage kinds.
const (
	UsageDiagnosis = "diagnosis" // an ICD-10-CM code in box 21
	UsageProcedure = "procedure" // a CPT, HCPCS or procedure list code on a line
)

// CodeUsage is how often the practice used a code on its encounters.
type CodeUsage struct {
	// Kind is UsageDiagnosis or UsageProcedure.
	Kind string `json:"kind"`
	// Code is as stored on the encounter (E11.65, 99213).
	Code  string `json:"code"`
	Count int    `json:"count"`
}

// CodeUsageService reports the practice's most used codes; the code
// search ranks them higher.
type CodeUsageService interface {
	// CodeUsage counts the diagnosis and service line codes of encounters
	// with a date of service on or after since (zero: all), most used
	// first, at most limit rows (0: all).
	CodeUsage(ctx context.Context, since Date, limit int) ([]CodeUsage, error)
}
