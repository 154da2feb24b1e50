"""`python -m app` runs the defense-timeline command line."""

from app.cli import main

if __name__ == "__main__":
    main(prog_name="defense-timeline")
