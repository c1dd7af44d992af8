// Writes media/icon.png (128x128): a blue shield with a white check, drawn with 4x4 supersampling, encoded by hand.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SHIELD = [0x1f, 0x5f, 0xa8];
const RIM = [0x0f, 0x3d, 0x73];
const CHECK = [0xff, 0xff, 0xff];

/** Half the shield's width at height y, or -1 outside it: a sloped top, straight sides, an elliptical point. */
function shieldHalfWidth(x, y) {
  if (y < 12 || y > 118) return -1;
  const top = 12 + (14 * Math.abs(x - 64)) / 42;
  if (y < top) return -1;
  if (y <= 64) return 42;
  return 42 * Math.sqrt(Math.max(0, 1 - ((y - 64) / 54) ** 2));
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** The colour of one sample point, or undefined for transparent. */
function sample(x, y) {
  const half = shieldHalfWidth(x, y);
  if (half < 0 || Math.abs(x - 64) > half) return undefined;
  const check = Math.min(distanceToSegment(x, y, [42, 66], [57, 81]), distanceToSegment(x, y, [57, 81], [87, 48]));
  if (check <= 5.5) return CHECK;
  const inner = shieldHalfWidth(x, y - 6);
  return half - Math.abs(x - 64) < 5 || inner < 0 || y > 112 ? RIM : SHIELD;
}

function render() {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  const n = 4;
  for (let y = 0; y < SIZE; y++) {
    rows[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const acc = [0, 0, 0];
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample(x + (sx + 0.5) / n, y + (sy + 0.5) / n);
          if (!c) continue;
          hits++;
          for (let i = 0; i < 3; i++) acc[i] += c[i];
        }
      }
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      if (hits) for (let i = 0; i < 3; i++) rows[o + i] = Math.round(acc[i] / hits);
      rows[o + 3] = Math.round((255 * hits) / (n * n));
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(render(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
