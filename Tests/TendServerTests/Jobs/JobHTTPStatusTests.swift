import Hummingbird
import TendAPI
import TendJobs
import Testing

@testable import TendServer

/// The job API's codes, which live in the server: the StableConfigs server's for each state, and the codes of
/// refused requests.
@Suite struct JobHTTPStatusTests {
    @Test func eachStateHasTheStableConfigsServersCode() {
        let codes = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, JobHTTPStatus.of($0).code) })
        #expect(
            codes == [
                .completed: 200, .queued: 202, .running: 202, .timedOut: 400, .failed: 401, .terminated: 402,
                .crashed: 402,
            ])
    }

    @Test func refusalsAre400413404Or503() {
        let codes: [(JobError.Code, Int)] = [
            (.invalidInput, 400), (.inputTooLarge, 413), (.unknownTask, 404), (.noDefaultTask, 404), (.notFound, 404),
            (.storeFailure, 503),
        ]
        for (code, expected) in codes {
            #expect(JobHTTPStatus.of(JobError(code, "x")).code == expected, "\(code)")
        }
    }
}
