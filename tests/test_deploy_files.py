"""Container and chart files (not buildable here: no container engine): they parse, and the Helm values use
only keys the official chart documents (frappe/helm, erpnext/values.yaml, listed below)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="PyYAML is not importable: the YAML files cannot be parsed here")

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
VALUES = DEPLOY / "helm" / "values-kelisim.yaml"
APPS_JSON = DEPLOY / "frappe_docker" / "apps.json"

# The chart's documented values (frappe/helm erpnext/values.yaml), as dotted paths. Below a path ending in
# ".*" the value is free-form (Kubernetes objects, lists, annotations), so anything there is accepted.
CHART_KEYS = """
dbHost dbPort dbRootUser dbRootPassword dbRds
image image.repository image.tag image.pullPolicy
nginx nginx.replicaCount nginx.autoscaling nginx.autoscaling.enabled nginx.autoscaling.minReplicas
nginx.autoscaling.maxReplicas nginx.autoscaling.targetCPU nginx.autoscaling.targetMemory nginx.config
nginx.environment nginx.environment.upstreamRealIPAddress nginx.environment.upstreamRealIPRecursive
nginx.environment.upstreamRealIPHeader nginx.environment.frappeSiteNameHeader
nginx.livenessProbe.* nginx.readinessProbe.* nginx.service nginx.service.type nginx.service.port
nginx.resources.* nginx.nodeSelector.* nginx.tolerations.* nginx.affinity.* nginx.envVars.*
nginx.initContainers.* nginx.sidecars.*
worker worker.healthProbe
worker.gunicorn worker.gunicorn.replicaCount worker.gunicorn.autoscaling worker.gunicorn.autoscaling.enabled
worker.gunicorn.autoscaling.minReplicas worker.gunicorn.autoscaling.maxReplicas
worker.gunicorn.autoscaling.targetCPU worker.gunicorn.autoscaling.targetMemory
worker.gunicorn.livenessProbe.* worker.gunicorn.readinessProbe.* worker.gunicorn.service
worker.gunicorn.service.type worker.gunicorn.service.port worker.gunicorn.resources.*
worker.gunicorn.nodeSelector.* worker.gunicorn.tolerations.* worker.gunicorn.affinity.*
worker.gunicorn.args.* worker.gunicorn.envVars.* worker.gunicorn.initContainers.* worker.gunicorn.sidecars.*
socketio socketio.replicaCount socketio.autoscaling socketio.autoscaling.enabled socketio.autoscaling.minReplicas
socketio.autoscaling.maxReplicas socketio.autoscaling.targetCPU socketio.autoscaling.targetMemory
socketio.livenessProbe.* socketio.readinessProbe.* socketio.resources.* socketio.nodeSelector.*
socketio.tolerations.* socketio.affinity.* socketio.service socketio.service.type socketio.service.port
socketio.envVars.* socketio.initContainers.* socketio.sidecars.*
persistence persistence.worker persistence.worker.enabled persistence.worker.existingClaim
persistence.worker.size persistence.worker.storageClass persistence.logs persistence.logs.enabled
persistence.logs.existingClaim persistence.logs.size persistence.logs.storageClass
ingress ingress.ingressName ingress.className ingress.enabled ingress.annotations.* ingress.hosts.*
ingress.tls.*
jobs
jobs.volumePermissions jobs.volumePermissions.enabled jobs.volumePermissions.backoffLimit
jobs.configure jobs.configure.enabled jobs.configure.fixVolume jobs.configure.backoffLimit
jobs.configure.envVars.* jobs.configure.command.* jobs.configure.args.*
jobs.createSite jobs.createSite.enabled jobs.createSite.forceCreate jobs.createSite.siteName
jobs.createSite.adminPassword jobs.createSite.installApps.* jobs.createSite.dbType jobs.createSite.backoffLimit
jobs.dropSite jobs.dropSite.enabled jobs.dropSite.forced jobs.dropSite.siteName jobs.dropSite.backoffLimit
jobs.backup jobs.backup.enabled jobs.backup.siteName jobs.backup.withFiles jobs.backup.backoffLimit
jobs.migrate jobs.migrate.enabled jobs.migrate.siteName jobs.migrate.skipFailing jobs.migrate.backoffLimit
jobs.custom jobs.custom.enabled jobs.custom.jobName jobs.custom.labels.* jobs.custom.backoffLimit
jobs.custom.initContainers.* jobs.custom.containers.* jobs.custom.restartPolicy jobs.custom.volumes.*
jobs.custom.nodeSelector.* jobs.custom.affinity.* jobs.custom.tolerations.*
imagePullSecrets.* nameOverride fullnameOverride serviceAccount serviceAccount.create podSecurityContext.*
securityContext.*
redis-cache.* redis-queue.* redis-socketio.* mariadb.* postgresql.*
""".split()

# the same keys for every queue worker and the scheduler
for _queue in ("default", "short", "long", "scheduler"):
	CHART_KEYS += [
		f"worker.{_queue}",
		f"worker.{_queue}.replicaCount",
		f"worker.{_queue}.livenessProbe.*",
		f"worker.{_queue}.readinessProbe.*",
		f"worker.{_queue}.resources.*",
		f"worker.{_queue}.nodeSelector.*",
		f"worker.{_queue}.tolerations.*",
		f"worker.{_queue}.affinity.*",
		f"worker.{_queue}.envVars.*",
		f"worker.{_queue}.initContainers.*",
		f"worker.{_queue}.sidecars.*",
	]
	if _queue != "scheduler":
		CHART_KEYS += [f"worker.{_queue}.autoscaling"] + [
			f"worker.{_queue}.autoscaling.{k}"
			for k in ("enabled", "minReplicas", "maxReplicas", "targetCPU", "targetMemory")
		]

EXACT = {k for k in CHART_KEYS if not k.endswith(".*")}
FREE = {k[:-2] for k in CHART_KEYS if k.endswith(".*")}


def documented(path: str) -> bool:
	parts = path.split(".")
	if any(".".join(parts[:i]) in FREE for i in range(1, len(parts) + 1)):
		return True
	return path in EXACT


def key_paths(node, prefix: str = ""):
	if isinstance(node, dict):
		for key, value in node.items():
			path = f"{prefix}.{key}" if prefix else str(key)
			yield path
			if not any(path == f or path.startswith(f + ".") for f in FREE):
				yield from key_paths(value, path)


@pytest.fixture(scope="module")
def values() -> dict:
	return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


def test_values_parse(values):
	assert isinstance(values, dict) and values


def test_values_use_only_documented_chart_keys(values):
	unknown = [p for p in key_paths(values) if not documented(p)]
	assert not unknown, f"keys the chart does not document: {unknown}"


def test_values_describe_the_kelisim_deployment(values):
	assert values["image"]["repository"] and values["image"]["tag"]
	assert values["mariadb"]["enabled"] is False and values["dbHost"]  # external primary
	for queue in ("default", "short", "long"):
		assert values["worker"][queue]["replicaCount"] >= 1
	assert values["worker"]["scheduler"]["replicaCount"] == 1  # never two schedulers
	assert values["jobs"]["createSite"]["installApps"] == ["kelisim_app"]
	assert values["persistence"]["worker"]["enabled"] is True
	script = " ".join(values["jobs"]["custom"]["containers"][0]["args"])
	for setting in ("read_from_replica", "replica_host", "keep_backups_for_hours", "enable-scheduler"):
		assert setting in script


def test_apps_json_is_frappe_dockers_format():
	apps = json.loads(APPS_JSON.read_text(encoding="utf-8"))
	assert isinstance(apps, list) and len(apps) == 1
	assert set(apps[0]) == {"url", "branch"}
	# placeholders, filled by envsubst as deploy/frappe_docker/README.md shows
	assert apps[0]["url"] == "${KELISIM_APP_GIT_URL}"
	assert re.fullmatch(r"\$\{\w+\}", apps[0]["branch"])


def test_readme_has_the_documented_build_command():
	text = (DEPLOY / "frappe_docker" / "README.md").read_text(encoding="utf-8")
	for needle in (
		"--file=images/custom/Containerfile",
		"--build-arg=APPS_JSON_BASE64=$APPS_JSON_BASE64",
		"--build-arg=FRAPPE_BRANCH=version-15",
		"base64 -w 0",
	):
		assert needle in text
