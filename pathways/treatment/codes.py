"""The reviewed table of SAMHSA N-SUMHSS service codes (2024 National Directories).

One row for every code in the official code definitions file
(``nsumhss_2024_service_code_definitions.csv``: 224 substance use + 176 mental
health codes): directory type, code, the official label as published (the
file's U+FFFD is the registered-trademark sign ``®`` it stood for), the finder's
filter group and value, and a plain-language label in English and Spanish.

Rules this table follows (reviewed by hand, see docs/data/samhsa-directory.md):

* Person-first, non-stigmatizing wording: "people", never "clients", "addicts",
  "abusers" or "clean"; "return to use" beside the clinical "relapse".
* A code belongs to exactly one filter group. Inside a group the finder ORs the
  values a person picks; across groups it ANDs them.
* ``other`` rows are shown on a facility's page but are not filters; their
  value is the code in lower case.
* Age codes count both "programs for" (AD, TAY, SE) and "accepts" (CHLD, YAD,
  SNR): the mental health directory has only the "accepts" codes. Sex is
  different: about 94% of facilities accept women (FEM) and men (MALE), so the
  ``women``/``men`` values are the programs (WN, MN) and FEM/MALE are their own
  ``accepts-*`` values.
* Negative codes (NMOA "does not use medication for OUD", NOOP, NMAUT, NAUT)
  are never filter values.

The ingest refuses a definitions file with a code missing here, or whose
official label differs from the one here: review the new code first, add or
change its row, then bump ``REVISION`` (it is part of the ingest's
parser_version, so the next ingest re-reads the files).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import get_language

REVISION = 1

SUBSTANCE = "substance"
MENTAL = "mental"
DIRECTORY_TYPES = (SUBSTANCE, MENTAL)

OTHER = "other"
# group slug -> (English, Spanish), in the order the finder shows them.
GROUPS: dict[str, tuple[str, str]] = {
    "focus": ("Type of care", "Tipo de atención"),
    "medications": ("Medications", "Medicamentos"),
    "level-of-care": ("Level of care", "Nivel de atención"),
    "payment": ("Payment", "Formas de pago"),
    "population": ("Who is served", "A quién se atiende"),
    "language": ("Language", "Idioma"),
    "extra-help": ("Extra help", "Ayuda adicional"),
    OTHER: ("Other services and details", "Otros servicios y datos"),
}

# (group, value) -> (English, Spanish): the labels of the filter choices.
VALUES: dict[tuple[str, str], tuple[str, str]] = {
    ("focus", "substance-use"): ("Substance use", "Consumo de sustancias"),
    ("focus", "mental-health"): ("Mental health", "Salud mental"),
    ("focus", "co-occurring"): (
        "Both substance use and mental health",
        "Consumo de sustancias y salud mental a la vez",
    ),
    ("medications", "methadone"): ("Methadone", "Metadona"),
    ("medications", "buprenorphine"): ("Buprenorphine", "Buprenorfina"),
    ("medications", "naltrexone"): ("Naltrexone", "Naltrexona"),
    ("medications", "certified-otp"): (
        "Certified opioid treatment program (OTP)",
        "Programa certificado de tratamiento de opioides (OTP)",
    ),
    ("medications", "outside-prescription"): (
        "Accepts people whose medication is prescribed elsewhere",
        "Acepta a personas cuyos medicamentos se recetan en otro lugar",
    ),
    ("medications", "alcohol-medication"): (
        "Medication for alcohol use disorder",
        "Medicamentos para el trastorno por consumo de alcohol",
    ),
    ("medications", "withdrawal-medication"): (
        "Medication to ease withdrawal",
        "Medicamentos para aliviar la abstinencia",
    ),
    ("medications", "mental-health-medication"): (
        "Mental health medication",
        "Medicamentos para la salud mental",
    ),
    ("level-of-care", "outpatient"): ("Outpatient", "Ambulatorio"),
    ("level-of-care", "intensive-outpatient"): (
        "Intensive outpatient",
        "Ambulatorio intensivo",
    ),
    ("level-of-care", "partial-hospitalization"): (
        "Day treatment or partial hospitalization",
        "Tratamiento diurno u hospitalización parcial",
    ),
    ("level-of-care", "residential"): ("Residential", "Residencial"),
    ("level-of-care", "detox"): (
        "Detox (withdrawal management)",
        "Desintoxicación (manejo de la abstinencia)",
    ),
    ("level-of-care", "hospital-inpatient"): ("Hospital inpatient", "Hospitalización"),
    ("level-of-care", "telehealth"): ("Telehealth", "Telesalud"),
    ("level-of-care", "recovery-housing"): (
        "Recovery housing",
        "Vivienda de recuperación",
    ),
    ("payment", "medicaid"): ("Medicaid", "Medicaid"),
    ("payment", "medicare"): ("Medicare", "Medicare"),
    ("payment", "private-insurance"): ("Private insurance", "Seguro privado"),
    ("payment", "cash"): ("Cash or self-pay", "Efectivo o pago por cuenta propia"),
    ("payment", "sliding-fee"): (
        "Sliding fee (based on income)",
        "Tarifa según ingresos",
    ),
    ("payment", "free"): ("Free", "Gratuito"),
    ("payment", "payment-assistance"): ("Help paying", "Ayuda para pagar"),
    ("payment", "military-insurance"): (
        "Military insurance (TRICARE)",
        "Seguro militar (TRICARE)",
    ),
    ("payment", "state-insurance"): (
        "State health plan (not Medicaid)",
        "Plan de salud estatal (no Medicaid)",
    ),
    ("payment", "indian-health"): (
        "Indian Health Service, tribal or urban Indian health",
        "Servicio de Salud Indígena, salud tribal o indígena urbana",
    ),
    ("payment", "va"): ("Veterans Affairs (VA)", "Asuntos de Veteranos (VA)"),
    ("population", "adolescents"): (
        "Children and adolescents",
        "Niños y adolescentes",
    ),
    ("population", "young-adults"): ("Young adults", "Adultos jóvenes"),
    ("population", "adults"): ("Adults", "Adultos"),
    ("population", "seniors"): ("Older adults", "Adultos mayores"),
    ("population", "pregnant-postpartum"): (
        "Pregnant and postpartum people",
        "Personas embarazadas o en el posparto",
    ),
    ("population", "women"): ("Programs for women", "Programas para mujeres"),
    ("population", "men"): ("Programs for men", "Programas para hombres"),
    ("population", "accepts-women"): ("Accepts women", "Acepta a mujeres"),
    ("population", "accepts-men"): ("Accepts men", "Acepta a hombres"),
    ("population", "lgbtq"): ("LGBTQ+ people", "Personas LGBTQ+"),
    ("population", "veterans"): ("Veterans", "Veteranos"),
    ("population", "military"): (
        "Active-duty military members",
        "Militares en servicio activo",
    ),
    ("population", "military-families"): (
        "Military families",
        "Familias de militares",
    ),
    ("population", "justice-involved"): (
        "People involved with the justice system",
        "Personas involucradas con el sistema de justicia",
    ),
    ("population", "dui-dwi"): (
        "People with a DUI/DWI",
        "Personas con una infracción DUI/DWI",
    ),
    ("population", "hiv"): ("People living with HIV", "Personas que viven con el VIH"),
    ("population", "trauma"): (
        "People who have experienced trauma or violence",
        "Personas que han vivido un trauma o violencia",
    ),
    ("population", "chronic-pain"): (
        "People living with pain",
        "Personas que viven con dolor",
    ),
    ("population", "dementia"): (
        "People with Alzheimer's disease or dementia",
        "Personas con alzhéimer o demencia",
    ),
    ("population", "eating-disorders"): (
        "People with eating disorders",
        "Personas con trastornos de la conducta alimentaria",
    ),
    ("population", "first-episode-psychosis"): (
        "People experiencing a first episode of psychosis",
        "Personas que viven un primer episodio de psicosis",
    ),
    ("population", "serious-mental-illness"): (
        "Adults with serious mental illness",
        "Adultos con enfermedades mentales graves",
    ),
    ("population", "serious-emotional-disturbance"): (
        "Children with serious emotional disturbance",
        "Niños con trastornos emocionales graves",
    ),
    ("population", "brain-injury"): (
        "People with traumatic brain injury",
        "Personas con lesión cerebral traumática",
    ),
    ("language", "spanish"): ("Spanish", "Español"),
    ("language", "sign-language"): ("Sign language", "Lengua de señas"),
    ("language", "indigenous-languages"): (
        "American Indian or Alaska Native languages",
        "Lenguas indígenas de Estados Unidos o de Alaska",
    ),
    ("language", "other-languages"): (
        "Other languages (not Spanish)",
        "Otros idiomas (aparte del español)",
    ),
    ("language", "arabic"): ("Arabic", "Árabe"),
    ("language", "chinese"): ("Chinese", "Chino"),
    ("language", "creole"): ("Creole", "Criollo"),
    ("language", "farsi"): ("Farsi (Persian)", "Farsi (persa)"),
    ("language", "french"): ("French", "Francés"),
    ("language", "german"): ("German", "Alemán"),
    ("language", "greek"): ("Greek", "Griego"),
    ("language", "hebrew"): ("Hebrew", "Hebreo"),
    ("language", "hindi"): ("Hindi", "Hindi"),
    ("language", "hmong"): ("Hmong", "Hmong"),
    ("language", "italian"): ("Italian", "Italiano"),
    ("language", "japanese"): ("Japanese", "Japonés"),
    ("language", "korean"): ("Korean", "Coreano"),
    ("language", "ojibwa"): ("Ojibwa", "Ojibwa"),
    ("language", "polish"): ("Polish", "Polaco"),
    ("language", "portuguese"): ("Portuguese", "Portugués"),
    ("language", "russian"): ("Russian", "Ruso"),
    ("language", "tagalog"): ("Tagalog", "Tagalo"),
    ("language", "vietnamese"): ("Vietnamese", "Vietnamita"),
    ("language", "yupik"): ("Yupik", "Yupik"),
    ("extra-help", "naloxone"): (
        "Naloxone and overdose education",
        "Naloxona y educación sobre sobredosis",
    ),
    ("extra-help", "hiv-testing"): ("HIV testing", "Prueba del VIH"),
    ("extra-help", "hepatitis-testing"): (
        "Hepatitis B or C testing",
        "Prueba de hepatitis B o C",
    ),
    ("extra-help", "sti-testing"): (
        "Testing for sexually transmitted infections",
        "Pruebas de infecciones de transmisión sexual",
    ),
    ("extra-help", "hiv-prep"): (
        "HIV prevention medication (PrEP)",
        "Medicamentos para prevenir el VIH (PrEP)",
    ),
    ("extra-help", "hiv-treatment"): ("HIV treatment", "Tratamiento del VIH"),
    ("extra-help", "hepatitis-c-treatment"): (
        "Hepatitis C treatment",
        "Tratamiento de la hepatitis C",
    ),
    ("extra-help", "hepatitis-vaccination"): (
        "Hepatitis A or B vaccination",
        "Vacuna contra la hepatitis A o B",
    ),
    ("extra-help", "peer-support"): ("Peer support", "Apoyo entre pares"),
    ("extra-help", "housing"): ("Housing help", "Ayuda con la vivienda"),
    ("extra-help", "legal"): ("Legal help", "Ayuda legal"),
    ("extra-help", "employment"): (
        "Job and education help",
        "Ayuda con el empleo y los estudios",
    ),
    ("extra-help", "childcare"): ("Child care", "Cuidado infantil"),
    ("extra-help", "beds-for-children"): (
        "Children can stay (residential)",
        "Los hijos pueden quedarse (residencial)",
    ),
    ("extra-help", "transportation"): (
        "Help with transportation",
        "Ayuda con el transporte",
    ),
    ("extra-help", "social-services"): (
        "Help getting social services",
        "Ayuda para obtener servicios sociales",
    ),
    ("extra-help", "case-management"): ("Case management", "Gestión de casos"),
    ("extra-help", "crisis-care"): (
        "Mental health crisis care",
        "Atención de crisis de salud mental",
    ),
    ("extra-help", "suicide-prevention"): (
        "Suicide prevention",
        "Prevención del suicidio",
    ),
    ("extra-help", "domestic-violence-services"): (
        "Domestic violence services",
        "Servicios sobre violencia doméstica",
    ),
    ("extra-help", "primary-care"): ("Primary care", "Atención primaria"),
    ("extra-help", "quit-tobacco"): (
        "Help to quit smoking or vaping",
        "Ayuda para dejar de fumar o de vapear",
    ),
}


@dataclass(frozen=True, slots=True)
class Code:
    directory_type: str
    code: str
    official_label: str
    group: str
    value: str
    label_en: str
    label_es: str


# (directory type, code, official label, group, value, English, Spanish)
# fmt: off
_ROWS: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("substance", "ACC", "Aftercare/continuing care", "other", "acc", "Aftercare and continuing care", "Atención posterior y continuada"),
    ("substance", "ACM", "Acamprosate (Campral®)", "medications", "alcohol-medication", "Acamprosate (Campral®)", "Acamprosato (Campral®)"),
    ("substance", "ACMA", "Accepts clients using medication assisted treatment for alcohol use disorder but prescribed elsewhere", "medications", "outside-prescription", "Accepts people who take medication for alcohol use disorder prescribed elsewhere", "Acepta a personas que toman medicamentos para el trastorno por consumo de alcohol recetados en otro lugar"),
    ("substance", "ACU", "Acupuncture", "other", "acu", "Acupuncture", "Acupuntura"),
    ("substance", "AD", "Adolescents", "population", "adolescents", "Programs for adolescents", "Programas para adolescentes"),
    ("substance", "ADLT", "Adults", "population", "adults", "Accepts adults", "Acepta a adultos"),
    ("substance", "ADM", "Active duty military", "population", "military", "Programs for active-duty military members", "Programas para militares en servicio activo"),
    ("substance", "ADTX", "Alcohol Detoxification", "level-of-care", "detox", "Alcohol detox", "Desintoxicación de alcohol"),
    ("substance", "AH", "Sign language services for the deaf and hard of hearing", "language", "sign-language", "Sign language services for people who are deaf or hard of hearing", "Servicios en lengua de señas para personas sordas o con dificultades auditivas"),
    ("substance", "ANG", "Anger management", "other", "ang", "Anger management", "Manejo de la ira"),
    ("substance", "AOSS", "Assistance with obtaining social services", "extra-help", "social-services", "Help getting social services", "Ayuda para obtener servicios sociales"),
    ("substance", "AUDO", "Alcohol use disorder clients only", "other", "audo", "Serves only people with alcohol use disorder", "Atiende solo a personas con trastorno por consumo de alcohol"),
    ("substance", "AUINPE", "In-network prescribing entity", "other", "auinpe", "Medication for alcohol use disorder prescribed by an in-network prescriber", "Medicamentos para el trastorno por consumo de alcohol recetados por un prescriptor de la red"),
    ("substance", "AUPC", "No formal relationship with prescribing entity", "other", "aupc", "No formal relationship with a prescriber of medication for alcohol use disorder", "Sin relación formal con un prescriptor de medicamentos para el trastorno por consumo de alcohol"),
    ("substance", "AURPE", "Other contracted prescribing entity", "other", "aurpe", "Medication for alcohol use disorder prescribed by another contracted prescriber", "Medicamentos para el trastorno por consumo de alcohol recetados por otro prescriptor contratado"),
    ("substance", "BABA", "Breathalyzer or blood alcohol testing", "other", "baba", "Breath or blood alcohol testing", "Prueba de alcohol en el aliento o en la sangre"),
    ("substance", "BC", "Residential beds for clients' children", "extra-help", "beds-for-children", "Residential beds for the children of people in treatment", "Camas residenciales para los hijos de las personas en tratamiento"),
    ("substance", "BDTX", "Benzodiazepines Detoxification", "level-of-care", "detox", "Benzodiazepine detox", "Desintoxicación de benzodiacepinas"),
    ("substance", "BERI", "Buprenorphine (extended-release, injectable)", "medications", "buprenorphine", "Buprenorphine (extended-release injection)", "Buprenorfina (inyección de liberación prolongada)"),
    ("substance", "BIA", "Brief intervention", "other", "bia", "Brief intervention", "Intervención breve"),
    ("substance", "BSDM", "Buprenorphine sub-dermal implant", "medications", "buprenorphine", "Buprenorphine implant (under the skin)", "Implante de buprenorfina (debajo de la piel)"),
    ("substance", "BU", "Buprenorphine used in Treatment", "medications", "buprenorphine", "Uses buprenorphine in treatment", "Usa buprenorfina en el tratamiento"),
    ("substance", "BUM", "Buprenorphine maintenance", "medications", "buprenorphine", "Buprenorphine maintenance", "Tratamiento de mantenimiento con buprenorfina"),
    ("substance", "BWN", "Buprenorphine with naloxone", "medications", "buprenorphine", "Buprenorphine with naloxone", "Buprenorfina con naloxona"),
    ("substance", "BWON", "Buprenorphine without naloxone", "medications", "buprenorphine", "Buprenorphine without naloxone", "Buprenorfina sin naloxona"),
    ("substance", "CARF", "Commission on Accreditation of Rehabilitation Facilities (CARF)", "other", "carf", "Accredited by CARF (Commission on Accreditation of Rehabilitation Facilities)", "Acreditado por CARF (Comisión de Acreditación de Centros de Rehabilitación)"),
    ("substance", "CBT", "Cognitive behavioral therapy", "other", "cbt", "Cognitive behavioral therapy", "Terapia cognitivo-conductual"),
    ("substance", "CCC", "Child care for clients' children", "extra-help", "childcare", "Child care for the children of people in treatment", "Cuidado infantil para los hijos de las personas en tratamiento"),
    ("substance", "CDTX", "Cocaine Detoxification", "level-of-care", "detox", "Cocaine detox", "Desintoxicación de cocaína"),
    ("substance", "CHLD", "Children/Adolescents", "population", "adolescents", "Accepts children and adolescents", "Acepta a niños y adolescentes"),
    ("substance", "CJ", "Criminal justice (other than DUI/DWI)/Forensic clients", "population", "justice-involved", "Programs for people involved with the justice system (other than DUI/DWI)", "Programas para personas involucradas con el sistema de justicia (aparte de DUI/DWI)"),
    ("substance", "CLND", "Clonidine", "medications", "withdrawal-medication", "Clonidine", "Clonidina"),
    ("substance", "CM", "Case management service", "extra-help", "case-management", "Case management", "Gestión de casos"),
    ("substance", "CMHA", "Comprehensive mental health assessment", "other", "cmha", "Comprehensive mental health assessment", "Evaluación integral de salud mental"),
    ("substance", "CMI", "Contingency management/motivational incentives", "other", "cmi", "Contingency management (motivational incentives)", "Manejo de contingencias (incentivos motivacionales)"),
    ("substance", "CO", "Clients with co-occurring mental and substance use disorders", "focus", "co-occurring", "Program for people with both mental health and substance use conditions", "Programa para personas con afecciones de salud mental y de consumo de sustancias a la vez"),
    ("substance", "COA", "Council on Accreditation (COA)", "other", "coa", "Accredited by the Council on Accreditation (COA)", "Acreditado por el Consejo de Acreditación (COA)"),
    ("substance", "COPSU", "Clients with co-occurring pain and substance use disorders", "population", "chronic-pain", "Programs for people living with both pain and a substance use disorder", "Programas para personas que viven con dolor y con un trastorno por consumo de sustancias"),
    ("substance", "CRV", "Community reinforcement plus vouchers", "other", "crv", "Community reinforcement approach with vouchers", "Refuerzo comunitario con vales"),
    ("substance", "CSAA", "Comprehensive substance use assessment", "other", "csaa", "Comprehensive substance use assessment", "Evaluación integral del consumo de sustancias"),
    ("substance", "DAOF", "Drug and alcohol oral fluid testing", "other", "daof", "Drug and alcohol testing with oral fluid (saliva)", "Prueba de drogas y alcohol en fluido oral (saliva)"),
    ("substance", "DAUT", "Drug or alcohol urine screening", "other", "daut", "Drug or alcohol urine testing", "Prueba de drogas o alcohol en orina"),
    ("substance", "DB", "Buprenorphine detoxification", "medications", "buprenorphine", "Withdrawal care (detox) with buprenorphine", "Desintoxicación con buprenorfina"),
    ("substance", "DDF", "Department of Defense", "other", "ddf", "Run by the Department of Defense", "Administrado por el Departamento de Defensa"),
    ("substance", "DEA", "Drug Enforcement Agency (DEA)", "other", "dea", "Registered with the Drug Enforcement Administration (DEA)", "Registrado ante la Administración de Control de Drogas (DEA)"),
    ("substance", "DLC", "Lofexidine or Clonidine detoxification", "medications", "withdrawal-medication", "Withdrawal care (detox) with lofexidine or clonidine", "Desintoxicación con lofexidina o clonidina"),
    ("substance", "DM", "Methadone detoxification", "medications", "methadone", "Withdrawal care (detox) with methadone", "Desintoxicación con metadona"),
    ("substance", "DP", "Discharge Planning", "other", "dp", "Discharge planning", "Planificación del alta"),
    ("substance", "DSF", "Disulfiram", "medications", "alcohol-medication", "Disulfiram", "Disulfiram"),
    ("substance", "DT", "Detoxification", "level-of-care", "detox", "Detox (withdrawal management)", "Desintoxicación (manejo de la abstinencia)"),
    ("substance", "DU", "Specially designed program for DUI/DWI clients", "population", "dui-dwi", "Programs for people with a DUI/DWI", "Programas para personas con una infracción por conducir bajo los efectos del alcohol o las drogas (DUI/DWI)"),
    ("substance", "DUO", "Serves only DUI/DWI clients", "population", "dui-dwi", "Serves only people with a DUI/DWI", "Atiende solo a personas con una infracción por conducir bajo los efectos del alcohol o las drogas (DUI/DWI)"),
    ("substance", "DV", "Clients who have experienced intimate partner violence, domestic violence", "population", "trauma", "Programs for people who have experienced intimate partner or domestic violence", "Programas para personas que han sufrido violencia de pareja o violencia doméstica"),
    ("substance", "DVFP", "Domestic violence services, including family or partner", "extra-help", "domestic-violence-services", "Domestic violence services, including for family members and partners", "Servicios relacionados con la violencia doméstica, también para familiares y parejas"),
    ("substance", "EIH", "Early intervention for HIV", "other", "eih", "Early intervention for HIV", "Intervención temprana para el VIH"),
    ("substance", "EMP", "Employment counseling or training", "extra-help", "employment", "Employment counseling or training", "Orientación o capacitación laboral"),
    ("substance", "F17", "Any Chinese Language", "language", "chinese", "Chinese (any variety)", "Chino (cualquier variedad)"),
    ("substance", "F19", "Creole", "language", "creole", "Creole", "Criollo"),
    ("substance", "F25", "Farsi", "language", "farsi", "Farsi (Persian)", "Farsi (persa)"),
    ("substance", "F28", "French", "language", "french", "French", "Francés"),
    ("substance", "F30", "German", "language", "german", "German", "Alemán"),
    ("substance", "F31", "Greek", "language", "greek", "Greek", "Griego"),
    ("substance", "F35", "Hebrew", "language", "hebrew", "Hebrew", "Hebreo"),
    ("substance", "F36", "Hindi", "language", "hindi", "Hindi", "Hindi"),
    ("substance", "F37", "Hmong", "language", "hmong", "Hmong", "Hmong"),
    ("substance", "F4", "Arabic", "language", "arabic", "Arabic", "Árabe"),
    ("substance", "F42", "Italian", "language", "italian", "Italian", "Italiano"),
    ("substance", "F43", "Japanese", "language", "japanese", "Japanese", "Japonés"),
    ("substance", "F47", "Korean", "language", "korean", "Korean", "Coreano"),
    ("substance", "F66", "Polish", "language", "polish", "Polish", "Polaco"),
    ("substance", "F67", "Portuguese", "language", "portuguese", "Portuguese", "Portugués"),
    ("substance", "F70", "Russian", "language", "russian", "Russian", "Ruso"),
    ("substance", "F81", "Tagalog", "language", "tagalog", "Tagalog", "Tagalo"),
    ("substance", "F92", "Vietnamese", "language", "vietnamese", "Vietnamese", "Vietnamita"),
    ("substance", "FCO", "Family counseling", "other", "fco", "Family counseling", "Consejería familiar"),
    ("substance", "FED", "Federal Government", "other", "fed", "Run by the federal government", "Administrado por el gobierno federal"),
    ("substance", "FEM", "Female", "population", "accepts-women", "Accepts women", "Acepta a mujeres"),
    ("substance", "FQHC", "Federally Qualified Health Center", "other", "fqhc", "Federally qualified health center", "Centro de salud con calificación federal (FQHC)"),
    ("substance", "FSA", "Federal, or any government funding for substance use treatment programs", "other", "fsa", "Receives federal or other government funding for substance use treatment", "Recibe fondos federales u otros fondos públicos para el tratamiento por consumo de sustancias"),
    ("substance", "FX", "Other languages (excluding Spanish)", "language", "other-languages", "Languages other than English and Spanish", "Idiomas distintos del inglés y el español"),
    ("substance", "GCO", "Group counseling", "other", "gco", "Group counseling", "Consejería grupal"),
    ("substance", "GH", "General Hospital (including VA hospital)", "other", "gh", "General hospital (including VA hospitals)", "Hospital general (incluidos los hospitales del VA)"),
    ("substance", "GL", "Lesbian, gay, bisexual, transgender, or queer/questioning (LGBTQ)", "population", "lgbtq", "Programs for LGBTQ+ people", "Programas para personas LGBTQ+"),
    ("substance", "HAEC", "HIV or AIDS education, counseling, or support", "other", "haec", "HIV or AIDS education, counseling or support", "Educación, consejería o apoyo sobre el VIH o el sida"),
    ("substance", "HAV", "Hepatitis A (HAV) vaccination", "extra-help", "hepatitis-vaccination", "Hepatitis A vaccination", "Vacuna contra la hepatitis A"),
    ("substance", "HBT", "Testing for Hepatitis B (HBV)", "extra-help", "hepatitis-testing", "Hepatitis B testing", "Prueba de hepatitis B"),
    ("substance", "HBV", "Hepatitis B (HBV) vaccination", "extra-help", "hepatitis-vaccination", "Hepatitis B vaccination", "Vacuna contra la hepatitis B"),
    ("substance", "HCT", "Testing for Hepatitis C (HCV)", "extra-help", "hepatitis-testing", "Hepatitis C testing", "Prueba de hepatitis C"),
    ("substance", "HEOH", "Health education services other than HIV/AIDS or hepatitis", "other", "heoh", "Health education (other than HIV/AIDS or hepatitis)", "Educación para la salud (aparte del VIH/sida o la hepatitis)"),
    ("substance", "HFAP", "Healthcare Facilities Accreditation Program (HFAP)", "other", "hfap", "Accredited by the Healthcare Facilities Accreditation Program (HFAP)", "Acreditado por el Programa de Acreditación de Centros de Salud (HFAP)"),
    ("substance", "HH", "Transitional housing, halfway house, or sober home", "level-of-care", "recovery-housing", "Recovery housing (transitional housing, halfway house or sober living home)", "Vivienda de recuperación (vivienda de transición, casa de medio camino o vivienda libre de sustancias)"),
    ("substance", "HI", "Hospital inpatient/24-hour hospital inpatient", "level-of-care", "hospital-inpatient", "Hospital inpatient care (24 hours)", "Hospitalización (atención las 24 horas)"),
    ("substance", "HID", "Hospital inpatient detoxification", "level-of-care", "detox", "Detox in a hospital (inpatient)", "Desintoxicación con hospitalización"),
    ("substance", "HIT", "Hospital inpatient treatment", "level-of-care", "hospital-inpatient", "Hospital inpatient treatment", "Tratamiento con hospitalización"),
    ("substance", "HIVT", "HIV testing", "extra-help", "hiv-testing", "HIV testing", "Prueba del VIH"),
    ("substance", "HLA", "Hospital licensing authority", "other", "hla", "Licensed by a hospital licensing authority", "Con licencia de una autoridad de licencias hospitalarias"),
    ("substance", "HS", "Housing services", "extra-help", "housing", "Housing services", "Servicios de vivienda"),
    ("substance", "HV", "Clients with HIV or AIDS", "population", "hiv", "Programs for people living with HIV", "Programas para personas que viven con el VIH"),
    ("substance", "ICO", "Individual counseling", "other", "ico", "Individual counseling", "Consejería individual"),
    ("substance", "IH", "Indian Health Services", "other", "ih", "Run by the Indian Health Service", "Administrado por el Servicio de Salud Indígena (IHS)"),
    ("substance", "INPE", "In-network prescribing entity", "other", "inpe", "Medication for opioid use disorder prescribed by an in-network prescriber", "Medicamentos para el trastorno por consumo de opioides recetados por un prescriptor de la red"),
    ("substance", "IPC", "Integrated primary care services", "extra-help", "primary-care", "Integrated primary care", "Atención primaria integrada"),
    ("substance", "ISC", "Interim services for clients", "other", "isc", "Interim services while waiting for treatment", "Servicios provisionales mientras espera el tratamiento"),
    ("substance", "ITU", "IHS/Tribal/Urban (ITU) funds", "payment", "indian-health", "Indian Health Service, tribal or urban Indian health (ITU) funds", "Fondos del Servicio de Salud Indígena, tribales o de salud indígena urbana (ITU)"),
    ("substance", "JC", "The Joint Commission", "other", "jc", "Accredited by The Joint Commission", "Acreditado por The Joint Commission"),
    ("substance", "LCCG", "Local, county, or community government", "other", "lccg", "Run by a local, county or community government", "Administrado por un gobierno local, del condado o comunitario"),
    ("substance", "LFXD", "Lofexidine", "medications", "withdrawal-medication", "Lofexidine", "Lofexidina"),
    ("substance", "MALE", "Male", "population", "accepts-men", "Accepts men", "Acepta a hombres"),
    ("substance", "MC", "Medicare", "payment", "medicare", "Medicare", "Medicare"),
    ("substance", "MCO", "Marital/couples counseling", "other", "mco", "Marriage or couples counseling", "Consejería matrimonial o de pareja"),
    ("substance", "MD", "Medicaid", "payment", "medicaid", "Medicaid", "Medicaid"),
    ("substance", "MDET", "Medication routinely used during detoxification", "medications", "withdrawal-medication", "Medication routinely used to ease withdrawal during detox", "Medicamentos que se usan habitualmente para aliviar la abstinencia durante la desintoxicación"),
    ("substance", "MDTX", "Methamphetamines detoxification", "level-of-care", "detox", "Methamphetamine detox", "Desintoxicación de metanfetamina"),
    ("substance", "METH", "Methadone", "medications", "methadone", "Methadone", "Metadona"),
    ("substance", "MF", "Members of military families", "population", "military-families", "Programs for military families", "Programas para familias de militares"),
    ("substance", "MHCV", "Medications for Hepatitis C treatment", "extra-help", "hepatitis-c-treatment", "Medication to treat hepatitis C", "Medicamentos para tratar la hepatitis C"),
    ("substance", "MHIV", "Medications for HIV treatment", "extra-help", "hiv-treatment", "Medication to treat HIV", "Medicamentos para tratar el VIH"),
    ("substance", "MHPA", "Complete medical history/physical exam", "other", "mhpa", "Complete medical history and physical exam", "Historia clínica completa y examen físico"),
    ("substance", "MHS", "Mental health services", "focus", "mental-health", "Mental health services", "Servicios de salud mental"),
    ("substance", "MI", "Federal military insurance (e.g., TRICARE)", "payment", "military-insurance", "Military insurance (such as TRICARE)", "Seguro militar (como TRICARE)"),
    ("substance", "MM", "Methadone maintenance", "medications", "methadone", "Methadone maintenance", "Tratamiento de mantenimiento con metadona"),
    ("substance", "MMD", "Medication for mental disorders", "medications", "mental-health-medication", "Medication for mental health conditions", "Medicamentos para afecciones de salud mental"),
    ("substance", "MN", "Adult men", "population", "men", "Programs for men", "Programas para hombres"),
    ("substance", "MOA", "Accepts clients using MAT but prescribed elsewhere", "medications", "outside-prescription", "Accepts people who take medication for opioid use disorder prescribed elsewhere", "Acepta a personas que toman medicamentos para el trastorno por consumo de opioides recetados en otro lugar"),
    ("substance", "MOTI", "Motivational interviewing", "other", "moti", "Motivational interviewing", "Entrevista motivacional"),
    ("substance", "MPEP", "Medications for pre-exposure to prophylaxis", "extra-help", "hiv-prep", "Medication to prevent HIV (pre-exposure prophylaxis, PrEP)", "Medicamentos para prevenir el VIH (profilaxis previa a la exposición, PrEP)"),
    ("substance", "MST", "Metabolic syndrome monitoring", "other", "mst", "Metabolic syndrome monitoring", "Control del síndrome metabólico"),
    ("substance", "MU", "Methadone used in Treatment", "medications", "methadone", "Uses methadone in treatment", "Usa metadona en el tratamiento"),
    ("substance", "MWS", "Maintenance service with medically supervised withdrawal after stabilization", "other", "mws", "Maintenance treatment, with medically supervised tapering after stabilization", "Tratamiento de mantenimiento, con reducción gradual supervisada por un médico después de la estabilización"),
    ("substance", "MXM", "Matrix Model", "other", "mxm", "Matrix Model", "Modelo Matrix"),
    ("substance", "N24", "Ojibwa", "language", "ojibwa", "Ojibwa", "Ojibwa"),
    ("substance", "N40", "Yupik", "language", "yupik", "Yupik", "Yupik"),
    ("substance", "NAUT", "Does not treat alcohol use disorder", "other", "naut", "Does not treat alcohol use disorder", "No trata el trastorno por consumo de alcohol"),
    ("substance", "NCQA", "National Committee for Quality Assurance (NCQA)", "other", "ncqa", "Accredited by the National Committee for Quality Assurance (NCQA)", "Acreditado por el Comité Nacional de Garantía de Calidad (NCQA)"),
    ("substance", "NMAUT", "Does not use medication assisted treatment for alcohol use disorder", "other", "nmaut", "Does not offer medication for alcohol use disorder", "No ofrece medicamentos para el trastorno por consumo de alcohol"),
    ("substance", "NMOA", "Does not use MAT for opioid use disorders", "other", "nmoa", "Does not offer medication for opioid use disorder", "No ofrece medicamentos para el trastorno por consumo de opioides"),
    ("substance", "NOE", "Naloxone and overdose education", "extra-help", "naloxone", "Naloxone and overdose education", "Naloxona y educación sobre sobredosis"),
    ("substance", "NOOP", "Does not treat opioid use disorders", "other", "noop", "Does not treat opioid use disorder", "No trata el trastorno por consumo de opioides"),
    ("substance", "NP", "No payment accepted", "payment", "free", "Free of charge (no payment accepted)", "Gratuito (no se acepta pago)"),
    ("substance", "NRT", "Nicotine replacement", "extra-help", "quit-tobacco", "Nicotine replacement therapy", "Terapia de reemplazo de nicotina"),
    ("substance", "NSC", "Non-nicotine smoking/tobacco cessation", "extra-help", "quit-tobacco", "Non-nicotine medication to quit smoking or tobacco", "Medicamentos sin nicotina para dejar de fumar o de consumir tabaco"),
    ("substance", "NU", "Naltrexone used in Treatment", "medications", "naltrexone", "Uses naltrexone in treatment", "Usa naltrexona en el tratamiento"),
    ("substance", "NX", "American Indian or Alaska Native languages", "language", "indigenous-languages", "American Indian or Alaska Native languages", "Lenguas indígenas de Estados Unidos o de Alaska"),
    ("substance", "NXN", "Naltrexone (oral)", "medications", "naltrexone", "Naltrexone (oral)", "Naltrexona (por vía oral)"),
    ("substance", "OD", "Outpatient detoxification", "level-of-care", "detox", "Outpatient detox", "Desintoxicación ambulatoria"),
    ("substance", "ODT", "Outpatient day treatment or partial hospitalization", "level-of-care", "partial-hospitalization", "Day treatment or partial hospitalization", "Tratamiento diurno u hospitalización parcial"),
    ("substance", "ODTX", "Opioids detoxification", "level-of-care", "detox", "Opioid detox", "Desintoxicación de opioides"),
    ("substance", "OFD", "Outcome follow-up after discharge", "other", "ofd", "Follow-up after discharge", "Seguimiento después del alta"),
    ("substance", "OIT", "Intensive outpatient treatment", "level-of-care", "intensive-outpatient", "Intensive outpatient treatment", "Tratamiento ambulatorio intensivo"),
    ("substance", "OMB", "Outpatient methadone/buprenorphine or naltrexone treatment", "level-of-care", "outpatient", "Outpatient treatment with methadone, buprenorphine or naltrexone", "Tratamiento ambulatorio con metadona, buprenorfina o naltrexona"),
    ("substance", "OP", "Outpatient", "level-of-care", "outpatient", "Outpatient care", "Atención ambulatoria"),
    ("substance", "OPC", "Outreach to persons in the community", "other", "opc", "Outreach to people in the community", "Acercamiento a personas en la comunidad"),
    ("substance", "ORT", "Regular outpatient treatment", "level-of-care", "outpatient", "Regular outpatient treatment", "Tratamiento ambulatorio regular"),
    ("substance", "OTP", "Federally-certified Opioid Treatment Program", "medications", "certified-otp", "Federally certified opioid treatment program (OTP)", "Programa de tratamiento de opioides (OTP) con certificación federal"),
    ("substance", "OUDO", "Opioid use disorder clients only", "other", "oudo", "Serves only people with opioid use disorder", "Atiende solo a personas con trastorno por consumo de opioides"),
    ("substance", "PA", "Payment assistance (check with facility for details)", "payment", "payment-assistance", "Help paying for care (ask the facility for details)", "Ayuda para pagar la atención (consulte los detalles con el centro)"),
    ("substance", "PAIN", "Use methadone/buprenorphine for pain management or emergency dosing", "other", "pain", "Uses methadone or buprenorphine for pain management or emergency dosing", "Usa metadona o buprenorfina para el manejo del dolor o para dosis de emergencia"),
    ("substance", "PC", "No formal relationship with prescribing entity", "other", "pc", "No formal relationship with a prescriber of medication for opioid use disorder", "Sin relación formal con un prescriptor de medicamentos para el trastorno por consumo de opioides"),
    ("substance", "PEER", "Mentoring/peer support", "extra-help", "peer-support", "Mentoring and peer support", "Mentoría y apoyo entre pares"),
    ("substance", "PI", "Private health insurance", "payment", "private-insurance", "Private health insurance", "Seguro médico privado"),
    ("substance", "PIEC", "Professional interventionist/educational consultant", "other", "piec", "Professional interventionist or educational consultant", "Intervencionista profesional o asesor educativo"),
    ("substance", "PMAT", "This facility administers/prescribes medication for alcohol use disorder", "medications", "alcohol-medication", "Gives or prescribes medication for alcohol use disorder", "Administra o receta medicamentos para el trastorno por consumo de alcohol"),
    ("substance", "PSYH", "Psychiatric hospital", "level-of-care", "hospital-inpatient", "Psychiatric hospital", "Hospital psiquiátrico"),
    ("substance", "PVTN", "Private non-profit organization", "other", "pvtn", "Private non-profit organization", "Organización privada sin fines de lucro"),
    ("substance", "PVTP", "Private for-profit organization", "other", "pvtp", "Private for-profit organization", "Organización privada con fines de lucro"),
    ("substance", "PW", "Pregnant/postpartum women", "population", "pregnant-postpartum", "Programs for pregnant and postpartum people", "Programas para personas embarazadas o en el posparto"),
    ("substance", "RC", "Recovery coach", "extra-help", "peer-support", "Recovery coach", "Coach de recuperación"),
    ("substance", "RD", "Residential detoxification", "level-of-care", "detox", "Residential detox", "Desintoxicación residencial"),
    ("substance", "RELP", "Relapse prevention", "other", "relp", "Support to prevent a return to use (relapse prevention)", "Apoyo para evitar volver al consumo (prevención de recaídas)"),
    ("substance", "RES", "Residential/24-hour residential", "level-of-care", "residential", "Residential care (24 hours)", "Atención residencial (24 horas)"),
    ("substance", "RL", "Long-term residential", "level-of-care", "residential", "Long-term residential treatment", "Tratamiento residencial a largo plazo"),
    ("substance", "RPE", "Other contracted prescribing entity", "other", "rpe", "Medication for opioid use disorder prescribed by another contracted prescriber", "Medicamentos para el trastorno por consumo de opioides recetados por otro prescriptor contratado"),
    ("substance", "RPN", "Relapse prevention with naltrexone", "medications", "naltrexone", "Naltrexone to help prevent a return to use (relapse prevention)", "Naltrexona para ayudar a evitar volver al consumo (prevención de recaídas)"),
    ("substance", "RS", "Short-term residential", "level-of-care", "residential", "Short-term residential treatment", "Tratamiento residencial a corto plazo"),
    ("substance", "SA", "Substance use treatment", "focus", "substance-use", "Substance use treatment", "Tratamiento por consumo de sustancias"),
    ("substance", "SACA", "Substance use disorder counseling", "other", "saca", "Substance use counseling", "Consejería sobre el consumo de sustancias"),
    ("substance", "SAE", "Substance use disorder education", "other", "sae", "Education about substance use disorders", "Educación sobre los trastornos por consumo de sustancias"),
    ("substance", "SAMF", "SAMHSA funding/block grants", "other", "samf", "Receives SAMHSA funding or block grants", "Recibe fondos o subvenciones en bloque de SAMHSA"),
    ("substance", "SE", "Seniors or older adults", "population", "seniors", "Programs for older adults", "Programas para adultos mayores"),
    ("substance", "SF", "Cash or self-payment", "payment", "cash", "Cash or self-payment", "Pago en efectivo o por cuenta propia"),
    ("substance", "SHG", "Self-help groups", "other", "shg", "Self-help groups", "Grupos de autoayuda"),
    ("substance", "SI", "State-financed health insurance plan other than Medicaid", "payment", "state-insurance", "State health insurance plan other than Medicaid", "Plan de seguro médico estatal distinto de Medicaid"),
    ("substance", "SMHD", "Screening for mental disorders", "other", "smhd", "Mental health screening", "Detección de problemas de salud mental"),
    ("substance", "SMON", "Smoking not permitted", "other", "smon", "Smoking not allowed", "No se permite fumar"),
    ("substance", "SMOP", "Smoking permitted without restriction", "other", "smop", "Smoking allowed without restriction", "Se permite fumar sin restricciones"),
    ("substance", "SMPD", "Smoking permitted in designated area", "other", "smpd", "Smoking allowed in designated areas", "Se permite fumar en áreas designadas"),
    ("substance", "SNR", "Seniors", "population", "seniors", "Accepts older adults", "Acepta a adultos mayores"),
    ("substance", "SOTP", "SAMHSA certification for opioid treatment program (OTP)", "medications", "certified-otp", "SAMHSA-certified opioid treatment program (OTP)", "Programa de tratamiento de opioides (OTP) certificado por SAMHSA"),
    ("substance", "SP", "Spanish", "language", "spanish", "Spanish", "Español"),
    ("substance", "SPS", "Suicide prevention services", "extra-help", "suicide-prevention", "Suicide prevention services", "Servicios de prevención del suicidio"),
    ("substance", "SS", "Sliding fee scale (fee is based on income and other factors)", "payment", "sliding-fee", "Sliding fee scale (the fee depends on income and other factors)", "Tarifa según ingresos (escala móvil que depende de los ingresos y otros factores)"),
    ("substance", "SSA", "Screening for substance use", "other", "ssa", "Substance use screening", "Detección del consumo de sustancias"),
    ("substance", "SSD", "Social skills development", "other", "ssd", "Social skills development", "Desarrollo de habilidades sociales"),
    ("substance", "STAG", "State Substance use treatment agency", "other", "stag", "Licensed or certified by the state substance use agency", "Con licencia o certificación de la agencia estatal de tratamiento por consumo de sustancias"),
    ("substance", "STDH", "State department of health", "other", "stdh", "Licensed or certified by the state department of health", "Con licencia o certificación del departamento de salud estatal"),
    ("substance", "STDT", "STD testing", "extra-help", "sti-testing", "Testing for sexually transmitted infections (STIs)", "Pruebas de infecciones de transmisión sexual (ITS)"),
    ("substance", "STG", "State government", "other", "stg", "Run by a state government", "Administrado por un gobierno estatal"),
    ("substance", "STMH", "State mental health department", "other", "stmh", "Licensed or certified by the state mental health department", "Con licencia o certificación del departamento estatal de salud mental"),
    ("substance", "STU", "Screening for tobacco use", "other", "stu", "Tobacco use screening", "Detección del consumo de tabaco"),
    ("substance", "SUMH", "Treatment for co-occurring substance use plus either serious mental health illness in adults/serious emotional disturbance in children", "focus", "co-occurring", "Treatment for substance use together with serious mental illness (adults) or serious emotional disturbance (children)", "Tratamiento del consumo de sustancias junto con enfermedades mentales graves (adultos) o trastornos emocionales graves (niños)"),
    ("substance", "TA", "Transportation assistance", "extra-help", "transportation", "Help with transportation", "Ayuda con el transporte"),
    ("substance", "TAEC", "Hepatitis education, counseling, or support", "other", "taec", "Hepatitis education, counseling or support", "Educación, consejería o apoyo sobre la hepatitis"),
    ("substance", "TAY", "Young adults", "population", "young-adults", "Programs for young adults", "Programas para adultos jóvenes"),
    ("substance", "TBG", "Tribal government", "other", "tbg", "Run by a tribal government", "Administrado por un gobierno tribal"),
    ("substance", "TBS", "TB screening", "other", "tbs", "Tuberculosis (TB) screening", "Detección de tuberculosis"),
    ("substance", "TCC", "Smoking/vaping/tobacco cessation counseling", "extra-help", "quit-tobacco", "Counseling to quit smoking, vaping or tobacco", "Consejería para dejar de fumar, de vapear o de consumir tabaco"),
    ("substance", "TELE", "Telemedicine/telehealth therapy", "level-of-care", "telehealth", "Telehealth therapy (remote care by video or phone)", "Terapia por telesalud (atención a distancia por video o teléfono)"),
    ("substance", "TGD", "Treatment for gambling disorder", "other", "tgd", "Treatment for gambling disorder", "Tratamiento del trastorno por juego de apuestas"),
    ("substance", "TOD", "Treatment for other addiction disorder", "other", "tod", "Treatment for other addictive disorders", "Tratamiento de otros trastornos adictivos"),
    ("substance", "TRC", "Trauma-related counseling", "other", "trc", "Trauma-related counseling", "Consejería relacionada con el trauma"),
    ("substance", "TRMA", "Clients who have experienced trauma", "population", "trauma", "Programs for people who have experienced trauma", "Programas para personas que han vivido un trauma"),
    ("substance", "TWFA", "12-step facilitation", "other", "twfa", "12-step facilitation", "Facilitación de los 12 pasos"),
    ("substance", "UB", "Prescribes buprenorphine", "medications", "buprenorphine", "Prescribes buprenorphine", "Receta buprenorfina"),
    ("substance", "UN", "Prescribes naltrexone", "medications", "naltrexone", "Prescribes naltrexone", "Receta naltrexona"),
    ("substance", "VAMC", "U.S. Department of Veterans Affairs", "other", "vamc", "Run by the U.S. Department of Veterans Affairs", "Administrado por el Departamento de Asuntos de Veteranos de EE. UU."),
    ("substance", "VAPN", "Vaping not permitted", "other", "vapn", "Vaping not allowed", "No se permite vapear"),
    ("substance", "VAPP", "Vaping permitted without restriction", "other", "vapp", "Vaping allowed without restriction", "Se permite vapear sin restricciones"),
    ("substance", "VET", "Veterans", "population", "veterans", "Programs for veterans", "Programas para veteranos"),
    ("substance", "VOC", "Vocational training or educational support (for example, high school coursework, GED preparation, etc.)®", "extra-help", "employment", "Vocational training or educational support (for example high school coursework or GED preparation)", "Capacitación vocacional o apoyo educativo (por ejemplo, cursos de secundaria o preparación para el GED)"),
    ("substance", "VPPD", "Vaping permitted in designated area", "other", "vppd", "Vaping allowed in designated areas", "Se permite vapear en áreas designadas"),
    ("substance", "VTRL", "Naltrexone (extended-release, injectable)", "medications", "naltrexone", "Naltrexone (extended-release injection)", "Naltrexona (inyección de liberación prolongada)"),
    ("substance", "WN", "Adult women", "population", "women", "Programs for women", "Programas para mujeres"),
    ("substance", "XA", "Clients who have experienced sexual abuse", "population", "trauma", "Programs for people who have experienced sexual abuse", "Programas para personas que han sufrido abuso sexual"),
    ("substance", "YAD", "Young Adults", "population", "young-adults", "Accepts young adults", "Acepta a adultos jóvenes"),
    ("mental", "ACT", "Assertive community treatment", "other", "act", "Assertive community treatment", "Tratamiento comunitario asertivo"),
    ("mental", "ADLT", "Adults", "population", "adults", "Accepts adults", "Acepta a adultos"),
    ("mental", "ADM", "Active duty military", "population", "military", "Programs for active-duty military members", "Programas para militares en servicio activo"),
    ("mental", "AH", "Sign language services for the deaf and hard of hearing", "language", "sign-language", "Sign language services for people who are deaf or hard of hearing", "Servicios en lengua de señas para personas sordas o con dificultades auditivas"),
    ("mental", "AIM", "Abnormal involuntary movement scale", "other", "aim", "Abnormal Involuntary Movement Scale (AIMS) screening", "Evaluación con la Escala de Movimientos Involuntarios Anormales (AIMS)"),
    ("mental", "ALZ", "Persons with Alzheimer's or dementia", "population", "dementia", "Programs for people with Alzheimer's disease or dementia", "Programas para personas con la enfermedad de Alzheimer o demencia"),
    ("mental", "ANTPYCH", "Antipsychotics used in treatment of SMI", "medications", "mental-health-medication", "Antipsychotic medication for serious mental illness", "Medicamentos antipsicóticos para enfermedades mentales graves"),
    ("mental", "AOT", "Assisted Outpatient Treatment", "other", "aot", "Assisted outpatient treatment (court-ordered)", "Tratamiento ambulatorio asistido (por orden judicial)"),
    ("mental", "ARIPI", "Aripiprazole", "other", "aripi", "Aripiprazole", "Aripiprazol"),
    ("mental", "ASENA", "Asenapine", "other", "asena", "Asenapine", "Asenapina"),
    ("mental", "AT", "Activity therapy", "other", "at", "Activity therapy", "Terapia de actividades"),
    ("mental", "BREXP", "Brexpiprazole", "other", "brexp", "Brexpiprazole", "Brexpiprazol"),
    ("mental", "CARIP", "Cariprazine", "other", "carip", "Cariprazine", "Cariprazina"),
    ("mental", "CBHC", "Certified Community Behavioral Health Clinic", "other", "cbhc", "Certified community behavioral health clinic", "Clínica comunitaria certificada de salud conductual"),
    ("mental", "CBT", "Cognitive behavioral therapy", "other", "cbt", "Cognitive behavioral therapy", "Terapia cognitivo-conductual"),
    ("mental", "CDM", "Chronic disease/illness management", "other", "cdm", "Chronic disease and illness management", "Manejo de enfermedades crónicas"),
    ("mental", "CFT", "Couples/family therapy", "other", "cft", "Couples and family therapy", "Terapia de pareja y familiar"),
    ("mental", "CHLD", "Children/Adolescents", "population", "adolescents", "Accepts children and adolescents", "Acepta a niños y adolescentes"),
    ("mental", "CHLOR", "Chlorpromazine", "other", "chlor", "Chlorpromazine", "Clorpromazina"),
    ("mental", "CIT", "Crisis intervention team", "extra-help", "crisis-care", "Crisis intervention team", "Equipo de intervención en crisis"),
    ("mental", "CJ", "Criminal justice (other than DUI/DWI)/Forensic clients", "population", "justice-involved", "Programs for people involved with the justice system (other than DUI/DWI)", "Programas para personas involucradas con el sistema de justicia (aparte de DUI/DWI)"),
    ("mental", "CLF", "County or local government funds", "other", "clf", "Receives county or local government funds", "Recibe fondos del condado o del gobierno local"),
    ("mental", "CLOZA", "Clozapine", "other", "cloza", "Clozapine", "Clozapina"),
    ("mental", "CM", "Case management service", "extra-help", "case-management", "Case management", "Gestión de casos"),
    ("mental", "CMHC", "Community mental health center", "other", "cmhc", "Community mental health center", "Centro comunitario de salud mental"),
    ("mental", "CMHG", "Community Mental Health Block Grants", "other", "cmhg", "Receives community mental health block grants", "Recibe subvenciones en bloque para la salud mental comunitaria"),
    ("mental", "CO", "Clients with co-occurring mental and substance use disorders", "focus", "co-occurring", "Program for people with both mental health and substance use conditions", "Programa para personas con afecciones de salud mental y de consumo de sustancias a la vez"),
    ("mental", "COOT", "Court-ordered outpatient treatment", "other", "coot", "Court-ordered outpatient treatment", "Tratamiento ambulatorio por orden judicial"),
    ("mental", "CRT", "Cognitive remediation therapy", "other", "crt", "Cognitive remediation therapy", "Terapia de remediación cognitiva"),
    ("mental", "CSBG", "Community Service Block Grants", "other", "csbg", "Receives community services block grants", "Recibe subvenciones en bloque para servicios comunitarios"),
    ("mental", "DBT", "Dialectical behavior therapy", "other", "dbt", "Dialectical behavior therapy", "Terapia dialéctico-conductual"),
    ("mental", "DDF", "Department of Defense", "other", "ddf", "Run by the Department of Defense", "Administrado por el Departamento de Defensa"),
    ("mental", "DEC", "Diet and exercise counseling", "other", "dec", "Diet and exercise counseling", "Consejería sobre alimentación y ejercicio"),
    ("mental", "DROPE", "Droperidol", "other", "drope", "Droperidol", "Droperidol"),
    ("mental", "DV", "Clients who have experienced intimate partner violence, domestic violence", "population", "trauma", "Programs for people who have experienced intimate partner or domestic violence", "Programas para personas que han sufrido violencia de pareja o violencia doméstica"),
    ("mental", "ECT", "Electroconvulsive therapy", "other", "ect", "Electroconvulsive therapy", "Terapia electroconvulsiva"),
    ("mental", "EMDR", "Eye Movement Desensitization and Reprocessing therapy", "other", "emdr", "Eye movement desensitization and reprocessing (EMDR) therapy", "Terapia de desensibilización y reprocesamiento por movimientos oculares (EMDR)"),
    ("mental", "ES", "Education services", "other", "es", "Education services", "Servicios educativos"),
    ("mental", "F17", "Any Chinese Language", "language", "chinese", "Chinese (any variety)", "Chino (cualquier variedad)"),
    ("mental", "F19", "Creole", "language", "creole", "Creole", "Criollo"),
    ("mental", "F25", "Farsi", "language", "farsi", "Farsi (Persian)", "Farsi (persa)"),
    ("mental", "F28", "French", "language", "french", "French", "Francés"),
    ("mental", "F30", "German", "language", "german", "German", "Alemán"),
    ("mental", "F31", "Greek", "language", "greek", "Greek", "Griego"),
    ("mental", "F35", "Hebrew", "language", "hebrew", "Hebrew", "Hebreo"),
    ("mental", "F36", "Hindi", "language", "hindi", "Hindi", "Hindi"),
    ("mental", "F37", "Hmong", "language", "hmong", "Hmong", "Hmong"),
    ("mental", "F4", "Arabic", "language", "arabic", "Arabic", "Árabe"),
    ("mental", "F42", "Italian", "language", "italian", "Italian", "Italiano"),
    ("mental", "F43", "Japanese", "language", "japanese", "Japanese", "Japonés"),
    ("mental", "F47", "Korean", "language", "korean", "Korean", "Coreano"),
    ("mental", "F66", "Polish", "language", "polish", "Polish", "Polaco"),
    ("mental", "F67", "Portuguese", "language", "portuguese", "Portuguese", "Portugués"),
    ("mental", "F70", "Russian", "language", "russian", "Russian", "Ruso"),
    ("mental", "F81", "Tagalog", "language", "tagalog", "Tagalog", "Tagalo"),
    ("mental", "F92", "Vietnamese", "language", "vietnamese", "Vietnamese", "Vietnamita"),
    ("mental", "FED", "Federal Government", "other", "fed", "Run by the federal government", "Administrado por el gobierno federal"),
    ("mental", "FG", "Federal Grants", "other", "fg", "Receives federal grants", "Recibe subvenciones federales"),
    ("mental", "FLUPH", "Fluphenazine", "other", "fluph", "Fluphenazine", "Flufenazina"),
    ("mental", "FPSY", "Family psychoeducation", "other", "fpsy", "Family psychoeducation", "Psicoeducación familiar"),
    ("mental", "FQHC", "Federally Qualified Health Center", "other", "fqhc", "Federally qualified health center", "Centro de salud con calificación federal (FQHC)"),
    ("mental", "FX", "Other languages (excluding Spanish)", "language", "other-languages", "Languages other than English and Spanish", "Idiomas distintos del inglés y el español"),
    ("mental", "GL", "Lesbian, gay, bisexual, transgender, or queer/questioning (LGBTQ)", "population", "lgbtq", "Programs for LGBTQ+ people", "Programas para personas LGBTQ+"),
    ("mental", "GT", "Group therapy", "other", "gt", "Group therapy", "Terapia de grupo"),
    ("mental", "HALOP", "Haloperidol", "other", "halop", "Haloperidol", "Haloperidol"),
    ("mental", "HBT", "Testing for Hepatitis B (HBV)", "extra-help", "hepatitis-testing", "Hepatitis B testing", "Prueba de hepatitis B"),
    ("mental", "HCT", "Testing for Hepatitis C (HCV)", "extra-help", "hepatitis-testing", "Hepatitis C testing", "Prueba de hepatitis C"),
    ("mental", "HI", "Hospital inpatient/24-hour hospital inpatient", "level-of-care", "hospital-inpatient", "Hospital inpatient care (24 hours)", "Hospitalización (atención las 24 horas)"),
    ("mental", "HIVT", "HIV testing", "extra-help", "hiv-testing", "HIV testing", "Prueba del VIH"),
    ("mental", "HS", "Housing services", "extra-help", "housing", "Housing services", "Servicios de vivienda"),
    ("mental", "HV", "Clients with HIV or AIDS", "population", "hiv", "Programs for people living with HIV", "Programas para personas que viven con el VIH"),
    ("mental", "ICM", "Intensive case management", "extra-help", "case-management", "Intensive case management", "Gestión intensiva de casos"),
    ("mental", "IDD", "Integrated Mental and Substance Use Disorder treatment", "focus", "co-occurring", "Integrated mental health and substance use treatment", "Tratamiento integrado de salud mental y consumo de sustancias"),
    ("mental", "IH", "Indian Health Services", "other", "ih", "Run by the Indian Health Service", "Administrado por el Servicio de Salud Indígena (IHS)"),
    ("mental", "ILOPE", "IIoperidone", "other", "ilope", "Iloperidone", "Iloperidona"),
    ("mental", "IMR", "Illness management and recovery", "other", "imr", "Illness management and recovery", "Manejo de la enfermedad y recuperación"),
    ("mental", "IPC", "Integrated primary care services", "extra-help", "primary-care", "Integrated primary care", "Atención primaria integrada"),
    ("mental", "IPSY", "Separate inpatient psychiatric unit of a general hospital", "level-of-care", "hospital-inpatient", "Inpatient psychiatric unit of a general hospital", "Unidad psiquiátrica de hospitalización de un hospital general"),
    ("mental", "IPT", "Individual psychotherapy", "other", "ipt", "Individual psychotherapy", "Psicoterapia individual"),
    ("mental", "ITU", "IHS/Tribal/Urban (ITU) funds", "payment", "indian-health", "Indian Health Service, tribal or urban Indian health (ITU) funds", "Fondos del Servicio de Salud Indígena, tribales o de salud indígena urbana (ITU)"),
    ("mental", "KIT", "Ketamine Infusion Therapy", "other", "kit", "Ketamine infusion therapy", "Terapia de infusión de ketamina"),
    ("mental", "LABT", "Laboratory testing", "other", "labt", "Laboratory testing", "Análisis de laboratorio"),
    ("mental", "LAD", "Legal advocacy", "extra-help", "legal", "Legal advocacy", "Defensa legal"),
    ("mental", "LCCG", "Local, county, or community government", "other", "lccg", "Run by a local, county or community government", "Administrado por un gobierno local, del condado o comunitario"),
    ("mental", "LOXAP", "Loxapine", "other", "loxap", "Loxapine", "Loxapina"),
    ("mental", "LURAS", "Lurasidone", "other", "luras", "Lurasidone", "Lurasidona"),
    ("mental", "MC", "Medicare", "payment", "medicare", "Medicare", "Medicare"),
    ("mental", "MD", "Medicaid", "payment", "medicaid", "Medicaid", "Medicaid"),
    ("mental", "MF", "Members of military families", "population", "military-families", "Programs for military families", "Programas para familias de militares"),
    ("mental", "MH", "Mental health treatment", "focus", "mental-health", "Mental health treatment", "Tratamiento de salud mental"),
    ("mental", "MHC", "Mental health clinic or mental health center", "other", "mhc", "Mental health clinic or center", "Clínica o centro de salud mental"),
    ("mental", "MI", "Federal military insurance (e.g., TRICARE)", "payment", "military-insurance", "Military insurance (such as TRICARE)", "Seguro militar (como TRICARE)"),
    ("mental", "MSMH", "Multi-setting mental health facility (e.g., non-hospital residential plus either outpatient and/or partial hospitalization/day treatment)", "other", "msmh", "Mental health facility with more than one care setting (for example residential plus outpatient)", "Centro de salud mental con más de un tipo de atención (por ejemplo, residencial y ambulatoria)"),
    ("mental", "MST", "Metabolic syndrome monitoring", "other", "mst", "Metabolic syndrome monitoring", "Control del síndrome metabólico"),
    ("mental", "N24", "Ojibwa", "language", "ojibwa", "Ojibwa", "Ojibwa"),
    ("mental", "N40", "Yupik", "language", "yupik", "Yupik", "Yupik"),
    ("mental", "NRT", "Nicotine replacement", "extra-help", "quit-tobacco", "Nicotine replacement therapy", "Terapia de reemplazo de nicotina"),
    ("mental", "NSC", "Non-nicotine smoking/tobacco cessation", "extra-help", "quit-tobacco", "Non-nicotine medication to quit smoking or tobacco", "Medicamentos sin nicotina para dejar de fumar o de consumir tabaco"),
    ("mental", "NX", "American Indian or Alaska Native languages", "language", "indigenous-languages", "American Indian or Alaska Native languages", "Lenguas indígenas de Estados Unidos o de Alaska"),
    ("mental", "OLANZ", "Olanzapine", "other", "olanz", "Olanzapine", "Olanzapina"),
    ("mental", "OLANZF", "Olanzapine/Fluoxetine combination", "other", "olanzf", "Olanzapine and fluoxetine combination", "Combinación de olanzapina y fluoxetina"),
    ("mental", "OMH", "Outpatient mental health facility", "other", "omh", "Outpatient mental health facility", "Centro ambulatorio de salud mental"),
    ("mental", "OP", "Outpatient", "level-of-care", "outpatient", "Outpatient care", "Atención ambulatoria"),
    ("mental", "ORES", "Other residential treatment facility", "level-of-care", "residential", "Other residential treatment facility", "Otro centro de tratamiento residencial"),
    ("mental", "OSF", "Other State funds", "other", "osf", "Receives other state funds", "Recibe otros fondos estatales"),
    ("mental", "PA", "Payment assistance (check with facility for details)", "payment", "payment-assistance", "Help paying for care (ask the facility for details)", "Ayuda para pagar la atención (consulte los detalles con el centro)"),
    ("mental", "PALIP", "Paliperidone", "other", "palip", "Paliperidone", "Paliperidona"),
    ("mental", "PCF", "Private or Community foundation", "other", "pcf", "Receives private or community foundation funds", "Recibe fondos de fundaciones privadas o comunitarias"),
    ("mental", "PED", "Persons with eating disorders", "population", "eating-disorders", "Programs for people with eating disorders", "Programas para personas con trastornos de la conducta alimentaria"),
    ("mental", "PEER", "Mentoring/peer support", "extra-help", "peer-support", "Mentoring and peer support", "Mentoría y apoyo entre pares"),
    ("mental", "PEFP", "Persons experiencing first-episode psychosis", "population", "first-episode-psychosis", "Programs for people experiencing a first episode of psychosis", "Programas para personas que viven un primer episodio de psicosis"),
    ("mental", "PEOFF", "Psychiatric emergency mobile/off-site services", "extra-help", "crisis-care", "Mobile or off-site psychiatric emergency services", "Servicios móviles o fuera del centro para emergencias psiquiátricas"),
    ("mental", "PEON", "Psychiatric emergency onsite services", "extra-help", "crisis-care", "On-site psychiatric emergency services", "Servicios de emergencia psiquiátrica en el centro"),
    ("mental", "PERPH", "Perphenazine", "other", "perph", "Perphenazine", "Perfenazina"),
    ("mental", "PH", "Partial hospitalization/day treatment", "level-of-care", "partial-hospitalization", "Partial hospitalization or day treatment facility", "Centro de hospitalización parcial o tratamiento diurno"),
    ("mental", "PHDT", "Partial hospitalization/day treatment", "level-of-care", "partial-hospitalization", "Partial hospitalization or day treatment", "Hospitalización parcial o tratamiento diurno"),
    ("mental", "PI", "Private health insurance", "payment", "private-insurance", "Private health insurance", "Seguro médico privado"),
    ("mental", "PIMOZ", "Pimozide", "other", "pimoz", "Pimozide", "Pimozida"),
    ("mental", "PROCH", "Prochlorperazine", "other", "proch", "Prochlorperazine", "Proclorperazina"),
    ("mental", "PRS", "Psychosocial rehabilitation services", "other", "prs", "Psychosocial rehabilitation", "Rehabilitación psicosocial"),
    ("mental", "PSY", "Psychiatric hospital", "level-of-care", "hospital-inpatient", "Psychiatric hospital", "Hospital psiquiátrico"),
    ("mental", "PTSD", "Persons with post-traumatic stress disorder (PTSD)", "population", "trauma", "Programs for people with post-traumatic stress disorder (PTSD)", "Programas para personas con trastorno de estrés postraumático (TEPT)"),
    ("mental", "PVTN", "Private non-profit organization", "other", "pvtn", "Private non-profit organization", "Organización privada sin fines de lucro"),
    ("mental", "PVTP", "Private for-profit organization", "other", "pvtp", "Private for-profit organization", "Organización privada con fines de lucro"),
    ("mental", "QUETI", "Quetiapine", "other", "queti", "Quetiapine", "Quetiapina"),
    ("mental", "RES", "Residential/24-hour residential", "level-of-care", "residential", "Residential care (24 hours)", "Atención residencial (24 horas)"),
    ("mental", "RISPE", "Risperidone", "other", "rispe", "Risperidone", "Risperidona"),
    ("mental", "RTCA", "Residential treatment center (RTC) for adults", "level-of-care", "residential", "Residential treatment center for adults", "Centro de tratamiento residencial para adultos"),
    ("mental", "RTCC", "Residential treatment center (RTC) for children", "level-of-care", "residential", "Residential treatment center for children", "Centro de tratamiento residencial para niños"),
    ("mental", "SA", "Substance use treatment", "focus", "substance-use", "Substance use treatment", "Tratamiento por consumo de sustancias"),
    ("mental", "SCJJ", "State corrections or juvenile justice funds", "other", "scjj", "Receives state corrections or juvenile justice funds", "Recibe fondos estatales de correccionales o de justicia juvenil"),
    ("mental", "SE", "Seniors or older adults", "population", "seniors", "Programs for older adults", "Programas para adultos mayores"),
    ("mental", "SED", "Children/adolescents with serious emotional disturbance (SED)", "population", "serious-emotional-disturbance", "Programs for children and adolescents with serious emotional disturbance", "Programas para niños y adolescentes con trastornos emocionales graves"),
    ("mental", "SEF", "State education agency funds", "other", "sef", "Receives state education agency funds", "Recibe fondos de la agencia estatal de educación"),
    ("mental", "SEMP", "Supported employment", "extra-help", "employment", "Supported employment", "Empleo con apoyo"),
    ("mental", "SF", "Cash or self-payment", "payment", "cash", "Cash or self-payment", "Pago en efectivo o por cuenta propia"),
    ("mental", "SH", "Supported housing", "extra-help", "housing", "Supported housing", "Vivienda con apoyo"),
    ("mental", "SHP", "State hospital", "level-of-care", "hospital-inpatient", "State hospital", "Hospital estatal"),
    ("mental", "SI", "State-financed health insurance plan other than Medicaid", "payment", "state-insurance", "State health insurance plan other than Medicaid", "Plan de seguro médico estatal distinto de Medicaid"),
    ("mental", "SMHA", "State mental health agency (or equivalent) funds", "other", "smha", "Receives state mental health agency funds", "Recibe fondos de la agencia estatal de salud mental"),
    ("mental", "SMI", "Persons  18 and older with serious mental illness (SMI)", "population", "serious-mental-illness", "Programs for adults (18 and older) with serious mental illness", "Programas para adultos (de 18 años o más) con enfermedades mentales graves"),
    ("mental", "SMON", "Smoking not permitted", "other", "smon", "Smoking not allowed", "No se permite fumar"),
    ("mental", "SMOP", "Smoking permitted without restriction", "other", "smop", "Smoking allowed without restriction", "Se permite fumar sin restricciones"),
    ("mental", "SMPD", "Smoking permitted in designated area", "other", "smpd", "Smoking allowed in designated areas", "Se permite fumar en áreas designadas"),
    ("mental", "SNR", "Seniors", "population", "seniors", "Accepts older adults", "Acepta a adultos mayores"),
    ("mental", "SP", "Spanish", "language", "spanish", "Spanish", "Español"),
    ("mental", "SPS", "Suicide prevention services", "extra-help", "suicide-prevention", "Suicide prevention services", "Servicios de prevención del suicidio"),
    ("mental", "SS", "Sliding fee scale (fee is based on income and other factors)", "payment", "sliding-fee", "Sliding fee scale (the fee depends on income and other factors)", "Tarifa según ingresos (escala móvil que depende de los ingresos y otros factores)"),
    ("mental", "STDT", "STD testing", "extra-help", "sti-testing", "Testing for sexually transmitted infections (STIs)", "Pruebas de infecciones de transmisión sexual (ITS)"),
    ("mental", "STG", "State government", "other", "stg", "Run by a state government", "Administrado por un gobierno estatal"),
    ("mental", "STU", "Screening for tobacco use", "other", "stu", "Tobacco use screening", "Detección del consumo de tabaco"),
    ("mental", "SUMH", "Treatment for co-occurring substance use plus either serious mental health illness in adults/serious emotional disturbance in children", "focus", "co-occurring", "Treatment for substance use together with serious mental illness (adults) or serious emotional disturbance (children)", "Tratamiento del consumo de sustancias junto con enfermedades mentales graves (adultos) o trastornos emocionales graves (niños)"),
    ("mental", "SWFS", "State welfare or child and family services funds", "other", "swfs", "Receives state welfare or child and family services funds", "Recibe fondos estatales de bienestar social o de servicios para niños y familias"),
    ("mental", "TAY", "Young adults", "population", "young-adults", "Programs for young adults", "Programas para adultos jóvenes"),
    ("mental", "TBG", "Tribal government", "other", "tbg", "Run by a tribal government", "Administrado por un gobierno tribal"),
    ("mental", "TBI", "Persons with traumatic brain injury (TBI)", "population", "brain-injury", "Programs for people with traumatic brain injury", "Programas para personas con lesión cerebral traumática"),
    ("mental", "TBS", "TB screening", "other", "tbs", "Tuberculosis (TB) screening", "Detección de tuberculosis"),
    ("mental", "TCC", "Smoking/vaping/tobacco cessation counseling", "extra-help", "quit-tobacco", "Counseling to quit smoking, vaping or tobacco", "Consejería para dejar de fumar, de vapear o de consumir tabaco"),
    ("mental", "TELE", "Telemedicine/telehealth therapy", "level-of-care", "telehealth", "Telehealth therapy (remote care by video or phone)", "Terapia por telesalud (atención a distancia por video o teléfono)"),
    ("mental", "THIOR", "Thioridazine", "other", "thior", "Thioridazine", "Tioridazina"),
    ("mental", "THIOT", "Thiothixene", "other", "thiot", "Thiothixene", "Tiotixeno"),
    ("mental", "TMS", "Transcranial Magnetic Stimulation", "other", "tms", "Transcranial magnetic stimulation", "Estimulación magnética transcraneal"),
    ("mental", "TPC", "Therapeutic foster care", "other", "tpc", "Therapeutic foster care", "Hogar de acogida terapéutico"),
    ("mental", "TRIFL", "Trifluoperazine", "other", "trifl", "Trifluoperazine", "Trifluoperazina"),
    ("mental", "TRMA", "Clients who have experienced trauma", "population", "trauma", "Programs for people who have experienced trauma", "Programas para personas que han vivido un trauma"),
    ("mental", "VAF", "U.S. Department of VA funds", "payment", "va", "U.S. Department of Veterans Affairs (VA) funds", "Fondos del Departamento de Asuntos de Veteranos de EE. UU. (VA)"),
    ("mental", "VAHC", "Veterans Affairs Medical Center or other VA healthcare facility", "other", "vahc", "VA medical center or other VA health care facility", "Centro médico u otro centro de salud del VA"),
    ("mental", "VAMC", "U.S. Department of Veterans Affairs", "other", "vamc", "Run by the U.S. Department of Veterans Affairs", "Administrado por el Departamento de Asuntos de Veteranos de EE. UU."),
    ("mental", "VAPN", "Vaping not permitted", "other", "vapn", "Vaping not allowed", "No se permite vapear"),
    ("mental", "VAPP", "Vaping permitted without restriction", "other", "vapp", "Vaping allowed without restriction", "Se permite vapear sin restricciones"),
    ("mental", "VET", "Veterans", "population", "veterans", "Programs for veterans", "Programas para veteranos"),
    ("mental", "VPPD", "Vaping permitted in designated area", "other", "vppd", "Vaping allowed in designated areas", "Se permite vapear en áreas designadas"),
    ("mental", "VRS", "Vocational rehabilitation services", "extra-help", "employment", "Vocational rehabilitation", "Rehabilitación vocacional"),
    ("mental", "WI", "Psychiatric emergency walk-in services", "extra-help", "crisis-care", "Walk-in psychiatric emergency services", "Servicios de emergencia psiquiátrica sin cita"),
    ("mental", "YAD", "Young Adults", "population", "young-adults", "Accepts young adults", "Acepta a adultos jóvenes"),
    ("mental", "ZIPRA", "Ziprasidone", "other", "zipra", "Ziprasidone", "Ziprasidona"),
)
# fmt: on

TABLE: tuple[Code, ...] = tuple(Code(*row) for row in _ROWS)
BY_KEY: dict[tuple[str, str], Code] = {(c.directory_type, c.code): c for c in TABLE}


def in_language(en: str, es: str, lang: str | None = None) -> str:
    """The table's English or Spanish label: Spanish when ``lang`` (by default
    the active language) is Spanish."""
    return es if (lang or get_language() or "en").startswith("es") else en


def codes_for(group: str, values: Iterable[str]) -> dict[str, frozenset[str]]:
    """directory type -> the codes that mean any of ``values`` in ``group``.

    Raises ValueError for an unknown group or value (a caller's typo must not
    quietly widen or empty a search)."""
    if group not in GROUPS or group == OTHER:
        raise ValueError(f"unknown filter group {group!r}")
    wanted = set(values)
    unknown = sorted(v for v in wanted if (group, v) not in VALUES)
    if unknown:
        raise ValueError(f"unknown value(s) {unknown} in filter group {group!r}")
    out: dict[str, set[str]] = {t: set() for t in DIRECTORY_TYPES}
    for c in TABLE:
        if c.group == group and c.value in wanted:
            out[c.directory_type].add(c.code)
    return {t: frozenset(codes) for t, codes in out.items()}


def _check() -> None:
    """The table's own consistency; runs at import so a bad edit fails fast."""
    if len(BY_KEY) != len(TABLE):
        raise ValueError("duplicate (directory type, code) in the code table")
    for c in TABLE:
        if c.directory_type not in DIRECTORY_TYPES:
            raise ValueError(f"{c.code}: unknown directory type {c.directory_type}")
        if c.group not in GROUPS:
            raise ValueError(f"{c.code}: unknown group {c.group!r}")
        if c.group != OTHER and (c.group, c.value) not in VALUES:
            raise ValueError(f"{c.code}: value {c.value!r} not in VALUES")
        if c.value != c.value.lower() or " " in c.value:
            raise ValueError(f"{c.code}: value {c.value!r} is not a slug")
        if not (c.official_label and c.label_en and c.label_es):
            raise ValueError(f"{c.code}: empty label")
    used = {(c.group, c.value) for c in TABLE}
    unused = sorted(set(VALUES) - used)
    if unused:
        raise ValueError(f"filter values with no code: {unused}")


_check()
