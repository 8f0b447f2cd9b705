"""Build-time programs of the repository (not installed with gen-letter): run from its top
folder as ``python -m tools.<name>``."""
