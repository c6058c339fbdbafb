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


def test_marks_the_words_with_the_stem_of_a_query_word_in_its_language():
    snippet = highlight("libraries", "A library in every school.", language="en")
    assert snippet == "A <mark>library</mark> in every school."
    assert highlight("Strasse", "Eine Straße für alle.", language="de") == (
        "Eine <mark>Straße</mark> für alle."
    )


def test_leaves_stop_words_unmarked_unless_the_query_has_nothing_else():
    snippet = highlight("le jardin", "Le jardin de la gare.", language="fr")
    assert snippet == "Le <mark>jardin</mark> de la gare."
    assert highlight("une", "Une idée.", language="fr") == "<mark>Une</mark> idée."
