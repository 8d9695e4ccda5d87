"""A user's Scrapy project: its own spider, and wirecrawl through the ADDONS setting only."""

BOT_NAME = "addon_project"
SPIDER_MODULES = ["addon_project.spiders"]
NEWSPIDER_MODULE = "addon_project.spiders"

ADDONS = {"crawler.addon.Addon": 0}     # extraction, dates, story grouping, the run directory
WIRECRAWL_OUTPUT_DIR = None             # given on the command line: -s WIRECRAWL_OUTPUT_DIR=RUN_DIR

ROBOTSTXT_OBEY = False
DOWNLOAD_DELAY = 0
TELNETCONSOLE_ENABLED = False
