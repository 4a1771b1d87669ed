/// The list options of a watch request, decoded and checked as the apiserver's `ListResource`
/// does (`metainternalversion.ListOptions`, `validation.ValidateListOptions`): a bad value is the
/// apiserver's 400 or 422, never a 5xx (docs/kubernetes-behaviour.md §16).
package struct WatchOptions: Sendable, Equatable {
    /// Where the watch starts.
    package enum Start: Sendable, Equatable {
        /// `resourceVersion` unset or "0": the current objects as ADDED events, then changes.
        case currentState
        /// A resource version: the changes after it.
        case after(UInt64)
    }

    /// From `resourceVersion`.
    package var start: Start
    /// `sendInitialEvents` (nil when not sent).
    package var sendInitialEvents: Bool?
    /// `allowWatchBookmarks`.
    package var allowBookmarks: Bool
    /// `timeoutSeconds` (nil when not sent).
    package var timeoutSeconds: Int64?

    /// Whether the stream begins with the current objects as ADDED events: `sendInitialEvents=true`,
    /// or the legacy semantics of `resourceVersion` unset or "0" without `sendInitialEvents`.
    package var sendsInitialState: Bool {
        if let sendInitialEvents { return sendInitialEvents }
        return start == .currentState
    }

    /// Whether the initial events end with the `k8s.io/initial-events-end` bookmark.
    package var marksInitialEventsEnd: Bool { sendInitialEvents == true && allowBookmarks }

    /// Whether a request with these query parameters is a watch (`watch` is a Go bool parameter:
    /// anything but "0" and "false" is true, as `runtime.Convert_Slice_string_To_bool` reads it).
    package static func isWatch(_ query: [String: String]) -> Bool {
        query["watch"].map(goBool) ?? false
    }

    /// Decodes and validates the watch options of `query`.
    package init(query: [String: String]) throws(KubeError) {
        sendInitialEvents = query["sendInitialEvents"].map(Self.goBool)
        allowBookmarks = query["allowWatchBookmarks"].map(Self.goBool) ?? false
        if let timeout = query["timeoutSeconds"], !timeout.isEmpty {
            guard let seconds = Int64(timeout) else {
                throw KubeError.badRequest(
                    "strconv.ParseInt: parsing \"\(goQuoteBody(timeout))\": \(Self.syntaxOrRange(timeout))")
            }
            timeoutSeconds = seconds
        }
        let version = query["resourceVersion"] ?? ""
        if version.isEmpty || version == "0" {
            start = .currentState
        } else if let parsed = UInt64(version), version.first != "+" {
            start = .after(parsed)
        } else {
            throw KubeError.badRequest(
                "invalid resource version: strconv.ParseUint: parsing \"\(goQuoteBody(version))\": \(Self.syntaxOrRange(version))"
            )
        }
        let errors = Self.validate(match: query["resourceVersionMatch"] ?? "", sendInitialEvents: sendInitialEvents)
        if !errors.isEmpty {
            throw KubeError.invalid(kind: "ListOptions", group: "meta.k8s.io", name: "", errors: errors)
        }
    }

    /// `validateWatchOptions` with the WatchList feature on (its default since 1.32).
    private static func validate(match: String, sendInitialEvents: Bool?) -> [FieldError] {
        var errors: [FieldError] = []
        if sendInitialEvents != nil, match != "NotOlderThan" {
            errors.append(
                FieldError(
                    .forbidden, field: "resourceVersionMatch",
                    detail: "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
        }
        if !match.isEmpty {
            if sendInitialEvents == nil {
                errors.append(
                    FieldError(
                        .forbidden, field: "resourceVersionMatch",
                        detail: "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"))
            }
            if match != "NotOlderThan" {
                errors.append(
                    FieldError(
                        .notSupported, field: "resourceVersionMatch", value: .string(match),
                        detail: "supported values: \"NotOlderThan\""))
            }
        }
        return errors
    }

    /// A Go bool query parameter: false only for "0" and (any case of) "false".
    private static func goBool(_ value: String) -> Bool {
        !(value == "0" || value.lowercased() == "false")
    }

    /// strconv's reason for a number that did not parse.
    private static func syntaxOrRange(_ text: String) -> String {
        let digits = text.drop { $0 == "-" || $0 == "+" }
        return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
            ? "value out of range" : "invalid syntax"
    }
}
