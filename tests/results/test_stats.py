"""Quiz statistics against values worked out by hand (see the comments for the arithmetic)."""

from __future__ import annotations

import pytest

from learn.results import stats

# Five students, four items. Totals 4, 3, 2, 2, 1 (C and D tie).
#        q1 q2 q3 q4
MATRIX = [
    [1, 1, 1, 1],  # A
    [1, 1, 0, 1],  # B
    [1, 0, 1, 0],  # C
    [1, 1, 0, 0],  # D
    [1, 0, 0, 0],  # E
]


def test_facility_is_the_mean_item_score() -> None:
    facilities = [s.facility for s in stats.item_stats(MATRIX)]
    assert facilities == pytest.approx([1.0, 0.6, 0.4, 0.4])


def test_discrimination_correlates_the_item_with_the_rest_of_the_quiz() -> None:
    items = stats.item_stats(MATRIX)
    # q1: everyone right, the item has no variance: undefined.
    assert items[0].discrimination is None
    # q2 = [1,1,0,1,0], rest = [3,2,2,1,1]: Sxy = 0.6, Sxx = 1.2, Syy = 2.8 → 0.6/√3.36
    assert items[1].discrimination == pytest.approx(0.6 / 3.36**0.5)
    assert items[1].discrimination == pytest.approx(0.32733, abs=1e-5)
    # q3 = [1,0,1,0,0], rest = [3,3,1,2,1]: Sxy = 0 → 0
    assert items[2].discrimination == pytest.approx(0.0, abs=1e-12)
    # q4 = [1,1,0,0,0], rest = [3,2,2,2,1]: Sxy = 1.0, Sxx = 1.2, Syy = 2 → 1/√2.4
    assert items[3].discrimination == pytest.approx(0.64550, abs=1e-5)


def test_flags_point_at_doubtful_items() -> None:
    items = stats.item_stats(MATRIX)
    assert items[0].flags == ("too_easy",)
    assert items[1].flags == ()
    assert items[2].flags == ("low_discrimination",)
    assert items[3].flags == ()


def test_summary_of_the_scores() -> None:
    scores = stats.quiz_scores(MATRIX)
    assert scores == pytest.approx([1.0, 0.75, 0.5, 0.5, 0.25])
    summary = stats.summarize(scores, MATRIX)
    assert summary.count == 5
    assert summary.mean == pytest.approx(0.6)
    assert summary.median == pytest.approx(0.5)  # the tie C = D sits in the middle
    # deviations .4 .15 -.1 -.1 -.35 → squares sum .325, / (5-1) = .08125
    assert summary.sd == pytest.approx(0.08125**0.5)
    # item variances 0 + .24 + .24 + .24 = .72; totals variance 5.2/5 = 1.04
    # alpha = 4/3 · (1 − .72/1.04) = 0.410256...
    assert summary.alpha == pytest.approx(4 / 3 * (1 - 0.72 / 1.04))
    assert summary.alpha == pytest.approx(0.410256, abs=1e-6)


def test_median_of_an_even_count_averages_the_middle_pair() -> None:
    assert stats.summarize([0.25, 0.5, 0.5, 1.0]).median == pytest.approx(0.5)
    assert stats.summarize([0.0, 0.5, 0.75, 1.0]).median == pytest.approx(0.625)


def test_a_single_student_leaves_the_spread_statistics_undefined() -> None:
    matrix = [[1, 0, 1]]
    summary = stats.summarize(stats.quiz_scores(matrix), matrix)
    assert summary.count == 1
    assert summary.mean == pytest.approx(2 / 3)
    assert summary.median == pytest.approx(2 / 3)
    assert summary.sd is None
    assert summary.alpha is None
    items = stats.item_stats(matrix)
    assert [i.facility for i in items] == [1.0, 0.0, 1.0]
    assert [i.discrimination for i in items] == [None, None, None]
    assert items[1].flags == ("too_hard",)


def test_all_wrong_item_and_equal_totals() -> None:
    # Everyone scores 1 of 3: the totals have no variance, so alpha is undefined; the
    # all-wrong item q3 has no discrimination but is flagged as too hard.
    matrix = [[1, 0, 0], [0, 1, 0], [1, 0, 0]]
    summary = stats.summarize(stats.quiz_scores(matrix), matrix)
    assert summary.sd == pytest.approx(0.0)
    assert summary.alpha is None
    items = stats.item_stats(matrix)
    assert items[2].facility == 0.0
    assert items[2].discrimination is None
    assert items[2].flags == ("too_hard",)
    # q1 = [1,0,1] against rest [0,1,0]: perfectly opposite.
    assert items[0].discrimination == pytest.approx(-1.0)
    assert "low_discrimination" in items[0].flags


def test_one_item_quiz_has_no_alpha() -> None:
    matrix = [[1], [0], [1]]
    assert stats.cronbach_alpha(matrix) is None
    assert stats.item_stats(matrix)[0].discrimination is None  # the rest is always 0


def test_no_attempts_at_all() -> None:
    summary = stats.summarize([], [])
    assert (summary.count, summary.mean, summary.median, summary.sd, summary.alpha) == (
        0,
        None,
        None,
        None,
        None,
    )
    assert stats.item_stats([]) == []


def test_histogram_bins_include_the_top_score_in_the_last_bin() -> None:
    counts = stats.histogram([0.0, 0.1, 0.25, 0.5, 0.5, 0.99, 1.0])
    assert counts == [1, 1, 1, 0, 0, 2, 0, 0, 0, 2]
    assert sum(stats.histogram([0.3, 0.7, 0.6], bins=5)) == 3


def test_pearson_undefined_cases() -> None:
    assert stats.pearson([1.0], [2.0]) is None
    assert stats.pearson([1, 1, 1], [1, 2, 3]) is None
    assert stats.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
