"""buyclean as it is installed: a wheel that carries everything the service reads, dependencies that are declared,
private APIs of WeasyPrint and pyHanko that are still where the code expects them, and commands without banners.

The wheel test builds the wheel, installs it (without dependencies, which this environment already has) into a
folder of its own and runs the commands from another folder, so that nothing can be found through the source tree.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import subprocess
import sys
import sysconfig
import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "buyclean"
EPD = ROOT / "tests" / "data" / "native" / "ready_mix_4000.json"
BIN = Path(sysconfig.get_path("scripts"))


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """The wheel built from a copy of the project and installed into a folder of its own: (that folder, env)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        (source / name).write_bytes((ROOT / name).read_bytes())
    # git ls-files would miss files not yet committed; copy the package as it is, without caches
    subprocess.run(["cp", "-r", str(ROOT / "src"), str(source / "src")], check=True)
    for cache in (source / "src").rglob("__pycache__"):
        subprocess.run(["rm", "-rf", str(cache)], check=True)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(base / "dist"),
                  str(source)], cwd=base, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "SetuptoolsDeprecationWarning" not in built.stdout + built.stderr, built.stdout + built.stderr
    wheels = list((base / "dist").glob("buyclean-*.whl"))
    assert len(wheels) == 1, wheels
    target = base / "site"
    done = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--target", str(target),
                 str(wheels[0])], cwd=base, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    env = {"PYTHONPATH": str(target), "BUYCLEAN_INSTANCE_PATH": str(base / "instance")}
    yield target, env


def _buyclean(target: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    # the installed package's own console script; it runs on this interpreter, with the wheel first on the path
    script = target / "bin" / "buyclean"
    return _run([sys.executable, str(script), *args], cwd=target.parent, env=env)


def test_the_wheel_is_what_runs(installed: tuple[Path, dict[str, str]]) -> None:
    target, env = installed
    found = _run([sys.executable, "-c", "import buyclean, buyclean.resources as r; "
                  "print(buyclean.__file__); print(r.rules_dir())"], cwd=target.parent, env=env)
    assert found.returncode == 0, found.stderr
    module, rules = found.stdout.split()
    assert Path(module).is_relative_to(target) and Path(rules).is_relative_to(target)


def test_check_and_rules_list_from_the_wheel(installed: tuple[Path, dict[str, str]]) -> None:
    target, env = installed
    checked = _buyclean(target, env, "check", str(EPD), "--on", "2025-06-01", "--format", "json")
    assert checked.returncode in (0, 1), checked.stderr
    doc = json.loads(checked.stdout)
    assert doc["rulesets"][0]["id"] == "gsa-ira-lec" and doc["products"][0]["verdicts"][0]["rule"]
    listed = _buyclean(target, env, "rules", "list")
    assert listed.returncode == 0, listed.stderr
    assert "gsa-ira-lec" in listed.stdout and "buy-clean-california" in listed.stdout
    assert str(target) in listed.stdout  # the rule files come from the installed package


def test_db_upgrade_and_the_home_page_from_the_wheel(installed: tuple[Path, dict[str, str]]) -> None:
    target, env = installed
    upgraded = _buyclean(target, env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "is at revision head" in upgraded.stdout
    served = _run([sys.executable, "-c", """
import sys
from buyclean import create_app
app = create_app({"TESTING": True, "secret_key": "wheel"})
client = app.test_client()
home, css, about = client.get("/"), client.get("/static/app.css"), client.get("/about")
print(home.status_code, css.status_code, about.status_code, b'name="file"' in home.data, b"gsa-ira-lec" in about.data)
"""], cwd=target.parent, env=env)
    assert served.returncode == 0, served.stderr
    assert served.stdout.split() == ["200", "200", "200", "True", "True"]


# --- declared dependencies ----------------------------------------------------------------------------------------


def _imported_distributions() -> dict[str, str]:
    """Every third-party top-level module the package imports -> the file that imports it first."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "buyclean":
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        name = requirement.split(";")[0].split("[")[0]
        for mark in "<>=!~ ":
            name = name.split(mark)[0]
        names.add(name.strip().lower().replace("_", "-"))
    return names


def test_every_imported_distribution_is_declared() -> None:
    providers = metadata.packages_distributions()
    declared = _declared()
    missing = []
    for module, where in _imported_distributions().items():
        distributions = {d.lower().replace("_", "-") for d in providers.get(module, [module])}
        if not distributions & declared:
            missing.append(f"{module} (imported by {where}; from {', '.join(sorted(distributions))})")
    assert not missing, "imported but not in pyproject's dependencies: " + "; ".join(missing)


# --- private APIs the certificate code relies on -------------------------------------------------------------------


def test_weasyprint_private_api_is_where_the_certificate_renderer_expects_it() -> None:
    from weasyprint import HTML

    # render.py: CertificateHTML overrides HTML._ua_stylesheets(forms) to replace the user-agent stylesheet
    assert callable(getattr(HTML, "_ua_stylesheets", None)), \
        "weasyprint.HTML._ua_stylesheets is gone: CertificateHTML's user-agent stylesheet is no longer applied"
    assert list(inspect.signature(HTML._ua_stylesheets).parameters) == ["self", "forms"], \
        "weasyprint.HTML._ua_stylesheets changed its parameters (render.py overrides it with (self, forms))"
    # render.py: CertificateHTML.from_xhtml fills these attributes itself instead of calling HTML.__init__
    made = set(vars(HTML(string="<p>x</p>")))
    assert made == {"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"}, \
        f"weasyprint.HTML(string=...) now sets {sorted(made)}: CertificateHTML.from_xhtml must set the same"


def test_pyhanko_private_api_is_where_the_template_signer_expects_it() -> None:
    from pyhanko.sign import signers
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    from buyclean.core.certificates.sign import TemplateSigner

    ours = list(inspect.signature(TemplateSigner.async_sign).parameters)
    theirs = list(inspect.signature(signers.SimpleSigner.async_sign).parameters)
    assert ours == theirs, f"pyHanko's SimpleSigner.async_sign takes {theirs}; TemplateSigner overrides it with {ours}"
    for name in ("signed_attr_prov_spec", "unsigned_attr_prov_spec"):
        assert name in inspect.getsource(signers.Signer.__init__), \
            f"pyHanko's Signer no longer sets {name}, which TemplateSigner reads to decide whether to use a template"
    assert callable(getattr(signers.SimpleSigner, "async_sign_raw", None)), \
        "pyHanko's SimpleSigner.async_sign_raw is gone: TemplateSigner signs the new attributes with it"
    assert "cades_signed_attrs" in {f.name for f in PdfCMSSignedAttributes.__dataclass_fields__.values()}, \
        "pyHanko's PdfCMSSignedAttributes has no cades_signed_attrs: TemplateSigner checks it"


# --- no banners ---------------------------------------------------------------------------------------------------


def test_commands_print_no_warning_banner(tmp_path: Path) -> None:
    helped = _run([str(BIN / "buyclean"), "--help"], cwd=tmp_path)
    assert helped.returncode == 0 and helped.stderr == "", helped.stderr
    # the modules that import pyHanko, which imports cryptography's deprecated DSA types
    imported = _run([sys.executable, "-c", "import buyclean.core.certificates, buyclean.services.issuing"],
                    cwd=tmp_path)
    assert imported.returncode == 0 and imported.stderr == "", imported.stderr
