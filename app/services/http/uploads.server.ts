// Multipart forms with photos and spreadsheets. The body is read into memory up to a byte limit
// (counted as it arrives, so a body without Content-Length cannot go past it either), parsed by the
// platform's FormData parser, and each file is judged by its content by the photo pipeline.
//
// Nothing is stored while a request can still be refused: `preparePhotos`/`preparePrivateDocument`
// check and encode in memory, and `storeThen` writes the files just before the database write and
// removes the ones it added if that write fails (docs/decisions/012-private-files.md).
import { UserError } from "#app/domain/user-error.ts";
import {
  encodeDocument,
  encodeImage,
  imageLimits,
  imageRejected,
  inspectImage,
  type EncodedFile,
} from "../images/pipeline.server.ts";
import { mainVariant, type ProcessedImage } from "#app/domain/images.ts";
import { multipartBoundaryOf, mediaTypeOf, readFormBody } from "./request-body.server.ts";
import { getPrivateStorage, getStorage, type StorageArea } from "../platform/storage.server.ts";

const tooLarge = () => imageRejected("too_large");
const malformed = () => new UserError("upload.malformed");

// A product form carries at most 8 photos and a certificate photo; anything bigger than that is
// refused, so one request cannot fill the server's memory.
const MAX_REQUEST_BYTES = 10 * imageLimits.maxBytes;

export type UploadLimits = { fileBytes: number; requestBytes: number };
const photoLimits: UploadLimits = { fileBytes: imageLimits.maxBytes, requestBytes: MAX_REQUEST_BYTES };

/** Passes the body through, erroring once more than `max` bytes went by. */
function byteLimit(max: number, onExceeded: () => void) {
  let seen = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > max) {
        onExceeded();
        controller.error(new Error("request body too large"));
      } else controller.enqueue(chunk);
    },
  });
}

/**
 * Reads a form that may be multipart (with files) or plain. A plain body goes to `readFormBody`
 * (415/400 Responses for what is not a form). A multipart body that is too large, has no boundary
 * or is cut short becomes a UserError with a message. Any file name is fine (`giá=50k.webp`).
 */
export async function readForm(request: Request, limits: UploadLimits = photoLimits): Promise<FormData> {
  if (mediaTypeOf(request) !== "multipart/form-data") return readFormBody(request);
  if (!multipartBoundaryOf(request)) throw malformed();
  if (Number(request.headers.get("Content-Length") ?? 0) > limits.requestBytes) throw tooLarge();
  let exceeded = false;
  let form: FormData;
  try {
    const limited = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body?.pipeThrough(byteLimit(limits.requestBytes, () => (exceeded = true))) ?? null,
      duplex: "half",
    } as RequestInit);
    form = await limited.formData();
  } catch {
    if (exceeded) throw tooLarge();
    throw malformed();
  }
  for (const value of form.values()) {
    if (typeof value === "object" && value.size > limits.fileBytes) throw tooLarge();
  }
  return form;
}

/**
 * The files picked in a field. A file input left untouched sends one empty part with no name: that
 * is no file. A picked file with nothing in it (`empty.jpg`, 0 bytes) is refused with a message.
 */
export function filesOf(form: FormData, field: string) {
  const files = form
    .getAll(field)
    .filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v);
  const empty = files.find((f) => f.size === 0 && f.name !== "");
  if (empty) throw new UserError("upload.emptyFile", { name: empty.name });
  return files.filter((f) => f.size > 0);
}

export type StoredPhoto = ProcessedImage & { key: string };

/** Encoded bytes waiting to be written to one of the two storage areas. */
export type PendingFile = EncodedFile & { area: "public" | "private" };

const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

/** Runs every file's content checks (cheap: no decoding) before any of them is encoded. */
export async function checkUploads(files: File[]) {
  for (const file of files) await inspectImage(await bytesOf(file));
}

/**
 * Runs each file through the photo pipeline, in memory. The main key is the WebP variant closest to
 * 640 px, used by cards and link previews. Store the files with `storeThen`.
 */
export async function preparePhotos(files: File[]): Promise<{ photos: StoredPhoto[]; files: PendingFile[] }> {
  await checkUploads(files);
  const photos: StoredPhoto[] = [];
  const pending: PendingFile[] = [];
  for (const file of files) {
    const { image, files: encoded } = await encodeImage(await bytesOf(file));
    photos.push({ ...image, key: mainVariant(image.variants).key });
    pending.push(...encoded.map((f) => ({ ...f, area: "public" as const })));
  }
  return { photos, files: pending };
}

/** A personal document (consent form, certificate) for the private area, in memory. */
export async function preparePrivateDocument(file: File): Promise<{ key: string; files: PendingFile[] }> {
  const { document, files } = await encodeDocument(await bytesOf(file));
  return { key: document.key, files: files.map((f) => ({ ...f, area: "private" as const })) };
}

/**
 * Stores the files, then runs the database write that refers to them. If storing or the write fails,
 * the files this call added are removed again (a file that was already there belongs to someone
 * else's row: content addressing shares identical bytes) and the error is rethrown.
 */
export async function storeThen<T>(files: PendingFile[], write: () => Promise<T>): Promise<T> {
  const areas: Record<PendingFile["area"], StorageArea> = {
    public: getStorage(),
    private: getPrivateStorage(),
  };
  const added: PendingFile[] = [];
  try {
    for (const file of files) {
      const area = areas[file.area];
      if (!(await area.stat(file.key))) added.push(file);
      await area.put(file.key, file.bytes);
    }
    return await write();
  } catch (error) {
    await Promise.allSettled(added.map((f) => areas[f.area].delete(f.key)));
    throw error;
  }
}
