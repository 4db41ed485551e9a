"""Adapters: persistence, importers and exporters around the domain."""
