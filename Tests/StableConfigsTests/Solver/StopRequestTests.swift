import StableConfigs
import Testing

/// A ``StopRequest`` ends a solve at its next check point with the reference's `EarlyTerminationException`
/// message, at the last progress reported.
@Suite struct StopRequestTests {
    @Test func aRequestBeforeTheSolveStopsAtTheFirstCheckPoint() throws {
        let tbn = try ExampleData.tbn("classic.txt")
        let stop = StopRequest()
        stop.request()
        var reported: [SolveProgress] = []
        do {
            _ = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 5), stop: stop) {
                reported.append($0)
            }
            Issue.record("the solve finished although a stop was requested")
        } catch {
            #expect(error.code == .earlyTermination)
            #expect(error.message == "Early Termination at count [0] min polymers [0].")
        }
        #expect(reported.isEmpty)
    }

    @Test func aRequestDuringTheSearchStopsAtTheNextCheckPointWithTheLastProgress() throws {
        let tbn = try ExampleData.tbn("wraparound_sorting_network.txt")
        let stop = StopRequest()
        var last: SolveProgress?
        do {
            let options = SolveOptions(configurationCount: 1_000)
            _ = try StableConfigsSolver(tbn: tbn).solve(options, stop: stop) { progress in
                last = progress
                if progress.count >= 1 && progress.k > 0 { stop.request() }
            }
            Issue.record("the solve finished although a stop was requested")
        } catch {
            let at = try #require(last)
            #expect(error.code == .earlyTermination)
            #expect(error.message == "Early Termination at count [\(at.count)] min polymers [\(at.k)].")
            #expect(at.count >= 1 && at.k > 0)
        }
    }

    @Test func withoutARequestTheSolveIsUnchanged() throws {
        let tbn = try ExampleData.tbn("classic.txt")
        let plain = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 3))
        let watched = try StableConfigsSolver(tbn: tbn).solve(SolveOptions(configurationCount: 3), stop: StopRequest())
        #expect(plain == watched)
    }
}
