"""How static files are stored for production: hashed names, compressed copies."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Django's patterns for static `import … from "./x.js"`, `export … from` and `import "./x.js"`
# (the fourth, dynamic `import(…)`, also matches JSDoc comments in vendored files, and Pantau's
# modules import nothing dynamically).
_STATIC_MODULE_IMPORTS = (
    CompressedManifestStaticFilesStorage._js_module_import_aggregation_patterns[1][:3]
)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed storage, with Pantau's ES module imports rewritten too.

    The dashboard is a set of ES modules (static/js/dashboard/): without the rewrite, `main.js`
    would be served under its hashed name but import its siblings under their plain names,
    which browsers cache for a short while only and which a deploy changes in place. Only
    Pantau's own scripts (`js/…`) are rewritten; vendored packages are served as shipped.
    """

    patterns = (*CompressedManifestStaticFilesStorage.patterns, ("js/*.js", _STATIC_MODULE_IMPORTS))
