#!/usr/bin/env node
// Compiles apps/ and libs/ (specs excluded) to dist/ with swc: one build for every
// app, fast enough that `npm start` can always build first. Type checking is
// `npm run typecheck` (tsc --noEmit), run by lint and CI.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { root, options } = require('../swc.config.js');

const outDir = path.join(root, 'dist');
const sourceDirs = ['apps', 'libs', 'bench'];
const skip = /\.(spec|int-spec|e2e-spec|browser-spec)\.ts$|\.d\.ts$/;
// Shipped as they are: worker-thread ES modules, web views and static assets.
const copied = /\.(mjs|hbs|css|svg|png|ico)$/;

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if ((entry.name.endsWith('.ts') || copied.test(entry.name)) && !skip.test(entry.name)) yield full;
  }
}

async function main() {
  const started = Date.now();
  // Build beside dist/ and swap it in, so processes running from dist/ (the
  // service, or tests started by another jest run) never see it half-written.
  const staging = `${outDir}.build-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const files = sourceDirs
    .filter((dir) => fs.existsSync(path.join(root, dir)))
    .flatMap((dir) => [...walk(path.join(root, dir))]);
  await Promise.all(
    files.map(async (file) => {
      const relative = path.relative(root, file);
      if (copied.test(file)) {
        const target = path.join(staging, relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(file, target);
        return;
      }
      const target = path.join(staging, relative.replace(/\.ts$/, '.js'));
      const { code, map } = await swc.transformFile(file, {
        ...options,
        filename: file,
        outputPath: target,
        swcrc: false,
        configFile: false,
      });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      if (map) fs.writeFileSync(`${target}.map`, map);
    }),
  );
  // The check-worthiness model is trained here, from the labelled data the
  // repository ships, so every build (npm start, bench, CI) carries one.
  const trainer = path.join(staging, 'libs/extraction/src/check-worthiness/train.js');
  console.error(require(trainer).writeModelFile(root, path.join(path.dirname(trainer), 'model.json')));
  const previous = `${outDir}.old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, previous);
  fs.renameSync(staging, outDir);
  fs.rmSync(previous, { recursive: true, force: true });
  console.error(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
