"""Human texts in Norwegian bokmål (``nb``, the default) and English (``en``) for fields, codes, factors and flags.

One place for every label a counsellor, a jobseeker or an auditor reads, so the API, the explanations and the web
pages say the same thing.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["nb", "en"]
LANGUAGES: tuple[Language, ...] = ("nb", "en")

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "age": ("Alder", "Age"),
    "gender": ("Kjønn", "Gender"),
    "country_background": ("Landbakgrunn", "Country background"),
    "years_in_norway": ("År bosatt i Norge", "Years living in Norway"),
    "education": ("Høyeste fullførte utdanning", "Highest completed education"),
    "education_passed": ("Utdanningen er bestått", "Education passed"),
    "education_recognised": ("Utdanningen er godkjent i Norge", "Education recognised in Norway"),
    "situation": ("Situasjon ved registrering", "Situation at registration"),
    "last_occupation": ("Siste yrke", "Last occupation"),
    "worked_6_of_last_12_months": ("I arbeid 6 av de siste 12 månedene", "Worked 6 of the last 12 months"),
    "months_employed_last_36": ("Måneder i arbeid siste 36 måneder", "Months employed in the last 36"),
    "earlier_spells_last_5_years": ("Tidligere perioder som arbeidssøker (5 år)", "Earlier jobseeker spells (5 years)"),
    "benefit": ("Ytelse ved registrering", "Benefit at registration"),
    "health_hindrance": ("Helseproblemer som hindrer arbeid", "Health problems that hinder work"),
    "other_hindrance": ("Andre forhold som hindrer arbeid", "Other circumstances that hinder work"),
    "time_to_work_estimate": ("Eget anslag på tid til arbeid", "Own estimate of time to find work"),
    "own_assessment": ("Egen vurdering av behov", "Own assessment of needs"),
    "norwegian_skill": ("Egenvurderte norskferdigheter", "Self-assessed Norwegian skills"),
    "registration_channel": ("Registrering", "Registration"),
    "county": ("Fylke", "County"),
    "county_unemployment_rate": ("Ledighet i fylket", "Unemployment rate in the county"),
    "registration_date": ("Registreringsdato", "Registration date"),
}

VALUE_LABELS: dict[str, tuple[str, str]] = {
    "KVINNE": ("Kvinne", "Woman"),
    "MANN": ("Mann", "Man"),
    "NORGE": ("Norge", "Norway"),
    "EU_EOS": ("EU/EØS", "EU/EEA"),
    "UTENFOR_EU_EOS": ("Utenfor EU/EØS", "Outside EU/EEA"),
    "INGEN_UTDANNING": ("Ingen utdanning", "No education"),
    "GRUNNSKOLE": ("Grunnskole", "Primary school"),
    "VIDEREGAENDE_GRUNNUTDANNING": ("Videregående, studieforberedende", "Upper secondary, general"),
    "VIDEREGAENDE_FAGBREV_SVENNEBREV": ("Fagbrev eller svennebrev", "Vocational certificate"),
    "HOYERE_UTDANNING_1_TIL_4": ("Høyere utdanning, 1–4 år", "Higher education, 1–4 years"),
    "HOYERE_UTDANNING_5_ELLER_MER": ("Høyere utdanning, 5 år eller mer", "Higher education, 5+ years"),
    "JA": ("Ja", "Yes"),
    "NEI": ("Nei", "No"),
    "VET_IKKE": ("Vet ikke", "Don't know"),
    "HAR_SAGT_OPP": ("Har sagt opp", "Has resigned"),
    "HAR_BLITT_SAGT_OPP": ("Har blitt sagt opp", "Was dismissed"),
    "ER_PERMITTERT": ("Er permittert", "Temporarily laid off"),
    "ALDRI_HATT_JOBB": ("Har aldri hatt jobb", "Never had a job"),
    "IKKE_VAERT_I_JOBB_SISTE_2_AAR": ("Ikke i jobb de siste 2 årene", "Not in work the last 2 years"),
    "AKKURAT_FULLFORT_UTDANNING": ("Har akkurat fullført utdanning", "Just finished education"),
    "VIL_BYTTE_JOBB": ("Vil bytte jobb", "Wants to change job"),
    "USIKKER_JOBBSITUASJON": ("Usikker jobbsituasjon", "Uncertain job situation"),
    "MIDLERTIDIG_JOBB": ("Midlertidig jobb", "Temporary job"),
    "DELTIDSJOBB_VIL_MER": ("Deltid, vil jobbe mer", "Part-time, wants more"),
    "NY_JOBB": ("Har fått ny jobb", "New job"),
    "KONKURS": ("Konkurs", "Bankruptcy"),
    "ANNET": ("Annet", "Other"),
    "MILITAERE": ("Militære yrker", "Armed forces"),
    "LEDERE": ("Ledere", "Managers"),
    "AKADEMISKE_YRKER": ("Akademiske yrker", "Professionals"),
    "HOYSKOLEYRKER": ("Høyskoleyrker", "Technicians and associate professionals"),
    "KONTORYRKER": ("Kontoryrker", "Clerical support workers"),
    "SALG_OG_SERVICE": ("Salgs- og serviceyrker", "Service and sales workers"),
    "BONDER_FISKERE": ("Bønder, fiskere mv.", "Agricultural and fishery workers"),
    "HANDVERKERE": ("Håndverkere", "Craft and trades workers"),
    "OPERATORER_SJAFORER": ("Operatører og sjåfører", "Operators and drivers"),
    "RENHOLD_HJELPEARBEIDERE": ("Renholdere, hjelpearbeidere mv.", "Cleaners and elementary occupations"),
    "INGEN": ("Ingen", "None"),
    "DAGPENGER": ("Dagpenger", "Unemployment benefit"),
    "ARBEIDSAVKLARINGSPENGER": ("Arbeidsavklaringspenger (AAP)", "Work assessment allowance (AAP)"),
    "OKONOMISK_SOSIALHJELP": ("Økonomisk sosialhjelp", "Social assistance"),
    "ANNEN": ("Annen ytelse", "Other benefit"),
    "UNDER_3_MANEDER": ("Under 3 måneder", "Under 3 months"),
    "MELLOM_3_OG_6_MANEDER": ("3–6 måneder", "3–6 months"),
    "MELLOM_6_OG_12_MANEDER": ("6–12 måneder", "6–12 months"),
    "OVER_12_MANEDER": ("Over 12 måneder", "Over 12 months"),
    "VIL_IKKE_SVARE": ("Vil ikke svare", "Declined to answer"),
    "MANGLER": ("Ikke besvart", "Not answered"),
    "KLARE_SEG_SELV": ("Vil klare seg selv", "Wants to manage on their own"),
    "ONSKER_OPPFOLGING": ("Ønsker oppfølging fra NAV", "Wants follow-up from NAV"),
    "GODT": ("Gode", "Good"),
    "MIDDELS": ("Middels", "Fair"),
    "DARLIG": ("Svake", "Weak"),
    "SELV": ("Registrerte seg selv", "Registered on their own"),
    "ASSISTERT": ("Fikk hjelp til å registrere seg", "Was assisted to register"),
    "OSLO": ("Oslo", "Oslo"),
    "AKERSHUS": ("Akershus", "Akershus"),
    "OSTFOLD": ("Østfold", "Østfold"),
    "BUSKERUD": ("Buskerud", "Buskerud"),
    "VESTFOLD": ("Vestfold", "Vestfold"),
    "TELEMARK": ("Telemark", "Telemark"),
    "INNLANDET": ("Innlandet", "Innlandet"),
    "AGDER": ("Agder", "Agder"),
    "ROGALAND": ("Rogaland", "Rogaland"),
    "VESTLAND": ("Vestland", "Vestland"),
    "MORE_OG_ROMSDAL": ("Møre og Romsdal", "Møre og Romsdal"),
    "TRONDELAG": ("Trøndelag", "Trøndelag"),
    "NORDLAND": ("Nordland", "Nordland"),
    "TROMS": ("Troms", "Troms"),
    "FINNMARK": ("Finnmark", "Finnmark"),
}

LEVEL_TEXTS: dict[str, tuple[str, str]] = {
    "STANDARD_INNSATS": (
        "Standard innsats: gode muligheter, klarer seg i hovedsak selv.",
        "Standard follow-up: good prospects, manages mostly on their own.",
    ),
    "SITUASJONSBESTEMT_INNSATS": (
        "Situasjonsbestemt innsats: trenger veiledning og oppfølging i en periode.",
        "Situation-dependent follow-up: needs guidance and follow-up for a period.",
    ),
    "SPESIELT_TILPASSET_INNSATS": (
        "Spesielt tilpasset innsats: trenger tilpasset oppfølging; nedsatt arbeidsevne.",
        "Specially tailored follow-up: needs tailored follow-up; reduced work capacity.",
    ),
    "GRADERT_VARIG_TILPASSET_INNSATS": (
        "Gradert varig tilpasset innsats: kan jobbe delvis, varig.",
        "Partial permanent adapted follow-up: can work partly, permanently.",
    ),
    "VARIG_TILPASSET_INNSATS": (
        "Varig tilpasset innsats: liten mulighet til å jobbe, varig.",
        "Permanent adapted follow-up: little possibility to work, permanently.",
    ),
}

FLAG_TEXTS: dict[str, tuple[str, str]] = {
    "WORK_CAPACITY_ASSESSMENT": (
        "Vurder manuelt: hindringer er oppgitt. Arbeidsevnevurdering anbefales før varig eller spesielt tilpasset "
        "innsats.",
        "Assess manually: hindrances are reported. A work-capacity assessment is recommended before a permanent or "
        "specially tailored level.",
    ),
    "LANGUAGE_BARRIER": (
        "Vurder manuelt: mulige språkbarrierer, som modellen ikke ser godt.",
        "Assess manually: possible language barriers, which the model does not see well.",
    ),
    "DIGITAL_BARRIER": (
        "Vurder manuelt: fikk hjelp til å registrere seg; digital kompetanse er ukjent for modellen.",
        "Assess manually: was assisted to register; digital competence is unknown to the model.",
    ),
    "REPEAT_SPELLS": (
        "Vurder manuelt: flere tidligere perioder som arbeidssøker; gjentatte behov fanges dårlig av modellen.",
        "Assess manually: several earlier jobseeker spells; repeat needs are poorly captured by the model.",
    ),
    "WIDE_RANGE": (
        "Vurder manuelt: estimatet er usikkert (bredt intervall).",
        "Assess manually: the estimate is uncertain (wide range).",
    ),
}

REASON_TEXTS: dict[str, tuple[str, str]] = {
    "LANGUAGE_OR_DIGITAL_BARRIERS": ("Språklige eller digitale barrierer", "Language or digital barriers"),
    "REPEAT_SPELLS": ("Gjentatte perioder som arbeidssøker", "Repeat spells"),
    "HEALTH": ("Helse", "Health"),
    "JOBSEEKER_WISHES": ("Brukerens ønsker og motivasjon", "The jobseeker's own wishes"),
    "INFORMATION_NOT_IN_DATA": ("Informasjon som ikke er i dataene", "Information the model lacks"),
    "MEASURE_NOT_AVAILABLE": ("Tiltak eller budsjett ikke tilgjengelig", "Measure not available"),
    "OTHER": ("Annet", "Other"),
}

DIRECTION_TEXTS: dict[str, tuple[str, str]] = {
    "raises": ("øker risikoen", "raises the risk"),
    "lowers": ("senker risikoen", "lowers the risk"),
}


def text(table: dict[str, tuple[str, str]], key: str, lang: Language) -> str:
    """The text for ``key`` in ``lang``; the key itself when the table has no text for it."""
    pair = table.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "nb" else pair[1]
