"""Search across every kind of record, from the top bar of every page."""
