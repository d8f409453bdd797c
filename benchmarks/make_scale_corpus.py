"""Make a large raw corpus for scale tests from real texts (default: raw/ and ../shared/corpus/external).

    python benchmarks/make_scale_corpus.py --out /tmp/scale --mb 100 [--seed 0] [--source DIR ...]

Every generated speech keeps the line skeleton of a real one (title, salutation,
headings, short lines) and fills each body paragraph with a paragraph drawn from
the whole pool, its figures changed, so texts are as dense in indicators and
headings as the real ones but no two speeches are copies (variant grouping is
not flooded with duplicates). Like scraped files, a file holds one to three
speeches, some files are Traditional script or GB18030-encoded, and files sit
in nested folders. Same arguments, same bytes.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

_BODY_MIN_CHARS = 60  # shorter lines are skeleton: titles, headings, salutations, page furniture
# A figure not glued to Latin letters (PM2.5, 5G stay) nor followed by a percent sign
# (shares must stay within 0-100 to pass validation).
_NUMBER = re.compile(r"(?<![A-Za-z\d.])\d+(?![\d.]*[A-Za-z%％])")
_FILES_PER_FOLDER = 250


def _decode(data: bytes) -> str | None:
    for enc in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def load_sources(dirs: list[Path]) -> list[list[str]]:
    """Each source text as its list of non-blank lines, in sorted path order."""
    docs = []
    for d in dirs:
        for path in sorted(p for p in d.rglob("*.txt") if p.is_file()):
            text = _decode(path.read_bytes())
            if text:
                lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
                if sum(len(ln) >= _BODY_MIN_CHARS for ln in lines) >= 3:
                    docs.append(lines)
    return docs


def _perturb(line: str, rng: random.Random) -> str:
    """A new last digit for each figure of two digits or more; years (19xx/20xx) stay, so dates stay plausible."""
    def repl(m: re.Match) -> str:
        s = m.group()
        if len(s) < 2 or len(s) == 4 and s[:2] in ("19", "20"):
            return s
        return s[:-1] + str(rng.randint(0, 9))
    return _NUMBER.sub(repl, line)


def make_speech(template: list[str], pool: list[str], rng: random.Random) -> str:
    out = []
    for line in template:
        if len(line) >= _BODY_MIN_CHARS:
            line = pool[rng.randrange(len(pool))]
        out.append(_perturb(line, rng))
    return "\n".join(out) + "\n"


def generate(out: Path, mb: float, sources: list[Path], seed: int = 0) -> tuple[int, int]:
    """Write files into ``out`` until ``mb`` megabytes; returns (files, bytes)."""
    docs = load_sources(sources)
    if not docs:
        raise SystemExit(f"no usable .txt sources under {', '.join(map(str, sources))}")
    pool = [ln for doc in docs for ln in doc if len(ln) >= _BODY_MIN_CHARS]
    rng = random.Random(seed)
    to_hant = None
    target = int(mb * 1_000_000)
    out.mkdir(parents=True, exist_ok=True)
    total = n = 0
    while total < target:
        speeches = [make_speech(docs[rng.randrange(len(docs))], pool, rng) for _ in range(rng.choice((1, 1, 2, 3)))]
        text = "\n\n".join(speeches)
        roll = rng.random()
        if roll < 0.05:  # Traditional-script reposts
            if to_hant is None:
                import opencc
                to_hant = opencc.OpenCC("s2t")
            text = to_hant.convert(text)
        data = text.encode("gb18030" if 0.05 <= roll < 0.15 else "utf-8")
        folder = out / f"batch{n // _FILES_PER_FOLDER:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"scale_{n:06d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return n, total


def main(argv: list[str] | None = None) -> None:
    repo = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="folder to write (created)")
    ap.add_argument("--mb", type=float, default=100.0, help="megabytes of raw text to write")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", type=Path, action="append",
                    help="folder of .txt texts to draw from (repeatable); default raw/ and ../shared/corpus/external")
    args = ap.parse_args(argv)
    sources = args.source or [p for p in (repo / "raw", repo.parent / "shared" / "corpus" / "external") if p.is_dir()]
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out} is not empty: choose a new folder")
    files, size = generate(args.out, args.mb, sources, args.seed)
    print(f"wrote {files} files, {size / 1e6:.1f} MB into {args.out}")


if __name__ == "__main__":
    main()
