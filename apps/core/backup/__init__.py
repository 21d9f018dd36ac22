"""Backups: one archive holds the database dump, the stored files and a manifest to verify both.

`services.py` makes and restores archives (`manage.py backup` / `restore`), `archive.py` reads
and writes the archive file and its manifest, `figures.py` counts and checksums every table,
`engines.py` dumps and loads a PostgreSQL or SQLite database. See docs/deployment.md.
"""
