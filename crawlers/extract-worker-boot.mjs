// Worker threads start without the parent's loader hooks when the CLI registered tsx through its API
// (bin/ogi.mjs), so the worker registers tsx itself before loading the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
