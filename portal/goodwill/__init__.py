"""Goodwill gestures (P7): catalogue, role limits, approval, offers, coupons, ledger."""
