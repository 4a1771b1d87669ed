"""Issue 21: RBAC under `--auth token` as real clients see it (docs/kubernetes-behaviour.md §21).
kubectl (every version test_kubectl.py drives) creates roles and bindings, asks `auth can-i` (with
--list, -n, --as, --as-group, --subresource) and prints the apiserver's 403 verbatim; the official
Python client acts as a bound and as an unbound service account."""

from __future__ import annotations

import kubernetes
import pytest

from kubemint_server import start_server
from test_kubectl import KUBECTL_DIR, Kubectl, kubectl_binary  # noqa: F401 (fixture)

pytestmark = pytest.mark.server

SA = "system:serviceaccount:default:robot"


@pytest.fixture
def auth_server(kubemint_bin, tmp_path):
    s = start_server(kubemint_bin, tmp_path / "serve-rbac", "--auth", "token", tls=True)
    yield s
    s.stop()


@pytest.fixture
def admin(kubectl_binary, auth_server, tmp_path) -> Kubectl:
    version, binary = kubectl_binary
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    kubectl = Kubectl(binary, version, home, auth_server)
    kubectl("create", "serviceaccount", "robot")
    return kubectl


def can_i(kubectl: Kubectl, *args: str) -> str:
    p = kubectl("auth", "can-i", *args, check=False)
    assert p.returncode in (0, 1), p.stderr
    return p.stdout.strip()


def test_create_role_and_binding_commands_and_can_i(admin: Kubectl):
    p = admin("create", "role", "pod-reader", "--verb=get,list,watch", "--resource=pods")
    assert p.stdout == "role.rbac.authorization.k8s.io/pod-reader created\n", p.stdout
    p = admin("create", "rolebinding", "robot-reads", "--role=pod-reader", "--serviceaccount=default:robot")
    assert p.stdout == "rolebinding.rbac.authorization.k8s.io/robot-reads created\n", p.stdout
    p = admin("create", "clusterrole", "token-maker", "--verb=create", "--resource=serviceaccounts/token")
    assert p.stdout == "clusterrole.rbac.authorization.k8s.io/token-maker created\n", p.stdout
    p = admin("create", "clusterrolebinding", "robot-reviews", "--clusterrole=system:auth-delegator",
              "--serviceaccount=default:robot")
    assert p.stdout == "clusterrolebinding.rbac.authorization.k8s.io/robot-reviews created\n", p.stdout
    role = admin.json("get", "role", "pod-reader")
    assert role["rules"] == [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]}], role

    assert can_i(admin, "create", "pods") == "yes"
    assert can_i(admin, "list", "pods", f"--as={SA}") == "yes"
    assert can_i(admin, "list", "pods", "-n", "kube-system", f"--as={SA}") == "no"
    assert can_i(admin, "list", "secrets", f"--as={SA}") == "no"
    assert can_i(admin, "create", "tokenreviews.authentication.k8s.io", f"--as={SA}") == "yes"
    assert can_i(admin, "create", "serviceaccounts", "--subresource=token", f"--as={SA}") == "no"
    assert can_i(admin, "get", "pods", "--as=jane", "--as-group=system:masters") == "yes"
    assert can_i(admin, "get", "pods", "--as=jane", "--as-group=nobody") == "no"

    listed = admin("auth", "can-i", "--list", f"--as={SA}").stdout
    rows = {line.split()[0]: line for line in listed.splitlines()[1:] if line and not line.startswith(" ")}
    assert "pods" in rows and "[get list watch]" in rows["pods"], listed
    assert "tokenreviews.authentication.k8s.io" in rows, listed
    assert "[/openid/v1/jwks]" in listed, listed


def test_a_403_is_printed_verbatim(admin: Kubectl):
    p = admin("get", "serviceaccounts", f"--as={SA}", check=False)
    assert p.returncode == 1
    assert p.stderr == (
        'Error from server (Forbidden): serviceaccounts is forbidden: User "system:serviceaccount:default:robot" '
        'cannot list resource "serviceaccounts" in API group "" in the namespace "default"\n'), p.stderr
    # The admin may impersonate anyone; jane herself may do nothing.
    p = admin("get", "pods", "--as=jane", check=False)
    assert p.stderr == ('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" '
                        'in API group "" in the namespace "default"\n'), p.stderr
    token = admin("create", "token", "robot").stdout.strip()
    p = admin("get", "pods", f"--token={token}", "--as=jane", check=False)
    assert p.stderr == (
        'Error from server (Forbidden): users "jane" is forbidden: User "system:serviceaccount:default:robot" '
        'cannot impersonate resource "users" in API group "" at the cluster scope\n'), p.stderr


def test_escalation_is_refused(admin: Kubectl):
    admin("create", "rolebinding", "robot-admin", "--clusterrole=admin", "--serviceaccount=default:robot")
    token = admin("create", "token", "robot").stdout.strip()
    ok = admin("create", "role", "readers", "--verb=get", "--resource=pods", f"--token={token}")
    assert ok.stdout == "role.rbac.authorization.k8s.io/readers created\n", ok.stdout
    p = admin("create", "role", "nodes", "--verb=get", "--resource=nodes", f"--token={token}", check=False)
    assert p.returncode == 1
    assert ('roles.rbac.authorization.k8s.io "nodes" is forbidden: user "system:serviceaccount:default:robot" '
            '(groups=["system:serviceaccounts" "system:serviceaccounts:default" "system:authenticated"]) '
            'is attempting to grant RBAC permissions not currently held:\n'
            '{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}') in p.stderr, p.stderr


def python_client(server, token: str) -> kubernetes.client.CoreV1Api:
    configuration = kubernetes.client.Configuration()
    configuration.host = server.url
    configuration.ssl_ca_cert = server.ca
    configuration.api_key = {"authorization": f"Bearer {token}"}
    return kubernetes.client.CoreV1Api(kubernetes.client.ApiClient(configuration))


def test_python_client_as_bound_and_unbound_service_accounts(auth_server, tmp_path):
    # kubectl only sets the accounts up here (one version is enough); the Python client is the subject.
    version, binary = "1.33", KUBECTL_DIR / "kubectl.1.33"
    home = tmp_path / "home"
    home.mkdir()
    admin = Kubectl(binary, version, home, auth_server)
    admin("create", "serviceaccount", "bound")
    admin("create", "serviceaccount", "unbound")
    admin("create", "rolebinding", "bound-view", "--clusterrole=view", "--serviceaccount=default:bound")
    bound = python_client(auth_server, admin("create", "token", "bound").stdout.strip())
    unbound = python_client(auth_server, admin("create", "token", "unbound").stdout.strip())

    names = [sa.metadata.name for sa in bound.list_namespaced_service_account("default").items]
    assert {"bound", "unbound", "default"} <= set(names), names
    with pytest.raises(kubernetes.client.ApiException) as denied:
        unbound.list_namespaced_service_account("default")
    assert denied.value.status == 403
    assert '"reason":"Forbidden"' in denied.value.body.replace(" ", "")
    assert ('User \\"system:serviceaccount:default:unbound\\" cannot list resource \\"serviceaccounts\\" '
            'in API group \\"\\" in the namespace \\"default\\"') in denied.value.body, denied.value.body
    with pytest.raises(kubernetes.client.ApiException) as other_namespace:
        bound.list_namespaced_pod("kube-system")
    assert other_namespace.value.status == 403
