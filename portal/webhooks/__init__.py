"""Shop webhooks (Shopify, WooCommerce): HMAC-verified order intake."""
