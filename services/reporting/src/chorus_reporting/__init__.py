"""Chorus reporting service."""
