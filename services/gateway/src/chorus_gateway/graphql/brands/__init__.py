"""Brands: planning owns them; publishing's view of each brand shows the event has travelled."""
