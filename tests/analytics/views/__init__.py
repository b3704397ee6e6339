"""Tests of analytics/views."""
