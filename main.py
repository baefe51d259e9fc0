"""Parallax: with no arguments, open the window; otherwise run the command line (cli.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of both faces; returns the exit code."""
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
    # A bundled (frozen) Parallax starts its import and retraining workers by running this
    # executable again: freeze_support() turns such a start into the worker, not a new window.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
