// Whether a file's bytes are a binary rather than text. git's test, a NUL byte in the first 8 KiB, lost
// real source: a key separator typed as a raw NUL inside a template literal (`${pk}\0${sk}`) hid a
// project's whole DynamoDB client. Source code is therefore judged on its bytes as text would be.
import { isUtf8 } from 'node:buffer';

const HEAD = 8192;

/** At most one byte in this many of the head may be a control byte in source still read as text. */
const CONTROL_SHARE = 10;

/** A control byte no text editor writes on its own: not a tab, line feed, vertical tab, form feed or return. */
function isControl(byte: number): boolean {
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f;
}

/**
 * A NUL byte in the first 8 KiB means binary, as git decides, for files other than code. A code file
 * (`code`) is binary only when it is not valid UTF-8 or when control bytes make up more than a tenth of
 * its first 8 KiB: a stray NUL in a string parses, a compiled or UTF-16 file does not.
 *
 * @example
 * looksBinary(Buffer.from('const k = `${a}\0${b}`;\n'), true) // false: a NUL in a template literal
 * looksBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), true) // true: an ELF header
 */
export function looksBinary(buffer: Buffer, code = false): boolean {
  const head = buffer.subarray(0, HEAD);
  if (!head.includes(0)) return false;
  if (!code) return true;
  if (!isUtf8(buffer)) return true;
  let control = 0;
  for (const byte of head) if (isControl(byte)) control += 1;
  return control * CONTROL_SHARE > head.length;
}
