"""The linker's lexicon: every word list it reads, data only, one place.

Provenance: compiled by hand from the annotation guidelines (`GUIDELINES.md`: what
counts as spending and what never does) and from the wording of wire stories
(Reuters-21578, 1987) and of technology and policy news (2022-2026). All entries are
lower case. Inflected forms are listed because the pipeline runs without spaCy's
lemmatizer (it costs a fifth of the parse time and the lists are small); a test checks
that every verb list holds the inflections of its base forms.
"""

from __future__ import annotations

# Verbs whose money object is spent by their subject.
SPEND_VERBS = frozenset(
    """
    spend spends spent spending invest invests invested investing allocate allocates
    allocated allocating earmark earmarks earmarked earmarking budget budgets budgeted
    budgeting commit commits committed committing pour pours poured pouring plough ploughs
    ploughed plow plowed inject injects injected injecting channel channels channelled
    devote devotes devoted pledge pledges pledged pay pays paid paying buy buys bought
    buying acquire acquires acquired acquiring purchase purchases purchased purchasing
    order orders ordered ordering award awards awarded awarding fund funds funded funding
    contribute contributes contributed contributing provide provides provided providing
    pencil pencilled penciled unleash unleashes unleashed splash splashed splurge splurged
    outlay expend expends expended build builds building built construct constructing
    cost costs costing donate donates donated donating appropriate appropriates appropriated
    appropriating rent rents rented renting release releases released releasing disburse
    disburses disbursed disbursing finance finances financed
    """.split()
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
REPORT_VERBS = frozenset(
    """
    say says said report reports reported cite cites cited estimate estimates estimated
    announce announces announced tell tells told state states stated disclose discloses
    disclosed note notes noted reveal reveals revealed confirm confirms confirmed write
    writes wrote claim claims claimed predict predicts predicted forecast forecasts
    project projects projected add adds added find finds found
    """.split()
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
CHANGE_UP = frozenset(
    """
    increase increases increased increasing rise rises rose risen raise raises raised
    raising jump jumps jumped boost boosts boosted up growth grow grows grew higher hike
    lift lifted lifting climb climbed surge surged double doubling expand expanded expanding
    boosting hiking
    """.split()
)
CHANGE_DOWN = frozenset(
    """
    cut cuts cutting decrease decreases decreased reduce reduces reduced reduction fall
    falls fell drop drops dropped decline declines declined down lower lowered trim
    trimmed trimming slash slashed slashing shrink shrank reducing lowering decreasing
    """.split()
)

# Corporate suffixes that end an organisation's name.
CORP_SUFFIXES = frozenset(
    "inc corp co ltd plc llc spa sa ag nv bv ab asa oyj kk bhd gmbh corporation".split()
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
FLOW_VERBS = frozenset(
    "raise raises raised raising sell sells sold selling lend lends lent borrow".split()
)
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
ACQUIRE_VERBS = frozenset(
    "acquire acquires acquired acquiring buy buys bought buying purchase purchased".split()
)
AWARD_VERBS = frozenset("awarded granted given handed".split())
PAYMENT_FORMS = frozenset("cash stock shares equity kind".split())
SELL_VERBS = frozenset("sell sells sold selling".split())
OWNED_UNITS = frozenset("subsidiary unit affiliate arm division".split())
RECIPIENT_VERBS = frozenset(
    """
    receive receives received receiving win wins won winning get gets got getting secure
    secures secured land lands landed
    """.split()
)
TRADE_VERBS = frozenset(
    "buy buys bought buying sell sells sold selling purchase purchased purchases".split()
)
ANNOUNCE_VERBS = frozenset("announce announces announced unveil unveils unveiled".split())
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
GIVE_VERBS = frozenset("give gives gave given giving".split())
COMPARISON_WORDS = frozenset(
    "beside besides than like unlike versus vs vs. against next compared dwarfing dwarfs".split()
)
DETERMINERS = frozenset("a an the this that these those its their his her our".split())

# -- deals, supply, funding rounds and budgets (GUIDELINES.md: the buyer of a sale or
# supply deal, the investors of a funding round and the holder of a budget spend) --

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
SUPPLY_VERBS = frozenset(
    """
    supply supplies supplied supplying deliver delivers delivered delivering
    sell sells sold selling
    """.split()
)

# Verbs of a company taking in money: a funding round when investors are named.
RAISE_VERBS = frozenset(
    """
    raise raises raised raising secure secures secured securing close closes closed
    closing land lands landed landing bag bags bagged attract attracts attracted
    """.split()
)

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
