-- The users the database is shared with. They list by name ignoring case:
-- name_fold is the name folded by Go (strings.ToLower), compared byte by
-- byte (COLLATE "C"), as the other stores compare.

CREATE TABLE users (
	id        uuid PRIMARY KEY,
	name      text NOT NULL,
	name_fold text COLLATE "C" NOT NULL,
	email     text NOT NULL,
	active    boolean NOT NULL,
	last_turn bigint NOT NULL,
	version   bigint NOT NULL
);

CREATE INDEX users_name ON users (name_fold, id);
