"""Importing dossiers from the window: the import dialog, column mappings, drag and drop."""
