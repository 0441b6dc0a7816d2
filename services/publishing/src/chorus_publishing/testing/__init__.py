"""Test helpers for publishing and its users: fake social networks speaking each network's HTTP API."""
