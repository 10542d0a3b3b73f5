import Hummingbird
import TendJobs

/// The job API: the StableConfigs server's three endpoints, and `/api/v1/jobs` in JSON.
///
/// | route | answer |
/// |---|---|
/// | `POST /task` (body: the job's input; an optional `"task"` member picks the task) | 202 `{"task_id": ID}`; 400 not JSON, 413 too large, 404 unknown task |
/// | `GET /status/{id}` | 200 `COMPLETE` + result, 202 `Progress` + progress, 400 `TimedOut`, 401 the task's `error_name`, 402 `Exception`; 404 unknown or expired |
/// | `DELETE /terminate/{id}` | 200 `{"status": "terminating task: ID"}`; 404 |
/// | `GET /api/v1/jobs?task=T&state=S&node=N&limit=100` | `{"jobs": [job]}`, newest first |
/// | `GET /api/v1/jobs/counts` | `{"counts": [{"task", "state", "count"}]}`: unexpired jobs per task and state |
/// | `POST /api/v1/jobs` `{"task": T, "input": {…}}` | 201 job |
/// | `GET /api/v1/jobs/{id}` | job (with its input) |
/// | `GET /api/v1/jobs/{id}/follow` | `application/x-ndjson`: the job now and after each change, until it ends |
/// | `DELETE /api/v1/jobs/{id}` | the job after the request (terminated, or told to stop) |
///
/// A daemon without a job queue answers 404 with what to add to its config.
struct JobRoutes: Sendable {
    let control: any DaemonControl

    func addRoutes(to router: Router<ControlRequestContext>) {
        router.post("task") { request, _ in try await self.submitTask(request) }
        router.get("status/{id}") { _, context in try await self.status(context) }
        router.delete("terminate/{id}") { _, context in try await self.terminate(context) }
        let api = router.group("api/v1")
        api.get("jobs") { request, _ in try await self.list(request) }
        api.post("jobs") { request, context in try await self.submitJob(request, context) }
        api.get("jobs/counts") { _, _ in try await self.counts() }
        api.get("jobs/{id}") { _, context in try await self.job(context) }
        api.get("jobs/{id}/follow") { request, context in try await self.follow(request, context) }
        api.delete("jobs/{id}") { _, context in try await self.cancel(context) }
    }

    /// The job service, or 404 when the daemon runs no job queue.
    func service() throws(APIError) -> JobService {
        guard let jobs = control.jobs else {
            throw APIError(.notFound, "this daemon runs no job queue: add a [task:NAME] section to its config")
        }
        return jobs
    }

    /// `POST /task`.
    private func submitTask(_ request: Request) async throws -> Response {
        let jobs = try service()
        let body = try await request.bodyBytes(limit: jobs.maximumInputBytes)
        let id = try await Self.answering { () async throws(JobError) in try await jobs.submit(body: body) }
        // 202 Accepted, as the StableConfigs server answered: the job is queued, not done.
        return JSONResponse.make(document: JobService.submissionBody(for: id), status: .accepted)
    }

    /// `GET /status/{id}`.
    private func status(_ context: ControlRequestContext) async throws -> Response {
        let jobs = try service()
        let id = try Self.jobID(context)
        guard let report = try await Self.answering({ () async throws(JobError) in try await jobs.status(of: id) })
        else {
            throw Self.notFound(id)
        }
        return JSONResponse.make(document: report.body, status: JobHTTPStatus.of(report.state))
    }

    /// `DELETE /terminate/{id}`.
    private func terminate(_ context: ControlRequestContext) async throws -> Response {
        let jobs = try service()
        let id = try Self.jobID(context)
        let report = try await Self.answering { () async throws(JobError) in try await jobs.terminate(id) }
        return JSONResponse.make(document: report.body, status: .ok)
    }

    static func jobID(_ context: ControlRequestContext) throws(APIError) -> JobID {
        guard let raw = context.parameters.get("id"), !raw.isEmpty else {
            throw APIError(.badRequest, "no job id in the path")
        }
        return JobID(raw.percentDecoded())
    }

    static func notFound(_ id: JobID) -> APIError {
        APIError(.notFound, "no job '\(id.rawValue)' (unknown, or its result expired)")
    }

    /// Runs a job service call, turning its refusal into the API's answer.
    static func answering<Value>(_ call: () async throws(JobError) -> Value) async throws(APIError) -> Value {
        do {
            return try await call()
        } catch {
            throw APIError(JobHTTPStatus.of(error), error.message)
        }
    }
}
