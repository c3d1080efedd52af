"""`python -m evidence` runs the command line, as the `evidence` script does."""

from evidence.cli import run

run()
