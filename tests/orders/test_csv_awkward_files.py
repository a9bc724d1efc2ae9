"""Files a shop really produces: repeated orders far apart, broken quotes, rows of one order
that disagree, Shopify exports with gaps, mixed and UTF-16 encodings, header-only files."""

import csv
import io

import pytest

from .shopify_export import HEADERS, row
from .test_csv_import import count, order, run

# Read here, in a forked and in a spawned worker process, as in test_csv_import.
pytestmark = pytest.mark.usefixtures("csv_reader")


def rejects(path) -> list[tuple[str, str]]:
    with open(f"{path}.rejected.csv", encoding="utf-8-sig", newline="") as f:
        return [(r[0], r[1]) for r in list(csv.reader(f))[1:]]


@pytest.fixture
def small_batches(monkeypatch):
    from portal.orders import importer

    monkeypatch.setattr(importer, "BATCH", 3)


@pytest.mark.usefixtures("small_batches")
def test_an_order_repeated_in_a_later_batch_is_refused_like_one_in_the_same_batch(app, db, write_csv):
    others = "".join(f"K-{n},k{n}@example.com,Other {n}\n" for n in range(7))
    path = write_csv("Order Number,Email,Customer Name\nK-DUP,first@example.com,First\n"
                     + others + "K-DUP,second@example.com,Second\n")
    refused = run(app, path)
    assert refused.exit_code == 1 and count(db) == 0
    assert rejects(path) == [("10", "order K-DUP is listed more than once (first on line 2)")]
    # Importing the valid rows keeps the first; doing it again changes nothing at all.
    for attempt in range(2):
        result = run(app, path, "--valid-rows-only")
        expected = "created 8, updated 0, unchanged 0" if attempt == 0 else "created 0, updated 0, unchanged 8"
        assert f"{expected}, rejected 1" in result.output, result.output
        assert order(db, "K-DUP").email == "first@example.com"


@pytest.mark.usefixtures("small_batches")
def test_an_external_id_repeated_in_a_later_batch_is_refused(app, db, write_csv):
    path = write_csv("Order Number,External ID\nL-1,77\nL-2,78\nL-3,79\nL-4,80\nL-5,77\n")
    assert run(app, path).exit_code == 1
    assert rejects(path) == [("6", "order L-5 is listed more than once (first on line 2)")]


def test_a_quote_left_open_refuses_the_file_instead_of_swallowing_rows(app, db, write_csv):
    path = write_csv(b'Order number,Customer name\r\nQ-1,Fine\r\nQ-2,"unclosed\r\nQ-3,Ok\r\n')
    refused = run(app, path)
    assert refused.exit_code == 1 and count(db) == 0
    assert "Line 3 opens a quote that is never closed" in refused.output
    assert "Nothing was imported" in refused.output
    partly = run(app, path, "--valid-rows-only")
    assert "The rows before it were imported." in partly.output
    assert order(db, "Q-1").customer_name == "Fine" and order(db, "Q-2") is None


def test_text_after_a_closing_quote_is_an_error_with_its_line(app, db, write_csv):
    path = write_csv('Order number,Customer name\nT-1,Fine\nT-2,"Ann" Smith\n')
    result = run(app, path)
    assert result.exit_code == 1 and count(db) == 0
    assert "Line 3 cannot be read" in result.output


def test_rows_of_one_order_add_their_items_and_must_not_contradict_each_other(app, db, write_csv):
    path = write_csv("Order Number,Customer Name,Email,Items\n"
                     "D-1,Alice,alice@example.com,Mug\nD-1,Alicia,other@example.com,Plate\n"
                     "D-2,Bob,bob@example.com,2 x Mug\nD-2,bob,,Plate\nD-2,Bob,bob@example.com,Mug\n"
                     "D-3,Cy,,2 x Mug; Plate\nD-3,Cy,,2 x Mug; Plate\n")
    refused = run(app, path)
    assert refused.exit_code == 1 and count(db) == 0
    # The report gives each of the order's rows, with the line the order starts on.
    assert rejects(path) == [
        ("2", "line 3: the rows of order D-1 disagree on customer name ('Alice', then 'Alicia')")] * 2
    run(app, path, "--valid-rows-only")
    assert order(db, "D-2").items == [{"name": "Mug", "qty": 2}, {"name": "Plate", "qty": 1},
                                      {"name": "Mug", "qty": 1}]
    # The order's whole items cell repeated on each of its rows counts once.
    assert order(db, "D-3").items == [{"name": "Mug", "qty": 2}, {"name": "Plate", "qty": 1}]
    assert order(db, "D-1") is None


def test_shopify_export_fills_an_empty_column_from_its_stand_in_row_by_row(app, db, write_csv):
    rows = [
        HEADERS,
        # No shipping address (a digital good): the billing columns stand in.
        row(Name="#2001", Email="a@example.com", **{
            "Lineitem name": "Gift card", "Lineitem quantity": "1", "Billing Name": "Ana Pop",
            "Billing Country": "RO", "Billing Phone": "+40 21 555 0100"}),
        # A gift: the recipient's name is the one on the package.
        row(Name="#2002", Email="b@example.com", **{
            "Lineitem name": "Teapot", "Lineitem quantity": "1", "Billing Name": "Buyer Bee",
            "Shipping Name": "Cy Arm", "Shipping Country": "AM", "Shipping Phone": "+374 10 555 010",
            "Billing Phone": "+1 555 0100"}),
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    result = run(app, write_csv(buffer.getvalue()))
    assert "created 2, updated 0, unchanged 0, rejected 0" in result.output, result.output
    first, second = order(db, "#2001"), order(db, "#2002")
    assert (first.customer_name, first.country, first.locale, first.phone) == (
        "Ana Pop", "RO", "ro", "+40 21 555 0100")
    assert (second.customer_name, second.country, second.phone) == ("Cy Arm", "AM", "+374 10 555 010")


def test_a_file_with_only_its_header_line_says_so(app, db, write_csv):
    for args in ((), ("--valid-rows-only",)):
        result = run(app, write_csv("Order Number,Email\n\n,,\n"), *args)
        assert result.exit_code == 1
        assert "The file has no orders below its header line." in result.output


@pytest.mark.parametrize("content", [
    # A UTF-8 file with one row pasted from a Windows-1252 source.
    "Order Number,Customer Name\nM-1,Zoë Brontë\n".encode() + "M-2,Ömer\n".encode("cp1252"),
    # Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated.
    "Order Number\tCustomer Name\r\nM-1\tZoë Brontë\r\nM-2\tÖmer\r\n".encode("utf-16"),
])
def test_mixed_utf8_and_utf16_files_keep_every_accent(app, db, write_csv, content):
    result = run(app, write_csv(content))
    assert result.exit_code == 0, result.output
    assert (order(db, "M-1").customer_name, order(db, "M-2").customer_name) == ("Zoë Brontë", "Ömer")


@pytest.mark.parametrize("content,message", [
    ("Order Number\tName\nM-1\tAnn\n".encode("utf-16-le"), "UTF-16 text without a byte order mark"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "spreadsheet workbook"),
])
def test_files_that_are_not_csv_text_are_named_for_what_they_are(app, db, write_csv, content, message):
    result = run(app, write_csv(content))
    assert result.exit_code != 0 and message in result.output
