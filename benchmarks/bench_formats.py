"""Time reading PDFs: phrasewatch's PDF reader against PDFium's raw text (and pypdf,
when installed), on generated UN-style PDFs (running header, page numbers, words
hyphenated at line ends). Needs reportlab (in the test extra).

    python benchmarks/bench_formats.py                 # 50 PDFs of 10 pages
    python benchmarks/bench_formats.py --files 200 --pages 4
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from phrasewatch.corpus import ReadOptions, read_path  # noqa: E402
from tests.documents import write_pdf  # noqa: E402

WORDS = ("the general assembly recalls transparency and confidence-building measures for the development "
         "of all nations in outer space welcoming a community with a shared future for mankind").split()


def make_pdfs(folder: Path, files: int, pages: int) -> list[Path]:
    rng = random.Random(1)
    paths = []
    for n in range(files):
        text = [[" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(45)] for _ in range(pages)]
        for page in text:  # a word broken at the end of every fifth line
            for i in range(0, len(page) - 1, 5):
                page[i] += " develop-"
                page[i + 1] = "ment " + page[i + 1]
        paths.append(write_pdf(folder / f"A_RES_80_{n}.pdf", text, header=(f"A/RES/80/{n}", "Outer space"), job_number="25-20001"))
    return paths


def timed(label: str, read, paths: list[Path], pages: int) -> None:
    started = time.perf_counter()
    chars = sum(read(path) for path in paths)
    seconds = time.perf_counter() - started
    print(f"{label:<28} {seconds:6.2f} s  {len(paths) / seconds:7.1f} PDFs/s  {len(paths) * pages / seconds:7.0f} pages/s  {chars:,} chars")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    import pypdfium2 as pdfium

    def raw_pdfium(path: Path) -> int:
        pdf = pdfium.PdfDocument(path)
        return sum(len(page.get_textpage().get_text_range()) for page in pdf)

    def phrasewatch_reader(path: Path) -> int:
        return sum(len(doc.text) for doc in read_path(path, ReadOptions()))

    with tempfile.TemporaryDirectory() as folder:
        paths = make_pdfs(Path(folder), args.files, args.pages)
        print(f"{args.files} PDFs of {args.pages} pages")
        timed("pypdfium2, raw text", raw_pdfium, paths, args.pages)
        timed("phrasewatch PDF reader", phrasewatch_reader, paths, args.pages)
        try:
            import pypdf
        except ImportError:
            return
        timed("pypdf, raw text", lambda p: sum(len(page.extract_text()) for page in pypdf.PdfReader(p).pages), paths, args.pages)


if __name__ == "__main__":
    main()
