// Builds build/static/ (git- and docker-ignored), the front-end files Django's staticfiles serves
// from node_modules' packages: the Bootstrap subset compiled from its Sass sources
// (frontend/bootstrap.scss), and the vendor scripts the pages load (frontend/vendor.json), copied
// as their packages ship them, with the source maps their last line names (collectstatic's
// manifest storage follows that reference). Run by `npm run build`, which `make setup` and the
// Dockerfile call.
// The folder is made afresh each time, so nothing stale (an old compressed copy) survives.

import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");

// node_modules path → path under build/static (the URL under /static/); the packages are runtime
// dependencies in package.json (tests/core/test_compose.py checks it).
const VENDOR = JSON.parse(readFileSync(join(root, "frontend", "vendor.json"), "utf8"));

function write(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

rmSync(out, { recursive: true, force: true });

const bootstrap = sass.compile(join(root, "frontend", "bootstrap.scss"), {
  style: "compressed",
  loadPaths: [join(root, "node_modules")],
  // Bootstrap 5.3's sources still use @import and Sass's global functions: its deprecation
  // warnings are Bootstrap's to fix, not ours.
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions", "if-function"],
});
write(join(out, "css", "bootstrap.min.css"), bootstrap.css + "\n");

for (const [from, to] of Object.entries(VENDOR)) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  copyFileSync(join(root, "node_modules", from), join(out, to));
}

console.log(`build/static: bootstrap.min.css ${bootstrap.css.length} bytes, ${Object.keys(VENDOR).length} vendor files`);
