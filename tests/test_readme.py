"""The README, followed as a newcomer would: the quick start's first run, then every API example against its model.

The quick start's first step (``python -m training ensure-champion``) runs as a command of its own in a fresh data
directory, so the model is the default one ``scripts/run`` makes and the output is what a newcomer sees. The API
examples are the fenced blocks after an ``<!-- example: api -->`` comment in README.md, run in order against the service
on that model: tokens minted by the documented ``service token`` commands, each ``curl`` sent as written, and each
documented answer (``# → …`` under a command) compared with the real one. In a documented answer ``…`` stands for what
is left out: an object lists only some of its fields, a list ending in ``…`` only its first items, a text ending in
``…`` only its beginning, and a number is compared at the decimals it shows.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import string
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service import cli
from service.app import create_app
from service.schemas import AssessmentIn
from service.settings import get_settings

ROOT = Path(__file__).parents[1]
BLOCK = re.compile(r"<!-- example: api\b.*?-->\n```bash\n(.*?)```", re.DOTALL)
TOKEN = re.compile(r"export (\w+)=\$\(\S+ -m service (token .*)\)")
HOST = "localhost:8000"
LEFT_OUT = "…"


@dataclass
class Command:
    text: str
    words: list[str]
    answer: str = ""


def commands(block: str) -> list[Command]:
    """The commands of a shell block (continued lines joined), each with the answer documented under it."""
    found: list[Command] = []
    pending = ""
    for line in block.splitlines():
        if not pending and line.startswith("#"):
            if found and (line.startswith("# →") or (found[-1].answer and line.startswith("#  "))):
                found[-1].answer += line.removeprefix("#").removeprefix(" →")
            continue
        pending = f"{pending}\n{line}" if pending else line
        if pending.endswith("\\"):
            pending = pending[:-1]
            continue
        try:
            words = shlex.split(pending, comments=True)
        except ValueError:  # a quote is still open: the command goes on
            continue
        if words:
            found.append(Command(pending, words))
        pending = ""
    return found


def documented(answer: str) -> Any:
    """The documented answer as JSON: ``, …}`` ends a partial object, ``, …]`` a partial list."""
    text = re.sub(r",\s*…\s*}", "}", answer)
    text = re.sub(r",\s*…\s*]", f', "{LEFT_OUT}"]', text)
    return json.loads(text, parse_float=Decimal)


def agrees(shown: Any, actual: Any) -> bool:
    """Whether the real answer is what the README shows (see the module docstring for ``…``)."""
    if isinstance(shown, str) and shown.endswith(LEFT_OUT):
        return isinstance(actual, str) and actual.startswith(shown.removesuffix(LEFT_OUT))
    if isinstance(shown, Decimal):
        return isinstance(actual, float) and Decimal(repr(actual)).quantize(shown) == shown
    if isinstance(shown, list):
        partial = bool(shown) and shown[-1] == LEFT_OUT
        items = shown[:-1] if partial else shown
        long_enough = len(actual) >= len(items) if partial else len(actual) == len(items)
        return isinstance(actual, list) and long_enough and all(map(agrees, items, actual))
    if isinstance(shown, dict):
        return isinstance(actual, dict) and all(k in actual and agrees(v, actual[k]) for k, v in shown.items())
    return bool(shown == actual)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: str | None


def request(words: list[str], variables: dict[str, str]) -> Request:
    """A ``curl`` command as the request it sends, with the shell variables it names filled in."""
    method, headers, body, url = "GET", {}, None, ""
    options = iter(words[1:])
    for word in options:
        if word == "-X":
            method = next(options)
        elif word == "-H":
            name, _, value = next(options).partition(":")
            headers[name.strip()] = string.Template(value.strip()).substitute(variables)
        elif word == "-d":
            body = string.Template(next(options)).substitute(variables)
        elif word != "-s":
            url = string.Template(word).substitute(variables)
    assert url.startswith(f"{HOST}/"), f"not a request to the local service: {' '.join(words)}"
    return Request(method, url.removeprefix(HOST), headers, body)


@dataclass(frozen=True)
class QuickStart:
    data_dir: Path
    run: subprocess.CompletedProcess[str]


def _without_profiling_settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PROFILING_", "MLFLOW_"))}


@pytest.fixture(scope="module")
def quick_start(tmp_path_factory: pytest.TempPathFactory) -> QuickStart:
    """``scripts/run``'s first step in a fresh data directory, from the repository root."""
    data_dir = tmp_path_factory.mktemp("quick-start")
    run = subprocess.run(
        [sys.executable, "-m", "training", "ensure-champion"],
        cwd=ROOT,
        env={**_without_profiling_settings(), "PROFILING_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return QuickStart(data_dir, run)


@pytest.fixture(scope="module")
def client(quick_start: QuickStart) -> Iterator[TestClient]:
    """The service on the quick start's model and data directory, configured by the environment alone."""
    with pytest.MonkeyPatch.context() as patch:
        for name in os.environ.keys() - _without_profiling_settings().keys():
            patch.delenv(name)
        patch.setenv("PROFILING_DATA_DIR", str(quick_start.data_dir))
        get_settings.cache_clear()
        try:
            with TestClient(create_app(get_settings())) as test_client:
                yield test_client
        finally:
            get_settings.cache_clear()


@pytest.mark.slow
def test_the_first_run_says_what_it_did_and_nothing_misleading(quick_start: QuickStart) -> None:
    out, err = quick_start.run.stdout, quick_start.run.stderr
    assert "training the default model" in out and "is now champion" in out
    assert "next:" not in out, "ensure-champion promotes by itself: a promotion hint would mislead"
    assert "WARNING" not in out + err
    assert "Warning" not in err, err
    plain = [line for line in err.splitlines() if not line.startswith("{")]
    assert not [line for line in plain if "mlflow" in line.lower()], plain


@pytest.mark.slow
def test_every_api_example_runs_and_answers_as_documented(client: TestClient) -> None:
    variables: dict[str, str] = {}
    answers: dict[str, httpx.Response] = {}
    last: Any = None
    example = AssessmentIn.model_json_schema()["examples"][0]
    blocks = BLOCK.findall((ROOT / "README.md").read_text())
    assert len(blocks) >= 4
    for command in (c for block in blocks for c in commands(block)):
        if token := TOKEN.fullmatch(command.text):
            minted = CliRunner().invoke(cli.app, shlex.split(token[2]))
            assert minted.exit_code == 0, minted.output
            variables[token[1]] = minted.output.strip()
            continue
        if command.words == ["ID=…"]:
            variables["ID"] = last["id"]
            continue
        assert command.words[0] == "curl", f"README example the test cannot run: {command.text}"
        sent = request(command.words, variables)
        if sent.path == "/v1/assessments":
            assert json.loads(sent.body or "") == example, "the README's body is not the OpenAPI example"
        response = client.request(sent.method, sent.path, headers=sent.headers, content=sent.body)
        assert response.is_success, (command.text, response.text)
        answers[sent.path] = response
        last = response.json() if "json" in response.headers["content-type"] else None
        if command.answer:
            assert agrees(documented(command.answer), last), (command.answer, last)
    overrides = answers["/v1/audit/decisions?overrides_only=true&format=csv"].text
    assert variables["ID"] in overrides, "the README's decision is not an override"


def test_a_documented_answer_is_compared_field_by_field() -> None:
    real = {"id": "a1", "risk": 0.4748, "flags": [{"code": "X", "text": "Assess manually: spells"}], "n": 2}
    assert agrees(
        documented('{"id": "…", "risk": 0.47, "flags": [{"code": "X", "text": "Assess manually: …"}], …}'), real
    )
    assert not agrees(documented('{"risk": 0.29, …}'), real)
    assert not agrees(documented('{"risk": 0.48, …}'), real)
    assert agrees(documented('{"risk": 0.475, …}'), real)
    assert not agrees(documented('{"flags": [], …}'), real)
    assert agrees(documented('{"flags": [{"code": "X", …}, …], …}'), real)
    assert not agrees(documented('{"flags": [{"code": "Y", …}, …], …}'), real)
    assert not agrees(documented('{"missing": 1, …}'), real)
