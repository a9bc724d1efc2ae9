"""The hotline: the number to call while open, and "call me back" requests with their attempts."""
