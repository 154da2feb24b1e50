"""Score `defense-timeline draft` on the evaluation set, against the dateparser baseline.

Run from the repository root: python -m benchmarks.draft_eval
For every article of benchmarks/draft_eval/ (gold statements in gold.yaml) it prints precision,
recall and F1 of dated statements, ours and the baseline's (`dateparser.search.search_dates` with
the publication date as its relative base), per article and overall, in one run; then how long a
1,000-word article takes to draft.
"""

from __future__ import annotations

import sys
import time
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

if __package__ in (None, ""):  # run as a script: python benchmarks/draft_eval.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from defense_timeline.draft import draft_article  # noqa: E402
from defense_timeline.draft.article import Article, Sentence  # noqa: E402

HERE = Path(__file__).resolve().parent / "draft_eval"


@dataclass(frozen=True, slots=True)
class Found:
    """A dated statement someone found: its sentence and resolved interval of days."""

    sentence: str
    first: date
    last: date


@dataclass(slots=True)
class Score:
    """Counts for precision, recall and F1."""

    found: int = 0
    gold: int = 0
    matched: int = 0

    def add(self, other: Score) -> None:
        """Add another article's counts."""
        self.found += other.found
        self.gold += other.gold
        self.matched += other.matched

    @property
    def precision(self) -> float:
        """Matched over found (0 when nothing was found)."""
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        """Matched over gold."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold() -> list[dict]:
    """The articles of the set and their gold statements."""
    return yaml.safe_load((HERE / "gold.yaml").read_text(encoding="utf-8"))["articles"]


def _match(found: list[Found], gold: list[dict]) -> Score:
    """One-to-one: a gold statement is matched by a found one in its sentence with its interval
    (a deadline: with its end)."""
    free = list(found)
    matched = 0
    for g in gold:
        for f in free:
            same_end = f.last == g["end"]
            ok = same_end if g["kind"] == "deadline" else same_end and f.first == g["start"]
            if g["in"] in f.sentence and ok:
                free.remove(f)
                matched += 1
                break
    return Score(len(found), len(gold), matched)


def ours(entry: dict) -> tuple[list[Found], Article]:
    """Our draft of one article, read back through the project's loader."""
    data = (HERE / entry["file"]).read_bytes()
    draft = draft_article(data, calendar=entry["calendar"], name=entry["file"])
    timeline = draft.timeline()
    found = []
    for item in timeline.items:
        base = item.base
        found.append(Found(base.sources[0].quote, base.start.first, (base.end or base.start).last))
    return found, draft.article


def baseline(text: str, sentences: list[Sentence], published: date) -> list[Found]:
    """What dateparser.search.search_dates finds, each date a day, placed in its sentence."""
    from dateparser.search import search_dates

    base = datetime(published.year, published.month, published.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hits = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    found, cursor = [], 0
    for words, when in hits:
        at = text.find(words, cursor)
        if at < 0:
            continue
        cursor = at + len(words)
        sentence = next((s.text for s in sentences if s.start <= at < s.end), "")
        found.append(Found(sentence, when.date(), when.date()))
    return found


def evaluate() -> dict:
    """Scores per article and overall, ours and the baseline's."""
    rows, total_ours, total_base = [], Score(), Score()
    for entry in load_gold():
        found, article = ours(entry)
        if article.published != entry["published"]:
            raise AssertionError(f"{entry['file']}: publication date {article.published} detected")
        ours_score = _match(found, entry["statements"])
        base_found = baseline(article.text, article.sentences, article.published)
        base_score = _match(base_found, entry["statements"])
        total_ours.add(ours_score)
        total_base.add(base_score)
        rows.append((entry["file"], ours_score, base_score))
    return {"rows": rows, "ours": total_ours, "baseline": total_base}


def thousand_words() -> str:
    """An article of about 1,000 words made of the set's articles, one after another."""
    parts, words = [], 0
    for entry in load_gold():
        if words >= 1000:
            break
        text = (HERE / entry["file"]).read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1]
        parts.append(body)
        words += len(body.split())
    return "date 2024-04-17\n" + "\n\n".join(parts)


def time_thousand_words(runs: int = 5) -> tuple[int, float]:
    """Words in the article and the best of runs wall-clock seconds to draft and validate it."""
    text = thousand_words()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        draft_article(text, calendar="AU").timeline()
        best = min(best, time.perf_counter() - start)
    return len(text.split()), best


def _cells(score: Score) -> str:
    return f"{score.precision:.2f} | {score.recall:.2f} | {score.f1:.2f}"


def table(result: dict) -> str:
    """The scores as a markdown table."""
    lines = [
        "| article | gold | ours P | ours R | ours F1 "
        "| dateparser P | dateparser R | dateparser F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, mine, base in result["rows"]:
        lines.append(f"| {name} | {mine.gold} | {_cells(mine)} | {_cells(base)} |")
    mine, base = result["ours"], result["baseline"]
    lines.append(f"| **all** | {mine.gold} | {_cells(mine)} | {_cells(base)} |")
    return "\n".join(lines)


def main() -> None:
    """Print the table and the timing."""
    result = evaluate()
    print(table(result))
    words, seconds = time_thousand_words()
    print(f"\nA {words}-word article drafts and validates in {seconds * 1000:.0f} ms (best of 5).")


if __name__ == "__main__":
    main()
