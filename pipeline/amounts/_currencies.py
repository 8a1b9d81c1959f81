"""Currency data for pipeline/amounts: hand-written news forms merged over CLDR.

Two sources, kept apart:
- CLDR (Unicode's locale data, shipped offline by the `babel` package and written
  into `_cldr.py` by `_cldr_gen.py`): every ISO 4217 currency's English names and
  plurals ("Nigerian naira", "Costa Rican colones"), country names ("Jamaica"
  dlrs), and the symbols the locales that use each currency write (`₦`, `₡`,
  `₾`, `₭`, `৳`, `RD$`). A currency nobody typed a row for still resolves.
- Hand-written, below: what news adds or reads differently from CLDR. Wire
  abbreviations (`dlrs`, `stg`, `mln`), 1987 codes and country cues, letter
  abbreviations that are also words elsewhere (`KSh`, `Sh`, `Tk`, `Rs`, `RM`),
  `元`, and the English reading of symbols CLDR gives to several currencies
  (`C$` is Canadian in English news, Nicaraguan in CLDR's es_NI). Where both
  give an answer, the hand-written table wins (the merge is at the end).

Where the hand-written rows came from: the codes are ISO 4217 (current codes from the ISO 4217
list, plus the withdrawn codes that 1987 wire copy needs: FRF, DEM, ITL, NLG,
BEF, ESP, ATS, PTE, GRD, IEP, FIM, LUF, XEU for the ECU). The symbols and the
names are the usual English news forms, collected from Reuters-21578 stories
("250 mln Australian dlrs", "35 mln stg", "600 mln Danish crowns"), from the
Duckling and Microsoft Recognizers-Text money corpora, and from Wikipedia's
"Currency symbol" and per-currency pages (e.g. `₹`, `₩`, `NT$`, `R$`).

Conventions:
- A symbol shared by several currencies (`SHARED_SYMBOLS`: `¥`, `kr`, `Sh`) is a
  family: the country cues decide, else the family default (`$` is the caller's
  `default_dollar`), else the currency is unknown (None), never a guess.
- A family is a unit word's lower-case base name ("dollar", "franc", ...).
- `DEFAULT_DOLLAR` stands for the caller's default dollar (USD unless told).
- A family whose country is not written ("francs") is resolved from country
  words earlier in the text (`CONTEXT_CUES`), else `FAMILY_DEFAULTS`.
"""

from __future__ import annotations

from typing import Final

from pipeline.amounts import _cldr

DEFAULT_DOLLAR: Final = "$"

# Symbols written before (or, in chat style, after) the number.
SYMBOLS: Final[dict[str, str]] = {
    "$": DEFAULT_DOLLAR,
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "HK$": "HKD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAN$": "CAD",
    "Can$": "CAD",
    "S$": "SGD",
    "SG$": "SGD",
    "NT$": "TWD",
    "NZ$": "NZD",
    "R$": "BRL",
    "MX$": "MXN",
    "Mex$": "MXN",
    "Z$": "ZWD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₪": "ILS",
    "₱": "PHP",
    "฿": "THB",
    "₫": "VND",
    "₺": "TRY",
    "₦": "NGN",
    "₴": "UAH",
    "元": "CNY",
}

# Symbols several currencies write: symbol -> family (resolved like "francs").
SHARED_SYMBOLS: Final[dict[str, str]] = {
    "¥": "yen sign",
    "￥": "yen sign",
    "kr": "crown",
    "kr.": "crown",
}
SHARED_CASED: Final[dict[str, str]] = {"Sh": "shilling", "Shs": "shilling"}

# Lower-case tokenised text writes "c $ 16.4 million", "hk $ 10.05 billion": the
# letters before a spaced "$" (not "a $", which is mostly the article, nor "s $",
# as in "it's $5").
SPACED_DOLLAR_PREFIXES: Final[tuple[str, ...]] = (
    "us", "u.s.", "c", "ca", "can", "hk", "nz", "nt", "sg", "au", "mex", "mx", "r", "z",
)  # fmt: skip

# Abbreviations written before the number, matched case-insensitively.
PREFIX_WORDS: Final[dict[str, str]] = {
    "rs": "INR",
    "rs.": "INR",
    "rmb": "CNY",
    "dm": "DEM",
    "sfr": "CHF",
    "sfr.": "CHF",
    "sfrs": "CHF",
    "skr": "SEK",
    "nkr": "NOK",
    "dkr": "DKK",
    "rp": "IDR",
    "rp.": "IDR",
    "ksh": "KES",
    "kshs": "KES",
    "tsh": "TZS",
    "ush": "UGX",
    "ringgit": "MYR",
    "ringgits": "MYR",
    "malaysia ringgit": "MYR",
    "malaysia ringgits": "MYR",
    "malaysian ringgit": "MYR",
    "malaysian ringgits": "MYR",
}

# Abbreviations matched case-sensitively only (as words they mean other things).
PREFIX_WORDS_CASED: Final[dict[str, str]] = {"RM": "MYR", "Tk": "BDT"}
SUFFIX_WORDS_CASED: Final[dict[str, str]] = {
    "RM": "MYR",
    "Rs": "INR",
    "DM": "DEM",
    "LE": "EGP",
    "L.E.": "EGP",
    "L.E": "EGP",
    "l.e.": "EGP",
}

# ISO 4217 codes accepted as written (upper case only). Left out on purpose,
# because the upper-case string is also a common word or name in English text:
# ALL, AMD, BOB, CUP, MAD, MOP, PEN, PHP, SOS, TOP, TRY, BAM, ANG.
ISO_CODES: Final[frozenset[str]] = frozenset(
    """
    USD EUR GBP JPY CNY CHF CAD AUD NZD HKD SGD TWD KRW INR PKR LKR IDR MYR THB VND
    BRL MXN ARS CLP COP RUB UAH PLN CZK HUF RON BGN SEK NOK DKK ISK ZAR NGN KES EGP
    ILS SAR QAR KWD AED BHD OMR JOD LBP IRR IQD MNT KZT RMB XAF XOF
    FRF DEM ITL NLG BEF ESP ATS PTE GRD IEP FIM LUF XEU
    """.split()
)
ISO_ALIASES: Final[dict[str, str]] = {"RMB": "CNY"}
# Codes also read in lower case ("15-20 usd per seat"): none is an English word.
LOWER_ISO_CODES: Final[frozenset[str]] = frozenset(
    "usd eur gbp jpy cny chf aud nzd hkd sgd twd krw inr brl mxn zar sek nok dkk pln czk "
    "huf idr myr thb vnd kes ngn egp aed rmb".split()  # not "rub", a verb
)
# ISO units with a scale letter, as engineering and Nordic reports write them:
# "40 MEUR", "250 KUSD", "12 TEUR" (German "Tausend Euro").
ISO_UNITS: Final[dict[str, tuple[str, int]]] = {
    f"{letter}{code}": (code, power)
    for code in "USD EUR GBP CHF SEK NOK DKK JPY CNY CAD AUD".split()
    for letter, power in (("M", 6), ("K", 3), ("k", 3), ("T", 3), ("MM", 6))
    if not (letter == "T" and code != "EUR")
}

# Unit words after the number: word -> family. Plural and singular, wire
# abbreviations (dlrs, stg) and a few chat forms (bucks, egyptianpound).
UNIT_WORDS: Final[dict[str, str]] = {
    "dollars": "dollar",
    "dollar": "dollar",
    "dlrs": "dollar",
    "dlr": "dollar",
    "bucks": "dollar",
    "euros": "euro",
    "euro": "euro",
    "€ur": "euro",
    "pounds sterling": "sterling",
    "pounds": "pound",
    "pound": "pound",
    "sterling": "sterling",
    "stg": "sterling",
    "yen": "yen",
    "yuan": "yuan",
    "renminbi": "yuan",
    "won": "won",
    "rupees": "rupee",
    "rupee": "rupee",
    "marks": "mark",
    "mark": "mark",  # only "a 400 mln mark contract": amounts._suffix_ok
    "deutschemarks": "mark",
    "deutsche marks": "mark",
    "deutsche mark": "mark",
    "d-marks": "mark",
    "francs": "franc",
    "franc": "franc",
    "lire": "lira",
    "lira": "lira",
    "guilders": "guilder",
    "guilder": "guilder",
    "pesetas": "peseta",
    "peseta": "peseta",
    "crowns": "crown",
    "crown": "crown",
    "kroner": "crown",
    "kronor": "crown",
    "krona": "crown",
    "krone": "crown",
    "ecus": "ecu",
    "ecu": "ecu",
    "schillings": "schilling",
    "escudos": "escudo",
    "drachmas": "drachma",
    "punts": "punt",
    "rand": "rand",
    "reais": "real",  # Portuguese plural, as English news writes Brazil's money
    "pesos": "peso",
    "peso": "peso",
    "australs": "austral",
    "cruzados": "cruzado",
    "cruzeiros": "cruzeiro",
    "naira": "naira",
    "ringgits": "ringgit",
    "ringgit": "ringgit",
    "baht": "baht",
    "rupiah": "rupiah",
    "riyals": "riyal",
    "riyal": "riyal",
    "rials": "rial",
    "rial": "rial",
    "dinars": "dinar",
    "dinar": "dinar",
    "dirhams": "dirham",
    "shekels": "shekel",
    "shekel": "shekel",
    "tugriks": "tugrik",
    "tugrik": "tugrik",
    "hryvnias": "hryvnia",
    "hryvnia": "hryvnia",
    "roubles": "rouble",
    "rubles": "rouble",
    "zlotys": "zloty",
    "zloty": "zloty",
    "forints": "forint",
    "leva": "lev",
    "shillings": "shilling",
    "sfr": "swissfranc",
    "sfrs": "swissfranc",
    "egyptianpound": "egp",
    "egyptianpounds": "egp",
    "geneh": "egp",
    "genihat masriya": "egp",
    "saudiriyal": "sar",
    "saudiriyals": "sar",
}

# Minor units: word -> the family whose hundredth it is.
CENT_WORDS: Final[dict[str, str]] = {
    "cents": "dollar",
    "cent": "dollar",
    "cts": "dollar",
    "ct": "dollar",
    "pennies": "dollar",
    "¢": "dollar",
    "c": "dollar",
    "pence": "sterling",
    "penny": "sterling",
    "p": "sterling",
    "sen": "ringgit",
    "sens": "ringgit",
    "kopiykas": "hryvnia",
    "kopiyka": "hryvnia",
    "paise": "rupee",
}

# The currency of a family when the text names no country.
# DEFAULT_DOLLAR -> the caller's default; None -> truly unknown.
FAMILY_DEFAULTS: Final[dict[str, str | None]] = {
    "dollar": DEFAULT_DOLLAR,
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yen sign": "JPY",  # "¥": yen unless the story is Chinese (CONTEXT_CUES)
    "yuan": "CNY",
    "won": "KRW",
    "rupee": "INR",
    "mark": "DEM",
    "markka": "FIM",  # CLDR's codes in use today leave the 1987 markka out
    # Plain "francs" in a story without any country word: French francs are the
    # most frequent francs of 1987 wire copy, so FRF is the documented default.
    "franc": "FRF",
    "swissfranc": "CHF",
    "lira": "ITL",
    "guilder": "NLG",
    "peseta": "ESP",
    "crown": None,
    "ecu": "XEU",
    "schilling": "ATS",
    "escudo": "PTE",
    "drachma": "GRD",
    "punt": "IEP",
    "rand": "ZAR",
    "peso": None,
    "austral": "ARA",
    "cruzado": "BRC",
    "cruzeiro": "BRB",
    "naira": "NGN",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "riyal": None,
    "rial": None,
    "dinar": None,
    "dirham": None,
    "shekel": "ILS",
    "tugrik": "MNT",
    "hryvnia": "UAH",
    "rouble": "RUB",
    "zloty": "PLN",
    "forint": "HUF",
    "lev": "BGN",
    "shilling": None,
    "egp": "EGP",
    "sar": "SAR",
}

# Country adjectives written before a unit word: adjective -> {family: code}.
ADJECTIVES: Final[dict[str, dict[str, str]]] = {
    "u.s.": {"dollar": "USD"},
    "us": {"dollar": "USD"},
    "american": {"dollar": "USD"},
    "canadian": {"dollar": "CAD"},
    "can": {"dollar": "CAD"},
    "australian": {"dollar": "AUD"},
    "aust": {"dollar": "AUD"},
    "new zealand": {"dollar": "NZD"},
    "n.z.": {"dollar": "NZD"},
    "nz": {"dollar": "NZD"},
    "hong kong": {"dollar": "HKD"},
    "hk": {"dollar": "HKD"},
    "singapore": {"dollar": "SGD"},
    "taiwan": {"dollar": "TWD"},
    "new taiwan": {"dollar": "TWD"},
    "taiwanese": {"dollar": "TWD"},
    "malaysian": {"dollar": "MYR", "ringgit": "MYR"},
    "malaysia": {"ringgit": "MYR"},
    "zimbabwe": {"dollar": "ZWD"},
    "zimbabwean": {"dollar": "ZWD"},
    "jamaican": {"dollar": "JMD"},
    "brunei": {"dollar": "BND"},
    "fiji": {"dollar": "FJD"},
    "namibian": {"dollar": "NAD"},
    "swiss": {"franc": "CHF"},
    "french": {"franc": "FRF"},
    "belgian": {"franc": "BEF"},
    "luxembourg": {"franc": "LUF"},
    "cfa": {"franc": "XOF"},
    "norwegian": {"crown": "NOK"},
    "swedish": {"crown": "SEK"},
    "danish": {"crown": "DKK"},
    "czech": {"crown": "CZK"},
    "icelandic": {"crown": "ISK"},
    "british": {"pound": "GBP"},
    "egyptian": {"pound": "EGP"},
    "lebanese": {"pound": "LBP"},
    "syrian": {"pound": "SYP"},
    "sudanese": {"pound": "SDG"},
    "cyprus": {"pound": "CYP"},
    "irish": {"pound": "IEP", "punt": "IEP"},
    "mexican": {"peso": "MXN"},
    "philippine": {"peso": "PHP"},
    "argentine": {"peso": "ARS"},
    "chilean": {"peso": "CLP"},
    "colombian": {"peso": "COP"},
    "uruguayan": {"peso": "UYU"},
    "kuwaiti": {"dinar": "KWD"},
    "iraqi": {"dinar": "IQD"},
    "bahraini": {"dinar": "BHD"},
    "jordanian": {"dinar": "JOD"},
    "libyan": {"dinar": "LYD"},
    "tunisian": {"dinar": "TND"},
    "algerian": {"dinar": "DZD"},
    "yugoslav": {"dinar": "YUD"},
    "saudi": {"riyal": "SAR"},
    "qatari": {"riyal": "QAR"},
    "iranian": {"rial": "IRR"},
    "omani": {"rial": "OMR"},
    "uae": {"dirham": "AED"},
    "emirates": {"dirham": "AED"},
    "moroccan": {"dirham": "MAD"},
    "indian": {"rupee": "INR"},
    "pakistani": {"rupee": "PKR"},
    "sri lankan": {"rupee": "LKR"},
    "nepalese": {"rupee": "NPR"},
    "indonesian": {"rupiah": "IDR"},
    "south korean": {"won": "KRW"},
    "korean": {"won": "KRW"},
    "japanese": {"yen": "JPY"},
    "chinese": {"yuan": "CNY"},
    "german": {"mark": "DEM"},
    "west german": {"mark": "DEM"},
    "finnish": {"mark": "FIM"},
    "italian": {"lira": "ITL"},
    "turkish": {"lira": "TRY"},
    "dutch": {"guilder": "NLG"},
    "spanish": {"peseta": "ESP"},
    "austrian": {"schilling": "ATS"},
    "portuguese": {"escudo": "PTE"},
    "greek": {"drachma": "GRD"},
    "south african": {"rand": "ZAR"},
    "nigerian": {"naira": "NGN"},
    "israeli": {"shekel": "ILS"},
    "new israeli": {"shekel": "ILS"},
    "kenyan": {"shilling": "KES"},
    "ugandan": {"shilling": "UGX"},
    "tanzanian": {"shilling": "TZS"},
    "mongolian": {"tugrik": "MNT"},
    "ukrainian": {"hryvnia": "UAH"},
    "russian": {"rouble": "RUB"},
    "soviet": {"rouble": "SUR"},
    "polish": {"zloty": "PLN"},
    "hungarian": {"forint": "HUF"},
    "bulgarian": {"lev": "BGN"},
    "thai": {"baht": "THB"},
}

# Country words that decide a family the text leaves open ("27 mln francs"):
# the nearest cue before the amount wins, else the first one after it.
CONTEXT_CUES: Final[dict[str, dict[str, str]]] = {
    "franc": {
        "swiss": "CHF",
        "switzerland": "CHF",
        "zurich": "CHF",
        "geneva": "CHF",
        "basle": "CHF",
        "basel": "CHF",
        "berne": "CHF",
        "belgian": "BEF",
        "belgium": "BEF",
        "brussels": "BEF",
        "antwerp": "BEF",
        "luxembourg": "LUF",
        "french": "FRF",
        "france": "FRF",
        "paris": "FRF",
    },
    "crown": {
        "norwegian": "NOK",
        "norway": "NOK",
        "oslo": "NOK",
        "swedish": "SEK",
        "sweden": "SEK",
        "stockholm": "SEK",
        "danish": "DKK",
        "denmark": "DKK",
        "copenhagen": "DKK",
        "czech": "CZK",
        "prague": "CZK",
        "iceland": "ISK",
        "reykjavik": "ISK",
    },
    "peso": {
        "mexico": "MXN",
        "mexican": "MXN",
        "philippines": "PHP",
        "philippine": "PHP",
        "manila": "PHP",
        "argentina": "ARS",
        "argentine": "ARS",
        "buenos aires": "ARS",
        "chile": "CLP",
        "chilean": "CLP",
        "santiago": "CLP",
        "colombia": "COP",
        "colombian": "COP",
        "bogota": "COP",
    },
    "rupee": {
        "pakistan": "PKR",
        "pakistani": "PKR",
        "karachi": "PKR",
        "islamabad": "PKR",
        "sri lanka": "LKR",
        "sri lankan": "LKR",
        "colombo": "LKR",
        "india": "INR",
        "indian": "INR",
        "new delhi": "INR",
        "bombay": "INR",
        "mumbai": "INR",
    },
    "riyal": {"saudi": "SAR", "riyadh": "SAR", "qatar": "QAR", "qatari": "QAR", "doha": "QAR"},
    "dinar": {
        "kuwait": "KWD",
        "kuwaiti": "KWD",
        "iraq": "IQD",
        "iraqi": "IQD",
        "bahrain": "BHD",
        "jordan": "JOD",
        "libya": "LYD",
        "tunisia": "TND",
        "algeria": "DZD",
        "yugoslavia": "YUD",
        "yugoslav": "YUD",
        "belgrade": "YUD",
    },
    "mark": {"finland": "FIM", "finnish": "FIM", "helsinki": "FIM"},
    "shilling": {
        "kenya": "KES",
        "kenyan": "KES",
        "nairobi": "KES",
        "uganda": "UGX",
        "ugandan": "UGX",
        "kampala": "UGX",
        "tanzania": "TZS",
        "tanzanian": "TZS",
        "dar es salaam": "TZS",
        "austria": "ATS",
        "austrian": "ATS",
        "vienna": "ATS",
    },
    "yen sign": {
        "china": "CNY",
        "chinese": "CNY",
        "beijing": "CNY",
        "shanghai": "CNY",
        "shenzhen": "CNY",
        "yuan": "CNY",
        "renminbi": "CNY",
        "rmb": "CNY",
        "japan": "JPY",
        "japanese": "JPY",
        "tokyo": "JPY",
        "osaka": "JPY",
        "yen": "JPY",
    },
    "dirham": {
        "uae": "AED",
        "emirates": "AED",
        "abu dhabi": "AED",
        "dubai": "AED",
        "morocco": "MAD",
        "moroccan": "MAD",
        "rabat": "MAD",
        "casablanca": "MAD",
    },
}

# Scale words -> power of ten (case-insensitive). Single letters only attached
# to the number ("$5m", "$55.7B", "$10K").
SCALES: Final[dict[str, int]] = {
    "k": 3,
    "thousand": 3,
    "m": 6,
    "mn": 6,
    "mln": 6,
    "mio": 6,
    "million": 6,
    "millions": 6,
    "b": 9,
    "bn": 9,
    "bln": 9,
    "billion": 9,
    "billions": 9,
    "tn": 12,
    "trn": 12,
    "trillion": 12,
    "trillions": 12,
    "lakh": 5,
    "lakhs": 5,
    "lac": 5,
    "lacs": 5,
    "crore": 7,
    "crores": 7,
    "cr": 7,
    "mm": 6,  # "$3MM": US finance writes thousand thousands
    "mrd": 9,  # "€ 3,5 Mrd.": German Milliarden
    "mrds": 9,
    "milliard": 9,
    "milliards": 9,
    "lakh crore": 12,
    "lakh crores": 12,
    "thousand crore": 10,
    "thousand crores": 10,
}

# Scales that are also units ("5m" metres, "3mm"): money only beside a currency.
LETTER_SCALES: Final[frozenset[str]] = frozenset({"m", "b", "k", "mm"})

# Number words.
UNITS: Final[dict[str, int]] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: Final[dict[str, int]] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}


# Every ISO 4217 code, current and withdrawn, as the Unicode CLDR lists them (the list
# babel.numbers.list_currencies() gives; babel 2.19), copied so that start-up does not
# load babel; tests/amounts/test_currencies.py checks the copy against babel.
ISO_4217: Final[frozenset[str]] = frozenset(
    """
        ADP AED AFA AFN ALK ALL AMD ANG AOA AOK AON AOR ARA
        ARL ARM ARP ARS ATS AUD AWG AZM AZN BAD BAM BAN BBD
        BDT BEC BEF BEL BGL BGM BGN BGO BHD BIF BMD BND BOB
        BOL BOP BOV BRB BRC BRE BRL BRN BRR BRZ BSD BTN BUK
        BWP BYB BYN BYR BZD CAD CDF CHE CHF CHW CLE CLF CLP
        CNH CNY COP COU CRC CSD CSK CUC CUP CVE CYP CZK DDM
        DEM DJF DKK DOP DZD ECS ECV EEK EGP ERN ESA ESB ESP
        ETB EUR FIM FJD FKP FRF GBP GEK GEL GHC GHS GIP GMD
        GNF GNS GQE GRD GTQ GWE GWP GYD HKD HNL HRD HRK HTG
        HUF IDR IEP ILP ILR ILS INR IQD IRR ISJ ISK ITL JMD
        JOD JPY KES KGS KHR KMF KPW KRH KRO KRW KWD KYD KZT
        LAK LBP LKR LRD LSL LTL LTT LUC LUF LUL LVL LVR LYD
        MAD MAF MCF MDC MDL MGA MGF MKD MKN MLF MMK MNT MOP
        MRO MRU MTL MTP MUR MVP MVR MWK MXN MXP MXV MYR MZE
        MZM MZN NAD NGN NIC NIO NLG NOK NPR NZD OMR PAB PEI
        PEN PES PGK PHP PKR PLN PLZ PTE PYG QAR RHD ROL RON
        RSD RUB RUR RWF SAR SBD SCR SDD SDG SDP SEK SGD SHP
        SIT SKK SLE SLL SOS SRD SRG SSP STD STN SUR SVC SYP
        SZL THB TJR TJS TMM TMT TND TOP TPE TRL TRY TTD TWD
        TZS UAH UAK UGS UGX USD USN USS UYI UYP UYU UYW UZS
        VEB VED VEF VES VND VNN VUV WST XAD XAF XAG XAU XBA
        XBB XBC XBD XCD XCG XDR XEU XFO XFU XOF XPD XPF XPT
        XRE XSU XTS XUA XXX YDD YER YUD YUM YUN YUR ZAL ZAR
        ZMK ZMW ZRN ZRZ ZWD ZWG ZWL ZWR
    """.split()
)

# CLDR unit words that are English words: a currency only after its country
# ("Brazilian real", "European currency units"), never alone ("10 mln units").
NEED_ADJECTIVE: Final[frozenset[str]] = frozenset(
    """unit units rights real reals sol soles kip kips dram drams som soms lek leke lat lats
    pula pulas loti maloti vatu vatus tala talas leone leones colon colons cupon cupons value
    values code codes account accounts currency currencies funds gold silver platinum palladium
    inti intis mark marks won pound pounds rand""".split()
)


# Merged tables: CLDR first, the hand-written rows over it. Built once at import
# (plain dict work, about a millisecond); parse.py reads only these.
def _family_of(code: str) -> str:
    singular_unit = _cldr.NAMES[code][0].rpartition(" ")[2]
    return UNIT_WORDS.get(singular_unit) or UNIT_WORDS.get(singular_unit + "s") or singular_unit


def _merge_adjectives() -> dict[str, dict[str, str]]:
    in_use = set(_cldr.IN_USE)
    found: dict[str, dict[str, set[str]]] = {}
    for code, names in _cldr.NAMES.items():
        family = _family_of(code)
        for name in names:
            adjective = name.rpartition(" ")[0]
            if adjective:
                found.setdefault(adjective, {}).setdefault(family, set()).add(code)
    for country, code in _cldr.TERRITORIES.items():
        found.setdefault(country, {}).setdefault(_family_of(code), set()).add(code)
    merged: dict[str, dict[str, str]] = {}
    for adjective, families in found.items():
        for family, codes in families.items():
            current = codes & in_use if len(codes) > 1 else codes
            if len(current) == 1:  # two currencies under one name: leave it unknown
                merged.setdefault(adjective, {})[family] = next(iter(current))
    for adjective, table in ADJECTIVES.items():
        merged[adjective] = {**merged.get(adjective, {}), **table}
    return merged


def _merge_units() -> tuple[dict[str, str], dict[str, str | None]]:
    words: dict[str, str] = {}
    by_family: dict[str, set[str]] = {}
    all_by_family: dict[str, set[str]] = {}
    for code, names in _cldr.NAMES.items():
        family = _family_of(code)
        all_by_family.setdefault(family, set()).add(code)
        if code in _cldr.IN_USE:
            by_family.setdefault(family, set()).add(code)
        for name in names:
            unit = name.rpartition(" ")[2]
            words.setdefault(UNIT_WORDS.get(unit, unit), family)
            words.setdefault(unit, family)
    words.update(UNIT_WORDS)
    # A family's default: its one code in use today, else its one code ever
    # ("sucres": ECS), else unknown ("kwacha": Malawi's or Zambia's).
    defaults: dict[str, str | None] = {
        family: next(iter(pick)) if len(pick := by_family.get(family) or codes) == 1 else None
        for family, codes in all_by_family.items()
    }
    defaults.update(FAMILY_DEFAULTS)
    return words, defaults


def _merge_symbols() -> tuple[dict[str, str], dict[str, str]]:
    single: dict[str, str] = {}
    shared: dict[str, str] = dict(SHARED_SYMBOLS)
    for symbol, codes in _cldr.SYMBOLS.items():
        if symbol in SYMBOLS or symbol in shared:
            continue
        if len(codes) == 1:
            single[symbol] = codes[0]
        elif len({_family_of(code) for code in codes}) == 1:
            shared[symbol] = _family_of(codes[0])
    single.update(SYMBOLS)
    return single, shared


def _merge_cues(adjectives: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Country cues for the CLDR families several countries use today ("kwacha":
    Zambia, Malawi), from the country names and adjectives; hand-written cues win,
    and a family with a hand-written default ("dollar", "pound") gets none."""
    shared: dict[str, set[str]] = {}
    for code in _cldr.IN_USE:
        if code in _cldr.NAMES:
            shared.setdefault(_family_of(code), set()).add(code)
    cues: dict[str, dict[str, str]] = {}
    for word, table in adjectives.items():
        for family, code in table.items():
            if len(shared.get(family, ())) > 1 and FAMILY_DEFAULTS.get(family) is None:
                cues.setdefault(family, {})[word] = code
    return {**cues, **CONTEXT_CUES}


ALL_ADJECTIVES: Final = _merge_adjectives()
ALL_CONTEXT_CUES: Final = _merge_cues(ALL_ADJECTIVES)
ALL_UNIT_WORDS, ALL_FAMILY_DEFAULTS = _merge_units()
ALL_SYMBOLS, ALL_SHARED_SYMBOLS = _merge_symbols()
