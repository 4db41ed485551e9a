"""Errors a service raises for the user: one French sentence, nothing written."""


class ServiceError(Exception):
    """The use case refused its input; the database is left as it was."""
