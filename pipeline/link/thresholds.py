"""Every number the linker decides with, in one place, each with the reason for its value."""

from __future__ import annotations

# Tree distance (dependency edges) within which a cue word can decide an amount's class.
# Five edges reach from an amount to the verb of its clause through a preposition and a
# coordination ("plans to spend ... on X and $Y on Z"); beyond that, cues belong to
# another clause of a long wire sentence.
MAX_CUE_DISTANCE = 5

# Below this, an amount written without a scale word is a price, a fee or a per-unit
# figure in business news ("2.57 dlrs a share", "six cts"), not a spending claim.
SMALL_AMOUNT = 100_000

# How far back (characters) "it" / "the company" looks for the organisation it refers to
# before falling back to the article's topic: about three wire sentences.
ANAPHOR_WINDOW = 600

# Period assignment, in words between an amount and a year expression: another amount
# in between (+6) and a semicolon (+8) make a year belong to other figures; a possessive
# year ("last year's 5.8 billion") binds its own noun (+20: never taken by another amount).
GAP_OTHER_AMOUNT = 6
GAP_SEMICOLON = 8
GAP_POSSESSIVE = 20

# Sentences a definite description ("the package") looks back for its antecedent.
ANTECEDENT_SENTENCES = 3

# A claim with no named spender continues the claim of the sentence just before it when
# it is at most this many sentences later.
PREVIOUS_CLAIM_GAP = 1

# A budget's lines phrased from their recipients follow the budget figure within a few
# paragraphs of a wire story (a budget story lists ministries line by line): beyond
# about ten sentences the story has moved on to other money.
BUDGET_LINE_SENTENCES = 10

# The base of a comparison ("355 mln dlrs, up from 280.4 mln dlrs") is the same spending
# in another period when it follows the figure closely: "up from", "eight pct more than
# the", "against" (at most six words between the two amounts).
COMPARISON_GAP_WORDS = 6

# The article's topic (its most named organisation) stands in for an unnamed spender only
# near a mention of it: in the headline and lead (the first four segments: date line,
# headline, dateline sentence, lead) or within the three sentences before the figure.
TOPIC_LEAD_SENTENCES = 4
TOPIC_WINDOW_SENTENCES = 3

# Tokens walked up from an amount to find the clause that names its spender: enough for
# "X said it expects to be able to spend $Y" (amount, spend, able, be, expects, said).
SUBJECT_WALK_STEPS = 8

# A one-word name that runs on into another capitalised word in at least 80% of its uses
# ("New" in "New York", "New Jersey") is a fragment of longer names, not a name: four
# uses in five leave room for one title-cased headline or sentence start.
FRAGMENT_SHARE = 0.8

# A figure with one or two significant digits restates another that rounds to it when
# they differ by at most 5%: "$5bn" for "$4.87bn" (2.6%), "$9 billion" for "$8.8 billion"
# (2.2%); "$2bn" and "$1.5bn" (25%) stay two facts.
ROUNDED_RESTATEMENT = 0.05

# A headline is one of the first two segments (a Reuters story's date line, then its
# headline; a page's title, then its deck) when it has no final full stop and at most
# 25 words: longer unpunctuated lines are paragraphs whose splitter lost the stop.
HEADLINE_LINES = 2
HEADLINE_WORDS = 25

# A planned figure with no year of its own continues the year of a planned figure at most
# two sentences before ("It plans 1.2 bln dlrs for 1988. ... The rest, 300 mln dlrs, will
# go to ..."): further on, the story has usually moved to another period.
CARRY_PERIOD_SENTENCES = 2
