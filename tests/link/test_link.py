"""The linker, table-driven: a short article in, the expected claims out.

WIRE rows are Reuters-21578 style stories (1987, hard-wrapped, "dlrs", "it said");
WEB rows are modern technology reporting like the seed articles in corpus/;
NOT_SPENDING rows must yield no spending claim at all; KNOWN_GAPS are strict xfails.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from spacy.language import Language

from models import Claim, Settings
from pipeline.link.linker import extract_text


class Expect(NamedTuple):
    subject: str | None
    value: float | tuple[float, float]
    currency: str
    year: int | None
    sources: tuple[str, ...] = ()


class Case(NamedTuple):
    name: str
    text: str
    date: dt.date | None
    claims: tuple[Expect, ...]


D87 = dt.date(1987, 3, 20)

WIRE = [
    Case(
        "budget_fiscal_year_by_start",
        "1987-03-20\nSUPER VALU SETS LOWER CAPITAL SPENDING\nMINNEAPOLIS, March 20 - Super Valu "
        "Stores Inc said its\ncapital budget for the fiscal year beginning March One is 330\n"
        "mln dlrs.\n    It said it spent 363.7 mln dlrs last year.\n Reuter\n",
        D87,
        (
            Expect("Super Valu Stores Inc", 330e6, "USD", 1987, ("Super Valu Stores Inc",)),
            Expect("Super Valu Stores Inc", 363.7e6, "USD", 1986, ("Super Valu Stores Inc",)),
        ),
    ),
    Case(
        "price_paid_in_cash",
        "LONDON, April 2 - Hanson Trust Plc said it agreed to buy Kidde Inc\nfor 1.7 billion "
        "dlrs in cash.\n",
        dt.date(1987, 4, 2),
        (Expect("Hanson Trust Plc", 1.7e9, "USD", None, ("Hanson Trust Plc",)),),
    ),
    Case(
        "change_targets_continue_spending",
        "LONDON, April 3 - Capital spending by the U.K. chemical industry rose to 1.45\n"
        "billion stg in 1987.\n    A further increase to 1.52 billion stg is expected in "
        "1988.\n",
        dt.date(1987, 4, 3),
        (
            Expect("U.K. chemical industry", 1.45e9, "GBP", 1987),
            Expect("U.K. chemical industry", 1.52e9, "GBP", 1988),
        ),
    ),
    Case(
        "two_years_in_one_sentence",
        "MAYTAG SEES CAPITAL SPENDING UP\nNEWTON, Iowa, March 25 - Maytag Co said it expects "
        "capital\nspending in 1987 to increase to about 60 mln dlrs from 49 mln\ndlrs in 1986.\n",
        D87,
        (
            Expect("Maytag Co", 60e6, "USD", 1987, ("Maytag Co",)),
            Expect("Maytag Co", 49e6, "USD", 1986, ("Maytag Co",)),
        ),
    ),
    Case(
        "acquisition_reported_by_press",
        "MILAN, March 2 - Montedison Spa <MONI.MI> said it has\nconcluded its talks with "
        "<Antibioticos SA>.\n    An Italian press report today said Montedison has agreed to "
        "acquire\nAntibioticos for 500 billion lire.\n REUTER\n",
        D87,
        (Expect("Montedison", 500e9, "ITL", None, ("Italian press report",)),),
    ),
    Case(
        "invest_with_trailing_attribution",
        "LONDON, June 1 - Ford Motor Co <F> is to invest 23 mln stg\nin high technology "
        "equipment at its Bridgend engine plant in\nSouth Wales, the Press Association said.\n",
        dt.date(1987, 6, 1),
        (Expect("Ford Motor Co", 23e6, "GBP", None, ("Press Association",)),),
    ),
    Case(
        "comparison_base_is_year_before",
        "TOKYO, March 25 - <Nisshin Steel Co Ltd> said it will spend 10.7 billion yen\nin "
        "1987/88 for rationalisation and facility improvements, down\nfrom 32.1 billion a "
        "year earlier.\n",
        D87,
        (
            Expect("Nisshin Steel Co Ltd", 10.7e9, "JPY", 1987, ("Nisshin Steel Co Ltd",)),
            Expect("Nisshin Steel Co Ltd", 32.1e9, "JPY", 1986, ("Nisshin Steel Co Ltd",)),
        ),
    ),
    Case(
        "buyer_of_business",
        "LONDON, Oct 20 - <Corby Distilleries Ltd> is to buy the spirits business of\n"
        "<McGuinness Distillers Ltd> of Toronto for 45 mln Canadian dlrs.\n",
        dt.date(1987, 10, 20),
        (Expect("Corby Distilleries Ltd", 45e6, "CAD", None),),
    ),
]

WEB = [
    Case(
        "equivalent_is_one_claim",
        "ByteDance is raising its planned AI spending for 2026 to over 200 billion yuan "
        "(roughly $30 billion).\nWhen you look at the numbers reported by The Decoder, the "
        "$30 billion figure looks modest.",
        None,
        (Expect("ByteDance", 200e9, "CNY", 2026, ("The Decoder",)),),
    ),
    Case(
        "two_spenders_share_an_amount",
        "For comparison, Microsoft allocated about $55.7B of capex recently. Google and "
        "Amazon each topped $50B, dwarfing Chinese efforts.",
        None,
        (
            Expect("Microsoft", 55.7e9, "USD", None),
            Expect("Google", 50e9, "USD", None),
            Expect("Amazon", 50e9, "USD", None),
        ),
    ),
    Case(
        "bullet_with_according_to",
        "ByteDance infrastructure spend is disputed. ByteDance claims the details are "
        "inaccurate.\n- Rmb150bn earmarked for 2025, according to Reuters.\n- $7B allocated "
        "for overseas Nvidia GPUs, The Information reports.\nByteDance declined to comment.",
        None,
        (
            Expect("ByteDance", 150e9, "CNY", 2025, ("Reuters",)),
            Expect("ByteDance", 7e9, "USD", None, ("The Information",)),
        ),
    ),
    Case(
        "flattened_table_under_header",
        "The table below compares them.\n\nCompany Reported 2024 AI-related CapEx Focus\n"
        "Microsoft $50 Billion+ (overall CapEx) Azure\nMeta Platforms $35-40 Billion (overall "
        "CapEx) Llama\n",
        None,
        (
            Expect("Microsoft", 50e9, "USD", 2024),
            Expect("Meta Platforms", (35e9, 40e9), "USD", 2024),
        ),
    ),
    Case(
        "plan_with_fiscal_year_and_writer",
        "Microsoft plans to spend $80 billion on AI-enabled data centers in fiscal 2025, "
        "Vice Chair Brad Smith wrote in a blog post.",
        None,
        (Expect("Microsoft", 80e9, "USD", 2025, ("Brad Smith",)),),
    ),
    Case(
        "range_of_capex_with_speaker",
        "Meta expects capital expenditures of $60-65 billion in 2025, Mark Zuckerberg said.",
        None,
        (Expect("Meta", (60e9, 65e9), "USD", 2025, ("Mark Zuckerberg",)),),
    ),
    Case(
        "contract_awarded_by",
        "The Pentagon awarded Lockheed Martin a $1.2bn contract to build missiles.",
        None,
        (Expect("Pentagon", 1.2e9, "USD", None),),
    ),
    Case(
        "government_announces_money_for",
        "The UK government announced £2.5bn for AI compute on Tuesday.",
        None,
        (Expect("UK government", 2.5e9, "GBP", None, ("UK government",)),),
    ),
    Case(
        "equivalent_and_horizon",
        "Alibaba will invest at least 380 billion yuan ($53 billion) in AI infrastructure "
        "over the next three years, the company said.",
        None,
        (Expect("Alibaba", 380e9, "CNY", None, ("Alibaba",)),),
    ),
    Case(
        "spender_is_the_speaker",
        "Google parent Alphabet said capital spending would be about $75 billion in 2025.",
        None,
        (Expect("Alphabet", 75e9, "USD", 2025, ("Alphabet",)),),
    ),
    Case(
        "people_familiar_are_no_source",
        "According to people familiar with the matter, Meta is in talks to spend $10 billion "
        "on a data center in Louisiana.",
        None,
        (Expect("Meta", 10e9, "USD", None),),
    ),
    Case(
        "acquisition_of_described_target",
        "Alphabet's Google is in advanced talks to acquire cybersecurity startup Wiz for about "
        "$23 billion, people familiar with the matter told Bloomberg News.",
        None,
        (Expect("Google", 23e9, "USD", None, ("Bloomberg News",)),),
    ),
    Case(
        "contract_worth_from_awarder",
        "Boeing won a contract worth up to $2.3 billion from the U.S. Air Force to build "
        "tankers, a Boeing spokesman said.",
        None,
        (Expect("U.S. Air Force", 2.3e9, "USD", None, ("Boeing",)),),
    ),
    Case(
        "seller_phrasing_names_the_buyer",
        "Intel has agreed to sell a 49% stake in its Ireland factory venture to Apollo for "
        "$11 billion.",
        None,
        (Expect("Apollo", 11e9, "USD", None),),
    ),
    Case(
        "speaker_is_it",
        "SoftBank Group will pay 1.2 trillion yen for a stake in the chip designer. TSMC said "
        "it expects capital expenditure of $38 billion to $42 billion for 2025.",
        None,
        (
            Expect("SoftBank Group", 1.2e12, "JPY", None),
            Expect("TSMC", (38e9, 42e9), "USD", 2025, ("TSMC",)),
        ),
    ),
    Case(
        "possessor_of_passive_capex",
        "SoftBank will invest $19 billion in Stargate. Tesla's capex is expected to exceed "
        "$11 billion in 2025, the company said.",
        None,
        (Expect("SoftBank", 19e9, "USD", None), Expect("Tesla", 11e9, "USD", 2025, ("Tesla",))),
    ),
    Case(
        "relative_year_without_date_stays_null",
        "ByteDance is preparing to unleash $23 billion in capital expenditure next year.",
        None,
        (Expect("ByteDance", 23e9, "USD", None),),
    ),
]

NOT_SPENDING = [
    Case(
        "profit_and_dividend",
        "ZURICH, March 19 - Swissair reported a drop in 1986 net profit to 64.5 mln Swiss "
        "francs and said it would cut its payout to 33 francs per share.\n",
        D87,
        (),
    ),
    Case(
        "loan_received",
        "The International Development Association said it approved a 114 mln dlr credit "
        "for India.\n",
        D87,
        (),
    ),
    Case(
        "bonds_bought_by_central_bank",
        "TOKYO, Oct 21 - The Bank of Japan bought around 50 billion\nyen of 10-year government "
        "bonds, bond traders said.\n",
        D87,
        (),
    ),
    Case(
        "borrowing",
        "The state bank is making its first foreign borrowing, 300 mln dlrs to finance a "
        "large ethylene plant, the People's Daily said.",
        D87,
        (),
    ),
    Case(
        "raised_at_valuation",
        "OpenAI raised $6.6 billion at a $157 billion valuation. Apple shares rose 2% to $230.",
        None,
        (),
    ),
    Case(
        "raising_money_and_market_value",
        "xAI is raising $12 billion to buy Nvidia chips. Nvidia's market value topped $3 trillion.",
        None,
        (),
    ),
    Case(
        "net_income_and_money_market",
        "LONDON - Shearson earned 316 mln dlrs of the group's 1.25 billion dlrs net in 1986. "
        "The Bank provided the money market 456 mln stg assistance.",
        dt.date(1987, 3, 2),
        (),
    ),
    Case(
        "revenue_and_per_unit",
        "Nvidia reported revenue of $35 billion. Silver traded at 7.40 dlrs an ounce.",
        None,
        (),
    ),
]

KNOWN_GAPS = [
    Case(
        # The spender is named only in the previous sentence's object ("a package").
        "government_named_two_sentences_back",
        "PARIS - Seguin said Prime Minister Jacques Chirac would announce a package of capital "
        "endowments.\nBut officials said only 8.6 billion francs had been set aside.\n",
        D87,
        (Expect("Jacques Chirac", 8.6e9, "FRF", None, ("officials",)),),
    ),
    Case(
        # A Markdown table as pipeline.ingest.markdown renders it: each row a sentence of
        # its own, the spending word only in the header row. find_table_rows reads the
        # rows, but the planner parses no sentence (none with an amount has a cue word)
        # and extract_document returns early.
        "rendered_markdown_table_rows",
        "Spending plans compared.\n\nCompany | 2026 capex\n\nNorthwind | $2 billion\n\n"
        "Borealis Mining | $1.5 billion",
        None,
        (
            Expect("Northwind", 2e9, "USD", 2026),
            Expect("Borealis Mining", 1.5e9, "USD", 2026),
        ),
    ),
]


def _spending(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind == "spending"]


def _value(claim: Claim) -> float | tuple[float, float]:
    assert claim.amount is not None
    if claim.amount.value is not None:
        return claim.amount.value
    assert claim.amount.min is not None and claim.amount.max is not None
    return (claim.amount.min, claim.amount.max)


def _got(claims: list[Claim]) -> set[Expect]:
    return {
        Expect(
            c.subject.name if c.subject else None,
            _value(c),
            c.amount.currency if c.amount and c.amount.currency else "",
            c.period.year if c.period else None,
            tuple(sorted(s.name for s in c.sources)),
        )
        for c in _spending(claims)
    }


@pytest.mark.parametrize(
    "case",
    WIRE
    + WEB
    + NOT_SPENDING
    + [pytest.param(c, marks=pytest.mark.xfail(strict=True)) for c in KNOWN_GAPS],
    ids=lambda c: c.name,
)
def test_link_claims(case: Case, nlp: Language) -> None:
    claims = extract_text(case.text, nlp=nlp, date=case.date, doc_id=case.name)
    want = {e._replace(sources=tuple(sorted(e.sources))) for e in case.claims}
    assert _got(claims) == want


@pytest.mark.parametrize("case", WIRE + WEB + NOT_SPENDING, ids=lambda c: c.name)
def test_link_claims_parse_all(case: Case, nlp: Language) -> None:
    """The same claims when every sentence is parsed: a NOT_SPENDING row holds because its
    rules say "not", not because the pre-parse filter never picked its sentence."""
    settings = Settings(parse_all=True)
    claims = extract_text(case.text, nlp=nlp, date=case.date, doc_id=case.name, settings=settings)
    want = {e._replace(sources=tuple(sorted(e.sources))) for e in case.claims}
    assert _got(claims) == want


def test_link_claim_fields_are_consistent(nlp: Language) -> None:
    text = WIRE[0].text
    claims = extract_text(text, nlp=nlp, date=D87, doc_id="sv.txt")
    for claim in claims:
        assert claim.amount is not None
        assert text[claim.amount.start : claim.amount.end] == claim.amount.text
        for ev in claim.evidence:
            assert text[ev.start : ev.end] == ev.sentence
        if claim.subject and claim.subject.start is not None:
            assert text[claim.subject.start : claim.subject.end] == claim.subject.name
        assert claim.rules, "every claim says which rules produced it"
        assert 0 < claim.confidence <= 1


def test_link_claim_ids_are_stable(nlp: Language) -> None:
    first = extract_text(WEB[1].text, nlp=nlp, doc_id="a.txt")
    second = extract_text(WEB[1].text, nlp=nlp, doc_id="a.txt")
    assert [c.claim_id for c in first] == [c.claim_id for c in second]
    assert len({c.claim_id for c in first}) == len(first)


def test_link_repeated_mentions_are_one_claim(nlp: Language) -> None:
    text = (
        "ByteDance's $23 Billion AI Gambit\n"
        "ByteDance is preparing to unleash $23 billion in capital expenditure next year.\n"
        "A figure like $23 billion is not for software licenses."
    )
    claims = _spending(extract_text(text, nlp=nlp))
    assert len(claims) == 1
    assert len(claims[0].evidence) == 3
    assert claims[0].period is not None and claims[0].period.text == "next year"


def test_link_denial_flags_dispute(nlp: Language) -> None:
    claims = _spending(extract_text(WEB[2].text, nlp=nlp))
    assert all("disputed" in c.flags for c in claims)


def test_link_percent_change(nlp: Language) -> None:
    text = (
        "According to Bloomberg, ByteDance is set to ramp up its capital expenditure. "
        "The organization is planning a 25 percent increase in AI infrastructure spending."
    )
    claims = extract_text(text, nlp=nlp)
    changes = [c for c in claims if c.kind == "change"]
    assert [(c.change_pct, c.subject.name if c.subject else None) for c in changes] == [
        (25.0, "ByteDance")
    ]


def test_link_change_pct_on_claim(nlp: Language) -> None:
    text = (
        "TOKYO, March 25 - Nippon Steel Corp said it will\ncut its capital spending by 36.4 "
        "pct to 105 billion yen in the\nyear starting April 1.\n"
    )
    (claim,) = _spending(extract_text(text, nlp=nlp, date=dt.date(1987, 3, 25)))
    assert claim.change_pct == -36.4
    assert claim.period is not None and claim.period.year == 1987
    assert "planned" in claim.flags


def test_link_extract_many_equals_one_by_one(nlp: Language) -> None:
    from models import Document, Settings
    from pipeline.link.linker import extract_document, extract_many

    docs = [Document(id=c.name, text=c.text, date=c.date) for c in WIRE + WEB + NOT_SPENDING]
    settings = Settings()
    assert extract_many(docs, nlp, settings) == [extract_document(d, nlp, settings) for d in docs]
