"""Run extraction over a corpus and write JSONL.

PLACEHOLDER VERSION: replaced by the batch runner (issue 5).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from spacy.language import Language

from models import DocRecord, Settings
from pipeline.ingest import iter_documents
from pipeline.link import extract_document
from pipeline.nlp import load_nlp


def extract_corpus(
    corpus: Path, out_path: Path, *, settings: Settings | None = None, nlp: Language | None = None
) -> int:
    """Extract claims from every article of `corpus` into `out_path`; return the claim count."""
    settings = settings or Settings()
    nlp = nlp or load_nlp()
    n = 0
    docs_path = out_path.with_suffix(".docs.jsonl")
    with out_path.open("w", encoding="utf-8") as out, docs_path.open("w", encoding="utf-8") as dout:
        for doc in iter_documents(corpus, default_date=settings.default_date):
            for claim in extract_document(doc, nlp, settings):
                out.write(claim.model_dump_json() + "\n")
                n += 1
            rec = DocRecord(doc_id=doc.id, text=doc.text, date=doc.date, url=doc.url)
            dout.write(rec.model_dump_json() + "\n")
    return n


def extract_corpus_cli(args: argparse.Namespace) -> int:
    """Run `newsclaims extract` from parsed arguments; return the exit status."""
    date = dt.date.fromisoformat(args.date) if args.date else None
    settings = Settings(default_dollar=args.dollar, default_date=date)
    n = extract_corpus(Path(args.corpus), args.output, settings=settings)
    print(f"{n} claims written to {args.output}")
    return 0
