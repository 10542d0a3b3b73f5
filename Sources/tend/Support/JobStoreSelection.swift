import TendJobs
import TendJobsPostgres
import TendServer

/// The job stores `tend up` can open: the embedded SQLite database, and a PostgreSQL database shared by several
/// daemons (`[tend] job_store = postgres://…`), where this daemon is node `node_name` with a heartbeat every
/// `heartbeat` seconds and is taken for lost after three missed heartbeats.
enum JobStoreSelection {
    static let opener: JobStoreOpener = { request throws(JobStoreError) in
        guard case .postgres(let url) = request.settings.jobStore else {
            return try await JobStores.embedded(request)
        }
        let heartbeat = Duration.milliseconds(Int64((request.settings.heartbeat * 1000).rounded()))
        let options = PostgresJobStoreOptions(node: request.node, heartbeatInterval: heartbeat, nodeLapse: heartbeat * 3)
        let store = try await PostgresJobStore.open(url: url, options: options, logger: request.logger)
        return OpenedJobStore(store: store) { await store.close() }
    }
}
