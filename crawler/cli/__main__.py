"""``python -m crawler.cli``: the ``wirecrawl`` command."""

import sys

from crawler.cli.main import main

sys.exit(main())
