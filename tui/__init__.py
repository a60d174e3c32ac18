"""Binôme's terminal app and command line: presentation only, the rules live elsewhere."""
