/// An error in a TBN problem: bad input, a constraint that cannot hold, or a request that cannot be met.
///
/// ``message`` is worded as the reference StableConfigs implementation words it, quoting the offending
/// line where there is one, e.g. `Duplicate Monomer name. 'b >t2'`.
public struct TBNError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; compare with the static members, e.g. `.duplicateMonomerName`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case emptyInput, emptyMonomerName, invalidBindingSiteName, duplicateBindingSiteName
            case duplicateMonomerName, constraintArgumentCount, nonexistentBindingSite, nonexistentMonomer
            case invalidConstraint, togetherImpossible, notFreeImpossible, notComplementary
            case noComplementarySite, minimumPolymersExceedEntropy, invalidOption, internalInconsistency
            case earlyTermination
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input has no monomer.
        public static let emptyInput = Code(.emptyInput)
        /// `>` with no name after it.
        public static let emptyMonomerName = Code(.emptyMonomerName)
        /// A site token that starts with `*` or `:`, or a `site:name` with an empty part.
        public static let invalidBindingSiteName = Code(.invalidBindingSiteName)
        /// Two binding sites with one name.
        public static let duplicateBindingSiteName = Code(.duplicateBindingSiteName)
        /// Two monomers with one name.
        public static let duplicateMonomerName = Code(.duplicateMonomerName)
        /// A constraint with the wrong number of arguments.
        public static let constraintArgumentCount = Code(.constraintArgumentCount)
        /// A constraint names a binding site that no monomer has.
        public static let nonexistentBindingSite = Code(.nonexistentBindingSite)
        /// A constraint names a monomer that does not exist.
        public static let nonexistentMonomer = Code(.nonexistentMonomer)
        /// An unknown constraint kind.
        public static let invalidConstraint = Code(.invalidConstraint)
        /// `TOGETHER` on monomers that no chain of complementary sites connects.
        public static let togetherImpossible = Code(.togetherImpossible)
        /// `NOTFREE` on a monomer that nothing can bind.
        public static let notFreeImpossible = Code(.notFreeImpossible)
        /// `PAIRED` on two sites that are not complementary.
        public static let notComplementary = Code(.notComplementary)
        /// `ANYPAIRED` on a site whose domain has no complementary site anywhere.
        public static let noComplementarySite = Code(.noComplementarySite)
        /// The starting polymer count (`init_k`) is more than any saturated configuration has.
        public static let minimumPolymersExceedEntropy = Code(.minimumPolymersExceedEntropy)
        /// A solve option out of range, e.g. `gen` below 1.
        public static let invalidOption = Code(.invalidOption)
        /// The solver contradicted itself; a bug to report.
        public static let internalInconsistency = Code(.internalInconsistency)
        /// A ``StopRequest`` stopped the computation before it finished.
        public static let earlyTermination = Code(.earlyTermination)

        /// The code's name, e.g. `duplicateMonomerName`.
        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The message for the user.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message for the user.
    public var description: String { message }
}

extension TBNError {
    static func emptyInput() -> TBNError {
        TBNError(.emptyInput, "Input contains no monomers.")
    }

    static func emptyMonomerName(line: String) -> TBNError {
        TBNError(
            .emptyMonomerName,
            "Empty Monomer name. '\(line)'. Note that any whitespace after the monomer name keyword is ignored."
        )
    }

    static func invalidBindingSiteName(line: String) -> TBNError {
        TBNError(.invalidBindingSiteName, "Invalid BindingSite name. '\(line)'")
    }

    static func duplicateBindingSiteName(line: String) -> TBNError {
        TBNError(.duplicateBindingSiteName, "Duplicate BindingSite name. '\(line)'")
    }

    static func duplicateMonomerName(line: String) -> TBNError {
        TBNError(.duplicateMonomerName, "Duplicate Monomer name. '\(line)'")
    }

    static func argumentCount(line: String, kind: String, expected: String, actual: Int) -> TBNError {
        TBNError(
            .constraintArgumentCount,
            "Constraint '\(kind)' takes \(expected) arguments, got \(actual). '\(line)'"
        )
    }

    static func nonexistentBindingSite(line: String, name: String) -> TBNError {
        TBNError(.nonexistentBindingSite, "BindingSite '\(name)' does not exist. '\(line)'")
    }

    static func nonexistentMonomer(line: String, name: String) -> TBNError {
        TBNError(.nonexistentMonomer, "Monomer '\(name)' does not exist. '\(line)'")
    }

    static func invalidConstraint(line: String, kind: String) -> TBNError {
        TBNError(.invalidConstraint, "Invalid Constraint '\(kind)'. '\(line)'")
    }

    static func togetherImpossible(_ first: String, _ second: String) -> TBNError {
        TBNError(
            .togetherImpossible,
            "Monomer [\(first)] and Monomer [\(second)] cannot be together in any valid configuration."
        )
    }

    static func notFreeImpossible(_ monomer: String) -> TBNError {
        TBNError(
            .notFreeImpossible,
            "Monomer [\(monomer)] cannot be together with any other Monomer in any valid configuration."
        )
    }

    static func notComplementary(_ first: String, _ second: String) -> TBNError {
        TBNError(.notComplementary, "Binding Site [\(first)] and Binding Site [\(second)] are not complementary.")
    }

    static func noComplementarySite(_ site: String) -> TBNError {
        TBNError(
            .noComplementarySite,
            "Binding Site [\(site)] does not have any complementary binding sites in the system."
        )
    }

    static func minimumPolymersExceedEntropy(_ initialCount: Int) -> TBNError {
        TBNError(
            .minimumPolymersExceedEntropy,
            "Minimum Polymers [\(initialCount)] exceeds the max entropy of TBN system. "
                + "No Results can be computed. Choose a lower value."
        )
    }

    /// The reference's `EarlyTerminationException`, at the last progress reported.
    static func earlyTermination(at progress: SolveProgress) -> TBNError {
        TBNError(.earlyTermination, "Early Termination at count [\(progress.count)] min polymers [\(progress.k)].")
    }
}
