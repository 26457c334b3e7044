"""Every text a person reads (counsellor, jobseeker, auditor) in every language the service speaks.

One module, so that the API, the explanations and the web pages say the same thing and a translator finds every
sentence in one place. Each text is a :class:`Text` with one entry per language. Adding a language (nynorsk is next)
is adding its code to ``Language``, a field to ``Text`` and its name to ``LANGUAGE_NAMES``, then an entry to every
text: ``tests/models/test_texts.py`` fails while any text lacks it. Sentences with ``{placeholders}`` are filled in by
the code that shows them (Python's ``str.format`` or the pages' scripts); every language must use the same ones.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

Language = Literal["nb", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)


class Text(NamedTuple):
    """One text in every language of ``LANGUAGES``, in that order."""

    nb: str
    en: str


LANGUAGE_NAMES: dict[Language, str] = {"nb": "Norsk", "en": "English"}
"""Each language's name in that language, for the pages' language switch."""

FIELD_LABELS: dict[str, Text] = {
    "age": Text("Alder", "Age"),
    "gender": Text("Kjønn", "Gender"),
    "country_background": Text("Landbakgrunn", "Country background"),
    "years_in_norway": Text("År bosatt i Norge", "Years living in Norway"),
    "education": Text("Høyeste fullførte utdanning", "Highest completed education"),
    "education_passed": Text("Utdanningen er bestått", "Education passed"),
    "education_recognised": Text("Utdanningen er godkjent i Norge", "Education recognised in Norway"),
    "situation": Text("Situasjon ved registrering", "Situation at registration"),
    "last_occupation": Text("Siste yrke", "Last occupation"),
    "worked_6_of_last_12_months": Text("I arbeid 6 av de siste 12 månedene", "Worked 6 of the last 12 months"),
    "months_employed_last_36": Text("Måneder i arbeid siste 36 måneder", "Months employed in the last 36"),
    "earlier_spells_last_5_years": Text(
        "Tidligere perioder som arbeidssøker (5 år)", "Earlier jobseeker spells (5 years)"
    ),
    "benefit": Text("Ytelse ved registrering", "Benefit at registration"),
    "health_hindrance": Text("Helseproblemer som hindrer arbeid", "Health problems that hinder work"),
    "other_hindrance": Text("Andre forhold som hindrer arbeid", "Other circumstances that hinder work"),
    "time_to_work_estimate": Text("Eget anslag på tid til arbeid", "Own estimate of time to find work"),
    "own_assessment": Text("Egen vurdering av behov", "Own assessment of needs"),
    "norwegian_skill": Text("Egenvurderte norskferdigheter", "Self-assessed Norwegian skills"),
    "registration_channel": Text("Registrering", "Registration"),
    "county": Text("Fylke", "County"),
    "county_unemployment_rate": Text("Ledighet i fylket", "Unemployment rate in the county"),
    "registration_date": Text("Registreringsdato", "Registration date"),
}

FACTOR_LABELS: dict[str, Text] = {
    "work_history": Text("Arbeidserfaring", "Work history"),
    "situation": Text("Situasjon ved registrering", "Situation at registration"),
    "education": Text("Utdanning", "Education"),
    "age": Text("Alder", "Age"),
    "earlier_spells": Text("Tidligere perioder som arbeidssøker", "Earlier jobseeker spells"),
    "health": Text("Helse", "Health"),
    "other_hindrance": Text("Andre hindringer", "Other hindrances"),
    "benefit": Text("Ytelse", "Benefit"),
    "own_view": Text("Egen vurdering", "Own view"),
    "language_and_residence": Text("Språk og botid", "Language and residence"),
    "registration_channel": Text("Registrering", "Registration"),
    "labour_market": Text("Arbeidsmarkedet i fylket", "Labour market in the county"),
    "gender": Text("Kjønn", "Gender"),
    "country_background": Text("Landbakgrunn", "Country background"),
}
"""The name of each factor (a group of features whose SHAP values are summed, ``models.explain.FACTORS``)."""

MISSING_VALUE = "–"
"""How a value that is missing or declined is shown, in every language."""

VALUE_LABELS: dict[str, Text] = {
    "KVINNE": Text("Kvinne", "Woman"),
    "MANN": Text("Mann", "Man"),
    "NORGE": Text("Norge", "Norway"),
    "EU_EOS": Text("EU/EØS", "EU/EEA"),
    "UTENFOR_EU_EOS": Text("Utenfor EU/EØS", "Outside EU/EEA"),
    "INGEN_UTDANNING": Text("Ingen utdanning", "No education"),
    "GRUNNSKOLE": Text("Grunnskole", "Primary school"),
    "VIDEREGAENDE_GRUNNUTDANNING": Text("Videregående, studieforberedende", "Upper secondary, general"),
    "VIDEREGAENDE_FAGBREV_SVENNEBREV": Text("Fagbrev eller svennebrev", "Vocational certificate"),
    "HOYERE_UTDANNING_1_TIL_4": Text("Høyere utdanning, 1–4 år", "Higher education, 1–4 years"),
    "HOYERE_UTDANNING_5_ELLER_MER": Text("Høyere utdanning, 5 år eller mer", "Higher education, 5+ years"),
    "JA": Text("Ja", "Yes"),
    "NEI": Text("Nei", "No"),
    "VET_IKKE": Text("Vet ikke", "Don't know"),
    "HAR_SAGT_OPP": Text("Har sagt opp", "Has resigned"),
    "HAR_BLITT_SAGT_OPP": Text("Har blitt sagt opp", "Was dismissed"),
    "ER_PERMITTERT": Text("Er permittert", "Temporarily laid off"),
    "ALDRI_HATT_JOBB": Text("Har aldri hatt jobb", "Never had a job"),
    "IKKE_VAERT_I_JOBB_SISTE_2_AAR": Text("Ikke i jobb de siste 2 årene", "Not in work the last 2 years"),
    "AKKURAT_FULLFORT_UTDANNING": Text("Har akkurat fullført utdanning", "Just finished education"),
    "VIL_BYTTE_JOBB": Text("Vil bytte jobb", "Wants to change job"),
    "USIKKER_JOBBSITUASJON": Text("Usikker jobbsituasjon", "Uncertain job situation"),
    "MIDLERTIDIG_JOBB": Text("Midlertidig jobb", "Temporary job"),
    "DELTIDSJOBB_VIL_MER": Text("Deltid, vil jobbe mer", "Part-time, wants more"),
    "NY_JOBB": Text("Har fått ny jobb", "New job"),
    "KONKURS": Text("Konkurs", "Bankruptcy"),
    "ANNET": Text("Annet", "Other"),
    "MILITAERE": Text("Militære yrker", "Armed forces"),
    "LEDERE": Text("Ledere", "Managers"),
    "AKADEMISKE_YRKER": Text("Akademiske yrker", "Professionals"),
    "HOYSKOLEYRKER": Text("Høyskoleyrker", "Technicians and associate professionals"),
    "KONTORYRKER": Text("Kontoryrker", "Clerical support workers"),
    "SALG_OG_SERVICE": Text("Salgs- og serviceyrker", "Service and sales workers"),
    "BONDER_FISKERE": Text("Bønder, fiskere mv.", "Agricultural and fishery workers"),
    "HANDVERKERE": Text("Håndverkere", "Craft and trades workers"),
    "OPERATORER_SJAFORER": Text("Operatører og sjåfører", "Operators and drivers"),
    "RENHOLD_HJELPEARBEIDERE": Text("Renholdere, hjelpearbeidere mv.", "Cleaners and elementary occupations"),
    "INGEN": Text("Ingen", "None"),
    "DAGPENGER": Text("Dagpenger", "Unemployment benefit"),
    "ARBEIDSAVKLARINGSPENGER": Text("Arbeidsavklaringspenger (AAP)", "Work assessment allowance (AAP)"),
    "OKONOMISK_SOSIALHJELP": Text("Økonomisk sosialhjelp", "Social assistance"),
    "ANNEN": Text("Annen ytelse", "Other benefit"),
    "UNDER_3_MANEDER": Text("Under 3 måneder", "Under 3 months"),
    "MELLOM_3_OG_6_MANEDER": Text("3–6 måneder", "3–6 months"),
    "MELLOM_6_OG_12_MANEDER": Text("6–12 måneder", "6–12 months"),
    "OVER_12_MANEDER": Text("Over 12 måneder", "Over 12 months"),
    "VIL_IKKE_SVARE": Text("Vil ikke svare", "Declined to answer"),
    "MANGLER": Text("Ikke besvart", "Not answered"),
    "KLARE_SEG_SELV": Text("Vil klare seg selv", "Wants to manage on their own"),
    "ONSKER_OPPFOLGING": Text("Ønsker oppfølging fra NAV", "Wants follow-up from NAV"),
    "GODT": Text("Gode", "Good"),
    "MIDDELS": Text("Middels", "Fair"),
    "DARLIG": Text("Svake", "Weak"),
    "SELV": Text("Registrerte seg selv", "Registered on their own"),
    "ASSISTERT": Text("Fikk hjelp til å registrere seg", "Was assisted to register"),
    "OSLO": Text("Oslo", "Oslo"),
    "AKERSHUS": Text("Akershus", "Akershus"),
    "OSTFOLD": Text("Østfold", "Østfold"),
    "BUSKERUD": Text("Buskerud", "Buskerud"),
    "VESTFOLD": Text("Vestfold", "Vestfold"),
    "TELEMARK": Text("Telemark", "Telemark"),
    "INNLANDET": Text("Innlandet", "Innlandet"),
    "AGDER": Text("Agder", "Agder"),
    "ROGALAND": Text("Rogaland", "Rogaland"),
    "VESTLAND": Text("Vestland", "Vestland"),
    "MORE_OG_ROMSDAL": Text("Møre og Romsdal", "Møre og Romsdal"),
    "TRONDELAG": Text("Trøndelag", "Trøndelag"),
    "NORDLAND": Text("Nordland", "Nordland"),
    "TROMS": Text("Troms", "Troms"),
    "FINNMARK": Text("Finnmark", "Finnmark"),
}

LEVEL_TEXTS: dict[str, Text] = {
    "STANDARD_INNSATS": Text(
        "Standard innsats: gode muligheter, klarer seg i hovedsak selv.",
        "Standard follow-up: good prospects, manages mostly on their own.",
    ),
    "SITUASJONSBESTEMT_INNSATS": Text(
        "Situasjonsbestemt innsats: trenger veiledning og oppfølging i en periode.",
        "Situation-dependent follow-up: needs guidance and follow-up for a period.",
    ),
    "SPESIELT_TILPASSET_INNSATS": Text(
        "Spesielt tilpasset innsats: trenger tilpasset oppfølging; nedsatt arbeidsevne.",
        "Specially tailored follow-up: needs tailored follow-up; reduced work capacity.",
    ),
    "GRADERT_VARIG_TILPASSET_INNSATS": Text(
        "Gradert varig tilpasset innsats: kan jobbe delvis, varig.",
        "Partial permanent adapted follow-up: can work partly, permanently.",
    ),
    "VARIG_TILPASSET_INNSATS": Text(
        "Varig tilpasset innsats: liten mulighet til å jobbe, varig.",
        "Permanent adapted follow-up: little possibility to work, permanently.",
    ),
}

FLAG_TEXTS: dict[str, Text] = {
    "WORK_CAPACITY_ASSESSMENT": Text(
        "Vurder manuelt: hindringer er oppgitt. Arbeidsevnevurdering anbefales før varig eller spesielt tilpasset "
        "innsats.",
        "Assess manually: hindrances are reported. A work-capacity assessment is recommended before a permanent or "
        "specially tailored level.",
    ),
    "LANGUAGE_BARRIER": Text(
        "Vurder manuelt: mulige språkbarrierer, som modellen ikke ser godt.",
        "Assess manually: possible language barriers, which the model does not see well.",
    ),
    "DIGITAL_BARRIER": Text(
        "Vurder manuelt: fikk hjelp til å registrere seg; digital kompetanse er ukjent for modellen.",
        "Assess manually: was assisted to register; digital competence is unknown to the model.",
    ),
    "REPEAT_SPELLS": Text(
        "Vurder manuelt: flere tidligere perioder som arbeidssøker; gjentatte behov fanges dårlig av modellen.",
        "Assess manually: several earlier jobseeker spells; repeat needs are poorly captured by the model.",
    ),
    "WIDE_RANGE": Text(
        "Vurder manuelt: estimatet er usikkert (bredt intervall).",
        "Assess manually: the estimate is uncertain (wide range).",
    ),
}

REASON_TEXTS: dict[str, Text] = {
    "LANGUAGE_OR_DIGITAL_BARRIERS": Text("Språklige eller digitale barrierer", "Language or digital barriers"),
    "REPEAT_SPELLS": Text("Gjentatte perioder som arbeidssøker", "Repeat spells"),
    "HEALTH": Text("Helse", "Health"),
    "JOBSEEKER_WISHES": Text("Brukerens ønsker og motivasjon", "The jobseeker's own wishes"),
    "INFORMATION_NOT_IN_DATA": Text("Informasjon som ikke er i dataene", "Information the model lacks"),
    "MEASURE_NOT_AVAILABLE": Text("Tiltak eller budsjett ikke tilgjengelig", "Measure not available"),
    "OTHER": Text("Annet", "Other"),
}

DIRECTION_TEXTS: dict[str, Text] = {
    "raises": Text("øker risikoen", "raises the risk"),
    "lowers": Text("senker risikoen", "lowers the risk"),
}


ASSESSMENT_MESSAGES: dict[str, Text] = {
    "scored": Text("Dette er et forslag; du bestemmer.", "This is a suggestion; you decide."),
    "not_scored": Text(
        "Brukeren ønsket ikke profilering. Ingen vurdering er beregnet: du vurderer uten forslag.",
        "The jobseeker declined profiling. Nothing was scored: you assess without a suggestion.",
    ),
}
"""The note with every assessment the API returns: whether it holds a suggestion or nothing was scored."""

EXPLANATION_TEMPLATE_VERSION = "2026-11.2"
"""The version of ``EXPLANATION_TEXTS`` and of what an explanation lists, returned with every explanation: what counts
as a good enough explanation is not settled. 2026-11.2: the reasons are the ones stored with the assessment."""

EXPLANATION_TEXTS: dict[str, Text] = {
    "summary_scored": Text(
        "NAV har beregnet at sannsynligheten for at du fortsatt er uten arbeid om {horizon} måneder er omtrent "
        "{risk:.0%} (mellom {lower:.0%} og {upper:.0%}).",
        "NAV estimated the probability that you are still without work in {horizon} months at about {risk:.0%} "
        "(between {lower:.0%} and {upper:.0%}).",
    ),
    "summary_declined": Text(
        "Du valgte å ikke bli profilert. Ingen beregning er gjort; veilederen vurderer behovet ditt sammen med deg.",
        "You chose not to be profiled. Nothing was estimated; your counsellor assesses your needs with you.",
    ),
    "who_decides": Text(
        "Beregningen er bare et forslag. Det er veilederen din som bestemmer hvilken oppfølging du får, etter en "
        "samtale med deg, og veilederen kan se bort fra forslaget.",
        "The estimate is only a suggestion. Your counsellor decides which follow-up you get, after talking with "
        "you, and may set the suggestion aside.",
    ),
    "how_to_object": Text(
        "Du kan be om innsyn i opplysningene, be om retting og klage på vedtaket om oppfølging (innsatsgruppe) "
        "til NAV-kontoret ditt innen seks uker etter at du fikk vedtaket.",
        "You can ask to see the data, ask for corrections, and appeal the decision on your follow-up level to "
        "your NAV office within six weeks of receiving it.",
    ),
    "not_used": Text(
        "Kjønn og landbakgrunn er registrert for å kontrollere at verktøyet er rettferdig, men brukes ikke i "
        "beregningen.",
        "Gender and country background are recorded to check that the tool is fair, but are not used in the estimate.",
    ),
}
"""The plain-language explanation of an assessment for the jobseeker (and the counsellor)."""

PAGE_TEXTS: dict[str, Text] = {
    "app_name": Text("Profilering av arbeidssøkere – beslutningsstøtte", "Profiling jobseekers – decision support"),
    "skip": Text("Hopp til innholdet", "Skip to content"),
    "nav_counsellor": Text("Veileder", "Counsellor"),
    "nav_audit": Text("Revisjon", "Audit"),
    "signin_title": Text("Logg inn", "Sign in"),
    "signin_help": Text(
        "Lim inn tokenet ditt. Det lagres bare i denne fanen og sendes med hvert kall; tjenesten sjekker det hver "
        "gang.",
        "Paste your token. It is kept in this tab only and sent with every call; the service checks it every time.",
    ),
    "token": Text("Token", "Token"),
    "signin": Text("Logg inn", "Sign in"),
    "signout": Text("Logg ut", "Sign out"),
    "signed_in_as": Text("Innlogget som", "Signed in as"),
    "office": Text("Kontor", "Office"),
    "office_from_token": Text("Fra innloggingen.", "From your sign-in."),
    "token_not_valid": Text("Tokenet kan ikke leses.", "The token cannot be read."),
    "wrong_role": Text(
        "Denne siden er for rollen {role}; tokenet ditt har rollen {has}.",
        "This page is for the role {role}; your token has the role {has}.",
    ),
    "role_counsellor": Text("veileder", "counsellor"),
    "role_auditor": Text("revisor", "auditor"),
    "counsellor_title": Text(
        "Ny arbeidssøker: vurdering av oppfølgingsbehov",
        "New jobseeker: assessing the need for follow-up",
    ),
    "required_note": Text(
        "Alle felt må fylles ut, unntatt de som er merket valgfri.",
        "Fill in every field except those marked optional.",
    ),
    "optional": Text("valgfri", "optional"),
    "required": Text("må fylles ut", "required"),
    "group_registration": Text("Kontor og samtykke", "Office and consent"),
    "group_personal": Text("Personalia og registrering", "Personal details and registration"),
    "group_education": Text("Utdanning", "Education"),
    "group_work": Text("Arbeid", "Work"),
    "group_hindrances": Text("Situasjon og hindringer", "Situation and hindrances"),
    "group_own": Text("Egen vurdering", "Own assessment"),
    "group_market": Text("Arbeidsmarked", "Labour market"),
    "national_id": Text("Fødselsnummer (11 siffer)", "National identity number (11 digits)"),
    "national_id_help": Text("Lagres aldri; bare en nøkkelbasert hash.", "Never stored; only a keyed hash."),
    "consent": Text("Samtykker brukeren til profilering?", "Does the jobseeker consent to profiling?"),
    "consent_yes": Text("Ja, brukeren samtykker", "Yes, the jobseeker consents"),
    "consent_no": Text("Nei, brukeren ønsker ikke profilering", "No, the jobseeker declines profiling"),
    "years_in_norway_help": Text(
        "Bare ved landbakgrunn utenfor Norge.",
        "Only for a country background outside Norway.",
    ),
    "percent_help": Text("I prosent.", "In percent."),
    "choose": Text("Velg …", "Choose …"),
    "assess": Text("Vurder", "Assess"),
    "result_title": Text("Forslag", "Suggestion"),
    "risk_title": Text("Risiko for langtidsledighet", "Risk of long-term unemployment"),
    "risk_sentence": Text(
        "{risk} sannsynlighet for å fortsatt være uten arbeid om {horizon} måneder (intervall {lower}–{upper}).",
        "{risk} probability of still being without work in {horizon} months (range {lower}–{upper}).",
    ),
    "risk_chart": Text("Risiko {risk}, intervall {lower} til {upper}", "Risk {risk}, range {lower} to {upper}"),
    "thresholds": Text(
        "Stiplede linjer: grensene i retningslinjene ({standard} og {tailored}).",
        "Dashed lines: the policy thresholds ({standard} and {tailored}).",
    ),
    "suggested_level": Text("Foreslått innsatsgruppe", "Suggested follow-up level"),
    "flags_title": Text("Vurder manuelt", "Assess manually"),
    "no_flags": Text("Ingen forhold er flagget for manuell vurdering.", "Nothing is flagged for manual assessment."),
    "reasons_title": Text("Dette påvirket estimatet mest", "What moved the estimate most"),
    "reasons_chart": Text(
        "Søylediagram over årsakene: til høyre øker risikoen, til venstre senker den.",
        "Bar chart of the reasons: to the right raises the risk, to the left lowers it.",
    ),
    "model": Text("Modell", "Model"),
    "policy": Text("retningslinjer", "policy"),
    "not_scored_title": Text("Ingen beregning", "Nothing scored"),
    "decision_title": Text("Din beslutning", "Your decision"),
    "decided_level": Text("Innsatsgruppe", "Follow-up level"),
    "suggested_mark": Text("foreslått", "suggested"),
    "reason_code": Text("Årsak til avvik fra forslaget", "Reason for departing from the suggestion"),
    "justification": Text("Begrunnelse", "Justification"),
    "justification_help": Text(
        "Skriv ikke fødselsnummer eller andre identifiserende opplysninger.",
        "Do not write identity numbers or other identifying details.",
    ),
    "override_needs_reason": Text(
        "Du har valgt en annen innsatsgruppe enn forslaget. Velg en årsak og skriv en begrunnelse før du lagrer.",
        "You chose a level other than the suggestion. Choose a reason and write a justification before saving.",
    ),
    "choose_level": Text("Velg en innsatsgruppe.", "Choose a follow-up level."),
    "save_decision": Text("Lagre beslutningen", "Save the decision"),
    "saved_title": Text("Beslutningen er lagret", "The decision is saved"),
    "in_log": Text("Registrert i beslutningsloggen.", "Recorded in the decision log."),
    "record_id": Text("Beslutnings-ID", "Record id"),
    "assessment_id": Text("Vurderings-ID", "Assessment id"),
    "seq": Text("Løpenummer i kjeden", "Sequence in the chain"),
    "hash": Text("Hash", "Hash"),
    "print_link": Text("Skriv ut forklaring til brukeren", "Print the explanation for the jobseeker"),
    "new_assessment": Text("Ny vurdering", "New assessment"),
    "api_error": Text("Tjenesten avviste forespørselen", "The service refused the request"),
    "network_error": Text("Fikk ikke kontakt med tjenesten.", "Could not reach the service."),
    "print_title": Text("Forklaring til deg som arbeidssøker", "An explanation for you as a jobseeker"),
    "print": Text("Skriv ut", "Print"),
    "back": Text("Tilbake", "Back"),
    "data_used": Text("Opplysninger som ble brukt", "Data used"),
    "raised": Text("Dette trakk sannsynligheten opp", "What raised the probability"),
    "lowered": Text("Dette trakk sannsynligheten ned", "What lowered the probability"),
    "who_decides": Text("Hvem bestemmer", "Who decides"),
    "how_to_object": Text("Innsyn, retting og klage", "Access, correction and appeal"),
    "audit_title": Text("Revisjon: beslutninger og overstyringer", "Audit: decisions and overrides"),
    "filters": Text("Utvalg", "Filters"),
    "since": Text("Fra og med dato", "From date"),
    "until": Text("Til og med dato", "To date"),
    "counsellor": Text("Veileder", "Counsellor"),
    "level_filter": Text("Besluttet innsatsgruppe", "Decided level"),
    "all": Text("Alle", "All"),
    "overrides_only": Text("Bare overstyringer", "Overrides only"),
    "apply": Text("Vis", "Show"),
    "export_csv": Text("Last ned CSV", "Download CSV"),
    "overview": Text("Oversikt", "Overview"),
    "decisions_count": Text("Beslutninger", "Decisions"),
    "assessments_count": Text("Vurderinger", "Assessments"),
    "overrides_count": Text("Overstyringer", "Overrides"),
    "with_suggestion": Text("Med forslag", "With a suggestion"),
    "override_rate": Text("Andel overstyrt", "Override rate"),
    "interval95": Text("95 %-intervall", "95% interval"),
    "matrix_title": Text("Foreslått × besluttet", "Suggested × decided"),
    "matrix_caption": Text(
        "Rader: foreslått innsatsgruppe. Kolonner: besluttet.",
        "Rows: suggested level. Columns: decided level.",
    ),
    "no_suggestion": Text("Uten forslag", "No suggestion"),
    "chain_ok": Text(
        "Beslutningskjeden er hel (kontrollerte beslutninger: {checked}).",
        "The decision chain is intact (decisions checked: {checked}).",
    ),
    "chain_broken": Text(
        "Beslutningskjeden er brutt (brudd: {count}).",
        "The decision chain is broken (breaks: {count}).",
    ),
    "overview_note": Text(
        "Oversikten bruker periode, kontor og veileder; innsatsgruppe og «bare overstyringer» gjelder listen nedenfor.",
        "The overview uses period, office and counsellor; level and “overrides only” apply to the list below.",
    ),
    "report_title": Text("Overvåkingsrapport", "Monitoring report"),
    "report_period": Text("Perioden {since} til og med {until}.", "The period {since} to {until} inclusive."),
    "report_default": Text(
        "Uten valgt periode gjelder rapporten de siste 90 dagene.",
        "With no period chosen, the report covers the last 90 days.",
    ),
    "scored": Text("Med beregning", "Scored"),
    "declined": Text("Uten samtykke", "Declined profiling"),
    "decided": Text("Besluttet", "Decided"),
    "gaps_title": Text("Største forskjeller mellom grupper", "Largest gaps between groups"),
    "grouping": Text("Gruppering", "Grouping"),
    "metric": Text("Mål", "Metric"),
    "gap": Text("Forskjell", "Gap"),
    "high_group": Text("Høyest", "Highest"),
    "low_group": Text("Lavest", "Lowest"),
    "case_intact": Text(
        "Sakens poster er uendret siden de ble registrert.",
        "This case's records are unchanged since they were recorded.",
    ),
    "case_altered": Text("Sakens poster er endret: {problems}", "This case's records were altered: {problems}"),
    "alerts": Text("Varsler", "Alerts"),
    "no_alerts": Text("Ingen varsler.", "No alerts."),
    "open_report": Text("Åpne hele rapporten (HTML)", "Open the full report (HTML)"),
    "decisions_title": Text("Beslutninger", "Decisions"),
    "showing": Text("Viser {shown} av {total}.", "Showing {shown} of {total}."),
    "none_found": Text("Ingen beslutninger i utvalget.", "No decisions match."),
    "time": Text("Tidspunkt", "Time"),
    "suggested": Text("Foreslått", "Suggested"),
    "follows": Text("Følger forslaget", "Follows the suggestion"),
    "reason": Text("Årsak", "Reason"),
    "case": Text("Sak", "Case"),
    "open_case": Text("Åpne saken", "Open the case"),
    "yes": Text("Ja", "Yes"),
    "no": Text("Nei", "No"),
    "case_title": Text("Sak: det veilederen så, og beslutningene", "Case: what the counsellor saw, and the decisions"),
    "shown_to_counsellor": Text("Vist for veilederen", "Shown to the counsellor"),
    "assessed_at": Text("Vurdert", "Assessed"),
    "decisions_on_case": Text("Beslutninger i saken", "Decisions on this case"),
    "no_decisions": Text("Ingen beslutning er registrert.", "No decision is recorded."),
    "supersedes": Text("Erstatter", "Supersedes"),
    "case_in_break": Text(
        "Denne sakens beslutninger er berørt av bruddet.",
        "This case's decisions are affected by the break.",
    ),
}
"""The web pages' own words: headings, labels, buttons and the sentences their scripts fill in."""


def text(table: dict[str, Text], key: str, lang: Language) -> str:
    """The text for ``key`` in ``lang``; the key itself when the table has no text for it.

    Examples
    --------
    >>> text(VALUE_LABELS, "JA", "en")
    'Yes'
    >>> text(VALUE_LABELS, "UNKNOWN_CODE", "nb")
    'UNKNOWN_CODE'
    """
    entry = table.get(key)
    return key if entry is None else str(getattr(entry, lang))


def in_language(table: dict[str, Text], lang: Language) -> dict[str, str]:
    """Every text of ``table`` in ``lang``, by key (for a page template or a page's scripts)."""
    return {key: str(getattr(entry, lang)) for key, entry in table.items()}
