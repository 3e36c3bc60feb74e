// Vietnamese text folding, shared by slugs and (later) search.

/**
 * Lower-cases and strips every diacritic, mapping đ/Đ to d, so "Đặc sản Cà phê" becomes
 * "dac san ca phe". Unicode's decomposition leaves đ alone (it is a separate letter, not d + mark),
 * hence the explicit mapping.
 */
export function foldVietnamese(text: string) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}

/** ASCII slug: "Xoài cát Hòa Lộc" → "xoai-cat-hoa-loc". */
export function slugify(text: string) {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
