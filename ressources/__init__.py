"""Binôme's base de ressources partenariale: storage, gazetteer and search (no UI code)."""
