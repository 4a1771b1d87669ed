"""`kubemint ...` and `python -m kubemint ...`: replace this process with the kubemint binary, with
the same arguments, so its signals, output and exit code are the binary's own."""

from __future__ import annotations

import os
import sys
from typing import List, Optional

from ._binary import BinaryNotFoundError, binary_path


def main(argv: Optional[List[str]] = None) -> int:
    """Exec the kubemint binary with `argv` (default: this process's arguments). Returns only on
    failure to find or start it: 127 with a message on stderr."""
    args = sys.argv[1:] if argv is None else argv
    try:
        path = binary_path()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(path, ["kubemint", *args])
    except (BinaryNotFoundError, OSError) as error:
        print(f"kubemint: {error}", file=sys.stderr)
        return 127
    return 127  # not reached: execv does not return


if __name__ == "__main__":
    sys.exit(main())
