"""Listings built from records: the columns each command shows, and its JSON shape.

One module per command; what they share is in `common`. None of them knows of terminals.
"""
