import StableConfigs
import Testing

/// The solver against every line of `expected.jsonl`, what the reference implementation returned.
@Suite struct ExpectedResultsTests {
    @Test(arguments: ExampleData.expectations())
    func matchesTheReference(expectation: ExampleData.Expectation) throws {
        let tbn: TBN
        let result: SolveResult
        do {
            tbn = try ExampleData.tbn(expectation.input, constraints: expectation.constraintFile)
            result = try StableConfigsSolver(tbn: tbn).solve()
        } catch let error as TBNError {
            let expected = try #require(expectation.error_contains, "unexpected error: \(error.message)")
            #expect(error.message.contains(expected))
            return
        }
        #expect(expectation.error_contains == nil, "expected an error")
        #expect(result.entropy == expectation.entropy)
        let configuration = try #require(result.configurations.first)
        #expect(result.configurations.count == 1)
        #expect(configuration.polymerCount == expectation.polymers_count)
        #expect(ConfigurationVerifier(tbn: tbn).problems(in: configuration) == [])
    }

    @Test func everyExpectationIsCovered() {
        #expect(ExampleData.expectations().count >= 28)
    }

    @Test func exponentialTreeIsOnePolymer() throws {
        let tbn = try ExampleData.tbn("exponential_tree.txt")
        let result = try StableConfigsSolver(tbn: tbn).solve()
        #expect(result.entropy == 1)
        let configuration = try #require(result.configurations.first)
        #expect(configuration.polymers == [Array(0..<63)])
        #expect(ConfigurationVerifier(tbn: tbn).problems(in: configuration) == [])
    }
}
