// Generates public/icons/icon-{16,32,48,128}.png: a rounded square with a magnifier (lens) glyph.
// Node builtins only (hand-written PNG encoder over zlib), so it runs offline.
// Run: npx tsx test/support/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const BACKGROUND: Rgba = [37, 99, 235, 255]; // blue-600
const GLYPH: Rgba = [255, 255, 255, 255];
const SIZES = [16, 32, 48, 128] as const;
const SUPERSAMPLE = 4; // per axis; cheap anti-aliasing

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Which layer covers point (x, y) in unit coordinates [0, 1]: 0 none, 1 background, 2 glyph. */
function layerAt(x: number, y: number): 0 | 1 | 2 {
  const radius = 0.2;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  if (Math.hypot(qx, qy) > radius) return 0;
  // Lens ring centred up-left, handle towards bottom-right.
  const [cx, cy, ringRadius, ringWidth] = [0.43, 0.43, 0.2, 0.08];
  if (Math.abs(Math.hypot(x - cx, y - cy) - ringRadius) < ringWidth / 2) return 2;
  const t = Math.min(Math.max((x - cx + (y - cy)) / 2, 0.16), 0.33);
  if (Math.hypot(x - (cx + t), y - (cy + t)) < 0.055) return 2;
  return 1;
}

function render(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let s = 0; s < n; s++) {
        const x = (px + ((s % SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        const y = (py + (Math.floor(s / SUPERSAMPLE) + 0.5) / SUPERSAMPLE) / size;
        const layer = layerAt(x, y);
        if (layer === 0) continue;
        const c = layer === 2 ? GLYPH : BACKGROUND;
        r += c[0];
        g += c[1];
        b += c[2];
        a += c[3];
      }
      const covered = a / 255; // samples with any colour; un-premultiply by coverage
      const i = (py * size + px) * 4;
      if (covered > 0) out.set([r / covered, g / covered, b / covered, a / n].map(Math.round), i);
    }
  }
  return out;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../public/icons');
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(join(dir, `icon-${size}.png`), encodePng(size, render(size)));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')} to ${dir}`);
