"""The dossier list screen: filter bar, table model and read-only detail panel."""
