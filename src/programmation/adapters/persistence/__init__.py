"""SQLAlchemy persistence: tables, mapping of the domain classes, engine, unit of work."""
