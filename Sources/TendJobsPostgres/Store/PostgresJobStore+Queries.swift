import PostgresNIO
import TendAPI
import TendJobs

extension PostgresJobStore {
    public func job(_ id: JobID, now: JobTimestamp) async throws(JobStoreError) -> Job? {
        let jobs = try await perform("couldn't read the job") { client in
            let rows = try await client.query(
                """
                SELECT \(unescaped: Self.jobColumns) FROM tend_jobs
                WHERE id = \(id.rawValue) AND (expires_at IS NULL OR expires_at > \(now.milliseconds))
                """, logger: logger)
            return try await Self.jobs(from: rows)
        }
        return jobs.first
    }

    public func counts(now: JobTimestamp) async throws(JobStoreError) -> [JobCount] {
        try await perform("couldn't count jobs") { client in
            let rows = try await client.query(
                """
                SELECT task, state, COUNT(*) FROM tend_jobs WHERE expires_at IS NULL OR expires_at > \(now.milliseconds)
                GROUP BY task, state ORDER BY task, state
                """, logger: logger)
            var counts: [JobCount] = []
            for try await (task, state, count) in rows.decode((String, String, Int64).self) {
                if let state = JobState(rawValue: state) {
                    counts.append(JobCount(task: task, state: state, count: Int(count)))
                }
            }
            return counts
        }
    }

    public func list(_ filter: JobFilter, now: JobTimestamp) async throws(JobStoreError) -> [Job] {
        if let states = filter.states, states.isEmpty { return [] }
        var binds = PostgresBindings()
        binds.append(now.milliseconds)
        var conditions = ["(expires_at IS NULL OR expires_at > $1)"]
        if let task = filter.task {
            binds.append(task)
            conditions.append("task = $\(binds.count)")
        }
        if let states = filter.states {
            binds.append(states.map(\.rawValue).sorted())
            conditions.append("state = ANY($\(binds.count)::text[])")
        }
        if let node = filter.node {
            binds.append(node)
            conditions.append("node = $\(binds.count)")
        }
        binds.append(Int64(max(0, filter.limit)))
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT \(Self.jobColumns) FROM tend_jobs WHERE \(conditions.joined(separator: " AND "))
                ORDER BY seq DESC LIMIT $\(binds.count)
                """, binds: binds)
        return try await perform("couldn't list jobs") { client in
            try await Self.jobs(from: try await client.query(query, logger: logger))
        }
    }

    public func requestTermination(
        of id: JobID, message: String, now: JobTimestamp, expiresAt: JobTimestamp
    ) async throws(JobStoreError) -> TerminationRequestResult {
        let finishedPayload = StoreNotification.payloads(of: .finished(id, expiresAt: expiresAt), origin: origin)[0]
        let terminatePrefix = prefix("t") + id.rawValue + String(StoreNotification.separator)
        let logger = logger
        let result = try await perform("couldn't terminate the job") { client -> TerminationRequestResult in
            try await client.withTransaction(logger: logger) { connection -> TerminationRequestResult in
                // The row lock orders this request with claims (which skip it) and with the job's end.
                let current = try await Self.jobs(
                    from: try await connection.query(
                        """
                        SELECT \(unescaped: Self.jobColumns) FROM tend_jobs
                        WHERE id = \(id.rawValue) AND (expires_at IS NULL OR expires_at > \(now.milliseconds))
                        FOR UPDATE
                        """, logger: logger))
                guard let job = current.first else { return .notFound }
                switch JobLifecycle.termination(from: job.state) {
                case .cancel?:
                    let rows = try await connection.query(
                        """
                        UPDATE tend_jobs SET state = \(unescaped: JobLifecycle.sqlTarget(of: .cancel)),
                            message = \(message), finished_at = \(now.milliseconds),
                            expires_at = \(expiresAt.milliseconds)
                        WHERE id = \(id.rawValue) AND \(unescaped: JobLifecycle.sqlGuard(of: .cancel))
                        RETURNING \(unescaped: Self.jobColumns)
                        """, logger: logger)
                    let updated = try await Self.jobs(from: rows)
                    try await connection.query(
                        "SELECT pg_notify('\(unescaped: StoreNotification.channel)', \(finishedPayload))",
                        logger: logger)
                    return .cancelledWhileQueued(updated.first ?? job)
                case .requestStop?:
                    let rows = try await connection.query(
                        """
                        UPDATE tend_jobs SET terminate_requested = true
                        WHERE id = \(id.rawValue) AND \(unescaped: JobLifecycle.sqlGuard(of: .requestStop))
                        RETURNING \(unescaped: Self.jobColumns)
                        """, logger: logger)
                    let updated = try await Self.jobs(from: rows)
                    let payload = terminatePrefix + (job.node ?? "")
                    try await connection.query(
                        "SELECT pg_notify('\(unescaped: StoreNotification.channel)', \(payload))", logger: logger)
                    return .stopRequested(updated.first ?? job)
                default:
                    return .alreadyFinished(job)
                }
            }
        }
        switch result {
        case .cancelledWhileQueued:
            events.publish(.finished(id, expiresAt: expiresAt))
        case .stopRequested(let job):
            events.publish(.terminationRequested(id, node: job.node ?? ""))
        case .alreadyFinished, .notFound:
            break
        }
        return result
    }

    public func runningJobs(of node: String) async throws(JobStoreError) -> [Job] {
        try await perform("couldn't read running jobs") { client in
            let rows = try await client.query(
                """
                SELECT \(unescaped: Self.jobColumns) FROM tend_jobs
                WHERE \(unescaped: JobLifecycle.sqlCondition([.running])) AND node = \(node) ORDER BY seq
                """, logger: logger)
            return try await Self.jobs(from: rows)
        }
    }

    public func purgeExpired(now: JobTimestamp) async throws(JobStoreError) -> JobTimestamp? {
        let next = try await perform("couldn't purge expired jobs") { client -> Int64? in
            // Both parts see the same snapshot: the second skips what the first deletes.
            let rows = try await client.query(
                """
                WITH purged AS (DELETE FROM tend_jobs WHERE expires_at <= \(now.milliseconds))
                SELECT min(expires_at) FROM tend_jobs WHERE expires_at > \(now.milliseconds)
                """, logger: logger)
            var next: Int64?
            for try await (value) in rows.decode(Int64?.self) { next = value }
            return next
        }
        return next.map { JobTimestamp(milliseconds: $0) }
    }
}
