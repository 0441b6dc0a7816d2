"""Calls from the gateway to the services' REST APIs."""
