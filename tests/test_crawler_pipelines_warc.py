"""WarcPipeline: the feeds and sitemaps the spider parsed are archived beside the pages."""

from __future__ import annotations

import asyncio

from scrapy.http import Response

from crawler.pipelines.warc import WarcPipeline
from output.warc import RESPONSES, read_responses
from spiders.feeds import parse_listing
from spiders.signals import listing_parsed

FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Q</title><item><link>http://127.0.0.2:8001/a'
        b'</link><pubDate>Thu, 19 Nov 2026 09:03:00 +0100</pubDate></item></channel></rss>')


def test_a_parsed_listing_is_written_as_received(make_crawler, tmp_path):
    crawler = make_crawler(WIRECRAWL_FORMATS=["jsonl", "warc"], WIRECRAWL_OUTPUT_DIR=str(tmp_path))
    crawler.stats.open_spider()
    pipe = WarcPipeline.from_crawler(crawler)
    response = Response("http://127.0.0.2:8001/feed", status=200, body=FEED,
                        headers={"Content-Type": "application/rss+xml"})
    crawler.signals.send_catch_log(signal=listing_parsed, listing=parse_listing(FEED, response.url),
                                   url=response.url, response=response)
    asyncio.run(pipe.close_spider())
    (got,) = read_responses(tmp_path / RESPONSES)
    assert (got.url, got.status, got.body, got.headers["content-type"]) == (
        response.url, 200, FEED, "application/rss+xml")
    assert crawler.stats.get_value("wirecrawl/warc/listings") == 1
