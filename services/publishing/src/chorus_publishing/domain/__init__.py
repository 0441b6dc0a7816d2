"""The publishing domain: pure Python, no I/O."""
