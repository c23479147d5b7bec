-- Facilities and typed spots (ADR 0011). An existing lot upgrades in place: every spot, active
-- session and ended session lands in the facility 'default' with no features, and the lot's
-- counts become the default facility's counts of feature class 0.

-- The car parks. 'default' always exists: spots from before facilities, and spots created without
-- a facility, are its.
CREATE TABLE facility (
    id      VARCHAR(32)      NOT NULL,
    name    VARCHAR(200)     NOT NULL,
    lat     DOUBLE PRECISION,
    lon     DOUBLE PRECISION,
    address VARCHAR(500),
    CONSTRAINT facility_pk PRIMARY KEY (id)
);

INSERT INTO facility (id, name) VALUES ('default', 'Default');

-- Every feature class: a 4-bit mask of EV_CHARGING (1), ACCESSIBLE (2), WIDE (4), MOTORCYCLE (8).
-- Used to make a new facility's counter rows.
CREATE TABLE feature_class (
    mask INTEGER NOT NULL,
    CONSTRAINT feature_class_pk PRIMARY KEY (mask)
);

INSERT INTO feature_class (mask) VALUES
    (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15);

-- A spot's facility and feature class. The claim walks the new index: facility, then class (in
-- the best-fit order of the start's needs), then a free spot of it.
ALTER TABLE spot ADD COLUMN facility_id VARCHAR(32) DEFAULT 'default' NOT NULL;
ALTER TABLE spot ADD COLUMN feature_class INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE spot ADD CONSTRAINT spot_facility_fk FOREIGN KEY (facility_id) REFERENCES facility (id);
CREATE INDEX spot_claim_idx ON spot (facility_id, feature_class, free, id);

-- A session keeps the facility and features its spot had when it started, so that the record
-- stays whole after the spot is removed.
ALTER TABLE active_session ADD COLUMN facility_id VARCHAR(32) DEFAULT 'default' NOT NULL;
ALTER TABLE active_session ADD COLUMN spot_features INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ended_session ADD COLUMN facility_id VARCHAR(32) DEFAULT 'default' NOT NULL;
ALTER TABLE ended_session ADD COLUMN spot_features INTEGER DEFAULT 0 NOT NULL;

-- The counts of each facility and feature class, striped as lot_counter is (the same 64 stripes,
-- the same choice of stripe); lot_counter keeps the whole deployment's counts. A facility gets its
-- 16 x 64 rows when it is created and loses them when it is deleted.
CREATE TABLE class_counter (
    facility_id   VARCHAR(32) NOT NULL,
    feature_class INTEGER     NOT NULL,
    stripe        INTEGER     NOT NULL,
    total         BIGINT      NOT NULL,
    free          BIGINT      NOT NULL,
    CONSTRAINT class_counter_pk PRIMARY KEY (facility_id, feature_class, stripe)
);

INSERT INTO class_counter (facility_id, feature_class, stripe, total, free)
SELECT 'default', k.mask, l.stripe,
       CASE WHEN k.mask = 0 THEN l.total ELSE 0 END,
       CASE WHEN k.mask = 0 THEN l.free ELSE 0 END
FROM feature_class k CROSS JOIN lot_counter l;
