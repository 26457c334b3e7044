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

TRIAL_PAGE_TEXTS: dict[str, Text] = {
    "trial_consent": Text(
        "Samtykker brukeren til å delta i kontrollerte forsøk?",
        "Samtykkjer brukaren til å ta del i kontrollerte forsøk?",
        "Does the jobseeker consent to take part in controlled trials?",
    ),
    "trial_consent_help": Text(
        "Bare brukere som samtykker, deltar i forsøk. Å si nei endrer ikke oppfølgingen.",
        "Berre brukarar som samtykkjer, tek del i forsøk. Å seie nei endrar ikkje oppfølginga.",
        "Only jobseekers who consent take part in trials. Saying no does not change the follow-up.",
    ),
    "trial_consent_yes": Text("Ja, brukeren samtykker", "Ja, brukaren samtykkjer", "Yes, the jobseeker consents"),
    "trial_consent_no": Text("Nei", "Nei", "No"),
    "equivalence_title": Text(
        "Like egnede innsatsgrupper (forsøk)", "Like eigna innsatsgrupper (forsøk)", "Equally suitable levels (trial)"
    ),
    "equivalence_help": Text(
        "Mener du at to eller flere innsatsgrupper er like egnet for denne personen? Kryss av for dem, så trekker "
        "tjenesten én av dem, og du beslutter den som blir trukket. Kryss ikke av hvis du mener én er bedre.",
        "Meiner du at to eller fleire innsatsgrupper er like eigna for denne personen? Kryss av for dei, så trekkjer "
        "tenesta éi av dei, og du avgjer den som blir trekt. Kryss ikkje av om du meiner éi er betre.",
        "Do you judge two or more levels equally suitable for this person? Tick them, the service draws one, and you "
        "decide the level drawn. Do not tick them if you think one is better.",
    ),
    "equivalence_options": Text(
        "Innsatsgrupper som er like egnet", "Innsatsgrupper som er like eigna", "Levels that are equally suitable"
    ),
    "draw": Text("Trekk blant dem jeg krysset av", "Trekk mellom dei eg kryssa av", "Draw among the levels I ticked"),
    "draw_needs_two": Text(
        "Du må krysse av for minst to innsatsgrupper.",
        "Du må kryssa av for minst to innsatsgrupper.",
        "Tick at least two levels.",
    ),
    "drawn_because": Text(
        "Trukket: {level}. Den ble trukket fordi du vurderte {options} som like egnet for denne personen.",
        "Trekt: {level}. Ho vart trekt fordi du vurderte {options} som like eigna for denne personen.",
        "Drawn: {level}. It was drawn because you judged {options} equally suitable for this person.",
    ),
    "and": Text("og", "og", "and"),
    "subject_kind_trial_draw": Text("Trekning i forsøk", "Trekking i forsøk", "Trial draw"),
    "subject_payload_trial_id": Text("Forsøk", "Forsøk", "Trial"),
    "subject_payload_options": Text("Like egnet", "Like eigna", "Equally suitable"),
    "subject_payload_seed": Text("Trekningsfrø", "Trekkingsfrø", "Seed of the draw"),
    "subject_payload_drawn": Text("Trukket", "Trekt", "Drawn"),
    "subject_payload_trial_consent": Text("Samtykke til forsøk", "Samtykke til forsøk", "Consent to trials"),
    "subject_payload_display_trial": Text("Visningsforsøk", "Visingsforsøk", "Display trial"),
    "subject_payload_display_seed": Text("Trekningsfrø", "Trekkingsfrø", "Seed of the draw"),
}
"""Controlled trials on the counsellor's page, in a draw's answer and on the subject-access page (issue 14): consent,
marking equally suitable levels, the plain-language line that says why a level was drawn, and a draw's fields."""

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
    "subject_payload_rule_outcome": Text(
        "Dagens regel (til sammenligning, ikke vist veilederen)",
        "Dagens regel (til samanlikning, ikkje vist rettleiaren)",
        "Today's rule (for comparison, not shown to the counsellor)",
    ),
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
    "nav_report": Text("Revisjonsrapport", "Revisjonsrapport", "Audit report"),
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
    **TRIAL_PAGE_TEXTS,
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
"""The details the service writes itself. The details of the domain errors are :data:`ERROR_DETAILS`, and each
field's reason in a validation error is :data:`VALIDATION_REASONS`."""

EVENT_KIND_TEXTS: dict[str, Text] = {
    "decision": Text("beslutning", "avgjerd", "decision"),
    "assessed": Text("vurdering", "vurdering", "assessment"),
    "provisional_level": Text("foreløpig innsatsgruppe", "førebels innsatsgruppe", "provisional level"),
    "approval": Text("godkjenning", "godkjenning", "approval"),
    "return": Text("retur", "retur", "return"),
    "objection": Text("klage", "klage", "objection"),
    "review": Text("klagebehandling", "klagehandsaming", "review"),
    "subject_access": Text("innsynsoppslag", "innsynsoppslag", "subject access"),
    "documentation": Text("dokumentasjon", "dokumentasjon", "documentation"),
    "promotion_requested": Text("forespørsel om modellbytte", "førespurnad om modellbyte", "promotion request"),
    "promotion_approved": Text("godkjent modellbytte", "godkjent modellbyte", "promotion approval"),
    "promotion_rejected": Text("avslått modellbytte", "avslått modellbyte", "promotion rejection"),
    "alias_moved": Text("flytting av champion-aliaset", "flytting av champion-aliaset", "alias move"),
    "trial_defined": Text("definert forsøk", "definert forsøk", "trial definition"),
    "trial_draw": Text("trekning i forsøk", "trekning i forsøk", "trial draw"),
}
"""What a record on a case is (:class:`monitoring.records.kinds.EventKind`, and a decision), as a noun in running
text: the ``{kind}`` of an error detail."""

TRIAL_KIND_TEXTS: dict[str, Text] = {
    "equivalence": Text("forsøk med likeverdige valg", "forsøk med likeverdige val", "equivalence"),
    "display": Text("visningsforsøk", "visingsforsøk", "display"),
}
"""The kinds of controlled trial (:class:`monitoring.records.kinds.TrialKind`): the ``{trial_kind}`` of an error
detail."""

LEVEL_NAMES: dict[str, Text] = {
    level: Text(*(sentence.split(":")[0] for sentence in entry)) for level, entry in LEVEL_TEXTS.items()
}
"""Each follow-up level's name alone (the part of :data:`LEVEL_TEXTS` before the colon): the ``{level}`` of an error
detail."""

PROMOTION_STATUS_TEXTS: dict[str, Text] = {
    "pending": Text("ventende", "ventande", "pending"),
    "approved": Text("godkjent", "godkjend", "approved"),
    "rejected": Text("avslått", "avslått", "rejected"),
}
"""Where a promotion request stands (:class:`monitoring.records.model_events.RequestStatus`), in running text."""

ERROR_FIELD_NAMES: dict[str, Text] = {"text": Text("teksten", "teksten", "the text")}
"""The ``{name}`` of a free-text error where it is not a field of the request (a field's name is shown as it is)."""

ROLE_TEXTS: dict[str, Text] = {
    "counsellor": Text("veileder", "rettleiar", "counsellor"),
    "auditor": Text("revisor", "revisor", "auditor"),
    "data_scientist": Text("dataforsker", "dataforskar", "data scientist"),
    "system": Text("system", "system", "system"),
}
"""A token's role (:class:`service.auth.Role`), in running text."""

ERROR_DETAILS: dict[str, Text] = {
    "assessment_not_found": Text("vurderingen finnes ikke", "vurderinga finst ikkje", "assessment not found"),
    "assessment_idempotency_conflict": Text(
        "idempotensnøkkelen er allerede brukt for en annen forespørsel",
        "idempotensnøkkelen er alt brukt for ein annan førespurnad",
        "idempotency key already used for a different request",
    ),
    "decision_idempotency_conflict": Text(
        "idempotensnøkkelen er allerede brukt for en annen beslutning",
        "idempotensnøkkelen er alt brukt for ei anna avgjerd",
        "idempotency key already used for a different decision",
    ),
    "event_idempotency_conflict": Text(
        "idempotensnøkkelen er allerede brukt for en annen hendelse",
        "idempotensnøkkelen er alt brukt for ei anna hending",
        "idempotency key already used for a different event",
    ),
    "outcome_idempotency_conflict": Text(
        "idempotensnøkkelen er allerede brukt for en annen samling utfall",
        "idempotensnøkkelen er alt brukt for ei anna samling utfall",
        "idempotency key already used for a different batch of outcomes",
    ),
    "assessment_write_conflict": Text(
        "posten er i konflikt med en som finnes fra før",
        "posten er i konflikt med ein som finst frå før",
        "the record conflicts with an existing one",
    ),
    "decision_write_conflict": Text(
        "beslutningen er i konflikt med en som ble skrevet utenfor kjedelåsen",
        "avgjerda er i konflikt med ei som vart skriven utanfor kjedelåsen",
        "the decision conflicts with one written outside the chain lock",
    ),
    "event_write_conflict": Text(
        "hendelsen er i konflikt med en som ble skrevet utenfor kjedelåsen",
        "hendinga er i konflikt med ei som vart skriven utanfor kjedelåsen",
        "the event conflicts with one written outside the chain lock",
    ),
    "outcome_write_conflict": Text(
        "et utfall er i konflikt med et som ble skrevet samtidig; prøv igjen",
        "eit utfall er i konflikt med eit som vart skrive samstundes; prøv igjen",
        "an outcome conflicts with one written at the same time; retry",
    ),
    "score_without_consent": Text(
        "en vurdering uten samtykke til profilering kan ikke ha en risikoscore",
        "ei vurdering utan samtykke til profilering kan ikkje ha ein risikoskåre",
        "an assessment without consent to profiling must not carry a score",
    ),
    "consent_without_score": Text(
        "en vurdering med samtykke til profilering trenger modellens vurdering",
        "ei vurdering med samtykke til profilering treng vurderinga til modellen",
        "an assessment with consent to profiling needs the model's assessment",
    ),
    "bad_person_key": Text(
        "person_key må være en nøkkelbasert hash med 64 heksadesimale sifre, aldri et fødselsnummer",
        "person_key må vere ein nøkkelbasert hash med 64 heksadesimale siffer, aldri eit fødselsnummer",
        "person_key must be a 64-digit hex keyed hash, never an identity number",
    ),
    "illegal_transition": Text(
        "{kind} kan ikke registreres: saken har status «{state}»",
        "{kind} kan ikkje registrerast: saka har status «{state}»",
        '{kind} cannot be recorded: the case\'s status is "{state}"',
    ),
    "not_the_current_decision": Text(
        "{kind} må gjelde den gjeldende beslutningen i saken; saken har status «{state}»",
        "{kind} må gjelde den gjeldande avgjerda i saka; saka har status «{state}»",
        "{kind} must name the case's current decision; the case's status is \"{state}\"",
    ),
    "superseded_without_decision": Text(
        "en klagebehandling som erstatter beslutningen, trenger den nye beslutningen først; saken har status «{state}»",
        "ei klagehandsaming som erstattar avgjerda, treng den nye avgjerda først; saka har status «{state}»",
        'a review that supersedes needs the new decision first; the case\'s status is "{state}"',
    ),
    "upheld_after_decision": Text(
        "en klagebehandling som opprettholder beslutningen, kan ikke komme etter en ny beslutning; saken har status "
        "«{state}»",
        "ei klagehandsaming som held fast på avgjerda, kan ikkje kome etter ei ny avgjerd; saka har status «{state}»",
        'a review that upholds cannot follow a new decision; the case\'s status is "{state}"',
    ),
    "not_blind": Text(
        "foreløpig innsatsgruppe registreres bare i blind-først-modus; saken har status «{state}»",
        "førebels innsatsgruppe blir berre registrert i blind-først-modus; saka har status «{state}»",
        'a provisional level is recorded only in blind-first mode; the case\'s status is "{state}"',
    ),
    "blind_undecided": Text(
        "{kind} krever veilederens foreløpige innsatsgruppe først (blind først); saken har status «{state}»",
        "{kind} krev den førebelse innsatsgruppa til rettleiaren først (blind først); saka har status «{state}»",
        "{kind} needs the counsellor's provisional level first (blind-first); the case's status is \"{state}\"",
    ),
    "suggestion_hidden": Text(
        "forslaget vises først etter veilederens foreløpige innsatsgruppe (blind først); saken har status «{state}»",
        "forslaget blir vist først etter den førebelse innsatsgruppa til rettleiaren (blind først); saka har status "
        "«{state}»",
        "the suggestion needs the counsellor's provisional level first (blind-first); the case's status is \"{state}\"",
    ),
    "approver_is_decider": Text(
        "{kind} må registreres av en annen enn veilederen som fattet beslutningen (beslutteren er aldri den som "
        "besluttet)",
        "{kind} må registrerast av ein annan enn rettleiaren som tok avgjerda (avgjerdaren er aldri den som avgjorde)",
        "{kind} must be recorded by someone other than the counsellor who made the decision (the approver is never "
        "the decider)",
    ),
    "reviewer_is_decider": Text(
        "{kind} må registreres av en annen enn veilederen som fattet beslutningen (en annen veileder behandler klagen)",
        "{kind} må registrerast av ein annan enn rettleiaren som tok avgjerda (ein annan rettleiar handsamar klaga)",
        "{kind} must be recorded by someone other than the counsellor who made the decision (another counsellor "
        "reviews an objection)",
    ),
    "another_office": Text(
        "vurderingen hører til et annet kontor",
        "vurderinga høyrer til eit anna kontor",
        "this assessment belongs to another office",
    ),
    "wrong_office": Text(
        "tokenet ditt gjelder kontor {token_office}, ikke {office}",
        "tokenet ditt gjeld kontor {token_office}, ikkje {office}",
        "your token is for office {token_office}, not {office}",
    ),
    "token_expired": Text("tokenet er utløpt", "tokenet har gått ut på tid", "the token has expired"),
    "token_bad_signature": Text(
        "signaturen på tokenet er ikke gyldig",
        "signaturen på tokenet er ikkje gyldig",
        "the token's signature is not valid",
    ),
    "token_invalid": Text(
        "tokenet er ikke gyldig: {error}", "tokenet er ikkje gyldig: {error}", "the token is not valid: {error}"
    ),
    "token_without_role": Text(
        "tokenet har ingen kjent rolle", "tokenet har inga kjend rolle", "the token carries no known role"
    ),
    "token_without_office": Text(
        "tokenet til en veileder må angi et kontor",
        "tokenet til ein rettleiar må gje opp eit kontor",
        "a counsellor's token must name an office",
    ),
    "token_bad_approver": Text(
        "approver i tokenet er true eller false, og bare i tokenet til en veileder",
        "approver i tokenet er true eller false, og berre i tokenet til ein rettleiar",
        "the approver claim is true or false, and only on a counsellor's token",
    ),
    "storage_unavailable": Text(
        "databasen med postene kan ikke nås",
        "databasen med postane kan ikkje nåast",
        "the records database cannot be reached",
    ),
    "bad_level": Text(
        "decided_level er ikke en innsatsgruppe",
        "decided_level er ikkje ei innsatsgruppe",
        "decided_level is not a follow-up level",
    ),
    "bad_reason": Text(
        "reason_code er ikke en grunn til overstyring",
        "reason_code er ikkje ein grunn til overstyring",
        "reason_code is not an override reason",
    ),
    "override_needs_reason": Text(
        "en beslutning som avviker fra forslaget, trenger en reason_code og en begrunnelse",
        "ei avgjerd som avvik frå forslaget, treng ein reason_code og ei grunngiving",
        "a decision that departs from the suggestion needs a reason_code and a justification",
    ),
    "reason_needs_justification": Text(
        "en reason_code trenger en begrunnelse",
        "ein reason_code treng ei grunngiving",
        "a reason_code needs a justification",
    ),
    "not_appended_by_hand": Text(
        "hendelser av typen assessed føres med vurderingen sin, av record_assessment",
        "hendingar av typen assessed blir førte med vurderinga si, av record_assessment",
        "assessed events are appended with their assessment, by record_assessment",
    ),
    "documented_with_decision": Text(
        "hendelser av typen documentation føres med beslutningen sin, av record_decision",
        "hendingar av typen documentation blir førte med avgjerda si, av record_decision",
        "documentation events are appended with their decision, by record_decision",
    ),
    "needs_assessment": Text(
        "hendelsen «{kind}» må gjelde en vurdering",
        "hendinga «{kind}» må gjelde ei vurdering",
        'a "{kind}" event names the assessment it is on',
    ),
    "names_no_assessment": Text(
        "hendelsen «{kind}» gjelder ingen vurdering",
        "hendinga «{kind}» gjeld inga vurdering",
        'a "{kind}" event names no assessment',
    ),
    "check_needs_case": Text(
        "en sjekk kjøres på en sak; hendelsen «{kind}» har ingen sak",
        "ein sjekk blir køyrd på ei sak; hendinga «{kind}» har inga sak",
        'check is run on a case; a "{kind}" event has none',
    ),
    "bad_kind": Text("kind er ikke en hendelsestype", "kind er ikkje ein hendingstype", "kind is not a kind of event"),
    "payload_invalid": Text("{where}: {reason}", "{where}: {reason}", "{where}: {reason}"),
    "text_too_long": Text(
        "{name} kan være høyst {maximum} tegn",
        "{name} kan vere høgst {maximum} teikn",
        "{name} must be at most {maximum} characters",
    ),
    "text_has_id": Text(
        "{name} kan ikke inneholde et fødselsnummer",
        "{name} kan ikkje innehalde eit fødselsnummer",
        "{name} must not contain a national identity number",
    ),
    "text_empty": Text("{name} kan ikke være tom", "{name} kan ikkje vere tom", "{name} must not be empty"),
    "text_too_short": Text(
        "{name} må være minst {minimum} tegn lang, uten mellomrom først og sist",
        "{name} må vere minst {minimum} teikn lang, utan mellomrom først og sist",
        "{name} must be at least {minimum} characters long, not counting leading and trailing spaces",
    ),
    "text_repeats_label": Text(
        "{name} må si hvorfor, ikke bare gjenta navnet på grunnkoden",
        "{name} må seie kvifor, ikkje berre gjenta namnet på grunnkoden",
        "{name} must say why, not only repeat the reason code's label",
    ),
    "bad_page": Text(
        "limit må være fra 1 til {maximum}, og offset kan ikke være negativ",
        "limit må vere frå 1 til {maximum}, og offset kan ikkje vere negativ",
        "limit must lie in 1..{maximum} and offset must not be negative",
    ),
    "naive_time": Text(
        "since og until må ha en tidssone", "since og until må ha ei tidssone", "since and until must be timezone-aware"
    ),
    "bad_batch": Text("batch_size må være minst 1", "batch_size må vere minst 1", "batch_size must be at least 1"),
    "no_request": Text(
        "ingen forespørsel om modellbytte {request_id}",
        "ingen førespurnad om modellbyte {request_id}",
        "no promotion request {request_id}",
    ),
    "not_pending": Text(
        "forespørselen om modellbytte {request_id} er allerede {promotion_status}",
        "førespurnaden om modellbyte {request_id} er alt {promotion_status}",
        "promotion request {request_id} is {promotion_status} already",
    ),
    "self_approval": Text(
        "{actor} ba om dette modellbyttet og kan ikke godkjenne det: en annen dataforsker må gjøre det",
        "{actor} bad om dette modellbytet og kan ikkje godkjenne det: ein annan dataforskar må gjere det",
        "{actor} asked for this promotion and cannot approve it: a different data scientist must",
    ),
    "bootstrap_not_first": Text(
        "en selvgodkjent oppstart gjelder bare modellens første champion; postene viser {model} versjon {version} "
        "som champion: be en annen dataforsker om å godkjenne",
        "ei sjølvgodkjend oppstart gjeld berre den første championen til modellen; postane viser {model} versjon "
        "{version} som champion: be ein annan dataforskar om å godkjenne",
        "a self-approved bootstrap is only for a model's first champion; the records show {model} version {version} "
        "as champion: ask a second data scientist to approve",
    ),
    "bootstrap_not_own": Text(
        "en selvgodkjent oppstart kan bare godkjenne forespørselen til den som sender den",
        "ei sjølvgodkjend oppstart kan berre godkjenne førespurnaden til den som sender han",
        "a self-approved bootstrap approves the requester's own request only",
    ),
    "already_champion": Text(
        "{model} versjon {version} er allerede champion",
        "{model} versjon {version} er alt champion",
        "{model} version {version} is champion already",
    ),
    "outcome_item": Text("outcomes.{index}: {reason}", "outcomes.{index}: {reason}", "outcomes.{index}: {reason}"),
    "outcome_without_subject": Text(
        "et utfall trenger en assessment_id eller en person_key",
        "eit utfall treng ein assessment_id eller ein person_key",
        "an outcome needs an assessment_id or a person_key",
    ),
    "one_subject": Text(
        "oppgi nøyaktig én av assessment_id og national_id",
        "oppgi nøyaktig éin av assessment_id og national_id",
        "give exactly one of assessment_id and national_id",
    ),
    "bad_horizon": Text(
        "horizon_months må være minst 1", "horizon_months må vere minst 1", "horizon_months must be at least 1"
    ),
    "observed_before_registration": Text(
        "observed_on er før registreringsdatoen i vurderingen",
        "observed_on er før registreringsdatoen i vurderinga",
        "observed_on is before the assessment's registration date",
    ),
    "contradicts_stored": Text(
        "motsier utfallet som allerede er registrert for denne personen og horisonten",
        "motseier utfallet som alt er registrert for denne personen og horisonten",
        "contradicts the outcome already recorded for this subject and horizon",
    ),
    "national_id_not_eleven_digits": Text(
        "fødselsnummer: må være nøyaktig 11 sifre",
        "fødselsnummer: må vere nøyaktig 11 siffer",
        "national identity number: must be exactly 11 digits",
    ),
    "national_id_bad_check_digits": Text(
        "fødselsnummer: kontrollsifrene stemmer ikke",
        "fødselsnummer: kontrollsiffera stemmer ikkje",
        "national identity number: check digits do not match",
    ),
    "national_id_bad_date": Text(
        "fødselsnummer: datodelen er ikke en gyldig dato",
        "fødselsnummer: datodelen er ikkje ein gyldig dato",
        "national identity number: the date part is not a valid date",
    ),
    "not_a_date": Text(
        "må være en dato etter ISO 8601 (ÅÅÅÅ-MM-DD), ikke et tall",
        "må vere ein dato etter ISO 8601 (ÅÅÅÅ-MM-DD), ikkje eit tal",
        "must be an ISO 8601 date (YYYY-MM-DD), not a number",
    ),
    "future_date": Text(
        "kan ikke være senere enn dagens dato i Norge (Europe/Oslo)",
        "kan ikkje vere seinare enn dagens dato i Noreg (Europe/Oslo)",
        "must not be later than today in Norway (Europe/Oslo)",
    ),
    "early_date": Text(
        "kan ikke være tidligere enn {earliest}",
        "kan ikkje vere tidlegare enn {earliest}",
        "must not be earlier than {earliest}",
    ),
    "years_in_norway_for_norge": Text(
        "years_in_norway skal være tom når country_background er NORGE",
        "years_in_norway skal vere tom når country_background er NORGE",
        "years_in_norway must be empty when country_background is NORGE",
    ),
    "years_in_norway_needed": Text(
        "years_in_norway er påkrevd når country_background ikke er NORGE",
        "years_in_norway er påkravd når country_background ikkje er NORGE",
        "years_in_norway is required when country_background is not NORGE",
    ),
    "years_in_norway_above_age": Text(
        "years_in_norway kan ikke være større enn age",
        "years_in_norway kan ikkje vere større enn age",
        "years_in_norway cannot exceed age",
    ),
    "worked_without_months": Text(
        "worked_6_of_last_12_months krever minst 6 months_employed_last_36",
        "worked_6_of_last_12_months krev minst 6 months_employed_last_36",
        "worked_6_of_last_12_months needs at least 6 months_employed_last_36",
    ),
    "champion_not_loaded": Text(
        "ingen champion av «{name}» er lastet ennå",
        "ingen champion av «{name}» er lasta enno",
        "no champion of '{name}' is loaded yet",
    ),
    "champion_not_in_chain": Text(
        "postene har ingen godkjent flytting av «{name}» til champion: ta i bruk en versjon (python -m training "
        "promote, og godkjenn) eller, på en ny installasjon, kjør python -m training ensure-champion",
        "postane har inga godkjend flytting av «{name}» til champion: ta i bruk ein versjon (python -m training "
        "promote, og godkjenn) eller, på ein ny installasjon, køyr python -m training ensure-champion",
        "the records hold no approved move of '{name}' to champion: promote a version (python -m training promote, "
        "then approve) or, on a fresh install, run python -m training ensure-champion",
    ),
    "cached_champion_not_in_chain": Text(
        "modellregisteret svarer ikke, og den bufrede championen {cached} er ikke den godkjente {chained}",
        "modellregisteret svarar ikkje, og den mellomlagra championen {cached} er ikkje den godkjende {chained}",
        "the registry is unreachable and the cached champion {cached} is not the approved {chained}",
    ),
    "champion_moves_unreadable": Text(
        "kan ikke lese championens flyttinger fra postene: {error}",
        "kan ikkje lese flyttingane til championen frå postane: {error}",
        "cannot read the champion's moves from the records: {error}",
    ),
    "no_model_version": Text(
        "{name} har ingen versjon {version}", "{name} har ingen versjon {version}", "{name} has no version {version}"
    ),
    "factor_repeated": Text("hvert forhold høyst én gang", "kvart forhold høgst éin gong", "each factor at most once"),
    "trial_few_options": Text(
        "en trekning krever minst to valg markert som like egnet",
        "ei trekking krev minst to val merkte som like eigna",
        "a draw needs at least two options marked as equally suitable",
    ),
    "trial_repeated_option": Text("hvert valg høyst én gang", "kvart val høgst éin gong", "each option at most once"),
    "trial_permanent_option": Text(
        "en varig innsatsgruppe trekkes aldri: den krever arbeidsevnevurdering og en beslutter",
        "ei varig innsatsgruppe vert aldri trekt: ho krev arbeidsevnevurdering og ein avgjerdstakar",
        "a permanent level is never drawn: it needs a work-capacity assessment and an approver",
    ),
    "trial_ends_before_start": Text(
        "ends_on kan ikke være før starts_on",
        "ends_on kan ikkje vere før starts_on",
        "ends_on must not be before starts_on",
    ),
    "trial_no_offices": Text(
        "eligible_offices må nevne minst ett kontor",
        "eligible_offices må nemne minst eitt kontor",
        "eligible_offices must name at least one office",
    ),
    "trial_repeated_office": Text(
        "hvert kontor høyst én gang", "kvart kontor høgst éin gong", "each office at most once"
    ),
    "no_trial": Text("forsøket {trial_id} finnes ikke", "forsøket {trial_id} finst ikkje", "no trial {trial_id}"),
    "duplicate_trial": Text(
        "forsøket {trial_id} er allerede definert: definisjonen av et forsøk kan ikke endres, bruk en ny id",
        "forsøket {trial_id} er alt definert: definisjonen av eit forsøk kan ikkje endrast, bruk ein ny id",
        "trial {trial_id} is defined already: a trial's definition cannot change, define a new id",
    ),
    "overlapping_trial": Text(
        "forsøket {other} ({trial_kind}) går ved kontor {office} i en overlappende periode: ett forsøk av hver type "
        "per kontor om gangen",
        "forsøket {other} ({trial_kind}) går ved kontor {office} i ein overlappande periode: eitt forsøk av kvar "
        "type per kontor om gongen",
        "{trial_kind} trial {other} runs at office {office} in an overlapping period: one {trial_kind} trial per "
        "office at a time",
    ),
    "not_equivalence_trial": Text(
        "forsøket {trial_id} er et {trial_kind}: trekning mellom likeverdige innsatsgrupper gjelder bare forsøk med "
        "likeverdige valg",
        "forsøket {trial_id} er eit {trial_kind}: trekking mellom likeverdige innsatsgrupper gjeld berre forsøk med "
        "likeverdige val",
        "trial {trial_id} is a {trial_kind} trial: equivalence draws are for equivalence trials",
    ),
    "outside_trial_period": Text(
        "forsøket {trial_id} varer fra {starts_on} til {ends_on}, ingen trekning {today}: utenfor perioden",
        "forsøket {trial_id} varer frå {starts_on} til {ends_on}, inga trekking {today}: utanfor perioden",
        "trial {trial_id} runs from {starts_on} to {ends_on}, no draw on {today}: outside its period",
    ),
    "office_not_in_trial": Text(
        "kontor {office} er ikke med i forsøket {trial_id}: kontoret deltar ikke",
        "kontor {office} er ikkje med i forsøket {trial_id}: kontoret deltek ikkje",
        "office {office} does not take part in trial {trial_id}: the office is not eligible",
    ),
    "no_trial_consent": Text(
        "brukeren har ikke samtykket til å delta i forsøk: bare de som samtykker, deltar",
        "brukaren har ikkje samtykt til å delta i forsøk: berre dei som samtykkjer, deltek",
        "the jobseeker did not consent to take part in trials: only consenting jobseekers take part",
    ),
    "drawn_in_another_trial": Text(
        "saken er allerede trukket i forsøket {trial_id}: en sak trekkes bare én gang",
        "saka er alt trekt i forsøket {trial_id}: ei sak vert berre trekt éin gong",
        "the case was drawn in trial {trial_id} already: a case takes part in one draw",
    ),
    "not_the_drawn_level": Text(
        "en beslutning etter en trekning i et forsøk må gi den trukne innsatsgruppen, {level}; saken har status "
        "«{state}»",
        "ei avgjerd etter ei trekking i eit forsøk må gje den trekte innsatsgruppa, {level}; saka har status «{state}»",
        'a decision after a trial draw decides the drawn level, {level}; the case\'s status is "{state}"',
    ),
    "no_alert_evaluation": Text(
        "varslene er ikke vurdert ennå: kjør `python -m monitoring watch --every 1d` (eller `watch --once`)",
        "varsla er ikkje vurderte enno: køyr `python -m monitoring watch --every 1d` (eller `watch --once`)",
        "no evaluation of the alerts yet: run `python -m monitoring watch --every 1d` (or `watch --once`)",
    ),
}
"""The detail of each domain error (:class:`models.errors.ProfilingError`) raised with a key, by that key. A
``{state}``, ``{kind}``, ``{promotion_status}`` or ``{role}`` is a code that the error shows as its label
(:data:`models.errors.LABELLED_PARAMETERS`); any other placeholder is shown as given (an id, a field's name, a number).
The English text is also the error's message (``str(error)``), for logs and the command lines."""

VALIDATION_REASONS: dict[str, Text] = {
    "missing": Text("feltet er påkrevd", "feltet er påkravd", "the field is required"),
    "extra_forbidden": Text(
        "feltet er ikke tillatt her", "feltet er ikkje tillate her", "the field is not permitted here"
    ),
    "string_type": Text("må være tekst", "må vere tekst", "must be a string"),
    "int_type": Text("må være et heltall", "må vere eit heiltal", "must be an integer"),
    "float_type": Text("må være et tall", "må vere eit tal", "must be a number"),
    "bool_type": Text("må være true eller false", "må vere true eller false", "must be a boolean (true or false)"),
    "list_type": Text("må være en liste", "må vere ei liste", "must be a list"),
    "dict_type": Text("må være et objekt", "må vere eit objekt", "must be an object"),
    "model_type": Text("må være et objekt", "må vere eit objekt", "must be an object"),
    "model_attributes_type": Text("må være et objekt", "må vere eit objekt", "must be an object"),
    "date_type": Text("må være en dato", "må vere ein dato", "must be a date"),
    "datetime_type": Text("må være et tidspunkt", "må vere eit tidspunkt", "must be a date-time"),
    "string_too_short": Text(
        "må ha minst {min_length} tegn", "må ha minst {min_length} teikn", "must have at least {min_length} characters"
    ),
    "string_too_long": Text(
        "kan ha høyst {max_length} tegn", "kan ha høgst {max_length} teikn", "must have at most {max_length} characters"
    ),
    "string_pattern_mismatch": Text(
        "har ikke formen feltet krever", "har ikkje forma feltet krev", "does not match the pattern the field requires"
    ),
    "too_short": Text(
        "må ha minst {min_length} elementer",
        "må ha minst {min_length} element",
        "must have at least {min_length} items",
    ),
    "too_long": Text(
        "kan ha høyst {max_length} elementer",
        "kan ha høgst {max_length} element",
        "must have at most {max_length} items",
    ),
    "greater_than": Text("må være større enn {gt}", "må vere større enn {gt}", "must be greater than {gt}"),
    "greater_than_equal": Text("må være minst {ge}", "må vere minst {ge}", "must be at least {ge}"),
    "less_than": Text("må være mindre enn {lt}", "må vere mindre enn {lt}", "must be less than {lt}"),
    "less_than_equal": Text("kan være høyst {le}", "kan vere høgst {le}", "must be at most {le}"),
    "enum": Text("må være en av {expected}", "må vere ein av {expected}", "must be one of {expected}"),
    "literal_error": Text("må være {expected}", "må vere {expected}", "must be {expected}"),
    "int_parsing": Text("må være et heltall", "må vere eit heiltal", "must be an integer"),
    "int_from_float": Text("må være et heltall", "må vere eit heiltal", "must be an integer, without decimals"),
    "float_parsing": Text("må være et tall", "må vere eit tal", "must be a number"),
    "finite_number": Text("må være et endelig tall", "må vere eit endeleg tal", "must be a finite number"),
    "bool_parsing": Text("må være true eller false", "må vere true eller false", "must be a boolean (true or false)"),
    "date_parsing": Text(
        "må være en dato på formen ÅÅÅÅ-MM-DD", "må vere ein dato på forma ÅÅÅÅ-MM-DD", "must be a date as YYYY-MM-DD"
    ),
    "date_from_datetime_parsing": Text(
        "må være en dato på formen ÅÅÅÅ-MM-DD", "må vere ein dato på forma ÅÅÅÅ-MM-DD", "must be a date as YYYY-MM-DD"
    ),
    "date_from_datetime_inexact": Text(
        "må være en dato uten klokkeslett", "må vere ein dato utan klokkeslett", "must be a date without a time of day"
    ),
    "datetime_parsing": Text(
        "må være et tidspunkt etter ISO 8601", "må vere eit tidspunkt etter ISO 8601", "must be an ISO 8601 date-time"
    ),
    "datetime_from_date_parsing": Text(
        "må være et tidspunkt etter ISO 8601", "må vere eit tidspunkt etter ISO 8601", "must be an ISO 8601 date-time"
    ),
    "timezone_aware": Text("må ha tidssone", "må ha tidssone", "must have a time zone"),
    "uuid_parsing": Text("må være en UUID", "må vere ein UUID", "must be a UUID"),
    "json_invalid": Text(
        "innholdet er ikke gyldig JSON", "innhaldet er ikkje gyldig JSON", "the body is not valid JSON"
    ),
    "json_type": Text("må være JSON", "må vere JSON", "must be JSON"),
}
"""Each field's reason in a validation error (422), by pydantic's error type; the ``{placeholders}`` are the error's
context (a limit, the allowed values), never the submitted value. A type without a text here keeps pydantic's English
message, and a ``value_error`` raised with a key shows :data:`ERROR_DETAILS` instead (:mod:`service.problems`)."""

RULE_OUTCOME_TEXTS: dict[str, Text] = {
    "ANTATT_GODE_MULIGHETER": Text("Antatt gode muligheter", "Anteke gode moglegheiter", "Good prospects assumed"),
    "ANTATT_BEHOV_FOR_VEILEDNING": Text(
        "Antatt behov for veiledning", "Anteke behov for rettleiing", "Need for guidance assumed"
    ),
    "OPPGITT_HINDRINGER": Text("Oppgitt hindringer", "Oppgitt hindringar", "Hindrances reported"),
}
"""Today's rule-based profiling outcomes (:class:`models.rule.RuleOutcome`), run in shadow and shown to auditors."""

ALERT_KIND_TEXTS: dict[str, Text] = {
    "drift": Text("Endring i data", "Endring i data", "Data drift"),
    "fairness": Text("Likebehandling", "Likehandsaming", "Fairness"),
    "overrides": Text("Overstyringer", "Overstyringar", "Overrides"),
    "performance": Text("Modellens treffsikkerhet", "Treffsikkerheita til modellen", "Model performance"),
    "shadow_rule": Text("Dagens regel i skyggedrift", "Dagens regel i skuggedrift", "Today's rule in shadow"),
    "model_events": Text("Modellhendelser", "Modellhendingar", "Model events"),
    "trials": Text("Kontrollerte forsøk", "Kontrollerte forsøk", "Controlled trials"),
    "chain": Text("Beslutningsloggen", "Avgjerdsloggen", "Decision log"),
    "no_rows": Text("Ingen vurderinger i perioden", "Ingen vurderingar i perioden", "No assessments in the period"),
}
"""Labels of the alert kinds (:class:`monitoring.analysis.alerts.AlertKind`)."""

ALERT_TEXTS: dict[str, Text] = {
    "too_many_overrides_overall": Text(
        "For mange overstyringer (samlet): {overrides} av {n} forslag overstyrt ({rate}, {confidence} KI {rate_low} "
        "til {rate_high}); grense {share_limit}. Modellen er kanskje ikke nyttig her: gå gjennom modellen og "
        "terskelverdiene i policyen.",
        "For mange overstyringar (samla): {overrides} av {n} forslag overstyrte ({rate}, {confidence} KI {rate_low} "
        "til {rate_high}); grense {share_limit}. Modellen er kanskje ikkje nyttig her: gå gjennom modellen og "
        "terskelverdiane i policyen.",
        "Too many overrides (overall): {overrides} of {n} suggestions overridden ({rate}, {confidence} CI {rate_low} "
        "to {rate_high}); limit {share_limit}. The model may not be useful here: review the model and the policy "
        "thresholds.",
    ),
    "too_many_overrides_office": Text(
        "For mange overstyringer (kontor {office}): {overrides} av {n} forslag overstyrt ({rate}, {confidence} KI "
        "{rate_low} til {rate_high}); grense {share_limit}. Modellen er kanskje ikke nyttig her: gå gjennom modellen "
        "og terskelverdiene i policyen.",
        "For mange overstyringar (kontor {office}): {overrides} av {n} forslag overstyrte ({rate}, {confidence} KI "
        "{rate_low} til {rate_high}); grense {share_limit}. Modellen er kanskje ikkje nyttig her: gå gjennom modellen "
        "og terskelverdiane i policyen.",
        "Too many overrides (office {office}): {overrides} of {n} suggestions overridden ({rate}, {confidence} CI "
        "{rate_low} to {rate_high}); limit {share_limit}. The model may not be useful here: review the model and the "
        "policy thresholds.",
    ),
    "too_many_overrides_counsellor": Text(
        "For mange overstyringer (veileder {counsellor}): {overrides} av {n} forslag overstyrt ({rate}, {confidence} "
        "KI {rate_low} til {rate_high}); grense {share_limit}. Modellen er kanskje ikke nyttig her: gå gjennom "
        "modellen og terskelverdiene i policyen.",
        "For mange overstyringar (rettleiar {counsellor}): {overrides} av {n} forslag overstyrte ({rate}, "
        "{confidence} KI {rate_low} til {rate_high}); grense {share_limit}. Modellen er kanskje ikkje nyttig her: gå "
        "gjennom modellen og terskelverdiane i policyen.",
        "Too many overrides (counsellor {counsellor}): {overrides} of {n} suggestions overridden ({rate}, "
        "{confidence} CI {rate_low} to {rate_high}); limit {share_limit}. The model may not be useful here: review "
        "the model and the policy thresholds.",
    ),
    "too_few_overrides_overall": Text(
        "For få overstyringer (samlet): {overrides} av {n} forslag overstyrt ({rate}, {confidence} KI {rate_low} til "
        "{rate_high}); grense {share_limit}. Mulig automatiseringsskjevhet (godkjenning uten egen vurdering): se på "
        "tiden til vurderingen, opplæringen og siden, ikke på personen.",
        "For få overstyringar (samla): {overrides} av {n} forslag overstyrte ({rate}, {confidence} KI {rate_low} til "
        "{rate_high}); grense {share_limit}. Mogleg automatiseringsskeivskap (godkjenning utan eiga vurdering): sjå "
        "på tida til vurderinga, opplæringa og sida, ikkje på personen.",
        "Too few overrides (overall): {overrides} of {n} suggestions overridden ({rate}, {confidence} CI {rate_low} "
        "to {rate_high}); limit {share_limit}. Possible automation bias (rubber-stamping): look at the time for the "
        "assessment, training and the page, not at the person.",
    ),
    "too_few_overrides_office": Text(
        "For få overstyringer (kontor {office}): {overrides} av {n} forslag overstyrt ({rate}, {confidence} KI "
        "{rate_low} til {rate_high}); grense {share_limit}. Mulig automatiseringsskjevhet (godkjenning uten egen "
        "vurdering): se på tiden til vurderingen, opplæringen og siden, ikke på personen.",
        "For få overstyringar (kontor {office}): {overrides} av {n} forslag overstyrte ({rate}, {confidence} KI "
        "{rate_low} til {rate_high}); grense {share_limit}. Mogleg automatiseringsskeivskap (godkjenning utan eiga "
        "vurdering): sjå på tida til vurderinga, opplæringa og sida, ikkje på personen.",
        "Too few overrides (office {office}): {overrides} of {n} suggestions overridden ({rate}, {confidence} CI "
        "{rate_low} to {rate_high}); limit {share_limit}. Possible automation bias (rubber-stamping): look at the "
        "time for the assessment, training and the page, not at the person.",
    ),
    "too_few_overrides_counsellor": Text(
        "For få overstyringer (veileder {counsellor}): {overrides} av {n} forslag overstyrt ({rate}, {confidence} KI "
        "{rate_low} til {rate_high}); grense {share_limit}. Mulig automatiseringsskjevhet (godkjenning uten egen "
        "vurdering): se på tiden til vurderingen, opplæringen og siden, ikke på personen.",
        "For få overstyringar (rettleiar {counsellor}): {overrides} av {n} forslag overstyrte ({rate}, {confidence} "
        "KI {rate_low} til {rate_high}); grense {share_limit}. Mogleg automatiseringsskeivskap (godkjenning utan eiga "
        "vurdering): sjå på tida til vurderinga, opplæringa og sida, ikkje på personen.",
        "Too few overrides (counsellor {counsellor}): {overrides} of {n} suggestions overridden ({rate}, "
        "{confidence} CI {rate_low} to {rate_high}); limit {share_limit}. Possible automation bias (rubber-stamping): "
        "look at the time for the assessment, training and the page, not at the person.",
    ),
    "overrides_without_reason": Text(
        "{count} overstyringer mangler årsakskode; hver overstyring krever en årsak.",
        "{count} overstyringar manglar årsakskode; kvar overstyring krev ei årsak.",
        "{count} overrides have no reason code; a reason is required for every override.",
    ),
    "calibration_overestimates": Text(
        "Kalibrering: modellen overvurderer risikoen for gruppen «{group}» ({grouping}): gjennomsnittlig risiko "
        "{mean_risk} mot en observert andel på {observed_rate}, avvik {gap} ({confidence} KI {gap_low} til "
        "{gap_high}; grense ±{limit}, n = {n} med kjent utfall).",
        "Kalibrering: modellen overvurderer risikoen for gruppa «{group}» ({grouping}): gjennomsnittleg risiko "
        "{mean_risk} mot ein observert del på {observed_rate}, avvik {gap} ({confidence} KI {gap_low} til "
        "{gap_high}; grense ±{limit}, n = {n} med kjent utfall).",
        "Calibration: the model overestimates the risk of group '{group}' ({grouping}): mean risk {mean_risk} against "
        "an observed rate of {observed_rate}, gap {gap} ({confidence} CI {gap_low} to {gap_high}; limit ±{limit}, "
        "n = {n} with known outcome).",
    ),
    "calibration_underestimates": Text(
        "Kalibrering: modellen undervurderer risikoen for gruppen «{group}» ({grouping}): gjennomsnittlig risiko "
        "{mean_risk} mot en observert andel på {observed_rate}, avvik {gap} ({confidence} KI {gap_low} til "
        "{gap_high}; grense ±{limit}, n = {n} med kjent utfall).",
        "Kalibrering: modellen undervurderer risikoen for gruppa «{group}» ({grouping}): gjennomsnittleg risiko "
        "{mean_risk} mot ein observert del på {observed_rate}, avvik {gap} ({confidence} KI {gap_low} til "
        "{gap_high}; grense ±{limit}, n = {n} med kjent utfall).",
        "Calibration: the model underestimates the risk of group '{group}' ({grouping}): mean risk {mean_risk} "
        "against an observed rate of {observed_rate}, gap {gap} ({confidence} CI {gap_low} to {gap_high}; limit "
        "±{limit}, n = {n} with known outcome).",
    ),
    "tpr_gap": Text(
        "Treffraten (TPR) ved risiko ≥ {threshold} skiller seg med {gap} mellom «{high_group}» ({high_value}) og "
        "«{low_group}» ({low_value}) i inndelingen {grouping} (grense {limit}; intervallene overlapper ikke). Grupper "
        "med ulik observert andel får ulik TPR og FPR ved én terskel selv med kalibrert risiko: sammenlign "
        "kalibreringsavvikene før dette leses som skjevhet, og gå gjennom terskelpolicyen.",
        "Treffraten (TPR) ved risiko ≥ {threshold} skil seg med {gap} mellom «{high_group}» ({high_value}) og "
        "«{low_group}» ({low_value}) i inndelinga {grouping} (grense {limit}; intervalla overlappar ikkje). Grupper "
        "med ulik observert del får ulik TPR og FPR ved éin terskel sjølv med kalibrert risiko: samanlikn "
        "kalibreringsavvika før dette blir lese som skeivskap, og gå gjennom terskelpolicyen.",
        "TPR at risk ≥ {threshold} differs by {gap} between '{high_group}' ({high_value}) and '{low_group}' "
        "({low_value}) in grouping {grouping} (limit {limit}; the intervals do not overlap). Groups with different "
        "observed rates get different TPR and FPR at one threshold even from calibrated risks: compare the "
        "calibration gaps before reading this as bias, and review the threshold policy.",
    ),
    "fpr_gap": Text(
        "Andelen falske alarmer (FPR) ved risiko ≥ {threshold} skiller seg med {gap} mellom «{high_group}» "
        "({high_value}) og «{low_group}» ({low_value}) i inndelingen {grouping} (grense {limit}; intervallene "
        "overlapper ikke). Grupper med ulik observert andel får ulik TPR og FPR ved én terskel selv med kalibrert "
        "risiko: sammenlign kalibreringsavvikene før dette leses som skjevhet, og gå gjennom terskelpolicyen.",
        "Delen falske alarmar (FPR) ved risiko ≥ {threshold} skil seg med {gap} mellom «{high_group}» ({high_value}) "
        "og «{low_group}» ({low_value}) i inndelinga {grouping} (grense {limit}; intervalla overlappar ikkje). "
        "Grupper med ulik observert del får ulik TPR og FPR ved éin terskel sjølv med kalibrert risiko: samanlikn "
        "kalibreringsavvika før dette blir lese som skeivskap, og gå gjennom terskelpolicyen.",
        "FPR at risk ≥ {threshold} differs by {gap} between '{high_group}' ({high_value}) and '{low_group}' "
        "({low_value}) in grouping {grouping} (limit {limit}; the intervals do not overlap). Groups with different "
        "observed rates get different TPR and FPR at one threshold even from calibrated risks: compare the "
        "calibration gaps before reading this as bias, and review the threshold policy.",
    ),
    "override_rate_gap": Text(
        "Andelen overstyrt skiller seg med {gap} mellom «{high_group}» ({high_value}) og «{low_group}» ({low_value}) "
        "i inndelingen {grouping} (grense {limit}; intervallene overlapper ikke).",
        "Delen overstyrte skil seg med {gap} mellom «{high_group}» ({high_value}) og «{low_group}» ({low_value}) i "
        "inndelinga {grouping} (grense {limit}; intervalla overlappar ikkje).",
        "Override rate differs by {gap} between '{high_group}' ({high_value}) and '{low_group}' ({low_value}) in "
        "grouping {grouping} (limit {limit}; the intervals do not overlap).",
    ),
    "not_calibrated": Text(
        "{period}: gjennomsnittlig risiko {mean_risk} mot en observert andel på {observed_rate} (avvik {gap}, grense "
        "±{limit}, n = {n}): modellen er ikke kalibrert.",
        "{period}: gjennomsnittleg risiko {mean_risk} mot ein observert del på {observed_rate} (avvik {gap}, grense "
        "±{limit}, n = {n}): modellen er ikkje kalibrert.",
        "{period}: mean risk {mean_risk} against an observed rate of {observed_rate} (gap {gap}, limit ±{limit}, "
        "n = {n}): the model is not calibrated.",
    ),
    "auc_below_promise": Text(
        "{period}: realisert AUC {auc} er mer enn {limit} under de {expected_auc} som risikoene lovet (n = {n}).",
        "{period}: realisert AUC {auc} er meir enn {limit} under dei {expected_auc} som risikoane lova (n = {n}).",
        "{period}: realised AUC {auc} is more than {limit} below the {expected_auc} the risks promised (n = {n}).",
    ),
    "input_drift": Text(
        "Endring i inndata: {share} av modellens inndata har endret seg (grense {share_limit}): {columns}.",
        "Endring i inndata: {share} av inndata til modellen har endra seg (grense {share_limit}): {columns}.",
        "Input drift: {share} of the model inputs have drifted (limit {share_limit}): {columns}.",
    ),
    "risk_drift": Text(
        "Predikert risiko har endret seg: {method}-avstand {distance} (grense {limit}).",
        "Predikert risiko har endra seg: {method}-avstand {distance} (grense {limit}).",
        "Predicted risk has drifted: {method} distance {distance} (limit {limit}).",
    ),
    "suggestion_share_changed": Text(
        "Andelen forslag om {level} endret seg fra {reference_share} til {current_share} (grense ±{share_limit}).",
        "Delen forslag om {level} endra seg frå {reference_share} til {current_share} (grense ±{share_limit}).",
        "Share of suggestions {level} changed from {reference_share} to {current_share} (limit ±{share_limit}).",
    ),
    "rule_ranks_better": Text(
        "Dagens regel rangerer utfallene bedre enn modellen: AUC(modell) − AUC(regel) = {difference} (intervall "
        "{difference_low} til {difference_high}, n = {n}).",
        "Dagens regel rangerer utfalla betre enn modellen: AUC(modell) − AUC(regel) = {difference} (intervall "
        "{difference_low} til {difference_high}, n = {n}).",
        "Today's rule ranks the outcomes better than the model: AUC(model) − AUC(rule) = {difference} (interval "
        "{difference_low} to {difference_high}, n = {n}).",
    ),
    "self_approved_champion": Text(
        "{model} versjon {version} ble gjort til champion av prosessen som ba om det (den første championen i en "
        "utviklingsinstallasjon): ingen andre personer godkjente den; godkjenn en promotering med fire øyne før "
        "tjenesten tas i bruk på ordentlig.",
        "{model} versjon {version} vart gjord til champion av prosessen som bad om det (den første championen i ein "
        "utviklingsinstallasjon): ingen annan person godkjende han; godkjenn ei promotering med fire auge før tenesta "
        "blir teken i bruk på ordentleg.",
        "{model} version {version} was made champion by the process that asked for it (a development install's first "
        "champion): no second person approved it; approve a promotion with four eyes before the service is used for "
        "real.",
    ),
    "loosened_limits": Text(
        "Forespørsel {request_id} om å promotere {model} versjon {version} løsnet grensene i portene ({loosened}): "
        "kontroller begrunnelsen.",
        "Førespurnad {request_id} om å promotere {model} versjon {version} løyste opp grensene i portane "
        "({loosened}): kontroller grunngivinga.",
        "Promotion request {request_id} for {model} version {version} loosened gate limits ({loosened}): check the "
        "reason.",
    ),
    "trial_imbalanced": Text(
        "{trial}: {count} kovariat(er) med |SMD| > {limit}.",
        "{trial}: {count} kovariat(ar) med |SMD| > {limit}.",
        "{trial}: {count} covariate(s) with |SMD| > {limit}.",
    ),
    "trial_underpowered": Text(
        "{trial}: målet på {target} er under de {needed} som styrkeberegningen krever.",
        "{trial}: målet på {target} er under dei {needed} som styrkeutrekninga krev.",
        "{trial}: the target of {target} is below the {needed} the power calculation needs.",
    ),
    "no_rows": Text(
        "Ingen vurderinger i denne perioden.", "Ingen vurderingar i denne perioden.", "No assessments in this period."
    ),
    "chain_broken": Text(
        "Registreringene holder ikke på {breaks} sted(er).",
        "Registreringane held ikkje på {breaks} stad(er).",
        "The records do not hold in {breaks} place(s).",
    ),
}
"""The sentence of each alert the audit report's sections raise (:class:`monitoring.analysis.alert_messages.
AlertMessage`), by its key. A ``{level}``, a group, a grouping or a list of ``{columns}`` is a code shown as its label
and a number is written by :mod:`models.formatting` (:data:`monitoring.analysis.alert_messages.ALERT_LABELS`,
``ALERT_NUMBERS``); any other placeholder is shown as given (an office, a counsellor, a period, a model version). The
English text is also the alert's ``message`` in the report's JSON and the stored evaluations, for machines and logs."""


# --- The audit report for people (monitoring/analysis/report_page.py, report_charts.py) ---

REPORT_TEXTS: dict[str, Text] = {
    "title": Text("Revisjonsrapport", "Revisjonsrapport", "Audit report"),
    "period": Text("Periode: {since} til {until}", "Periode: {since} til {until}", "Period: {since} to {until}"),
    "start": Text("første registrering", "første registrering", "the first record"),
    "now": Text("nå", "no", "now"),
    "office": Text("Kontor {office}", "Kontor {office}", "Office {office}"),
    "all_offices": Text("Alle kontorer", "Alle kontor", "All offices"),
    "generated": Text("Laget {at}", "Laga {at}", "Generated {at}"),
    "summary": Text("Sammendrag", "Samandrag", "Summary"),
    "log_title": Text("Beslutningsloggen", "Avgjerdsloggen", "The decision log"),
    "log_intact": Text(
        "Loggen er intakt: {checked} beslutninger og {assessments} vurderinger er kontrollert, og ingen er endret "
        "eller fjernet.",
        "Loggen er intakt: {checked} avgjerder og {assessments} vurderingar er kontrollerte, og ingen er endra eller "
        "fjerna.",
        "The log is intact: {checked} decisions and {assessments} assessments were checked, and none was changed or "
        "removed.",
    ),
    "log_broken": Text(
        "Loggen holder ikke på {breaks} steder: noe er endret eller fjernet etter at det ble skrevet.",
        "Loggen held ikkje på {breaks} stader: noko er endra eller fjerna etter at det vart skrive.",
        "The log does not hold in {breaks} places: something was changed or removed after it was written.",
    ),
    "log_not_verified": Text(
        "Loggen er ikke kontrollert i denne rapporten.",
        "Loggen er ikkje kontrollert i denne rapporten.",
        "The log was not verified for this report.",
    ),
    "head_keep": Text(
        "Ta vare på loggens siste ledd utenfor databasen, så kan sletting av de nyeste beslutningene oppdages senere: "
        "nummer {seq}, hash {hash}.",
        "Ta vare på det siste leddet i loggen utanfor databasen, så kan sletting av dei nyaste avgjerdene oppdagast "
        "seinare: nummer {seq}, hash {hash}.",
        "Keep the log's last link outside the database, so that deleting the newest decisions can be detected later: "
        "number {seq}, hash {hash}.",
    ),
    "breaks_shown": Text(
        "De første {shown} av {total} stedene:",
        "Dei første {shown} av {total} stadene:",
        "The first {shown} of {total}:",
    ),
    "alerts": Text("Varsler", "Varsel", "Alerts"),
    "no_alerts": Text("Ingen varsler i perioden.", "Ingen varsel i perioden.", "No alerts in this period."),
    "alerts_count": Text("{count} varsler", "{count} varsel", "{count} alerts"),
    "meaning": Text("Hva det betyr", "Kva det tyder", "What it means"),
    "action": Text("Hva du bør gjøre", "Kva du bør gjere", "What to do"),
    "details": Text("Varslene slik analysen skrev dem", "Varsla slik analysen skreiv dei", "The alerts as written"),
    "key_figures": Text("Nøkkeltall", "Nøkkeltal", "Key figures"),
    "assessments": Text("Vurderinger", "Vurderingar", "Assessments"),
    "assessments_value": Text(
        "{assessments} ({scored} med risiko, {decided} besluttet, {with_outcome} med kjent utfall)",
        "{assessments} ({scored} med risiko, {decided} avgjorde, {with_outcome} med kjent utfall)",
        "{assessments} ({scored} scored, {decided} decided, {with_outcome} with a known outcome)",
    ),
    "override_rate": Text("Andel overstyrt", "Del overstyrte", "Override rate"),
    "calibration_gap": Text(
        "Kalibreringsavvik (gjennomsnittlig risiko minus observert andel)",
        "Kalibreringsavvik (gjennomsnittleg risiko minus observert del)",
        "Calibration gap (mean risk minus observed rate)",
    ),
    "auc_realised": Text("AUC, realisert", "AUC, realisert", "AUC, realised"),
    "auc_estimated": Text(
        "AUC, anslått for saker uten utfall ennå",
        "AUC, anslått for saker utan utfall enno",
        "AUC, estimated for cases without an outcome yet",
    ),
    "drift": Text("Endring i data", "Endring i data", "Data drift"),
    "drift_value": Text(
        "{drifted} av {columns} variabler har endret seg; endring i risiko {score} (grense {limit})",
        "{drifted} av {columns} variablar har endra seg; endring i risiko {score} (grense {limit})",
        "{drifted} of {columns} variables drifted; risk drift {score} (limit {limit})",
    ),
    "not_measured": Text("Ikke målt", "Ikkje målt", "Not measured"),
    "interval": Text(
        "{value} (95 % KI {low} til {high})", "{value} (95 % KI {low} til {high})", "{value} (95% CI {low} to {high})"
    ),
    "sections": Text("Innhold", "Innhald", "Contents"),
    "table_rows": Text(
        "Tabell: {title} ({rows} rader)", "Tabell: {title} ({rows} rader)", "Table: {title} ({rows} rows)"
    ),
    "yes": Text("Ja", "Ja", "Yes"),
    "no": Text("Nei", "Nei", "No"),
    "all": Text("Alle", "Alle", "All"),
    "open_case": Text("Åpne saken", "Opne saka", "Open the case"),
    "drift_page": Text(
        "Den fullstendige driftrapporten fra Evidently (egen side, på engelsk)",
        "Den fullstendige driftrapporten frå Evidently (eiga side, på engelsk)",
        "Evidently's full drift report (a page of its own)",
    ),
    "documentation": Text(
        "Teknisk dokumentasjon (KI-forordningen vedlegg IV, i utkast) for hver modellversjon:",
        "Teknisk dokumentasjon (KI-forordninga vedlegg IV, i utkast) for kvar modellversjon:",
        "Technical documentation (AI Act Annex IV, in outline) of each model version:",
    ),
    "version": Text("versjon {version}", "versjon {version}", "version {version}"),
    "funnel": Text(
        "Trakt: andel overstyrt per kontor mot antall beslutninger, med kontrollgrenser rundt gjennomsnittet",
        "Trakt: del overstyrte per kontor mot talet på avgjerder, med kontrollgrenser rundt snittet",
        "Funnel: override rate per office against its number of decisions, with control limits around the overall rate",
    ),
    "funnel_note": Text(
        "Kontorer innenfor grensene skiller seg ikke fra gjennomsnittet mer enn tilfeldighet kan forklare; små "
        "kontorer har vide grenser. Kontorene rangeres ikke.",
        "Kontor innanfor grensene skil seg ikkje frå snittet meir enn tilfeldigheit kan forklare; små kontor har vide "
        "grenser. Kontora vert ikkje rangerte.",
        "Offices inside the limits differ from the overall rate no more than chance explains; small offices have wide "
        "limits. Offices are not ranked.",
    ),
    "forest": Text(
        "Forskjeller mellom grupper: estimat og 95 % intervall per gruppe og mål",
        "Skilnader mellom grupper: estimat og 95 % intervall per gruppe og mål",
        "Differences between groups: estimate and 95% interval per group and metric",
    ),
    "calibration": Text(
        "Kalibrering per gruppe: gjennomsnittlig risiko mot observert andel uten arbeid",
        "Kalibrering per gruppe: gjennomsnittleg risiko mot observert del utan arbeid",
        "Calibration per group: mean risk against the observed share without work",
    ),
    "performance": Text(
        "AUC per registreringsmåned: realisert, lovet av risikoene, og anslått",
        "AUC per registreringsmånad: realisert, lova av risikoane, og anslått",
        "AUC by registration month: realised, promised by the risks, and estimated",
    ),
    "drift_chart": Text(
        "Endring per variabel mot grensen",
        "Endring per variabel mot grensa",
        "Drift score per variable against its limit",
    ),
    "shap": Text(
        "Gjennomsnittlig |SHAP| per faktor og modellversjon",
        "Gjennomsnittleg |SHAP| per faktor og modellversjon",
        "Mean |SHAP| per factor and model version",
    ),
    "time_to_decision": Text(
        "Dager fra registrering til beslutning",
        "Dagar frå registrering til avgjerd",
        "Days from registration to decision",
    ),
    "decisions": Text("Beslutninger", "Avgjerder", "Decisions"),
    "overall_rate": Text("Samlet andel", "Samla del", "Overall rate"),
    "limit_95": Text("95 % grense", "95 % grense", "95% limit"),
    "limit_998": Text("99,8 % grense", "99,8 % grense", "99.8% limit"),
    "office_point": Text("Kontor", "Kontor", "Office"),
    "outside": Text("Kontor utenfor 99,8 % grensen", "Kontor utanfor 99,8 % grensa", "Office outside the 99.8% limit"),
    "month": Text("Registreringsmåned", "Registreringsmånad", "Registration month"),
    "realised": Text("Realisert", "Realisert", "Realised"),
    "promised": Text("Lovet av risikoene", "Lova av risikoane", "Promised by the risks"),
    "estimated": Text("Anslått (utfall ikke kjent)", "Anslått (utfall ikkje kjent)", "Estimated (outcome not known)"),
    "score": Text("Endring", "Endring", "Drift score"),
    "limit": Text("Grense", "Grense", "Limit"),
    "drifted": Text("Endret", "Endra", "Drifted"),
    "mean_risk": Text("Gjennomsnittlig risiko", "Gjennomsnittleg risiko", "Mean risk"),
    "observed_rate": Text("Observert andel uten arbeid", "Observert del utan arbeid", "Observed share without work"),
    "perfect": Text("Perfekt kalibrert", "Perfekt kalibrert", "Perfectly calibrated"),
    "days": Text("Dager", "Dagar", "Days"),
    "median_days": Text(
        "Median {median} dager; 90 % innen {p90} dager ({n} beslutninger)",
        "Median {median} dagar; 90 % innan {p90} dagar ({n} avgjerder)",
        "Median {median} days; 90% within {p90} days ({n} decisions)",
    ),
    "overall": Text("Hele befolkningen", "Heile populasjonen", "Whole population"),
    "page_intro": Text(
        "Velg periode og eventuelt kontor. Rapporten lages fra loggen når du ber om den; med mange saker tar det tid.",
        "Vel periode og eventuelt kontor. Rapporten vert laga frå loggen når du ber om han; med mange saker tek det "
        "tid.",
        "Choose a period and, if you like, an office. The report is made from the log when you ask; with many cases "
        "that takes a while.",
    ),
    "show": Text("Lag rapporten", "Lag rapporten", "Make the report"),
    "making": Text("Lager rapporten …", "Lagar rapporten …", "Making the report …"),
    "no_drift_page": Text(
        "ingen driftrapport for denne perioden: den krever vurderinger med risiko og en mester å sammenligne med",
        "ingen driftrapport for denne perioden: han krev vurderingar med risiko og ein meister å samanlikne med",
        "no drift page for this period: it needs scored assessments and a champion to compare with",
    ),
}
"""The words of the audit report; sentences with ``{placeholders}`` are filled in by the report's renderer."""

REPORT_SECTION_TEXTS: dict[str, Text] = {
    "overrides": Text("Overstyringer", "Overstyringar", "Overrides"),
    "fairness": Text("Likebehandling", "Likehandsaming", "Fairness"),
    "calibration": Text("Kalibrering per gruppe", "Kalibrering per gruppe", "Calibration per group"),
    "performance": Text("Modellens treffsikkerhet", "Treffsikkerheita til modellen", "Model performance"),
    "time_to_decision": Text(
        "Tid fra registrering til beslutning", "Tid frå registrering til avgjerd", "Time from registration to decision"
    ),
    "drift": Text("Endring i data", "Endring i data", "Data drift"),
    "shadow_rule": Text("Dagens regel i skyggedrift", "Dagens regel i skuggedrift", "Today's rule in shadow"),
    "trials": Text("Kontrollerte forsøk", "Kontrollerte forsøk", "Controlled trials"),
    "blind_first": Text(
        "Blind først: foreløpig og endelig innsats",
        "Blindt først: førebels og endeleg innsats",
        "Blind-first: provisional and final levels",
    ),
    "approvals": Text("Beslutter (andre godkjenner)", "Beslutar (andre godkjennar)", "Second approver"),
    "objections": Text("Klager og ny vurdering", "Klager og ny vurdering", "Objections and reviews"),
    "documentation": Text(
        "Dokumentasjon av behovsvurderingene",
        "Dokumentasjon av behovsvurderingane",
        "Documentation of the needs assessments",
    ),
    "model_events": Text(
        "Modellstyring: forfremmelser, godkjenninger og tilbakerullinger",
        "Modellstyring: forfremmingar, godkjenningar og tilbakerullingar",
        "Model governance: promotions, approvals and rollbacks",
    ),
    "explanations": Text(
        "Hva som driver anslaget (gjennomsnittlig |SHAP|)",
        "Kva som driv anslaget (gjennomsnittleg |SHAP|)",
        "What drives the estimate (mean |SHAP|)",
    ),
}
"""The title of each section of the audit report, by its name in ``report.json``; a section without one is titled by
its name."""

REPORT_ABOUT_TEXTS: dict[str, Text] = {
    "overrides": Text(
        "Hvor ofte veilederne velger en annen innsats enn forslaget, per kontor, veileder, grunn og gruppe: både svært "
        "mange og svært få overstyringer er et signal.",
        "Kor ofte rettleiarane vel ein annan innsats enn forslaget, per kontor, rettleiar, grunn og gruppe: både svært "
        "mange og svært få overstyringar er eit signal.",
        "How often counsellors choose another level than the suggestion, by office, counsellor, reason and group: both "
        "very many and very few overrides are a signal.",
    ),
    "fairness": Text(
        "Om risiko, forslag, overstyringer og feilrater er ulike mellom kjønn, aldersgrupper og landbakgrunn, med "
        "usikkerhet; små grupper vises ikke.",
        "Om risiko, forslag, overstyringar og feilratar er ulike mellom kjønn, aldersgrupper og landbakgrunn, med "
        "uvisse; små grupper vert ikkje viste.",
        "Whether risk, suggestions, overrides and error rates differ between genders, age groups and country "
        "backgrounds, with uncertainty; small groups are not shown.",
    ),
    "calibration": Text(
        "Om en risiko på for eksempel 30 % betyr at 30 % fortsatt er uten arbeid, i hver gruppe for seg.",
        "Om ein risiko på til dømes 30 % tyder at 30 % framleis er utan arbeid, i kvar gruppe for seg.",
        "Whether a risk of, say, 30% means that 30% are still without work, in each group separately.",
    ),
    "performance": Text(
        "Hvor godt modellen skiller dem som blir gående uten arbeid fra de andre, der utfallet er kjent, og anslått "
        "der det ikke er kjent ennå.",
        "Kor godt modellen skil dei som vert gåande utan arbeid frå dei andre, der utfallet er kjent, og anslått der "
        "det ikkje er kjent enno.",
        "How well the model separates those who stay without work from the others where the outcome is known, and "
        "estimated where it is not known yet.",
    ),
    "time_to_decision": Text(
        "Hvor lang tid det går fra en person registrerer seg til innsatsen er besluttet.",
        "Kor lang tid det går frå ein person registrerer seg til innsatsen er avgjord.",
        "How long it takes from a person's registration to the decision on their follow-up level.",
    ),
    "drift": Text(
        "Om de som registrerer seg nå, ligner dem modellen ble trent på, variabel for variabel.",
        "Om dei som registrerer seg no, liknar på dei modellen vart trena på, variabel for variabel.",
        "Whether the people registering now resemble those the model was trained on, variable by variable.",
    ),
    "shadow_rule": Text(
        "Dagens regelbaserte profilering kjører ved siden av modellen uten å bli vist: hvor de er uenige, og hvem som "
        "fikk rett. Regelens poengsum for AUC er utfallet som rangering (antatt gode muligheter < antatt behov for "
        "veiledning < oppgitt hindringer); presisjon er andelen fortsatt uten arbeid ved horisonten blant dem hver av "
        "dem plasserer over standard innsats.",
        "Dagens regelbaserte profilering køyrer ved sida av modellen utan å verte vist: kvar dei er usamde, og kven "
        "som fekk rett. Poengsummen til regelen for AUC er utfallet som rangering (anteke gode moglegheiter < anteke "
        "behov for rettleiing < oppgitt hindringar); presisjon er delen framleis utan arbeid ved horisonten blant dei "
        "kvar av dei plasserer over standard innsats.",
        "Today's rule-based profiling runs beside the model unseen: where the two disagree, and which was right. The "
        "rule's score for the AUC is its outcome as a ranking (good prospects < need for guidance < hindrances "
        "reported); precision is the share still without work at the horizon among those each puts above standard "
        "follow-up.",
    ),
    "trials": Text(
        "Kontrollerte forsøk der veilederen vurderte to innsatser som like gode og tjenesten trakk en av dem.",
        "Kontrollerte forsøk der rettleiaren vurderte to innsatsar som like gode og tenesta trekte ein av dei.",
        "Controlled trials where the counsellor judged two levels equally suitable and the service drew one.",
    ),
    "blind_first": Text(
        "Hvor ofte veiledere som satte en foreløpig innsats før de så forslaget, endret den etterpå, og hvor ofte mot "
        "forslaget.",
        "Kor ofte rettleiarar som sette ein førebels innsats før dei såg forslaget, endra han etterpå, og kor ofte mot "
        "forslaget.",
        "How often counsellors who recorded a provisional level before seeing the suggestion changed it afterwards, "
        "and how often toward the suggestion.",
    ),
    "approvals": Text(
        "Hvordan beslutninger om varig innsats gikk hos beslutteren: godkjent, sendt tilbake eller venter, og hvor "
        "lang tid det tok.",
        "Korleis avgjerder om varig innsats gjekk hos beslutaren: godkjende, sende tilbake eller ventar, og kor lang "
        "tid det tok.",
        "How decisions on a permanent level fared with the second approver: approved, returned or waiting, and how "
        "long it took.",
    ),
    "objections": Text(
        "Hvor mange som klaget på en beslutning, hvordan den nye vurderingen endte, og hvor lang tid den tok.",
        "Kor mange som klaga på ei avgjerd, korleis den nye vurderinga enda, og kor lang tid ho tok.",
        "How many objected to a decision, how the review ended, and how long it took.",
    ),
    "documentation": Text(
        "Hvor mange beslutninger som dokumenterer behovsvurderingen, og hva de dokumenterte vektla.",
        "Kor mange avgjerder som dokumenterer behovsvurderinga, og kva dei dokumenterte la vekt på.",
        "How many decisions document the needs assessment, and what the documented ones weighed.",
    ),
    "model_events": Text(
        "Hver forespørsel om å ta i bruk en modellversjon, godkjenninger, avslag og flytting av mesteren i perioden.",
        "Kvar førespurnad om å ta i bruk ein modellversjon, godkjenningar, avslag og flytting av meisteren i perioden.",
        "Every request to put a model version into use, approvals, rejections and moves of the champion in the period.",
    ),
    "explanations": Text(
        "Hvilke faktorer som i snitt flytter anslaget mest, per modellversjon, fra forklaringene som ble vist.",
        "Kva faktorar som i snitt flyttar anslaget mest, per modellversjon, frå forklaringane som vart viste.",
        "Which factors move the estimate most on average, per model version, from the explanations that were shown.",
    ),
}
"""The sentence that opens each section of the audit report."""

ALERT_MEANING_TEXTS: dict[str, Text] = {
    "drift": Text(
        "De som registrerer seg nå, skiller seg fra dem modellen ble trent på; anslagene kan være mindre treffsikre.",
        "Dei som registrerer seg no, skil seg frå dei modellen vart trena på; anslaga kan vere mindre treffsikre.",
        "The people registering now differ from those the model was trained on; its estimates may be less accurate.",
    ),
    "fairness": Text(
        "Modellen eller forslagene behandler grupper ulikt mer enn tilfeldighet kan forklare.",
        "Modellen eller forslaga handsamar grupper ulikt meir enn tilfeldigheit kan forklare.",
        "The model or its suggestions treat groups differently by more than chance explains.",
    ),
    "overrides": Text(
        "Veilederne overstyrer forslaget svært ofte (modellen hjelper lite) eller nesten aldri (mulig automatisk "
        "godtaking), eller overstyringer mangler grunn.",
        "Rettleiarane overstyrer forslaget svært ofte (modellen hjelper lite) eller nesten aldri (mogleg automatisk "
        "godtaking), eller overstyringar manglar grunn.",
        "Counsellors override the suggestion very often (the model helps little) or almost never (possible "
        "rubber-stamping), or overrides lack a reason.",
    ),
    "performance": Text(
        "Modellen treffer dårligere enn den lovet, eller risikoene stemmer ikke med hvor mange som blir uten arbeid.",
        "Modellen treffer dårlegare enn han lova, eller risikoane stemmer ikkje med kor mange som vert utan arbeid.",
        "The model performs worse than it promised, or its risks do not match how many stay without work.",
    ),
    "shadow_rule": Text(
        "Dagens regel og modellen er uenige mer enn ventet, eller regelen treffer bedre enn modellen.",
        "Dagens regel og modellen er usamde meir enn venta, eller regelen treffer betre enn modellen.",
        "Today's rule and the model disagree more than expected, or the rule performs better than the model.",
    ),
    "model_events": Text(
        "En modellversjon ble tatt i bruk uten at en annen person godkjente den, eller med slakkere krav.",
        "Ein modellversjon vart teken i bruk utan at ein annan person godkjende han, eller med slakkare krav.",
        "A model version was put into use without a second person's approval, or with loosened limits.",
    ),
    "trials": Text(
        "Et forsøk har skjev fordeling mellom armene, eller målet for antall deltakere er for lavt til å påvise "
        "forskjellen det skal påvise.",
        "Eit forsøk har skeiv fordeling mellom armane, eller målet for talet på deltakarar er for lågt til å påvise "
        "skilnaden det skal påvise.",
        "A trial's arms are imbalanced, or its target sample size is too small to detect the difference it is meant "
        "to detect.",
    ),
    "chain": Text(
        "Noe i beslutningsloggen er endret eller fjernet etter at det ble skrevet.",
        "Noko i avgjerdsloggen er endra eller fjerna etter at det vart skrive.",
        "Something in the decision log was changed or removed after it was written.",
    ),
    "no_rows": Text(
        "Det er ingen vurderinger i perioden eller for kontoret, så rapporten har ingenting å måle.",
        "Det er ingen vurderingar i perioden eller for kontoret, så rapporten har ingenting å måle.",
        "There are no assessments in the period or office, so the report has nothing to measure.",
    ),
}
"""What each kind of alert (``ALERT_KIND_TEXTS``) means, for the report's summary."""

ALERT_ACTION_TEXTS: dict[str, Text] = {
    "drift": Text(
        "Se hvilke variabler som har endret seg, og følg treffsikkerheten tett; vurder ny trening når utfallene "
        "kommer.",
        "Sjå kva variablar som har endra seg, og følg treffsikkerheita tett; vurder ny trening når utfalla kjem.",
        "See which variables drifted and watch performance closely; consider retraining once outcomes arrive.",
    ),
    "fairness": Text(
        "Se forskjellene med intervaller under; sammenlign kalibreringen før terskelen endres, og meld fra til den "
        "som eier modellen.",
        "Sjå skilnadene med intervall under; samanlikn kalibreringa før terskelen vert endra, og meld frå til den som "
        "eig modellen.",
        "Look at the differences and their intervals below; compare calibration before changing the threshold, and "
        "tell the model's owner.",
    ),
    "overrides": Text(
        "Se på tid til vurdering, opplæring og skjermbildet, ikke på personen; gjennomgå modellen og tersklene der "
        "overstyringene er mange.",
        "Sjå på tid til vurdering, opplæring og skjermbiletet, ikkje på personen; gå gjennom modellen og tersklane der "
        "overstyringane er mange.",
        "Look at time for the assessment, training and the page, not at the person; review the model and thresholds "
        "where overrides are many.",
    ),
    "performance": Text(
        "Sammenlign realisert og lovet treffsikkerhet per måned; ved varig avvik: kalibrer på nytt eller tren en ny "
        "modell.",
        "Samanlikn realisert og lova treffsikkerheit per månad; ved varig avvik: kalibrer på nytt eller tren ein ny "
        "modell.",
        "Compare realised and promised performance by month; if the gap lasts, recalibrate or train a new model.",
    ),
    "shadow_rule": Text(
        "Se hvor de to er uenige og hvem som fikk rett, før modellen brukes videre.",
        "Sjå kvar dei to er usamde og kven som fekk rett, før modellen vert bruka vidare.",
        "See where the two disagree and which was right before the model is used further.",
    ),
    "model_events": Text(
        "Få hendelsen godkjent av en annen person i ettertid, eller rull tilbake til forrige versjon.",
        "Få hendinga godkjend av ein annan person i etterkant, eller rull tilbake til førre versjon.",
        "Have the event approved by a second person after the fact, or roll back to the previous version.",
    ),
    "trials": Text(
        "Se balansetabellen og styrkeberegningen i forsøksavsnittet; ta det opp med dem som eier forsøksprotokollen "
        "før resultatene brukes.",
        "Sjå balansetabellen og styrkeutrekninga i forsøksavsnittet; ta det opp med dei som eig forsøksprotokollen "
        "før resultata vert bruka.",
        "See the balance table and the power calculation in the trials section; raise it with the trial protocol's "
        "owners before the results are used.",
    ),
    "chain": Text(
        "Stans ikke tjenesten, men sikre databasen og sikkerhetskopiene, og åpne sakene som er nevnt under.",
        "Stans ikkje tenesta, men sikre databasen og tryggingskopiane, og opne sakene som er nemnde under.",
        "Do not stop the service, but secure the database and its backups, and open the cases named below.",
    ),
    "no_rows": Text(
        "Kontroller perioden og kontornummeret.",
        "Kontroller perioden og kontornummeret.",
        "Check the period and the office number.",
    ),
}
"""What to do about each kind of alert, for the report's summary."""

REPORT_TABLE_TITLES: dict[str, Text] = {
    "overall": Text("Samlet", "Samla", "Overall"),
    "matrix": Text(
        "Foreslått (rader) mot besluttet (kolonner)",
        "Føreslått (rader) mot avgjort (kolonnar)",
        "Suggested (rows) against decided (columns)",
    ),
    "by_office": Text("Per kontor", "Per kontor", "By office"),
    "by_counsellor": Text("Per veileder", "Per rettleiar", "By counsellor"),
    "by_reason": Text("Per grunn", "Per grunn", "By reason"),
    "by_model_version": Text("Per modellversjon", "Per modellversjon", "By model version"),
    "by_group": Text("Per gruppe", "Per gruppe", "By group"),
    "suppressed_groups": Text(
        "Grupper som er for små til å vises", "Grupper som er for små til å visast", "Groups too small to show"
    ),
    "suppressed": Text(
        "Grupper som er for små til å vises", "Grupper som er for små til å visast", "Groups too small to show"
    ),
    "direction": Text("Retning på overstyringene", "Retning på overstyringane", "Direction of the overrides"),
    "groups": Text("Per gruppe", "Per gruppe", "By group"),
    "largest_gaps": Text("Største forskjeller", "Største skilnader", "Largest gaps"),
    "realised": Text("Realisert per måned", "Realisert per månad", "Realised by month"),
    "estimated": Text("Anslått per måned", "Anslått per månad", "Estimated by month"),
    "columns": Text("Per variabel", "Per variabel", "By variable"),
    "global_importance": Text(
        "Per faktor og modellversjon", "Per faktor og modellversjon", "By factor and model version"
    ),
    "factors": Text("Faktorer som ble vurdert", "Faktorar som vart vurderte", "Factors considered"),
    "events": Text("Hendelser", "Hendingar", "Events"),
    "transitions": Text(
        "Foreløpig mot endelig innsats", "Førebels mot endeleg innsats", "Provisional against final level"
    ),
    "breaks": Text("Brudd i loggen", "Brot i loggen", "Breaks in the log"),
    "curves": Text("Kalibreringskurver", "Kalibreringskurver", "Calibration curves"),
    "histogram": Text("Fordeling", "Fordeling", "Distribution"),
    "counts": Text("Saker som telles", "Saker som blir talde", "Cases counted"),
    "agreement": Text(
        "Samsvar mellom modell, regel og veileder",
        "Samsvar mellom modell, regel og rettleiar",
        "Agreement of model, rule and counsellor",
    ),
    "combinations": Text("Modell × regel × veileder", "Modell × regel × rettleiar", "Model × rule × counsellor"),
    "model_and_rule": Text("Modell og regel, realisert", "Modell og regel, realisert", "Model and rule, realised"),
    "auc_difference": Text("AUC: modell minus regel", "AUC: modell minus regel", "AUC: model minus rule"),
}
"""The title of each table of the audit report, by its key in ``report.json``; others are titled by their key."""

REPORT_COLUMN_LABELS: dict[str, Text] = {
    "n": Text("Antall", "Tal", "Number"),
    "overrides": Text("Overstyringer", "Overstyringar", "Overrides"),
    "rate": Text("Andel", "Del", "Rate"),
    "share": Text("Andel", "Del", "Share"),
    "low": Text("Nedre (95 %)", "Nedre (95 %)", "Low (95%)"),
    "high": Text("Øvre (95 %)", "Øvre (95 %)", "High (95%)"),
    "office": Text("Kontor", "Kontor", "Office"),
    "counsellor": Text("Veileder", "Rettleiar", "Counsellor"),
    "model_version": Text("Modellversjon", "Modellversjon", "Model version"),
    "reason_code": Text("Grunn", "Grunn", "Reason"),
    "grouping": Text("Inndeling", "Inndeling", "Grouping"),
    "group": Text("Gruppe", "Gruppe", "Group"),
    "direction": Text("Retning", "Retning", "Direction"),
    "scope": Text("Omfang", "Omfang", "Scope"),
    "suggested": Text("Foreslått", "Føreslått", "Suggested"),
    "provisional": Text("Foreløpig", "Førebels", "Provisional"),
    "final": Text("Endelig", "Endeleg", "Final"),
    "period": Text("Periode", "Periode", "Period"),
    "auc": Text("AUC", "AUC", "AUC"),
    "brier": Text("Brier", "Brier", "Brier"),
    "mean_risk": Text("Gj.sn. risiko", "Gj.sn. risiko", "Mean risk"),
    "observed_rate": Text("Observert andel", "Observert del", "Observed rate"),
    "calibration_gap": Text("Kalibreringsavvik", "Kalibreringsavvik", "Calibration gap"),
    "ece": Text("ECE", "ECE", "ECE"),
    "expected_auc": Text("Lovet AUC", "Lova AUC", "Promised AUC"),
    "expected_brier": Text("Lovet Brier", "Lova Brier", "Promised Brier"),
    "expected_rate": Text("Forventet andel", "Forventa del", "Expected rate"),
    "name": Text("Variabel", "Variabel", "Variable"),
    "role": Text("Rolle", "Rolle", "Role"),
    "kind": Text("Type", "Type", "Kind"),
    "method": Text("Metode", "Metode", "Method"),
    "score": Text("Endring", "Endring", "Score"),
    "threshold": Text("Grense", "Grense", "Threshold"),
    "drifted": Text("Endret", "Endra", "Drifted"),
    "factor": Text("Faktor", "Faktor", "Factor"),
    "mean_abs_shap": Text("Gj.sn. |SHAP|", "Gj.sn. |SHAP|", "Mean |SHAP|"),
    "metric": Text("Mål", "Mål", "Metric"),
    "gap": Text("Forskjell", "Skilnad", "Gap"),
    "high_group": Text("Høyest", "Høgast", "Highest"),
    "high_value": Text("Høyeste verdi", "Høgaste verdi", "Highest value"),
    "low_group": Text("Lavest", "Lågast", "Lowest"),
    "low_value": Text("Laveste verdi", "Lågaste verdi", "Lowest value"),
    "limit": Text("Grense", "Grense", "Limit"),
    "alert": Text("Varsel", "Varsel", "Alert"),
    "decisions": Text("Beslutninger", "Avgjerder", "Decisions"),
    "documented": Text("Dokumentert", "Dokumentert", "Documented"),
    "documented_share": Text("Andel dokumentert", "Del dokumentert", "Share documented"),
    "in_person": Text("Ønsker oppmøte", "Ønskjer oppmøte", "Prefers in person"),
    "in_person_share": Text("Andel oppmøte", "Del oppmøte", "Share in person"),
    "considered": Text("Vurdert", "Vurdert", "Considered"),
    "share_of_documented": Text("Andel av dokumenterte", "Del av dokumenterte", "Share of documented"),
    "transitions": Text("Overganger", "Overgangar", "Transitions"),
    "changed": Text("Endret", "Endra", "Changed"),
    "changed_share": Text("Andel endret", "Del endra", "Share changed"),
    "disagreed": Text("Uenig med forslaget", "Usamd med forslaget", "Disagreed with suggestion"),
    "moved_toward": Text("Flyttet mot forslaget", "Flytta mot forslaget", "Moved toward suggestion"),
    "toward_share": Text("Andel mot forslaget", "Del mot forslaget", "Share toward suggestion"),
    "needing_approval": Text("Trenger godkjenning", "Treng godkjenning", "Needing approval"),
    "approved": Text("Godkjent", "Godkjend", "Approved"),
    "returned": Text("Sendt tilbake", "Send tilbake", "Returned"),
    "pending": Text("Venter", "Ventar", "Pending"),
    "median_days_to_approval": Text(
        "Median dager til godkjenning", "Median dagar til godkjenning", "Median days to approval"
    ),
    "objections": Text("Klager", "Klager", "Objections"),
    "upheld": Text("Opprettholdt", "Oppretthalde", "Upheld"),
    "superseded": Text("Ny beslutning", "Ny avgjerd", "Superseded"),
    "open": Text("Åpne", "Opne", "Open"),
    "median_days_to_review": Text(
        "Median dager til ny vurdering", "Median dagar til ny vurdering", "Median days to review"
    ),
    "assessment_id": Text("Sak", "Sak", "Case"),
    "decision_id": Text("Beslutning", "Avgjerd", "Decision"),
    "seq": Text("Nummer", "Nummer", "Number"),
    "problem": Text("Problem", "Problem", "Problem"),
    "created_at": Text("Tidspunkt", "Tidspunkt", "Time"),
    "actor": Text("Utført av", "Utført av", "By"),
    "bin": Text("Intervall", "Intervall", "Bin"),
    "days": Text("Dager", "Dagar", "Days"),
    "median_days": Text("Median dager", "Median dagar", "Median days"),
    "p90_days": Text("90 % innen (dager)", "90 % innan (dagar)", "90% within (days)"),
    "hidden_counsellors": Text(
        "Veiledere med for få beslutninger til å vises",
        "Rettleiarar med for få avgjerder til å visast",
        "Counsellors with too few decisions to show",
    ),
    "hidden_decisions": Text("Deres beslutninger", "Avgjerdene deira", "Their decisions"),
    "rows": Text("Vurderinger", "Vurderingar", "Assessments"),
    "risk_drift": Text("Endring i predikert risiko", "Endring i predikert risiko", "Drift of the predicted risk"),
    "share_drifted": Text(
        "Andel variabler som har endret seg", "Del variablar som har endra seg", "Share of variables drifted"
    ),
    "reference": Text("Referanse", "Referanse", "Reference"),
    "current": Text("Nå", "No", "Current"),
    "auc_difference": Text("Forskjell i AUC", "Skilnad i AUC", "AUC difference"),
    "scored": Text("Med beregning", "Med utrekning", "Scored"),
    "with_rule_outcome": Text("Med regelens utfall", "Med utfallet til regelen", "With the rule's outcome"),
    "decided": Text("Besluttet", "Avgjort", "Decided"),
    "with_outcome": Text("Med kjent utfall", "Med kjent utfall", "With a known outcome"),
    "comparison": Text("Sammenligning", "Samanlikning", "Comparison"),
    "among": Text("Blant", "Blant", "Among"),
    "agree": Text("Like", "Like", "Agree"),
    "suggested_level": Text("Foreslått", "Føreslått", "Suggested"),
    "rule_outcome": Text("Dagens regel", "Dagens regel", "Today's rule"),
    "rule_level": Text("Regelens innsatsgruppe", "Innsatsgruppa til regelen", "The rule's level"),
    "decided_level": Text("Besluttet", "Avgjort", "Decided"),
    "scorer": Text("Beregnet av", "Rekna ut av", "Scored by"),
    "selected": Text("Over standard innsats", "Over standard innsats", "Above standard follow-up"),
    "selected_share": Text("Andel over standard", "Del over standard", "Share above standard"),
    "precision": Text("Presisjon", "Presisjon", "Precision"),
    "recall": Text("Treffandel (recall)", "Treffdel (recall)", "Recall"),
}
"""Column headings of the audit report's tables; a column without one is headed by its name."""

REPORT_CODE_TEXTS: dict[str, Text] = {
    "all": Text("Alle", "Alle", "All"),
    "overall": Text("Hele befolkningen", "Heile populasjonen", "Whole population"),
    "MISSING": Text("Mangler grunn", "Manglar grunn", "No reason given"),
    "more_intensive": Text("Mer omfattende innsats", "Meir omfattande innsats", "More intensive level"),
    "less_intensive": Text("Mindre omfattende innsats", "Mindre omfattande innsats", "Less intensive level"),
    "gender_x_age_group": Text("Kjønn × aldersgruppe", "Kjønn × aldersgruppe", "Gender × age group"),
    "gender_x_country_background": Text("Kjønn × landbakgrunn", "Kjønn × landbakgrunn", "Gender × country background"),
    "age_group_x_country_background": Text(
        "Aldersgruppe × landbakgrunn", "Aldersgruppe × landbakgrunn", "Age group × country background"
    ),
    "input": Text("Inndata", "Inndata", "Input"),
    "output": Text("Utdata", "Utdata", "Output"),
    "numerical": Text("Tall", "Tal", "Numerical"),
    "categorical": Text("Kategori", "Kategori", "Categorical"),
    "model_equals_rule": Text("Modell = regel", "Modell = regel", "Model = rule"),
    "counsellor_equals_model": Text("Veileder = modell", "Rettleiar = modell", "Counsellor = model"),
    "counsellor_equals_rule": Text("Veileder = regel", "Rettleiar = regel", "Counsellor = rule"),
    "all_three_agree": Text("Alle tre like", "Alle tre like", "All three agree"),
    "counsellor_equals_neither": Text("Veileder = ingen av dem", "Rettleiar = ingen av dei", "Counsellor = neither"),
    "scored_cases": Text("Saker med beregning", "Saker med utrekning", "Scored cases"),
    "decided_cases": Text("Besluttede saker", "Avgjorde saker", "Decided cases"),
    "decided_cases_where_model_and_rule_differ": Text(
        "Besluttede saker der modell og regel er uenige",
        "Avgjorde saker der modell og regel er usamde",
        "Decided cases where model and rule differ",
    ),
    "risk_model": Text("Modellen (risiko)", "Modellen (risiko)", "The model (risk)"),
    "todays_rule": Text("Dagens regel (rangering)", "Dagens regel (rangering)", "Today's rule (ranking)"),
}
"""Codes in the report's tables that no other table labels (groupings, directions, drift column kinds)."""

TRIAL_TEXTS: dict[str, Text] = {
    "title": Text("Forsøk {trial_id}", "Forsøk {trial_id}", "Trial {trial_id}"),
    "kind_equivalence": Text(
        "Likeverdighetsforsøk: trekning mellom innsatsgrupper veilederen har markert som like egnet.",
        "Likeverdsforsøk: trekking mellom innsatsgrupper rettleiaren har markert som like eigna.",
        "Equivalence trial: a draw between follow-up levels the counsellor marked as equally suitable.",
    ),
    "kind_display": Text(
        "Visningsforsøk: veilederen ser forslaget med én gang, eller registrerer først en foreløpig innsatsgruppe "
        "(blindt først).",
        "Visingsforsøk: rettleiaren ser forslaget med ein gong, eller registrerer først ei førebels innsatsgruppe "
        "(blindt først).",
        "Display trial: the counsellor sees the suggestion at once, or records a provisional level first "
        "(blind-first).",
    ),
    "about": Text(
        "Kontorer: {offices}. Periode: {starts_on}–{ends_on}. Protokoll: {protocol}.",
        "Kontor: {offices}. Periode: {starts_on}–{ends_on}. Protokoll: {protocol}.",
        "Offices: {offices}. Period: {starts_on} to {ends_on}. Protocol: {protocol}.",
    ),
    "section_about": Text(
        "Kontrollerte forsøk som har gått i perioden: inkludering mot målet, og andelen i arbeid etter 12 måneder per "
        "arm med intervall.",
        "Kontrollerte forsøk som har gått i perioden: inkludering mot målet, og delen i arbeid etter 12 månader per "
        "arm med intervall.",
        "Controlled trials that ran in the period: enrolment against the target, and the share in work at 12 months "
        "by arm with intervals.",
    ),
    "enrolment": Text("Inkludering", "Inkludering", "Enrolment"),
    "enrolment_summary": Text(
        "{enrolled} av målet på {target} er inkludert.",
        "{enrolled} av målet på {target} er inkluderte.",
        "{enrolled} of the target of {target} enrolled.",
    ),
    "power": Text("Styrkeberegning", "Styrkeutrekning", "Power"),
    "power_summary": Text(
        "For å oppdage en forskjell på {difference} i andelen i arbeid etter 12 måneder (referansearmen {baseline}) "
        "med en tosidig test på nivå {alpha} og styrke {power} trengs {needed_per_arm} saker per arm, {needed_total} "
        "i alt.",
        "For å oppdage ein skilnad på {difference} i delen i arbeid etter 12 månader (referansearmen {baseline}) med "
        "ein tosidig test på nivå {alpha} og styrke {power} trengst {needed_per_arm} saker per arm, {needed_total} i "
        "alt.",
        "To detect a difference of {difference} in the share in work at 12 months (reference arm {baseline}) with a "
        "two-sided test at level {alpha} and power {power}, {needed_per_arm} cases are needed per arm, "
        "{needed_total} in all.",
    ),
    "target_enough": Text("Målet er stort nok.", "Målet er stort nok.", "The target is large enough."),
    "target_short": Text("Målet er for lite.", "Målet er for lite.", "The target is too small."),
    "detectable": Text(
        "Med {smallest_arm} saker i den minste armen er den minste forskjellen som kan oppdages nå {detectable}.",
        "Med {smallest_arm} saker i den minste armen er den minste skilnaden som kan oppdagast no {detectable}.",
        "With {smallest_arm} cases in the smallest arm, the smallest difference detectable now is {detectable}.",
    ),
    "balance": Text("Balanse mellom armene", "Balanse mellom armane", "Balance of covariates across arms"),
    "balance_summary": Text(
        "{imbalanced} av {compared} sammenligninger har en standardisert gjennomsnittsforskjell (SMD) over 0,1 i "
        "absoluttverdi. I små forsøk er noen av dem tilfeldige.",
        "{imbalanced} av {compared} samanlikningar har ein standardisert gjennomsnittsskilnad (SMD) over 0,1 i "
        "absoluttverdi. I små forsøk er nokre av dei tilfeldige.",
        "{imbalanced} of {compared} comparisons have an absolute standardised mean difference (SMD) above 0.1. In a "
        "small trial some of them are chance.",
    ),
    "outcome": Text("Andel i arbeid etter 12 måneder", "Del i arbeid etter 12 månader", "Share in work at 12 months"),
    "outcome_method": Text(
        "Forskjellen mellom hver arm og referansearmen innenfor samme sett av likeverdige alternativer, med 95 % "
        "Newcombe-intervall (hybrid Wilson score). Antall saker med utfall i parentes.",
        "Skilnaden mellom kvar arm og referansearmen innanfor same sett av likeverdige alternativ, med 95 % "
        "Newcombe-intervall (hybrid Wilson score). Talet på saker med utfall i parentes.",
        "The difference between each arm and the reference arm within the same set of equally suitable options, with "
        "a 95 % Newcombe (hybrid Wilson score) interval. Cases with an outcome in brackets.",
    ),
    "no_outcomes": Text("Ingen utfall ennå.", "Ingen utfall enno.", "No outcomes yet."),
    "decisions": Text("Vedtak per arm", "Vedtak per arm", "Decisions by arm"),
    "deviations": Text(
        "Utfall etter avvik fra forslaget",
        "Utfall etter avvik frå forslaget",
        "Outcome by deviation from the suggestion",
    ),
    "deviations_caveat": Text(
        "Ikke randomisert: veiledere avviker der de ser noe modellen ikke ser, så forskjellen fra sakene som fulgte "
        "forslaget blander effekten av innsatsgruppen med forskjeller mellom personene. Bare forskjellene mellom "
        "armene er randomiserte sammenligninger.",
        "Ikkje randomisert: rettleiarar avvik der dei ser noko modellen ikkje ser, så skilnaden frå sakene som følgde "
        "forslaget blandar effekten av innsatsgruppa med skilnader mellom personane. Berre skilnadene mellom armane "
        "er randomiserte samanlikningar.",
        "Not randomised: counsellors depart where they see something the model does not, so the gap to the cases "
        "that followed the suggestion mixes the effect of the level with differences between the people. Only the "
        "differences between arms are randomised comparisons.",
    ),
    "alerts": Text("Varsler", "Varsel", "Alerts"),
    "missing": Text("mangler", "manglar", "missing"),
    "risk": Text("Modellens risiko", "Risikoen frå modellen", "The model's risk"),
    "shown": Text("Forslag vist straks", "Forslag vist straks", "Suggestion shown at once"),
    "blind_first": Text("Blindt først", "Blindt først", "Blind-first"),
    "all": Text("Alle", "Alle", "All"),
    "above": Text("Over forslaget", "Over forslaget", "Above the suggestion"),
    "at": Text("Som forslaget", "Som forslaget", "As suggested"),
    "below": Text("Under forslaget", "Under forslaget", "Below the suggestion"),
    "col_stratum": Text("Likeverdige alternativer", "Likeverdige alternativ", "Options marked equally suitable"),
    "col_arm": Text("Arm", "Arm", "Arm"),
    "col_enrolled": Text("Inkludert", "Inkluderte", "Enrolled"),
    "col_with_outcome": Text("Med utfall", "Med utfall", "With outcome"),
    "col_covariate": Text("Kjennetegn", "Kjenneteikn", "Covariate"),
    "col_smd": Text("SMD", "SMD", "SMD"),
    "col_share": Text("I arbeid", "I arbeid", "In work"),
    "col_reference": Text("Referansearm", "Referansearm", "Reference arm"),
    "col_share_reference": Text("I arbeid (referanse)", "I arbeid (referanse)", "In work (reference)"),
    "col_difference": Text("Forskjell", "Skilnad", "Difference"),
    "col_difference_from_at": Text(
        "Forskjell fra «som forslaget»", "Skilnad frå «som forslaget»", 'Difference from "as suggested"'
    ),
    "col_interval": Text("95 %-intervall", "95 %-intervall", "95 % interval"),
    "col_measure": Text("Mål", "Mål", "Measure"),
    "col_shown": Text("Forslag vist straks", "Forslag vist straks", "Suggestion shown at once"),
    "col_blind_first": Text("Blindt først", "Blindt først", "Blind-first"),
    "col_direction": Text("Vedtak mot forslag", "Vedtak mot forslag", "Decision against the suggestion"),
    "col_decided": Text("Vedtak", "Vedtak", "Decisions"),
}
"""The trial report (``python -m monitoring trial-report``, :mod:`monitoring.analysis.trial_frame`): headings,
sentences, column heads, and the labels of the display arms, the directions of a deviation and the ``risk`` covariate.
"""


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
