"""`portal import-orders`: streaming CSV import, idempotent, all or nothing by default."""

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from portal.core import tokens
from portal.orders import services as orders
from portal.orders.cli import import_orders_command
from portal.orders.models import Order

from .shopify_export import export_rows

HEADER = "Order Number,Customer Name,Email,Phone,Country,Order Date,Items\n"


def run(app, path, *args):
    return app.test_cli_runner().invoke(import_orders_command, [str(path), *args])


def count(db):
    return db.session.scalar(select(func.count(Order.id)))


def order(db, number):
    db.session.expire_all()
    return db.session.scalar(select(Order).where(Order.number == number))


def test_import_creates_orders_with_scan_tokens_and_reimport_changes_nothing(app, db, write_csv):
    path = write_csv(HEADER + "A-1,Jane Doe,jane@example.com,+44 20 7946 0000,GB,2026-01-05,"
                     "2 x Mug; Teapot\nA-2,Sara Ahmadi,sara@example.com,,IR,2026-01-06 10:30,\n")
    first = run(app, path)
    assert first.exit_code == 0, first.output
    assert "created 2, updated 0, unchanged 0, rejected 0" in first.output
    a1 = order(db, "A-1")
    assert a1.items == [{"name": "Mug", "qty": 2}, {"name": "Teapot", "qty": 1}]
    assert a1.ordered_at == datetime(2026, 1, 5, tzinfo=UTC)
    assert order(db, "A-2").locale == "fa"  # guessed from the country
    # The token is derived from the stored nonce; only its digest is stored.
    token = orders.scan_token(a1, app.config["TOKEN_KEY"])
    assert orders.order_id_for_token(token) == a1.id
    assert a1.token_digest == tokens.digest(token) and token not in (a1.token_nonce, a1.token_digest)
    assert orders.find_by_code(orders.short_code(a1, app.config["TOKEN_KEY"])).id == a1.id
    again = run(app, path)
    assert "created 0, updated 0, unchanged 2, rejected 0" in again.output
    assert count(db) == 2


def test_changed_rows_are_updated_and_empty_cells_never_erase(app, db, write_csv):
    run(app, write_csv(HEADER + "A-1,Jane Doe,jane@example.com,+44 1,GB,,Mug\n"))
    changed = write_csv("Order Number,Email\nA-1,jane.doe@example.com\n", name="second.csv")
    result = run(app, changed)
    assert "created 0, updated 1, unchanged 0" in result.output
    a1 = order(db, "A-1")
    assert (a1.email, a1.phone, a1.customer_name) == ("jane.doe@example.com", "+44 1", "Jane Doe")


@pytest.mark.parametrize("encoding,content", [
    ("utf-8-sig", "Order Number;Customer Name\nR-1;Zoë Brontë\n"),
    ("utf-8", "Order Number,Customer Name\nR-1,Zoë Brontë\n"),
    ("cp1252", "Order Number;Customer Name\r\nR-1;Zoë Brontë\r\n"),
])
def test_spreadsheet_encodings_and_delimiters(app, db, write_csv, encoding, content):
    result = run(app, write_csv(content, encoding=encoding))
    assert result.exit_code == 0, result.output
    assert order(db, "R-1").customer_name == "Zoë Brontë"


def test_quoted_newlines_and_markup_are_kept_as_text(app, db, write_csv):
    path = write_csv('Order Number,Customer Name,Items\nQ-1,"<b>Ann</b>\nSmith","Mug\nTeapot"\nQ-2,Bob,\n')
    result = run(app, path)
    assert "created 2" in result.output
    q1 = order(db, "Q-1")
    assert q1.customer_name == "<b>Ann</b>\nSmith"
    assert [i["name"] for i in q1.items] == ["Mug", "Teapot"]


def test_shopify_export_imports_without_mapping(app, db, write_csv):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(export_rows())
    result = run(app, write_csv(buffer.getvalue()))
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, unchanged 0, rejected 0" in result.output
    first = order(db, "#1001")
    assert first.items == [{"name": "Ceramic mug - Blue", "qty": 2, "sku": "MUG-01-BL"},
                           {"name": "Teapot", "qty": 1, "sku": "PT-02"}]
    assert (first.customer_name, first.email, first.country, first.locale) == (
        "Sara Ahmadi", "sara@example.com", "IR", "fa")
    assert first.external_id == "5551234567890"
    assert first.ordered_at == datetime(2026, 3, 14, 5, 45, 2, tzinfo=UTC)
    assert order(db, "#1002").locale == "ro"


def test_a_bad_row_means_nothing_is_imported_and_every_reject_is_reported(app, db, write_csv):
    path = write_csv(HEADER + "B-1,Ok,ok@example.com,,GB,,\n"
                     'B-2,"=HYPERLINK(""http://x"")",not-an-email,,GB,,\n'
                     "B-3,Ok,ok3@example.com,,Great Britain,,\n"
                     ",No number,n@example.com,,,,\n")
    result = run(app, path)
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    assert "would have created 1, updated 0, unchanged 0, rejected 3" in result.output
    assert count(db) == 0
    with open(f"{path}.rejected.csv", encoding="utf-8-sig", newline="") as f:
        rejects = list(csv.reader(f))
    assert rejects[0][:3] == ["line", "reason", "Order Number"]
    assert [(r[0], r[1]) for r in rejects[1:]] == [
        ("3", "email 'not-an-email' is not an email address"),
        ("4", "country 'GREAT BRITAIN' must be a two-letter code such as GB or RO"),
        ("5", "order number is missing"),
    ]
    # The formula cell is stored as text in the report, neutralised for spreadsheets.
    assert rejects[1][3] == "'=HYPERLINK(\"http://x\")"


def test_valid_rows_only_imports_the_good_rows(app, db, write_csv):
    path = write_csv(HEADER + "C-1,Ok,ok@example.com,,GB,,\nC-2,Bad,bad,,GB,,\nC-3,=1+1,,,,,\n")
    result = run(app, path, "--valid-rows-only")
    assert "created 2, updated 0, unchanged 0, rejected 1" in result.output
    assert order(db, "C-3").customer_name == "=1+1"  # stored verbatim, as text
    assert order(db, "C-2") is None


def test_oversized_fields_are_refused_clearly(app, db, write_csv):
    path = write_csv(f"Order Number,Customer Name\nD-1,{'x' * 201}\nD-2,Fine\n")
    result = run(app, path, "--valid-rows-only")
    assert "rejected 1" in result.output
    with open(f"{path}.rejected.csv", encoding="utf-8-sig") as f:
        assert "customer name is longer than 200 characters" in f.read()


def test_an_unclosed_quote_refuses_the_file_and_writes_nothing(app, db, write_csv):
    path = write_csv('Order Number,Customer Name\nE-1,Fine\nE-2,"never closed\n' + "x" * 140_000 + "\n")
    result = run(app, path)
    assert result.exit_code == 1
    assert "Line 3 has a cell larger than 128 KB: usually a quote" in result.output
    assert "Nothing was imported" in result.output
    assert count(db) == 0


@pytest.mark.parametrize("content,message", [
    (b"", "The file is empty."),
    (b"PK\x03\x04\x00\x00binary", "not a CSV text file"),
    (b"Order\n\x81\x8d\x8f\x90\x9d\n", "neither UTF-8 nor Windows-1252"),
    (b"Customer\nJane\n", "Choose the column that holds the order number."),
])
def test_files_that_are_not_order_csv_are_refused(app, db, write_csv, content, message):
    result = run(app, write_csv(content))
    assert result.exit_code != 0
    assert message in result.output


def test_map_option_names_columns_the_guess_missed(app, db, write_csv):
    path = write_csv("Ref,Buyer\nF-1,Ann\n")
    assert run(app, path).exit_code != 0
    result = run(app, path, "--map", "number=Ref", "--map", "customer_name=Buyer")
    assert "created 1" in result.output
    assert order(db, "F-1").customer_name == "Ann"


def test_same_number_with_another_external_id_is_a_conflict(app, db, write_csv):
    run(app, write_csv("Order Number,External ID\nG-1,100\n"))
    result = run(app, write_csv("Order Number,External ID\nG-1,200\n", name="other.csv"),
                 "--valid-rows-only")
    assert "rejected 1" in result.output
    assert order(db, "G-1").external_id == "100"


def test_import_spanning_several_batches_counts_every_row(app, db, write_csv, monkeypatch):
    from portal.orders import importer

    monkeypatch.setattr(importer, "BATCH", 7)
    lines = "".join(f"H-{n},Name {n}\n" for n in range(50))
    path = write_csv("Order Number,Customer Name\n" + lines)
    assert "created 50" in run(app, path).output
    assert "unchanged 50" in run(app, path).output
    codes = db.session.scalars(select(Order.code_digest)).all()
    assert len(set(codes)) == 50


def test_progress_is_reported_per_batch_check_then_write(app, db, write_csv, monkeypatch):
    from portal.orders import csv_source, importer
    from portal.orders.importer import ImportHooks, run_import

    monkeypatch.setattr(importer, "BATCH", 10)
    path = str(write_csv("Order Number\n" + "".join(f"P-{n}\n" for n in range(35))))
    seen = []
    hooks = ImportHooks(progress=lambda phase, position: seen.append((phase, position)),
                        batch_done=lambda phase: db.session.commit())
    mapping = csv_source.auto_mapping(["Order Number"])
    result = run_import(path, encoding="utf-8", delimiter=",", mapping=mapping,
                        key=app.config["TOKEN_KEY"], hooks=hooks)
    assert result.created == 35
    phases = [phase for phase, _ in seen]
    assert phases == ["checking"] * 4 + ["writing"] * 4
    writing = [position for phase, position in seen if phase == "writing"]
    assert writing == sorted(writing) and writing[-1] == seen[3][1]



def test_an_order_split_over_distant_rows_is_refused_not_merged(app, db, write_csv):
    path = write_csv("Order Number,Items\nJ-1,Mug\nJ-2,Tea\nJ-1,Teapot\n")
    result = run(app, path)
    assert result.exit_code == 1 and count(db) == 0
    with open(f"{path}.rejected.csv", encoding="utf-8-sig") as f:
        assert "4,order J-1 is listed more than once" in f.read()


def test_a_file_of_many_orders_is_read_checked_and_stored_with_their_tokens(app, db, write_csv):
    path = write_csv(HEADER + "".join(f"W-{n},Jane Doe,j{n}@example.com,,GB,2026-01-05,Mug\n" for n in range(30)))
    result = run(app, path)
    assert result.exit_code == 0, result.output
    assert "created 30," in result.output
    stored = order(db, "W-7")
    assert stored.items == [{"name": "Mug", "qty": 1}]
    assert stored.token_digest == tokens.digest(orders.scan_token(stored, app.config["TOKEN_KEY"]))
    assert stored.code_digest == tokens.digest(orders.short_code(stored, app.config["TOKEN_KEY"]))


def test_an_order_stored_by_someone_else_between_check_and_write_is_planned_again(app, db, factory, write_csv):
    # The write pass inserts what the check pass found new in one statement; the unique
    # constraints catch an order created meanwhile, and that batch goes the careful way.
    from portal.orders import csv_source
    from portal.orders.importer import ImportHooks, run_import

    header = ["Order Number", "Customer Name", "Email", "Order Date"]
    path = str(write_csv(",".join(header) + "\n"
                         + "".join(f"R-{n},Rae Doe,r{n}@example.com,2026-02-0{n + 1} 09:3{n}\n"
                                   for n in range(5))))

    def batch_done(phase):
        db.session.commit()
        if phase == "checking":  # a webhook stores R-3 right after the check pass
            factory.order(number="R-3", customer_name="Rae Doe", email="old@example.com")

    result = run_import(path, encoding="utf-8", delimiter=",", mapping=csv_source.auto_mapping(header),
                        key=app.config["TOKEN_KEY"], hooks=ImportHooks(batch_done=batch_done))
    db.session.commit()
    assert (result.status, result.created, result.updated, result.rejected) == ("done", 4, 1, 0)
    assert count(db) == 5
    assert order(db, "R-3").email == "r3@example.com"
    for n in range(5):
        assert order(db, f"R-{n}").ordered_at == datetime(2026, 2, n + 1, 9, 30 + n, tzinfo=UTC)
    for n in (0, 4):
        stored = order(db, f"R-{n}")
        assert stored.token_digest == tokens.digest(orders.scan_token(stored, app.config["TOKEN_KEY"]))
