import TendAPI
import TendJobs
import Testing

struct JobLifecycleTests {
    @Test func aSubmittedJobIsQueued() {
        #expect(JobLifecycle().state == .queued)
        #expect(JobLifecycle.initialState == .queued)
    }

    @Test func claimingTakesAQueuedJobToRunningAndNothingElse() {
        var lifecycle = JobLifecycle()
        #expect(lifecycle.apply(.claim) == JobLifecycle.Transition(event: .claim, from: .queued, to: .running))
        #expect(lifecycle.state == .running)
        #expect(lifecycle.apply(.claim) == nil)
        #expect(lifecycle.state == .running)
    }

    @Test func aRunningJobFinishesInTheStateOfItsOutcome() {
        let outcomes: [JobOutcome] = [
            .completed(result: []), .failed(message: "f"), .timedOut(message: "t"), .terminated(message: "x"),
            .crashed(message: "c"),
        ]
        for outcome in outcomes {
            var lifecycle = JobLifecycle(state: .running)
            let transition = lifecycle.finish(with: outcome)
            #expect(transition == JobLifecycle.Transition(event: .finish, from: .running, to: outcome.state))
            #expect(lifecycle.state == outcome.state)
        }
    }

    @Test func finishingNeedsARunningJobAndAFinalState() {
        var queued = JobLifecycle()
        #expect(queued.finish(with: .completed(result: [])) == nil)
        #expect(queued.state == .queued)
        var running = JobLifecycle(state: .running)
        #expect(running.apply(.finish) == nil)
        #expect(running.apply(.finish, to: .queued) == nil)
        #expect(running.apply(.finish, to: .running) == nil)
        #expect(running.state == .running)
    }

    @Test func everyOutcomeEndsInAStateThatFinishMayReach() {
        let states: [JobState] = [.completed, .failed, .timedOut, .terminated, .crashed]
        #expect(JobLifecycle.targets(of: .finish) == states)
        #expect(JobLifecycle.finalStates == states)
        #expect(JobLifecycle.target(of: .finish) == nil)
    }

    @Test func requeueTakesARunningJobBackToTheQueue() {
        var lifecycle = JobLifecycle(state: .running)
        #expect(lifecycle.apply(.requeue) == JobLifecycle.Transition(event: .requeue, from: .running, to: .queued))
        #expect(lifecycle.apply(.requeue) == nil)
        #expect(lifecycle.apply(.claim) != nil)
    }

    @Test func terminationCancelsAQueuedJobAndFlagsARunningOne() {
        var queued = JobLifecycle()
        #expect(queued.requestTermination() == JobLifecycle.Transition(event: .cancel, from: .queued, to: .terminated))
        #expect(queued.state == .terminated)
        var running = JobLifecycle(state: .running)
        let stop = running.requestTermination()
        #expect(stop == JobLifecycle.Transition(event: .requestStop, from: .running, to: .running))
        #expect(running.state == .running)
        #expect(JobLifecycle.termination(from: .queued) == .cancel)
        #expect(JobLifecycle.termination(from: .running) == .requestStop)
    }

    @Test func aFinalStateNeverChanges() {
        for state in JobLifecycle.finalStates {
            for event in JobLifecycle.Event.allCases {
                var lifecycle = JobLifecycle(state: state)
                for target in JobState.allCases {
                    #expect(lifecycle.apply(event, to: target) == nil, "\(event) from \(state) to \(target)")
                }
                #expect(lifecycle.state == state)
            }
            var lifecycle = JobLifecycle(state: state)
            #expect(lifecycle.requestTermination() == nil)
            #expect(JobLifecycle.termination(from: state) == nil)
        }
    }

    @Test func recordingProcessAndProgressKeepsARunningJobRunning() {
        for event in [JobLifecycle.Event.recordProcess, .recordProgress, .requestStop] {
            var running = JobLifecycle(state: .running)
            #expect(running.apply(event) == JobLifecycle.Transition(event: event, from: .running, to: .running))
            var queued = JobLifecycle()
            #expect(queued.apply(event) == nil, "\(event)")
        }
    }

    @Test func theTransitionTableIsExactlyTheOneTheStoresRelyOn() {
        var allowed: Set<String> = []
        for event in JobLifecycle.Event.allCases {
            for from in JobState.allCases {
                for to in JobState.allCases where JobLifecycle.allows(event, from: from, to: to) {
                    allowed.insert("\(event): \(from) -> \(to)")
                }
            }
        }
        #expect(
            allowed == [
                "claim: queued -> running",
                "recordProcess: running -> running",
                "recordProgress: running -> running",
                "finish: running -> completed", "finish: running -> failed", "finish: running -> timed_out",
                "finish: running -> terminated", "finish: running -> crashed",
                "requeue: running -> queued",
                "cancel: queued -> terminated",
                "requestStop: running -> running",
            ])
    }

    @Test func guardsAreRenderedAsSQLConditionsOnTheStateColumn() {
        #expect(JobLifecycle.sqlGuard(of: .claim) == "state = 'queued'")
        #expect(JobLifecycle.sqlGuard(of: .finish) == "state = 'running'")
        #expect(JobLifecycle.sqlGuard(of: .requeue, column: "j.state") == "j.state = 'running'")
        #expect(JobLifecycle.sqlTarget(of: .cancel) == "'terminated'")
        #expect(JobLifecycle.sqlTarget(of: .claim) == "'running'")
        #expect(JobLifecycle.sqlCondition([]) == "FALSE")
        #expect(JobLifecycle.sqlCondition([.queued, .timedOut]) == "state IN ('queued', 'timed_out')")
    }

    @Test func stateNamesNeedNoEscapingInSQL() {
        for state in JobState.allCases {
            #expect(state.rawValue.allSatisfy { ("a"..."z").contains($0) || $0 == "_" }, "\(state)")
        }
    }
}
