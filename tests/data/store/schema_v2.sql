-- A store database as schema version 2 left it (before tombstones), with one feed and two
-- entries. Loaded by migrations_test.cpp to check the upgrade to the current schema.
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_fetched INTEGER,
  next_due INTEGER,
  last_success INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  subtitle TEXT NOT NULL DEFAULT '',
  channel_id TEXT NOT NULL DEFAULT '',
  author_name TEXT NOT NULL DEFAULT '',
  author_email TEXT NOT NULL DEFAULT '',
  author_href TEXT NOT NULL DEFAULT '',
  icon TEXT NOT NULL DEFAULT '',
  logo TEXT NOT NULL DEFAULT '',
  rights TEXT NOT NULL DEFAULT '',
  updated INTEGER,
  language TEXT NOT NULL DEFAULT '',
  generator TEXT NOT NULL DEFAULT ''
);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  guid TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  title_html TEXT NOT NULL DEFAULT '',
  title_plain TEXT NOT NULL DEFAULT '',
  summary_html TEXT NOT NULL DEFAULT '',
  content_html TEXT NOT NULL DEFAULT '',
  author_name TEXT NOT NULL DEFAULT '',
  author_email TEXT NOT NULL DEFAULT '',
  author_href TEXT NOT NULL DEFAULT '',
  published INTEGER,
  claimed INTEGER,
  updated INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  language TEXT NOT NULL DEFAULT '',
  digest INTEGER NOT NULL,
  UNIQUE (feed_id, key)
);
CREATE INDEX entries_newest ON entries (updated DESC, first_seen DESC, id DESC);
CREATE INDEX entries_feed_newest ON entries (feed_id, updated DESC, first_seen DESC, id DESC);
CREATE TABLE entry_tags (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE TABLE entry_enclosures (
  entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  href TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT '',
  length INTEGER,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
ALTER TABLE entries ADD COLUMN global_id TEXT NOT NULL DEFAULT '';
UPDATE entries SET global_id = guid WHERE instr(guid, ':') > 0;
CREATE INDEX entries_global_id ON entries (global_id, first_seen, id) WHERE global_id != '';
CREATE INDEX entries_link ON entries (link, first_seen, id) WHERE link != '';
INSERT INTO feeds (id, url, etag, last_status, title) VALUES
  (1, 'https://a.example/feed', '"v2-etag"', 200, 'Feed A');
INSERT INTO entries (id, feed_id, key, guid, global_id, link, title_html, title_plain,
                     content_html, claimed, updated, first_seen, digest) VALUES
  (1, 1, 'tag:a.example,2020:1', 'tag:a.example,2020:1', 'tag:a.example,2020:1',
   'https://a.example/1', 'One', 'One', '<p>one</p>', 500, 500, 1000, 42),
  (2, 1, '1234', '1234', '', 'https://a.example/2', 'Two', 'Two', '<p>two</p>', NULL, 1000, 1000,
   43);
PRAGMA user_version = 2;
