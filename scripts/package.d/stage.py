#!/usr/bin/env python3
"""Copy the project's files (tracked and untracked-but-not-ignored) into a staging tree.

A file is rewritten only when its bytes differ, so the staging tree keeps its timestamps and inodes
and an incremental `swift build` in it recompiles only what changed. Files that left the project are
removed from the staging tree. Used by scripts/package.

    stage.py ROOT STAGE
"""
import os
import shutil
import subprocess
import sys


def project_files(root: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True, capture_output=True).stdout
    return sorted({p for p in out.decode().split("\0") if p and os.path.isfile(os.path.join(root, p))})


def same_bytes(a: str, b: str) -> bool:
    if not os.path.isfile(b) or os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def main() -> int:
    root, stage = sys.argv[1], sys.argv[2]
    wanted = project_files(root)
    for rel in wanted:
        src, dst = os.path.join(root, rel), os.path.join(stage, rel)
        if not same_bytes(src, dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
    keep = set(wanted)
    for top, dirs, files in os.walk(stage):
        for name in files:
            rel = os.path.relpath(os.path.join(top, name), stage)
            if rel not in keep and not rel.startswith((".build", ".swiftpm", "Package.resolved")):
                os.remove(os.path.join(top, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
