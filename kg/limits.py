"""Per-document limits: a time limit on one document's work, and what a failed document reports.

A pathological document (quadratic input, a rule meeting a shape it never
saw) must cost the build that one document, never the build. The per-document
work runs inside :func:`time_limit`; in the main thread of a process (a
single-process build, a pool worker) the limit is enforced by ``SIGALRM``,
which interrupts Python code anywhere; elsewhere (Dask runs tasks in threads)
the stages call :func:`check_time` at each sentence and statement.

>>> with time_limit(5):
...     check_time()
>>> failure_reason(KeyError("head"))
"failed: KeyError: 'head'"
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import traceback
from collections.abc import Iterator

from .errors import KGError

_local = threading.local()


class DocumentTimeout(KGError):
    """One document's work ran past the per-document time limit."""


def check_time() -> None:
    """Raise :class:`DocumentTimeout` if the current document's time limit has passed."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline[0]:
        raise DocumentTimeout(f"took longer than the per-document time limit ({deadline[1]:g} s)")


def _on_alarm(_signum: int, _frame: object) -> None:
    _local.deadline = None  # raised once; the handler of the exception is not interrupted again
    raise DocumentTimeout(f"took longer than the per-document time limit ({_local.seconds:g} s)")


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Run the block with a time limit of ``seconds`` (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    previous = getattr(_local, "deadline", None)
    _local.deadline = (time.monotonic() + seconds, seconds)
    _local.seconds = seconds
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old_handler = None
    if alarm:
        try:
            old_handler = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds)
        except ValueError:  # not the main interpreter: cooperative checks only
            alarm = False
    try:
        yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler or signal.SIG_DFL)
        _local.deadline = previous


def failure_reason(error: BaseException, debug: bool = False) -> str:
    """One line saying what went wrong and where, for the build report.

    A user error's own message is enough; an unexpected exception names its type
    and the innermost kg frame, so a bug report can start from the report alone.
    """
    if isinstance(error, KGError):
        return str(error)
    message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/kg/" in f.filename.replace("\\", "/")]
    if frames:
        last = frames[-1]
        where = last.filename.replace("\\", "/").rsplit("/kg/", 1)[-1]
        message += f" (in kg/{where}:{last.lineno}, {last.name})"
    if debug:
        message += "\n" + "".join(traceback.format_exception(error)).rstrip()
    return f"failed: {message}"
