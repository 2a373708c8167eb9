"""Shared plumbing for every source: HTTP (http.py), paging cursors (cursors.py), raw files and their
fetch records (files.py, meta.py), and the progress-reporter protocol (progress.py)."""
