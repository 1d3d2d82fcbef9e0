import type { Command } from 'commander';
import { register as extract } from './extract.ts';
import { register as classify } from './classify.ts';
import { register as parse } from './parse.ts';
import { register as crawl } from './crawl.ts';
import { register as worker } from './worker.ts';
import { register as snapshot } from './snapshot.ts';
import { register as serve } from './serve.ts';
import { register as portals } from './portals.ts';
import { register as schedule } from './schedule.ts';
import { register as status } from './status.ts';
import { register as demo } from './demo.ts';

/** Every ogi sub-command; each lives in its own module and registers itself. */
export const commands: Array<(program: Command) => void> = [crawl, worker, snapshot, serve, schedule, status, portals, extract, parse, classify, demo];
