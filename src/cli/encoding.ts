// Decodes file bytes to text and back, exactly: --fix writes a file only when encode(decode(bytes)) === bytes.

/** How a file's bytes became text, so a fixed text goes back in the same form. */
export interface Codec {
  /** The WHATWG name: utf-8, utf-16le, utf-16be or a single-byte encoding such as windows-1252. */
  name: string;
  /** Undefined when the text holds a character the encoding cannot write. */
  encode: (text: string) => Uint8Array | undefined;
}

export interface Decoded {
  /** The text without its byte-order mark: the core and the reports see what an editor shows. */
  text: string;
  codec: Codec;
  /** The byte-order mark the file started with (empty when none); written back first. */
  bom: Uint8Array;
  /** False when the bytes are not valid in the encoding: the text holds U+FFFD and must never be written. */
  exact: boolean;
}

const BOMS: { name: string; bytes: number[] }[] = [
  { name: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { name: 'utf-16le', bytes: [0xff, 0xfe] },
  { name: 'utf-16be', bytes: [0xfe, 0xff] },
];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** The encoding a byte-order mark announces, if the bytes start with one. */
export function bomOf(bytes: Uint8Array): { name: string; length: number } | undefined {
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  return bom && { name: bom.name, length: bom.bytes.length };
}

function utf16be(text: string): Uint8Array {
  const out = Buffer.from(text, 'utf16le');
  out.swap16();
  return out;
}

/** The WHATWG single-byte encodings: one byte, one character, so a table of the 256 bytes goes both ways. */
const SINGLE_BYTE = new Set([
  'ibm866', 'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8',
  'iso-8859-8-i', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-15', 'iso-8859-16', 'koi8-r', 'koi8-u',
  'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
]);

/** Node has no encoder for single-byte encodings: invert the decoder's table of the 256 bytes. */
function singleByteEncoder(name: string): Codec['encode'] {
  const decoder = new TextDecoder(name);
  const table = new Map<number, number>();
  for (let b = 0; b < 256; b++) {
    const s = decoder.decode(Uint8Array.of(b));
    if (s !== '\uFFFD') table.set(s.charCodeAt(0), b);
  }
  return (text) => {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const b = table.get(text.charCodeAt(i));
      if (b === undefined) return undefined;
      out[i] = b;
    }
    return out;
  };
}

/**
 * The codec for a WHATWG encoding label (as Node's TextDecoder reads them), or an error message. Supported:
 * UTF-8, UTF-16LE/BE and every single-byte encoding; multi-byte legacy encodings (Shift_JIS, GBK, Big5, …)
 * have no encoder in Node, so a fixed text could not be written back.
 */
export function codecFor(label: string): Codec | string {
  let name: string;
  try {
    name = new TextDecoder(label).encoding;
  } catch {
    return `unknown encoding '${label}'`;
  }
  if (name === 'utf-8') return { name, encode: (t) => Buffer.from(t, 'utf8') };
  if (name === 'utf-16le') return { name, encode: (t) => Buffer.from(t, 'utf16le') };
  if (name === 'utf-16be') return { name, encode: utf16be };
  if (SINGLE_BYTE.has(name)) return { name, encode: singleByteEncoder(name) };
  return `encoding '${label}' (${name}) is not supported: only UTF-8, UTF-16 and single-byte encodings can be written back`;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);

/**
 * Decodes a file: a byte-order mark decides the encoding (as in the WHATWG decode algorithm), then the
 * explicit codec, then UTF-8. Invalid bytes become U+FFFD for analysis, and `exact` says the text cannot be
 * written back.
 */
export function decode(bytes: Uint8Array, explicit?: Codec): Decoded {
  const bom = bomOf(bytes);
  const codec = bom ? (codecFor(bom.name) as Codec) : (explicit ?? (codecFor('utf-8') as Codec));
  const body = bytes.subarray(bom?.length ?? 0);
  let text: string;
  let exact = true;
  try {
    text = new TextDecoder(codec.name, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    text = new TextDecoder(codec.name, { ignoreBOM: true }).decode(body);
    exact = false;
  }
  // Fatal decoding is exact for the UTF encodings; the check also covers single-byte tables with gaps.
  const back = exact ? codec.encode(text) : undefined;
  return { text, codec, bom: bytes.subarray(0, bom?.length ?? 0), exact: back !== undefined && same(back, body) };
}

/** The bytes of a fixed text in the file's own form, BOM first; undefined when the encoding cannot hold it. */
export function encode(text: string, from: Decoded): Uint8Array | undefined {
  const body = from.codec.encode(text);
  return body && Buffer.concat([from.bom, body]);
}
