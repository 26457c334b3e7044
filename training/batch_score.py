"""Score a file of profiles with a registered model, in chunks: ``python -m training score``.

Each row gets what an assessment in the service gives, without the texts: the risk and its range, the suggested level,
the flags, the top-K reasons (factor, direction and contribution on the raw scale) and the model name, model version
and policy version. The numbers come from the model's own code, column-wise: :meth:`RiskModel.score_matrix`,
:meth:`RiskModel.contributions`, :func:`models.policy.suggest_columns` (the rules of :func:`~models.policy.suggest`,
written once for a profile and for columns) and :meth:`Explainer.top_factors` (which :meth:`Explainer.reasons` ranks
with), so a row scores as the same profile does in the service (``tests/training/test_batch_score.py``). It is not an
assessment: nothing is written to the records database.

The file is streamed: Parquet in record batches (pyarrow), CSV in blocks of rows (pandas' chunked reader, the parser
``train --data`` uses). Each chunk is checked, scored and written as one row group, so memory depends on the chunk
size, not on the file. Rows that break the profile schema are set aside in ``OUT.rejected.csv``, one line per problem
(``row``, ``field``, ``value``, ``reason``; rows count the data rows from 0, as ``train --data``'s errors do, and
``row`` in the output is the same number), and the rest is scored. Both files are written under temporary names and
renamed when the whole input is done, so an interrupted run leaves nothing that looks complete.

Cost on 2 shared cores (``bench/batch_score.py --rows 1000000 --reasons 3 --rounds 3``, 2026-12-02, medians with
min–max over rounds): 1,000,000 rows with 3 reasons in 53 s (18,898 rows/s, 18,265–20,059), peak 516 MB; with
``--reasons 0`` 54,398 rows/s (51,800–64,226); MLflow's pyfunc ``predict`` on the same rows 34,996 rows/s
(34,585–40,353): 0.53x pyfunc with reasons, 1.55x without, so the 3x target is missed. Per stage on 100k rows (µs a
row): read 0.6, check 3.8, encode 2.5, LightGBM for risk and range 11.9 (main model 2.0, 5 bootstrap members 9.8),
policy 0.3, exact TreeSHAP (``pred_contrib``, both cores) 40.7, ranking 0.9. Pyfunc pays the first four too (18.8 µs
a row) plus :func:`~models.policy.suggest` row by row (about 10); 3x pyfunc would be 9.5 µs a row, below what the
shared stages alone take, and TreeSHAP costs four times that with reasons (``bench/RESULTS.md``, batch scoring).
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from models.errors import InvalidDataFileError
from models.explain import directions
from models.policy import Flag, suggest_columns
from models.registry import LoadedModel
from models.risk_model import RiskModel
from models.validation import EMPTY, ROW_RULE, RowProblem, check_rows
from training.data import UNKNOWN_FORMAT

REJECTED_SUFFIX = ".rejected.csv"
REJECTED_COLUMNS = ("row", "field", "value", "reason")
NO_FILE = "no such file: {path}"
CANNOT_READ = "cannot read {path}: {error}"
NOT_PARQUET = "the scores are written as Parquet: give an output path ending in .parquet, not {path}"
SAME_FILE = "the output {path} would overwrite the input"
TOO_MANY_REASONS = "the model has {most} factors, so at most {most} reasons per row (asked for {asked})"
DEFAULT_CHUNK_ROWS = 50_000
"""Rows per chunk, and per row group of the output: 1,000,000 rows peaked at 516 MB (pyfunc's ``predict`` in the same
chunks: 459 MB)."""


@dataclass(frozen=True)
class ProfileFile:
    """A CSV or Parquet file of profiles, read in chunks."""

    path: Path
    rows: int | None
    """Known before reading for Parquet (from its metadata), not for CSV."""

    def chunks(self, size: int) -> Iterator[pd.DataFrame]:
        """DataFrames of at most ``size`` rows, indexed by their row number in the file (from 0).

        Raises
        ------
        InvalidDataFileError
            When the file cannot be parsed (e.g. a CSV line with too many fields).
        """
        try:
            if self.path.suffix == ".csv":
                with pd.read_csv(self.path, chunksize=size, low_memory=False) as reader:
                    yield from reader  # pandas numbers the rows across chunks
                return
            start = 0
            for batch in pq.ParquetFile(self.path).iter_batches(batch_size=size):
                frame = batch.to_pandas()
                frame.index = pd.RangeIndex(start, start + len(frame))
                start += len(frame)
                yield frame
        except (OSError, ValueError, pa.ArrowException) as exc:
            raise InvalidDataFileError(CANNOT_READ.format(path=self.path, error=exc)) from exc


def open_profiles(path: Path) -> ProfileFile:
    """Open a ``.csv`` or ``.parquet`` file of profiles (checked before any model is loaded).

    Raises
    ------
    InvalidDataFileError
        When the file does not exist, has another format or is not Parquet inside.
    """
    if path.suffix not in (".csv", ".parquet"):
        raise InvalidDataFileError(UNKNOWN_FORMAT.format(path=path))
    if not path.is_file():
        raise InvalidDataFileError(NO_FILE.format(path=path))
    if path.suffix == ".csv":
        return ProfileFile(path, None)
    try:
        return ProfileFile(path, pq.ParquetFile(path).metadata.num_rows)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise InvalidDataFileError(CANNOT_READ.format(path=path, error=exc)) from exc


def rejected_path(out: Path) -> Path:
    """Where the rows that could not be scored go: ``scores.parquet`` → ``scores.rejected.csv``."""
    return out.with_name(out.stem + REJECTED_SUFFIX)


@dataclass(frozen=True)
class BatchSummary:
    """What one run scored and set aside, and with which model."""

    rows: int
    scored: int
    rejected: int
    out: Path
    rejected_file: Path
    model_name: str
    model_version: str
    policy_version: str


def output_schema(reasons: int) -> pa.Schema:
    """The columns of the scores file with ``reasons`` reasons per row."""
    ranked = [
        pa.field(f"reason_{k}_{part}", kind)
        for k in range(1, reasons + 1)
        for part, kind in (("factor", pa.string()), ("direction", pa.string()), ("contribution", pa.float64()))
    ]
    return pa.schema(
        [
            pa.field("row", pa.int64()),
            pa.field("risk", pa.float64()),
            pa.field("lower", pa.float64()),
            pa.field("upper", pa.float64()),
            pa.field("suggested_level", pa.string()),
            pa.field("flags", pa.list_(pa.string())),
            *ranked,
            pa.field("model_name", pa.string()),
            pa.field("model_version", pa.string()),
            pa.field("policy_version", pa.string()),
        ]
    )


def score_file(
    source: ProfileFile,
    out: Path,
    *,
    model: LoadedModel,
    reasons: int = 3,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    progress: bool = False,
) -> BatchSummary:
    """Score every good row of ``source`` into ``out`` (Parquet) and list the bad ones beside it.

    Parameters
    ----------
    source
        From :func:`open_profiles`.
    out
        The scores file, ``.parquet``; the bad rows go to :func:`rejected_path` of it.
    model
        The registered model version to score with.
    reasons
        How many reasons (factors, largest first) per row; 0 skips SHAP.
    chunk_rows
        Rows read, scored and written at a time.
    progress
        Show a progress bar on standard error when it is a terminal.

    Raises
    ------
    InvalidDataFileError
        When the file cannot be read, lacks a required column or has no rows (nothing is written).
    ValueError
        When the output is not ``.parquet``, is the input, or more reasons are asked for than the model has factors.
    """
    _check_request(source, out, model=model, reasons=reasons)
    constants = {"model_name": model.name, "model_version": model.version, "policy_version": model.model.policy.version}
    schema = output_schema(reasons)
    rows = scored = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        _written_on_success(out) as partial_out,
        _written_on_success(rejected_path(out)) as partial_side,
        pq.ParquetWriter(partial_out, schema) as writer,
        partial_side.open("w", newline="") as side_file,
        tqdm(
            total=source.rows, unit=" rows", unit_scale=True, disable=None if progress else True, file=sys.stderr
        ) as bar,
    ):
        csv.writer(side_file).writerow(REJECTED_COLUMNS)
        for chunk in source.chunks(chunk_rows):
            checked = check_rows(chunk)
            good = checked.valid()
            if checked.problems:
                _rejected_lines(chunk, checked.problems).to_csv(side_file, header=False, index=False)
            if len(good):
                per_file = {name: pa.repeat(value, len(good)) for name, value in constants.items()}
                writer.write_table(pa.Table.from_pydict({**_score(model.model, good, reasons), **per_file}, schema))
            rows, scored = rows + len(chunk), scored + len(good)
            bar.update(len(chunk))
        if rows == 0:
            raise InvalidDataFileError(EMPTY)
    return BatchSummary(rows, scored, rows - scored, out, rejected_path(out), *constants.values())


def _check_request(source: ProfileFile, out: Path, *, model: LoadedModel, reasons: int) -> None:
    most = len(model.model.explainer.factor_names)
    if not 0 <= reasons <= most:
        raise ValueError(TOO_MANY_REASONS.format(most=most, asked=reasons))
    if out.suffix != ".parquet":
        raise ValueError(NOT_PARQUET.format(path=out))
    if out.resolve() == source.path.resolve():
        raise ValueError(SAME_FILE.format(path=out))


@contextmanager
def _written_on_success(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it when the block succeeds and is removed when it fails."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _score(model: RiskModel, profiles: pd.DataFrame, reasons: int) -> dict[str, Any]:
    """The output columns of validated profiles, from the model's own scoring, policy and explainer, column-wise."""
    matrix = model.spec.encode_frame(profiles)
    risk, lower, upper = model.score_matrix(matrix)
    suggestion = suggest_columns(profiles, risk=risk, lower=lower, upper=upper, config=model.policy)
    columns: dict[str, Any] = {
        "row": profiles.index.to_numpy(),
        "risk": risk,
        "lower": lower,
        "upper": upper,
        "suggested_level": suggestion.levels,
        "flags": _flag_lists(suggestion.flags),
    }
    if reasons:
        explainer = model.explainer
        order, values = explainer.top_factors(model.contributions(matrix)[:, :-1], top=reasons)
        factors = np.array(explainer.factor_names, dtype=object)[order]
        ranked_directions = directions(values)
        for k in range(reasons):
            columns[f"reason_{k + 1}_factor"] = factors[:, k]
            columns[f"reason_{k + 1}_direction"] = ranked_directions[:, k]
            columns[f"reason_{k + 1}_contribution"] = values[:, k]
    return columns


def _flag_lists(raised: np.ndarray) -> pa.ListArray:
    """The raised flags of each row, in the order of :class:`Flag`, from :attr:`SuggestionColumns.flags`."""
    _, flags = np.nonzero(raised)  # row by row, and within a row in column order
    offsets = np.concatenate([[0], np.cumsum(raised.sum(axis=1))]).astype(np.int32)
    names = pa.array([flag.value for flag in Flag], pa.string()).take(pa.array(flags))
    return pa.ListArray.from_arrays(pa.array(offsets), names)


def _rejected_lines(chunk: pd.DataFrame, problems: list[RowProblem]) -> pd.DataFrame:
    """One line per problem, in row order: the row number, the field, the value as given and the reason."""
    lines = []
    for problem in problems:
        mask = problem.rows.to_numpy()
        given = chunk.loc[mask, problem.field] if problem.field != ROW_RULE else pd.Series("", index=chunk.index[mask])
        lines.append(
            pd.DataFrame(
                {
                    "row": chunk.index[mask],
                    "field": problem.field,
                    "value": given.astype(str).where(given.notna(), ""),
                    "reason": problem.reason,
                }
            )
        )
    return pd.concat(lines).sort_values("row", kind="stable")
