"""Signing in to the admin safely: lock-out after wrong passwords, and a second factor."""
