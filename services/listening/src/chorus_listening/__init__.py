"""Listening service: listens to what is said about the brands."""
