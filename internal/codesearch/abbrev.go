package codesearch

import "strings"

// abbrevEntry is one row of the curated abbreviation and lay-term table.
type abbrevEntry struct {
	// Key is what coders type, in lower case; a phrase of up to
	// maxAbbrevWords words ("heart attack"), or one chunk with a slash
	// ("n/v").
	Key string
	// Expansions are the official words the key stands for; a code
	// matches the key when it matches all words of one expansion.
	Expansions []string
	// Lay marks plain-language phrases made of real words, whose literal
	// words also match at full weight. For abbreviations the literal
	// letters match only at a low weight, and not at all for keys of up
	// to three letters.
	Lay bool
	// Query and Want document the entry: searching Query (Key when empty)
	// over the full code sets must give a code starting with Want in the
	// top 5 (abbrev_test.go). Want "" means the test only checks the
	// expansions are known words.
	Query, Want string
}

// maxAbbrevWords is the longest key, in words.
const maxAbbrevWords = 3

// abbrevTable is the curated table. Keep it sorted by topic; every row is
// tested.
var abbrevTable = []abbrevEntry{
	// Cardiovascular.
	{Key: "htn", Expansions: []string{"hypertension", "hypertensive"}, Want: "I10"},
	{Key: "hbp", Expansions: []string{"hypertension"}, Want: "I10"},
	{Key: "high blood pressure", Expansions: []string{"hypertension"}, Lay: true, Want: "I10"},
	{Key: "bp", Expansions: []string{"blood pressure"}, Query: "elevated bp", Want: "R03.0"},
	{Key: "chf", Expansions: []string{"heart failure", "congestive heart failure"}, Want: "I50.9"},
	{Key: "hf", Expansions: []string{"heart failure"}, Want: "I50.9"},
	{Key: "cad", Expansions: []string{"coronary artery disease", "atherosclerotic heart disease coronary artery"}, Want: "I25.10"},
	{Key: "ashd", Expansions: []string{"atherosclerotic heart disease"}, Want: "I25.10"},
	{Key: "mi", Expansions: []string{"myocardial infarction"}, Want: "I21.9"},
	{Key: "ami", Expansions: []string{"acute myocardial infarction"}, Want: "I21.9"},
	{Key: "heart attack", Expansions: []string{"myocardial infarction"}, Lay: true, Want: "I21.9"},
	{Key: "stemi", Expansions: []string{"st elevation myocardial infarction"}, Want: "I21.3"},
	{Key: "nstemi", Expansions: []string{"non st elevation myocardial infarction"}, Want: "I21.4"},
	{Key: "afib", Expansions: []string{"atrial fibrillation"}, Want: "I48.91"},
	{Key: "a fib", Expansions: []string{"atrial fibrillation"}, Want: "I48.91"},
	{Key: "af", Expansions: []string{"atrial fibrillation"}, Want: "I48.91"},
	{Key: "aflutter", Expansions: []string{"atrial flutter"}, Want: "I48.92"},
	{Key: "a flutter", Expansions: []string{"atrial flutter"}, Want: "I48.92"},
	{Key: "svt", Expansions: []string{"supraventricular tachycardia"}, Want: "I47.1"},
	{Key: "vt", Expansions: []string{"ventricular tachycardia"}, Want: "I47.2"},
	{Key: "vtach", Expansions: []string{"ventricular tachycardia"}, Want: "I47.2"},
	{Key: "lvh", Expansions: []string{"left ventricular hypertrophy", "cardiomegaly"}, Want: "I51.7"},
	{Key: "mvp", Expansions: []string{"mitral valve prolapse", "mitral prolapse"}, Want: "I34.1"},
	{Key: "hocm", Expansions: []string{"obstructive hypertrophic cardiomyopathy"}, Want: "I42.1"},
	{Key: "dvt", Expansions: []string{"deep vein thrombosis", "thrombosis deep veins", "venous thrombosis"}, Want: "I82.4"},
	{Key: "pe", Expansions: []string{"pulmonary embolism", "general medical examination"}, Want: "I26"},
	{Key: "pad", Expansions: []string{"peripheral arterial disease", "peripheral vascular disease"}, Want: "I73.9"},
	{Key: "pvd", Expansions: []string{"peripheral vascular disease"}, Want: "I73.9"},
	{Key: "aaa", Expansions: []string{"abdominal aortic aneurysm"}, Want: "I71.4"},
	{Key: "cabg", Expansions: []string{"aortocoronary bypass", "coronary artery bypass"}, Want: "Z95.1"},
	{Key: "ppm", Expansions: []string{"cardiac pacemaker"}, Want: "Z95.0"},
	{Key: "cva", Expansions: []string{"cerebral infarction", "stroke"}, Want: "I63.9"},
	{Key: "stroke", Expansions: []string{"cerebral infarction"}, Lay: true, Want: "I63.9"},
	{Key: "tia", Expansions: []string{"transient cerebral ischemic attack", "transient ischemic attack"}, Want: "G45.9"},
	{Key: "mini stroke", Expansions: []string{"transient cerebral ischemic attack"}, Lay: true, Want: "G45.9"},
	{Key: "sah", Expansions: []string{"subarachnoid hemorrhage"}, Want: "I60"},
	{Key: "ich", Expansions: []string{"intracerebral hemorrhage"}, Want: "I61"},
	{Key: "lbbb", Expansions: []string{"left bundle branch block"}, Want: "I44.7"},
	{Key: "rbbb", Expansions: []string{"right bundle branch block"}, Want: "I45.1"},
	{Key: "pvc", Expansions: []string{"ventricular premature depolarization"}, Want: "I49.3"},
	{Key: "pvcs", Expansions: []string{"ventricular premature depolarization"}, Want: "I49.3"},
	{Key: "pac", Expansions: []string{"atrial premature depolarization"}, Want: "I49.1"},
	{Key: "ihd", Expansions: []string{"ischemic heart disease"}, Want: "I25"},
	{Key: "chd", Expansions: []string{"coronary heart disease", "atherosclerotic heart disease coronary artery"}, Want: "I25.1"},
	{Key: "cvd", Expansions: []string{"cerebrovascular disease"}, Want: "I67.9"},
	{Key: "ekg", Expansions: []string{"electrocardiogram", "ekg"}, Query: "abnormal ekg", Want: "R94.31"},
	{Key: "ecg", Expansions: []string{"electrocardiogram", "ecg"}, Query: "abnormal ecg", Want: "R94.31"},

	// Endocrine and metabolic.
	{Key: "dm", Expansions: []string{"diabetes mellitus"}, Want: "E11.9"},
	{Key: "dm2", Expansions: []string{"type 2 diabetes mellitus"}, Want: "E11.9"},
	{Key: "dmii", Expansions: []string{"type 2 diabetes mellitus"}, Want: "E11.9"},
	{Key: "t2dm", Expansions: []string{"type 2 diabetes mellitus"}, Want: "E11.9"},
	{Key: "niddm", Expansions: []string{"type 2 diabetes mellitus"}, Want: "E11.9"},
	{Key: "dm1", Expansions: []string{"type 1 diabetes mellitus"}, Want: "E10.9"},
	{Key: "t1dm", Expansions: []string{"type 1 diabetes mellitus"}, Want: "E10.9"},
	{Key: "iddm", Expansions: []string{"type 1 diabetes mellitus"}, Want: "E10.9"},
	{Key: "dka", Expansions: []string{"diabetes mellitus ketoacidosis"}, Want: "E1"},
	{Key: "gdm", Expansions: []string{"gestational diabetes mellitus"}, Want: "O24.4"},
	{Key: "sugar", Expansions: []string{"diabetes", "hyperglycemia", "glucose"}, Lay: true, Query: "high sugar", Want: "R73.9"},
	{Key: "high blood sugar", Expansions: []string{"hyperglycemia"}, Lay: true, Want: "R73.9"},
	{Key: "low blood sugar", Expansions: []string{"hypoglycemia"}, Lay: true, Want: "E16.2"},
	{Key: "hld", Expansions: []string{"hyperlipidemia"}, Want: "E78.5"},
	{Key: "hlp", Expansions: []string{"hyperlipidemia"}, Want: "E78.5"},
	{Key: "high cholesterol", Expansions: []string{"hypercholesterolemia"}, Lay: true, Want: "E78.0"},
	{Key: "pcos", Expansions: []string{"polycystic ovarian syndrome"}, Want: "E28.2"},
	{Key: "underactive thyroid", Expansions: []string{"hypothyroidism"}, Lay: true, Want: "E03.9"},
	{Key: "overactive thyroid", Expansions: []string{"hyperthyroidism", "thyrotoxicosis"}, Lay: true, Want: "E05.9"},
	{Key: "bmi", Expansions: []string{"body mass index"}, Query: "bmi 40", Want: "Z68.41"},
	{Key: "ida", Expansions: []string{"iron deficiency anemia"}, Want: "D50.9"},
	{Key: "vit", Expansions: []string{"vitamin"}, Query: "vit d deficiency", Want: "E55.9"},

	// Respiratory and ENT.
	{Key: "copd", Expansions: []string{"chronic obstructive pulmonary disease"}, Want: "J44.9"},
	{Key: "uri", Expansions: []string{"upper respiratory infection"}, Want: "J06.9"},
	{Key: "pna", Expansions: []string{"pneumonia"}, Want: "J18.9"},
	{Key: "cap", Expansions: []string{"pneumonia"}, Want: "J18.9"},
	{Key: "ards", Expansions: []string{"acute respiratory distress syndrome"}, Want: "J80"},
	{Key: "rsv", Expansions: []string{"respiratory syncytial virus"}, Want: "B97.4"},
	{Key: "cp", Expansions: []string{"chest pain", "cerebral palsy"}, Want: "R07.9"},
	{Key: "sob", Expansions: []string{"shortness of breath"}, Want: "R06.02"},
	{Key: "osa", Expansions: []string{"obstructive sleep apnea"}, Want: "G47.33"},
	{Key: "flu", Expansions: []string{"influenza"}, Want: "J11"},
	{Key: "cold", Expansions: []string{"nasopharyngitis", "common cold"}, Lay: true, Want: "J00"},
	{Key: "strep throat", Expansions: []string{"streptococcal pharyngitis"}, Lay: true, Want: "J02.0"},
	{Key: "sore throat", Expansions: []string{"pharyngitis"}, Lay: true, Want: "J02.9"},
	{Key: "om", Expansions: []string{"otitis media"}, Want: "H66.9"},
	{Key: "aom", Expansions: []string{"acute otitis media"}, Want: "H66.9"},
	{Key: "ear infection", Expansions: []string{"otitis media"}, Lay: true, Want: "H66.9"},
	{Key: "ear wax", Expansions: []string{"cerumen"}, Lay: true, Want: "H61.2"},
	{Key: "earwax", Expansions: []string{"cerumen"}, Lay: true, Want: "H61.2"},
	{Key: "ringing ears", Expansions: []string{"tinnitus"}, Lay: true, Want: "H93.1"},
	{Key: "hay fever", Expansions: []string{"allergic rhinitis"}, Lay: true, Want: "J30"},
	{Key: "nosebleed", Expansions: []string{"epistaxis"}, Lay: true, Want: "R04.0"},
	{Key: "urti", Expansions: []string{"upper respiratory infection"}, Want: "J06.9"},
	{Key: "lrti", Expansions: []string{"lower respiratory infection"}, Want: "J22"},
	{Key: "ptx", Expansions: []string{"pneumothorax"}, Want: "J93"},
	{Key: "ppd", Expansions: []string{"tuberculin"}, Query: "positive ppd", Want: "R76.1"},
	{Key: "o2", Expansions: []string{"oxygen"}, Query: "o2 concentrator", Want: "E1390"},

	// Infections.
	{Key: "uti", Expansions: []string{"urinary tract infection"}, Want: "N39.0"},
	{Key: "bladder infection", Expansions: []string{"cystitis"}, Lay: true, Want: "N30.9"},
	{Key: "kidney infection", Expansions: []string{"pyelonephritis"}, Lay: true, Want: "N1"},
	{Key: "tb", Expansions: []string{"tuberculosis"}, Want: "A1"},
	{Key: "mrsa", Expansions: []string{"methicillin resistant staphylococcus aureus"}, Want: "A49.02"},
	{Key: "c diff", Expansions: []string{"clostridium difficile", "clostridioides difficile"}, Want: "A04.7"},
	{Key: "cdiff", Expansions: []string{"clostridium difficile", "clostridioides difficile"}, Want: "A04.7"},
	{Key: "mssa", Expansions: []string{"methicillin susceptible staphylococcus aureus"}, Want: "A49.01"},
	{Key: "esbl", Expansions: []string{"extended spectrum beta lactamase"}, Want: "Z16.1"},
	{Key: "hsv", Expansions: []string{"herpes simplex", "herpesviral"}, Want: "B00"},
	{Key: "hpv", Expansions: []string{"papillomavirus"}, Want: "B97.7"},
	{Key: "std", Expansions: []string{"sexually transmitted"}, Want: "A64"},
	{Key: "sti", Expansions: []string{"sexually transmitted"}, Want: "A64"},
	{Key: "hiv", Expansions: []string{"human immunodeficiency virus"}, Want: "B20"},
	{Key: "shingles", Expansions: []string{"zoster"}, Lay: true, Want: "B02.9"},
	{Key: "chickenpox", Expansions: []string{"varicella"}, Lay: true, Want: "B01.9"},
	{Key: "mono", Expansions: []string{"infectious mononucleosis"}, Lay: true, Want: "B27.9"},
	{Key: "lice", Expansions: []string{"pediculosis"}, Lay: true, Want: "B85"},
	{Key: "ringworm", Expansions: []string{"dermatophytosis", "tinea"}, Lay: true, Want: "B35"},
	{Key: "athletes foot", Expansions: []string{"tinea pedis"}, Lay: true, Want: "B35.3"},
	{Key: "cold sore", Expansions: []string{"herpesviral vesicular dermatitis"}, Lay: true, Want: "B00.1"},
	{Key: "yeast infection", Expansions: []string{"candidiasis"}, Lay: true, Want: "B37"},
	{Key: "pink eye", Expansions: []string{"conjunctivitis"}, Lay: true, Want: "H10"},
	{Key: "pinkeye", Expansions: []string{"conjunctivitis"}, Lay: true, Want: "H10"},
	{Key: "stomach flu", Expansions: []string{"viral intestinal infection", "gastroenteritis"}, Lay: true, Want: "A08"},

	// Digestive.
	{Key: "gerd", Expansions: []string{"gastro esophageal reflux disease"}, Want: "K21.9"},
	{Key: "acid reflux", Expansions: []string{"gastro esophageal reflux"}, Lay: true, Want: "K21"},
	{Key: "appy", Expansions: []string{"appendicitis"}, Want: "K3"},
	{Key: "ibs", Expansions: []string{"irritable bowel syndrome"}, Want: "K58"},
	{Key: "uc", Expansions: []string{"ulcerative colitis"}, Want: "K51"},
	{Key: "pud", Expansions: []string{"peptic ulcer"}, Want: "K27"},
	{Key: "gi", Expansions: []string{"gastrointestinal"}, Query: "gi bleed", Want: "K92.2"},
	{Key: "bleed", Expansions: []string{"hemorrhage", "bleeding"}, Lay: true, Query: "gi bleed", Want: "K92.2"},
	{Key: "nafld", Expansions: []string{"fatty liver"}, Want: "K76.0"},
	{Key: "gb", Expansions: []string{"gallbladder"}, Query: "gb stones", Want: "K80"},
	{Key: "gallstones", Expansions: []string{"calculus of gallbladder", "cholelithiasis"}, Lay: true, Want: "K80"},
	{Key: "lfts", Expansions: []string{"liver function studies"}, Query: "abnormal lfts", Want: "R94.5"},
	{Key: "abd", Expansions: []string{"abdominal", "abdomen"}, Query: "abd pain", Want: "R10"},
	{Key: "stomach ache", Expansions: []string{"abdominal pain"}, Lay: true, Want: "R10"},
	{Key: "belly pain", Expansions: []string{"abdominal pain"}, Lay: true, Want: "R10"},
	{Key: "n/v", Expansions: []string{"nausea vomiting"}, Want: "R11.2"},
	{Key: "n&v", Expansions: []string{"nausea vomiting"}, Want: "R11.2"},
	{Key: "nv", Expansions: []string{"nausea vomiting"}, Want: "R11.2"},
	{Key: "throwing up", Expansions: []string{"vomiting"}, Lay: true, Want: "R11"},

	// Kidney, urinary, reproductive.
	{Key: "ckd", Expansions: []string{"chronic kidney disease"}, Want: "N18.9"},
	{Key: "esrd", Expansions: []string{"end stage renal disease"}, Want: "N18.6"},
	{Key: "aki", Expansions: []string{"acute kidney failure", "acute kidney injury"}, Want: "N17.9"},
	{Key: "arf", Expansions: []string{"acute kidney failure", "acute respiratory failure"}, Want: "N17.9"},
	{Key: "kidney stone", Expansions: []string{"calculus of kidney"}, Lay: true, Want: "N20.0"},
	{Key: "bph", Expansions: []string{"benign prostatic hyperplasia"}, Want: "N40"},
	{Key: "psa", Expansions: []string{"prostate specific antigen"}, Query: "elevated psa", Want: "R97.20"},
	{Key: "ed", Expansions: []string{"erectile dysfunction"}, Want: "N52"},
	{Key: "oab", Expansions: []string{"overactive bladder"}, Want: "N32.81"},
	{Key: "ui", Expansions: []string{"urinary incontinence"}, Want: "R32"},
	{Key: "iud", Expansions: []string{"intrauterine contraceptive device"}, Want: "Z30.43"},
	{Key: "sab", Expansions: []string{"spontaneous abortion"}, Want: "O03"},
	{Key: "pih", Expansions: []string{"gestational hypertension", "pregnancy induced hypertension"}, Want: "O13"},

	// Mental health and neurology.
	{Key: "adhd", Expansions: []string{"attention deficit hyperactivity disorder"}, Want: "F90"},
	{Key: "ocd", Expansions: []string{"obsessive compulsive disorder"}, Want: "F42"},
	{Key: "ptsd", Expansions: []string{"post traumatic stress disorder"}, Want: "F43.1"},
	{Key: "mdd", Expansions: []string{"major depressive disorder"}, Want: "F3"},
	{Key: "gad", Expansions: []string{"generalized anxiety disorder"}, Want: "F41.1"},
	{Key: "asd", Expansions: []string{"autistic disorder", "atrial septal defect"}, Want: "F84.0"},
	{Key: "etoh", Expansions: []string{"alcohol"}, Query: "etoh abuse", Want: "F10.1"},
	{Key: "overdose", Expansions: []string{"poisoning"}, Lay: true, Query: "overdose acetaminophen", Want: "T39.1X1A"},
	{Key: "od", Expansions: []string{"poisoning"}, Query: "od aspirin", Want: "T39.011A"},
	{Key: "smoker", Expansions: []string{"nicotine dependence", "tobacco use"}, Lay: true, Want: "F17.2"},
	{Key: "si", Expansions: []string{"suicidal ideations"}, Want: "R45.851"},
	{Key: "ams", Expansions: []string{"altered mental status"}, Want: "R41.82"},
	{Key: "sz", Expansions: []string{"seizure", "convulsions"}, Want: "R56.9"},
	{Key: "ms", Expansions: []string{"multiple sclerosis"}, Want: "G35"},
	{Key: "als", Expansions: []string{"amyotrophic lateral sclerosis"}, Want: "G12.21"},
	{Key: "pd", Expansions: []string{"parkinsons disease"}, Want: "G20"},
	{Key: "ad", Expansions: []string{"alzheimers disease"}, Want: "G30"},
	{Key: "rls", Expansions: []string{"restless legs syndrome"}, Want: "G25.81"},
	{Key: "tbi", Expansions: []string{"traumatic brain injury", "intracranial injury"}, Want: "S06"},
	{Key: "cts", Expansions: []string{"carpal tunnel syndrome"}, Want: "G56.0"},
	{Key: "ha", Expansions: []string{"headache"}, Want: "R51.9"},
	{Key: "fainting", Expansions: []string{"syncope"}, Lay: true, Want: "R55"},
	{Key: "passed out", Expansions: []string{"syncope"}, Lay: true, Want: "R55"},
	{Key: "trouble sleeping", Expansions: []string{"insomnia"}, Lay: true, Want: "G47.0"},
	{Key: "bedwetting", Expansions: []string{"enuresis"}, Lay: true, Want: ""},

	// Musculoskeletal and injuries.
	{Key: "fx", Expansions: []string{"fracture"}, Query: "fx clavicle", Want: "S42.0"},
	{Key: "broken", Expansions: []string{"fracture"}, Lay: true, Query: "broken clavicle", Want: "S42.0"},
	{Key: "oa", Expansions: []string{"osteoarthritis"}, Want: "M19.9"},
	{Key: "djd", Expansions: []string{"osteoarthritis", "degenerative joint disease"}, Want: "M19.9"},
	{Key: "ddd", Expansions: []string{"intervertebral disc degeneration"}, Want: "M51.3"},
	{Key: "herniated disc", Expansions: []string{"intervertebral disc displacement"}, Lay: true, Want: "M51.2"},
	{Key: "slipped disc", Expansions: []string{"intervertebral disc displacement"}, Lay: true, Want: "M51.2"},
	{Key: "ra", Expansions: []string{"rheumatoid arthritis"}, Want: "M06.9"},
	{Key: "sle", Expansions: []string{"systemic lupus erythematosus"}, Want: "M32"},
	{Key: "lbp", Expansions: []string{"low back pain"}, Want: "M54.5"},
	{Key: "back pain", Expansions: []string{"dorsalgia", "low back pain"}, Lay: true, Want: "M54"},
	{Key: "tmj", Expansions: []string{"temporomandibular joint disorder"}, Want: "M26.6"},
	{Key: "frozen shoulder", Expansions: []string{"adhesive capsulitis"}, Lay: true, Want: "M75.0"},
	{Key: "tennis elbow", Expansions: []string{"lateral epicondylitis"}, Lay: true, Want: "M77.1"},
	{Key: "golfers elbow", Expansions: []string{"medial epicondylitis"}, Lay: true, Want: "M77.0"},
	{Key: "bunion", Expansions: []string{"hallux valgus"}, Lay: true, Want: "M20.1"},
	{Key: "acl", Expansions: []string{"anterior cruciate ligament", "cruciate ligament"}, Query: "acl sprain", Want: "S83.5"},
	{Key: "mcl", Expansions: []string{"medial collateral ligament"}, Query: "mcl sprain", Want: "S83.4"},
	{Key: "tkr", Expansions: []string{"artificial knee joint", "knee replacement"}, Want: "Z96.65"},
	{Key: "tka", Expansions: []string{"artificial knee joint", "knee replacement"}, Want: "Z96.65"},
	{Key: "thr", Expansions: []string{"artificial hip joint", "hip replacement"}, Want: "Z96.64"},
	{Key: "tha", Expansions: []string{"artificial hip joint", "hip replacement"}, Want: "Z96.64"},
	{Key: "lac", Expansions: []string{"laceration"}, Query: "lac scalp", Want: "S01.0"},
	{Key: "cont", Expansions: []string{"contusion"}, Query: "cont knee", Want: "S80.0"},
	{Key: "mvc", Expansions: []string{"motor vehicle accident", "motor-vehicle accident"}, Want: "V"},
	{Key: "fb", Expansions: []string{"foreign body"}, Query: "fb eye", Want: "T15"},
	{Key: "loc", Expansions: []string{"loss of consciousness"}, Query: "concussion with loc", Want: "S06.0X"},
	{Key: "mva", Expansions: []string{"motor vehicle accident", "motor-vehicle accident"}, Want: "V"},
	{Key: "distal", Expansions: []string{"lower end", "distal"}, Lay: true, Query: "fx distal radius", Want: "S52.5"},
	{Key: "proximal", Expansions: []string{"upper end", "proximal"}, Lay: true, Query: "fx proximal humerus", Want: "S42.2"},
	{Key: "leg", Expansions: []string{"lower extremity", "lower limb", "leg"}, Lay: true, Query: "dvt left leg", Want: "I82.402"},
	{Key: "arm", Expansions: []string{"upper extremity", "upper limb", "arm"}, Lay: true, Query: "cellulitis left arm", Want: "L03.114"},
	{Key: "feet", Expansions: []string{"foot"}, Lay: true, Query: "flat feet", Want: "M21.4"},
	{Key: "teeth", Expansions: []string{"tooth"}, Lay: true, Want: "K0"},

	// Ordinals as titles spell them.
	{Key: "1st", Expansions: []string{"first"}, Query: "1st degree burn right hand init", Want: "T23.1"},
	{Key: "2nd", Expansions: []string{"second"}, Query: "2nd degree burn right hand init", Want: "T23.2"},
	{Key: "3rd", Expansions: []string{"third"}, Query: "3rd degree burn right hand init", Want: "T23.3"},
	{Key: "4th", Expansions: []string{"fourth"}, Query: "fx 4th metatarsal right init", Want: "S92.34"},
	{Key: "5th", Expansions: []string{"fifth"}, Query: "fx 5th metacarpal right init", Want: "S62.3"},

	// Skin.
	{Key: "bed sore", Expansions: []string{"pressure ulcer"}, Lay: true, Want: "L89"},
	{Key: "bedsore", Expansions: []string{"pressure ulcer"}, Lay: true, Want: "L89"},
	{Key: "pressure sore", Expansions: []string{"pressure ulcer"}, Lay: true, Want: "L89"},
	{Key: "hives", Expansions: []string{"urticaria"}, Lay: true, Want: "L50.9"},
	{Key: "mole", Expansions: []string{"nevus", "melanocytic nevi"}, Lay: true, Want: "D22"},
	{Key: "bcc", Expansions: []string{"basal cell carcinoma"}, Want: "C44.91"},
	{Key: "scc", Expansions: []string{"squamous cell carcinoma"}, Want: "C44.92"},

	// Neoplasms, history, status, encounters.
	{Key: "ca", Expansions: []string{"malignant neoplasm", "carcinoma"}, Query: "ca breast", Want: "C50"},
	{Key: "cancer", Expansions: []string{"malignant neoplasm"}, Lay: true, Query: "lung cancer", Want: "C34"},
	{Key: "mets", Expansions: []string{"secondary malignant neoplasm"}, Want: "C79"},
	{Key: "chemo", Expansions: []string{"antineoplastic chemotherapy"}, Want: "Z51.11"},
	{Key: "hx", Expansions: []string{"history"}, Query: "hx colon polyps", Want: "Z86.010"},
	{Key: "h/o", Expansions: []string{"history"}, Query: "h/o colon polyps", Want: "Z86.010"},
	{Key: "fhx", Expansions: []string{"family history"}, Query: "fhx prostate cancer", Want: "Z80.42"},
	{Key: "fh", Expansions: []string{"family history"}, Query: "fh prostate cancer", Want: "Z80.42"},
	{Key: "pmh", Expansions: []string{"personal history"}, Query: "pmh nicotine dependence", Want: "Z87.891"},
	{Key: "ltu", Expansions: []string{"long term current use"}, Query: "ltu insulin", Want: "Z79.4"},
	{Key: "cpe", Expansions: []string{"general adult medical examination"}, Want: "Z00.0"},
	{Key: "annual physical", Expansions: []string{"general adult medical examination"}, Lay: true, Want: "Z00.0"},
	{Key: "physical exam", Expansions: []string{"general adult medical examination"}, Lay: true, Want: "Z00.0"},
	{Key: "well child", Expansions: []string{"routine child health examination"}, Lay: true, Want: "Z00.12"},
	{Key: "sports physical", Expansions: []string{"examination for participation in sport"}, Lay: true, Want: "Z02.5"},
	{Key: "flu shot", Expansions: []string{"immunization", "influenza virus vaccine"}, Lay: true, Want: "Z23"},
	{Key: "vax", Expansions: []string{"immunization", "vaccination"}, Want: "Z23"},
	{Key: "awv", Expansions: []string{"annual wellness visit"}, Want: "G0438"},
	{Key: "ippe", Expansions: []string{"initial preventive physical examination"}, Want: "G0402"},
	{Key: "cpap", Expansions: []string{"continuous positive airway pressure"}, Want: "E0601"},

	// Abdominal quadrants and limbs as charts shorten them.
	{Key: "rlq", Expansions: []string{"right lower quadrant"}, Query: "rlq pain", Want: "R10.31"},
	{Key: "ruq", Expansions: []string{"right upper quadrant"}, Query: "ruq tenderness", Want: "R10.811"},
	{Key: "llq", Expansions: []string{"left lower quadrant"}, Query: "llq tenderness", Want: "R10.814"},
	{Key: "luq", Expansions: []string{"left upper quadrant"}, Query: "luq pain", Want: "R10.12"},
	{Key: "epig", Expansions: []string{"epigastric"}, Query: "epig pain", Want: "R10.13"},
	{Key: "rue", Expansions: []string{"right upper limb", "right arm", "right upper extremity"}, Query: "cellulitis rue", Want: "L03.113"},
	{Key: "lue", Expansions: []string{"left upper limb", "left arm", "left upper extremity"}, Query: "cellulitis lue", Want: "L03.114"},
	{Key: "rle", Expansions: []string{"right lower limb", "right leg", "right lower extremity"}, Query: "cellulitis rle", Want: "L03.115"},
	{Key: "lle", Expansions: []string{"left lower limb", "left leg", "left lower extremity"}, Query: "cellulitis lle", Want: "L03.116"},
	{Key: "ue", Expansions: []string{"upper limb", "arm", "upper extremity"}, Query: "cellulitis ue", Want: "L03.11"},
	{Key: "le", Expansions: []string{"lower limb", "leg", "lower extremity"}, Query: "cellulitis le", Want: "L03.11"},
	{Key: "ext", Expansions: []string{"external", "externa", "extremity"}, Query: "otitis ext", Want: "H60"},

	// History, status and qualifier shorthand.
	{Key: "s/p", Expansions: []string{"status", "presence", "acquired absence", "history"}, Query: "s/p cabg", Want: "Z95.1"},
	{Key: "sp", Expansions: []string{"status", "presence", "acquired absence", "history"}, Query: "sp cabg", Want: "Z95.1"},
	{Key: "pshx", Expansions: []string{"personal history"}, Query: "pshx breast cancer", Want: "Z85.3"},
	{Key: "phx", Expansions: []string{"personal history"}, Query: "phx colon polyps", Want: "Z86.010"},
	{Key: "abn", Expansions: []string{"abnormal"}, Query: "abn ekg", Want: "R94.31"},
	{Key: "elev", Expansions: []string{"elevated"}, Query: "elev bp", Want: "R03.0"},
	{Key: "chr", Expansions: []string{"chronic"}, Query: "chr sinusitis", Want: "J32.9"},
	{Key: "sx", Expansions: []string{"symptoms", "symptom"}, Want: ""},
	{Key: "hep", Expansions: []string{"hepatitis"}, Query: "hep c", Want: "B1"},
	{Key: "hfref", Expansions: []string{"systolic heart failure", "heart failure reduced ejection fraction"}, Want: "I50.2"},
	{Key: "hfpef", Expansions: []string{"diastolic heart failure", "heart failure preserved ejection fraction"}, Want: "I50.3"},
	{Key: "t2d", Expansions: []string{"type 2 diabetes mellitus"}, Want: "E11.9"},
	{Key: "dmt2", Expansions: []string{"type 2 diabetes mellitus"}, Want: "E11.9"},
	{Key: "pid", Expansions: []string{"pelvic inflammatory disease"}, Want: "N73.9"},
	{Key: "cf", Expansions: []string{"cystic fibrosis"}, Want: "E84.9"},
	{Key: "aoe", Expansions: []string{"acute otitis externa"}, Want: "H60.5"},
	{Key: "oe", Expansions: []string{"otitis externa"}, Want: "H60"},
	{Key: "sinus infection", Expansions: []string{"sinusitis"}, Lay: true, Want: "J32.9"},
	{Key: "bppv", Expansions: []string{"benign paroxysmal vertigo", "benign paroxysmal positional vertigo"}, Want: "H81.1"},
	{Key: "doe", Expansions: []string{"dyspnea on exertion", "dyspnea"}, Want: "R06.0"},
	{Key: "glucometer", Expansions: []string{"blood glucose monitor", "glucose monitor"}, Lay: true, Want: "E0607"},

	// Laterality, encounter and other title words coders shorten.
	{Key: "lt", Expansions: []string{"left"}, Query: "knee pain lt", Want: "M25.562"},
	{Key: "l", Expansions: []string{"left"}, Query: "l knee pain", Want: "M25.562"},
	{Key: "rt", Expansions: []string{"right"}, Query: "rt shoulder pain", Want: "M25.511"},
	{Key: "r", Expansions: []string{"right"}, Query: "shoulder pain r", Want: "M25.511"},
	{Key: "bil", Expansions: []string{"bilateral"}, Query: "oa knee bil", Want: "M17.0"},
	{Key: "bilat", Expansions: []string{"bilateral"}, Query: "oa knee bilat", Want: "M17.0"},
	{Key: "b/l", Expansions: []string{"bilateral"}, Query: "oa knee b/l", Want: "M17.0"},
	{Key: "init", Expansions: []string{"initial"}, Query: "fx clavicle init", Want: "S42.0"},
	{Key: "subs", Expansions: []string{"subsequent"}, Query: "fx clavicle subs", Want: "S42.0"},
	{Key: "seq", Expansions: []string{"sequela"}, Query: "fx clavicle seq", Want: "S42.0"},
	{Key: "f/u", Expansions: []string{"follow-up examination"}, Want: "Z09"},
	{Key: "enc", Expansions: []string{"encounter"}, Query: "enc immunization", Want: "Z23"},
	{Key: "w/o", Expansions: []string{"without"}, Query: "dm2 w/o complications", Want: "E11.9"},
	{Key: "w/", Expansions: []string{"with"}, Query: "dm2 w/ hyperglycemia", Want: "E11.65"},
	// "no X" charts a "without X" title (a query that negates may match
	// a title's "without …" clause, negation.go).
	{Key: "no", Expansions: []string{"without"}, Query: "dm1 dka no coma", Want: "E10.10"},
	{Key: "luts", Expansions: []string{"lower urinary tract symptoms"}, Query: "bph with luts", Want: "N40.1"},
	{Key: "inj", Expansions: []string{"injection"}, Query: "inj triamcinolone", Want: "J3301"},
	{Key: "sq", Expansions: []string{"subcutaneous"}, Want: ""},
	{Key: "subq", Expansions: []string{"subcutaneous"}, Want: ""},
	{Key: "iv", Expansions: []string{"intravenous"}, Want: ""},
	{Key: "im", Expansions: []string{"intramuscular"}, Want: ""},
}

// abbrevs indexes abbrevTable by key.
var abbrevs = func() map[string]*abbrevEntry {
	all := append(append([]abbrevEntry(nil), abbrevTable...), anatomyTable...)
	m := make(map[string]*abbrevEntry, len(all))
	for i := range all {
		e := &all[i]
		if _, dup := m[e.Key]; dup {
			panic("codesearch: abbreviation listed twice: " + e.Key)
		}
		if len(strings.Fields(e.Key)) > maxAbbrevWords {
			panic("codesearch: abbreviation key too long: " + e.Key)
		}
		m[e.Key] = e
	}
	return m
}()

// abbrevFirst holds the first word of every key of two or more words.
var abbrevFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range abbrevs {
		if first, _, ok := strings.Cut(k, " "); ok {
			m[first] = true
		}
	}
	return m
}()
