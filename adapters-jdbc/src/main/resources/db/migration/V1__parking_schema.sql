-- Parkade's schema. One set of migrations for PostgreSQL 16+ and H2 2.x: plain SQL that both
-- accept, no partial indexes (H2 has none), no data-modifying CTEs.

-- Every spot of the lot. free is maintained in the same transaction as the session that takes
-- or releases it; a start claims a free row with SELECT ... FOR UPDATE SKIP LOCKED.
CREATE TABLE spot (
    id   VARCHAR(32) NOT NULL,
    free BOOLEAN     NOT NULL,
    CONSTRAINT spot_pk PRIMARY KEY (id)
);

-- Finding free spots (claim, "first N free") walks this index, never the table.
CREATE INDEX spot_free_idx ON spot (free, id);

-- One row per active session. The unique constraints are what make double booking impossible,
-- whatever the number of server processes: one active session per user, per plate, per spot.
CREATE TABLE active_session (
    id         VARCHAR(64)              NOT NULL,
    user_id    VARCHAR(64)              NOT NULL,
    plate      VARCHAR(16)              NOT NULL,
    spot_id    VARCHAR(32)              NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT active_session_pk PRIMARY KEY (id),
    CONSTRAINT active_session_user_uq UNIQUE (user_id),
    CONSTRAINT active_session_plate_uq UNIQUE (plate),
    CONSTRAINT active_session_spot_uq UNIQUE (spot_id),
    CONSTRAINT active_session_spot_fk FOREIGN KEY (spot_id) REFERENCES spot (id)
);

-- Ended sessions, kept for history. No foreign key to spot: a spot may be removed later.
CREATE TABLE ended_session (
    id         VARCHAR(64)              NOT NULL,
    user_id    VARCHAR(64)              NOT NULL,
    plate      VARCHAR(16)              NOT NULL,
    spot_id    VARCHAR(32)              NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ended_session_pk PRIMARY KEY (id)
);

-- The history is listed newest first.
CREATE INDEX ended_session_history_idx ON ended_session (ended_at, id);

-- The lot's counts, striped so that concurrent transactions do not queue on one hot row: each
-- transaction adjusts one stripe chosen at random; the counts are the sums, read in one statement
-- (constant time whatever the size of the lot). A stripe alone may go negative; sums never do.
CREATE TABLE lot_counter (
    stripe INTEGER NOT NULL,
    total  BIGINT  NOT NULL,
    free   BIGINT  NOT NULL,
    CONSTRAINT lot_counter_pk PRIMARY KEY (stripe)
);

INSERT INTO lot_counter (stripe, total, free) VALUES
    (0, 0, 0), (1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0),
    (8, 0, 0), (9, 0, 0), (10, 0, 0), (11, 0, 0), (12, 0, 0), (13, 0, 0), (14, 0, 0), (15, 0, 0);
