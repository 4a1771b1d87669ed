"""Issue 19, "ConfigMaps" seen from outside: `kubemint serve --kubelet-dir --manifests --data-dir`
loads a ConfigMap and a pod mounting it from a manifest, the kubelet emulation writes the volume with
the atomic writer's layout, a replaced ConfigMap reaches the files on the refresh loop, and the
ConfigMap is still there after a restart on the same data directory (docs/kubernetes-behaviour.md §15)."""

from __future__ import annotations

import os

import pytest
import requests
import yaml

from kubemint_server import start_server
from test_kubelet_files import wait_for

pytestmark = pytest.mark.server

OBJECTS = [
    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"},
     "data": {"app.conf": "colour=blue\n"}},
    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
     "spec": {"containers": [{"name": "app", "image": "nginx"}],
              "volumes": [{"name": "config", "configMap": {"name": "settings", "defaultMode": 0o640}}]}},
]


def test_configmap_volume_written_updated_and_persisted(kubemint_bin, tmp_path):
    manifest = tmp_path / "objects.yaml"
    manifest.write_text(yaml.safe_dump_all(OBJECTS))
    kubelet, data = tmp_path / "kubelet", tmp_path / "data"
    args = ("--kubelet-dir", kubelet, "--data-dir", data)
    s = start_server(kubemint_bin, tmp_path / "srv", *args, "--manifests", manifest)
    configmaps = f"{s.url}/api/v1/namespaces/default/configmaps"
    try:
        conf = kubelet / "default" / "web" / "config" / "app.conf"
        assert wait_for(lambda: conf.exists() and conf.read_text()) == "colour=blue\n"
        assert os.readlink(conf) == "..data/app.conf"
        assert oct(os.stat(conf).st_mode & 0o777) == oct(0o640)

        # Replaced (delete + create): the next refresh pass writes the new content.
        assert requests.delete(f"{configmaps}/settings", timeout=10).status_code == 200
        body = {"metadata": {"name": "settings"}, "data": {"app.conf": "colour=green\n", "extra": "x"}}
        assert requests.post(configmaps, json=body, timeout=10).status_code == 201
        assert wait_for(lambda: conf.read_text() == "colour=green\n" and (conf.parent / "extra").exists())
    finally:
        assert s.stop() == 0, s.log()

    s = start_server(kubemint_bin, tmp_path / "srv2", *args)
    try:
        cm = requests.get(f"{s.url}/api/v1/namespaces/default/configmaps/settings", timeout=10).json()
        assert cm["data"] == {"app.conf": "colour=green\n", "extra": "x"}, cm
    finally:
        assert s.stop() == 0, s.log()
