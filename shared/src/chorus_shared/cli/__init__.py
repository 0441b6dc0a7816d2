"""The `chorus` command: run everything locally, migrate, administer, drive the local Kafka broker."""
