"""Imports of records from spreadsheets: reading a file the same way for every import, and the preview then
confirm journey they share."""
