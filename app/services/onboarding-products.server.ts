// Reading the product form of the wizard (multipart: fields, photos, certificate photo).
import { parseWithZod } from "@conform-to/zod/v4";
import { MAX_PRODUCT_PHOTOS, ProductFormSchema } from "#app/domain/onboarding.ts";
import { type ProductPhoto } from "./product-writes.server.ts";
import { filesOf, storePhotos, UploadError } from "./uploads.server.ts";

export async function readProductForm(form: FormData, { keptPhotos = 0 } = {}) {
  const submission = parseWithZod(form, { schema: ProductFormSchema });
  if (submission.status !== "success") return { submission, value: null } as const;
  const files = filesOf(form, "photos");
  if (keptPhotos + files.length > MAX_PRODUCT_PHOTOS) {
    throw new UploadError("Mỗi sản phẩm tối đa 8 ảnh.", "At most 8 photos per product.");
  }
  const photos: ProductPhoto[] = (await storePhotos(files)).map((p) => ({
    ...p,
    alt: submission.value.name,
  }));
  const [certificate] = submission.value.certKind
    ? await storePhotos(filesOf(form, "certPhoto").slice(0, 1))
    : [];
  return {
    submission,
    value: submission.value,
    photos,
    certificatePhotoKey: certificate?.key ?? null,
  } as const;
}
