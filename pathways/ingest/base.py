"""The one shape every ingest source has: read -> clean -> load.

``read`` yields raw rows with their file position; ``clean`` turns one raw row
into a typed row or a :class:`Rejected` naming file, line, column and reason (it
is pure and unit-tested); ``load`` writes the typed rows inside the caller's
transaction and reports what it inserted, updated and left unchanged.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import hashlib
import io
import operator
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class Rejected:
    """Why one piece of a file was refused, and exactly where."""

    path: str
    line: int
    column: int
    reason: str
    column_name: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        col = f" [{self.column_name}]" if self.column_name else ""
        return f"{where}{col}: {self.reason}"


class RejectedFile(Exception):
    """The file cannot be loaded; nothing was changed."""

    def __init__(self, rejections: Sequence[Rejected]):
        self.rejections = list(rejections)
        super().__init__("\n".join(str(r) for r in self.rejections[:20]))


@dataclass
class ImportResult:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rejected: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: ImportResult) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.deleted += other.deleted

    def summary(self) -> str:
        parts = [
            f"read {self.read:,}",
            f"inserted {self.inserted:,}",
            f"updated {self.updated:,}",
            f"unchanged {self.unchanged:,}",
            f"rejected {self.rejected:,}",
        ]
        if self.deleted:
            parts.insert(4, f"deleted {self.deleted:,}")
        return " · ".join(parts)


@dataclass
class RawRow:
    """One record of a delimited file: its first physical line and its fields.
    (Not frozen: a frozen dataclass costs measurably more per row.)"""

    path: str
    line: int
    data: dict[str, str]
    columns: dict[str, int]

    def __getitem__(self, name: str) -> str:
        return self.data[name]

    def get(self, name: str, default: str = "") -> str:
        value = self.data.get(name)
        return default if value is None else value

    def reject(self, column: str | None, reason: str) -> Rejected:
        index = self.columns.get(column, 0) if column else 0
        return Rejected(self.path, self.line, index + 1, reason, column or "")


@dataclass(frozen=True)
class IngestSource:
    """What ``manage.py ingest`` needs to know about one source module."""

    slug: str
    title: str
    url: str
    doc: str
    default_files: tuple[str, ...]
    parser_version: int = 1


# -- reading ----------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decode_text(path: Path, *, encoding: str = "utf-8") -> str:
    """The whole file as text. Strips a byte-order mark; a byte that is not valid
    in ``encoding`` is rejected with its line and column."""
    raw = path.read_bytes()
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[exc.start : exc.end].hex(" ")
        raise RejectedFile(
            [
                Rejected(
                    path.name,
                    line,
                    column,
                    f"not valid {encoding.upper()} text (byte {bad}); "
                    f"save the file as {encoding.upper()} and try again",
                )
            ]
        ) from exc


def iter_records(
    path: Path, *, delimiter: str = ",", encoding: str = "utf-8"
) -> Iterator[tuple[int, list[str]]]:
    """(first physical line, fields) for every record of a delimited file. A
    malformed record (an unterminated quote: a truncated file) raises
    :class:`RejectedFile` naming its line."""
    text = decode_text(path, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    prev_end = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RejectedFile(
                [
                    Rejected(
                        path.name,
                        prev_end + 1,
                        1,
                        f"malformed record ({exc}); the file may be truncated",
                    )
                ]
            ) from exc
        yield prev_end + 1, record
        prev_end = reader.line_num


def read_header(path: Path) -> list[str]:
    """The first record of a CSV file, its fields stripped."""
    text = decode_text(path)
    return [h.strip() for h in next(csv.reader(io.StringIO(text, newline="")), [])]


def read_delimited(
    path: Path,
    *,
    required: Iterable[str],
    aliases: dict[str, str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
    header_line: int = 1,
    stop: Callable[[list[str]], bool] | None = None,
) -> Iterator[RawRow]:
    """Yield the records of a CSV/TSV file keyed by header name.

    Column order does not matter; ``aliases`` maps other spellings of a header
    (e.g. the CDC's API field names) to the canonical one. A missing required
    column, a record with the wrong number of fields or an unterminated quote
    (a truncated file) raises :class:`RejectedFile`. ``stop`` ends reading at a
    footer (e.g. CDC WONDER's notes)."""
    name = path.name
    aliases = aliases or {}
    header: list[str] | None = None
    rejections: list[Rejected] = []
    for start, record in iter_records(path, delimiter=delimiter, encoding=encoding):
        if start < header_line:
            continue
        if header is None:
            header = [aliases.get(h.strip(), h.strip()) for h in record]
            missing = [c for c in required if c not in header]
            if missing:
                raise RejectedFile(
                    [
                        Rejected(
                            name,
                            start,
                            len(header) + 1,
                            "missing column(s) "
                            + ", ".join(repr(m) for m in missing)
                            + "; found "
                            + ", ".join(repr(h) for h in header),
                        )
                    ]
                )
            dupes = {h for h in header if h and header.count(h) > 1}
            if dupes:
                raise RejectedFile(
                    [Rejected(name, start, 1, f"duplicate column(s) {sorted(dupes)}")]
                )
            columns = {h: i for i, h in enumerate(header)}
            continue
        if stop and stop(record):
            break
        if not any(record):
            continue  # blank line
        if len(record) != len(header):
            rejections.append(
                Rejected(
                    name,
                    start,
                    min(len(record), len(header)) + 1,
                    f"record has {len(record)} fields, the header has {len(header)}"
                    + (
                        "; the file may be truncated"
                        if len(record) < len(header)
                        else ""
                    ),
                )
            )
            continue
        yield RawRow(name, start, dict(zip(header, record, strict=True)), columns)
    if header is None:
        raise RejectedFile([Rejected(name, 1, 1, "the file is empty: no header row")])
    if rejections:
        raise RejectedFile(rejections)


def refuse_empty(
    rows: Sized,
    path: Path,
    reason: str = "the file has no data rows; nothing to load",
) -> None:
    """A file with nothing to load is refused (``load`` calls this first)."""
    if not rows:
        raise RejectedFile([Rejected(path.name, 1, 1, reason)])


def repeats(
    rows: Iterable[Any], key: Callable[[Any], Hashable]
) -> Iterator[tuple[Any, Any, int]]:
    """(row, its key, the line of the first row with that key) for every row whose
    key an earlier row already has. Rows have a ``line``."""
    first: dict[Hashable, int] = {}
    for r in rows:
        k = key(r)
        if k in first:
            yield r, k, first[k]
        else:
            first[k] = r.line


# -- cleaning helpers (pure) --------------------------------------------------------

_MONTH_NAMES = (
    "january february march april may june july august september october november "
    "december"
)
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}


def parse_number(text: str) -> float | None:
    """'1,879' -> 1879.0; '' -> None. Raises ValueError for anything else."""
    if "," in text:
        text = text.replace(",", "")
    text = text.strip()
    if text == "":
        return None
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def months_back(end: dt.date, months: int) -> dt.date:
    """First day of the window of ``months`` months that ends in ``end``'s month."""
    index = end.year * 12 + (end.month - 1) - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


# -- loading ------------------------------------------------------------------------


def sync(
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    *,
    key: Sequence[str],
    scope: models.QuerySet,
    batch_size: int = 5000,
) -> ImportResult:
    """Insert new rows, update changed ones, count unchanged ones.

    ``rows`` are field dicts (foreign keys as ``<name>_id``); ``key`` names the
    fields that identify a row; ``scope`` is the queryset of existing rows this
    load may touch. Runs inside the caller's transaction. Writes go through
    ``executemany`` with the backend's own value adaptation: model instances and
    the ORM's per-value preparation cost more than the whole rest of an ingest."""
    result = ImportResult()
    if not rows:
        return result
    fields = list(rows[0].keys())
    value_fields = [f for f in fields if f not in key]
    existing: dict[tuple, tuple[int, tuple]] = {}
    for rec in scope.values_list("pk", *key, *value_fields).iterator(chunk_size=5000):
        existing[tuple(rec[1 : 1 + len(key)])] = (rec[0], tuple(rec[1 + len(key) :]))
    to_create: list[dict[str, Any]] = []
    to_update: list[tuple[int, dict[str, Any]]] = []
    key_of = _getter(key)
    values_of = _getter(value_fields)
    for row in rows:
        found = existing.get(key_of(row)) if existing else None
        if found is None:
            to_create.append(row)
            continue
        pk, old = found
        new = values_of(row)
        if _same(old, new):
            result.unchanged += 1
        else:
            to_update.append((pk, row))
    # In index order: B-tree inserts in order are about twice as fast. (A key
    # with NULLs cannot be ordered; then rows go in as read.)
    with contextlib.suppress(TypeError):
        to_create.sort(key=key_of)
    writer = _Writer(model, fields)
    writer.insert(to_create, batch_size)
    if value_fields:
        writer.update(value_fields, to_update, batch_size)
    result.inserted = len(to_create)
    result.updated = len(to_update)
    return result


def _getter(names: Sequence[str]) -> Callable[[dict[str, Any]], tuple]:
    """A fast ``row -> tuple of row[name] for names`` (always a tuple)."""
    if len(names) == 1:
        only = names[0]
        return lambda row: (row[only],)
    return operator.itemgetter(*names)


class _Writer:
    """Plain INSERT/UPDATE statements for one model, portable across backends."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]):
        from django.db import connections, router

        self.connection = connections[router.db_for_write(model)]
        self.table = self.connection.ops.quote_name(model._meta.db_table)
        self.meta = model._meta
        self.pk_column = self.connection.ops.quote_name(model._meta.pk.column)
        self.preps = {f: self._prep_for(f) for f in fields}

    def _prep_for(self, name: str) -> Callable[[Any], Any] | None:
        field = self.meta.get_field(name)
        simple = (
            models.ForeignKey,
            models.IntegerField,
            models.FloatField,
            models.CharField,
            models.TextField,
            models.BooleanField,
        )
        if isinstance(field, models.DateTimeField):
            return lambda v: field.get_db_prep_save(v, self.connection)
        if isinstance(field, models.DateField):
            return self.connection.ops.adapt_datefield_value
        if isinstance(field, simple):
            return None
        return lambda v: field.get_db_prep_save(v, self.connection)

    def _column(self, name: str) -> str:
        return self.connection.ops.quote_name(self.meta.get_field(name).column)

    def _converter(self, names: Sequence[str]) -> Callable[[dict[str, Any]], list]:
        """``row -> list of database values`` for ``names``, in that order."""
        get = _getter(names)
        preps = [(i, self.preps[n]) for i, n in enumerate(names) if self.preps[n]]

        def convert(row: dict[str, Any]) -> list[Any]:
            out = list(get(row))
            for i, prep in preps:
                if out[i] is not None:
                    out[i] = prep(out[i])
            return out

        return convert

    def insert(self, rows: Sequence[dict[str, Any]], batch_size: int) -> None:
        if not rows:
            return
        names = list(rows[0].keys())
        convert = self._converter(names)
        columns = ", ".join(self._column(n) for n in names)
        if self.connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: several times faster than INSERTs.
            with self.connection.cursor() as cursor:
                copy_sql = f"COPY {self.table} ({columns}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for r in rows:
                        copy.write_row(convert(r))
            return
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            self.table,
            columns,
            ", ".join(["%s"] * len(names)),
        )
        with self.connection.cursor() as cursor:
            for i in range(0, len(rows), batch_size):
                cursor.executemany(sql, [convert(r) for r in rows[i : i + batch_size]])

    def update(
        self,
        names: Sequence[str],
        rows: Sequence[tuple[int, dict[str, Any]]],
        batch_size: int,
    ) -> None:
        if not rows:
            return
        convert = self._converter(names)
        sql = "UPDATE {} SET {} WHERE {} = %s".format(
            self.table,
            ", ".join(f"{self._column(n)} = %s" for n in names),
            self.pk_column,
        )
        with self.connection.cursor() as cursor:
            for i in range(0, len(rows), batch_size):
                cursor.executemany(
                    sql,
                    [[*convert(r), pk] for pk, r in rows[i : i + batch_size]],
                )


def _same(old: tuple, new: tuple) -> bool:
    for a, b in zip(old, new, strict=True):
        if isinstance(a, float) or isinstance(b, float):
            if a is None or b is None:
                if a is not b:
                    return False
            elif abs(float(a) - float(b)) > 1e-9 * max(1.0, abs(float(a))):
                return False
        elif a != b:
            return False
    return True
