"""Chorus shared library: mechanism and data-only contracts, never business rules."""
