"""The command line: a thin typer shell over the library (`app` builds it, `launch` starts it)."""
