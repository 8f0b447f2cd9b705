"""Exchange with other agencies: e-CMS ``GovernmentDocument`` messages (TH e-GIF) and
signatures.

- :mod:`.message` — the message itself: built and read with lxml, checked against the
  project's own schema (``governmentdocument.rng``) both ways;
- :mod:`.codes` — speed and secrecy codes, a table the office profile can override;
- :mod:`.ecms` — export of a registered letter (one message per receiver: a recipient list,
  positions, or the letter's delivery records) and import of a message as an incoming letter,
  with the ``AcceptLetterNotifier`` both ways;
- :mod:`.signing` — PAdES signatures of issued PDFs and XML-DSig ``GovernmentSignature``.

Layering: the command line calls these; they call :mod:`generator.registry`.
"""
