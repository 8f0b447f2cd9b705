"""The revisions, oldest first: 0001 tables, 0002 search indexes and the append-only audit."""
