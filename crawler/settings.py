"""Scrapy settings for wirecrawl, and every ``WIRECRAWL_*`` setting, declared once.

Grouped by prefix, enable flag first, as in Scrapy's ``default_settings.py``. The CLI
(``crawler.cli``) only overrides these; ``scrapy crawl news`` uses them as they are.
No other module reads environment variables or configuration files.
"""

BOT_NAME = "wirecrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Politeness -----------------------------------------------------------------------
USER_AGENT = "wirecrawl/0.1 (+https://pypi.org/project/wirecrawl/)"
ROBOTSTXT_OBEY = True                # --no-robots turns it off
ROBOTSTXT_PARSER = "spiders.robots.SitemapRobotParser"   # Protego, plus the Sitemap: lines
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 1
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"  # the spider's errback logs each failed request once, by kind
REDIRECT_MAX_TIMES = 8
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- Throughput (Scrapy's own) --------------------------------------------------------
# Items of one response processed at once. Scrapy starts this many tasks for every response
# (default 100); a page yields one item and a few requests, so 100 tasks per page cost the
# reactor more than the page's own handling. Sitemaps' thousands of requests need no more.
CONCURRENT_ITEMS = 8

# --- Crawl bounds (Scrapy's own) ------------------------------------------------------
DEPTH_LIMIT = 3                # link hops from a start page, bounded by DepthMiddleware; feed/sitemap
                               # entries count as 0 (meta depth_reset); --depth N sets it, 0 = no links
DEPTH_STATS_VERBOSE = False
DEPTH_PRIORITY = 1             # breadth-first: articles near the start first
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
CLOSESPIDER_PAGECOUNT = 0      # responses before closing; 0 = none (--max-pages is WIRECRAWL_MAX_PAGES)
# One fingerprint per page (tracking parameters etc. ignored): what Scrapy's dupefilter, or a
# shared one such as scrapy-redis's, drops repeats by.
REQUEST_FINGERPRINTER_CLASS = "spiders.fingerprint.CanonicalFingerprinter"

# --- Components -----------------------------------------------------------------------
SPIDER_MIDDLEWARES = {}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,      # Scrapy's, refusals raised as RobotsForbidden
    "crawler.middlewares.RedirectLoopMiddleware": 650,   # sees redirects before RedirectMiddleware (600)
    "crawler.revisit.ConditionalGetMiddleware": 580,     # --state: feed-date skips, If-None-Match, 304s
    "crawler.middlewares.PageAnalysisMiddleware": 40,    # last on responses: HTML pages parsed once, in the workers
}
ITEM_PIPELINES = {
    "crawler.pipelines.warc.WarcPipeline": 50,           # only with "warc" in WIRECRAWL_FORMATS
    "crawler.pipelines.extract.ExtractPipeline": 100,
    "crawler.pipelines.zones.ZonePipeline": 150,          # naive times in the zone the site states elsewhere
    "crawler.pipelines.filter.FilterPipeline": 200,
    "crawler.pipelines.revision.RevisionPipeline": 250,  # --state: revisions; unchanged bodies dropped
    "crawler.pipelines.group.GroupPipeline": 300,
    "crawler.pipelines.write.WritePipeline": 900,
}
EXTENSIONS = {
    "crawler.revisit.CrawlStateExtension": 400,          # --state: opens the state under its lock, records the run
    "crawler.extensions.RunReport": 500,
    "crawler.reactorlag.ReactorLag": 510,                # wirecrawl/reactor/max_lag_ms: the reactor's longest stall
    "crawler.gcpolicy.GarbagePolicy": 520,               # startup heap frozen, youngest generation collected less often
}
FEED_EXPORT_ENCODING = "utf-8"
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"   # a page without an article body is routine, not a warning
LOG_LEVEL = "INFO"

# --- wirecrawl: state kept across runs (spiders/state.py, crawler/revisit.py) ----------
WIRECRAWL_STATE_DIR = None            # --state DIR: state.sqlite (pages, articles, hosts, runs), stories.sqlite, lock
WIRECRAWL_STATE_FULL = False          # --full: no feed-date skips, no conditional GETs, every article written again
WIRECRAWL_STATE_WINDOW_DAYS = 30      # pages not fetched / articles not written for this long are forgotten; 0 = never
WIRECRAWL_STATE_FSYNC = True          # fsync each articles.jsonl line before the state commits it (power-loss safe)

# --- wirecrawl: discovery (spiders/) --------------------------------------------------
WIRECRAWL_SAME_SITE = True            # follow links only within the start sites
WIRECRAWL_SITE_PAGE_BUDGET = 2000     # most requests scheduled per site (crawl-trap bound)
WIRECRAWL_PATTERN_BUDGET = 50         # most URLs per path pattern with digits masked (calendars, pages)
WIRECRAWL_MAX_QUERY_VARIANTS = 5      # most query-string variants of one path (sort/filter traps)
WIRECRAWL_SITEMAP_MAX_DEPTH = 3       # nested sitemap indexes followed
WIRECRAWL_DISCOVER_SITEMAPS = True    # also request the sitemaps of the start sites' robots.txt
WIRECRAWL_MAX_PAGES = 0               # most article pages emitted (-a max_pages); 0 = no cap
WIRECRAWL_STRIP_QUERY_PARAMS = [      # tracking / session parameters removed when canonicalising
    "utm_*", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "yclid", "igshid",
    "sessionid", "session_id", "sid", "phpsessid", "jsessionid", "ref", "ref_src", "cmpid", "ito",
]

# --- wirecrawl: extraction (crawler/extract/) -----------------------------------------
WIRECRAWL_EXTRACT_ENABLED = True
WIRECRAWL_EXTRACT_WORKERS = 2        # extraction processes (pages sharded by site); 0 = in the reactor thread
WIRECRAWL_PARSE_ONCE = True           # links, article decision and extraction on one parse, where extraction
                                      # runs (PageAnalysisMiddleware); False: the spider parses, the pipeline again
WIRECRAWL_TIMEZONE = "UTC"            # timezone of visible dates that carry none (--tz)
WIRECRAWL_SITE_TIMEZONES = {}         # {"lemonde.fr": "Europe/Paris"}: per-site override
WIRECRAWL_ZONE_LEARNING = True        # times printed without a zone placed in the zone the site states
                                      # elsewhere (feeds, sitemaps, other pages); site zones above still win
WIRECRAWL_TEMPLATE_MIN_PAGES = 3      # a line on this many pages of one site ...
WIRECRAWL_TEMPLATE_MIN_SHARE = 0.5    # ... and on this share of them is site template
WIRECRAWL_MIN_TEXT_CHARS = 200        # shorter bodies are dropped (counted as wirecrawl/drop/short)

# --- wirecrawl: filtering -------------------------------------------------------------
WIRECRAWL_SINCE = None                # ISO date/instant: drop articles published before

# --- wirecrawl: story grouping (dedup/) -----------------------------------------------
WIRECRAWL_DEDUP_ENABLED = True
# Defaults chosen on the grid of bench/dedup.py (num_perm x shingle size x threshold); its
# figures are in the README's Performance section.
WIRECRAWL_DEDUP_THRESHOLD = 0.5       # containment of the smaller text in the larger
WIRECRAWL_DEDUP_NUM_PERM = 128        # part of the index schema
WIRECRAWL_DEDUP_SHINGLE_SIZE = 5      # words per shingle; part of the index schema
WIRECRAWL_DEDUP_SEED = 1              # part of the index schema
WIRECRAWL_DEDUP_INDEX = None          # persistent story index (SQLite); None = STATE_DIR/stories.sqlite, or in memory
WIRECRAWL_DEDUP_WINDOW_DAYS = 7       # stories older than this expire from a persistent index

# --- wirecrawl: distributed crawl on Redis (crawler/distributed/) ---------------------
# The add-on turns the rest on when WIRECRAWL_REDIS_URL is set: scrapy-redis's scheduler
# and dupefilter on that server (REDIS_URL, SCHEDULER*, DUPEFILTER_CLASS), per-host delay
# across workers, the story index shared through a log. Unset: a single-process crawl.
ADDONS = {"crawler.distributed.addon.RedisAddon": 0}
WIRECRAWL_REDIS_URL = None            # redis://HOST:PORT/DB (--redis): share one crawl with other workers
WIRECRAWL_REDIS_KEY = "wirecrawl"     # key prefix of the crawl (--redis-key); a new crawl takes a new one
WIRECRAWL_REDIS_WORKER = None         # this worker's id in Redis keys; None = host:pid:random (set by the add-on)
WIRECRAWL_REDIS_HEARTBEAT = 10.0      # seconds without a heartbeat before a worker's requests are requeued
WIRECRAWL_REDIS_IDLE_POLL = 0.25      # seconds between looks at the shared frontier while this worker is dry
WIRECRAWL_REDIS_LOCK_TIMEOUT = 10.0   # seconds after which the story log's lock, held by a dead worker, expires

# --- wirecrawl: output (output/) ------------------------------------------------------
WIRECRAWL_OUTPUT_DIR = None           # RUN_DIR: articles.jsonl, stories.jsonl, run.json; None = none
WIRECRAWL_FORMATS = ["jsonl"]         # --format: jsonl (always written), parquet, warc (output/formats.py)
WIRECRAWL_CANONICAL_ONLY = False      # --canonical-only: also canonical.jsonl, one record per story
WIRECRAWL_PARQUET_ROWS = 1000         # articles per articles.parquet/part-*.parquet file
WIRECRAWL_PROGRESS = False            # live progress bar on stderr, when it is a terminal (the CLI turns it on)
WIRECRAWL_JSON_LOG = None             # --json-log: JSON events, one a line, to this file ("-": stderr)
WIRECRAWL_PROGRESS_INTERVAL = 1.0     # seconds between progress updates (bar and JSON events)

# --- wirecrawl: reactor health (crawler/reactorlag.py) --------------------------------
WIRECRAWL_REACTOR_LAG_ENABLED = True  # record the reactor's longest lag between ticks (wirecrawl/reactor/max_lag_ms)
WIRECRAWL_REACTOR_LAG_INTERVAL = 0.1  # seconds between the ticks of that LoopingCall

# --- wirecrawl: garbage collection while crawling (crawler/gcpolicy.py) ---------------
WIRECRAWL_GC_FREEZE = True            # freeze the objects alive when the spider opens (never walked again)
WIRECRAWL_GC_THRESHOLD = 10000        # allocations between youngest-generation collections (CPython: 700); 0 = as is
