"""Findings in the formats CI systems read: what ``lexicon check``, ``lexicon coverage``
and ``lexicon diff`` found, as plain text, JSON, GitHub Actions workflow commands or
JUnit XML (one test case per formula, so a CI dashboard lists the formulae that fail).

A finding is a :class:`~phrasewatch.errors.LexiconProblem`: a file, a line, a formula
id, a message and a severity. Whether it fails the run is the caller's decision
(``failing``): an error always does, a warning with ``--strict``, a loss of matches with
``--fail-on-loss``.

>>> from phrasewatch.errors import LexiconProblem
>>> p = LexiconProblem("my.yaml", 12, "gdi", "en example does not match: 'x, y'")
>>> print(render([p], "github", suite="check"))
::error file=my.yaml,line=12,title=gdi::en example does not match: 'x, y'
"""

from __future__ import annotations

__all__ = ["FORMATS", "render"]

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence

from .errors import LexiconProblem

FORMATS = ("text", "json", "github", "junit")
FILE_CASE = "(file)"  # the test case of findings that belong to no formula (a YAML error, say)


def _is_error(problem: LexiconProblem) -> bool:
    return problem.severity == "error"


def _escape_data(text: str) -> str:
    # the escapes GitHub's runner undoes in a workflow command's message
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(problems: Sequence[LexiconProblem], failing: Callable[[LexiconProblem], bool]) -> str:
    lines = []
    for p in problems:
        command = "error" if failing(p) else "warning"
        props = [f"file={_escape_property(p.file)}"] if p.file else []
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.entry:
            props.append(f"title={_escape_property(p.entry)}")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(p.message)}")
    return "\n".join(lines)


def _junit(problems: Sequence[LexiconProblem], failing: Callable[[LexiconProblem], bool], suite: str,
           cases: Iterable[str]) -> str:
    names = list(dict.fromkeys(cases))
    by_case: dict[str, list[LexiconProblem]] = {}
    for p in problems:
        case = p.entry or FILE_CASE
        by_case.setdefault(case, []).append(p)
        if case not in names:
            names.append(case)
    failures = sum(1 for n in names if any(failing(p) for p in by_case.get(n, ())))
    root = ET.Element("testsuites", name=suite, tests=str(len(names)), failures=str(failures), errors="0")
    element = ET.SubElement(root, "testsuite", name=suite, tests=str(len(names)), failures=str(failures),
                            errors="0", skipped="0")
    for name in names:
        found = by_case.get(name, [])
        case = ET.SubElement(element, "testcase", classname=suite, name=name)
        located = next((p for p in found if p.file), None)
        if located is not None:
            case.set("file", located.file)
            if located.line is not None:
                case.set("line", str(located.line))
        failed = [p for p in found if failing(p)]
        if failed:
            failure = ET.SubElement(case, "failure", message=failed[0].message, type=failed[0].severity)
            failure.text = "\n".join(str(p) for p in failed)
        others = [p for p in found if not failing(p)]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(f"{p.severity}: {p}" for p in others)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def render(problems: Sequence[LexiconProblem], fmt: str, *, suite: str, cases: Iterable[str] = (),
           failing: Callable[[LexiconProblem], bool] = _is_error, extra: dict | None = None) -> str:
    """The findings as text for a person or a CI system.

    Parameters
    ----------
    problems : the findings.
    fmt : ``text`` (``severity: file:line: id: message``, one a line), ``json`` (``ok``,
        ``problems`` and anything in ``extra``), ``github`` (``::error file=…,line=…::``
        workflow commands; findings that do not fail the run are ``::warning``) or
        ``junit`` (XML, one test case per name in ``cases`` and per formula with a
        finding; a failing finding is a ``<failure>``, others go to ``<system-out>``).
    suite : the test suite's name in JUnit.
    failing : which findings fail the run (default: errors).
    """
    if fmt not in FORMATS:
        raise ValueError(f"no format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        report = {"ok": not any(failing(p) for p in problems),
                  "problems": [{**p.as_dict(), "fails": bool(failing(p))} for p in problems], **(extra or {})}
        return json.dumps(report, ensure_ascii=False, indent=2, default=str)
    if fmt == "github":
        return _github(problems, failing)
    if fmt == "junit":
        return _junit(problems, failing, suite, cases)
    return "\n".join(f"{p.severity}: {p}" for p in problems)
