"""What a page's body and URL say about its type: the signals ``spiders.pages.classify`` adds up.

Pure functions on lxml trees and URL strings, no Scrapy import: ``body`` measures the
page's own text (script-aware lengths, the main block of paragraphs, teaser cards, the
headline), ``urlshape`` learns from the pages already judged on a site which URL shapes
are its articles.
"""
