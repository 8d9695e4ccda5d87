"""The per-site URL-shape learner: shapes of paths and the vote they earn."""

from __future__ import annotations

import pytest

from spiders.pagetype.urlshape import UrlShapes, url_shape


def test_shapes_of_article_and_section_urls():
    assert url_shape("https://a.example/politik/storm-hits-coast-123456.html") == ("word", "idslug.f")
    assert url_shape("https://a.example/sport/cup-final-won-654321.html") == ("word", "idslug.f")
    assert url_shape("https://a.example/2026/11/20/storm-hits-the-coast") == ("date", "num", "num", "slug")
    assert url_shape("https://a.example/politik/") == ("word",)


def test_learned_article_shape_votes_for_a_new_url_of_that_shape():
    shapes = UrlShapes(min_pages=3)
    for i in range(3):
        shapes.record(f"https://a.example/local/story-about-thing-{i}", True)
        shapes.record(f"https://a.example/section{i}/", False)
    assert shapes.vote("https://a.example/world/another-story-about-things") == 1
    assert shapes.vote("https://a.example/culture/") == -1
    assert shapes.vote("https://b.example/local/story-about-thing-9") == 0  # other host


def test_no_vote_before_enough_pages_or_on_mixed_shapes():
    shapes = UrlShapes(min_pages=3)
    shapes.record("https://a.example/x/one-two-three", True)
    shapes.record("https://a.example/x/four-five-six", True)
    assert shapes.vote("https://a.example/y/seven-eight-nine") == 0
    shapes.record("https://a.example/x/ten-eleven-twelve", False)
    shapes.record("https://a.example/x/a-b-c", False)
    assert shapes.vote("https://a.example/y/seven-eight-nine") == 0


@pytest.mark.parametrize("kwargs", [{"min_pages": 0}, {"min_share": 0.5}, {"min_share": 1.5}])
def test_bad_bounds_are_refused(kwargs):
    with pytest.raises(ValueError):
        UrlShapes(**kwargs)
