"""The Parallax version, shown in the window, the CLI, the user agent and exports."""

__version__ = "0.1.0"
