"""Fake Mastodon, Bluesky and X servers for connector and dispatcher tests: real HTTP on local ports."""
