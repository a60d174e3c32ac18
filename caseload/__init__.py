"""Binôme's caseload: the Accompagnement Global's demandeurs, parcours rules and indicators
(no UI code). May import ``ressources``; ``ressources`` never imports it."""
