# Shots of the records screens (first run, patients, claims and follow-up,
# A/R aging, codes, settings), sourced by scripts/screenshots. Positions
# are for the 1280x800 window with the light theme.
SHOTS_ALL="$SHOTS_ALL first-run first-run-npi patients patients-policy claims claims-outcome claims-fix claims-history ar-aging codes codes-releases settings settings-payers settings-printer settings-data"

# rec_restart DB: stop the app and start it again on DB (no fresh copy).
rec_restart() {
  stop_app
  timeout 120 "$WORK/claimdesk" --db "$1" >>"$WORK/app.log" 2>&1 &
  APP=$!
  WIN=$(xdotool search --sync --onlyvisible --name ClaimDesk | head -n1)
  pause 1.5
}
click() { xdotool mousemove "$1" "$2" click 1; pause "${3:-0.6}"; }
tab_type() { keys Tab; type_text "$1"; }

# status filter of the Claims screen: the option's y in the open list
claims_status() { click 233 77 0.5; click 230 "$1" 1; }

shot_first-run() {
  rm -f "$WORK/empty.db"*
  rec_restart "$WORK/empty.db"
  pause 1
  type_text "Fernhill Family Practice"
  tab_type "1 Example Way"; keys Tab
  tab_type "Springfield"; tab_type "IL"; tab_type "62701"
  pause 0.5
  snap first-run
}
shot_first-run-npi() {
  rm -f "$WORK/empty.db"*
  rec_restart "$WORK/empty.db"
  pause 1
  type_text "Fernhill Family Practice"
  tab_type "1 Example Way"; keys Tab
  tab_type "Springfield"; tab_type "IL"; tab_type "62701"
  tab_type "2175550100"; click 693 522 0.4; type_text "37-1234567"
  keys Return; pause 0.8
  type_text "1234567890"
  pause 0.5
  snap first-run-npi
}
shot_patients() {
  keys ctrl+2; pause 0.8
  type_text "birch"; keys Return; pause 1
  snap patients
}
shot_patients-policy() {
  keys ctrl+2; pause 0.8
  type_text "DEMO0027"; keys Return; pause 1
  click 1243 574 1
  snap patients-policy
}
shot_claims() {
  keys ctrl+3; pause 1
  claims_status 138
  click 500 142 1
  snap claims
}
shot_claims-outcome() {
  keys ctrl+3; pause 1
  claims_status 236
  click 500 175 1
  keys ctrl+shift+o; pause 1
  # fields by position (the dialog's form): paid, payer claim no., two adjustments
  click 720 218 0.3; type_text "92.40"
  click 720 251 0.3; type_text "ICN2026330017"
  click 530 284 0.3; type_text "CO"
  click 720 284 0.3; type_text "45"
  click 896 284 0.3; type_text "20.10"
  click 530 317 0.3; type_text "PR"
  click 720 317 0.3; type_text "2"
  click 896 317 0.3; type_text "12.50"
  pause 0.6
  snap claims-outcome
}
shot_claims-fix() {
  keys ctrl+3; pause 1
  claims_status 334
  click 500 142 1
  keys ctrl+shift+e; pause 0.8
  keys Tab; type_text "diagnosis pointer fixed"; pause 0.5
  snap claims-fix
}
shot_claims-history() {
  stop_app
  id=$("$WORK/claimctl" claims list --db "$WORK/shot.db" --status denied | awk 'NR==2 {print $1}')
  "$WORK/claimctl" claim correct --db "$WORK/shot.db" --claim "$id" --note "diagnosis pointer fixed" >&2
  rec_restart "$WORK/shot.db"
  keys ctrl+3; pause 1
  claims_status 400
  click 500 142 1
  snap claims-history
}
shot_ar-aging() {
  keys ctrl+3; pause 1
  keys ctrl+shift+a; pause 1
  snap ar-aging
}
# rec_official_codes: import the official ICD-10-CM, HCPCS and (for notes)
# Tabular files from the shared folder into the shot database, if present.
rec_official_codes() {
  local shared="${CLAIMDESK_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}"
  [[ -d "$shared/codesets" ]] || return 0
  stop_app
  "$WORK/claimctl" codes import --db "$WORK/shot.db" "$shared/codesets/icd10cm/icd10cm_order_2026.txt" \
    "$shared/codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt" \
    --notes-from "$shared/codesets/icd10cm/icd10cm_tabular_2021.xml" >&2
  rec_restart "$WORK/shot.db"
}
shot_codes() {
  rec_official_codes
  keys ctrl+4; pause 4
  type_text "diab 2 hyperg"; pause 0.8
  keys Return; pause 1
  snap codes
}
shot_codes-releases() {
  rec_official_codes
  keys ctrl+4; pause 1
  click 225 43 1
  snap codes-releases
}
shot_settings() {
  keys ctrl+5; pause 1
  snap settings
}
shot_settings-payers() {
  keys ctrl+5; pause 1
  click 369 43 0.8
  click 300 100 0.8
  snap settings-payers
}
shot_settings-printer() {
  keys ctrl+5; pause 1
  click 615 43 1
  snap settings-printer
}
shot_settings-data() {
  keys ctrl+5; pause 1
  click 668 43 1
  snap settings-data
}
