// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tend",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tend", targets: ["tend"]),
        .library(name: "TendConfig", targets: ["TendConfig"]),
        .library(name: "TendAPI", targets: ["TendAPI"]),
        .library(name: "TendPlatform", targets: ["TendPlatform"]),
        .library(name: "TendSupervisor", targets: ["TendSupervisor"]),
        .library(name: "TendServer", targets: ["TendServer"]),
        .library(name: "TendDaemon", targets: ["TendDaemon"]),
        .library(name: "TendJobs", targets: ["TendJobs"]),
        .library(name: "TendJobsPostgres", targets: ["TendJobsPostgres"]),
        .executable(name: "stableconfigs", targets: ["stableconfigs"]),
        .library(name: "StableConfigs", targets: ["StableConfigs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The version postgres-nio already resolves; TendServer uses it for supervisord's `{SHA}` passwords.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
    ],
    targets: [
        // C shims at the platform edge: fork/exec child path, pidfd, close_range, subreaper.
        .target(name: "CTendShims"),
        // SQLite's C API for the job store: declarations bound to the SQLite that sqlite-nio compiles in.
        .target(name: "CTendSQLite"),
        // Data model and loaders (supervisord INI, ncolony JSON); no processes, no I/O beyond reading files.
        .target(name: "TendConfig", dependencies: ["TendAPI"]),
        // The platform edge, the only module above the C shims that calls libc: the spawner, the one event loop
        // (pidfds, pipes, timers), child exits and records, /proc, privileges, the daemon process itself.
        .target(name: "TendPlatform", dependencies: ["TendConfig", "CTendShims"]),
        // What the daemon and its clients exchange: request/response bodies, process states and results,
        // supervisord's namespecs and faults, the JSON value type. No behaviour, no dependencies.
        .target(name: "TendAPI"),
        // The runtime: the process state machine, supervision, logs, event listeners.
        .target(
            name: "TendSupervisor",
            dependencies: [
                "TendAPI", "TendConfig", "TendPlatform",
                .product(name: "Logging", package: "swift-log"),
                // The tcp and http health probes.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // The job queue: the JobStore protocol, its SQLite store, the runner of job processes, the job service.
        .target(
            name: "TendJobs",
            dependencies: [
                "TendAPI", "TendConfig", "TendPlatform", "CTendSQLite",
                // Only for the SQLite it compiles in (CTendSQLite calls it directly, on a thread of the store's own).
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // The PostgreSQL JobStore: one queue shared by several daemons (in its own module: postgres-nio builds BoringSSL).
        .target(
            name: "TendJobsPostgres",
            dependencies: [
                "TendJobs", "TendPlatform",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The example task: the StableConfigs TBN solver (standard library only) and its command.
        .target(name: "StableConfigs"),
        .executableTarget(
            name: "stableconfigs",
            dependencies: ["StableConfigs", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The control plane: routes over the DaemonControl and ProcessControl protocols — HTTP on a unix socket and
        // TCP, the JSON API, supervisord's XML-RPC, the job endpoints. It never sees the Supervisor itself: TendDaemon
        // makes it conform to ProcessControl.
        .target(
            name: "TendServer",
            dependencies: [
                "TendAPI", "TendConfig", "TendPlatform", "TendJobs",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                // /metrics: the registry the daemon's swift-metrics factory fills, and the scrape-time gauges.
                .product(name: "Prometheus", package: "swift-prometheus"),
                // SHA-1 (`Insecure.SHA1`) for basic auth's `{SHA}` passwords.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Dashboard/Resources/dashboard.html")]
        ),
        // The daemon: bootstrap, clean-up, and the service group (control server, job queue, supervisor) with one
        // shutdown path; the job stores it can open (SQLite, PostgreSQL).
        .target(
            name: "TendDaemon",
            dependencies: [
                "TendAPI", "TendConfig", "TendPlatform", "TendSupervisor", "TendJobs", "TendJobsPostgres", "TendServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // A small HTTP/1.1 client over the daemon's unix socket (or TCP), used by the CLI and the tests.
        .target(
            name: "TendClient",
            dependencies: [
                "TendAPI", "TendPlatform",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "tend",
            dependencies: [
                "TendAPI", "TendConfig", "TendPlatform", "TendClient", "TendDaemon",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TendConfigTests", dependencies: ["TendConfig", "TendAPI"]),
        .testTarget(name: "TendPlatformTests", dependencies: ["TendPlatform"]),
        .testTarget(name: "TendAPITests", dependencies: ["TendAPI"]),
        // What the job queue's two test targets share: the store contract, waiting on a store, temporary directories,
        // shell tasks.
        .target(
            name: "JobTestSupport",
            dependencies: ["TendAPI", "TendJobs", "TendConfig", .product(name: "Logging", package: "swift-log")],
            path: "Tests/JobTestSupport"
        ),
        .testTarget(
            name: "TendJobsTests",
            dependencies: [
                "TendAPI", "TendJobs", "TendConfig", "JobTestSupport", "TendPlatform",
                .product(name: "Logging", package: "swift-log"), .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ]
        ),
        .testTarget(
            name: "TendJobsPostgresTests",
            dependencies: [
                "TendJobsPostgres", "TendJobs", "TendAPI", "TendConfig", "TendPlatform", "JobTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "StableConfigsTests", dependencies: ["StableConfigs", "stableconfigs"]),
        .testTarget(
            name: "TendSupervisorTests",
            dependencies: [
                "TendAPI", "TendSupervisor", "TendPlatform", "TendConfig",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "TendIntegrationTests",
            dependencies: [
                "TendAPI", "TendConfig", "TendClient",
                // The reliability suite's auth coverage reads the control server's route and method tables (built
                // over a supervisor, whose ProcessControl conformance is the daemon module's).
                "TendServer", "TendSupervisor", "TendDaemon", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TendClientTests", dependencies: ["TendClient"]),
        .testTarget(
            name: "TendServerTests",
            dependencies: [
                // TendDaemon for the Supervisor's ProcessControl conformance.
                "TendAPI", "TendServer", "TendSupervisor", "TendDaemon", "TendPlatform", "TendConfig", "TendClient",
                "TendJobs",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
