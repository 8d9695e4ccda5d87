"""Signals the spider sends, for components that learn from what discovery read.

Scrapy's own way to let a spider and a pipeline meet without importing each other: the
spider sends, anyone connected through ``crawler.signals`` receives.
"""

#: A feed or sitemap was parsed. Arguments: ``listing`` (``spiders.feeds.Listing``), ``url``,
#: ``response`` (the Scrapy response it was read from). The zone stage
#: (``crawler.pipelines.zones``) learns each site's offsets from its dates, before the pages
#: they list are fetched; the WARC stage (``crawler.pipelines.warc``) archives the response,
#: so that ``wirecrawl extract --warc`` learns them too.
listing_parsed = object()
