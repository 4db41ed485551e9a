"""Programmation : la programmation financière d'un contrat de ville."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("programmation")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
