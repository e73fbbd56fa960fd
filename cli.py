"""Run the ``dangjian`` command line from a checkout: ``python cli.py analyze corpus/ --out out/``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from dangjian_nlp.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
