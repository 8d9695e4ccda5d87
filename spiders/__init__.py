"""The news spider and its discovery core: start documents of any kind -> article ``Page`` items."""
