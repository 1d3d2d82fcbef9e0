/** decodeURIComponent that leaves a malformed escape (“%E4%B8” cut short) as written instead of throwing. */
export function decodeUriSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
