"""Chorus listening service."""
