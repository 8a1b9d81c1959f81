"""Score newsclaims on every gold set at hand, the way a held-out set is scored.

usage: python bench/quality.py [--eval DIR] [--probe DIR ...] [--parse-all] [--verbose] [--json]

One `newsclaims extract` run (one model load) over the texts of every gold set in
../shared/eval/gold (seeds-dev's texts are ../shared/seeds/, each other set's
../shared/eval/corpus/<set>/) and of the probes (each a folder with texts/ and gold.json;
every folder under tests/probes/ unless --probe is given). Then, per set, the figures of
../shared/eval/score.py, computed by its vendored copy tests/probes/_score.py, and how
many errors of each kind lie behind them:

  not spending    a gold claim without a claim, its amount found by find_amounts in the text
  missed amount   a gold claim without a claim, its amount not found at all (or found
                  with another value or currency: Syrian "pounds" read as GBP)
  wrong subject   a matched claim whose subject is not the gold's spender (nor an alias)
  wrong year      a matched claim with another year than the gold's
  missing source  a matched claim that does not name every gold source
  boilerplate     an extra claim whose amount is one of the gold's negatives or
                  boilerplate_negatives (money the gold says is no spending claim)
  other extra     any other claim the gold does not have

--verbose lists each error. Without ../shared/eval (a clone has no ../shared) it says so in
one line and exits 1, unless --probe names sets to score.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.amounts.parse import find_amounts
from pipeline.outputs import output_paths

ROOT = Path(__file__).resolve().parent.parent
PROBES = ROOT / "tests" / "probes"
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
# Gold sets whose texts are not in <eval>/corpus/<set>/: the path is relative to <eval>.
TEXTS_ELSEWHERE = {"seeds-dev": "../seeds"}
ERROR_KINDS = (
    "not spending",
    "missed amount",
    "wrong subject",
    "wrong year",
    "missing source",
    "boilerplate",
    "other extra",
)

sys.path.insert(0, str(PROBES))  # the vendored scorer lives beside the probes it scores
from _score import (  # noqa: E402
    Match,
    Record,
    amount_matches,
    load_pred,
    match,
    name_of,
    norm_doc,
    score,
    sources_ok,
    subject_ok,
    year_of,
)


class GoldSet(NamedTuple):
    name: str
    gold: Path
    texts: Path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.eval.is_dir() and not args.probe:
        print(
            f"no gold sets: {args.eval} does not exist (it is ../shared/eval beside the project);"
            " pass --eval DIR, or --probe DIR for a probe such as tests/probes/<name>",
            file=sys.stderr,
        )
        return 1
    bad = [
        p for p in args.probe or [] if not (p / "texts").is_dir() or not (p / "gold.json").is_file()
    ]
    if bad:
        print(f"{bad[0]}: not a probe (a probe folder holds texts/ and gold.json)", file=sys.stderr)
        return 1
    if not args.eval.is_dir():
        print(f"{args.eval} does not exist: scoring the probes only", file=sys.stderr)
    sets = find_sets(args.eval, args.probe or _default_probes())
    if not sets:
        print(f"no gold sets in {args.eval / 'gold'} nor any probe", file=sys.stderr)
        return 1
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsclaims-quality-") as tmp:
        out = run_extract(sets, Path(tmp), parse_all=args.parse_all, workers=args.workers)
        _split_by_set(out, sets)
        texts = _doc_texts(out)
        for s in sets:
            rows.append(score_set(s, out, texts, verbose=args.verbose))
    _print_table(rows)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="holds gold/ and corpus/")
    p.add_argument(
        "--probe",
        type=Path,
        action="append",
        help="a folder with texts/ and gold.json (repeatable; default every tests/probes/*)",
    )
    p.add_argument("--parse-all", action="store_true", help="newsclaims extract --parse-all")
    p.add_argument("--workers", type=int, default=None, help="newsclaims extract --workers")
    p.add_argument("--verbose", action="store_true", help="list every error on stderr")
    p.add_argument("--json", action="store_true", help="also print the rows as JSON")
    return p


def _default_probes() -> list[Path]:
    return sorted(p for p in PROBES.iterdir() if (p / "gold.json").is_file())


def find_sets(eval_dir: Path, probes: list[Path]) -> list[GoldSet]:
    """The gold sets of `eval_dir`/gold whose texts are at hand, then the probes."""
    sets = []
    for gold in sorted(eval_dir.glob("gold/*.json")):
        texts = eval_dir / TEXTS_ELSEWHERE.get(gold.stem, f"corpus/{gold.stem}")
        if texts.is_dir():
            sets.append(GoldSet(gold.stem, gold, texts.resolve()))
        else:
            print(f"{gold.name}: skipped, no texts in {texts}", file=sys.stderr)
    sets += [GoldSet(f"probe:{p.name}", p / "gold.json", p / "texts") for p in probes]
    return sets


def run_extract(sets: list[GoldSet], tmp: Path, *, parse_all: bool, workers: int | None) -> Path:
    """Copy every set's texts into one folder (a subfolder per set) and extract it once."""
    corpus = tmp / "corpus"
    for s in sets:
        shutil.copytree(s.texts, corpus / _folder(s))
    out = tmp / "out" / "claims.jsonl"
    cmd = [sys.executable, "-m", "pipeline", "extract", str(corpus), "-o", str(out), "--quiet"]
    cmd += ["--parse-all"] if parse_all else []
    cmd += ["--workers", str(workers)] if workers else []
    done = subprocess.run(cmd, check=False)
    errors = output_paths(out).errors
    if done.returncode != 0:
        bad = errors.read_text(encoding="utf-8").count("\n") if errors.exists() else "?"
        print(f"newsclaims extract exited {done.returncode} ({bad} error records)", file=sys.stderr)
    return out


def _folder(s: GoldSet) -> str:
    return s.name.replace(":", "-")


def _split_by_set(out: Path, sets: list[GoldSet]) -> None:
    """Write each set's claims to <set>.jsonl beside `out`: doc ids start with its folder."""
    lines: dict[str, list[str]] = {_folder(s): [] for s in sets}
    with out.open(encoding="utf-8") as src:
        for line in src:
            lines[json.loads(line)["doc_id"].split("/", 1)[0]].append(line)
    for folder, own in lines.items():
        out.with_name(f"{folder}.jsonl").write_text("".join(own), encoding="utf-8")


def _doc_texts(out: Path) -> dict[str, str]:
    docs = output_paths(out).docs
    records = [json.loads(line) for line in docs.read_text(encoding="utf-8").splitlines()]
    return {r["doc_id"]: r["text"] for r in records}


def score_set(s: GoldSet, out: Path, texts: dict[str, str], *, verbose: bool) -> dict[str, Any]:
    """The score.py figures of one set and its error counts, from the one run's output."""
    prefix = _folder(s) + "/"
    gold = json.loads(s.gold.read_text(encoding="utf-8"))
    pred = load_pred(out.with_name(f"{_folder(s)}.jsonl"))
    matches, extras = match(gold, pred)
    by_name = {norm_doc(d): t for d, t in texts.items() if d.startswith(prefix)}
    errors = [
        *(e for m in matches for e in _claim_errors(m, by_name.get(norm_doc(m.doc), ""))),
        *(_extra_error(doc, p, gold["docs"][doc]) for doc, p in extras),
    ]
    if verbose:
        for kind, doc, what in errors:
            print(f"  {s.name} {doc}: {kind}: {what}", file=sys.stderr)
    counts = Counter(kind for kind, _, _ in errors)
    return {
        "set": s.name,
        "docs": len(gold["docs"]),
        **score(gold, pred),
        "errors": {kind: counts[kind] for kind in ERROR_KINDS},
    }


def _claim_errors(m: Match, text: str) -> list[tuple[str, str, str]]:
    gc, best = m.gold, m.best
    want = f"{gc.get('subject')} {_money(gc)} {gc.get('year')}"
    if best is None:
        found = any(amount_matches(a.model_dump(), gc) for a in find_amounts(text))
        return [("not spending" if found else "missed amount", m.doc, want)]
    errors = []
    if not subject_ok(best, gc):
        errors.append(("wrong subject", m.doc, f"{name_of(best.get('subject'))!r} for {want}"))
    if year_of(best) != gc.get("year"):
        errors.append(("wrong year", m.doc, f"{year_of(best)} for {want}"))
    if not sources_ok(best, gc):
        got = [name_of(x) for x in best.get("sources") or []]
        errors.append(("missing source", m.doc, f"{got} for {gc.get('sources')} ({want})"))
    return errors


def _extra_error(doc: str, pred: Record, gold_doc: Record) -> tuple[str, str, str]:
    amount = (pred.get("amount") or {}).get("text") or ""
    negatives = [*gold_doc.get("negatives", []), *gold_doc.get("boilerplate_negatives", [])]
    said, listed = _plain(amount), [_plain(n) for n in negatives]
    hit = said and any(said in n or n in said for n in listed if n)
    what = f"{name_of(pred.get('subject'))!r} {amount!r}"
    return ("boilerplate" if hit else "other extra", doc, what)


def _plain(text: str) -> str:
    """Lower case, runs of white space as one space (wire amounts can span a line break)."""
    return " ".join(text.lower().split())


def _money(gc: Record) -> str:
    value = gc.get("value")
    shown = f"{value:g}" if value is not None else f"{gc.get('min'):g}-{gc.get('max'):g}"
    return f"{shown} {gc.get('currency')}"


def _print_table(rows: list[dict[str, Any]]) -> None:
    figures = ["amount_P", "amount_R", "amount_F1", "subject_acc", "year_acc", "source_acc"]
    head = ["set", "docs", "gold", "tp", "extra", *figures, "claim_F1"]
    print(" ".join(f"{h:>12}" if i else f"{h:<22}" for i, h in enumerate(head)))
    for r in rows:
        cells = [r["docs"], r["gold_claims"], r["tp"], r["predicted_unmatched"]]
        cells += [f"{r[f]:.3f}" for f in [*figures, "claim_F1"]]
        print(f"{r['set']:<22} " + " ".join(f"{c:>12}" for c in cells))
    print()
    print(f"{'errors':<22} " + " ".join(f"{k:>14}" for k in ERROR_KINDS))
    for r in rows:
        print(f"{r['set']:<22} " + " ".join(f"{r['errors'][k]:>14}" for k in ERROR_KINDS))


if __name__ == "__main__":
    sys.exit(main())
