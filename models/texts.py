"""Every text a person reads (counsellor, jobseeker, auditor) in every language the service speaks.

One module, so that the API, the explanations and the web pages say the same thing and a translator finds every
sentence in one place. Each text is a :class:`Text` with one entry per language: bokmål, nynorsk and English. Adding
a language is adding its code to ``Language``, a field to ``Text`` and its name to ``LANGUAGE_NAMES``, then an entry
to every text: ``tests/models/test_texts.py`` fails while any text lacks it. Sentences with ``{placeholders}`` are
filled in by the code that shows them (Python's ``str.format`` or the pages' scripts); every language must use the same
ones. Numbers and dates in them are written by :mod:`models.formatting`, never here.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

Language = Literal["nb", "nn", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)


class Text(NamedTuple):
    """One text in every language of ``LANGUAGES``, in that order."""

    nb: str
    nn: str
    en: str


LANGUAGE_NAMES: dict[Language, str] = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
"""Each language's name in that language, for the pages' language switch."""

FIELD_LABELS: dict[str, Text] = {
    "age": Text("Alder", "Alder", "Age"),
    "gender": Text("Kjønn", "Kjønn", "Gender"),
    "country_background": Text("Landbakgrunn", "Landbakgrunn", "Country background"),
    "years_in_norway": Text("År bosatt i Norge", "År busett i Noreg", "Years living in Norway"),
    "education": Text("Høyeste fullførte utdanning", "Høgaste fullførte utdanning", "Highest completed education"),
    "education_passed": Text("Utdanningen er bestått", "Utdanninga er bestått", "Education passed"),
    "education_recognised": Text(
        "Utdanningen er godkjent i Norge",
        "Utdanninga er godkjend i Noreg",
        "Education recognised in Norway",
    ),
    "situation": Text("Situasjon ved registrering", "Situasjon ved registrering", "Situation at registration"),
    "last_occupation": Text("Siste yrke", "Siste yrke", "Last occupation"),
    "worked_6_of_last_12_months": Text(
        "I arbeid 6 av de siste 12 månedene",
        "I arbeid 6 av dei siste 12 månadene",
        "Worked 6 of the last 12 months",
    ),
    "months_employed_last_36": Text(
        "Måneder i arbeid siste 36 måneder",
        "Månader i arbeid dei siste 36 månadene",
        "Months employed in the last 36",
    ),
    "earlier_spells_last_5_years": Text(
        "Tidligere perioder som arbeidssøker (5 år)",
        "Tidlegare periodar som arbeidssøkjar (5 år)",
        "Earlier jobseeker spells (5 years)",
    ),
    "benefit": Text("Ytelse ved registrering", "Yting ved registrering", "Benefit at registration"),
    "health_hindrance": Text(
        "Helseproblemer som hindrer arbeid",
        "Helseproblem som hindrar arbeid",
        "Health problems that hinder work",
    ),
    "other_hindrance": Text(
        "Andre forhold som hindrer arbeid",
        "Andre forhold som hindrar arbeid",
        "Other circumstances that hinder work",
    ),
    "time_to_work_estimate": Text(
        "Eget anslag på tid til arbeid",
        "Eige anslag på tid til arbeid",
        "Own estimate of time to find work",
    ),
    "own_assessment": Text("Egen vurdering av behov", "Eiga vurdering av behov", "Own assessment of needs"),
    "norwegian_skill": Text(
        "Egenvurderte norskferdigheter",
        "Eigenvurderte norskferdigheiter",
        "Self-assessed Norwegian skills",
    ),
    "registration_channel": Text("Registrering", "Registrering", "Registration"),
    "county": Text("Fylke", "Fylke", "County"),
    "county_unemployment_rate": Text("Ledighet i fylket", "Ledigheit i fylket", "Unemployment rate in the county"),
    "registration_date": Text("Registreringsdato", "Registreringsdato", "Registration date"),
}

FACTOR_LABELS: dict[str, Text] = {
    "work_history": Text("Arbeidserfaring", "Arbeidserfaring", "Work history"),
    "situation": Text("Situasjon ved registrering", "Situasjon ved registrering", "Situation at registration"),
    "education": Text("Utdanning", "Utdanning", "Education"),
    "age": Text("Alder", "Alder", "Age"),
    "earlier_spells": Text(
        "Tidligere perioder som arbeidssøker",
        "Tidlegare periodar som arbeidssøkjar",
        "Earlier jobseeker spells",
    ),
    "health": Text("Helse", "Helse", "Health"),
    "other_hindrance": Text("Andre hindringer", "Andre hindringar", "Other hindrances"),
    "benefit": Text("Ytelse", "Yting", "Benefit"),
    "own_view": Text("Egen vurdering", "Eiga vurdering", "Own view"),
    "language_and_residence": Text("Språk og botid", "Språk og butid", "Language and residence"),
    "registration_channel": Text("Registrering", "Registrering", "Registration"),
    "labour_market": Text("Arbeidsmarkedet i fylket", "Arbeidsmarknaden i fylket", "Labour market in the county"),
    "gender": Text("Kjønn", "Kjønn", "Gender"),
    "country_background": Text("Landbakgrunn", "Landbakgrunn", "Country background"),
}
"""The name of each factor (a group of features whose SHAP values are summed, ``models.explain.FACTORS``)."""

MISSING_VALUE = "–"
"""How a missing value reads when it is not an unanswered item (years in Norway of someone born here, say), in every
language; an unanswered item reads as ``VALUE_LABELS["MANGLER"]``."""

VALUE_LABELS: dict[str, Text] = {
    "KVINNE": Text("Kvinne", "Kvinne", "Woman"),
    "MANN": Text("Mann", "Mann", "Man"),
    "NORGE": Text("Norge", "Noreg", "Norway"),
    "EU_EOS": Text("EU/EØS", "EU/EØS", "EU/EEA"),
    "UTENFOR_EU_EOS": Text("Utenfor EU/EØS", "Utanfor EU/EØS", "Outside EU/EEA"),
    "INGEN_UTDANNING": Text("Ingen utdanning", "Inga utdanning", "No education"),
    "GRUNNSKOLE": Text("Grunnskole", "Grunnskule", "Primary school"),
    "VIDEREGAENDE_GRUNNUTDANNING": Text(
        "Videregående, studieforberedende",
        "Vidaregåande, studieførebuande",
        "Upper secondary, general",
    ),
    "VIDEREGAENDE_FAGBREV_SVENNEBREV": Text(
        "Fagbrev eller svennebrev",
        "Fagbrev eller sveinebrev",
        "Vocational certificate",
    ),
    "HOYERE_UTDANNING_1_TIL_4": Text(
        "Høyere utdanning, 1–4 år",
        "Høgare utdanning, 1–4 år",
        "Higher education, 1–4 years",
    ),
    "HOYERE_UTDANNING_5_ELLER_MER": Text(
        "Høyere utdanning, 5 år eller mer",
        "Høgare utdanning, 5 år eller meir",
        "Higher education, 5+ years",
    ),
    "JA": Text("Ja", "Ja", "Yes"),
    "NEI": Text("Nei", "Nei", "No"),
    "VET_IKKE": Text("Vet ikke", "Veit ikkje", "Don't know"),
    "HAR_SAGT_OPP": Text("Har sagt opp", "Har sagt opp", "Has resigned"),
    "HAR_BLITT_SAGT_OPP": Text("Har blitt sagt opp", "Har vorte sagd opp", "Was dismissed"),
    "ER_PERMITTERT": Text("Er permittert", "Er permittert", "Temporarily laid off"),
    "ALDRI_HATT_JOBB": Text("Har aldri hatt jobb", "Har aldri hatt jobb", "Never had a job"),
    "IKKE_VAERT_I_JOBB_SISTE_2_AAR": Text(
        "Ikke i jobb de siste 2 årene",
        "Ikkje i jobb dei siste 2 åra",
        "Not in work the last 2 years",
    ),
    "AKKURAT_FULLFORT_UTDANNING": Text(
        "Har akkurat fullført utdanning",
        "Har nettopp fullført utdanning",
        "Just finished education",
    ),
    "VIL_BYTTE_JOBB": Text("Vil bytte jobb", "Vil byte jobb", "Wants to change job"),
    "USIKKER_JOBBSITUASJON": Text("Usikker jobbsituasjon", "Usikker jobbsituasjon", "Uncertain job situation"),
    "MIDLERTIDIG_JOBB": Text("Midlertidig jobb", "Mellombels jobb", "Temporary job"),
    "DELTIDSJOBB_VIL_MER": Text("Deltid, vil jobbe mer", "Deltid, vil jobbe meir", "Part-time, wants more"),
    "NY_JOBB": Text("Har fått ny jobb", "Har fått ny jobb", "New job"),
    "KONKURS": Text("Konkurs", "Konkurs", "Bankruptcy"),
    "ANNET": Text("Annet", "Anna", "Other"),
    "MILITAERE": Text("Militære yrker", "Militære yrke", "Armed forces"),
    "LEDERE": Text("Ledere", "Leiarar", "Managers"),
    "AKADEMISKE_YRKER": Text("Akademiske yrker", "Akademiske yrke", "Professionals"),
    "HOYSKOLEYRKER": Text("Høyskoleyrker", "Høgskuleyrke", "Technicians and associate professionals"),
    "KONTORYRKER": Text("Kontoryrker", "Kontoryrke", "Clerical support workers"),
    "SALG_OG_SERVICE": Text("Salgs- og serviceyrker", "Sals- og serviceyrke", "Service and sales workers"),
    "BONDER_FISKERE": Text("Bønder, fiskere mv.", "Bønder, fiskarar mv.", "Agricultural and fishery workers"),
    "HANDVERKERE": Text("Håndverkere", "Handverkarar", "Craft and trades workers"),
    "OPERATORER_SJAFORER": Text("Operatører og sjåfører", "Operatørar og sjåførar", "Operators and drivers"),
    "RENHOLD_HJELPEARBEIDERE": Text(
        "Renholdere, hjelpearbeidere mv.",
        "Reinhaldarar, hjelpearbeidarar mv.",
        "Cleaners and elementary occupations",
    ),
    "INGEN": Text("Ingen", "Ingen", "None"),
    "DAGPENGER": Text("Dagpenger", "Dagpengar", "Unemployment benefit"),
    "ARBEIDSAVKLARINGSPENGER": Text(
        "Arbeidsavklaringspenger (AAP)",
        "Arbeidsavklaringspengar (AAP)",
        "Work assessment allowance (AAP)",
    ),
    "OKONOMISK_SOSIALHJELP": Text("Økonomisk sosialhjelp", "Økonomisk sosialhjelp", "Social assistance"),
    "ANNEN": Text("Annen ytelse", "Anna yting", "Other benefit"),
    "UNDER_3_MANEDER": Text("Under 3 måneder", "Under 3 månader", "Under 3 months"),
    "MELLOM_3_OG_6_MANEDER": Text("3–6 måneder", "3–6 månader", "3–6 months"),
    "MELLOM_6_OG_12_MANEDER": Text("6–12 måneder", "6–12 månader", "6–12 months"),
    "OVER_12_MANEDER": Text("Over 12 måneder", "Over 12 månader", "Over 12 months"),
    "VIL_IKKE_SVARE": Text("Vil ikke svare", "Vil ikkje svare", "Declined to answer"),
    "MANGLER": Text("Ikke besvart", "Ikkje svart på", "Not answered"),
    "KLARE_SEG_SELV": Text("Vil klare seg selv", "Vil klare seg sjølv", "Wants to manage on their own"),
    "ONSKER_OPPFOLGING": Text("Ønsker oppfølging fra NAV", "Ønskjer oppfølging frå NAV", "Wants follow-up from NAV"),
    "GODT": Text("Gode", "Gode", "Good"),
    "MIDDELS": Text("Middels", "Middels", "Fair"),
    "DARLIG": Text("Svake", "Svake", "Weak"),
    "SELV": Text("Registrerte seg selv", "Registrerte seg sjølv", "Registered on their own"),
    "ASSISTERT": Text("Fikk hjelp til å registrere seg", "Fekk hjelp til å registrere seg", "Was assisted to register"),
    "OSLO": Text("Oslo", "Oslo", "Oslo"),
    "AKERSHUS": Text("Akershus", "Akershus", "Akershus"),
    "OSTFOLD": Text("Østfold", "Østfold", "Østfold"),
    "BUSKERUD": Text("Buskerud", "Buskerud", "Buskerud"),
    "VESTFOLD": Text("Vestfold", "Vestfold", "Vestfold"),
    "TELEMARK": Text("Telemark", "Telemark", "Telemark"),
    "INNLANDET": Text("Innlandet", "Innlandet", "Innlandet"),
    "AGDER": Text("Agder", "Agder", "Agder"),
    "ROGALAND": Text("Rogaland", "Rogaland", "Rogaland"),
    "VESTLAND": Text("Vestland", "Vestland", "Vestland"),
    "MORE_OG_ROMSDAL": Text("Møre og Romsdal", "Møre og Romsdal", "Møre og Romsdal"),
    "TRONDELAG": Text("Trøndelag", "Trøndelag", "Trøndelag"),
    "NORDLAND": Text("Nordland", "Nordland", "Nordland"),
    "TROMS": Text("Troms", "Troms", "Troms"),
    "FINNMARK": Text("Finnmark", "Finnmark", "Finnmark"),
}

LEVEL_TEXTS: dict[str, Text] = {
    "STANDARD_INNSATS": Text(
        "Standard innsats: gode muligheter, klarer seg i hovedsak selv.",
        "Standard innsats: gode moglegheiter, klarer seg i hovudsak sjølv.",
        "Standard follow-up: good prospects, manages mostly on their own.",
    ),
    "SITUASJONSBESTEMT_INNSATS": Text(
        "Situasjonsbestemt innsats: trenger veiledning og oppfølging i en periode.",
        "Situasjonsbestemt innsats: treng rettleiing og oppfølging i ein periode.",
        "Situation-dependent follow-up: needs guidance and follow-up for a period.",
    ),
    "SPESIELT_TILPASSET_INNSATS": Text(
        "Spesielt tilpasset innsats: trenger tilpasset oppfølging; nedsatt arbeidsevne.",
        "Spesielt tilpassa innsats: treng tilpassa oppfølging; nedsett arbeidsevne.",
        "Specially tailored follow-up: needs tailored follow-up; reduced work capacity.",
    ),
    "GRADERT_VARIG_TILPASSET_INNSATS": Text(
        "Gradert varig tilpasset innsats: kan jobbe delvis, varig.",
        "Gradert varig tilpassa innsats: kan jobbe delvis, varig.",
        "Partial permanent adapted follow-up: can work partly, permanently.",
    ),
    "VARIG_TILPASSET_INNSATS": Text(
        "Varig tilpasset innsats: liten mulighet til å jobbe, varig.",
        "Varig tilpassa innsats: lita moglegheit til å jobbe, varig.",
        "Permanent adapted follow-up: little possibility to work, permanently.",
    ),
}

FLAG_TEXTS: dict[str, Text] = {
    "WORK_CAPACITY_ASSESSMENT": Text(
        "Vurder manuelt: hindringer er oppgitt. Arbeidsevnevurdering anbefales før varig eller spesielt tilpasset "
        "innsats.",
        "Vurder manuelt: hindringar er oppgitt. Arbeidsevnevurdering er tilrådd før varig eller spesielt tilpassa "
        "innsats.",
        "Assess manually: hindrances are reported. A work-capacity assessment is recommended before a permanent or "
        "specially tailored level.",
    ),
    "LANGUAGE_BARRIER": Text(
        "Vurder manuelt: mulige språkbarrierer, som modellen ikke ser godt.",
        "Vurder manuelt: moglege språkbarrierar, som modellen ikkje ser godt.",
        "Assess manually: possible language barriers, which the model does not see well.",
    ),
    "DIGITAL_BARRIER": Text(
        "Vurder manuelt: fikk hjelp til å registrere seg; digital kompetanse er ukjent for modellen.",
        "Vurder manuelt: fekk hjelp til å registrere seg; digital kompetanse er ukjend for modellen.",
        "Assess manually: was assisted to register; digital competence is unknown to the model.",
    ),
    "REPEAT_SPELLS": Text(
        "Vurder manuelt: flere tidligere perioder som arbeidssøker; gjentatte behov fanges dårlig av modellen.",
        "Vurder manuelt: fleire tidlegare periodar som arbeidssøkjar; modellen fangar dårleg opp gjentekne behov.",
        "Assess manually: several earlier jobseeker spells; repeat needs are poorly captured by the model.",
    ),
    "WIDE_RANGE": Text(
        "Vurder manuelt: estimatet er usikkert (bredt intervall).",
        "Vurder manuelt: estimatet er usikkert (breitt intervall).",
        "Assess manually: the estimate is uncertain (wide range).",
    ),
}

REASON_TEXTS: dict[str, Text] = {
    "LANGUAGE_OR_DIGITAL_BARRIERS": Text(
        "Språklige eller digitale barrierer",
        "Språklege eller digitale barrierar",
        "Language or digital barriers",
    ),
    "REPEAT_SPELLS": Text(
        "Gjentatte perioder som arbeidssøker",
        "Gjentekne periodar som arbeidssøkjar",
        "Repeat spells",
    ),
    "HEALTH": Text("Helse", "Helse", "Health"),
    "JOBSEEKER_WISHES": Text(
        "Brukerens ønsker og motivasjon",
        "Ønska og motivasjonen til brukaren",
        "The jobseeker's own wishes",
    ),
    "INFORMATION_NOT_IN_DATA": Text(
        "Informasjon som ikke er i dataene",
        "Informasjon som ikkje er i dataa",
        "Information the model lacks",
    ),
    "MEASURE_NOT_AVAILABLE": Text(
        "Tiltak eller budsjett ikke tilgjengelig",
        "Tiltak eller budsjett ikkje tilgjengeleg",
        "Measure not available",
    ),
    "OTHER": Text("Annet", "Anna", "Other"),
}

GROUP_LABELS: dict[str, Text] = {
    "age_group": Text("Aldersgruppe", "Aldersgruppe", "Age group"),
    "under_30": Text("Under 30 år", "Under 30 år", "Under 30"),
    "30_49": Text("30–49 år", "30–49 år", "30–49"),
    "50_plus": Text("50 år og eldre", "50 år og eldre", "50 and over"),
    "UNKNOWN": Text("Ukjent", "Ukjend", "Unknown"),
}
"""The fairness report's grouping by age, its age groups and the group of a missing attribute (``models.groups``);
the other groups are ``VALUE_LABELS`` and the other attributes ``FIELD_LABELS``."""

METRIC_LABELS: dict[str, Text] = {
    "mean_risk": Text("Gjennomsnittlig risiko", "Gjennomsnittleg risiko", "Mean risk"),
    "share": Text("Andel foreslått {level}", "Del føreslått {level}", "Share suggested {level}"),
    "override_rate": Text("Andel overstyrt", "Del overstyrte", "Override rate"),
    "observed_rate": Text("Andel fortsatt uten arbeid", "Del framleis utan arbeid", "Share still without work"),
    "tpr": Text("Treffrate (TPR)", "Treffrate (TPR)", "True positive rate (TPR)"),
    "fpr": Text("Falsk positiv-rate (FPR)", "Falsk positiv-rate (FPR)", "False positive rate (FPR)"),
    "calibration_gap": Text("Kalibreringsavvik", "Kalibreringsavvik", "Calibration gap"),
    "auc": Text("AUC", "AUC", "AUC"),
}
"""The fairness report's metrics; ``share`` names every ``share_<level>``."""

DIRECTION_TEXTS: dict[str, Text] = {
    "raises": Text("øker risikoen", "aukar risikoen", "raises the risk"),
    "lowers": Text("senker risikoen", "senkar risikoen", "lowers the risk"),
}


ASSESSMENT_MESSAGES: dict[str, Text] = {
    "scored": Text(
        "Dette er et forslag; du bestemmer.",
        "Dette er eit forslag; du bestemmer.",
        "This is a suggestion; you decide.",
    ),
    "not_scored": Text(
        "Brukeren ønsket ikke profilering. Ingen vurdering er beregnet: du vurderer uten forslag.",
        "Brukaren ønskte ikkje profilering. Inga vurdering er rekna ut: du vurderer utan forslag.",
        "The jobseeker declined profiling. Nothing was scored: you assess without a suggestion.",
    ),
    "blind_first": Text(
        "Vurderingen er lagret. Registrer din foreløpige innsatsgruppe først; deretter ser du forslaget.",
        "Vurderinga er lagra. Registrer den førebelse innsatsgruppa di først; deretter ser du forslaget.",
        "The assessment is recorded. Record your provisional level first; then you see the suggestion.",
    ),
}
"""The note with every assessment the API returns: whether it holds a suggestion or nothing was scored."""

SUBJECT_ACCESS_MESSAGES: dict[str, Text] = {
    "nothing_held": Text(
        "Ingenting er registrert om denne personen: ingen vurderinger, beslutninger, hendelser eller utfall. "
        "Oppslaget er registrert.",
        "Ingenting er registrert om denne personen: ingen vurderingar, avgjerder, hendingar eller utfall. "
        "Oppslaget er registrert.",
        "Nothing is held about this person: no assessments, decisions, events or outcomes. The lookup is recorded.",
    ),
    "held": Text(
        "Registrert om denne personen: vurderinger: {cases}, utfall: {outcomes}. Oppslaget er registrert.",
        "Registrert om denne personen: vurderingar: {cases}, utfall: {outcomes}. Oppslaget er registrert.",
        "Held about this person: assessments: {cases}, outcomes: {outcomes}. The lookup is recorded.",
    ),
}
"""The note with every subject-access answer: what is held about the person, or plainly that nothing is."""

EXPLANATION_TEMPLATE_VERSION = "2026-12.1"
"""The version of ``EXPLANATION_TEXTS`` and of what an explanation lists, returned with every explanation: what counts
as a good enough explanation is not settled. 2026-11.2: the reasons are the ones stored with the assessment.
2026-12.1: also the suggested level, the flags and what would change the suggestion (``COUNTERFACTUAL_TEXTS``); in
nynorsk too; values as :mod:`models.formatting` writes them (a rate reads 2,1 %, not 0.021)."""

EXPLANATION_TEXTS: dict[str, Text] = {
    "summary_scored": Text(
        "NAV har beregnet at sannsynligheten for at du fortsatt er uten arbeid om {horizon} måneder er omtrent "
        "{risk} (mellom {lower} og {upper}).",
        "NAV har rekna ut at sannsynet for at du framleis er utan arbeid om {horizon} månader, er om lag {risk} "
        "(mellom {lower} og {upper}).",
        "NAV estimated the probability that you are still without work in {horizon} months at about {risk} "
        "(between {lower} and {upper}).",
    ),
    "summary_declined": Text(
        "Du valgte å ikke bli profilert. Ingen beregning er gjort; veilederen vurderer behovet ditt sammen med deg.",
        "Du valde å ikkje bli profilert. Ingenting er rekna ut; rettleiaren vurderer behovet ditt saman med deg.",
        "You chose not to be profiled. Nothing was estimated; your counsellor assesses your needs with you.",
    ),
    "who_decides": Text(
        "Beregningen er bare et forslag. Det er veilederen din som bestemmer hvilken oppfølging du får, etter en "
        "samtale med deg, og veilederen kan se bort fra forslaget.",
        "Utrekninga er berre eit forslag. Det er rettleiaren din som bestemmer kva oppfølging du får, etter ein "
        "samtale med deg, og rettleiaren kan sjå bort frå forslaget.",
        "The estimate is only a suggestion. Your counsellor decides which follow-up you get, after talking with "
        "you, and may set the suggestion aside.",
    ),
    "how_to_object": Text(
        "Du kan be om innsyn i opplysningene, be om retting og klage på vedtaket om oppfølging (innsatsgruppe) "
        "til NAV-kontoret ditt innen seks uker etter at du fikk vedtaket.",
        "Du kan be om innsyn i opplysningane, be om retting og klage på vedtaket om oppfølging (innsatsgruppe) til "
        "NAV-kontoret ditt innan seks veker etter at du fekk vedtaket.",
        "You can ask to see the data, ask for corrections, and appeal the decision on your follow-up level to "
        "your NAV office within six weeks of receiving it.",
    ),
    "not_used": Text(
        "Kjønn og landbakgrunn er registrert for å kontrollere at verktøyet er rettferdig, men brukes ikke i "
        "beregningen.",
        "Kjønn og landbakgrunn er registrerte for å kontrollere at verktøyet er rettferdig, men blir ikkje brukte i "
        "utrekninga.",
        "Gender and country background are recorded to check that the tool is fair, but are not used in the estimate.",
    ),
}
"""The plain-language explanation of an assessment for the jobseeker (and the counsellor)."""

COUNTERFACTUAL_TEXTS: dict[str, Text] = {
    "found": Text(
        "Modellen ville foreslått {level} hvis dette endret seg: {changes}.",
        "Modellen ville ha føreslått {level} dersom dette endra seg: {changes}.",
        "The model would suggest {level} if this changed: {changes}.",
    ),
    "change": Text(
        "{field} fra {current} til {proposed}",
        "{field} frå {current} til {proposed}",
        "{field} from {current} to {proposed}",
    ),
    "none_found": Text(
        "Innenfor det som ble prøvd, ville ingen endring i det du selv kan endre, fått modellen til å foreslå {level}.",
        "Innanfor det som vart prøvd, ville inga endring i det du sjølv kan endre, fått modellen til å føreslå "
        "{level}.",
        "Within what was tried, no change to what you can change yourself would make the model suggest {level}.",
    ),
    "note": Text(
        "Dette viser hva modellen ville foreslått hvis noe du selv kan endre, var annerledes, for hver av de andre "
        "innsatsgruppene den kan foreslå. Det er ikke et løfte og gir ingen rett til en bestemt oppfølging: det er "
        "veilederen din som bestemmer. Alder, kjønn, landbakgrunn, botid i Norge, helse og andre hindringer og dine "
        "egne svar om behov og tid til arbeid er aldri med.",
        "Dette viser kva modellen ville ha føreslått dersom noko du sjølv kan endre, var annleis, for kvar av dei "
        "andre innsatsgruppene han kan føreslå. Det er ikkje ein lovnad og gir ingen rett til ei bestemt oppfølging: "
        "det er rettleiaren din som bestemmer. Alder, kjønn, landbakgrunn, butid i Noreg, helse og andre hindringar "
        "og dine eigne svar om behov og tid til arbeid er aldri med.",
        "This shows what the model would suggest if something you can change yourself were different, for each of "
        "the other follow-up levels it can suggest. It is not a promise and gives no right to a particular "
        "follow-up: your counsellor decides. Age, gender, country background, years in Norway, health and other "
        "hindrances, and your own answers about your needs and the time to find work are never part of it.",
    ),
}
"""What would change the suggestion (``models.counterfactuals``), in plain language, with its caveat."""

PAGE_TEXTS: dict[str, Text] = {
    "app_name": Text(
        "Profilering av arbeidssøkere – beslutningsstøtte",
        "Profilering av arbeidssøkjarar – avgjerdsstøtte",
        "Profiling jobseekers – decision support",
    ),
    "skip": Text("Hopp til innholdet", "Hopp til innhaldet", "Skip to content"),
    "language": Text("Språk", "Språk", "Language"),
    "nav_counsellor": Text("Veileder", "Rettleiar", "Counsellor"),
    "nav_audit": Text("Revisjon", "Revisjon", "Audit"),
    "signin_title": Text("Logg inn", "Logg inn", "Sign in"),
    "signin_help": Text(
        "Lim inn tokenet ditt. Det lagres bare i denne fanen og sendes med hvert kall; tjenesten sjekker det hver "
        "gang.",
        "Lim inn tokenet ditt. Det blir berre lagra i denne fana og sendt med kvart kall; tenesta sjekkar det kvar "
        "gong.",
        "Paste your token. It is kept in this tab only and sent with every call; the service checks it every time.",
    ),
    "token": Text("Token", "Token", "Token"),
    "signin": Text("Logg inn", "Logg inn", "Sign in"),
    "signout": Text("Logg ut", "Logg ut", "Sign out"),
    "signed_in_as": Text("Innlogget som", "Innlogga som", "Signed in as"),
    "office": Text("Kontor", "Kontor", "Office"),
    "office_from_token": Text("Fra innloggingen.", "Frå innlogginga.", "From your sign-in."),
    "token_not_valid": Text("Tokenet kan ikke leses.", "Tokenet kan ikkje lesast.", "The token cannot be read."),
    "wrong_role": Text(
        "Denne siden er for rollen {role}; tokenet ditt har rollen {has}.",
        "Denne sida er for rolla {role}; tokenet ditt har rolla {has}.",
        "This page is for the role {role}; your token has the role {has}.",
    ),
    "role_counsellor": Text("veileder", "rettleiar", "counsellor"),
    "role_auditor": Text("revisor", "revisor", "auditor"),
    "counsellor_title": Text(
        "Ny arbeidssøker: vurdering av oppfølgingsbehov",
        "Ny arbeidssøkjar: vurdering av oppfølgingsbehov",
        "New jobseeker: assessing the need for follow-up",
    ),
    "required_note": Text(
        "Alle felt må fylles ut, unntatt de som er merket valgfri.",
        "Alle felt må fyllast ut, bortsett frå dei som er merkte valfri.",
        "Fill in every field except those marked optional.",
    ),
    "optional": Text("valgfri", "valfri", "optional"),
    "required": Text("må fylles ut", "må fyllast ut", "required"),
    "group_registration": Text("Kontor og samtykke", "Kontor og samtykke", "Office and consent"),
    "group_personal": Text(
        "Personalia og registrering",
        "Personalia og registrering",
        "Personal details and registration",
    ),
    "group_education": Text("Utdanning", "Utdanning", "Education"),
    "group_work": Text("Arbeid", "Arbeid", "Work"),
    "group_hindrances": Text("Situasjon og hindringer", "Situasjon og hindringar", "Situation and hindrances"),
    "group_own": Text("Egen vurdering", "Eiga vurdering", "Own assessment"),
    "group_market": Text("Arbeidsmarked", "Arbeidsmarknad", "Labour market"),
    "national_id": Text(
        "Fødselsnummer (11 siffer)",
        "Fødselsnummer (11 siffer)",
        "National identity number (11 digits)",
    ),
    "national_id_help": Text(
        "Lagres aldri; bare en nøkkelbasert hash.",
        "Blir aldri lagra; berre ein nøkkelbasert hash.",
        "Never stored; only a keyed hash.",
    ),
    "consent": Text(
        "Samtykker brukeren til profilering?",
        "Samtykkjer brukaren til profilering?",
        "Does the jobseeker consent to profiling?",
    ),
    "consent_yes": Text("Ja, brukeren samtykker", "Ja, brukaren samtykkjer", "Yes, the jobseeker consents"),
    "consent_no": Text(
        "Nei, brukeren ønsker ikke profilering",
        "Nei, brukaren ønskjer ikkje profilering",
        "No, the jobseeker declines profiling",
    ),
    "years_in_norway_help": Text(
        "Bare ved landbakgrunn utenfor Norge.",
        "Berre ved landbakgrunn utanfor Noreg.",
        "Only for a country background outside Norway.",
    ),
    "percent_help": Text("I prosent.", "I prosent.", "In percent."),
    "choose": Text("Velg …", "Vel …", "Choose …"),
    "assess": Text("Vurder", "Vurder", "Assess"),
    "result_title": Text("Forslag", "Forslag", "Suggestion"),
    "risk_title": Text("Risiko for langtidsledighet", "Risiko for langtidsledigheit", "Risk of long-term unemployment"),
    "risk_sentence": Text(
        "{risk} sannsynlighet for å fortsatt være uten arbeid om {horizon} måneder (intervall {lower}–{upper}).",
        "{risk} sannsyn for å framleis vere utan arbeid om {horizon} månader (intervall {lower}–{upper}).",
        "{risk} probability of still being without work in {horizon} months (range {lower}–{upper}).",
    ),
    "risk_chart": Text(
        "Risiko {risk}, intervall {lower} til {upper}",
        "Risiko {risk}, intervall {lower} til {upper}",
        "Risk {risk}, range {lower} to {upper}",
    ),
    "thresholds": Text(
        "Stiplede linjer: grensene i retningslinjene ({standard} og {tailored}).",
        "Stipla linjer: grensene i retningslinjene ({standard} og {tailored}).",
        "Dashed lines: the policy thresholds ({standard} and {tailored}).",
    ),
    "suggested_level": Text("Foreslått innsatsgruppe", "Føreslått innsatsgruppe", "Suggested follow-up level"),
    "flags_title": Text("Vurder manuelt", "Vurder manuelt", "Assess manually"),
    "no_flags": Text(
        "Ingen forhold er flagget for manuell vurdering.",
        "Ingen forhold er flagga for manuell vurdering.",
        "Nothing is flagged for manual assessment.",
    ),
    "reasons_title": Text(
        "Dette påvirket estimatet mest",
        "Dette påverka estimatet mest",
        "What moved the estimate most",
    ),
    "reasons_chart": Text(
        "Søylediagram over årsakene: til høyre øker risikoen, til venstre senker den.",
        "Søylediagram over årsakene: til høgre aukar risikoen, til venstre minkar han.",
        "Bar chart of the reasons: to the right raises the risk, to the left lowers it.",
    ),
    "model": Text("Modell", "Modell", "Model"),
    "policy": Text("retningslinjer", "retningslinjer", "policy"),
    "not_scored_title": Text("Ingen beregning", "Inga utrekning", "Nothing scored"),
    "decision_title": Text("Din beslutning", "Avgjerda di", "Your decision"),
    "decided_level": Text("Innsatsgruppe", "Innsatsgruppe", "Follow-up level"),
    "suggested_mark": Text("foreslått", "føreslått", "suggested"),
    "reason_code": Text(
        "Årsak til avvik fra forslaget",
        "Årsak til avvik frå forslaget",
        "Reason for departing from the suggestion",
    ),
    "justification": Text("Begrunnelse", "Grunngiving", "Justification"),
    "justification_help": Text(
        "Skriv ikke fødselsnummer eller andre identifiserende opplysninger.",
        "Ikkje skriv fødselsnummer eller andre identifiserande opplysningar.",
        "Do not write identity numbers or other identifying details.",
    ),
    "override_needs_reason": Text(
        "Du har valgt en annen innsatsgruppe enn forslaget. Velg en årsak og skriv en begrunnelse før du lagrer.",
        "Du har valt ei anna innsatsgruppe enn forslaget. Vel ei årsak og skriv ei grunngiving før du lagrar.",
        "You chose a level other than the suggestion. Choose a reason and write a justification before saving.",
    ),
    "choose_level": Text("Velg en innsatsgruppe.", "Vel ei innsatsgruppe.", "Choose a follow-up level."),
    "save_decision": Text("Lagre beslutningen", "Lagre avgjerda", "Save the decision"),
    "saved_title": Text("Beslutningen er lagret", "Avgjerda er lagra", "The decision is saved"),
    "in_log": Text("Registrert i beslutningsloggen.", "Registrert i avgjerdsloggen.", "Recorded in the decision log."),
    "record_id": Text("Beslutnings-ID", "Avgjerds-ID", "Record id"),
    "assessment_id": Text("Vurderings-ID", "Vurderings-ID", "Assessment id"),
    "seq": Text("Løpenummer i kjeden", "Løpenummer i kjeda", "Sequence in the chain"),
    "hash": Text("Hash", "Hash", "Hash"),
    "print_link": Text(
        "Skriv ut forklaring til brukeren",
        "Skriv ut forklaring til brukaren",
        "Print the explanation for the jobseeker",
    ),
    "new_assessment": Text("Ny vurdering", "Ny vurdering", "New assessment"),
    "api_error": Text(
        "Tjenesten avviste forespørselen",
        "Tenesta avviste førespurnaden",
        "The service refused the request",
    ),
    "network_error": Text(
        "Fikk ikke kontakt med tjenesten.",
        "Fekk ikkje kontakt med tenesta.",
        "Could not reach the service.",
    ),
    "print_title": Text(
        "Forklaring til deg som arbeidssøker",
        "Forklaring til deg som arbeidssøkjar",
        "An explanation for you as a jobseeker",
    ),
    "print": Text("Skriv ut", "Skriv ut", "Print"),
    "back": Text("Tilbake", "Tilbake", "Back"),
    "data_used": Text("Opplysninger som ble brukt", "Opplysningar som vart brukte", "Data used"),
    "raised": Text("Dette trakk sannsynligheten opp", "Dette trekte sannsynet opp", "What raised the probability"),
    "lowered": Text("Dette trakk sannsynligheten ned", "Dette trekte sannsynet ned", "What lowered the probability"),
    "who_decides": Text("Hvem bestemmer", "Kven bestemmer", "Who decides"),
    "counterfactuals_title": Text(
        "Hva som ville endret forslaget", "Kva som ville endra forslaget", "What would change the suggestion"
    ),
    "how_to_object": Text("Innsyn, retting og klage", "Innsyn, retting og klage", "Access, correction and appeal"),
    "audit_title": Text(
        "Revisjon: beslutninger og overstyringer",
        "Revisjon: avgjerder og overstyringar",
        "Audit: decisions and overrides",
    ),
    "filters": Text("Utvalg", "Utval", "Filters"),
    "since": Text("Fra og med dato", "Frå og med dato", "From date"),
    "until": Text("Til og med dato", "Til og med dato", "To date"),
    "counsellor": Text("Veileder", "Rettleiar", "Counsellor"),
    "level_filter": Text("Besluttet innsatsgruppe", "Avgjord innsatsgruppe", "Decided level"),
    "all": Text("Alle", "Alle", "All"),
    "overrides_only": Text("Bare overstyringer", "Berre overstyringar", "Overrides only"),
    "apply": Text("Vis", "Vis", "Show"),
    "export_csv": Text("Last ned CSV", "Last ned CSV", "Download CSV"),
    "overview": Text("Oversikt", "Oversikt", "Overview"),
    "decisions_count": Text("Beslutninger", "Avgjerder", "Decisions"),
    "assessments_count": Text("Vurderinger", "Vurderingar", "Assessments"),
    "overrides_count": Text("Overstyringer", "Overstyringar", "Overrides"),
    "with_suggestion": Text("Med forslag", "Med forslag", "With a suggestion"),
    "override_rate": Text("Andel overstyrt", "Del overstyrte", "Override rate"),
    "interval95": Text("95 %-intervall", "95 %-intervall", "95% interval"),
    "matrix_title": Text("Foreslått × besluttet", "Føreslått × avgjort", "Suggested × decided"),
    "matrix_caption": Text(
        "Rader: foreslått innsatsgruppe. Kolonner: besluttet.",
        "Rader: føreslått innsatsgruppe. Kolonnar: avgjort.",
        "Rows: suggested level. Columns: decided level.",
    ),
    "no_suggestion": Text("Uten forslag", "Utan forslag", "No suggestion"),
    "chain_ok": Text(
        "Beslutningskjeden er hel (kontrollerte beslutninger: {checked}).",
        "Avgjerdskjeda er heil (kontrollerte avgjerder: {checked}).",
        "The decision chain is intact (decisions checked: {checked}).",
    ),
    "chain_broken": Text(
        "Beslutningskjeden er brutt (brudd: {count}).",
        "Avgjerdskjeda er broten (brot: {count}).",
        "The decision chain is broken (breaks: {count}).",
    ),
    "overview_note": Text(
        "Oversikten bruker periode, kontor og veileder; innsatsgruppe og «bare overstyringer» gjelder listen nedenfor.",
        "Oversikta brukar periode, kontor og rettleiar; innsatsgruppe og «berre overstyringar» gjeld lista nedanfor.",
        "The overview uses period, office and counsellor; level and “overrides only” apply to the list below.",
    ),
    "report_title": Text("Overvåkingsrapport", "Overvakingsrapport", "Monitoring report"),
    "report_period": Text(
        "Perioden {since} til og med {until}.",
        "Perioden {since} til og med {until}.",
        "The period {since} to {until} inclusive.",
    ),
    "report_default": Text(
        "Uten valgt periode gjelder rapporten de siste 90 dagene.",
        "Utan vald periode gjeld rapporten dei siste 90 dagane.",
        "With no period chosen, the report covers the last 90 days.",
    ),
    "scored": Text("Med beregning", "Med utrekning", "Scored"),
    "declined": Text("Uten samtykke", "Utan samtykke", "Declined profiling"),
    "decided": Text("Besluttet", "Avgjort", "Decided"),
    "gaps_title": Text(
        "Største forskjeller mellom grupper",
        "Største skilnader mellom grupper",
        "Largest gaps between groups",
    ),
    "grouping": Text("Gruppering", "Gruppering", "Grouping"),
    "metric": Text("Mål", "Mål", "Metric"),
    "gap": Text("Forskjell", "Skilnad", "Gap"),
    "high_group": Text("Høyest", "Høgast", "Highest"),
    "low_group": Text("Lavest", "Lågast", "Lowest"),
    "case_intact": Text(
        "Sakens poster er uendret siden de ble registrert.",
        "Postane i saka er uendra sidan dei vart registrerte.",
        "This case's records are unchanged since they were recorded.",
    ),
    "case_altered": Text(
        "Sakens poster er endret: {problems}",
        "Postane i saka er endra: {problems}",
        "This case's records were altered: {problems}",
    ),
    "alerts": Text("Varsler", "Varsel", "Alerts"),
    "no_alerts": Text("Ingen varsler.", "Ingen varsel.", "No alerts."),
    "open_report": Text("Åpne hele rapporten (HTML)", "Opne heile rapporten (HTML)", "Open the full report (HTML)"),
    "decisions_title": Text("Beslutninger", "Avgjerder", "Decisions"),
    "showing": Text("Viser {shown} av {total}.", "Viser {shown} av {total}.", "Showing {shown} of {total}."),
    "none_found": Text("Ingen beslutninger i utvalget.", "Ingen avgjerder i utvalet.", "No decisions match."),
    "time": Text("Tidspunkt", "Tidspunkt", "Time"),
    "suggested": Text("Foreslått", "Føreslått", "Suggested"),
    "follows": Text("Følger forslaget", "Følgjer forslaget", "Follows the suggestion"),
    "reason": Text("Årsak", "Årsak", "Reason"),
    "case": Text("Sak", "Sak", "Case"),
    "open_case": Text("Åpne saken", "Opne saka", "Open the case"),
    "yes": Text("Ja", "Ja", "Yes"),
    "no": Text("Nei", "Nei", "No"),
    "case_title": Text(
        "Sak: det veilederen så, og beslutningene",
        "Sak: det rettleiaren såg, og avgjerdene",
        "Case: what the counsellor saw, and the decisions",
    ),
    "shown_to_counsellor": Text("Vist for veilederen", "Vist for rettleiaren", "Shown to the counsellor"),
    "assessed_at": Text("Vurdert", "Vurdert", "Assessed"),
    "decisions_on_case": Text("Beslutninger i saken", "Avgjerder i saka", "Decisions on this case"),
    "no_decisions": Text("Ingen beslutning er registrert.", "Inga avgjerd er registrert.", "No decision is recorded."),
    "supersedes": Text("Erstatter", "Erstattar", "Supersedes"),
    "case_in_break": Text(
        "Denne sakens beslutninger er berørt av bruddet.",
        "Avgjerdene i denne saka er råka av brotet.",
        "This case's decisions are affected by the break.",
    ),
    "subject_title": Text(
        "Innsyn: alt som er registrert om én person",
        "Innsyn: alt som er registrert om éin person",
        "Subject access: everything held about one person",
    ),
    "subject_intro": Text(
        "Fødselsnummeret brukes bare til å finne personens nøkkel og lagres aldri. Hvert oppslag registreres med "
        "hvem, når og formålet.",
        "Fødselsnummeret blir berre brukt til å finne nøkkelen til personen og blir aldri lagra. Kvart oppslag blir "
        "registrert med kven, når og føremålet.",
        "The identity number is used only to find the person's key and is never stored. Every lookup is recorded "
        "with who, when and the purpose.",
    ),
    "subject_purpose": Text("Formål med oppslaget", "Føremål med oppslaget", "Purpose of the lookup"),
    "subject_purpose_help": Text(
        "Påkrevd. Registreres med oppslaget; skriv ikke fødselsnummer her.",
        "Påkravd. Blir registrert med oppslaget; ikkje skriv fødselsnummer her.",
        "Required. Recorded with the lookup; do not write an identity number here.",
    ),
    "subject_lookup": Text("Slå opp", "Slå opp", "Look up"),
    "subject_fill_both": Text(
        "Fyll ut både fødselsnummer og formål.",
        "Fyll ut både fødselsnummer og føremål.",
        "Fill in both the identity number and the purpose.",
    ),
    "subject_result_title": Text("Registrerte opplysninger", "Registrerte opplysningar", "Records held"),
    "subject_lookup_recorded": Text(
        "Oppslag registrert {time} av {actor} (løpenummer {seq}). Formål: {purpose}",
        "Oppslag registrert {time} av {actor} (løpenummer {seq}). Føremål: {purpose}",
        "Lookup recorded {time} by {actor} (sequence {seq}). Purpose: {purpose}",
    ),
    "subject_person_key": Text("Personnøkkel", "Personnøkkel", "Person key"),
    "subject_case_title": Text("Vurdering {number}", "Vurdering {number}", "Assessment {number}"),
    "subject_state": Text("Status i saken", "Status i saka", "State of the case"),
    "subject_consent": Text("Samtykke til profilering", "Samtykke til profilering", "Consent to profiling"),
    "subject_profile": Text("Opplysninger i vurderingen", "Opplysningar i vurderinga", "Data in the assessment"),
    "subject_shown": Text(
        "Slik vurderingen ble vist for veilederen",
        "Slik vurderinga vart vist for rettleiaren",
        "The assessment as shown to the counsellor",
    ),
    "subject_events": Text(
        "Beslutninger og hendelser i saken",
        "Avgjerder og hendingar i saka",
        "Decisions and events on the case",
    ),
    "subject_decision": Text("Beslutning", "Avgjerd", "Decision"),
    "subject_outcomes": Text("Utfall", "Utfall", "Outcomes"),
    "subject_no_outcomes": Text(
        "Ingen utfall er registrert.", "Ikkje noko utfall er registrert.", "No outcome is recorded."
    ),
    "subject_horizon": Text("Etter måneder", "Etter månader", "After months"),
    "subject_employed": Text("I arbeid", "I arbeid", "In work"),
    "subject_observed_on": Text("Observert", "Observert", "Observed"),
    "subject_source": Text("Kilde", "Kjelde", "Source"),
    "subject_by": Text("Av", "Av", "By"),
    "subject_state_undecided": Text("Ikke besluttet", "Ikkje avgjort", "Not decided"),
    "subject_state_provisional": Text("Foreløpig innsatsgruppe", "Førebels innsatsgruppe", "Provisional level"),
    "subject_state_awaiting_approval": Text("Venter på godkjenning", "Ventar på godkjenning", "Awaiting approval"),
    "subject_state_returned": Text("Sendt tilbake", "Send tilbake", "Returned"),
    "subject_state_decided": Text("Besluttet", "Avgjort", "Decided"),
    "subject_state_under_review": Text("Klage til behandling", "Klage til handsaming", "Under review"),
    "subject_kind_assessed": Text(
        "Vurderingen registrert i kjeden", "Vurderinga registrert i kjeda", "Assessment entered in the chain"
    ),
    "subject_kind_provisional_level": Text("Foreløpig innsatsgruppe", "Førebels innsatsgruppe", "Provisional level"),
    "subject_kind_approval": Text("Godkjent av beslutter", "Godkjend av avgjerdar", "Approved by the approver"),
    "subject_kind_return": Text("Sendt tilbake av beslutter", "Send tilbake av avgjerdar", "Returned by the approver"),
    "subject_kind_objection": Text("Klage fra brukeren", "Klage frå brukaren", "Objection by the jobseeker"),
    "subject_kind_review": Text("Klagebehandling", "Klagehandsaming", "Review of the objection"),
    "subject_payload_level": Text("Innsatsgruppe", "Innsatsgruppe", "Follow-up level"),
    "subject_payload_decision_id": Text("Gjelder beslutning", "Gjeld avgjerd", "On decision"),
    "subject_payload_reason": Text("Begrunnelse", "Grunngiving", "Reason"),
    "subject_payload_channel": Text("Mottatt som", "Motteken som", "Received by"),
    "subject_payload_received_on": Text("Mottatt", "Motteke", "Received on"),
    "subject_payload_text": Text("Brukerens tekst", "Teksten til brukaren", "The jobseeker's text"),
    "subject_payload_outcome": Text("Resultat", "Resultat", "Result"),
    "subject_payload_justification": Text("Begrunnelse", "Grunngiving", "Justification"),
    "subject_payload_blind_first": Text(
        "Forslaget vist etter foreløpig innsatsgruppe",
        "Forslaget vist etter førebels innsatsgruppe",
        "Suggestion shown after a provisional level",
    ),
    "subject_channel_digital": Text("Digitalt", "Digitalt", "Digital"),
    "subject_channel_letter": Text("Brev", "Brev", "Letter"),
    "subject_channel_in_person": Text("Oppmøte", "Oppmøte", "In person"),
    "subject_channel_phone": Text("Telefon", "Telefon", "Phone"),
    "subject_outcome_upheld": Text("Beslutningen står", "Avgjerda står", "The decision stands"),
    "subject_outcome_superseded": Text(
        "Erstattet av en ny beslutning", "Erstatta av ei ny avgjerd", "Replaced by a new decision"
    ),
    "nav_cases": Text("Mine saker", "Mine saker", "My cases"),
    "nav_subject_access": Text("Innsyn", "Innsyn", "Subject access"),
    "cases_title": Text("Saker ved kontoret ditt", "Saker ved kontoret ditt", "Cases at your office"),
    "cases_filter": Text("Vis saker som er", "Vis saker som er", "Show cases that are"),
    "state_all": Text("Alle", "Alle", "All"),
    "show_cases": Text("Vis", "Vis", "Show"),
    "cases_count": Text("{total} saker", "{total} saker", "{total} cases"),
    "cases_empty": Text("Ingen saker.", "Ingen saker.", "No cases."),
    "col_assessed": Text("Vurdert", "Vurdert", "Assessed"),
    "col_state": Text("Status", "Status", "Status"),
    "col_decided_level": Text("Besluttet innsats", "Avgjord innsats", "Decided level"),
    "col_decided_by": Text("Besluttet av", "Avgjord av", "Decided by"),
    "open_listed_case": Text("Åpne sak {id}", "Opne sak {id}", "Open case {id}"),
    "previous_page": Text("Forrige side", "Førre side", "Previous page"),
    "next_page": Text("Neste side", "Neste side", "Next page"),
    "case_panel_title": Text("Saken", "Saka", "The case"),
    "provisional_title": Text("Din foreløpige vurdering", "Den førebelse vurderinga di", "Your provisional assessment"),
    "provisional_help": Text(
        "Velg innsatsgruppen du mener passer, før du ser forslaget. Deretter vises forslaget, og du beslutter.",
        "Vel innsatsgruppa du meiner passar, før du ser forslaget. Deretter blir forslaget vist, og du avgjer.",
        "Choose the level you think fits before you see the suggestion. Then the suggestion is shown, and you decide.",
    ),
    "provisional_level": Text("Foreløpig innsatsgruppe", "Førebels innsatsgruppe", "Provisional level"),
    "save_provisional": Text("Lagre og vis forslaget", "Lagre og vis forslaget", "Save and show the suggestion"),
    "awaiting_approval_note": Text(
        "Varig eller gradert varig tilpasset innsats må godkjennes av en beslutter før beslutningen gjelder.",
        "Varig eller gradert varig tilpassa innsats må godkjennast av ein beslutter før avgjerda gjeld.",
        "A permanent level must be approved by a second approver before the decision counts.",
    ),
    "approval_title": Text("Godkjenning", "Godkjenning", "Approval"),
    "approve": Text("Godkjenn beslutningen", "Godkjenn avgjerda", "Approve the decision"),
    "return_reason": Text("Begrunnelse for retur", "Grunngjeving for retur", "Why it is returned"),
    "return_decision": Text("Returner til veilederen", "Returner til rettleiaren", "Return to the counsellor"),
    "approver_only": Text(
        "Bare en beslutter som ikke fattet beslutningen, kan godkjenne eller returnere den.",
        "Berre ein beslutter som ikkje gjorde avgjerda, kan godkjenne eller returnere henne.",
        "Only an approver who did not make the decision can approve or return it.",
    ),
    "decide_title": Text("Beslutt", "Avgjer", "Decide"),
    "objection_title": Text("Klage fra brukeren", "Klage frå brukaren", "Objection from the jobseeker"),
    "objection_channel": Text("Kanal", "Kanal", "Channel"),
    "objection_received": Text("Mottatt", "Motteken", "Received on"),
    "objection_text": Text("Hva brukeren sier", "Kva brukaren seier", "What the jobseeker says"),
    "save_objection": Text("Registrer klagen", "Registrer klaga", "Record the objection"),
    "review_title": Text("Behandle klagen", "Handsam klaga", "Review the objection"),
    "review_outcome": Text("Utfall", "Utfall", "Outcome"),
    "review_justification": Text("Begrunnelse", "Grunngjeving", "Justification"),
    "review_new_level": Text(
        "Ny innsatsgruppe (når beslutningen erstattes)",
        "Ny innsatsgruppe (når avgjerda blir erstatta)",
        "New level (when the decision is replaced)",
    ),
    "save_review": Text("Lagre behandlingen", "Lagre handsaminga", "Save the review"),
    "reviewer_only": Text(
        "En annen veileder enn den som fattet beslutningen, behandler klagen.",
        "Ein annan rettleiar enn den som gjorde avgjerda, handsamar klaga.",
        "A counsellor other than the one who made the decision reviews the objection.",
    ),
    "action_saved": Text(
        "Lagret. Saken er nå: {state}.", "Lagra. Saka er no: {state}.", "Saved. The case is now: {state}."
    ),
    "documentation_title": Text(
        "Dokumentasjon av vurderingen", "Dokumentasjon av vurderinga", "Documenting the assessment"
    ),
    "considered_factors": Text(
        "Hva du har vurdert (velg alle som gjelder)",
        "Kva du har vurdert (vel alle som gjeld)",
        "What you considered (choose all that apply)",
    ),
    "wishes": Text("Brukerens egne ønsker", "Brukaren sine eigne ønske", "The jobseeker's own wishes"),
    "wishes_help": Text(
        "Med brukerens egne ord, om mulig. Skriv ikke fødselsnummer.",
        "Med brukaren sine eigne ord, om mogleg. Skriv ikkje fødselsnummer.",
        "In the jobseeker's own words, if possible. Do not write identity numbers.",
    ),
    "channel": Text(
        "Ønsket oppfølgingskanal (spør brukeren)",
        "Ønskt oppfølgingskanal (spør brukaren)",
        "Preferred follow-up channel (ask the jobseeker)",
    ),
    "documentation_needed": Text(
        "Velg minst ett forhold du har vurdert, og kanalen brukeren ønsker.",
        "Vel minst eitt forhold du har vurdert, og kanalen brukaren ønskjer.",
        "Choose at least one factor you considered, and the channel the jobseeker prefers.",
    ),
    "no_action": Text(
        "Ingen handling er åpen for deg i denne saken.",
        "Inga handling er open for deg i denne saka.",
        "No action is open to you in this case.",
    ),
}
"""The web pages' own words: headings, labels, buttons and the sentences their scripts fill in."""

CONSIDERED_FACTOR_TEXTS: dict[str, Text] = {
    "WORK_EXPERIENCE": Text("Arbeidserfaring", "Arbeidserfaring", "Work experience"),
    "EDUCATION_AND_SKILLS": Text("Utdanning og kompetanse", "Utdanning og kompetanse", "Education and skills"),
    "HEALTH": Text("Helse", "Helse", "Health"),
    "LANGUAGE": Text("Språk", "Språk", "Language"),
    "DIGITAL_SKILLS": Text("Digitale ferdigheter", "Digitale ferdigheiter", "Digital skills"),
    "CARE_RESPONSIBILITIES": Text("Omsorgsansvar", "Omsorgsansvar", "Care responsibilities"),
    "HOUSING_AND_FINANCES": Text("Bolig og økonomi", "Bustad og økonomi", "Housing and finances"),
    "LOCAL_LABOUR_MARKET": Text("Arbeidsmarkedet lokalt", "Arbeidsmarknaden lokalt", "The local labour market"),
    "EARLIER_FOLLOW_UP": Text("Tidligere oppfølging", "Tidlegare oppfølging", "Earlier follow-up"),
    "JOBSEEKER_WISHES": Text("Brukerens egne ønsker", "Brukaren sine eigne ønske", "The jobseeker's own wishes"),
}
"""What a counsellor considered (:class:`models.policy.ConsideredFactor`)."""

CHANNEL_TEXTS: dict[str, Text] = {
    "DIGITAL": Text("Digitalt", "Digitalt", "Digital"),
    "IN_PERSON": Text("Fysisk oppmøte", "Fysisk oppmøte", "In person"),
}
"""The follow-up channel the jobseeker prefers (:class:`models.policy.FollowUpChannel`)."""

CASE_STATE_TEXTS: dict[str, Text] = {
    "undecided": Text("Ikke besluttet", "Ikkje avgjord", "Undecided"),
    "provisional": Text("Foreløpig vurdert", "Førebels vurdert", "Provisional"),
    "awaiting_approval": Text("Venter på godkjenning", "Ventar på godkjenning", "Awaiting approval"),
    "returned": Text("Returnert", "Returnert", "Returned"),
    "decided": Text("Besluttet", "Avgjord", "Decided"),
    "under_review": Text("Klage til behandling", "Klage til handsaming", "Under review"),
}
"""Where a case stands (:class:`monitoring.records.case_state.CaseState`), as a person reads it."""

PROBLEM_TITLES: dict[str, Text] = {
    "bad_request": Text("Forespørselen kan ikke leses", "Førespurnaden kan ikkje lesast", "Bad Request"),
    "unauthorized": Text("Ingen gyldig innlogging", "Inga gyldig innlogging", "Unauthorized"),
    "forbidden": Text("Ingen tilgang", "Ingen tilgang", "Forbidden"),
    "not_found": Text("Finnes ikke", "Finst ikkje", "Not Found"),
    "method_not_allowed": Text("Metoden er ikke tillatt", "Metoden er ikkje tillaten", "Method Not Allowed"),
    "conflict": Text("Konflikt", "Konflikt", "Conflict"),
    "content_too_large": Text("Forespørselen er for stor", "Førespurnaden er for stor", "Content Too Large"),
    "invalid_request": Text("Ugyldig forespørsel", "Ugyldig førespurnad", "Invalid request"),
    "invalid_input": Text("Ugyldige opplysninger", "Ugyldige opplysningar", "Invalid input"),
    "too_many_requests": Text("For mange forespørsler", "For mange førespurnader", "Too Many Requests"),
    "service_unavailable": Text(
        "Tjenesten er ikke tilgjengelig", "Tenesta er ikkje tilgjengeleg", "Service Unavailable"
    ),
    "model_unavailable": Text("Ingen modell er tilgjengelig", "Ingen modell er tilgjengeleg", "No model available"),
    "storage_unavailable": Text(
        "Databasen er ikke tilgjengelig", "Databasen er ikkje tilgjengeleg", "Records database unavailable"
    ),
    "internal_error": Text("Intern feil", "Intern feil", "Internal error"),
    "error": Text("Feil", "Feil", "Error"),
}
"""The title of each kind of error answer (RFC 9457 problem details), by the stable code the answer carries."""

PROBLEM_DETAILS: dict[str, Text] = {
    "fields_invalid": Text(
        "felt som ikke er gyldige: {count}",
        "felt som ikkje er gyldige: {count}",
        "fields that did not validate: {count}",
    ),
    "value_unstorable": Text(
        "en verdi kan ikke lagres: den er for lang eller inneholder et NUL-tegn",
        "ein verdi kan ikkje lagrast: han er for lang eller inneheld eit NUL-teikn",
        "a value cannot be stored: it is too long or contains a NUL character",
    ),
    "internal_error": Text(
        "noe gikk galt hos oss; oppgi forespørsels-ID-en når du melder fra om feilen",
        "noko gjekk gale hos oss; oppgi førespurnads-ID-en når du melder frå om feilen",
        "something went wrong on our side; quote the request id when reporting it",
    ),
    "token_required": Text("et bearer-token er påkrevd", "eit bearer-token er påkravd", "a bearer token is required"),
    "too_many_requests": Text(
        "for mange forespørsler med dette tokenet; vent litt",
        "for mange førespurnader med dette tokenet; vent litt",
        "too many requests for this token; slow down",
    ),
    "wrong_role": Text(
        "dette krever rollen {allowed}; tokenet har {has}",
        "dette krev rolla {allowed}; tokenet har {has}",
        "this needs the role {allowed}; the token has {has}",
    ),
    "approver_needed": Text(
        "å godkjenne eller returnere krever beslutterrett (approver på tokenet)",
        "å godkjenne eller returnere krev beslutterrett (approver på tokenet)",
        "approving or returning needs approver rights (approver on the token)",
    ),
}
"""The details the service writes itself. Details from the domain errors (``models``, ``monitoring``) are their
messages as raised, and each field's reason in a validation error is pydantic's."""


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
