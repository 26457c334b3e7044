"""A keyed text with its parameters, written in a language: the one rendering of domain errors and alerts.

A domain error (:class:`models.errors.ProfilingError`) and an alert of the audit report
(:class:`monitoring.analysis.alert_messages.AlertMessage`) each carry a key of a text table and the parameters of its
placeholders, so that the same fact reads in bokmål, nynorsk or English. :func:`keyed_text` fills the placeholders: a
parameter that is a code is shown as its label (a combined group, ``KVINNE & under_30``, part by part; a list of codes
as their labels, separated by commas), a number by its quantity's rule in :mod:`models.formatting`, and anything else
as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from models.groups import GROUP_SEPARATOR
from models.texts import Language, Text, text


def keyed_text(
    table: dict[str, Text],
    key: str,
    params: Mapping[str, object],
    lang: Language,
    *,
    labels: Mapping[str, dict[str, Text]],
    numbers: Mapping[str, str] | None = None,
) -> str:
    r"""The text of ``key`` in ``table`` in ``lang``, its placeholders filled from ``params``.

    Parameters
    ----------
    table : dict of str to Text
        The texts by key.
    key : str
        The text's key in ``table``.
    params : mapping of str to object
        The value of each placeholder.
    lang : Language
        The reader's language.
    labels : mapping of str to mapping of str to Text
        The parameters that are codes, each with the table of its labels; a code the table lacks is shown as it is.
    numbers : mapping of str to str, optional
        The parameters that are numbers, each with its rule's name in :data:`models.formatting.NUMBER_FORMATS`
        (an integer is always shown as it is).

    Returns
    -------
    str
        The filled-in text.

    Examples
    --------
    >>> table = {"gap": Text("{group}: {gap}", "{group}: {gap}", "{group}: {gap}")}
    >>> groups = {"group": {"KVINNE": Text("Kvinne", "Kvinne", "Woman"), "under_30": Text("U30", "U30", "U30")}}
    >>> keyed_text(table, "gap", {"group": "KVINNE & under_30", "gap": 0.021}, "nb", labels=groups,
    ...            numbers={"gap": "override_rate"})
    'Kvinne & U30: 2,1\xa0%'
    """
    values = {name: _shown(name, value, lang, labels, numbers or {}) for name, value in params.items()}
    return text(table, key, lang).format(**values)


def _shown(
    name: str, value: object, lang: Language, labels: Mapping[str, dict[str, Text]], numbers: Mapping[str, str]
) -> object:
    if name in numbers and isinstance(value, float):
        from models.formatting import format_number  # it imports the schema, which raises models.errors' errors

        return format_number(numbers[name], value, lang)
    table = labels.get(name)
    if table is None:
        return value
    if isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(_label(str(code), table, lang) for code in value)
    return _label(str(value), table, lang)


def _label(code: str, table: dict[str, Text], lang: Language) -> str:
    return GROUP_SEPARATOR.join(text(table, part, lang) for part in code.split(GROUP_SEPARATOR))
