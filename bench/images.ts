// Product photo pipeline on a 12-megapixel phone-sized JPEG, against the naive way of doing the
// same work: one bare `sharp(input).resize(w).toFormat(f).toBuffer()` per variant, one after another,
// each decoding the input again. Both use the same encoder settings, so the figures compare the
// pipeline's shape (decode once, encode concurrently), not encoder choices.
//
// Each side runs in its own child process so its peak memory is its own: glibc keeps freed native
// memory in its arenas, and a second measurement in the same process would look smaller than it is.
import { fork } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import {
  encoderOptions,
  processImage,
  variantFormats,
  variantWidths,
} from "#app/services/images/pipeline.server.ts";
import type { FileStorage } from "#app/services/platform/storage.server.ts";
import { printTable, summarize } from "./lib.ts";

const roleVariable = "CHO_PHIEN_IMAGES_BENCH_ROLE";
type Role = "pipeline" | "baseline";
const runs = 5;

type Measured = {
  times: number[];
  firstRunPeak: number;
  allRunsPeak: number;
  maxRss: number;
  loopDelayP99: number;
  loopDelayMax: number;
  variantTimes: Record<string, number[]>;
  outputBytes: Record<string, number>;
};

/** 4000×3000, quality 90: smooth gradients, mid-frequency shapes and sensor-like noise. */
async function makePhoto() {
  const width = 4000;
  const height = 3000;
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 12345;
  const noise = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24) / 8 - 16;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = noise();
      pixels[i] = 120 + 90 * Math.sin(x / 310) * Math.cos(y / 170) + n;
      pixels[i + 1] = 100 + 60 * Math.sin((x + y) / 500) + 20 * Math.sin(x / 23) + n;
      pixels[i + 2] = 80 + 70 * Math.cos(x / 90 + y / 400) + n;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const sharpFormat = { avif: "avif", webp: "webp", jpg: "jpeg" } as const;

async function baseline(
  input: Buffer,
  variantTimes: Record<string, number[]>,
  outputBytes: Record<string, number>,
) {
  for (const width of variantWidths) {
    for (const format of variantFormats) {
      const start = performance.now();
      const out = await sharp(input)
        .resize(width)
        .toFormat(sharpFormat[format], encoderOptions[format])
        .toBuffer();
      (variantTimes[`${format} ${width}`] ??= []).push(performance.now() - start);
      outputBytes[`${format} ${width}`] = out.byteLength;
    }
  }
}

async function pipeline(input: Buffer, outputBytes: Record<string, number>) {
  const files = new Map<string, Uint8Array>();
  const storage: FileStorage = {
    put: async (key, bytes) => void files.set(key, bytes),
    get: async (key) => files.get(key) ?? null,
  };
  const result = await processImage(input, storage);
  for (const v of result.variants) outputBytes[`${v.format} ${v.width}`] = v.bytes;
}

/** In the child: one warm-up and `runs` timed runs, sampling RSS every 2 ms meanwhile. */
async function measure(role: Role, input: Buffer): Promise<Measured> {
  // No libvips operation cache: repeated runs on the same buffer must redo the work.
  sharp.cache(false);
  const variantTimes: Record<string, number[]> = {};
  const outputBytes: Record<string, number> = {};
  const once = () =>
    role === "pipeline" ? pipeline(input, outputBytes) : baseline(input, variantTimes, outputBytes);

  const rssBefore = process.memoryUsage.rss();
  let peak = rssBefore;
  // The sampler only runs if the event loop is free while sharp works on libuv's threads.
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  await once();
  const firstRunPeak = peak - rssBefore;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  for (const key of Object.keys(variantTimes)) variantTimes[key] = [];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  loopDelay.disable();
  clearInterval(sampler);
  return {
    times,
    firstRunPeak,
    allRunsPeak: peak - rssBefore,
    maxRss: process.resourceUsage().maxRSS * 1024,
    loopDelayP99: loopDelay.percentile(99) / 1e6,
    loopDelayMax: loopDelay.max / 1e6,
    variantTimes,
    outputBytes,
  };
}

function inChild(role: Role, input: Buffer) {
  return new Promise<Measured>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, [roleVariable]: role },
      execArgv: ["--import", "tsx"],
      serialization: "advanced",
    });
    child.once("message", (message) => resolve(message as Measured));
    child.once("error", reject);
    child.once(
      "exit",
      (code) => code !== 0 && reject(new Error(`images bench child (${role}) exited with ${code}`)),
    );
    child.send(input);
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export async function runImagesBench() {
  const makeStart = performance.now();
  const input = await makePhoto();
  console.log(
    `\nImages: a 4000×3000 JPEG (q90, ${mb(input.byteLength)}) made in ${(performance.now() - makeStart).toFixed(0)} ms; ` +
      `${variantWidths.length * variantFormats.length} variants (${variantWidths.join("/")} × ${variantFormats.join("/")}); ` +
      `libvips threads per image: ${sharp.concurrency()}`,
  );
  const piped = await inChild("pipeline", input);
  const naive = await inChild("baseline", input);
  const p = summarize(piped.times);
  const b = summarize(naive.times);

  printTable(`Images (${runs} runs each after a warm-up, each side in its own process)`, [
    {
      name: "processImage (decode once, concurrent)",
      ...p,
      baseline: "9 × bare sharp().resize().toFormat(), sequential",
      ratio: p.p50 / b.p50,
    },
    { name: "  baseline: 9 bare encodes", ...b, baseline: "-", ratio: 1 },
  ]);
  // The first run in a fresh process is the working set. Later runs creep up as glibc's malloc keeps
  // freed native memory in per-thread arenas: allocator drift, shown separately.
  console.log("  memory: peak RSS above the level before the first run (sampled every 2 ms)");
  console.log("              first run   all runs   process max RSS");
  for (const [name, m] of [
    ["pipeline", piped],
    ["baseline", naive],
  ] as const) {
    console.log(
      `    ${name}  ${mb(m.firstRunPeak).padStart(9)}  ${mb(m.allRunsPeak).padStart(9)}   ${mb(m.maxRss).padStart(9)}`,
    );
  }
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`.padStart(9);
  console.log(
    `    ratio     ${ratio(piped.firstRunPeak, naive.firstRunPeak)}  ${ratio(piped.allRunsPeak, naive.allRunsPeak)}`,
  );
  console.log(
    `  event loop delay in the timed runs: pipeline p99 ${piped.loopDelayP99.toFixed(1)} ms, ` +
      `max ${piped.loopDelayMax.toFixed(1)} ms; baseline p99 ${naive.loopDelayP99.toFixed(1)} ms, ` +
      `max ${naive.loopDelayMax.toFixed(1)} ms`,
  );
  console.log("  per variant: baseline p50 ms (decode + resize + encode), size of the pipeline's file");
  for (const format of variantFormats) {
    const cells = variantWidths.map((width) => {
      const key = `${format} ${width}`;
      const t = summarize(naive.variantTimes[key] ?? [0]).p50;
      return `${String(width).padStart(4)}: ${t.toFixed(0).padStart(5)} ms ${kb(piped.outputBytes[key] ?? 0).padStart(7)}`;
    });
    console.log(`    ${format.padEnd(5)} ${cells.join("   ")}`);
  }
}

// The child side: measure, report to the parent, exit.
const role = process.env[roleVariable] as Role | undefined;
if (role) {
  process.once("message", (message) => {
    const bytes = message as Uint8Array;
    void measure(role, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).then((result) =>
      process.send!(result, () => process.exit(0)),
    );
  });
}
