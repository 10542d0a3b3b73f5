import FoundationEssentials
import StableConfigs

/// What one run computes: monomer and constraint lines, and the options.
struct SolveInput {
    var monomerLines: [String]
    var constraintLines: [String]
    var options: SolveOptions

    /// The request body of the job API (the seed's `POST /task` body).
    private struct Request: Decodable {
        var monomers: [[String]]
        var constraints: [[String]]?
        var gen: Int?
        var init_k: Int?
    }

    /// Reads a job request: each monomer and constraint a list of tokens, joined into a line.
    static func fromRequest(_ text: String) throws(InputError) -> SolveInput {
        let request: Request
        do {
            request = try JSONDecoder().decode(Request.self, from: Data(text.utf8))
        } catch {
            throw InputError(
                message: "Invalid request: expected {\"monomers\": [[token, …], …], \"constraints\": "
                    + "[[KIND, arg, …], …], \"gen\": N, \"init_k\": N} (\(error))."
            )
        }
        return SolveInput(
            monomerLines: request.monomers.map { $0.joined(separator: " ") },
            constraintLines: (request.constraints ?? []).map { $0.joined(separator: " ") },
            options: SolveOptions(configurationCount: request.gen ?? 1, minimumPolymers: request.init_k ?? 1)
        )
    }
}

/// A request or file that cannot be read.
struct InputError: Error {
    var message: String
}
