import Foundation
import Testing

@testable import KubeMint

/// The fake nodes, scheduler and kubelet (docs/kubernetes-behaviour.md §19), driven step by step.
@Suite struct PodSchedulerTests {
    /// A store with `nodes` fake nodes and a scheduler that is not observing it.
    func cluster(nodes: Int) throws -> (ObjectStore, ManualClock, PodScheduler) {
        let (store, clock) = makeStore()
        try store.bootstrapNodes(count: nodes)
        return (store, clock, PodScheduler(store: store))
    }

    func createPod(_ store: ObjectStore, _ name: String, namespace: String = "default", node: String? = nil) throws {
        var spec: JSONObject = ["containers": [["name": "app", "image": "busybox"]]]
        if let node { spec["nodeName"] = .string(node) }
        try store.create(.pods, namespace: namespace, ["metadata": ["name": .string(name)], "spec": .object(spec)])
    }

    func pod(_ store: ObjectStore, _ name: String) throws -> JSONObject {
        try store.get(.pods, namespace: "default", name: name)
    }

    @Test func nodesAreCreatedOnceAndUsersNodesAreKept() throws {
        let (store, _) = makeStore()
        try store.create(.nodes, ["metadata": ["name": "kubemint-node-1", "labels": ["mine": "yes"]]])
        #expect(try store.bootstrapNodes(count: 3) == ["kubemint-node-0", "kubemint-node-2"])
        #expect(try store.bootstrapNodes(count: 3) == [])
        #expect(store.list(.nodes).items.map { $0.name } == ["kubemint-node-0", "kubemint-node-1", "kubemint-node-2"])
        #expect(try store.get(.nodes, name: "kubemint-node-1").string(at: ["metadata", "labels", "mine"]) == "yes")
        let node = try store.get(.nodes, name: "kubemint-node-2")
        #expect(node.string(at: ["spec", "podCIDR"]) == "10.244.2.0/24")
        #expect(node.string(at: ["metadata", "labels", "kubernetes.io/hostname"]) == "kubemint-node-2")
        #expect(PodScheduler.isSchedulable(node))
        #expect(PodScheduler.internalIP(of: node) == "10.0.0.4")
        #expect(!PodScheduler.isReady(try store.get(.nodes, name: "kubemint-node-1")))
    }

    @Test func podsGoToTheLeastLoadedNodeAndRun() throws {
        let (store, _, scheduler) = try cluster(nodes: 2)
        for name in ["a", "b", "c"] { try createPod(store, name) }
        #expect(try pod(store, "a").string(at: ["status", "phase"]) == "Pending")
        #expect(scheduler.step() == 6)
        let placed = try ["a", "b", "c"].map { name -> String in
            let stored = try pod(store, name)
            #expect(stored.string(at: ["status", "phase"]) == "Running")
            return "\(stored.string(at: ["spec", "nodeName"]) ?? "") \(stored.string(at: ["status", "podIP"]) ?? "")"
        }
        #expect(placed == ["kubemint-node-0 10.244.0.2", "kubemint-node-1 10.244.1.2", "kubemint-node-0 10.244.0.3"])
        #expect(scheduler.step() == 0)
        #expect(try pod(store, "a").value(at: ["metadata", "generation"]) == .int(1))
    }

    @Test func runningStatusHasTheKubeletShape() throws {
        let (store, clock, scheduler) = try cluster(nodes: 1)
        try store.create(
            .pods,
            [
                "metadata": ["name": "web"],
                "spec": [
                    "initContainers": [["name": "setup", "image": "busybox"]],
                    "containers": [["name": "app", "image": "nginx:1.27"]],
                ],
            ])
        clock.advance(by: 2)
        scheduler.step()
        let stored = try pod(store, "web")
        let expected = try String(
            contentsOfFile: Fixture.testdata("scheduler/running-pod-status.json"), encoding: .utf8)
        #expect(String(decoding: stored["status"]!.serialized(), as: UTF8.self) + "\n" == expected)
        #expect(stored.string(at: ["spec", "nodeName"]) == "kubemint-node-0")
    }

    @Test func aPodNamingAMissingNodeWaitsForIt() throws {
        let (store, _, scheduler) = try cluster(nodes: 1)
        try createPod(store, "lost", node: "elsewhere")
        #expect(scheduler.step() == 0)
        let waiting = try pod(store, "lost")
        #expect(waiting.string(at: ["status", "phase"]) == "Pending")
        #expect(waiting.value(at: ["status", "conditions"]) == nil)
        var node = FakeNode.object(index: 7, now: store.clock.now(), kubeletVersion: "v1.36.0")
        node.setValue("elsewhere", at: ["metadata", "name"])
        try store.create(.nodes, node)
        #expect(scheduler.step() == 1)
        #expect(try pod(store, "lost").string(at: ["status", "podIP"]) == "10.244.7.2")
    }

    @Test func withoutReadyNodesPodsStayPending() throws {
        let (store, _, scheduler) = try cluster(nodes: 1)
        try store.update(.nodes, name: "kubemint-node-0") { (node: inout JSONObject) throws(KubeError) in
            node.setValue(true, at: ["spec", "unschedulable"])
        }
        try createPod(store, "p")
        #expect(scheduler.step() == 0)
        #expect(try pod(store, "p").value(at: ["spec", "nodeName"]) == nil)
    }

    @Test func startedSchedulerReactsToCreatesAndNodeDeletions() throws {
        let (store, _, scheduler) = try cluster(nodes: 1)
        let recorder = EventRecorder()
        store.observe(recorder.record)
        scheduler.start()
        defer { scheduler.stop() }
        let created = try store.create(
            .pods, ["metadata": ["name": "p"], "spec": ["containers": [["name": "app", "image": "x"]]]])
        #expect(created.string(at: ["status", "phase"]) == "Pending")
        #expect(created.value(at: ["spec", "nodeName"]) == nil)
        scheduler.flush()
        #expect(try pod(store, "p").string(at: ["status", "phase"]) == "Running")
        #expect(recorder.summary == ["ADDED pods default/p", "MODIFIED pods default/p", "MODIFIED pods default/p"])
        try store.delete(.nodes, name: "kubemint-node-0")
        scheduler.flush()
        #expect(store.lookup(.pods, name: "p") == nil)
    }

    @Test func podAddressesSkipNetworkGatewayAndUsed() {
        #expect(PodAddresses.firstFree(in: "10.244.3.0/24", used: []) == "10.244.3.2")
        #expect(PodAddresses.firstFree(in: "10.244.3.0/24", used: ["10.244.3.2"]) == "10.244.3.3")
        #expect(PodAddresses.firstFree(in: "10.0.0.0/30", used: ["10.0.0.2"]) == nil)
        #expect(PodAddresses.firstFree(in: "fd00::/64", used: []) == nil)
        #expect(PodAddresses.firstFree(in: "10.1.2.300/24", used: []) == nil)
    }
}
