"""Currency data for pipeline/amounts.py: data only, no logic.

Where it came from: the codes are ISO 4217 (current codes from the ISO 4217
list, plus the withdrawn codes that 1987 wire copy needs: FRF, DEM, ITL, NLG,
BEF, ESP, ATS, PTE, GRD, IEP, FIM, LUF, XEU for the ECU). The symbols and the
names are the usual English news forms, collected from Reuters-21578 stories
("250 mln Australian dlrs", "35 mln stg", "600 mln Danish crowns"), from the
Duckling and Microsoft Recognizers-Text money corpora, and from Wikipedia's
"Currency symbol" and per-currency pages (e.g. `₹`, `₩`, `NT$`, `R$`).

Conventions:
- A family is a unit word's lower-case base name ("dollar", "franc", ...).
- `DEFAULT_DOLLAR` stands for the caller's default dollar (USD unless told).
- A family whose country is not written ("francs") is resolved from country
  words earlier in the text (`CONTEXT_CUES`), else `FAMILY_DEFAULTS`.
"""

from __future__ import annotations

from typing import Final

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
    "Z$": "ZWD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "￥": "JPY",
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
}

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
    "ringgit": "MYR",
    "ringgits": "MYR",
    "malaysia ringgit": "MYR",
    "malaysia ringgits": "MYR",
    "malaysian ringgit": "MYR",
    "malaysian ringgits": "MYR",
}

# Abbreviations matched case-sensitively only (as words they mean other things).
PREFIX_WORDS_CASED: Final[dict[str, str]] = {"RM": "MYR"}
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
    "yuan": "CNY",
    "won": "KRW",
    "rupee": "INR",
    "mark": "DEM",
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
    "lakh crore": 12,
    "lakh crores": 12,
    "thousand crore": 10,
    "thousand crores": 10,
}

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
# babel.numbers.list_currencies() gives; babel 2.19). `pipeline.amounts.codes` asks babel
# when it is installed and falls back on this copy.
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
