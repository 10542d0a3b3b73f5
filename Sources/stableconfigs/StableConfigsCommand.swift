import ArgumentParser
import StableConfigs

/// `stableconfigs`: the stable configurations of a thermodynamic binding network (TBN).
@main
struct StableConfigsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stableconfigs",
        abstract: "Compute the stable configurations of a thermodynamic binding network (TBN).",
        discussion: """
            FILE holds one monomer per line: whitespace-separated binding sites (`a`, `a*` binds `a`, \
            `a*:name` names a site), an optional `>name` that names the monomer, `#` comments. The \
            constraints file holds lines `KIND args…`: TOGETHER m1 m2 …, NOTTOGETHER m1 m2, FREE m, \
            NOTFREE m, PAIRED s1 s2, NOTPAIRED s1 s2, ANYPAIRED s, NOTANYPAIRED s.

            A stable configuration is a saturated configuration (every site on the limiting side of each \
            domain bound) with the most polymers; the entropy is that number without constraints.

            With --job, reads a request JSON on stdin ({"monomers": [["a*", ">mon1"], …], "constraints": \
            [["FREE", "mon1"]], "gen": 1, "init_k": 1}), writes progress lines {"count": c, "k": k} to the \
            descriptor in TEND_PROGRESS_FD when set, and the result JSON on stdout.

            SIGTERM asks the computation to stop: it ends at its next check point with "Early Termination \
            at count [c] min polymers [k]." (a TBN error), as the StableConfigs server's aborted task did.

            Exit status: 0 on success, 3 on a TBN error (bad input, a constraint that cannot hold, init_k \
            above the entropy, early termination; the message is the last line on stderr), 2 on a malformed \
            request or an unreadable file.
            """
    )

    /// The exit status for a TBN error, which a Tend task maps to `TBNException` (`error_exit_codes = 3`).
    static let tbnErrorStatus: Int32 = 3
    /// The exit status for a request or file that cannot be read.
    static let requestErrorStatus: Int32 = 2

    @Argument(help: "The TBN file, one monomer per line.")
    var file: String?

    @Option(name: .long, help: "A file of constraints, one per line.")
    var constraints: String?

    @Option(name: .long, help: "How many distinct configurations to compute, best first.")
    var gen: Int = 1

    @Option(name: .customLong("init-k"), help: "The least polymer count of a configuration.")
    var initK: Int = 1

    @Flag(name: .long, help: "Print the result as JSON, as --job does.")
    var json = false

    @Flag(name: .long, help: "Run as a Tend job: request JSON on stdin, result JSON on stdout.")
    var job = false

    func validate() throws {
        if job {
            if file != nil || constraints != nil {
                throw ValidationError("--job reads its input from stdin; give no FILE or --constraints.")
            }
        } else if file == nil {
            throw ValidationError("Missing the TBN file (or --job).")
        }
    }

    func run() throws {
        TerminationSignal.install()
        let input: SolveInput
        switch readInput() {
        case .success(let value):
            input = value
        case .failure(let error):
            TextInput.writeError(error.message)
            throw ExitCode(Self.requestErrorStatus)
        }
        let reporter = ProgressReporter.fromEnvironment()
        let tbn: TBN
        let result: SolveResult
        do {
            tbn = try TBN.parse(monomerLines: input.monomerLines, constraintLines: input.constraintLines)
            result = try StableConfigsSolver(tbn: tbn).solve(input.options, stop: TerminationSignal.stop) {
                reporter?.report($0)
            }
        } catch {
            TextInput.writeError(error.message)
            throw ExitCode(Self.tbnErrorStatus)
        }
        if job || json {
            print(ResultDocument(result: result, tbn: tbn).json())
        } else {
            print(TextReport(result: result, tbn: tbn).text())
        }
    }

    private func readInput() -> Result<SolveInput, InputError> {
        Result { () throws(InputError) -> SolveInput in
            job ? try SolveInput.fromRequest(TextInput.readStandardInput()) : try fileInput()
        }
    }

    private func fileInput() throws(InputError) -> SolveInput {
        let monomerText = try TextInput.readFile(file ?? "")
        var constraintText = ""
        if let constraints { constraintText = try TextInput.readFile(constraints) }
        return SolveInput(
            monomerLines: TBN.lines(of: monomerText), constraintLines: TBN.lines(of: constraintText),
            options: SolveOptions(configurationCount: gen, minimumPolymers: initK)
        )
    }
}
