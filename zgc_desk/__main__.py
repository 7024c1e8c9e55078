import sys

from zgc_desk.cli import main

sys.exit(main())
