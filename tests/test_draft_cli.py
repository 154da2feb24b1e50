"""`defense-timeline draft`: the written file, exit codes, exact messages and hostile articles."""

from __future__ import annotations

from datetime import date

import yaml
from click.testing import CliRunner
from defense_timeline.cli import main
from defense_timeline.draft.article import MAX_ARTICLE_BYTES
from defense_timeline.timeline.loader import load

from tests.data import ROOT

SOURCE = ROOT / "benchmarks" / "draft_eval" / "source_article_2017-02-19.txt"
NO_DATE = (
    'no publication date found in the article (no "date YYYY-MM-DD" line, dateline or '
    "published-date meta tag); give it with --published YYYY-MM-DD"
)


def _run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_draft_the_source_article_writes_a_valid_file(tmp_path):
    out = tmp_path / "draft.yaml"
    result = _run("draft", str(SOURCE), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "calendar: JP (inferred from the article; give --calendar to change)",
        f"{out}: 13 items drafted from {SOURCE}",
    ]
    timeline = load(out)
    assert timeline.as_of == date(2017, 2, 19) and timeline.calendar.name == "JP"
    assert len(timeline.items) == 13
    assert all("draft" in it.tags and it.base.sources[0].id == "article" for it in timeline.items)
    periods = {(it.base.start.first, it.base.end.last) for it in timeline.items if it.base.end}
    assert (date(2019, 4, 1), date(2024, 3, 31)) in periods  # fiscal 2019 to 2023
    assert (date(2014, 4, 1), date(2019, 3, 31)) in periods  # through March 2019, five-year


def test_source_details_and_stdout():
    result = _run(
        "draft", str(SOURCE), "--source-title", "Japan may move defense guideline update",
        "--publisher", "The Japan Times (Kyodo)", "--url", "https://www.japantimes.co.jp/x",
    )  # fmt: skip
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["sources"] == [
        {
            "id": "article",
            "title": "Japan may move defense guideline update",
            "publisher": "The Japan Times (Kyodo)",
            "url": "https://www.japantimes.co.jp/x",
            "date": "2017-02-19",
            "kind": "news report",
        }
    ]
    assert result.stderr.splitlines()[-1] == f"stdout: 13 items drafted from {SOURCE}"


def test_stdin_and_published_and_calendar(tmp_path):
    text = b"The Pentagon will request the funds in fiscal 2024."
    result = _run("draft", "-", "--published", "2022-10-28", "--calendar", "US", stdin=text)
    assert result.exit_code == 0
    (item,) = yaml.safe_load(result.stdout)["items"]
    assert (item["kind"], item["date"]) == ("event", "FY2024")
    assert result.stderr == "stdout: 1 item drafted from <stdin>\n"


def test_no_publication_date_is_one_line_and_exit_1(tmp_path):
    article = tmp_path / "note.txt"
    article.write_text("The plan was approved last year.", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = _run("draft", str(article), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"error: {article}: {NO_DATE}\n"
    assert not out.exists()


def test_bad_options_are_one_line(tmp_path):
    cases = {
        (
            "--published",
            "2017-13-01",
        ): "error: --published must be a day YYYY-MM-DD, got '2017-13-01'",
        ("--calendar", "XX"): 'error: unknown calendar "XX" (expected JP, US, UK, AU or '
        '{start: "MM-DD", named_by: start|end})',
        ("--url", "javascript:alert(1)"): "error: --url must be an http(s) URL, got "
        "'javascript:alert(1)'",
    }
    for args, message in cases.items():
        result = _run("draft", str(SOURCE), *args)
        assert result.exit_code == 1
        assert result.stderr == message + "\n"
    missing = _run("draft", str(tmp_path / "none.txt"))
    assert (missing.exit_code, missing.stderr) == (1, f"{tmp_path / 'none.txt'}: no such file\n")


def test_a_failed_draft_never_replaces_a_good_file(tmp_path):
    out = tmp_path / "keep.yaml"
    out.write_text("good\n", encoding="utf-8")
    result = _run("draft", str(SOURCE), "--url", "ftp://x", "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "good\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.yaml"]


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.write(b"date 2017-02-19 ")
        fh.truncate(MAX_ARTICLE_BYTES * 20)  # sparse: 40 MB of NUL bytes on disk
    result = _run("draft", str(huge))
    assert result.exit_code == 1
    assert result.stderr == f"error: {huge}: the article is over the 2 MB limit for an article\n"


def test_binary_bytes_are_refused(tmp_path):
    blob = tmp_path / "image.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = _run("draft", str(blob), "--published", "2017-02-19")
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {blob}: the article holds NUL bytes: it is not text\n",
    )
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        "Le plan été approuvé en 2013. ".encode("latin-1") + bytes(range(128, 256)) * 8
    )
    result = _run("draft", str(latin), "--published", "2017-02-19")
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {latin}: the article is not UTF-8 text\n",
    )


def test_html_with_scripts_stays_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html><head><meta property="article:published_time" '
        'content="2023-04-24T09:00:00Z"><title>DSR <b>2023</b></title>'
        "<script>fetch('/steal?'+document.cookie); var x = 'due in 2030';</script>"
        "<style>.x{content:'in 2031'}</style></head><body>"
        "<p>The review was released on Monday &lt;script&gt;alert(1)&lt;/script&gt;.</p>"
        "<script>alert('by 2029')</script><noscript>in 2032</noscript></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.yaml"
    result = _run("draft", str(page), "--calendar", "AU", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "fetch" not in text and "2030" not in text and "2031" not in text and "2032" not in text
    (item,) = load(out).items
    assert (
        item.base.sources[0].quote == "The review was released on Monday <script>alert(1)</script>."
    )
    assert item.base.start.text == "2023-04-24"


def test_pathological_articles_are_refused_or_skipped_with_a_message(tmp_path):
    tags = tmp_path / "tags.html"
    tags.write_text("<html><body>" + "<p>" * 120_000, encoding="utf-8")
    result = _run("draft", str(tags), "--published", "2017-02-19")
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {tags}: the page has over 100,000 tags: not an article\n",
    )
    long = tmp_path / "long.txt"
    long.write_text("date 2017-02-19\n" + "The plan was fine. " * 20_000, encoding="utf-8")
    result = _run("draft", str(long))
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: {long}: the article's text is over 300,000 characters; draft it in parts\n",
    )
    many = tmp_path / "many.txt"
    many.write_text("date 2017-02-19\n" + "It began in 2013. " * 1_200, encoding="utf-8")
    result = _run("draft", str(many))
    assert (result.exit_code, result.stderr) == (
        1,
        "error: the article has over 1,000 dated statements; draft it in parts\n",
    )
    run_on = tmp_path / "run_on.txt"  # one 'sentence' of 150,000 characters: not prose
    run_on.write_text("date 2017-02-19\n" + "in 2013 and " * 12_500 + ".", encoding="utf-8")
    result = _run("draft", str(run_on), "--calendar", "JP")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["items"] == []
