import Hummingbird
import ServiceLifecycle
import TendAPI
import TendJobs

/// `/api/v1/jobs`: the job API in the JSON API's style, for `tend job` and scripts.
extension JobRoutes {
    /// `GET /api/v1/jobs?task=T&state=S&node=N&limit=100`: `state` may repeat or list states with commas.
    func list(_ request: Request) async throws -> Response {
        let jobs = try service()
        let query = request.uri.queryParameters
        var filter = JobFilter()
        filter.task = query.get("task")
        filter.node = query.get("node")
        let states = query.getAll("state").flatMap { $0.split(separator: ",").map(String.init) }
        if !states.isEmpty {
            filter.states = Set(
                try states.map { text throws(APIError) in
                    guard let state = JobState(rawValue: text) else {
                        let known = JobState.allCases.map(\.rawValue).joined(separator: ", ")
                        throw APIError(.badRequest, "unknown job state '\(text)' (one of \(known))")
                    }
                    return state
                })
        }
        if let text = query.get("limit") {
            guard let limit = Int(text), (1...10_000).contains(limit) else {
                throw APIError(.badRequest, "'limit' must be a number from 1 to 10000, not '\(text)'")
            }
            filter.limit = limit
        }
        let found = try await Self.answering { () async throws(JobError) in try await jobs.list(filter) }
        return JSONResponse.make(document: .object([("jobs", .array(found.map { $0.jsonValue() }))]))
    }

    /// `GET /api/v1/jobs/counts`: how many unexpired jobs each task has in each state.
    func counts() async throws -> Response {
        let jobs = try service()
        let counts = try await Self.answering { () async throws(JobError) in try await jobs.counts() }
        return JSONResponse.make(
            document: .object([
                (
                    "counts",
                    .array(
                        counts.map { count in
                            .object([
                                ("task", .string(count.task)), ("state", .string(count.state.rawValue)),
                                ("count", .integer(count.count)),
                            ])
                        })
                )
            ]))
    }

    /// `POST /api/v1/jobs` `{"task": T, "input": {…}}`: 201 with the queued job. Without `task`, the default
    /// task; without `input`, `{}`.
    func submitJob(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let jobs = try service()
        let body = try await request.bodyBytes(limit: context.maxUploadSize + jobs.maximumInputBytes)
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw APIError(.badRequest, "the body is not JSON: \(error)")
        }
        guard case .object = document else {
            throw APIError(.badRequest, "the body must be an object: {\"task\": NAME, \"input\": {…}}")
        }
        let task = document["task"]
        guard task == nil || task?.stringValue != nil else {
            throw APIError(.badRequest, "'task' must be the name of a task (a string)")
        }
        let input = document["input"] ?? .object([])
        let job = try await Self.answering { () async throws(JobError) in
            let id = try await jobs.submit(task: task?.stringValue, document: input)
            return try await jobs.job(id)
        }
        guard let job else { throw APIError(.internalServerError, "the job was queued but can't be read back") }
        return JSONResponse.make(document: job.jsonValue(includingInput: true), status: .created)
    }

    /// `GET /api/v1/jobs/{id}`.
    func job(_ context: ControlRequestContext) async throws -> Response {
        let jobs = try service()
        let id = try Self.jobID(context)
        guard let job = try await Self.answering({ () async throws(JobError) in try await jobs.job(id) }) else {
            throw Self.notFound(id)
        }
        return JSONResponse.make(document: job.jsonValue(includingInput: true))
    }

    /// `DELETE /api/v1/jobs/{id}`: terminates the job, then answers with it.
    func cancel(_ context: ControlRequestContext) async throws -> Response {
        let jobs = try service()
        let id = try Self.jobID(context)
        let job = try await Self.answering { () async throws(JobError) in
            _ = try await jobs.terminate(id)
            return try await jobs.job(id)
        }
        guard let job else { throw Self.notFound(id) }
        return JSONResponse.make(document: job.jsonValue())
    }

    /// `GET /api/v1/jobs/{id}/follow`: one JSON line per change of the job, the last one in its final state.
    func follow(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let jobs = try service()
        let id = try Self.jobID(context)
        guard let updates = try await Self.answering({ () async throws(JobError) in try await jobs.follow(id) }) else {
            throw Self.notFound(id)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    for await job in updates.cancelOnGracefulShutdown() {
                        var line = job.jsonValue().serialized
                        line.append(0x0A)
                        try await writer.write(ByteBuffer(bytes: line))
                    }
                }
                try await writer.finish(nil)
            })
    }
}
