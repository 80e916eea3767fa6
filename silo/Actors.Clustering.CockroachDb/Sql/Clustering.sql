-- Orleans cluster membership for the ADO.NET clustering provider (Invariant "Npgsql"), in plain SQL that
-- CockroachDB and PostgreSQL both run. It replaces dotnet/orleans' PostgreSQL-Main.sql and
-- PostgreSQL-Clustering.sql, whose PL/pgSQL functions (GET DIAGNOSTICS, ASSERT) CockroachDB rejects
-- (dotnet/orleans#5738). See docs/clustering.md.
--
-- Idempotent: every silo (and client) runs it on start-up, several at once. Tables are created only if
-- missing; query texts are upserted, so a newer script replaces the texts an older one stored. Each
-- statement is idempotent on its own, so the script is safe whether the database runs the batch as one
-- transaction (PostgreSQL) or commits around DDL (CockroachDB's autocommit_before_ddl).
--
-- Names, column names and column types are the ones the stock scripts use, because Orleans reads result
-- columns by name (Address, Port, Generation, ...) and with GetInt32: integer columns are INT4, since a
-- bare INTEGER means INT8 on CockroachDB. Unquoted names fold to lower case on both databases.
--
-- The membership protocol (https://learn.microsoft.com/dotnet/orleans/implementation/cluster-management):
-- one version row per cluster (DeploymentId) and one row per silo. Every insert or update of a silo row
-- must bump the version row in the same atomic step, and only if the version is the one the caller read
-- (the table's ETag); otherwise nothing changes and the query returns 0. Orleans then re-reads the
-- table and tries again. The stock script did this in PL/pgSQL with GET DIAGNOSTICS and a rolled-back
-- ASSERT; here each such query is ONE statement with data-modifying CTEs, so it applies entirely or not
-- at all without any procedural code:
--
--   * the version bump is an UPDATE ... WHERE Version = @Version; its RETURNING row is the "go" signal;
--   * the silo-row INSERT/UPDATE reads FROM that CTE, so it writes nothing when the bump matched no row;
--   * the bump itself only fires when the silo-row change is certain to apply (the row is absent for an
--     insert, present and locked for an update), so a bump never happens alone;
--   * the statement returns count(*)::INT4 of changed silo rows: 1 on success, 0 on a version mismatch.
--
-- Under SERIALIZABLE (CockroachDB's default, and the test server's) a concurrent writer that the snapshot
-- did not see makes the statement fail with 40001 and roll back entirely; Orleans treats the error as a
-- failed attempt and retries. Under READ COMMITTED the row locks keep the same guarantee: the bump
-- re-checks Version after waiting for a concurrent bump, and the update locks the silo row (FOR UPDATE)
-- before the bump so that a concurrent delete cannot remove it in between.
--
-- No PL/pgSQL, no advisory locks (CockroachDB ignores them), no sequences: every key is natural.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  VARCHAR(64)   NOT NULL,
    QueryText VARCHAR(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

-- One row per cluster; Version is the ETag of the whole membership table.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId VARCHAR(150)   NOT NULL,
    Timestamp    TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    Version      INT4           NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (address, port and generation: a restarted silo gets a new row).
-- Status: 0 None, 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId VARCHAR(150)   NOT NULL,
    Address      VARCHAR(45)    NOT NULL,
    Port         INT4           NOT NULL,
    Generation   INT4           NOT NULL,
    SiloName     VARCHAR(150)   NOT NULL,
    HostName     VARCHAR(150)   NOT NULL,
    Status       INT4           NOT NULL,
    ProxyPort    INT4           NULL,
    SuspectTimes VARCHAR(8000)  NULL,
    StartTime    TIMESTAMPTZ(3) NOT NULL,
    IAmAliveTime TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- The query texts Orleans runs, by key. Orleans binds parameters by name (@DeploymentId, ...), reads the
-- result columns by name, and reads the single column of the conditional writes as a boolean (> 0).
-- No apostrophes inside the texts: they are single-quoted literals.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- Creates the cluster's version row if missing; 1 if this call created it, else 0.
    'InsertMembershipVersionKey', '
    WITH ins AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::INT4 AS row_count FROM ins;
'),
(
    -- Adds a silo row and bumps the version, both or neither. The bump requires the expected version
    -- and the row to be absent, so the INSERT that reads from it cannot conflict: a duplicate key could
    -- only come from another InsertMembershipKey, which would have bumped the version first. Were it to
    -- happen anyway, the unique violation aborts the whole statement, bump included.
    'InsertMembershipKey', '
    WITH bump AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = @Version
            AND NOT EXISTS (
                SELECT 1 FROM OrleansMembershipTable m
                WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
                    AND m.Port = @Port AND m.Generation = @Generation)
        RETURNING DeploymentId
    ), ins AS (
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM bump
        RETURNING 1
    )
    SELECT count(*)::INT4 AS row_count FROM ins;
'),
(
    -- Changes a silo row and bumps the version, both or neither. The row is locked first (target), the
    -- bump requires it and the expected version, and the UPDATE of the locked row reads from the bump.
    'UpdateMembershipKey', '
    WITH target AS (
        SELECT 1 FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
        FOR UPDATE
    ), bump AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = @Version
            AND EXISTS (SELECT 1 FROM target)
        RETURNING DeploymentId
    ), upd AS (
        UPDATE OrleansMembershipTable m
        SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
        FROM bump
        WHERE m.DeploymentId = bump.DeploymentId AND m.Address = @Address
            AND m.Port = @Port AND m.Generation = @Generation
        RETURNING 1
    )
    SELECT count(*)::INT4 AS row_count FROM upd;
'),
(
    -- The heartbeat: outside the version protocol by design (Orleans ignores its outcome).
    'UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
'),
(
    -- The version row with one silo row, or with NULL silo columns when that silo has no row.
    'MembershipReadRowKey', '
    SELECT
        v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
        m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId AND m.Address = @Address
        AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
'),
(
    -- The version row with every silo row of the cluster (one row with NULL silo columns if none).
    'MembershipReadAllKey', '
    SELECT
        v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
        m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
'),
(
    -- Two statements in one batch: one implicit transaction on both databases.
    'DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
'),
(
    -- Gateways for clients: silos in @Status (Active) that listen for clients.
    'GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
'),
(
    -- Removes rows of silos that are not Active (3) and have not been heard of since @IAmAliveTime.
    -- Orleans 10.4 uses it only when CleanupDefunctSiloEntryKey below is missing.
    'CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;
'),
(
    -- Optional key, used by Orleans 10.4 when present: it reads the table, picks the Dead (6) silos silent since
    -- the cut-off, and removes each one only if its row is still exactly what it read (optimistic, no version
    -- bump, like the bulk delete). NULL suspect lists must compare equal, hence IS NOT DISTINCT FROM.
    'CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
        AND Status = 6 AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
        AND SuspectTimes IS NOT DISTINCT FROM @SuspectTimes;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText
    -- Rewriting identical texts would only make concurrent start-ups contend for the rows.
    WHERE OrleansQuery.QueryText <> excluded.QueryText;
