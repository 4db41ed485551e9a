"""The command line: ``programmation`` opens the window, subcommands script the services."""
