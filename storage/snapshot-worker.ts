// Worker thread body: one snapshot pass over the shards it was given (see snapshot-pass.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runPass, type PassInput } from './snapshot-pass.ts';

const port = parentPort!;
try {
  const result = await runPass(workerData as PassInput, (msg) => port.postMessage({ type: 'progress', msg }));
  port.postMessage({ type: 'done', result });
} catch (err) {
  // Errors do not survive structured cloning with their class; send what the main thread needs to rethrow.
  port.postMessage({ type: 'error', message: (err as Error).message, stack: (err as Error).stack });
}
