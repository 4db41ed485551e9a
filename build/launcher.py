"""Entry script of the packaged application."""

import sys

from programmation.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
