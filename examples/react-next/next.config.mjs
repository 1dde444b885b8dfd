import { fileURLToPath } from 'node:url';

// next, react and react-dom come from the repository's node_modules (two levels up): the
// bundler's root is the repository; @quoteline/react comes from this folder's node_modules.
const root = fileURLToPath(new URL('../..', import.meta.url));

/** @type {import('next').NextConfig} */
const config = {
  turbopack: { root },
  outputFileTracingRoot: root,
  reactStrictMode: true,
  poweredByHeader: false,
};

export default config;
