"""Start-up stays cheap: ``import kg``, ``kg --help`` and the commands that read a graph never import spaCy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Run kg's CLI in this process, then report whether spaCy was imported (on stderr, after the command's output).
_RUN_CLI = """
import sys
from kg.cli import app
try:
    app(sys.argv[1:])
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
print("spacy imported:", "spacy" in sys.modules, "exit code:", code, file=sys.stderr)
"""


def python(code: str, *args: str) -> subprocess.CompletedProcess:
    """``python -c code args`` in a fresh interpreter that imports this checkout's kg."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


def test_import_kg_does_not_import_spacy():
    done = python("import sys, kg; print(kg.__file__, 'spacy' in sys.modules)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(ROOT / "kg" / "__init__.py"), "False"]


def test_the_public_names_are_imported_on_first_use():
    done = python(
        "import sys, kg; from kg import KGError; print(sorted(n for n in kg.__all__ if n not in dir(kg)));"
        "print(kg.build.__module__, kg.KnowledgeGraph.__module__, kg.Settings().base, 'spacy' in sys.modules)"
    )
    assert done.returncode == 0, done.stderr
    # Even the build module leaves spaCy alone until a build parses (the extractor loads it).
    assert done.stdout.splitlines() == ["[]", "kg.build kg.graph https://example.org/kg/ False"]


def test_an_unknown_attribute_is_still_an_attribute_error():
    import kg

    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        kg.nonsense  # noqa: B018


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["build", "--help"], ["extract", "--help"]])
def test_help_and_version_do_not_import_spacy(args):
    done = python(_RUN_CLI, *args)
    assert done.stderr.splitlines()[-1] == "spacy imported: False exit code: 0", done.stderr


def test_version_prints_the_package_version():
    import kg

    done = python(_RUN_CLI, "--version")
    assert done.stdout == f"kg {kg.__version__}\n"


@pytest.mark.parametrize(
    "command",
    [
        ["query", "{out}", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }"],
        ["export", "{out}", "--format", "nt"],
        ["stats", "{out}", "--json"],
        ["entities", "{out}", "--format", "csv"],
    ],
    ids=lambda c: c[0],
)
def test_commands_that_read_a_graph_do_not_import_spacy(corpus_out, command):
    done = python(_RUN_CLI, *(arg.replace("{out}", str(corpus_out)) for arg in command))
    assert done.stderr.splitlines()[-1] == "spacy imported: False exit code: 0", done.stderr
    assert done.stdout.strip()


def test_importing_the_build_module_first_keeps_kg_build_the_function():
    done = python("import kg.build, kg, sys; print(callable(kg.build), sys.modules['kg.build'].build is kg.build)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
