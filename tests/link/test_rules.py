"""Every rule id of the linker, each with a sentence where it fires and one where it must not.

Each row names one `RuleId`, says whether it fires, and gives a short invented news
sentence (wire style "mln dlrs ... it said" or modern "$2bn") and the amount to look at.
A negative row is a near miss: the same construction without the cue, so that the rule
runs and declines rather than never being reached. Every text is read with
`parse_all=True`, so the pre-parse filter cannot hide a rule, and each row checks that its
sentence was parsed (the amount carries a spending decision).

Where a rule is looked for:
- spending, subject, period and sentence-kind rules: the ids `explain_text` lists on the
  amount's mention (with its `subject_rule` and `period_rule`) together with the `rules`
  of the claim `extract_text` makes of that amount (subject and period rules that only the
  merge of mentions decides, such as `subject.topic`, appear there);
- `change.percent_of_spending`: the rules of the change record whose evidence holds the
  percent (it has no amount);
- source rules: the rules `sources.find_speakers` gives for the amount, since sources carry
  no rule id on a mention or a claim.

Rows that show a rule failing where it should fire are strict xfails with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple

import pytest
from spacy.language import Language

from models import Settings
from pipeline.amounts.parse import find_amounts
from pipeline.link import sources, syntax
from pipeline.link.linker import explain_text, extract_text
from pipeline.link.rules import RuleId
from pipeline.link.spending import SPENDING_RULES, Site
from pipeline.text.sentences import parse_view, split_sentences

D87 = dt.date(1987, 3, 20)
D25 = dt.date(2025, 3, 1)
SETTINGS = Settings(parse_all=True)


class Row(NamedTuple):
    rule: RuleId
    fires: bool
    text: str
    amount: str  # the amount's text as found ("about 100 mln dlrs"), or the percent
    date: dt.date = D87
    xfail: str | None = None  # why the rule does not do what the row expects (strict)


R = RuleId

SPENDING = [
    Row(
        R.SPEND_OWN_NOUN,
        True,
        "The company reported a 1.2 billion dlr order for turbines.",
        "1.2 billion dlr",
    ),
    Row(
        R.SPEND_OWN_NOUN,
        False,
        "The company reported a 1.2 billion dlr rise in sales.",
        "1.2 billion dlr",
    ),
    Row(
        R.NOT_DELTA,
        True,
        "The company reported a 1.2 billion dlr rise in sales.",
        "1.2 billion dlr",
    ),
    Row(
        R.NOT_DELTA,
        False,
        "The company reported a 1.2 billion dlr order for turbines.",
        "1.2 billion dlr",
    ),
    Row(
        R.NOT_OWN_NOUN,
        True,
        "Borealis Mining said it arranged a 114 mln dlr credit with a group of banks.",
        "114 mln dlr",
    ),
    Row(
        R.NOT_OWN_NOUN,
        False,
        "Borealis Mining said it arranged a 114 mln dlr budget with a group of banks.",
        "114 mln dlr",
    ),
    Row(
        R.SPEND_VALUE_OF_DEAL,
        True,
        "Northwind is to supply Aero Air with 20 jets in a supply deal worth $2bn.",
        "$2bn",
        D25,
    ),
    Row(
        R.SPEND_VALUE_OF_DEAL,
        True,
        "Acme agreed to buy Kidde Inc in a deal valued at 1.7 billion dlrs.",
        "1.7 billion dlrs",
    ),
    Row(
        R.SPEND_VALUE_OF_DEAL,
        False,
        "Northwind and Aero Air signed a research deal worth $2bn.",
        "$2bn",
        D25,
    ),
    Row(
        R.NOT_PER_UNIT,
        True,
        "Cobalt Rail said it will spend 30 mln dlrs each on two new lines.",
        "30 mln dlrs",
    ),
    Row(R.NOT_PER_UNIT, True, "Aero Air will pay $40 million per jet.", "$40 million", D25),
    Row(
        R.NOT_PER_UNIT,
        False,
        "Cobalt Rail said it will spend 30 mln dlrs on two new lines.",
        "30 mln dlrs",
    ),
    Row(R.NOT_PER_UNIT, False, "Aero Air will pay $40 million for the jets.", "$40 million", D25),
    Row(
        R.NOT_DIFFERENCE,
        True,
        "The agency spent $530 million more than requested last year.",
        "$530 million",
        D25,
    ),
    Row(
        R.NOT_DIFFERENCE,
        False,
        "The agency spent $530 million on roads last year.",
        "$530 million",
        D25,
    ),
    Row(
        R.SPEND_RECEIVED_FROM,
        True,
        "Harbor Energy will get 1 billion euros from the European Investment Bank.",
        "1 billion euros",
    ),
    Row(
        R.SPEND_RECEIVED_FROM,
        True,
        "The museum will receive $40 million from Arden Holdings, officials said.",
        "$40 million",
        D25,
    ),
    Row(
        R.SPEND_RECEIVED_FROM,
        False,
        "Harbor Energy will get 1 billion euros in orders this year.",
        "1 billion euros",
    ),
    Row(
        R.SPEND_GIVEN,
        True,
        "The foundation gave nearly $5.9 million toward the campaign.",
        "nearly $5.9 million",
        D25,
    ),
    Row(
        R.SPEND_GIVEN,
        False,
        "The foundation held nearly $5.9 million in cash.",
        "nearly $5.9 million",
        D25,
    ),
    Row(
        R.NOT_MONEY_TRADED,
        True,
        "Traders sold about 300 mln dlrs in Tokyo today, dealers said.",
        "about 300 mln dlrs",
    ),
    Row(
        R.NOT_MONEY_TRADED,
        False,
        "The army bought about 100 mln dlrs of drones last year, officials said.",
        "about 100 mln dlrs",
    ),
    Row(
        R.SPEND_ANNOUNCED_FOR,
        True,
        "The government announced £2.5bn for AI research on Monday.",
        "£2.5bn",
        D25,
    ),
    Row(
        R.SPEND_ANNOUNCED_FOR,
        False,
        "The government announced £2.5bn in new borrowing on Monday.",
        "£2.5bn",
        D25,
    ),
    Row(
        R.NOT_FUNDS_RAISED,
        True,
        "Harbor Ventures said it has closed $600 million for its fourth growth fund.",
        "$600 million",
    ),
    Row(
        R.NOT_FUNDS_RAISED,
        False,
        "Harbor Ventures said it has closed $600 million for its fourth growth fund, led by "
        "Arden Capital and Velmar Partners.",
        "$600 million",
    ),
    Row(
        R.NOT_COMPARED_WITH_NOT,
        True,
        "Acme Corp said its revenue rose to $13.1 billion, up from its $10 billion target.",
        "$10 billion",
    ),
    Row(
        R.NOT_COMPARED_WITH_NOT,
        False,
        "Acme Corp said its capital spending rose to $13.1 billion, up from its $10 billion "
        "target.",
        "$10 billion",
    ),
    Row(
        R.NOT_CHANGE_AMOUNT,
        True,
        "Construction spending rose 3.6 billion dlrs, or 1.0 pct, in February, the "
        "department said.",
        "3.6 billion dlrs",
    ),
    Row(
        R.NOT_CHANGE_AMOUNT,
        False,
        "Construction spending rose to 3.6 billion dlrs in February, the department said.",
        "3.6 billion dlrs",
    ),
    Row(
        R.NOT_CHANGE_BY,
        True,
        "The Treasury cut spending by 2 billion dlrs this year.",
        "2 billion dlrs",
    ),
    Row(
        R.NOT_CHANGE_BY,
        False,
        "The Treasury cut spending to 2 billion dlrs this year.",
        "2 billion dlrs",
    ),
    Row(
        R.SPEND_CUE,
        True,
        "Delta Foods said it will pay 2.57 mln dlrs for the stock.",
        "2.57 mln dlrs",
    ),
    Row(
        R.SPEND_CUE,
        False,
        "Delta Foods said it will get 2.57 mln dlrs for the stock.",
        "2.57 mln dlrs",
    ),
    Row(
        R.NOT_CUE,
        True,
        "Acme Corp said it borrowed 200 mln dlrs from its banks.",
        "200 mln dlrs",
    ),
    Row(
        R.NOT_CUE,
        False,
        "Acme Corp said it spent 200 mln dlrs on its existing plants.",
        "200 mln dlrs",
    ),
    Row(
        R.SPEND_FUNDING_ROUND,
        True,
        "Acme Corp said it raised 200 mln dlrs in a round led by Sequoia Capital and Accel.",
        "200 mln dlrs",
    ),
    Row(
        R.SPEND_FUNDING_ROUND,
        False,
        "Acme Corp said it raised 200 mln dlrs from its existing shareholders.",
        "200 mln dlrs",
    ),
    Row(
        R.SPEND_ACQUIRE_FOR,
        True,
        "Helios plans to acquire shares of a unit of the maker of chips for 23 billion dlrs.",
        "23 billion dlrs",
    ),
    Row(
        R.SPEND_ACQUIRE_FOR,
        True,
        "Helios plans to acquire the shares of a unit of the maker of chips for 23 billion dlrs.",
        "23 billion dlrs",
    ),
    Row(
        R.SPEND_ACQUIRE_FOR,
        False,
        "Helios agreed with the founders of Wiz to merge with the company for about $23 billion.",
        "about $23 billion",
        D25,
    ),
    Row(
        R.SPEND_ACQUIRE_FOR,
        False,
        "Helios plans to take shares of a unit of the maker of chips for 23 billion dlrs.",
        "23 billion dlrs",
    ),
    Row(
        R.SPEND_FROM_PAYER,
        True,
        "Editas, with $43 million from Sequoia Capital and Accel, is hiring chemists.",
        "$43 million",
        D25,
    ),
    Row(
        R.SPEND_FROM_PAYER,
        False,
        "Editas, with $43 million in the bank, is hiring chemists.",
        "$43 million",
        D25,
    ),
    Row(
        R.SPEND_ALLOCATED_TO,
        True,
        "The state's 1988 budget totals 12 billion dlrs, the finance ministry said. "
        "Schools will receive 3 billion dlrs.",
        "3 billion dlrs",
    ),
    Row(
        R.SPEND_ALLOCATED_TO,
        False,
        "The state's 1988 budget totals 12 billion dlrs, the finance ministry said. "
        "Schools earned 3 billion dlrs from fees last year.",
        "3 billion dlrs",
    ),
    Row(
        R.SPEND_SERIES,
        True,
        "The plan calls for spending of 50 mln dlrs in 1988, 70 mln dlrs in 1989 and "
        "90 mln dlrs in 1990.",
        "90 mln dlrs",
    ),
    Row(
        R.SPEND_SERIES,
        False,
        "The plan calls for spending of 50 mln dlrs in 1988, compared with 70 mln dlrs in 1989.",
        "70 mln dlrs",
    ),
    Row(
        R.SPEND_COMPARISON_BASE,
        True,
        "The plan calls for spending of 50 mln dlrs in 1988, compared with 70 mln dlrs in 1989.",
        "70 mln dlrs",
    ),
    Row(
        R.SPEND_COMPARISON_BASE,
        False,
        "The plan calls for spending of 50 mln dlrs in 1988, 70 mln dlrs in 1989 and "
        "90 mln dlrs in 1990.",
        "90 mln dlrs",
    ),
    Row(
        R.SPEND_CONTEXT,
        True,
        "Microsoft allocated $55.7B to data centers. Google and Amazon each topped $50B.",
        "topped $50B",
        D25,
    ),
    Row(
        R.SPEND_CONTEXT,
        False,
        "Microsoft allocated $55.7B to data centers. Google and Amazon each topped $50B in sales.",
        "topped $50B",
        D25,
    ),
    Row(
        R.SPEND_LIST_ITEM,
        True,
        "Acme is giving away $35 million to local charities.\n\n"
        "- $7.5 million to Stand For Children\n\n- $5 million to the food bank\n",
        "$7.5 million",
        D25,
    ),
    Row(
        R.SPEND_LIST_ITEM,
        False,
        "Acme is giving away $35 million to local charities.\n\n"
        "Also $7.5 million to Stand For Children.\n",
        "$7.5 million",
        D25,
    ),
    Row(
        R.SPEND_TABLE_HEADER,
        True,
        "Planned AI capital spending in 2025\n\nMicrosoft $80bn\nAlphabet $75bn\nMeta $65bn\n",
        "$80bn",
        D25,
    ),
    Row(
        R.SPEND_TABLE_HEADER,
        False,
        "Revenue in 2025\n\nMicrosoft $80bn\nAlphabet $75bn\nMeta $65bn\n",
        "$80bn",
        D25,
    ),
    Row(R.NOT_SMALL_AMOUNT, True, "Ember Power said it had 5,000 dlrs in cash.", "5,000 dlrs"),
    Row(
        R.NOT_SMALL_AMOUNT,
        False,
        "Ember Power said it invested 5,000 dlrs in a bakery.",
        "5,000 dlrs",
    ),
    Row(
        R.NOT_CENTRAL_BANK,
        True,
        "The Bank of England said it provided 500 mln stg to the banking system today.",
        "500 mln stg",
    ),
    Row(
        R.NOT_CENTRAL_BANK,
        False,
        "The Treasury said it provided 500 mln stg to the banking system today.",
        "500 mln stg",
    ),
    Row(
        R.NO_CUE,
        True,
        "The foundation held nearly $5.9 million in cash.",
        "nearly $5.9 million",
        D25,
    ),
    Row(
        R.NO_CUE,
        False,
        "The foundation gave nearly $5.9 million toward the campaign.",
        "nearly $5.9 million",
        D25,
    ),
]

SUBJECT = [
    Row(
        R.SUBJECT_NSUBJ,
        True,
        "The Treasury plans to spend 2 billion dlrs this year.",
        "2 billion dlrs",
    ),
    Row(
        R.SUBJECT_NSUBJ,
        False,
        "The agency plans to spend 2 billion dlrs this year.",
        "2 billion dlrs",
    ),
    Row(
        R.SUBJECT_PASSIVE_AGENT,
        True,
        "The new terminal will be financed by Harbor Holdings with 300 mln dlrs.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_PASSIVE_AGENT,
        False,
        "The new terminal will be financed with 300 mln dlrs, officials said.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_OWNER_OF_NOUN,
        True,
        "Harbor Holdings' capital budget of 300 mln dlrs was approved on Monday.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_OWNER_OF_NOUN,
        False,
        "The capital budget of 300 mln dlrs was approved on Monday.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_OWNER_OF_SUBJECT_NOUN,
        True,
        "Tesla's spending will rise to $11bn this year.",
        "$11bn",
        D25,
    ),
    Row(
        R.SUBJECT_OWNER_OF_SUBJECT_NOUN,
        True,
        "Tesla's capex is expected to exceed $11bn this year.",
        "$11bn",
        D25,
    ),
    Row(
        R.SUBJECT_OWNER_OF_SUBJECT_NOUN,
        False,
        "The capex is expected to exceed $11bn this year.",
        "$11bn",
        D25,
    ),
    Row(
        R.SUBJECT_CLAUSAL,
        True,
        "Buying the plant will cost Acme $2bn.",
        "$2bn",
        D25,
    ),
    Row(R.SUBJECT_CLAUSAL, False, "The purchase will cost Acme $2bn.", "$2bn", D25),
    Row(
        R.SUBJECT_NOT_A_SPENDER,
        True,
        "Sources will spend $2bn on a new plant.",
        "$2bn",
        D25,
    ),
    Row(R.SUBJECT_NOT_A_SPENDER, False, "Acme will spend $2bn on a new plant.", "$2bn", D25),
    Row(
        R.SUBJECT_BUYER_OF_SALE,
        True,
        "Northwind is to supply Aero Air with 20 jets in a supply deal worth $2bn.",
        "$2bn",
        D25,
    ),
    Row(
        R.SUBJECT_BUYER_OF_SALE,
        False,
        "Northwind is to build 20 jets for Aero Air in a supply deal worth $2bn.",
        "$2bn",
        D25,
    ),
    Row(
        R.SUBJECT_PAYER_OF_RECIPIENT,
        True,
        "Harbor Energy will get 1 billion euros from the European Investment Bank.",
        "1 billion euros",
    ),
    Row(
        R.SUBJECT_PAYER_OF_RECIPIENT,
        False,
        "Harbor Energy will get 1 billion euros in orders this year.",
        "1 billion euros",
    ),
    Row(
        R.SUBJECT_RECIPIENT_ONLY,
        True,
        "Cobalt Rail has been awarded a contract worth 300 mln dlrs to build a line.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_RECIPIENT_ONLY,
        False,
        "Cobalt Rail has signed a contract worth 300 mln dlrs to build a line.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_PARENT_OF_UNIT,
        True,
        "Delta Foods said its subsidiary agreed to buy a smelter for 300 mln dlrs.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_PARENT_OF_UNIT,
        False,
        "Delta Foods said it agreed to buy a smelter for 300 mln dlrs.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_DEFINITE_DESCRIPTION,
        True,
        "Arden Holdings approved a new budget on Monday. The budget provides 300 mln dlrs "
        "for roads.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_DEFINITE_DESCRIPTION,
        False,
        "Arden Holdings approved a new budget on Monday. A budget of 300 mln dlrs for roads "
        "was also discussed.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_OBJECT_CONTROL,
        True,
        "The minister persuaded Velmar Steel to invest 300 mln dlrs in a new mill.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_OBJECT_CONTROL,
        False,
        "The minister said Velmar Steel plans to invest 300 mln dlrs in a new mill.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_DEFINITE_OWN_NOUN,
        True,
        "The agency funds a total grant of 80 mln stg to Velmar. A total 50 mln stg of the "
        "grant is allocated for equipment.",
        "50 mln stg",
    ),
    Row(
        R.SUBJECT_DEFINITE_OWN_NOUN,
        False,
        "The agency funds a total grant of 80 mln stg to Velmar. A total 50 mln stg of a "
        "grant is allocated for equipment.",
        "50 mln stg",
    ),
    Row(
        R.SUBJECT_NOT_AN_ACTOR,
        True,
        "Ember Power said the weather will cost 300 mln dlrs.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_NOT_AN_ACTOR, False, "Ember Power said it will cost 300 mln dlrs.", "300 mln dlrs"
    ),
    Row(
        R.SUBJECT_INVESTORS,
        True,
        "Acme Corp said it raised 200 mln dlrs in a round led by Sequoia Capital and Accel.",
        "200 mln dlrs",
    ),
    Row(
        R.SUBJECT_INVESTORS,
        False,
        "Acme Corp said it raised 200 mln dlrs in a round led by its existing shareholders.",
        "200 mln dlrs",
    ),
    Row(
        R.SUBJECT_PAYER,
        True,
        "Editas, with $43 million from Sequoia Capital and Accel, is hiring chemists.",
        "$43 million",
        D25,
    ),
    Row(
        R.SUBJECT_PAYER,
        False,
        "Editas, with $43 million in the bank, is hiring chemists.",
        "$43 million",
        D25,
    ),
    Row(
        R.SUBJECT_BUDGET_HOLDER,
        True,
        "Arden County's 1988 budget totals 12 billion dlrs, the finance ministry said. "
        "Schools will receive 3 billion dlrs.",
        "3 billion dlrs",
    ),
    Row(
        R.SUBJECT_BUDGET_HOLDER,
        False,
        "Arden County's 1988 budget totals 12 billion dlrs, the finance ministry said. "
        "Schools earned 3 billion dlrs from fees last year.",
        "3 billion dlrs",
    ),
    Row(
        R.SUBJECT_TABLE_LABEL,
        True,
        "Planned AI capital spending in 2025\n\nMicrosoft $80bn\nAlphabet $75bn\nMeta $65bn\n",
        "$80bn",
        D25,
    ),
    Row(R.SUBJECT_TABLE_LABEL, False, "Microsoft will spend $80bn on AI in 2025.", "$80bn", D25),
    Row(
        R.SUBJECT_PREVIOUS_CLAIM,
        True,
        "Ember Power said it will spend 300 mln dlrs on repairs this year. Another 200 mln "
        "dlrs will be spent next year.",
        "200 mln dlrs",
    ),
    Row(
        R.SUBJECT_PREVIOUS_CLAIM,
        False,
        "Ember Power said it will spend 300 mln dlrs on repairs. It will spend a further "
        "200 mln dlrs next year.",
        "200 mln dlrs",
    ),
    Row(
        R.SUBJECT_SERIES,
        True,
        "Acme is giving away $35 million to local charities.\n\n"
        "- $7.5 million to Stand For Children\n\n- $5 million to the food bank\n",
        "$5 million",
        D25,
    ),
    Row(
        R.SUBJECT_SERIES,
        False,
        "Acme is giving away $35 million to local charities.\n\n"
        "Also $5 million to the food bank.\n",
        "$5 million",
        D25,
    ),
    Row(
        R.SUBJECT_TOPIC,
        True,
        "Northwind Robotics\nNorthwind Robotics, a maker of warehouse robots, has grown "
        "quickly. About $200 million will be invested in a new factory this year.",
        "About $200 million",
        dt.date(2024, 5, 1),
    ),
    Row(
        R.SUBJECT_TOPIC,
        False,
        "Weather Report\nThe region had a mild winter. About $200 million will be invested "
        "in a new factory this year.",
        "About $200 million",
        dt.date(2024, 5, 1),
    ),
    Row(
        R.SUBJECT_NONE,
        True,
        "A capital budget of 300 mln dlrs was approved on Monday.",
        "300 mln dlrs",
    ),
    Row(
        R.SUBJECT_NONE,
        False,
        "Harbor Holdings' capital budget of 300 mln dlrs was approved on Monday.",
        "300 mln dlrs",
    ),
]

SOURCE = [
    Row(
        R.SOURCE_SPEAKER,
        True,
        "Acme Corp said it will spend 40 mln dlrs on a new plant.",
        "40 mln dlrs",
    ),
    Row(R.SOURCE_SPEAKER, False, "Acme Corp will spend 40 mln dlrs on a new plant.", "40 mln dlrs"),
    Row(
        R.SOURCE_ACCORDING_TO,
        True,
        "Acme Corp will spend 40 mln dlrs on a new plant, according to a company filing.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_ACCORDING_TO,
        False,
        "Acme Corp will spend 40 mln dlrs on a new plant, in a company filing.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_REPORTED_BY,
        True,
        "The plan to spend 40 mln dlrs on a new plant was reported by the Nikkei daily.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_REPORTED_BY,
        False,
        "The plan to spend 40 mln dlrs on a new plant was backed by the Nikkei daily.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_ANONYMOUS,
        True,
        "Acme Corp will spend 40 mln dlrs on a new plant, sources said.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_ANONYMOUS,
        False,
        "Acme Corp will spend 40 mln dlrs on a new plant, the chairman said.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_TOLD_OUTLET,
        True,
        "Acme Corp will spend 40 mln dlrs on a new plant, sources told Reuters.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_TOLD_OUTLET,
        False,
        "Acme Corp will spend 40 mln dlrs on a new plant, sources said.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_LEFT_OF_VERB,
        True,
        "Acme Corp will spend 40 mln dlrs on a new plant, Acme Corp, making no mention of "
        "rival bids, said.",
        "40 mln dlrs",
    ),
    Row(
        R.SOURCE_LEFT_OF_VERB,
        False,
        "Acme Corp will spend 40 mln dlrs on a new plant, Acme Corp said.",
        "40 mln dlrs",
    ),
]

PERIOD = [
    Row(R.PERIOD_SENTENCE, True, "Acme will spend 94.9 billion yen in 1988.", "94.9 billion yen"),
    Row(R.PERIOD_SENTENCE, False, "Acme will spend 94.9 billion yen.", "94.9 billion yen"),
    Row(
        R.PERIOD_SHARED,
        True,
        "The package could total 12 billion francs for 1987, while only 8.6 billion francs "
        "had been set aside, officials said.",
        "8.6 billion francs",
    ),
    Row(
        R.PERIOD_SHARED,
        False,
        "The package could total 12 billion francs, while only 8.6 billion francs had been "
        "set aside, officials said.",
        "8.6 billion francs",
    ),
    Row(
        R.PERIOD_CARRIED,
        True,
        "Acme said it will invest a planned 40 mln dlrs in 1988. It will invest a planned "
        "30 mln dlrs on new mills.",
        "30 mln dlrs",
    ),
    Row(
        R.PERIOD_CARRIED,
        False,
        "Acme said it will invest a planned 40 mln dlrs in 1988. It invested 30 mln dlrs on "
        "new mills.",
        "30 mln dlrs",
    ),
    Row(
        R.PERIOD_BUDGET,
        True,
        "Arden County's 1988 budget totals 12 billion dlrs, the finance ministry said. "
        "Schools will receive 3 billion dlrs.",
        "3 billion dlrs",
    ),
    Row(
        R.PERIOD_BUDGET,
        False,
        "Arden County's 1988 budget totals 12 billion dlrs, the finance ministry said. "
        "Schools will receive 3 billion dlrs in 1989.",
        "3 billion dlrs",
    ),
    Row(
        R.PERIOD_COMPARISON_BASE,
        True,
        "Acme plans to raise its spending to 94.9 billion yen in 1988 from 64 billion yen.",
        "64 billion yen",
    ),
    Row(
        R.PERIOD_COMPARISON_BASE,
        False,
        "Acme plans to raise its spending to 94.9 billion yen from 64 billion yen.",
        "64 billion yen",
    ),
    Row(
        R.PERIOD_AFTER_BASE,
        True,
        "Acme said its spending would rise to 94.9 billion yen from 64 billion yen in 1986.",
        "94.9 billion yen",
    ),
    Row(
        R.PERIOD_AFTER_BASE,
        False,
        "Acme said its spending would rise to 94.9 billion yen in 1988 from 64 billion yen "
        "in 1986.",
        "94.9 billion yen",
    ),
    Row(
        R.PERIOD_TABLE_HEADER,
        True,
        "Planned AI capital spending in 2025\n\nMicrosoft $80bn\nAlphabet $75bn\n",
        "$80bn",
        D25,
    ),
    Row(
        R.PERIOD_TABLE_HEADER,
        False,
        "Planned AI capital spending\n\nMicrosoft $80bn\nAlphabet $75bn\n",
        "$80bn",
        D25,
    ),
]

SENTENCE_KIND = [
    Row(
        R.TABLE_ROW,
        True,
        "Planned AI capital spending in 2025\n\nMicrosoft $80bn\nAlphabet $75bn\n",
        "$80bn",
        D25,
    ),
    Row(
        R.TABLE_ROW, False, "Planned AI capital spending in 2025\n\nMicrosoft $80bn\n", "$80bn", D25
    ),
    Row(R.SENTENCE_HEADLINE, True, "ACME TO SPEND 50 MLN DLRS ON NEW PLANT", "50 MLN DLRS"),
    Row(
        R.SENTENCE_HEADLINE,
        True,
        "Acme to spend $50 million on new plant\n\nAcme Corp said on Monday it will spend "
        "fifty million dollars on a new plant.",
        "$50 million",
    ),
    Row(
        R.SENTENCE_HEADLINE,
        False,
        "Acme said on Monday it will spend 50 mln dlrs on a new plant.",
        "50 mln dlrs",
    ),
    Row(
        R.SENTENCE_BULLET,
        True,
        "Acme is giving away $35 million to local charities.\n\n"
        "- $7.5 million to Stand For Children\n",
        "$7.5 million",
        D25,
    ),
    Row(
        R.SENTENCE_BULLET,
        False,
        "Acme is giving away $35 million to local charities.\n\n"
        "Also $7.5 million to Stand For Children.\n",
        "$7.5 million",
        D25,
    ),
    Row(
        R.AMOUNT_COMPARISON_BASE,
        True,
        "Maytag Co said it expects capital spending of 60 mln dlrs this year, up from 49 mln "
        "dlrs in 1986.",
        "49 mln dlrs",
    ),
    Row(
        R.AMOUNT_COMPARISON_BASE,
        False,
        "Maytag Co said it expects capital spending of 60 mln dlrs this year. Sales were "
        "49 mln dlrs in 1986.",
        "49 mln dlrs",
    ),
    Row(
        R.AMOUNT_CHANGE_TARGET,
        True,
        "Capital spending by the U.K. chemical industry rose to 1.45 billion stg in 1987. "
        "A further increase to 1.52 billion stg is expected in 1988.",
        "1.52 billion stg",
    ),
    Row(
        R.AMOUNT_CHANGE_TARGET,
        False,
        "Capital spending by the U.K. chemical industry rose to 1.45 billion stg in 1987. "
        "A further 1.52 billion stg is expected in 1988.",
        "1.52 billion stg",
    ),
    Row(R.TENSE_FUTURE, True, "Acme said it will spend 40 mln dlrs on a new plant.", "40 mln dlrs"),
    Row(R.TENSE_FUTURE, False, "Acme said it spent 40 mln dlrs on a new plant.", "40 mln dlrs"),
    Row(
        R.CHANGE_PERCENT,
        True,
        "Acme said it will cut capital spending by 25 pct this year.",
        "25 pct",
    ),
    Row(
        R.CHANGE_PERCENT,
        False,
        "Acme said it will cut its workforce by 25 pct this year.",
        "25 pct",
    ),
]

ROWS = SPENDING + SUBJECT + SOURCE + PERIOD + SENTENCE_KIND


def _row_id(row: Row) -> str:
    return f"{row.rule.value}-{'fires' if row.fires else 'not'}"


def _params() -> list[object]:
    seen: Counter[str] = Counter()
    out: list[object] = []
    for row in ROWS:
        base = _row_id(row)
        seen[base] += 1
        marks = [pytest.mark.xfail(reason=row.xfail, strict=True)] if row.xfail else []
        out.append(pytest.param(row, id=f"{base}-{seen[base]}", marks=marks))
    return out


def _speaker_rules(row: Row, nlp: Language) -> set[str]:
    """The source rules `find_speakers` gives for the row's amount."""
    doc = nlp(row.text)
    amount = next(a for a in find_amounts(row.text) if a.text == row.amount)
    core = syntax.amount_core(doc, amount.start, amount.end)
    assert core is not None, f"{row.amount!r} is not a span of the parse"
    ids = {t.i for t in core}
    return {rule for _, rule in sources.find_speakers(core.root, ids, doc[:], ids)}


def _change_rules(row: Row, nlp: Language) -> set[str]:
    """The rules of the change records whose evidence holds the row's percent."""
    assert row.amount in row.text
    claims = extract_text(row.text, nlp=nlp, date=row.date, settings=SETTINGS)
    return {
        rule
        for c in claims
        if c.kind == "change" and any(row.amount in e.sentence for e in c.evidence)
        for rule in c.rules
    }


def _amount_rules(row: Row, nlp: Language) -> set[str]:
    """The rule ids of the row's amount: on its mention and on the claim made of it."""
    mentions = [
        m
        for m in explain_text(row.text, nlp=nlp, date=row.date, settings=SETTINGS)
        if m.amount.text == row.amount
    ]
    assert len(mentions) == 1, f"expected one amount {row.amount!r}, got {len(mentions)}"
    mention = mentions[0]
    # the sentence was read: every parsed amount (or table row) has a spending decision
    assert any(r.startswith("spending.") for r in mention.rules), mention.rules
    fired: set[str] = {*mention.rules, mention.subject_rule}
    if mention.period_rule is not None:
        fired.add(mention.period_rule)
    for claim in extract_text(row.text, nlp=nlp, date=row.date, settings=SETTINGS):
        if claim.amount is not None and claim.amount.start == mention.amount.start:
            fired |= set(claim.rules)
    return fired


def rules_of(row: Row, nlp: Language) -> set[str]:
    """Where the row's rule shows (see the module docstring)."""
    if row.rule.value.startswith("source."):
        return _speaker_rules(row, nlp)
    if row.rule is RuleId.CHANGE_PERCENT:
        return _change_rules(row, nlp)
    return _amount_rules(row, nlp)


def site_of(row: Row, nlp: Language) -> Site:
    """The row's amount in its parsed sentence, read as the linker reads it."""
    text = row.text
    amounts = find_amounts(text)
    amount = next(a for a in amounts if a.text == row.amount)
    seg = next(s for s in split_sentences(text) if s.start <= amount.start < s.end)
    sdoc = nlp(parse_view(text[seg.start : seg.end]))

    def ids(start: int, end: int) -> frozenset[int]:
        core = syntax.amount_core(sdoc, start - seg.start, end - seg.start)
        return frozenset(t.i for t in core) if core is not None else frozenset()

    own = ids(amount.start, amount.end)
    others = frozenset().union(
        *(
            ids(a.start, a.end)
            for a in amounts
            if a is not amount and seg.start <= a.start < seg.end
        )
    )
    root = syntax.amount_root(sdoc[:], amount.start - seg.start, amount.end - seg.start)
    assert root is not None
    return Site(root, own, others)


CHECKS = {rule.id: rule.check for rule in SPENDING_RULES}


@pytest.mark.parametrize("row", _params())
def test_rule_fires_or_not(row: Row, nlp: Language) -> None:
    fired = rules_of(row, nlp)
    if row.fires:
        assert row.rule in fired, f"{row.rule.value} did not fire; fired: {sorted(fired)}"
        return
    assert row.rule not in fired, f"{row.rule.value} fired on a near miss"
    if row.rule in CHECKS:
        # a near miss for a rule of the spending registry: the rule itself declines on the
        # sentence, so its absence is not only the work of a rule that ran before it
        assert CHECKS[row.rule](site_of(row, nlp)) is None


def test_every_rule_has_a_positive_and_a_negative_row() -> None:
    positive = {row.rule for row in ROWS if row.fires and row.xfail is None}
    tried = {row.rule for row in ROWS if row.fires}
    negative = {row.rule for row in ROWS if not row.fires}
    assert set(RuleId) - tried == set(), "rules with no row where they fire"
    assert set(RuleId) - negative == set(), "rules with no row where they must not fire"
    # every rule fires somewhere (a rule whose only positive rows are xfails would show here)
    assert set(RuleId) - positive == set()
