"""`python -m banque.cli`."""

import sys

from banque.cli import main

sys.exit(main())
