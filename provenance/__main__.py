"""`python -m provenance` runs the command-line interface."""

import sys

from provenance.cli import main

sys.exit(main())
