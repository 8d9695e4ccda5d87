"""The page as a body: bytes decoded, one lxml parse, trafilatura's main text, DOM repairs.

Everything here works before the text is cleaned: ``decode`` tells a page from a binary
or empty payload and turns bytes into text, ``main_text`` runs trafilatura on the parsed
tree, ``structure`` holds the markup rules trafilatura cannot know (pruned elements,
bodies split across containers, embedded posts).
"""
