"""Reporting service: turns everyone's events into KPIs, ROI and reports."""
