"""Tickets: a customer's problem, its conversation, its single owner, its history."""
