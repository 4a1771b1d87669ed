/// One validation failure of one field, printed as `field.ErrorList` prints it:
/// `<field>: <Type>: <value>: <detail>` (docs/kubernetes-behaviour.md §8).
package struct FieldError: Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; its text starts the message body.
    package enum ErrorType: String, Sendable {
        case invalid = "Invalid value"
        case required = "Required value"
        case notSupported = "Unsupported value"
        case duplicate = "Duplicate value"
        case forbidden = "Forbidden"
        case tooLong = "Too long"
        case notFound = "Not found"
        case internalError = "Internal error"

        /// `metav1.CauseType` of this failure.
        var causeReason: String {
            switch self {
            case .invalid: "FieldValueInvalid"
            case .required: "FieldValueRequired"
            case .notSupported: "FieldValueNotSupported"
            case .duplicate: "FieldValueDuplicate"
            case .forbidden: "FieldValueForbidden"
            case .tooLong: "FieldValueTooLong"
            case .notFound: "FieldValueNotFound"
            case .internalError: "InternalError"
            }
        }

        /// Types whose message carries no value.
        var omitsValue: Bool {
            switch self {
            case .required, .forbidden, .tooLong, .internalError: true
            default: false
            }
        }
    }

    /// A value as Go's `%#v`-like printing shows it: integers bare, strings quoted.
    package enum Value: Sendable, Equatable {
        case none
        case int(Int64)
        case string(String)
        case bool(Bool)
        /// Printed as given (a Go composite value such as `[]string{"a"}`).
        case raw(String)
        /// `field.OmitValueType{}`: the message leaves the value out (`Invalid value: <detail>`).
        case omitted

        var printed: String {
            switch self {
            case .none, .omitted: ""
            case .int(let v): String(v)
            case .bool(let v): String(v)
            case .raw(let text): text
            case .string(let s): "\"" + goQuoteBody(s) + "\""
            }
        }
    }

    package var type: ErrorType
    /// The JSON path, e.g. `spec.expirationSeconds`.
    package var field: String
    package var value: Value
    package var detail: String

    /// A field error with every member given.
    package init(_ type: ErrorType, field: String, value: Value = .none, detail: String = "") {
        self.type = type
        self.field = field
        self.value = value
        self.detail = detail
    }

    /// `Type: value: detail` — the cause message in `details.causes`.
    package var body: String {
        var s = type.rawValue
        if !type.omitsValue && value != .omitted { s += ": " + value.printed }
        if !detail.isEmpty { s += ": " + detail }
        return s
    }

    /// `field: body` — the form joined into the Status message. Like Go's `field.Error.Error()`, an
    /// error about the whole object (empty field) still prints the separator (`: Too long: …`).
    package var description: String { "\(field): \(body)" }
}

/// The inside of a Go `%q` string: backslash, quote and control characters escaped.
func goQuoteBody(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}
