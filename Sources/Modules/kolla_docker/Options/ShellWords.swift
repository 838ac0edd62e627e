/// Python's `shlex.split(s)` (POSIX mode, no comments): how Kolla turns `command` into argv.
///
/// Works on Unicode scalars, as Python works on code points: `"\r\n"` is two separators and a
/// combining mark after a closing quote does not swallow the quote.
enum ShellWords {
    enum Failure: Error, Equatable { case noClosingQuotation, noEscapedCharacter }

    static func split(_ text: String) throws(Failure) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar?
        var scalars = text.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "\\" && q == "\"" {
                    guard let next = scalars.next() else { throw .noEscapedCharacter }  // shlex: escape state at EOF
                    if next != "\"" && next != "\\" { word.append("\\") }
                    word.append(next)
                } else {
                    word.append(c)
                }
                continue
            }
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord {
                    words.append(String(word))
                    word = String.UnicodeScalarView()
                    inWord = false
                }
            case "'", "\"":
                quote = c
                inWord = true
            case "\\":
                guard let next = scalars.next() else { throw .noEscapedCharacter }
                word.append(next)
                inWord = true
            default:
                word.append(c)
                inWord = true
            }
        }
        if quote != nil { throw .noClosingQuotation }
        if inWord { words.append(String(word)) }
        return words
    }
}
