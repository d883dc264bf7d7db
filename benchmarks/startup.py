"""Start-up time: ``python -c "import kg"`` and ``kg --help``, best of a few fresh processes.

    python benchmarks/startup.py             # best of 5
    python benchmarks/startup.py --runs 10

Each run is a new interpreter (wall clock, from before ``exec`` to exit), so the
figures include Python's own start; ``python -c pass`` is printed for reference.
Neither command may import spaCy (``tests/test_startup.py``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The ``kg`` console script beside this Python (it imports kg from PYTHONPATH first), else ``python -m kg.cli``.
KG = [str(Path(sys.executable).with_name("kg"))] if Path(sys.executable).with_name("kg").is_file() else [
    sys.executable, "-m", "kg.cli"
]  # fmt: skip
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    'python -c "import kg"': [sys.executable, "-c", "import kg"],
    "kg --help": [*KG, "--help"],
}


def best_seconds(command: list[str], runs: int) -> float:
    """The shortest wall-clock time of ``runs`` runs of ``command`` (the least disturbed by other load)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command; the best is printed")
    args = parser.parse_args(argv)
    for name, command in COMMANDS.items():
        print(f"{name:24} {best_seconds(command, args.runs):.3f} s  (best of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
