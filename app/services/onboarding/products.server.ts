// Reading the product form of the wizard and of the seller workspace (multipart: fields, photos,
// certificate photo). Everything that can refuse the form is checked before anything is stored: the
// fields, the category, the number of photos and every file's content. The photos and the
// certificate (a private document) come back encoded but unstored: the caller writes them with
// `storeThen` around its database write.
import { parseWithZod } from "@conform-to/zod/v4";
import { MAX_PRODUCT_PHOTOS, ProductFormSchema } from "#app/domain/onboarding.ts";
import { getDb } from "../platform/db.server.ts";
import { categoryIdOf, type ProductPhoto } from "../catalog/product-writes.server.ts";
import {
  checkUploads,
  filesOf,
  preparePhotos,
  preparePrivateDocument,
  type PendingFile,
} from "../http/uploads.server.ts";
import { UserError } from "#app/domain/user-error.ts";
import { notFound } from "../http/replies.server.ts";

export async function readProductForm(
  form: FormData,
  { keptPhotos = 0, missingCategory }: { keptPhotos?: number; missingCategory: () => Error },
) {
  const submission = parseWithZod(form, { schema: ProductFormSchema });
  if (submission.status !== "success") return { submission, value: null } as const;
  const photoFiles = filesOf(form, "photos");
  if (keptPhotos + photoFiles.length > MAX_PRODUCT_PHOTOS) {
    throw new UserError("onboarding.product.tooManyPhotos");
  }
  const certFiles = submission.value.certKind ? filesOf(form, "certPhoto").slice(0, 1) : [];
  // A stale form's category fails the write anyway; finding out before the slow encodes is cheaper.
  await categoryIdOf(getDb(), submission.value.categorySlug, missingCategory);
  await checkUploads([...photoFiles, ...certFiles]);
  const prepared = await preparePhotos(photoFiles);
  const photos: ProductPhoto[] = prepared.photos.map((p) => ({ ...p, alt: submission.value.name }));
  const certificate = certFiles[0] ? await preparePrivateDocument(certFiles[0]) : null;
  const files: PendingFile[] = [...prepared.files, ...(certificate?.files ?? [])];
  return {
    submission,
    value: submission.value,
    photos,
    certificatePhotoKey: certificate?.key ?? null,
    files,
  } as const;
}

/** A product of this seller as the wizard edits it, photos and first certificate included. */
export async function getWizardProduct(sellerId: string, productId: string) {
  const product = await getDb().product.findFirst({
    where: { id: productId, sellerId },
    include: {
      category: { select: { slug: true } },
      images: {
        orderBy: { sortOrder: "asc" },
        select: { storageKey: true, alt: true, width: true, height: true, variants: true, blurDataUrl: true },
      },
      certifications: { take: 1 },
    },
  });
  if (!product) throw notFound();
  return product;
}
