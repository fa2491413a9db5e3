"""`python -m provenance` runs the command-line interface."""

import sys

from provenance.app.cli import main

sys.exit(main())
