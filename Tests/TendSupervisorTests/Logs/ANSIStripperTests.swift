import Testing

@testable import TendSupervisor

@Suite struct ANSIStripperTests {
    private func strip(_ pieces: [String]) -> String {
        var stripper = ANSIStripper()
        return String(decoding: pieces.flatMap { stripper.strip(Array($0.utf8)) }, as: UTF8.self)
    }

    @Test func removesColorAndCursorSequences() {
        #expect(strip(["\u{1B}[1;31mred\u{1B}[0m and \u{1B}[2Jclear\u{1B}[10;5H here"]) == "red and clear here")
    }

    @Test func aSequenceSplitAcrossReadsIsRemovedToo() {
        #expect(strip(["before \u{1B}", "[3", "2m", "after"]) == "before after")
    }

    @Test func anEscapeThatStartsNoSequenceIsKept() {
        #expect(strip(["a\u{1B}b", "\u{1B}\u{1B}[0mc"]) == "a\u{1B}b\u{1B}c")
    }

    @Test func plainTextIsUntouched() {
        #expect(strip(["hello\n", "world\n"]) == "hello\nworld\n")
    }
}
