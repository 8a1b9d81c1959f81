"""The team's scorer, vendored from `../shared/eval/score.py` so that tests need no ../shared.

`score.py` is our own team's tool and carries no licence note. The functions below are its
scoring functions with their logic unchanged; what differs is layout only: ruff's
formatting, type hints, and the matching loop of its `score()` moved into `match()`, which
`score()` then totals exactly as before, so that `bench/quality.py` can sort the misses and
extras into error kinds. The verbose printing and the command line are left out.
`tests/probes/test_score.py` holds hand-computed cases that the two must agree on; re-run it
(and compare with `python ../shared/eval/score.py GOLD PRED --json`) when score.py changes.

Predicted records are read tolerantly: subject may be a string or an object with
"text"/"name"; amount.value or amount.min/max; equivalents a list of amounts;
period.year; sources a list of strings or objects with "name". Only records whose
kind is "spending" (or that have no kind) count. doc ids are matched by their last
path component without extension, or by the part after '#'.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

Record = dict[str, Any]


class Match(NamedTuple):
    """A scored (not optional) gold claim and the prediction that links it best, if any."""

    doc: str
    gold: Record
    best: Record | None


def norm_doc(doc_id: Any) -> str:
    doc_id = str(doc_id)
    if "#" in doc_id:
        doc_id = doc_id.rsplit("#", 1)[1]
    doc_id = doc_id.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"\.(txt|md|html?|json|jsonl)$", "", doc_id)


def norm_name(s: Any) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).lower()
    s = re.sub(r"[’'`]s\b", "", s)
    s = re.sub(r"\b(the|inc|corp|co|ltd|plc|group|holding|holdings|platforms|llc)\b", " ", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return str(s.strip())


def name_of(x: Any) -> Any:
    if x is None:
        return None
    if isinstance(x, str):
        return x
    if isinstance(x, dict):
        for k in ("name", "text", "canonical", "normalized"):
            if x.get(k):
                return x[k]
    return None


def amounts_of(rec: Record) -> list[Record]:
    out = []
    a = rec.get("amount")
    if isinstance(a, dict):
        out.append(a)
    for e in rec.get("equivalents") or []:
        if isinstance(e, dict):
            out.append(e)
    return out


def close(a: Any, b: Any, tol: float = 0.005) -> bool:
    if a is None or b is None:
        return False
    a, b = float(a), float(b)
    if a == b:
        return True
    return bool(abs(a - b) <= tol * max(abs(a), abs(b)))


def amount_matches(pred_amt: Record, gold: Record) -> bool:
    """gold: dict with value or min/max, currency, equivalents."""
    cur = (pred_amt.get("currency") or "").upper()
    targets = [gold] + list(gold.get("equivalents") or [])
    for t in targets:
        if cur != (t.get("currency") or "").upper():
            continue
        if t.get("value") is not None:
            for k in ("value", "min", "max"):
                if close(pred_amt.get(k), t["value"]) and (
                    k == "value" or pred_amt.get("value") is None
                ):
                    return True
        else:
            if close(pred_amt.get("min"), t.get("min")) and close(
                pred_amt.get("max"), t.get("max")
            ):
                return True
    return False


def subject_ok(pred: Record, gold: Record) -> bool:
    g = gold.get("subject")
    p = name_of(pred.get("subject"))
    if g is None:
        return p is None or norm_name(p) == ""
    if not p:
        return False
    pn = norm_name(p)
    for cand in [g] + list(gold.get("aliases") or []):
        cn = norm_name(cand)
        if cn and (cn == pn or cn in pn or pn in cn):
            return True
    return False


def year_of(pred: Record) -> Any:
    per = pred.get("period")
    if isinstance(per, dict):
        return per.get("year")
    if isinstance(per, int):
        return per
    return pred.get("year")


def sources_ok(pred: Record, gold: Record) -> bool:
    gs = [norm_name(s) for s in gold.get("sources") or []]
    ps = [norm_name(name_of(s)) for s in pred.get("sources") or []]
    ps = [p for p in ps if p]
    if not gs:
        return True  # unattributed gold: any attribution guess is tolerated
    return all(any(g == p or g in p or p in g for p in ps) for g in gs)


def load_pred(path: str | Path) -> dict[str, list[Record]]:
    by_doc: dict[str, list[Record]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            kind = rec.get("kind")
            if kind not in (None, "spending"):
                continue
            if not amounts_of(rec):
                continue
            by_doc[norm_doc(rec.get("doc_id", ""))].append(rec)
    return by_doc


def match(
    gold: Record, pred_by_doc: dict[str, list[Record]]
) -> tuple[list[Match], list[tuple[str, Record]]]:
    """Link gold claims to predictions as score.py does.

    RETURNS: the scored gold claims, each with its best-linked prediction (None when no
    prediction has its amount), and the predictions no gold claim (optional ones included)
    accounts for, each with its gold document name.
    """
    matches: list[Match] = []
    extras: list[tuple[str, Record]] = []
    for doc, g in gold["docs"].items():
        claims = g.get("claims", [])
        preds = pred_by_doc.get(norm_doc(doc), [])
        used = set()
        for gc in claims:
            hit = None
            for pi, p in enumerate(preds):
                if any(amount_matches(a, gc) for a in amounts_of(p)):
                    hit = pi if hit is None else hit
                    used.add(pi)
            if gc.get("optional"):
                continue
            if hit is None:
                matches.append(Match(doc, gc, None))
                continue
            # choose the best-linked duplicate for attribute scoring
            cands = [
                preds[i]
                for i in sorted(used)
                if any(amount_matches(a, gc) for a in amounts_of(preds[i]))
            ]
            best = max(
                cands,
                key=lambda q: (
                    subject_ok(q, gc),
                    year_of(q) == gc.get("year"),
                    sources_ok(q, gc),
                ),
            )
            matches.append(Match(doc, gc, best))
        extras.extend((doc, p) for pi, p in enumerate(preds) if pi not in used)
    return matches, extras


def score(gold: Record, pred_by_doc: dict[str, list[Record]]) -> dict[str, Any]:
    """The figures `score.py GOLD PRED --json` prints."""
    matches, extras = match(gold, pred_by_doc)
    fp = len(extras)
    tp = fn = 0
    subj = year = src = full = 0
    hard_tp = hard_n = 0
    for m in matches:
        gc, best = m.gold, m.best
        if gc.get("hard"):
            hard_n += 1
        if best is None:
            fn += 1
            continue
        tp += 1
        s_ok, y_ok, r_ok = (
            subject_ok(best, gc),
            year_of(best) == gc.get("year"),
            sources_ok(best, gc),
        )
        subj += s_ok
        year += y_ok
        src += r_ok
        full += s_ok and y_ok and r_ok
        if gc.get("hard") and s_ok and y_ok and r_ok:
            hard_tp += 1
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    fullP = full / (tp + fp) if tp + fp else 0.0
    fullR = full / (tp + fn) if tp + fn else 0.0
    fullF = 2 * fullP * fullR / (fullP + fullR) if fullP + fullR else 0.0
    return {
        "gold_claims": tp + fn,
        "predicted_unmatched": fp,
        "tp": tp,
        "amount_P": round(P, 3),
        "amount_R": round(R, 3),
        "amount_F1": round(F, 3),
        "subject_acc": round(subj / tp, 3) if tp else 0.0,
        "year_acc": round(year / tp, 3) if tp else 0.0,
        "source_acc": round(src / tp, 3) if tp else 0.0,
        "claim_F1": round(fullF, 3),
        "hard_linked": f"{hard_tp}/{hard_n}",
    }
