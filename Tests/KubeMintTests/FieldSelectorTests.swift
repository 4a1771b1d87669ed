import Testing

@testable import KubeMint

/// `fieldSelector` parsing, the field labels each kind supports, and matching
/// (docs/kubernetes-behaviour.md §13). Expected strings come from kube-apiserver's source:
/// `staging/src/k8s.io/apimachinery/pkg/fields/selector.go` (`parseSelector`, `UnescapeValue`:
/// the bare character is printed with `%v` of a rune, i.e. its code point), the conversion
/// functions of `pkg/apis/core/v1/conversion.go` (`field label not supported: …`) and
/// `runtime.DefaultMetaV1FieldSelectorConversion` for kinds without one (service accounts).
@Suite struct FieldSelectorTests {
    func message(_ selector: String, kind: ResourceKind = .pods) -> String? {
        do {
            _ = try ObjectSelector(kind: kind, labelSelector: nil, fieldSelector: selector)
            return nil
        } catch {
            #expect(error.parameter == .fieldSelector)
            #expect(error.selector == selector)
            return error.message
        }
    }

    func names(_ selector: String, _ kind: ResourceKind, _ objects: [JSONObject]) throws -> [String] {
        let parsed = try ObjectSelector(kind: kind, labelSelector: nil, fieldSelector: selector)
        return objects.filter(parsed.matches).compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
    }

    static func account(_ name: String, _ namespace: String) -> JSONObject {
        ["metadata": ["name": .string(name), "namespace": .string(namespace)]]
    }

    @Test func operatorsAndConjunction() throws {
        let accounts = [Self.account("a", "default"), Self.account("b", "default"), Self.account("a", "team")]
        #expect(try names("metadata.name=a", .serviceaccounts, accounts) == ["a", "a"])
        #expect(try names("metadata.name==a", .serviceaccounts, accounts) == ["a", "a"])
        #expect(try names("metadata.name!=a", .serviceaccounts, accounts) == ["b"])
        #expect(
            try names("metadata.name=a,metadata.namespace=team", .serviceaccounts, accounts).count == 1)
        #expect(try names("", .serviceaccounts, accounts).count == 3)
        #expect(try names(",,", .serviceaccounts, accounts).count == 3)
    }

    @Test func valuesAreUnescaped() throws {
        let parsed = try FieldSelector(parsing: #"metadata.name=a\,b\=c\\d"#)
        #expect(parsed.terms == [FieldSelector.Term(field: "metadata.name", value: #"a,b=c\d"#, negated: false)])
        // The field is split at the first operator and kept as written, spaces included.
        #expect(try FieldSelector(parsing: "a b!=c").terms.first?.field == "a b")
        #expect(try FieldSelector(parsing: "a==b").terms.first?.value == "b")
    }

    @Test func syntaxErrorsAreWordedLikeTheApiserver() {
        #expect(message("foo") == "invalid selector: 'foo'; can't understand 'foo'")
        // Terms are sorted before they are read: the first bad one in sorted order is named.
        #expect(message("zzz,aaa") == "invalid selector: 'zzz,aaa'; can't understand 'aaa'")
        #expect(message("metadata.name=a=b") == "invalid field selector: unescaped character in value: 61")
        #expect(message(#"metadata.name=a\b"#) == #"invalid field selector: invalid escape sequence: \b"#)
        #expect(message(#"metadata.name=a\"#) == #"invalid field selector: invalid escape sequence: \"#)
    }

    @Test func unsupportedLabelsAreRefusedPerKind() {
        #expect(message("spec.foo=x", kind: .pods) == "field label not supported: spec.foo")
        #expect(message("metadata.namespace=x", kind: .nodes) == "field label not supported: metadata.namespace")
        #expect(message("metadata.namespace=x", kind: .namespaces) == "field label not supported: metadata.namespace")
        #expect(message("data=x", kind: .secrets) == "field label not supported: data")
        #expect(
            message("spec.foo=x", kind: .serviceaccounts)
                == #""spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace""#)
        // The first unsupported label in sorted order is named.
        #expect(message("z=1,b=2", kind: .pods) == "field label not supported: b")
        // A space is part of the label.
        #expect(message("metadata.name =x", kind: .pods) == "field label not supported: metadata.name ")
    }

    @Test func labelSelectorErrorsComeFirst() {
        do {
            _ = try ObjectSelector(kind: .pods, labelSelector: "a b", fieldSelector: "nope")
            Issue.record("expected an error")
        } catch {
            #expect(error.parameter == .labelSelector)
            #expect(error.kubeError == KubeError(code: 400, reason: "BadRequest", message: error.message))
        }
    }

    @Test func podFields() throws {
        let running: JSONObject = [
            "metadata": ["name": "run", "namespace": "default"],
            "spec": [
                "nodeName": "n1", "serviceAccountName": "web", "restartPolicy": "Always",
                "schedulerName": "default-scheduler", "hostNetwork": true,
            ],
            "status": ["phase": "Running", "podIP": "10.0.0.1", "podIPs": [["ip": "10.0.0.1"]]],
        ]
        let pending: JSONObject = [
            "metadata": ["name": "wait", "namespace": "team"], "spec": ["serviceAccountName": "default"],
            "status": ["phase": "Pending"],
        ]
        let pods = [running, pending]
        #expect(try names("spec.nodeName=n1", .pods, pods) == ["run"])
        #expect(try names("spec.host=n1", .pods, pods) == ["run"])
        #expect(try names("spec.nodeName=", .pods, pods) == ["wait"])
        #expect(try names("spec.serviceAccountName=default", .pods, pods) == ["wait"])
        #expect(try names("status.phase=Pending", .pods, pods) == ["wait"])
        #expect(try names("status.phase!=Pending", .pods, pods) == ["run"])
        #expect(try names("spec.hostNetwork=false", .pods, pods) == ["wait"])
        #expect(try names("spec.restartPolicy=Always,spec.schedulerName=default-scheduler", .pods, pods) == ["run"])
        #expect(try names("status.podIP=10.0.0.1", .pods, pods) == ["run"])
        #expect(try names("metadata.namespace=team", .pods, pods) == ["wait"])
        #expect(try names("status.nominatedNodeName=", .pods, pods) == ["run", "wait"])
        // Accepted by the conversion function but not among the selectable fields: only "" matches.
        #expect(try names("status.podIPs=10.0.0.1", .pods, pods) == [])
    }

    @Test func secretNodeAndNamespaceFields() throws {
        let secrets: [JSONObject] = [
            ["metadata": ["name": "tls", "namespace": "default"], "type": "kubernetes.io/tls"],
            ["metadata": ["name": "plain", "namespace": "default"], "type": "Opaque"],
        ]
        #expect(try names("type=kubernetes.io/tls", .secrets, secrets) == ["tls"])
        #expect(try names("type!=kubernetes.io/tls,metadata.namespace=default", .secrets, secrets) == ["plain"])
        let nodes: [JSONObject] = [
            ["metadata": ["name": "n1"], "spec": ["unschedulable": true]], ["metadata": ["name": "n2"]],
        ]
        #expect(try names("spec.unschedulable=true", .nodes, nodes) == ["n1"])
        #expect(try names("spec.unschedulable=false", .nodes, nodes) == ["n2"])
        #expect(try names("metadata.name=n2", .nodes, nodes) == ["n2"])
        let namespaces: [JSONObject] = [
            ["metadata": ["name": "a"], "status": ["phase": "Active"]],
            ["metadata": ["name": "b"], "status": ["phase": "Terminating"]],
        ]
        #expect(try names("status.phase=Active", .namespaces, namespaces) == ["a"])
        #expect(try names("metadata.name!=a", .namespaces, namespaces) == ["b"])
    }

    @Test func filterKeepsTheResourceVersion() throws {
        let list = ObjectList(
            resource: .serviceaccounts, items: [Self.account("a", "x"), Self.account("b", "x")], resourceVersion: "7")
        let selector = try ObjectSelector(kind: .serviceaccounts, labelSelector: "", fieldSelector: "metadata.name=b")
        let filtered = selector.filter(list)
        #expect(filtered.resourceVersion == "7")
        #expect(filtered.items.count == 1)
    }
}
