"""Finishing or undoing an issue that was interrupted (a SIGKILL, a power cut, a lost server).

An issue leaves the register's row of its number *pending* (taken, the letter not yet
converted or recorded) or *archiving* (recorded, its files being renamed into place), naming
its claim, the ``output/.issuing-*`` folder it holds locked (:mod:`.claims`). :func:`recover`
looks at every such row whose claim is no longer held, i.e. whose process has ended:

- **pending**: nothing of it reached the archive; the number is handed back (to the
  reservation, to the counter when it is still the series' last, else spoilt with the reason);
- **archiving**: every file of the letter is whole somewhere — under its final name, its staged
  name (:func:`.archive.staged`) or in the claim folder — and is checked against the SHA-256 the
  register recorded; the missing renames are done and the letter marked issued (its text
  indexed for search from the archived DOCX). If a file is lost, the letter's files are taken
  back out and the number handed back as for a pending one.

Then the claim folder is removed, and so is any other ``output/.issuing-*`` folder nobody holds
(an issue killed before it took a number). Each thing done is one line of the result. Running
issues are never touched; two processes recovering at once do not collide (the one that holds
a claim's lock does it, and every change of the row is conditional on the claim).

:func:`verify_archive` is ``gen-letter verify``: recover, then compare archive and register
(:meth:`Registry.verify`), leaving out what issues running right now have in hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..files import file_sha256
from . import claims
from .archive import rename_new, stage, staged, sync_folder

GIVEN = {"given back": "the number was given back (the next letter takes it)",
         "reserved": "the number is reserved again",
         "spoilt": "the number is recorded as spoilt"}


@dataclass(frozen=True)
class Verified:
    """What ``gen-letter verify`` found: the interrupted issues it finished or undid first, and
    the disagreements left (:class:`generator.registry.verify.Finding`)."""

    recovered: list[str]
    findings: list


def recover(workspace: Path, registry) -> list[str]:
    """Finish or undo every interrupted issue (see the module docstring); one line for each."""
    from .. import scratch

    scratch.sweep()  # LibreOffice's profiles and work files of killed issues (silently)
    workspace = Path(workspace)
    lines: list[str] = []
    with claims.workspace_lock(workspace) as locked:
        if not locked:
            return lines  # a read-only workspace: verify reports what is unfinished
        named = set()
        for pending in registry.unfinished():
            named.add(pending.claim)
            with claims.abandoned(workspace, pending.claim) as claim:
                if claim is None:
                    continue  # still running
                line = _recover(workspace, registry, pending, claim)
                if line:
                    lines.append(line)
                claim.release()
        for folder in claims.folders(workspace):
            name = folder.relative_to(workspace).as_posix()
            if name in named:
                continue
            with claims.abandoned(workspace, name) as claim:
                if claim is not None:
                    claim.release()
                    lines.append(f"removed {name}, left by an issue interrupted before it took "
                                 f"a number")
    return lines


def _recover(workspace: Path, registry, pending, claim) -> str | None:
    number = pending.number_text
    if pending.status == "archiving":
        targets = {kind: workspace / relative for kind, relative in pending.files.items()}
        sources = {kind: _whole_copy(target, claim.folder, pending.sha256.get(kind))
                   for kind, target in targets.items()}
        if targets and all(sources.values()):
            for kind, target in targets.items():
                if sources[kind] != target:
                    if sources[kind] != staged(target):
                        stage(sources[kind], target)
                    rename_new(target)
                else:
                    staged(target).unlink(missing_ok=True)
            sync_folder(next(iter(targets.values())).parent)
            try:
                registry.finish_issue(pending, _text(targets))
            except UserError:
                return None  # finished meanwhile by its own process
            return f"{number}: finished an issue that was interrupted while archiving its files"
        lost = ", ".join(sorted(kind for kind, found in sources.items() if not found))
        for kind, target in targets.items():
            staged(target).unlink(missing_ok=True)
            if sources[kind] == target:
                target.unlink()
        reason = f"the issue was interrupted while archiving and its files were lost ({lost})"
    else:
        reason = "the issue was interrupted before its letter was archived"
    outcome = registry.give_back(pending, reason)
    if outcome is None:
        return None
    return f"{number}: undid an interrupted issue; {GIVEN[outcome]}"


def _whole_copy(target: Path, folder: Path, digest: str | None) -> Path | None:
    """Where a whole copy of ``target`` (with SHA-256 ``digest``) is: its final name, its staged
    name or the claim folder; None when there is none."""
    for candidate in (target, staged(target), folder / target.name):
        if candidate.is_file() and (digest is None or file_sha256(candidate) == digest):
            return candidate
    return None


def _text(targets: dict[str, Path]) -> str | None:
    """What the archived letter (with its attachments) says, for search."""
    from ..docx.text import document_text

    printed = targets.get("bundle") or targets.get("docx")
    try:
        return document_text(printed.read_bytes()) if printed else None
    except (OSError, UserError):
        return None


def verify_archive(workspace: Path, registry, year: int | None = None) -> Verified:
    """``gen-letter verify``: :func:`recover`, then every disagreement between archive and
    register (:meth:`Registry.verify`) except those of issues running right now."""
    workspace = Path(workspace)
    recovered = recover(workspace, registry)
    findings = registry.verify(year)
    busy_numbers, busy_files = set(), set()
    for pending in registry.unfinished():
        if claims.running(workspace, workspace / pending.claim):
            busy_numbers.add((pending.year, pending.number_text))
            busy_files.add(pending.claim)
            for relative in pending.files.values():
                busy_files.add(relative)
                busy_files.add(staged(Path(relative)).as_posix())
    running = {f.relative_to(workspace).as_posix() for f in claims.folders(workspace)
               if claims.running(workspace, f)}
    kept = [f for f in findings
            if (f.year, f.number) not in busy_numbers and f.file not in busy_files | running]
    return Verified(recovered, kept)
