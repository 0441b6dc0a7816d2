"""Logs, correlation ids and trace context shared by every process."""
