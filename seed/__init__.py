"""Seed data (reference tables and demo resources) and the code that loads it."""
