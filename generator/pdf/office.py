"""A LibreOffice that stays up: documents converted through UNO, one worker per core for batches.

Starting LibreOffice costs seconds; converting a letter through a running one costs a fraction
of a second. An :class:`Office` is one ``soffice --headless`` (its own throw-away user profile,
so offices never share or lock one) and the small program that drives it over UNO
(:mod:`generator.pdf.uno_worker`). That program runs under the Python that carries LibreOffice's
``uno`` module, ``/usr/bin/python3`` with Debian's ``python3-uno`` (``GEN_LETTER_UNO_PYTHON``
names another), because the module cannot be imported into a virtual environment; the two
speak one JSON line per request over its standard input and output. The worker's code runs
inside ``soffice`` where LibreOffice's Python script provider is installed (one UNO call per
request), else in the worker itself over the bridge: :attr:`Office.in_office` says which. A project bridge rather
than unoserver: the conversion is not a plain filter run, it edits the loaded document between
load and export (page-number fields set to native numbering, continuation marks placed from
LibreOffice's own layout), which needs UNO code of its own anyway, and Debian ships
``python3-uno`` but not unoserver.

* **Time limit**: every request (the start of LibreOffice included, when the office is cold) has
  a deadline; an office that misses it is killed with its process group and started afresh at
  the next document.
* **Crash**: an office whose LibreOffice went away is started afresh and the document tried once
  more on it.
* **Batches**: :func:`convert_many` hands documents to ``workers`` offices (default: one per
  core), each converting one document at a time.
* Offices stay up for the life of the process (closed at exit) and are reused while LibreOffice
  and the fontconfig file it runs under stay the same.

Where no Python with ``uno`` is found, :func:`uno_python` says ``None`` and the caller converts
with ``soffice --convert-to`` instead (one LibreOffice start per batch, and no continuation
marks).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import select
import signal
import subprocess
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import UserError

WORKER = Path(__file__).with_name("uno_worker.py")
#: Where to look for a Python with LibreOffice's ``uno`` module, after ``GEN_LETTER_UNO_PYTHON``.
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python",
               "/opt/libreoffice/program/python")


@dataclass(frozen=True)
class Page:
    """One page of LibreOffice's layout of a loaded document: the text that begins it (to the end
    of its paragraph), whether that text stands in a table, and whether the page begins a part
    of its own (a new page style or a page break before it)."""

    start: str
    table: bool = False
    fresh: bool = False


class OfficeGone(Exception):
    """LibreOffice ended or stopped answering; the office is started afresh next time."""


@lru_cache(maxsize=None)
def uno_python() -> str | None:
    """The first Python found that imports ``uno``, or ``None``."""
    chosen = os.environ.get("GEN_LETTER_UNO_PYTHON")
    for candidate in ((chosen,) if chosen else UNO_PYTHONS):
        if candidate and os.access(candidate, os.X_OK):
            try:
                found = subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                       timeout=30).returncode == 0
            except (OSError, subprocess.TimeoutExpired):
                found = False
            if found:
                return candidate
    return None


class Office:
    """One LibreOffice kept up, and the UNO worker that drives it; one request at a time."""

    def __init__(self, program: str, env: dict[str, str], folder: Path):
        self.program, self.env, self.folder = program, env, folder
        self.process: subprocess.Popen | None = None
        #: Whether the requests run inside ``soffice`` (its Python script provider), as the
        #: worker said when it started.
        self.in_office = False
        self.lock = threading.Lock()
        self._buffer = b""

    def start(self, deadline: float) -> None:
        python = uno_python()
        if python is None:
            raise OfficeGone("no Python with LibreOffice's uno module")
        profile = self.folder / f"profile-{uuid.uuid4().hex[:8]}"
        pipe = f"gen-letter-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self.process = subprocess.Popen(
            [python, str(WORKER), self.program, profile.as_uri(), pipe],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=self.env, start_new_session=True)
        self._buffer = b""
        answer = self._read(deadline)
        if not answer.get("ready"):
            self.stop()
            raise OfficeGone(answer.get("error", "LibreOffice did not start"))
        self.in_office = bool(answer.get("in_office"))

    def request(self, message: dict, deadline: float) -> dict:
        """Send one request and wait for its answer until ``deadline`` (``time.monotonic``)."""
        if self.process is None or self.process.poll() is not None:
            self.start(deadline)
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")
            self.process.stdin.flush()
        except OSError:
            self.stop()
            raise OfficeGone("LibreOffice went away") from None
        answer = self._read(deadline)
        if answer.get("gone"):
            self.stop()
            raise OfficeGone(answer.get("error", "LibreOffice went away"))
        return answer

    def _read(self, deadline: float) -> dict:
        assert self.process is not None and self.process.stdout is not None
        out = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([out], [], [], left)[0]:
                self.stop()
                raise TimeoutError
            chunk = os.read(out, 65536)
            if not chunk:
                self.stop()
                raise OfficeGone("LibreOffice went away")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def stop(self) -> None:
        """End the worker and its LibreOffice (one process group) at once."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait()
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except (OSError, AttributeError):
                pass

    def close(self) -> None:
        """Ask LibreOffice to end (so its profile is left tidy), else end it."""
        if self.process is not None and self.process.poll() is None:
            try:
                self.request({"op": "quit"}, time.monotonic() + 3)
            except (OfficeGone, TimeoutError, OSError, ValueError):
                pass
        self.stop()


class Offices:
    """The offices of this process, by LibreOffice program and fontconfig file."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offices: dict[tuple, list[Office]] = {}
        self._folder: Path | None = None
        self._scratch = None

    def _own_folder(self) -> Path:
        if self._folder is None:
            from .. import scratch  # locked while this process lives: swept after a SIGKILL

            self._scratch = scratch.make("office")
            self._folder = self._scratch.path
            atexit.register(self.close)
        return self._folder

    def folder_for(self, fontconfig: str | None) -> Path:
        """A folder that stays the same for the life of the offices, one per user fontconfig
        file, for the fontconfig file the offices run under (so an office is reused)."""
        with self._lock:
            name = hashlib.sha256((fontconfig or "").encode()).hexdigest()[:12]
            folder = self._own_folder() / f"fonts-{name}"
            folder.mkdir(exist_ok=True)
            return folder

    def get(self, program: str, env: dict[str, str], count: int) -> list[Office]:
        key = (program, env.get("FONTCONFIG_FILE"))
        with self._lock:
            self._own_folder()
            for other in [k for k in self._offices if k != key]:  # one set of offices at a time
                for office in self._offices.pop(other):
                    office.close()
            offices = self._offices.setdefault(key, [])
            while len(offices) < count:
                offices.append(Office(program, env, self._folder))
            return offices[:count]

    def close(self) -> None:
        with self._lock:
            for offices in self._offices.values():
                for office in offices:
                    office.close()
            self._offices.clear()
            if self._scratch is not None:
                self._scratch.release()
                self._scratch, self._folder = None, None


OFFICES = Offices()


def default_workers() -> int:
    """One worker per core."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def run_jobs(jobs: list, work, program: str, env: dict[str, str], workers: int) -> list:
    """``work(office, job)`` for every job, on up to ``workers`` offices, results in job order."""
    offices = OFFICES.get(program, env, max(1, min(workers, len(jobs))))
    if len(offices) == 1:
        return [_on(offices[0], work, job) for job in jobs]
    free: list[Office] = list(offices)
    pick = threading.Condition()

    def one(job):
        with pick:
            while not free:
                pick.wait()
            office = free.pop()
        try:
            return _on(office, work, job)
        finally:
            with pick:
                free.append(office)
                pick.notify()

    with ThreadPoolExecutor(max_workers=len(offices)) as pool:
        return list(pool.map(one, jobs))


def _on(office: Office, work, job):
    with office.lock:
        return work(office, job)

