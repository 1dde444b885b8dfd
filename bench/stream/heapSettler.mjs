// Preloaded (NODE_OPTIONS=--import) into both servers under test, so the bench can
// read RSS with the heap settled: SIGWINCH runs two full garbage collections.
// SIGWINCH is ignored by default, so a process without this preload is unaffected.
// Plain JavaScript: next-server loads it without tsx.
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
process.on('SIGWINCH', () => {
  gc();
  gc();
});
