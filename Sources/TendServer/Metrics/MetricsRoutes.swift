import Hummingbird
import Prometheus
import TendAPI
import TendJobs
import TendPlatform

/// `GET /metrics`: Prometheus text format 0.0.4, with the listener's auth.
///
/// Two parts, both through swift-prometheus. What is true now is read on the scrape (never sampled on a timer):
/// per process `tend_process_up`, `tend_process_state{state}` (1 for the current state, 0 for the others),
/// `tend_process_start_time_seconds`, `tend_process_restarts_total`, `tend_process_cpu_seconds_total` and
/// `tend_process_resident_memory_bytes` (from /proc), `tend_daemon_uptime_seconds`,
/// `tend_event_listener_queue_length{pool}` and `tend_jobs_queued{task}`. What happened is counted as it happens by
/// the supervisor and the job queue through swift-metrics, into the daemon's registry: `tend_process_exits_total`,
/// `tend_spawn_duration_seconds`, `tend_jobs_submitted_total`, `tend_jobs_finished_total`,
/// `tend_job_duration_seconds` and `tend_job_start_latency_seconds`.
struct MetricsRoutes: Sendable {
    let control: any DaemonControl
    /// The scrape-time figures, kept across scrapes.
    private let series = ScrapeRegistry()

    func addRoutes(to router: Router<ControlRequestContext>) {
        router.get("metrics") { _, _ in try await self.scrape() }
    }

    func scrape() async throws -> Response {
        let supervisor = control.supervisor
        let statuses = (try? await supervisor.statusesWithUsage([])) ?? []
        series.update(statuses)
        let now = series.registry
        for (pool, events) in await supervisor.listenerQueueLengths() {
            now.makeGauge(
                descriptor: Self.name(
                    "event_listener_queue_length", "", "Events waiting in an event listener pool's buffer"),
                labels: [("pool", pool)]
            )
            .set(Int64(events))
        }
        now.makeGauge(descriptor: Self.name("daemon_uptime", "seconds", "Seconds since the daemon started"))
            .set(Double(WallClock.millisecondsSinceEpoch) / 1000 - Double(supervisor.startedAt))
        if let jobs = control.jobs, let counts = try? await jobs.counts() {
            var queued: [String: Int] = [:]
            for task in jobs.tasks.tasks.keys { queued[task] = 0 }
            for count in counts where count.state == .queued { queued[count.task, default: 0] += count.count }
            for (task, count) in queued.sorted(by: { $0.key < $1.key }) {
                now.makeGauge(
                    descriptor: Self.name("jobs_queued", "", "Jobs waiting to start"), labels: [("task", task)]
                ).set(Int64(count))
            }
        }
        var text: [UInt8] = []
        now.emit(into: &text)
        control.metricsRegistry?.emit(into: &text)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
    }

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tend", metricName: metric, unitName: unit, helpText: help)
    }
}
