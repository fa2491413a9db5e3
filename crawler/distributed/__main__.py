"""`python -m crawler.distributed merge DB SHARD...`."""

import sys

from crawler.distributed.coordinator import merge_main

sys.exit(merge_main())
