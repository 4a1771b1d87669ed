@testable import KubeMintServer
import Testing

/// `serve` skips the YAML parser for a stale kubeconfig only when the line scan is sure of every
/// `server:` value; anything it cannot read for certain sends it to the parser (nil).
@Suite struct KubeconfigServerLinesTests {
    @Test func readsTheServersOfAKubeconfigKubemintWrites() {
        let written = Kubeconfig.render(server: "https://127.0.0.1:8443", caPEM: "PEM", token: "t")
        #expect(KubeconfigServerLines.urls(in: written) == ["https://127.0.0.1:8443"])
    }

    @Test func readsPlainAndQuotedValuesInEveryCluster() {
        let text = """
            apiVersion: v1
            clusters:
            - cluster:
                server: https://a.example:6443   # the first
              name: a
            - cluster:
                certificate-authority-data: QUJD
                server: "https://b.example"
              name: b
            -   cluster: {}
            - name: c
              cluster:
                server: 'http://127.0.0.1:1'
            # server: http://commented.example
            """
        #expect(
            KubeconfigServerLines.urls(in: text) == [
                "https://a.example:6443", "https://b.example", "http://127.0.0.1:1",
            ])
    }

    @Test(arguments: [
        "clusters:\n- cluster: {server: https://a.example}\n",
        "clusters:\n- cluster:\n    server: &s https://a.example\n",
        "clusters:\n- cluster:\n    server: *s\n",
        "clusters:\n- cluster:\n    server: !!str https://a.example\n",
        "clusters:\n- cluster:\n    server: >-\n      https://a.example\n",
        "clusters:\n- cluster:\n    server:\n      https://a.example\n",
        "clusters:\n- cluster:\n    \"server\": https://a.example\n",
        "clusters:\n- cluster:\n    server: \"https://a\\x2eexample\"\n",
        "clusters: []\n",
        "",
    ])
    func sendsAnythingElseToTheYAMLParser(text: String) {
        #expect(KubeconfigServerLines.urls(in: text) == nil)
    }
}
