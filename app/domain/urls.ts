// The storefront's public URLs, in Vietnamese like the rest of the site.
export const productUrl = (slug: string) => `/san-pham/${slug}`;
export const sellerUrl = (slug: string) => `/nguoi-ban/${slug}`;
export const categoryUrl = (slug: string) => `/danh-muc/${slug}`;
export const communeUrl = (slug: string) => `/xa-phuong/${slug}`;
