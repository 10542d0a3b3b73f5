import Hummingbird
import Prometheus
import TendAPI
import TendJobs
import TendPlatform
import TendSupervisor

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

    func addRoutes(to router: Router<ControlRequestContext>) {
        router.get("metrics") { _, _ in try await self.scrape() }
    }

    func scrape() async throws -> Response {
        let now = PrometheusCollectorRegistry()
        let supervisor = control.supervisor
        let statuses = (try? await supervisor.statusesWithUsage()) ?? []
        for status in statuses { Self.record(status, into: now) }
        for (pool, events) in await supervisor.listenerQueueLengths() {
            now.makeGauge(descriptor: Self.name("event_listener_queue_length", "", "Events waiting in an event listener pool's buffer"), labels: [("pool", pool)])
                .set(Int64(events))
        }
        now.makeGauge(descriptor: Self.name("daemon_uptime", "seconds", "Seconds since the daemon started"))
            .set(Double(WallClock.millisecondsSinceEpoch) / 1000 - Double(supervisor.startedAt))
        if let jobs = control.jobs, let counts = try? await jobs.counts() {
            var queued: [String: Int] = [:]
            for task in jobs.tasks.tasks.keys { queued[task] = 0 }
            for count in counts where count.state == .queued { queued[count.task, default: 0] += count.count }
            for (task, count) in queued.sorted(by: { $0.key < $1.key }) {
                now.makeGauge(descriptor: Self.name("jobs_queued", "", "Jobs waiting to start"), labels: [("task", task)]).set(Int64(count))
            }
        }
        var text: [UInt8] = []
        now.emit(into: &text)
        control.metricsRegistry?.emit(into: &text)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
    }

    /// The per-process figures of one snapshot.
    static func record(_ status: ProcessStatus, into registry: PrometheusCollectorRegistry) {
        let labels = [("group", status.group), ("name", status.name)]
        registry.makeGauge(descriptor: name("process_up", "", "1 while the process is RUNNING"), labels: labels)
            .set(Int64(status.state == .running ? 1 : 0))
        for state in ProcessState.allCases {
            registry.makeGauge(descriptor: name("process_state", "", "1 for the state the process is in"), labels: labels + [("state", state.name)])
                .set(Int64(state == status.state ? 1 : 0))
        }
        registry.makeGauge(descriptor: name("process_start_time", "seconds", "When the process last started (seconds since the epoch; 0 if never)"), labels: labels)
            .set(Int64(status.start))
        registry.makeCounter(descriptor: name("process_restarts", "total", "Spawns after the first"), labels: labels)
            .increment(by: Int64(status.restarts))
        if let usage = status.usage {
            registry.makeCounter(descriptor: name("process_cpu", "seconds_total", "CPU time of the running child"), labels: labels)
                .increment(by: usage.cpuSeconds)
            registry.makeGauge(descriptor: name("process_resident_memory", "bytes", "Resident memory of the running child"), labels: labels)
                .set(Int64(usage.rssBytes))
        }
    }

    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tend", metricName: metric, unitName: unit, helpText: help)
    }
}
