"""`python -m defense_timeline` runs the defense-timeline command line."""

from defense_timeline.cli import main

if __name__ == "__main__":
    main(prog_name="defense-timeline")
