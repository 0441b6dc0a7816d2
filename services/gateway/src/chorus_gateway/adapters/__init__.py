"""Persistence of the gateway: tables, repositories, and the pre-tenant credential lookups."""
