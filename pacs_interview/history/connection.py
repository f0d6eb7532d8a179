"""Opening the history file: private modes, identity, WAL, migrations and transactions.

Standard library only and no terminal. The file is opened in WAL mode with a
busy timeout so that two practice sessions in two terminals both keep
everything, and it is never replaced or deleted when it turns out to be damaged
or foreign: the user is told how to move it aside.
"""

from __future__ import annotations

import errno
import functools
import os
import shlex
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from pacs_interview.common.errors import UserError
from pacs_interview.common.files import output_target
from pacs_interview.history.location import APPLICATION_ID, FILE_NAME, HOME_ENV, LARGEST_ID, default_home
from pacs_interview.history.schema import MIGRATIONS, SCHEMA_VERSION, TABLES

BUSY_TIMEOUT_SECONDS = 10.0  # a writer holds the lock for milliseconds; this only has to outlast a slow disk
# SQLite's own files beside the history file: replacing one would damage the history as surely.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
BUG = "(this is a bug in pacs-interview: please report it)"

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound="Connection")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def move_aside(path: Path) -> str:
    quoted = shlex.quote(str(path))
    return f"move it aside (for example `mv {quoted} {quoted}.old`) and run again to start a new history"


def translated(method: Callable[Concatenate[C, P], R]) -> Callable[Concatenate[C, P], R]:
    """Turn SQLite failures into one-line UserErrors naming the file; integrity errors stay bugs."""

    @functools.wraps(method)
    def run(self: C, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise
        except OverflowError:
            # The CLI's options stop such numbers first; this keeps any other caller from a traceback.
            raise UserError(f"a number given is too large for the history file (at most {LARGEST_ID})") from None
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                raise UserError(f"history file {self.path} is damaged ({error}); {move_aside(self.path)}") from error
            raise UserError(cannot_use(self.path, error)) from error

    return run


# How SQLite says the file itself is not a (sound) database; everything else is about the disk, the
# folder or permissions, and the file is fine: telling the user to move it aside would lose a good history.
_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_DAMAGE_MESSAGES = ("file is not a database", "database disk image is malformed")


def _error_name(error: sqlite3.Error) -> str:
    """SQLite's name for the error, such as SQLITE_IOERR_WRITE ('' before Python 3.11, which has no names)."""
    return str(getattr(error, "sqlite_errorname", ""))


def is_damage(error: sqlite3.Error) -> bool:
    """Whether `error` says the file is damaged or not a database, rather than that it cannot be used now."""
    name = _error_name(error)
    if name:
        return name.startswith(_DAMAGE)
    return any(message in str(error) for message in _DAMAGE_MESSAGES)


def cannot_use(path: Path, error: sqlite3.Error) -> str:
    """What failed, for an error that leaves the history file as it was."""
    return f"cannot use history file {path}: {error}: {_likely_cause(path, error)}; the history in it is unharmed"


def _likely_cause(path: Path, error: sqlite3.Error) -> str:
    name, message = _error_name(error), str(error)
    folder = path.parent
    if name == "SQLITE_FULL" or "is full" in message or _disk_full(folder):
        return f"the disk holding {folder} is full; free some space and run again"
    if path.exists() and not os.access(path, os.R_OK):
        return "you may not read it; check its owner and mode"
    if name.startswith("SQLITE_READONLY") or "readonly" in message:
        return f"it or its folder is read-only for you; make {folder} and the files in it writable"
    odd = [companion for companion in _companions(path) if _exists_but_not_a_file(companion)]
    if odd:
        return f"{odd[0]} is not a file, and SQLite keeps its own data there; move it aside"
    if _file_size_limited():
        return "a file size limit (ulimit -f) stops it from growing; raise the limit and run again"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is read-only for you; make it writable"
    if name.startswith("SQLITE_BUSY") or "locked" in message:
        return "another pacs-interview kept it busy too long; try again"
    return "the disk could not be read or written"


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES]


def _exists_but_not_a_file(path: Path) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _disk_full(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _file_size_limited() -> bool:
    try:
        import resource  # POSIX only
    except ImportError:
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


class Connection:
    """An open history file; the Store adds sessions and answers on top."""

    def __init__(self, db: sqlite3.Connection, path: Path, clock: Callable[[], str] = now) -> None:
        self._db = db
        self.path = path
        self.clock = clock  # replaceable so tests can pin the timestamps they print

    @classmethod
    def open(cls: type[C], home: Path | None = None, *, clock: Callable[[], str] = now, read_only: bool = False) -> C:
        """Open (creating if needed) the history in `home`; UserError if it cannot be used.

        `read_only` is for commands that only read: a history they may not write (a read-only file,
        folder or disk) is still opened, for reading.
        """
        home = home or default_home()
        path = home / FILE_NAME
        _refuse_a_link_others_can_read(path)
        if read_only and _not_writable(home, path):
            return cls._open_read_only(path, clock)
        try:
            return cls._open_to_write(home, path, clock)
        except UserError as error:
            if not read_only or not path.exists():
                raise
            # A full disk has no room for SQLite's -shm file either; reading may still work without it.
            try:
                return cls._open_read_only(path, clock)
            except UserError:
                raise error from None

    @classmethod
    def _open_to_write(cls: type[C], home: Path, path: Path, clock: Callable[[], str]) -> C:
        _create_private(home, path)
        store = cls(_connect(path), path, clock)
        try:
            store._prepare()
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def _open_read_only(cls: type[C], path: Path, clock: Callable[[], str]) -> C:
        if not path.exists():
            return cls._empty(path, clock)  # nothing written yet, and nothing may be: an empty history
        store = cls(_connect(path, "mode=ro"), path, clock)
        try:
            version = store._identify()
        except UserError:
            store.close()
            if _no_write_ahead_log(path):
                # SQLite wants to create its -shm file even to read, which a read-only folder forbids; with no
                # -wal file there is nothing the file itself does not hold, so it can be read as it is.
                store = cls(_connect(path, "immutable=1"), path, clock)
                version = store._identify()
            else:
                raise
        if version == 0:
            store.close()
            return cls._empty(path, clock)
        return store

    @classmethod
    def _empty(cls: type[C], path: Path, clock: Callable[[], str]) -> C:
        """A history with no sessions, held in memory, that still names `path` in what it says."""
        store = cls(sqlite3.connect(":memory:", isolation_level=None), path, clock)
        store._migrate()
        return store

    @translated
    def _identify(self) -> int:
        with self._read():
            return self._check_identity()

    def close(self) -> None:
        """Close the connection; every answer is already committed."""
        self._db.close()

    def __enter__(self: C) -> C:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening ---------------------------------------------------------------------------------

    @translated
    def _prepare(self) -> None:
        # Identify the file before changing anything in it: a foreign file must stay untouched.
        with self._read():
            self._check_identity()
        self._use_wal()
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA secure_delete = ON")  # deleted answers are overwritten, not left in free pages
        self._migrate()

    def _check_identity(self) -> int:
        """The file's schema version (0 for a new, empty file); UserError if it is not a history of ours."""
        # Call inside a transaction: the three reads must see one state of a file another process may be creating.
        try:
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise  # the disk, the folder or a permission: `translated` says which, and the file is fine
            raise UserError(f"{self.path} is not an SQLite database ({error}); {move_aside(self.path)}") from error
        app_id = int(self._db.execute("PRAGMA application_id").fetchone()[0])
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if app_id == 0 and version == 0 and not tables:
            return 0
        if app_id != APPLICATION_ID:
            raise UserError(f"{self.path} belongs to another program, not pacs-interview; {move_aside(self.path)}")
        if version > SCHEMA_VERSION:
            raise UserError(
                f"{self.path} was written by a newer pacs-interview (history schema {version}; this version"
                f" reads up to {SCHEMA_VERSION}); upgrade pacs-interview, or {move_aside(self.path)}"
            )
        missing = TABLES - tables
        if version == SCHEMA_VERSION and missing:
            names = ", ".join(sorted(missing))
            raise UserError(f"{self.path} is missing tables ({names}); {move_aside(self.path)}")
        return version

    def _use_wal(self) -> None:
        # WAL lets a reader and a writer work at once. The mode is stored in the file, so this only
        # changes anything when the file is new. The switch needs a moment of exclusive access that
        # SQLite does not wait for with the busy timeout when two processes open a new file at the same
        # instant: it reports "locked" at once, so wait here instead.
        deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _migrate(self) -> None:
        with self._write() as db:
            # Check again under the write lock: another process may have created the schema meanwhile.
            version = self._check_identity()
            for steps in MIGRATIONS[version:]:
                for step in steps:
                    if isinstance(step, str):
                        db.execute(step)
                    else:
                        step(db)
            if version < SCHEMA_VERSION:
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout)
        # instead of failing half-way when it tries to upgrade a read lock.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # One read transaction: a concurrent writer cannot change the data between our queries.
        self._db.execute("BEGIN")
        try:
            yield self._db
        finally:
            self._db.execute("ROLLBACK")  # nothing to keep, and it cannot fail for want of a commit

    # -- helpers -----------------------------------------------------------------------------------

    def holds(self, path: Path) -> bool:
        """Whether `path` is the history file, or one of SQLite's files beside it."""
        own = [self.path, *(self.path.with_name(self.path.name + suffix) for suffix in COMPANION_SUFFIXES)]
        return any(_same_file(path, file) for file in own)

    def refuse_as_output(self, output: Path) -> None:
        """UserError when writing `output` would replace the history file (or its log): an export over it."""
        if self.holds(output_target(output)):
            raise UserError(f"cannot write {output}: it is the history file itself; choose another file name")

    def _require(self, session_id: int) -> None:
        if self._db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
            raise UserError(f"no session {session_id}; `pacs-interview history` lists the sessions")


def _connect(path: Path, options: str = "") -> sqlite3.Connection:
    target = f"{path.absolute().as_uri()}?{options}" if options else str(path)
    try:
        return sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, uri=bool(options))
    except sqlite3.Error as error:
        raise UserError(cannot_use(path, error)) from error


def _not_writable(home: Path, path: Path) -> bool:
    """Whether the history (or the folder SQLite writes its own files in) is read-only for this process."""
    if not path.exists():
        return home.is_dir() and not os.access(home, os.W_OK)
    return not os.access(path, os.W_OK) or not os.access(home, os.W_OK)


def _no_write_ahead_log(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return os.stat(wal).st_size == 0
    except FileNotFoundError:
        return True


def _refuse_a_link_others_can_read(path: Path) -> None:
    """A symlinked history is fine, unless the file it leads to is readable by others.

    SQLite keeps its -wal and -shm files (which hold recent answers) beside the file a link leads
    to, and gives them that file's mode: a file others can read would hand them the answers too.
    """
    if not path.is_symlink():
        return
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return  # nothing there yet: it is created private
    if mode & 0o077:
        raise UserError(
            f"history file {path} leads to {target}, which others can read (mode {mode:04o}), and SQLite would"
            f" give its -wal and -shm files the same mode; make it private (`chmod 600 {shlex.quote(str(target))}`)"
        )


def _create_private(home: Path, path: Path) -> None:
    """Create the folder (0700) and the empty file (0600) ourselves, before SQLite picks the modes."""
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            f"cannot use history folder {home}: {_reason(error)}; set {HOME_ENV} to a writable folder"
        ) from None
    try:
        # SQLite gives its -wal and -shm files the mode of the database file, so they are private too.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and path.exists():
            raise UserError(
                f"cannot open history file {path} for writing: {_reason(error)}; it is read-only for you"
                " (history and export, which only read, still work)"
            ) from None
        raise UserError(
            f"cannot open history file {path}: {_reason(error)}; set {HOME_ENV} to another folder"
        ) from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _same_file(path: Path, other: Path) -> bool:
    if os.path.realpath(path) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(path, other)
    except OSError:  # either one missing
        return False
