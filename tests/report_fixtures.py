"""Helpers for the report tests: a corpus written to attack the report, and the data
block read back out of a report page."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

# Each payload, were it to run, would set window.__pwned to its number.
HOSTILE_TEXT = {
    "script": "<script>window.__pwned=2</script>",
    "img": '"><img src=x onerror=window.__pwned=3>',
    "link": '<a href="javascript:window.__pwned=4">here</a>',
    "close": "</script><img src=x onerror=window.__pwned=11>",
}
HOSTILE_NAMES = {
    "img_file": "<img src=x onerror=window.__pwned=1>",
    "javascript_file": "javascript:window.__pwned=5",
    "failed_file": "<b onmouseover=window.__pwned=12>.txt",
}
HOSTILE_META = {
    "title": "</script><script>window.__pwned=6</script>",
    "actor": '"><img src=x onerror=window.__pwned=7>',
    "genre": "<svg onload=window.__pwned=8>",
    "body": "javascript:window.__pwned=9",
    "licence": "<script>window.__pwned=13</script>",
}


def write_hostile_corpus(folder: Path) -> Path:
    """Documents whose text, file names and metadata are markup and script: a speech
    (with a sidecar giving it an actor and an extra column), a Markdown file whose
    front matter is hostile and whose name is a javascript: URL, and a binary file
    with a hostile name that fails."""
    folder.mkdir(parents=True, exist_ok=True)
    speech = folder / f"{HOSTILE_NAMES['img_file']}.txt"
    speech.write_text(
        f"Indonesia supports the Global Development Initiative {HOSTILE_TEXT['script']} and welcomes the Global Security "
        f"Initiative.\n{HOSTILE_TEXT['img']} We support true multilateralism, see {HOSTILE_TEXT['link']}\u2028and the Belt "
        "and Road Initiative.\n", encoding="utf-8")
    meta = HOSTILE_META
    (folder / f"{HOSTILE_NAMES['javascript_file']}.md").write_text(
        "---\n" + "\n".join(f"{k}: {json.dumps(meta[k])}" for k in ("title", "actor", "genre", "body"))
        + '\ndate: 2024-05-01\nurl: "javascript:window.__pwned=10"\n---\n'
        f"We support the Belt and Road Initiative and the Global Civilization Initiative {HOSTILE_TEXT['close']}.\n",
        encoding="utf-8")
    (folder / HOSTILE_NAMES["failed_file"]).write_bytes(b"\x00\x01\x02binary\x00" * 200)
    with (folder / "metadata.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "actor", "year", "licence"])
        writer.writerow([speech.name, "IDN", 2024, meta["licence"]])
    return folder


def payload(page: str) -> dict:
    """The report's data block, parsed."""
    found = re.search(r'<script type="application/json" id="pw-data">(.*?)</script>', page, re.S)
    assert found, "no data block in the page"
    return json.loads(found.group(1))
