"""Python's cycle collector during a build: long-lived tables kept out of its passes, paused per document.

A build's process holds the spaCy pipeline and the place and gazetteer tables (a few hundred
thousand container objects) for its whole life. Every full pass of the collector walked all of
them again, about 0.25 s a pass and a few passes per 40,000 words: some 5% of the build's CPU
time. :func:`settle`, called once such a table is loaded, moves what is alive to the collector's
permanent generation (:func:`gc.freeze`), so later passes walk only what the documents made.
Frozen objects are still freed by reference counting; only cyclic garbage alive at that moment
would stay, hence the collection first where that is safe.

The work on one document makes many short-lived containers, freed by reference counting:
:func:`cycle_collection_paused` holds the collector off while it runs.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def settle(*, collect: bool = True) -> None:
    """Leave every object alive now out of future cycle-collector passes (``collect`` first: no garbage kept).

    >>> settle()
    >>> gc.get_freeze_count() > 0
    True
    """
    if collect:
        gc.collect()
    gc.freeze()


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the work on one document.

    The analysis allocates hundreds of thousands of short-lived container objects
    (tokens, lists, records), almost all freed by reference counting; the
    collector still ran a pass every 700 of them and now and then walked the
    whole heap: about 30% of the analysis time. Paused per document, the
    garbage is bounded by one document, and one pass after it finds it all.
    Nested use is fine: an inner pause leaves the collector as it found it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: The collector's first threshold during a build: a young-generation pass every 20,000 new
#: containers, not every 700. Paused per document, the collector still made ~750 young passes, ~70
#: middle and 5 full ones on the 212 documents of ``benchmarks/build_speed.py`` (1.1 s); with this
#: threshold 17 young passes and one full (0.46 s). Cyclic garbage waits a little longer.
BUILD_THRESHOLD = 20_000


@contextmanager
def fewer_collections(threshold: int = BUILD_THRESHOLD) -> Iterator[None]:
    """Raise the collector's young-generation threshold for a build; restore the caller's after.

    >>> before = gc.get_threshold()
    >>> with fewer_collections():
    ...     gc.get_threshold()[0]
    20000
    >>> gc.get_threshold() == before
    True
    """
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def collect_everything() -> None:
    """Collect cyclic garbage, frozen objects included, then freeze what is left again.

    Closing a store must free it now (RocksDB holds its directory's lock until then), and the
    wrapper around it is in a reference cycle. If :func:`settle` ran while the store was open (the
    place tables finish loading on a thread during a build), the cycle was frozen and a plain
    ``gc.collect()`` never reached it: a second build into the same directory in this process then
    failed with "lock hold by current process".

    >>> collect_everything()
    """
    frozen = gc.get_freeze_count()
    if frozen:
        gc.unfreeze()
    gc.collect()
    if frozen:
        gc.freeze()


def _glibc(function: str) -> Callable[[int], int] | None:
    """A function of glibc's allocator, or None (another platform or C library)."""
    if sys.platform != "linux":
        return None
    try:
        return getattr(ctypes.CDLL("libc.so.6"), function)
    except (OSError, AttributeError):  # not glibc (e.g. musl)
        return None


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None."""
    return _glibc("malloc_trim")


def release_free_memory() -> bool:
    """Hand the C heap's free pages back to the system (glibc only); True if it could.

    A build's driver frees as much as it allocates (Oxigraph's write buffers, once
    flushed; sqlite's pages; each document's records), but glibc keeps freed pages
    of its per-thread heaps (the store's writer thread, RocksDB's own threads) unless
    asked: the resident size then climbed with the number of documents (measured:
    ~0.5 KB a document, freed but not returned). A call walks the heaps' free lists:
    a few milliseconds, made once per store flush.

    >>> isinstance(release_free_memory(), bool)
    True
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


#: glibc's ``mallopt`` parameter for the size above which a block is mapped on its own (``M_MMAP_THRESHOLD``).
_M_MMAP_THRESHOLD = -3
#: glibc's default threshold, kept fixed: blocks this large and larger get their own mapping.
LARGE_BLOCK = 128 * 1024


def set_mmap_threshold(size: int) -> bool:
    """Map every block of ``size`` bytes and more on its own, returned to the system when freed (glibc
    only; True if set). It also turns off glibc's own raising of that threshold for the rest of the process.

    >>> isinstance(set_mmap_threshold(LARGE_BLOCK), bool)
    True
    """
    mallopt = _glibc("mallopt")
    return mallopt is not None and bool(mallopt(_M_MMAP_THRESHOLD, size))


def keep_large_blocks_apart() -> bool:
    """Give every large block (128 KiB and more) its own mapping, returned to the system when freed (glibc only).

    glibc raises this threshold each time such a mapped block is freed, up to 32 MiB, so after the first
    batch a build's large, short-lived blocks (a batch's N-Quads text, RocksDB's write buffers) came from
    the heap, between small long-lived ones (RocksDB's cached blocks), and their pages could not be given
    back: measured, the driver alone over 60,000 documents held 22.6 MiB of free heap after the
    per-document pass, 2.0 MiB with the threshold fixed, and its RSS there was 21 MiB lower. Setting it
    turns glibc's adjustment off for the rest of the process, so a build calls this only where its
    process does not parse (the parser's large arrays, freed and taken again every batch, would be
    mapped and faulted in anew each time).

    >>> isinstance(keep_large_blocks_apart(), bool)
    True
    """
    return set_mmap_threshold(LARGE_BLOCK)


#: glibc's ``mallopt`` parameter for the most heaps ("arenas") threads may get (``M_ARENA_MAX``).
_M_ARENA_MAX = -8
#: Heaps for a build's threads: the parsing thread's, and one the others share.
BUILD_ARENAS = 2


def fewer_arenas(count: int = BUILD_ARENAS) -> bool:
    """Let the threads started from now on share ``count`` heaps (glibc only; True if set).

    glibc gives each new thread a heap of its own, up to eight per core, and a thread's freed pages
    stay in its heap. In a build the threads are the store's writer and RocksDB's own (14 heaps
    sampled): their heaps grew from ~60-80 to ~100-110 MiB over 200,000 small documents though
    their memory in use did not, the free space spread over many heaps. Shared heaps reuse it.

    >>> isinstance(fewer_arenas(), bool)
    True
    """
    mallopt = _glibc("mallopt")
    return mallopt is not None and bool(mallopt(_M_ARENA_MAX, count))
