"""`python -m pipeline` runs the `newsclaims` command."""

import sys

from pipeline.cli import main

sys.exit(main())
