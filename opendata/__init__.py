"""Open data: the read-only JSON API at /api/v1/ (opendata/api.py) and the downloads of the same
records (opendata/downloads.py), listed on the Open data page. It reads the content apps' live,
public pages and shows what their public pages show; no content app imports it."""
