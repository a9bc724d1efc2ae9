"""A Shopify "Export orders" CSV in the documented column layout (our own sample data).

One row per line item; the order's fields are filled on its first row only.
"""

HEADERS = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at",
    "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code",
    "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
    "Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
    "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street",
    "Billing Address1", "Billing Address2", "Billing Company", "Billing City", "Billing Zip",
    "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
    "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes",
    "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level",
    "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Phone", "Receipt Number",
]


def row(**cells) -> list[str]:
    return [cells.get(h, "") for h in HEADERS]


def export_rows() -> list[list[str]]:
    first = dict(
        Name="#1001", Email="sara@example.com", **{"Financial Status": "paid", "Currency": "EUR",
        "Created at": "2026-03-14 09:15:02 +0330", "Lineitem quantity": "2",
        "Lineitem name": "Ceramic mug - Blue", "Lineitem sku": "MUG-01-BL",
        "Billing Name": "Sara Ahmadi", "Billing Country": "IR", "Shipping Name": "Sara Ahmadi",
        "Shipping Country": "IR", "Id": "5551234567890", "Phone": "+98 21 5555 0100"})
    second = {"Name": "#1001", "Lineitem quantity": "1", "Lineitem name": "Teapot",
              "Lineitem sku": "PT-02"}
    third = dict(Name="#1002", Email="ioana@example.com", **{
        "Created at": "2026-03-15 18:00:00 +0200", "Lineitem quantity": "1",
        "Lineitem name": "Wool scarf", "Lineitem sku": "SC-11", "Billing Name": "Ioana Popescu",
        "Shipping Name": "Ioana Popescu", "Shipping Country": "RO", "Id": "5551234567891"})
    return [HEADERS, row(**first), row(**second), row(**third)]
