"""``python -m phrasewatch``: the same command as ``phrasewatch``."""

if __name__ == "__main__":
    from .cli import main

    main(prog_name="phrasewatch")
