"""The linker's lexicon: every word list it reads, data only, one place.

Provenance: compiled by hand from the annotation guidelines (`GUIDELINES.md`: what
counts as spending and what never does) and from the wording of wire stories
(Reuters-21578, 1987) and of technology and policy news (2022-2026). All entries are
lower case. Verb lists are written as base forms and expanded with every inflection
from `_inflections.py`, a table generated once from lemminflect's English inflection data
(tests/link/make_inflections.py; a test checks it is complete), so that the pipeline
needs no lemmatizer at run time and "spend" always brings "spent", "spends", "spending".
"""

from __future__ import annotations

from pipeline.link._inflections import VERB_FORMS


def verbs(bases: str) -> frozenset[str]:
    """The base forms in `bases` with all their inflections, from the generated table.

    >>> sorted(verbs("spend"))
    ['spend', 'spending', 'spends', 'spent']
    """
    return frozenset(form for base in bases.split() for form in (base, *VERB_FORMS.get(base, ())))


# Verbs whose money object is spent by their subject.
SPEND_VERBS = verbs(
    """
    acquire allocate appropriate award budget build buy channel commit construct
    contribute cost devote disburse donate earmark expend finance fund inject invest
    order outlay pay pencil pledge plough plow pour provide purchase release rent spend
    splash splurge unleash
    """
)

# Nouns that name spending; the amount they govern or describe is spent.
SPEND_NOUNS = frozenset(
    """
    spending spend expenditure expenditures capex opex outlay outlays investment
    appropriation appropriations donation donations
    investments budget budgets allocation allocations acquisition acquisitions purchase
    purchases order contract contracts takeover buyout endowment endowments
    package subsidy subsidies grant grants
    cost costs bill commitment commitments war-chest warchest capital-spending
    expansion
    """.split()
)

# Nouns and verbs that mark money that is not spending.
NOT_SPENDING = frozenset(
    """
    revenue revenues sales turnover profit profits earnings income loss losses deficit
    deficits surplus surpluses dividend dividends payout share shares stock valuation
    valued capitalisation capitalization worth raise raises raised raising borrow
    borrows borrowed borrowing borrowings loan loans credit credits bond bonds debenture
    debentures notes note debt debts offering offerings placing placement rights gdp output
    exports imports export import trade salary salaries wage wages bonus bonuses
    compensation tax taxes rebate rebates assets asset reserves reserve deposits deposit
    proceeds depreciation provision provisions writedown write-down writeoff write-off
    charge charges fine fines penalty penalties fee fees tonne tonnes token tokens sell sells
    sold selling sale lend lends lent lending financing refinancing securities bills
    treasuries mortgage mortgages market liabilities issue issues cuts reduction
    reductions savings receipts certificates privatisation privatization requirement
    requirements stocks equities eurobond eurobonds coupon warrant warrants facility tranche
    convertible convertibles damages intervention issuing issued
    """.split()
)

# Spending nouns too vague to count unless the amount describes them directly
# ("a 720 mln dlr development program", "$20B targets"), never from a distance.
OWN_ONLY_SPEND_NOUNS = frozenset(
    "plan plans programme programmes program programs project projects target targets".split()
)

# Markers that a price is per unit ("30 mln dlrs each", "per share").
PER_UNIT = frozenset("per each apiece a".split())

# Verbs of attribution: their subject is a claim's source.
REPORT_VERBS = verbs(
    """
    add announce cite claim confirm disclose estimate find forecast note predict project
    report reveal say state tell write
    """
)

# Speakers that are anonymous: the outlet they told, or their affiliation, is the source.
ANONYMOUS_SPEAKERS = frozenset(
    """
    sources source people persons insiders insider person officials official analysts
    analyst economists economist strategists researchers
    """.split()
)

# Documents that speak: the source is the document as written ("a cabinet statement said"
# -> "cabinet statement", "the prospectus said" -> "prospectus": GUIDELINES.md).
DOCUMENT_WORDS = frozenset("statement release filing prospectus survey".split())

# Spokespeople speak for their organisation.
SPOKESPEOPLE = frozenset(
    """
    spokesman spokeswoman spokesperson spokesmen spokeswomen representative official
    executive statement release filing chairman chairwoman president ceo director
    """.split()
)

# Words that refer back to an organisation named before.
ORG_ANAPHORS = frozenset(
    """
    it its they their them company firm group corporation concern bank carrier maker
    organization organisation lender agency authority
    giant titan conglomerate business utility airline retailer operator steelmaker
    automaker carmaker chipmaker startup
    """.split()
)

PERSON_PRONOUNS = frozenset("he she his her him".split())

# News outlets: a sentence subject that is an outlet is a source, never a spender.
OUTLETS = frozenset(
    {
        "reuters",
        "bloomberg",
        "the information",
        "financial times",
        "ft",
        "wall street journal",
        "the wall street journal",
        "wsj",
        "cnbc",
        "the decoder",
        "nikkei",
        "nikkei asia",
        "caixin",
        "south china morning post",
        "scmp",
        "press association",
        "associated press",
        "ap",
        "afp",
        "agence france-presse",
        "dow jones",
        "new york times",
        "the new york times",
        "washington post",
        "the washington post",
        "guardian",
        "the guardian",
        "bbc",
        "xinhua",
        "kyodo",
        "people's daily",
        "china daily",
        "yonhap",
        "the verge",
        "techcrunch",
        "axios",
        "semafor",
        "business insider",
        "fortune",
        "forbes",
        "cnn",
        "the economist",
        "economist",
        "barron's",
        "marketwatch",
        "the times",
        "sunday times",
        "telegraph",
        "handelsblatt",
        "les echos",
        "jiji",
        "tass",
        "interfax",
        "the information's",
    }
)

# Words in a name that make it an outlet or a document rather than a spender.
OUTLET_WORDS = frozenset(
    """
    newspaper newspapers daily weekly press report reports magazine journal agency
    television radio news times post herald gazette tribune wire analyst analysts
    prospectus survey statement
    """.split()
)

# Words that deny or dispute figures.
# What a denial must be about to dispute a spending figure.
DENIAL_OBJECTS = frozenset(
    """
    figure figures number numbers report reports reported details detail estimate estimates
    leak amount amounts spending budget budgets capex investment plan plans projection
    projections claim claims
    """.split()
)
DENIAL_WORDS = frozenset(
    """
    inaccurate incorrect untrue false denied denies deny denial disputed disputes dispute
    refuted refutes rejected rejects misleading wrong
    """.split()
)

# Words that mark plans, reports and actual spending.
PLAN_WORDS = frozenset(
    """
    plan plans planned planning will would expects expected expect target targets
    targeted budget budgeted earmarked earmark allocate allocated set aside proposed
    projection projected pencilled penciled preparing prepare intends intend aims forecast
    """.split()
)
REPORTED_WORDS = frozenset(
    """
    reportedly reported reports report according sources cited cites rumoured rumored
    allegedly
    """.split()
)
ACTUAL_WORDS = frozenset("spent invested paid bought acquired completed".split())

# Words of a percent change of spending, with their sign.
CHANGE_UP = verbs(
    """
    boost climb double expand grow hike increase jump lift raise rise surge up
    """
) | frozenset("growth higher".split())
CHANGE_DOWN = verbs(
    """
    cut decline decrease down drop fall lower reduce shrink slash trim
    """
) | frozenset("reduction".split())

# Corporate suffixes that end an organisation's name.
CORP_SUFFIXES = frozenset(
    "inc corp co ltd plc llc spa sa ag nv bv ab asa oyj kk bhd gmbh corporation".split()
)
# The same suffixes as written at the end of a name in running text, and "Group".
ORG_NAME_ENDINGS = frozenset(
    "Inc Corp Co Ltd Plc PLC LLC Spa SpA SA AG NV N.V BV B.V AB ASA Oyj KK K.K Bhd GmbH "
    "Corporation Group".split()
)

# Titles before a person's name, dropped from names ("Vice Chair Brad Smith" -> "Brad Smith").
TITLES = frozenset(
    """
    vice chair chairman chairwoman president ceo cfo coo cto chief executive officer
    minister prime finance secretary mr mrs ms dr prof sir governor senator director
    spokesman spokeswoman head founder co-founder
    """.split()
)

# Central banks' market operations (GUIDELINES.md: never spending): a sentence about them
# holds no spending claim whoever is named.
CENTRAL_BANK_OPERATIONS = (
    "money market",
    "open market operations",
    "market intervention",
    "repurchase agreements",
)

# Central banks: their money-market operations are never spending claims.
CENTRAL_BANKS = (
    "central bank",
    "bundesbank",
    "federal reserve",
    "the fed",
    "bank of england",
    "bank of japan",
    "bank of france",
    "banque de france",
    "bank of canada",
    "bank of italy",
    "reserve bank",
    "european central bank",
    "people's bank of china",
    "swiss national bank",
    "nederlandsche bank",
)


# -- word lists of the tree rules (pipeline/link/spending.py, syntax.py) --

SUBJECT_DEPS = ("nsubj", "csubj")
NAME_ENTS = ("ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC")
# Verbs whose "raise"-like sense concerns money only when the money is their object.
FLOW_VERBS = verbs("borrow lend raise sell")
ACTOR_NOUNS = frozenset(
    """
    government governments ministry ministries state states city council agency authority
    administration companies firms giants hyperscalers rivals players operators utilities
    investors buyers consortium partners venture province region department army navy
    partnership subsidiary unit affiliate parent committee providers makers carmakers
    automakers chipmakers banks insurers airlines retailers groups conglomerates telecoms
    developers manufacturers suppliers producers exporters miners refiners lenders
    governments group industry sector
    military i we you who
    """.split()
)
# Objects of "pay"/"buy" that make the money not spending on a project or a purchase.
NOT_PAID_FOR = frozenset(
    """
    dividend dividends tax taxes interest salary salaries wage wages bonus bonuses fine fines
    penalty penalties debt debts loan loans bond bonds securities treasuries bills
    certificates notes damages compensation settlement
    """.split()
)
QUALIFIER_WORDS = frozenset(
    """
    over about around roughly nearly approximately closer close to more than topped topping
    at least most under less up as much some almost just only ~ + below above exceeding in
    excess of
    """.split()
)
CHANGE_NOUNS = frozenset("fall gain decline rise increase drop jump growth shortfall".split())
ACQUIRE_VERBS = verbs("acquire buy purchase")
AWARD_VERBS = verbs("award give grant hand")
PAYMENT_FORMS = frozenset("cash stock shares equity kind".split())
SELL_VERBS = verbs("sell")
OWNED_UNITS = frozenset("subsidiary unit affiliate arm division".split())
RECIPIENT_VERBS = verbs("get land receive secure win")
TRADE_VERBS = verbs("buy purchase sell")
ANNOUNCE_VERBS = verbs("announce unveil")
TIME_UNITS = frozenset("year month week day quarter decade".split())
DIFFERENCE_WORDS = frozenset("more less higher lower short over-budget".split())
# "above", "below", "under" after an amount make it a difference only before a figure it
# is compared with ("$2bn below the estimate"), not before a condition ("under Page's terms").
RELATIVE_WORDS = frozenset("above below under".split())
COMPARED_NOUNS = frozenset(
    """
    budget budgets estimate estimates forecast forecasts target targets request requests
    plan plans level levels year year's figure figures projection projections expected
    """.split()
)
# Verbs of giving whose money object is paid ("gave $5.9 million toward the campaign").
GIVE_VERBS = verbs("give")
COMPARISON_WORDS = frozenset(
    "beside besides than like unlike versus vs vs. against next compared dwarfing dwarfs".split()
)
DETERMINERS = frozenset("a an the this that these those its their his her our".split())

# -- deals, supply, funding rounds and budgets (GUIDELINES.md: the buyer of a sale or
# supply deal, the investors of a funding round and the holder of a budget spend) --

# Nouns of a purchase: "of X" after them names what is bought, never who buys.
PURCHASE_NOUNS = frozenset(
    """
    acquisition acquisitions purchase purchases buyout buyouts takeover takeovers
    purchasing
    """.split()
)

# Nouns of an agreement whose stated value is a price paid by one of its parties.
DEAL_NOUNS = frozenset(
    """
    deal deals agreement agreements transaction transactions accord pact arrangement
    arrangements
    """.split()
)

# Modifiers that make a deal a purchase: "a supply deal worth $2bn", "an acquisition deal".
PURCHASE_MODIFIERS = frozenset(
    "supply purchase acquisition procurement order sale sales buyout takeover".split()
)

# Verbs of a seller: their recipient ("supply Y with", "sell to Y", "deliver to Y") buys.
SUPPLY_VERBS = verbs("deliver sell supply")

# Verbs of a company taking in money: a funding round when investors are named.
RAISE_VERBS = verbs("attract bag close land raise secure")

# Nouns of a funding round ("a $1.2bn Series C round led by ...").
ROUND_NOUNS = frozenset("round rounds funding financing investment raise".split())

# Words that introduce investors after a raise: "led by", "backed by", "from investors".
INVESTOR_VERBS = frozenset("led co-led backed joined".split())
INVESTOR_NOUNS = frozenset("investors investor backers backer participation".split())

# Nouns of a budget or spending plan whose lines are phrased from the recipient
# ("Social affairs will receive 85 billion dlrs"): the budget holder spends.
BUDGET_NOUNS = frozenset(
    """
    budget budgets spending expenditure expenditures allocation allocations appropriation
    appropriations bill package programme program plan
    """.split()
)
