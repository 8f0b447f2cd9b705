"""``python -m tools.templates [FOLDER]``: rebuild every stock template into FOLDER (default:
the repository's ``letter_templates/``) and print the paths written."""

from __future__ import annotations

import sys
from pathlib import Path

from . import DEFAULT_FOLDER, build


def main(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        print("usage: python -m tools.templates [FOLDER]", file=sys.stderr)
        return 2
    for path in build(Path(argv[0]) if argv else DEFAULT_FOLDER):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
