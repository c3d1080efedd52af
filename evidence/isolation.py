"""Read files in a child process with a time budget per page and a memory cap.

A hostile or broken PDF can make a parser loop for hours or eat all memory. So
files are read in a forked reader child: the parent waits at most
`seconds_per_page` for each page to be read (readers report pages through
`evidence.readers.progress`). A child that overruns, runs out of its memory cap
or crashes is stopped, the file becomes an F001 problem, and the next file gets
a fresh child; the rest of the bundle is still checked.

One child serves many files (forking per file cost ~20 ms a file, as much as
reading a small PDF), and is replaced every FILES_PER_CHILD files so that what
parsers leave behind cannot pile up. Extraction runs in the parent on the
Document the child sends back: it is the tool's own code on plain text, and it
keeps the parent's compiled patterns warm.

Forking is cheap on Linux (the child shares the parent's loaded modules). Where
fork is not available or not safe (Windows, macOS), files are read in-process
without a budget, as the library does by default.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from evidence.budget import Budget
from evidence.bundle import BundleFile
from evidence.readers import progress, read_file
from evidence.records import Document

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

#: Files one reader child reads before it is replaced by a fresh one.
FILES_PER_CHILD = 500




def isolation_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def read_in_child(file: BundleFile, budget: Budget, job: Callable[[BundleFile], Any] = read_file) -> tuple[Any, bool]:
    """Given a bundle file, run `job` on it (by default: read it) in this process's reader child within `budget`.

    Returns what the job returned (a failed read's Document when the child was stopped or
    died) and whether it is complete: False then, so the caller does not cache a result
    that load caused. A job that goes on to classify and extract calls
    `progress.extracting()` first: the rest gets `budget.extract_pages` pages' budget.
    """
    key = (budget, job)
    child = _CHILDREN.get(key)
    if child is None or child.owner != os.getpid() or child.files_read >= FILES_PER_CHILD:
        if child is not None and child.owner == os.getpid():
            child.stop()
        child = _CHILDREN[key] = _ReaderChild(budget, job)
    result, complete = child.read(file)
    if not complete:
        child.stop()
        del _CHILDREN[key]
    return result, complete


def stop_reader_children() -> None:
    """Stop this process's reader children (the next read forks a fresh one)."""
    for budget, child in list(_CHILDREN.items()):
        if child.owner == os.getpid():
            child.stop()
        del _CHILDREN[budget]


class _ReaderChild:
    """A forked process that reads the files sent to it, one at a time."""

    def __init__(self, budget: Budget, job: Callable[[BundleFile], Any] = read_file) -> None:
        context = multiprocessing.get_context("fork")
        self.budget = budget
        self.owner = os.getpid()  # a forked worker must not talk to its parent's child
        self.files_read = 0
        self.connection, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child_end, budget.memory_mb, self.owner, job),
                                       daemon=True)
        self.process.start()
        child_end.close()

    def read(self, file: BundleFile) -> tuple[Document, bool]:
        self.files_read += 1
        try:
            self.connection.send(file)
        except (OSError, ValueError):
            return _failed(file, _death_reason(self.process.exitcode, self.budget))
        return self._await(file)

    def _await(self, file: BundleFile) -> tuple[Document, bool]:
        pages_read, extracting = 0, False
        page = _PageClock(self.process.pid, self.budget.seconds_per_page)
        while True:
            if not self.connection.poll(page.wait()):
                if not page.spent():
                    continue  # the machine is busy: the child has not used its CPU seconds yet
                if extracting:
                    return _failed(file, f"took longer than {page.seconds:g} s to classify and extract once read, "
                                         "and was stopped; the file may be built to hang readers")
                where = f"page {pages_read + 1}" if pages_read else "its first page"
                how = " reading it by OCR" if page.seconds > self.budget.seconds_per_page else ""
                return _failed(file, f"took longer than {page.seconds:g} s on {where}{how} and was "
                                     "stopped; the file may be damaged or built to hang readers")
            try:
                kind, value = self.connection.recv()
            except (EOFError, OSError):
                self.process.join()
                return _failed(file, _death_reason(self.process.exitcode, self.budget))
            if kind == "page":
                pages_read = value
                page = _PageClock(self.process.pid, self.budget.seconds_per_page)
            elif kind == "ocr":
                page = _PageClock(self.process.pid, self.budget.seconds_per_page * self.budget.ocr_pages)
            elif kind == "extracting":
                extracting = True
                page = _PageClock(self.process.pid, self.budget.seconds_per_page * self.budget.extract_pages)
            elif kind == "done":
                return pickle.loads(value), True
            else:  # "error": the child caught an exception outside the reader's own guard
                return _failed(file, f"could not be read ({value})")

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class _PageClock:
    """The time a reader child may spend on one page: CPU seconds where the system shows them.

    A page's budget counts the child's own CPU time (Linux /proc), so a machine busy with
    other work does not stop a file that a quiet one reads: results do not depend on load.
    A child that waits without using the CPU (blocked, or starved past reason) is stopped
    after WALL_FACTOR times the budget of wall time all the same.
    """

    WALL_FACTOR = 4

    def __init__(self, pid: int | None, seconds: float) -> None:
        self.pid, self.seconds = pid, seconds
        self.started_wall = time.monotonic()
        self.started_cpu = _cpu_seconds(pid)

    def wait(self) -> float:
        """How long to wait for the child's next message before looking at the clock again."""
        return max(0.0, self.started_wall + self.seconds - time.monotonic()) or min(1.0, self.seconds)

    def spent(self) -> bool:
        """Whether the page has used its budget: CPU seconds if known, else wall seconds, and the wall backstop."""
        wall = time.monotonic() - self.started_wall
        if wall >= self.seconds * self.WALL_FACTOR:
            return True
        cpu = _cpu_seconds(self.pid)
        if cpu is None or self.started_cpu is None:
            return wall >= self.seconds
        return cpu - self.started_cpu >= self.seconds


def _cpu_seconds(pid: int | None) -> float | None:
    """The CPU seconds (user and system) process `pid` has used, from /proc; None where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, TypeError):
        return None


_CHILDREN: dict[Budget, _ReaderChild] = {}


def _serve(connection: Connection, memory_mb: int, parent: int, job: Callable[[BundleFile], Any] = read_file) -> None:
    """Runs in the forked child: run `job` on each file sent, send back what it returned, pickled."""
    faulthandler.disable()  # a crash is reported by the parent, as one line
    _die_with_parent(parent)
    _cap_memory(memory_mb)
    progress.listen(lambda event, number: connection.send((event, number)))
    while True:
        try:
            file = connection.recv()
        except (EOFError, OSError):
            os._exit(0)  # the parent is done: skip its atexit handlers and buffered output
        try:
            connection.send(("done", pickle.dumps(job(file), protocol=pickle.HIGHEST_PROTOCOL)))
        except BaseException as exc:  # noqa: BLE001 - anything must reach the parent as one line
            connection.send(("error", f"{type(exc).__name__}: {str(exc)[:200]}"))


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this child when its parent dies (a parent stopped for overrunning its own budget).

    The child holds a copy of the parent's end of the pipe, so it would never see the pipe close.
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


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
