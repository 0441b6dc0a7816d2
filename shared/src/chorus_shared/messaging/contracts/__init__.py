"""Versioned event payloads: data-only pydantic models, one module per producing service.

A contract's JSON Schema is committed under docs/events/schemas; tests/contract fails on a change that is not
backward compatible. A breaking change is a new type name with the next `.vN`.
"""
