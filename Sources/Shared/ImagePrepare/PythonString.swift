/// Python's `str.partition` / `str.rpartition` on the first or last occurrence of a character.
extension String {
    /// `self.partition(sep)`: the text before the first `sep`, and the text after it (`""` when absent).
    func pythonPartition(_ separator: Character) -> (head: String, found: Bool, tail: String) {
        guard let index = firstIndex(of: separator) else { return (self, false, "") }
        return (String(self[..<index]), true, String(self[self.index(after: index)...]))
    }

    /// `self.rpartition(sep)`: the text before the last `sep` (`""` when absent), and the text after it.
    func pythonRPartition(_ separator: Character) -> (head: String, found: Bool, tail: String) {
        guard let index = lastIndex(of: separator) else { return ("", false, self) }
        return (String(self[..<index]), true, String(self[self.index(after: index)...]))
    }
}
