"""Many rows in one driver call, for intake paths that read and write thousands at once.

`connection.execute(insert(table), list_of_dicts)` spends more time building
each row's parameters than the database spends storing it. Here the INSERT is
compiled once per (table, columns, dialect) and the column types' own bind
processors are applied to plain tuples, so values are stored exactly as the
ORM would store them (UTC datetimes, JSON) and read back the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence

from sqlalchemy import JSON, ColumnElement, Table, any_, bindparam, func, insert, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.types import ARRAY


@functools.cache
def _compiled_insert(table: Table, columns: tuple[str, ...], dialect: Dialect):
    # for_executemany: no implicit RETURNING of the new ids (PostgreSQL adds one otherwise).
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns), for_executemany=True)
    order = compiled.positiontup if compiled.positional else list(columns)
    if sorted(order) != sorted(columns):  # a column default rendered inline would shift values
        raise ValueError(f"columns {columns} do not compile to one parameter each")
    processors = [table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order]
    return compiled.string, compiled.positional, tuple(order), processors


def insert_rows(connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple],
                constants: dict | None = None, ready: Collection[str] = ()) -> None:
    """Insert `rows` (tuples of values in `columns` order) with one executemany.

    `constants` are columns with the same value in every row, converted once; `ready`
    columns hold values already converted (JSON text for a JSON column).
    """
    if not rows:
        return
    constants = constants or {}
    names = (*columns, *constants)
    sql, positional, order, processors = _compiled_insert(table, names, connection.dialect)
    processor_of = dict(zip(order, processors, strict=True))
    stored = tuple(processor_of[name](value) if processor_of[name] else value
                   for name, value in constants.items())
    # Where each parameter comes from in `row + stored`, and what converts it (constants: nothing).
    picks = [(names.index(name), None if name in constants or name in ready else processor_of[name])
             for name in order]
    extended = (row + stored for row in rows) if stored else rows
    if positional:
        params = [tuple(p(row[i]) if p else row[i] for i, p in picks) for row in extended]
    else:
        params = [{name: p(row[i]) if p else row[i] for name, (i, p) in zip(order, picks, strict=True)}
                  for row in extended]
    connection.exec_driver_sql(sql, params)


def one_of(column, name: str, dialect: Dialect) -> ColumnElement[bool]:
    """`column IN (...)` over a list passed as ONE parameter `name`.

    An ordinary IN with 10,000 values is compiled again for every list length and
    costs more than the lookup itself; this statement is compiled once and cached.
    """
    if dialect.name == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    if dialect.name == "sqlite":
        values = func.json_each(bindparam(name, type_=JSON)).table_valued("value")
        return column.in_(select(values.c.value).scalar_subquery())
    return column.in_(bindparam(name, expanding=True))
