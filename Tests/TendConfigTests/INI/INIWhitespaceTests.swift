import Testing

@testable import TendConfig

/// The parser's fast whitespace test must agree with `Character.isWhitespace` (Python's `str.strip()` set):
/// it only skips the Unicode property lookup for ASCII.
@Suite struct INIWhitespaceTests {
    @Test func theFastTestAgreesWithIsWhitespaceForEveryASCIICharacterAndSomeOthers() {
        var characters = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
        characters += ["\r\n", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "é", "\u{1C}", "\u{1F}", "x\u{301}"]
        for character in characters {
            #expect(character.isINIWhitespace == character.isWhitespace, "\(character.unicodeScalars.map(\.value))")
        }
    }

    @Test func aConfigWithHundredsOfSectionsStillFindsADuplicate() {
        var text = ""
        for index in 0..<600 { text += "[program:p\(index)]\ncommand = /bin/true ; note\n" }
        text += "[program:p17]\ncommand = /bin/false\n"
        let (document, diagnostics) = INIParser.parse(text, file: "big.conf")
        #expect(document.sections.count == 600)
        #expect(document.sections[17].entries.first?.value == "/bin/true")
        #expect(
            diagnostics.map(\.description) == ["big.conf:1201: section [program:p17] is already defined at big.conf:35"]
        )
    }
}
