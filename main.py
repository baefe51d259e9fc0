"""Parallax: with no arguments, open the window; otherwise run the command line (cli.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def keep_none_alive() -> None:
    """Work around PySide6 6.12 on Python 3.11: its methods that return nothing hand back
    ``None`` without a reference of its own, so every call takes one of ``None``'s
    references; after a few thousand calls the interpreter aborts ("deallocating None").
    From Python 3.12 on ``None`` is immortal and this does nothing; before, it gives
    ``None`` the same practically endless count 3.12 gives it."""
    if sys.version_info >= (3, 12):
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field
    if refcount.value < 1 << 40:
        refcount.value += 1 << 40


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of both faces; returns the exit code."""
    keep_none_alive()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        from gui.app import run_window

        return run_window()

    import cli

    args = cli.build_parser().parse_args(argv)
    if args.command == "gui":
        from gui.app import save_screenshot

        return save_screenshot(
            args.screenshot, db_url=args.db, article_id=args.article, compare=args.compare
        )
    if args.command is None:
        cli.build_parser().print_help()
        return cli.EXIT_USAGE
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
