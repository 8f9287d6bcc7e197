"""Where the disk cache keeps what is derived from packs: one SQLite database in the cache
folder, written in one transaction (one owner for how derived entries are stored).

Why not a file per entry, as for packs: a first run over 357 packs derives about a thousand
entries, and creating a file cost this file system 0.35-0.55 ms each (0.4-0.6 s in all, a
third of the run); one transaction of the same thousand rows takes 0.07 s, and reading them
back 0.015 s. ``sqlite3`` is in the standard library.

Trust, as for the packs' entries (``docs/security.md``): the database is used only if it is a
regular file (not a link) that belongs to the current user and nobody else may write to; it is
made with mode 0600. Every row carries its key and a CRC-32 of its pickle, checked before the
pickle is read. Any SQLite error (a locked, damaged or full database) only costs time: the
value is worked out instead, and a database that is not one is made again.

Rows wait in memory and are written in one transaction: at exit, on :func:`flush`, or once
:data:`PENDING_BYTES` wait. A row waiting to be written is read from memory.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sqlite3
import stat
import threading
import zlib
from pathlib import Path

__all__ = ["DATABASE", "PENDING_BYTES", "DerivedStore"]

DATABASE = "derived.sqlite3"
"""The database's file name in the cache folder."""
PENDING_BYTES = 64 * 2**20
"""Rows waiting in memory beyond this many bytes are written at once."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS derived_v1 "
    "(entry TEXT PRIMARY KEY, key TEXT NOT NULL, crc INTEGER NOT NULL, data BLOB NOT NULL)"
)
_Row = tuple[str, int, bytes]  # key, CRC-32, pickle


class DerivedStore:
    """The rows of one process: read from the database of a cache folder, or from memory while
    they wait to be written.

    >>> import pickle, tempfile
    >>> store, folder = DerivedStore(), Path(tempfile.mkdtemp())
    >>> store.put(folder, "pack.findings", "key 1", b"data")
    >>> store.get(folder, "pack.findings", "key 1"), store.get(folder, "pack.findings", "key 2")
    (b'data', None)
    >>> store.flush(); DerivedStore().get(folder, "pack.findings", "key 1")
    b'data'
    """

    def __init__(self) -> None:
        self._pid = os.getpid()  # a forked child inherits this store, and must not use it
        self._lock = threading.RLock()
        self._pending: dict[tuple[Path, str], _Row] = {}
        self._bytes = 0
        self._connections: dict[Path, sqlite3.Connection | None] = {}
        self._at_exit = False

    def get(self, folder: Path, entry: str, key: str) -> bytes | None:
        """The pickle stored for ``entry`` under ``key``, or None (absent, of another key,
        damaged, or the database unusable)."""
        with self._lock:
            row = self._pending.get((folder, entry))
            if row is None:
                row = self._select(folder, entry)
        if row is None or row[0] != key or row[1] != zlib.crc32(row[2]):
            return None
        return row[2]

    def put(self, folder: Path, entry: str, key: str, data: bytes) -> None:
        """Keep a row to be written (replacing the entry's row, waiting or stored)."""
        with self._lock:
            self._pending[(folder, entry)] = (key, zlib.crc32(data), data)
            self._bytes += len(data)
            if not self._at_exit:
                atexit.register(self.flush)
                self._at_exit = True
            if self._bytes > PENDING_BYTES:
                self.flush()

    def flush(self) -> None:
        """Write every waiting row, one transaction per cache folder (nothing in a forked
        child: the rows, the connections and perhaps a held lock are its parent's)."""
        if os.getpid() != self._pid:
            return
        with self._lock:
            waiting, self._pending, self._bytes = self._pending, {}, 0
            folders: dict[Path, list[tuple[str, str, int, bytes]]] = {}
            for (folder, entry), (key, crc, data) in waiting.items():
                folders.setdefault(folder, []).append((entry, key, crc, data))
            for folder, rows in folders.items():
                connection = self._connection(folder)
                if connection is None:
                    continue
                try:
                    with connection:  # one transaction: committed, or rolled back on error
                        connection.executemany(
                            "INSERT OR REPLACE INTO derived_v1 VALUES (?, ?, ?, ?)", rows
                        )
                except sqlite3.Error:  # locked, full or damaged: the cache only helps
                    self._forget(folder)

    def _select(self, folder: Path, entry: str) -> _Row | None:
        connection = self._connection(folder)
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT key, crc, data FROM derived_v1 WHERE entry = ?", (entry,)
            ).fetchone()
        except sqlite3.Error:
            self._forget(folder)
            return None
        # SQLite does not enforce column types: a damaged or foreign row is no row.
        if row is None or type(row[0]) is not str or type(row[1]) is not int:
            return None
        return (row[0], row[1], row[2]) if type(row[2]) is bytes else None

    def _connection(self, folder: Path) -> sqlite3.Connection | None:
        if folder not in self._connections:
            self._connections[folder] = _open(folder / DATABASE)
        return self._connections[folder]

    def _forget(self, folder: Path) -> None:
        connection = self._connections.pop(folder, None)
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                connection.close()
        self._connections[folder] = None  # not again in this process


def _open(path: Path) -> sqlite3.Connection | None:
    """A connection to the database at ``path``, made if missing, or None if it is not the
    user's own regular file or cannot be used; a file that is not a database is made anew."""
    for _ in range(2):
        if not _private_file(path):
            return None
        try:
            connection = sqlite3.connect(path, timeout=1.0, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            connection.execute("PRAGMA synchronous=NORMAL")  # no sync per commit: a cache
            connection.execute(_SCHEMA)
            return connection
        except sqlite3.DatabaseError as exc:
            # Locked, read-only, full (OperationalError and the like): not this time. Only a
            # file that is not a database (DatabaseError itself) is made again.
            if type(exc) is not sqlite3.DatabaseError:
                return None
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{path}{suffix}")
    return None


def _private_file(path: Path) -> bool:
    """Whether ``path`` is (or now is, made with mode 0600) a regular file of this user's that
    nobody else may write to; a link is never followed."""
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return False
    try:
        status = os.fstat(handle)
    finally:
        os.close(handle)
    return (
        stat.S_ISREG(status.st_mode)
        and status.st_uid == os.getuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )
