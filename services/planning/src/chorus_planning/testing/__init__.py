"""Test support for the planning service: sample aggregates shared by its test suites."""
