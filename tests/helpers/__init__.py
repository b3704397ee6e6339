"""Helpers the tests share, imported by test modules (tests never import one another)."""
