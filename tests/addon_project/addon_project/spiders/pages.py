"""The user's spider: it fetches the pages it is given and yields plain dict items."""

import scrapy


class PagesSpider(scrapy.Spider):
    name = "pages"

    def __init__(self, urls: str = "", **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [u for u in urls.split(",") if u]

    def parse(self, response):
        item = {"url": response.url, "headers": response.headers.to_unicode_dict()}
        # Some items carry bytes as "body", others text as "html": both are pages to wirecrawl.
        if len(response.url) % 2:
            item["body"] = response.body
        else:
            item["html"] = response.text
        yield item
