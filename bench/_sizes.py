"""Shared by the scale benchmarks: run each size in a fresh process, and read this process's peak memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM; unlike ru_maxrss it does not carry over the parent's across exec)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def run_each_size(script: str, sizes: list[int]) -> None:
    """Run ``script --one SIZE`` per size in a fresh process and print its last line."""
    for rows in sizes:
        out = subprocess.run([sys.executable, script, "--one", str(rows)], capture_output=True, text=True, check=True)
        print(out.stdout.strip().splitlines()[-1], flush=True)
