"""`python -m sottovoce.cli`: the `sottovoce` command line."""

import sys

from sottovoce.cli import main

sys.exit(main())
