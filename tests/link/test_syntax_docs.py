"""The subject and source rules (pipeline/link/subject.py, sources.py) on hand-built parses.

As in test_spending_docs.py, each row is a Doc built by hand (`word:POS:dep:head[:ENT]`,
see `build_doc` in hand_docs.py), so a rule is tested apart from the statistical parser.
Subject rows call `subject.find_subject` on the amount and assert the rule and the names it
gives; source rows call `sources.find_speakers` and assert the (speaker, rule) pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from hand_docs import build_doc
from spacy.language import Language

from pipeline.link import sources, subject
from pipeline.link.rules import RuleId
from pipeline.link.subject import ClauseSite, Found

R = RuleId


class SubjectRow(NamedTuple):
    name: str
    tokens: str
    amount: tuple[int, ...]  # the amount's tokens, its head token first
    rule: str
    names: tuple[str, ...]


class SourceRow(NamedTuple):
    name: str
    tokens: str
    amount: tuple[int, ...]
    found: tuple[tuple[str, str], ...]  # (speaker word, rule)


# "DET NOUN will VERB 2 bln dlrs." (the subject is one token)
def _clause(det: str, noun: str, pos: str, verb: str, ent: str = "") -> str:
    label = f":{ent}" if ent else ""
    return (
        f"{det}:DET:det:1 {noun}:{pos}:nsubj:3{label} will:AUX:aux:3 {verb}:VERB:ROOT:3 "
        "2:NUM:compound:5 bln:NUM:nummod:6 dlrs:NOUN:dobj:3 .:PUNCT:punct:3"
    )


CLAUSE = (6, 4, 5)


# "The plant will be financed PREP NAME with 2 bln dlrs."
def _financed(prep: str, dep: str, word: str, pos: str, ent: str = "") -> str:
    label = f":{ent}" if ent else ""
    return (
        "The:DET:det:1 plant:NOUN:nsubjpass:4 will:AUX:aux:4 be:AUX:auxpass:4 "
        f"financed:VERB:ROOT:4 {prep}:ADP:{dep}:4 {word}:{pos}:pobj:5{label} with:ADP:prep:4 "
        "2:NUM:compound:9 bln:NUM:nummod:10 dlrs:NOUN:pobj:7 .:PUNCT:punct:4"
    )


# "Harbor's budget of 2 bln dlrs was approved." / "The budget of 2 bln dlrs was approved."
OWNED_BUDGET = (
    "Harbor:PROPN:poss:2:ORG 's:PART:case:0 budget:NOUN:nsubjpass:8 of:ADP:prep:2 "
    "2:NUM:compound:5 bln:NUM:nummod:6 dlrs:NOUN:pobj:3 was:AUX:auxpass:8 "
    "approved:VERB:ROOT:8 .:PUNCT:punct:8"
)
BARE_BUDGET = (
    "A:DET:det:1 budget:NOUN:nsubjpass:7 of:ADP:prep:1 2:NUM:compound:4 bln:NUM:nummod:5 "
    "dlrs:NOUN:pobj:2 was:AUX:auxpass:7 approved:VERB:ROOT:7 .:PUNCT:punct:7"
)


# "Northwind sold its unit PREP NAME for 2 bln dlrs."
def _sold(prep: str, word: str, ent: str) -> str:
    return (
        "Northwind:PROPN:nsubj:1:ORG sold:VERB:ROOT:1 its:PRON:poss:3 unit:NOUN:dobj:1 "
        f"{prep}:ADP:prep:1 {word}:PROPN:pobj:4:{ent} for:ADP:prep:1 2:NUM:compound:8 "
        "bln:NUM:nummod:9 dlrs:NOUN:pobj:6 .:PUNCT:punct:1"
    )


SOLD = (9, 7, 8)


# "Harbor will get 2 bln dlrs from PAYER." (PAYER: one token)
def _get_from(word: str, pos: str, ent: str = "") -> str:
    label = f":{ent}" if ent else ""
    return (
        "Harbor:PROPN:nsubj:2:ORG will:AUX:aux:2 get:VERB:ROOT:2 2:NUM:compound:4 "
        f"bln:NUM:nummod:5 dlrs:NOUN:dobj:2 from:ADP:prep:5 {word}:{pos}:pobj:6{label} "
        ".:PUNCT:punct:2"
    )


GET = (5, 3, 4)


# "Delta's NOUN will buy a mill for 2 bln dlrs."
def _owned(noun: str) -> str:
    return (
        f"Delta:PROPN:poss:2:ORG 's:PART:case:0 {noun}:NOUN:nsubj:4 will:AUX:aux:4 "
        "buy:VERB:ROOT:4 a:DET:det:6 mill:NOUN:dobj:4 for:ADP:prep:4 2:NUM:compound:9 "
        "bln:NUM:nummod:10 dlrs:NOUN:pobj:7 .:PUNCT:punct:4"
    )


OWNED = (10, 8, 9)

# "Acme raised 200 mln dlrs in a round led by Sequoia Capital and Accel." / "... a round."
ROUND_LED = (
    "Acme:PROPN:nsubj:1:ORG raised:VERB:ROOT:1 200:NUM:nummod:4 mln:NOUN:compound:4 "
    "dlrs:NOUN:dobj:1 in:ADP:prep:1 a:DET:det:7 round:NOUN:pobj:5 led:VERB:acl:7 "
    "by:ADP:agent:8 Sequoia:PROPN:compound:11:ORG Capital:PROPN:pobj:9:ORG and:CCONJ:cc:11 "
    "Accel:PROPN:conj:11:ORG .:PUNCT:punct:1"
)
ROUND_UNNAMED = (
    "Acme:PROPN:nsubj:1:ORG raised:VERB:ROOT:1 200:NUM:nummod:4 mln:NOUN:compound:4 "
    "dlrs:NOUN:dobj:1 in:ADP:prep:1 a:DET:det:7 round:NOUN:pobj:5 .:PUNCT:punct:1"
)
ROUND = (4, 2, 3)


# "Editas, with $43 million from the PAYER, is hiring chemists."
def _with_from(word: str, pos: str, ent: str = "") -> str:
    label = f":{ent}" if ent else ""
    return (
        "Editas:PROPN:nsubj:11:ORG ,:PUNCT:punct:0 with:ADP:prep:0 $:SYM:quantmod:5 "
        "43:NUM:compound:5 million:NUM:pobj:2 from:ADP:prep:5 the:DET:det:8 "
        f"{word}:{pos}:pobj:6{label} ,:PUNCT:punct:0 is:AUX:aux:11 hiring:VERB:ROOT:11 "
        "chemists:NOUN:dobj:11 .:PUNCT:punct:11"
    )


WITH = (5, 3, 4)

SUBJECTS = [
    SubjectRow(
        "named_subject",
        _clause("The", "Treasury", "PROPN", "cost", "ORG"),
        CLAUSE,
        R.SUBJECT_NSUBJ,
        ("Treasury",),
    ),
    SubjectRow(
        "subject_not_an_actor",
        _clause("The", "weather", "NOUN", "cost"),
        CLAUSE,
        R.SUBJECT_NOT_AN_ACTOR,
        (),
    ),
    SubjectRow(
        "the_budget_is_a_description",
        _clause("The", "budget", "NOUN", "provide"),
        CLAUSE,
        R.SUBJECT_DEFINITE_DESCRIPTION,
        ("budget",),
    ),
    SubjectRow(
        "a_budget_describes_nothing",
        _clause("A", "budget", "NOUN", "provide"),
        CLAUSE,
        R.SUBJECT_NONE,
        (),
    ),
    SubjectRow(
        "financed_by_named",
        _financed("by", "agent", "Harbor", "PROPN", "ORG"),
        (10, 8, 9),
        R.SUBJECT_PASSIVE_AGENT,
        ("Harbor",),
    ),
    SubjectRow(
        "financed_in_full", _financed("in", "prep", "full", "ADJ"), (10, 8, 9), R.SUBJECT_NONE, ()
    ),
    SubjectRow("owner_of_budget", OWNED_BUDGET, (6, 4, 5), R.SUBJECT_OWNER_OF_NOUN, ("Harbor",)),
    SubjectRow("budget_of_nobody", BARE_BUDGET, (5, 3, 4), R.SUBJECT_NONE, ()),
    SubjectRow(
        "the_budget_named_before",
        BARE_BUDGET.replace("A:DET", "The:DET"),
        (5, 3, 4),
        R.SUBJECT_DEFINITE_OWN_NOUN,
        ("budget",),
    ),
    SubjectRow(
        "sold_to_named_buyer", _sold("to", "Aero", "ORG"), SOLD, R.SUBJECT_BUYER_OF_SALE, ("Aero",)
    ),
    SubjectRow(
        "sold_on_a_day", _sold("on", "Monday", "DATE"), SOLD, R.SUBJECT_NSUBJ, ("Northwind",)
    ),
    SubjectRow(
        "get_from_named_payer",
        _get_from("Arden", "PROPN", "ORG"),
        GET,
        R.SUBJECT_PAYER_OF_RECIPIENT,
        ("Arden",),
    ),
    SubjectRow("get_from_sales", _get_from("sales", "NOUN"), GET, R.SUBJECT_RECIPIENT_ONLY, ()),
    SubjectRow(
        "subsidiary_buys", _owned("subsidiary"), OWNED, R.SUBJECT_PARENT_OF_UNIT, ("Delta",)
    ),
    SubjectRow("chairman_buys", _owned("chairman"), OWNED, R.SUBJECT_NOT_AN_ACTOR, ()),
    SubjectRow(
        "round_led_by_investors", ROUND_LED, ROUND, R.SUBJECT_INVESTORS, ("Capital", "Accel")
    ),
    SubjectRow("round_with_no_investor", ROUND_UNNAMED, ROUND, R.SUBJECT_NSUBJ, ("Acme",)),
    SubjectRow(
        "money_from_named_payer",
        _with_from("Sequoia", "PROPN", "ORG"),
        WITH,
        R.SUBJECT_PAYER,
        ("Sequoia",),
    ),
    SubjectRow(
        "money_from_the_bank", _with_from("bank", "NOUN"), WITH, R.SUBJECT_NSUBJ, ("Editas",)
    ),
]


class ClauseRow(NamedTuple):
    name: str
    rule: Callable[[ClauseSite], subject.Verdict | None]
    tokens: str
    verb: int  # the clause's verb
    amount: tuple[int, ...]
    want: str | tuple[str, ...] | None  # "up", the names found, or None (does not apply)
    inner: RuleId | None = None  # the rule id a Found hands on, when it sets one


# "DET NOUN will VERB 2 bln dlrs." with "Sources" or a name as subject
SOURCES_SPEND = _clause("The", "sources", "NOUN", "spend")
# "[That Acme bought | Buying] the plant cost 2 bln dlrs."
THAT_ACME_BOUGHT = (
    "That:SCONJ:mark:2 Acme:PROPN:nsubj:2:ORG bought:VERB:csubj:5 the:DET:det:4 "
    "plant:NOUN:dobj:2 cost:VERB:ROOT:5 2:NUM:compound:7 bln:NUM:nummod:8 dlrs:NOUN:dobj:5 "
    ".:PUNCT:punct:5"
)
BUYING = (
    "Buying:VERB:csubj:3 the:DET:det:2 plant:NOUN:dobj:0 cost:VERB:ROOT:3 2:NUM:compound:5 "
    "bln:NUM:nummod:6 dlrs:NOUN:dobj:3 .:PUNCT:punct:3"
)


# "OWNER spending will rise to 2 bln dlrs." / "OWNER capex is expected to exceed 2 bln dlrs."
def _owned_spending(owner: str) -> str:
    first = "Tesla:PROPN:poss:2:ORG 's:PART:case:0" if owner else "The:DET:det:2 new:ADJ:amod:2"
    return (
        f"{first} spending:NOUN:nsubj:4 will:AUX:aux:4 rise:VERB:ROOT:4 to:ADP:prep:4 "
        "2:NUM:compound:7 bln:NUM:nummod:8 dlrs:NOUN:pobj:5 .:PUNCT:punct:4"
    )


def _owned_capex(owner: str) -> str:
    first = "Tesla:PROPN:poss:2:ORG 's:PART:case:0" if owner else "The:DET:det:2 new:ADJ:amod:2"
    return (
        f"{first} capex:NOUN:nsubjpass:4 is:AUX:auxpass:4 expected:VERB:ROOT:4 to:PART:aux:6 "
        "exceed:VERB:xcomp:4 2:NUM:compound:8 bln:NUM:nummod:9 dlrs:NOUN:dobj:6 "
        ".:PUNCT:punct:4"
    )


CLAUSES = [
    ClauseRow("sources_are_no_spender", subject.not_a_spender, SOURCES_SPEND, 3, CLAUSE, "up"),
    ClauseRow(
        "a_name_is_a_spender",
        subject.not_a_spender,
        _clause("The", "Treasury", "PROPN", "spend", "ORG"),
        3,
        CLAUSE,
        None,
    ),
    ClauseRow(
        "clausal_subject_with_its_own_subject",
        subject.clausal_subject,
        THAT_ACME_BOUGHT,
        5,
        (8, 6, 7),
        ("Acme",),
        None,  # the clausal rule's own id is recorded (subject.clausal)
    ),
    ClauseRow("clausal_subject_naming_no_one", subject.clausal_subject, BUYING, 3, (6, 4, 5), "up"),
    ClauseRow(
        "no_clausal_subject",
        subject.clausal_subject,
        _clause("The", "Treasury", "PROPN", "cost", "ORG"),
        3,
        CLAUSE,
        None,
    ),
    ClauseRow(
        "owner_of_spending_subject",
        subject.owner_of_subject_noun,
        _owned_spending("Tesla"),
        4,
        (8, 6, 7),
        ("Tesla",),
    ),
    ClauseRow(
        "spending_subject_of_nobody",
        subject.owner_of_subject_noun,
        _owned_spending(""),
        4,
        (8, 6, 7),
        None,
    ),
    ClauseRow(
        "owner_of_passive_capex",
        subject.owner_of_passive_noun,
        _owned_capex("Tesla"),
        4,
        (9, 7, 8),
        ("Tesla",),
    ),
    ClauseRow(
        "passive_capex_of_nobody",
        subject.owner_of_passive_noun,
        _owned_capex(""),
        4,
        (9, 7, 8),
        None,
    ),
]
# the same parses through the whole subject decision
SUBJECTS += [
    SubjectRow(
        "owner_of_spending_subject",
        _owned_spending("Tesla"),
        (8, 6, 7),
        R.SUBJECT_OWNER_OF_SUBJECT_NOUN,
        ("Tesla",),
    ),
    SubjectRow("clausal_subject", THAT_ACME_BOUGHT, (8, 6, 7), R.SUBJECT_CLAUSAL, ("Acme",)),
    SubjectRow("sources_as_subject", SOURCES_SPEND, CLAUSE, R.SUBJECT_NOT_A_SPENDER, ()),
]


# "WHO VERB it will spend 2 bln dlrs." (WHO: one token)
def _says(who: str, pos: str, verb: str, ent: str = "") -> str:
    label = f":{ent}" if ent else ""
    return (
        f"{who}:{pos}:nsubj:1{label} {verb}:VERB:ROOT:1 it:PRON:nsubj:4 will:AUX:aux:4 "
        "spend:VERB:ccomp:1 2:NUM:compound:6 bln:NUM:nummod:7 dlrs:NOUN:dobj:4 .:PUNCT:punct:1"
    )


SAYS = (7, 5, 6)


# "Sources told OUTLET Acme will spend 2 bln dlrs."
def _told(word: str, pos: str, ent: str = "") -> str:
    label = f":{ent}" if ent else ""
    return (
        f"Sources:NOUN:nsubj:1 told:VERB:ROOT:1 {word}:{pos}:dobj:1{label} "
        "Acme:PROPN:nsubj:5:ORG will:AUX:aux:5 spend:VERB:ccomp:1 2:NUM:compound:7 "
        "bln:NUM:nummod:8 dlrs:NOUN:dobj:5 .:PUNCT:punct:1"
    )


TOLD = (8, 6, 7)

# "Acme will spend 2 bln dlrs, according to a filing." / "..., in a filing."
ACCORDING = (
    "Acme:PROPN:nsubj:2:ORG will:AUX:aux:2 spend:VERB:ROOT:2 2:NUM:compound:4 "
    "bln:NUM:nummod:5 dlrs:NOUN:dobj:2 ,:PUNCT:punct:2 according:VERB:prep:2 to:ADP:prep:7 "
    "a:DET:det:10 filing:NOUN:pobj:8 .:PUNCT:punct:2"
)
IN_FILING = (
    "Acme:PROPN:nsubj:2:ORG will:AUX:aux:2 spend:VERB:ROOT:2 2:NUM:compound:4 "
    "bln:NUM:nummod:5 dlrs:NOUN:dobj:2 ,:PUNCT:punct:2 in:ADP:prep:2 a:DET:det:9 "
    "filing:NOUN:pobj:7 .:PUNCT:punct:2"
)
SPEND_ROOT = (5, 3, 4)


# "The plan to spend 2 bln dlrs was VERB by Nikkei."
def _by_nikkei(verb: str) -> str:
    return (
        "The:DET:det:1 plan:NOUN:nsubjpass:8 to:PART:aux:3 spend:VERB:acl:1 2:NUM:compound:5 "
        f"bln:NUM:nummod:6 dlrs:NOUN:dobj:3 was:AUX:auxpass:8 {verb}:VERB:ROOT:8 "
        "by:ADP:agent:8 Nikkei:PROPN:pobj:9:ORG .:PUNCT:punct:8"
    )


# "Acme will spend 2 bln dlrs, Harbor, making no comment, said.": a parse that lost the
# subject of "said" (Harbor hangs on the amount), or one that kept it.
def _lost_subject(dep: str, head: int) -> str:
    return (
        "Acme:PROPN:nsubj:2:ORG will:AUX:aux:2 spend:VERB:ccomp:13 2:NUM:compound:4 "
        f"bln:NUM:nummod:5 dlrs:NOUN:dobj:2 ,:PUNCT:punct:2 Harbor:PROPN:{dep}:{head}:ORG "
        ",:PUNCT:punct:2 making:VERB:advcl:2 no:DET:det:11 comment:NOUN:dobj:9 "
        ",:PUNCT:punct:2 said:VERB:ROOT:13 .:PUNCT:punct:13"
    )


SOURCES = [
    SourceRow(
        "company_said", _says("Acme", "PROPN", "said", "ORG"), SAYS, (("Acme", R.SOURCE_SPEAKER),)
    ),
    SourceRow("company_hopes", _says("Acme", "PROPN", "hopes", "ORG"), SAYS, ()),
    SourceRow(
        "sources_said", _says("Sources", "NOUN", "said"), SAYS, (("Sources", R.SOURCE_ANONYMOUS),)
    ),
    SourceRow(
        "sources_told_outlet",
        _told("Reuters", "PROPN", "ORG"),
        TOLD,
        (("Sources", R.SOURCE_ANONYMOUS), ("Reuters", R.SOURCE_TOLD_OUTLET)),
    ),
    SourceRow(
        "sources_told_reporters",
        _told("reporters", "NOUN"),
        TOLD,
        (("Sources", R.SOURCE_ANONYMOUS),),
    ),
    SourceRow("according_to_filing", ACCORDING, SPEND_ROOT, (("filing", R.SOURCE_ACCORDING_TO),)),
    SourceRow("in_a_filing", IN_FILING, SPEND_ROOT, ()),
    SourceRow(
        "reported_by_outlet", _by_nikkei("reported"), (6, 4, 5), (("Nikkei", R.SOURCE_REPORTED_BY),)
    ),
    SourceRow("backed_by_outlet", _by_nikkei("backed"), (6, 4, 5), ()),
    SourceRow(
        "speaker_left_of_said",
        _lost_subject("appos", 5),
        SPEND_ROOT,
        (("Harbor", R.SOURCE_LEFT_OF_VERB),),
    ),
    SourceRow(
        "speaker_subject_of_said",
        _lost_subject("nsubj", 13),
        SPEND_ROOT,
        (("Harbor", R.SOURCE_SPEAKER),),
    ),
]


@pytest.mark.parametrize("row", SUBJECTS, ids=lambda r: r.name)
def test_subject_rule_on_hand_built_doc(row: SubjectRow, blank_nlp: Language) -> None:
    doc = build_doc(blank_nlp, row.tokens)
    tokens, rule = subject.find_subject(doc[row.amount[0]], set(row.amount))
    assert (rule, tuple(t.text for t in tokens)) == (row.rule, row.names)


@pytest.mark.parametrize("row", CLAUSES, ids=lambda r: r.name)
def test_clause_rule_on_hand_built_doc(row: ClauseRow, blank_nlp: Language) -> None:
    """Clause rules called directly on their clause, including those that hand the decision
    on ("up", or the inner clause's rule) and so never show their own id on a claim."""
    doc = build_doc(blank_nlp, row.tokens)
    verdict = row.rule(ClauseSite(doc[row.verb], frozenset(row.amount)))
    if isinstance(verdict, Found):
        assert (tuple(t.text for t in verdict.tokens), verdict.rule) == (row.want, row.inner)
    else:
        assert verdict == row.want


@pytest.mark.parametrize("row", SOURCES, ids=lambda r: r.name)
def test_source_rule_on_hand_built_doc(row: SourceRow, blank_nlp: Language) -> None:
    doc = build_doc(blank_nlp, row.tokens)
    ids = set(row.amount)
    found = sources.find_speakers(doc[row.amount[0]], ids, doc[:], ids)
    assert tuple((t.text, rule) for t, rule in found) == row.found


def test_every_syntax_rule_has_rows() -> None:
    """Each subject rule that syntax.py gives, and each source rule, fires in some row."""
    subject_rules = {row.rule for row in SUBJECTS}
    source_rules = {rule for row in SOURCES for _, rule in row.found}
    from_syntax = {
        R.SUBJECT_NSUBJ, R.SUBJECT_PASSIVE_AGENT, R.SUBJECT_OWNER_OF_NOUN,
        R.SUBJECT_BUYER_OF_SALE, R.SUBJECT_PAYER_OF_RECIPIENT, R.SUBJECT_RECIPIENT_ONLY,
        R.SUBJECT_PARENT_OF_UNIT, R.SUBJECT_DEFINITE_DESCRIPTION, R.SUBJECT_NOT_AN_ACTOR,
        R.SUBJECT_INVESTORS, R.SUBJECT_PAYER, R.SUBJECT_NONE, R.SUBJECT_OWNER_OF_SUBJECT_NOUN,
    }  # fmt: skip
    assert from_syntax - subject_rules == set()
    assert {r for r in RuleId if r.value.startswith("source.")} - source_rules == set()
