/// Python's `shlex.split(s)` (POSIX mode, no comments): how Kolla turns `command` into argv.
enum ShellWords {
    enum Failure: Error, Equatable { case noClosingQuotation, noEscapedCharacter }

    static func split(_ text: String) throws(Failure) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var chars = text.makeIterator()
        while let c = chars.next() {
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "\\" && q == "\"" {
                    guard let next = chars.next() else { throw .noClosingQuotation }
                    if next != "\"" && next != "\\" { word.append("\\") }
                    word.append(next)
                } else {
                    word.append(c)
                }
                continue
            }
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word); word = ""; inWord = false }
            case "'", "\"":
                quote = c
                inWord = true
            case "\\":
                guard let next = chars.next() else { throw .noEscapedCharacter }
                word.append(next)
                inWord = true
            default:
                word.append(c)
                inWord = true
            }
        }
        if quote != nil { throw .noClosingQuotation }
        if inWord { words.append(word) }
        return words
    }
}
