"""Batch actions on many dossiers: status, instructors, export of the selection."""
