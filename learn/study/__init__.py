"""Spaced-repetition self-study: FSRS scheduling, the study session, progress statistics.

`scheduling` wraps the `fsrs` package (pure, no database); `service` stores cards and
reviews; `stats` and `charts` compute and draw the dashboard; `export` writes CSV and Anki
decks; `routes` is the thin web layer. Other features call `service.record_quiz_review`,
`service.add_word` and `stats.known_share`.
"""
