import ArgumentParser
import TendAPI
import TendClient

struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Reread the config file and apply what changed.",
        discussion: """
            Removed groups are stopped and removed, changed groups are stopped and started again with \
            their new settings, new groups are added (and their autostart programs started); groups \
            that did not change are not touched. As supervisorctl prints it:

              web: stopped
              web: removed process group
              api: stopped
              api: updated process group
              jobs: added process group

            With group names, only those groups are updated ('all' means every group). A config with \
            errors is reported, one 'file:line: message' a line, and nothing changes.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Groups to update (default: all).", valueName: "group"))
    var groups: [String] = []

    func run() async throws {
        let connection = try DaemonConnection(global)
        var status = ExitStatus()
        let wanted = groups.contains("all") ? [] : groups
        var valid = wanted
        if !wanted.isEmpty {
            let changes = try await ConfigProblems.reporting { () async throws(ClientError) -> ConfigChanges in
                try await connection.post("/api/v1/reread", as: ConfigChanges.self)
            }
            let known = Set(
                try await connection.get("/api/v1/programs", as: [ProcessStatus].self).map(\.group) + changes.added)
            for group in wanted where !known.contains(group) {
                Console.line("ERROR: no such group: \(group)")
                status.value = ExitStatus.generic
            }
            valid = wanted.filter(known.contains)
            if valid.isEmpty { try status.finish() }
        }
        let body = APIRequest.Groups(groups: valid.isEmpty ? nil : valid)
        let results = try await ConfigProblems.reporting { () async throws(ClientError) -> [UpdateResult] in
            try await connection.post("/api/v1/update", body, as: [UpdateResult].self)
        }
        for result in results {
            let group = result.group
            if let error = result.error {
                Console.line(
                    result.action == .removed ? "\(group): has problems; not removing" : "\(group): ERROR (\(error))")
                status.value = ExitStatus.generic
                continue
            }
            switch result.action {
            case .removed:
                Console.line("\(group): stopped")
                Console.line("\(group): removed process group")
            case .changed:
                Console.line("\(group): stopped")
                Console.line("\(group): updated process group")
            case .added:
                Console.line("\(group): added process group")
            }
        }
        try status.finish()
    }
}
