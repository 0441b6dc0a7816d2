"""Chorus publishing service."""
