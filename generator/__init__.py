"""gen-letter: official Thai government correspondence from YAML specs and DOCX templates.

The package is a library first; the ``gen-letter`` command is a thin layer over it.

- :mod:`generator.thai` — Thai digits, Buddhist-era dates, fiscal years, baht text,
  phone numbers, list numbering and official codes (pure functions, no I/O).
"""

__version__ = "0.1.0"
