"""Test support: a pytest plugin with a real PostgreSQL and a real Kafka broker."""
