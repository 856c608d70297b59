import BaselineFormat
@testable import HTMLDashboard
import Testing

/// `HTML.number` works out SVG coordinates without `printf`: it must write what
/// `Figure.plain` writes, ties, negative zero and the tiniest values included.
@Suite struct HTMLNumberTests {
    /// A fixed sequence of pseudo-random numbers: the same values every run.
    struct Steps: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static func check(_ value: Double) {
        for places in 0...5 {
            #expect(HTML.number(value, places: places) == Figure.plain(value, places: places), "\(value) to \(places)")
        }
    }

    @Test func tiesAndEdges() {
        let edges: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 0.25, 0.35, 0.05, 0.15, 0.125, 0.375, 1.005, 2.675, 1e-5, -1e-5, 0.04, -0.04,
                               .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 0x1p40, -0x1p40, 0x1p40.nextDown,
                               1e15, .greatestFiniteMagnitude, .infinity, -.infinity, .nan, 99.95, 99.995, 999_999.99995, 12345.6789]
        edges.forEach(Self.check)
        // Every multiple of a half unit of the last place kept, and its neighbours.
        for n in -2000...2000 {
            for scale in [1.0, 10, 100, 1000, 10_000] {
                let tie = (Double(n) + 0.5) / scale
                [tie, tie.nextUp, tie.nextDown].forEach(Self.check)
            }
        }
    }

    @Test func randomValues() {
        var generator = Steps(state: 29)
        for _ in 0..<40_000 {
            let magnitude = Double.random(in: -12...13, using: &generator)
            let value = Double.random(in: -1...1, using: &generator) * pow10(magnitude)
            Self.check(value)
            Self.check(Double(bitPattern: generator.next()))
        }
    }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        let whole = Int(exponent.rounded(.down))
        for _ in 0..<abs(whole) { result = whole < 0 ? result / 10 : result * 10 }
        return result * (1 + (exponent - Double(whole)) * 9)
    }
}
