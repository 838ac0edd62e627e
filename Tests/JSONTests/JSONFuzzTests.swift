import JSON
import Testing

/// Deterministic fuzzing: random values round-trip through writer and parser; random byte
/// mutations of valid documents never trap (they parse or throw).
@Suite struct JSONFuzzTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func randomString(_ rng: inout SplitMix) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "\n", "\u{01}", "é", "😀", "\u{2028}", "{", "]", "\u{7F}"]
        return String(String.UnicodeScalarView((0..<rng.below(12)).map { _ in pool[rng.below(pool.count)] }))
    }

    static func randomValue(_ rng: inout SplitMix, depth: Int) -> JSONValue {
        switch rng.below(depth > 4 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(rng.below(2) == 0)
        case 2: return .int(Int(truncatingIfNeeded: rng.next()) >> rng.below(64))
        case 3: return .double(Double(rng.below(1_000_000)) / 64.0 - 5000)
        case 4: return .string(randomString(&rng))
        case 5: return .array((0..<rng.below(5)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            return .object(JSONObject((0..<rng.below(5)).map { _ in (randomString(&rng), randomValue(&rng, depth: depth + 1)) }))
        }
    }

    @Test func randomValuesRoundTrip() throws {
        var rng = SplitMix(state: 42)
        for _ in 0..<2000 {
            let value = Self.randomValue(&rng, depth: 0)
            for indent in [nil, 2] as [Int?] {
                let text = JSONWriter(indent: indent).write(value)
                #expect(try JSONParser().parse(text) == value, "\(text)")
            }
        }
    }

    @Test func mutatedDocumentsNeverTrap() {
        var rng = SplitMix(state: 7)
        var parsed = 0
        var rejected = 0
        for _ in 0..<5000 {
            var bytes = Array(JSONWriter().write(Self.randomValue(&rng, depth: 0)).utf8)
            for _ in 0..<(1 + rng.below(4)) where !bytes.isEmpty {
                let i = rng.below(bytes.count)
                switch rng.below(3) {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.remove(at: i)
                default: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: i)
                }
            }
            do {
                _ = try JSONParser().parse(bytes)
                parsed += 1
            } catch {
                rejected += 1
            }
        }
        #expect(parsed + rejected == 5000)
        #expect(rejected > 1000)
    }
}
