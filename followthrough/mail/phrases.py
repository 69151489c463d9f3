"""The phrases that make a message read as a rejection or an interview invitation.

One readable list per language; add a language by adding its lists. A phrase
matches anywhere in the subject or the new text of a message, ignoring case,
accents kept, runs of spaces and line breaks counted as one space. Order does
not matter, but a rejection wins over an invitation: "we will not invite you
to an interview" is a no.
"""

from __future__ import annotations

import re

REJECTION = {
    "en": [
        "move forward with other candidates",
        "moving forward with other candidates",
        "proceed with other candidates",
        "pursue other candidates",
        "decided not to move forward",
        "decided not to proceed",
        "not to move forward with your application",
        "will not be moving forward",
        "won't be moving forward",
        "we are unable to offer you",
        "unable to offer you the position",
        "not been selected",
        "not selected for",
        "position has been filled",
        "regret to inform you",
        "unfortunately, we will not",
        "other applicants whose experience more closely",
        "more closely matches our needs",
    ],
    "de": [
        "leider mitteilen",
        "leider müssen wir ihnen mitteilen",
        "für einen anderen kandidaten entschieden",
        "für eine andere kandidatin entschieden",
        "für andere bewerber entschieden",
        "ihre bewerbung nicht weiter berücksichtigen",
        "nicht in die engere auswahl",
        "ihnen eine absage",
        "die stelle wurde bereits besetzt",
    ],
    "fr": [
        "pas donner une suite favorable",
        "pas pu retenir votre candidature",
        "ne pouvons pas donner suite",
        "ne pas retenir votre candidature",
        "autres candidats",
        "le poste a été pourvu",
    ],
}

INTERVIEW = {
    "en": [
        "invite you to an interview",
        "invite you for an interview",
        "invite you to interview",
        "like to schedule an interview",
        "schedule a call",
        "schedule a time to talk",
        "interview invitation",
        "invitation to interview",
        "next round of interviews",
        "would like to meet you",
        "your availability for an interview",
        "phone screen",
    ],
    "de": [
        "einladung zum vorstellungsgespräch",
        "zu einem vorstellungsgespräch einladen",
        "zu einem gespräch einladen",
        "kennenlernen möchten",
        "terminvorschlag für ein gespräch",
    ],
    "fr": [
        "vous inviter à un entretien",
        "convocation à un entretien",
        "invitation à un entretien",
        "planifier un entretien",
    ],
}

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_QUOTES).lower())


_REJECTION = [(lang, p) for lang, phrases in REJECTION.items() for p in phrases]
_INTERVIEW = [(lang, p) for lang, phrases in INTERVIEW.items() for p in phrases]


def classify(*texts: str) -> tuple[str, str] | None:
    """``("rejection" | "interview", phrase)`` for the first phrase found, else ``None``."""
    text = _normal(" ".join(t for t in texts if t))
    for kind, phrases in (("rejection", _REJECTION), ("interview", _INTERVIEW)):
        for _lang, phrase in phrases:
            if phrase in text:
                return kind, phrase
    return None
