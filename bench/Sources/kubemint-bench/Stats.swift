import Foundation

/// Repeated measurements of one quantity: median and spread, as JSON.
struct Sample: Sendable {
    var values: [Double]

    var sorted: [Double] { values.sorted() }
    var median: Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }

    var json: [String: Any] {
        ["median": median, "min": min, "max": max, "runs": values]
    }
}

/// Monotonic seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU seconds the calling thread has used.
func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU seconds the whole process has used.
func processCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Print one JSON object on stdout (the driver script reads it).
func emit(_ object: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kubemint-bench: \(message)\n".utf8))
    exit(2)
}

/// `--name value` options.
struct Options {
    var values: [String: String] = [:]
    var rest: [String] = []

    init(_ arguments: ArraySlice<String>) {
        var it = arguments.makeIterator()
        while let arg = it.next() {
            if arg == "--" {
                while let r = it.next() { rest.append(r) }
                break
            }
            if arg.hasPrefix("--") { values[String(arg.dropFirst(2))] = it.next() ?? "" } else { rest.append(arg) }
        }
    }

    func string(_ name: String, _ fallback: String) -> String { values[name] ?? fallback }
    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap(Int.init) ?? fallback }
    func double(_ name: String, _ fallback: Double) -> Double { values[name].flatMap(Double.init) ?? fallback }
}
