"""Order payloads in the platforms' documented field layout (our own sample values).

Shopify: the REST Admin "Order" resource as sent by the orders/create and
orders/updated topics. WooCommerce: the REST API v3 order object as sent by
order.created and order.updated.
"""

import copy


def shopify_order(**changes) -> dict:
    order = {
        "id": 820982911946154508,
        "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
        "name": "#9999",
        "order_number": 9999,
        "number": 8999,
        "email": "sara@example.com",
        "contact_email": "sara@example.com",
        "phone": None,
        "created_at": "2026-03-14T09:15:02+03:30",
        "updated_at": "2026-03-14T09:15:02+03:30",
        "currency": "EUR",
        "financial_status": "paid",
        "fulfillment_status": None,
        "customer_locale": "fa",
        "total_price": "398.00",
        "customer": {
            "id": 115310627314723954, "email": "sara@example.com", "first_name": "Sara",
            "last_name": "Ahmadi", "phone": None, "state": "enabled",
        },
        "billing_address": {
            "first_name": "Sara", "last_name": "Ahmadi", "name": "Sara Ahmadi",
            "address1": "1 Vali Asr St", "city": "Tehran", "zip": "12345", "country": "Iran",
            "country_code": "IR", "phone": "+98 21 5555 0100",
        },
        "shipping_address": {
            "first_name": "Sara", "last_name": "Ahmadi", "name": "Sara Ahmadi",
            "address1": "1 Vali Asr St", "city": "Tehran", "zip": "12345", "country": "Iran",
            "country_code": "IR", "phone": "+98 21 5555 0100",
        },
        "line_items": [
            {"id": 866550311766439020, "name": "Ceramic mug - Blue", "title": "Ceramic mug",
             "variant_title": "Blue", "quantity": 2, "sku": "MUG-01-BL", "price": "199.00",
             "product_id": 632910392},
            {"id": 141249953214522974, "name": "Teapot", "title": "Teapot", "variant_title": None,
             "quantity": 1, "sku": "PT-02", "price": "0.00", "product_id": 632910393},
        ],
    }
    order.update(copy.deepcopy(changes))
    return order


def woocommerce_order(**changes) -> dict:
    order = {
        "id": 727,
        "parent_id": 0,
        "number": "727",
        "order_key": "wc_order_58d2d042d1d",
        "created_via": "checkout",
        "status": "processing",
        "currency": "RON",
        "date_created": "2026-03-22T16:28:02",
        "date_created_gmt": "2026-03-22T14:28:02",
        "date_modified": "2026-03-22T16:28:08",
        "date_modified_gmt": "2026-03-22T14:28:08",
        "total": "29.35",
        "customer_id": 0,
        "billing": {
            "first_name": "Ioana", "last_name": "Popescu", "company": "",
            "address_1": "Str. Lipscani 10", "address_2": "", "city": "Bucuresti", "state": "B",
            "postcode": "030031", "country": "RO", "email": "ioana@example.com",
            "phone": "+40 21 555 0100",
        },
        "shipping": {
            "first_name": "Ioana", "last_name": "Popescu", "company": "",
            "address_1": "Str. Lipscani 10", "address_2": "", "city": "Bucuresti", "state": "B",
            "postcode": "030031", "country": "RO",
        },
        "payment_method": "bacs",
        "meta_data": [{"id": 13106, "key": "wpml_language", "value": "ro"}],
        "line_items": [
            {"id": 315, "name": "Woo Single #1", "product_id": 93, "variation_id": 0,
             "quantity": 2, "tax_class": "", "subtotal": "6.00", "total": "6.00", "sku": "WS-1",
             "price": 3},
            {"id": 316, "name": "Ship Your Idea &ndash; Color: Black", "product_id": 22,
             "variation_id": 23, "quantity": 1, "sku": "", "price": 12},
        ],
    }
    order.update(copy.deepcopy(changes))
    return order
