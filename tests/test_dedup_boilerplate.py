"""SiteBoilerplate: story grouping's policy over the site line learner (edge and link lines)."""

from dedup.boilerplate import SiteBoilerplate


def test_edge_lines_repeated_by_a_site_are_dropped_from_later_texts():
    bp = SiteBoilerplate(repeats=2)
    for j in range(2):
        assert bp.strip("paper", f"Subscribe now\nBody {j} says something.\nEnd {j}.").startswith("Subscribe")
    assert bp.strip("paper", "Subscribe now\nBody 3 says something.\nEnd 3.") == "Body 3 says something.\nEnd 3."
    assert bp.strip("other", "Subscribe now\nBody.\nEnd.").startswith("Subscribe")  # per site
    assert bp.strip(None, "Subscribe now\nBody.") == "Subscribe now\nBody."  # no site: untouched


def test_a_text_that_is_all_boilerplate_is_kept_whole():
    bp = SiteBoilerplate(repeats=1)
    bp.strip("s", "Share this\nCopyright Paper")
    assert bp.strip("s", "Share this\nCopyright Paper") == "Share this\nCopyright Paper"


def test_state_taken_for_persistence_restores_the_same_decisions():
    bp = SiteBoilerplate(repeats=2)
    for j in range(2):
        bp.strip("paper", f"Subscribe now\nBody {j}.")
    state = bp.take_dirty()
    assert set(state) == {"paper"} and state["paper"][0] == 2 and bp.take_dirty() == {}
    again = SiteBoilerplate(repeats=2)
    again.restore(state)
    assert again.strip("paper", "Subscribe now\nBody 9.") == bp.strip("paper", "Subscribe now\nBody 9.") == "Body 9."


def test_read_also_link_lines_learned_per_site_and_sentences_kept():
    bp = SiteBoilerplate(repeats=2)
    titles = ["Harbour strike ends after nine days", "New tram line opens in Orrin",
              "Floods close the Marne valley road", "Council budget passes narrowly"]
    for j, t in enumerate(titles[:3]):
        body = f"Story {j} headline\nFirst paragraph of story {j} about something else entirely.\nRead also: {t}\nLast words {j}."
        bp.strip("paper", body)
    text = ("Bridge approved in Quarrow\nThe regional council of Quarrow voted on Tuesday.\n"
            f"Read also: {titles[3]}\nRead also the council's full statement, published on Tuesday.")
    out = bp.strip("paper", text).split("\n")
    assert f"Read also: {titles[3]}" not in out  # a title-like line opening like the site's links
    assert "Read also the council's full statement, published on Tuesday." in out  # a sentence: kept
    assert out[0] == "Bridge approved in Quarrow"  # the headline is never a link line
    # another site has learned nothing
    assert "Read also: x y" in SiteBoilerplate().strip("other", "Head\nBody text here.\nRead also: x y").split("\n")
