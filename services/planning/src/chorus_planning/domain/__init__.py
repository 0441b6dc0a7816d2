"""The planning domain: pure Python, no I/O. Aggregates record the events they cause."""
