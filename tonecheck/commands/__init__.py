"""Commands: plain functions that take parsed options and return an exit code."""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
