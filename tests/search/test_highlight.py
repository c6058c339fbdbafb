from search.highlight import highlight


def test_marks_the_words_whatever_their_accents_and_endings():
    snippet = highlight("cheval energie", "Des chevaux de trait pour l'Énergie du bois.")
    assert snippet == "Des <mark>chevaux</mark> de trait pour l&#x27;<mark>Énergie</mark> du bois."


def test_takes_the_first_source_that_matches_and_cuts_around_the_match():
    body = " ".join(["mot"] * 50 + ["Brauerei"] + ["wort"] * 50)
    snippet = highlight("Brauereien", "Eine Zusammenfassung.", body)
    assert snippet.startswith("… mot")
    assert "<mark>Brauerei</mark>" in snippet
    assert snippet.endswith(" …")
    assert len(snippet.split()) < 40


def test_escapes_html_and_marks_nothing_without_a_match():
    assert highlight("vélo", "<b>Un jardin</b>") == "&lt;b&gt;Un jardin&lt;/b&gt;"
    assert highlight("", "Un jardin partagé") == "Un jardin partagé"
