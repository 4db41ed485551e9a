"""The carrier register window: search, edit, dossiers over the years, duplicates and merge."""
