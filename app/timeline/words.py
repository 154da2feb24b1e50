"""Words from a fixed list (kind, status, source kind): the vocabulary's own words pass, the words
read as one of them (another case, a synonym from the vocabulary) pass with a warning that names
the word meant, and anything else is an error with a did-you-mean."""

from __future__ import annotations

from defense_timeline.timeline.messages import did_you_mean, quoted


def check_word(ck, value: object, path: tuple, name: str, field, cal=None) -> str | None:
    """The word if it is one of field.enum; a word read as one of them (other case, or a
    synonym) with a warning; else None and an error with a hint."""
    if type(value) is str and value in field.enum:
        return value
    if type(value) is not str:
        ck.wrong_type(path + (name,), "text", value)
        return None
    word = " ".join(value.split()).lower()
    meant = word if word in field.enum else dict(field.synonyms).get(word)
    if meant is not None:
        ck.warn(
            path + (name,),
            f"unknown {name} {quoted(value)} (did you mean {quoted(meant)}?): "
            f"read as {quoted(meant)}",
        )
        return meant
    hint = did_you_mean(value, field.enum) or f" (expected one of: {', '.join(field.enum)})"
    ck.error(path + (name,), f"unknown {name} {quoted(value)}{hint}")
    return None
