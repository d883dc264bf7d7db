"""A build's output directory: its lock, its state, the per-document results cache and the crash journal."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO

from . import sections
from .distributed import Processed
from .errors import BuildLocked, OutputNotWritable
from .records import DocumentResult

STATE_FILE = "state.json"
RESULTS_DIR = "results"


class OutputDirectory:
    """The on-disk layout of a build output directory.

    ``results/`` caches each document's per-document result under its id and
    content hash; a file appears (atomic rename) only when complete, so after
    a crash every cached result is whole and a rerun reuses it. ``results/``
    records the pipeline that made it, so a first build killed before it saved
    its state is resumed too. One build at a time: ``.lock`` is held (``flock``)
    for the life of this object, and freed by the OS if the process dies.
    """

    LOCK = ".lock"
    FINGERPRINT = "PIPELINE"

    def __init__(self, out: Path):
        self.out = out
        self.results = out / RESULTS_DIR
        self.lock: IO[str] | None = None
        try:
            out.mkdir(parents=True, exist_ok=True)
            self.lock = (out / self.LOCK).open("a")
        except OSError as error:
            raise OutputNotWritable(f"cannot write to output directory {out}: {error.strerror or error}") from None
        try:
            import fcntl

            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX: no lock
            pass
        except OSError:
            self.release()
            raise BuildLocked(
                f"another kg build (or kg remove) is running in {out}: wait for it to finish, then rerun"
            ) from None
        try:
            self.results.mkdir(parents=True, exist_ok=True)
            probe = out / ".kg-write-test"
            probe.write_text("")
            probe.unlink()
        except OSError as error:
            self.release()
            raise OutputNotWritable(f"cannot write to output directory {out}: {error.strerror or error}") from None

    def release(self) -> None:
        """Let another build use this output directory."""
        if self.lock is not None:
            self.lock.close()
            self.lock = None

    def result_path(self, doc_id: str, sha256: str) -> Path:
        key = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:24]
        return self.results / f"{key}-{sha256[:16]}.json"

    @staticmethod
    def log_path(result_path: Path) -> Path:
        """Where the resolution log of a cached result is kept."""
        return result_path.with_suffix(".log")

    @staticmethod
    def ops_path(result_path: Path) -> Path:
        """Where the resolution logs of a long document's sections are kept (a JSON line a section)."""
        return result_path.with_suffix(".ops")

    def scratch(self) -> Path:
        """Where long documents are written section by section before their results are cached."""
        return self.results / "sections"

    def load_state(self, fingerprint: str) -> dict:
        """The previous build's state; with other code, model or gazetteers, none (and no cached results)."""
        try:
            state = json.loads((self.out / STATE_FILE).read_text())
        except (OSError, ValueError):
            state = {}
        marker = self.results / self.FINGERPRINT
        try:
            cached_by = marker.read_text().strip()
        except OSError:
            cached_by = state.get("fingerprint")
        if cached_by != fingerprint:
            # Results of another pipeline are invalid: drop them before anything trusts them.
            shutil.rmtree(self.results, ignore_errors=True)
            self.results.mkdir(parents=True, exist_ok=True)
        if not marker.is_file():
            write_atomically(marker, fingerprint)
        if state.get("fingerprint") != fingerprint:
            # The builds this output has been stay known (kg push tells its own graphs by them).
            return {"fingerprint": fingerprint, "documents": {}, "builds": state.get("builds", [])}
        return state

    def save_state(self, state: dict) -> None:
        """Write the state, streamed (no copy of it as one string); values with ``to_list`` are written as that."""
        temporary = self.out / (STATE_FILE + ".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(state, handle, indent=0, sort_keys=True, default=_as_list)
        os.replace(temporary, self.out / STATE_FILE)


class ResultCache:
    """Per-document results between the two passes: on disk (with an output directory) or in memory.

    On disk, only ids, hashes and each document's small
    :class:`~kg.entities.resolve.DocumentFacts` stay in memory; the
    cross-document pass reads each result back once, so it runs in flat memory
    however large the corpus. A long document's result is kept in sections (a
    JSON line each, :mod:`kg.sections`), and read back a section at a time.
    """

    def __init__(self, output: OutputDirectory | None):
        self.output = output
        self.memory: dict[str, DocumentResult] = {}
        self.logs: dict[str, dict] = {}
        #: Without an output directory, long documents' results stay in files of a temporary folder.
        self.temporary: tempfile.TemporaryDirectory | None = None
        self.files: dict[str, tuple[str, Path]] = {}

    def scratch(self) -> Path:
        """Where long documents are written section by section (:func:`kg.distributed.process_documents`)."""
        if self.output is not None:
            return self.output.scratch()
        if self.temporary is None:
            self.temporary = tempfile.TemporaryDirectory(prefix="kg-sections-")
        return Path(self.temporary.name)

    def has(self, doc_id: str, sha256: str) -> bool:
        if self.output is None:
            if doc_id in self.files:
                return self.files[doc_id][0] == sha256
            return doc_id in self.memory and self.memory[doc_id].document.sha256 == sha256
        return self.output.result_path(doc_id, sha256).is_file()

    def put(self, processed: Processed, previous_sha256: str | None = None) -> None:
        if self.output is None:
            if processed.spill is not None:
                self.memory.pop(processed.doc_id, None)
                self.files[processed.doc_id] = (processed.sha256, Path(processed.spill) / sections.RESULT)
            else:
                self.files.pop(processed.doc_id, None)
                self.memory[processed.doc_id] = processed.result()
            if processed.log is not None:
                self.logs[processed.doc_id] = processed.log
            return
        path = self.output.result_path(processed.doc_id, processed.sha256)
        ops = self.output.ops_path(path)
        if processed.log is not None:  # first: a result on disk with a stale log beside it would be wrong
            if processed.spill is not None:
                os.replace(Path(processed.spill) / sections.OPS, ops)
            write_atomically(self.output.log_path(path), json.dumps(processed.log, ensure_ascii=False))
        if processed.spill is not None:
            os.replace(Path(processed.spill) / sections.RESULT, path)
        else:
            write_atomically(path, processed.data)
        if previous_sha256 and previous_sha256 != processed.sha256:
            previous = self.output.result_path(processed.doc_id, previous_sha256)
            previous.unlink(missing_ok=True)
            self.output.log_path(previous).unlink(missing_ok=True)
            self.output.ops_path(previous).unlink(missing_ok=True)

    def path(self, doc_id: str, sha256: str) -> Path | None:
        """The file of a document's cached result, if it is in one (always, with an output directory)."""
        if self.output is None:
            return self.files[doc_id][1] if doc_id in self.files else None
        return self.output.result_path(doc_id, sha256)

    def sectioned(self, doc_id: str, sha256: str) -> bool:
        """Whether the document's result was cached in sections (read it with :func:`kg.sections.read_parts`)."""
        path = self.path(doc_id, sha256)
        return path is not None and sections.is_sectioned(path)

    def ops(self, doc_id: str, sha256: str) -> Path:
        """The file of a long document's per-section resolution logs."""
        path = self.path(doc_id, sha256)
        assert path is not None
        return path.parent / sections.OPS if self.output is None else self.output.ops_path(path)

    def close(self) -> None:
        if self.temporary is not None:
            self.temporary.cleanup()
            self.temporary = None

    def log(self, doc_id: str, sha256: str) -> dict | None:
        """The document's resolution log (:class:`~kg.distributed.Processed`), if it was mapped early."""
        if self.output is None:
            return self.logs.get(doc_id)
        try:
            return json.loads(self.output.log_path(self.output.result_path(doc_id, sha256)).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def get(self, doc_id: str, sha256: str) -> DocumentResult:
        """One document's result, as the per-document pass left it."""
        if self.output is None and doc_id in self.memory:
            return self.memory[doc_id]
        path = self.path(doc_id, sha256)
        assert path is not None
        parts = list(sections.read_parts(path))
        if len(parts) == 1:
            return parts[0]
        whole = DocumentResult(parts[0].document)  # a long document read whole: only where it is asked for
        for part in parts:
            whole.sentences += part.sentences
            whole.mentions += part.mentions
            whole.extractions += part.extractions
            whole.words += part.words
        return whole


class Journal:
    """Ids of documents whose graphs a build started writing, kept until its state is saved.

    The state records each document graph's digest as stored; after a crash the
    store may hold graphs the state does not know of (written early, or by the
    unfinished cross-document pass). Their ids are appended here, durably,
    before each write, so the next build rewrites them whatever the state says.
    """

    NAME = "writing.log"

    def __init__(self, output: OutputDirectory | None):
        self.path = output.out / self.NAME if output is not None else None
        self.handle: IO[str] | None = None

    def unsure(self) -> set[str]:
        """Documents whose graphs may differ from what the saved state says."""
        if self.path is None or not self.path.is_file():
            return set()
        unsure = set()
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                unsure.add(json.loads(line))
            except ValueError:  # a line cut short by the crash: its graph was not written yet
                continue
        return unsure

    def add(self, doc_id: str) -> None:
        if self.path is None:
            return
        if self.handle is None:
            self.handle = self.path.open("a", encoding="utf-8")
        self.handle.write(json.dumps(doc_id) + "\n")  # one line, whatever characters the id has
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None

    def clear(self) -> None:
        """The state now describes the store: forget the journal."""
        self.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def _as_list(value: object) -> list:
    """JSON of a state value that is no JSON type: a document's facts (``DocumentFacts.to_list``)."""
    to_list = getattr(value, "to_list", None)
    if to_list is None:
        raise TypeError(f"{type(value).__name__} in a build state")
    return to_list()


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
