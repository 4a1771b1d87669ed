/// The apiserver's ServiceAccountNodeAudienceRestriction (on by default since 1.33; NodeRestriction
/// admission, plugin/pkg/admission/noderestriction/admission.go): a kubelet may ask for a token with
/// an audience only if the pod uses that audience in a projected service-account token volume, or
/// if it is authorized for `request-serviceaccounts-token-audience` on that audience
/// (docs/kubernetes-behaviour.md §23.2).
package enum NodeAudienceRestriction {
    /// Whether a projected `serviceAccountToken` source of `pod` names `audience`.
    package static func podReferences(_ pod: JSONObject, audience: String) -> Bool {
        (pod.value(at: ["spec", "volumes"])?.arrayValue ?? []).contains { volume in
            (volume["projected"]?["sources"]?.arrayValue ?? []).contains {
                $0["serviceAccountToken"]?["audience"]?.stringValue == audience
            }
        }
    }

    /// The refusal a node gets: `audience "X" not found in pod spec volume, system:node:N is not
    /// authorized to request tokens for this audience`.
    package static func refusal(audience: String, node: String) -> String {
        "audience \"\(goQuoteBody(audience))\" not found in pod spec volume, system:node:\(node) is not authorized to request tokens for this audience"
    }
}
