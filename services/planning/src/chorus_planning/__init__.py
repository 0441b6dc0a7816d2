"""Chorus planning service."""
