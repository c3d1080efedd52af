"""Read one file in a child process with a time budget per page and a memory cap.

A hostile or broken PDF can make a parser loop for hours or eat all memory. So
each file is read in a forked child: the parent waits at most `seconds_per_page`
for each page to be read (readers report pages through
`evidence.readers.progress`). A child that overruns, runs out of its memory cap
or crashes is stopped, and the file becomes an F001 problem; the rest of the
bundle is still checked. Extraction runs in the parent on the Document the child
sends back: it is the tool's own code on plain text, and it keeps the parent's
compiled patterns warm (a child would compile them again for every file).

Forking is cheap on Linux (the child shares the parent's loaded modules). Where
fork is not available or not safe (Windows, macOS), files are read in-process
without a budget, as the library does by default.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from evidence.bundle import BundleFile
from evidence.readers import progress, read_file
from evidence.records import Document

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Budget:
    """What reading one file may cost: seconds per page (and per page extracted), memory."""

    seconds_per_page: float = 10.0
    memory_mb: int = 2048


def isolation_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def read_in_child(file: BundleFile, budget: Budget) -> tuple[Document, bool]:
    """Given a bundle file, read it in a child process within `budget`.

    Returns the Document and whether it is complete: False when the child was
    stopped or died, so the caller does not cache a result that load caused.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(file, sender, budget.memory_mb), daemon=True)
    child.start()
    sender.close()
    try:
        return _await_child(file, receiver, child, budget)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


def _await_child(file: BundleFile, receiver: Connection, child: multiprocessing.process.BaseProcess,
                 budget: Budget) -> tuple[Document, bool]:
    pages_read = 0
    deadline = time.monotonic() + budget.seconds_per_page
    while True:
        if not receiver.poll(max(0.0, deadline - time.monotonic())):
            child.kill()
            where = f"page {pages_read + 1}" if pages_read else "its first page"
            return _failed(file, f"took longer than {budget.seconds_per_page:g} s on {where} and was stopped; "
                                 "the file may be damaged or built to hang readers")
        try:
            message = receiver.recv()
        except (EOFError, OSError):
            child.join()
            return _failed(file, _death_reason(child.exitcode, budget))
        kind, value = message
        if kind == "page":
            pages_read = value
            deadline = time.monotonic() + budget.seconds_per_page
        elif kind == "done":
            return pickle.loads(value), True
        else:  # "error": the child caught an exception outside the reader's own guard
            return _failed(file, f"could not be read ({value})")


def _child_main(file: BundleFile, sender: Connection, memory_mb: int) -> None:
    """Runs in the forked child: read, send the pickled Document, exit at once."""
    faulthandler.disable()  # a crash is reported by the parent, as one line
    try:
        _cap_memory(memory_mb)
        progress.listen(lambda number: sender.send(("page", number)))
        document = read_file(file)
        sender.send(("done", pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)))
    except BaseException as exc:  # noqa: BLE001 - anything must reach the parent as one line
        try:
            sender.send(("error", f"{type(exc).__name__}: {str(exc)[:200]}"))
        except Exception:
            pass
    finally:
        sender.close()
        os._exit(0)  # skip the parent's atexit handlers and buffered output


def _cap_memory(memory_mb: int) -> None:
    """Limit the child's address space to what it already maps plus `memory_mb`."""
    if resource is None or memory_mb <= 0:
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = mapped + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, resource.error):
        pass


def _death_reason(exitcode: int | None, budget: Budget) -> str:
    if exitcode is not None and exitcode < 0:
        return (f"made the reader crash (signal {-exitcode}); it may be damaged, or need more than "
                f"the {budget.memory_mb} MB memory cap")
    return f"made the reader stop unexpectedly (exit code {exitcode})"


def _failed(file: BundleFile, reason: str) -> tuple[Document, bool]:
    document = Document(path=file.path, sha256=file.sha256, size=file.size, filetype=file.filetype,
                        reader="none")
    document.add_problem("F001", f"{file.path} {reason}")
    return document, False
