// WPS Writer files (.wps). Since WPS Office 2005 they are OLE compound files with a WordDocument stream, the
// .doc format, and go through the .doc reader. Older WPS (DOS/WPS 97–2000 “WPS” binaries) and anything else
// that is not an OLE container under a .doc/.wps name has no reader here: that is an `unsupported_format`
// error, recorded as such rather than as a generic read failure.

export class UnsupportedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFormatError';
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (b: Uint8Array, magic: number[]) => magic.every((m, i) => b[i] === m);

/** Throws UnsupportedFormatError unless the bytes are a container word-extractor reads (OLE, or OOXML zip). */
export function checkWordContainer(bytes: Uint8Array, filename?: string): void {
  if (startsWith(bytes, OLE_MAGIC) || startsWith(bytes, ZIP_MAGIC)) return;
  const ext = /\.([a-z0-9]+)$/i.exec(filename ?? '')?.[1]?.toLowerCase() ?? '';
  const what = ext === 'wps' ? 'WPS document in a pre-2005 or other non-OLE format' : `“.${ext || '?'}” word-processor file that is not an OLE compound document`;
  const head = Array.from(bytes.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ');
  throw new UnsupportedFormatError(`${what} (first bytes ${head}); no reader for it`);
}
