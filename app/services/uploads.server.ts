// Multipart forms with photos. Files are read into memory up to the pipeline's byte limit (anything
// larger is refused before it is all read), judged by content and processed by the photo pipeline.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { imageLimits, ImageRejectedError, processImage } from "./images/pipeline.server.ts";
import { mainVariant, type ProcessedImage } from "./images/srcset.ts";
import { getStorage } from "./storage.server.ts";

export class UploadError extends Error {
  constructor(
    readonly messageVi: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
  }
}

// A product form carries at most 8 photos and a certificate photo; anything bigger than that is
// refused before it is read, so one request cannot fill the server's memory.
const MAX_REQUEST_BYTES = 10 * imageLimits.maxBytes;

/** Reads a form that may be multipart (with files) or plain. Too-large files become an UploadError. */
export async function readForm(request: Request) {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return request.formData();
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_REQUEST_BYTES) {
    const rejected = new ImageRejectedError("too_large");
    throw new UploadError(rejected.message, rejected.messageEn);
  }
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: imageLimits.maxBytes }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      const rejected = new ImageRejectedError("too_large");
      throw new UploadError(rejected.message, rejected.messageEn);
    }
    throw error;
  }
}

/** The non-empty files of a field (a file input left empty sends one empty part). */
export function filesOf(form: FormData, field: string) {
  return form
    .getAll(field)
    .filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v && v.size > 0);
}

export type StoredPhoto = ProcessedImage & { key: string };

/**
 * Runs each file through the photo pipeline and stores its variants. The main key is the WebP
 * variant closest to 640 px, used by cards and link previews.
 */
export async function storePhotos(files: File[]): Promise<StoredPhoto[]> {
  const photos: StoredPhoto[] = [];
  for (const file of files) {
    try {
      const processed = await processImage(new Uint8Array(await file.arrayBuffer()), getStorage());
      photos.push({ ...processed, key: mainVariant(processed.variants).key });
    } catch (error) {
      if (error instanceof ImageRejectedError) throw new UploadError(error.message, error.messageEn);
      throw error;
    }
  }
  return photos;
}
