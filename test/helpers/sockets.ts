// What a process (and every process it started) listens on, read from the kernel: /proc/<pid>/net/tcp{,6} lists the
// sockets of the network namespace, /proc/<pid>/fd names the socket inodes the process holds. Linux only.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';

export interface Listener { pid: number; address: string; port: number }

/** pid and its descendants (through /proc/<pid>/stat parent ids). */
export function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone already
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

export const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
};

function socketInodes(pid: number): Set<string> {
  const out = new Set<string>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

/** The kernel's hex address: IPv4 as one little-endian word, IPv6 as four. */
function decodeAddress(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  const words = [0, 1, 2, 3].map((w) => hex.slice(w * 8, w * 8 + 8).match(/../g)!.reverse().join(''));
  const groups = words.join('').match(/.{4}/g)!.map((g) => parseInt(g, 16).toString(16));
  const v6 = groups.join(':');
  if (v6 === '0:0:0:0:0:ffff:7f00:1') return '127.0.0.1';
  return net.isIPv6(v6) ? new URL(`http://[${v6}]/`).hostname.slice(1, -1) : v6;
}

/** TCP sockets in LISTEN state held by the process tree of `root`. */
export function listeners(root: number): Listener[] {
  const out: Listener[] = [];
  for (const pid of processTree(root)) {
    const inodes = socketInodes(pid);
    if (!inodes.size) continue;
    for (const table of ['tcp', 'tcp6']) {
      let text = '';
      try {
        text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n').slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9]!)) continue; // 0A = LISTEN
        const [addr, port] = f[1]!.split(':');
        out.push({ pid, address: decodeAddress(addr!), port: parseInt(port!, 16) });
      }
    }
  }
  return out;
}
