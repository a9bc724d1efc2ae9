"""Files a shop really produces: repeated orders far apart, broken quotes, rows of one order
that disagree, Shopify exports with gaps, mixed and UTF-16 encodings, header-only files."""

import csv
import io

import pytest

from .shopify_export import HEADERS, row
from .test_csv_import import count, order, run


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
    assert rejects(path) == [("6", "order L-5 has external id 77, which the order on line 2 has too")]


@pytest.mark.parametrize("gap", [0, 5])  # the same batch of 3, and a later one
def test_a_repeat_of_an_invalid_order_is_refused_too_and_the_report_is_in_line_order(
        app, db, write_csv, monkeypatch, gap):
    from portal.orders import importer

    monkeypatch.setattr(importer, "BATCH", 3)
    others = "".join(f"V-{n},v{n}@example.com\n" for n in range(gap))
    path = write_csv("Order Number,Email\nW-1,ok@example.com\nW-3,not-an-email\nW-4,bad\n"
                     + others + "W-3,w3@example.com\n")
    result = run(app, path, "--valid-rows-only")
    assert f"created {1 + gap}, updated 0, unchanged 0, rejected 3" in result.output, result.output
    assert order(db, "W-3") is None
    assert rejects(path) == [
        ("3", "email 'not-an-email' is not an email address"),
        ("4", "email 'bad' is not an email address"),
        (str(5 + gap), "order W-3 is listed more than once (first on line 3)"),
    ]


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
    assert "Line 3 has text after the closing quote of a cell" in result.output


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


def test_items_of_several_rows_do_not_depend_on_their_order(app, db, write_csv):
    path = write_csv("Order Number,Phone,Items\nI-1,+44 20 1234,Mug\nI-1,+442 01234,Mug\nI-1,,Mug\n"
                     "I-2,,Mug\nI-2,,Tea\nI-2,,Tea\nI-3,,Tea\nI-3,,Tea\nI-3,,Mug\n")
    result = run(app, path)
    assert "created 3" in result.output, result.output  # the same phone, spaced otherwise
    assert order(db, "I-1").items == [{"name": "Mug", "qty": 1}]
    names = [[i["name"] for i in order(db, number).items] for number in ("I-2", "I-3")]
    assert names == [["Mug", "Tea", "Tea"], ["Tea", "Tea", "Mug"]]


def test_a_line_item_with_quantity_zero_is_a_removed_line(app, db, write_csv):
    rows = [HEADERS,
            row(Name="#3001", **{"Lineitem name": "Teapot", "Lineitem quantity": "1"}),
            row(Name="#3001", **{"Lineitem name": "Cup", "Lineitem quantity": "0"})]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    assert "created 1, updated 0, unchanged 0, rejected 0" in run(app, write_csv(buffer.getvalue())).output
    assert order(db, "#3001").items == [{"name": "Teapot", "qty": 1}]


def test_rejected_rows_corrected_in_the_downloaded_report_import_as_first_written(app, db, write_csv):
    path = write_csv("Order Number,Phone,Email,Customer Name\nF-1,+44 20 7946 0000,bad,=Ann\n")
    assert run(app, path).exit_code == 1
    with open(f"{path}.rejected.csv", encoding="utf-8-sig", newline="") as f:
        report = list(csv.reader(f))
    assert report[1][2:] == ["F-1", "'+44 20 7946 0000", "bad", "'=Ann"]  # guarded for spreadsheets
    fixed = [report[0][2:], report[1][2:4] + ["ann@example.com"] + report[1][5:]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(fixed)
    result = run(app, write_csv(buffer.getvalue(), name="fixed.csv"))
    assert "created 1" in result.output, result.output
    stored = order(db, "F-1")
    assert (stored.phone, stored.customer_name) == ("+44 20 7946 0000", "=Ann")
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


@pytest.mark.parametrize("pasted", ["Ömer", "Ömer “Öm” O’Neil"])  # more stray bytes than accents
@pytest.mark.parametrize("kind", ["utf-8 with a pasted Windows-1252 row", "utf-16"])
def test_mixed_utf8_and_utf16_files_keep_every_accent(app, db, write_csv, pasted, kind):
    if kind == "utf-16":  # Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated
        content = f"Order Number\tCustomer Name\r\nM-1\tZoë Brontë\r\nM-2\t{pasted}\r\n".encode("utf-16")
    else:
        content = "Order Number,Customer Name\nM-1,Zoë Brontë\n".encode() + f"M-2,{pasted}\n".encode("cp1252")
    result = run(app, write_csv(content))
    assert result.exit_code == 0, result.output
    assert order(db, "M-1").customer_name == "Zoë Brontë"
    assert order(db, "M-2").customer_name == pasted


def test_windows_1252_that_looks_like_utf8_in_places_is_read_as_windows_1252(app, db, write_csv):
    # A capital É before ® ™ or » forms a valid UTF-8 pair: it must not decide the file,
    # nor a line where it is the only accent.
    lines = ["Order number,Customer name,Items", "E1,Renée Müller,1 x NESCAFÉ® Gold",
             "E2,Ann,1 x CAFÉ™ Beans; 1 x «CHAMPAGNE ROSÉ»"]
    assert run(app, write_csv("\r\n".join(lines).encode("cp1252"))).exit_code == 0
    assert order(db, "E1").customer_name == "Renée Müller"
    assert [i["name"] for i in order(db, "E2").items] == ["CAFÉ™ Beans", "«CHAMPAGNE ROSÉ»"]
    # In a file of UTF-8 lines and Windows-1252 lines, each line is read as it was written.
    mixed = "Order number,Items\nU1,Zoë’s mug\n".encode() + "U2,NESCAFÉ®\n".encode("cp1252")
    assert run(app, write_csv(mixed, name="mixed.csv")).exit_code == 0
    assert [order(db, n).items[0]["name"] for n in ("U1", "U2")] == ["Zoë’s mug", "NESCAFÉ®"]


@pytest.mark.parametrize("content,message", [
    ("Order Number\tName\nM-1\tAnn\n".encode("utf-16-le"), "UTF-16 text without a byte order mark"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "spreadsheet workbook"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "but a PDF document"),
])
def test_files_that_are_not_csv_text_are_named_for_what_they_are(app, db, write_csv, content, message):
    result = run(app, write_csv(content))
    assert result.exit_code != 0 and message in result.output


def test_a_file_of_invalid_rows_is_read_in_bounded_batches(write_csv):
    from portal.orders.reading import read_batches

    path = write_csv("Order Number,Email\n" + "".join(f"Z-{n},not-an-email\n" for n in range(25)))
    batches = list(read_batches(str(path), "utf-8", ",", {"number": 0, "email": 1}, "UTC", 10))
    assert [len(b.rejected) for b in batches] == [10, 10, 5]  # not all 25 held at once
    assert all(not b.orders for b in batches)


def test_an_order_of_too_many_rows_is_refused_and_the_report_says_how_many_it_lists(app, db, write_csv):
    # E.g. the order number mapped to a column with the same value on every row.
    path = write_csv("Order Number,Items\n" + "".join(f"SAME,Widget {n}\n" for n in range(5000)))
    result = run(app, path)
    assert result.exit_code == 1 and count(db) == 0
    reported = rejects(path)
    assert len(reported) == 201
    assert reported[0] == ("2", "line 203: an order can list at most 200 items "
                                "(the first 201 of its 5000 rows are listed)")


def test_line_items_beyond_the_limit_and_zero_quantities_written_otherwise(app, db, write_csv):
    rows = [HEADERS] + [row(Name="#4001", **{"Lineitem name": f"Part {n}", "Lineitem quantity": "1"})
                        for n in range(205)]
    rows += [row(Name="#4002", **{"Lineitem name": "Cup", "Lineitem quantity": "00"}),
             row(Name="#4002", **{"Lineitem name": "Saucer", "Lineitem quantity": "2"}),
             row(Name="#4002", **{"Lineitem name": "Spoon", "Lineitem quantity": "  "})]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = write_csv(buffer.getvalue())
    assert "rejected 1" in run(app, path, "--valid-rows-only").output
    assert rejects(path)[0][1].startswith("line 202: an order can list at most 200 items")
    # A blank quantity is one, as where the column is missing; only zero removes a line.
    assert order(db, "#4002").items == [{"name": "Saucer", "qty": 2}, {"name": "Spoon", "qty": 1}]
