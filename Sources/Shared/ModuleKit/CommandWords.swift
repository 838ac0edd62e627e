/// A command line's words, read option by option: `--flag value`, `--flag=value`, `-e value`, or a module
/// option's values (`--sources a.conf b.conf`). The module face (`CommandLineFace`) and every subcommand
/// read their words with it; each says which options it knows.
public struct CommandWords {
    private let words: [String]
    private var index = 0

    public init(_ words: [String]) {
        self.words = words
    }

    /// The next option: the word as given, its name (`--flag` of `--flag=value`) and the inline value.
    public mutating func next() -> (word: String, flag: String, inline: String?)? {
        guard index < words.count else { return nil }
        let word = words[index]
        index += 1
        if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
            return (word, String(word[..<equals]), String(word[word.index(after: equals)...]))
        }
        return (word, word, nil)
    }

    /// The words up to the next `--` word (a module option's values: `--sources a.conf b.conf`).
    public mutating func values() -> [String] {
        var values: [String] = []
        while index < words.count, !words[index].hasPrefix("--") {
            values.append(words[index])
            index += 1
        }
        return values
    }

    /// The option's value: the inline one, else the next word; `nil` when the words end.
    public mutating func value(inline: String?) -> String? {
        if let inline { return inline }
        guard index < words.count else { return nil }
        index += 1
        return words[index - 1]
    }
}
