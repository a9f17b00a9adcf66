// Module hooks that run the project's TypeScript sources without a build: `.ts` files are stripped of types by
// esbuild, and NodeNext-style `./x.js` imports resolve to `./x.ts`. Everything else, node_modules above all, is
// left to Node untouched — tsx rewrote large packages' JavaScript too (h5wasm's 4 MB bundle cost 10-20 s and
// 600 MB per process), which is why the runtime uses these hooks instead.
import { transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const typeScriptFile = /\.(c|m)?tsx?$/;

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    const fromTypeScript = context.parentURL !== undefined && typeScriptFile.test(context.parentURL);
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && relative && fromTypeScript && specifier.endsWith('.js')) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !typeScriptFile.test(url.split('?')[0]) || url.includes('/node_modules/')) {
    return nextLoad(url, context);
  }
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const { code } = await transform(source, {
    loader: path.endsWith('x') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: path,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
