extension JobRunner {
    /// Claims jobs for the tasks that may have queued jobs and have free slots, unless a claim is in flight
    /// (then one more follows it).
    func claimIfNeeded() -> [Effect] {
        guard recovered, !shuttingDown else { return [] }
        guard !claimInFlight else {
            claimAgain = true
            return []
        }
        var slots: [String: Int] = [:]
        for task in mayHaveQueued {
            guard let spec = tasks[task] else { continue }
            let free = spec.concurrency - runningCount[task, default: 0]
            if free > 0 { slots[task] = free }
        }
        guard !slots.isEmpty else { return [] }
        claimInFlight = true
        claimAgain = false
        submittedDuringClaim = []
        let store = store
        let node = node
        let events = events
        let wanted = slots
        return [
            {
                do throws(JobStoreError) {
                    let jobs = try await store.claim(slots: wanted, node: node, now: .now)
                    events?.yield(.claimed(jobs, slots: wanted))
                } catch {
                    events?.yield(.claimFailed(error))
                }
            }
        ]
    }

    /// Starts the claimed jobs (or hands them back when shutting down).
    func claimed(_ jobs: [Job], slots: [String: Int]) -> [Effect] {
        claimInFlight = false
        var counts: [String: Int] = [:]
        for job in jobs { counts[job.task, default: 0] += 1 }
        for (task, wanted) in slots where counts[task, default: 0] < wanted && !submittedDuringClaim.contains(task) {
            mayHaveQueued.remove(task)
        }
        var effects: [Effect] = []
        for job in jobs {
            if shuttingDown {
                effects.append(requeueEffect(job.id, claim: claim(of: job)))
            } else if let spec = tasks[job.task] {
                if job.terminationRequested || unknownTerminations.contains(job.id) {
                    effects.append(
                        finishEffect(
                            job.id, claim: claim(of: job),
                            outcome: .terminated(message: "terminated on request before it started"),
                            exitStatus: nil, ttl: spec.resultTTL))
                } else {
                    metrics.started(job)
                    effects += start(job, spec: spec)
                }
            } else {
                effects.append(
                    finishEffect(
                        job.id, claim: claim(of: job),
                        outcome: .crashed(message: "the task '\(job.task)' is no longer configured"),
                        exitStatus: nil, ttl: 300))
            }
        }
        unknownTerminations.removeAll()
        if claimAgain { effects += claimIfNeeded() }
        return effects
    }

    /// Records the latest progress, one write at a time per job (lines that arrive meanwhile collapse to the last).
    func progressReported(_ line: [UInt8], of id: JobID) -> [Effect] {
        guard var job = active[id] else { return [] }
        defer { active[id] = job }
        if !job.readyForStop {
            job.readyForStop = true
            if job.terminationRequested { job.process.stop(.terminated) }
        }
        if job.progressWriting {
            job.pendingProgress = line
            return []
        }
        job.progressWriting = true
        return [progressEffect(line, of: id, claim: claim(of: job.job))]
    }

    func progressWritten(_ id: JobID) -> [Effect] {
        guard var job = active[id] else { return [] }
        defer { active[id] = job }
        guard let next = job.pendingProgress else {
            job.progressWriting = false
            return []
        }
        job.pendingProgress = nil
        return [progressEffect(next, of: id, claim: claim(of: job.job))]
    }

    /// A process ended: record the job's outcome (or hand it back on shutdown) and use the freed slot.
    func processEnded(_ id: JobID, _ ending: JobProcessEnding) -> [Effect] {
        guard let job = active.removeValue(forKey: id) else { return [] }
        records?.remove(pid: job.process.child.pid)
        runningCount[job.spec.name, default: 1] -= 1
        var effects: [Effect]
        if ending.stopReason == .claimLost {
            logger.warning(
                """
                job \(id) was taken over by another node while this node was thought lost: killed its process \
                (\(ending.status)); its outcome is not recorded
                """)
            effects = []
        } else if ending.stopReason == .shutdown, !job.terminationRequested {
            effects = [handBackEffect(job.job, spec: job.spec, reason: "the daemon stopped while the job ran")]
        } else {
            var ending = ending
            // A request held for a job that ended before it was ready never reached it.
            if job.terminationRequested && job.readyForStop { ending.stopReason = .terminated }
            let outcome = JobOutcomeClassifier.outcome(of: ending, task: job.spec, limits: options.limits)
            metrics.finished(job.job, state: outcome.state, at: .now)
            effects = [
                finishEffect(
                    id, claim: claim(of: job.job), outcome: outcome, exitStatus: ending.status.description,
                    ttl: job.spec.resultTTL)
            ]
        }
        return effects + claimIfNeeded()
    }

    func finishEffect(_ id: JobID, claim: JobClaim, outcome: JobOutcome, exitStatus: String?, ttl: Double) -> Effect {
        let store = store
        let logger = logger
        return {
            let now = JobTimestamp.now
            do throws(JobStoreError) {
                let finished = try await store.finish(
                    id, claim: claim, outcome: outcome, exitStatus: exitStatus, now: now,
                    expiresAt: now.adding(seconds: ttl))
                if finished == nil {
                    logger.warning("job \(id) no longer runs under claim \(claim): its outcome was not recorded")
                }
            } catch {
                logger.error("couldn't record the end of job \(id): \(error.message)")
            }
        }
    }

    func requeueEffect(_ id: JobID, claim: JobClaim) -> Effect {
        let store = store
        let logger = logger
        return {
            do throws(JobStoreError) {
                _ = try await store.requeue(id, claim: claim)
            } catch {
                logger.error("couldn't requeue job \(id): \(error.message)")
            }
        }
    }

    private func progressEffect(_ line: [UInt8], of id: JobID, claim: JobClaim) -> Effect {
        let store = store
        let events = events
        let streak = progressWrites
        return {
            do throws(JobStoreError) {
                try await store.recordProgress(line, of: id, claim: claim)
                streak.succeeded()
            } catch {
                streak.failed("\(id): \(error.message)")
            }
            events?.yield(.progressWritten(id))
        }
    }
}
