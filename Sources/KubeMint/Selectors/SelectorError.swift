/// A `labelSelector` or `fieldSelector` the apiserver would refuse, with the apiserver's own words
/// (docs/kubernetes-behaviour.md §13). Over HTTP it is a 400 `BadRequest` Status whose message is
/// ``message`` unchanged, as `handlers/get.go` answers a list whose options do not decode.
package struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which query parameter carried the selector.
    package enum Parameter: String, Sendable {
        /// `labelSelector` (`kubectl -l`).
        case labelSelector
        /// `fieldSelector` (`kubectl --field-selector`).
        case fieldSelector
    }

    /// The query parameter the selector came in.
    package var parameter: Parameter
    /// The selector as received (after URL decoding).
    package var selector: String
    /// The apiserver's error text, e.g. `unable to parse requirement: found '', expected: identifier`.
    package var message: String

    /// An error about `selector`, sent as `parameter`.
    package init(_ parameter: Parameter, selector: String, message: String) {
        self.parameter = parameter
        self.selector = selector
        self.message = message
    }

    /// The 400 Status the apiserver answers: reason `BadRequest`, the message alone.
    package var kubeError: KubeError { .badRequest(message) }

    /// The message, naming the parameter and the selector for logs.
    package var description: String { "\(parameter.rawValue) \"\(selector)\": \(message)" }
}
